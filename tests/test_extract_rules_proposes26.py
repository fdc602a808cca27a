"""Round 17: proposes recall where the paper names its contribution but the rules lost
it (classes counted on a corpus draw, not on evaluation misses). Made-up sentences about
made-up tiling systems; each positive test fails without its change."""

from __future__ import annotations

from tests.extract_helpers import proposed


# -- proposal_rescue: the proposal beats the form-based rejections ------------------
def test_a_title_name_with_a_plural_data_head_stays_proposed(ex):
    """ "presents X datasets" alone reads as a kind of data; the title names X too."""
    p = proposed(
        ex,
        "This article presents TileTwin datasets, replicas of three floor scans. "
        "Each TileTwin dataset holds 10K frames.",
        title="TileTwin: Synthetic Replicas of Floor Scans",
    )
    assert "TileTwin" in p


def test_a_task_worded_name_described_as_a_method_stays_proposed(ex):
    p = proposed(
        ex,
        "We propose Selective Grout Restoration (SGR), a training-free method that "
        "restores selected joints. SGR improves evenness.",
    )
    assert "Selective Grout Restoration" in p


def test_a_task_worded_name_before_its_acronym_and_a_head_stays_proposed(ex):
    p = proposed(
        ex,
        "To address these challenges, we propose Hierarchical Instruction-aware Floor "
        "Tracking (HIFT) agent, which bridges plans and actions.",
    )
    assert "Hierarchical Instruction-aware Floor Tracking" in p


def test_a_lower_case_long_form_acronym_before_a_loss_stays_proposed(ex):
    p = proposed(
        ex,
        "We propose a grout driven adaptive (GDA) loss to improve tile detection. "
        "The proposed GDA loss focuses on small tiles.",
    )
    assert "GDA" in p


def test_a_named_task_is_still_not_proposed(ex):
    p = proposed(
        ex,
        "We introduce Selective Grout Restoration (SGR), a new task that asks models "
        "to restore joints.",
    )
    assert "Selective Grout Restoration" not in p and "SGR" not in p


# -- title_defined: the title opens with a long form the abstract defines -----------
def test_a_title_first_long_form_defined_in_the_own_voice_is_proposed(ex):
    p = proposed(
        ex,
        "Tilers repeat work. In this paper, we present multi-level grout transfer for "
        "tilers (MGT-Tile), a novel approach that reworks the tiling pipeline.",
        title="Multi-level Grout Transfer for Tilers",
    )
    assert "multi-level grout transfer for tilers" in {n.lower() for n in p}


def test_a_title_first_field_the_paper_advances_is_not_proposed(ex):
    p = proposed(
        ex,
        "This study advances aspect-based grout analysis (ABGA) for tile reviews. We "
        "fine-tune a reader on 9,000 reviews.",
        title="Aspect-Based Grout Analysis for Tile Reviews",
    )
    assert not {n.lower() for n in p} & {"aspect-based grout analysis", "abga"}


def test_we_call_this_then_the_name(ex):
    p = proposed(
        ex,
        "We steer the tiler by the risk of each row. We call this Risk-adaptive Row "
        "Steering (RRS).",
        title="Risk-adaptive Row Steering for Safe Tilers",
    )
    assert "Risk-adaptive Row Steering" in p


def test_a_title_first_long_form_the_paper_only_works_on_is_not_proposed(ex):
    p = proposed(
        ex,
        "While Neural Grout Proving (NGP) has achieved success, its use for floors is "
        "unexplored. We build a benchmark of floors.",
        title="Neural Grout Proving for Floors",
    )
    assert "Neural Grout Proving" not in p


# -- proposals: no "we <verb>" inside a name ---------------------------------------
def test_a_clause_after_an_own_work_phrase_is_not_part_of_the_name(ex):
    p = proposed(
        ex,
        "We propose Tilemaker, a planner for floors. To evaluate our approach, we "
        "introduce GroutEdits, a benchmark of 500 floors.",
    )
    assert "GroutEdits" in p
    assert not any(n.lower().startswith("we ") for n in p)


# -- cues: past-tense and data-building verbs (weak: a name must follow) ------------
def test_we_built_a_named_benchmark(ex):
    p = proposed(
        ex,
        "We propose Tilemaker, a planner for floors. To validate it, we built "
        "TILEFLOWBENCH, a comprehensive benchmark suite for floor planners.",
    )
    assert "TILEFLOWBENCH" in p


def test_we_collect_a_new_named_dataset(ex):
    p = proposed(
        ex,
        "We propose Tilemaker, a planner for floors. We also collect a new dataset, "
        "GroutAlign, to fine-tune the planner.",
    )
    assert "GroutAlign" in p


# -- name_extensions: names built on a proposed name --------------------------------
def test_a_glued_benchmark_name_after_the_proposed_one_is_proposed(ex):
    p = proposed(
        ex,
        "We propose TileOCR, a reader for floor plans. Our evaluation on the newly "
        "curated TileOCRBench shows gains.",
    )
    assert "TileOCRBench" in p


def test_hyphenated_parts_of_the_proposed_method_are_proposed(ex):
    p = proposed(
        ex,
        "We introduce TileMatrix, a family of planners. At small scale, TileMatrix-ROSA "
        "and TileMatrix-SparsePointer outperform a planner of the same size.",
    )
    assert {"TileMatrix-ROSA", "TileMatrix-SparsePointer"} <= p


def test_a_name_and_a_head_word_is_not_a_second_proposal(ex):
    p = proposed(
        ex,
        "We present GroutSet, a dataset of floors. Models trained on the GroutSet "
        "Dataset generalise.",
    )
    assert "GroutSet Dataset" not in p


# -- bare_concepts: a coined lower-case concept without an article ------------------
def test_a_coined_bare_concept_described_by_which_is_proposed(ex):
    p = proposed(
        ex,
        "Tilers waste grout. We introduce joint-guided tiling, which removes the rows "
        "a planner does not need.",
    )
    assert "joint-guided tiling" in p


def test_a_bare_phrase_without_a_coined_compound_is_no_name(ex):
    p = proposed(
        ex,
        "We propose modifications, which improve tilers. We introduce grout pools, "
        "where rows wait, and we propose row-wise tile pools, which hold tiles.",
    )
    assert not p & {"modifications", "grout pools", "row-wise tile pools"}


def test_a_parenthesis_that_is_no_acronym_makes_no_lower_case_name(ex):
    p = proposed(
        ex,
        "For the study, we collected high-density multispectral tile data (>1000 pts/m²) "
        "at three wavelengths.",
    )
    assert not any("tile data" in n for n in p)
