"""Round 19's speed-ups give exactly what the code they replace gave: the whole-word
starts of `DocState.finditer_words` found by one regex scan per word (`word_finder`)
instead of a Python loop around `str.find`."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.state import DocState, word_finder

_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _starts_before(low: str, words, pos: int, lead: int) -> list[int]:
    """Round 18's loop: each occurrence found with `str.find`, tested in Python."""
    starts = []
    for w in words:
        n = len(w)
        i = low.find(w, pos)
        while i >= 0:
            if (
                not (i and low[i - 1] in _ALNUM)
                and low[i + n : i + n + 1] not in _ALNUM
                and i - lead >= pos
            ):
                starts.append(i - lead)
            i = low.find(w, i + n)
    return sorted(starts)


def _starts_now(low: str, words, pos: int, lead: int) -> list[int]:
    starts: list[int] = []
    for w in words:
        starts += [m.start() - lead for m in word_finder(w).finditer(low, pos + lead)]
    return sorted(starts)


# short words over a tiny alphabet: occurrences overlap, touch and repeat
_WORDS = ["a", "aa", "aaa", "ab", "ba", "a1", "1a", "the", "then", "he", "on"]
_TEXT = st.lists(
    st.sampled_from([*_WORDS, " ", "-", ".", "(", "é", "0", "b", "ß", "\n", "A", "x"]),
    max_size=40,
).map("".join)


@settings(max_examples=800, deadline=None)
@given(_TEXT, st.integers(0, 12), st.integers(0, 2), st.sets(st.sampled_from(_WORDS), max_size=4))
def test_word_starts_equal_find_loop(text: str, pos: int, lead: int, words: set) -> None:
    low = text.lower()
    assert _starts_now(low, words, pos, lead) == _starts_before(low, words, pos, lead)


def test_word_starts_on_sentences() -> None:
    low = (
        "the theory then: we train the model on the-data (on on) and then1 the, "
        "thethe the\nthe 2the the2 éthe theé on"
    )
    for pos in range(0, len(low), 7):
        for lead in (0, 1):
            words = {"the", "on", "then", "we"}
            assert _starts_now(low, words, pos, lead) == _starts_before(low, words, pos, lead)


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.integers(0, 12))
def test_finditer_words_equals_full_scan(text: str, pos: int) -> None:
    """The whole method against `regex.finditer` over the text (its contract)."""
    regex = re.compile(r"(?:the|then|on)\b[^.]*", re.IGNORECASE)
    state = DocState(text, 0)
    got = [m.span() for m in state.finditer_words(regex, frozenset({"the", "then", "on"}), pos)]
    want = [
        m.span()
        for m in regex.finditer(text, pos)
        if not (m.start() and text[m.start() - 1].lower() in _ALNUM)
    ]
    assert got == want
