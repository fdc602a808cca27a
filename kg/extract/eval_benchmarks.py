"""The benchmarks a sentence evaluates on: its Benchmark mentions less those it names
as training data or a tool (kg.extract.evaluations)."""

from __future__ import annotations

from kg.extract.contribution import Contribution
from kg.extract.eval_cues import (
    _EVAL_TASK_FROM,
    _MEASURED_AFTER,
    _TRAIN_AFTER,
    _TRAIN_DATA,
    _TRAIN_DATA_FAR,
    _TRAIN_VERB,
    _TRAINED_ON_AFTER,
)
from kg.extract.state import DocState
from kg.extract.values import find_values


def measured_after(st: DocState, text: str, m, ms: list) -> bool:
    """ "on LLaMA pretraining on the C4 dataset, X reduces perplexity by 0.98": the
    training data is also where the result is measured, when the sentence reports a
    result with a value after it and names no other benchmark there"""
    t = _TRAIN_DATA.search(text, max(0, m.start - 60), m.start)
    if t is None or not _TRAIN_VERB.match(t.group()):
        return False  # "distilled using B", "built from B": no measurement there
    e = st.sent_of(m.start)[1]
    if any(o.type == "Benchmark" and o.start >= m.end for o in ms):
        return False
    v = _MEASURED_AFTER.search(text, m.end, e)
    return v is not None and bool(find_values(text, v.end(), min(e, v.end() + 40)))


def sentence_benchmarks(st: DocState, text: str, ms: list) -> list:
    """The benchmarks of one sentence's mentions that it evaluates on: not training data
    ("trained on B", "B for pre-training", "B-pretrained"), unless the result is
    measured there too, and not a tool."""
    return [
        m
        for m in ms
        if m.type == "Benchmark"
        and not (
            _TRAIN_DATA.search(text, max(0, m.start - 60), m.start)
            and not measured_after(st, text, m, ms)
            and not _EVAL_TASK_FROM.match(text[st.sent_of(m.start)[0] : m.start])
        )
        and not (
            _TRAIN_DATA_FAR.search(text, max(st.sent_of(m.start)[0], m.start - 160), m.start)
            and not find_values(text, m.end, st.sent_of(m.start)[1])
        )
        and not _TRAIN_AFTER.match(text, m.end)
        and not _TRAINED_ON_AFTER.match(text, m.end)
        and not Contribution.is_tool(text, m)
    ]
