"""One test per rule family, on crafted sentences: each fails when its rule is removed.

The extractor runs on a small fixture vocabulary (tests/fixtures/extract/vocab), so the
names the rules must *discover* are not in it.
"""

from __future__ import annotations

from pathlib import Path

from kg.extract import Extractor
from kg.models import Paper

VOCAB = Path(__file__).parent / "fixtures" / "extract" / "vocab"


def run(ex, abstract: str, title: str = "A study of things"):
    return ex.extract(Paper(title=title, abstract=abstract))


def by_text(extraction) -> dict[str, str]:
    """surface -> entity id"""
    return {m.text: m.entity_id for m in extraction.mentions}


def types(extraction) -> dict[str, str]:
    return {m.text: extraction.entities[m.entity_id].type for m in extraction.mentions}


def proposed(extraction) -> set[str]:
    return {extraction.entities[p.entity].label for p in extraction.proposes} | {
        m.text for p in extraction.proposes for m in extraction.mentions if m.entity_id == p.entity
    }


# -- definitions / acronyms ------------------------------------------------------------------
def test_definition_links_acronym_to_long_form(ex):
    e = run(ex, "We study Cross-Model Entropy (CME) for reward shaping. CME is cheap to compute.")
    ids = by_text(e)
    assert ids["Cross-Model Entropy"] == ids["CME"] == "method/cross-model-entropy"
    assert [m.source for m in e.mentions if m.text == "CME"][0] == "definition"
    ent = e.entities["method/cross-model-entropy"]
    assert ent.label == "Cross-Model Entropy" and "CME" in ent.aliases


def test_reverse_definition(ex):
    e = run(
        ex, "RKSC (Reasoning-Aware KV Cache Sharing) broadcasts the prefix cache to all branches."
    )
    ids = by_text(e)
    assert ids["RKSC"] == ids["Reasoning-Aware KV Cache Sharing"]


def test_definition_of_a_field_is_not_an_entity(ex):
    e = run(
        ex, "Natural language processing (NLP) and electronic health records (EHRs) are common."
    )
    assert not e.mentions


def test_defined_benchmark_and_metric_types(ex):
    e = run(
        ex,
        "We report the attack success rate (ASR) on the Threat Actor Competency Benchmark (TACB).",
    )
    t = types(e)
    assert t["ASR"] == "Metric"
    assert t["TACB"] == "Benchmark"


# -- proposals ---------------------------------------------------------------------------------
def test_proposal_cue_with_appositive_type(ex):
    e = run(ex, "We propose ZetaGuard, a guardrail model that reasons in latent space.")
    assert "ZetaGuard" in proposed(e)
    assert types(e)["ZetaGuard"] == "Model"


def test_proposal_through_described_head(ex):
    e = run(
        ex, "In this paper, we introduce a new benchmark, QuuxEval, for long-context retrieval."
    )
    assert "QuuxEval" in proposed(e)
    assert types(e)["QuuxEval"] == "Benchmark"


def test_proposal_naming_cue(ex):
    e = run(
        ex,
        "This enables a simple data-free quantization method using rotations, dubbed HOPS, which "
        "is fast.",
    )
    assert "HOPS" in proposed(e)
    assert types(e)["HOPS"] == "Method"


def test_proposal_lower_case_phrase_with_appositive(ex):
    e = run(
        ex, "We present dynamic context cutoff, a human-inspired method enabling early termination."
    )
    assert "dynamic context cutoff" in proposed(e)


def test_no_proposal_without_a_name(ex):
    e = run(
        ex,
        "We propose a novel framework that improves reasoning. We present a comprehensive study of "
        "models.",
    )
    assert not e.proposes


def test_title_name_is_proposed(ex):
    e = run(
        ex,
        "We show that the approach transfers across tasks.",
        title="FrobNet: Learning to Frobnicate with Sparse Signals",
    )
    assert "FrobNet" in proposed(e)
    assert e.proposes[0].evidence.field == "title"


def test_title_subtitle_gives_model_type(ex):
    e = run(
        ex,
        "Aloe models are fine-tuned on medical data.",
        title="Aloe: A Family of Fine-tuned Open Healthcare LLMs",
    )
    assert types(e)["Aloe"] == "Model"


def test_title_slogan_is_not_a_name(ex):
    e = run(ex, "We study why models fail.", title="Less is Enough: Synthesizing Diverse Data")
    assert not e.proposes


# -- model shapes ------------------------------------------------------------------------------
def test_family_variant_gets_broader(ex):
    e = run(ex, "We fine-tune Llama 3.2 1B and Qwen2.5-Math-7B on the data.")
    ids = by_text(e)
    assert ids["Llama 3.2 1B"] == "model/llama-3.2-1b"
    assert e.entities["model/llama-3.2-1b"].broader == ["model/llama-3.2"]
    assert not e.entities["model/llama-3.2-1b"].in_vocabulary
    assert e.entities[ids["Qwen2.5-Math-7B"]].broader == ["model/qwen2.5"]


def test_unknown_sized_model_shape(ex):
    e = run(ex, "We compare against Zorblax-7B and KO-REAson-35B in the same setting.")
    t = types(e)
    assert t["Zorblax-7B"] == "Model" and t["KO-REAson-35B"] == "Model"


def test_lm_ending_model_shape(ex):
    e = run(ex, "Embeddings come from MiniLM and SciBERT encoders.")
    t = types(e)
    assert t["MiniLM"] == "Model" and t["SciBERT"] == "Model"


def test_model_name_does_not_swallow_suffix_words(ex):
    e = run(ex, "We use GPT-4o-based judges and Llama-2-style prompts.")
    ids = by_text(e)
    assert "GPT-4o" in ids and "GPT-4o-based" not in ids
    assert ids["Llama-2"] == "model/llama-2"


# -- benchmark cues ----------------------------------------------------------------------------
def test_bench_suffix(ex):
    e = run(ex, "Models are scored on HarmStorm-Bench and ZapBench.")
    t = types(e)
    assert t["HarmStorm-Bench"] == "Benchmark" and t["ZapBench"] == "Benchmark"


def test_benchmark_head_noun(ex):
    e = run(ex, "Results on the CyberLayer benchmark and the BabyLM challenge are reported.")
    t = types(e)
    assert t["CyberLayer"] == "Benchmark"
    assert t["BabyLM challenge"] == "Benchmark"


def test_benchmark_list_after_on(ex):
    e = run(ex, "We evaluate the method on Zorblat-2 and FooSum-2.")
    t = types(e)
    assert t["Zorblat-2"] == "Benchmark" and t["FooSum-2"] == "Benchmark"


def test_list_coherence_spreads_type(ex):
    e = run(ex, "The collection covers (GSM8K, MATH-500, Blorbo) drawn from several sources.")
    assert types(e)["Blorbo"] == "Benchmark"


# -- hardware shapes and purposes --------------------------------------------------------------
def test_hardware_shapes_and_purposes(ex):
    e = run(
        ex,
        "The model was trained on 8 H100 GPUs. Inference runs on a single T4 GPU. "
        "We also profile an RTX 4090 and a TPU v5e.",
    )
    hw = {e.entities[h.hardware].label: h.purpose for h in e.hardware_use}
    assert hw["H100"] == "training"
    assert hw["T4"] == "inference"
    t = types(e)
    assert t["RTX 4090"] == "Hardware" and t["TPU v5e"] == "Hardware"


def test_ambiguous_device_needs_context(ex):
    e = Extractor(vocab_dir=VOCAB / "none").extract(
        Paper(title="x", abstract="The T4 cell line and the L4 vertebra.")
    )
    assert not e.mentions


def test_hardware_subject(ex):
    e = run(ex, "We run Llama-3.1-8B on an H100 for inference.")
    h = e.hardware_use[0]
    assert h.subject == "model/llama-3.1-8b" and h.purpose == "inference"


# -- metrics -----------------------------------------------------------------------------------
def test_metric_at_k_shape(ex):
    e = run(ex, "It reaches 62.0 pass@1 and improves Recall@10.")
    t = types(e)
    assert t["pass@1"] == "Metric" and t["Recall@10"] == "Metric"


def test_metric_word_needs_measurement(ex):
    e = run(ex, "Memory-constrained devices are common. The method reduces memory by 40%.")
    mems = [m for m in e.mentions if m.text == "memory"]
    assert len(mems) == 1 and mems[0].span.start > 30


# -- evaluations with values -------------------------------------------------------------------
def test_evaluation_with_percent_value_and_metric(ex):
    e = run(ex, "We propose FooNet, a reasoning method. FooNet reaches 91.2% accuracy on GSM8K.")
    ev = [x for x in e.evaluations if x.benchmark == "benchmark/gsm8k"][0]
    assert ev.subject == "method/foonet" and ev.metric == "metric/accuracy"
    assert ev.value == 91.2 and ev.unit == "%"


def test_evaluation_points_unit(ex):
    e = run(
        ex,
        "We propose FooNet, a reasoning method. On MMLU, FooNet improves macro-F1 by 8.24 points "
        "over Llama Guard 3.",
    )
    evs = {x.subject: x for x in e.evaluations}
    assert evs["method/foonet"].value == 8.24 and evs["method/foonet"].unit == "points"
    # the paper's method is the subject and takes the value; the baseline it is compared
    # with on MMLU is evaluated there too (guidelines; round 17), without the margin
    assert evs["model/llama-guard-3"].value is None


def test_evaluation_times_unit(ex):
    e = run(ex, "Llama 2 gets a 12.9× speedup on HumanEval.")
    ev = e.evaluations[0]
    assert (ev.subject, ev.benchmark, ev.value, ev.unit) == (
        "model/llama-2",
        "benchmark/humaneval",
        12.9,
        "x",
    )


def test_evaluation_absolute_and_range(ex):
    e = run(ex, "Mistral scores 83.1 on TruthfulQA. Gemma improves from 69.24 to 71.29 on MMLU.")
    evs = {(x.subject, x.benchmark): x for x in e.evaluations}
    a = evs[("model/mistral", "benchmark/truthfulqa")]
    assert a.value == 83.1 and a.unit == "absolute"
    b = evs[("model/gemma", "benchmark/mmlu")]
    assert b.value == 71.29 and b.value_text == "from 69.24 to 71.29"


def test_evaluation_subject_defaults_to_proposal(ex):
    e = run(
        ex,
        "We introduce BarNet, a pruning method. Experiments on GSM8K and MMLU show gains of our "
        "approach.",
    )
    pairs = {(x.subject, x.benchmark) for x in e.evaluations}
    assert pairs == {("method/barnet", "benchmark/gsm8k"), ("method/barnet", "benchmark/mmlu")}


def test_backbone_is_not_an_evaluation_subject(ex):
    e = run(
        ex, "We introduce BarNet, a pruning method. We evaluate BarNet on GSM8K using Llama-3.1-8B."
    )
    pairs = {(x.subject, x.benchmark) for x in e.evaluations}
    assert pairs == {("method/barnet", "benchmark/gsm8k")}


def test_training_data_is_not_an_evaluation(ex):
    e = run(
        ex,
        "We propose FooNet, a reasoning method. FooNet is trained on GSM8K and evaluated on MMLU.",
    )
    assert {(x.subject, x.benchmark) for x in e.evaluations} == {
        ("method/foonet", "benchmark/mmlu")
    }


def test_models_are_evaluated_on_the_papers_own_benchmark(ex):
    e = run(
        ex,
        "We introduce QuuxEval, a benchmark for long-context retrieval. "
        "We evaluate Llama 2, Mistral and Gemma and find large gaps.",
    )
    pairs = {(x.subject, x.benchmark) for x in e.evaluations}
    assert pairs == {
        ("model/llama-2", "method/quuxeval".replace("method", "benchmark")),
        ("model/mistral", "benchmark/quuxeval"),
        ("model/gemma", "benchmark/quuxeval"),
    }


def test_no_evaluation_without_benchmark(ex):
    e = run(ex, "Llama 2 is a strong model that achieves high accuracy.")
    assert not e.evaluations


# -- later rule families -----------------------------------------------------------------------
def test_unknown_camel_case_name_falls_back_to_method(ex):
    e = run(ex, "Baselines include StealthRank and QueryMemory, which we compare in detail.")
    t = types(e)
    assert t["StealthRank"] == "Method" and t["QueryMemory"] == "Method"
    assert [m.source for m in e.mentions if m.text == "StealthRank"] == ["unknown_name"]


def test_unknown_name_with_benchmark_ending(ex):
    e = run(ex, "Questions are drawn from MultiChartQA and FineMath for the study.")
    t = types(e)
    assert t["MultiChartQA"] == "Benchmark" and t["FineMath"] == "Benchmark"


def test_proposal_colon_list_takes_the_head_type(ex):
    e = run(
        ex,
        "I introduce an open-source framework and novel metrics to measure performance: "
        "Role Identification Accuracy, Deception Retention Rate, and Game State Impact Rate.",
    )
    assert {
        "Role Identification Accuracy",
        "Deception Retention Rate",
        "Game State Impact Rate",
    } <= proposed(e)
    assert types(e)["Deception Retention Rate"] == "Metric"


def test_proposal_enumeration(ex):
    e = run(
        ex,
        "Our framework introduces: (1) Anchored Rejection - fixing rejected responses and "
        "(2) Future-Guided Chosen - picking chosen responses.",
    )
    assert {"Anchored Rejection", "Future-Guided Chosen"} <= proposed(e)


def test_proposal_name_inside_object_phrase(ex):
    e = run(
        ex,
        "Leveraging these outputs, we introduce a novel scenario-driven instruction generator "
        "MATRIX-Gen for data synthesis.",
    )
    assert "MATRIX-Gen" in proposed(e)


def test_own_work_apposition(ex):
    e = run(ex, "However, our approach, SymNoise, increases this score significantly.")
    assert "SymNoise" in proposed(e)


def test_metric_compound_and_adjective(ex):
    e = run(
        ex,
        "It improves task accuracy by 3% and is cost-effective, with lower latency than "
        "low-latency baselines.",
    )
    names = {m.text for m in e.mentions if e.entities[m.entity_id].type == "Metric"}
    assert "task accuracy" in names and "latency" in names
    assert not any(m.text == "latency" and m.span.start > 80 for m in e.mentions)


def test_names_inside_urls_are_not_entities(ex):
    e = run(
        ex,
        "Code is at https://github.com/foo/GSM8K-tools and the data at "
        "huggingface.co/Llama-2-data.",
    )
    assert not e.mentions
