#!/usr/bin/env python3
"""A fixed-seed draw of corpus records for measuring a rule's reach and precision, with
every evaluation paper left out (blind sets included).

    python scripts/corpus_draw.py --n 2000 --seed 2828 -o /tmp/draw.jsonl [--skip-from F]

Engineers tune on corpus draws and must not read the blind sets, so they could not leave
the blind papers out of their draws themselves (round 19: ~0.3% of the corpus, a few
papers in every draw of 2,000). This leaves out, by normalised title, every record of the
files `kg vocab mine` leaves out (the dev gold and every JSONL file of eval/ and
eval/round*/), reading them itself and printing only counts. Records keep their original
JSON line; only records with a title and an abstract are drawn. `--skip-from` also leaves
out the records of an earlier draw (a fresh validation draw).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.evaluate import title_match_key  # noqa: E402
from kg.vocab_mine import DEFAULT_EXCLUDE, exclusion_titles  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "arxiv_2025_2026-04.jsonl.gz"


def draw(
    corpus: Path, n: int, seed: int, excluded: set[str], skip: set[str] = frozenset()
) -> tuple[list[str], int]:
    """`n` record lines drawn without replacement by `random.Random(seed)`, in draw order,
    and how many drawn records were left out as evaluation papers."""
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip()]
    order = list(range(len(lines)))
    random.Random(seed).shuffle(order)
    out, left_out = [], 0
    for i in order:
        if len(out) >= n:
            break
        try:
            rec = json.loads(lines[i])
        except json.JSONDecodeError:
            continue
        title, abstract = rec.get("title"), rec.get("abstract")
        if not (isinstance(title, str) and title.strip() and isinstance(abstract, str)):
            continue
        key = title_match_key(title)
        if key in excluded:
            left_out += 1
            continue
        if key in skip:
            continue
        out.append(lines[i].rstrip("\n"))
    return out, left_out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=2828)
    ap.add_argument("-o", "--out", type=Path, required=True)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--skip-from", type=Path, action="append", default=[])
    ap.add_argument("--exclude", action="append", default=list(DEFAULT_EXCLUDE))
    a = ap.parse_args(argv)
    excluded, files = exclusion_titles(a.exclude, root=ROOT)
    skip: set[str] = set()
    for f in a.skip_from:
        skip |= exclusion_titles([str(f)])[0]
    lines, left_out = draw(a.corpus, a.n, a.seed, excluded, skip)
    a.out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    print(
        f"{len(lines)} records to {a.out}; {left_out} drawn evaluation papers left out "
        f"({len(excluded)} titles from {len(files)} files)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
