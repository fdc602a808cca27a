"""Server settings: limits, updates, worker pool size."""

from __future__ import annotations

import os

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
    workers: int = Field(2, ge=1, le=64, description="SPARQL worker processes.")
    isolate_network: bool = Field(
        True, description="Try to put SPARQL workers in a network namespace of their own."
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

    @classmethod
    def from_env(cls, **overrides) -> Settings:
        env_token = os.environ.get("KG_UPDATE_TOKEN")
        if env_token and not overrides.get("update_token"):
            overrides["update_token"] = env_token
        return cls(**{k: v for k, v in overrides.items() if v is not None})
