"""Values with kinds and their binding to benchmarks (kg.extract.values), metric direction
(kg.metric_direction) and their RDF terms (kg:valueKind, kg:higherIsBetter). Made-up
sentences; each test fails without the rule it names."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from kg.extract.values import RESULT_KINDS, bind_values, find_values, value_kind


def mentions(text: str, **typed: str) -> list:
    """Stub mentions: each keyword is an entity id suffix, its value the surface; the type
    comes from the prefix (b_ Benchmark, m_ Model, x_ Method, k_ Metric)."""
    types = {"b": "Benchmark", "m": "Model", "x": "Method", "k": "Metric"}
    out = []
    for key, surface in typed.items():
        kind, _, name = key.partition("_")
        for hit in re.finditer(re.escape(surface), text):
            out.append(
                SimpleNamespace(
                    start=hit.start(),
                    end=hit.end(),
                    eid=f"{types[kind].lower()}/{name}",
                    type=types[kind],
                    text=surface,
                )
            )
    return sorted(out, key=lambda m: m.start)


def bind(text: str, **typed: str):
    ms = mentions(text, **typed)
    benches = {m.eid for m in ms if m.type == "Benchmark"}
    return bind_values(text, 0, len(text), benches, ms)


def kinds(text: str) -> dict[str, str]:
    return {v.text: value_kind(text, v, 0) for v in find_values(text, 0, len(text), counts=True)}


# -- kinds: the guidelines' own examples ----------------------------------------------------
def test_spread_improvement_and_ratio_are_not_scores():
    k = kinds("Accuracy varies by up to 12% across delimiters and formats (±23%).")
    assert k["12%"] == "spread" and k["23%"] == "spread"
    k = kinds("It improves macro-F1 by 8.24 points and reaches +21.4% on average.")
    assert k["8.24 points"] == "improvement" and k["+21.4%"] == "improvement"
    k = kinds("This gives a 21% reduction in latency and 30% lower memory.")
    assert k["21%"] == "improvement" and k["30%"] == "improvement"
    k = kinds("It is 2.3x faster, with a 12.6× speedup and memory cut by a factor of 4.5.")
    assert set(k.values()) == {"ratio"}
    k = kinds("It keeps 3.9% of the original parameters.")
    assert k["3.9%"] == "ratio"


def test_ranges_counts_and_from_to_scores():
    k = kinds("Scores lie between 60% and 70%; the gain ranges from 1.5 to 3.0 points; 58-60%.")
    assert k["between 60% and 70%"] == "range" and k["58-60%"] == "range"
    assert k["from 1.5 to 3.0 points"] == "range"
    k = kinds("FooNet improves accuracy from 61.2% to 70.4%.")
    assert k["from 61.2% to 70.4%"] == "score"  # "from X to Y" is the method's result Y
    k = kinds("We collect 1.2k examples and 3,000 math problems.")
    assert k == {"1.2k": "count", "3,000": "count"}
    assert "count" not in RESULT_KINDS and "spread" not in RESULT_KINDS


def test_a_number_before_a_clause_word_is_not_a_count():
    text = "It rose from 61.24 to 71.29 while the model uses 30% of the layers."
    assert [v.text for v in find_values(text, 0, len(text))][0] == "from 61.24 to 71.29"


def test_year_in_a_name_is_not_a_count():
    text = "We use the QuuxEval 2023 Task 3 taxonomy."
    assert not find_values(text, 0, len(text), counts=True)


# -- binding --------------------------------------------------------------------------------
def test_value_nearer_another_benchmark_is_not_bound():
    t = "FooNet is evaluated on AlphaSet and BetaSet, and reaches 81.5% on average."
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet", b_beta="BetaSet")
    assert not b  # two benchmarks, no order: no guess
    t = "FooNet reaches 81.5% on AlphaSet and BetaSet reaches a new high."
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet")
    assert b.value_for("method/foonet", "benchmark/alpha").text == "81.5%"
    t = "FooNet wins 8x more often than BarNet on ZetaTask, and in the AlphaSet suite it scales."
    b = bind(t, x_foonet="FooNet", m_barnet="BarNet", b_alpha="AlphaSet")
    assert b.value_for("method/foonet", "benchmark/alpha") is None  # a coordinated clause between


def test_value_on_an_unknown_name_is_not_the_known_benchmarks():
    t = "FooNet achieves 61.5 ROUGE-L on AlphaSet and 85.2% accuracy on Gamma Ref-L4."
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet", k_rouge="ROUGE-L", k_acc="accuracy")
    got = b.values_for("method/foonet", "benchmark/alpha")
    assert [v.text for v in got] == ["61.5"]


def test_values_in_order_of_benchmarks():
    t = "FooNet achieves 75.8%, 62.2% and 42.4% on AlphaSet, BetaSet and GammaSet, respectively."
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet", b_beta="BetaSet", b_gamma="GammaSet")
    got = {k: b.value_for("method/foonet", k).text for k in b.by_bench}
    assert got == {
        "benchmark/alpha": "75.8%",
        "benchmark/beta": "62.2%",
        "benchmark/gamma": "42.4%",
    }
    t = (
        "FooNet leads on AlphaSet and BetaSet, while improving them by +1.4 and +3.1 points,"
        " respectively."
    )
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet", b_beta="BetaSet")
    assert b.value_for("method/foonet", "benchmark/beta").text == "+3.1 points"


def test_benchmark_then_value_and_value_in_brackets_after_benchmark():
    t = "FooNet is best on all three (AlphaSet 75.8%, BetaSet 62.2%, GammaSet 42.4%)."
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet", b_beta="BetaSet", b_gamma="GammaSet")
    assert b.value_for("method/foonet", "benchmark/beta").text == "62.2%"
    t = "FooNet improves by up to 25.3% (AlphaSet) and 18.1% (BetaSet)."
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet", b_beta="BetaSet")
    assert b.value_for("method/foonet", "benchmark/beta").text == "18.1%"
    assert b.value_for("method/foonet", "benchmark/beta").kind == "improvement"


def test_value_of_another_system_is_its_own():
    t = (
        "BarNet reaches a 29.44 win rate on AlphaSet with FooNet, beating the Baz baseline"
        " (19.69) by 9.75."
    )
    b = bind(
        t, x_foonet="FooNet", m_barnet="BarNet", x_baz="Baz", b_alpha="AlphaSet", k_wr="win rate"
    )
    assert b.value_for("model/barnet", "benchmark/alpha").text == "29.44"
    assert b.value_for("method/foonet", "benchmark/alpha").text == "29.44"
    assert b.value_for("method/baz", "benchmark/alpha").text == "19.69"
    t = "FooNet reaches 91.2% on AlphaSet, compared with 85.0% for earlier systems."
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet")
    assert b.value_for("method/foonet", "benchmark/alpha").text == "91.2%"
    t = (
        "On AlphaSet FooNet scores 99.9%, surpassing methods such as Qux (99.3% accuracy,"
        " 99.8% AUC)."
    )
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet")
    assert b.value_for("method/foonet", "benchmark/alpha").text == "99.9%"
    t = "On AlphaSet it gains 4.2% in AP50 for BarNet and 3.8% in AP50 for QuxNet."
    b = bind(t, m_barnet="BarNet", m_quxnet="QuxNet", b_alpha="AlphaSet", k_ap="AP50")
    assert b.value_for("model/barnet", "benchmark/alpha").text == "4.2%"
    assert b.value_for("model/quxnet", "benchmark/alpha").text == "3.8%"


def test_values_across_settings_are_not_one_result():
    t = "FooNet improves AlphaSet scores by 21.4% (random), 13.8% (format) and 24.1% (label)."
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet")
    assert b.value_for("method/foonet", "benchmark/alpha") is None
    t = "FooNet reaches 99.1% (1-shot) and 90.1% (5-shot) on AlphaSet."
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet")
    assert b.value_for("method/foonet", "benchmark/alpha") is None


def test_version_numbers_are_not_values():
    t = "We run FooNet on AlphaSet for Llama 3.0 and 3.1, 8B and 70B."
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet", m_llama="Llama 3.0")
    assert b.value_for("method/foonet", "benchmark/alpha") is None


def test_one_value_per_metric_where_each_is_beside_its_metric():
    t = "FooNet achieves 91.3% mIoU and 97.1% Dice on AlphaSet."
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet", k_miou="mIoU", k_dice="Dice")
    got = b.values_for("method/foonet", "benchmark/alpha")
    assert [(v.text, v.metric) for v in got] == [
        ("91.3%", "metric/miou"),
        ("97.1%", "metric/dice"),
    ]


def test_a_spread_never_becomes_the_score():
    t = "On AlphaSet, FooNet achieves 71.2 ± 0.4."
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet")
    v = b.value_for("method/foonet", "benchmark/alpha")
    assert v.text == "71.2" and v.kind == "score"
    t = "On AlphaSet, accuracy of FooNet varies by up to 12% across prompt formats."
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet")
    v = b.value_for("method/foonet", "benchmark/alpha")
    assert v is None or v.kind == "spread"


def test_extractor_gives_the_kind_and_gold_format_keeps_only_results():
    from kg.extract import Extractor
    from kg.gold import to_gold
    from kg.models import Paper

    ex = Extractor()
    p = Paper(
        title="FooNet: fast decoding",
        abstract="We propose FooNet. FooNet reduces latency by 21% on GSM8K. "
        "FooNet achieves 91.2% accuracy on MMLU.",
    )
    e = ex.extract(p)
    got = {(ev.value_text, ev.value_kind) for ev in e.evaluations if ev.value_text}
    assert ("21%", "improvement") in got and ("91.2%", "score") in got
    assert {x.get("value") for x in to_gold(p, e)["evaluations"]} >= {"21%", "91.2%"}


# -- metric direction and RDF ----------------------------------------------------------------
def test_metric_direction_from_data():
    from kg.metric_direction import higher_is_better

    assert higher_is_better("metric/accuracy") is True
    assert higher_is_better("metric/latency") is False
    assert higher_is_better("metric/word-error-rate") is False
    assert higher_is_better("metric/frechet-inception-distance") is False
    # through a parent, and by the label rules for concepts not listed
    assert higher_is_better("metric/some-accuracy-variant", "x", ["metric/accuracy"]) is True
    assert higher_is_better("metric/pwc-top-5-error", "Top-5 Error") is False
    assert higher_is_better("metric/pwc-ap50", "AP50") is True
    assert higher_is_better("metric/attack-success-rate", "attack success rate") is None
    assert higher_is_better("metric/accuracy-loss", "accuracy loss") is None


def test_rdf_value_kind_and_higher_is_better():
    from kg.models import Entity, Evaluation, Extraction, Span
    from kg.namespaces import KG
    from kg.to_rdf import entity_quads, paper_nquads

    acc = Entity(id="metric/accuracy", type="Metric", label="accuracy")
    lat = Entity(id="metric/latency", type="Metric", label="latency")
    odd = Entity(id="metric/zorb", type="Metric", label="zorb")
    quads = entity_quads([acc, lat, odd])
    hib = {(str(q.subject), q.object.value) for q in quads if q.predicate == KG.higherIsBetter}
    assert {v for _, v in hib} == {"true", "false"} and len(hib) == 2
    span = Span(field="abstract", start=0, end=5, sentence="x", sentence_start=0)
    ex = Extraction(
        paper_key="2601.00001",
        extractor_version="t",
        entities={},
        evaluations=[
            Evaluation(
                subject="method/foo",
                benchmark="benchmark/bar",
                value=21.0,
                unit="%",
                value_text="21%",
                value_kind="improvement",
                evidence=span,
                confidence=0.5,
            )
        ],
    )
    from kg.models import Paper

    nq = paper_nquads(Paper(title="T", arxiv_id="2601.00001"), ex)
    text = nq if isinstance(nq, str) else "".join(nq)
    assert f"<{KG.valueKind.value}> <{KG.Improvement.value}>" in text


@pytest.mark.parametrize("kind", ["score", "improvement", "ratio", "range", "spread", "count"])
def test_every_kind_is_in_the_ontology(kind):
    from kg.to_rdf import VALUE_KIND_IRI, ontology_quads

    iris = {str(q.subject) for q in ontology_quads()}
    assert str(VALUE_KIND_IRI[kind]) in iris


def test_metric_named_with_its_acronym_before_the_value():
    t = (
        "FooNet reaches a mean overlap score (MOS) of 56.02% and Overall Accuracy (OA) of"
        " 84.56% on the AlphaSet dataset."
    )
    b = bind(
        t,
        x_foonet="FooNet",
        b_alpha="AlphaSet",
        k_mos="mean overlap score",
        k_oa="Overall Accuracy",
    )
    got = [(v.text, v.metric) for v in b.values_for("method/foonet", "benchmark/alpha")]
    assert got == [("56.02%", "metric/mos"), ("84.56%", "metric/oa")]


def test_a_share_of_another_result_is_a_ratio():
    k = kinds("FooNet keeps 97% of the average zero-shot performance and 50% of FLOPs.")
    assert k == {"97%": "ratio", "50%": "ratio"}


def test_value_then_a_longer_metric_phrase_then_its_benchmark():
    t = (
        "FooNet is tested on AlphaSet and BetaSet, giving a 31% reduction in prediction set"
        " size on the BetaSet data."
    )
    b = bind(t, x_foonet="FooNet", b_alpha="AlphaSet", b_beta="BetaSet")
    assert b.value_for("method/foonet", "benchmark/beta").text == "31%"
    assert b.value_for("method/foonet", "benchmark/alpha") is None


def test_scores_beside_their_metrics_beat_the_deltas_in_the_sentence():
    t = (
        "On AlphaSet, FooNet attains 96.0% accuracy and 0.88 macro-F1, beating BarNet by 33%"
        " on rare classes."
    )
    b = bind(
        t,
        x_foonet="FooNet",
        m_barnet="BarNet",
        b_alpha="AlphaSet",
        k_acc="accuracy",
        k_f1="macro-F1",
    )
    got = [(v.text, v.kind) for v in b.values_for("method/foonet", "benchmark/alpha")]
    assert got == [("96.0%", "score"), ("0.88", "score")]


def test_delta_words_with_a_noun_between_or_without_of():
    k = kinds("It brings nearly a 9% performance improvement, and gains up to 5.00% elsewhere.")
    assert k == {"9%": "improvement", "5.00%": "improvement"}
    k = kinds("FooNet achieves 91.2% accuracy and 80% recall on the test set.")
    assert set(k.values()) == {"score"}
