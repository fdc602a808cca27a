"""Names described as new in an appositive anywhere in the abstract: "At its core lies
E-PEFT, a novel ensemble of ...", "LEO-MINI incorporates CoTR, a novel token reduction
module", "evaluated on TabXBench, a new benchmark we developed" (round 29).

The cue rules take "we propose X, a novel ..." from the cue sentence; this takes the
name where no cue verb precedes it. "novel" and "new" with an indefinite article in the
appositive right after the name say the paper brings it in (a name the paper only uses
is described by what it is, "X, a benchmark for ..."). A vocabulary name is left out:
"MedGemma, a new domain-specific model" was new when someone else released it.
"""

from __future__ import annotations

import re

from kg.extract.names import name_shaped
from kg.extract.proposal_scanner import ProposalScanner
from kg.extract.state import DocState

_ANCHORS = frozenset(("novel", "new"))
_CUE = re.compile(r"(?<![\w-])(?:novel|new)(?=[\s,-])")
# ", a " / ", an " right before the cue word
_COMMA_ARTICLE = re.compile(r",\s+an?\s+$")
# the name right before the appositive: up to five capitalised or name-shaped words
_NAME_BEFORE = re.compile(
    r"(?<![\w-])(?P<name>[A-Z0-9][\w+.²³\-]*(?:\s+[A-Z0-9][\w+.²³\-]*){0,4})\s*$"
)
# "E-PEFT (Ensemble PEFT), a new": only the name before the parenthesis is taken
_PAREN_END = re.compile(r"\s*\([^()]{1,40}\)\s*$")
# "Selective and Contrastive Decoding, a novel": a name's inner word before the run
_INNER_BEFORE = re.compile(
    r"(?:(?<![\w-])(?:and|of|for|with|via|in|on|to|the|[\w-]*based|[\w-]*guided"
    r"|[A-Z0-9][\w-]*)|[&:\-/])\s*$"
)
# "novel task", "new problem setup", "novel learning setting"
_TASK_HEAD = re.compile(r"(?:novel|new)\s+(?:[\w-]+\s+){0,2}?(?:task|problem|setting)s?(?![\w-])")
_TASK_WORDS = frozenset(("task", "tasks", "problem", "problems", "setting", "settings"))


def novel_appositives(p: ProposalScanner, st: DocState, text: str) -> None:
    """ "X, a novel ..." / "X (ACR), a new ...": X is proposed wherever the abstract
    writes it, if X is name-shaped or two or more capitalised words not opening the
    sentence ("Furthermore, a new ..." is no name)."""
    if not st.words & _ANCHORS:
        return
    for m in st.finditer_words(_CUE, _ANCHORS, st.abstract_start):
        _at_cue(p, st, text, m.start())


def _at_cue(p: ProposalScanner, st: DocState, text: str, i: int) -> None:
    """The name before ", a|an" + the cue word at `i`, if any, as a proposal."""
    ca = _COMMA_ARTICLE.search(text, max(st.abstract_start, i - 8), i)
    if not ca or _TASK_HEAD.match(text, i):
        return  # "X, a novel task aiming at ...": a task the paper poses, no thing it builds
    end = ca.start()
    s0, _ = st.sent_of(end)
    par = _PAREN_END.search(text, max(s0, end - 45), end)
    if par:
        end = par.start()
    nm = _NAME_BEFORE.search(text, max(s0, end - 80), end)
    if not nm:
        return
    rules = p.rules
    name = nm.group("name")
    words = name.split()
    shaped = any(name_shaped(w, rules) for w in words)
    if not shaped and (len(words) < 2 or nm.start() == s0):
        return  # "Furthermore, a new ...", "Mixer, a novel": no name by its form alone
    if name in rules.not_names or p.vocab.lookup(name):
        return
    span = (nm.start("name"), nm.end("name"))
    if _INNER_BEFORE.search(text, max(s0, span[0] - 12), span[0]):
        # a cut name: "Selective and [Contrastive Decoding], a novel ...", "the SVC [2025
        # ... Challenge]" (five words at most), "CoT based [Video ... Tasks]"
        return
    if words[-1].lower() in _TASK_WORDS:
        return
    if any(s < span[1] and span[0] < e or text[s:e] == name for s, e, *_ in st.proposals):
        return  # a cue rule has it (or a longer name around it, or its type) already
    st.proposals.append((span[0], span[1], p._type_for(text, span, None), "proposal", i))
