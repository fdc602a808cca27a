"""Routes of the web explorer: pages, static assets, graph exports, rendered canned queries."""

from __future__ import annotations

import hashlib
import mimetypes
import re
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    Response,
    StreamingResponse,
)

from kg.graph_export import (
    FORMATS,
    PROJECTIONS,
    ExportScope,
    export_graph,
    file_extension,
    media_type,
)
from kg.query import KG, QueryError
from kg.web import pages

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"

#: query parameters of /api/export that are not canned-query parameters
EXPORT_KEYS = {
    "format",
    "projection",
    "entity",
    "depth",
    "query",
    "types",
    "type",
    "min_degree",
    "min_papers",
    "max_nodes",
    "download",
}
SECURITY_HEADERS = {
    # everything the pages load comes from this server; YASGUI and Cytoscape set inline styles
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; "
    "style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


# --- static files -----------------------------------------------------------------------
@lru_cache(maxsize=256)
def _asset_version(rel: str) -> str:
    try:
        return hashlib.sha1((STATIC_DIR / rel).read_bytes()).hexdigest()[:10]
    except OSError:
        return "0"


def asset(rel: str) -> str:
    """URL of a static file, with a content hash so browsers can cache it for long."""
    return f"/static/{rel}?v={_asset_version(rel)}"


pages.asset = asset  # the templates build asset URLs with it


def static(path: str, request: Request) -> Response:
    base = STATIC_DIR.resolve()
    target = (base / path).resolve()
    if not target.is_relative_to(base) or not target.is_file():
        return PlainTextResponse(f"no static file {path!r}\n", status_code=404)
    mtype = (
        {
            ".js": "text/javascript",
            ".mjs": "text/javascript",
            ".css": "text/css",
            ".json": "application/json",
            ".svg": "image/svg+xml",
        }.get(target.suffix)
        or mimetypes.guess_type(target.name)[0]
        or "text/plain"
    )
    if mtype.startswith("text/"):
        mtype += "; charset=utf-8"
    cache = (
        "public, max-age=31536000, immutable"
        if request.query_params.get("v")
        else "public, max-age=300"
    )
    return FileResponse(
        target,
        media_type=mtype,
        headers={"Cache-Control": cache, "X-Content-Type-Options": "nosniff"},
    )


# --- pages ------------------------------------------------------------------------------
def _page(html: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)


def _error(status: int, detail: str, **extra) -> JSONResponse:
    return JSONResponse({"detail": detail, **extra}, status_code=status)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.")[:60] or "graph"


EXPORT_DOC = f"""Download a projection of the graph as a file for graph tools.

* **format**: {", ".join(FORMATS)} (graphml/gexf for Gephi and Cytoscape, cytoscape for \
Cytoscape.js,
  nodelink for d3, dot for Graphviz, csv = zip of nodes.csv + edges.csv).
* **projection**: bipartite (papers–entities) or cooccurrence (entities, weight = papers sharing \
both).
* **entity** + **depth**: only the neighbourhood of an entity or paper (label, alias, id or IRI).
* **query**: only what a canned query returns; its parameters are passed as further query
  parameters (`/api/export?format=gexf&query=papers-evaluating&subject=Llama&target=GSM8K`).
* **types** (comma-separated or repeated), **min_papers**, **min_degree**, **max_nodes**: filters.

Nodes carry type, label, papers (count), first_year, iri; edges relation and weight.
Headers `X-KG-Nodes`, `X-KG-Edges` (and `X-KG-Total-Nodes` when max_nodes cut the graph) give the \
size."""


def build_router(get_kg: Callable[..., KG], exporter: Callable | None = None) -> APIRouter:
    """The explorer's pages, /static, /docs (offline), /api/export and /web/canned, over
    the KG `get_kg` gives per request. `exporter(fmt, out, scope)` builds an export where
    the server's limits hold (default: `kg.graph_export.export_graph` in this process)."""
    router = APIRouter()
    K = Depends(get_kg)
    router.add_api_route("/static/{path:path}", static, methods=["GET"], include_in_schema=False)

    @router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(pages.swagger())

    @router.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(q: str | None = Query(None, max_length=500)) -> HTMLResponse:
        return _page(pages.home(q or ""))

    @router.get("/entity/{entity_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(entity_id: str) -> HTMLResponse:
        return _page(pages.entity(entity_id))

    @router.get("/paper/{paper_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def paper_page(paper_id: str) -> HTMLResponse:
        return _page(pages.paper(paper_id))

    @router.get("/evaluate", response_class=HTMLResponse, include_in_schema=False)
    def evaluate_page(
        subject: str | None = Query(None, max_length=1000),
        target: str | None = Query(None, max_length=1000),
    ) -> HTMLResponse:
        return _page(pages.evaluate(subject or "", target or ""))

    @router.get("/leaderboard", response_class=HTMLResponse, include_in_schema=False)
    def leaderboard_page(
        benchmark: str | None = Query(None, max_length=1000),
        metric: str | None = Query(None, max_length=1000),
    ) -> HTMLResponse:
        return _page(pages.leaderboard(benchmark or "", metric or ""))

    @router.get("/query", response_class=HTMLResponse, include_in_schema=False)
    def query_page(name: str | None = Query(None, max_length=200)) -> HTMLResponse:
        return _page(pages.query(name or ""))

    @router.get(
        "/api/export",
        tags=["export"],
        summary="Export the graph (GraphML, GEXF, Cytoscape.js, …)",
        description=EXPORT_DOC,
        response_class=Response,
        responses={
            200: {
                "description": "The file.",
                "content": {m: {} for m in dict.fromkeys(t for _, t in FORMATS.values())},
            },
            400: {"description": "Bad format or scope."},
            404: {"description": "No such entity, paper or canned query (with suggestions)."},
        },
    )
    def export(
        request: Request,
        kg: KG = K,
        format: str = Query(..., description=f"One of {', '.join(FORMATS)}."),
        projection: str = Query("bipartite", description=" or ".join(PROJECTIONS)),
        entity: str | None = Query(
            None, max_length=1000, description="Neighbourhood of this entity or paper."
        ),
        depth: int = Query(1, ge=0, le=4, description="Neighbourhood depth (hops)."),
        query: str | None = Query(
            None, max_length=200, description="Canned query whose result scopes the graph."
        ),
        types: list[str] | None = Query(
            None, description="Entity types to keep (Model, Method, …)."
        ),
        min_degree: int = Query(0, ge=0, description="Drop nodes with fewer edges."),
        min_papers: int = Query(0, ge=0, description="Drop entities mentioned by fewer papers."),
        max_nodes: int = Query(
            0, ge=0, le=1_000_000, description="Keep at most this many nodes (0: all)."
        ),
        download: bool = Query(True, description="Send as an attachment (false: inline)."),
    ) -> Response:
        return _export(
            request, kg, format, projection, entity, depth, query, types, min_degree,
            min_papers, max_nodes, download, exporter,
        )  # fmt: skip

    @router.get(
        "/web/canned/{name}",
        tags=["queries"],
        response_class=Response,
        summary="A canned query's SPARQL with its parameters bound",
        responses={
            200: {"content": {"application/sparql-query": {}}},
            400: {"description": "Missing or invalid parameters (with suggestions)."},
            404: {"description": "No such canned query."},
        },
    )
    def canned_rendered(request: Request, name: str, kg: KG = K) -> Response:
        """The exact SPARQL `/api/queries/{name}` would run with these parameters: what the
        editor loads when a canned query is picked."""
        from kg.query.canned import render_canned

        params = {k: v for k, v in request.query_params.multi_items() if v != ""}
        text = render_canned(kg, name, params)
        return Response(text, media_type="application/sparql-query; charset=utf-8")

    return router


def _export(
    request, kg, format, projection, entity, depth, query, types, min_degree, min_papers,
    max_nodes, download, exporter=None,
) -> Response:  # fmt: skip
    fmt = format.strip().lower()
    if fmt not in FORMATS:
        return _error(400, f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    params = {k: v for k, v in request.query_params.multi_items() if k not in EXPORT_KEYS}
    type_list = [t.strip() for raw in (types or []) for t in raw.split(",") if t.strip()] or None
    scope = ExportScope(
        projection=projection,
        entity=entity,
        depth=depth,
        query=query,
        params=params,
        types=type_list,
        min_degree=min_degree,
        min_papers=min_papers,
        max_nodes=max_nodes,
    )
    spool = tempfile.SpooledTemporaryFile(max_size=16 << 20)
    try:
        if exporter is not None:  # the server's: time and size limits (kg.server.budget)
            G = exporter(fmt, spool, scope)
        else:
            G = export_graph(kg.store, fmt, spool, scope, kg.resolver)
    except QueryError as e:
        spool.close()
        return JSONResponse(e.body(), status_code=e.status)
    except ValueError as e:
        spool.close()
        msg = str(e)
        status = 404 if msg.startswith(("no entity or paper", "no canned query")) else 400
        return _error(status, msg)
    size = spool.tell()
    spool.seek(0)

    def chunks():
        try:
            while True:
                block = spool.read(1 << 16)
                if not block:
                    break
                yield block
        finally:
            spool.close()

    name = "kg-" + str(G.graph.get("projection", "graph"))
    if entity:
        name += "-" + _slug(entity)
    elif query:
        name += "-" + _slug(query)
    filename = name + file_extension(fmt)
    headers = {
        "Content-Disposition": f'{"attachment" if download else "inline"}; filename="{filename}"',
        "Content-Length": str(size),
        "X-KG-Nodes": str(G.number_of_nodes()),
        "X-KG-Edges": str(G.number_of_edges()),
        "Access-Control-Expose-Headers": "X-KG-Nodes, X-KG-Edges, X-KG-Total-Nodes",
    }
    if "total_nodes" in G.graph:
        headers["X-KG-Total-Nodes"] = str(G.graph["total_nodes"])
    return StreamingResponse(chunks(), media_type=media_type(fmt), headers=headers)
