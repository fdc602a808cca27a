"""Metric names around a measured head (round 15).

A compound built around a vocabulary measure ("3D accuracy", "top-1 accuracy") or a
mined measure name that holds one is the same measure named more specifically
(GUIDELINES: a specific measure keeps its full name). Where the head inside it is
measured, the compound is measured too, so the resolver keeps the full name and not
the bare head.
"""

from __future__ import annotations

import re

from kg.extract.evidence import MetricEvidence, metric_left_modifiers
from kg.extract.rules import Rules
from kg.extract.state import Cand

_EXTENDED = frozenset({"metric_compound", "mined"})
# a participle before the head is no part of its name ("the increasing energy consumption")
_VERB_FORM = re.compile(r"[a-z](?:ing|ed)\b")
_PREV_WORD = re.compile(r"(?<![\w-])([A-Za-z]+)\s+$")


def around_measured(kept: list[Cand], dropped: list[Cand]) -> list[Cand]:
    """The dropped compounds and mined names that contain a kept vocabulary measure."""
    heads = [(k.start, k.end) for k in kept if k.source == "vocab"]
    if not heads:
        return []
    return [
        c
        for c in dropped
        if c.source in _EXTENDED
        and any(
            c.start <= s
            and e <= c.end
            and (s, e) != (c.start, c.end)
            and not _VERB_FORM.search(c.text[: s - c.start])
            for s, e in heads
        )
    ]


def noun_chain_start(
    text: str,
    start: int,
    rules: Rules,
    me: MetricEvidence,
    before: frozenset[str],
    more: int = 2,
) -> int:
    """Where a measure's name starts when a chain of nouns modifies it ("store visit
    prediction accuracy", "page load failure rates"): GUIDELINES keep a specific
    measure's full name. `start` is already one noun left of the vocabulary measure;
    each further noun must pass the same test (evidence.metric_left_modifiers), and the
    longer name must start right after a word of `before` (metrics.json
    noun_chain_before: "an increase in ...", "of ..."), else `start` stays."""
    s = start
    for _ in range(more):
        s2 = metric_left_modifiers(text, s, rules, me)
        if s2 == s:
            break
        s = s2
    if s == start:
        return start
    prev = _PREV_WORD.search(text, max(0, s - 12), s)
    return s if prev and prev.group(1).lower() in before else start
