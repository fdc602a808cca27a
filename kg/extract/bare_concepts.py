"""A coined lower-case concept named right after a proposal verb, without an article
(round 17): "We introduce agent-guided pruning, where a foundation model ...", "we propose
truth-coupling, i.e. how tightly ...", "we introduce decoding-constrained beam search,
which yields ...". No article makes the phrase a name, and a hyphenated compound makes
it a coined one ("we introduce contrastive mutual learning to" or "we propose
modifications, which" are not taken). The proposal rules already take such a phrase
before "(ACR)" or ", a ..."; this adds ", which / where / i.e. / namely".
"""

from __future__ import annotations

import re
from collections.abc import Callable

_AFTER = re.compile(r",\s+(?:which|where|i\.e\.|namely)(?![\w-])")
_WORD = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_FUNCTION = frozenset("of for with and or to in on by from via that which the a an as".split())


def bare_coined_concept(text: str, span: tuple[int, int], known: Callable[[str], object]) -> bool:
    """Is the lower-case phrase at `span` (right after a proposal verb) a coined concept
    the sentence goes on to describe?"""
    if not _AFTER.match(text, span[1]):
        return False
    words = text[span[0] : span[1]].split()
    if not 1 <= len(words) <= 4 or not any("-" in w for w in words):
        return False
    if any(not _WORD.fullmatch(w) or w in _FUNCTION for w in words):
        return False
    last = words[-1]
    if last.endswith("s") and not last.endswith("ss"):
        return False  # "task-specific prompt pools, which": things, not one named concept
    return not known(text[span[0] : span[1]])
