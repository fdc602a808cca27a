#!/usr/bin/env python3
"""How much of a gold set's (subject, benchmark) pairs "which papers evaluate X on Y"
finds, per evidence tier, on a store built from the gold set's papers.

    kg ingest --store /tmp/r2 eval/round2/tune_sample.jsonl eval/round2/blind_sample.jsonl
    python scripts/tier_recall.py /tmp/r2 eval/round2/tune_gold.jsonl eval/round2/blind_gold.jsonl

For each gold evaluation pair of a paper, the paper counts as found in tier 1 when the
lookup lists it under `papers` (an evaluation statement, or a method run on the subject
as base model), in tier 2 when only under `mentioned`; a pair whose subject or benchmark
name resolves to nothing in the graph is a miss ("unresolved"). Only totals are printed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(store: str, *gold_files: str) -> None:
    from kg.query import QueryError, open_kg
    from kg.query.evaluations import find_evaluations

    kg = open_kg(store).warm()
    out = {}
    for gf in gold_files:
        n = evaluated = mentioned = unresolved = 0
        for line in Path(gf).read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            pairs = {
                (e["subject"], e["benchmark"])
                for e in d.get("evaluations", [])
                if e.get("subject") and e.get("benchmark")
            }
            for s, b in pairs:
                n += 1
                try:
                    r = find_evaluations(kg, s, b, limit=1000)
                except QueryError:
                    unresolved += 1
                    continue
                pid = d["id"].removeprefix("corpus-")  # the earlier sets prefix their ids
                if pid in {p.id for p in r.papers}:
                    evaluated += 1
                elif pid in {p.id for p in r.mentioned}:
                    mentioned += 1
        out[Path(gf).name] = {
            "pairs": n,
            "evaluated": evaluated,
            "mentioned_only": mentioned,
            "unresolved": unresolved,
            "recall_evaluated": round(evaluated / n, 3) if n else None,
            "recall_either_tier": round((evaluated + mentioned) / n, 3) if n else None,
        }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], *sys.argv[2:])
