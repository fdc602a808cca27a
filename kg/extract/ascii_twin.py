"""ASCII twins of whole-text regexes: the same pattern compiled with `re.ASCII`.

In a `str` pattern without `re.ASCII`, `\\w`, `\\W`, `\\b`, `\\d` and `\\s` test each
character against the Unicode database (`_PyUnicode_IsAlpha` and its kin, a function
call per character tried); with `re.ASCII` they look up a small table. On a text that is
all ASCII the two agree, except that Unicode whitespace includes the ASCII separators
\\x1c-\\x1f, which `re.ASCII`'s `\\s` does not: so the twin is used only on an ASCII
text without them (`ascii_ok`). The twins here are of patterns without IGNORECASE, whose
Unicode case folding could match an ASCII letter to a non-ASCII literal of the pattern.
"""

from __future__ import annotations

import re

_UNICODE_ONLY_SPACES = "\x1c\x1d\x1e\x1f"


def ascii_ok(text: str) -> bool:
    """May an ASCII twin scan `text` (same matches as its Unicode original)?"""
    return text.isascii() and not any(c in text for c in _UNICODE_ONLY_SPACES)


def ascii_twin(regex: re.Pattern) -> re.Pattern:
    """`regex` compiled again with `re.ASCII` (refused for IGNORECASE patterns)."""
    if regex.flags & re.IGNORECASE:
        raise ValueError("an IGNORECASE pattern may fold an ASCII letter to a non-ASCII one")
    return re.compile(regex.pattern, (regex.flags & ~re.UNICODE) | re.ASCII)
