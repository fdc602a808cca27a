"""Evaluation statements that do not name the paper's system (round 15, issue #17): one
test per rule on made-up sentences, each failing without its rule (fixture vocabulary as
in test_extract_rules)."""

from __future__ import annotations

from tests.extract_helpers import evals, run


def test_the_resulting_models_are_the_papers_method(ex):
    # the method is named in the title only, so no proposal sentence comes before
    e = run(
        ex,
        "ZorbSeg is a streamlined self-supervised architecture for micrographs. We "
        "fine-tune the model on several benchmark datasets. The resulting segmentation "
        "models achieve 71.5% mIoU on MMLU, outperforming a randomly initialised encoder.",
        title="ZorbSeg: Robust Self-Supervised Representation Learning for Micrographs",
    )
    got = evals(e)
    assert [v.value for v in got[("ZorbSeg", "MMLU")]] == [71.5]


def test_a_benchmark_before_pretrained_is_training_data(ex):
    e = run(
        ex,
        "We propose ZorbSeg, a self-supervised pretraining recipe for micrographs. The "
        "resulting models achieve 71.5% mIoU on MMLU, outperforming the 66.7% achieved by "
        "a GSM8K-pretrained encoder.",
    )
    got = evals(e)
    assert ("ZorbSeg", "MMLU") in got
    assert ("ZorbSeg", "GSM8K") not in got


def test_our_model_based_system_evaluates_the_model(ex):
    e = run(
        ex,
        "Emotion categories are hard to tell apart. Our Mistral-based models enriched "
        "with lexical features achieve gains of up to +2.4 macro F1 on the TruthfulQA "
        "benchmark.",
    )
    got = evals(e)
    assert [v.value for v in got[("Mistral", "TruthfulQA")]] == [2.4]


def test_the_model_based_configuration_of_an_evaluation(ex):
    e = run(
        ex,
        "We evaluate the framework on a curated subset of the MMLU dataset, achieving a "
        "peak accuracy of 93.34% with the Gemma-based configuration.",
    )
    assert ("Gemma", "MMLU") in evals(e)


def test_a_model_based_classifier_is_still_a_component(ex):
    e = run(
        ex,
        "We propose ZorbNet, a detector that uses a Gemma-based classifier. ZorbNet "
        "achieves 91.2% accuracy on MMLU.",
    )
    got = evals(e)
    assert ("ZorbNet", "MMLU") in got
    assert ("Gemma", "MMLU") not in got  # no "our" / "with the": a part of the method


def test_a_comparison_ending_in_baseline_names_baselines(ex):
    e = run(
        ex,
        "We propose ZorbRL, a neuro-symbolic extension of direct preference optimization. "
        "We evaluate our method on three benchmarks (GSM8K, MMLU, and HumanEval), showing "
        "higher return at convergence than Mistral and a reward machine baseline.",
    )
    got = evals(e)
    for b in ("GSM8K", "MMLU", "HumanEval"):
        assert ("ZorbRL", b) in got
        assert ("Mistral", b) in got


def test_a_bare_comparison_names_no_baseline(ex):
    e = run(
        ex,
        "We propose ZorbRL, a neuro-symbolic policy learner. We evaluate our method on "
        "GSM8K and MMLU, showing higher return than Mistral.",
    )
    got = evals(e)
    assert ("ZorbRL", "GSM8K") in got
    assert ("Mistral", "GSM8K") not in got


def test_a_method_named_only_in_the_title_is_what_the_experiments_evaluate(ex):
    e = run(
        ex,
        "Skeleton action recognition remains hard. Existing recognizers achieve 80% "
        "accuracy on HumanEval. In this paper, we design a graph convolution that groups "
        "ambiguous joints. Extensive experiments on MMLU and GSM8K demonstrate that the "
        "network effectively improves action recognition.",
        title="ZorbGCN: Grouped Graph Convolutions for Skeleton Actions",
    )
    got = evals(e)
    assert ("ZorbGCN", "MMLU") in got and ("ZorbGCN", "GSM8K") in got
    assert ("ZorbGCN", "HumanEval") not in got  # background, before the paper's own work


def test_a_title_framework_keeps_the_models_of_the_sentence_before(ex):
    e = run(
        ex,
        "Hope speech detection lacks resources. This paper presents a multilingual "
        "framework for hope speech detection. Using pretrained models such as Mistral and "
        "Gemma, we train classifiers and compare them. Evaluations on the "
        "MMLU benchmark demonstrate strong performance.",
        title="ZorbHope: A Multilingual Framework for Hope Speech Detection",
    )
    got = evals(e)
    assert ("ZorbHope", "MMLU") in got
    assert ("Mistral", "MMLU") in got and ("Gemma", "MMLU") in got


def test_a_title_named_method_unnamed_in_its_sentence_takes_no_value(ex):
    e = run(
        ex,
        "Skeleton action recognition remains hard. We design a graph convolution that "
        "groups ambiguous joints. Extensive experiments on MMLU show accuracies of 91.5% "
        "for one split and 88.2% for the other.",
        title="ZorbGCN: Grouped Graph Convolutions for Skeleton Actions",
    )
    assert [v.value for v in evals(e)[("ZorbGCN", "MMLU")]] == [None]


def test_models_listed_in_brackets_are_what_the_method_ran_on(ex):
    e = run(
        ex,
        "We propose ZorbCard, a recursive decomposition of thoughts. Evaluated on three "
        "reasoning models (Mistral, Gemma, and Qwen2.5), ZorbCard achieves 81.4% to 89.2% "
        "accuracy on GSM8K.",
    )
    got = evals(e)
    for m in ("Mistral", "Gemma", "Qwen2.5"):
        assert [v.value for v in got[(m, "GSM8K")]] == [None]  # no value of the list's
    lab = {eid: ent.label for eid, ent in e.entities.items()}
    runs = {lab[b] for v in e.evaluations if lab[v.subject] == "ZorbCard" for b in v.base_models}
    assert {"Mistral", "Gemma", "Qwen2.5"} <= runs
