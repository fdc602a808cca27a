"""The app factory: one FastAPI app serving /sparql, /api/* and /health."""

from __future__ import annotations

import atexit
import os
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from kg.server.settings import Settings

DESCRIPTION = """\
A knowledge graph of ML research: papers and the models, methods, benchmarks, hardware
and metrics they propose, evaluate and run on, each fact with its evidence sentence.

* **/sparql** — SPARQL 1.1 Protocol endpoint (read-only unless started with updates and a token).
* **/api/evaluations** — which papers evaluate a model or method on a benchmark or hardware.
* **/api/queries** — canned, parameterised queries (JSON or CSV).
* **/api/papers**, **/api/entities**, **/api/stats**, **/health**.

Names of entities are matched against labels and aliases, ignoring case and punctuation
(`llama-3.1-8b`, `Llama 3.1 8B` and an entity IRI all work).
"""


def create_app(store_path: Any = None, settings: Settings | None = None) -> FastAPI:
    """Build the app over the store at `store_path` (default $KG_STORE or ./data/store): a
    directory, a SPARQL server URL (kg.store_open) or an already opened store.

    The app holds one `kg.query.KG` snapshot at a time (`KGHolder`) and hands it to every
    route through a dependency. Without updates the store is opened read-only and checked
    for changes every `settings.live_s` seconds (an ingest in another process): a new
    snapshot is built beside the old one and swapped in, so new papers are served within
    seconds and no answer mixes both. With `settings.enable_updates` the main process holds
    the store read-write, runs updates itself and then rebuilds the snapshot."""
    from fastapi import HTTPException
    from fastapi.responses import JSONResponse

    from kg.query import KG, QueryError, QuerySettings
    from kg.query.live import KGHolder, store_version
    from kg.server.api import ServerInfo, build_router
    from kg.server.pool import WorkerPool
    from kg.server.sparql import router as sparql_router
    from kg.store import StoreError, default_store_path
    from kg.store_open import is_remote, open_store

    settings = settings or Settings()
    if settings.enable_updates and not settings.update_token:
        raise ValueError("updates need a token: set update_token (or KG_UPDATE_TOKEN)")
    if store_path is not None and not isinstance(store_path, (str, os.PathLike)):
        kg_store = store_path  # an opened store (`kg serve`, or a RemoteStore's endpoints)
        path = kg_store.path
    else:
        spec = str(store_path or default_store_path())
        path = spec if is_remote(spec) else Path(spec)
        kg_store = None
    remote = is_remote(str(path))
    read_only = not settings.enable_updates

    def reopen():
        """The newest state of an embedded store, opened read-only: a `KGStore` opened
        read-only reads the current published generation under a lease
        (kg.store_generations), never the directory an ingest writes."""
        return open_store(str(path), read_only=True, create=False)

    if kg_store is None:
        kg_store = (
            reopen()
            if read_only and not remote
            else open_store(str(path), read_only=read_only, create=not read_only)
        )
    from kg.store import KGStore

    if isinstance(kg_store, KGStore) and not kg_store.read_only:
        from kg.server.sparql import reopen_read_only

        # updates are written by a child process that can be killed at their time limit
        # (kg.server.pool.run_update): this process only reads
        kg_store.flush()
        reopen_read_only(kg_store)
    pool: Any  # a WorkerPool, or a RemoteQueryRunner with the same methods
    if remote:
        from kg.server.remote_pool import RemoteQueryRunner

        pool = RemoteQueryRunner(kg_store)
    else:
        # the workers open what this process opened: a read-only store's published
        # generation (kg.store_generations), not the directory an ingest may be writing
        pool = WorkerPool(
            str(getattr(kg_store, "open_path", path)),
            size=settings.workers,
            isolate_network=settings.isolate_network,
            max_size=settings.max_workers,
        )
    atexit.register(pool.close)
    qsettings = QuerySettings(max_rows=settings.max_rows)

    def runner(sparql: str, max_rows: int | None):
        # the API's and canned queries' time limit holds in a killable worker
        # (kg.server.budget; 503 past it)
        from kg.server.budget import run_query

        return run_query(app, sparql, max_rows=max_rows)

    # what "the store changed" means, and how to read the new state
    version = open_latest = None
    every = settings.live_s
    if remote:
        every = settings.refresh_s
        version = lambda: str(len(kg_store))  # noqa: E731 - a remote store's quad count
    elif read_only and getattr(kg_store, "read_only", False):
        version = lambda: store_version(path)  # noqa: E731

        def open_latest() -> KG:
            return KG.over(reopen(), qsettings, version(), runner)

    def on_swap(old: KG, new: KG) -> None:
        app.state.kg_store = new.store  # the SPARQL updates path reads it (kg.server.sparql)
        if open_latest is not None and not remote:
            # SPARQL workers reopen the new generation (idle ones at once, busy ones when
            # their query ends), so /sparql follows what the API sees
            pool.store_path = str(getattr(new.store, "open_path", path))
            pool.refresh()

    holder = KGHolder(
        KG.over(kg_store, qsettings, runner=runner), version, open_latest, every, on_swap
    )

    def get_kg() -> KG:
        return holder.current

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        import threading

        pool.start()
        # the indexes take seconds on a large store: build them before a request needs them
        threading.Thread(target=holder.current.warm, daemon=True, name="kg-warmup").start()
        holder.start()
        try:
            yield
        finally:
            holder.stop()
            pool.close()

    app = _KGApp(
        title="kg",
        version=_version(),
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served below from vendored assets: /docs works offline
        redoc_url=None,
        openapi_tags=[
            {"name": "evaluations", "description": "Model/method × benchmark/hardware results."},
            {"name": "queries", "description": "Canned SPARQL queries with typed parameters."},
            {"name": "papers", "description": "Papers, their entities, facts and provenance."},
            {"name": "entities", "description": "Models, methods, benchmarks, hardware, metrics."},
            {"name": "sparql", "description": "The SPARQL 1.1 Protocol endpoint."},
            {"name": "meta", "description": "Health and statistics."},
        ],
    )
    # read by the SPARQL endpoint (kg.server.sparql) and the tests
    app.state.settings = settings
    app.state.kg_store = kg_store
    app.state.store_path = path
    app.state.pool = pool
    app.state.kg_holder = holder
    app.state.on_update = holder.rebuild  # after an update through /sparql

    @app.exception_handler(QueryError)
    async def _query_error(request, exc: QueryError):
        return JSONResponse(exc.body(), status_code=exc.status)

    @app.exception_handler(HTTPException)
    async def _http_error(request, exc: HTTPException):
        body = exc.detail if isinstance(exc.detail, dict) else {"detail": exc.detail}
        return JSONResponse(
            body, status_code=exc.status_code, headers=getattr(exc, "headers", None)
        )

    from kg.server.pool import PoolError

    @app.exception_handler(PoolError)
    async def _limit_error(request, exc: PoolError):
        # a query of /api/* past its time limit (stopped), or an export too large
        return JSONResponse(
            {"detail": str(exc)},
            status_code=exc.status,
            headers={"Retry-After": "1"} if exc.status == 503 else None,
        )

    @app.exception_handler(StoreError)
    async def _store_error(request, exc: StoreError):
        # a remote store that is down or failing: say so (503), not a bare 500
        return JSONResponse(
            {"detail": f"the store is unavailable: {exc}"},
            status_code=503,
            headers={"Retry-After": "5"},
        )

    from kg.server.http import LimitsMiddleware
    from kg.server.sparql import SparqlFastPath

    # in front of FastAPI's own layers (error pages, body-size check, telemetry): /sparql
    # has its own; CORS and the limits below still apply to it
    app.outer.append(SparqlFastPath)

    if settings.cors_origins:
        from starlette.middleware.cors import CORSMiddleware

        # answers are public reads: any listed origin may read them from a browser;
        # credentials (cookies) are never involved, updates carry a bearer token
        app.outer.append(
            lambda inner: CORSMiddleware(
                inner,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
                allow_headers=["Accept", "Content-Type", "Authorization"],
                expose_headers=[
                    "X-KG-Rows",
                    "X-KG-Truncated",
                    "X-KG-Limit",
                    "X-KG-Cache",
                    "X-KG-Nodes",
                    "X-KG-Edges",
                    "X-KG-Total-Nodes",
                    "Content-Disposition",
                ],
                max_age=600,
            )
        )
    app.outer.append(lambda inner: LimitsMiddleware(inner, settings.max_url_chars))
    from kg.server.settings import public_store_label

    info = ServerInfo(
        store=public_store_label(path),  # no absolute path of the host
        read_only=bool(getattr(kg_store, "read_only", not settings.enable_updates)),
        updates=settings.enable_updates,
        workers_alive=lambda: pool.alive,
        status=pool.status,
    )
    if settings.answer_cache_bytes and not remote:
        from kg.server.answer_cache import AnswerCache

        def epoch() -> tuple[int, int]:
            # both move when the store changes (a new generation, an update): see
            # kg.server.answer_cache for why an answer is then never served again
            return (holder.swaps, pool.generation)

        cache = AnswerCache(None, epoch, settings.answer_cache_bytes)
        app.state.answer_cache = cache

        def with_cache(inner):
            cache.app = inner
            return cache

        app.outer.append(with_cache)  # in front of every other layer: a hit costs only HTTP
    app.include_router(sparql_router)
    app.include_router(build_router(get_kg, info))
    from kg.server.budget import export_limited
    from kg.web import build_router as build_web_router  # pages, /static, /api/export

    app.include_router(
        build_web_router(get_kg, lambda fmt, out, scope: export_limited(app, fmt, out, scope))
    )
    return app


class _KGApp(FastAPI):
    """FastAPI with ASGI layers in front of its whole middleware stack (`outer`, innermost
    first): the answer cache, the HTTP limits, CORS and the /sparql fast path need not pass
    FastAPI's own error, body-size and telemetry layers on every request."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outer: list[Any] = []

    def build_middleware_stack(self):
        stack = super().build_middleware_stack()
        for layer in self.outer:
            stack = layer(stack)
        return stack


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("kg")
    except Exception:  # noqa: BLE001
        return os.environ.get("KG_VERSION", "0")
