"""What every round's draw does alike: read the shared corpus, leave out any paper already
in the dev set or an `eval/` file, and deal the chosen candidates into annotation lists.

Why one module: rounds 2-4 each carried a copy of these steps (their scripts stay as
they were run, so their draws can be repeated exactly); round 5 on use this.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Callable, Iterable
from pathlib import Path

EVAL = Path(__file__).resolve().parent
CORPUS = EVAL.parents[1] / "shared" / "corpora" / "arxiv_2025_2026-04.jsonl.gz"
DEV = EVAL.parents[1] / "shared" / "gold" / "dev.jsonl"
ML_CATEGORIES = frozenset({"cs.CL", "cs.LG", "cs.AI", "cs.CV"})

# an abstract that states a result number: a percentage, or a metric word and a decimal
STATES_RESULT = re.compile(
    r"\b\d{1,3}(?:\.\d+)?\s?%"
    r"|\b(?:accuracy|F1|BLEU|ROUGE(?:-\w+)?|AUC|mAP|pass@\d+|EM|score|WER|PSNR|FID)\b"
    r"[^.]{0,40}?\b\d+\.\d+",
    re.IGNORECASE,
)


def norm(title: str) -> str:
    """A title as the draws compare them: lower-case alphanumerics and single spaces."""
    return re.sub(r"[^a-z0-9]+", " ", title.lower()).strip()


def taken_titles(skip_dir: Path | None = None) -> set[str]:
    """Titles of every paper in the dev set or any `eval/` JSONL file (gold, samples and
    candidate lists alike), except those under `skip_dir` (the round being drawn)."""
    titles: set[str] = set()
    for f in [DEV, *sorted(EVAL.rglob("*.jsonl"))]:
        if skip_dir is not None and f.parent == skip_dir:
            continue
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                titles.add(norm(json.loads(line)["title"]))
    return titles


def draw(
    out_dir: Path,
    *,
    seed: int,
    months: Iterable[str],
    lists: int,
    per_list: int,
    accept: Callable[[dict], bool] = lambda rec: True,
) -> int:
    """Shuffle the corpus's papers of `months` with `seed`, keep ML papers not taken and
    accepted by `accept`, and deal `lists * per_list` of them round-robin into
    `out_dir/candidates_{k}.jsonl`. Returns how many were written."""
    wanted = set(months)
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    pool = [
        i for i, line in enumerate(lines) if json.loads(line).get("crawl_date", "")[:7] in wanted
    ]
    taken = taken_titles(skip_dir=out_dir)
    random.Random(seed).shuffle(pool)
    cands: list[str] = []
    for i in pool:
        rec = json.loads(lines[i])
        if not ML_CATEGORIES & set(rec.get("categories") or []):
            continue
        if norm(rec["title"]) in taken or not accept(rec):
            continue
        taken.add(norm(rec["title"]))
        cands.append(lines[i])
        if len(cands) == lists * per_list:
            break
    for k in range(lists):
        (out_dir / f"candidates_{k}.jsonl").write_text(
            "\n".join(cands[k::lists]) + "\n", encoding="utf-8"
        )
    return len(cands)
