"""Round 20 (speed): output-identical rewrites, each checked against the code it replaced."""

from __future__ import annotations

import random

import pytest

from kg.extract import title_techniques as tt
from kg.extract.rules import load_rules
from kg.extract.state import DocState, words_of

_TEXT = (
    "Zorb things\n\nWe design a Pivotal Perception Reward and integrate Soft Confident "
    "Learning; a Two-Phase Progressive Training Strategy follows. The Quorb Network was "
    "trained with a Blorp Module-based stage."
)


def _head_ends_old(text, start, heads, words):
    """The loop over every head part that `_head_ends` ran before round 20."""
    found = []
    for part, hs in tt._by_last_part(heads):
        if words is not None and part not in words:
            continue
        for h in hs:
            i = text.find(h, start)
            while i >= 0:
                j = i + len(h)
                if (
                    i > 0
                    and text[i - 1] == " "
                    and (j == len(text) or not tt._goes_on_char(text[j]))
                ):
                    found.append((i, j))
                i = text.find(h, j)
    found.sort()
    return found


def test_head_ends_same_as_the_loop_over_all_parts():
    heads = tt._lists()[0]
    sample = sorted(heads)[:40] + ["and", "the", "Module-based", "network", "-", ","]
    rng = random.Random(30)
    texts = [_TEXT]
    for _ in range(300):
        texts.append(" ".join(rng.choice(sample) for _ in range(rng.randint(1, 30))))
    for text in texts:
        for words in (words_of(text.lower()), None):
            for start in (0, 5):
                assert tt._head_ends(text, start, heads, words) == _head_ends_old(
                    text, start, heads, words
                )


def test_doc_title_techniques_runs_once_per_paper(monkeypatch: pytest.MonkeyPatch):
    rules = load_rules()
    st = DocState(_TEXT, len("Zorb things"))
    expected = list(tt.title_techniques(st.text, st.abstract_start, rules, st.words))
    assert expected  # the made-up text holds names the rule takes
    calls = []
    real = tt.title_techniques

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(tt, "title_techniques", counting)
    assert tt.doc_title_techniques(st, rules) == expected
    assert tt.doc_title_techniques(st, rules) == expected
    assert len(calls) == 1


def test_words_before_nearest_is_words_before_reversed():
    from kg.extract.names import words_before, words_before_nearest

    rng = random.Random(31)
    pieces = ["Zorb", "the", "2019", "-x", ".v2", "A+B", "ab@c", " ", "  ", ",", "(", "é", "İ", "_"]
    for _ in range(1500):
        text = "".join(
            rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(0, 12))
        )
        for pos in range(len(text) + 1):
            for limit in (1, 5):
                assert list(words_before_nearest(text, pos, limit)) == list(
                    reversed(words_before(text, pos, limit))
                )


def _head_type_old(words, rules):
    """`typing_rules.head_type` before round 20: a generator over the types per word."""
    from kg.extract.typing_rules import _HEAD_ORDER, _OF_CONTINUES, _STOP

    found = None
    prev = ""
    for w in words:
        lw = w.lower()
        if lw in (",", ".", ";", ":", "(", ")") or lw in _STOP:
            break
        if lw == "of" and prev not in _OF_CONTINUES:
            break
        two = f"{prev} {lw}" if prev else lw
        hit = next(
            (t for t in _HEAD_ORDER if two in rules.type_heads[t] or lw in rules.type_heads[t]),
            None,
        )
        if hit:
            found = hit
        prev = lw
    return found


def test_head_type_same_as_the_generator_over_types():
    from kg.extract.typing_rules import head_type

    rules = load_rules()
    vocab = sorted({w for ws in rules.type_heads.values() for h in ws for w in h.split()})
    vocab += ["the", "of", "family", ",", "Zorb", "new", "which"]
    rng = random.Random(32)
    for _ in range(3000):
        words = [rng.choice(vocab) for _ in range(rng.randint(0, 8))]
        assert head_type(words, rules) == _head_type_old(words, rules)


def test_present_firsts_same_as_the_loop_over_cues():
    from kg.extract.state import cue_words

    cues = cue_words(["in terms of", "we report", "zorb quorb", "on", "the blorp of"])
    rng = random.Random(33)
    vocab = ["in", "terms", "of", "we", "report", "zorb", "quorb", "on", "the", "blorp", "x"]
    for _ in range(500):
        text = " ".join(rng.choice(vocab) for _ in range(rng.randint(0, 10)))
        st = DocState(text, len(text))
        expected = frozenset(first for first, ws in cues if ws <= st.words)
        assert st.present_firsts(cues) == expected


def _tokens_from_cuts(chunk: str) -> list[str]:
    """The tokens spaCy keeps for a chunk from `chunk_cuts` (its `_attach_tokens`)."""
    from kg.extract.tokenizer import chunk_cuts

    out, start = [], 0
    for m in chunk_cuts(chunk):
        s, e = m.start(), m.end()
        if s == 0:
            continue
        if s != start:
            out.append(chunk[start:s])
        if s != e:
            out.append(chunk[s:e])
        start = e
    if chunk[start:]:
        out.append(chunk[start:])
    return out


def test_hyphen_and_period_chunks_cut_as_the_regex_does():
    from kg.extract.tokenizer import chunk_tokens

    chunks = [
        "zorb-quorb",
        "state-of-the-blorp",
        "zorb-quorb,",
        "zorb-quorb)",
        "zorbing.",
        "al.",
        "Fig.",
        "etc.",
        "naïve-zorb",
        "zorb--quorb",
        "-zorb",
        "zorb-",
        "zorb-2",
        "zorb-quorb.",
        "zorb.",
        "x-al.",
        "Zorb-X1",
        "e.g.",
        "zorb-quorb:;",
    ]
    rng = random.Random(34)
    pieces = ["zorb", "al", "é", "-", ".", ",", ")", "2", "x", "Q"]
    chunks += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))) for _ in range(3000)]
    for chunk in chunks:
        assert _tokens_from_cuts(chunk) == chunk_tokens(chunk), chunk


def test_hyphenated_words_need_no_regex(monkeypatch: pytest.MonkeyPatch):
    from kg.extract import tokenizer

    class NoScan:
        def finditer(self, chunk):
            raise AssertionError(f"regex run on {chunk!r}")

    monkeypatch.setattr(tokenizer, "_TOKEN", NoScan())
    assert _tokens_from_cuts("state-of-the-zorb,") == [
        "state",
        "-",
        "of",
        "-",
        "the",
        "-",
        "zorb",
        ",",
    ]
    assert _tokens_from_cuts("zorbing.") == ["zorbing", "."]
    assert _tokens_from_cuts("al.") == ["al."]
