"""A tokenizer for ML paper text whose token boundaries line up with ML names.

Design: names are *aligned* rather than kept whole. Hyphens, slashes, tildes, `+` and
`×` inside a word always split, so `Llama-3.1-8B-Instruct` is `Llama - 3.1 - 8B -
Instruct` and every sub-name (`Llama-3.1-8B`) and suffix (`GPT-4o` in `GPT-4o-based`)
starts and ends on a token boundary; vocabulary labels are tokenized by the same
tokenizer, so phrase patterns match whatever the hyphenation. Things that must not split
stay single tokens: `pass@1`, `2:4`, `Qwen2.5`, decimals, `v0.3`, `GSM8K`, `1,000`,
URLs, abbreviations (`e.g.`, `et al.`'s `al.`). A final period always splits off
(`GSM8K.`), and `8xA100` is `8 x A100`.

How: spaCy's own `Tokenizer` does the work. It splits the text on whitespace (a run of
whitespace other than one space is a token of its own), caches each space-free chunk's
tokens as lexeme pointers, and hands a chunk it has not seen to `infix_finditer`; here
that is `chunk_cuts`, which finds the chunk's tokens with one compiled regex (the rules
above are its alternatives, in order) and returns every token but the first as an
"infix", so spaCy cuts exactly there. No prefix, suffix or special-case rules: the regex
says it all. spaCy's default cache (10,000 chunks) is far too small for paper text (the
60k corpus has 434,804 distinct chunks): with it full, every new chunk goes through Python
again (tokenizer alone ~1.25x slower); `_CACHE_CHUNKS` lets it hold the chunks that recur.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import spacy
from spacy.tokenizer import Tokenizer
from spacy.vocab import Vocab

_ABBREVIATIONS = [
    "e.g.",
    "i.e.",
    "al.",
    "vs.",
    "etc.",
    "cf.",
    "Fig.",
    "Figs.",
    "Eq.",
    "Sec.",
    "approx.",
    "resp.",
    "w.r.t.",
    "i.i.d.",
    "Dr.",
    "No.",
    "Tab.",
    "ca.",
    "viz.",
    "a.k.a.",
    "U.S.",
    "U.K.",
    "Inc.",
    "Ltd.",
    "Co.",
    "Corp.",
    "Jr.",
    "Mr.",
    "Ms.",
    "St.",
]


# A word: letters, digits, `_` and `@`, joined by inner periods (`Qwen2.5`, `v0.3`,
# `arXiv.org`) and, between digits, by `,` and `:` (`1,000`, `2:4`). A digit run right
# before `x` + capital (`8xA100`) ends there.
_WORD = r"(?:\d+(?=x[A-Z])|(?<=\d)x(?=[A-Z])|[\w@]+(?:(?:\.|(?<=\d)[,:](?=\d))[\w@]+)*)"
# the tokens of a space-free chunk, in order; together they cover it
_TOKEN = re.compile(
    r"(?:https?://|www\.)\S+?(?=[.,;:!?)\]}\"']*$)"  # URLs, less trailing punctuation
    rf"|{_WORD}"
    r"|[\u2019']s(?!\w)"  # possessive 's
    r"|\\[A-Za-z]+\{?"  # LaTeX commands: \textbf{
    r"|\.\.+|\u2026+|-{2,}|={2,}"  # ellipses and rules
    r"|\S"  # anything else: one character a token
)
# one character: the cut before a chunk's closing mark (a match's `start()`/`end()`)
_ANY_CHAR = re.compile(".", re.DOTALL)
# chunks whose tokens spaCy keeps: ~265 bytes each (its allocations are tracked in a
# dict), so ~80 MB when full, per process; once full spaCy caches no more (the common
# chunks come early). The 60k corpus: 434,804 distinct chunks, 115 MB for all of them.
_CACHE_CHUNKS = 300_000
# a mark that is a token of its own after a word: "tokenizers," -> "tokenizers" ","
_CLOSING = frozenset(",;:)")
# abbreviations keep their period: the word before a period token is looked up
_ABBREVIATION_STEMS = frozenset(f[:-1] for a in _ABBREVIATIONS for f in (a, a[:1].upper() + a[1:]))


def chunk_tokens(chunk: str) -> list[str]:
    """The tokens of a space-free chunk (`GSM8K.` -> `GSM8K`, `.`); none for whitespace."""
    words: list[str] = _TOKEN.findall(chunk)
    if "." in chunk and not _ABBREVIATION_STEMS.isdisjoint(words):
        for i in reversed([i for i, w in enumerate(words) if w == "."]):
            if i and words[i - 1] in _ABBREVIATION_STEMS and not (i > 1 and words[i - 2] == "."):
                words[i - 1] += "."
                del words[i]
    return words


class _Cut:
    """Where spaCy cuts a chunk: the `start()`/`end()` of a regex match, which is all its
    infix handling reads."""

    __slots__ = ("_start", "_end")

    def __init__(self, start: int, end: int) -> None:
        self._start = start
        self._end = end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


# a cut as spaCy reads it: a `_Cut` or a `_TOKEN` / `_ANY_CHAR` match
CutLike = _Cut | re.Match[str]


def chunk_cuts(chunk: str) -> Sequence[CutLike]:
    """spaCy's `infix_finditer` for a chunk: every token but the first, as a cut. (spaCy
    skips an infix at position 0 and keeps the text between and after infixes as tokens;
    the tokens are contiguous, so this reproduces them exactly.) Most new chunks are a
    word ("tokenizers") or a word and a comma, colon or bracket ("tokenizers,"): their
    cuts are known without the regex (a letter is a word character to it, and nothing
    joins a letter to those marks): ~20% less time per new chunk."""
    if chunk.isalpha():
        return ()
    mark = chunk[-1:]
    if chunk[:-1].isalpha():
        if mark in _CLOSING:
            last = _ANY_CHAR.match(chunk, len(chunk) - 1)  # (always a match here)
            if last:
                return (last,)
        elif mark == ".":
            # (round 20) "tokenizers.": the word and its period, unless the word is an
            # abbreviation's stem ("al."), which keeps it (`chunk_tokens`); no word goes
            # on past a period with nothing after it
            if chunk[:-1] in _ABBREVIATION_STEMS:
                return ()
            last = _ANY_CHAR.match(chunk, len(chunk) - 1)
            if last:
                return (last,)
    if "-" in chunk:
        # (round 20) "self-attention", "state-of-the-art", and with a closing mark
        # ("long-context,"): words of letters joined by single hyphens, each hyphen a
        # token; spaCy keeps the text between and after the cuts as tokens, so the
        # hyphens (and the mark) are all the cuts it needs. A third of the new chunks
        # an abstract holds
        body = chunk[:-1] if mark in _CLOSING else chunk
        parts = body.split("-")
        if all(map(str.isalpha, parts)):  # (no empty part: no "--", no edge "-")
            hyphens: list = []  # (`_ANY_CHAR` matches: always one here)
            pos = -1
            for part in parts[:-1]:
                pos += len(part) + 1
                hyphens.append(_ANY_CHAR.match(chunk, pos))
            if body is not chunk:
                hyphens.append(_ANY_CHAR.match(chunk, len(chunk) - 1))
            return hyphens
    # (round 18) the `_TOKEN` matches themselves are the cuts where no abbreviation
    # keeps its period: they are contiguous from 0 (every alternative is non-empty and
    # `\S` takes whatever the others do not, in a space-free chunk), so each has the
    # start and end that a `_Cut` summing the token lengths would have, and their
    # `start()`/`end()` are C methods, not two Python calls after a Python `__init__`
    matches = list(_TOKEN.finditer(chunk))
    if "." in chunk and not _ABBREVIATION_STEMS.isdisjoint([m.group() for m in matches]):
        cuts = []
        pos = 0
        for w in chunk_tokens(chunk):
            cuts.append(_Cut(pos, pos + len(w)))
            pos += len(w)
        return cuts[1:]
    return matches[1:]


def make_ml_tokenizer(nlp) -> Tokenizer:
    return ml_tokenizer(nlp.vocab)


def ml_tokenizer(vocab: Vocab, cuts: Callable[[str], Sequence[CutLike]] | None = None) -> Tokenizer:
    """`cuts`: another `chunk_cuts` (tests count its calls)."""
    return Tokenizer(
        vocab,
        rules={},
        prefix_search=None,
        suffix_search=None,
        infix_finditer=cuts or chunk_cuts,
        token_match=None,
        url_match=None,
        max_cache_size=_CACHE_CHUNKS,
    )


@spacy.registry.tokenizers("kg.ml_tokenizer.v1")
def create_ml_tokenizer():
    return make_ml_tokenizer
