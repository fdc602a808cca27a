"""A tokenizer for ML paper text whose token boundaries line up with ML names.

Design: names are *aligned* rather than kept whole. Hyphens, slashes, tildes, `+` and
`×` inside a word always split, so `Llama-3.1-8B-Instruct` is `Llama - 3.1 - 8B -
Instruct` and every sub-name (`Llama-3.1-8B`) and suffix (`GPT-4o` in `GPT-4o-based`)
starts and ends on a token boundary; vocabulary labels are tokenized by the same
tokenizer, so phrase patterns match whatever the hyphenation. Things that must not split
stay single tokens: `pass@1`, `2:4`, `Qwen2.5`, decimals, `v0.3`, `GSM8K`, `1,000`,
URLs, abbreviations (`e.g.`, `et al.`'s `al.`). A final period always splits off
(`GSM8K.`), and `8xA100` is `8 x A100`.

How: one compiled regex finds the tokens (the rules above are its alternatives, in
order) and spaCy builds the `Doc` from words and spaces. spaCy's rule-driven
`Tokenizer` (prefix, suffix and infix searches per new word) gave the same boundaries
for these rules at ~1/3 of the speed on real abstracts; see docs/extraction-log.md.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Iterator

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

_ABBREVIATIONS = [
    "e.g.", "i.e.", "al.", "vs.", "etc.", "cf.", "Fig.", "Figs.", "Eq.", "Sec.",
    "approx.", "resp.", "w.r.t.", "i.i.d.", "Dr.", "No.", "Tab.", "ca.", "viz.", "a.k.a.",
    "U.S.", "U.K.", "Inc.", "Ltd.", "Co.", "Corp.", "Jr.", "Mr.", "Ms.", "St.",
]


# A word: letters, digits, `_` and `@`, joined by inner periods (`Qwen2.5`, `v0.3`,
# `arXiv.org`) and, between digits, by `,` and `:` (`1,000`, `2:4`). A digit run right
# before `x` + capital (`8xA100`) ends there.
_WORD = r"(?:\d+(?=x[A-Z])|(?<=\d)x(?=[A-Z])|[\w@]+(?:(?:\.|(?<=\d)[,:](?=\d))[\w@]+)*)"
# each match: a token and the whitespace after it
_TOKEN = re.compile(
    r"((?:https?://|www\.)\S+?(?=[.,;:!?)\]}\"']*(?:\s|$))"  # URLs, less trailing punctuation
    rf"|{_WORD}"
    r"|[\u2019']s(?!\w)"  # possessive 's
    r"|\\[A-Za-z]+\{?"  # LaTeX commands: \textbf{
    r"|\.\.+|\u2026+|-{2,}|={2,}"  # ellipses and rules
    r"|\S)"  # anything else: one character a token
    r"(\s*)"
)
_LEADING_SPACE = re.compile(r"\s+")
_ONE_SPACE = " "
_PLAIN_GAPS = frozenset(("", " "))
_ORTH_CACHE = 200_000  # words whose string-store id is remembered (~25 MB at most)
_CHUNK_CACHE = 300_000  # space-free chunks whose tokens are remembered (~60 MB at most)
_BREAK = "\n\n"  # the title/abstract seam: a whitespace token of its own
# abbreviations keep their period: the word before a period token is looked up
_ABBREVIATION_STEMS = frozenset(f[:-1] for a in _ABBREVIATIONS for f in (a, a[:1].upper() + a[1:]))


class MLTokenizer:
    """A spaCy tokenizer (text -> `Doc`) driven by the `_TOKEN` regex.

    Written for speed. Text whose only whitespace is single spaces (and the blank line
    between title and abstract) goes chunk by chunk: no `_TOKEN` alternative matches
    whitespace or looks across it, so the tokens of a space-free chunk ("GSM8K,",
    "e.g.,") are the same wherever it occurs and are remembered (string-store ids
    included) the first time; most chunks of an abstract have been seen before (~1.5x
    faster than one `findall` over the text on the 60k corpus). Other text takes one
    `findall` with fix-ups where other whitespace or an abbreviation occurs."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._orth: dict[str, int] = {}
        self._chunks: dict[str, tuple[tuple[int, ...], tuple[bool, ...]]] = {}
        self._spaces: dict[int, tuple[bool, ...]] = {}  # n -> (False,) * (n - 1) + (True,)
        self._break = vocab.strings.add(_BREAK)

    def _chunk(self, chunk: str) -> tuple[tuple[int, ...], tuple[bool, ...]]:
        """A space-free chunk's tokens as string-store ids, and their spaces (the last
        one followed by the space that ended the chunk)."""
        words = [w for w, _ in _TOKEN.findall(chunk)]
        if "." in chunk and not _ABBREVIATION_STEMS.isdisjoint(words):
            for i in reversed([i for i, w in enumerate(words) if w == "."]):
                if i and words[i - 1] in _ABBREVIATION_STEMS and not (i > 1 and words[i - 2] == "."):
                    words[i - 1] += "."
                    del words[i]
        add = self.vocab.strings.add
        n = len(words)  # >= 1: a chunk is non-empty and `\S` takes any character
        spaces = self._spaces.get(n)
        if spaces is None:
            spaces = self._spaces[n] = (False,) * (n - 1) + (True,)
        if len(self._chunks) >= _CHUNK_CACHE:
            self._chunks.clear()
        got = self._chunks[chunk] = (tuple(add(w) for w in words), spaces)
        return got

    def _by_chunks(self, text: str) -> Doc | None:
        """The Doc from cached chunks, or None for text with other whitespace."""
        orths: list[int] = []
        spaces: list[bool] = []
        get = self._chunks.get
        for k, part in enumerate(text.split(_BREAK)):
            if not part or part[0] == " " or part[-1] == " " or "  " in part or not part.isprintable():
                return None  # (isprintable: no whitespace but the ASCII space)
            if k:
                orths.append(self._break)
                spaces.append(False)
            for chunk in part.split(" "):
                got = get(chunk)
                if got is None:
                    got = self._chunk(chunk)
                orths += got[0]
                spaces += got[1]
            spaces[-1] = False
        return Doc(self.vocab, words=orths, spaces=spaces)  # type: ignore[arg-type]  # ids: see _orths

    def _orths(self, words: list[str]) -> list[int]:
        """The words' string-store ids. `Doc` built from ids looks each lexeme up by id;
        built from strings it hashes every word and asks the string store twice (~1.6x
        slower). Bounded: cleared when it holds `_ORTH_CACHE` words."""
        cache = self._orth
        orths: list[Any] = list(map(cache.get, words))
        if None in orths:
            if len(cache) > _ORTH_CACHE:
                cache.clear()
            add = self.vocab.strings.add
            for i, o in enumerate(orths):
                if o is None:
                    w = words[i]
                    orths[i] = cache[w] = add(w)
        return orths

    def __call__(self, text: str) -> Doc:
        doc = self._by_chunks(text) if text else None
        return doc if doc is not None else self._by_findall(text)

    def _by_findall(self, text: str) -> Doc:
        """The Doc from one `findall` over the whole text (any whitespace)."""
        pairs = _TOKEN.findall(text)
        if not pairs:
            words, spaces = ([text], [False]) if text else ([], [])
            return Doc(self.vocab, words=words, spaces=spaces)
        words_t, gaps = zip(*pairs)
        words = list(words_t)
        spaces = list(map(_ONE_SPACE.__eq__, gaps))
        # whitespace other than one space becomes a token of its own (spaCy's convention);
        # inserted from the end, so the earlier indices stay valid
        if not _PLAIN_GAPS.issuperset(gaps):
            for i in reversed([i for i, g in enumerate(gaps) if g not in _PLAIN_GAPS]):
                gap = gaps[i]
                if gap[0] == " ":
                    spaces[i] = True
                    gap = gap[1:]
                words.insert(i + 1, gap)
                spaces.insert(i + 1, False)
        lead = _LEADING_SPACE.match(text)
        if lead:
            words.insert(0, lead.group())
            spaces.insert(0, False)
        if "." in text and not _ABBREVIATION_STEMS.isdisjoint(words):
            stems = _ABBREVIATION_STEMS
            periods = [i for i, w in enumerate(words) if w == "."]
            for i in reversed(periods):
                if i and not spaces[i - 1] and words[i - 1] in stems and not (i > 1 and words[i - 2] == "." and not spaces[i - 2]):
                    words[i - 1] += "."
                    spaces[i - 1] = spaces[i]
                    del words[i], spaces[i]
        return Doc(self.vocab, words=self._orths(words), spaces=spaces)  # type: ignore[arg-type]

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    # spaCy serialises a pipeline's tokenizer with it; this one has no state of its own
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "MLTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> "MLTokenizer":
        return self


def make_ml_tokenizer(nlp) -> MLTokenizer:
    return MLTokenizer(nlp.vocab)


@spacy.registry.tokenizers("kg.ml_tokenizer.v1")
def create_ml_tokenizer():
    return make_ml_tokenizer
