"""The REST API: evaluations, canned queries, papers, entities, stats, health.

Everything here runs in the server process on its own store handle (pyoxigraph
releases the GIL, so the sync endpoints run in parallel in the thread pool). Values
from the request reach SPARQL only as validated pyoxigraph terms (`str(term)`).
"""

from __future__ import annotations

import csv
import io
import threading
from typing import Any
from urllib.parse import unquote, urlencode

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, Response

from kg.results import term_value
from kg.server import schemas as S
from kg.server.budget import query_dicts, run_query
from kg.server.resolver import ID, NotResolved, Resolver

router = APIRouter()

PREFIXES = """PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
_stats_lock = threading.Lock()


def invalidate_caches(app) -> None:
    app.state.__dict__.pop("stats_cache", None)


# --- helpers ---------------------------------------------------------------------------
def _store(request: Request):
    return request.app.state.kg_store


def _resolver(request: Request) -> Resolver:
    return request.app.state.resolver


def _q(request: Request, sparql: str) -> list[dict[str, Any]]:
    # in a SPARQL worker with the API's time limit (kg.server.budget; 503 past it)
    return query_dicts(request.app, PREFIXES + sparql)


def _v(term: Any) -> Any:
    return term_value(term)


def _entity_id(iri: str) -> str | None:
    return unquote(iri[len(ID) :]) if iri.startswith(ID) else None


def entity_ref(
    resolver: Resolver, iri: str, label: str | None = None, type_: str | None = None
) -> S.EntityRef:
    info = resolver.get(iri)
    if info is not None:
        return S.EntityRef(iri=iri, id=_entity_id(iri), label=info.label, type=info.type)
    return S.EntityRef(
        iri=iri,
        id=_entity_id(iri),
        label=label or (_entity_id(iri) or iri).rsplit("/", 1)[-1],
        type=type_ or "Entity",
    )


def paper_url(key: str, arxiv: str | None) -> str | None:
    return f"https://arxiv.org/abs/{arxiv}" if arxiv else None


def _values(var: str, iris: list[str]) -> str:
    return f"VALUES ?{var} {{ {' '.join(str(ox.NamedNode(i)) for i in iris)} }}"


def _not_found(e: NotResolved) -> HTTPException:
    return HTTPException(
        404, detail={"detail": str(e), "name": e.name, "suggestions": e.suggestions}
    )


def _resolve(request: Request, name: str, types: tuple[str, ...]):
    try:
        return _resolver(request).resolve(name, types)
    except NotResolved as e:
        raise _not_found(e) from None


NOT_FOUND = {
    404: {
        "model": S.NotFoundBody,
        "description": "A name matched no entity; close matches are suggested.",
    }
}
BAD = {400: {"model": S.ErrorBody, "description": "Bad or missing parameters."}}


# --- meta ---------------------------------------------------------------------------------
@router.get(
    "/health",
    response_model=S.Health,
    tags=["meta"],
    summary="Liveness and configuration",
    responses={503: {"description": "No SPARQL worker is running."}},
)
def health(request: Request) -> Response:
    from kg.server.settings import public_store_label

    st = request.app.state
    status = st.pool.status()  # "ok", "starting" or "unavailable" (503)
    body = S.Health(
        status=status,
        store=public_store_label(st.store_path),
        read_only=st.kg_store.read_only and not st.settings.enable_updates,
        sparql_workers=st.pool.alive,
        updates=st.settings.enable_updates,
        ready=st.resolver.loaded and st.paper_index.loaded,
    )
    return JSONResponse(
        body.model_dump(mode="json"), status_code=503 if status == "unavailable" else 200
    )


@router.get(
    "/api/stats", response_model=S.Stats, tags=["meta"], summary="Counts of what the graph holds"
)
def stats(request: Request) -> S.Stats:
    from kg.stats import graph_stats

    st = request.app.state
    with _stats_lock:
        cached = getattr(st, "stats_cache", None)
        if cached is None:
            cached = graph_stats(st.kg_store)
            st.stats_cache = cached
    return S.Stats(counts=cached)


# --- evaluations -------------------------------------------------------------------------
SUBJECT_TYPES = ("Model", "Method")
TARGET_TYPES = ("Benchmark", "Hardware")


def find_evaluations(
    request: Request,
    subject: str,
    target: str,
    include_variants: bool = True,
    limit: int = 100,
    offset: int = 0,
) -> S.EvaluationsResponse:
    resolver = _resolver(request)
    s = _resolve(request, subject, SUBJECT_TYPES)
    t = _resolve(request, target, TARGET_TYPES)
    s_set = resolver.variants(s.iri) if include_variants else [s.iri]
    t_set = resolver.variants(t.iri) if include_variants else [t.iri]
    if t.type == "Benchmark":
        # with variants: one kg:evaluationKey lookup ("<subject id> <target id>" is stored
        # for every ancestor pair); without: the exact pair
        sid, tid = _entity_id(s.iri), _entity_id(t.iri)
        match = (
            f"?item kg:evaluationKey {ox.Literal(f'{sid} {tid}')} ;\n"
            f"        kg:evaluatedSubject ?s ; kg:onBenchmark ?t ."
            if include_variants and sid and tid
            else f"{_values('s', s_set)}\n  {_values('t', t_set)}\n  ?item kg:evaluatedSubject ?s ; kg:onBenchmark ?t ."
        )
        rows = _q(
            request,
            f"""SELECT ?paper ?key ?title ?date ?arxiv ?s ?t ?m ?value ?unit ?vt ?evidence ?item WHERE {{
  {match}
  ?paper kg:hasEvaluation ?item .
  ?paper dcterms:identifier ?key ; dcterms:title ?title . FILTER(LANG(?title) = "")
  OPTIONAL {{ ?paper dcterms:issued ?date }}
  OPTIONAL {{ ?paper kg:arxivId ?arxiv }}
  OPTIONAL {{ ?item kg:withMetric ?m }}
  OPTIONAL {{ ?item kg:value ?value }}
  OPTIONAL {{ ?item kg:unit ?unit }}
  OPTIONAL {{ ?item kg:valueText ?vt }}
  OPTIONAL {{ ?item kg:evidence ?sent OPTIONAL {{ ?sent kg:text ?evidence }} }}
}}""",
        )
    else:
        rows = _q(
            request,
            f"""SELECT ?paper ?key ?title ?date ?arxiv ?s ?t ?purpose ?evidence ?item WHERE {{
  {_values("s", s_set)}
  {_values("t", t_set)}
  ?paper kg:usesHardware ?item . ?item kg:hardware ?t .
  ?paper kg:mentions ?s .
  ?paper dcterms:identifier ?key ; dcterms:title ?title . FILTER(LANG(?title) = "")
  OPTIONAL {{ ?paper dcterms:issued ?date }}
  OPTIONAL {{ ?paper kg:arxivId ?arxiv }}
  OPTIONAL {{ ?item kg:purpose ?purpose }}
  OPTIONAL {{ ?item kg:evidence ?sent OPTIONAL {{ ?sent kg:text ?evidence }} }}
  OPTIONAL {{ ?item kg:subject ?us }}
  FILTER(!BOUND(?us) || ?us = ?s || NOT EXISTS {{ ?paper kg:usesHardware/kg:subject ?s }})
}}""",
        )
    papers: dict[str, S.EvaluationPaper] = {}
    seen_items: set[tuple[str, str]] = set()
    for r in rows:
        piri = r["paper"].value
        item = r["item"].value
        p = papers.get(piri)
        if p is None:
            key = r["key"].value
            p = papers[piri] = S.EvaluationPaper(
                id=key,
                iri=piri,
                title=r["title"].value,
                url=paper_url(key, _v(r.get("arxiv"))),
                date=_v(r.get("date")),
            )
        if (piri, item) in seen_items:
            continue
        seen_items.add((piri, item))
        m = r.get("m")
        res = S.EvaluationResult(
            subject=entity_ref(resolver, r["s"].value),
            target=entity_ref(resolver, r["t"].value),
            metric=entity_ref(resolver, m.value) if m is not None else None,
            value=_num(r.get("value")),
            unit=_v(r.get("unit")),
            value_text=_v(r.get("vt")),
            evidence=_v(r.get("evidence")),
            purpose=_v(r.get("purpose")),
        )
        p.results.append(res)
    out = list(papers.values())
    for p in out:
        p.results.sort(key=lambda x: (x.value is None, x.evidence or ""))
        first = p.results[0]
        p.evidence, p.metric, p.value, p.unit = (
            first.evidence,
            first.metric,
            first.value,
            first.unit,
        )
    out.sort(key=lambda p: (p.date.isoformat() if p.date else "", p.id), reverse=True)
    return S.EvaluationsResponse(
        subject=S.EntityRef(iri=s.iri, id=_entity_id(s.iri), label=s.label, type=s.type),
        target=S.EntityRef(iri=t.iri, id=_entity_id(t.iri), label=t.label, type=t.type),
        include_variants=include_variants,
        subject_variants=len(s_set),
        target_variants=len(t_set),
        total=len(out),
        papers=out[offset : offset + limit],
    )


def _num(term: Any) -> float | None:
    v = _v(term)
    if v is None:
        return None
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


@router.get(
    "/api/evaluations",
    response_model=S.EvaluationsResponse,
    tags=["evaluations"],
    responses={**NOT_FOUND, **BAD},
    summary="Papers that evaluate a model or method on a benchmark or hardware",
)
def evaluations(
    request: Request,
    subject: str = Query(
        ...,
        min_length=1,
        max_length=1000,
        description="Model or method: label, alias, id or IRI.",
        examples=["Llama"],
    ),
    target: str = Query(
        ...,
        min_length=1,
        max_length=1000,
        description="Benchmark or hardware: label, alias, id or IRI.",
        examples=["GSM8K"],
    ),
    include_variants: bool = Query(
        True,
        description="Follow skos:broader* below subject and target "
        "(Llama finds Llama 3.1 8B; Hopper finds H200).",
    ),
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=1_000_000),
) -> S.EvaluationsResponse:
    """Resolve `subject` and `target` (case- and punctuation-insensitive) and list the
    papers reporting a result of the subject on the target, newest first, each with the
    evidence sentence, metric, value and unit. For a hardware target, the papers that
    mention the subject and report using that hardware. 404 with suggestions when a name
    matches nothing."""
    return find_evaluations(request, subject, target, include_variants, limit, offset)


# --- canned queries ----------------------------------------------------------------------
def _canned():
    from kg.canned import load_queries

    return load_queries()


def _canned_out(q) -> S.CannedQueryOut:
    ex = {
        p.name: str(p.example if p.example is not None else p.default)
        for p in q.params
        if p.example is not None or p.default is not None
    }
    url = f"/api/queries/{q.name}" + (f"?{urlencode(ex)}" if ex else "")
    return S.CannedQueryOut(
        name=q.name,
        summary=q.summary,
        description=q.description,
        tags=q.tags,
        params=[S.CannedParamOut(**p.model_dump()) for p in q.params],
        url=url,
    )


@router.get(
    "/api/queries",
    response_model=list[S.CannedQueryOut],
    tags=["queries"],
    summary="List the canned queries with their parameters and examples",
)
def list_queries() -> list[S.CannedQueryOut]:
    return [_canned_out(q) for q in _canned().values()]


RESERVED = {"format"}


def run_canned(request: Request, name: str, params: dict[str, str], fmt: str | None) -> Response:
    from kg.canned import CannedError, render

    queries = _canned()
    q = queries.get(name)
    if q is None:
        raise HTTPException(
            404, detail={"detail": f"no canned query {name!r}", "name": name, "suggestions": []}
        )
    want_csv = False
    if fmt:
        f = fmt.strip().lower()
        if f in ("csv", "text/csv"):
            want_csv = True
        elif f not in ("json", "application/json"):
            raise HTTPException(400, detail="format must be json or csv")
    else:
        from kg.server.conneg import negotiate

        got = negotiate(
            request.headers.get("accept"), [("application/json", "json"), ("text/csv", "csv")]
        )
        if got is None:
            return JSONResponse(
                {"detail": "this resource is available as application/json or text/csv"},
                status_code=406,
            )
        want_csv = got[1] == "csv"
    store = _store(request)
    store._kg_resolver = _resolver(request)
    try:
        text = render(q, params, store)
    except CannedError as e:
        raise HTTPException(400, detail={"detail": str(e), "suggestions": e.suggestions}) from None
    variables, rows, truncated = _run_rows(request.app, text, request.app.state.settings.max_rows)
    if want_csv:
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=variables, lineterminator="\r\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: "" if v is None else v for k, v in r.items()})
        headers = {"X-KG-Truncated": "true"} if truncated else {}
        return Response(buf.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)
    bound = {k: v for k, v in params.items()}
    body = S.CannedResult(
        query=name,
        params=bound,
        variables=variables,
        rows=rows,
        count=len(rows),
        truncated=truncated,
    )
    return JSONResponse(body.model_dump(mode="json"))


def _run_rows(app, text: str, max_rows: int) -> tuple[list[str], list[dict], bool]:
    """Run a query and turn its answer into plain rows, on this thread (pyoxigraph result
    iterators must not be dropped on another one)."""
    # in a SPARQL worker with the API's time limit (kg.server.budget; 503 past it)
    kind, variables, got, truncated = run_query(app, text, max_rows=max_rows)
    if kind == "boolean":
        return ["result"], [{"result": bool(got[0][0])}], False
    rows = [{v: _v(t) for v, t in zip(variables, r, strict=False)} for r in got]
    return variables, rows, truncated


def _query_params(request: Request) -> tuple[dict[str, str], str | None]:
    items = list(request.query_params.multi_items())
    keys = [k for k, _ in items]
    dup = sorted({k for k in keys if keys.count(k) > 1})
    if dup:
        raise HTTPException(400, detail=f"parameter(s) given more than once: {', '.join(dup)}")
    params = {k: v for k, v in items if k not in RESERVED}
    return params, request.query_params.get("format")


CANNED_RESPONSES = {
    200: {
        "model": S.CannedResult,
        "description": "Rows as JSON (CannedResult) or CSV (Accept: text/csv or format=csv).",
        "content": {"text/csv": {"schema": {"type": "string"}}},
    },
    400: {
        "model": S.ErrorBody,
        "description": "Unknown, missing or invalid parameters (unresolvable names "
        "come with suggestions).",
    },
    404: {"model": S.NotFoundBody, "description": "No such canned query."},
    406: {"description": "Neither JSON nor CSV is acceptable."},
}


def _register_canned_routes() -> None:
    """One documented route per canned query (its parameters in the OpenAPI spec), then a
    generic one for any name."""
    try:
        queries = _canned()
    except Exception:  # noqa: BLE001 - a broken .rq shows up in /api/queries and the tests
        queries = {}
    type_schema = {
        "iri": {"type": "string"},
        "string": {"type": "string"},
        "integer": {"type": "integer"},
        "date": {"type": "string", "format": "date"},
    }
    for q in queries.values():
        params = [
            {
                "name": p.name,
                "in": "query",
                "required": p.required,
                "description": (p.description or "")
                + (
                    f" (one of: {', '.join(p.entity)}; a label, alias, id or IRI)"
                    if p.entity
                    else ""
                ),
                "schema": {
                    **type_schema[p.type],
                    **({"default": p.default} if p.default is not None else {}),
                },
                **({"example": p.example} if p.example is not None else {}),
            }
            for p in q.params
        ]
        params.append(
            {
                "name": "format",
                "in": "query",
                "required": False,
                "schema": {"type": "string", "enum": ["json", "csv"]},
            }
        )

        def endpoint(request: Request, _name: str = q.name) -> Response:
            params, fmt = _query_params(request)
            return run_canned(request, _name, params, fmt)

        router.add_api_route(
            f"/api/queries/{q.name}",
            endpoint,
            methods=["GET"],
            tags=["queries"],
            summary=q.summary,
            description=q.description or q.summary,
            responses=CANNED_RESPONSES,
            response_class=JSONResponse,
            response_model=None,
            openapi_extra={"parameters": params},
            operation_id=f"canned_{q.name.replace('-', '_')}",
        )


_register_canned_routes()


@router.get(
    "/api/queries/{name}",
    tags=["queries"],
    responses=CANNED_RESPONSES,
    response_class=JSONResponse,
    response_model=None,
    summary="Run a canned query by name",
)
def canned_query(
    request: Request,
    name: str = Path(..., max_length=200),
    format: str | None = Query(None, description="json or csv (else the Accept header)"),
) -> Response:
    """Run the canned query `name` with its parameters given as query parameters."""
    params, fmt = _query_params(request)
    return run_canned(request, name, params, fmt)


@router.get(
    "/api/queries/{name}/sparql",
    tags=["queries"],
    response_class=Response,
    responses={200: {"content": {"application/sparql-query": {}}}, 404: {"model": S.NotFoundBody}},
    summary="The SPARQL text of a canned query",
)
def canned_sparql(name: str = Path(..., max_length=200)) -> Response:
    q = _canned().get(name)
    if q is None:
        raise HTTPException(
            404, detail={"detail": f"no canned query {name!r}", "name": name, "suggestions": []}
        )
    return Response(q.sparql, media_type="application/sparql-query")


# --- papers --------------------------------------------------------------------------------
@router.get(
    "/api/papers",
    response_model=S.PaperPage,
    tags=["papers"],
    responses={**NOT_FOUND, **BAD},
    summary="Search papers by text, entity, category and date",
)
def papers(
    request: Request,
    q: str | None = Query(
        None, max_length=500, description="Words that must all occur in the title or abstract."
    ),
    entity: str | None = Query(
        None, max_length=1000, description="Papers mentioning this entity (or a variant)."
    ),
    category: str | None = Query(
        None, max_length=100, description="arXiv category, e.g. cs.LG."
    ),
    date_from: str | None = Query(None, alias="from", description="Earliest date (YYYY-MM-DD)."),
    date_to: str | None = Query(None, alias="to", description="Latest date (YYYY-MM-DD)."),
    limit: int = Query(20, ge=1, le=200),
    offset: int = Query(0, ge=0, le=1_000_000),
) -> S.PaperPage:
    """Newest first. All filters combine (AND)."""
    import datetime as dt

    index = _index(request)
    index.load()
    keep: set[str] | None = None

    def narrow(found: set[str]) -> None:
        nonlocal keep
        keep = found if keep is None else keep & found

    if entity:
        ent = _resolve(request, entity, ())
        narrow(index.mentioning(_resolver(request).variants(ent.iri)))
    if category:
        narrow(index.in_category(category.strip()))
    bounds = []
    for raw, name in ((date_from, "from"), (date_to, "to")):
        if raw:
            try:
                bounds.append(dt.date.fromisoformat(raw.strip()).isoformat())
            except ValueError:
                raise HTTPException(400, detail=f"{name} must be a date YYYY-MM-DD") from None
        else:
            bounds.append(None)
    words = [w.lower() for w in (q or "").split()][:20]
    text = index.text() if words else None
    candidates = index.order if keep is None else index.newest(keep)
    hits = []
    for iri in candidates:
        row = index.papers.get(iri)
        if row is None:
            continue
        if bounds[0] and not (row.date and row.date >= bounds[0]):
            continue
        if bounds[1] and not (row.date and row.date <= bounds[1]):
            continue
        if words and not all(w in text.get(iri, "") for w in words):
            continue
        hits.append(iri)
    page = hits[offset : offset + limit]
    return S.PaperPage(
        total=len(hits), limit=limit, offset=offset, papers=[_summary(request, i) for i in page]
    )


def _index(request: Request):
    return request.app.state.paper_index


def _summary(request: Request, iri: str) -> S.PaperSummary:
    index = _index(request)
    row = index.get(iri)
    if row is None:
        return S.PaperSummary(id=iri.rsplit("/", 1)[-1], iri=iri, title="")
    return S.PaperSummary(
        id=row.key,
        iri=iri,
        title=row.title,
        url=paper_url(row.key, row.arxiv),
        date=row.date,
        categories=index.categories(iri),
    )


def _evidence(r: dict) -> S.Evidence:
    return S.Evidence(
        sentence=_v(r.get("ev")),
        field=_v(r.get("field")),
        start=_v(r.get("start")),
        end=_v(r.get("end")),
        confidence=_num(r.get("conf")),
    )


# (One OPTIONAL per triple pattern: Oxigraph evaluates `OPTIONAL { ?item kg:evidence ?s .
# ?s kg:text ?t }` over every sentence of the store before joining, ~0.5 s at 60k papers.)
EVIDENCE_OPT = """OPTIONAL { ?item kg:evidence ?sent OPTIONAL { ?sent kg:text ?ev } OPTIONAL { ?sent kg:field ?field } }
  OPTIONAL { ?item kg:startOffset ?start } OPTIONAL { ?item kg:endOffset ?end }
  OPTIONAL { ?item kg:confidence ?conf }"""


def _mention(ref, r: dict) -> S.MentionOut:
    """A mention row (sentence text, field and start; the kg:span literal) as the API gives it:
    offsets, confidence and rule from the span, the surface form sliced from the sentence."""
    from kg.to_rdf import parse_mention_span

    text, ss = _v(r.get("ev")), _v(r.get("ss"))
    start = end = conf = rule = surface = None
    span = _v(r.get("span"))
    if isinstance(span, str):
        try:
            start, end, conf, rule = parse_mention_span(span)
        except ValueError:
            pass
    if text is not None and ss is not None and start is not None:
        surface = text[start - int(ss) : end - int(ss)] or None
    return S.MentionOut(
        entity=ref(r["e"]),
        surface=surface,
        rule=rule or None,
        evidence=S.Evidence(
            sentence=text, field=_v(r.get("field")), start=start, end=end, confidence=conf
        ),
    )


@router.get(
    "/api/papers/{paper_id:path}",
    response_model=S.PaperDetail,
    tags=["papers"],
    responses={404: {"model": S.ErrorBody}},
    summary="One paper: metadata, entities, facts and their provenance",
)
def paper(
    request: Request,
    paper_id: str = Path(
        ...,
        max_length=300,
        description="arXiv id (2510.14968) or t-<hash>.",
        examples=["2510.14968"],
    ),
) -> S.PaperDetail:
    from kg.namespaces import paper_graph, paper_iri

    key = paper_id.strip()
    if key.startswith(ID + "paper/"):
        key = unquote(key[len(ID + "paper/") :])
    try:
        p = paper_iri(key)
    except ValueError:
        raise HTTPException(404, detail=f"no paper {paper_id!r}") from None
    P = str(p)
    base = _q(
        request,
        f"""SELECT ?title ?abstract ?date ?arxiv WHERE {{
  {P} a kg:Paper ; dcterms:title ?title . FILTER(LANG(?title) = "")
  OPTIONAL {{ {P} dcterms:abstract ?abstract FILTER(LANG(?abstract) = "") }}
  OPTIONAL {{ {P} dcterms:issued ?date }} OPTIONAL {{ {P} kg:arxivId ?arxiv }} }} LIMIT 1""",
    )
    if not base:
        raise HTTPException(404, detail=f"no paper {paper_id!r}")
    b = base[0]
    resolver = _resolver(request)
    ref = lambda t: entity_ref(resolver, t.value)  # noqa: E731
    authors = [
        r["name"].value
        for r in _q(
            request,
            f"""SELECT DISTINCT ?name ?pos WHERE {{
  {P} kg:hasAuthorship ?a . ?a kg:author ?au ; kg:authorPosition ?pos . ?au rdfs:label ?name }} ORDER BY ?pos""",
        )
    ]
    cats = sorted(
        {
            r["c"].value
            for r in _q(request, f"SELECT ?c WHERE {{ {P} kg:category/skos:notation ?c }}")
        }
    )
    code = [
        _v(r["u"])
        for r in _q(request, f"SELECT DISTINCT ?u WHERE {{ {P} schema:codeRepository ?u }}")
    ]
    ents = [ref(r["e"]) for r in _q(request, f"SELECT DISTINCT ?e WHERE {{ {P} kg:mentions ?e }}")]
    proposes = [
        S.ProposalOut(entity=ref(r["e"]), evidence=_evidence(r))
        for r in _q(
            request,
            f"""
SELECT ?e ?ev ?field ?start ?end ?conf WHERE {{ {P} kg:hasProposal ?item . ?item kg:proposedEntity ?e .
  {EVIDENCE_OPT} }} ORDER BY ?start""",
        )
    ]
    evals = [
        S.EvaluationOut(
            subject=ref(r["s"]),
            benchmark=ref(r["b"]),
            metric=ref(r["m"]) if r.get("m") is not None else None,
            value=_num(r.get("value")),
            unit=_v(r.get("unit")),
            value_text=_v(r.get("vt")),
            evidence=_evidence(r),
        )
        for r in _q(
            request,
            f"""
SELECT ?s ?b ?m ?value ?unit ?vt ?ev ?field ?start ?end ?conf WHERE {{ {P} kg:hasEvaluation ?item .
  ?item kg:evaluatedSubject ?s ; kg:onBenchmark ?b .
  OPTIONAL {{ ?item kg:withMetric ?m }} OPTIONAL {{ ?item kg:value ?value }} OPTIONAL {{ ?item kg:unit ?unit }}
  OPTIONAL {{ ?item kg:valueText ?vt }} {EVIDENCE_OPT} }} ORDER BY ?start""",
        )
    ]
    hw = [
        S.HardwareUseOut(
            hardware=ref(r["h"]),
            subject=ref(r["s"]) if r.get("s") is not None else None,
            purpose=_v(r.get("purpose")),
            evidence=_evidence(r),
        )
        for r in _q(
            request,
            f"""
SELECT ?h ?s ?purpose ?ev ?field ?start ?end ?conf WHERE {{ {P} kg:usesHardware ?item . ?item kg:hardware ?h .
  OPTIONAL {{ ?item kg:subject ?s }} OPTIONAL {{ ?item kg:purpose ?purpose }} {EVIDENCE_OPT} }} ORDER BY ?start""",
        )
    ]
    mentions = [
        _mention(ref, r)
        for r in _q(
            request,
            f"""
SELECT ?e ?span ?ev ?field ?ss WHERE {{ {P} kg:hasSentence ?sent . ?sent kg:hasMention ?item .
  ?item kg:mentionedEntity ?e . OPTIONAL {{ ?item kg:span ?span }}
  OPTIONAL {{ ?sent kg:text ?ev }} OPTIONAL {{ ?sent kg:field ?field }} OPTIONAL {{ ?sent kg:sentenceStart ?ss }} }}""",
        )
    ]
    mentions.sort(
        key=lambda m: (
            m.evidence.field or "",
            m.evidence.start if m.evidence.start is not None else -1,
        )
    )
    sources = [
        S.SourceOut(file=_v(r.get("file")), record=_v(r.get("rec")), format=_v(r.get("fmt")))
        for r in _q(
            request,
            f"""
SELECT DISTINCT ?src ?file ?rec ?fmt WHERE {{ {P} prov:wasDerivedFrom ?src . ?src a kg:SourceRecord .
  OPTIONAL {{ ?src kg:sourceFile ?file }} OPTIONAL {{ ?src kg:recordNumber ?rec }} OPTIONAL {{ ?src kg:sourceFormat ?fmt }} }}
ORDER BY ?src""",
        )
    ]
    version = _q(
        request, f"SELECT ?v WHERE {{ ?run prov:used {P} ; kg:extractorVersion ?v }} LIMIT 1"
    )
    return S.PaperDetail(
        id=key,
        iri=p.value,
        title=b["title"].value,
        url=paper_url(key, _v(b.get("arxiv"))),
        date=_v(b.get("date")),
        categories=cats,
        abstract=_v(b.get("abstract")),
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


# --- entities --------------------------------------------------------------------------------
TypeQuery = Query(None, description="Model, Method, Benchmark, Hardware or Metric (repeatable).")


@router.get(
    "/api/entities",
    response_model=S.EntityPage,
    tags=["entities"],
    responses=BAD,
    summary="Search entities by label prefix (autocomplete)",
)
def entities(
    request: Request,
    q: str = Query(
        "", max_length=200, description="Label or alias prefix, case- and punctuation-insensitive."
    ),
    type: list[str] | None = TypeQuery,
    limit: int = Query(20, ge=1, le=200),
) -> S.EntityPage:
    from kg.server.resolver import ENTITY_TYPES

    types = [t.strip().capitalize() for t in (type or []) if t.strip()]
    bad = [t for t in types if t not in ENTITY_TYPES]
    if bad:
        raise HTTPException(
            400, detail=f"unknown type(s) {', '.join(bad)}; use {', '.join(ENTITY_TYPES)}"
        )
    hits = _resolver(request).search(q, types, limit)
    return S.EntityPage(
        entities=[
            S.EntityHit(
                iri=h.iri,
                id=_entity_id(h.iri),
                label=h.label,
                type=h.type,
                kind=h.kind,
                aliases=h.aliases,
            )
            for h in hits
        ]
    )


@router.get(
    "/api/entities/{entity_id:path}",
    response_model=S.EntityDetail,
    tags=["entities"],
    responses=NOT_FOUND,
    summary="Everything known about one entity",
)
def entity(
    request: Request,
    entity_id: str = Path(
        ...,
        max_length=1000,
        description="Entity id (model/llama-3.1-8b), IRI, label or alias.",
        examples=["model/llama-3.1-8b"],
    ),
    limit: int = Query(20, ge=1, le=200, description="Most papers / evaluations listed."),
) -> S.EntityDetail:
    resolver = _resolver(request)
    r = _resolve(request, entity_id, ())
    info = resolver.get(r.iri)
    E = str(ox.NamedNode(r.iri))
    variants = resolver.variants(r.iri)
    index = _index(request)

    def count(pattern: str) -> int:
        rows = _q(request, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}")
        return int(rows[0]["n"].value) if rows else 0

    direct = index.mentioning([r.iri])
    with_variants = index.mentioning(variants)
    proposers = {
        x["p"].value for x in _q(request, f"SELECT DISTINCT ?p WHERE {{ ?p kg:proposes {E} }}")
    }
    c = S.EntityCounts(
        papers=len(direct),
        papers_with_variants=len(with_variants),
        proposed_by=len(proposers),
        evaluations_as_subject=count(f"?x kg:evaluatedSubject {E}"),
        evaluations_as_benchmark=count(f"?x kg:onBenchmark {E}"),
        hardware_usages=count(f"?x kg:hardware {E}"),
    )
    erows = []
    for role in ("kg:evaluatedSubject", "kg:onBenchmark"):
        erows += _q(
            request,
            f"""SELECT ?paper ?s ?b ?m ?value ?unit ?ev WHERE {{
  ?item {role} {E} .
  ?paper kg:hasEvaluation ?item .
  ?item kg:evaluatedSubject ?s ; kg:onBenchmark ?b .
  OPTIONAL {{ ?item kg:withMetric ?m }} OPTIONAL {{ ?item kg:value ?value }}
  OPTIONAL {{ ?item kg:unit ?unit }} OPTIONAL {{ ?item kg:evidence ?sent OPTIONAL {{ ?sent kg:text ?ev }} }} }}""",
        )
    order = {iri: n for n, iri in enumerate(index.newest({x["paper"].value for x in erows}))}
    erows.sort(key=lambda x: order.get(x["paper"].value, len(order)))
    erows = erows[:limit]
    evals = [
        S.EntityEvaluation(
            paper=_summary(request, x["paper"].value),
            subject=entity_ref(resolver, x["s"].value),
            benchmark=entity_ref(resolver, x["b"].value),
            metric=entity_ref(resolver, x["m"].value) if x.get("m") is not None else None,
            value=_num(x.get("value")),
            unit=_v(x.get("unit")),
            evidence=_v(x.get("ev")),
        )
        for x in erows
    ]
    return S.EntityDetail(
        iri=r.iri,
        id=_entity_id(r.iri),
        label=r.label,
        type=r.type,
        kind=info.kind if info else None,
        aliases=info.aliases if info else [],
        broader=[entity_ref(resolver, b) for b in (info.broader if info else [])],
        narrower=[entity_ref(resolver, n) for n in (info.narrower if info else [])],
        counts=c,
        papers=[_summary(request, i) for i in index.newest(with_variants)[:limit]],
        proposed_by=[_summary(request, i) for i in index.newest(proposers)[:limit]],
        evaluations=evals,
    )
