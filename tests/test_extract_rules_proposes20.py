"""Round 12 (session 10): what a paper proposes. One test per rule on made-up sentences,
each failing when its rule is removed (fixture vocabulary as in test_extract_rules)."""

from __future__ import annotations

from kg.extract.normalise import match_key, singular_slug
from kg.models import Paper


def proposed(ex, abstract: str, title: str = "A study of things") -> set[str]:
    """Labels and aliases of the proposed entities."""
    e = ex.extract(Paper(title=title, abstract=abstract))
    ents = [e.entities[p.entity] for p in e.proposes]
    return {n for x in ents for n in (x.label, *x.aliases)}


def test_a_capital_s_is_not_a_plural():
    assert singular_slug("QuorS") == "quors"  # not "quor"
    assert singular_slug("Agents") == "agent"
    assert singular_slug("GNNS") == singular_slug("GNNs") == "gnn"  # all capitals: a plural
    assert match_key("GNNs") == match_key("GNN")


def test_other_short_publication_types_propose(ex):
    assert "Brixel" in proposed(ex, "This brief proposes Brixel, a tiling planner for warehouses.")
    assert "Brixel" in proposed(ex, "This letter presents Brixel, a tiling planner.")


def test_any_adverb_between_we_and_the_verb(ex):
    assert "Brixel" in proposed(ex, "We subsequently introduce Brixel, a tiling planner.")


def test_a_defined_title_case_phrase_after_the_verb_is_the_name(ex):
    p = proposed(
        ex,
        "We study tiling. Finally, we introduce a Load-aware Tile Selection (LTS) to place "
        "tiles with linear cost.",
    )
    assert "Load-aware Tile Selection" in p
    # the acronym must be spelt by the phrase: "(FOO)" after an unrelated phrase is not it
    assert "Rotating Tile Planner" not in proposed(
        ex, "Finally, we introduce a Rotating Tile Planner (XQZ) for tiles."
    )


def test_defined_parts_of_the_papers_own_method(ex):
    p = proposed(
        ex,
        "We propose Brixel, a tiling planner. Brixel incorporates Hierarchical Edge "
        "Guidance (HEG) to align tiles and Balanced Load Regularization (BLR) to spread "
        "weight.",
    )
    assert {"Brixel", "Hierarchical Edge Guidance", "Balanced Load Regularization"} <= p


def test_defined_parts_need_the_papers_own_subject(ex):
    p = proposed(
        ex,
        "We propose Brixel, a tiling planner. Prior planners incorporate Hierarchical Edge "
        "Guidance (HEG) to align tiles.",
    )
    assert "Hierarchical Edge Guidance" not in p


def test_naming_cue_then_the_defined_phrase(ex):
    p = proposed(
        ex,
        "We propose a novel tile descriptor, termed the Disk Tile Neighborhood (DTN), which "
        "keeps a matrix structure.",
    )
    assert "Disk Tile Neighborhood" in p


def test_the_proposed_description_then_its_name_in_brackets(ex):
    p = proposed(
        ex,
        "Tiling at night is hard. Experiments validate the proposed dual prompt-driven "
        "tiler (DPTiler) on three warehouses.",
    )
    assert "DPTiler" in p


def test_a_name_the_sentence_splitter_cut_keeps_its_span_inside_its_sentence(ex):
    """ "MR. Judge" splits into two sentences; the mention's evidence sentence spans both,
    so its offsets lie inside it (what kg validate's MentionShape checks)."""
    e = ex.extract(
        Paper(
            title="MR. Judge: Multimodal Reasoner as a Judge",
            abstract="We propose Multimodal Reasoner as a Judge (MR. Judge), a paradigm.",
        )
    )
    assert e.mentions
    for m in e.mentions:
        sp = m.span
        assert sp.sentence_start <= sp.start <= sp.end <= sp.sentence_start + len(sp.sentence)
        assert sp.sentence[sp.start - sp.sentence_start : sp.end - sp.sentence_start] == m.text
