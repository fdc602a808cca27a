"""Round 29 (proposes): names the resolver lost to a task appositive that was not one
("X, a framework combining task routing ...", "X, a Task Arithmetic-based model"), and
names described as new in an appositive outside a cue sentence ("At its core lies X, a
novel ..."; kg.extract.proposal_appositives). Made-up sentences about made-up tiling
systems; each positive test fails without its change."""

from __future__ import annotations

from tests.extract_helpers import labels, proposed


# -- evidence.def_task_appositive: the task word must head the appositive ------------
def test_a_task_word_inside_the_appositive_does_not_make_a_task(ex):
    p = proposed(
        ex,
        "Floor tiling is costly. We propose TL4GR, a framework combining task "
        "discrimination and grout routing for tiling. TL4GR lowers the cost of layouts.",
    )
    assert "TL4GR" in p


def test_a_capitalised_task_modifier_does_not_make_a_task(ex):
    p = proposed(
        ex,
        "Floor tiling is costly. We propose TiLET, a Task Arithmetic-based grout "
        "merging framework that lays tiles. TiLET is fast.",
    )
    assert "TiLET" in p


def test_a_new_task_appositive_still_makes_a_task(ex):
    p = proposed(
        ex,
        "Floor tiling is costly. We introduce Grout Seam Tracing (GST), a new task that "
        "asks where joints open. We also release a dataset.",
    )
    assert "Grout Seam Tracing" not in p
    assert "GST" not in p


# -- proposal_appositives: "X, a novel ..." anywhere -----------------------------------
def test_a_name_described_as_novel_outside_a_cue_sentence_is_proposed(ex):
    p = proposed(
        ex,
        "We present TileMax, a system for floor tiling. At its core lies G-SEAM, a novel "
        "ensemble of grout predictors that places joints.",
    )
    assert "G-SEAM" in p


def test_a_name_described_as_new_after_a_verb_is_proposed(ex):
    p = proposed(
        ex,
        "We present TileMax, a system for floor tiling. TileMax incorporates GroutNorm, "
        "a new normalisation layer for seam maps.",
    )
    assert "GroutNorm" in p


def test_a_sentence_opener_before_a_novel_appositive_is_no_name(ex):
    p = proposed(
        ex,
        "We present TileMax, a system for floor tiling. Furthermore, a novel grout "
        "predictor places joints.",
    )
    assert "Furthermore" not in p


def test_a_name_described_without_novel_is_not_proposed_by_the_appositive(ex):
    p = proposed(
        ex,
        "We present TileMax, a system for floor tiling. TileMax incorporates GroutNorm, "
        "a normalisation layer for seam maps.",
    )
    assert "GroutNorm" not in p


# -- resolver._retype_definition: a proposed metric defined with its acronym -----------
def test_a_proposed_metric_defined_with_its_acronym_is_a_metric(ex):
    got = labels(
        ex,
        "Floor tiling is costly. We further introduce Grout Seam Regularity (GSR), a "
        "novel metric to quantify joint quality without a reference layout.",
    )
    assert got.get("Grout Seam Regularity") == "Metric"


def test_a_metric_named_after_its_head_is_a_metric(ex):
    got = labels(
        ex,
        "Floor tiling is costly. In addition, we introduce a new evaluation metric, "
        "Grout Seam Regularity (GSR), which scores joints without a reference layout.",
    )
    assert got.get("Grout Seam Regularity") == "Metric"


def test_a_proposed_score_that_is_a_method_is_not_retyped(ex):
    got = labels(
        ex,
        "Floor tiling is costly. We propose Grout Seam Fusion (GSF), an unsupervised "
        "single-pass score that fuses two signals with a gate.",
    )
    assert got.get("Grout Seam Fusion") != "Metric"


def test_a_novel_task_appositive_is_not_a_proposal(ex):
    p = proposed(
        ex,
        "We present TileMax, a system for floor tiling. We also pose Grout-aware Seam "
        "Tracing, a novel task aiming at finding joints.",
    )
    assert "Grout-aware Seam Tracing" not in p


def test_a_cut_name_before_a_novel_appositive_is_not_taken(ex):
    p = proposed(
        ex,
        "We present TileMax, a system for floor tiling. We run the TGX 2025 Floor Seam "
        "Grout Tiling Challenge, a new benchmark for joints.",
    )
    assert "2025 Floor Seam Grout Tiling Challenge" not in p


# -- proposal_titled: "we <verb> a|an Title Case Words ..." ----------------------------
def test_a_titled_object_after_a_weak_verb_is_proposed(ex):
    p = proposed(
        ex,
        "We propose TileMax, a system for floor tiling. Finally, we design a Dynamic "
        "Grout Routing Module to reduce the search space of layouts.",
    )
    assert "Dynamic Grout Routing Module" in p


def test_a_titled_object_before_a_lower_case_head_is_proposed(ex):
    p = proposed(
        ex,
        "We propose TileMax, a system for floor tiling. Therefore, we propose a Coherent "
        "Seam Duplication method to apply grout across rooms.",
    )
    assert "Coherent Seam Duplication" in p


def test_a_titled_object_ending_in_an_adjective_is_not_taken(ex):
    p = proposed(
        ex,
        "Floor tiling is costly. We propose a Grout Book Guided evaluation pipeline for "
        "layouts. We also propose a Pose-Guided Seam CLIP-based architecture for robots.",
    )
    assert not {"Grout Book Guided", "Grout Book", "Pose-Guided Seam CLIP-based"} & p


def test_a_titled_task_object_is_not_taken(ex):
    p = proposed(
        ex,
        "Floor tiling is costly. We introduce a Grout Attribution Task in which models "
        "infer which tiles crack.",
    )
    assert "Grout Attribution Task" not in p


# -- proposal_own: "our X achieves" / "our X model" -------------------------------------
def test_our_name_with_a_verb_is_proposed(ex):
    p = proposed(
        ex,
        "Floor tiling is costly. A lightweight grout network is built for seams. "
        "Experiments show that our TileQ-Net achieves the best seam accuracy.",
    )
    assert "TileQ-Net" in p


def test_our_name_before_a_type_head_is_proposed(ex):
    p = proposed(
        ex,
        "Floor tiling is costly. The results of our GroutMELT model confirm the efficacy "
        "of the design on floors.",
    )
    assert "GroutMELT" in p


def test_our_short_acronym_kind_or_size_is_not_proposed(ex):
    p = proposed(
        ex,
        "Floor tiling is costly. Our TQ method has three steps. Our 3B-parameter model "
        "lays tiles, and our HC lexicon lists them.",
    )
    assert not {"TQ", "3B-parameter", "HC"} & p


def test_a_titled_run_before_an_adjective_is_not_taken(ex):
    p = proposed(
        ex,
        "Floor tiling is costly. In this work we develop a Grout Carlo sampling-based "
        "method to study the order of tiles.",
    )
    assert "Grout Carlo" not in p


def test_a_new_task_formulation_is_still_a_task(ex):
    p = proposed(
        ex,
        "Floor tiling is costly. To study this, we propose Precise Grout Control (PGC), a "
        "new task formulation that requires models to place joints.",
    )
    assert "Precise Grout Control" not in p


def test_our_acronym_of_a_lower_case_concept_is_not_proposed(ex):
    p = proposed(
        ex,
        "Grout encoder (GE) is the key to tiling. Our GE achieves a high compression "
        "ratio on floors.",
    )
    assert "GE" not in p


def test_a_metric_word_modifying_the_appositive_head_does_not_retype(ex):
    got = labels(
        ex,
        "Floor tiling is costly. We propose Grout-Driven Alignment (GDA), a lightweight, "
        "plug-in metric head for TileNet that gives a second opinion.",
    )
    assert got.get("Grout-Driven Alignment") != "Metric"
