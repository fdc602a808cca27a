"""Round 15: proposes recall on unseen papers (classes of misses found on eval/round4).
One test per rule on made-up sentences about a made-up tiling planner, each failing when
its rule is removed (fixture vocabulary as in test_extract_rules)."""

from __future__ import annotations

from tests.extract_helpers import proposed, run


def test_a_named_concept_the_paper_introduces(ex):
    p = proposed(
        ex,
        "In this work, we introduce the notion of Grout Line Visibility (GLV), based on how "
        "far a tiler can see.",
    )
    assert "Grout Line Visibility" in p


def test_a_lower_case_notion_is_no_name(ex):
    p = proposed(ex, "We introduce the notion of tile visibility and study it on floors.")
    assert not p


def test_a_named_concept_is_not_the_main_method(ex):
    """ "Our method" is the planner proposed beside the concept: its result is the
    planner's."""
    e = run(
        ex,
        "We introduce the concept of Corner Visibility and propose Tilemaker, a planner "
        "for floors. Our method reaches 91.2% accuracy on the TileSet benchmark.",
    )
    subjects = {e.entities[v.subject].label for v in e.evaluations}
    assert "Corner Visibility" not in subjects


def test_the_part_at_the_core_of_the_own_method(ex):
    p = proposed(
        ex,
        "We propose Tilemaker, a planner for floors. At the core of Tilemaker is "
        "Grout-Studio, a layout engine that places tiles.",
    )
    assert {"Tilemaker", "Grout-Studio"} <= p


def test_central_to_our_approach(ex):
    p = proposed(
        ex,
        "We propose Tilemaker, a planner for floors. Central to our approach is the "
        "Corner-Grout Alignment, which snaps tiles to lines.",
    )
    assert "Corner-Grout Alignment" in p


def test_the_core_of_someone_elses_method_is_not_proposed(ex):
    p = proposed(
        ex,
        "We propose Tilemaker, a planner for floors. At the core of FloorNet is "
        "Grout-Studio, a layout engine.",
    )
    assert "Grout-Studio" not in p


def test_the_proposed_head_noun_and_name(ex):
    p = proposed(
        ex,
        "We propose Tilemaker, a planner for floors. The proposed layout method TILR and "
        "the interactive system Grout-Studio will be released.",
    )
    assert {"TILR", "Grout-Studio"} <= p


def test_together_with_a_described_name(ex):
    p = proposed(
        ex,
        "We present Tilemaker, a planner that lays floors, together with TileVQA, a "
        "large-scale dataset of tiled rooms.",
    )
    assert {"Tilemaker", "TileVQA"} <= p


def test_a_title_spelling_its_acronym(ex):
    p = proposed(
        ex,
        "The grout line layout framework is considered. A planner is trained on floors.",
        title="Deep Grout Line Layout (DeepGLL): Planning Floors",
    )
    assert "Deep Grout Line Layout" in p


def test_a_mixed_case_acronym_the_definitions_stage_rejects(ex):
    """The long form ends in a word the definitions stage reads as a thing ("Agent"):
    before, the proposal of its mixed-case short form was dropped with it."""
    p = proposed(
        ex,
        "Tilers fail silently.We propose TileGUI (Tile-driven GUI Agent), which checks "
        "every placed tile.",
    )
    assert "TileGUI" in p


def test_a_new_defined_part_after_the_proposal(ex):
    p = proposed(
        ex,
        "We present Tilemaker, a planner for floors. To follow walls, an attention "
        "mechanism with a Corner Snap Transform (CST) recurrently refines the layout. The "
        "layout is built via a Grout Line Refinement (GLR) pipeline.",
    )
    assert {"Corner Snap Transform", "Grout Line Refinement"} <= p


def test_a_defined_name_before_any_proposal_is_not_a_part(ex):
    p = proposed(
        ex,
        "Floors use a Corner Snap Transform (CST) module. We present Tilemaker, a planner "
        "for floors.",
    )
    assert "Corner Snap Transform" not in p


def test_variants_of_a_proposed_name(ex):
    abstract = (
        "We introduce TileBench, a benchmark of floors. We also propose TileMaker, a "
        "planner. A harder TileBench+ is hard for all planners, and TileMaker-VLM reads "
        "floor plans."
    )
    assert {"TileBench+", "TileMaker-VLM"} <= proposed(ex, abstract)
    e = run(ex, abstract)
    types = {x.label: x.type for x in e.entities.values()}
    assert types.get("TileBench+") == "Benchmark"


def test_a_titled_part_in_a_sentence_about_the_own_method(ex):
    e = run(
        ex,
        "We propose TileMaker, a planner for floors. Based on this insight, TileMaker "
        "scores each layout via a Grout Straightness Score and places tiles.",
    )
    ents = {x.label: x.type for x in e.entities.values()}
    labels = {e.entities[p.entity].label for p in e.proposes}
    assert "Grout Straightness Score" in labels
    assert ents["Grout Straightness Score"] == "Metric"


def test_enumerated_phases_of_the_own_method_that_act(ex):
    p = proposed(
        ex,
        "We present TileMaker, a planner for floors. TileMaker trains in two phases: (1) "
        "Corner Reward Tuning aligns corners; (2) Grout Line Refit straightens lines.",
    )
    assert {"Corner Reward Tuning", "Grout Line Refit"} <= p


def test_a_titled_phrase_in_someone_elses_sentence_is_not_a_part(ex):
    p = proposed(
        ex,
        "We propose TileMaker, a planner for floors. FloorNet scores each layout via a "
        "Grout Straightness Score.",
    )
    assert "Grout Straightness Score" not in p


def test_a_mined_name_the_paper_introduces_and_describes(tmp_path):
    """The mined vocabulary holds names taken from the corpus, the introducing paper's
    too: "we further introduce X, which ..." still proposes it; a curated name stays
    used ("we introduce low-rank adaptation, which ...")."""
    import shutil

    from kg.extract import Extractor
    from tests.conftest import EXTRACT_VOCAB

    for f in EXTRACT_VOCAB.glob("*.jsonl"):
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "mined_methods.jsonl").write_text(
        '{"id": "method/tilemaker-h1", "type": "Method", "prefLabel": "TileMaker-H1"}\n',
        encoding="utf-8",
    )
    mex = Extractor(vocab_dir=tmp_path)
    p = proposed(
        mex,
        "We present TileMaker, a planner for floors. Building on it, we further introduce "
        "TileMaker-H1, which checks every placed tile.",
    )
    assert "TileMaker-H1" in p
    p = proposed(mex, "We introduce LoRA, which adapts the planner to new floors.")
    assert "LoRA" not in p and "low-rank adaptation" not in p


def test_a_title_data_set_named_as_a_whole(ex):
    e = run(
        ex,
        "The TileLab initiative has curated 4,000 floor plans. Each plan is aligned with "
        "its tiling.",
        title="TileLab Floor Corpora: Resources for Tiling",
    )
    labels = {e.entities[p.entity].label: e.entities[p.entity].type for p in e.proposes}
    assert labels.get("TileLab Floor Corpora") == "Benchmark"
    assert "TileLab" not in labels


def test_a_used_kind_in_a_sentence_about_the_own_method_is_not_a_part(ex):
    p = proposed(
        ex,
        "We propose TileMaker, a planner for floors. TileMaker utilizes a Grout Vision "
        "Transformer v2 backbone and lifts a small planner to TILE performance.",
    )
    assert "TileMaker" in p
    assert not any("Grout Vision" in n or "TILE" in n.split() for n in p)


def test_the_proposed_head_noun_and_a_two_word_name(ex):
    p = proposed(
        ex,
        "We propose TileMaker, a planner for floors. The proposed approach T3 GRID, further "
        "adds a grout check.",
    )
    assert "T3 GRID" in p


def test_an_enumerated_step_is_no_name(ex):
    p = proposed(
        ex,
        "We propose TileMaker, a planner for floors. TileMaker improves layouts by: (1) "
        "Designing an IoU-Grout loss function to straighten lines; and (2) Grout Line "
        "Refit straightens lines.",
    )
    assert not any(n.startswith("Designing") for n in p)
    assert "Grout Line Refit" in p
