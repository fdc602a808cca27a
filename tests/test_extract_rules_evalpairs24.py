"""Evaluation pairs on papers that state results (round 16, issue #17): one test per rule
on made-up sentences, each failing without its rule (fixture vocabulary as in
test_extract_rules), plus guards that keep what the rule must not pair."""

from __future__ import annotations

from tests.extract_helpers import evals, run


def test_models_a_method_is_implemented_on_are_evaluated(ex):
    e = run(
        ex,
        "We propose ZorbRL, a reward shaping scheme for reasoning. We implement ZorbRL on "
        "Qwen2.5 and Mistral, and evaluate on GSM8K and MATH-500. ZorbRL improves Pass@1 "
        "by 9.8%.",
    )
    got = evals(e)
    for model in ("Qwen2.5", "Mistral", "ZorbRL"):
        for bench in ("GSM8K", "MATH-500"):
            assert (model, bench) in got, (model, bench)
    # one statement for the method and both models: the models take no value
    assert all(v.value is None for m in ("Qwen2.5", "Mistral") for v in got[(m, "GSM8K")])
    # and the method's entries still carry its base models (tier 1 finds it under them)
    lab = {eid: ent.label for eid, ent in e.entities.items()}
    bases = {lab[b] for v in got[("ZorbRL", "GSM8K")] for b in v.base_models}
    assert {"Qwen2.5", "Mistral"} <= bases


def test_applying_it_to_models_in_an_evaluation_sentence(ex):
    e = run(
        ex,
        "We propose ZorbRL, a reward shaping scheme for reasoning. Applying it to Gemma "
        "and Mistral, we evaluate on GSM8K.",
    )
    got = evals(e)
    assert ("Gemma", "GSM8K") in got and ("Mistral", "GSM8K") in got


def test_models_a_baseline_is_applied_to_are_not_the_methods(ex):
    # the application verb's object is not the paper's method: no pairs for the models
    e = run(
        ex,
        "We propose ZorbRL, a reward shaping scheme for reasoning. Prior work applies "
        "direct preference optimization to Gemma and Mistral. We evaluate ZorbRL on GSM8K.",
    )
    got = evals(e)
    assert ("ZorbRL", "GSM8K") in got
    assert ("Gemma", "GSM8K") not in got and ("Mistral", "GSM8K") not in got


def test_a_sentence_opening_preposition_is_not_part_of_a_listed_name(ex):
    e = run(
        ex,
        "We propose ZorbSR, a text-aware super-resolution model. Across QX-500, VexBench-2, "
        "and MMLU at x4, ZorbSR improves OCR F1 by up to 15 points.",
    )
    labels = {ent.label for ent in e.entities.values() if ent.type == "Benchmark"}
    assert "Across QX-500" not in labels
    assert "QX-500" in labels
    assert ("ZorbSR", "QX-500") in evals(e)


def test_a_listed_name_before_baseline_is_no_benchmark(ex):
    e = run(
        ex,
        "We propose ZorbSR, a text-aware super-resolution model. On QX-500 and MMLU, "
        "ZorbSR improves OCR F1 by up to +15.18 percentage points over Blorp/GAN baseline "
        "(QX-500 x8).",
    )
    labels = {ent.label for ent in e.entities.values() if ent.type == "Benchmark"}
    assert "Blorp/GAN" not in labels
    got = evals(e)
    assert ("ZorbSR", "QX-500") in got
    assert ("ZorbSR", "Blorp/GAN") not in got


def test_outperforming_named_baselines_runs_them_on_the_benchmark(ex):
    e = run(
        ex,
        "We present ZorbDet, a detector of hallucinations. Evaluated on TruthfulQA, ZorbDet "
        "achieves an F1-score of 0.92, outperforming the Gemma baseline.",
    )
    got = evals(e)
    assert [v.value for v in got[("ZorbDet", "TruthfulQA")]] == [0.92]
    assert ("Gemma", "TruthfulQA") in got
    assert all(v.value is None for v in got[("Gemma", "TruthfulQA")])


def test_a_bare_outperforms_is_a_comparison_without_a_value(ex):
    # round 17: without "baseline(s)" the compared system is counted too (guidelines), but
    # the sentence's score is the subject's
    e = run(
        ex,
        "We present ZorbDet, a detector of hallucinations. Evaluated on TruthfulQA, ZorbDet "
        "achieves an F1-score of 0.92, outperforming Gemma.",
    )
    got = evals(e)
    assert all(v.value is None for v in got[("Gemma", "TruthfulQA")])


def test_a_title_naming_the_own_model_is_no_result_on_its_benchmark(ex):
    e = run(
        ex,
        "We introduce ZorbBERT, an encoder for Maltese, and ZorbBench, a benchmark of 20 "
        "tasks. ZorbBERT attains 77.6 on ZorbBench, outperforming prior encoders.",
        title="ZorbBERT: A Large-Scale Mistral Foundation Model and Unified Benchmarking Framework",
    )
    got = evals(e)
    assert ("ZorbBERT", "ZorbBench") in got
    assert ("Mistral", "ZorbBench") not in got


def test_an_acronym_the_vocabulary_gives_another_type_is_redefined_by_a_proposal(ex):
    # "SAE" is only the fixture vocabulary's acronym of a method (sparse autoencoder)
    e = run(
        ex,
        "Spreadsheet reasoning is underexplored. We introduce SAE, a benchmark of 5,000 "
        "spreadsheet questions. On SAE, Gemma achieves 41.2% accuracy.",
    )
    by_label = {ent.label: ent for ent in e.entities.values()}
    assert by_label["SAE"].type == "Benchmark"
    assert "sparse autoencoder" not in by_label
    assert ("Gemma", "SAE") in evals(e)


def test_an_acronym_of_the_same_type_stays_the_vocabulary_concept(ex):
    # guard: "we propose DPO, a method ...": the known method, not a new one
    e = run(ex, "We propose DPO, a method for aligning models. DPO achieves 71% on GSM8K.")
    labels = {ent.label for ent in e.entities.values()}
    assert "direct preference optimization" in labels


def test_a_variant_of_the_subject_is_not_its_benchmark():
    from kg.extract.applied_models import own_variant

    ents = {
        "m": {"label": "DMC", "in_vocabulary": False},
        "v": {"label": "DMC-OT", "in_vocabulary": False},
        "b": {"label": "DMC-Bench", "in_vocabulary": False},
        "d": {"label": "DMC-7K", "in_vocabulary": False},
    }
    assert own_variant(ents, "m", "v", ("Bench", "QA"))
    assert not own_variant(ents, "m", "b", ("Bench", "QA"))  # the method's own benchmark
    assert not own_variant(ents, "m", "d", ("Bench", "QA"))  # a dataset of its size


def test_a_short_variant_of_the_own_method_is_a_method(ex):
    e = run(
        ex,
        "To address these issues, we have developed a synergistic feature fusion network "
        "(ZorbNet) tailored for object detection in aerial images. Experiments on MMLU and "
        "GSM8K demonstrate the outstanding performance of ZorbNet-X, achieving 36.8 AP and "
        "20.6 AP, respectively.",
        title="ZorbNet: Synergistic Feature Fusion Network for Aerial Object Detection",
    )
    types = {ent.label: ent.type for ent in e.entities.values()}
    assert types.get("ZorbNet-X") == "Method"


def test_our_approach_is_the_titles_system_not_its_proposed_modules(ex):
    e = run(
        ex,
        "Registration methods often mismatch repetitive patterns. To address these issues, "
        "we propose two novel modules: the Local Zorb Enhancement (LZE) module and the "
        "Graph Zorb Consistency (GZC) module. LZE injects geometric structure into image "
        "features. Extensive experiments on two benchmarks, MMLU and GSM8K, demonstrate "
        "that our approach achieves state-of-the-art performance.",
        title="ZorbReg: Geometry-aware Local Alignment Network for 2D-3D Registration",
    )
    got = evals(e)
    assert ("ZorbReg", "MMLU") in got and ("ZorbReg", "GSM8K") in got
    assert not any(s in ("Local Zorb Enhancement", "LZE") for s, _b in got)


def test_a_title_name_before_evaluating_is_the_benchmark(ex):
    e = run(
        ex,
        "We introduce a novel benchmark in which LLMs interact with multi-armed bandit "
        "environments using purely textual feedback. We evaluated the performance of Gemma "
        "and Mistral. Mistral achieved a best-arm selection rate of 89.2%.",
        title="ZorbBandit: Evaluating Probabilistic Reasoning in LLMs Through Decision Tasks",
    )
    types = {ent.label: ent.type for ent in e.entities.values()}
    assert types.get("ZorbBandit") == "Benchmark"
    assert ("Mistral", "ZorbBandit") in evals(e)


def test_a_title_measure_before_evaluating_is_no_benchmark(ex):
    # guard: "ZorbScore: Evaluating ..." names a measure, whatever the abstract says
    e = run(
        ex,
        "We propose a new score for text-to-image alignment and a benchmark to test it.",
        title="Zorb-Score: Evaluating Long-Prompt Text-to-Image Alignment",
    )
    types = {ent.label: ent.type for ent in e.entities.values()}
    assert types.get("Zorb-Score") != "Benchmark"
