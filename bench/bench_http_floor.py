#!/usr/bin/env python
"""What a Python HTTP server costs before any kg code runs, beside Oxigraph answering the
bench's simple SELECT, in the same rounds (issue #18, item 10):

* `uvicorn-httptools`: a hello-world ASGI app under uvicorn with httptools (uvloop when installed);
* `granian-asgi`: the same ASGI app under granian (a Rust HTTP server), one worker;
* `granian-rsgi`: a hello-world on granian's RSGI interface, one worker;
* `oxigraph`: `oxigraph serve-read-only` answering the SELECT of bench_sparql.py.

    .venv/bin/python bench/bench_http_floor.py --rounds 3 --seconds 4

Needs wrk, granian and the oxigraph binary. Prints requests/s per run and the median
ratio of each to Oxigraph; writes bench/out/http_floor.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_api import free_port, wait_http, wrk_load  # noqa: E402
from bench_sparql import BIN, OUT, SELECT, build_seed_store, load_avg  # noqa: E402

HELLO = """
BODY = b'{"head":{"vars":[]},"boolean":true}'
HEADERS = [(b"content-type", b"application/sparql-results+json"),
           (b"content-length", str(len(BODY)).encode())]


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
    await send({"type": "http.response.body", "body": BODY})


class Rsgi:
    def __rsgi__(self, scope, proto):
        proto.response_bytes(200, [("content-type", "application/sparql-results+json")], BODY)


rsgi = Rsgi()
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--store", type=Path, default=OUT / "work" / "seed-store")
    ap.add_argument("--seconds", type=int, default=4)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--out", type=Path, default=OUT / "http_floor.json")
    args = ap.parse_args()
    if not args.store.exists():
        args.store.parent.mkdir(parents=True, exist_ok=True)
        build_seed_store(args.store)
    work = OUT / "work" / "floor"
    work.mkdir(parents=True, exist_ok=True)
    (work / "hello_app.py").write_text(HELLO)
    oxi = shutil.which("oxigraph", path=str(BIN)) or "oxigraph"
    py = str(BIN / "python")
    ports = {n: free_port() for n in ("uvicorn-httptools", "granian-asgi", "granian-rsgi", "ox")}
    cmds = {
        "uvicorn-httptools": [
            py,
            "-m",
            "uvicorn",
            "hello_app:app",
            "--http",
            "httptools",
            "--log-level",
            "warning",
            "--port",
            str(ports["uvicorn-httptools"]),
        ],
        "granian-asgi": [
            py,
            "-m",
            "granian",
            "--interface",
            "asgi",
            "--workers",
            "1",
            "--log-level",
            "warning",
            "--port",
            str(ports["granian-asgi"]),
            "hello_app:app",
        ],
        "granian-rsgi": [
            py,
            "-m",
            "granian",
            "--interface",
            "rsgi",
            "--workers",
            "1",
            "--log-level",
            "warning",
            "--port",
            str(ports["granian-rsgi"]),
            "hello_app:rsgi",
        ],
        "ox": [
            oxi,
            "serve-read-only",
            "--location",
            str(args.store),
            "--bind",
            f"127.0.0.1:{ports['ox']}",
            "--union-default-graph",
        ],
    }
    procs = []
    try:
        for c in cmds.values():
            procs.append(
                subprocess.Popen(c, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            )
        q = "/query?query=" + quote(SELECT)
        targets = {n: (f"http://127.0.0.1:{p}", ["/"]) for n, p in ports.items() if n != "ox"}
        targets["oxigraph"] = (f"http://127.0.0.1:{ports['ox']}", [q])
        for base, paths in targets.values():
            wait_http(base + paths[0], timeout=60)
            wrk_load(base, paths, args.connections, 1)
        rounds = []
        names = list(targets)
        for i in range(args.rounds):
            order = names[i % len(names) :] + names[: i % len(names)]
            got: dict = {"load_avg": round(load_avg(), 2)}
            for n in order:
                base, paths = targets[n]
                got[n] = (wrk_load(base, paths, args.connections, args.seconds) or {}).get(
                    "req_per_s"
                ) or 0.0
            rounds.append(got)
            print(
                f"round {i + 1}: "
                + ", ".join(f"{n} {got[n]:.0f}" for n in names)
                + f" req/s (load {got['load_avg']})",
                flush=True,
            )
        summary = {
            n: round(statistics.median(r[n] / r["oxigraph"] for r in rounds if r["oxigraph"]), 3)
            for n in names
            if n != "oxigraph"
        }
        print(
            "median ratio to oxigraph's SELECT: "
            + ", ".join(f"{n} {v}x" for n, v in summary.items())
        )
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(
            json.dumps(
                {
                    "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "connections": args.connections,
                    "seconds": args.seconds,
                    "rounds": rounds,
                    "median_ratio": summary,
                },
                indent=2,
            )
            + "\n"
        )
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
