"""The scorer (kg.evaluate) and `kg eval`, on a hand-made three-paper fixture.

Hand check of the fixture (tests/fixtures/extract/eval_gold.jsonl vs what the extractor
finds with the fixture vocabulary in eval_papers.jsonl):
  Model      gold 5 (ZetaGuard, Llama 2 | Gemma, Gemma 2 | Mistral), found all but Gemma 2
             -> TP 4 FP 0 FN 1: P 1.000 R 0.800 F1 0.889
  Method     gold 3 (sparse autoencoder | LoRA, QLoRA), "Sparse Autoencoders" matches the
             gold alias, QLoRA missed -> TP 2 FP 0 FN 1: P 1.000 R 0.667 F1 0.800
  Benchmark  GSM8K, MMLU | TruthfulQA | Adult -> TP 4; Hardware T4 -> TP 1; Metric accuracy -> TP 1
  micro      TP 12 FP 0 FN 2: P 1.000 R 0.857 F1 0.923
  evaluations  paper 1: ZetaGuard@GSM8K, ZetaGuard@MMLU and Llama 2@MMLU found (round 17:
             the baseline it "beats on MMLU" is compared there, on MMLU only);
             paper 2: Gemma@TruthfulQA found; paper 3: Mistral@Adult missed
             -> TP 4 FP 0 FN 1: P 1.000 R 0.800 F1 0.889
  proposes   ZetaGuard -> TP 1; hardware_use T4 (training) -> TP 1
"""

from __future__ import annotations

import json
from pathlib import Path

from kg.evaluate import PRF, evaluate, in_heldout, in_split, read_jsonl, title_match_key

FIX = Path(__file__).parent / "fixtures" / "extract"
VOCAB = FIX / "vocab"


def rec(title, entities=None, proposes=(), evaluations=(), hardware_use=(), id="g"):
    ents = {t: [] for t in ("Model", "Method", "Benchmark", "Hardware", "Metric")}
    for t, items in (entities or {}).items():
        ents[t] = [{"name": n, "aliases": list(a)} for n, a in items]
    return {
        "id": id,
        "title": title,
        "entities": ents,
        "proposes": list(proposes),
        "evaluations": list(evaluations),
        "hardware_use": list(hardware_use),
    }


def test_prf_arithmetic():
    p = PRF(tp=3, fp=1, fn=2)
    assert p.precision == 0.75 and p.recall == 0.6
    assert round(p.f1, 4) == round(2 * 0.75 * 0.6 / 1.35, 4)
    assert PRF().f1 == 0.0


def test_names_match_case_space_hyphen_plural_and_aliases():
    gold = [
        rec(
            "A Paper",
            {
                "Method": [("sparse autoencoder", ["SAE"])],
                "Metric": [("macro-F1", [])],
                "Model": [("Llama 2", [])],
            },
        )
    ]
    pred = [
        rec(
            "a paper!",
            {
                "Method": [("Sparse Auto-Encoders", [])],
                "Metric": [("Macro F1", [])],
                "Model": [("LLAMA2", []), ("Llama-2", [])],
            },
        )
    ]
    r = evaluate(gold, pred)
    assert (r.entities["Method"].tp, r.entities["Metric"].tp) == (1, 1)
    # one-to-one: the second spelling of Llama 2 is a false hit
    assert (r.entities["Model"].tp, r.entities["Model"].fp) == (1, 1)


def test_prediction_alias_can_match():
    gold = [rec("P", {"Method": [("RKSC", [])]})]
    pred = [rec("P", {"Method": [("Reasoning-Aware KV Cache Sharing", ["RKSC"])]})]
    assert evaluate(gold, pred).entities["Method"].tp == 1


def test_wrong_type_counts_for_untyped_only():
    gold = [rec("P", {"Model": [("BitDelta", [])]})]
    pred = [rec("P", {"Method": [("BitDelta", [])]})]
    r = evaluate(gold, pred)
    assert r.entities_micro.tp == 0 and r.entities_micro.fp == 1 and r.entities_micro.fn == 1
    assert r.entities_untyped.tp == 1


def test_relations_use_entity_aliases():
    gold = [
        rec(
            "P",
            {"Method": [("Direct Preference Optimization", ["DPO"])], "Benchmark": [("MMLU", [])]},
            evaluations=[{"subject": "Direct Preference Optimization", "benchmark": "MMLU"}],
            proposes=["Direct Preference Optimization"],
        )
    ]
    pred = [
        rec(
            "P",
            {"Method": [("DPO", ["Direct Preference Optimization"])], "Benchmark": [("MMLU", [])]},
            evaluations=[
                {"subject": "DPO", "benchmark": "MMLU", "metric": "accuracy"},
                {"subject": "DPO", "benchmark": "MMLU", "metric": "F1"},
            ],
            proposes=["DPO"],
        )
    ]
    r = evaluate(gold, pred)
    assert (r.evaluations.tp, r.evaluations.fp) == (
        1,
        0,
    )  # pairs are distinct subject-benchmark pairs
    assert r.proposes.tp == 1


def test_missing_paper_counts_as_misses():
    gold = [
        rec("P", {"Model": [("GPT-4", [])]}, id="a"),
        rec("Q", {"Model": [("GPT-5", [])]}, id="b"),
    ]
    r = evaluate(gold, [rec("P", {"Model": [("GPT-4", [])]})])
    assert r.papers_gold == 2 and r.papers_scored == 1 and r.papers_without_prediction == ["b"]
    assert (r.entities_micro.tp, r.entities_micro.fn) == (1, 1)


def test_heldout_split_is_fixed_and_about_30_percent():
    ids = [f"seed-{i // 100:03d}-{i:04d}" for i in range(2000)]
    held = [i for i in ids if in_heldout(i)]
    assert 0.27 < len(held) / len(ids) < 0.33
    assert in_heldout("seed-000-0000") == in_heldout("seed-000-0000")
    assert all(in_split(i, "heldout") != in_split(i, "tune") for i in ids[:50])
    assert all(in_split(i, "all") for i in ids[:50])


def test_title_key_ignores_latex():
    assert title_match_key("$\\textit{Trans-LoRA}$: towards X") == title_match_key(
        "Trans-LoRA: towards X"
    )


def _hand_checked(summary: dict) -> None:
    def prf(name):
        s = summary[name]
        return s["tp"], s["fp"], s["fn"], s["precision"], s["recall"], s["f1"]

    assert prf("Model") == (4, 0, 1, 1.0, 0.8, 0.8889)
    assert prf("Method") == (2, 0, 1, 1.0, 0.6667, 0.8)
    assert prf("Benchmark")[:3] == (4, 0, 0)
    assert prf("Hardware")[:3] == (1, 0, 0)
    assert prf("Metric")[:3] == (1, 0, 0)
    assert prf("entities (micro)") == (12, 0, 2, 1.0, 0.8571, 0.9231)
    assert prf("evaluations") == (4, 0, 1, 1.0, 0.8, 0.8889)
    assert prf("proposes")[:3] == (1, 0, 0)
    assert prf("hardware_use")[:3] == (1, 0, 0)
    assert prf("hardware_use+purpose")[:3] == (1, 0, 0)


def test_fixture_scores_by_library():
    from kg.extract import Extractor
    from kg.gold import to_gold
    from kg.readers import read_path

    ex = Extractor(vocab_dir=VOCAB)
    preds = [to_gold(p, ex.extract(p)) for p in read_path(FIX / "eval_papers.jsonl")]
    _hand_checked(evaluate(read_jsonl(FIX / "eval_gold.jsonl"), preds).summary())


def test_kg_eval_command(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import kg.extract
    from kg.cli_extract import app

    real = kg.extract.Extractor
    monkeypatch.setattr(kg.extract, "Extractor", lambda *a, **k: real(vocab_dir=VOCAB))
    out = tmp_path / "report.json"
    res = CliRunner().invoke(
        app,
        [
            "eval",
            str(FIX / "eval_gold.jsonl"),
            str(FIX / "eval_papers.jsonl"),
            "--details",
            "--json",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    assert "entities (micro)" in res.output and "Gemma 2" in res.output
    rep = json.loads(out.read_text())
    _hand_checked(rep["all"])
    assert rep["tune"]["papers_gold"] + rep["heldout"]["papers_gold"] == 3
    kinds = {(d["kind"], d["outcome"], d["item"]) for d in rep["all"]["details"]}
    assert kinds == {
        ("Model", "miss", "Gemma 2"),
        ("Method", "miss", "QLoRA"),
        ("evaluations", "miss", "Mistral @ Adult"),
    }


def test_kg_extract_command(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import kg.extract
    from kg.cli_extract import app

    real = kg.extract.Extractor
    monkeypatch.setattr(kg.extract, "Extractor", lambda *a, **k: real(vocab_dir=VOCAB))
    out = tmp_path / "x.jsonl"
    res = CliRunner().invoke(app, ["extract", str(FIX / "eval_papers.jsonl"), "-o", str(out)])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(lines) == 3 and lines[0]["paper_key"] == "2601.00001"
    assert any(m["text"] == "ZetaGuard" for m in lines[0]["mentions"])


# -- values, vocabulary split, single-paper concepts, arXiv matching (issue #16) -----------
def test_values_equal_compares_numbers_not_strings():
    from kg.evaluate import values_equal

    assert values_equal("+4.3%", "4.30")  # sign, unit and trailing zero ignored
    assert values_equal("71.3", "71.29")  # within the rounding of the less precise one
    assert values_equal("from 69.24 to 71.29", "71.29")  # a range is also its final value
    assert values_equal("8$\\times$", "8x")
    assert not values_equal("91.2%", "92.1%")
    assert not values_equal("12%", "nearly zero")  # no number on one side


def test_value_precision_counts_only_values_on_gold_pairs():
    gold = [
        rec(
            "P",
            {"Model": [("A", [])], "Benchmark": [("B", []), ("C", [])]},
            evaluations=[
                {"subject": "A", "benchmark": "B", "value": "91.2%"},
                {"subject": "A", "benchmark": "C"},
            ],
        )
    ]
    pred = rec(
        "P",
        {"Model": [("A", [])], "Benchmark": [("B", []), ("C", []), ("D", [])]},
        evaluations=[
            {"subject": "A", "benchmark": "B", "value": "91.2"},  # right
            {"subject": "A", "benchmark": "C", "value": "3.1 points"},  # gold has none: wrong
            {"subject": "A", "benchmark": "D", "value": "50%"},  # not a gold pair: not counted
        ],
    )
    r = evaluate(gold, [pred])
    v = r.values
    assert (v.predicted, v.correct, v.gold, v.found) == (2, 1, 1, 1)
    assert v.precision == 0.5 and v.recall == 1.0
    assert any(d.kind == "value" and "3.1 points" in d.item for d in r.details)


def test_entity_scores_split_by_vocabulary_membership():
    gold = [rec("P", {"Model": [("GPT-4", []), ("ZorbNet", ["Zorb"])], "Method": [("LoRA", [])]})]
    pred = rec("P", {"Model": [("GPT-4", []), ("Blip", [])], "Method": [("LoRA", [])]})
    known = {"gpt-4", "lora", "zorb"}
    r = evaluate(gold, [pred], in_vocab=lambda n: n.lower() in known)
    # ZorbNet is known by its alias: in vocabulary, and missed
    assert (r.entities_in_vocab.tp, r.entities_in_vocab.fn) == (2, 1)
    assert (r.entities_not_in_vocab.tp, r.entities_not_in_vocab.fp) == (0, 1)
    r2 = evaluate(gold, [pred])  # no membership given: the rows stay empty
    assert r2.entities_in_vocab.tp == 0 and r2.entities_not_in_vocab.fp == 0


def test_single_paper_concepts_and_vocab_copy(tmp_path):
    from kg.evaluate import single_paper_concepts, write_vocab_without
    from kg.extract.vocab import Concept, Vocabulary

    vocab = Vocabulary(
        [
            Concept("model/a", "Model", "Alpha", ["Alpha-1"]),
            Concept("model/b", "Model", "Beta"),
            Concept("model/c", "Model", "Gamma"),
        ]
    )
    gold = [
        rec("P", {"Model": [("alpha-1", []), ("Beta", [])]}, id="p"),
        rec("Q", {"Model": [("Beta", [])]}, id="q"),
    ]
    assert single_paper_concepts(gold, vocab) == {"model/a"}  # Beta is in two, Gamma in none
    src = tmp_path / "src"
    src.mkdir()
    (src / "models.jsonl").write_text(
        '{"id": "model/a", "type": "Model", "prefLabel": "Alpha"}\n'
        '{"id": "model/b", "type": "Model", "prefLabel": "Beta"}\n',
        encoding="utf-8",
    )
    assert write_vocab_without(src, tmp_path / "dst", {"model/a"}) == 1
    assert "model/a" not in (tmp_path / "dst" / "models.jsonl").read_text(encoding="utf-8")


def test_papers_match_by_arxiv_id_before_title():
    from kg.evaluate import arxiv_of

    assert arxiv_of("corpus-2604.01234") == "2604.01234" == arxiv_of("2604.01234v2")
    assert arxiv_of("seed-000-0001") is None
    # a title with inline math the extractor's record writes differently
    gold = [rec("Steering via $x_0$-Supervision", {"Model": [("A", [])]}, id="2604.01234")]
    pred = rec("Steering via x0-Supervision", {"Model": [("A", [])]}, id="2604.01234")
    r = evaluate(gold, [pred])
    assert r.papers_scored == 1 and r.entities_micro.tp == 1
    # same title, another arXiv paper: not matched
    other = rec("Steering via $x_0$-Supervision", {"Model": [("A", [])]}, id="2605.00001")
    assert evaluate(gold, [other]).papers_scored == 0
    # no arXiv id on one side: by title
    plain = rec("Steering via $x_0$-Supervision", {"Model": [("A", [])]}, id="t-abc")
    assert evaluate(gold, [plain]).papers_scored == 1


def test_kg_eval_drop_single_paper_concepts(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import kg.extract
    from kg.cli_extract import app

    real = kg.extract.Extractor
    monkeypatch.setattr(
        kg.extract, "Extractor", lambda *a, **k: real(vocab_dir=k.get("vocab_dir") or VOCAB)
    )
    out = tmp_path / "report.json"
    res = CliRunner().invoke(
        app,
        [
            "eval",
            str(FIX / "eval_gold.jsonl"),
            str(FIX / "eval_papers.jsonl"),
            "--drop-single-paper-concepts",
            "--json",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    assert "values: precision" in res.output and "not in vocabulary" in res.output
    rep = json.loads(out.read_text())
    dropped = rep["drop_single_paper_concepts"]
    assert dropped["dropped_concepts"] > 0
    # the fixture's concepts each name one paper: without them, recall falls
    assert dropped["entities (micro)"]["recall"] < rep["all"]["entities (micro)"]["recall"]
