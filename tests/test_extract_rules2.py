"""Rule families added in the second extraction round; one test each, on crafted
sentences, failing when the rule is removed (fixture vocabulary as in test_extract_rules)."""

from __future__ import annotations

import re

from kg.extract.rules import _alt
from kg.models import Paper


def run(ex, abstract: str, title: str = "A study of things"):
    return ex.extract(Paper(title=title, abstract=abstract))


def metric_names(e) -> set[str]:
    return {m.text for m in e.mentions if e.entities[m.entity_id].type == "Metric"}


def pairs(e) -> set[tuple[str, str]]:
    return {(x.subject, x.benchmark) for x in e.evaluations}


# -- metrics ------------------------------------------------------------------------------------
def test_quality_measure_after_comparison_verb(ex):
    e = run(
        ex, "Scaling up fine-tuning tends to improve helpfulness. Helpfulness is a topic of debate."
    )
    hs = [m for m in e.mentions if m.text.lower() == "helpfulness"]
    assert len(hs) == 1 and hs[0].span.start < 45


def test_weak_metric_needs_a_reported_value_not_a_size(ex):
    e = run(ex, "We study model size from 1B to 70B. Pruning cuts model size by 40%.")
    ms = [m for m in e.mentions if m.text == "model size"]
    assert len(ms) == 1 and ms[0].span.start > 30


def test_coordinated_metric_words_share_measurement(ex):
    e = run(
        ex,
        "Both methods preserve summary fluency, coherence, and faithfulness according to experts.",
    )
    assert {"fluency", "coherence", "faithfulness"} <= metric_names(e)


def test_value_describing_hyphen_modifier_not_in_metric_name(ex):
    e = run(ex, "The baseline collapses to near-zero accuracy while ours keeps 71% accuracy.")
    assert "near-zero accuracy" not in metric_names(e) and "accuracy" in metric_names(e)


# -- hardware ----------------------------------------------------------------------------------
def test_short_device_name_before_norm_is_not_a_device(ex):
    e = run(
        ex, "We bound the L2 norm of the GPU gradients, and add L2 regularization on GPU memory."
    )
    assert not [m for m in e.mentions if e.entities[m.entity_id].type == "Hardware"]


# -- evaluations -------------------------------------------------------------------------------
def test_training_source_model_is_not_an_evaluation_subject(ex):
    e = run(ex, "Fine-tuning Llama 2 using Mistral outputs gives 29.8% on TruthfulQA.")
    assert ("model/mistral", "benchmark/truthfulqa") not in pairs(e)
    assert ("model/llama-2", "benchmark/truthfulqa") in pairs(e)


def test_compared_baseline_is_evaluated_without_the_margin(ex):
    # round 17: a system compared on the named benchmark is evaluated there (guidelines);
    # the margin is the subject's
    e = run(ex, "On MMLU, Gemma outperforms Mistral by 3 points.")
    assert pairs(e) == {("model/gemma", "benchmark/mmlu"), ("model/mistral", "benchmark/mmlu")}
    assert all(v.value is None for v in e.evaluations if v.subject == "model/mistral")


def test_own_benchmark_introduction_is_not_an_evaluation(ex):
    e = run(
        ex,
        "We introduce FooBench, a benchmark designed to assess low-rank adaptation at scale. "
        "FooBench builds on state-of-the-art models, including Llama and Gemma.",
        title="FooBench: a benchmark",
    )
    assert not e.evaluations


def test_background_before_the_proposal_is_not_an_evaluation(ex):
    e = run(
        ex,
        "Gemma achieves 80% on MMLU. We propose FooNet, a reasoning method. FooNet reaches 91.2% "
        "on GSM8K.",
    )
    assert ("model/gemma", "benchmark/mmlu") not in pairs(e)
    assert ("method/foonet", "benchmark/gsm8k") in pairs(e)


# -- speed mechanisms that must not change what matches -----------------------------------------
def test_trie_alternation_matches_like_longest_first():
    words = [
        "propose",
        "proposes",
        "proposed",
        "present",
        "in this paper, we",
        "we",
        "a b",
        "ab",
        "a",
    ]
    rx = re.compile(rf"(?<![\w-])(?:{_alt(words)})(?![\w-])", re.IGNORECASE)
    text = "In  this paper, we propose; ab and a   b, we presented Proposes"
    got = [m.group() for m in rx.finditer(text)]
    assert got == ["In  this paper, we", "propose", "ab", "a   b", "we", "Proposes"]


def test_pipeline_tokenizer_is_not_the_label_tokenizer(ex):
    # the tokenizer that tokenized the vocabulary labels runs ~3x slower afterwards
    ruler = ex.nlp.get_pipe("kg_vocab_ruler")
    assert ex.nlp.tokenizer is not ruler.label_tokenizer


# -- proposals ---------------------------------------------------------------------------------
def proposed(e) -> set[str]:
    return {m.text for p in e.proposes for m in e.mentions if m.entity_id == p.entity}


def test_coordinated_appositive_proposal(ex):
    e = run(
        ex,
        "We introduce FooTok, a universal tokenizer for series, and FooTok-FM, a foundation model "
        "pretrained on these tokens.",
    )
    assert {"FooTok", "FooTok-FM"} <= proposed(e)


def test_released_appositive_proposal(ex):
    e = run(
        ex,
        "The pattern appears on QuuxBench-Sim (QBS), a simulated-world benchmark we release, and "
        "elsewhere.",
    )
    assert "QuuxBench-Sim" in proposed(e)


def test_lower_case_name_with_acronym_after_naming_cue(ex):
    e = run(ex, "We name this method emulated disalignment (ED) because it emulates fine-tuning.")
    assert "emulated disalignment" in proposed(e)


def test_novel_components_enumeration(ex):
    e = run(
        ex,
        "ZedNet incorporates two novel components: (1) Gated Span Mixing (GSM2), which mixes "
        "spans, "
        "and (2) Reinforced Transition Optimization (RTO), which equips models with a policy.",
    )
    assert {"Gated Span Mixing", "Reinforced Transition Optimization"} <= proposed(e)


def test_whole_title_name(ex):
    e = run(
        ex,
        "Self-attention normalises weights globally. We replace it with synchronisation.",
        title="Krause Synchronization Transformers",
    )
    assert "Krause Synchronization Transformers" in proposed(e)


def test_sentence_initial_word_before_benchmark_head_is_not_a_name(ex):
    e = run(
        ex, "Models are compared. Since benchmark scores drive model selection, validity matters."
    )
    assert not [m for m in e.mentions if m.text == "Since"]


def test_measurement_frame_makes_weak_word_a_metric(ex):
    e = run(
        ex,
        "Encoding performance rises, as measured by correlation with held-out data. Correlation is "
        "no proof.",
    )
    cs = [m for m in e.mentions if m.text.lower() == "correlation"]
    assert len(cs) == 1 and cs[0].span.start < 80


def test_metric_score_head_is_trimmed(ex):
    e = run(ex, "Our detector reaches F1 scores of over 96%.")
    assert "F1" in metric_names(e) and "F1 scores" not in metric_names(e)


def test_measured_elsewhere_anchors_coordinated_words(ex):
    e = run(
        ex,
        "Up-scaling improves helpfulness. It trades off traits like helpfulness and fluency at "
        "test time.",
    )
    fl = [m for m in e.mentions if m.text == "fluency"]
    assert len(fl) == 1


def test_it_after_the_proposal_is_the_proposal(ex):
    e = run(
        ex,
        "We propose FooNet, a reasoning method. Notably, it outperforms prior methods by 5.3% on "
        "GSM8K.",
    )
    assert ("method/foonet", "benchmark/gsm8k") in pairs(e)


def test_gain_list_items_are_not_benchmarks(ex):
    e = run(
        ex,
        "Across all datasets, it achieved average improvements of 11.7% and 38.2% in mPrecX and "
        "mRecX, respectively.",
    )
    assert not [m for m in e.mentions if e.entities[m.entity_id].type == "Benchmark"]


# -- round 3: evaluation subjects -----------------------------------------------------------------
def test_benchmark_sentence_takes_models_of_the_evaluation_sentence_before(ex):
    e = run(
        ex,
        "In this study we evaluate Llama 2 and Gemma at several bit-widths. "
        "Our investigation covers weight quantization, with extensive evaluation across GSM8K and "
        "MMLU.",
    )
    assert {("model/llama-2", "benchmark/gsm8k"), ("model/gemma", "benchmark/mmlu")} <= pairs(e)


def test_model_with_result_verb_beside_the_method_is_a_subject(ex):
    e = run(
        ex,
        "We propose FooNet, a decoding method. Llama 2 reaches 81.0% on GSM8K with our method, "
        "while Mistral is used only as a judge.",
    )
    assert {("method/foonet", "benchmark/gsm8k"), ("model/llama-2", "benchmark/gsm8k")} <= pairs(e)
    assert ("model/mistral", "benchmark/gsm8k") not in pairs(e)


def test_compared_system_with_its_own_score_is_a_subject(ex):
    e = run(
        ex,
        "We propose FooNet, a decoding method. On GSM8K our method reaches 81.0%, "
        "outperforming the Gemma baseline (64.7), while Mistral is far behind.",
    )
    assert {("method/foonet", "benchmark/gsm8k"), ("model/gemma", "benchmark/gsm8k")} <= pairs(e)
    assert ("model/mistral", "benchmark/gsm8k") not in pairs(e)


def test_measures_in_a_trade_off_compound_are_metrics(ex):
    e = run(
        ex,
        "We demonstrate improved accuracy-latency trade-offs on GSM8K. Our cost-effective method "
        "has low-latency decoding.",
    )
    assert "accuracy" in metric_names(e)
    assert "latency" not in metric_names(e)  # "low-latency" stays an adjective


def test_benchmark_named_as_training_data_after_it_is_not_evaluated_on(ex):
    e = run(
        ex,
        "We propose FooNet, a reasoning method. In experiments, GSM8K (math word problems) was "
        "used "
        "as training data and MMLU for evaluation; FooNet outperforms conventional approaches.",
    )
    assert ("method/foonet", "benchmark/gsm8k") not in pairs(e)
    assert ("method/foonet", "benchmark/mmlu") in pairs(e)


def test_list_after_a_system_head_names_systems_not_benchmarks(ex):
    e = run(
        ex,
        "We propose FooNet, a decoder. FooNet achieves comparable performance to prior "
        "encoder-free "
        "models like Mono-ZorbVL, using fewer pairs.",
    )
    types = {m.text: e.entities[m.entity_id].type for m in e.mentions}
    assert types.get("Mono-ZorbVL") != "Benchmark"
    assert not e.evaluations


def test_title_names_a_topic_not_a_result(ex):
    e = run(
        ex,
        "We propose a fusion network for detection. It generalises well.",
        title="FooNet: Dual-domain Fusion on GSM8K Detection",
    )
    assert not e.evaluations


# -- round 4 (quality) -------------------------------------------------------------------------
def test_value_frame_names_an_unknown_measure(ex):
    e = run(
        ex,
        "FooNet reaches a pairwise agreement rate of 71% and achieves 3.1 decoding efficiency. "
        "The limited precision of 3D scanners and the highest accuracy of 60.2% are discussed.",
    )
    names = metric_names(e)
    assert {"pairwise agreement rate", "decoding efficiency"} <= names
    assert "limited precision" not in names and "highest accuracy" not in names


def test_leaderboard_only_metric_acronym_needs_a_value(ex):
    e = run(
        ex,
        "We follow the ZORB guidelines for 8 risk categories. FooNet reaches a ZORB of 41.2 on "
        "GSM8K.",
    )
    zs = [m for m in e.mentions if m.text == "ZORB"]
    assert len(zs) == 1 and zs[0].span.start > 60


def test_decimal_before_a_named_dataset_is_a_value_not_a_count():
    from kg.extract.values import find_values

    text = "FooNet scores 0.506 on VVT dataset, using 3 datasets."
    assert [v.text for v in find_values(text, 0, len(text))] == ["0.506"]


def test_model_the_method_is_applied_to_is_a_subject_in_its_clause(ex):
    e = run(
        ex,
        "We propose FooNet, a decoding method. FooNet generalizes to Llama 2 on GSM8K with 67.5% "
        "accuracy; separately, FooNet beats prior decoders on MMLU by 2.1 points.",
    )
    assert {("method/foonet", "benchmark/gsm8k"), ("model/llama-2", "benchmark/gsm8k")} <= pairs(e)
    assert ("model/llama-2", "benchmark/mmlu") not in pairs(e)


def test_model_tuned_with_the_method_and_a_result_verb_is_a_subject(ex):
    e = run(
        ex,
        "We propose FooNet, a contrastive objective. Llama 2 fine-tuned using FooNet reaches 63.0% "
        "on GSM8K.",
    )
    assert ("model/llama-2", "benchmark/gsm8k") in pairs(e)


def test_own_method_result_counts_on_the_own_benchmark(ex):
    e = run(
        ex,
        "We introduce ZorbBench, a benchmark for household planning. We also present FooNet, a "
        "planning "
        "method. FooNet achieves 72% accuracy in unseen homes.",
    )
    assert any(s.endswith("foonet") and b.endswith("zorbbench") for s, b in pairs(e))
    e = run(
        ex,
        "To support post-training, we introduce ZorbSet, a dataset of plans. We also present "
        "FooNet, a "
        "planning method. FooNet achieves 72% accuracy in unseen homes.",
    )
    assert not any(b.endswith("zorbset") for s, b in pairs(e))


def test_training_verb_far_back_in_the_clause_marks_training_data(ex):
    e = run(
        ex,
        "We propose FooNet, a distillation method. We trained a mix of Llama 2 and small Gemma "
        "models on the curated, 12M-token GSM8K corpus, then compressed it into FooNet.",
    )
    assert not any(b == "benchmark/gsm8k" for s, b in pairs(e))
    e = run(
        ex,
        "We propose FooNet, a distillation method. We trained Llama 2 and Gemma models with FooNet "
        "on GSM8K, achieving 91.5% accuracy.",
    )
    assert any(b == "benchmark/gsm8k" for s, b in pairs(e))  # trained-and-measured is evaluated


def test_styled_short_form_spelled_by_its_capitals(ex):
    from kg.extract.acronyms import find_definitions

    defs = {
        d.short: d.long
        for d in find_definitions(
            "We present the Zorb Planning Orchestrator (ZPxO), a planner. A module feeds this "
            "joint representation "
            "into a compact multi-layer perceptron (FusionMLP)."
        )
    }
    assert defs.get("ZPxO") == "Zorb Planning Orchestrator"
    assert "FusionMLP" not in defs


# -- round 6 (quality) -------------------------------------------------------------------------
def bench_texts(e) -> list[str]:
    return [m.text for m in e.mentions if e.entities[m.entity_id].type == "Benchmark"]


def test_plain_capitalised_word_is_not_a_styled_benchmark(ex):
    # WoNDER (fixture) is styled with inner capitals: "Wonder" in the title, at a sentence
    # start or inside a capitalised phrase is the word; in running text, a spelling variant
    e = run(
        ex,
        "Wonder drives research. We study the Sense of Wonder Index. FooNet reaches 12.1 "
        "perplexity "
        "on Wonder.",
        title="Wonder in Scaling Laws",
    )
    ws = [m for m in e.mentions if m.text == "Wonder"]
    assert len(ws) == 1 and ws[0].span.field == "abstract" and ws[0].span.start > 70


def test_leaderboard_phrase_in_lower_case_is_not_a_benchmark(ex):
    e = run(
        ex,
        "Open meadows are hard to map. We map open meadows with drones. "
        "FooNet reaches 71% accuracy on the open meadows dataset.",
    )
    bs = [m for m in e.mentions if m.text.lower() == "open meadows"]
    assert len(bs) == 1 and bs[0].span.start > 60


def test_acronym_defined_as_a_task_is_not_the_benchmark(ex):
    e = run(
        ex,
        "We study Zebra Question Answering (ZQA) here. FooNet improves ZQA accuracy by 3 points on "
        "GSM8K.",
    )
    assert "ZQA" not in bench_texts(e)
    e = run(ex, "FooNet improves accuracy by 3 points on ZQA.")
    assert "ZQA" in bench_texts(e)


def test_label_written_as_in_the_text_beats_a_case_folded_one(ex):
    # "ZIP" is the case-sensitive metric's label; "ZiP" the method's, matched case-folded
    e = run(ex, "FooNet reaches a ZIP of 2.1 on GSM8K.")
    assert {m.text: e.entities[m.entity_id].type for m in e.mentions}.get("ZIP") == "Metric"
    e = run(ex, "We extend ZiP to longer inputs.")
    assert {m.text: e.entities[m.entity_id].type for m in e.mentions}.get("ZiP") == "Method"


def test_name_before_a_plural_head_is_a_kind_of_data_unless_listed(ex):
    # "three public ZorbQA datasets": a task or modality, here and elsewhere in the paper;
    # "the Qorb and Zlate datasets": names
    e = run(
        ex,
        "FooNet beats prior methods across three public ZorbQA datasets. We improve ZorbQA "
        "accuracy "
        "by 3 points on GSM8K with FooNet.",
    )
    assert not any(m.text == "ZorbQA" for m in e.mentions)
    e = run(ex, "The Qorb and Zlate datasets are public. We also release the Vantor datasets.")
    assert {"Zlate", "Vantor"} <= set(bench_texts(e))


def test_hyphenated_adjective_in_a_list_is_not_a_benchmark(ex):
    e = run(
        ex, "We evaluate FooNet on ZQB-generated questions and on non-ZQB prompts, and on GSM8K."
    )
    bs = set(bench_texts(e))
    assert "GSM8K" in bs and not {"ZQB-generated", "non-ZQB"} & bs


def test_names_after_in_are_not_listed_benchmarks(ex):
    # "in" names a setting, a format or a field ("in FP16", "in TTS", "in REC tasks")
    e = run(
        ex,
        "FooNet improves accuracy by 3 points on GSM8K when weights are stored in ZQ16 and KV in "
        "ZQ8.",
    )
    bs = set(bench_texts(e))
    assert "GSM8K" in bs and not {"ZQ16", "ZQ8"} & bs


def test_examples_of_non_data_and_systems_beaten_over_are_not_benchmarks(ex):
    e = run(ex, "FooNet outperforms standard activations such as ZigMoid and ZanH on GSM8K.")
    bs = set(bench_texts(e))
    assert "GSM8K" in bs and not {"ZigMoid", "ZanH"} & bs
    e = run(ex, "FooNet is evaluated with hard benchmarks such as ZorbEval and QliX.")
    assert {"ZorbEval", "QliX"} <= set(bench_texts(e))
    e = run(ex, "On GSM8K, FooNet improves accuracy by 9 points over ZORBTR without extra data.")
    assert "ZORBTR" not in bench_texts(e)
