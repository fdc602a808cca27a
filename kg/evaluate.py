"""Scoring extractions against a gold file (format: kg.gold / GUIDELINES.md).

Papers are matched by arXiv id where both sides carry one (a gold id `2604.01234` or
`corpus-2604.01234`, a predicted record's id), else by normalised title (LaTeX markup
ignored). Names match when equal after folding case,
spaces, hyphens and a trailing plural -s (`match_key`), against the gold name or any of
its aliases (and, for a predicted entity, its name or any of its aliases). Matching is
one-to-one per paper. Scores: precision/recall/F1 per entity type, micro over the five
types, untyped (type ignored), proposes, evaluations (distinct subject-benchmark pairs),
hardware use (by device; `hardware_use_purpose` also requires the purpose).

Beside P/R/F1:
- values (`ValueScore`): among predicted evaluations that carry a value and whose
  (subject, benchmark) pair matches a gold pair, the share whose value equals a gold
  value of that pair (precision); among gold evaluations with a value, the share a
  prediction on the same pair gives (recall). Values are compared as numbers
  (`values_equal`: the first or the last number of each string, sign dropped, equal
  within the rounding of the less precise one), so "+4.3%" ~ "4.30" and
  "from 69.24 to 71.29" ~ "71.29".
- entities by vocabulary (`entities_in_vocab`, `entities_not_in_vocab`): the micro
  scores split by whether an entity's name or an alias is a vocabulary label
  (`evaluate(..., in_vocab=...)`): recall on names the vocabulary does not know is what
  the rules find by themselves.

Held-out split: a gold paper is HELD OUT when the first 8 hex digits of
sha1(gold id) as an integer are < 30% of 16**8 (`in_heldout`); tune rules on the rest
(`split="tune"`) and report `split="heldout"` separately. The split depends only on the
id, so it is fixed across runs and machines.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from kg.extract.normalise import match_key
from kg.models import ENTITY_TYPES, normalise_title

HELDOUT_FRACTION = 0.30
Split = Literal["all", "tune", "heldout"]


_LATEX_CMD = re.compile(r"\\[a-zA-Z]+\*?|[${}]")


def title_match_key(title: str) -> str:
    """Normalised title with LaTeX commands dropped (`$\\textit{X}$: y` ~ `X: y`)."""
    return normalise_title(_LATEX_CMD.sub(" ", title))


def in_heldout(gold_id: str) -> bool:
    """True for the ~30% of gold papers held out of tuning (by a hash of the id)."""
    h = int(hashlib.sha1(gold_id.encode("utf-8")).hexdigest()[:8], 16)
    return h < HELDOUT_FRACTION * 16**8


def in_split(gold_id: str, split: Split) -> bool:
    if split == "all":
        return True
    return in_heldout(gold_id) == (split == "heldout")


class PRF(BaseModel):
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def summary(self) -> dict:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


class ValueScore(BaseModel):
    """Value precision over predicted values on gold pairs; value recall over gold values."""

    predicted: int = 0  # predicted evaluations with a value whose pair is a gold pair
    correct: int = 0  # ... whose value equals a gold value of that pair
    gold: int = 0  # gold evaluations with a value
    found: int = 0  # ... given by a prediction on the same pair

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    def add(self, other: ValueScore) -> None:
        self.predicted += other.predicted
        self.correct += other.correct
        self.gold += other.gold
        self.found += other.found

    def summary(self) -> dict:
        return {
            "predicted": self.predicted,
            "correct": self.correct,
            "gold": self.gold,
            "found": self.found,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
        }


_VALUE_NUM = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def _numbers(text: str) -> list[tuple[float, float]]:
    """(value, rounding half-step) of each number in `text`, sign dropped."""
    out = []
    for m in _VALUE_NUM.finditer(text or ""):
        raw = m.group().replace(",", "")
        dec = len(raw.split(".")[1]) if "." in raw else 0
        out.append((float(raw), 0.5 * 10**-dec))
    return out


def values_equal(pred: str, gold: str) -> bool:
    """Two value strings give the same number: the first numbers or the last numbers
    agree (a range "from X to Y" or "X to Y" is also its final Y), sign and unit ignored,
    within the rounding of the less precise one ("71.3" ~ "71.29")."""
    p, g = _numbers(pred), _numbers(gold)
    if not p or not g:
        return False

    def eq(a, b):
        return abs(a[0] - b[0]) <= max(a[1], b[1]) + 1e-9

    return eq(p[0], g[0]) or eq(p[-1], g[-1])


_ARXIV_IN_ID = re.compile(r"(?:^|[-:/_])(\d{4}\.\d{4,5})(?:v\d+)?$")


def arxiv_of(record_id: str) -> str | None:
    """The arXiv id inside a record id (`2604.01234`, `corpus-2604.01234v2`), else None."""
    m = _ARXIV_IN_ID.search(record_id or "")
    return m.group(1) if m else None


class Detail(BaseModel):
    paper_id: str
    title: str
    kind: str  # an entity type, "proposes", "evaluations", "hardware_use", "value"
    outcome: Literal["miss", "false"]  # miss: in gold, not predicted; false: predicted, not in gold
    item: str


class EvalReport(BaseModel):
    split: str = "all"
    papers_gold: int = 0
    papers_scored: int = 0
    papers_without_prediction: list[str] = Field(default_factory=list)
    entities: dict[str, PRF] = Field(default_factory=lambda: {t: PRF() for t in ENTITY_TYPES})
    entities_micro: PRF = Field(default_factory=PRF)
    entities_untyped: PRF = Field(default_factory=PRF)
    proposes: PRF = Field(default_factory=PRF)
    evaluations: PRF = Field(default_factory=PRF)
    hardware_use: PRF = Field(default_factory=PRF)
    hardware_use_purpose: PRF = Field(default_factory=PRF)
    values: ValueScore = Field(default_factory=ValueScore)
    # micro entity scores split by whether the name is a vocabulary label (only when
    # `evaluate` is given `in_vocab`)
    entities_in_vocab: PRF = Field(default_factory=PRF)
    entities_not_in_vocab: PRF = Field(default_factory=PRF)
    details: list[Detail] = Field(default_factory=list)

    def rows(self) -> list[tuple[str, PRF]]:
        return [(t, self.entities[t]) for t in ENTITY_TYPES] + [
            ("entities (micro)", self.entities_micro),
            ("entities (untyped)", self.entities_untyped),
            ("proposes", self.proposes),
            ("evaluations", self.evaluations),
            ("hardware_use", self.hardware_use),
            ("hardware_use+purpose", self.hardware_use_purpose),
        ]

    def summary(self) -> dict:
        return {
            "split": self.split,
            "papers_gold": self.papers_gold,
            "papers_scored": self.papers_scored,
            **{name: prf.summary() for name, prf in self.rows()},
            "values": self.values.summary(),
            "entities (in vocabulary)": self.entities_in_vocab.summary(),
            "entities (not in vocabulary)": self.entities_not_in_vocab.summary(),
        }


# -- matching ------------------------------------------------------------------------------
def _keys(ent: dict) -> set[str]:
    return {match_key(ent["name"]), *(match_key(a) for a in ent.get("aliases", []) or [])} - {""}


def _match(
    gold_items: list, pred_items: list, gkeys, pkeys
) -> tuple[list[int], list[int], list[tuple[int, int]]]:
    """Greedy one-to-one matching: first on the predicted name's key, then on any key.
    Returns (unmatched gold, unmatched pred, pairs)."""
    g_free = set(range(len(gold_items)))
    pairs = []
    p_left = []
    gk = [gkeys(g) for g in gold_items]
    for pi, p in enumerate(pred_items):
        primary, allk = pkeys(p)
        hit = next((gi for gi in sorted(g_free) if primary & gk[gi]), None)
        if hit is None:
            p_left.append(pi)
        else:
            g_free.discard(hit)
            pairs.append((hit, pi))
    still = []
    for pi in p_left:
        _, allk = pkeys(pred_items[pi])
        hit = next((gi for gi in sorted(g_free) if allk & gk[gi]), None)
        if hit is None:
            still.append(pi)
        else:
            g_free.discard(hit)
            pairs.append((hit, pi))
    return sorted(g_free), still, pairs


def _entity_index(rec: dict) -> dict[str, set[str]]:
    """name key -> all keys of that entity (to expand relation names to their aliases)."""
    idx: dict[str, set[str]] = {}
    for items in (rec.get("entities") or {}).values():
        for e in items:
            ks = _keys(e)
            for k in ks:
                idx.setdefault(k, set()).update(ks)
    return idx


def _name_keys(name: str | None, idx: dict[str, set[str]]) -> set[str]:
    if not name:
        return set()
    k = match_key(name)
    return idx.get(k, {k})


def score_paper(
    gold: dict,
    pred: dict | None,
    report: EvalReport,
    details: bool = True,
    in_vocab: Callable[[str], bool] | None = None,
) -> None:
    pred = pred or {"entities": {}, "proposes": [], "evaluations": [], "hardware_use": []}
    gid, title = gold.get("id", ""), gold.get("title", "")

    def note(kind, outcome, item):
        if details:
            report.details.append(
                Detail(paper_id=gid, title=title, kind=kind, outcome=outcome, item=item)
            )

    def ent_pkeys(e):
        return {match_key(e["name"])}, _keys(e)

    all_g, all_p = [], []
    for t in ENTITY_TYPES:
        g = list((gold.get("entities") or {}).get(t, []) or [])
        p = list((pred.get("entities") or {}).get(t, []) or [])
        all_g += g
        all_p += p
        g_miss, p_false, pairs = _match(g, p, _keys, ent_pkeys)
        prf = PRF(tp=len(pairs), fp=len(p_false), fn=len(g_miss))
        report.entities[t].add(prf)
        report.entities_micro.add(prf)
        if in_vocab is not None:
            _by_vocab(report, in_vocab, g, p, g_miss, p_false, pairs)
        for gi in g_miss:
            note(t, "miss", g[gi]["name"])
        for pi in p_false:
            note(t, "false", p[pi]["name"])
    g_miss, p_false, pairs = _match(all_g, all_p, _keys, ent_pkeys)
    report.entities_untyped.add(PRF(tp=len(pairs), fp=len(p_false), fn=len(g_miss)))

    gidx, pidx = _entity_index(gold), _entity_index(pred)
    # proposes
    g = list(dict.fromkeys(gold.get("proposes", []) or []))
    p = list(dict.fromkeys(pred.get("proposes", []) or []))
    g_miss, p_false, pairs = _match(
        g, p, lambda n: _name_keys(n, gidx), lambda n: ({match_key(n)}, _name_keys(n, pidx))
    )
    report.proposes.add(PRF(tp=len(pairs), fp=len(p_false), fn=len(g_miss)))
    for gi in g_miss:
        note("proposes", "miss", g[gi])
    for pi in p_false:
        note("proposes", "false", p[pi])

    # evaluations: distinct subject-benchmark pairs
    def pairs_of(rec):
        out, seen = [], set()
        for e in rec.get("evaluations", []) or []:
            k = (match_key(e.get("subject", "")), match_key(e.get("benchmark", "")))
            if k not in seen:
                seen.add(k)
                out.append((e.get("subject", ""), e.get("benchmark", "")))
        return out

    g, p = pairs_of(gold), pairs_of(pred)

    def pair_match(gp, pp):
        return bool(_name_keys(gp[0], gidx) & _name_keys(pp[0], pidx)) and bool(
            _name_keys(gp[1], gidx) & _name_keys(pp[1], pidx)
        )

    g_free = set(range(len(g)))
    tp = 0
    for _pi, pp in enumerate(p):
        hit = next((gi for gi in sorted(g_free) if pair_match(g[gi], pp)), None)
        if hit is None:
            note("evaluations", "false", f"{pp[0]} @ {pp[1]}")
        else:
            g_free.discard(hit)
            tp += 1
    for gi in sorted(g_free):
        note("evaluations", "miss", f"{g[gi][0]} @ {g[gi][1]}")
    report.evaluations.add(PRF(tp=tp, fp=len(p) - tp, fn=len(g_free)))
    _score_values(gold, pred, report, pair_match, note)

    # hardware use: by device, and by device + purpose
    for strict, prf in ((False, report.hardware_use), (True, report.hardware_use_purpose)):
        gh = gold.get("hardware_use", []) or []
        ph = pred.get("hardware_use", []) or []
        g_free = set(range(len(gh)))
        tp = 0
        for h in ph:
            hit = next(
                (
                    gi
                    for gi in sorted(g_free)
                    if _name_keys(gh[gi].get("hardware"), gidx)
                    & _name_keys(h.get("hardware"), pidx)
                    and (not strict or gh[gi].get("purpose") == h.get("purpose"))
                ),
                None,
            )
            if hit is None:
                if not strict:
                    note("hardware_use", "false", f"{h.get('hardware')} ({h.get('purpose')})")
            else:
                g_free.discard(hit)
                tp += 1
        if not strict:
            for gi in sorted(g_free):
                note("hardware_use", "miss", f"{gh[gi].get('hardware')} ({gh[gi].get('purpose')})")
        prf.add(PRF(tp=tp, fp=len(ph) - tp, fn=len(g_free)))


def _by_vocab(report: EvalReport, in_vocab, g, p, g_miss, p_false, pairs) -> None:
    """Add one type's entity matches to the in-/not-in-vocabulary scores: a gold entity
    by its own names, a false prediction by its names, a match by the gold side."""

    def known(ent: dict) -> bool:
        return any(in_vocab(n) for n in (ent["name"], *(ent.get("aliases") or [])) if n)

    inv, oov = report.entities_in_vocab, report.entities_not_in_vocab
    for gi, _pi in pairs:
        (inv if known(g[gi]) else oov).tp += 1
    for gi in g_miss:
        (inv if known(g[gi]) else oov).fn += 1
    for pi in p_false:
        (inv if known(p[pi]) else oov).fp += 1


def _score_values(gold: dict, pred: dict, report: EvalReport, pair_match, note) -> None:
    """Value precision and recall of one paper (see `ValueScore`)."""
    gev = [
        (e.get("subject", ""), e.get("benchmark", ""), e.get("value"))
        for e in gold.get("evaluations", []) or []
    ]
    pev = [
        (e.get("subject", ""), e.get("benchmark", ""), e.get("value"))
        for e in pred.get("evaluations", []) or []
    ]
    vs = ValueScore()
    for ps, pb, pv in pev:
        if not pv:
            continue
        same = [gv for gs, gb, gv in gev if pair_match((gs, gb), (ps, pb))]
        if not same:
            continue  # the pair is not gold: scored by the evaluations row
        vs.predicted += 1
        if any(gv and values_equal(pv, gv) for gv in same):
            vs.correct += 1
        else:
            gvs = ", ".join(gv for gv in same if gv) or "none"
            note("value", "false", f"{ps} @ {pb} = {pv} (gold: {gvs})")
    for gs, gb, gv in gev:
        if not gv:
            continue
        vs.gold += 1
        if any(
            pv and pair_match((gs, gb), (ps, pb)) and values_equal(pv, gv) for ps, pb, pv in pev
        ):
            vs.found += 1
        else:
            note("value", "miss", f"{gs} @ {gb} = {gv}")
    report.values.add(vs)


def evaluate(
    gold: Iterable[dict],
    predictions: Iterable[dict],
    split: Split = "all",
    details: bool = True,
    in_vocab: Callable[[str], bool] | None = None,
) -> EvalReport:
    """Score `predictions` (gold-format records) against `gold` on one split.
    `in_vocab(name)`: whether a name is a vocabulary label (for the by-vocabulary rows)."""
    by_title: dict[str, dict] = {}
    by_arxiv: dict[str, dict] = {}
    for p in predictions:
        by_title.setdefault(title_match_key(p.get("title", "")), p)
        ax = arxiv_of(p.get("id", ""))
        if ax:
            by_arxiv.setdefault(ax, p)
    report = EvalReport(split=split)
    for g in gold:
        if not in_split(g.get("id", ""), split):
            continue
        report.papers_gold += 1
        gax = arxiv_of(g.get("id", ""))
        pred = by_arxiv.get(gax) if gax else None
        if pred is None:
            pred = by_title.get(title_match_key(g.get("title", "")))
            if pred is not None and gax and arxiv_of(pred.get("id", "")) not in (None, gax):
                pred = None  # the same title, another arXiv paper
        if pred is None:
            report.papers_without_prediction.append(g.get("id", ""))
        else:
            report.papers_scored += 1
        score_paper(g, pred, report, details, in_vocab)
    return report


def read_jsonl(path: Path | str) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                out.append(json.loads(line))
    return out


# -- vocabulary dependence --------------------------------------------------------------
def vocab_membership(vocab) -> Callable[[str], bool]:
    """`name -> bool`: whether `name` normalises to a label of a matchable concept of
    `vocab` (a `kg.extract.vocab.Vocabulary`), as the extractor's lookups do."""

    def known(name: str) -> bool:
        return vocab.lookup(name) is not None

    return known


def concepts_of_names(vocab, names: Iterable[str]) -> set[str]:
    """Ids of every matchable concept whose label normalises like one of `names`."""
    from kg.extract.normalise import singular_slug, slug

    out: set[str] = set()
    for n in names:
        for key in {slug(n), singular_slug(n, True), singular_slug(n, False)}:
            out.update(vocab.by_slug.get(key, ()))
    return out


def single_paper_concepts(gold: Iterable[dict], vocab) -> set[str]:
    """Vocabulary concepts that match a gold entity (name or alias) of exactly one gold
    paper: the strings a gold set would lend the vocabulary if it had been built from it."""
    papers: dict[str, set[str]] = {}
    for i, g in enumerate(gold):
        names = [
            n
            for items in (g.get("entities") or {}).values()
            for e in items
            for n in (e["name"], *(e.get("aliases") or []))
            if n
        ]
        for cid in concepts_of_names(vocab, names):
            papers.setdefault(cid, set()).add(g.get("id") or str(i))
    return {cid for cid, ps in papers.items() if len(ps) == 1}


def write_vocab_without(src: Path | str, dst: Path | str, drop: set[str]) -> int:
    """Copy the vocabulary folder `src` (its *.jsonl files) to `dst` without the concepts
    in `drop`; returns the number of lines left out."""
    n = 0
    Path(dst).mkdir(parents=True, exist_ok=True)
    for path in sorted(Path(src).glob("*.jsonl")):
        kept = []
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                s = line.strip()
                if s and not s.startswith("//"):
                    try:
                        cid = json.loads(s).get("id")
                    except (json.JSONDecodeError, AttributeError):
                        cid = None
                    if cid in drop:
                        n += 1
                        continue
                kept.append(line)
        (Path(dst) / path.name).write_text("".join(kept), encoding="utf-8")
    return n
