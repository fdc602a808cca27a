"""The REST API's HTTP side: routes, parameters, status codes, content negotiation.

The answers come from the query layer (`kg.query`); every route gets the current
`KG` snapshot through the `get_kg` dependency `create_app` passes to `build_router`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, Response

from kg.query import KG, BadInput
from kg.query import schemas as S
from kg.query.canned import get_query, run_canned
from kg.query.entities import entity as entity_view
from kg.query.entities import list_entities, trend
from kg.query.evaluations import find_evaluations
from kg.query.leaderboard import leaderboard as leaderboard_view
from kg.query.papers import UNDATED, search
from kg.query.papers import paper as paper_view
from kg.query.stats import stats as stats_view

NOT_FOUND = {
    404: {"model": S.NotFoundBody, "description": "A name matched nothing; close matches."},
    409: {"model": S.NotFoundBody, "description": "A name fits several entities (candidates)."},
}
BAD = {400: {"model": S.ErrorBody, "description": "Bad or missing parameters."}}
RESERVED = {"format"}
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
TYPE_SCHEMA = {
    "iri": {"type": "string"},
    "string": {"type": "string"},
    "integer": {"type": "integer"},
    "date": {"type": "string", "format": "date"},
}


@dataclass
class ServerInfo:
    """What /health reports besides the KG: set by create_app."""

    store: str
    read_only: bool
    updates: bool
    workers_alive: Callable[[], int]


def canned_out(q) -> S.CannedQueryOut:
    ex = {
        p.name: str(p.example if p.example is not None else p.default)
        for p in q.params
        if p.example is not None or p.default is not None
    }
    return S.CannedQueryOut(
        name=q.name,
        summary=q.summary,
        description=q.description,
        tags=q.tags,
        params=[S.CannedParamOut(**p.model_dump()) for p in q.params],
        url=f"/api/queries/{q.name}" + (f"?{urlencode(ex)}" if ex else ""),
    )


def query_params(request: Request) -> tuple[dict[str, str], str | None]:
    items = list(request.query_params.multi_items())
    keys = [k for k, _ in items]
    dup = sorted({k for k in keys if keys.count(k) > 1})
    if dup:
        raise BadInput(f"parameter(s) given more than once: {', '.join(dup)}")
    return {k: v for k, v in items if k not in RESERVED}, request.query_params.get("format")


def canned_response(kg: KG, request: Request, name: str) -> Response:
    params, fmt = query_params(request)
    get_query(name)  # 404 before content negotiation
    if fmt:
        f = fmt.strip().lower()
        if f not in ("csv", "text/csv", "json", "application/json"):
            raise BadInput("format must be json or csv")
        want_csv = "csv" in f
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
    variables, rows, truncated = run_canned(kg, name, params)
    if want_csv:
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=variables, lineterminator="\r\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: "" if v is None else v for k, v in r.items()})
        headers = {"X-KG-Truncated": "true"} if truncated else {}
        return Response(buf.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)
    body = S.CannedResult(
        query=name,
        params=params,
        variables=variables,
        rows=rows,
        count=len(rows),
        truncated=truncated,
    )
    return JSONResponse(body.model_dump(mode="json"))


def canned_openapi(q) -> list[dict[str, Any]]:
    params = [
        {
            "name": p.name,
            "in": "query",
            "required": p.required,
            "description": (p.description or "")
            + (f" (one of: {', '.join(p.entity)}; a label, alias, id or IRI)" if p.entity else ""),
            "schema": {
                **TYPE_SCHEMA[p.type],
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
    return params


def build_router(get_kg: Callable[..., KG], info: ServerInfo) -> APIRouter:
    """Every /api route and /health, answering from the KG `get_kg` gives per request."""
    router = APIRouter()
    K = Depends(get_kg)

    @router.get("/health", response_model=S.Health, tags=["meta"], summary="Liveness")
    def health(kg: KG = K) -> S.Health:
        return S.Health(
            status="ok",
            store=info.store,
            read_only=info.read_only,
            sparql_workers=info.workers_alive(),
            updates=info.updates,
            ready=kg.ready,
        )

    @router.get("/api/stats", response_model=S.Stats, tags=["meta"], summary="Counts")
    def stats(kg: KG = K) -> S.Stats:
        """Papers, facts and quads; per entity type, the entities papers mention apart
        from the vocabulary's concepts (`entities`)."""
        return stats_view(kg)

    @router.get(
        "/api/evaluations",
        response_model=S.EvaluationsResponse,
        tags=["evaluations"],
        responses={**NOT_FOUND, **BAD},
        summary="Papers that evaluate a model or method on a benchmark or hardware",
    )
    def evaluations(
        kg: KG = K,
        subject: str = Query(..., min_length=1, max_length=1000, examples=["Llama"]),
        target: str = Query(..., min_length=1, max_length=1000, examples=["GSM8K"]),
        include_variants: bool = Query(
            True, description="Follow skos:broader* below subject and target."
        ),
        limit: int = Query(100, ge=1, le=1000),
        offset: int = Query(0, ge=0, le=1_000_000),
    ) -> S.EvaluationsResponse:
        """Tier 1 (`papers`): papers stating a result of the subject, or of a method run
        on it as base model, on the target (or variants), newest first, each with evidence,
        metric, value and unit. Tier 2 (`mentioned`): papers that mention both without
        such a statement. Names resolve by label or alias (exact first); 404 with
        suggestions when a name matches nothing."""
        return find_evaluations(kg, subject, target, include_variants, limit, offset)

    @router.get(
        "/api/leaderboard",
        response_model=S.Leaderboard,
        tags=["evaluations"],
        responses={**NOT_FOUND, **BAD},
        summary="Scores on a benchmark, per metric, best first",
    )
    def leaderboard(
        kg: KG = K,
        benchmark: str = Query(..., min_length=1, max_length=1000, examples=["GSM8K"]),
        metric: str | None = Query(None, max_length=1000, description="Only this metric."),
        include_variants: bool = Query(True),
        limit: int = Query(50, ge=1, le=1000, description="Rows per metric."),
    ) -> S.Leaderboard:
        """Only scores (kg:valueKind kg:Score), ordered by the metric's direction
        (kg:higherIsBetter; unknown: descending, and `direction_known` is false)."""
        return leaderboard_view(kg, benchmark, metric, include_variants, limit)

    @router.get(
        "/api/queries",
        response_model=list[S.CannedQueryOut],
        tags=["queries"],
        summary="List the canned queries with their parameters and examples",
    )
    def list_queries() -> list[S.CannedQueryOut]:
        from kg.canned import load_queries

        return [canned_out(q) for q in load_queries().values()]

    try:
        from kg.canned import load_queries

        known = load_queries()
    except Exception:  # noqa: BLE001 - a broken .rq shows up in /api/queries and the tests
        known = {}
    for q in known.values():  # one documented route per canned query

        def endpoint(request: Request, kg: KG = K, _name: str = q.name) -> Response:
            return canned_response(kg, request, _name)

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
            openapi_extra={"parameters": canned_openapi(q)},
            operation_id=f"canned_{q.name.replace('-', '_')}",
        )

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
        kg: KG = K,
        name: str = Path(..., max_length=200),
        format: str | None = Query(None, description="json or csv (else the Accept header)"),
    ) -> Response:
        """Run the canned query `name` with its parameters given as query parameters."""
        return canned_response(kg, request, name)

    @router.get(
        "/api/queries/{name}/sparql",
        tags=["queries"],
        response_class=Response,
        responses={200: {"content": {"application/sparql-query": {}}}, **NOT_FOUND},
        summary="The SPARQL text of a canned query",
    )
    def canned_sparql(name: str = Path(..., max_length=200)) -> Response:
        return Response(get_query(name).sparql, media_type="application/sparql-query")

    @router.get(
        "/api/papers",
        response_model=S.PaperPage,
        tags=["papers"],
        responses={**NOT_FOUND, **BAD},
        summary="Search papers by text, entity, category and date",
    )
    def papers(
        kg: KG = K,
        q: str | None = Query(None, max_length=500, description="Words in title or abstract."),
        entity: str | None = Query(None, max_length=1000, description="Mentioning this."),
        category: str | None = Query(None, max_length=100, description="e.g. cs.LG."),
        date_from: str | None = Query(None, alias="from", description="YYYY-MM-DD."),
        date_to: str | None = Query(None, alias="to", description="YYYY-MM-DD."),
        undated: str = Query(
            "exclude",
            description=f"Papers without a date when from/to is given: {', '.join(UNDATED)}.",
        ),
        limit: int = Query(20, ge=1, le=200),
        offset: int = Query(0, ge=0, le=1_000_000),
    ) -> S.PaperPage:
        """Newest first. All filters combine (AND)."""
        return search(kg, q, entity, category, date_from, date_to, undated, limit, offset)

    @router.get(
        "/api/papers/{paper_id:path}",
        response_model=S.PaperDetail,
        tags=["papers"],
        responses={404: {"model": S.ErrorBody}},
        summary="One paper: metadata, entities, facts and their provenance",
    )
    def paper(
        kg: KG = K,
        paper_id: str = Path(..., max_length=300, examples=["2510.14968"]),
    ) -> S.PaperDetail:
        return paper_view(kg, paper_id)

    @router.get(
        "/api/entities",
        response_model=S.EntityPage,
        tags=["entities"],
        responses=BAD,
        summary="Entities papers mention, most mentioned first (autocomplete with q)",
    )
    def entities(
        kg: KG = K,
        q: str = Query("", max_length=200, description="Label or alias prefix."),
        type: list[str] | None = Query(None, description="Model, Method, … (repeatable)."),
        all: bool = Query(False, description="Also never-mentioned vocabulary concepts."),
        limit: int = Query(20, ge=1, le=200),
        offset: int = Query(0, ge=0, le=1_000_000),
    ) -> S.EntityPage:
        return list_entities(kg, q, type, limit, offset, all)

    @router.get(
        "/api/entities/{entity_id:path}/trend",
        response_model=S.Trend,
        tags=["entities"],
        responses=NOT_FOUND,
        summary="Papers mentioning an entity, per month",
    )
    def entity_trend(
        kg: KG = K,
        entity_id: str = Path(..., max_length=1000),
        include_variants: bool = Query(True),
    ) -> S.Trend:
        return trend(kg, entity_id, include_variants)

    @router.get(
        "/api/entities/{entity_id:path}",
        response_model=S.EntityDetail,
        tags=["entities"],
        responses=NOT_FOUND,
        summary="Everything known about one entity",
    )
    def entity(
        kg: KG = K,
        entity_id: str = Path(..., max_length=1000, examples=["model/llama-3.1-8b"]),
        limit: int = Query(20, ge=1, le=200, description="Most papers / evaluations listed."),
    ) -> S.EntityDetail:
        return entity_view(kg, entity_id, limit)

    return router


__all__ = ["build_router", "ServerInfo", "HTTPException"]
