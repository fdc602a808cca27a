#!/usr/bin/env python
"""Small steps of bench/run.py, each run in a process of its own so its time and memory
are measured alone. Each writes one JSON object to --out.

    python bench/_steps.py subset --corpus C --n 5000 --out-file F.jsonl.gz --out R.json
    python bench/_steps.py count --store S --out R.json
    python bench/_steps.py dump --store S --file F.nq --out R.json
    python bench/_steps.py bulk-load --file F.nq --store S --out R.json [--optimize]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

KG = "https://w3id.org/kg/ontology#"


def cmd_subset(a) -> dict:
    """The first `n` lines of the corpus (the real records, unchanged)."""
    t0 = time.perf_counter()
    n = 0
    out = Path(a.out_file)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    opener = gzip.open if str(a.corpus).endswith(".gz") else open
    with opener(a.corpus, "rb") as src, gzip.open(tmp, "wb", compresslevel=1) as dst:
        for line in src:
            if n >= a.n:
                break
            if line.strip():
                dst.write(line if line.endswith(b"\n") else line + b"\n")
                n += 1
    tmp.replace(out)
    return {"records": n, "file": str(out), "seconds": round(time.perf_counter() - t0, 2)}


def cmd_count_records(a) -> dict:
    opener = gzip.open if str(a.corpus).endswith(".gz") else open
    n = 0
    with opener(a.corpus, "rb") as src:
        for line in src:
            if line.strip():
                n += 1
    return {"records": n}


def cmd_count(a) -> dict:
    import pyoxigraph as ox

    t0 = time.perf_counter()
    store = ox.Store.read_only(str(a.store))
    quads = len(store)
    t1 = time.perf_counter()
    papers = 0
    for row in store.query(
        f"SELECT (COUNT(?p) AS ?n) WHERE {{ ?p a <{KG}Paper> }}", use_default_graph_as_union=True
    ):
        papers = int(row["n"].value)
    t2 = time.perf_counter()
    return {
        "quads": quads,
        "papers": papers,
        "count_quads_s": round(t1 - t0, 2),
        "count_papers_s": round(t2 - t1, 2),
    }


def cmd_dump(a) -> dict:
    import pyoxigraph as ox

    t0 = time.perf_counter()
    store = ox.Store.read_only(str(a.store))
    Path(a.file).parent.mkdir(parents=True, exist_ok=True)
    store.dump(str(a.file), format=ox.RdfFormat.N_QUADS)
    wall = time.perf_counter() - t0
    size = Path(a.file).stat().st_size
    return {"file": str(a.file), "bytes": size, "seconds": round(wall, 2)}


def cmd_bulk_load(a) -> dict:
    """The reference: pyoxigraph's raw bulk loader on the N-Quads of the kg store."""
    import shutil

    import pyoxigraph as ox

    if Path(a.store).exists():
        shutil.rmtree(a.store)
    t0 = time.perf_counter()
    store = ox.Store(str(a.store))
    store.bulk_load(path=str(a.file), format=ox.RdfFormat.N_QUADS)
    store.flush()
    t1 = time.perf_counter()
    out = {"seconds": round(t1 - t0, 2)}
    if a.optimize:
        store.optimize()
        out["optimize_seconds"] = round(time.perf_counter() - t1, 2)
    t2 = time.perf_counter()
    out["quads"] = len(store)
    out["count_seconds"] = round(time.perf_counter() - t2, 2)
    out["quads_per_s"] = round(out["quads"] / out["seconds"], 1) if out["seconds"] else None
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("subset")
    p.add_argument("--corpus", type=Path, required=True)
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--out-file", type=Path, required=True)
    p = sub.add_parser("count-records")
    p.add_argument("--corpus", type=Path, required=True)
    p = sub.add_parser("count")
    p.add_argument("--store", type=Path, required=True)
    p = sub.add_parser("dump")
    p.add_argument("--store", type=Path, required=True)
    p.add_argument("--file", type=Path, required=True)
    p = sub.add_parser("bulk-load")
    p.add_argument("--store", type=Path, required=True)
    p.add_argument("--file", type=Path, required=True)
    p.add_argument("--optimize", action="store_true")
    for p in sub.choices.values():
        p.add_argument("--out", type=Path, required=True)
    a = ap.parse_args(argv)
    fn = {
        "subset": cmd_subset,
        "count-records": cmd_count_records,
        "count": cmd_count,
        "dump": cmd_dump,
        "bulk-load": cmd_bulk_load,
    }[a.cmd]
    result = fn(a)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
