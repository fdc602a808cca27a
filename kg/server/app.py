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

    Without updates the store is opened read-only (an ingest may run beside the server;
    restart to see it; a remote store is checked for changes every `settings.refresh_s`).
    With `settings.enable_updates` the main process holds the store
    read-write, runs updates itself and then reopens the SPARQL workers."""
    from kg.server.api import router as api_router
    from kg.server.pool import WorkerPool
    from kg.server.resolver import Resolver
    from kg.server.sparql import router as sparql_router
    from kg.store import StoreError, default_store_path
    from kg.store_open import is_remote, open_store

    settings = settings or Settings()
    if settings.enable_updates and not settings.update_token:
        raise ValueError("updates need a token: set update_token (or KG_UPDATE_TOKEN)")
    if store_path is not None and not isinstance(store_path, (str, os.PathLike)):
        kg_store = store_path  # an opened store (e.g. a RemoteStore with its own endpoints)
        path = kg_store.path
    else:
        spec = str(store_path or default_store_path())
        path = spec if is_remote(spec) else Path(spec)
        kg_store = open_store(
            spec, read_only=not settings.enable_updates, create=settings.enable_updates
        )
    from kg.store import KGStore

    if isinstance(kg_store, KGStore) and not kg_store.read_only:
        from kg.server.sparql import reopen_read_only

        # updates are written by a child process that can be killed at their time limit
        # (kg.server.pool.run_update): this process only reads
        kg_store.flush()
        reopen_read_only(kg_store)
    remote = is_remote(str(path))
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

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        import threading

        pool.start()

        # the label index takes seconds on a large store: build it before the first request needs it
        def warm() -> None:
            app.state.resolver.load()
            app.state.paper_index.load()

        threading.Thread(target=warm, daemon=True, name="kg-warmup").start()
        stop = threading.Event()
        if remote and settings.refresh_s > 0:
            from kg.server.remote_refresh import watch_for_changes

            threading.Thread(
                target=watch_for_changes,
                args=(app, stop, settings.refresh_s),
                daemon=True,
                name="kg-remote-refresh",
            ).start()
        try:
            yield
        finally:
            stop.set()
            pool.close()

    app = FastAPI(
        title="kg",
        version=_version(),
        description=DESCRIPTION,
        lifespan=lifespan,
        openapi_tags=[
            {"name": "evaluations", "description": "Model/method × benchmark/hardware results."},
            {"name": "queries", "description": "Canned SPARQL queries with typed parameters."},
            {"name": "papers", "description": "Papers, their entities, facts and provenance."},
            {"name": "entities", "description": "Models, methods, benchmarks, hardware, metrics."},
            {"name": "sparql", "description": "The SPARQL 1.1 Protocol endpoint."},
            {"name": "meta", "description": "Health and statistics."},
        ],
    )
    app.state.settings = settings
    app.state.kg_store = kg_store
    app.state.store_path = path
    app.state.pool = pool
    app.state.resolver = Resolver(kg_store)
    from kg.server.paper_index import PaperIndex

    app.state.paper_index = PaperIndex(kg_store)

    def on_update() -> None:
        app.state.resolver.invalidate()
        app.state.paper_index.invalidate()
        from kg.server import api

        api.invalidate_caches(app)

    app.state.on_update = on_update
    from fastapi import HTTPException
    from fastapi.responses import JSONResponse

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

    app.add_middleware(SparqlFastPath)  # innermost: CORS and the limits below still apply

    if settings.cors_origins:
        from starlette.middleware.cors import CORSMiddleware

        # answers are public reads: any listed origin may read them from a browser;
        # credentials (cookies) are never involved, updates carry a bearer token
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
            allow_headers=["Accept", "Content-Type", "Authorization"],
            expose_headers=[
                "X-KG-Rows",
                "X-KG-Truncated",
                "X-KG-Limit",
                "X-KG-Nodes",
                "X-KG-Edges",
                "X-KG-Total-Nodes",
                "Content-Disposition",
            ],
            max_age=600,
        )
    app.add_middleware(LimitsMiddleware, max_url_chars=settings.max_url_chars)
    app.include_router(sparql_router)
    app.include_router(api_router)
    from kg.web import router as web_router  # the web explorer: /, /static, /api/export (kg/web)

    app.include_router(web_router)
    return app


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("kg")
    except Exception:  # noqa: BLE001
        return os.environ.get("KG_VERSION", "0")
