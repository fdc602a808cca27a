"""Leaderboards: the scores reported on a benchmark (and its variants), per metric, best
first by the metric's direction, each row with its paper and evidence sentence.

Only evaluations typed `kg:valueKind kg:Score` count: an improvement ("+3.2 points"), a
spread, a ratio or a speed-up is not a score, and rows without a kind are left out. The
direction is the metric's `kg:higherIsBetter`; where it is unknown the rows are sorted
descending and the answer says the direction is unknown.
"""

from __future__ import annotations

from kg.query import schemas as S
from kg.query.common import num, ref, resolved_ref, summary, v, values
from kg.query.context import KG

KGNS = "https://w3id.org/kg/ontology#"


def leaderboard(
    kg: KG,
    benchmark: str,
    metric: str | None = None,
    include_variants: bool = True,
    limit: int = 50,
) -> S.Leaderboard:
    b = kg.resolver.resolve(benchmark, ("Benchmark",))
    b_set = kg.resolver.variants(b.iri) if include_variants else [b.iri]
    m_filter = ""
    if metric:
        m = kg.resolver.resolve(metric, ("Metric",))
        m_filter = values("m", kg.resolver.variants(m.iri)) + " ?item kg:withMetric ?m ."
    rows = kg.query(
        f"""SELECT ?item ?paper ?s ?m ?value ?unit ?vt ?evidence ?hib WHERE {{
  {values("b", b_set)}
  ?item kg:onBenchmark ?b ; kg:valueKind kg:Score ; kg:value ?value ; kg:evaluatedSubject ?s .
  {m_filter}
  ?paper kg:hasEvaluation ?item .
  OPTIONAL {{ ?item kg:withMetric ?m OPTIONAL {{ ?m kg:higherIsBetter ?hib }} }}
  OPTIONAL {{ ?item kg:unit ?unit }}
  OPTIONAL {{ ?item kg:valueText ?vt }}
  OPTIONAL {{ ?item kg:evidence ?sent OPTIONAL {{ ?sent kg:text ?evidence }} }}
}}"""
    )
    groups: dict[str | None, list[dict]] = {}
    direction: dict[str | None, bool | None] = {}
    seen: set[str] = set()
    for r in rows:
        item = r["item"].value
        if item in seen or num(r.get("value")) is None:
            continue
        seen.add(item)
        key = r["m"].value if r.get("m") is not None else None
        groups.setdefault(key, []).append(r)
        hib = v(r.get("hib"))
        if hib is not None:
            direction[key] = bool(hib)
    base = _base_models(kg, seen)
    out: list[S.LeaderboardMetric] = []
    for key, rs in groups.items():
        hib = direction.get(key)
        rs.sort(key=lambda r: num(r.get("value")) or 0.0, reverse=hib is not False)
        out.append(
            S.LeaderboardMetric(
                metric=ref(kg, key) if key else None,
                higher_is_better=hib,
                direction_known=hib is not None,
                rows=[
                    S.LeaderboardRow(
                        rank=n + 1,
                        subject=ref(kg, r["s"].value),
                        base_models=[ref(kg, x) for x in base.get(r["item"].value, [])],
                        value=num(r.get("value")) or 0.0,
                        unit=v(r.get("unit")),
                        value_text=v(r.get("vt")),
                        paper=summary(kg, r["paper"].value),
                        evidence=v(r.get("evidence")),
                    )
                    for n, r in enumerate(rs[:limit])
                ],
            )
        )
    # the metric with most results first; results without a metric last
    out.sort(key=lambda g: (g.metric is None, -len(g.rows), g.metric.label if g.metric else ""))
    return S.Leaderboard(benchmark=resolved_ref(b), include_variants=include_variants, metrics=out)


def _base_models(kg: KG, items: set[str]) -> dict[str, list[str]]:
    from kg.query.evaluations import _base_models as bm

    return bm(kg, items)
