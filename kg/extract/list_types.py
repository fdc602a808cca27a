"""A known name whose vocabulary type disagrees with the rest of its list takes the
list's type, between Model and Method only (round 17).

"four families of LMs (BERT, GPT-2, OPT and LLaMA-2) and three vision models (ResNet,
SegFormer, and MAE)": the vocabulary types MAE (masked autoencoders) a Method, but listed
among downloadable networks it names one; "11 model families, including OPT, LLaMA2,
Falcon, ..., and Mamba" the same. The other way, "baselines (Pix2Pix, ControlNet,
InstructPix2Pix)": a method among methods. The guidelines' line between a named network
(Model) and a design or system (Method) is drawn by what the text does with the name,
and a coordination says the items are of one kind.
"""

from __future__ import annotations

from kg.extract.state import Cand, DocState

_SWAP = {"Model": "Method", "Method": "Model"}


def harmonise_list(st: DocState, typed: list[tuple[int, int, str, bool]]) -> None:
    """`typed`: (start, end, type, from the vocabulary) of a list's known items. Where
    at least two items are of one of Model/Method, they are two thirds of the known
    items or more, and no item is of another type, each vocabulary item of the other
    of the two takes the majority's type (a candidate that outranks the vocabulary's)."""
    if len(typed) < 3:
        return
    counts: dict[str, int] = {}
    for _, _, t, _ in typed:
        if t not in _SWAP:
            return  # a Benchmark or a Metric in the list: not a list of systems
        counts[t] = counts.get(t, 0) + 1
    if len(counts) < 2:
        return
    major = max(counts, key=lambda t: counts[t])
    n = counts[major]
    if n < 2 or n * 3 < len(typed) * 2:
        return
    for s, e, t, in_vocab in typed:
        if t != major and in_vocab:
            st.add(Cand(s, e, major, "list", 0.6, 51, tconf=4))
