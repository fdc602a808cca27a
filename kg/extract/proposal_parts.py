"""Proposals for the parts of the paper's own method: defined parts after a part verb
("X incorporates A (AA) and B (BB)"), passive definitions ("a ... network (STPN) is
proposed"), names the text calls new ("a new Ray Tile Transformer"), "the proposed ...
(X)", enumerated novel components, definitions listed after a proposal."""

from __future__ import annotations

import re

from kg.extract.names import find_word, name_shaped, scan_name
from kg.extract.proposal_lists import listed_definitions
from kg.extract.proposal_scanner import _ACR_AFTER, _DEFINED_RE, ProposalScanner
from kg.extract.state import DocState, cue_words
from kg.extract.typing_rules import head_type

# "X incorporates A (AA) and B (BB)": parts of the paper's own method, named and defined
_PART_VERB_PHRASES = (
    "incorporates",
    "integrates",
    "consists of",
    "comprises",
    "is composed of",
    "features",
    "contains",
    "combines",
    "includes",
    "introduces",
    "employs",
    "equipped with",
    # the paper's method introducing its own part (round 19; "uses / leverages / adopts
    # / utilizes" took known techniques: "leverages Item Response Theory (IRT)")
    "proposes",
    "develops",
    "designs",
    "devises",
)
_PART_VERBS = re.compile(r"\b(?:" + "|".join(_PART_VERB_PHRASES) + r")\b")
# (first word, all words) of each: the scan runs only where a phrase's first word occurs
# and its other words are in the text ("is composed of" only with "composed"): a plain
# `finditer` tried all ~1,400 positions (~35 us of each abstract with a proposal)
_PART_VERB_CUES = cue_words(_PART_VERB_PHRASES)
_OWN_SUBJECT = re.compile(
    r"^(?:[\w\s]{0,30},\s*)?(?:it|our\s+[\w\-]+|the\s+proposed\s+[\w\-]+|"
    r"this\s+(?:method|framework|model|approach|system|architecture|pipeline|design))\b",
    re.IGNORECASE,
)
# "the proposed dual prompt-driven tracker (DPTracker)": the name of the paper's own method
_PROPOSED_PAREN = re.compile(
    r"\b(?:the|our)\s+(?:newly\s+)?proposed\s+(?P<desc>[a-z][a-z0-9\-]*(?:\s+[a-z][a-z0-9\-]*){0,6})"
    r"\s+\((?P<name>[^()\s,;]{2,20})\)"
)
_THE_OUR = frozenset({"the", "our"})  # every `_PROPOSED_PAREN` match starts with one
# "a tile pyramid network (TPN) is proposed", "the X (XM) module is designed": a
# defined name the sentence says is introduced (present tense: "was proposed" is history)
_PASSIVE_AFTER = re.compile(
    r"\s*(?:[a-z]+\s+)?(?:is|are)\s+(?:(?:first|further|also|newly|then|thus|therefore|"
    r"specifically|carefully|additionally|[a-z]{3,}ly)\s+)?"
    r"(?:proposed|introduced|designed|developed|devised|presented|constructed)(?![\w-])"
)
# the defined name opens its clause: "Secondly, a ...", "Firstly, the ..." (not the object
# of "a head incorporating the X (XX) is proposed")
_CLAUSE_START = re.compile(
    r"(?:^|[,;:]\s*)(?:(?:a|an|the|our)\s+(?:(?:novel|new)\s+)?)?$", re.IGNORECASE
)
# "through the designed wide-area tile module (WTM)"
_PARTICIPLE_BEFORE = re.compile(
    r"(?<![\w-])(?:the|a|an|our)\s+(?:newly\s+)?(?:designed|proposed|introduced|devised)\s+$",
    re.IGNORECASE,
)
# a sentence opening: "", "First, ", "(2) ", "Second, the "
_SENT_OPEN = re.compile(
    r"(?:\(\w{1,3}\)\s*|(?:first|second|third|finally|then|next|moreover|furthermore|"
    r"additionally|meanwhile|specifically|in addition)\s*,\s*)?(?:the\s+)?",
    re.IGNORECASE,
)
_SENT_OPEN_ARTICLE = re.compile(
    r"(?:(?:first|second|third|finally|then|next|subsequently|moreover|furthermore|"
    r"additionally|meanwhile|specifically|in addition)\s*,\s*)?(?:a|an|the)\s+(?=[A-Z])",
    re.IGNORECASE,
)
_COMPONENT_WORDS = frozenset(
    "module mechanism block layer network component head encoder decoder unit branch".split()
)
_COMPONENT_HEAD = re.compile(rf"\s+(?:{'|'.join(sorted(_COMPONENT_WORDS))})(?![\w-])")
# the defined name acts: "X (Y) computes", "X (Y) further prevents" (not "is", "has")
_ACTS = re.compile(r"\s+(?:\w+ly\s+|further\s+|also\s+|then\s+)?(?!is\b|has\b|was\b)[a-z]{3,}s\b")
# "Two families are introduced: A (..) and B (..)", "metrics proposed in this work: ..."
_PASSIVE_ANCHORS = frozenset(("proposed", "introduced", "presented"))
_PASSIVE_LIST_FIRST = frozenset(("is", "are", "proposed", "introduced"))  # its first words
# every word _PASSIVE_AFTER or _PARTICIPLE_BEFORE needs: without one, no passive definition
_PASSIVE_WORDS = frozenset(
    "proposed introduced designed developed devised presented constructed".split()
)
_PASSIVE_LIST = re.compile(
    r"(?<![\w-])(?:(?:is|are)\s+(?:proposed|introduced|presented)|"
    r"(?:proposed|introduced)\s+in\s+this\s+(?:work|paper|study))\s*:"
)
# "A new Ray Tile Transformer leverages", "a novel VLM-as-a-Tiler for": a name the
# text itself calls new, anywhere in the abstract
# matched from the cue word (st.finditer_words); the article before it is checked after
_NEW_NAME = re.compile(r"(?P<cue>novel|new|proposed)\s+(?=[A-Z])")
_NEW_ARTICLE = re.compile(r"(?<![\w-])(?:[Aa]n?|(?P<def>[Tt]he|[Oo]ur))\s+$")
_NEW_ANCHORS = frozenset(("novel", "new", "proposed"))
_NOVEL_ANCHORS = frozenset(("novel", "new", "key"))
_NOVEL_PARTS = re.compile(  # starts on a literal word: far cheaper than an optional count first
    r"(?<![\w-])(?:novel|new|key)\s+(?:\w+\s+)?"
    r"(?:components|modules|techniques|strategies|mechanisms|innovations|designs|contributions)\s*:",
    re.IGNORECASE,
)


def _ends_in_ed(text: str, s0: int, start: int) -> bool:
    """The word before `start` ends in "ed" (what _PARTICIPLE_BEFORE needs: checked first,
    as that search tries every position of its window)."""
    k = start
    while k > s0 and text[k - 1].isspace():
        k -= 1
    return k - s0 >= 2 and text[k - 2 : k].lower() == "ed"


def defined_parts(p: ProposalScanner, st: DocState, text: str) -> None:
    """ "MDACL incorporates Hierarchical Cross-modal Guidance (HCG) ... and Adversarial
    Equilibrium Regularization (AER)": defined parts named in a sentence whose subject
    is the paper's own method (a name it proposes, "our framework", "it")."""
    if not st.proposals:
        return
    own = {text[a:b] for a, b, *_ in st.proposals}
    for _a, b, *_ in st.proposals:  # "Load-Aware Tile Learning (LATL)": its acronym too
        acr = _ACR_AFTER.match(text, b)
        if acr:
            own.add(acr.group().strip(" ()"))
    for v in st.finditer_words(_PART_VERBS, st.present_firsts(_PART_VERB_CUES), st.abstract_start):
        s0, s_end = st.sent_of(v.start())
        subject = text[s0 : v.start()].strip()
        clause = False
        if not (
            _OWN_SUBJECT.match(subject)
            or any(subject.endswith(n) or subject.startswith(n) for n in own)
        ):
            # "we propose X, a method that employs A (AA)": the proposal's own clause,
            # the part right after the verb
            clause = any(
                s0 <= a and b <= v.start() and rule == "proposal" and ev >= s0
                for a, b, _t, rule, ev in st.proposals
            )
            if not clause:
                continue
        if text[v.end() : s_end].lstrip().startswith(":"):
            # "Our framework introduces: (1) Anchored Tiling - ..., and (2) ..."
            for sp, t, rule in p._after_colon(text, v.end(), s_end):
                name = text[sp[0] : sp[1]]
                if name not in own and not p.vocab.lookup(name):
                    st.proposals.append((*sp, p._type_for(text, sp, t), rule, v.start()))
                    own.add(name)
            continue
        # "DynTile introduces a Dynamics Tiler that ...": an undefined part right
        # after the verb, two or more capitalised words
        pos = v.end() + len(text[v.end() : s_end]) - len(text[v.end() : s_end].lstrip())
        art = re.match(r"(?:an?|the)\s+", text[pos:s_end])
        sp = scan_name(text, pos + art.end(), p.rules) if art else None
        if sp and sp[1] <= s_end and not _ACR_AFTER.match(text, sp[1]):
            name = text[sp[0] : sp[1]]
            words = name.split()
            if (
                len(words) >= 2
                and all(w[:1].isupper() for w in words)
                and name not in own
                and name not in p.rules.not_names
                and not p.vocab.lookup(name)
            ):
                st.proposals.append((*sp, p._type_for(text, sp, None), "proposal_part", v.start()))
                own.add(name)
        for m in _DEFINED_RE.finditer(text, v.end(), s_end):
            if clause and m.start() - v.end() > 12:
                break
            name = m.group("name")
            if name in own or name in p.rules.not_names or p.vocab.lookup(name):
                continue
            if p._spells(m):
                span = (m.start("name"), m.end("name"))
                etype = p._type_for(text, span, None)
                st.proposals.append((*span, etype, "proposal_part", v.start()))
                own.add(name)


def passive_defined(p: ProposalScanner, st: DocState, text: str) -> None:
    """ "a synergistic tile pyramid network (STPN) is proposed", "the designed
    wide-area tile module (WTM)", "two families are introduced: A (..) and B
    (..)": names the paper defines and says, without "we", that it introduces."""
    passive = bool(st.words & _PASSIVE_WORDS)
    for ss, se, ls, le in st.definitions if passive else ():
        if ss < st.abstract_start or ls < st.abstract_start:
            continue
        start, end = min(ss, ls), max(se, le)
        if text[end : end + 1] != ")":
            continue
        s0, s_end = st.sent_of(start)
        if (
            (
                (
                    _PASSIVE_AFTER.match(text, end + 1, s_end)
                    and _CLAUSE_START.search(text[s0:start])  # "^": the sentence start (14)
                )
                or _ends_in_ed(text, s0, start)
                and _PARTICIPLE_BEFORE.search(text, max(s0, start - 40), start)
            )
            and not (p.vocab.lookup(text[ls:le]) or p.vocab.lookup(text[ss:se]))
        ):
            st.proposals.append((ls, le, p._type_for(text, (ls, le), None), "proposal_part", start))
    # "ATKS (Attention-Tile KV Sharing) computes the prefix once ...": a
    # sentence opening on a new defined name that acts, after the paper has said what
    # it proposes, describes a part of it
    first = min((ev for _a, _b, _t, rule, ev in st.proposals if rule == "proposal"), default=None)
    if first is not None:
        for ss, se, ls, le in st.definitions:
            start, end = min(ss, ls), max(se, le)
            s0, s_end = st.sent_of(start)
            if s0 <= first or text[end : end + 1] != ")":
                continue
            if not _SENT_OPEN.fullmatch(text, s0, start) or not _ACTS.match(text, end + 1, s_end):
                continue
            if p.vocab.lookup(text[ls:le]) or p.vocab.lookup(text[ss:se]):
                continue
            st.proposals.append((ls, le, p._type_for(text, (ls, le), None), "proposal_part", start))
        # "Subsequently, a Graph-Aware Tile mechanism projects ...": the same with an
        # undefined name of two or more capitalised words and a component noun
        for s0, s_end in st.sents if st.words & _COMPONENT_WORDS else ():
            if s0 <= first:
                continue
            o = _SENT_OPEN_ARTICLE.match(text, s0, s_end)
            if not o:
                continue
            sp = scan_name(text, o.end(), p.rules)
            if not sp or sp[1] > s_end:
                continue
            name = text[sp[0] : sp[1]]
            words = name.split()
            if len(words) < 2 or not all(w[:1].isupper() for w in words):
                continue
            h = _COMPONENT_HEAD.match(text, sp[1], s_end)
            if not h or not _ACTS.match(text, h.end(), s_end):
                continue
            if name in p.rules.not_names or p.vocab.lookup(name):
                continue
            st.proposals.append((*sp, p._type_for(text, sp, None), "proposal_part", s0))
    if ":" in text and st.words & _PASSIVE_ANCHORS:
        p._colon_lists(st, text, _PASSIVE_LIST, _PASSIVE_LIST_FIRST)


def novel_parts(p: ProposalScanner, st: DocState, text: str) -> None:
    """ "X incorporates two novel components: (1) A ..., and (2) B (ACR), which ...":
    the enumerated parts of the paper's method are its proposals too."""
    if ":" in text and st.words & _NOVEL_ANCHORS:
        p._colon_lists(st, text, _NOVEL_PARTS, _NOVEL_ANCHORS)


def listed_parts(p: ProposalScanner, st: DocState, text: str) -> None:
    """ "we propose X, comprising A (AA) and B (BB)": the defined names listed after a
    proposal in its sentence (kg.extract.proposal_lists)."""
    for s, e, ev in listed_definitions(st, text, p.vocab.lookup, p.list_rules):
        st.proposals.append((s, e, p._type_for(text, (s, e), None), "proposal_part", ev))


def new_names(p: ProposalScanner, st: DocState, text: str) -> None:
    """ "A new Ray Tile Transformer aggregates ...": a capitalised name (two or more
    capitalised words, or a name-shaped word) right after "a new / a novel"."""
    if not st.words & _NEW_ANCHORS:
        return
    for cue in st.finditer_words(_NEW_NAME, _NEW_ANCHORS, st.abstract_start):
        art = _NEW_ARTICLE.search(text, max(0, cue.start() - 5), cue.start())
        if not art or art.group("def") and cue.group("cue") != "proposed":
            continue  # "a/an novel|new|proposed", "the/our proposed"
        m_start = art.start()
        s0, s_end = st.sent_of(m_start)
        span = scan_name(text, cue.end(), p.rules)
        if not span or span[1] > s_end:
            continue
        name = text[span[0] : span[1]]
        words = name.split()
        if name in p.rules.not_names or p.vocab.lookup(name):
            continue
        if any(find_word(text, name, st.abstract_start, m_start)):
            continue  # named before: "a novel ABTC method" is one of a known kind
        if not (
            any(name_shaped(w, p.rules) for w in words)
            or len(words) >= 2
            and all(w[:1].isupper() for w in words)
        ):
            continue
        st.proposals.append(
            (span[0], span[1], p._type_for(text, span, None), "proposal_part", m_start)
        )


def proposed_named(p: ProposalScanner, st: DocState, text: str) -> None:
    """ "the proposed dual prompt-driven tracker (DPTracker)": a new name in brackets
    after the paper's own described method (not an acronym its words spell: those are
    the acronym stage's)."""
    if "proposed" not in st.words:
        return
    # (round 19) tried only where "the" or "our" is a word: the scan from every
    # position tested `\b` and both words at each character (~20 us an abstract that
    # holds "proposed")
    for m in st.finditer_words(_PROPOSED_PAREN, _THE_OUR, st.abstract_start):
        name = m.group("name")
        if not name_shaped(name, p.rules) or name in p.rules.not_names:
            continue
        if p.vocab.lookup(name) and not any(find_word(text, name, 0, st.title_len)):
            continue
        span = (m.start("name"), m.end("name"))
        head_t = head_type(m.group("desc").split()[-1:], p.rules)
        st.proposals.append((*span, p._type_for(text, span, head_t), "proposal", m.start()))
