"""The `hardware_use` facts: each device, with the purpose cue nearest to it in its
sentence ("trained on 8 H100s" -> training, "inference on a T4" -> inference) and the
nearest model or method as subject."""

from __future__ import annotations

import re

from kg.extract.rules import Rules
from kg.extract.state import DocState

_DATA_NOUN = re.compile(
    r"\s+(?:samples?|data|sets?|examples|instances|points|corpus|corpora|distribution|pairs|split|trajectories|tokens)\b"
)


def purpose_cues(rules: Rules) -> list:
    """(word regex, purpose) for each purpose cue of the rules."""
    _purpose = []
    for purpose, words in rules.purpose_cues.items():
        for w in words:
            _purpose.append(
                (re.compile(rf"(?<![\w-]){re.escape(w)}(?![\w-])", re.IGNORECASE), purpose)
            )
    return _purpose


def hardware_use(purposes: list, st: DocState, text: str, proposal_ids: list[str]) -> list:
    out = []
    seen = set()
    for h in st.mentions:
        if h.type != "Hardware" or h.eid in seen:
            continue
        seen.add(h.eid)
        s0, s1 = st.sent_of(h.start)
        others = [
            m.start
            for m in st.mentions
            if m.type == "Hardware" and m.eid != h.eid and s0 <= m.start < s1
        ]
        best = None
        for rx, purpose in purposes:
            for m in rx.finditer(text, s0, s1):
                if purpose == "training" and _DATA_NOUN.match(text, m.end()):
                    continue  # "800 training samples": data, not a training run
                lo, hi = sorted((m.start(), h.start))
                if any(lo < o < hi for o in others):
                    continue  # the cue belongs to the other device
                d = abs(m.start() - h.start)
                if best is None or d < best[0]:
                    best = (d, purpose)
        if best is None:
            for rx, purpose in purposes:
                if purpose != "evaluation" and rx.search(text, 0, st.title_len):
                    best = (0, purpose)
                    break
        purpose = best[1] if best else "unspecified"
        subs = [m for m in st.mentions if s0 <= m.start < s1 and m.type in ("Model", "Method")]
        subj = None
        if subs:
            models = [m for m in subs if m.type == "Model"] or subs
            subj = min(models, key=lambda m: abs(m.start - h.start)).eid
        elif proposal_ids:
            subj = proposal_ids[0]
        out.append((h.eid, subj, purpose, s0, s1, 0.7 if best else 0.6))
    return out
