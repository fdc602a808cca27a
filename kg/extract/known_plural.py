"""A benchmark the vocabulary knows, named before a plural head: "on WebVoyager
benchmarks", "on commonsense reasoning and MMLU benchmarks", "including MedMNIST datasets".

`kg_benchmarks` reads "<word> benchmarks/datasets" as a kind of data ("across multiple MVC
benchmarks", "on six medical VQA benchmarks") unless other names are listed with it, and
then drops every mention of that word. A word the vocabulary holds as a benchmark, placed
right after a cue ("on", "across", "and", a comma) rather than after a count or an
adjective, and written as more than a short task acronym, names that benchmark (its
versions or subsets) instead: the rejection would lose a named dataset.
"""

from __future__ import annotations

import re

from kg.extract.state import DocState

# the word right before the name: a cue or a coordinator, not a count or an adjective
_CUE_BEFORE = re.compile(
    r"(?:(?<![\w-])(?:on|across|over|and|or|of|from|including|such\s+as|like|namely)|[,&/(])\s*$",
    re.IGNORECASE,
)
_KNOWN = ("vocab", "mined")


def _task_acronym(name: str) -> bool:
    """ "QA", "VQA", "NLI", "ASR": a short all-capital word names a task more often."""
    return name.isupper() and name.isalpha() and len(name) <= 3


def known_benchmark_named(st: DocState, text: str, s: int, e: int) -> bool:
    """Is `text[s:e]`, right before a plural benchmark head, a benchmark the vocabulary
    knows that the sentence names after a cue (not a kind of data)?"""
    name = text[s:e]
    if " " in name or _task_acronym(name) or "-to-" in name:
        return False  # "on Text-to-SQL benchmarks": a task that turns one thing into another
    if not _CUE_BEFORE.search(text, max(0, s - 24), s):
        return False
    return any(
        c.start == s and c.end == e and c.type == "Benchmark" and c.source in _KNOWN
        for c in st.cands
    )
