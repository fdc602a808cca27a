"""Capitalised parts of the paper's own method as proposals: "a Granular Semantic
Enhancement module filters ...", "the Adaptive Tile Anchoring strategy", "our novel
Probabilistic Tiling mechanism".

Round 19 (issue #16, recall on unseen papers): round 15's `components.named_components`
finds such a run of 2-5 capitalised words before a lower-case component head as a Method,
but only the cue rules made it a proposal, and most abstracts name these parts outside a
cue sentence ("Second, the Failure-Aware Refinement module intervenes ..."). On a
2,000-abstract corpus draw every such name the gold sets hold is in `proposes`, and read by
hand the runs are the paper's own parts unless the sentence says they are someone else's
("the existing X module", "compared with the X strategy"): those cue words are
`_NOT_OWN`. A name a vocabulary holds is a known technique, not a new part.
"""

from __future__ import annotations

import re

from kg.extract.components import load_component_cues, named_components
from kg.extract.proposal_scanner import ProposalScanner
from kg.extract.state import DocState
from kg.extract.title_techniques import doc_title_techniques

# words before the name that say the part is not the paper's: prior work, a baseline, a
# comparison, an example ("such as the X module")
_NOT_OWN = re.compile(
    r"(?<![\w-])(?:existing|previous|prior|standard|conventional|traditional|original|"
    r"vanilla|classical|classic|popular|widely[\s-]used|well-known|state-of-the-art|"
    r"baselines?|compared|comparison|than|unlike|like|such\s+as|e\.g\.|including|"
    r"replac\w*|instead\s+of|rather\s+than|using|based\s+on|built\s+(?:on|upon)|"
    r"adopt\w*|adapt\w*|modif\w*|variants?\s+of|follow\w*|extend\w*)(?![\w-])",
    re.IGNORECASE,
)

# a part is never the paper's method, what "our method" means (kg.extract.contribution)
RULE = "proposal_named_component"
_WINDOW = 40  # characters before the name that _NOT_OWN reads
# "head" / "unit" then a noun: a modifier ("head avatar", "unit cost"), not the part's head
_NOUN_AFTER_HEAD = re.compile(
    r"\s+(?:head|unit)\s+(?!(?:that|which|to|for|with|and|or|is|are|in|on|of|by|via|from|"
    r"the|first|then|further|also)\b)[a-z]"
)
# between a proposed name and the run: the run describes it ("X, a Y strategy")
_APPOSITIVE_GAP = re.compile(r"\s*(?:\([^()]{1,30}\))?\s*,\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}")
# a capitalised word right before the run: the run is the tail of a longer name
_CAPITAL_BEFORE = re.compile(r"(?<![\w-])[A-Z][\w-]*\s+\Z")


def component_proposals(p: ProposalScanner, st: DocState, text: str) -> None:
    """Each capitalised component name no vocabulary knows, its sentence not calling it
    another's, is a proposal (typed by what follows it, else the resolver's Method)."""
    taken = {(a, b) for a, b, *_ in st.proposals}
    cues = load_component_cues()
    for s, e in named_components(text, st.abstract_start, st.words, cues):
        if (s, e) in taken:
            continue
        name = text[s:e]
        before = _CAPITAL_BEFORE.search(text, max(0, s - 40), s)
        if before and before.group().strip() not in cues.stop_first:
            continue  # "(II) Cross-Modal Mutual Learning mechanism": a cut name
        if name in p.rules.not_names or p.vocab.lookup(name):
            continue
        if any(b <= s and _APPOSITIVE_GAP.fullmatch(text, b, s) for _a, b, *_ in st.proposals):
            continue  # "RATopo, a Redundancy Assignment strategy": a proposal described
        if _NOUN_AFTER_HEAD.match(text, e):
            continue  # "a novel 3D Gaussian head avatar": "head" is no head there
        s0, _s_end = st.sent_of(s)
        if _NOT_OWN.search(text, max(s0, s - _WINDOW), s):
            continue  # (the clause before the name: "..., based on X; (iii) a Y module" is own)
        st.proposals.append((s, e, p._type_for(text, (s, e), None), RULE, s))


# "we design a Pivotal Perception Reward", "We further introduce a Weighted Multi-Task
# Reward", "we propose Dual Format Quantization": the paper introducing the name itself
_INTRODUCED_BEFORE = re.compile(
    r"(?<![\w-])(?:[Ww]e|[Tt]his\s+(?:paper|work|study))\s+(?:(?:further|also|then|first|"
    r"additionally|newly)\s+)?(?:propose|introduce|design|present|develop|devise)\s+"
    r"(?:(?:an?|the)\s+)?(?:(?:novel|new|dedicated|simple|lightweight|robust)\s+)?\Z"
)


def technique_proposals(p: ProposalScanner, st: DocState, text: str) -> None:
    """A Title-case technique name (`title_techniques`, round 20) right after "we
    propose / introduce / design ..." is a part the paper introduces: the cue rules
    take name-shaped words and defined names, not a plain Title-case run."""
    taken = {(a, b) for a, b, *_ in st.proposals}
    for s, e in doc_title_techniques(st, p.rules):
        if (s, e) in taken or p.vocab.lookup(text[s:e]):
            continue
        if not _INTRODUCED_BEFORE.search(text, max(0, s - 60), s):
            continue
        st.proposals.append((s, e, p._type_for(text, (s, e), None), RULE, s))
