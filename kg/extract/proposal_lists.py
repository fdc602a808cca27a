"""Defined names listed after a proposal in its sentence: more parts the paper introduces.

"We propose IPDRecon, a framework comprising three components: Pixel-level Confidence
Encoder (PCE), Affine Compensation Module (ACM), and Image-Plane Spatial Decoder (IPSD)",
"we introduce two techniques: Perceptual Curriculum Reward (PCR) to ... and Evidence
Gradient Filtering (EGF) to ...": the proposal rules find the first name of such a list
(or only the framework) and stop; the names after it, each defined by its acronym and
joined to the one before by a list separator, are proposals too. A chain stops at a gap
that says a name is used or compared ("built on", "outperforms", "such as": the word
lists are in ontology/patterns/proposal_lists.json) and at a name a vocabulary knows.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from kg.extract.state import DocState
from kg.paths import StrPath, ontology_dir

# the end of a list gap: a separator, then at most an article and two modifiers
_ITEM_LEAD = r"(?:[,;:]|(?<![\w-])(?:and|or)|\(\s*(?:\d|[ivx]{1,4}|[a-e])\s*\))\s*"
_SEPARATOR = re.compile(r"[,;:]|(?<![\w-])(?:and|or)(?![\w-])")
_COORDINATION = re.compile(r";|(?<![\w-])(?:and|or)(?![\w-])")
# a word, hyphenated words as one ("transformer-based" is no "based")
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
_PAREN = re.compile(r"\s*\([^()]{1,30}\)")
_ENUM = re.compile(r"\(\s*(?:\d|[ivx]{1,4}|[a-e])\s*\)")
# rules that name what the proposal sentence introduces (not the title, not a variant)
_ANCHOR_RULES = frozenset(("proposal", "proposal_part", "proposal_list", "proposal_object"))


class ListRules:
    """The compiled word lists of proposal_lists.json."""

    def __init__(self, data: dict) -> None:
        self.max_gap = int(data["max_gap"])
        self.max_short_gap = int(data["max_short_gap"])
        cues = "|".join(re.escape(w) for w in sorted(data["list_cue_words"], key=len, reverse=True))
        self.list_cue = re.compile(rf"[:]|(?<![\w-])(?:{cues})(?![\w-])", re.IGNORECASE)
        # one set lookup per word of the gap (a regex alternation of the list, case-
        # insensitive, cost ~40 us a gap); phrases and abbreviations by substring
        words = [w.lower() for w in data["gap_stop_words"]]
        self.gap_stop_words = frozenset(w for w in words if _WORD.fullmatch(w))
        self.gap_stop_phrases = tuple(w for w in words if not _WORD.fullmatch(w))
        lead_stop = "|".join(re.escape(w) for w in data["lead_stop_words"])
        # the gap's tail before the defined name: separator, article, <= 2 modifiers
        self.item_tail = re.compile(
            _ITEM_LEAD
            + r"(?:(?:a|an|the|our|its)\s+)?"
            + rf"(?:(?!(?:{lead_stop})\s)[a-z][\w\-]*\s+){{0,2}}$"
        )

    def stops(self, gap: str) -> bool:
        """Does the gap hold a word saying the next name is used or compared?"""
        low = gap.lower()
        return not self.gap_stop_words.isdisjoint(_WORD.findall(low)) or any(
            p in low for p in self.gap_stop_phrases
        )


@lru_cache(maxsize=4)
def load_list_rules(directory: StrPath | None = None) -> ListRules:
    d = Path(directory) if directory else ontology_dir() / "patterns"
    return ListRules(json.loads((d / "proposal_lists.json").read_text(encoding="utf-8")))


def listed_definitions(st: DocState, text: str, known, rules: ListRules) -> list:
    """(start, end, evidence) of the long forms of definitions listed after a proposal of
    the same sentence; `known(name)` says a vocabulary holds the name."""
    if not st.definitions or not st.proposals:
        return []
    # "Long Form (LF)" definitions of the abstract: (start, end past ")", long start, end)
    defs = sorted(
        (ls, max(se, le) + 1, ls, le)
        for ss, se, ls, le in st.definitions
        if ls < ss and ls >= st.abstract_start
    )
    if not defs:
        return []
    last = defs[-1][0]
    # each sentence's earliest proposal end (past a "(ACR)" right after it)
    anchors: dict[tuple[int, int], int] = {}
    taken = set()
    for s, e, _t, rule, _ev in st.proposals:
        taken.add((s, e))
        if e > last or rule not in _ANCHOR_RULES or s < st.abstract_start:
            continue  # no definition after it
        sent = st.sent_of(s)
        p = _PAREN.match(text, e, e + 34)
        end = p.end() if p else e
        if sent not in anchors or end < anchors[sent]:
            anchors[sent] = end
    out = []
    for (s0, s_end), prev in anchors.items():
        first = True
        for start, end, ls, le in defs:
            if end <= prev:
                continue
            if start < prev or end > s_end:
                break
            if start - prev > rules.max_gap:
                break
            gap = text[prev:start]
            if (
                not (_SEPARATOR.search(gap) or _ENUM.search(gap))
                # the tail is short: searched from at most 60 characters before the name
                or not rules.item_tail.search(gap, max(0, len(gap) - 60))
                or rules.stops(gap)
            ):
                break
            if first and not (
                _ENUM.search(gap)
                or rules.list_cue.search(gap)
                or len(gap) <= rules.max_short_gap
                and _COORDINATION.search(gap)
            ):
                break  # "for the Indian exam, the Joint Entrance Examination (JEE)": apposition
            first = False
            if known(text[ls:le]) or text[le:end].strip(" ()") in st.rejected_shorts:
                break  # (a short form the vocabulary knows often stands for another name)
            if (ls, le) not in taken:
                out.append((ls, le, s0))
                taken.add((ls, le))
            prev = end
    return out
