"""The HTTP face of kg: a SPARQL 1.1 Protocol endpoint and a small REST API.

`create_app(store_path, settings)` builds the FastAPI app. Imports are lazy so that the
SPARQL worker processes (which import `kg.server.worker`) stay light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from fastapi import FastAPI

    from kg.server.settings import Settings

__all__ = ["create_app", "Settings"]


def create_app(store_path: Any = None, settings: Settings | None = None) -> FastAPI:
    """The kg app over the store at `store_path` (see `kg.server.settings.Settings`)."""
    from kg.server.app import create_app as _create

    return _create(store_path, settings)


def __getattr__(name: str) -> Any:
    if name == "Settings":
        from kg.server.settings import Settings

        return Settings
    raise AttributeError(name)
