"""A short form the vocabularies give both a measure and a method (round 20).

"MAE" is mean absolute error (a Metric) and the masked autoencoder (a Method); "PQ",
"PER" likewise. The ruler proposes both at the span and the resolver's selection kept
the method, so "an RMSE of 0.25 and an MAE of 0.16" gave the masked autoencoder (on
15,000 corpus abstracts, ~30 papers, more than half of all "MAE" hits). Where the paper
reports the short form as a measure somewhere (a number within the weak window of the
same sentence: "MAE of 0.017", "(MAE: 3.1 m)", "MAE 0.045"; or listed with another
vocabulary measure: "RMSE/MAE", "RMSE, MAE, and Bias") and never writes the method's
long form ("masked autoencoder"), the short form names the measure throughout the paper:
its method candidates go.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kg.extract.state import Cand
from kg.extract.values import find_values

# one vocabulary measure right before or after another ("RMSE/MAE", "MAE and MSE")
_LISTED = re.compile(r"\s*(?:/|,|\band\b|\bor\b|,\s*and\b)\s*$")
_LISTED_AFTER = re.compile(r"\s*(?:/|,|\band\b|\bor\b)\s*")


def measured_shared_shorts(
    st,
    text: str,
    cands: list[Cand],
    window: int,
    labels_of: Callable[[str], list[str]],
) -> list[Cand]:
    """`cands` less the Method/Model vocabulary candidates whose surface is also a
    vocabulary Metric's and which the paper reports as a measure. `labels_of(cid)`: the
    concept's labels (to see whether the paper writes the method's long form)."""
    metric_at = {(c.start, c.end): c for c in cands if c.type == "Metric" and c.source == "vocab"}
    if not metric_at:
        return cands
    shared = [
        c
        for c in cands
        if c.type in ("Method", "Model")
        and c.source == "vocab"
        and c.cid
        and (c.start, c.end) in metric_at
    ]
    if not shared:
        return cands
    metrics = sorted(metric_at.values(), key=lambda c: c.start)
    low = text.lower()
    drop: set[str] = set()  # the method concepts the paper's short form does not name
    for c in shared:
        cid = c.cid
        if cid is None or cid in drop:
            continue
        longs = [x.lower() for x in labels_of(cid) if len(x) > len(c.text) + 3]
        if any(x in low for x in longs):
            continue  # "a masked autoencoder (MAE)": the method
        if _reported(st, text, c, window) or _listed(text, c, metrics):
            drop.add(cid)
    if not drop:
        return cands
    surfaces = {c.text for c in shared if c.cid in drop}
    return [
        c
        for c in cands
        if not (c.type in ("Method", "Model") and c.cid in drop and c.text in surfaces)
    ]


def _reported(st, text: str, c: Cand, window: int) -> bool:
    s0, s1 = st.sent_of(c.start)
    a, b = max(s0, c.start - window), min(s1, c.end + window)
    return any(not (c.start <= v.start < c.end) for v in find_values(text, a, b))


def _listed(text: str, c: Cand, metrics: list[Cand]) -> bool:
    for m in metrics:
        if m.start == c.start:
            continue
        if m.end <= c.start and c.start - m.end <= 6 and _LISTED.search(text, m.end, c.start):
            return True
        if (
            c.end <= m.start
            and m.start - c.end <= 6
            and _LISTED_AFTER.fullmatch(text, c.end, m.start)
        ):
            return True
    return False
