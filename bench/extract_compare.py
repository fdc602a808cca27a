"""The extractor against an earlier one, on the same abstracts in the same run (not a test).

    python bench/extract_compare.py [--against REV] [--n 2000] [--rounds 3]

`REV` (default: the last commit before extraction round 2) is unpacked with `git archive`
(its kg/ and ontology/) into a temporary folder. Each round runs one child process per
extractor, in alternating order, each timing `Extractor.extract_many(workers=1)` on the
same N corpus abstracts after a warm-up, pure Python (KG_PURE_PYTHON=1). The machines
here are noisy, so the report is the ratio of medians and each round's paired ratio,
never an absolute speed. Target (issue #16): new / old >= 0.8.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "arxiv_2025_2026-04.jsonl.gz"
BEFORE_ROUND_2 = "986e839"  # main before extraction round 2 (issue #16)


def child(src: str, corpus: str, n: int) -> None:
    """Runs in a subprocess with `src` first on sys.path: print abstracts/s as JSON."""
    sys.path.insert(0, src)
    import gzip

    from kg.extract import Extractor
    from kg.models import Paper

    papers = []
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d.get("title"):
                abstract = " ".join((d.get("abstract") or "").split())
                papers.append(Paper(title=d["title"], abstract=abstract))
            if len(papers) >= n:
                break
    ex = Extractor()
    list(ex.extract_many(papers[:100], workers=1))  # warm-up: vocabularies, caches
    t = time.perf_counter()
    done = sum(1 for _ in ex.extract_many(papers, workers=1))
    seconds = time.perf_counter() - t
    import kg

    print(json.dumps({"rate": done / seconds, "n": done, "module": kg.__file__}))


def unpack(rev: str, into: Path) -> None:
    data = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", rev, "kg", "ontology"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(into, filter="data")


def run_child(src: Path, corpus: Path, n: int) -> float:
    env = {k: v for k, v in os.environ.items() if k not in ("KG_DATA_DIR", "PYTHONPATH")}
    env["KG_PURE_PYTHON"] = "1"
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(src), "--corpus", str(corpus), "--n", str(n)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=str(src),
    ).stdout
    info = json.loads(out.strip().splitlines()[-1])
    if not info["module"].startswith(str(src)):
        raise SystemExit(f"the child imported kg from {info['module']}, not {src}")
    return float(info["rate"])


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--against", default=BEFORE_ROUND_2, help="the earlier extractor's commit")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--n", type=int, default=2000, help="abstracts per timing")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "extract_compare.json")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, str(args.corpus), args.n)
        return
    rates: dict[str, list[float]] = {"old": [], "new": []}
    with tempfile.TemporaryDirectory(prefix="kg-extract-old-") as tmp:
        old = Path(tmp)
        unpack(args.against, old)
        for r in range(args.rounds):
            order = ("old", "new") if r % 2 == 0 else ("new", "old")
            for which in order:
                src = old if which == "old" else ROOT
                rates[which].append(run_child(src, args.corpus, args.n))
                print(f"round {r + 1}: {which} {rates[which][-1]:.1f} abstracts/s", flush=True)
    paired = [round(n / o, 3) for n, o in zip(rates["new"], rates["old"], strict=True)]
    ratio = statistics.median(rates["new"]) / statistics.median(rates["old"])
    report = {
        "against": args.against,
        "abstracts": args.n,
        "rounds": args.rounds,
        "old_rates": [round(x, 1) for x in rates["old"]],
        "new_rates": [round(x, 1) for x in rates["new"]],
        "paired_ratios": paired,
        "ratio_of_medians": round(ratio, 3),
        "target": 0.8,
        "meets_target": ratio >= 0.8,
    }
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
