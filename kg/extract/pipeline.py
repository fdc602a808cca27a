"""The spaCy pipeline: `spacy.blank("en")` with the ML tokenizer and kg components.

    tokenizer -> kg_sentences -> kg_vocab_ruler -> kg_shapes
      -> kg_benchmarks -> kg_definitions -> kg_lists -> kg_proposals -> kg_resolver
      -> kg_candidate_typer -> kg_relations

Each kg component reads and writes the document's state (kg.extract.state: `state_of(doc)`,
the same object as `doc._.kg`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

import spacy
from spacy.attrs import LOWER, NORM
from spacy.lang import lex_attrs
from spacy.language import Language
from spacy.util import _get_attr_unless_lookup as lex_attrs_get_unless_lookup

# importing the modules registers their factories
from kg.extract import (  # noqa: F401
    benchmarks,
    candidate_typer,
    definitions,
    lists,
    proposals,
    relations,
    resolver,
    ruler,
    shapes,
)
from kg.extract.state import DocState, state_of  # noqa: F401  (DocState: registers the doc._.kg extension)
from kg.extract.tokenizer import make_ml_tokenizer
from kg.paths import StrPath

# "[.!?] closing-quotes space, capital next" or a blank line; written to start with one
# character class (re scans for it in C; two alternatives starting differently made it
# try every position): the same boundaries, ~1.5x faster
_SENT_END = re.compile(r"[.!?\n](?:(?<=[.!?])[\"')\]]*\s+(?=[A-Z0-9\"'(\[$\\])|(?<=\n)\s*\n)")
_ABBREVIATIONS = (
    "e.g",
    "i.e",
    "et al",
    "al",
    "vs",
    "etc",
    "cf",
    "Fig",
    "Figs",
    "Eq",
    "Sec",
    "approx",
    "resp",
    "Dr",
    "No",
    "Tab",
    "ca",
    "viz",
    "w.r.t",
    "Mr",
    "Ms",
    "St",
)
_ABBREV_END = re.compile(
    rf"(?:\b(?:{'|'.join(re.escape(a) for a in _ABBREVIATIONS)})\.|\b[A-Z]\.)$"
)
# what a window `_ABBREV_END` matches in ends with (before `$`: the end or a final "\n")
_ABBREV_SUFFIXES = tuple(a + "." for a in _ABBREVIATIONS)
_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _abbreviation_end(text: str, start: int, end: int) -> bool:
    """`_ABBREV_END.search(text, start, end)`, with the regex (tried at each position of
    the window) run only where the window ends with an abbreviation or a capital and a
    period, or with a newline."""
    if text[end - 1 : end] != "\n" and not (
        text.endswith(_ABBREV_SUFFIXES, start, end)
        or end - 2 >= start
        and text[end - 1] == "."
        and text[end - 2] in _CAPITALS
    ):
        return False
    return _ABBREV_END.search(text, start, end) is not None


def _sentence_ends(text: str):
    """`_SENT_END.finditer(text)`, tried only at the characters a match starts with (each
    found with `str.find`): re's scan tested every character against the class (1.6x
    the instructions)."""
    starts = []
    for ch in ".!?\n":
        i = text.find(ch)
        while i >= 0:
            starts.append(i)
            i = text.find(ch, i + 1)
    starts.sort()
    done = 0
    for i in starts:
        if i >= done:
            m = _SENT_END.match(text, i)
            if m:
                done = m.end()
                yield m


class SentenceBoundaries:
    """Sentences by punctuation (a regex over the text: much faster than token by
    token), never across the title/abstract seam and not after abbreviations (`e.g.`,
    `et al.`). Records sentence char spans in the state; `doc.sents` gives them as
    spans (a user hook, built on demand)."""

    def __call__(self, doc):
        st = state_of(doc)
        text = st.text
        cuts = [0]
        if st.abstract_start < len(text):
            cuts.append(st.abstract_start)
        for m in _sentence_ends(text):
            end = m.start() + 1
            if _abbreviation_end(text, max(0, end - 8), end):
                continue
            cuts.append(m.end())
        cuts = sorted(set(c for c in cuts if c < len(text)))
        sents = []
        for i, a in enumerate(cuts):
            b = cuts[i + 1] if i + 1 < len(cuts) else len(text)
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                sents.append((a, b))
        st.set_sents(sents)
        # `doc.sents` from these spans, computed only when asked for: writing SENT_START
        # into every token (`doc.from_array`) cost ~5% of the whole extraction
        doc.user_hooks["sents"] = _state_sents
        return doc


def _state_sents(doc):
    """The sentences the state holds, as spaCy spans (`doc.sents` calls this)."""
    for a, b in state_of(doc).sents:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None:
            yield span


@Language.factory("kg_sentences")
def make_sentence_boundaries(nlp: Language, name: str):
    return SentenceBoundaries()


_MISSING = object()


def _direct_getter(attr: int, getter: Callable[[str], Any]) -> Callable[[str], Any]:
    """`getter` with the same values in fewer Python calls (round 18): each new lexeme
    (~70 an abstract) runs LOWER's and NORM's getters. spaCy's LOWER is
    `lex_attrs.lower`, a Python function around `str.lower` (here `str.lower` itself);
    English NORM is `partial(_get_attr_unless_lookup, lower, (exceptions,))`, three
    Python frames (here one: the exception tables merged, the first table that has a
    string winning as there, else `str.lower`). Any other getter is kept as it is."""
    if attr == LOWER and getter is lex_attrs.lower:
        return str.lower
    if (
        attr == NORM
        and isinstance(getter, functools.partial)
        and getter.func is lex_attrs_get_unless_lookup
        and not getter.keywords
        and len(getter.args) == 2
        and getter.args[0] is lex_attrs.lower
        and all(isinstance(d, dict) for d in getter.args[1])
    ):
        merged: dict[str, Any] = {}
        for table in reversed(getter.args[1]):
            merged.update(table)
        get = merged.get

        def norm(string: str) -> Any:
            value = get(string, _MISSING)
            return string.lower() if value is _MISSING else value

        return norm
    return getter


def build_pipeline(
    vocab_dir: StrPath | None = None, patterns_dir: StrPath | None = None
) -> Language:
    vocab_dir = str(vocab_dir) if vocab_dir else None
    patterns_dir = str(patterns_dir) if patterns_dir else None
    nlp = spacy.blank("en")
    # every unseen word becomes a lexeme whose ~20 lexical attributes (shape, like_num,
    # is_stop, ...) are computed at once; the kg components read none of them, the
    # phrase matchers only LOWER (and ORTH, always set)
    # (spaCy's vocab.pyi leaves out Vocab.lex_attr_getters, which the class has)
    nlp.vocab.lex_attr_getters = {  # type: ignore[attr-defined]
        k: _direct_getter(k, f)
        for k, f in nlp.vocab.lex_attr_getters.items()  # type: ignore[attr-defined]
        if k in (LOWER, NORM)
    }
    nlp.tokenizer = make_ml_tokenizer(nlp)
    nlp.add_pipe("kg_sentences")
    both = {"vocab_dir": vocab_dir, "patterns_dir": patterns_dir}
    pat = {"patterns_dir": patterns_dir}
    nlp.add_pipe("kg_vocab_ruler", config=both)
    nlp.add_pipe("kg_shapes", config=both)
    nlp.add_pipe("kg_benchmarks", config=pat)
    nlp.add_pipe("kg_definitions", config=both)
    nlp.add_pipe("kg_lists", config=pat)
    nlp.add_pipe("kg_proposals", config=both)
    nlp.add_pipe("kg_resolver", config=both)
    # a learned keep/drop/retype over the resolved entities (on: KG_TYPER=1)
    nlp.add_pipe("kg_candidate_typer", config={"vocab_dir": vocab_dir})
    nlp.add_pipe("kg_relations", config=pat)
    # a fresh tokenizer for the texts (same rules, vocab and tokens, an empty cache): in
    # round 2 the one that had tokenized the ~23k vocabulary labels for the phrase
    # matchers ran ~3x slower afterwards (then with spaCy's 10,000-chunk default cache)
    nlp.tokenizer = make_ml_tokenizer(nlp)
    # and the labels' tokenizer keeps no chunks: its cache (~35k label chunks, ~9 MB of
    # small allocations) is never read again (round 18)
    label_tokenizer = nlp.get_pipe("kg_vocab_ruler").label_tokenizer  # type: ignore[attr-defined]
    label_tokenizer._flush_cache()
    return nlp
