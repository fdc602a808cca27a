"""Draw the round-4 gold sample: real corpus papers from its last two months (crawl_date
2026-03 and 2026-04), at random, in cs.CL/LG/AI/CV, none in the dev set or in any earlier
`eval/` file (gold, samples and earlier candidate lists alike).

Why a fourth set: the rules are tuned on dev, `eval/tuning_*` and round 2's tune half,
and every round gains far more there than on the blind sets; the tuning data is too
small and too familiar. This set is annotated blind to the extractor, scored once before
anyone reads the extractor's output on it (a first-look figure for the extraction log),
and is tuning data from then on.

Candidates are dealt round-robin into two annotation lists; each annotator goes down its
list and accepts a paper if it names anything concrete (GUIDELINES.md), stopping at 30.

Run: python eval/round4/draw.py  (writes eval/round4/candidates_{0,1}.jsonl)
"""

from __future__ import annotations

import gzip
import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
EVAL = HERE.parent
CORPUS = EVAL.parents[1] / "shared" / "corpora" / "arxiv_2025_2026-04.jsonl.gz"
SEED = 20261209
CATS = {"cs.CL", "cs.LG", "cs.AI", "cs.CV"}
MONTHS = ("2026-03", "2026-04")
LISTS = 2
PER_LIST = 45


def norm(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", title.lower()).strip()


def taken_titles() -> set[str]:
    titles: set[str] = set()
    files = [EVAL.parents[1] / "shared" / "gold" / "dev.jsonl", *sorted(EVAL.rglob("*.jsonl"))]
    for f in files:
        if f.parent == HERE:
            continue
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                titles.add(norm(json.loads(line)["title"]))
    return titles


def main() -> None:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    recent = [
        i for i, line in enumerate(lines) if json.loads(line).get("crawl_date", "")[:7] in MONTHS
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


if __name__ == "__main__":
    main()
