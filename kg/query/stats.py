"""Counts of what the graph holds: mentioned entities apart from vocabulary concepts."""

from __future__ import annotations

from kg.query import schemas as S
from kg.query.context import KG
from kg.query.resolver import ENTITY_TYPES


def stats(kg: KG) -> S.Stats:
    """Once per snapshot (the counts scan the store)."""

    def build() -> S.Stats:
        from kg.stats import graph_stats

        counts = graph_stats(kg.store)
        ents = {
            t: S.EntityTypeCount(mentioned=counts.get(f"{t} (mentioned)", 0), concepts=counts[t])
            for t in ENTITY_TYPES
        }
        return S.Stats(counts=counts, entities=ents)

    return kg.cached("stats", build)
