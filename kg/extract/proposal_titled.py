"""A Title-Case name after "a/an" in a cue sentence, whatever the verb and the head:
"we design a Dynamic Relationship Planning Module to ...", "we introduce a Spherical
Uniform Degradation Embedding with ...", "we propose a Coherent Duplication method to
..." (round 29).

The cue rules take such an object only after a strong verb and with a capitalised type
head (`proposal_cues._titled_object`); after "design / develop / build / construct"
(weak verbs: "we build a dataset") or before a lower-case head ("method", "module") the
paper's own named part was lost. Two or more capitalised words right after the article
(a lower-case modifier or two may come first) are a coined name: a description is
written in lower case. Not when the run ends in an adjective ("a Pose-Guided CLIP-based
architecture"), opens with a word of novelty ("a Unified Framework"), is defined right
after ("a Multi-Agent Reinforcement Learning (MARL) framework": a field spelled out, which
other rules weigh) or is a vocabulary name.
"""

from __future__ import annotations

import re

from kg.extract.normalise import match_key
from kg.extract.proposal_scanner import ProposalScanner
from kg.extract.state import DocState
from kg.extract.title_techniques import goes_on_past_joiner

# "a / an", up to two lower-case modifiers ("a learnable", "a lightweight yet"), then the
# capitalised run: words starting with a capital (or a digit), hyphens inside
_OBJECT = re.compile(
    r"\s*(?:[a-z]+ly\s+)?(?:a|an)\s+(?:(?!(?:of|for|on|in|to|with|and|or|from|by)\s)[a-z][\w\-]*\s+){0,2}?"
    r"(?P<run>[A-Z][\w\-]*[A-Za-z0-9](?:\s+[A-Z0-9][\w\-]*[A-Za-z0-9])+)"
    r"(?=\s+[a-z]|\s*[,.;:]|\s*$)"
)
_OBJECT_FIRST = frozenset("abcdefghijklmnopqrstuvwxyz ")
_NEXT_WORD = re.compile(r"\s+([a-z][\w\-]*)")
_TASK_WORDS = frozenset(("task", "tasks", "problem", "problems", "setting", "challenge"))
# a last word that is an adjective whatever its case: "a Grammar Book Guided pipeline"
_ADJECTIVE_ENDS = frozenset(
    "guided based driven aware enhanced inspired assisted powered oriented centric".split()
)


def titled_objects(p: ProposalScanner, st: DocState, text: str, cues: list) -> None:
    """ "we <proposal verb> a|an [modifier] Capitalised Words ...": the words as a
    proposal where no rule took anything from the object already. `cues`: the cue
    sentences' (start, object position, verb), as `proposal_cues._cues` finds them."""
    rules = p.rules
    for c_start, pos, _verb in cues:
        if pos < st.abstract_start or text[pos : pos + 1] not in _OBJECT_FIRST:
            continue  # the object opens with "a"/"an" or an adverb: a cheap test first
        _s0, s_end = st.sent_of(c_start)
        m = _OBJECT.match(text, pos, s_end)
        if not m:
            continue
        words = m.group("run").split()
        if len(words) < 2 or words[0] in p.title_case_stop:
            continue
        if any(w.endswith(rules.adjectival_suffixes) for w in words) or (
            words[-1].lower().rsplit("-", 1)[-1] in _ADJECTIVE_ENDS
        ):
            # "a Pose-Guided CLIP-based architecture", "a Depth-enhanced Observation-Centric
            # Momentum" (the name's own first word?), "a Grammar Book Guided pipeline"
            continue
        if words[-1].lower() in p.task_final_heads or words[-1].lower() in _TASK_WORDS:
            continue  # "a lightweight Attack Detection model", "a Variable Attribution Task"
        end = m.end("run")
        nxt = _NEXT_WORD.match(text, end)
        if nxt and nxt.group(1).endswith(rules.adjectival_suffixes):
            continue  # "a Monte Carlo sampling-based method": the run modifies a modifier
        if goes_on_past_joiner(text, end):
            continue  # "a Quorb Error Correction through Prompt Tuning": one longer name
        start = end - len(" ".join(words))
        if text[start:end] != " ".join(words):
            continue  # more than one space inside: leave it
        name = text[start:end]
        if (
            name in rules.not_names
            or match_key(name) in rules.generic_keys
            or p.vocab.lookup(name)
            or any(w in rules.not_names for w in words)
        ):
            continue
        if any(s < m.end() + 40 and pos <= e for s, e, *_ in st.proposals if s >= pos):
            continue  # a cue rule took a name from this object (or right after it)
        etype = p._type_for(text, (start, end), None)
        st.proposals.append((start, end, etype, "proposal", c_start))
