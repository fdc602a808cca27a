"""A benchmark head in a title's subtitle after a plain word is a description (round 28).

"ToolGrad: Efficient Tool-use Dataset Generation", "MCPVerse: An Expansive, Real-World
Benchmark for ...", "Falcon: A Comprehensive Chinese Text-to-SQL Benchmark", "XYZ-IBD:
High-precision Bin-picking Dataset for ...": after the colon the title describes the
paper's resource in Title Case, and the words before the head are adjectives and kinds,
not a name (the name is the one before the colon). On a corpus draw of 8,000 abstracts
such subtitle phrases made 53 Benchmark entities, most of them descriptions. A name that
starts with a word written as a name (all capitals, capitals inside, digits: "the FOMO25
Challenge", "the RIVA Cervical Cytology Challenge", "the FedSurg EndoVis 2024 Challenge",
"the EU20 Benchmark Suite") stays, as does one with such a word anywhere ("The Thirteenth
BioASQ Challenge").
"""

from __future__ import annotations

import re

# a capital after a lower-case letter inside one word part, or a digit: written as a name
_NAME_INSIDE = re.compile(r"[a-z][A-Z]|\d")


def _plain(word: str) -> bool:
    """Is a word a plain (Title Case or lower-case) word or a hyphen compound of them
    ("Large-Scale", "Text-to-SQL", "UAV-Based"), not one written as a name ("JETTS",
    "MultiFakeVerse", "EU20")?"""
    if _NAME_INSIDE.search(word):
        return False
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and not all(c.isupper() for c in letters)


def subtitle_description(text: str, title_len: int, start: int, words: list[str]) -> bool:
    """Does a head phrase starting at `start` sit in the title after a colon, its first
    word plain and none of its words written with capitals inside or digits ("The
    Thirteenth BioASQ Challenge", "A Multitemporal Sentinel-2 Benchmark" stay: a name may
    sit inside)?"""
    if start >= title_len or not words:
        return False
    return (
        ":" in text[:start] and _plain(words[0]) and not any(_NAME_INSIDE.search(w) for w in words)
    )
