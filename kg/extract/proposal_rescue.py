"""Proposals that the resolver's rejection filters would drop, kept where the paper's
own words say it introduces them (round 17).

The filters are right about names in general: "UrbanTwin datasets" with a plural head
and no other name before it reads like a kind of data, "Selective Layer Restoration"
ends in a task word, "the target driven adaptive (TDA) loss" has a lower-case long form.
But on a 1,000-abstract corpus sample about one paper in a hundred lost the very name it
proposes to such a filter, and then usually had no `proposes` fact at all. A proposal
wins where

- the title's leading name ("UrbanTwin: ...") is proposed in the abstract too;
- the proposal is described right after as a method, model or data set: "we propose
  Selective Layer Restoration (SLR), a training-free method", "we propose Hierarchical
  ... Tracking (HIEVT) agent";
- a proposed acronym in parentheses is followed by a component head: "we propose a
  target driven adaptive (TDA) loss".

A name the text calls a task ("X (XYZ), a new task") is never kept (the resolver checks
that first).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kg.extract.rules import Rules
from kg.extract.state import DocState
from kg.extract.typing_rules import appositive_type, head_type

_PAREN = re.compile(r"\s*\([^()]{1,30}\)")
# "(TDA) loss": the parts a paper designs, which the definitions stage reads as things
_COMPONENT_AFTER = re.compile(r"\)\s+(?:loss|module|mechanism|block|layer|regularizer|objective)\b")
_WORD = re.compile(r"[A-Za-z][\w\-]*")
_KINDS = frozenset(("Method", "Model", "Benchmark"))
# the paper's own voice introducing something: "we (also) propose", "this paper presents"
_OWN_INTRO = re.compile(
    r"(?<![\w-])(?:we|this\s+(?:paper|work|study|article|report)|our\s+[a-z]+)\s+"
    r"(?:[a-z]+ly\s+|further\s+|also\s+|then\s+|first\s+)?"
    r"(?:propose|present|introduce|develop|design|devise|build|name|call|term|dub|coin)s?"
    r"(?![\w-])",
    re.IGNORECASE,
)
# "(PHAC), a new task that ...": the paper names a task, not a thing it builds
_TASK_AFTER = re.compile(
    r"\)\s*,\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:task|problem|setting)s?(?![\w-])"
)


def rescued_proposals(
    st: DocState, text: str, rules: Rules, doubtful: Callable[[str], bool]
) -> set[str]:
    """Names (surface strings) a proposal rule found in the abstract that its evidence
    keeps against the rejections of names by their form; only names `doubtful` says a
    filter would drop are looked at (the evidence costs a scan each)."""
    titled = {text[s:e] for s, e, _t, rule, _ in st.proposals if rule == "title"}
    out: set[str] = set()
    for s, e, t, rule, _ in st.proposals:
        if rule == "title":
            if text[s:e] not in out and doubtful(text[s:e]) and _defined_by_us(st, text, text[s:e]):
                out.add(text[s:e])  # "RADLADS: ..." and "We present Rapid ... (RADLADS)"
            continue
        if s < st.abstract_start:
            continue
        name = text[s:e]
        if name in out or not doubtful(name):
            continue
        if name in titled:
            out.add(name)  # "UrbanTwin: ..." and "This article presents UrbanTwin datasets"
            continue
        if text[s - 1 : s] == "(" and _COMPONENT_AFTER.match(text, e):
            if t is not None and not name.islower():
                out.add(name)  # "a target driven adaptive (TDA) loss"
            continue
        p = _PAREN.match(text, e)
        kind = appositive_type(text, p.end() if p else e, rules)
        if kind is None and p:
            # "Long Form (ACR) agent": the head right after the defined acronym (not
            # "the largest PET dataset", where the name only modifies the head)
            head = _WORD.findall(text, p.end(), p.end() + 30)[:1]
            # one thing ("agent"), not a kind ("existing ... Recognition (NER) models")
            kind = head_type(head, rules) if head and not head[0].endswith("s") else None
        if kind in _KINDS:
            out.add(name)  # "X (SLR), a training-free method", "X (HIEVT) agent"
    return out


def _defined_by_us(st: DocState, text: str, name: str) -> bool:
    """The abstract defines the title's leading name in its own proposal sentence: "We
    present Rapid Tile Distillation at Scale (RTDS), a protocol ...". The definitions
    stage may have rejected the acronym by its long form's last word ("Scale", "depth",
    "Segmentation"), but the title and the sentence say the paper introduces it (19).
    Where a proposal rule took the long form right before it ("we introduce Fault
    Localization ... in Science (FLAWS)"), the name is linked to that entity as its
    acronym: a second entity would split the paper's contribution and its evaluations."""
    key = "(" + name + ")"
    i = text.find(key, st.abstract_start)
    while i >= 0:
        s0, _s1 = st.sent_of(i)
        if _OWN_INTRO.search(text, s0, i) and not _TASK_AFTER.match(text, i + len(key) - 1):
            for s, e, _t, rule, _ in st.proposals:
                if rule != "title" and s0 <= s and e <= i and not text[e:i].strip():
                    st.acronym_long.setdefault(name, (s, e))
                    break
            return True
        i = text.find(key, i + 1)
    return False
