#!/usr/bin/env python3
"""How much of a gold set's (subject, benchmark) pairs "which papers evaluate X on Y"
finds, per evidence tier, on a store built from the gold set's papers.

    kg ingest --store /tmp/r2 eval/round2/tune_sample.jsonl eval/round2/blind_sample.jsonl
    python scripts/tier_recall.py /tmp/r2 eval/round2/tune_gold.jsonl eval/round2/blind_gold.jsonl

For each gold evaluation pair of a paper, the paper counts as found in tier 1 when the
lookup lists it under `papers` (an evaluation statement, or a method run on the subject
as base model), in tier 2 when only under `mentioned`; a pair whose subject or benchmark
name resolves to nothing in the graph is a miss ("unresolved"). Only totals are printed,
with `precision`: of the papers tier 1 lists for the gold pairs' lookups, how many are
gold pairs of that paper (a paper listed under a lookup whose pair its gold lacks counts
against it; papers outside the gold set are not counted).

    python scripts/tier_recall.py --misses /tmp/r2 eval/round2/tune_gold.jsonl

lists each missed pair with its cause (tuning sets only: the blind sets' pairs are never
looked at one by one): subject / benchmark unresolved, resolved to another entity than
the one the paper mentions, only in the mentioned tier, or not mentioned by the paper.
Every set's totals include `miss_causes`, the misses counted by cause without names (an
unresolved name is a missed entity when no entity the paper mentions overlaps it, a
boundary or form difference when one does), which is all a blind set shows.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

BLIND = ("blind_", "corpus_", "round3")


def _pairs(d: dict) -> set[tuple[str, str]]:
    return {
        (e["subject"], e["benchmark"])
        for e in d.get("evaluations", [])
        if e.get("subject") and e.get("benchmark")
    }


def _key(kg, d: dict) -> str:
    """The stored paper key of a gold record: its arXiv id (the earlier sets prefix it
    with "corpus-"), else (the dev set's seed ids) the paper with the same title."""
    pid = d["id"].removeprefix("corpus-")
    if any(r.key == pid for r in kg.papers.papers.values()):
        return pid
    t = " ".join(d.get("title", "").split()).casefold()
    return next(
        (r.key for r in kg.papers.papers.values() if " ".join(r.title.split()).casefold() == t),
        pid,
    )


def _cause(kg, d: dict, s: str, b: str) -> list[tuple[str, str]]:
    """Why the paper of `d` is not in tier 1 for (s, b): one (kind, detail) per role at
    fault. The kind names no entity, so blind sets can be summarised by it; the detail
    (shown for tuning sets only) names them."""
    from kg.query import QueryError
    from kg.query.evaluations import SUBJECT_TYPES, TARGET_TYPES

    pid = _key(kg, d)
    piri = next((i for i, r in kg.papers.papers.items() if r.key == pid), None)
    mentions = _mentions(kg, piri) if piri else set()
    out = []
    for name, types, role in ((s, SUBJECT_TYPES, "subject"), (b, TARGET_TYPES, "benchmark")):
        try:
            r = kg.resolver.resolve(name, types)
        except QueryError as e:
            err = type(e).__name__
            near = _overlapping_label(kg, mentions, name)
            overlap = "a mention overlaps it" if near else "no mention overlaps it"
            how = f"the paper mentions '{near}'" if near else "no mention overlaps it"
            out.append(
                (f"{role} unresolved ({err}; {overlap})", f"{role} unresolved ({err}, {how})")
            )
            continue
        var = set(kg.resolver.variants(r.iri))
        if not var & mentions:
            out.append(
                (
                    f"{role} resolves to an entity the paper does not mention",
                    f"{role} -> {r.label} [{r.type}], not mentioned by the paper",
                )
            )
    return out or [("evaluation not extracted (both mentioned)",) * 2]


def _overlapping_label(kg, mentions: set[str], name: str) -> str | None:
    """A label of an entity the paper mentions that contains the gold name or is contained
    in it (a boundary or form difference rather than a missed name)."""
    import pyoxigraph as ox

    pref = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    n = name.casefold()
    for m in sorted(mentions):
        for q in kg.store.store.quads_for_pattern(ox.NamedNode(m), pref, None, None):
            label = q.object.value.casefold()
            if len(label) >= 3 and (label in n or n in label):
                return q.object.value
    return None


def _mentions(kg, piri: str) -> set[str]:
    import pyoxigraph as ox

    p = ox.NamedNode("https://w3id.org/kg/ontology#mentions")
    return {
        q.object.value for q in kg.store.store.quads_for_pattern(ox.NamedNode(piri), p, None, None)
    }


def main(store: str, *gold_files: str, misses: bool = False) -> None:
    from kg.query import QueryError, open_kg
    from kg.query.evaluations import find_evaluations

    kg = open_kg(store).warm()
    kg.papers.load()
    out = {}
    for gf in gold_files:
        show = misses and not any(x in gf for x in BLIND)
        golds = [json.loads(line) for line in Path(gf).read_text(encoding="utf-8").splitlines()]
        gold_pairs = {_key(kg, d): _pairs(d) for d in golds}
        n = evaluated = mentioned = unresolved = 0
        causes: Counter[str] = Counter()
        listed = listed_right = 0
        looked: set[tuple[str, str]] = set()
        for d in golds:
            pid = _key(kg, d)
            for s, b in sorted(_pairs(d)):
                n += 1
                try:
                    r = find_evaluations(kg, s, b, limit=1000)
                except QueryError:
                    unresolved += 1
                    why = _cause(kg, d, s, b)
                    causes[" | ".join(k for k, _ in why)] += 1
                    if show:
                        print(f"MISS {pid} ({s} | {b}): {' | '.join(t for _, t in why)}")
                    continue
                ids = {p.id for p in r.papers}
                if (s, b) not in looked:  # precision: each lookup once
                    looked.add((s, b))
                    for p in ids & set(gold_pairs):
                        listed += 1
                        listed_right += any(_same(kg, s, b, gs, gb) for gs, gb in gold_pairs[p])
                if pid in ids:
                    evaluated += 1
                elif pid in {p.id for p in r.mentioned}:
                    mentioned += 1
                    if show:
                        print(f"MISS {pid} ({s} | {b}): only in the mentioned tier")
                else:
                    why = _cause(kg, d, s, b)
                    causes[" | ".join(k for k, _ in why)] += 1
                    if show:
                        print(f"MISS {pid} ({s} | {b}): {' | '.join(t for _, t in why)}")
        out[f"{Path(gf).parent.name}/{Path(gf).name}"] = {
            "pairs": n,
            "evaluated": evaluated,
            "mentioned_only": mentioned,
            "unresolved": unresolved,
            "recall_evaluated": round(evaluated / n, 3) if n else None,
            "recall_either_tier": round((evaluated + mentioned) / n, 3) if n else None,
            "miss_causes": dict(sorted(causes.items())),
            "tier1_listed": listed,
            "tier1_listed_not_gold": listed - listed_right,
            **_fact_precision(kg, gold_pairs),
        }
    print(json.dumps(out, indent=1))


def _fact_precision(kg, gold_pairs: dict[str, set[tuple[str, str]]]) -> dict[str, int]:
    """Every (paper, subject, benchmark) evaluation statement the store holds for the gold
    set's papers (what tier 1 can list), and how many match none of the paper's gold
    pairs (subject and benchmark each equal to, a variant of, or a family of the gold
    name's entity)."""
    from kg.query import QueryError
    from kg.query.evaluations import SUBJECT_TYPES, TARGET_TYPES

    rows = kg.query(
        "SELECT DISTINCT ?key ?s ?t WHERE { ?p kg:hasEvaluation ?i ; dcterms:identifier ?key . "
        "?i kg:evaluatedSubject ?s ; kg:onBenchmark ?t }"
    )
    r = kg.resolver

    def close(a: str, name: str, types) -> bool:
        try:
            g = r.resolve(name, types).iri
        except QueryError:
            return False
        return a in r.variants(g) or g in r.variants(a)

    n = bad = 0
    for row in rows:
        key = row["key"].value
        if key not in gold_pairs:
            continue
        n += 1
        s, t = row["s"].value, row["t"].value
        bad += not any(
            close(s, gs, SUBJECT_TYPES) and close(t, gb, TARGET_TYPES) for gs, gb in gold_pairs[key]
        )
    return {"tier1_facts": n, "tier1_facts_not_gold": bad}


def _same(kg, s: str, b: str, gs: str, gb: str) -> bool:
    """A gold pair (gs, gb) of a listed paper matches the lookup (s, b): the same names,
    or names resolving to the same entities."""
    if (s.casefold(), b.casefold()) == (gs.casefold(), gb.casefold()):
        return True
    from kg.query import QueryError
    from kg.query.evaluations import SUBJECT_TYPES, TARGET_TYPES

    try:
        return (
            kg.resolver.resolve(s, SUBJECT_TYPES).iri == kg.resolver.resolve(gs, SUBJECT_TYPES).iri
            and kg.resolver.resolve(b, TARGET_TYPES).iri
            == kg.resolver.resolve(gb, TARGET_TYPES).iri
        )
    except QueryError:
        return False


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--misses"]
    if len(args) < 2:
        sys.exit(__doc__)
    main(args[0], *args[1:], misses="--misses" in sys.argv)
