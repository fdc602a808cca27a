"""Round 19's speed-ups give exactly what the code they replace gave: `names.words_before`
finding each word's start with one regex match on the reversed text instead of a
Python loop per character."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st


def _words_before_loop(text: str, pos: int, limit: int = 6) -> list[tuple[int, int, str]]:
    """Round 18's `names.words_before`: each word's start found character by character."""
    out: list[tuple[int, int, str]] = []
    j = pos
    while len(out) < limit and j > 0:
        if text[j - 1] == " ":
            j -= 1
        k = j
        while k > 0 and (text[k - 1].isalnum() or text[k - 1] in ".+*@-"):
            k -= 1
        if k == j:
            break
        w = text[k:j]
        lead = len(w) - len(w.lstrip("-."))
        k += lead
        out.append((k, j, text[k:j]))
        if k == 0 or text[k - 1] != " ":
            break
        j = k
    out.reverse()
    return out


def test_run_class_is_isalnum_or_marks() -> None:
    """`[\\w.+*@-]` less "_" is `str.isalnum()` or one of ".+*@-", on every code point."""
    run = re.compile(r"[\w.+*@-]")
    for cp in range(0x110000):
        c = chr(cp)
        assert (run.match(c) is not None and c != "_") == (c.isalnum() or c in ".+*@-"), cp


_NAME_TEXT = st.lists(
    st.sampled_from(
        [
            "GPT",
            "-",
            "4o",
            " ",
            "  ",
            ".",
            "+",
            "*",
            "@",
            "_",
            "x",
            "ß",
            "²",
            "٣",
            "Ⅻ",
            ",",
            "(",
            "7B",
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=1500, deadline=None)
@given(_NAME_TEXT, st.integers(0, 40), st.integers(1, 7))
def test_words_before_equals_loop(text: str, pos: int, limit: int) -> None:
    from kg.extract.names import words_before

    pos = min(pos, len(text))
    assert words_before(text, pos, limit) == _words_before_loop(text, pos, limit)
    # and again with another text in between (the reversed-text cache)
    assert words_before(text + "x", pos, limit) == _words_before_loop(text + "x", pos, limit)
    assert words_before(text, pos, limit) == _words_before_loop(text, pos, limit)


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
