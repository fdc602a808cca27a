"""Measures named after a stated change: "a 31% reduction in prediction set size" (round 29).

"a 12% increase in communication load", "a 1.85x improvement in clarity score", "a 40%
reduction in memory": a value, a change noun and "in"/"of" report the noun phrase after
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

from kg.extract.evidence import MetricEvidence
from kg.extract.metric_changes import _WORD, _measure_span, load_change_rules
from kg.extract.rules import Rules
from kg.extract.state import DocState

# a value's unit, found with str.find (a regex scan led by the value or by the nouns, tried
# at every position, cost 40-70 us per abstract; these finds ~3 us): "31%", "1.85x",
# "3.7\u00d7", "12 percent", "4-fold", "3 times", "2.1 points"; a letter unit must follow a
# number
# (unit as found, the word `DocState.words` holds where it occurs)
_UNITS = (
    ("%", None),
    ("\u00d7", None),
    ("x ", "x"),
    (" percent ", "percent"),
    ("fold ", "fold"),
    (" times ", "times"),
    (" points ", "points"),
    (" pp ", "pp"),
)
_NUMBER_BEFORE = re.compile(r"(?<![\w.])\d[\d.,]*(?:\s?percentage)?[\s-]?$")
# after the value: a degree word, the change noun (its plural too), "in"/"of", "the"
_AFTER_VALUE = re.compile(
    r"\s*(?:(?:relative|absolute|average|overall)\s+)?([a-z][a-z\-]*[a-z])\s+(?:in|of)\s+"
    r"(?:the\s+)?"
)
# what ends the phrase after "in"/"of": punctuation, a preposition, a conjunction
_STOP = frozenset(
    "and or while with without than over compared relative versus vs on for in at across "
    "from to by under when which that as during per against thanks due".split()
)
_COORD = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?")


def _frames(text: str, start: int, nouns: frozenset, words: frozenset) -> Iterator[int]:
    """Where the phrase starts after each "<value> <change noun> in/of", from `start` on."""
    found = []
    for unit, word in _UNITS:
        if word is not None and word not in words:
            continue
        i = text.find(unit, start)
        while i >= 0:
            # the number right before the unit ("31" of "31%", "4-" of "4-fold")
            if _NUMBER_BEFORE.search(text, max(start, i - 24), i):
                m = _AFTER_VALUE.match(text, i + len(unit.rstrip()))
                if m:
                    noun = m.group(1)
                    if noun in nouns or noun[-1] == "s" and noun[:-1] in nouns:
                        found.append(m.end())
            i = text.find(unit, i + 1)
    return iter(sorted(found))


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
    st: DocState, text: str, rules: Rules, me: MetricEvidence, directory: str | None = None
) -> Iterator[tuple[int, int]]:
    """(start, end) of the measures named after "<value> <change noun> in/of" in the
    abstract, and of the measures coordinated with them ("in memory and latency")."""
    cr = load_change_rules(directory)
    words = st.words
    if not (cr.change_words & words):
        return  # (most abstracts: no change noun at all)
    for pos in _frames(text, st.abstract_start, cr.change_nouns, words):
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
