"""Metric names around a measured head (round 15).

A compound built around a vocabulary measure ("3D accuracy", "top-1 accuracy") or a
mined measure name that holds one is the same measure named more specifically
(GUIDELINES: a specific measure keeps its full name). Where the head inside it is
measured, the compound is measured too, so the resolver keeps the full name and not
the bare head.
"""

from __future__ import annotations

import re

from kg.extract.state import Cand

_EXTENDED = frozenset({"metric_compound", "mined"})
# a participle before the head is no part of its name ("the increasing energy consumption")
_VERB_FORM = re.compile(r"[a-z](?:ing|ed)\b")


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
