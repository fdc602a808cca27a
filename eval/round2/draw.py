"""Draw the round-2 gold sample: real corpus papers from its last two months (crawl_date
2026-03 and 2026-04), at random, none in the dev set or in eval/'s earlier sets.

Candidates are dealt round-robin into four annotation lists; each annotator goes down
its list and accepts a paper if it names anything concrete (GUIDELINES.md), stopping at
32. Which half a paper is in (tune / blind) is fixed here, before any annotation, by a
seeded draw over its id, so nobody chooses it after seeing the extractor's output.

Run: python eval/round2/draw.py  (writes eval/round2/candidates_{0..3}.jsonl, split.json)
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[2] / "shared" / "corpora" / "arxiv_2025_2026-04.jsonl.gz"
SEED = 20261207
CATS = {"cs.CL", "cs.LG", "cs.AI", "cs.CV"}
LISTS = 4
PER_LIST = 60


def norm(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", title.lower()).strip()


def taken_titles() -> set[str]:
    titles: set[str] = set()
    files = [
        HERE.parents[2] / "shared" / "gold" / "dev.jsonl",
        *sorted((HERE.parent).glob("*.jsonl")),
    ]
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                titles.add(norm(json.loads(line)["title"]))
    return titles


def main() -> None:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    recent = [
        i
        for i, line in enumerate(lines)
        if json.loads(line).get("crawl_date", "")[:7] in ("2026-03", "2026-04")
    ]
    taken = taken_titles()
    rng = random.Random(SEED)
    rng.shuffle(recent)
    cands: list[str] = []
    for i in recent:
        rec = json.loads(lines[i])
        if not CATS & set(rec.get("categories") or []):
            continue
        if norm(rec["title"]) in taken:
            continue
        taken.add(norm(rec["title"]))
        cands.append(lines[i])
        if len(cands) == LISTS * PER_LIST:
            break
    for k in range(LISTS):
        (HERE / f"candidates_{k}.jsonl").write_text(
            "\n".join(cands[k::LISTS]) + "\n", encoding="utf-8"
        )
    split = {}
    for line in cands:
        pid = json.loads(line)["id"]
        h = int(hashlib.sha256(f"{SEED}:{pid}".encode()).hexdigest(), 16)
        split[pid] = "blind" if h % 2 else "tune"
    (HERE / "split.json").write_text(
        json.dumps(split, indent=0, sort_keys=True) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
