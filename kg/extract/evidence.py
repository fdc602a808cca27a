"""Round 11 (16t): evidence for a name's type, and for leaving a name out.

Data: ontology/patterns/typing_evidence.json (cue words and shapes, no names).

- `definition_not_entity`: an acronym definition whose long form is a thing, property,
  condition, task or generic class of models rather than a method ("wind turbines
  (WT)", "key performance indicator (KPI)", "audio language models (ALMs)").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.extract.rules import Rules, patterns_dir

_WORDS = re.compile(r"[A-Za-z][\w\-]*")
_PREPOSITIONS = frozenset("for of in on with via from to using under by".split())


@dataclass(frozen=True)
class Evidence:
    def_method_heads: frozenset
    def_process_endings: tuple
    def_generic_classes: tuple
    def_task_heads: frozenset
    def_task_appositive: re.Pattern


@lru_cache(maxsize=4)
def load_evidence(directory: str | None = None) -> Evidence:
    d = json.loads(
        (Path(directory or patterns_dir()) / "typing_evidence.json").read_text(encoding="utf-8")
    )
    appos = "|".join(re.escape(w) for w in sorted(d["definition_task_appositive"], key=len)[::-1])
    return Evidence(
        def_method_heads=frozenset(d["definition_method_heads"]),
        def_process_endings=tuple(d["definition_process_endings"]),
        def_generic_classes=tuple(d["definition_generic_model_classes"]),
        def_task_heads=frozenset(d["definition_task_heads"]),
        # "(RPT), a new task that ...", "(X) is a challenging problem"
        def_task_appositive=re.compile(
            r"\s*(?:,\s*|\s+is\s+)(?:a|an|the)\s+(?:[\w\-]+\s+){0,3}?"
            rf"(?:{appos})(?![\w-])",
            re.IGNORECASE,
        ),
    )


def _lower_case_phrase(long: str) -> bool:
    """No capital after the first character ("wind turbines", "Symbolic regression")."""
    return not any(ch.isupper() for ch in long[1:])


def definition_not_entity(
    text: str, long: str, short: str, after: int, rules: Rules, ev: Evidence
) -> bool:
    """Is the long form of a definition the vocabulary does not know a non-entity? `after`
    is the offset right after the definition ("long (SHORT)" or "SHORT (long)"). A
    lower-case long form is left out only with a plain upper-case acronym ("KPI", "GNNs")."""
    core = short[:-1] if short.endswith("s") else short
    short_plain = core.isupper()
    words = _WORDS.findall(long)
    if not words:
        return False
    # the head: the last word before a preposition ("semantic error correction for
    # retrieval-augmented generation" is a correction, "Theory of Mind" a theory)
    for i, w in enumerate(words[1:], 1):
        if w in _PREPOSITIONS:
            words = words[:i]
            break
    last = words[-1].lower()
    if last in ev.def_task_heads:
        return True
    low = long.lower()
    if low.endswith("s") and low.endswith(ev.def_generic_classes):
        return True
    if ev.def_task_appositive.match(text, after, after + 80):
        return True
    if not _lower_case_phrase(long) or not short_plain:
        return False  # a capitalised or coined name ("SlotCurri"): the paper's own
    part = last.rsplit("-", 1)[-1]
    if (
        last in ev.def_method_heads
        or part in ev.def_method_heads
        or last in rules.type_heads["Method"]
        or last in rules.type_heads["Model"]
        or part.endswith(ev.def_process_endings)
        or part.rstrip("s").endswith(ev.def_process_endings)
    ):
        return False
    return True
