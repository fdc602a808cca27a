"""A name the title opens with and the abstract defines with an acronym (round 17).

"Intra-Layer Recurrence in Transformers for Language Modeling" / "we investigate
Intra-Layer Recurrence (ILR), a more targeted approach"; "Risk-adaptive Activation
Steering for Safe Multimodal LLMs" / "We call this Risk-adaptive Activation Steering
(RAS)". A paper that puts a defined name first in its title and no vocabulary holds is
about its own method, whatever verb the abstract uses ("investigate", "call", "derive"),
so the name is proposed. Only the title's first words count: a long form found later in
the title ("Robust Watermarking on Gradient Boosting Decision Trees") is more often the
subject the paper works on. Tasks ("Visual Entailment (VE)") are left to the resolver's
task checks, as for every proposal.
"""

from __future__ import annotations

from collections.abc import Callable

from kg.extract.state import DocState

Found = tuple[int, int, str | None, str, int]


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
        out.append((ls, le, None, "proposal", ls))
        break
    return out
