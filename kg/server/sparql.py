"""The SPARQL 1.1 Protocol endpoint: /sparql.

* query: GET `?query=`, POST form (`query=`), POST `application/sparql-query`;
  `default-graph-uri` / `named-graph-uri` set the dataset, else the query's `FROM` /
  `FROM NAMED`, else the default graph is the union of all graphs. Runs in a worker
  process with a hard time limit (503), a row cap and a byte cap (headers
  `X-KG-Truncated: true` and `X-KG-Limit` when hit).
* update: POST form (`update=`) or `application/sparql-update`; 403 unless the server
  was started with updates enabled and the request has `Authorization: Bearer <token>`;
  `using-graph-uri` / `using-named-graph-uri` set the dataset of its WHERE clauses. Runs
  in a child process with its own time limit (503, nothing written).
* limits and dataset rules in full: docs/ARCHITECTURE.md, "Serving".
* GET without a query: the service description (Turtle), or a small form for browsers.
"""

from __future__ import annotations

import asyncio
import hmac
import html
import threading
import time
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from kg.server.formats import (
    FORMAT_NAMES,
    GRAPH_OFFERS,
    RESULTS_OFFERS,
    content_type,
    known_format,
    pick,
)
from kg.server.pool import PoolError, run_update
from kg.server.safety import (
    federation_problem,
    query_form,
    reads_default_graph,
    update_dataset_clauses,
    with_protocol_dataset,
)

router = APIRouter(tags=["sparql"])

MAX_QUERY_CHARS = 200_000
FORM = "application/x-www-form-urlencoded"
_update_lock = threading.Lock()
_running: dict[str, dict[object, float]] = {}  # client address -> its queries' start times
_running_lock = threading.Lock()

_QUERY_DOC = "SPARQL 1.1 query text (give it once)."
_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Query results, in the negotiated format.",
        "content": {m: {} for m, _ in RESULTS_OFFERS + GRAPH_OFFERS},
    },
    400: {
        "description": "Syntax error, repeated `query`, SERVICE/LOAD refused, or bad parameters.",
        "content": {"text/plain": {}},
    },
    403: {
        "description": "Update refused: updates disabled or no valid bearer token.",
        "content": {"text/plain": {}},
    },
    406: {"description": "No acceptable result format.", "content": {"text/plain": {}}},
    413: {"description": "The request body or query is too large.", "content": {"text/plain": {}}},
    414: {"description": "The request target (URL) is too long.", "content": {"text/plain": {}}},
    415: {"description": "Unsupported request body type.", "content": {"text/plain": {}}},
    429: {
        "description": "This client already has its share of slow queries running.",
        "content": {"text/plain": {}},
    },
    503: {
        "description": "The query or update hit its time limit (it was stopped; an update "
        "writes nothing) or no worker was free.",
        "content": {"text/plain": {}},
    },
}


def _err(status: int, msg: str, headers: dict | None = None) -> PlainTextResponse:
    return PlainTextResponse(msg + "\n", status_code=status, headers=headers)


def _ok_iri(u: str) -> bool:
    import pyoxigraph as ox

    try:
        ox.NamedNode(u)
        return True
    except ValueError:
        return False


async def read_body(request: Request, limit: int, within: float | None = None) -> bytes:
    """The request body, refused (413) as soon as it is known to exceed `limit` bytes:
    from Content-Length before reading, else while it streams in; 408 when it has not
    all arrived within `within` seconds (a client trickling its body)."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > limit:
                raise _BadRequest(413, f"the request body is larger than {limit} bytes")
        except ValueError:
            raise _BadRequest(400, "bad Content-Length") from None
    chunks, size = [], 0
    stream = request.stream().__aiter__()
    deadline = time.monotonic() + within if within else None
    while True:
        try:
            if deadline is None:
                chunk = await stream.__anext__()
            else:
                chunk = await asyncio.wait_for(
                    stream.__anext__(), max(deadline - time.monotonic(), 0.001)
                )
        except StopAsyncIteration:
            break
        except TimeoutError:
            raise _BadRequest(408, f"the request body did not arrive within {within:g} s") from None
        size += len(chunk)
        if size > limit:
            raise _BadRequest(413, f"the request body is larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def _params(request: Request) -> tuple[list[tuple[str, str]], str | None, str | None]:
    """All parameters (URL and form body), plus a direct-POST query or update body."""
    params = list(request.query_params.multi_items())
    if request.method != "POST":
        return params, None, None
    ctype = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if ctype not in (FORM, "application/sparql-query", "application/sparql-update"):
        raise _BadRequest(
            415,
            f"unsupported content type {ctype or '(none)'}; use {FORM}, "
            "application/sparql-query or application/sparql-update",
        )
    settings = request.app.state.settings
    body = await read_body(request, settings.max_request_bytes, settings.idle_timeout_s)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise _BadRequest(400, "request body is not UTF-8") from None
    if ctype == FORM:
        params += parse_qsl(text, keep_blank_values=True)
        return params, None, None
    if ctype == "application/sparql-query":
        return params, text, None
    if ctype == "application/sparql-update":
        return params, None, text
    raise _BadRequest(
        415,
        f"unsupported content type {ctype or '(none)'}; use {FORM}, "
        "application/sparql-query or application/sparql-update",
    )


class _BadRequest(Exception):
    def __init__(self, status: int, msg: str) -> None:
        super().__init__(msg)
        self.status = status
        self.msg = msg


def service_description(base: str) -> str:
    rf = [
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "N-Quads",
        "JSON-LD",
        "RDF_XML",
    ]
    formats = ", ".join(f"<http://www.w3.org/ns/formats/{f}>" for f in rf)
    return f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix void: <http://rdfs.org/ns/void#> .

<{base}> a sd:Service ;
    sd:endpoint <{base}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:feature sd:UnionDefaultGraph ;
    sd:resultFormat {formats} ;
    sd:defaultDataset <{base}#dataset> .

<{base}#dataset> a sd:Dataset ;
    sd:defaultGraph <{base}#union> .

<{base}#union> a sd:Graph ;
    void:description "The union of all graphs: one named graph per paper, the vocabulary and the \
ontology." .
"""


EDITOR_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kg SPARQL</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em \
auto}}textarea{{width:100%;font-family:monospace}}</style>
</head><body>
<h1>kg SPARQL endpoint</h1>
<p>Queries see the union of all graphs. Read-only{upd}. Time limit {timeout:g} s, at most {rows} \
rows.
See <a href="/docs">/docs</a> for the REST API and <a href="/api/queries">/api/queries</a> for \
canned queries.</p>
<form method="get" action="{action}">
<textarea name="query" rows="16">{example}</textarea>
<p><label>Format <select name="format">
<option value="json">SPARQL JSON</option><option value="xml">SPARQL XML</option>
<option value="csv">CSV</option><option value="tsv">TSV</option>
<option value="turtle">Turtle (CONSTRUCT/DESCRIBE)</option><option \
value="ntriples">N-Triples</option>
<option value="jsonld">JSON-LD</option></select></label>
<button type="submit">Run</button></p>
</form></body></html>
"""

EXAMPLE_QUERY = """PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?benchmark ?label (COUNT(DISTINCT ?paper) AS ?papers) WHERE {
  ?paper kg:hasEvaluation/kg:onBenchmark ?benchmark .
  ?benchmark skos:prefLabel ?label .
} GROUP BY ?benchmark ?label ORDER BY DESC(?papers) LIMIT 20"""


_BODY = {
    "requestBody": {
        "required": False,
        "content": {
            FORM: {
                "schema": {
                    "type": "object",
                    "properties": {
                        "query": {"type": "string"},
                        "update": {"type": "string"},
                        "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                        "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                        "using-graph-uri": {"type": "array", "items": {"type": "string"}},
                        "using-named-graph-uri": {
                            "type": "array",
                            "items": {"type": "string"},
                        },
                    },
                }
            },
            "application/sparql-query": {"schema": {"type": "string"}},
            "application/sparql-update": {"schema": {"type": "string"}},
        },
    }
}


@router.get(
    "/sparql",
    responses=_RESPONSES,
    response_class=Response,
    operation_id="sparql_get",
    summary="SPARQL 1.1 Protocol: query by GET (no query: service description or a form)",
)
@router.post(
    "/sparql",
    responses=_RESPONSES,
    response_class=Response,
    operation_id="sparql_post",
    summary="SPARQL 1.1 Protocol: query or update by POST (form or direct body)",
    openapi_extra=_BODY,
)
async def sparql_endpoint(
    request: Request,
    query: str | None = Query(
        None, description=_QUERY_DOC, examples=["SELECT * WHERE { ?s ?p ?o } LIMIT 10"]
    ),
    default_graph_uri: list[str] = Query(
        [], alias="default-graph-uri", description="IRIs whose merge is the default graph."
    ),
    named_graph_uri: list[str] = Query(
        [], alias="named-graph-uri", description="IRIs of the named graphs GRAPH may see."
    ),
    format: str | None = Query(
        None,
        description="Override the Accept header: json, xml, csv, tsv, "
        "turtle, ntriples, nquads, jsonld, rdfxml.",
    ),
) -> Response:
    """Run a SPARQL query over the knowledge graph (all graphs as one default graph).

    Results are negotiated with `Accept` (q-values honoured): SPARQL JSON/XML, CSV, TSV
    for SELECT and ASK; Turtle, N-Triples, N-Quads, JSON-LD, RDF/XML for CONSTRUCT and
    DESCRIBE. Federated queries (SERVICE) are refused. GET without `query` returns the
    service description (Turtle), or a query form for a browser."""
    app = request.app
    settings = app.state.settings
    try:
        params, body_query, body_update = await _params(request)
    except _BadRequest as e:
        return _err(e.status, e.msg)
    queries = [v for k, v in params if k == "query"] + (
        [body_query] if body_query is not None else []
    )
    updates = [v for k, v in params if k == "update"] + (
        [body_update] if body_update is not None else []
    )
    dg = [v for k, v in params if k == "default-graph-uri"]
    ng = [v for k, v in params if k == "named-graph-uri"]
    fmts = [v for k, v in params if k == "format"]
    fmt = fmts[-1] if fmts else None
    if len(queries) > 1:
        return _err(400, "the query parameter was given more than once")
    if len(updates) > 1:
        return _err(400, "the update parameter was given more than once")
    if queries and updates:
        return _err(400, "a request carries either a query or an update, not both")
    for u in dg + ng:
        if not _ok_iri(u):
            return _err(400, f"not an absolute IRI: {u!r}")
    accept = request.headers.get("accept")
    if updates:
        if request.method != "POST":
            return _err(400, "updates must be sent with POST")
        if dg or ng:
            return _err(
                400,
                "default-graph-uri and named-graph-uri apply to queries; an update takes "
                "using-graph-uri and using-named-graph-uri",
            )
        using = [v for k, v in params if k == "using-graph-uri"]
        using_named = [v for k, v in params if k == "using-named-graph-uri"]
        for u in using + using_named:
            if not _ok_iri(u):
                return _err(400, f"not an absolute IRI: {u!r}")
        return await _update(request, updates[0], using, using_named)
    if not queries:
        if request.method == "POST":
            return _err(
                400, "no query given (use the query parameter or an application/sparql-query body)"
            )
        return _describe(request, accept)
    text = queries[0]
    if not text.strip():
        return _err(400, "the query is empty")
    if len(text) > MAX_QUERY_CHARS:
        return _err(413, f"the query is longer than {MAX_QUERY_CHARS} characters")
    if fmt is not None and not known_format(fmt):
        return _err(400, f"unknown format {fmt!r}; use one of {', '.join(FORMAT_NAMES)}")
    form = query_form(text)
    tables = {
        "SELECT": [RESULTS_OFFERS],
        "ASK": [RESULTS_OFFERS],
        "CONSTRUCT": [GRAPH_OFFERS],
        "DESCRIBE": [GRAPH_OFFERS],
    }.get(form or "", [RESULTS_OFFERS, GRAPH_OFFERS])
    if all(pick(accept, fmt, t) is None for t in tables):
        offered = ", ".join(dict.fromkeys(m for t in tables for m, _ in t))
        return _err(406, f"none of the accepted media types can be produced; offered: {offered}")
    # SERVICE is refused inside the worker, before the query runs (see worker.execute)
    req = {
        "query": text,
        "accept": accept,
        "format": fmt,
        "default_graphs": dg,
        "named_graphs": ng,
        "max_rows": settings.max_rows,
        "max_bytes": settings.max_bytes,
    }
    client = request.client.host if request.client else "?"
    token = object()
    now = time.monotonic()
    with _running_lock:
        mine = _running.setdefault(client, {})
        # a client may run any number of quick queries, but not more than max_per_client
        # slow ones (running for over a second) while no worker is idle
        slow = sum(1 for t in mine.values() if now - t > 1.0)
        if slow >= settings.max_per_client and not app.state.pool.idle:
            if not mine:
                _running.pop(client, None)
            return _err(
                429,
                f"this client already has {slow} slow queries running; wait for one to end",
                headers={"Retry-After": "1"},
            )
        mine[token] = now
    try:
        pool = app.state.pool
        fast = getattr(pool, "run_async", None)  # a worker idle now: no thread hop
        got = await fast(req, settings.timeout) if fast is not None else None
        resp: dict[str, Any] = (
            got if got is not None else await run_in_threadpool(pool.run, req, settings.timeout)
        )
    except PoolError as e:
        return _err(e.status, str(e), headers={"Retry-After": "1"} if e.status == 503 else None)
    finally:
        with _running_lock:
            mine = _running.get(client, {})
            mine.pop(token, None)
            if not mine:
                _running.pop(client, None)
    if resp["status"] != 200:
        return _err(resp["status"], resp.get("error", "error"))
    headers = {"X-KG-Rows": str(resp.get("rows", 0)), "Vary": "Accept"}
    if resp.get("truncated"):
        cut = resp.get("cut") or "rows"
        headers["X-KG-Truncated"] = "true"
        headers["X-KG-Limit"] = (
            f"max_rows={settings.max_rows}" if cut == "rows" else f"max_bytes={settings.max_bytes}"
        )
    return Response(resp["body"], media_type=content_type(resp["media"]), headers=headers)


def _describe(request: Request, accept: str | None) -> Response:
    from kg.server.conneg import negotiate, prefers_html

    settings = request.app.state.settings
    base = str(request.url).split("?", 1)[0]
    if prefers_html(accept):
        page = EDITOR_HTML.format(
            upd=" (updates enabled with a token)" if settings.enable_updates else "",
            timeout=settings.timeout,
            rows=settings.max_rows,
            action=html.escape(request.url.path),
            example=html.escape(EXAMPLE_QUERY),
        )
        return HTMLResponse(page)
    got = negotiate(
        accept, [("text/turtle", "ttl"), ("application/x-turtle", "ttl"), ("text/plain", "ttl")]
    )
    if got is None:
        return _err(406, "the service description is available as text/turtle (or text/html)")
    return Response(
        service_description(base), media_type=content_type(got[0]), headers={"Vary": "Accept"}
    )


def reopen_read_only(kg_store) -> None:
    """Point an embedded KGStore at a fresh read-only view of its directory (after an
    update written by another process)."""
    import pyoxigraph as ox

    kg_store.store = ox.Store.read_only(str(kg_store.path))
    kg_store.read_only = True


async def _update(
    request: Request,
    text: str,
    using: list[str] | None = None,
    using_named: list[str] | None = None,
) -> Response:
    app = request.app
    settings = app.state.settings
    if not settings.enable_updates or not settings.update_token:
        return _err(403, "updates are disabled: this endpoint is read-only")
    auth = request.headers.get("authorization") or ""
    scheme, _, token = auth.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        token.strip().encode(), settings.update_token.encode()
    ):
        return _err(403, "updates need a valid 'Authorization: Bearer <token>' header")
    if not text.strip():
        return _err(400, "the update is empty")
    problem = await run_in_threadpool(federation_problem, text, True)
    if problem:
        return _err(400, problem)
    # the dataset of the update's WHERE clauses (docs/ARCHITECTURE.md, "Datasets")
    if using or using_named:
        if update_dataset_clauses(text):
            return _err(
                400,
                "the update names its dataset (USING or WITH) and the request gives "
                "using-graph-uri / using-named-graph-uri: give one or the other",
            )
        try:
            text = with_protocol_dataset(text, using or [], using_named or [])
        except ValueError as e:
            return _err(400, str(e))
    elif await run_in_threadpool(reads_default_graph, text):
        return _err(
            400,
            "this update matches triples in the default graph, which is empty here: every "
            "triple is in a named graph (one per paper, the vocabulary, the ontology), and "
            "updates do not see the union that queries see. Name the graphs with GRAPH, "
            "WITH, USING or the using-graph-uri parameter",
        )

    from kg.store import KGStore

    kg_store = app.state.kg_store
    local = isinstance(kg_store, KGStore)

    def run() -> dict:
        if not local:  # a remote store: its server orders and limits its own writes
            with _update_lock:
                kg_store.store.update(text)
            return {"status": 204}
        with _update_lock:
            # a child process writes (killed at the limit: nothing written); meanwhile the
            # workers and the API go on reading the store as it was before the update
            try:
                return run_update(
                    str(app.state.store_path),
                    text,
                    settings.update_limit,
                    isolate_network=settings.isolate_network,
                )
            finally:
                reopen_read_only(kg_store)
                app.state.pool.refresh()

    try:
        resp = await run_in_threadpool(run)
    except PoolError as e:
        return _err(e.status, str(e), headers={"Retry-After": "1"} if e.status == 503 else None)
    except SyntaxError as e:
        return _err(400, f"SPARQL syntax error: {e}")
    except (ValueError, OSError) as e:
        return _err(400, f"update failed: {e}")
    if resp.get("status") != 204:
        return _err(resp.get("status", 500), resp.get("error", "update failed"))
    app.state.on_update()
    return Response(status_code=204)


class SparqlFastPath:
    """ASGI middleware: answers /sparql itself, before FastAPI's routing, parameter
    validation and dependency machinery (the FastAPI route above stays for the OpenAPI
    description and does the same). Measured: see docs/benchmarks.md, "SPARQL
    throughput"."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if (
            scope["type"] == "http"
            and scope["path"] == "/sparql"
            and scope["method"] in ("GET", "POST")
        ):
            request = Request(scope, receive)
            response = await sparql_endpoint(request, None, [], [], None)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)
