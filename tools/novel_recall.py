"""Recall on gold names that are in no curated vocabulary (typed and untyped).

    python tools/novel_recall.py GOLD.jsonl SOURCES... [--split all|tune|heldout]

Prints one summary line (no per-paper output). `KG_VOCAB_MINED=0` scores the extractor
without the mined vocabulary (kg.vocab_mine)."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.cli_extract import _papers
from kg.evaluate import _keys, _match, in_split, read_jsonl, title_match_key
from kg.extract import Extractor
from kg.extract.normalise import match_key
from kg.gold import to_gold
from kg.models import ENTITY_TYPES
from kg.vocab_mine import curated_lookup


def _pkeys(e):
    return {match_key(e["name"])}, _keys(e)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("sources", nargs="+")
    ap.add_argument("--split", default="all")
    a = ap.parse_args()
    curated = curated_lookup()
    gold = [g for g in read_jsonl(a.gold) if in_split(g.get("id", ""), a.split)]
    papers = list(_papers([Path(s) for s in a.sources]))
    ex = Extractor()
    preds = {
        title_match_key(p.title): to_gold(p, e)
        for p, e in zip(papers, ex.extract_many(papers), strict=True)
    }
    n = typed = untyped = 0
    for g in gold:
        pred = preds.get(title_match_key(g.get("title", "")))
        if pred is None:
            continue
        all_g: list[dict] = []
        all_p: list[dict] = []
        novel_ids = set()
        for t in ENTITY_TYPES:
            gs = list((g.get("entities") or {}).get(t, []) or [])
            ps = list((pred.get("entities") or {}).get(t, []) or [])
            miss, _, _ = _match(gs, ps, _keys, _pkeys)
            for i, e in enumerate(gs):
                if any(curated(x) for x in [e["name"], *(e.get("aliases") or [])]):
                    continue
                n += 1
                typed += i not in miss
                novel_ids.add(len(all_g) + i)
            all_g += gs
            all_p += ps
        miss, _, _ = _match(all_g, all_p, _keys, _pkeys)
        untyped += sum(1 for i in novel_ids if i not in miss)
    print(
        f"novel gold names {n}: recall typed {typed / max(n, 1):.3f} ({typed}),"
        f" untyped {untyped / max(n, 1):.3f} ({untyped})"
    )


if __name__ == "__main__":
    main()
