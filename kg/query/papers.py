"""Papers: one paper with its facts and their provenance; search by text, entity,
category and date."""

from __future__ import annotations

import datetime as dt
from urllib.parse import unquote

from kg.query import schemas as S
from kg.query.common import num, paper_url, summary, v
from kg.query.common import ref as _ref
from kg.query.context import KG
from kg.query.errors import BadInput, NotFound
from kg.query.resolver import ID


def entity_ref(kg: KG, iri: str) -> S.EntityRef:
    return _ref(kg, iri)


UNDATED = ("exclude", "include", "only")


def search(
    kg: KG,
    q: str | None = None,
    entity: str | None = None,
    category: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    undated: str = "exclude",
    limit: int = 20,
    offset: int = 0,
) -> S.PaperPage:
    """Newest first; all filters combine (AND). With a date bound, `undated` says what
    happens to papers without a date: "exclude" (default), "include" or "only"."""
    index = kg.papers
    index.load()
    if undated not in UNDATED:
        raise BadInput(f"undated must be one of {', '.join(UNDATED)}")
    keep: set[str] | None = None

    def narrow(found: set[str]) -> None:
        nonlocal keep
        keep = found if keep is None else keep & found

    if entity:
        ent = kg.resolver.resolve(entity, ())
        narrow(index.mentioning(kg.resolver.variants(ent.iri)))
    if category:
        narrow(index.in_category(category.strip()))
    bounds: list[str | None] = []
    for raw, name in ((date_from, "from"), (date_to, "to")):
        if raw:
            try:
                bounds.append(dt.date.fromisoformat(raw.strip()).isoformat())
            except ValueError:
                raise BadInput(f"{name} must be a date YYYY-MM-DD") from None
        else:
            bounds.append(None)
    words = [w.lower() for w in (q or "").split()][:20]
    text = index.text() if words else {}
    candidates = index.order if keep is None else index.newest(keep)
    dated_filter = bounds[0] is not None or bounds[1] is not None
    hits = []
    for iri in candidates:
        row = index.papers.get(iri)
        if row is None:
            continue
        if dated_filter or undated == "only":
            if not row.date:
                if undated == "exclude":
                    continue
            elif undated == "only":
                continue
            elif (bounds[0] and row.date < bounds[0]) or (bounds[1] and row.date > bounds[1]):
                continue
        if words and not all(w in text.get(iri, "") for w in words):
            continue
        hits.append(iri)
    page = hits[offset : offset + limit]
    return S.PaperPage(
        total=len(hits), limit=limit, offset=offset, papers=[summary(kg, i) for i in page]
    )


def _evidence(r: dict) -> S.Evidence:
    return S.Evidence(
        sentence=v(r.get("ev")),
        field=v(r.get("field")),
        start=v(r.get("start")),
        end=v(r.get("end")),
        confidence=num(r.get("conf")),
    )


# (One OPTIONAL per triple pattern: Oxigraph evaluates `OPTIONAL { ?item kg:evidence ?s .
# ?s kg:text ?t }` over every sentence of the store before joining, ~0.5 s at 60k papers.)
EVIDENCE_OPT = """OPTIONAL { ?item kg:evidence ?sent OPTIONAL { ?sent kg:text ?ev }
    OPTIONAL { ?sent kg:field ?field } }
  OPTIONAL { ?item kg:startOffset ?start } OPTIONAL { ?item kg:endOffset ?end }
  OPTIONAL { ?item kg:confidence ?conf }"""


def _mention(ref, r: dict) -> S.MentionOut:
    """A mention row (sentence text, field and start; the kg:span literal) as the API gives it:
    offsets, confidence and rule from the span, the surface form sliced from the sentence."""
    from kg.to_rdf import parse_mention_span

    text, ss = v(r.get("ev")), v(r.get("ss"))
    start = end = conf = rule = surface = None
    span = v(r.get("span"))
    if isinstance(span, str):
        try:
            start, end, conf, rule = parse_mention_span(span)
        except ValueError:
            pass
    if text is not None and ss is not None and start is not None and end is not None:
        surface = text[start - int(ss) : end - int(ss)] or None
    return S.MentionOut(
        entity=ref(r["e"]),
        surface=surface,
        rule=rule or None,
        evidence=S.Evidence(
            sentence=text, field=v(r.get("field")), start=start, end=end, confidence=conf
        ),
    )


def paper(kg: KG, paper_id: str) -> S.PaperDetail:
    from kg.namespaces import paper_graph, paper_iri

    key = paper_id.strip()
    if key.startswith(ID + "paper/"):
        key = unquote(key[len(ID + "paper/") :])
    try:
        p = paper_iri(key)
    except ValueError:
        raise NotFound(f"no paper {paper_id!r}", paper_id) from None
    P = str(p)
    base = kg.query(
        f"""SELECT ?title ?abstract ?date ?arxiv WHERE {{
  {P} a kg:Paper ; dcterms:title ?title . FILTER(LANG(?title) = "")
  OPTIONAL {{ {P} dcterms:abstract ?abstract FILTER(LANG(?abstract) = "") }}
  OPTIONAL {{ {P} dcterms:issued ?date }} OPTIONAL {{ {P} kg:arxivId ?arxiv }} }} LIMIT 1""",
    )
    if not base:
        raise NotFound(f"no paper {paper_id!r}", paper_id)
    b = base[0]
    ref = lambda t: entity_ref(kg, t.value)  # noqa: E731
    authors = [
        r["name"].value
        for r in kg.query(
            f"""SELECT DISTINCT ?name ?pos WHERE {{
  {P} kg:hasAuthorship ?a . ?a kg:author ?au ; kg:authorPosition ?pos .
  ?au rdfs:label ?name }} ORDER BY ?pos""",
        )
    ]
    cats = sorted(
        {r["c"].value for r in kg.query(f"SELECT ?c WHERE {{ {P} kg:category/skos:notation ?c }}")}
    )
    code = [
        v(r["u"]) for r in kg.query(f"SELECT DISTINCT ?u WHERE {{ {P} schema:codeRepository ?u }}")
    ]
    ents = [ref(r["e"]) for r in kg.query(f"SELECT DISTINCT ?e WHERE {{ {P} kg:mentions ?e }}")]
    proposes = [
        S.ProposalOut(entity=ref(r["e"]), evidence=_evidence(r))
        for r in kg.query(
            f"""
SELECT ?e ?ev ?field ?start ?end ?conf WHERE {{ {P} kg:hasProposal ?item .
  ?item kg:proposedEntity ?e .
  {EVIDENCE_OPT} }} ORDER BY ?start""",
        )
    ]
    evals = [
        S.EvaluationOut(
            subject=ref(r["s"]),
            benchmark=ref(r["b"]),
            metric=ref(r["m"]) if r.get("m") is not None else None,
            value=num(r.get("value")),
            unit=v(r.get("unit")),
            value_text=v(r.get("vt")),
            evidence=_evidence(r),
        )
        for r in kg.query(
            f"""
SELECT ?s ?b ?m ?value ?unit ?vt ?ev ?field ?start ?end ?conf WHERE {{ {P} kg:hasEvaluation ?item .
  ?item kg:evaluatedSubject ?s ; kg:onBenchmark ?b .
  OPTIONAL {{ ?item kg:withMetric ?m }}
  OPTIONAL {{ ?item kg:value ?value }}
  OPTIONAL {{ ?item kg:unit ?unit }}
  OPTIONAL {{ ?item kg:valueText ?vt }} {EVIDENCE_OPT} }} ORDER BY ?start""",
        )
    ]
    hw = [
        S.HardwareUseOut(
            hardware=ref(r["h"]),
            subject=ref(r["s"]) if r.get("s") is not None else None,
            purpose=v(r.get("purpose")),
            evidence=_evidence(r),
        )
        for r in kg.query(
            f"""
SELECT ?h ?s ?purpose ?ev ?field ?start ?end ?conf WHERE {{ {P} kg:usesHardware ?item .
  ?item kg:hardware ?h .
  OPTIONAL {{ ?item kg:subject ?s }}
  OPTIONAL {{ ?item kg:purpose ?purpose }}
  {EVIDENCE_OPT} }} ORDER BY ?start""",
        )
    ]
    mentions = [
        _mention(ref, r)
        for r in kg.query(
            f"""
SELECT ?e ?span ?ev ?field ?ss WHERE {{ {P} kg:hasSentence ?sent . ?sent kg:hasMention ?item .
  ?item kg:mentionedEntity ?e . OPTIONAL {{ ?item kg:span ?span }}
  OPTIONAL {{ ?sent kg:text ?ev }}
  OPTIONAL {{ ?sent kg:field ?field }}
  OPTIONAL {{ ?sent kg:sentenceStart ?ss }} }}""",
        )
    ]
    mentions.sort(
        key=lambda m: (
            m.evidence.field or "",
            m.evidence.start if m.evidence.start is not None else -1,
        )
    )
    sources = [
        S.SourceOut(file=v(r.get("file")), record=v(r.get("rec")), format=v(r.get("fmt")))
        for r in kg.query(
            f"""
SELECT DISTINCT ?src ?file ?rec ?fmt WHERE {{
  {P} prov:wasDerivedFrom ?src . ?src a kg:SourceRecord .
  OPTIONAL {{ ?src kg:sourceFile ?file }}
  OPTIONAL {{ ?src kg:recordNumber ?rec }}
  OPTIONAL {{ ?src kg:sourceFormat ?fmt }} }}
ORDER BY ?src""",
        )
    ]
    version = kg.query(f"SELECT ?v WHERE {{ ?run prov:used {P} ; kg:extractorVersion ?v }} LIMIT 1")
    return S.PaperDetail(
        id=key,
        iri=p.value,
        title=b["title"].value,
        url=paper_url(v(b.get("arxiv"))),
        date=v(b.get("date")),
        categories=cats,
        abstract=v(b.get("abstract")),
        authors=authors,
        code_urls=[str(c) for c in code],
        graph=paper_graph(key).value,
        entities=ents,
        proposes=proposes,
        evaluations=evals,
        hardware=hw,
        mentions=mentions,
        sources=sources,
        extractor_version=version[0]["v"].value if version else None,
    )
