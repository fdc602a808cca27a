"""Round 13: proposes recall. One test per rule on made-up sentences, each failing when
its rule is removed (fixture vocabulary as in test_extract_rules)."""

from __future__ import annotations

from kg.models import Paper


def proposed(ex, abstract: str, title: str = "A study of things") -> set[str]:
    """Labels and aliases of the proposed entities."""
    e = ex.extract(Paper(title=title, abstract=abstract))
    ents = [e.entities[p.entity] for p in e.proposes]
    return {n for x in ents for n in (x.label, *x.aliases)}


def test_a_bare_defined_phrase_after_a_weak_verb(ex):
    p = proposed(
        ex,
        "In the second stage, we develop Adaptive Tile Policy Optimization (ATPO), which "
        "uses tokens as triggers.",
    )
    assert "Adaptive Tile Policy Optimization" in p


def test_defined_parts_of_a_method_named_by_its_acronym(ex):
    p = proposed(
        ex,
        "We propose Load-Aware Tile Learning (LATL) for tiling. LATL incorporates "
        "Hierarchical Edge Guidance (HEG) to align tiles.",
    )
    assert "Hierarchical Edge Guidance" in p


def test_sized_variants_of_a_proposed_model(ex):
    p = proposed(
        ex,
        "We introduce Brixel, a family of tiling models. The series includes Brixel-1B and "
        "Brixel-8B, which tile faster than prior planners.",
    )
    assert {"Brixel", "Brixel-1B", "Brixel-8B"} <= p


def test_markdown_bold_and_size_ranges_are_no_part_of_a_proposal(ex):
    p = proposed(
        ex,
        "As a case study, we curate **Brixel-Tiles**: 5M tiles from the web. We train "
        "ninve models (4B-35B) across six families.",
    )
    assert "Brixel-Tiles" in p
    assert not any("*" in n or n == "4B-35B" for n in p)


def test_a_naming_cue_after_an_own_work_phrase_is_no_part_of_the_name(ex):
    p = proposed(ex, "We train tilers. The resulting models, which we call Brixel-Tiler, are fast.")
    assert "Brixel-Tiler" in p
    assert not any(n.startswith("which") for n in p)


def test_a_defined_name_the_sentence_says_is_proposed(ex):
    p = proposed(
        ex,
        "We study tiling. Secondly, a synergistic tile pyramid network (STPN) is proposed. "
        "STPN places tiles through the designed wide-area tile module (WTM).",
    )
    assert {"synergistic tile pyramid network", "wide-area tile module"} <= p
    # the object of another noun that is proposed is not
    p = proposed(
        ex,
        "We study tiling. A head incorporating the Inverse Tile Transform (ITT) is also proposed.",
    )
    assert "Inverse Tile Transform" not in p


def test_a_list_of_names_after_a_passive_proposal(ex):
    p = proposed(
        ex,
        "We study tiling. Two families are introduced: RTX (ResNet50-Tiling-X) and PMQ "
        "(PatchGAN-Multi-Query). We report two novel metrics proposed in this work: the "
        "Thematic Tile Score (TTS) and Entity Tile Score (ETS).",
    )
    assert {"RTX", "PMQ", "Thematic Tile Score", "Entity Tile Score"} <= p


def test_a_capitalised_name_the_text_calls_new(ex):
    p = proposed(
        ex,
        "We propose Brixel, a tiling planner. A new View Tile Transformer aggregates rays, "
        "and a novel VLM-as-a-Tiler checks alignment.",
    )
    assert {"View Tile Transformer", "VLM-as-a-Tiler"} <= p
    # one of a kind named before is not new: "a novel ABC method"
    p = proposed(
        ex,
        "Prior tilers include Attention with Bounded Tile Control (ABTC). We introduce "
        "Brixel, a novel ABTC method.",
    )
    assert "ABTC" not in p and "Attention with Bounded Tile Control" not in p


def test_an_undefined_capitalised_part_of_the_papers_own_method(ex):
    p = proposed(
        ex,
        "We propose DynTile, a tiling planner. To stay compact, DynTile introduces a "
        "Dynamics Tiler that compresses layouts. Our architecture first employs a Next "
        "Tile Classifier to pick shapes.",
    )
    assert {"Dynamics Tiler", "Next Tile Classifier"} <= p


def test_a_defined_part_right_after_the_verb_of_the_proposal_clause(ex):
    p = proposed(
        ex,
        "We propose Brixel, a train-free method that employs Peak Tile Orthogonal "
        "Transformation (PTOT) to shape layouts.",
    )
    assert "Peak Tile Orthogonal Transformation" in p
    # deeper in the clause it is background: "... features decomposed by Discrete Tile
    # Transform (DTT)"
    p = proposed(
        ex,
        "We propose Brixel, a fusion method that integrates the features of RGB and IR "
        "decomposed by Discrete Tile Transform (DTT).",
    )
    assert "Discrete Tile Transform" not in p


def test_a_title_case_name_ending_in_a_head_word_before_its_appositive(ex):
    p = proposed(
        ex,
        "This paper introduces Tile Distillation, a novel, principled framework for tile "
        "selection.",
    )
    assert "Tile Distillation" in p


def test_any_one_word_between_we_and_the_verb(ex):
    assert "Brixel" in proposed(ex, "We furthur propose a novel model, Brixel, for tiling.")
    assert "Brixel" in proposed(ex, "We can introduce Brixel, a tiling planner.")


def test_a_bold_name_after_an_own_work_phrase(ex):
    p = proposed(ex, "We train tilers. Our best model, **Tiler-Pro-35B**, places tiles fastest.")
    assert "Tiler-Pro-35B" in p


def test_a_superscript_inside_a_proposed_name(ex):
    p = proposed(ex, "We introduce T²X3D, a 3D tile question answering dataset for tiling.")
    assert "T²X3D" in p and "T" not in p


def test_a_name_with_an_appositive_later_in_the_cue_sentence(ex):
    p = proposed(
        ex,
        "We propose a strong baseline to tackle forgetting with AceTiler, a method that "
        "critiques every past layout.",
    )
    assert "AceTiler" in p


def test_a_sentence_opening_on_a_defined_part_that_acts(ex):
    p = proposed(
        ex,
        "We propose RTSC, a tiling planner. ATKS (Attention-Tile KV Sharing) computes the "
        "prefix once. CGTE (Confidence-Gated Tile Exit) applies two exit mechanisms.",
    )
    assert {"Attention-Tile KV Sharing", "Confidence-Gated Tile Exit"} <= p
    # before the paper says what it proposes, such a sentence is background
    p = proposed(
        ex,
        "ATKS (Attention-Tile KV Sharing) computes the prefix once. We propose RTSC, a "
        "tiling planner.",
    )
    assert "Attention-Tile KV Sharing" not in p


def test_a_dash_list_of_released_names(ex):
    p = proposed(
        ex,
        "We release the Brixel tiling models – BX-Nano, BX-Super, and BX-Ultra – under "
        "an open license.",
    )
    assert {"BX-Nano", "BX-Super", "BX-Ultra"} <= p


def test_a_sentence_opening_on_a_capitalised_component_that_acts(ex):
    p = proposed(
        ex,
        "We propose Brixel, a tiling planner. Subsequently, a Graph-Aware Tile mechanism "
        "projects graph signals into soft prompts.",
    )
    assert "Graph-Aware Tile" in p


def test_lower_case_words_before_a_generic_method_head(ex):
    p = proposed(
        ex,
        "We propose a smooth tiling technique that instills a strong bias in tilers. "
        "We further introduce a normalized conformal tiling scheme that leverages noise.",
    )
    assert {"smooth tiling", "normalized conformal tiling"} <= p
    # adjectives of the proposal and one-word names are not enough
    p = proposed(ex, "We propose a simple yet effective training strategy for tilers.")
    assert not p
    p = proposed(ex, "We propose a simple yet effective tile augmentation strategy.")
    assert p == {"tile augmentation"}


def test_enumerated_parts_after_a_part_verb_and_a_colon(ex):
    p = proposed(
        ex,
        "We propose Brixel. Our dual-phase framework introduces: (1) Anchored Tiling - fixing "
        "rejected tiles using past outputs and (2) Future-Guided Placing - curating tiles.",
    )
    assert {"Anchored Tiling", "Future-Guided Placing"} <= p


def test_synthesised_datasets_are_proposed(ex):
    p = proposed(
        ex,
        "Using this pipeline, we synthesized two large-scale tiling datasets that span 75 "
        "domains: TLR-Book (3.04 million layouts from books) and TLR-Web (1.66 million "
        "layouts from the web).",
    )
    assert {"TLR-Book", "TLR-Web"} <= p


def test_a_capitalised_name_after_the_proposed(ex):
    p = proposed(
        ex, "We study tiling. We compare baselines using a proposed Structure-Aware Tile Framework."
    )
    assert "Structure-Aware Tile Framework" in p


def test_hyphenated_variants_of_a_proposed_name_in_the_abstract(ex):
    p = proposed(
        ex,
        "We present 3D-Tile, a tiling framework. We provide TLS-Search-Pro for quality and "
        "TLS-Search-Fast for speed, built on TLS. Experiments show 3D-Tile-4B beats larger "
        "planners.",
        title="3D-Tile: Tiling with TLS (Tile Layout Search)",
    )
    assert "3D-Tile-4B" in p
