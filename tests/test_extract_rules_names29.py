"""Round 20 (branch wip-29nv), names no rule made a candidate: Title-case technique names
in running text whose last word is a technique head (`kg.extract.title_techniques`).
Made-up names; each positive test fails without the rule, the guards check what it must
leave alone."""

from __future__ import annotations

from tests.extract_helpers import labels, proposed


def _methods(ex, abstract: str) -> set[str]:
    return {k for k, v in labels(ex, abstract).items() if v == "Method"}


def test_a_title_case_reward_after_a_lower_case_word(ex):
    got = _methods(
        ex,
        "We train a tutor policy with two signals. We design a Quorbish Progress Reward that "
        "scores each turn of the dialogue, and report gains on tutoring tasks.",
    )
    assert "Quorbish Progress Reward" in got


def test_a_title_case_learning_name_after_a_verb(ex):
    got = _methods(
        ex,
        "Labels are noisy in this setting. Our approach integrates Zorbic Confident Learning, "
        "which assigns lower weights to doubtful samples during training.",
    )
    assert "Zorbic Confident Learning" in got


def test_a_name_followed_by_a_past_tense_verb(ex):
    got = _methods(
        ex,
        "We test defenses against patch attacks. In our trials the Layered Quorb Stack "
        "reduced the attack success rate while keeping detection quality high.",
    )
    assert "Layered Quorb Stack" in got


def test_a_task_head_is_no_technique(ex):
    # guard: "Retrieval" ends task names, not techniques
    got = _methods(
        ex,
        "Dense encoders are common in Zorbic Passage Retrieval, and we study them closely here.",
    )
    assert "Zorbic Passage Retrieval" not in got


def test_the_tail_of_a_longer_name_is_left_alone(ex):
    # guard: "... Structure-Aware and Quorb Recalibrated Network" is a longer name's tail
    got = _methods(
        ex,
        "We build a model for image fusion: an Anisotropic Structure-Aware and Quorb "
        "Recalibrated Network that merges the bands.",
    )
    assert "Quorb Recalibrated Network" not in got


def test_a_name_after_of_is_a_topic(ex):
    # guard: "the principles of X Learning" names a topic, not a technique used
    got = _methods(
        ex,
        "The design follows the principles of Quorbic Green Learning to save energy on devices.",
    )
    assert "Quorbic Green Learning" not in got


def test_a_name_before_a_plural_noun_is_a_modifier(ex):
    # guard: "X Network architectures": the run describes the architectures
    got = _methods(
        ex,
        "This paper employed two Zorbic Convolution Network architectures for the diagnosis.",
    )
    assert "Zorbic Convolution Network" not in got


def test_a_name_that_goes_on_past_a_joiner_is_left_alone(ex):
    # guard: "Quorb Error Correction through Prompt Tuning" is one longer name
    got = _methods(
        ex,
        "This paper introduces a Quorb Error Correction through Prompt Tuning for text-to-SQL.",
    )
    assert "Quorb Error Correction" not in got


def test_a_component_name_keeps_its_first_word(ex):
    # "(2) Decoupled Quorb Attention": the component run began after "Decoupled"
    got = _methods(
        ex,
        "Our model has two parts: 1) a shared encoder, and 2) Decoupled Quorb Attention, "
        "which separates the two query streams.",
    )
    assert "Decoupled Quorb Attention" in got
    assert "Quorb Attention" not in got


def test_a_clause_opener_is_no_first_word(ex):
    # guard: "The Zorb Patch Module" keeps no article, "Using X" no gerund
    got = _methods(
        ex,
        "Our method has three modules. The Zorb Patch Module extracts local patches. "
        "Using Quorb Token Fusion, the features are merged.",
    )
    assert "Zorb Patch Module" in got
    assert not any(k.startswith(("The ", "Using ")) for k in got)


def test_a_technique_name_the_paper_introduces_is_proposed(ex):
    got = proposed(
        ex,
        "Tutoring agents lack feedback. We further introduce a Quorbish Progress Reward that "
        "scores each turn, and it improves learning gains.",
    )
    assert "Quorbish Progress Reward" in got


def test_a_technique_name_used_is_not_proposed(ex):
    # guard: the name is used, not introduced
    got = proposed(
        ex,
        "Our approach integrates Zorbic Confident Learning, which assigns lower weights "
        "to doubtful samples.",
    )
    assert "Zorbic Confident Learning" not in got


def test_a_name_going_on_with_for_and_title_words_is_left_alone(ex):
    # guard: "a Zorb-Directed Agent for Quorb Analysis and Plotting" is one long name;
    # its first words are no name
    got = _methods(
        ex, "We propose a Zorb-Directed Agent for Quorb Analysis and Plotting. It works well."
    )
    assert "Zorb-Directed Agent" not in got
