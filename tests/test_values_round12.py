"""Round 12 (issue #16, values): more values bound where the statement ties them, none
where it does not, and the guidelines' examples end to end through the store's
leaderboard. Made-up sentences; each test fails without the rule it names."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_values import bind, kinds

from kg.extract.values import find_values
from kg.models import Paper, SourceRef


def run(ex, abstract: str, title: str = "A study of things", arxiv_id: str | None = None):
    return ex.extract(Paper(title=title, abstract=abstract, arxiv_id=arxiv_id))


def valued(e) -> set[tuple[str, str, str | None, str | None]]:
    lab = {eid: ent.label for eid, ent in e.entities.items()}
    return {
        (lab[v.subject], lab[v.benchmark], v.value_text, v.value_kind)
        for v in e.evaluations
        if v.value_text
    }


# -- values.py ------------------------------------------------------------------------------
def test_a_hedged_from_to_change_is_one_score():
    t = "FooNet raises its AlphaSet score from approximately 49% to 93.4%."
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet")
    v = b.value_for("method/foonet", "benchmark/alpha")
    assert (v.text, v.kind, v.value) == ("from approximately 49% to 93.4%", "score", 93.4)


def test_a_share_the_run_was_given_is_no_competing_score():
    # the 70% is a setting ("when using 70% of the layers"): it used to make the result
    # ambiguous, so the pair had no value
    t = "BarLM on AlphaSet improved from 13.88 to 18.36 when using 70% of the layers."
    b = bind(t, m_bar="BarLM", b_alpha="AlphaSet")
    assert b.value_for("model/bar", "benchmark/alpha").text == "from 13.88 to 18.36"
    assert kinds(t)["70%"] == "ratio"


def test_a_value_at_a_setting_is_no_result():
    t = "At 40% sparsity, FooNet attains 81.3% accuracy on AlphaSet."
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet", k_acc="accuracy", k_sp="sparsity")
    got = [(v.text, v.metric) for v in b.values_for("method/foonet", "benchmark/alpha")]
    assert got == [("81.3%", "metric/acc")]
    # nor does its metric go to the next value of the list
    t = "At 40% sparsity, FooNet attains 81.3% accuracy on AlphaSet and 59.6% on BetaSet."
    b = bind(
        t,
        x_foonet="FooNet",
        b_alpha="AlphaSet",
        b_beta="BetaSet",
        k_acc="accuracy",
        k_sp="sparsity",
    )
    assert b.value_for("method/foonet", "benchmark/beta").metric == "metric/acc"


def test_a_list_of_values_shares_its_metric():
    t = "FooNet performs well, reaching 0.91 AUC on AlphaSet and 0.88 on BetaSet."
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet", b_beta="BetaSet", k_auc="AUC")
    assert b.value_for("method/foonet", "benchmark/beta").metric == "metric/auc"
    t = "FooNet reaches 0.91 and 0.88 AUC on AlphaSet and BetaSet, respectively."
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet", b_beta="BetaSet", k_auc="AUC")
    assert b.value_for("method/foonet", "benchmark/alpha").metric == "metric/auc"
    # two metrics in the clause: nothing to share
    t = "FooNet reaches 0.91 AUC and 0.72 F1 on AlphaSet and 0.88 on BetaSet."
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet", b_beta="BetaSet", k_auc="AUC", k_f1="F1")
    v = b.value_for("method/foonet", "benchmark/beta")
    assert v is None or v.metric is None


def test_a_tuple_of_values_per_target_is_no_respective_list():
    t = (
        "FooNet outperforms the best baseline by an average of (47.08%, 82.32%) on AlphaSet,"
        " and (78.17%, 68.29%) on BetaSet, in terms of (translation, rotation), respectively."
    )
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet", b_beta="BetaSet")
    assert b.value_for("method/foonet", "benchmark/alpha") is None
    assert b.value_for("method/foonet", "benchmark/beta") is None
    # a bracket after the list of targets still is one
    t = "FooNet reaches AlphaSet, BetaSet and GammaSet (63.4%, 84.2% and 95.7%, respectively)."
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet", b_beta="BetaSet", b_g="GammaSet")
    assert b.value_for("method/foonet", "benchmark/g").text == "95.7%"


def test_values_with_a_unit_of_their_own():
    t = "It runs at 12 ms per frame and 80 FPS, 2.3x faster, at 150 tokens/s."
    got = {v.text: v.unit for v in find_values(t, 0, len(t))}
    assert got == {"12 ms": "ms", "80 FPS": "FPS", "2.3x": "x", "150 tokens/s": "tokens/s"}
    assert kinds(t)["12 ms"] == "score" and kinds(t)["2.3x"] == "ratio"
    t = "FooNet reaches 41.2 mAP on AlphaSet with a latency of 12 ms."
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet", k_map="mAP", k_lat="latency")
    got = [(v.text, v.metric) for v in b.values_for("method/foonet", "benchmark/alpha")]
    assert got == [("41.2", "metric/map"), ("12 ms", "metric/lat")]
    # an unmarked measured value binds nothing
    t = "On AlphaSet, FooNet runs at 12 ms per frame."
    assert (
        bind(t, x_foonet="FooNet", b_alpha="AlphaSet").value_for("method/foonet", "benchmark/alpha")
        is None
    )


# -- relations.py: where values are attached -------------------------------------------------
def test_a_pairs_value_from_a_later_sentence(ex):
    e = run(
        ex,
        "We propose ZorbPrune, a pruning rule for reasoning models. We evaluate ZorbPrune on "
        "GSM8K and MMLU. ZorbPrune attains 81.3% on GSM8K.",
    )
    assert ("ZorbPrune", "GSM8K", "81.3%", "score") in valued(e)


def test_values_on_the_papers_own_benchmark_named_by_anaphor_or_owned(ex):
    e = run(
        ex,
        "We introduce QuuxBench, a benchmark of 500 multi-image reasoning problems. We evaluate "
        "GPT-4o and Llama 2 on QuuxBench. Even the strongest models, such as GPT-4o, attain "
        "only about 50% on the benchmark.",
    )
    assert ("GPT-4o", "QuuxBench", "50%", "score") in valued(e)
    assert not any(s == "Llama 2" for s, *_ in valued(e))


def test_the_first_result_of_a_measure_is_the_headline(ex):
    e = run(
        ex,
        "We introduce ZorbDx, a diagnostic agent. ZorbDx achieves 80% diagnostic accuracy on "
        "GSM8K. When configured for maximum accuracy, ZorbDx achieves 85.5% accuracy on GSM8K.",
    )
    got = {v for s, b, v, _k in valued(e) if (s, b) == ("ZorbDx", "GSM8K")}
    assert got == {"80%"}


# -- the guidelines' examples end to end: extraction -> store -> leaderboard ----------------
PAPERS = [
    (
        "2601.10001",
        "We propose ZorbTune, a decoding rule for reasoning. ZorbTune achieves 91.2% accuracy "
        "on GSM8K.",
    ),
    (
        "2601.10002",
        "We propose QuillNet, a sparse router. QuillNet is 2.3x faster on GSM8K. Accuracy of "
        "QuillNet on GSM8K varies by up to 12% across prompt formats.",
    ),
    (
        "2601.10003",
        "We propose FooDecode, a sampler. Applying FooDecode to Llama 2 and Qwen2.5 improves "
        "GSM8K accuracy by 4.1 points.",
    ),
    (
        "2601.10004",
        "We propose BarSearch, a search rule. BarSearch improves accuracy on GSM8K by +21.4%.",
    ),
]


@pytest.fixture(scope="module")
def store_kg(ex, tmp_path_factory):
    from kg.query import open_kg
    from kg.store import KGStore
    from kg.to_rdf import entity_quads, paper_quads

    quads, ents = [], {}
    for aid, abstract in PAPERS:
        p = Paper(
            title="A study of things",
            abstract=abstract,
            arxiv_id=aid,
            sources=[SourceRef(file="x.jsonl", record=1, format="jsonl")],
        )
        e = ex.extract(p)
        quads += paper_quads(p, e)
        ents.update(e.entities)
    quads += entity_quads(ents.values(), source="curated")
    path: Path = tmp_path_factory.mktemp("lb12") / "store"
    store = KGStore(path)
    store.add_quads(quads)
    store.flush()
    del store
    return open_kg(path).warm()


def test_spread_improvement_and_speed_up_never_enter_the_leaderboard(store_kg):
    from kg.query.leaderboard import leaderboard

    lb = leaderboard(store_kg, "GSM8K")
    rows = [(r.value, r.paper.id) for g in lb.metrics for r in g.rows]
    # the score only: not the 2.3x speed-up, the 12% spread, the 4.1-point or +21.4% gains
    assert rows == [(91.2, "2601.10001")]


def test_a_method_applied_to_named_models_is_found_under_each_model(store_kg):
    from kg.query.evaluations import find_evaluations

    for model in ("Llama 2", "Qwen2.5"):
        res = find_evaluations(store_kg, model, "GSM8K")
        assert "2601.10003" in {p.id for p in res.papers}


def test_a_list_of_metric_value_pairs_before_one_benchmark():
    t = (
        "FooNet leads on captioning (R@1 of 0.584, CIDEr of 53.16 on BetaSet) and on"
        " AlphaSet (71.0%)."
    )
    kw = dict(x_foonet="FooNet", b_alpha="AlphaSet", b_beta="BetaSet", k_r1="R@1", k_cider="CIDEr")
    b = bind(t, **kw)
    got = [(v.text, v.metric) for v in b.values_for("method/foonet", "benchmark/beta")]
    assert got == [("0.584", "metric/r1"), ("53.16", "metric/cider")]
    t = "FooNet reaches 91.3% mIoU and 97.1% Dice on BetaSet, and 71.0% on AlphaSet."
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet", b_beta="BetaSet", k_m="mIoU", k_d="Dice")
    got = [(v.text, v.metric) for v in b.values_for("method/foonet", "benchmark/beta")]
    assert got == [("91.3%", "metric/m"), ("97.1%", "metric/d")]
    # one metric for two values: which setting? nothing more is bound
    t = "FooNet reaches accuracy of 61.0%, accuracy of 71.0% on BetaSet, and 50% on AlphaSet."
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet", b_beta="BetaSet", k_a="accuracy")
    assert [v.text for v in b.values_for("method/foonet", "benchmark/beta")] == ["71.0%"]


def test_a_measured_unit_reaches_the_graph_and_conforms(ex):
    from pyshacl import validate
    from rdflib import Graph

    from kg.paths import ontology_dir
    from kg.to_rdf import entity_quads, paper_quads

    p = Paper(
        title="A study of things",
        abstract="We propose ZorbNet, a fast decoder. ZorbNet achieves 91.2% accuracy on GSM8K"
        " with a latency of 12 ms.",
        sources=[SourceRef(file="x.jsonl", record=1, format="jsonl")],
    )
    e = ex.extract(p)
    assert {(v.value_text, v.unit) for v in e.evaluations if v.value_text} >= {("12 ms", "ms")}
    nq = "".join(
        f"{q.subject} {q.predicate} {q.object} .\n"
        for q in paper_quads(p, e) + entity_quads(e.entities.values(), source="curated")
    )
    g = Graph().parse(data=nq, format="nt")
    shapes = Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")
    conforms, _, text = validate(g, shacl_graph=shapes)
    assert conforms, text


def test_the_second_item_of_a_parallel_list_is_of_the_firsts_kind():
    # "2%" alone reads as a score; it is the second improvement and must never rank as one
    t = "FooNet improves accuracy by 5% on AlphaSet and 2% on BetaSet."
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet", b_beta="BetaSet", k_acc="accuracy")
    v = b.value_for("method/foonet", "benchmark/beta")
    assert (v.text, v.kind) == ("2%", "improvement")
    t = "FooNet reaches 55.5 (+1.4) mIoU on AlphaSet, 73.0 (+1.1) mIoU on BetaSet."
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet", b_beta="BetaSet", k_m="mIoU")
    assert b.value_for("method/foonet", "benchmark/beta").kind == "score"
    t = "FooNet gains 5% on AlphaSet, and reaches 82.1% on BetaSet."
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet", b_beta="BetaSet")
    assert b.value_for("method/foonet", "benchmark/beta").kind == "score"


def test_more_than_is_a_hedge_not_another_systems_number():
    t = (
        "FooNet achieves more than 5% improvement in accuracy on AlphaSet and more than 2% on"
        " BetaSet."
    )
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet", b_beta="BetaSet", k_acc="accuracy")
    v = b.value_for("method/foonet", "benchmark/beta")
    assert (v.text, v.kind, v.metric) == ("2%", "improvement", "metric/acc")
    # "than 70%" stays another's
    t = "FooNet reaches 80% on AlphaSet, higher than 70% reported before."
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet")
    assert [v.text for v in b.values_for("method/foonet", "benchmark/alpha")] == ["80%"]


def test_decibels_are_a_unit():
    t = "FooNet reaches a PSNR of 32.94dB on AlphaSet, a gain of 0.15 dB."
    got = {v.text: (v.unit, kinds(t)[v.text]) for v in find_values(t, 0, len(t))}
    assert got == {"32.94dB": ("dB", "score"), "0.15 dB": ("dB", "improvement")}


def test_a_size_is_no_ratio_and_modifiers_may_precede_the_benchmark():
    t = (
        "FooNet reaches an FID of 2.0 on class-conditional AlphaSet 256 × 256 and FVD of 72.8"
        " on BetaSet."
    )
    assert [v.text for v in find_values(t, 0, len(t))] == ["2.0", "72.8"]
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet", b_beta="BetaSet", k_fid="FID", k_fvd="FVD")
    assert b.value_for("method/foonet", "benchmark/alpha").text == "2.0"
    assert b.value_for("method/foonet", "benchmark/beta").text == "72.8"


def test_a_score_with_its_own_metric_keeps_its_kind_before_a_delta():
    t = "On AlphaSet, FooNet reaches 45.1 AP, 2.3 AP higher than BarNet."
    b = bind(t, x_foonet="FooNet", m_bar="BarNet", b_alpha="AlphaSet", k_ap="AP")
    v = b.value_for("method/foonet", "benchmark/alpha")
    assert (v.text, v.kind) == ("45.1", "score")
    # a cue after a plain list still gives the list its kind
    t = "FooNet is 1.0% and 2.5% higher on AlphaSet and BetaSet, respectively."
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet", b_beta="BetaSet")
    assert b.value_for("method/foonet", "benchmark/alpha").kind == "improvement"


def test_a_result_in_brackets_after_the_result_noun_and_no_size_as_a_result():
    t = (
        "On AlphaSet, BarLM (120B) achieves the highest composite score (83.1), outperforming"
        " BazLM (5.6x more total parameters)."
    )
    b = bind(t, m_bar="BarLM", m_baz="BazLM", b_alpha="AlphaSet")
    assert [v.text for v in b.values_for("model/bar", "benchmark/alpha")] == ["83.1"]
    assert b.values_for("model/baz", "benchmark/alpha") == []
    # a compared system's bracket stays its own
    t = "On AlphaSet, BarLM achieves better results than BazLM (83.1)."
    b = bind(t, m_bar="BarLM", m_baz="BazLM", b_alpha="AlphaSet")
    assert b.values_for("model/bar", "benchmark/alpha") == []


def test_a_metric_named_score_is_no_owner():
    # "a Foo-L score of 0.94": Foo-L names the measure; it does not score 0.94 itself
    t = "On AlphaSet, our method achieves a BarNet-L score of 0.94 for placement."
    b = bind(t, m_bar="BarNet-L", b_alpha="AlphaSet")
    assert all(v.owner is None for v in b.by_bench.get("benchmark/alpha", []))
    t = "On AlphaSet, BarNet-L scores 0.94."
    b = bind(t, m_bar="BarNet-L", b_alpha="AlphaSet")
    assert [v.owner for v in b.by_bench["benchmark/alpha"]] == ["model/bar"]


def test_the_unowned_score_is_the_subjects_where_another_system_owns_one():
    # "our approach" is no mention: its 85.3% is unowned; Llama's 70.1% is Llama's only
    t = "On AlphaSet, our approach attains 85.3% accuracy, while BarLM reaches 70.1%."
    b = bind(t, x_foonet="FooNet", m_bar="BarLM", b_alpha="AlphaSet", k_acc="accuracy")
    assert b.value_for("method/foonet", "benchmark/alpha").text == "85.3%"
    assert b.value_for("model/bar", "benchmark/alpha").text == "70.1%"
    # a system the sentence names and gives no value keeps none
    t = "On AlphaSet, FooNet achieves 78.4% accuracy with BarLM and 78.0% accuracy with BazLM."
    b = bind(t, x_foonet="FooNet", m_bar="BarLM", m_baz="BazLM", b_alpha="AlphaSet")
    assert b.value_for("model/bar", "benchmark/alpha") is None
