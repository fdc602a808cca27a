"""Components an abstract names in a numbered list: "(2) Curiosity-Coherence Reward
Fine-Tuning optimizes ...", "(ii) Contrastive Experience Distillation for ...".

Abstracts list their method's parts after "(1)", "(ii)", "b)" and capitalise each part's
name; the name ends where the sentence goes on in lower case. Such a run is a Method when
the text goes on with what it does (a verb in -s: "optimizes", "performs") or when it
ends in a method head ("... Distillation for", "... Attention that"); a process noun
alone is not enough ("(iii) Help Prediction that test ...", a task; "a) Panorama
Generation with ...", a stage). The words are
in ontology/patterns/typing_evidence.json (`enumerated_*`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.extract.rules import patterns_dir

# a Title-Case word, a hyphen compound with a capital first part, an acronym (RL, LLMs),
# a CamelCase word, a dimension (3D)
_W = (
    r"(?:[A-Z][a-z]+|[A-Z][A-Za-z]*(?:-[A-Za-z0-9]+)+|[A-Z]{2,6}s?|[A-Z][a-z]*[A-Z][A-Za-z]*"
    r"|[234]D)"
)
# the marker ("(2)", "ii)", "b)") opens on ")" (a C string search), then 2-6 words and the
# lower-case word after them
_ITEM = re.compile(r"\)[ \t]+(" + _W + r"(?:[ \t]+" + _W + r"){1,5})[ \t]+([a-z]+)(?![\w-])")
_CAPITAL_NEXT = re.compile(r"[ \t]+[A-Z]")
_MARKER = re.compile(r"(?:^|(?<=[\s(]))(?:[1-9]|i{1,3}|iv|vi{0,3}|[a-e])\Z")


@dataclass(frozen=True)
class EnumeratedCues:
    stop_first: frozenset  # first words that open a clause, not a name ("The", "Our")
    joiners: frozenset  # words after a head-ended name ("for", "that", "via")
    not_verbs: frozenset  # -s words after the name that are no verb ("sources")
    class_plurals: frozenset  # last words of a family of methods ("Methods")
    heads: frozenset  # method-like last words, lower case


@lru_cache(maxsize=4)
def load_enumerated_cues(directory: str | None = None) -> EnumeratedCues:
    d = json.loads(
        (Path(directory or patterns_dir()) / "typing_evidence.json").read_text(encoding="utf-8")
    )
    heads = set(d["definition_method_heads"]) | {h.lower() for h in d["title_case_method_heads"]}
    return EnumeratedCues(
        stop_first=frozenset(d["enumerated_stop_first"]),
        joiners=frozenset(d["enumerated_joiners"]),
        not_verbs=frozenset(d["enumerated_not_verbs"]),
        class_plurals=frozenset(d["enumerated_class_plurals"]),
        heads=frozenset(heads),
    )


def _method_head(word: str, cues: EnumeratedCues) -> bool:
    last = word.rsplit("-", 1)[-1].lower()
    if word.isupper() and len(word) >= 2:
        return True  # an acronym ends the name ("Pixel Test-Time RL")
    return last in cues.heads


def enumerated_components(text: str, start: int, cues: EnumeratedCues) -> Iterator[tuple]:
    """(start, end) of each numbered list item's capitalised name after `start`."""
    if ") " not in text:
        return
    for m in _ITEM.finditer(text, start):
        # the marker: one to four characters back from ")", after "(" or a space
        if not _MARKER.search(text, max(0, m.start() - 4), m.start()):
            continue
        words = m.group(1).split()
        if words[0] in cues.stop_first or words[-1] in cues.class_plurals:
            continue
        after = m.group(2)
        verb = (
            after.endswith("s")
            and not after.endswith(("ss", "us", "is"))
            and after not in cues.not_verbs
        )
        if verb or (
            after in cues.joiners
            and _method_head(words[-1], cues)
            # "Dual-Reward Alignment for Search Planning": the name may go on
            and not _CAPITAL_NEXT.match(text, m.end())
        ):
            yield m.start(1), m.end(1)
