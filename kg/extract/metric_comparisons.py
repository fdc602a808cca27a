"""Measures compared with another system's: "higher X than Y" (round 28m).

"substantially lower intended-behavior rates than oracle MONA", "shows higher lexical
alignment than baselines", "a significantly lower irreducible loss compared to a strong
baseline": a noun phrase between a comparative and "than" / "compared to" / "relative to"
/ "versus" is compared as a measured quantity (GUIDELINES: "lower latency" is a Metric
wherever the text compares it), whatever its name, so no vocabulary has to know it. The
phrase must end in a measure head (metrics.json `compared_heads`); a bare head counts only
where it names one measure by itself (`compared_bare_heads`: "higher correlation than",
not "higher scores than" or "better quality than"). Its modifiers are lower-case nouns or
hyphenated words (no determiners, degree words or adverbs: `value_modifier_stop`), so a
proper name in front ("higher LID system accuracy") leaves the phrase alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from kg.extract.rules import Rules, _alt


@lru_cache(maxsize=8)
def _pattern(before: tuple[str, ...], heads: tuple[str, ...], stop: tuple[str, ...]) -> re.Pattern:
    mod = rf"(?!(?:{_alt(stop)})(?![\w-]))(?![a-z]+ly\s)[a-z][a-z\-]*[a-z]"
    return re.compile(
        rf"(?<![\w-])(?:{_alt(before)})\s+(?P<name>(?:{mod}\s+){{0,2}}(?:{_alt(heads)}))"
        r"\s+(?:than|compared\s+(?:to|with)|relative\s+to|versus|vs\.?)\s"
    )


def compared_measures(text: str, start: int, rules: Rules) -> Iterator[tuple[int, int]]:
    """(start, end) of the measure phrases compared after a comparative, from `start` on
    (not in the title: a title states a claim, not a reported comparison)."""
    if " than " not in text and " compared " not in text and " relative " not in text:
        return  # (the common case: no comparison frame at all)
    c = rules.metric_compared
    if not c:
        return
    before, heads, bare, stop = c
    for m in _pattern(before, heads, stop).finditer(text, start):
        s, e = m.span("name")
        if " " not in text[s:e] and text[s:e] not in bare:
            continue  # "higher scores than", "better quality than": no one measure named
        yield s, e
