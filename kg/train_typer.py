"""`kg train-typer`: train the candidate typer (kg.extract.candidate_typer) on gold sets.

Examples are the entities the rules resolve in each gold paper (the pipeline run with
the typer off); an entity's label is the type of the gold entity it matches as
`kg eval` matches names (`match_key` of its name or any surface against the gold
name or aliases, any type), else DROP. The model is a multinomial logistic regression
trained by full-batch Adam from zero weights in a fixed order, so the same gold files
give the same weights. Only the tuning sets may be named here (GUIDELINES: the blind
sets are scored by the coordinator only).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kg.evaluate import arxiv_of, read_jsonl, title_match_key
from kg.extract.candidate_typer import DROP, TyperModel
from kg.extract.normalise import match_key
from kg.models import ENTITY_TYPES, Paper

CLASSES = [DROP, *ENTITY_TYPES]
_ROOT = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    return Path(os.environ.get("KG_SHARED", _ROOT.parent / "shared"))


def gold_sets() -> dict[str, tuple[Path, list[Path]]]:
    """The gold sets one may train on: name -> (gold file, listing files)."""
    sh = shared_dir()
    return {
        "dev": (sh / "gold" / "dev.jsonl", sorted((sh / "seeds").glob("*"))),
        "tuning": (_ROOT / "eval" / "tuning_gold.jsonl", [_ROOT / "eval" / "tuning_sample.jsonl"]),
        "r2tune": (
            _ROOT / "eval" / "round2" / "tune_gold.jsonl",
            [_ROOT / "eval" / "round2" / "tune_sample.jsonl"],
        ),
    }


@dataclass
class Example:
    paper: str
    current: str
    label: str
    feats: list[str]
    name: str = ""


def _pairs(gold: list[dict], papers: list[Paper]) -> list[tuple[dict, Paper]]:
    """Gold records with their papers, matched as kg.evaluate matches them."""
    by_ax: dict[str, Paper] = {}
    by_title: dict[str, Paper] = {}
    for p in papers:
        ax = arxiv_of(p.key) or arxiv_of(p.arxiv_id or "")
        if ax:
            by_ax.setdefault(ax, p)
        by_title.setdefault(title_match_key(p.title), p)
    out = []
    for g in gold:
        gax = arxiv_of(g.get("id", ""))
        found = by_ax.get(gax) if gax else None
        if found is None:
            found = by_title.get(title_match_key(g.get("title", "")))
        if found is not None:
            out.append((g, found))
    return out


def _gold_index(g: dict) -> dict[str, str]:
    idx: dict[str, str] = {}
    for t in ENTITY_TYPES:
        for e in (g.get("entities") or {}).get(t, []) or []:
            for n in [e["name"], *(e.get("aliases") or [])]:
                k = match_key(n)
                if k:
                    idx.setdefault(k, t)
    return idx


def label_of(ent: dict, gidx: dict[str, str]) -> str:
    for n in [ent["label"], *ent["surfaces"]]:
        t = gidx.get(match_key(n))
        if t:
            return t
    return DROP


def _untyped_extractor():
    """An extractor whose pipeline runs without the typer (the examples it learns from)."""
    from kg.extract import Extractor

    old = os.environ.get("KG_TYPER")
    os.environ["KG_TYPER"] = "0"
    try:
        return Extractor()
    finally:
        if old is None:
            del os.environ["KG_TYPER"]
        else:
            os.environ["KG_TYPER"] = old


def examples_of(name: str, extractor=None) -> tuple[list[Example], int]:
    """(examples, number of gold entities) of one gold set."""
    from kg.extract.candidate_features import FeatureMaker, Mined
    from kg.extract.candidate_typer import features_of_state, load_df
    from kg.readers import read_path

    gold_path, listings = gold_sets()[name]
    ex = extractor or _untyped_extractor()
    mined = Mined(Path(ex.vocab_dir) if ex.vocab_dir else _vocab_dir())
    papers = [p for path in listings for p in read_path(path) if isinstance(p, Paper)]
    maker = FeatureMaker(mined, load_df())
    out: list[Example] = []
    n_gold = 0
    for g, p in _pairs(read_jsonl(gold_path), papers):
        gidx = _gold_index(g)
        n_gold += sum(len((g.get("entities") or {}).get(t, []) or []) for t in ENTITY_TYPES)
        st = ex.state(p.title, p.abstract)
        feats = features_of_state(st, ex.vocabulary, maker)
        for eid, ent in st.entities.items():
            out.append(
                Example(g.get("id", ""), ent["type"], label_of(ent, gidx), feats[eid], ent["label"])
            )
    return out, n_gold


def _vocab_dir() -> Path:
    from kg.paths import vocab_dir

    return vocab_dir()


def train(
    examples: list[Example],
    l2: float = 5.0,
    iters: int = 300,
    lr: float = 0.05,
    min_count: int = 3,
) -> dict[str, list[float]]:
    """Multinomial logistic regression (mean cross-entropy + l2/n * |W|^2 / 2), Adam,
    zero start: deterministic. Features seen in fewer than `min_count` examples are left
    out (a name-specific context word would only memorise its paper)."""
    counts = Counter(f for ex in examples for f in set(ex.feats))
    names = sorted(f for f, c in counts.items() if c >= min_count)
    index = {f: i for i, f in enumerate(names)}
    rows, cols = [], []
    for r, ex in enumerate(examples):
        for f in sorted(set(ex.feats)):
            i = index.get(f)
            if i is not None:
                rows.append(r)
                cols.append(i)
    n, k, d = len(examples), len(CLASSES), len(names)
    rows_a, cols_a = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)
    y = np.zeros((n, k))
    y[np.arange(n), [CLASSES.index(ex.label) for ex in examples]] = 1.0
    w = np.zeros((d, k))
    m1, m2 = np.zeros_like(w), np.zeros_like(w)
    reg = l2 / max(n, 1)
    b1, b2, eps = 0.9, 0.999, 1e-8
    for it in range(1, iters + 1):
        z = np.zeros((n, k))
        np.add.at(z, rows_a, w[cols_a])
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g_rows = (p - y) / n
        grad = np.zeros_like(w)
        np.add.at(grad, cols_a, g_rows[rows_a])
        grad += reg * w
        m1 = b1 * m1 + (1 - b1) * grad
        m2 = b2 * m2 + (1 - b2) * grad * grad
        w -= lr * (m1 / (1 - b1**it)) / (np.sqrt(m2 / (1 - b2**it)) + eps)
    return {f: [round(float(v), 5) for v in w[i]] for f, i in index.items()}


def model_data(
    weights: dict[str, list[float]],
    margin: float,
    trained_on: Iterable[str],
    keep_min: float = 0.0,
) -> dict:
    return {
        "classes": CLASSES,
        "margin": margin,
        "keep_min": keep_min,
        "frozen_types": ["Hardware"],
        "trained_on": list(trained_on),
        "weights": weights,
    }


def simulate(model: TyperModel, examples: list[Example], n_gold: int) -> dict:
    """Entity micro P/R/F1 before and after the typer's decisions, counted on the
    examples (one gold entity per matched example; close to, not equal to, `kg eval`)."""

    def score(types: list[str]) -> dict:
        tp = sum(1 for t, ex in zip(types, examples, strict=True) if t == ex.label != DROP)
        fp = sum(1 for t, ex in zip(types, examples, strict=True) if t != DROP and t != ex.label)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / n_gold if n_gold else 0.0
        return {
            "P": round(p, 4),
            "R": round(r, 4),
            "F1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
        }

    after = []
    changed = 0
    for ex in examples:
        c = model.decide(ex.feats, ex.current)
        after.append(ex.current if c is None else c)
        changed += c is not None
    return {
        "before": score([ex.current for ex in examples]),
        "after": score(after),
        "changed": changed,
    }
