"""Count the triples a store holds in more than one named graph (issue #18, item 2).

The SPARQL endpoint's default graph is the union of the named graphs, which Oxigraph
matches once per graph holding a triple: each such triple comes back more than once.
kg's data model keeps every triple in one graph (docs/ONTOLOGY.md, "named graphs"), so
this should print 0 extra rows for any store `kg ingest` wrote.

    python scripts/union_duplicates.py STORE_DIR

Opens the live store directory (no ingest may be writing it). Prints the union's rows,
its distinct triples, the share of extra rows, and the repeated triples by predicate.
"""

from __future__ import annotations

import sys
from collections import Counter

import pyoxigraph as ox


def main(path: str) -> int:
    store = ox.Store(path)
    held: Counter = Counter()
    for q in store.quads_for_pattern(None, None, None, None):
        if isinstance(q.graph_name, ox.NamedNode):
            held[(q.subject, q.predicate, q.object)] += 1
    rows, distinct = sum(held.values()), len(held)
    by_pred: Counter = Counter()
    extra_by_pred: Counter = Counter()
    for (_, p, _), n in held.items():
        if n > 1:
            by_pred[p.value] += 1
            extra_by_pred[p.value] += n - 1
    share = 100 * (rows - distinct) / rows if rows else 0.0
    extra = rows - distinct
    print(f"union rows {rows:,}; distinct {distinct:,}; extra rows {extra:,} ({share:.2f}%)")
    for p, n in by_pred.most_common():
        print(f"  {p}: {n:,} triples in several graphs, {extra_by_pred[p]:,} extra rows")
    if held:
        (s, p, o), n = held.most_common(1)[0]
        if n > 1:
            print(f"most repeated: {s} {p} {o} ({n} graphs)")
    return 0 if rows == distinct else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
