"""Measures written as proper names next to a value (round 28m).

"achieved 94% Kappa Score", "reducing the Davies-Bouldin Index from 3.86 to 1.82",
"improves the Contextual Recall Rate by 6.2%", "52.9% Complete Path Accuracy": a run of
capitalised words ending in a measure head (metrics.json `title_value_heads`) with a
reported value right before or right after it names the measure as the text names it
(GUIDELINES: a specific measure keeps its full name). The lower-case value frames
(`rules._value_frame`) and the comparison rules read only lower-case modifiers, so these
names were cut to their vocabulary head ("Recall", "Energy") or missed. Capitalised runs
are also names of methods and modules ("Score Distillation", "Consistency Loss"), hence
the value next to the name, and no further capitalised word or tool noun after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from kg.extract.rules import Rules, _alt

# a reported value right before the name: "94% Kappa Score", "98.6 Unique Face Accuracy"
_VALUE = r"[+\-\u2212]?\d+(?:\.\d+)?\s?(?:%|percent\b|pp\b|points?\b|\u00d7|x\b)?"
# ... or right after it: "Index from 3.86 to 1.82", "Rate by 6.2%", "Error to 4.5%"
_AFTER = (
    r"\s+(?:of|=|:|was|is|reached|reaches|from|by|to)\s+"
    r"(?:(?:about|around|only|nearly|up\s+to)\s+)?[+\-\u2212]?\d"
)


@lru_cache(maxsize=8)
def _patterns(heads: tuple[str, ...], stop: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    word = rf"(?!(?:{_alt(stop)})(?![\w-]))[A-Z][\w'\-]*" if stop else r"[A-Z][\w'\-]*"
    # no capitalised word after the name: it would go on as another name
    # a lower-case "mean" before it belongs to it, as in "mean Average Precision"
    name = rf"(?P<name>(?:mean\s)?(?:{word}\s){{1,3}}(?:{_alt(heads)}))(?![\w-])(?!\s+[A-Z])"
    return (
        re.compile(rf"(?<![\w.]){_VALUE}\s+{name}"),
        re.compile(rf"(?<![\w-]){name}{_AFTER}"),
    )


@lru_cache(maxsize=8)
def _head_re(heads: tuple[str, ...]) -> re.Pattern:
    """A head word as both patterns require it: where none occurs, neither can match (and
    most abstracts have none, so the two scans, each trying a name at every capital, are
    skipped)."""
    return re.compile(rf"(?:{_alt(heads)})(?![\w-])")


def titled_value_measures(text: str, start: int, rules: Rules) -> Iterator[tuple[int, int]]:
    """(start, end) of capitalised measure names with a value next to them, from `start`
    on (the title is left out: a title names a topic, not a result)."""
    heads = rules.metric_title_value_heads
    if not heads:
        return
    if _head_re(heads).search(text, start) is None:
        return
    tool = rules.metric_tool_after_re
    for pat in _patterns(heads, rules.metric_title_value_stop):
        for m in pat.finditer(text, start):
            if tool is not None and tool.match(text, m.end("name")):
                continue  # "Similarity Loss", "Score module": a component, not a result
            yield m.start("name"), m.end("name")
