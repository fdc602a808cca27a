"""Round 16's speed-ups give exactly what the code they replace gave: the `_RESULT`
pre-check of `Contribution.reports_result` never skips a sentence the regex matches."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.contribution import _RESULT, _RESULT_HINTS, result_hint

_PIECES = [
    "We",
    "ACHIEVES",
    "Achieved",
    "improvement",
    "outperforms",
    "Surpassing",
    "reaches",
    "reach",
    "gain",
    "Gains",
    "boost",
    "yields",
    "attain",
    "scores",
    "scoring",
    "delivers",
    "exceeds",
    "beat",
    "raises",
    "lift",
    "12.5%",
    "3 %",
    "%",
    "the",
    "model",
    "-",
    "on",
    "BLEU",
    "x",
    "_",
    ".",
    ",",
    " ",
    "\n",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=14))
@settings(max_examples=3000, deadline=None)
def test_result_hint_never_misses_a_match(pieces: list[str]) -> None:
    sent = " ".join(pieces)
    if _RESULT.search(sent):
        assert result_hint(sent.lower())


@given(st.text(alphabet="abcdeghiloprstuvyABCDEGHILOPRSTUVY0123456789%.- _", max_size=40))
@settings(max_examples=3000, deadline=None)
def test_result_hint_never_misses_a_match_in_ascii_text(sent: str) -> None:
    if _RESULT.search(sent):
        assert result_hint(sent.lower())


@pytest.mark.parametrize(
    "sent",
    ["X achieves 71.3", "it Outperforms all", "a 5% gain", "raises accuracy", "Beats"]
    + [h for h in _RESULT_HINTS if h != "%"],
)
def test_result_hint_examples(sent: str) -> None:
    assert result_hint(sent.lower())


def test_no_hint_no_match() -> None:
    for sent in ["We propose X, a new model.", "The data come from B.", "Results on C"]:
        assert not result_hint(sent.lower())
        assert not _RESULT.search(sent)
