"""Entities: one entity with its counts, papers and results; listings (mentioned first);
mentions per month."""

from __future__ import annotations

import pyoxigraph as ox

from kg.query import schemas as S
from kg.query.common import entity_id, num, ref, resolved_ref, summary, v
from kg.query.context import KG
from kg.query.errors import BadInput
from kg.query.resolver import ENTITY_TYPES, EntityInfo, norm_key


def check_types(types: list[str] | None) -> list[str]:
    out = [t.strip().capitalize() for t in (types or []) if t.strip()]
    bad = [t for t in out if t not in ENTITY_TYPES]
    if bad:
        raise BadInput(f"unknown type(s) {', '.join(bad)}; use {', '.join(ENTITY_TYPES)}")
    return out


def _hit(kg: KG, info: EntityInfo) -> S.EntityHitCounted:
    return S.EntityHitCounted(
        iri=info.iri,
        id=entity_id(info.iri),
        label=info.label,
        type=info.type,
        kind=info.kind,
        aliases=info.aliases,
        papers=kg.resolver.mentions.get(info.iri, 0),
    )


def list_entities(
    kg: KG,
    q: str = "",
    types: list[str] | None = None,
    limit: int = 20,
    offset: int = 0,
    all_concepts: bool = False,
) -> S.EntityPage:
    """Entities whose label or alias starts with `q` (all when empty). Only entities some
    paper mentions, most mentioned first, unless `all_concepts`: then every vocabulary
    concept too, after the mentioned ones."""
    want = check_types(types)
    r = kg.resolver
    r.load()
    mentions = r.mentions

    def key(info: EntityInfo):
        return (-mentions.get(info.iri, 0), norm_key(info.label), info.iri)

    if q.strip():
        found = r.search(q, want, limit=len(r.entities))
        k = norm_key(q)
        exact = {i.iri for i in found if norm_key(i.label) == k or k in map(norm_key, i.aliases)}
        pool = sorted(found, key=lambda i: (i.iri not in exact, *key(i)))
    else:
        pool = sorted((i for i in r.entities.values() if not want or i.type in want), key=key)
    if not all_concepts:
        pool = [i for i in pool if mentions.get(i.iri, 0) > 0]
    elif q.strip():
        pool.sort(key=lambda i: mentions.get(i.iri, 0) == 0)  # stable: mentioned first
    page = pool[offset : offset + limit]
    return S.EntityPage(
        total=len(pool),
        limit=limit,
        offset=offset,
        all=all_concepts,
        entities=[_hit(kg, i) for i in page],
    )


def entity(kg: KG, name: str, limit: int = 20) -> S.EntityDetail:
    resolver = kg.resolver
    r = resolver.resolve(name, ())
    info = resolver.get(r.iri)
    E = str(ox.NamedNode(r.iri))
    variants = resolver.variants(r.iri)
    index = kg.papers

    def count(pattern: str) -> int:
        rows = kg.query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}")
        return int(rows[0]["n"].value) if rows else 0

    direct = index.mentioning([r.iri])
    with_variants = index.mentioning(variants)
    proposers = {
        x["p"].value for x in kg.query(f"SELECT DISTINCT ?p WHERE {{ ?p kg:proposes {E} }}")
    }
    c = S.EntityCounts(
        papers=len(direct),
        papers_with_variants=len(with_variants),
        proposed_by=len(proposers),
        evaluations_as_subject=count(f"?x kg:evaluatedSubject {E}"),
        evaluations_as_benchmark=count(f"?x kg:onBenchmark {E}"),
        hardware_usages=count(f"?x kg:hardware {E}"),
    )
    erows: list[dict] = []
    for role in ("kg:evaluatedSubject", "kg:onBenchmark"):
        erows += kg.query(
            f"""SELECT ?paper ?s ?b ?m ?value ?unit ?ev WHERE {{
  ?item {role} {E} .
  ?paper kg:hasEvaluation ?item .
  ?item kg:evaluatedSubject ?s ; kg:onBenchmark ?b .
  OPTIONAL {{ ?item kg:withMetric ?m }} OPTIONAL {{ ?item kg:value ?value }}
  OPTIONAL {{ ?item kg:unit ?unit }}
  OPTIONAL {{ ?item kg:evidence ?sent OPTIONAL {{ ?sent kg:text ?ev }} }} }}"""
        )
    order = {iri: n for n, iri in enumerate(index.newest({x["paper"].value for x in erows}))}
    erows.sort(key=lambda x: order.get(x["paper"].value, len(order)))
    evals = [
        S.EntityEvaluation(
            paper=summary(kg, x["paper"].value),
            subject=ref(kg, x["s"].value),
            benchmark=ref(kg, x["b"].value),
            metric=ref(kg, x["m"].value) if x.get("m") is not None else None,
            value=num(x.get("value")),
            unit=v(x.get("unit")),
            evidence=v(x.get("ev")),
        )
        for x in erows[:limit]
    ]
    return S.EntityDetail(
        **resolved_ref(r).model_dump(),
        kind=info.kind if info else None,
        aliases=info.aliases if info else [],
        broader=[ref(kg, b) for b in (info.broader if info else [])],
        narrower=[ref(kg, n) for n in (info.narrower if info else [])],
        counts=c,
        papers=[summary(kg, i) for i in index.newest(with_variants)[:limit]],
        proposed_by=[summary(kg, i) for i in index.newest(proposers)[:limit]],
        evaluations=evals,
    )


def trend(kg: KG, name: str, include_variants: bool = True) -> S.Trend:
    """Papers mentioning the entity (or a variant) per month, every month from the first
    to the last (empty months as 0); undated papers counted apart."""
    r = kg.resolver.resolve(name, ())
    iris = kg.resolver.variants(r.iri) if include_variants else [r.iri]
    per: dict[str, int] = {}
    undated = 0
    for p in kg.papers.mentioning(iris):
        row = kg.papers.get(p)
        if row is None:
            continue
        if not row.date or len(row.date) < 7:
            undated += 1
            continue
        per[row.date[:7]] = per.get(row.date[:7], 0) + 1
    months: list[S.MonthCount] = []
    if per:
        first, last = min(per), max(per)
        y, m = int(first[:4]), int(first[5:7])
        while f"{y:04d}-{m:02d}" <= last:
            key = f"{y:04d}-{m:02d}"
            months.append(S.MonthCount(month=key, papers=per.get(key, 0)))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return S.Trend(
        entity=resolved_ref(r), include_variants=include_variants, undated=undated, months=months
    )
