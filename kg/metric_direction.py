"""Which way is better for a metric, as data: ontology/patterns/metric_direction.json.

`higher_is_better(metric_id, label, broader)` -> True (higher is better: accuracy, F1,
BLEU), False (lower is better: latency, perplexity, WER, FID) or None (unknown, or it
depends on the study). Listed concepts first, then the nearest `skos:broader` ancestor
that is listed, then the label rules. The RDF writer states it on metric concepts as
`kg:higherIsBetter` (kg.to_rdf.entity_quads).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from kg.paths import ontology_dir


class MetricDirection:
    def __init__(self, data: dict) -> None:
        self.by_id: dict[str, bool | None] = {}
        for cid in data.get("unknown", []):
            self.by_id[cid] = None
        for cid in data.get("higher", []):
            self.by_id[cid] = True
        for cid in data.get("lower", []):
            self.by_id[cid] = False
        rules = data.get("label_rules", {})
        self.unknown = [re.compile(r, re.IGNORECASE) for r in rules.get("unknown", [])]
        self.lower = [re.compile(r, re.IGNORECASE) for r in rules.get("lower", [])]
        self.higher = [re.compile(r, re.IGNORECASE) for r in rules.get("higher", [])]

    def of(self, metric_id: str, label: str | None = None, broader=(), parents=None) -> bool | None:
        """The direction of `metric_id`: listed, else via its ancestors (`broader`, then
        `parents(id) -> ids` for theirs), else by its label; None when unknown."""
        if metric_id in self.by_id:
            return self.by_id[metric_id]  # None for those listed as depending on the study
        if label and any(r.search(label) for r in self.unknown):
            return None
        seen = {metric_id}
        todo = list(broader)
        while todo:
            b = todo.pop(0)
            if b in seen:
                continue
            seen.add(b)
            if b in self.by_id:
                return self.by_id[b]
            if parents is not None:
                todo.extend(parents(b))
        if not label:
            return None
        low = any(r.search(label) for r in self.lower)
        high = any(r.search(label) for r in self.higher)
        if low != high:
            return high
        return None  # no rule, or rules both ways ("error rate" is listed; "accuracy loss" is not)


def direction_path() -> Path:
    return ontology_dir() / "patterns" / "metric_direction.json"


@lru_cache(maxsize=4)
def load_direction(path: str | None = None) -> MetricDirection:
    p = Path(path) if path else direction_path()
    if not p.exists():
        return MetricDirection({})
    return MetricDirection(json.loads(p.read_text(encoding="utf-8")))


def higher_is_better(metric_id: str, label: str | None = None, broader=()) -> bool | None:
    return load_direction().of(metric_id, label, broader)
