"""The candidate typer (kg.extract.candidate_typer): a learned keep/drop/retype step at
the end of the entity stage, and its training (kg.train_typer). Made-up sentences and
made-up weights: each test fails if the component or the trainer does not do its job."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.extract.candidate_typer import DROP, TyperModel, apply_decisions
from kg.extract.state import DocState, Mention
from kg.models import Paper
from kg.train_typer import CLASSES, Example, label_of, model_data, train

EXTRACT_VOCAB = Path(__file__).parent / "fixtures" / "extract" / "vocab"

ABSTRACT = (
    "We propose FrobNet, a network for parsing. FrobNet zorplike outperforms baselines "
    "and we also evaluate QuuxBench."
)


def _extractor(tmp_path, monkeypatch, weights: dict | None):
    from kg.extract import Extractor

    if weights is None:
        monkeypatch.setenv("KG_TYPER", "0")
    else:
        tmp_path.mkdir(parents=True, exist_ok=True)
        path = tmp_path / "typer.json"
        path.write_text(json.dumps(model_data(weights, 0.0, ["test"])), encoding="utf-8")
        monkeypatch.setenv("KG_TYPER_MODEL", str(path))
        monkeypatch.setenv("KG_TYPER", "1")
    return Extractor(vocab_dir=EXTRACT_VOCAB)


def _types(e) -> dict[str, str]:
    return {m.text: e.entities[m.entity_id].type for m in e.mentions}


def _vec(cls: str, w: float = 10.0) -> list[float]:
    return [w if c == cls else 0.0 for c in CLASSES]


@pytest.fixture(scope="module")
def typers(tmp_path_factory):
    """Three extractors: typer off, one whose weights drop a name written before
    "zorplike", one whose weights make a name in the title a Benchmark."""
    mp = pytest.MonkeyPatch()
    tmp = tmp_path_factory.mktemp("typer")
    try:
        off = _extractor(tmp, mp, None)
        drop = _extractor(tmp / "drop", mp, {"R1=zorplike": _vec(DROP)})
        bench = _extractor(tmp / "bench", mp, {"in_title": _vec("Benchmark")})
    finally:
        mp.undo()
    return off, drop, bench


def test_the_typer_drops_a_candidate_its_weights_reject(typers):
    off, drop, _ = typers
    paper = Paper(title="A study", abstract=ABSTRACT)
    before = _types(off.extract(paper))
    after = _types(drop.extract(paper))
    assert before.get("FrobNet") == "Method"
    assert "FrobNet" not in after  # every mention of the entity goes with it
    assert after.get("QuuxBench") == before.get("QuuxBench")


def test_the_typer_retypes_and_rekeys_an_entity(typers):
    off, _, bench = typers
    paper = Paper(title="FrobNet: parsing", abstract=ABSTRACT)
    e0 = off.extract(paper)
    e1 = bench.extract(paper)
    assert _types(e0).get("FrobNet") == "Method"
    assert _types(e1).get("FrobNet") == "Benchmark"
    ids = {m.entity_id for m in e1.mentions if m.text == "FrobNet"}
    assert ids == {"benchmark/frobnet"} and "benchmark/frobnet" in e1.entities
    assert not any(eid.startswith("method/frobnet") for eid in e1.entities)


def test_switch_off_leaves_the_rules_output(typers):
    off, _, _ = typers
    assert off.nlp.get_pipe("kg_candidate_typer").model is None


def test_margin_keeps_the_rules_type_when_the_model_is_unsure():
    w = {"bias": [0.0, 0.0, 0.5, 0.0, 0.0, 0.0]}  # Method a little likelier than Model
    unsure = TyperModel(model_data(w, 0.9, ["t"]))
    sure = TyperModel(model_data(w, 0.0, ["t"]))
    assert sure.decide(["bias"], "Model") == "Method"
    assert unsure.decide(["bias"], "Model") is None
    assert sure.decide(["bias"], "Hardware") is None  # frozen type


def test_apply_decisions_merges_into_an_existing_entity():
    st = DocState("X and Y", 0)
    st.entities = {
        "method/x": {"type": "Method", "label": "X", "aliases": [], "broader": [],
                     "in_vocabulary": False, "surfaces": ["X"]},
        "model/x": {"type": "Model", "label": "X", "aliases": [], "broader": [],
                    "in_vocabulary": False, "surfaces": ["X"]},
        "method/y": {"type": "Method", "label": "Y", "aliases": [], "broader": [],
                     "in_vocabulary": False, "surfaces": ["Y"]},
    }  # fmt: skip
    st.mentions = [
        Mention(0, 1, "X", "method/x", "Method", "proposal", 0.7),
        Mention(6, 7, "Y", "method/y", "Method", "list", 0.7),
    ]
    apply_decisions(st, {"method/x": "Model", "method/y": DROP})
    assert set(st.entities) == {"model/x"}
    assert [(m.eid, m.type) for m in st.mentions] == [("model/x", "Model")]


def test_labels_match_gold_names_as_the_scorer_does():
    gidx = {"llama2": "Model", "gsm8k": "Benchmark"}
    ent = {"label": "LLaMA-2", "surfaces": ["Llama 2", "LLaMA-2"]}
    assert label_of(ent, gidx) == "Model"
    assert label_of({"label": "Foo", "surfaces": ["Foo"]}, gidx) == DROP


def _toy_examples() -> list[Example]:
    out = []
    for i in range(30):
        out.append(Example(f"p{i}", "Method", "Method", ["bias", "t=Method", "R1=model"]))
        out.append(Example(f"p{i}", "Method", DROP, ["bias", "t=Method", "caps=lower"]))
        out.append(Example(f"p{i}", "Method", "Model", ["bias", "t=Method", "size"]))
    return out


def test_training_is_deterministic_and_learns_the_toy_rule():
    a = train(_toy_examples(), iters=150)
    b = train(list(_toy_examples()), iters=150)
    assert a == b
    m = TyperModel(model_data(a, 0.0, ["toy"]))
    assert m.decide(["bias", "t=Method", "caps=lower"], "Method") == DROP
    assert m.decide(["bias", "t=Method", "size"], "Method") == "Model"
    assert m.decide(["bias", "t=Method", "R1=model"], "Method") is None
