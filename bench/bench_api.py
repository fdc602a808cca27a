#!/usr/bin/env python
"""Benchmark: GET /api/evaluations of `kg serve` beside `oxigraph serve-read-only`
answering the equivalent SPARQL, on the same store, under a bounded loopback load.

    .venv/bin/python bench/bench_api.py                      # build the 60k store if missing, run
    .venv/bin/python bench/bench_api.py --store S --requests 2000 --concurrency 16

The store is built from the shared corpus (../shared/corpora/arxiv_2025_2026-04.jsonl.gz)
with `kg ingest` unless --store points at an existing one. Query pairs (model or method,
benchmark) are the most reported pairs of the store, asked by family name where there is
one (so variants are rolled up through skos:broader*). Both servers get the same pairs in
the same order from a closed loop of `--concurrency` client threads (keep-alive
connections, 127.0.0.1 only). The oxigraph side answers with its own name-free SPARQL
(IRIs resolved once up front, skos:broader* in the query); kg resolves the names on
every request. Results: printed, and written to --out (default bench/out/bench_api.json),
with the kg / oxigraph requests/s ratios.

Needs `pip install oxigraph==0.5.13` (the `oxigraph` binary; same engine version as
pyoxigraph) for the comparison; without it only kg is measured.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "arxiv_2025_2026-04.jsonl.gz"
OUT = ROOT / "bench" / "out"
BIN = Path(sys.executable).parent

PAIRS_Q = """PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?s ?b (COUNT(DISTINCT ?item) AS ?n) WHERE {
  ?item kg:evaluatedSubject ?s ; kg:onBenchmark ?b .
} GROUP BY ?s ?b ORDER BY DESC(?n) LIMIT 200"""

# what /api/evaluations runs for a benchmark target: the kg:evaluationKey lookup (every
# evaluation carries "<subject or ancestor id> <benchmark or ancestor id>" keys)
EQUIV_Q = """PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?paper ?key ?title ?date ?arxiv ?s ?t ?m ?value ?unit ?vt ?evidence ?item WHERE {{
  ?item kg:evaluationKey {pair} ;
        kg:evaluatedSubject ?s ; kg:onBenchmark ?t .
  ?paper kg:hasEvaluation ?item .
  ?paper dcterms:identifier ?key ; dcterms:title ?title . FILTER(LANG(?title) = "")
  OPTIONAL {{ ?paper dcterms:issued ?date }}
  OPTIONAL {{ ?paper kg:arxivId ?arxiv }}
  OPTIONAL {{ ?item kg:withMetric ?m }}
  OPTIONAL {{ ?item kg:value ?value }}
  OPTIONAL {{ ?item kg:unit ?unit }}
  OPTIONAL {{ ?item kg:valueText ?vt }}
  OPTIONAL {{ ?item kg:evidence ?sentence OPTIONAL {{ ?sentence kg:text ?evidence }} }}
}} ORDER BY DESC(?date) ?key"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float = 120, ready: bool = False) -> None:
    """Wait until `url` answers; with `ready`, until its JSON also says `"ready": true`
    (kg serve's /health once its indexes are built)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            r = httpx.get(url, timeout=2)
            if r.status_code < 500 and (not ready or r.json().get("ready", True)):
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


def build_store(store: Path, corpus: Path) -> None:
    print(f"building {store} from {corpus} (kg ingest; this takes a while) …", flush=True)
    t0 = time.time()
    subprocess.run([str(BIN / "kg"), "ingest", "--store", str(store), str(corpus)], check=True)
    print(f"built in {time.time() - t0:.0f} s", flush=True)


def pick_pairs(store: Path, n: int) -> list[dict]:
    """The most reported (subject, benchmark) pairs; subjects asked by their top family."""
    import pyoxigraph as ox

    from kg.namespaces import entity_id_from_iri
    from kg.query.resolver import Resolver
    from kg.store import KGStore

    kgs = KGStore(store, read_only=True)
    res = Resolver(kgs)
    res.load()
    seen, pairs = set(), []
    for row in kgs.query(PAIRS_Q):
        s, b = row["s"].value, row["b"].value
        si, bi = res.get(s), res.get(b)
        if si is None or bi is None or si.type not in ("Model", "Method") or bi.type != "Benchmark":
            continue
        top = s  # climb to the family: the interesting query rolls variants up
        while res.get(top) and res.get(top).broader:
            top = res.get(top).broader[0]
        key = (top, b)
        if key in seen:
            continue
        seen.add(key)
        pairs.append(
            {
                "subject": res.get(top).label,
                "target": bi.label,
                "subject_iri": top,
                "target_iri": b,
                "sparql": EQUIV_Q.format(
                    pair=str(ox.Literal(f"{entity_id_from_iri(top)} {entity_id_from_iri(b)}"))
                ),
            }
        )
        if len(pairs) >= n:
            break
    del kgs
    return pairs


def load(make_request, pairs: list[dict], total: int, concurrency: int, max_seconds: float) -> dict:
    """A closed loop: `concurrency` threads, each with its own keep-alive client."""
    lat: list[float] = []
    errors = [0]
    counter = [0]
    lock = threading.Lock()
    stop_at = time.perf_counter() + max_seconds

    def worker() -> None:
        with httpx.Client(timeout=30) as client:
            while True:
                with lock:
                    i = counter[0]
                    counter[0] += 1
                if i >= total or time.perf_counter() > stop_at:
                    return
                pair = pairs[i % len(pairs)]
                t0 = time.perf_counter()
                try:
                    r = make_request(client, pair)
                    ok = r.status_code == 200
                except httpx.HTTPError:
                    ok = False
                dt = time.perf_counter() - t0
                with lock:
                    if ok:
                        lat.append(dt)
                    else:
                        errors[0] += 1

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    lat.sort()
    q = (
        (lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000)
        if lat
        else (lambda p: float("nan"))
    )
    return {
        "requests": len(lat),
        "errors": errors[0],
        "seconds": round(wall, 2),
        "req_per_s": round(len(lat) / wall, 1) if wall else 0.0,
        "p50_ms": round(q(0.50), 2),
        "p95_ms": round(q(0.95), 2),
        "p99_ms": round(q(0.99), 2),
        "mean_ms": round(statistics.fmean(lat) * 1000, 2) if lat else None,
    }


def wrk_load(base: str, paths: list[str], concurrency: int, seconds: int) -> dict | None:
    """The same load from `wrk` (Debian package), a client that costs the servers little CPU:
    requests rotate through `paths`. None where wrk is not installed."""
    exe = shutil.which("wrk")
    if not exe:
        return None
    import tempfile

    lua = (
        "paths = {"
        + ",".join(json.dumps(p) for p in paths)
        + "}\n"
        + (
            "i = 0\nrequest = function()\n  i = i % #paths + 1\n"
            "  return wrk.format('GET', paths[i], {['Accept'] = 'application/json, "
            "application/sparql-results+json'})\nend\n"
        )
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(lua)
    out = subprocess.run(
        [exe, "-t2", f"-c{concurrency}", f"-d{seconds}s", "--latency", "-s", fh.name, base],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    ).stdout
    os.unlink(fh.name)

    def ms(label: str) -> float | None:
        m = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not m:
            return None
        return round(float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)], 2)

    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {
        "tool": "wrk",
        "seconds": seconds,
        "concurrency": concurrency,
        "req_per_s": float(rps.group(1)) if rps else None,
        "p50_ms": ms("50%"),
        "p90_ms": ms("90%"),
        "p99_ms": ms("99%"),
        "non_2xx": int(non2xx.group(1)) if non2xx else 0,
    }


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--store", type=Path, default=OUT / "store-60k")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--requests", type=int, default=2000, help="requests per server")
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--max-seconds", type=float, default=60, help="stop a load run after this long")
    ap.add_argument("--pairs", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=100)
    ap.add_argument("--no-oxigraph", action="store_true")
    ap.add_argument(
        "--wrk-seconds", type=int, default=20, help="length of each wrk run (0: skip wrk)"
    )
    ap.add_argument(
        "--out", type=Path, default=OUT / "bench_api.json", help="where to write the JSON results"
    )
    args = ap.parse_args()

    if not args.store.exists():
        if not args.corpus.exists():
            print(f"no store at {args.store} and no corpus at {args.corpus}", file=sys.stderr)
            return 2
        build_store(args.store, args.corpus)
    pairs = pick_pairs(args.store, args.pairs)
    if not pairs:
        print("the store holds no evaluations: nothing to benchmark", file=sys.stderr)
        return 2
    print(
        f"{len(pairs)} query pairs, e.g. "
        + ", ".join(f"{p['subject']} × {p['target']}" for p in pairs[:5])
    )
    results: dict = {
        "store": str(args.store),
        "concurrency": args.concurrency,
        "pairs": [{k: p[k] for k in ("subject", "target")} for p in pairs],
        "cpus": os.cpu_count(),
    }

    # --- kg serve ---
    port = free_port()
    kg = subprocess.Popen(
        [
            str(BIN / "kg"),
            "serve",
            "--store",
            str(args.store),
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_http(
            base + "/health", timeout=600, ready=True
        )  # a 1M-paper store takes a while to open

        def kg_req(client, p):
            return client.get(
                base + "/api/evaluations", params={"subject": p["subject"], "target": p["target"]}
            )

        with httpx.Client(timeout=60) as c:  # warm up: label index, caches
            sizes = [kg_req(c, p).json().get("total", 0) for p in pairs]
        results["papers_per_answer"] = {
            "min": min(sizes),
            "max": max(sizes),
            "mean": round(statistics.fmean(sizes), 1),
        }
        load(kg_req, pairs, args.warmup, args.concurrency, 30)
        results["kg"] = load(kg_req, pairs, args.requests, args.concurrency, args.max_seconds)
        print("kg /api/evaluations:", results["kg"], flush=True)
        if args.wrk_seconds:
            from urllib.parse import urlencode

            results["kg_wrk"] = wrk_load(
                base,
                [
                    "/api/evaluations?"
                    + urlencode({"subject": p["subject"], "target": p["target"]})
                    for p in pairs
                ],
                args.concurrency,
                args.wrk_seconds,
            )
            print("kg /api/evaluations (wrk):", results["kg_wrk"], flush=True)
    finally:
        kg.terminate()
        kg.wait(20)

    # --- oxigraph serve-read-only, same store, equivalent SPARQL ---
    oxi = shutil.which("oxigraph") or (
        str(BIN / "oxigraph") if (BIN / "oxigraph").exists() else None
    )
    if args.no_oxigraph or not oxi:
        if not args.no_oxigraph:
            print("no `oxigraph` binary (pip install oxigraph==0.5.13): comparison skipped")
    else:
        port = free_port()
        srv = subprocess.Popen(
            [
                oxi,
                "serve-read-only",
                "--location",
                str(args.store),
                "--bind",
                f"127.0.0.1:{port}",
                "--union-default-graph",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base_o = f"http://127.0.0.1:{port}"
            wait_http(base_o + "/query?query=ASK%7B%7D", timeout=600)

            def ox_req(client, p):
                return client.get(
                    base_o + "/query",
                    params={"query": p["sparql"]},
                    headers={"Accept": "application/sparql-results+json"},
                )

            with httpx.Client(timeout=60) as c:
                counts = []
                for p in pairs:
                    r = ox_req(c, p)
                    counts.append(
                        len({b["paper"]["value"] for b in r.json()["results"]["bindings"]})
                    )
            results["same_answers"] = (
                counts == sizes or f"paper counts differ: kg {sizes} vs oxigraph {counts}"
            )
            load(ox_req, pairs, args.warmup, args.concurrency, 30)
            results["oxigraph"] = load(
                ox_req, pairs, args.requests, args.concurrency, args.max_seconds
            )
            print("oxigraph serve-read-only /query:", results["oxigraph"], flush=True)
            if args.wrk_seconds:
                from urllib.parse import urlencode

                results["oxigraph_wrk"] = wrk_load(
                    base_o,
                    ["/query?" + urlencode({"query": p["sparql"]}) for p in pairs],
                    args.concurrency,
                    args.wrk_seconds,
                )
                print("oxigraph /query (wrk):", results["oxigraph_wrk"], flush=True)
        finally:
            srv.terminate()
            srv.wait(20)
    for a, b in (("kg", "oxigraph"), ("kg_wrk", "oxigraph_wrk")):
        if results.get(a) and results.get(b):
            ka = results[a].get("req_per_s") or results[a].get("rps")
            kb = results[b].get("req_per_s") or results[b].get("rps")
            if ka and kb:
                results[f"ratio_{a}_vs_{b}"] = round(ka / kb, 3)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    print(json.dumps({k: v for k, v in results.items() if k != "pairs"}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
