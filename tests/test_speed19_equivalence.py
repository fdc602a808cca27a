"""Round 19's speed-up gives exactly what the code it replaces gave: `proposed_named`
finds `_PROPOSED_PAREN` from the words "the"/"our" (`DocState.finditer_words`) instead of
a `finditer` scan from every position."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

_PROPOSED_PIECES = [
    "the",
    "The",
    "our",
    "Our",
    "other",
    "proposed",
    "newly",
    "dual",
    "prompt-driven",
    "tracker",
    "(DPTracker)",
    "(X)",
    "(A,B)",
    "(",
    ")",
    " ",
    "  ",
    "\n",
    "_",
    "é",
    "İ",
    "ß",
    "2",
    "-",
    ",",
]


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(st.sampled_from(_PROPOSED_PIECES), max_size=25).map(" ".join),
    st.integers(0, 30),
)
def test_proposed_paren_from_words_equals_the_scan(text: str, pos: int) -> None:
    """`proposed_named` finds `_PROPOSED_PAREN` from the words "the"/"our" (round 19)."""
    from kg.extract.proposal_parts import _PROPOSED_PAREN, _THE_OUR
    from kg.extract.state import DocState

    state = DocState(text, 0)
    got = [m.span() for m in state.finditer_words(_PROPOSED_PAREN, _THE_OUR, pos)]
    assert got == [m.span() for m in _PROPOSED_PAREN.finditer(text, pos)]


def test_proposed_paren_on_a_sentence() -> None:
    from kg.extract.proposal_parts import _PROPOSED_PAREN, _THE_OUR
    from kg.extract.state import DocState

    text = (
        "Title\n\nWe study trackers. Other the proposed dual prompt-driven tracker (DPTracker) "
        "beats our newly proposed  fusion net (FN2), and xthe proposed foo (Bar)."
    )
    state = DocState(text, 5)
    got = [m.group("name") for m in state.finditer_words(_PROPOSED_PAREN, _THE_OUR, 7)]
    assert (
        got == ["DPTracker", "FN2"] == [m.group("name") for m in _PROPOSED_PAREN.finditer(text, 7)]
    )
