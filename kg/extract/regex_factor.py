"""Alternations from the pattern files, factored by their first character.

A case-sensitive alternation whose branches start with literal characters, such as
patterns/hardware.json's trigger `(?:NVIDIA|Nvidia|GeForce|A\\d|B\\d|...|AMD|MI\\d)`,
makes `re` stop at every character some branch starts with and try each branch there in
turn (~30 for the trigger, ~20 us per abstract). Grouped by first character
(`(?:N(?:VIDIA|vidia)|G(?:eForce|H\\d|...)|A(?:\\d|pple|...)|...)`), only the branches
that start with the character at hand are tried. The matches are the same: branches
with different first characters never match at the same position, and within a group
the branches keep their order.
"""

from __future__ import annotations

import re

# a branch this module can factor: a literal letter or digit, then letters, digits and
# `\d` escapes only (no groups, classes or quantifiers whose scope a rewrite could change)
_SIMPLE_BRANCH = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|\\d)*")
_GROUP = re.compile(r"\(\?:(.*)\)")


def by_first_char(pattern: str) -> str:
    """`pattern` (`(?:B1|B2|...)`, for a case-sensitive regex) with its branches grouped
    by their first character, or `pattern` itself when a branch is not a simple literal
    run (`_SIMPLE_BRANCH`)."""
    m = _GROUP.fullmatch(pattern)
    if m is None:
        return pattern
    branches = m.group(1).split("|")
    if not all(_SIMPLE_BRANCH.fullmatch(b) for b in branches):
        return pattern
    groups: dict[str, list[str]] = {}
    for b in branches:
        groups.setdefault(b[0], []).append(b[1:])
    alts = [
        first + (rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")")
        for first, rests in groups.items()
    ]
    return "(?:" + "|".join(alts) + ")"
