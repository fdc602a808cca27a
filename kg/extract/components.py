"""Capitalised component names before a lower-case head noun: "a Granular Semantic
Enhancement module", "the Sparse-Aware Semantic Sampling strategy", "a memory-augmented
Temporal HMR module".

Abstracts capitalise the parts of their method they name and say what kind of part it is
with a plain noun after the name. `evidence.title_case_methods` takes names whose own last
word is the head ("View Fusion Transformer"); this takes the name before a lower-case
head, without the head. Two words at least: one capitalised word before "module" is as
often a common word ("Refinement module", "Transformer block"). The head nouns and the
modifiers that end no name are in ontology/patterns/typing_evidence.json
(`component_heads`, `component_not_last`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.extract.rules import patterns_dir

# a Title-Case word, a hyphen compound with a capital first part, an acronym, a CamelCase
# word, a dimension (3D)
_W = (
    r"(?:[A-Z][a-z]+|[A-Z][A-Za-z]*(?:-[A-Za-z0-9]+)+|[A-Z]{2,6}|[A-Z][a-z]*[A-Z][A-Za-z]*"
    r"|[234]D)"
)


# a capitalised word and a function word right before the run: it ends a longer name
_TAIL_OF_NAME = re.compile(r"[A-Z][\w-]*[ \n](?:for|of|to|and|with|in|on|via)[ \n]\Z")


# the run ending right before a head (searched for in the ~100 characters before each
# head: finding the heads with `str.find` first is ~4x faster than scanning every space)
# "A Seam Routing module": after the one-letter article too ("An", "The", "Our" end in a
# lower-case letter already)
_AFTER_ARTICLE = r"(?<=(?<![\w-])A )"
_RUN_END = re.compile(
    r"(?:(?<=[a-z,;] )|" + _AFTER_ARTICLE + r")(" + _W + r"(?:[ \n]" + _W + r"){1,4})\Z"
)
_CAPS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")


@dataclass(frozen=True)
class ComponentCues:
    heads: frozenset  # lower-case head nouns ("module", "strategy")
    not_last: tuple  # endings of a last word that is a modifier ("-based")
    stop_first: frozenset  # first words that are no part of a name ("The", "Our")


@lru_cache(maxsize=4)
def load_component_cues(directory: str | None = None) -> ComponentCues:
    d = json.loads(
        (Path(directory or patterns_dir()) / "typing_evidence.json").read_text(encoding="utf-8")
    )
    return ComponentCues(
        heads=frozenset(d["component_heads"]),
        not_last=tuple(d["component_not_last"]),
        stop_first=frozenset(d["enumerated_stop_first"]),
    )


def _runs_before_heads(text: str, start: int, heads) -> list[re.Match]:
    """The capitalised runs (`_RUN_END`) that end one space or line break before a head
    word, a run after a lower-case word, a comma or an article ("A Seam Routing module
    ranks": round 19; otherwise the run began one word late, "Routing") only (a run at a
    sentence start is a heading or a sentence's first words), in text order."""
    found: dict[int, re.Match] = {}
    n = len(text)
    for head in heads:
        for sep in (" ", "\n"):
            key = sep + head
            i = text.find(key, start)
            while i >= 0:
                j = i + len(key)
                k = i
                while k > start and text[k - 1] in _WORD_CHARS:
                    k -= 1  # back to the start of the word before the head
                if (j >= n or text[j] not in _WORD_CHARS) and k < i and text[k] in _CAPS:
                    m = _RUN_END.search(text, max(start, i - 100), i)
                    if m:
                        found.setdefault(m.start(1), m)
                i = text.find(key, i + 1)
    return [found[k] for k in sorted(found)]


def named_components(
    text: str, start: int, words: frozenset, cues: ComponentCues
) -> Iterator[tuple[int, int]]:
    """(start, end) of each capitalised run of 2-5 words right before a component head;
    `words` is the set of the text's lower-case words (no head among them: no scan)."""
    present = cues.heads & words
    if not present:
        return
    for m in _runs_before_heads(text, start, sorted(present)):
        run = m.group(1).split()
        if run[0] in cues.stop_first or run[-1].lower().endswith(cues.not_last):
            continue
        if all(w.isupper() or w[:1].isdigit() for w in run):
            continue  # "3D CNN encoder", "RGB SAR branch": acronyms of kinds of data
        if any(w.endswith("-based") for w in run[:-1]):
            continue  # "a Transformer-based IMU encoder": a kind, not a name
        if "-" in run[-1] and run[-1].endswith("ed"):
            continue  # "a Local Variance-Weighted loss": the head is part of the name
        if _TAIL_OF_NAME.search(text, max(0, m.start(1) - 40), m.start(1)):
            continue  # "an Adaptive Query Expansion for Card Generation framework"
        yield m.start(1), m.end(1)
