"""Evaluation facts built around the paper's contribution (kg/extract/contribution.py,
round 11, 16p): one test per rule on made-up sentences, each failing without its rule
(fixture vocabulary as in test_extract_rules)."""

from __future__ import annotations

from kg.models import Paper


def run(ex, abstract: str, title: str = "A study of things"):
    return ex.extract(Paper(title=title, abstract=abstract))


def pairs(e) -> set[tuple[str, str]]:
    lab = {eid: ent.label for eid, ent in e.entities.items()}
    return {(lab[v.subject], lab[v.benchmark]) for v in e.evaluations}


def bases(e, subject: str) -> set[str]:
    lab = {eid: ent.label for eid, ent in e.entities.items()}
    return {lab[b] for v in e.evaluations if lab[v.subject] == subject for b in v.base_models}


def test_experiments_sentence_without_a_subject_evaluates_the_proposal(ex):
    e = run(
        ex,
        "We propose ZorbNet, a sparse router for multi-step reasoning. "
        "Experiments on GSM8K, MMLU and HumanEval show consistent gains over strong baselines.",
    )
    assert {("ZorbNet", "GSM8K"), ("ZorbNet", "MMLU"), ("ZorbNet", "HumanEval")} <= pairs(e)


def test_experiments_before_the_proposal_are_background(ex):
    e = run(
        ex,
        "Experiments on GSM8K have shown consistent gains from routing. "
        "We propose ZorbNet, a sparse router for multi-step reasoning.",
    )
    assert not pairs(e)


def test_a_sentence_about_data_is_no_experiment(ex):
    e = run(
        ex,
        "We propose ZorbNet, a sparse router for multi-step reasoning. "
        "Its training set is curated from GSM8K and MMLU with strong performance filters.",
    )
    assert not pairs(e)


def test_applying_the_method_to_models_gives_each_an_entry_and_base_models(ex):
    e = run(
        ex,
        "We propose ZorbTune, a decoding rule for reasoning. "
        "Applying ZorbTune to Llama 3.1 8B and Qwen2.5 improves GSM8K accuracy by 4.1 points.",
    )
    assert {
        ("ZorbTune", "GSM8K"),
        ("Llama 3.1 8B", "GSM8K"),
        ("Qwen2.5", "GSM8K"),
    } <= pairs(e)
    assert bases(e, "ZorbTune") == {"Llama 3.1 8B", "Qwen2.5"}


def test_base_model_keys_are_in_the_evaluation_index(ex):
    e = run(
        ex,
        "We propose ZorbTune, a decoding rule for reasoning. "
        "Applying ZorbTune to Llama 3.1 8B improves GSM8K accuracy by 4.1 points.",
    )
    lab = {eid: ent.label for eid, ent in e.entities.items()}
    ev = next(v for v in e.evaluations if lab[v.subject] == "ZorbTune")
    # "which papers evaluate Llama on GSM8K" finds the method run on Llama 3.1 8B
    assert "model/llama benchmark/gsm8k" in ev.index_keys
    assert "model/llama-3.1-8b benchmark/gsm8k" in ev.index_keys


def test_base_model_in_an_unnamed_experiment_sentence(ex):
    e = run(
        ex,
        "We propose ZorbTune, a decoding rule for reasoning. "
        "Experiments on GSM8K with Llama 2 show that accuracy improves by 4 points.",
    )
    assert {("ZorbTune", "GSM8K"), ("Llama 2", "GSM8K")} <= pairs(e)
    assert bases(e, "ZorbTune") == {"Llama 2"}


def test_a_base_model_without_a_result_rides_on_the_method_only(ex):
    e = run(
        ex,
        "We propose ZorbTune, a decoding rule for reasoning. "
        "We evaluate ZorbTune on GSM8K using Llama 2.",
    )
    assert ("ZorbTune", "GSM8K") in pairs(e)
    assert ("Llama 2", "GSM8K") not in pairs(e)
    assert bases(e, "ZorbTune") == {"Llama 2"}


def test_a_family_is_no_base_model_entry(ex):
    e = run(
        ex,
        "We propose ZorbTune, a decoding rule for reasoning. "
        "With the Llama and Qwen2.5 families of models, ZorbTune improves GSM8K accuracy by "
        "3 points.",
    )
    assert ("ZorbTune", "GSM8K") in pairs(e)
    assert not {s for s, _ in pairs(e)} & {"Llama", "Qwen2.5"}


def test_judge_is_not_an_evaluated_subject(ex):
    e = run(
        ex,
        "We study refusals of chat models. With GPT-4o as the judge, Llama 2 scores 61% on "
        "TruthfulQA.",
    )
    assert ("Llama 2", "TruthfulQA") in pairs(e)
    assert ("GPT-4o", "TruthfulQA") not in pairs(e)


def test_features_of_a_model_are_a_component(ex):
    e = run(
        ex,
        "We study probing of chat models. On TruthfulQA, a probe over Mistral features "
        "reaches 71% accuracy.",
    )
    assert ("Mistral", "TruthfulQA") not in pairs(e)


def test_generic_lower_case_technique_is_no_subject(ex):
    e = run(
        ex,
        "We study decoding budgets. On GSM8K, Llama 2 with chain-of-thought and "
        "low-rank adaptation reaches 61% accuracy.",
    )
    assert ("Llama 2", "GSM8K") in pairs(e)
    assert ("chain-of-thought", "GSM8K") not in pairs(e)


def test_compared_models_on_the_papers_own_benchmark_are_subjects(ex):
    e = run(
        ex,
        "We introduce QuillBench, a benchmark for long-horizon planning. We also propose "
        "ZorbAgent, a planner. ZorbAgent achieves 70% on QuillBench, outperforming GPT-4o "
        "and Llama 2.",
    )
    assert {("ZorbAgent", "QuillBench"), ("GPT-4o", "QuillBench")} <= pairs(e)


def test_unnamed_subject_on_the_papers_own_benchmark_is_not_its_method(ex):
    e = run(
        ex,
        "We introduce QuillBench, a benchmark for long-horizon planning. We also present "
        "ZorbAgent, a shared scaffold. Experiments show that current agents remain far from "
        "reliable on QuillBench.",
    )
    assert ("ZorbAgent", "QuillBench") not in pairs(e)


def test_base_model_is_a_kg_basemodel_quad(ex):
    from kg.models import SourceRef
    from kg.to_rdf import paper_quads

    p = Paper(
        title="A study of things",
        abstract="We propose ZorbTune, a decoding rule for reasoning. Applying ZorbTune to "
        "Llama 2 improves GSM8K accuracy by 4.1 points.",
        sources=[SourceRef(file="x.jsonl", record=1, format="jsonl")],
    )
    quads = paper_quads(p, ex.extract(p))
    assert any(
        str(q.predicate).endswith("baseModel>") and "llama-2" in str(q.object) for q in quads
    )


def test_names_after_it_achieves_are_objects_not_subjects(ex):
    e = run(
        ex,
        "We propose ZorbNet, a sparse router for reasoning. Notably, it achieves 71% "
        "accuracy and a 2x gain over Zorb-in-Path on GSM8K.",
    )
    assert ("ZorbNet", "GSM8K") in pairs(e)
    # the compared system is evaluated on GSM8K (round 17) but takes none of the values
    lab = {eid: ent.label for eid, ent in e.entities.items()}
    assert all(v.value is None for v in e.evaluations if lab[v.subject] == "Zorb-in-Path")


def test_a_name_listed_among_benchmarks_is_no_subject(ex):
    e = run(
        ex,
        "We study segmentation of rare lesions. Experiments on GSM8K, Zorb-in-Path, and "
        "MMLU demonstrate that the approach is reliable.",
    )
    assert ("Zorb-in-Path", "GSM8K") not in pairs(e)


def test_a_kind_of_model_is_no_subject(ex):
    e = run(
        ex,
        "We study parsing of requests. We run evaluations on MMLU, employing Llama 2 alongside "
        "GPT-4o-type models.",
    )
    assert ("GPT-4o", "MMLU") not in pairs(e)


def test_base_models_named_in_another_sentence_ride_on_the_method(ex):
    e = run(
        ex,
        "We propose ZorbTune, a decoding rule for reasoning. We apply ZorbTune to Llama 2 and "
        "Qwen2.5. Experiments on GSM8K and MMLU show consistent gains of 4 points.",
    )
    assert {("ZorbTune", "GSM8K"), ("ZorbTune", "MMLU")} <= pairs(e)
    assert bases(e, "ZorbTune") == {"Llama 2", "Qwen2.5"}
    assert {("Llama 2", "GSM8K"), ("Qwen2.5", "MMLU")} <= pairs(e)


def test_a_new_benchmark_made_to_evaluate_the_method_evaluates_it(ex):
    e = run(
        ex,
        "We introduce ZorbAgent, an agent for data analysis. We also introduce QuillBench, a "
        "benchmark of curated notebooks, to evaluate ZorbAgent's performance.",
    )
    assert ("ZorbAgent", "QuillBench") in pairs(e)


def test_a_model_used_to_build_data_is_no_subject(ex):
    e = run(
        ex,
        "We study synthetic supervision. Trained on questions generated by GPT-4o, Llama 2 "
        "reaches 60% accuracy on GSM8K.",
    )
    assert ("Llama 2", "GSM8K") in pairs(e)
    assert ("GPT-4o", "GSM8K") not in pairs(e)


def test_a_model_based_component_is_no_subject(ex):
    e = run(
        ex,
        "We study toxicity filters. On TruthfulQA, a Mistral-based classifier and Llama 2 "
        "reach 70% accuracy.",
    )
    assert ("Mistral", "TruthfulQA") not in pairs(e)


def test_findings_after_evaluating_on_the_papers_own_benchmark_are_results_on_it(ex):
    e = run(
        ex,
        "We introduce QuillBench, a benchmark to quantify bias in language models. We evaluate "
        "12 language models on QuillBench, including GPT-4o. In two series, Llama 2 and "
        "Mistral, we found that larger models are more biased.",
    )
    assert {("Llama 2", "QuillBench"), ("Mistral", "QuillBench")} <= pairs(e)


def test_an_experiment_sentence_naming_only_baselines_evaluates_the_proposal(ex):
    e = run(
        ex,
        "We propose ZorbNet, a sparse router for reasoning. Experiments on GSM8K and MMLU "
        "show consistent gains over GPT-4o.",
    )
    assert {("ZorbNet", "GSM8K"), ("ZorbNet", "MMLU")} <= pairs(e)
    # round 17: the system the gains are over was compared on both (guidelines)
    assert {("GPT-4o", "GSM8K"), ("GPT-4o", "MMLU")} <= pairs(e)


def test_with_two_new_datasets_an_unnamed_one_is_no_evaluation(ex):
    e = run(
        ex,
        "We introduce two benchmarks, QuillBench and RookEval, to measure planning in agents. "
        "We evaluate Llama 2 and GPT-4o in detail.",
    )
    assert not {b for _, b in pairs(e)} & {"QuillBench", "RookEval"}


def test_a_benchmark_name_used_as_a_judge_is_no_benchmark_evaluated_on(ex):
    e = run(
        ex,
        "We propose ZorbTune, a fine-tuning rule for safety. Using the TruthfulQA judge, "
        "ZorbTune improves safety by 5 points.",
    )
    assert ("ZorbTune", "TruthfulQA") not in pairs(e)


def test_base_model_shape(ex):
    """kg:baseModel on an evaluation conforms when it is a kg:Model, fails when not."""
    from rdflib import Graph, URIRef
    from test_ontology import KG, _failing_paths, shacl, to_rdflib

    from kg.models import SourceRef
    from kg.paths import ontology_dir
    from kg.to_rdf import entity_quads, paper_quads

    shapes = Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")
    p = Paper(
        title="A study of things",
        abstract="We propose ZorbTune, a decoding rule for reasoning. Applying ZorbTune to "
        "Llama 2 improves GSM8K accuracy by 4.1 points.",
        sources=[SourceRef(file="x.jsonl", record=1, format="jsonl")],
    )
    e = ex.extract(p)
    g = to_rdflib(paper_quads(p, e) + entity_quads(e.entities.values(), source="curated"))
    assert any(True for _ in g.triples((None, KG.baseModel, None)))
    conforms, _, text = shacl(g, shapes)
    assert conforms, text
    node = next(s for s, _, _ in g.triples((None, KG.baseModel, None)))
    g.add((node, KG.baseModel, URIRef("https://w3id.org/kg/id/benchmark/gsm8k")))
    conforms, results, _ = shacl(g, shapes)
    assert not conforms and str(KG.baseModel) in _failing_paths(results)


def test_a_model_the_method_improves_is_a_base_model(ex):
    e = run(
        ex,
        "We propose ZorbTune, a decoding rule for reasoning. ZorbTune improves Llama 2 by 12 "
        "points on GSM8K.",
    )
    assert ("Llama 2", "GSM8K") in pairs(e)
    assert bases(e, "ZorbTune") == {"Llama 2"}


def test_model_plus_method_is_a_base_model(ex):
    e = run(
        ex,
        "We propose ZorbTune, a decoding rule for reasoning. Llama 2 + ZorbTune reaches 52% on "
        "GSM8K, outperforming GPT-4o.",
    )
    assert ("Llama 2", "GSM8K") in pairs(e)
    assert bases(e, "ZorbTune") == {"Llama 2"}
    # the outperformed model is compared on GSM8K (round 17), not a base model
    assert ("GPT-4o", "GSM8K") in pairs(e) and "GPT-4o" not in bases(e, "ZorbTune")


def test_named_baselines_on_an_existing_benchmark_are_subjects(ex):
    # "baselines including A and B", "outperforms A and B methods": compared on the
    # sentence's benchmarks, so evaluated on them (guidelines)
    e = run(
        ex,
        "We propose ZorbNet, a sparse router for multi-step reasoning. "
        "ZorbNet achieves the best accuracy on GSM8K, outperforming strong baselines "
        "including GPT-4o and Llama 2.",
    )
    assert {("ZorbNet", "GSM8K"), ("GPT-4o", "GSM8K"), ("Llama 2", "GSM8K")} <= pairs(e)
    e = run(
        ex,
        "We propose ZorbNet, a sparse router for multi-step reasoning. "
        "Experiments on GSM8K and MMLU show that ZorbNet outperforms GPT-4o and Llama 2 "
        "models.",
    )
    assert ("Llama 2", "MMLU") in pairs(e) and ("GPT-4o", "GSM8K") in pairs(e)


def test_a_bare_comparison_evaluates_the_baseline_but_a_class_does_not(ex):
    # round 17 (guidelines: a baseline compared on the named benchmark is evaluated there)
    e = run(
        ex,
        "We propose ZorbNet, a sparse router for multi-step reasoning. "
        "On GSM8K, ZorbNet outperforms GPT-4o by 3 points.",
    )
    assert {("ZorbNet", "GSM8K"), ("GPT-4o", "GSM8K")} <= pairs(e)
    e = run(
        ex,
        "We propose ZorbNet, a sparse router for multi-step reasoning. "
        "On GSM8K, ZorbNet achieves higher accuracy compared to state-of-the-art Llama 2 "
        "and GPT-4o models.",
    )
    assert {("Llama 2", "GSM8K"), ("GPT-4o", "GSM8K")} <= pairs(e)
    e = run(
        ex,
        "We propose ZorbNet, a sparse router for multi-step reasoning. "
        "On GSM8K, ZorbNet achieves higher accuracy than GPT-4o-based agents.",
    )
    assert ("GPT-4o", "GSM8K") not in pairs(e)


def test_a_result_sentence_takes_the_benchmark_of_the_sentence_before(ex):
    e = run(
        ex,
        "We study long clinical notes. The MMLU benchmark is used for evaluation. "
        "Our results show that Llama 2 with retrieval achieved the best accuracy of 61.2%.",
    )
    assert ("Llama 2", "MMLU") in pairs(e)


def test_no_benchmark_carried_without_a_value_or_to_a_baseline_or_a_setting(ex):
    for abstract in (
        # no value stated
        "We study long clinical notes. The MMLU benchmark is used for evaluation. "
        "Our results show that Llama 2 with retrieval does best.",
        # the previous sentence names a system of its own
        "We study long clinical notes. GPT-4o is evaluated on MMLU. "
        "Llama 2 reaches 61.2% accuracy.",
        # a named baseline, and a sentence with its own setting
        "We study long clinical notes. The MMLU benchmark is used for evaluation. "
        "Our agent reaches 70%, outperforming the strongest baseline (Llama 2) at 61.2%.",
        "We study long clinical notes. The MMLU benchmark is used for evaluation. "
        "On MP-1, Llama 2 reaches 61.2% accuracy.",
    ):
        assert ("Llama 2", "MMLU") not in pairs(run(ex, abstract)), abstract
