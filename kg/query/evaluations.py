"""Which papers evaluate X on Y, in two evidence tiers.

1. *evaluated*: papers with an evaluation statement of X (or a variant of X, or a method
   run on X as its base model, `kg:baseModel`) on Y (or a variant): one `kg:evaluationKey`
   index lookup, plus the explicit base-model facts;
2. *mentioned*: papers that mention both X and Y (or variants) and state no such result:
   the graph knows they are about both, not that one was measured on the other.

For a hardware Y, tier 1 is the papers that report using Y and mention X.
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.query import schemas as S
from kg.query.common import entity_id, num, paper_url, ref, resolved_ref, summary, v, values
from kg.query.context import KG
from kg.query.errors import Ambiguous
from kg.query.resolver import Resolved
from kg.store import pattern_source

SUBJECT_TYPES = ("Model", "Method")
TARGET_TYPES = ("Benchmark", "Hardware")
KGNS = "https://w3id.org/kg/ontology#"

_RESULT_OPT = """?paper kg:hasEvaluation ?item .
  ?paper dcterms:identifier ?key ; dcterms:title ?title . FILTER(LANG(?title) = "")
  OPTIONAL { ?paper dcterms:issued ?date }
  OPTIONAL { ?paper kg:arxivId ?arxiv }
  OPTIONAL { ?item kg:withMetric ?m }
  OPTIONAL { ?item kg:value ?value }
  OPTIONAL { ?item kg:unit ?unit }
  OPTIONAL { ?item kg:valueText ?vt }
  OPTIONAL { ?item kg:valueKind ?kind }
  OPTIONAL { ?item kg:evidence ?sent OPTIONAL { ?sent kg:text ?evidence } }"""


def find_evaluations(
    kg: KG,
    subject: str,
    target: str,
    include_variants: bool = True,
    limit: int = 100,
    offset: int = 0,
    mentioned_limit: int | None = None,
) -> S.EvaluationsResponse:
    s, s_all = _subject(kg, subject)
    t = kg.resolver.resolve(target, TARGET_TYPES)
    s_set = (
        list(dict.fromkeys(x for i in s_all for x in kg.resolver.variants(i)))
        if include_variants
        else s_all
    )
    t_set = kg.resolver.variants(t.iri) if include_variants else [t.iri]
    if t.type == "Benchmark":
        rows = _benchmark_rows(kg, s_all, t.iri, s_set, t_set, include_variants)
    else:
        rows = _hardware_rows(kg, s_set, t_set)
    base = _base_models(kg, {r["item"].value for r in rows})
    papers: dict[str, S.EvaluationPaper] = {}
    seen: set[tuple[str, str]] = set()
    s_members = set(s_set)
    for r in rows:
        piri, item = r["paper"].value, r["item"].value
        p = papers.get(piri)
        if p is None:
            p = papers[piri] = S.EvaluationPaper(
                id=r["key"].value,
                iri=piri,
                title=r["title"].value,
                url=paper_url(v(r.get("arxiv"))),
                date=v(r.get("date")),
            )
        if (piri, item) in seen:
            continue
        seen.add((piri, item))
        m, kind = r.get("m"), r.get("kind")
        bms = base.get(item, [])
        p.results.append(
            S.EvaluationResult(
                subject=ref(kg, r["s"].value),
                target=ref(kg, r["t"].value),
                metric=ref(kg, m.value) if m is not None else None,
                value=num(r.get("value")),
                unit=v(r.get("unit")),
                value_text=v(r.get("vt")),
                evidence=v(r.get("evidence")),
                purpose=v(r.get("purpose")),
                base_models=[ref(kg, b) for b in bms],
                via="subject"
                if r["s"].value in s_members or not (set(bms) & s_members)
                else "base model",
                value_kind=kind.value.removeprefix(KGNS) if kind is not None else None,
            )
        )
    evaluated = list(papers.values())
    for p in evaluated:
        p.results.sort(key=lambda x: (x.via != "subject", x.value is None, x.evidence or ""))
        first = p.results[0]
        p.evidence, p.metric, p.value, p.unit = (
            first.evidence,
            first.metric,
            first.value,
            first.unit,
        )
    evaluated.sort(key=lambda p: (p.date.isoformat() if p.date else "", p.id), reverse=True)
    both = kg.papers.mentioning(s_set) & kg.papers.mentioning(t_set)
    mentioned = kg.papers.newest(both - set(papers))
    mlimit = limit if mentioned_limit is None else mentioned_limit
    return S.EvaluationsResponse(
        subject=resolved_ref(s),
        target=resolved_ref(t),
        include_variants=include_variants,
        subject_variants=len(s_set),
        target_variants=len(t_set),
        total=len(evaluated),
        papers=evaluated[offset : offset + limit],
        mentioned_total=len(mentioned),
        mentioned=[summary(kg, i) for i in mentioned[offset : offset + mlimit]],
        alternatives=[*s.candidates[:3], *t.candidates[:3]],
    )


def _subject(kg: KG, name: str) -> tuple[Resolved, list[str]]:
    """The subject a name denotes, with its namesakes of the other subject type (one name
    typed Model in some papers and Method in others is one subject to the question); a
    name two such namesakes carry equally often is not ambiguous here."""
    try:
        s = kg.resolver.resolve(name, SUBJECT_TYPES)
    except Ambiguous as e:
        labels = {c["label"].casefold() for c in e.candidates}
        if len(labels) != 1 or not all(c["type"] in SUBJECT_TYPES for c in e.candidates):
            raise
        s = kg.resolver.resolve(e.candidates[0]["iri"], SUBJECT_TYPES)
    return s, [s.iri, *kg.resolver.namesakes(s.iri, SUBJECT_TYPES)]


def _benchmark_rows(kg, s_iris, t_iri, s_set, t_set, include_variants) -> list[dict]:
    sids, tid = [x for x in map(entity_id, s_iris) if x], entity_id(t_iri)
    out: list[dict] = []
    if include_variants and sids and tid:
        # "<subject id> <target id>" is stored for every (ancestor, ancestor) pair, and
        # (once extraction records base models) for the base model's ancestors as well
        keys = " ".join(str(ox.Literal(f"{sid} {tid}")) for sid in sids)
        match = (
            f"VALUES ?k {{ {keys} }}\n  ?item kg:evaluationKey ?k ;\n"
            "        kg:evaluatedSubject ?s ; kg:onBenchmark ?t ."
        )
    else:
        match = (
            f"{values('s', s_set)}\n  {values('t', t_set)}\n"
            "  ?item kg:evaluatedSubject ?s ; kg:onBenchmark ?t ."
        )
    out += kg.query(f"SELECT * WHERE {{\n  {match}\n  {_RESULT_OPT}\n}}")
    if (
        include_variants
        and sids
        and tid
        and kg.cached("base-keys-complete", lambda: _base_keys(kg))
    ):
        return out  # the key lookup found the base-model facts too
    # the base-model facts themselves, whether or not their keys were written
    out += kg.query(
        f"""SELECT * WHERE {{
  {values("b", s_set)}
  {values("t", t_set)}
  ?item kg:baseModel ?b ; kg:onBenchmark ?t ; kg:evaluatedSubject ?s .
  {_RESULT_OPT}
}}"""
    )
    return out


def _local_index(kg: KG):
    """The embedded pyoxigraph store, for direct index lookups; None for a remote one."""
    raw = pattern_source(kg.store)
    return raw if hasattr(raw, "quads_for_pattern") else None


def _base_keys(kg: KG) -> bool:
    """Does every base-model fact carry its own kg:evaluationKey "<base> <benchmark>"? The
    extractor writes them; then the key lookup finds every such fact and the second query,
    for stores written without them, is skipped. Once per snapshot."""
    raw = _local_index(kg)
    if raw is None:
        return False
    base, key = ox.NamedNode(KGNS + "baseModel"), ox.NamedNode(KGNS + "evaluationKey")
    on = ox.NamedNode(KGNS + "onBenchmark")
    for q in raw.quads_for_pattern(None, base, None, None):
        keys = {k.object.value for k in raw.quads_for_pattern(q.subject, key, None, None)}
        for t in raw.quads_for_pattern(q.subject, on, None, None):
            if f"{entity_id(q.object.value)} {entity_id(t.object.value)}" not in keys:
                return False
    return True


def _hardware_rows(kg, s_set, t_set) -> list[dict]:
    return kg.query(
        f"""SELECT ?paper ?key ?title ?date ?arxiv ?s ?t ?purpose ?evidence ?item WHERE {{
  {values("s", s_set)}
  {values("t", t_set)}
  ?paper kg:usesHardware ?item . ?item kg:hardware ?t .
  ?paper kg:mentions ?s .
  ?paper dcterms:identifier ?key ; dcterms:title ?title . FILTER(LANG(?title) = "")
  OPTIONAL {{ ?paper dcterms:issued ?date }}
  OPTIONAL {{ ?paper kg:arxivId ?arxiv }}
  OPTIONAL {{ ?item kg:purpose ?purpose }}
  OPTIONAL {{ ?item kg:evidence ?sent OPTIONAL {{ ?sent kg:text ?evidence }} }}
  OPTIONAL {{ ?item kg:subject ?us }}
  FILTER(!BOUND(?us) || ?us = ?s || NOT EXISTS {{ ?paper kg:usesHardware/kg:subject ?s }})
}}"""
    )


def _base_models(kg: KG, items: set[str]) -> dict[str, list[str]]:
    """kg:baseModel of each evaluation node, by direct index lookups."""
    out: dict[str, list[str]] = {}
    p = ox.NamedNode(KGNS + "baseModel")
    raw = _local_index(kg)
    if raw is None:
        return out
    for item in items:
        if item.startswith("_:"):
            continue
        try:
            node = ox.NamedNode(item)
        except ValueError:
            continue
        for q in raw.quads_for_pattern(node, p, None, None):
            out.setdefault(item, []).append(q.object.value)
    return out
