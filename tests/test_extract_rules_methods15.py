"""Round 15, method names in no vocabulary: definitions the long-form search lost at a
line break, task definitions, and the capitalised parts of a numbered list. Made-up
names; each test fails without its rule (the guards check what a rule must leave out)."""

from __future__ import annotations

from tests.extract_helpers import labels


def test_a_definition_opening_the_abstract_is_found(ex):
    # the title has no final stop: the long form's search ran across the line break
    got = labels(ex, "Quillian Instance Learning (QIL) has emerged as a paradigm for slides.")
    assert got.get("Quillian Instance Learning") == "Method"


def test_a_definition_after_a_line_break_is_found(ex):
    got = labels(
        ex, "To stabilise training we apply\nQuill Zorb Regularization (QZR) to the heads."
    )
    assert got.get("Quill Zorb Regularization") == "Method"


def test_a_definition_followed_by_aims_to_is_a_task(ex):
    got = labels(
        ex,
        "We study slides. Zorbic Scene Quilting (ZSQ) aims to recover scenes from sketches.",
    )
    assert "Zorbic Scene Quilting" not in got and "ZSQ" not in got


def test_a_numbered_part_followed_by_a_verb_is_a_method(ex):
    got = labels(
        ex,
        "Our pipeline has two parts: (1) it reads slides; (2) Quillian Reward Zorb-Tuning "
        "optimizes a dual objective, and (iii) Pixel Quill-Time RL performs adaptation.",
    )
    assert got.get("Quillian Reward Zorb-Tuning") == "Method"
    assert got.get("Pixel Quill-Time RL") == "Method"


def test_a_numbered_part_with_a_method_head_and_a_joiner(ex):
    got = labels(ex, "We add (i) Contrastive Quill Distillation for fusing the views.")
    assert got.get("Contrastive Quill Distillation") == "Method"


def test_numbered_tasks_and_names_that_go_on_are_left_alone(ex):
    got = labels(
        ex,
        "The benchmark has three tasks, (i) Zorb State Detection, (ii) Quill Intent "
        "Prediction, and (iii) Zorb Help Prediction that test a model. We use (a) "
        "Dual-Reward Quill Alignment for Search Planning and (b) Advanced Zorb paradigms.",
    )
    assert "Zorb Help Prediction" not in got
    assert "Dual-Reward Quill Alignment" not in got
    assert "Advanced Zorb" not in got


def test_a_capitalised_name_before_a_lower_case_part_head(ex):
    got = labels(
        ex,
        "We design a memory-augmented Temporal Quill module and a Granular Zorb Enhancement "
        "block that sharpen the features.",
    )
    assert got.get("Temporal Quill") == "Method"
    assert got.get("Granular Zorb Enhancement") == "Method"


def test_kinds_fields_and_tails_before_a_part_head_are_left_alone(ex):
    got = labels(
        ex,
        "We use a Transformer-based Quill encoder, a 3D CNN decoder and an Adaptive Zorb "
        "Expansion for Quill Generation module, optimized with a Local Zorb-Weighted loss.",
    )
    assert not any(k in got for k in ("Transformer-based Quill", "Quill Generation"))
    assert "Local Zorb-Weighted" not in got


def test_a_measure_word_long_form_before_a_part_head_is_a_method(ex):
    got = labels(
        ex,
        "We add a Semantic Zorb Consistency (SZC) module to align views. A Quill-Through "
        "Rate (QTR) model predicts clicks.",
    )
    assert got.get("Semantic Zorb Consistency") == "Method"
    assert got.get("Quill-Through Rate") != "Method"


def test_a_definition_before_a_plural_thing_noun_is_no_method(ex):
    got = labels(
        ex,
        "Existing Division-of-Quill-Plane (DoQP) sensors lose detail, and Out-of-Zorb "
        "(OOZ) errors follow. We train Quill Zorb Regularization (QZR) datasets too.",
    )
    assert "Division-of-Quill-Plane" not in got and "Out-of-Zorb" not in got
    assert got.get("Quill Zorb Regularization") == "Method"  # data for a method


def test_a_definition_ending_in_a_task_head_is_a_task(ex):
    got = labels(
        ex,
        "Zorb-Oriented Dialogue (ZOD) remains hard, and All-in-One Quill Restoration (AQR) "
        "is costly.",
    )
    assert not {"Zorb-Oriented Dialogue", "All-in-One Quill Restoration"} & set(got)


def test_an_opening_definition_without_a_method_head_is_the_topic(ex):
    got = labels(ex, "Face Anti-Zorbing (FAZ) remains challenging for quill cameras.")
    assert "Face Anti-Zorbing" not in got and "FAZ" not in got


def test_imaging_techniques_and_agencies_defined_in_passing_are_no_methods(ex):
    got = labels(
        ex,
        "Samples were imaged with Scanning Quill Microscopy (SQM), as released by the "
        "Zorbland Space Agency (ZSA).",
    )
    assert not {"Scanning Quill Microscopy", "Zorbland Space Agency"} & set(got)


def test_a_lower_case_hyphen_compound_defined_is_a_modifier(ex):
    got = labels(
        ex,
        "It improves zorb-distortion (ZD) performance, solved by quill-maximization (QM).",
    )
    assert "zorb-distortion" not in got and "ZD" not in got
    assert got.get("quill-maximization") == "Method"
