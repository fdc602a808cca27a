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


@dataclass(frozen=True)
class ComponentCues:
    heads: frozenset  # lower-case head nouns ("module", "strategy")
    regex: re.Pattern  # the run (group 1) and its head (group 2)
    not_last: tuple  # endings of a last word that is a modifier ("-based")
    stop_first: frozenset  # first words that are no part of a name ("The", "Our")


@lru_cache(maxsize=4)
def load_component_cues(directory: str | None = None) -> ComponentCues:
    d = json.loads(
        (Path(directory or patterns_dir()) / "typing_evidence.json").read_text(encoding="utf-8")
    )
    heads = sorted(d["component_heads"], key=len, reverse=True)
    # opens on the space before the run (a C string search), after a lower-case word or
    # a comma: a run at a sentence start is a heading or a sentence's first words
    regex = re.compile(
        r" (?<=[a-z,;] )("
        + _W
        + r"(?:[ \n]"
        + _W
        + r"){1,4})[ \n]("
        + "|".join(heads)
        + r")(?![\w-])"
    )
    return ComponentCues(
        heads=frozenset(heads),
        regex=regex,
        not_last=tuple(d["component_not_last"]),
        stop_first=frozenset(d["enumerated_stop_first"]),
    )


def named_components(
    text: str, start: int, words: frozenset, cues: ComponentCues
) -> Iterator[tuple[int, int]]:
    """(start, end) of each capitalised run of 2-5 words right before a component head;
    `words` is the set of the text's lower-case words (no head among them: no scan)."""
    if not cues.heads & words:
        return
    for m in cues.regex.finditer(text, max(0, start - 1)):
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
