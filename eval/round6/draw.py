"""Draw the round-6 blind sample: real corpus papers from the corpus's last two crawl
months (2026-03, 2026-04), ML categories, none in the dev set or any earlier `eval/` file,
no filter on what the abstract states (the field as it comes).

Why: session 14 changed extraction with rules chosen for their reach over the corpus
rather than for tuning-set misses; this set, annotated blind to the extractor and never
read paper by paper afterwards, measures main before and after that round on papers
nobody tuned on, beside the three older blind sets.

Run: python eval/round6/draw.py  (writes eval/round6/candidates_{0,1}.jsonl)
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from draw_common import draw  # noqa: E402

if __name__ == "__main__":
    n = draw(HERE, seed=20261214, months=("2026-03", "2026-04"), lists=2, per_list=30)
    print(f"{n} candidates")
