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


# -- lists of names after a cue --------------------------------------------------------
@dataclass(frozen=True)
class ListCues:
    noun_cue: re.Pattern  # "<cue noun> [connector]" ending where a list starts
    noun_type: dict  # lower-case cue noun -> type
    comparison_cue: re.Pattern
    short_alias_max: int


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len)[::-1])


@lru_cache(maxsize=4)
def load_list_cues(directory: str | None = None) -> ListCues:
    d = json.loads(
        (Path(directory or patterns_dir()) / "typing_evidence.json").read_text(encoding="utf-8")
    )
    noun_type = {w.lower(): t for t, ws in d["list_cues"].items() for w in ws}
    noun_type.update({w.lower(): None for w in d.get("list_weak_cues", [])})
    conn = rf"(?:\s*(?:{_alt(d['list_connectors'])}))?\s*"
    return ListCues(
        noun_cue=re.compile(rf"(?<![\w-])(?P<cue>{_alt(noun_type)}){conn}$", re.IGNORECASE),
        noun_type=noun_type,
        comparison_cue=re.compile(
            rf"(?<![\w-])(?:{_alt(d['comparison_cues'])})\s+(?:(?:the|both|strong|existing)\s+)?$",
            re.IGNORECASE,
        ),
        short_alias_max=int(d["short_alias_max"]),
    )


def list_cue_type(text: str, start: int, cues: ListCues) -> tuple[str | None, bool]:
    """(type, from a cue noun) for a list of names starting at `start`: the type of the
    plural cue noun right before it ("attacks (A, B)", "datasets such as A and B"), or
    Method after a comparison ("outperforms A, B and C"); (None, False) without a cue."""
    lo = max(0, start - 48)
    m = cues.noun_cue.search(text, lo, start)
    if m:
        t = cues.noun_type[m.group("cue").lower()]
        return ("Method", False) if t is None else (t, True)  # a weak cue: as a comparison
    if cues.comparison_cue.search(text, lo, start):
        return "Method", False
    return None, False
