"""Round 17's speed-ups give exactly what the code they replace gave: the sized-model
scan around the sizes, the acronym-head matches found from the heads, `singular_slug`'s
plural and camel-S tests without regexes, and the type heads as a trie."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.evidence import (
    _ACRONYM_HEAD,
    _NOT_BEFORE_ACRONYM,
    acronym_head_matches,
    load_acronym_heads,
)
from kg.extract.normalise import _CAMEL_S, _PLURAL_WORD, camel_s_end, singular_slug, slug
from kg.extract.proposals import _head_alternation
from kg.extract.rules import load_rules
from kg.extract.shapes import _SIZED_MODEL, sized_model_matches
from kg.extract.state import words_of

_HEADS, _ = load_acronym_heads()


def _acronym_heads_before(text: str) -> list[tuple[int, int]]:
    """The round-16 scan: every `_ACRONYM_HEAD` match, filtered."""
    out = []
    for m in _ACRONYM_HEAD.finditer(text):
        before = text[m.start() - 1] if m.start() else " "
        if before.isalnum() or before in _NOT_BEFORE_ACRONYM:
            continue
        if m.group(2) in _HEADS:
            out.append(m.span(1))
    return out


_ACRONYM_PIECES = [
    "CBAM",
    "SGGX",
    "A1",
    "ABCDEFGHI",
    "X-Y2",
    "ab",
    "Ab",
    "attention",
    "attentions",
    "method",
    "methods",
    "layer",
    "module",
    "-",
    "/",
    "@",
    ".",
    "_",
    "(",
    "é",
    "É",
    "1",
    " ",
    "  ",
    "\t",
    "\n",
]


@given(st.lists(st.sampled_from(_ACRONYM_PIECES), max_size=16))
@settings(max_examples=2000, deadline=None)
def test_acronym_head_matches_equal_the_scan(pieces: list[str]) -> None:
    text = "".join(pieces)
    want = _acronym_heads_before(text)
    assert [m.span(1) for m in acronym_head_matches(text, _HEADS)] == want
    words = words_of(text.lower())
    assert [m.span(1) for m in acronym_head_matches(text, _HEADS, words)] == want


@given(st.text(alphabet="ABCMXmethodlayer -_/.@\t\nÉ1", max_size=40))
@settings(max_examples=2000, deadline=None)
def test_acronym_head_matches_equal_the_scan_on_any_text(text: str) -> None:
    words = words_of(text.lower())
    assert [m.span(1) for m in acronym_head_matches(text, _HEADS, words)] == (
        _acronym_heads_before(text)
    )


def test_acronym_head_at_text_start_and_after_hyphen() -> None:
    text = "method CBAM attention, x-SGGX clustering and\tABC  layers"
    got = [text[m.start(1) : m.end(1)] for m in acronym_head_matches(text, _HEADS)]
    assert got == ["CBAM", "ABC"] == [text[s:e] for s, e in _acronym_heads_before(text)]


_SIZE_PIECES = [
    "Llama",
    "llama",
    "mBERT",
    "Qwen2.5",
    "GPT",
    "7B",
    "1.5B",
    "125M",
    "70",
    "B",
    "M",
    "-",
    " ",
    "  ",
    ".",
    "@",
    "/",
    "_",
    "x",
    "é",
    "\n",
    "(",
]


def _sized(text: str):
    return [(m.span(), m.groups()) for m in _SIZED_MODEL.finditer(text)]


@given(st.lists(st.sampled_from(_SIZE_PIECES), max_size=16))
@settings(max_examples=2000, deadline=None)
def test_sized_model_matches_equal_the_scan(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert [(m.span(), m.groups()) for m in sized_model_matches(text)] == _sized(text)


@given(st.text(alphabet="LlamBERT-7B.5M 0_@/\n\té", max_size=40))
@settings(max_examples=2000, deadline=None)
def test_sized_model_matches_equal_the_scan_on_any_text(text: str) -> None:
    assert [(m.span(), m.groups()) for m in sized_model_matches(text)] == _sized(text)


def test_sized_models_examples() -> None:
    text = "Llama-2 7B and mBERT-125M, Qwen2.5 1.5B-Instruct; 7B"
    got = [m.group() for m in sized_model_matches(text)]
    assert got == [m.group() for m in _SIZED_MODEL.finditer(text)]
    assert got == ["Llama-2 7B", "mBERT-125M", "Qwen2.5 1.5B"]


@given(st.text(alphabet="aSs\nbZ ıſ", max_size=8))
@settings(max_examples=3000, deadline=None)
def test_camel_s_end_is_the_regex(text: str) -> None:
    assert camel_s_end(text) == bool(_CAMEL_S.search(text))


def _singular_slug_before(text: str, plural_insensitive: bool = True) -> str:
    s = slug(text)
    if not plural_insensitive or _CAMEL_S.search(text):
        return s
    head, _, last = s.rpartition("-")
    if last.isalpha() and len(last) >= 3 and _PLURAL_WORD.search(last):
        last = last[:-1]
    return f"{head}-{last}" if head else last


@given(st.text(alphabet="abcsuSU -._+1ıſéß\n", max_size=14), st.booleans())
@settings(max_examples=2000, deadline=None)
def test_singular_slug_is_the_regex_form(text: str, plural_insensitive: bool) -> None:
    assert singular_slug(text, plural_insensitive) == _singular_slug_before(
        text, plural_insensitive
    )


def test_head_alternation_matches_like_longest_first() -> None:
    rules = load_rules()
    heads: set[str] = set()
    for ws in rules.type_heads.values():
        heads.update(ws)
    longest_first = "|".join(
        re.escape(h).replace(r"\ ", r"\s+") for h in sorted(heads, key=len, reverse=True)
    )
    old = re.compile(rf"(?:{longest_first})s?(?![\w-])", re.IGNORECASE)
    new = re.compile(rf"(?:{_head_alternation(rules)})s?(?![\w-])", re.IGNORECASE)
    words = sorted(heads) + [h.upper() for h in heads] + [h + "s" for h in heads]
    text = " ".join(words) + " " + "-".join(words) + " family of  models Data  Sets"
    for i in range(len(text)):
        a, b = old.match(text, i), new.match(text, i)
        assert (a and a.span()) == (b and b.span())


_TC_PIECES = [
    "a",
    "new",
    "View",
    "Fusion",
    "Transformer",
    "transformer",
    "Attention",
    "attention",
    "Module",
    "Multi-Head",
    "GNN",
    "3D",
    "Loss",
    "loss",
    "é",
    ",",
    "-",
    ".",
]


@given(st.lists(st.sampled_from(_TC_PIECES), max_size=14), st.sampled_from([" ", "  ", "\n"]))
@settings(max_examples=2000, deadline=None)
def test_title_case_methods_word_precheck(pieces: list[str], sep: str) -> None:
    from kg.extract.evidence import load_title_case_heads, title_case_methods

    text = sep.join(pieces)
    rules = load_rules()
    heads = load_title_case_heads()
    words = words_of(text.lower())
    assert list(title_case_methods(text, 0, rules, heads, words)) == list(
        title_case_methods(text, 0, rules, heads)
    )


_OLD_ABBREV_END = re.compile(
    r"(?:\b(?:e\.g|i\.e|et al|al|vs|etc|cf|Fig|Figs|Eq|Sec|approx|resp|Dr|No|Tab|ca|viz|w\.r\.t|Mr|"
    r"Ms|St)\.|\b[A-Z]\.)$"
)


@given(
    st.lists(
        st.sampled_from(["e.g", "i.e", "et al", "al", "Figs", "w.r.t", "X", "x", "é", "Ab"])
        | st.sampled_from([".", " ", "\n", "!", "?", "_", "St", "Ms", "ca", "1"]),
        max_size=8,
    ),
    st.integers(0, 12),
)
@settings(max_examples=3000, deadline=None)
def test_abbreviation_end_is_the_regex(pieces: list[str], back: int) -> None:
    from kg.extract.pipeline import _abbreviation_end

    text = "".join(pieces)
    for end in range(1, len(text) + 1):
        start = max(0, end - back)
        want = _OLD_ABBREV_END.search(text, start, end) is not None
        assert _abbreviation_end(text, start, end) == want
