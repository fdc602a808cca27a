"""Evaluation pairs (round 14, unseen papers and base models): one test per rule on
made-up sentences, each failing without its rule (fixture vocabulary as in
test_extract_rules)."""

from __future__ import annotations

from kg.models import Paper


def run(ex, abstract: str, title: str = "A study of things"):
    return ex.extract(Paper(title=title, abstract=abstract))


def pairs(e) -> set[tuple[str, str]]:
    lab = {eid: ent.label for eid, ent in e.entities.items()}
    return {(lab[v.subject], lab[v.benchmark]) for v in e.evaluations}


def evals(e) -> dict[tuple[str, str], list]:
    lab = {eid: ent.label for eid, ent in e.entities.items()}
    out: dict[tuple[str, str], list] = {}
    for v in e.evaluations:
        out.setdefault((lab[v.subject], lab[v.benchmark]), []).append(v)
    return out


def bases(e) -> dict[tuple[str, str], set[str]]:
    lab = {eid: ent.label for eid, ent in e.entities.items()}
    out: dict[tuple[str, str], set[str]] = {}
    for v in e.evaluations:
        out.setdefault((lab[v.subject], lab[v.benchmark]), set()).update(
            lab[b] for b in v.base_models
        )
    return out


def test_the_model_whose_measure_the_method_raises_is_a_base_model(ex):
    e = run(
        ex,
        "We propose ZorbTune, a reinforcement learning recipe for web agents. "
        "Experiments on the WebZorb-Lite benchmark demonstrate the effectiveness of ZorbTune, "
        "boosting the task success rate of Qwen-2.5-3B from 6.1% to 33.9%.",
    )
    got = bases(e)
    assert "Qwen-2.5-3B" in got.get(("ZorbTune", "WebZorb-Lite"), set())
    assert ("Qwen-2.5-3B", "WebZorb-Lite") in got


def test_a_possessive_score_belongs_to_the_compared_system(ex):
    e = run(
        ex,
        "We propose ZorbNet, a texture recognizer. ZorbNet achieves state-of-the-art "
        "performance: 99.80% against QuuxNet's 98.93% on ZorbSet-1, and 98.52% against "
        "BlargNet's 97.63% on ZorbSet-2.",
    )
    got = evals(e)
    assert [v.value for v in got[("QuuxNet", "ZorbSet-1")]] == [98.93]
    assert [v.value for v in got[("BlargNet", "ZorbSet-2")]] == [97.63]
    assert ("QuuxNet", "ZorbSet-2") not in got  # only where its own value binds
    # the compared system's score is not the proposal's
    assert all(v.value != 98.93 for v in got[("ZorbNet", "ZorbSet-1")])


def test_a_name_after_a_bare_comma_and_before_a_verb_is_no_listed_benchmark(ex):
    e = run(
        ex,
        "We study early stopping for reasoning. "
        "In particular, on ZorbQA, Answer Zorbency reduces tokens by over 40%.",
    )
    assert not any(
        m.text == "Answer Zorbency" and m.entity_id.startswith("benchmark/") for m in e.mentions
    )
    e = run(
        ex,
        "We propose ZorbSeg. ZorbSeg achieves 3.2% higher DSC than the previous best results "
        "on ZorbHeart, ZorbLiver, Spleenzorb with 10% annotations.",
    )
    assert ("ZorbSeg", "Spleenzorb") in pairs(e)


def test_a_gloss_after_a_listed_benchmark(ex):
    e = run(
        ex,
        "We propose ZorbLaw, a legal reasoning agent. Evaluations across three benchmarks: "
        "Law-ZG, Case-ZG (legality), and Unfair-ZOS (policy), demonstrate ZorbLaw's "
        "effectiveness.",
    )
    assert ("ZorbLaw", "Unfair-ZOS") in pairs(e)


def test_an_acronym_or_citation_gloss_starts_no_list(ex):
    e = run(
        ex,
        "We propose ZorbMT. The results were evaluated on the ZorbWMT shared task test data "
        "using ZorbBLEU (Post, 2018) and ZorbCHRF (Popovic, 2015), showing gains.",
    )
    # (a guard on the gloss rule above: a citation in brackets joins no list items)
    assert not any(
        m.text == "ZorbCHRF" and m.entity_id.startswith("benchmark/") for m in e.mentions
    )


def test_namely_with_a_comma_opens_a_benchmark_list(ex):
    e = run(
        ex,
        "We adapt three models to cybersecurity. Evaluation across three cybersecurity "
        "benchmarks, namely, Zorb-MCQ, QuuxMetric, and BlargEval, demonstrates consistent "
        "improvements post-adaptation.",
    )
    typed = {m.text: m.entity_id.split("/")[0] for m in e.mentions}
    assert typed.get("Zorb-MCQ") == "benchmark" and typed.get("QuuxMetric") == "benchmark"


def test_named_models_results_on_the_papers_only_benchmark(ex):
    e = run(
        ex,
        "We introduce ZorbLoad, a benchmark of multi-hop reasoning under cognitive load. "
        "Smaller open models (Zorb-7B-Instruct, Quux-8B-Instruct) exhibited brittleness, "
        "achieving 0% accuracy across all conditions. In contrast, Blarg-34B-Chat showed partial "
        "resilience, achieving 85% accuracy in control conditions.",
    )
    got = evals(e)
    assert {("Zorb-7B-Instruct", "ZorbLoad"), ("Blarg-34B-Chat", "ZorbLoad")} <= set(got)


def test_models_results_on_the_named_own_benchmark_without_an_evaluation_verb(ex):
    e = run(
        ex,
        "We introduce ZorbLong, a benchmark of long-context aggregation tasks. Even frontier "
        "models struggle on ZorbLong, with Zorb-70B and Quux-13B-Chat all achieving less than "
        "50% accuracy.",
    )
    got = evals(e)
    assert {("Zorb-70B", "ZorbLong"), ("Quux-13B-Chat", "ZorbLong")} <= set(got)
    assert all(v.value is None for k in got for v in got[k])  # "less than 50%": no value


def test_a_carried_result_outperforming_examples_are_baselines(ex):
    e = run(
        ex,
        "We adapt three decoder models to cybersecurity. Evaluation across three cybersecurity "
        "benchmarks, namely, Zorb-MCQ, QuuxMetric, and BlargEval, demonstrates consistent "
        "improvements. The Zorb-70B-DAP model achieved accuracies of 0.718, 0.933, and 0.864, "
        "respectively, outperforming specialized models, including Quux-Primus-Base.",
    )
    got = pairs(e)
    assert ("Zorb-70B-DAP", "BlargEval") in got
    assert not any(s == "Quux-Primus-Base" for s, _b in got)


def test_the_own_method_with_a_result_verb_on_its_own_benchmark(ex):
    e = run(
        ex,
        "We introduce a new evaluation dataset, z-CIR, for instance-level retrieval. We also "
        "propose a training-free approach called ZORBIC. ZORBIC sets a new state of the art on "
        "z-CIR.",
    )
    assert ("ZORBIC", "z-CIR") in pairs(e)


def test_the_own_method_in_the_sentence_introducing_the_benchmark(ex):
    e = run(
        ex,
        "We propose ZorbAPI, a framework that simulates tool responses. ZorbAPI achieves "
        "superior accuracy compared to state-of-the-art methods, as demonstrated by its "
        "performance on the newly constructed ZorbAPI-Bench.",
    )
    assert ("ZorbAPI", "ZorbAPI-Bench") in pairs(e)
    e = run(
        ex,
        "We propose ZorbFlow, an execute-summarize framework. We introduce ZorbFlowBench and "
        "show through extensive experiments that our approach outperforms existing methods.",
    )
    assert ("ZorbFlow", "ZorbFlowBench") in pairs(e)


def test_the_main_proposal_opening_a_result_sentence_on_the_only_own_benchmark(ex):
    e = run(
        ex,
        "We introduce ZQA-Long, a benchmark designed to evaluate narrative reasoning in long "
        "videos. We propose ZorbNaRA, a narrative-centric framework with structured memory. "
        "ZorbNaRA improves long-range reasoning performance by up to 3 percent.",
    )
    assert ("ZorbNaRA", "ZQA-Long") in pairs(e)
    e = run(
        ex,
        "We introduce ZorbCine, a benchmark for video compilation. We propose ZorbAgents, a "
        "multi-agent framework. Extensive experiments demonstrate that ZorbAgents significantly "
        "outperforms existing methods.",
    )
    assert ("ZorbAgents", "ZorbCine") in pairs(e)


def test_to_evaluate_our_proposed_method_we_introduce_a_benchmark(ex):
    e = run(
        ex,
        "We propose ZorbKus, a knowledge transfer method for concept customization. To further "
        "comprehensively evaluate our proposed ZorbKus on the new task, we introduce the first "
        "benchmark for this task: ZorbCusBench.",
    )
    assert ("ZorbKus", "ZorbCusBench") in pairs(e)


def test_a_latex_subscript_number_is_no_value(ex):
    e = run(
        ex,
        "We propose ZorbGuide. Experiments on ZorbSet show that ZorbGuide improves $π_{0.5}$ "
        "by 9.7% in task success.",
    )
    assert [v.value for v in evals(e)[("ZorbGuide", "ZorbSet")]] == [9.7]


def test_a_set_size_after_a_benchmark_is_no_value(ex):
    e = run(
        ex,
        "We propose ZorbRoute, a model router. We evaluate on ZorbRouterBench (11 models, 405K "
        "queries) and QuuxRoute (14 models, 45K queries).",
    )
    assert ("ZorbRoute", "QuuxRoute") in pairs(e)
    assert all(v.value not in (11.0, 14.0) for v in e.evaluations)


def test_a_listed_name_may_start_with_a_digit(ex):
    e = run(
        ex,
        "We propose ZorbReg, a point cloud registration method. Experiments on the ZorbMatch, "
        "3DZorbMatch, and QuuxScenes datasets show that ZorbReg outperforms prior methods.",
    )
    assert ("ZorbReg", "3DZorbMatch") in pairs(e)
    e = run(ex, "We propose ZorbGen. Results on 2D and 3D datasets show gains for ZorbGen.")
    assert not any(b in ("2D", "3D") for _s, b in pairs(e))


def test_a_named_models_finding_without_a_value_on_the_only_own_benchmark(ex):
    e = run(
        ex,
        "We introduce ZorbEdu, a benchmark of educational tasks. In the knowledge dimension, "
        "only Zorb-70B-Chat surpassed the human baseline, while the best open model still "
        "trailed far behind.",
    )
    assert ("Zorb-70B-Chat", "ZorbEdu") in pairs(e)
