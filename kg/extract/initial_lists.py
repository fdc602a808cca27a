"""A list of data names that opens a sentence: "On Gen1 and N-Caltech101, SSLA-Det
achieves ...", "Across ETTh1, ETTm2 and Weather, our model ...", "On HyperNeRF, ...".

The opening phrase ends at the comma after its last item, and the sentence's subject
follows that comma, so the list is closed by its coordinated item ("and"/"or"): items
after it, or after a lone first item, belong to the main clause. A numbered part ("On
Task 2", "On Stage 1") names a part of the paper's own setup, not a dataset.
"""

from __future__ import annotations

import re

from kg.extract.state import DocState

_COORD = re.compile(r"\s(?:and|or|&)\s")
# "Task 2", "Stage 1", "Part II": a plain word and a small number
_NUMBERED_PART = re.compile(r"[A-Z][a-z]+ (?:\d{1,2}|[IVX]{1,4})")


# what may follow the opening list: a preposition, or a noun for data ("On X under a
# strict protocol", "On the X test set"); another lower-case word makes the item a
# modifier of what the sentence is about ("On CLD extraction, cloud models achieve")
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")
_MAY_FOLLOW = frozenset(
    "with under in using at for from across over to without by as and or "
    "dataset datasets benchmark benchmarks data images videos test val validation split "
    "splits subset subsets set sets corpus leaderboard task tasks suite track tracks".split()
)


def closed_items(text: str, items: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The items of a sentence-opening list up to the one a coordinator introduces (the
    first only when none does), without numbered parts; none when a word that is no
    preposition or data noun follows the list."""
    keep = items[:1]
    for prev, it in zip(items, items[1:], strict=False):
        keep.append(it)
        if _COORD.search(text, prev[1], it[0]):
            break
    else:
        keep = items[:1]
    nxt = _NEXT_WORD.match(text, keep[-1][1]) if keep else None
    if nxt and nxt.group(1) not in _MAY_FOLLOW:
        return []
    return [p for it in keep if not _NUMBERED_PART.fullmatch(it[2]) for p in _slash_parts(it)]


def _slash_parts(item: tuple[int, int, str]) -> list[tuple[int, int, str]]:
    """ "CIFAR10C/CIFAR100C/ImageNetC", "AmbigQA/SituatedQA": names joined by slashes,
    each capitalised and longer than a version ("v1/v2" stays whole)."""
    s, _, name = item
    parts = name.split("/")
    if len(parts) < 2 or any(len(p) < 3 or not p[:1].isupper() for p in parts):
        return [item]
    out = []
    for p in parts:
        out.append((s, s + len(p), p))
        s += len(p) + 1
    return out


def overlaps_known(st: DocState, s: int, e: int) -> bool:
    """Does a vocabulary name of another type overlap `s:e` ("On ImageNet-1k ViT-S/16
    pretraining": a model inside the item)? Then the item's edges are not a name's."""
    return any(
        c.start < e and s < c.end and c.type != "Benchmark" and c.source in ("vocab", "mined")
        for c in st.cands
    )
