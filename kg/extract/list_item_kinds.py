"""A listed item that holds a known model, device or measure names no data (round 28).

Result sentences put systems and measures after "on" as often as data: "68.56% on
QvQ-Max", "3.5x speedup on FLUX-1.Dev and Wan 2.1", "19% accuracy improved on
Llama3.2:1b", "by 3.00% on G-mAP", "using mAP 0.5". Where a vocabulary name of type
Model, Hardware or Metric lies inside or across a listed item (not a Method: dataset names
share words with methods, "Mip-NeRF360", "DREAMER"), the item is that system or measure,
or a variant of it, and the list rule makes no Benchmark of it; a vocabulary Benchmark on
the same words keeps it.
"""

from __future__ import annotations

from kg.extract.state import DocState

_OTHER_KINDS = frozenset(("Model", "Hardware", "Metric"))
_KNOWN = ("vocab", "mined")


def holds_other_kind(st: DocState, s: int, e: int) -> bool:
    """Does a vocabulary Model, Hardware or Metric name overlap `s:e`, with no vocabulary
    Benchmark there?"""
    other = False
    for c in st.cands:
        if c.start < e and s < c.end and c.source in _KNOWN:
            if c.type == "Benchmark":
                return False
            if c.type in _OTHER_KINDS:
                other = True
    return other
