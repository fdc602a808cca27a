"""Draw the round-3 gold sample: real corpus papers whose abstracts state result numbers,
from crawl months 2026-01 and 2026-02 (not used by earlier sets), none in the dev set or
in eval/'s earlier sets. Every paper of this round is blind: it is only ever scored.

Why: round 2's blind half held nine stated values, too few to measure value precision.
The filter reads only the abstract's text (a number with %, or a metric word followed by
a decimal), never any extractor output.

Candidates are dealt round-robin into two annotation lists; each annotator goes down its
list and accepts a paper if it names anything concrete (GUIDELINES.md), stopping at 25.

Run: python eval/round3/draw.py  (writes eval/round3/candidates_{0,1}.jsonl)
"""

from __future__ import annotations

import gzip
import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "arxiv_2025_2026-04.jsonl.gz"
SEED = 20261208
CATS = {"cs.CL", "cs.LG", "cs.AI", "cs.CV"}
MONTHS = ("2026-01", "2026-02")
LISTS = 2
PER_LIST = 40
RESULT = re.compile(
    r"\b\d{1,3}(?:\.\d+)?\s?%"
    r"|\b(?:accuracy|F1|BLEU|ROUGE(?:-\w+)?|AUC|mAP|pass@\d+|EM|score|WER|PSNR|FID)\b"
    r"[^.]{0,40}?\b\d+\.\d+",
    re.IGNORECASE,
)


def norm(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", title.lower()).strip()


def taken_titles() -> set[str]:
    titles: set[str] = set()
    files = [
        ROOT.parent / "shared" / "gold" / "dev.jsonl",
        *sorted((ROOT / "eval").glob("*.jsonl")),
        *sorted((ROOT / "eval" / "round2").glob("*.jsonl")),
    ]
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                titles.add(norm(json.loads(line)["title"]))
    return titles


def main() -> None:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    months = [
        i for i, line in enumerate(lines) if json.loads(line).get("crawl_date", "")[:7] in MONTHS
    ]
    taken = taken_titles()
    rng = random.Random(SEED)
    rng.shuffle(months)
    cands: list[str] = []
    for i in months:
        rec = json.loads(lines[i])
        if not CATS & set(rec.get("categories") or []):
            continue
        if norm(rec["title"]) in taken or not RESULT.search(rec.get("abstract") or ""):
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
