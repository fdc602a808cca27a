#!/usr/bin/env python
"""`kg validate`'s engines side by side on one store, in one run:

    .venv/bin/python bench/bench_validate.py --store data/store [--pyshacl-limit 0]

Times the SPARQL engine (the shapes compiled to SPARQL, kg/shacl_sparql.py) on the whole
store and pyshacl (kg.validate's reference engine, an rdflib copy) on the whole store or,
with --pyshacl-limit N, on N papers with the vocabulary (pyshacl takes minutes on the
sample graph and is not run on big stores: --pyshacl-limit -1 skips it). Prints one
JSON object. tests/test_validate.py checks that both engines find the same violations.
"""

from __future__ import annotations

import argparse
import json
import os
import time


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", required=True)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--pyshacl-limit", type=int, default=0, help="0 = whole store, -1 = skip")
    args = ap.parse_args()

    from kg.store import KGStore
    from kg.validate import validate_store

    store = KGStore(args.store, read_only=True)
    out: dict = {
        "store": args.store,
        "generation": store.generation,
        "quads": len(store),
        "load_before": os.getloadavg(),
    }
    t = time.perf_counter()
    ok, found = validate_store(store, engine="sparql", threads=args.threads)
    out["sparql"] = {
        "seconds": round(time.perf_counter() - t, 2),
        "threads": args.threads,
        "violations": len(found),
        "papers_with_violations": len({v.graph for v in found if "/graph/paper/" in v.graph}),
    }
    if args.pyshacl_limit >= 0:
        t = time.perf_counter()
        ok2, found2 = validate_store(store, limit=args.pyshacl_limit, engine="pyshacl")
        out["pyshacl"] = {
            "seconds": round(time.perf_counter() - t, 2),
            "limit": args.pyshacl_limit,
            "violations": len(found2),
        }
    out["load_after"] = os.getloadavg()
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
