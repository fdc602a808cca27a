#!/usr/bin/env python
"""Throughput of `kg serve` against `oxigraph serve-read-only` on the same store and the
same query, side by side in one run (issue #18, item 10).

    .venv/bin/python bench/bench_sparql.py                       # the seed listings' store
    .venv/bin/python bench/bench_sparql.py --store S --seconds 5 --rounds 3
    .venv/bin/python bench/bench_sparql.py --kg-url http://127.0.0.1:8000   # a running kg

Two workloads, each as rounds of wrk runs (loopback, `--connections` connections, two
client threads, `--seconds` each) alternating kg and Oxigraph so that both see the same
machine load:

* **select**: the same simple SELECT sent to kg's /sparql and to Oxigraph's /query;
* **evaluations**: kg's `GET /api/evaluations?subject=&target=` against the equivalent
  SPARQL (bench/bench_api.py's EQUIV_Q, names resolved once up front) sent to Oxigraph.

kg runs twice, side by side in the same rounds: `kg` as `kg serve` starts (its answer
cache on: the bench repeats the same few requests, so after the warm-up nearly every
request is a cache hit; its answers carry `X-KG-Cache: hit`) and `kg_uncached` with
`--cache-mb 0` (every request parsed, run in a worker and serialised). `--no-uncached`
leaves the second out.

Reports requests/s per run, the kg / Oxigraph ratio per round and the median ratio, and
any non-2xx answers. kg runs with its limits on (its defaults); Oxigraph with none unless
`--ox-timeout` (its --timeout-s, which cost it ~4x and some 5xx here). Results: printed
and written to --out (JSON). Needs `wrk`
(Debian package) and the `oxigraph` binary (`pip install oxigraph==<pyoxigraph's version>`).
This machine is shared: only ratios measured in the same run mean anything.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_api import free_port, pick_pairs, wait_http, wrk_load  # noqa: E402

OUT = ROOT / "bench" / "out"
BIN = Path(sys.executable).parent
SELECT = "SELECT ?s ?o WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?o } LIMIT 10"


def build_seed_store(store: Path) -> None:
    listings = sorted((ROOT / "examples" / "listings").glob("*.txt"))
    subprocess.run(
        [str(BIN / "kg"), "ingest", "--store", str(store), "--workers", "1", *map(str, listings)],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def load_avg() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--store", type=Path, default=OUT / "work" / "seed-store")
    ap.add_argument("--kg-url", help="a kg serve already running on this store")
    ap.add_argument("--kg-args", default="", help="extra `kg serve` options, space-separated")
    ap.add_argument(
        "--also",
        action="append",
        default=[],
        metavar="NAME=URL",
        help="another kg server on the same store to measure in the same rounds "
        "(e.g. the previous version), repeatable",
    )
    ap.add_argument(
        "--no-uncached",
        action="store_true",
        help="do not also start kg with its answer cache off (kg_uncached)",
    )
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--pairs", type=int, default=5)
    ap.add_argument("--workloads", default="select,evaluations")
    ap.add_argument(
        "--ox-timeout",
        type=int,
        default=0,
        help="Oxigraph's --timeout-s (0: none, its fastest; measured ~4x slower with one)",
    )
    ap.add_argument("--out", type=Path, default=OUT / "bench_sparql.json")
    args = ap.parse_args()
    if not shutil.which("wrk"):
        print("wrk is needed (apt-get install wrk)", file=sys.stderr)
        return 2
    oxi = shutil.which("oxigraph", path=str(BIN)) or shutil.which("oxigraph")
    if not oxi:
        print("the oxigraph binary is needed (pip install oxigraph)", file=sys.stderr)
        return 2
    if not args.store.exists():
        print(f"building {args.store} from examples/listings …", flush=True)
        args.store.parent.mkdir(parents=True, exist_ok=True)
        build_seed_store(args.store)

    procs: list[subprocess.Popen] = []
    try:

        def start_kg(extra: list[str]) -> str:
            port = free_port()
            procs.append(
                subprocess.Popen(
                    [
                        str(BIN / "kg"),
                        "serve",
                        "--store",
                        str(args.store),
                        "--port",
                        str(port),
                        "--log-level",
                        "warning",
                        *args.kg_args.split(),
                        *extra,
                    ],
                    stdout=subprocess.DEVNULL,
                )
            )
            return f"http://127.0.0.1:{port}"

        kg = args.kg_url.rstrip("/") if args.kg_url else start_kg([])
        others = [tuple(a.split("=", 1)) for a in args.also]
        if not args.no_uncached:
            others.insert(0, ("kg_uncached", start_kg(["--cache-mb", "0"])))
        oport = free_port()
        procs.append(
            subprocess.Popen(
                [
                    oxi,
                    "serve-read-only",
                    "--location",
                    str(args.store),
                    "--bind",
                    f"127.0.0.1:{oport}",
                    "--union-default-graph",
                    *(["--timeout-s", str(args.ox_timeout)] if args.ox_timeout else []),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        ox = f"http://127.0.0.1:{oport}"
        wait_http(kg + "/health", timeout=600, ready=True)
        for _, url in others:
            wait_http(url + "/health", timeout=600, ready=True)
        wait_http(ox + "/query?query=" + quote("ASK {}"), timeout=120)

        workloads: dict[str, tuple[list[str], list[str]]] = {}
        names = args.workloads.split(",")
        if "select" in names:
            q = "?query=" + quote(SELECT)
            workloads["select"] = (["/sparql" + q], ["/query" + q])
        if "evaluations" in names:
            pairs = pick_pairs(args.store, args.pairs)
            if pairs:
                workloads["evaluations"] = (
                    [
                        "/api/evaluations?"
                        + urlencode({"subject": p["subject"], "target": p["target"]})
                        for p in pairs
                    ],
                    ["/query?query=" + quote(p["sparql"]) for p in pairs],
                )
        results: dict = {
            "store": str(args.store),
            "connections": args.connections,
            "seconds": args.seconds,
            "cpus": os.cpu_count(),
            "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "load_avg_start": round(load_avg(), 2),
            "kg": "kg serve as started (answer cache on; repeated requests are hits)",
            "kg_uncached": "kg serve --cache-mb 0 (every request runs its query)",
            "workloads": {},
        }
        for name, (kg_paths, ox_paths) in workloads.items():
            # warm up both (kg's label index, page caches)
            wrk_load(kg, kg_paths, args.connections, 2)
            wrk_load(ox, ox_paths, args.connections, 2)
            rounds = []
            for _, url in others:
                wrk_load(url, kg_paths, args.connections, 2)
            for i in range(args.rounds):
                order = [("kg", kg, kg_paths)]
                order += [(n, u, kg_paths) for n, u in others]
                order.append(("oxigraph", ox, ox_paths))
                order = order[i % len(order) :] + order[: i % len(order)]  # rotate
                got = {"load_avg": round(load_avg(), 2)}
                for who, base, paths in order:
                    got[who] = wrk_load(base, paths, args.connections, args.seconds)
                o = got["oxigraph"]["req_per_s"] or 0.0
                for who, _, _ in order:
                    if who == "oxigraph":
                        continue
                    k = got[who]["req_per_s"] or 0.0
                    got["ratio" if who == "kg" else f"ratio_{who}"] = (
                        round(k / o, 3) if o else float("nan")
                    )
                rounds.append(got)
                print(
                    f"{name} round {i + 1}: "
                    + ", ".join(
                        f"{who} {got[who]['req_per_s'] or 0:.0f} req/s (non-2xx "
                        f"{got[who]['non_2xx']})"
                        for who, _, _ in order
                    )
                    + f"; kg/oxigraph {got['ratio']:.3f}x"
                    + "".join(f", {n}/oxigraph {got['ratio_' + n]:.3f}x" for n, _ in others)
                    + f"  (load {got['load_avg']})",
                    flush=True,
                )
            results["workloads"][name] = {
                "rounds": rounds,
                "median_ratio": round(statistics.median(r["ratio"] for r in rounds), 3),
                **{
                    f"median_ratio_{n}": round(
                        statistics.median(r[f"ratio_{n}"] for r in rounds), 3
                    )
                    for n, _ in others
                },
            }
            summary = results["workloads"][name]
            print(
                f"{name}: median kg/oxigraph ratio {summary['median_ratio']} (cache on)"
                + "".join(f", {n} {summary['median_ratio_' + n]}" for n, _ in others)
            )
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2) + "\n")
        print(f"written to {args.out}")
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(20)
            except subprocess.TimeoutExpired:
                p.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
