"""Distinct measures one vocabulary concept holds (round 17).

The curated vocabulary files some measures that papers report side by side under one
concept: `wall-clock time` holds "training time" and "inference time", `latency` holds
"inference latency", `pass@k` holds "pass@5" and "pass@8", `average precision` holds
"AP50" and "AP75". A paper that names two of them reports two measures, and GUIDELINES
keep each as the text names it (a specific measure keeps its full name, the bare head
only where the text says only that), so merging them into one entity loses one. Within
a paper, the surfaces of one Metric concept are grouped: an acronym and its long form,
plurals, spellings and "overall"/"average" forms stay together; surfaces with another
modifier of the same head, a bare head beside a modified one, or another number or @k
are apart. The group that holds the concept's own label (or the first surface) keeps the
concept; every other group becomes its own entity, narrower than the concept.
"""

from __future__ import annotations

import re

_SPLIT = re.compile(r"[\s\-]+")
_PARAM = re.compile(r"\d+(?:\.\d+)?|@\w+")
_AGGREGATE = frozenset({"overall", "average", "avg", "mean"})


def _params(s: str) -> list[str]:
    """The numbers and @k of a name, '@' dropped ("mAP@50" and "mAP50" agree)."""
    return [p.lstrip("@") for p in _PARAM.findall(s.lower())]


def _norm_word(w: str) -> str:
    w = w.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    for end in ("ed", "s"):
        if w.endswith(end) and len(w) > len(end) + 2 and not w.endswith("ss"):
            return w[: -len(end)]
    return w


def _words(s: str) -> list[str]:
    return [_norm_word(w) for w in _SPLIT.split(s.strip()) if w]


def _is_short(s: str) -> bool:
    return " " not in s.strip() and (any(map(str.isupper, s)) or any(map(str.isdigit, s)))


def _initials(short: str, words: list[str]) -> bool:
    return len(words) > 1 and short.lower() == "".join(w[0] for w in words if w)


def same_measure(a: str, b: str) -> bool:
    """Do two surfaces of one vocabulary concept name the same measure in a paper?"""
    wa, wb = _words(a), _words(b)
    if wa == wb or "".join(wa) == "".join(wb):
        return True
    if _params(a) != _params(b):
        return False  # "pass@5" / "pass@8", "AP50" / "AP", "BLEU-4" / "BLEU-1"
    sa, sb = _is_short(a), _is_short(b)
    if sa or sb:
        return True  # an acronym and a long form, or two spellings of a name
    # drop the aggregate words the vocabulary treats as the bare measure (metrics.json)
    wa = [w for w in wa if w not in _AGGREGATE] or wa
    wb = [w for w in wb if w not in _AGGREGATE] or wb
    if wa == wb:
        return True
    if wa[-1] != wb[-1]:
        return True  # another head: a synonym the vocabulary lists ("memory footprint")
    ma, mb = wa[:-1], wb[:-1]
    if not ma or not mb:
        return False  # a bare head beside a modified one: "latency", "inference latency"
    if len(ma) == 1 and _initials(ma[0], mb) or len(mb) == 1 and _initials(mb[0], ma):
        return True  # "KL divergence" / "Kullback Leibler divergence"
    return False  # another modifier: "training time" / "inference time"


def variant_groups(
    label: str, surfaces: list[str], defined: frozenset[tuple[str, str]] = frozenset()
) -> list[list[str]]:
    """The surfaces grouped by measure (linked where any two name the same one, or
    where the text defines one as the other's acronym: `defined` holds (short, long)
    pairs); the group holding the label (or the first surface) comes first and keeps
    the concept."""
    groups: list[list[str]] = []
    for s in surfaces:
        joined = [
            g
            for g in groups
            if any(same_measure(s, t) or (s, t) in defined or (t, s) in defined for t in g)
        ]
        merged = [s] + [t for g in joined for t in g]
        groups = [g for g in groups if g not in joined] + [merged]
    groups.sort(key=lambda g: min(surfaces.index(t) for t in g))
    for i, g in enumerate(groups):
        if any(same_measure(label, s) for s in g):
            return [g] + groups[:i] + groups[i + 1 :]
    return groups
