"""Measures named after a stated change: "a 31% reduction in prediction set size" (round 29).

"a 12% increase in communication load", "a 1.85x improvement in clarity score", "a 28%
reduction in error": a value, a change noun and "in"/"of" report the noun phrase after
them as a measured quantity (GUIDELINES: "reduces memory by 40%" is a Metric), whatever
its name. The older comparison rule (`evidence.metric_phrases`) reads any "increase in"
but, without the value, must keep to two-word names with a listed head; the value here is
the evidence, so the phrase may be of one to four words and its head any measure head of
the "from A to B" rule (`metric_changes`), whose head, modifier and setting tests it
shares ("a 50% reduction in parameters" names a setting, not a result). Data:
metric_changes.json `change_nouns`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from kg.extract.evidence import MetricEvidence
from kg.extract.metric_changes import _WORD, _measure_span, load_change_rules
from kg.extract.rules import Rules, _alt

# the value right before the change noun: "31%", "1.85x", "3.7 times", "12 points"
_VALUE = (
    r"(?<![\w.])\d[\d.,]*\s?(?:%|x|\u00d7|-fold|\s?fold|\s?times|\s?percent"
    r"|\s?percentage\s+points?|\s?points?|\s?pp)(?![\w])"
)
# what ends the phrase after "in"/"of": punctuation, a preposition, a conjunction
_STOP = frozenset(
    "and or while with without than over compared relative versus vs on for in at across "
    "from to by under when which that as during per against thanks due".split()
)
_COORD = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?")


@lru_cache(maxsize=4)
def _pattern(nouns: tuple[str, ...]) -> re.Pattern:
    return re.compile(
        rf"{_VALUE}\s+(?:(?:relative|absolute|average|overall)\s+)?"
        rf"(?:{_alt(nouns)})\s+(?:in|of)\s+(?:the\s+)?"
    )


def _phrase(text: str, pos: int) -> tuple[list[tuple[int, int, str]], int]:
    """The words from `pos` up to the first stop word or punctuation (at most five)."""
    toks: list[tuple[int, int, str]] = []
    for w in _WORD.finditer(text, pos, min(len(text), pos + 80)):
        gap = text[toks[-1][1] if toks else pos : w.start()]
        if gap and not gap.isspace():
            break
        if w.group().lower() in _STOP or len(toks) == 5:
            break
        toks.append((w.start(), w.end(), w.group()))
    return toks, (toks[-1][1] if toks else pos)


def noun_changed_measures(
    text: str, start: int, rules: Rules, me: MetricEvidence, directory: str | None = None
) -> Iterator[tuple[int, int]]:
    """(start, end) of the measures named after "<value> <change noun> in/of", from
    `start` on, and of the measures coordinated with them ("in memory and latency")."""
    cr = load_change_rules(directory)
    if not cr.change_nouns or "%" not in text and " in " not in text:
        return
    for m in _pattern(cr.change_nouns).finditer(text, start):
        pos = m.end()
        for _ in range(4):
            toks, end = _phrase(text, pos)
            if not toks or toks[0][2].lower() in ("a", "an"):
                break  # "..., and a 44x reduction in ...": the next change, read by itself
            span = _measure_span([t[2] for t in toks], cr, rules, me)
            if span is None or span[0] != 0:
                break  # every word before the head must belong to the name ("ad revenue")
            yield toks[span[0]][0], toks[span[1] - 1][1]
            c = _COORD.match(text, end)
            if not c:
                break
            pos = c.end()
