"""The canned-query routes of the REST API: one documented route per `queries/*.rq`
(its parameters in the OpenAPI spec), a generic one by name, and the SPARQL text;
JSON or CSV by `format=` or the Accept header."""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse, Response

from kg.query import KG, BadInput
from kg.query import schemas as S
from kg.query.canned import get_query, run_canned

RESERVED = {"format"}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": S.NotFoundBody, "description": "No such canned query."}
}
CANNED_RESPONSES: dict[int | str, dict[str, Any]] = {
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


def add_canned_routes(router: APIRouter, K: Any) -> None:
    """Add the canned-query routes to `router`; `K` is the `Depends(get_kg)` marker."""

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
