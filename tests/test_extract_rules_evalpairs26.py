"""Evaluation pairs on papers that state results (round 17, issue #17): systems a result
sentence compares its subject with, systems a sentence says it evaluates, and a list of
base models after "backbones, including". Seven tests fail on main (fixture vocabulary as
in test_extract_rules); the guards (a class, another clause, "rather than", "the effect
of", and "improves X by", which main already reads as a base model) pass on both."""

from __future__ import annotations

from tests.extract_helpers import evals, run

_PROPOSE = "We propose ZorbNet, a reward shaping scheme for reasoning. "


def test_a_system_outperformed_by_name_is_compared_on_the_benchmark(ex):
    got = evals(
        run(
            ex,
            _PROPOSE + "ZorbNet achieves 81.2% accuracy on GSM8K, outperforming Mistral "
            "by 2.1 points.",
        )
    )
    assert ("ZorbNet", "GSM8K") in got
    assert ("Mistral", "GSM8K") in got
    # the sentence's numbers are ZorbNet's (a score and a margin), not Mistral's
    assert all(v.value is None for v in got[("Mistral", "GSM8K")])


def test_a_list_after_than_is_compared(ex):
    got = evals(
        run(
            ex,
            _PROPOSE + "On GSM8K and MATH-500, ZorbNet reaches 3.1% higher accuracy than "
            "Gemma and Mistral.",
        )
    )
    for sys_ in ("Gemma", "Mistral"):
        for bench in ("GSM8K", "MATH-500"):
            assert (sys_, bench) in got, (sys_, bench)


def test_a_gain_over_a_named_system(ex):
    got = evals(
        run(ex, _PROPOSE + "On GSM8K, ZorbNet yields a 4.2% improvement at low budgets over Gemma.")
    )
    assert ("Gemma", "GSM8K") in got


def test_a_class_of_systems_is_not_compared(ex):
    got = evals(
        run(ex, _PROPOSE + "ZorbNet achieves 81.2% on GSM8K, outperforming Mistral-based methods.")
    )
    assert ("ZorbNet", "GSM8K") in got
    assert ("Mistral", "GSM8K") not in got


def test_a_compared_system_only_in_its_own_clause(ex):
    got = evals(
        run(
            ex,
            _PROPOSE + "ZorbNet achieves 81.2% on GSM8K, as well as a 2x speed-up over "
            "Mistral in wall-clock time.",
        )
    )
    assert ("ZorbNet", "GSM8K") in got
    assert ("Mistral", "GSM8K") not in got


def test_rather_than_is_no_comparison(ex):
    got = evals(
        run(
            ex,
            _PROPOSE + "ZorbNet achieves 81.2% on GSM8K by reusing Mistral's outputs "
            "rather than Gemma.",
        )
    )
    assert ("Gemma", "GSM8K") not in got


def test_the_systems_an_evaluation_names_are_evaluated(ex):
    got = evals(
        run(
            ex,
            _PROPOSE + "We conduct a systematic evaluation of the reasoning models Gemma and "
            "Mistral on GSM8K and MATH-500 under label noise of 20%.",
        )
    )
    for sys_ in ("Gemma", "Mistral"):
        for bench in ("GSM8K", "MATH-500"):
            assert (sys_, bench) in got, (sys_, bench)


def test_evaluating_the_effect_of_a_system_is_no_evaluation_of_it(ex):
    got = evals(
        run(
            ex,
            _PROPOSE + "We evaluate the effect of Mistral on GSM8K, where ZorbNet improves "
            "accuracy by 3%.",
        )
    )
    assert ("Mistral", "GSM8K") not in got


def test_backbones_listed_after_including_are_the_methods_base_models(ex):
    got = evals(
        run(
            ex,
            _PROPOSE + "In experiments, applying ZorbNet to six widely-used backbones, "
            "including Gemma and Mistral, improved accuracy by 6.9% on GSM8K.",
        )
    )
    assert ("Gemma", "GSM8K") in got and ("Mistral", "GSM8K") in got


def test_the_system_a_method_improves_by_a_margin(ex):
    got = evals(
        run(ex, _PROPOSE + "On GSM8K and MATH-500, ZorbNet improves Mistral by +10.5 points.")
    )
    assert ("Mistral", "GSM8K") in got and ("Mistral", "MATH-500") in got


def test_gains_on_a_list_over_the_baseline_model(ex):
    got = evals(
        run(
            ex,
            _PROPOSE + "Experiments show relative gains of 3.05% on GSM8K and 1.31% on "
            "MATH-500 over the baseline Mistral model.",
        )
    )
    assert ("Mistral", "GSM8K") in got and ("Mistral", "MATH-500") in got


def test_a_comparison_in_a_state_of_the_art_sentence(ex):
    got = evals(
        run(
            ex,
            _PROPOSE + "On GSM8K, ZorbNet establishes a new state of the art compared to all "
            "baselines, including strong systems like Gemma.",
        )
    )
    assert ("Gemma", "GSM8K") in got
