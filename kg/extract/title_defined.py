"""A name the title opens with and the abstract defines with an acronym (round 17).

"Multi-level Dynamic Style Transfer for NeRFs" / "we present multi-level dynamic style
transfer for NeRFs (MDS-NeRF), a novel approach"; "Risk-adaptive Activation
Steering for Safe Multimodal LLMs" / "We call this Risk-adaptive Activation Steering
(RAS)". A paper that puts a defined name first in its title and no vocabulary holds is
about its own method when the abstract brings the name in in its own voice ("we
present", "We call this", "our approach, denoted as"), so the name is proposed;
"While Neural Theorem Proving (NTP) has ..." and "based on expectation propagation (EP)"
(a 3,000-abstract draw: half the title-first long forms without this check were
fields, tasks and known algorithms) are not. Only the title's first words count: a long
form found later in the title ("Robust Watermarking on Gradient Boosting Decision
Trees") is more often the subject the paper works on. Tasks ("Visual Entailment (VE)")
are left to the resolver's task checks, as for every proposal.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kg.extract.state import DocState

Found = tuple[int, int, str | None, str, int]

# the paper's own voice right before the long form: "we propose a novel and effective",
# "we investigate", "We call this", "our approach, denoted as"
_OWN_BEFORE = re.compile(
    r"(?:(?<![\w-])[Ww]e|(?<![\w-])[Oo]ur\s+[a-z]+|(?<![\w-])[Tt]his\s+(?:work|paper|study))"
    r"(?![\w-])(?P<mid>[^.;]{0,60})$"
)
# the verbs and naming words by which a paper brings in its own name ("This study
# advances aspect-based sentiment analysis (ABSA)" is a field it works in)
_INTRODUCING = frozenset(
    "propose proposes proposed present presents presented introduce introduces "
    "introduced develop develops developed design designs designed call term name dub "
    "denote denoted denotes coin coined refer named termed dubbed called".split()
)
# words that make the name the object of something else: "based on expectation
# propagation (EP)", "the connection between Plug-and-Play (PnP)", "how gradient descent"
_NOT_OWN = frozenset(
    "of for on in to from with by between based using how what why when where whether "
    "than against over under via".split()
)


def _key(s: str) -> str:
    return " ".join(s.lower().replace("-", " ").split())


def title_defined(st: DocState, text: str, known: Callable[[str], object]) -> list[Found]:
    """Proposals for the defined long forms the title starts with."""
    if not st.definitions:
        return []
    title = _key(text[: st.title_len])
    out: list[Found] = []
    for ss, se, ls, le in st.definitions:
        if ls < st.abstract_start:
            continue
        long_form = text[ls:le]
        key = _key(long_form)
        if " " not in key or not title.startswith(key):
            continue
        if len(title) > len(key) and title[len(key)] not in " :,":
            continue  # a word cut in two ("Multi-Level" for "Multi-Levels")
        if known(long_form) or known(text[ss:se]):
            continue
        s0 = st.sent_of(ls)[0]
        own = _OWN_BEFORE.search(text, max(s0, ls - 80), ls)
        mid = own.group("mid").lower().replace(",", " ").split() if own else []
        if own is None or _NOT_OWN.intersection(mid) or not _INTRODUCING.intersection(mid):
            continue  # "While Neural Theorem Proving (NTP) has ...": the field, not the paper's
        out.append((ls, le, None, "proposal", ls))
        break
    return out
