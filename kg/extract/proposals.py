"""`kg_proposals`: names the paper introduces.

Rules: a proposal cue ("we propose / introduce / present / release X", "this paper
presents X"), optionally through a described head ("a new benchmark, X", "a method
called X", "a novel ... method (X)"); a naming cue anywhere in a cue sentence ("dubbed
X"); the title's leading name ("X: ..."). The name's type comes from the head noun, an
appositive ("X, a benchmark for"), the vocabulary, or the subtitle ("X: A Family of
Open LLMs"), and defaults to Method.

This module is the spaCy component: it runs the rules in order. The shared name helpers
are kg.extract.proposal_scanner; the rules kg.extract.proposal_titles (the title's name),
proposal_cues (cue sentences), proposal_named (naming cues, released appositives),
proposal_parts (parts of the paper's own method), kg.extract.introduced,
lower_components and title_defined; kg.extract.proposal_tidy adds variants and tidies.
"""

from __future__ import annotations

from spacy.language import Language

from kg.extract.agent_roles import agent_roles, load_not_roles
from kg.extract.introduced import introduced_names
from kg.extract.lower_components import lower_components
from kg.extract.proposal_appositives import novel_appositives
from kg.extract.proposal_components import component_proposals, technique_proposals
from kg.extract.proposal_cues import _cues, cue_proposals
from kg.extract.proposal_named import _WE as _WE  # re-exported: tests/test_scan_equivalence.py
from kg.extract.proposal_named import named_proposals, released_appositives
from kg.extract.proposal_own import own_names
from kg.extract.proposal_parts import _PART_VERB_CUES as _PART_VERB_CUES  # re-exported (tests)
from kg.extract.proposal_parts import _PART_VERBS as _PART_VERBS  # re-exported (tests)
from kg.extract.proposal_parts import (
    defined_parts,
    listed_parts,
    new_names,
    novel_parts,
    passive_defined,
    proposed_named,
)
from kg.extract.proposal_scanner import ProposalScanner
from kg.extract.proposal_scanner import _head_alternation as _head_alternation  # re-exported
from kg.extract.proposal_scanner import load_title_case_name_stop as load_title_case_name_stop
from kg.extract.proposal_tidy import tidy, variant_names
from kg.extract.proposal_titled import titled_objects
from kg.extract.proposal_titles import title_proposal, whole_title
from kg.extract.state import state_of
from kg.extract.title_defined import title_defined


class Proposals:
    def __init__(self, vocab_dir=None, patterns_dir=None) -> None:
        # the rule data and shared helpers are a member, not a base class: compiled with
        # mypyc, `Proposals(ProposalScanner)` with its own `__call__` segfaulted when
        # called (the call went to an invalid function pointer; round 18)
        self.scan = ProposalScanner(vocab_dir, patterns_dir)
        self.not_roles = load_not_roles(patterns_dir)

    def __call__(self, doc):
        scan = self.scan
        st = state_of(doc)
        text = st.text
        title_proposal(scan, st, text)
        cues = list(_cues(scan, st, text))
        cue_proposals(scan, st, text, cues)
        named_proposals(scan, st, text)
        released_appositives(scan, st, text)
        novel_appositives(scan, st, text)
        novel_parts(scan, st, text)
        defined_parts(scan, st, text)
        proposed_named(scan, st, text)
        passive_defined(scan, st, text)
        new_names(scan, st, text)
        listed_parts(scan, st, text)
        component_proposals(scan, st, text)
        technique_proposals(scan, st, text)
        titled_objects(scan, st, text, cues)
        own_names(scan, st, text)
        st.proposals.extend(
            introduced_names(st, text, scan.rules, scan.introduced_rules, scan.vocab.lookup)
        )
        st.proposals.extend(
            lower_components(st, text, scan.rules, scan.component_rules, scan.vocab.lookup)
        )
        st.proposals.extend(title_defined(st, text, scan.vocab.lookup))
        st.proposals.extend(agent_roles(st, text, scan.rules, scan.vocab.lookup, self.not_roles))
        if not st.proposals:
            whole_title(scan, st, text)
        if st.proposals:
            variant_names(scan, st, text)
            tidy(st, text)
        return doc


@Language.factory("kg_proposals", default_config={"vocab_dir": None, "patterns_dir": None})
def make_proposals(nlp: Language, name: str, vocab_dir, patterns_dir):
    return Proposals(vocab_dir, patterns_dir)
