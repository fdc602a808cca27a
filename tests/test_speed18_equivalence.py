"""Round 18's speed-ups give exactly what the code they replace gave: the tokenizer's
cuts as `_TOKEN` matches (spans equal to the `_Cut`s summed from `chunk_tokens`), the
lexeme getters LOWER and NORM in fewer Python calls (the values of spaCy's own), and
`slug` running each substitution only where its pattern can match."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import LOWER, NORM

from kg.extract import normalise
from kg.extract.pipeline import _direct_getter
from kg.extract.tokenizer import chunk_cuts, chunk_tokens


def _cuts_before(chunk: str) -> list[tuple[int, int]]:
    """Round 17's `chunk_cuts`, as spans."""
    if chunk.isalpha():
        return []
    if chunk[-1:] in ",;:)" and chunk[:-1].isalpha():
        return [(len(chunk) - 1, len(chunk))]
    out = []
    pos = 0
    for w in chunk_tokens(chunk):
        out.append((pos, pos + len(w)))
        pos += len(w)
    return out[1:]


def _cuts(chunk: str) -> list[tuple[int, int]]:
    return [(c.start(), c.end()) for c in chunk_cuts(chunk)]


def _kept(chunk: str, cuts: list[tuple[int, int]]) -> list[str]:
    """The tokens spaCy's `_attach_tokens` keeps from a chunk's cuts (a cut at 0 is
    skipped; the text between and after the cuts is a token). Round 20 cuts a
    hyphenated word at its hyphens only: other cuts than round 17's, the same tokens."""
    out, start = [], 0
    for s, e in cuts:
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


_PIECES = [
    "GSM8K",
    "Qwen2.5",
    "Llama",
    "-",
    "3.1",
    "8B",
    "8x",
    "A100",
    "e.g.",
    "i.e.",
    "al.",
    "et",
    "Fig.",
    "w.r.t.",
    ".",
    ",",
    ":",
    ";",
    ")",
    "(",
    "'s",
    "\u2019s",
    "https://",
    "www.",
    "x.org/a",
    "\\textbf{",
    "...",
    "\u2026",
    "--",
    "==",
    "pass@1",
    "2:4",
    "1,000",
    "v0.3",
    "\u00e9",
    "\u00d7",
    "~",
    "+",
    "/",
    "\n",
    "\t",
    "a",
    "A",
    "0",
    "_",
]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8))
def test_cuts_as_matches(pieces: list[str]) -> None:
    chunk = "".join(pieces)
    # spaCy hands the tokenizer runs of non-space characters, or runs of whitespace
    for part in chunk.replace("\t", " ").replace("\n", " ").split(" "):
        if part:
            assert _kept(part, _cuts(part)) == _kept(part, _cuts_before(part)), part
    for ws in ("\n", "\n\n", "\t\n"):
        assert _cuts(ws) == _cuts_before(ws) == []


@settings(max_examples=500, deadline=None)
@given(st.text(min_size=1, max_size=12).filter(lambda s: not any(c.isspace() for c in s)))
def test_cuts_as_matches_any_text(chunk: str) -> None:
    assert _kept(chunk, _cuts(chunk)) == _kept(chunk, _cuts_before(chunk))


def test_cuts_fixed() -> None:
    for chunk in ("tokenizers,", "e.g.,", "(e.g.", "al.'s", "Llama-3.1-8B-Instruct.", "8xA100"):
        assert _kept(chunk, _cuts(chunk)) == _kept(chunk, _cuts_before(chunk)), chunk


_GETTER_WORDS = [
    "Hello",
    "\u201c",
    "\u201d",
    "''",
    "``",
    "US$",
    "--",
    "---",
    "\u2019s",
    "'S",
    "\u03a3",
    "\u0130stanbul",
    "\u01c5",
    "\u00df",
    "x",
    "",
    "Mex$",
    "\u2014",
]


_SPACY_GETTERS = spacy.blank("en").vocab.lex_attr_getters  # type: ignore[attr-defined]
_DIRECT = {attr: _direct_getter(attr, _SPACY_GETTERS[attr]) for attr in (LOWER, NORM)}


def test_direct_getters_recognised() -> None:
    for attr in (LOWER, NORM):
        assert _DIRECT[attr] is not _SPACY_GETTERS[attr]


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.sampled_from(_GETTER_WORDS), st.text(max_size=6)))
def test_direct_getters(word: str) -> None:
    for attr in (LOWER, NORM):
        assert _DIRECT[attr](word) == _SPACY_GETTERS[attr](word)


def _slug_before(text: str) -> str:
    """Round 17's `slug` (every substitution on every text)."""
    n = normalise
    t = n.ascii_fold(text).casefold().replace("\u00d7", "x")
    t = n._DOT_EDGE.sub("-", t)
    t = n._SEP.sub("-", t)
    t = n._LETTER_DIGIT.sub("-", t)
    t = n._SYMBOL.sub(lambda m: n._SYMBOL_WORD[m.group()], t)
    t = n._HYPHENS.sub("-", t).strip("-.")
    return t or "x"


_SLUG_PIECES = [
    "Llama",
    "LLaMA",
    "qwen",
    "2",
    "2.5",
    ".",
    "-",
    "--",
    " ",
    "_",
    "~",
    "/",
    "+",
    "*",
    "@",
    ":",
    "\u00d7",
    "\u00df",
    "\u0663",
    "\u00e9",
    "\u00f8",
    "x",
    "GPT",
    "4o",
    "8B",
    "(",
    ")",
]


@settings(max_examples=2000, deadline=None)
@given(
    st.one_of(
        st.lists(st.sampled_from(_SLUG_PIECES), min_size=0, max_size=8).map("".join),
        st.text(max_size=10),
    )
)
def test_slug_skips_only_no_op_substitutions(text: str) -> None:
    assert normalise.slug.__wrapped__(text) == _slug_before(text)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=12))
def test_character_tests_as_map(word: str) -> None:
    """`sum(map(str.isX, w))` / `any(...)` for the generator forms they replace."""
    for method in (str.isupper, str.isdigit, str.isalpha, str.isalnum, str.isspace):
        name = method.__name__
        assert sum(map(method, word)) == sum(getattr(c, name)() for c in word)
        assert any(map(method, word)) == any(getattr(c, name)() for c in word)
