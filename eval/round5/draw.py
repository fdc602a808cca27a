"""Draw the round-5 gold sample: real corpus papers whose abstracts state result numbers,
from crawl months 2025-10 to 2025-12, none in the dev set or any earlier `eval/` file.

Why: round 15's rules (session 13) raised every tuning set, round 4 most, and moved the
blind sets little; this set measures them once more on papers nobody has read (a
first-look figure), then serves as tuning data for evaluation statements, the class
round 3's blind papers (which also state numbers) miss most.

Run: python eval/round5/draw.py  (writes eval/round5/candidates_{0,1}.jsonl)
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from draw_common import STATES_RESULT, draw  # noqa: E402

if __name__ == "__main__":
    n = draw(
        HERE,
        seed=20261210,
        months=("2025-10", "2025-11", "2025-12"),
        lists=2,
        per_list=30,
        accept=lambda rec: bool(STATES_RESULT.search(rec.get("abstract") or "")),
    )
    print(f"{n} candidates")
