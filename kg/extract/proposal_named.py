"""Proposals named outside a cue's object: a naming cue anywhere in the abstract
("..., dubbed HIGGS", "our approach, SymNoise,") and a name whose appositive ends in a
release verb with "we" ("X (FBSim), a ... benchmark we release")."""

from __future__ import annotations

import re

from kg.extract.names import name_shaped
from kg.extract.proposal_scanner import _ACR_AFTER, ProposalScanner
from kg.extract.state import DocState
from kg.extract.typing_rules import head_type

_WE = frozenset(("we",))
_CLAUSE_OPENERS = frozenset(("we ", "We ", "i ", "they ", "it "))
# "we call this metric COVER", "we name our benchmark X": the referent before the name
_THIS_HEAD = re.compile(r"(?:this|these|our)\s+(?:[a-z][\w\-]*\s+){0,3}?(?=[A-Z])")
_METHOD_WORD = re.compile(
    r"\b(?:method|approach|framework|technique|model|algorithm)\b", re.IGNORECASE
)
_NAME_BEFORE = re.compile(
    r"(?<![\w-])(?P<name>[A-Z0-9][\w+.\-]*(?:\s+[A-Z0-9][\w+.\-]*){0,4})\s*(?:\([^()]{1,30}\))?\s*$"
)


def named_proposals(p: ProposalScanner, st: DocState, text: str) -> None:
    """ "..., dubbed HIGGS", "our approach, SymNoise," anywhere in the abstract."""
    rules = p.rules
    words = st.words
    for rx, anchors, first in (
        (rules.standalone_naming_re, rules.naming_anchors, rules.naming_first),
        (rules.own_work_re, rules.own_work_anchors, rules.own_work_first),
    ):
        if not words & anchors:
            continue
        for m in st.finditer_words(rx, first, st.abstract_start):
            s0, s_end = st.sent_of(m.start())
            # "we call this metric COVER": the name after the described referent (14)
            this = _THIS_HEAD.match(text, m.end(), s_end)
            span = p._name_at(text, this.end() if this else m.end(), s_end, naming=True)
            if not span:
                continue
            name = text[span[0] : span[1]]
            if name in rules.not_names or name[: name.find(" ") + 1] in _CLAUSE_OPENERS:
                # "To evaluate our approach, we introduce VOCEdits": a new clause after
                # the own-work phrase, not a name ("we introduce VOCEdits"); the cue
                # rules take the name itself (17)
                continue
            lower_ok = (
                " " in name and _ACR_AFTER.match(text, span[1]) and _METHOD_WORD.search(m.group())
            )
            if not (
                any(name_shaped(w, rules) for w in name.split()) or name[:1].isupper() or lower_ok
            ):
                continue  # lower-case: "we name this method emulated disalignment (ED)" only
            # "a simple data-free quantization method ..., dubbed HIGGS": the head
            # noun before the cue says what it is
            before: list[str] = re.findall(
                r"[A-Za-z][\w\-]*", text[max(s0, m.start() - 120) : m.start()]
            )
            head_t = None
            for w in reversed(before[-12:]):
                t = head_type([w], rules)
                if t:
                    head_t = t
                    break
            st.proposals.append(
                (span[0], span[1], p._type_for(text, span, head_t), "proposal", m.start())
            )
            for sp, _, _ in p._coordinated_names(text, [(span, head_t, "proposal")], s_end):
                st.proposals.append(
                    (sp[0], sp[1], p._type_for(text, sp, head_t), "proposal", m.start())
                )


def released_appositives(p: ProposalScanner, st: DocState, text: str) -> None:
    """ "ForecastBench-Sim (FBSim), a contamination-free, simulated-world benchmark we
    release": a name whose appositive ends in a proposal verb with "we"."""
    rules = p.rules
    if not st.words & rules.release_anchors:
        return
    for m in st.finditer_words(rules.release_after_re, _WE, st.abstract_start):
        s0, _ = st.sent_of(m.start())
        window = text[max(s0, m.start() - 160) : m.start()]
        comma = max(window.rfind(", a "), window.rfind(", an "))
        if comma < 0:
            continue
        described = window[comma:]
        if not p._head_end.search(described):
            continue  # the verb must follow the appositive's head noun
        base = m.start() - len(window)
        nm = _NAME_BEFORE.search(window, 0, comma)
        if not nm:
            continue
        name = nm.group("name")
        if name in rules.not_names or not any(name_shaped(w, rules) for w in name.split()):
            continue
        if p.vocab.lookup(name):
            continue
        span = (base + nm.start("name"), base + nm.end("name"))
        st.proposals.append(
            (span[0], span[1], p._type_for(text, span, None), "proposal", m.start())
        )
