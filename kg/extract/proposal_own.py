"""A name the abstract calls "our X" where it reports what X does: "our RPKD-PV achieves
the highest mAP", "our DeepLens extracts ...", "our SENSE model ..." (round 29).

Papers that bring their method in without a cue sentence ("To address this, a
lightweight network is built; experiments show that our TPA-Net ...") name it only as
"our X". A name-shaped word right after "our" (or "our proposed / novel / new"),
followed by a verb in the third person, a modal, or a type head ("model", "system",
"framework"), is the paper's own. Not a vocabulary name ("our T2I model", "our RL
approach": the kind of thing it is), not an adjective ("our ViT-style baseline"), and
not a word that only modifies a noun ("our HC lexicon", "our NACTI test split").
"""

from __future__ import annotations

import re

from kg.extract.names import name_shaped
from kg.extract.normalise import match_key
from kg.extract.proposal_scanner import ProposalScanner
from kg.extract.state import DocState

_OUR = frozenset(("our",))
_OUR_NAME = re.compile(
    r"(?<![\w-])[Oo]ur\s+(?:(?:proposed|novel|new)\s+)?"
    r"(?P<name>[A-Za-z0-9][\w+²³\-]*[A-Za-z0-9+²³])"
    r"(?=\s+(?:(?:[a-z]+ly\s+)?(?:achieves|outperforms|surpasses|improves|reduces|yields"
    r"|attains|obtains|performs|extracts|generates|produces|enables|maintains|reaches"
    r"|can|could|is|was|consistently|significantly|substantially)"
    r"|(?P<head>model|system|method|framework|approach|pipeline|architecture|network|agent"
    r"|algorithm))(?![\w-]))"
)


def own_names(p: ProposalScanner, st: DocState, text: str) -> None:
    """ "our X achieves / our X model": X as a proposal if it is name-shaped, not a
    vocabulary name, and no rule proposed it already."""
    if not st.words & _OUR:
        return
    rules = p.rules
    have = {text[s:e] for s, e, *_ in st.proposals}
    for m in st.finditer_words(_OUR_NAME, _OUR, st.abstract_start):
        name = m.group("name")
        if name in have or not name_shaped(name, rules) or name.endswith(rules.adjectival_suffixes):
            continue
        if name in rules.not_names or match_key(name) in rules.generic_keys or name[0].isdigit():
            continue  # (a leading digit: a size or count, "our 3B-parameter model")
        if p.vocab.lookup(name):
            continue
        if len(name) <= 3 and name.upper() == name:
            if m.group("head"):
                continue  # "our UQ method", "our T2I model": a short acronym names a kind
            long = st.acronym_long.get(name)
            if long and text[long[0] + 1 : long[1]].islower():
                # "our AE achieves" after "Autoencoder (AE)" (a capital only to open the
                # sentence): a kind of model
                continue
        span = (m.start("name"), m.end("name"))
        have.add(name)
        st.proposals.append(
            (span[0], span[1], p._type_for(text, span, None), "proposal", m.start())
        )
