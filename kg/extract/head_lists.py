"""The other names of a list that ends in a plural benchmark head: "on Zorbix, Quandle,
and Plimsoll benchmarks", "on the Zorbix and Quandle datasets".

`kg_benchmarks` takes the name right before the head ("Plimsoll benchmarks"); the names
coordinated with it are the same kind of thing and share the head, so each is a
benchmark too. A walk back over "<name>, <name>, and" stops at the first item that is not
written as a name (a lower-case word, a stop-listed word such as a language, a number).
"""

from __future__ import annotations

import re

from kg.extract.names import capitalised, name_shaped
from kg.extract.rules import Rules
from kg.extract.state import DocState

# one list item (1-3 words written as a name) and the separator after it, read backwards
# from the name before the head: "Zorbix, ", "Quandle and ", "Plimsoll, and "
_ITEM_BEFORE = re.compile(
    r"(?<![\w.+\-&\\$^{}])(?P<item>(?:[A-Z0-9][\w.+\-]* ){0,2}[A-Z0-9][\w.+\-]*|[a-z][\w.+\-]*)"
    r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)$"
)
_MAX_ITEMS = 8
_VERSION = re.compile(r"v\d[\w.]*")
# a capitalised word that starts a sentence or a phrase, not a name: "On X, Y and Z
# datasets", "The X and Y benchmarks"
_LEAD_WORDS = frozenset("on across over in the these those both our all using from".split())


def plain_word_elsewhere(text: str, word: str) -> bool:
    """Is a capitalised word written in lower case elsewhere in the text ("Existing",
    "Results")? Then it is a common word capitalised by its place, not a name."""
    low = word.lower()
    i = text.find(low)
    while i >= 0:
        j = i + len(low)
        if (i == 0 or not text[i - 1].isalnum()) and (j == len(text) or not text[j].isalnum()):
            return True
        i = text.find(low, j)
    return False


def _item_ok(item: str, text: str, rules: Rules) -> bool:
    """Is every word of a listed item written as a name (not a plain or stop-listed word,
    nor a common word written in lower case elsewhere)?"""
    words = item.split()
    if any(w in rules.not_names for w in words):
        return False
    if words[0][:1].isdigit() or _VERSION.fullmatch(words[0]):
        return False  # "8iVFB v2, Owlii": a version of the item before, not a name
    if not any(name_shaped(w, rules) for w in words) and plain_word_elsewhere(text, words[0]):
        return False
    return all(name_shaped(w, rules) or capitalised(w) or w[:1].isdigit() for w in words)


def listed_before(text: str, start: int, floor: int, rules: Rules) -> list[tuple[int, int]]:
    """Spans of the names listed before the name at `start` (nearest last), not before
    `floor` (the sentence start)."""
    out: list[tuple[int, int]] = []
    pos = start
    while len(out) < _MAX_ITEMS:
        m = _ITEM_BEFORE.search(text, max(floor, pos - 60), pos)
        if not m:
            break
        s, e = m.span("item")
        item = m.group("item")
        while " " in item and item.split(" ", 1)[0].lower() in _LEAD_WORDS:
            head, item = item.split(" ", 1)
            s += len(head) + 1
        if item.lower() in _LEAD_WORDS:
            break
        if not _item_ok(item, text, rules):
            break
        if s == floor and not name_shaped(item.split()[0], rules):
            break  # a sentence's first word is capitalised anyway: no name by that
        out.append((s, e))
        if s != m.start("item"):
            break  # a lead word before it ("on", "the"): the list starts here
        pos = s
    out.reverse()
    return out


def known_otherwise(st: DocState, s: int, e: int) -> bool:
    """Does a vocabulary name of another type than Benchmark span exactly `s:e`? The
    typing stages weigh that name's evidence; a list rule adds nothing there."""
    return any(
        c.start == s and c.end == e and c.type != "Benchmark" and c.source in ("vocab", "mined")
        for c in st.cands
    )
