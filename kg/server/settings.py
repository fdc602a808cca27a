"""Server settings: limits, updates, worker pool size."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Settings(BaseModel):
    """What `kg serve` passes to `create_app`; every field has a safe default."""

    timeout: float = Field(
        10.0, gt=0, description="Seconds a SPARQL query may run before it is killed (503)."
    )
    max_rows: int = Field(
        10_000, gt=0, description="Most rows (SELECT) or triples (CONSTRUCT) one answer carries."
    )
    enable_updates: bool = Field(
        False, description="Accept SPARQL UPDATE on /sparql (needs update_token)."
    )
    update_token: str | None = Field(None, description="Bearer token that authorises an update.")
    max_bytes: int = Field(
        32 << 20,
        gt=0,
        description="Most bytes one SPARQL answer carries (cut at a row boundary, "
        "`X-KG-Truncated: bytes`).",
    )
    max_request_bytes: int = Field(
        1 << 20, gt=0, description="Largest request body (checked while reading: 413)."
    )
    max_url_chars: int = Field(
        64 << 10, gt=0, description="Longest request target, path and query string (414)."
    )
    update_timeout: float | None = Field(
        None,
        gt=0,
        description="Seconds an update may run before its process is killed and nothing "
        "is written (503); default: `timeout`.",
    )
    api_timeout: float | None = Field(
        None,
        gt=0,
        description="Seconds one query of /api/* (canned queries included) may run (503); "
        "default: `timeout`.",
    )
    export_timeout: float = Field(
        60.0, gt=0, description="Seconds /api/export may take to build its file (503)."
    )
    export_max_bytes: int = Field(
        256 << 20, gt=0, description="Largest file /api/export writes (413)."
    )
    workers: int = Field(2, ge=1, le=64, description="SPARQL worker processes kept running.")
    max_workers: int = Field(
        8,
        ge=1,
        le=256,
        description="Workers started on demand when all are busy (so slow queries never "
        "block the others), at most this many in all.",
    )
    max_per_client: int = Field(
        6,
        ge=1,
        description="Slow queries (running over 1 s) one client address may have at once "
        "while no worker is idle (more: 429).",
    )
    cors_origins: list[str] = Field(
        ["*"],
        description="Origins allowed to read answers from a browser (CORS); [] = none.",
    )
    idle_timeout_s: float = Field(
        15.0, gt=0, description="Seconds an idle or slow client connection is kept."
    )
    isolate_network: bool = Field(
        True, description="Try to put SPARQL workers in a network namespace of their own."
    )
    answer_cache_bytes: int = Field(
        32 << 20,
        ge=0,
        description="Bytes of answers to GET /sparql and /api/evaluations kept for repeated "
        "requests, dropped whenever the store changes (kg.server.answer_cache); 0 = none.",
    )
    api_page_max: int = Field(200, gt=0, description="Largest page size of the REST API.")
    refresh_s: float = Field(
        30.0,
        ge=0,
        description="Remote stores: seconds between checks for changes "
        "written by others (an ingest), which refresh the in-memory indexes; 0 = never.",
    )

    live_s: float = Field(
        2.0,
        ge=0,
        description="Embedded read-only store: seconds between checks for a newer store "
        "(an ingest in another process); a new snapshot is then served. 0 = never.",
    )

    @property
    def update_limit(self) -> float:
        return self.update_timeout or self.timeout

    @property
    def api_limit(self) -> float:
        return self.api_timeout or self.timeout


def public_store_label(path) -> str:
    """How /health names the store: a directory by its last component only (no absolute
    path of the host), a remote server by scheme, host and port (no credentials or path)."""
    from urllib.parse import urlsplit

    text = str(path)
    if "://" in text:
        u = urlsplit(text)
        host = u.hostname or ""
        return f"{u.scheme}://{host}{':' + str(u.port) if u.port else ''}"
    from pathlib import PurePath

    return PurePath(text).name or "store"
