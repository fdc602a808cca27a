#!/usr/bin/env python
"""Latency of five canned queries (queries/*.rq) and of GET /api/evaluations, one request
at a time, on an existing store.

    python bench/bench_queries.py --store S --mode direct --out direct.json [--reps 50]
    python bench/bench_queries.py --store S --mode http --params direct.json --out http.json

Queries (parameters chosen from the store so that each has an answer):
  papers-evaluating   subject = the family of the model of the most reported (model,
                      benchmark) pair (a method where no model has one), target = that
                      benchmark  ("the evaluations query")
  leaderboard         benchmark = the benchmark with the most reported results
  family-rollup       family = the same family as papers-evaluating
  papers-by-author    author = the author with the most papers
  most-used-models    no parameter: a ranking over the whole graph

`direct` renders each query with kg.canned (names resolved by kg's resolver, as the API
does) and runs it on the store in this process (pyoxigraph, default graph as the union),
reading at most --max-rows rows like `kg serve`. `http` starts `kg serve` on the store and
asks /api/queries/{name}?… and /api/evaluations?subject=…&target=… over one keep-alive
connection. Each query: --warmup untimed runs, then up to --reps timed runs (fewer if
they exceed --max-seconds per query, at least 3; one warm-up only for a query that takes
seconds). Reports p50, p95, mean, max in ms, and the first (cold) run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent

PREFIX = """PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
PAIRS_Q = (
    PREFIX
    + """SELECT ?s ?b (COUNT(?item) AS ?n) WHERE {
  ?item kg:evaluatedSubject ?s ; kg:onBenchmark ?b .
} GROUP BY ?s ?b ORDER BY DESC(?n) LIMIT 50"""
)
BENCH_Q = (
    PREFIX
    + """SELECT ?b (COUNT(?item) AS ?n) WHERE { ?item kg:onBenchmark ?b ; kg:value ?v }
GROUP BY ?b ORDER BY DESC(?n) LIMIT 10"""
)
AUTHOR_Q = (
    PREFIX
    + """SELECT ?name (COUNT(?slot) AS ?n) WHERE { ?slot kg:author ?a . ?a rdfs:label ?name }
GROUP BY ?name ORDER BY DESC(?n) LIMIT 1"""
)
TYPES_Q = PREFIX + "SELECT ?t WHERE {{ {iri} a ?t }}"
LABEL_Q = PREFIX + "SELECT ?l WHERE {{ {iri} skos:prefLabel ?l }} LIMIT 1"
TOP_Q = (
    PREFIX
    + """SELECT ?top ?l WHERE {{ {iri} skos:broader* ?top .
  FILTER NOT EXISTS {{ ?top skos:broader ?x }}
  OPTIONAL {{ ?top skos:prefLabel ?l }} }} LIMIT 1"""
)

QUERIES = (
    "papers-evaluating",
    "leaderboard",
    "family-rollup",
    "papers-by-author",
    "most-used-models",
)


def _one(store, q: str):
    for row in store.query(q):
        return row
    return None


def pick_params(store) -> dict:
    """Parameter values with answers in this store (labels, as a user would type them;
    IRIs kept beside them in case a label does not resolve)."""
    import pyoxigraph as ox

    t0 = time.perf_counter()
    kg = "https://w3id.org/kg/ontology#"
    out: dict = {}

    def label(iri: str) -> str:
        row = _one(store, LABEL_Q.format(iri=str(ox.NamedNode(iri))))
        return row["l"].value if row else iri

    def types(iri: str) -> set[str]:
        return {
            r["t"].value.removeprefix(kg)
            for r in store.query(TYPES_Q.format(iri=str(ox.NamedNode(iri))))
        }

    # "model X on benchmark Y": the most reported pair with a model as subject (else a method)
    pair = method_pair = None
    for row in store.query(PAIRS_Q):
        s, b = row["s"].value, row["b"].value
        ts = types(s)
        if "Benchmark" not in types(b):
            continue
        if "Model" in ts:
            pair = (s, b, int(row["n"].value))
            break
        if "Method" in ts and method_pair is None:
            method_pair = (s, b, int(row["n"].value))
    pair = pair or method_pair
    if pair:
        s, b, n = pair
        top = _one(store, TOP_Q.format(iri=str(ox.NamedNode(s))))
        fam = top["top"].value if top else s
        out["papers-evaluating"] = {
            "params": {"subject": label(fam), "target": label(b)},
            "iris": {"subject": fam, "target": b},
            "note": f"most reported pair: {label(s)} x {label(b)} ({n} results); "
            "subject as its family",
        }
        out["family-rollup"] = {"params": {"family": label(fam)}, "iris": {"family": fam}}
    for row in store.query(BENCH_Q):
        b = row["b"].value
        if "Benchmark" in types(b):
            out["leaderboard"] = {
                "params": {"benchmark": label(b)},
                "iris": {"benchmark": b},
                "note": f"{row['n'].value} results with a value",
            }
            break
    row = _one(store, AUTHOR_Q)
    if row:
        out["papers-by-author"] = {
            "params": {"author": row["name"].value},
            "iris": {},
            "note": f"{row['n'].value} papers",
        }
    out["most-used-models"] = {"params": {}, "iris": {}}
    out["_seconds"] = round(time.perf_counter() - t0, 2)
    return out


def summarise(lat: list[float]) -> dict:
    if not lat:
        return {"runs": 0}
    s = sorted(lat)

    def q(p: float) -> float:  # nearest-rank percentile
        k = max(0, min(len(s) - 1, int(-(-p * len(s) // 1)) - 1))
        return round(s[k] * 1000, 3)

    return {
        "runs": len(s),
        "p50_ms": q(0.50),
        "p95_ms": q(0.95),
        "mean_ms": round(statistics.fmean(s) * 1000, 3),
        "min_ms": round(s[0] * 1000, 3),
        "max_ms": round(s[-1] * 1000, 3),
    }


def timed_loop(fn, reps: int, warmup: int, max_seconds: float) -> tuple[dict, object]:
    t0 = time.perf_counter()
    last = fn()
    first_ms = round((time.perf_counter() - t0) * 1000, 3)
    if first_ms < 1000:  # a query of seconds is warm after one run: spend the time on timed runs
        for _ in range(max(0, warmup - 1)):
            last = fn()
    lat: list[float] = []
    start = time.perf_counter()
    while len(lat) < reps:
        t = time.perf_counter()
        last = fn()
        lat.append(time.perf_counter() - t)
        if len(lat) >= 3 and time.perf_counter() - start > max_seconds:
            break
    out = summarise(lat)
    out["first_ms"] = first_ms
    return out, last


def run_direct(store_path: Path, picks: dict, a) -> dict:
    from kg.canned import CannedError, load_queries, render
    from kg.store import KGStore

    store = KGStore(store_path, read_only=True)
    queries = load_queries()
    results = {}
    for name in QUERIES:
        if name not in picks:
            results[name] = {"error": "no parameter value with an answer in this store"}
            continue
        if name not in queries:
            results[name] = {"error": f"no canned query {name!r} in queries/"}
            continue
        q = queries[name]
        params = dict(picks[name]["params"])
        try:
            render(q, params, store)
        except CannedError:
            params = (
                dict(picks[name]["iris"]) or params
            )  # a label that does not resolve: use the IRI

        def run(q=q, params=params):
            res = store.query(render(q, params, store))
            n = 0
            for _ in res:
                n += 1
                if n >= a.max_rows:
                    break
            return n

        try:
            stats, rows = timed_loop(run, a.reps, a.warmup, a.max_seconds)
            results[name] = {"params": params, "rows": rows, **stats}
        except Exception as e:  # noqa: BLE001 - recorded, the others go on
            results[name] = {"params": params, "error": f"{type(e).__name__}: {e}"}
        print(name, json.dumps(results[name]), flush=True)
    return results


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_http(store_path: Path, picks: dict, a) -> dict:
    import httpx

    kg = shutil.which("kg", path=str(BIN)) or shutil.which("kg")
    port = free_port()
    srv = subprocess.Popen(
        [kg, "serve", "--store", str(store_path), "--port", str(port), "--log-level", "warning"],
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    results: dict = {}
    try:
        deadline = time.time() + a.start_timeout
        while True:
            try:
                h = httpx.get(base + "/health", timeout=2)
                # up, and its name and paper indexes built (in the background, seconds on a
                # large store): timing before that measures the start, not the queries
                if h.status_code == 200 and h.json().get("ready", True):
                    break
            except httpx.HTTPError:
                pass
            if srv.poll() is not None:
                raise RuntimeError(f"kg serve exited with {srv.returncode}")
            if time.time() > deadline:
                raise RuntimeError("kg serve did not come up")
            time.sleep(0.2)
        results["_startup_s"] = round(a.start_timeout - (deadline - time.time()), 2)
        targets = [
            (name, f"/api/queries/{name}", picks[name]["params"])
            for name in QUERIES
            if name in picks
        ]
        if "papers-evaluating" in picks:
            p = picks["papers-evaluating"]["params"]
            targets.append(
                (
                    "/api/evaluations",
                    "/api/evaluations",
                    {"subject": p["subject"], "target": p["target"]},
                )
            )
        with httpx.Client(
            base_url=base, timeout=a.request_timeout, headers={"Accept": "application/json"}
        ) as client:
            for name, path, params in targets:

                def req(path=path, params=params):
                    r = client.get(path, params=params)
                    if r.status_code != 200:
                        raise RuntimeError(f"HTTP {r.status_code}: {r.text[:300]}")
                    body = r.json()
                    return body.get("count", body.get("total"))

                try:
                    stats, rows = timed_loop(req, a.reps, a.warmup, a.max_seconds)
                    results[name] = {"path": path, "params": params, "rows": rows, **stats}
                except Exception as e:  # noqa: BLE001
                    results[name] = {
                        "path": path,
                        "params": params,
                        "error": f"{type(e).__name__}: {e}",
                    }
                print(name, json.dumps(results[name]), flush=True)
    finally:
        srv.terminate()
        try:
            srv.wait(20)
        except subprocess.TimeoutExpired:
            srv.kill()
            srv.wait()
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--mode", choices=("direct", "http"), default="direct")
    ap.add_argument(
        "--params", type=Path, help="a previous --out JSON whose picked parameters to reuse"
    )
    ap.add_argument("--reps", type=int, default=50)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument(
        "--max-seconds",
        type=float,
        default=60,
        help="stop timing one query after this long (min 3 runs)",
    )
    ap.add_argument(
        "--max-rows", type=int, default=10_000, help="rows read per answer (kg serve's default cap)"
    )
    ap.add_argument(
        "--start-timeout", type=float, default=600, help="seconds kg serve may take to come up"
    )
    ap.add_argument("--request-timeout", type=float, default=120)
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args(argv)
    if not a.store.exists():
        print(f"no store at {a.store}", file=sys.stderr)
        return 2
    picks = None
    if a.params and a.params.exists():
        picks = json.loads(a.params.read_text()).get("picks")
    if picks is None:
        import pyoxigraph as ox

        st = ox.Store.read_only(str(a.store))

        class _U:  # default graph as the union, like KGStore.query
            def query(self, q):
                return st.query(q, use_default_graph_as_union=True)

        picks = pick_params(_U())
        del st
    print("parameters:", json.dumps(picks), flush=True)
    results = run_direct(a.store, picks, a) if a.mode == "direct" else run_http(a.store, picks, a)
    out = {
        "mode": a.mode,
        "store": str(a.store),
        "reps": a.reps,
        "warmup": a.warmup,
        "max_rows": a.max_rows,
        "picks": picks,
        "queries": results,
        "pid": os.getpid(),
    }
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
