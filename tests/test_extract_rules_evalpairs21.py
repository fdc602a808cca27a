"""Evaluation pairs (round 13, recall on unseen papers): one test per rule on made-up
sentences, each failing without its rule (fixture vocabulary as in test_extract_rules)."""

from __future__ import annotations

from kg.models import Paper


def run(ex, abstract: str, title: str = "A study of things"):
    return ex.extract(Paper(title=title, abstract=abstract))


def pairs(e) -> set[tuple[str, str]]:
    lab = {eid: ent.label for eid, ent in e.entities.items()}
    return {(lab[v.subject], lab[v.benchmark]) for v in e.evaluations}


def test_methods_assessed_on_the_papers_own_benchmark(ex):
    e = run(
        ex,
        "We introduce ZorbBench, a benchmark for multi-step planning. "
        "We assess three prompting strategies, including Plan-of-Steps (PoS), "
        "Graph-of-Plans (GoP) and Step-Back Planning (SBP), using 12 open models.",
    )
    assert {("Plan-of-Steps", "ZorbBench"), ("Graph-of-Plans", "ZorbBench")} <= pairs(e)


def test_a_method_named_in_passing_on_the_own_benchmark_is_no_subject(ex):
    e = run(
        ex,
        "We introduce ZorbBench, a benchmark for multi-step planning. "
        "We assess Plan-of-Steps (PoS) and Graph-of-Plans (GoP) on models trained using "
        "Group Relative Policy Optimization (GRPO).",
    )
    got = pairs(e)
    assert ("Plan-of-Steps", "ZorbBench") in got
    assert not any("Policy" in s or s == "GRPO" for s, _ in got)


def test_training_data_where_the_result_is_measured(ex):
    e = run(
        ex,
        "We propose ZorbOpt, a second-order optimizer. "
        "On Llama pretraining on the C4 dataset, ZorbOpt reduces perplexity by up to 1.21 "
        "compared to AdamW.",
    )
    assert ("ZorbOpt", "C4") in pairs(e)


def test_training_data_with_the_result_on_another_benchmark(ex):
    e = run(
        ex,
        "We propose ZorbOpt, a second-order optimizer. "
        "After pretraining on the C4 dataset, ZorbOpt improves accuracy by 3.2 points on GSM8K.",
    )
    assert ("ZorbOpt", "GSM8K") in pairs(e)
    assert ("ZorbOpt", "C4") not in pairs(e)


def test_a_family_measured_in_a_carried_result(ex):
    e = run(
        ex,
        "Lightweight video models struggle with temporal dynamics. Applied to such models, "
        "our regularizer yields a 3.8% accuracy improvement on Kinetics-600. Notably, "
        "MobileNetV3 and the ZorbNet-Stream family achieve gains of 4.9% to 6.4% over prior "
        "state-of-the-art models.",
    )
    assert ("ZorbNet-Stream", "Kinetics-600") in pairs(e)


def test_a_title_case_name_ending_in_a_head_noun_is_proposed_and_evaluated(ex):
    e = run(
        ex,
        "This paper introduces Zorbic Distillation, a novel framework for data selection. "
        "We validate Zorbic Distillation by applying it to instruction tuning, targeting "
        "tasks including GSM8K and MMLU, across several models from the Llama and Qwen "
        "families.",
    )
    lab = {eid: ent.label for eid, ent in e.entities.items()}
    assert "Zorbic Distillation" in {lab[p.entity] for p in e.proposes}
    got = pairs(e)
    assert ("Zorbic Distillation", "GSM8K") in got
    assert not any(s == "Qwen" for s, _ in got)


def test_a_name_described_later_in_the_proposal_sentence_is_proposed(ex):
    e = run(
        ex,
        "We propose a strong baseline to tackle the drift issue with ZorbCoder, a method "
        "that critiques every past edit.",
    )
    lab = {eid: ent.label for eid, ent in e.entities.items()}
    assert "ZorbCoder" in {lab[p.entity] for p in e.proposes}


def test_a_result_of_the_method_on_the_papers_only_benchmark(ex):
    e = run(
        ex,
        "We present ZorbTalk, a benchmark for conversational code generation. "
        "We propose a strong baseline with ZorbCoder, a method that critiques every past "
        "edit. This approach reduces forgetting and improves the pass rate by up to 9.3%.",
    )
    assert ("ZorbCoder", "ZorbTalk") in pairs(e)


def test_a_model_version_followed_by_dataset_is_a_benchmark(ex):
    e = run(
        ex,
        "We propose ZorbSelect, a data selection rule. We validate ZorbSelect by applying it "
        "to instruction tuning on the Gemma V2 dataset.",
    )
    types = {ent.label: ent.type for ent in e.entities.values()}
    assert types.get("Gemma V2") == "Benchmark"
    assert ("ZorbSelect", "Gemma V2") in pairs(e)


def test_names_listed_as_example_datasets_are_benchmarks(ex):
    e = run(
        ex,
        "We propose ZorbNoise, a fine-tuning rule. When tested on instruction datasets, such "
        "as Zorb-in-Path, FooSet-Pro and BarCorpus-2, ZorbNoise consistently outperforms prior "
        "rules.",
    )
    types = {ent.label: ent.type for ent in e.entities.values()}
    assert types.get("Zorb-in-Path") == "Benchmark"
    assert types.get("ZorbNoise") != "Benchmark"
    assert ("ZorbNoise", "Zorb-in-Path") in pairs(e)


def test_an_evaluation_task_built_from_a_benchmark(ex):
    e = run(
        ex,
        "We propose ZorbRL, a segment-level reward rule. On a controlled multi-panel "
        "captioning task constructed from ZorbCapQA, ZorbRL consistently outperforms the "
        "baseline.",
    )
    assert ("ZorbRL", "ZorbCapQA") in pairs(e)


def test_models_from_families_are_members_not_components(ex):
    e = run(
        ex,
        "We benchmark five robustness techniques on 8 models from Llama, Mistral and Gemma "
        "families across 52 tasks from the ZorbInstruct dataset.",
    )
    assert {("Llama", "ZorbInstruct"), ("Gemma", "ZorbInstruct")} <= pairs(e)


def test_a_case_study_on_the_papers_own_benchmark_names_the_models_run(ex):
    e = run(
        ex,
        "This paper presents ZorbEval, a benchmark for secure code generation. Through a "
        "case study involving models from the Llama 2, Mistral and Gemma families, ZorbEval "
        "pinpointed key risks.",
    )
    assert {("Llama 2", "ZorbEval"), ("Gemma", "ZorbEval")} <= pairs(e)


def test_the_methods_a_new_benchmark_gathers_are_run_on_it(ex):
    e = run(
        ex,
        "We present ZorbBench, a benchmark that evaluates ranking attacks under one protocol. "
        "It unifies prompt-based attacks (ZorbTAP, Zero-Shot) and gradient-based attacks "
        "(ZorbGCG, StealthZorb).",
    )
    assert {("ZorbTAP", "ZorbBench"), ("ZorbGCG", "ZorbBench")} <= pairs(e)


def test_models_in_a_studys_findings_were_run_on_its_one_benchmark(ex):
    e = run(
        ex,
        "We test this using recordings from 80 speakers (the ZorbSpeech corpus) and seven "
        "LLMs. Our central finding is that a multilingual model (Gemma), matched to "
        "Llama 2, aligns best with speakers of its training language.",
    )
    assert {("Gemma", "ZorbSpeech"), ("Llama 2", "ZorbSpeech")} <= pairs(e)


def test_a_baseline_in_a_studys_findings_is_no_subject(ex):
    e = run(
        ex,
        "We evaluate our workflow on the ZorbPlan benchmark. On Site-1, we achieve 92% "
        "success, outperforming the strongest baseline (Gemma) at 84%.",
    )
    assert ("Gemma", "ZorbPlan") not in pairs(e)
