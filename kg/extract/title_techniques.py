"""Title-case technique names written mid-sentence whose last word is a technique head:
"a Pivotal Perception Reward", "integrates Soft Confident Learning", "we employ a
Two-Phase Progressive Training Strategy", "a Generative Path Pruning Mechanism that
limits ...".

Why: `evidence.title_case_methods` takes Title-case runs ending in component heads
(Classifier, Encoder, Module, ...) after any word ending in a lower-case letter, so a
sentence-initial or parenthesised name loses its first word there; heads that also end
task, field and theory names ("Image Retrieval", "Natural Language Inference",
"Technology Acceptance Model") are no evidence at all. This rule takes only heads that
name a technique or a component of one (`title_technique_heads`, measured head by head
on corpus abstracts) and only where the run is plainly a whole name in running text:

- the word before it is a lower-case word ("we design a", "via", "integrates"), not a
  joiner after a capitalised word ("Structure-Aware and Spectrally ..." is the tail of a
  longer name), nor an appositive after a name ("STPNet, a Scale-aware Text Prompt
  Network" spells out the name the paper gives, the name is the entity);
- no "(" follows (a definition: `definitions` judges those) and no lower-case noun
  continues it ("a Vector Quantization version", "an Anisotropic Diffusion inpainting
  stage" are modifiers): punctuation, a function word, an adverb or a verb in -s or -ed
  follows, and no joiner that goes on with a capitalised word ("Error Correction through
  Prompt Tuning for NL-to-SQL").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from kg.extract.normalise import match_key
from kg.extract.rules import Rules, patterns_dir
from kg.extract.state import DocState

_WORD = r"(?:[A-Z][a-z]+|[A-Z][a-z]*(?:-[A-Za-z][a-z]*)+|[A-Z]{2,5}|[234]D)"
# 2-5 capitalised words after a space and a lower-case word (the word itself is checked),
# ending where the search ends (at a head)
_RUN_TO = re.compile(rf"(?<=[a-z] )((?:{_WORD} ){{1,4}}{_WORD})\Z")
_PREV_TWO = re.compile(r"(\S+)[ ]+(\S+)[ ]+\Z")
_PREV_ONE = re.compile(r"(\S+)[ ]+\Z")
# "NAME, a" / "NAME, an": an appositive that spells out a name written just before
_APPOSITIVE = re.compile(r"\S*[A-Z]\S*,[ ]+(?:an?|the)[ ]+\Z")
_NEXT = re.compile(r"[ ]*([a-z][a-z-]*|\S)")
_CAP_NEXT = re.compile(r"[ ]+(?:the[ ]+)?[A-Z]")
# "... Fine-Tuning for Video-based 3D Scene Understanding (3D-RFT)": a long name a
# definition spells out goes on past a joiner up to the "("
# "... Agent for Scientific Analysis and Visualization", "... Distillation for Enhancing
# Reasoning Ability": "for" and two Title-case words go on with a title's long name
# ("a Reward for GRPO-based optimization" does not)
_FOR_TITLE = re.compile(r"[ ]+for[ ]+[A-Z][a-z]+[ ]+[A-Z]")
_DEFINED_ON = re.compile(r"[ ]+[a-z]+[ ]+(?:[A-Z0-9][\w-]*[ ]+){1,6}\(")


@lru_cache(maxsize=4)
def _lists(directory: str | None = None) -> tuple[frozenset, ...]:
    """(heads, joiners, words that may follow a name, topic words, plural nouns, joiners
    that continue a name before a capitalised word)."""
    d = json.loads(
        (Path(directory or patterns_dir()) / "typing_evidence.json").read_text(encoding="utf-8")
    )
    return (
        frozenset(d["title_technique_heads"]),
        frozenset(d["title_technique_joiners"]),
        frozenset(d["title_technique_after"]),
        frozenset(d["title_technique_topic_before"]),
        frozenset(d["title_technique_not_after"]),
        frozenset(d["title_technique_goes_on"]),
    )


@lru_cache(maxsize=4)
def _by_last_part(heads: frozenset) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(lower-case last hyphen part, the heads ending in it), as `DocState.words` holds
    the text's words: a head is looked for only where its last part occurs at all."""
    out: dict[str, list[str]] = {}
    for h in sorted(heads):
        out.setdefault(h.rsplit("-", 1)[-1].lower(), []).append(h)
    return tuple((k, tuple(v)) for k, v in sorted(out.items()))


@lru_cache(maxsize=4)
def _part_map(heads: frozenset) -> dict[str, tuple[str, ...]]:
    """`_by_last_part` as a dict: the present parts are found by one set intersection
    with `DocState.words` instead of a Python test per part (~500 bytecodes a call)."""
    return dict(_by_last_part(heads))


def _head_ends(text: str, start: int, heads: frozenset, words: frozenset | None) -> list:
    """(start, end) of each head written after a space and before no word character or
    "-", in text order; `str.find` for the heads whose last part the text holds (a regex
    alternation of all heads cost ~3x as much)."""
    found = []
    by_part = _part_map(heads)
    # (the order of the parts does not matter: the ends are sorted)
    for part in by_part.keys() & words if words is not None else by_part:
        for h in by_part[part]:
            i = text.find(h, start)
            while i >= 0:
                j = i + len(h)
                if i > 0 and text[i - 1] == " " and (j == len(text) or not _goes_on_char(text[j])):
                    found.append((i, j))
                i = text.find(h, j)
    found.sort()
    return found


def _goes_on_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_-"


def goes_on_past_joiner(text: str, end: int, directory: str | None = None) -> bool:
    """Does a capitalised name ending at `end` go on past a joiner with another
    capitalised word ("Quorb Error Correction through Prompt Tuning")? Then a rule that
    takes the words before the joiner cuts the name."""
    m = _NEXT.match(text, end)
    return bool(m and m.group(1) in _lists(directory)[5] and _CAP_NEXT.match(text, m.end()))


def _ends_clean(
    text: str, end: int, after: frozenset, nouns: frozenset, goes_on: frozenset
) -> bool:
    """Does the name end at `end`: punctuation, a function word, an adverb or a verb in
    -s next, not a lower-case noun that continues it ("Convolution Neural Network
    architectures") nor a joiner and a capitalised word ("Error Correction through
    Prompt Tuning")?"""
    m = _NEXT.match(text, end)
    if m is None:
        return True
    nxt = m.group(1)
    if not nxt[0].isalpha():
        return nxt != "(" and nxt != "-"
    if nxt[0].isupper():
        return False  # "the Higher-Order Attention Network": the name goes on
    if not nxt.islower():
        return True
    if nxt in goes_on and _CAP_NEXT.match(text, m.end()):
        return False
    if _DEFINED_ON.match(text, end) or _FOR_TITLE.match(text, end):
        return False
    if nxt in nouns:
        return False
    if nxt.endswith("ed"):
        return True  # "the X Stack achieved", "a Y Reward defined over ..."
    return nxt in after or nxt.endswith("ly") or (nxt.endswith("s") and not nxt.endswith("ss"))


def title_techniques(
    text: str,
    start: int,
    rules: Rules,
    words: frozenset | None = None,
    directory: str | None = None,
) -> Iterator[tuple[int, int]]:
    """(start, end) of each Title-case technique name in running text from `start`.
    `words` (`DocState.words`): where no head's last part occurs even in lower case,
    the text is not scanned."""
    heads, joiners, after, topic_words, nouns, goes_on = _lists(directory)
    for hs, he in _head_ends(text, start, heads, words):
        # the heads as written are rare: a run is looked for only where one ends
        m = _RUN_TO.search(text, max(start, hs - 100), he)
        if m is None:
            continue
        run = m.group(1).split(" ")
        if run[0] in rules.not_names or match_key(m.group(1)) in rules.generic_keys:
            continue
        s, e = m.span(1)
        before = text[max(0, s - 80) : s]
        one = _PREV_ONE.search(before)
        if one is None or not (one.group(1).isalpha() and one.group(1).islower()):
            continue
        if one.group(1) in topic_words:
            continue  # "the principles of Green Learning", "a model for X Learning"
        two = _PREV_TWO.search(before)
        if two is not None and one.group(1) in joiners and two.group(1).lstrip("(")[:1].isupper():
            continue  # "... Structure-Aware and Spectrally Recalibrated Network"
        if _APPOSITIVE.search(before):
            continue  # "STPNet, a Scale-aware Text Prompt Network"
        if not _ends_clean(text, e, after, nouns, goes_on):
            continue
        yield s, e


def doc_title_techniques(st: DocState, rules: Rules) -> list[tuple[int, int]]:
    """`title_techniques` over the abstract of `st`, computed once per paper: the
    proposals and the resolver both ask for it, on the same text and words."""
    key = ("title_techniques", id(rules))
    found = st.memo.get(key)
    if found is None:
        found = st.memo[key] = list(title_techniques(st.text, st.abstract_start, rules, st.words))
    return found  # type: ignore[return-value]


# a capitalised word right before a run, after a space, perhaps opened by "(" or "**"
_WORD_BEFORE = re.compile(rf"(?:(?<=[\s(*\"“])|^)({_WORD}) \Z")
_OPENED = frozenset('(*"“')
# the end of the text before a sentence's first word: ". ", "? ", "! ", the title seam
_SENTENCE_START = re.compile(r"(?:[.!?][ ]+|\n\s*|\A)\Z")


def name_start(text: str, s: int, stop_first: frozenset, words: int = 2) -> int:
    """Where a Title-case name ends up starting when the run found at `s` may be its tail:
    `evidence.title_case_methods` takes a run after any word ending in a lower-case
    letter, so "(2) Decoupled Prompt Attention", "regularizers. Gravity-Aligned
    Planarity Regularization aligns", "(Saliency-aware Token Selector)" came out without
    their first word. Up to `words` capitalised words before `s` join the name; a word
    that opens a clause (`stop_first`: "The", "A", "Our", ...) or a gerund ("Using") ends
    it, and so does an opening "(" or "**" (the name starts there). -1 where the name
    would open a sentence: round 19 found sentence-initial Title-case runs mostly fields
    and headings, and the tail alone is no name either."""
    for _ in range(words):
        m = _WORD_BEFORE.search(text, max(0, s - 60), s)
        if m is None:
            break
        w = m.group(1)
        if w in stop_first or w.endswith("ing"):
            break
        s = m.start(1)
        if _SENTENCE_START.search(text, max(0, s - 4), s):
            return -1  # a sentence-initial run: too often a field or a heading (19)
        if s == 0 or text[s - 1] in _OPENED:
            break
    return s
