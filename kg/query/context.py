"""`KG`: one immutable view of the graph that every face queries through.

A `KG` holds the store handle and the in-memory indexes built from it (the name
resolver, the paper index, cached statistics) and the few settings the views need. It
is built whole and never changed: a newer store is served by building a new `KG` beside
it and swapping the reference (`kg.query.live.KGHolder`), so one answer never mixes an
old and a new view. The API, the web pages, the CLI and the exports all take one.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.query.paper_index import PaperIndex
from kg.query.resolver import Resolver

PREFIXES = """PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


@dataclass(frozen=True)
class QuerySettings:
    """What the views need to know about limits."""

    max_rows: int = 10_000


@dataclass(frozen=True)
class KG:
    """A store and the indexes built from it, as one immutable snapshot."""

    store: Any  # a KGStore or a RemoteStore
    resolver: Resolver
    papers: PaperIndex
    settings: QuerySettings = QuerySettings()
    version: str = ""
    _cache: dict = field(default_factory=dict, compare=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    @classmethod
    def over(cls, store, settings: QuerySettings | None = None, version: str = "") -> KG:
        """A KG over an opened store (indexes are built lazily, or by `warm()`)."""
        return cls(store, Resolver(store), PaperIndex(store), settings or QuerySettings(), version)

    @property
    def path(self) -> Path | str:
        return self.store.path

    @property
    def ready(self) -> bool:
        return self.resolver.loaded and self.papers.loaded

    def warm(self) -> KG:
        """Build every index now (seconds on a large store), so no request waits for it."""
        self.resolver.load()
        self.papers.load()
        return self

    def query(self, sparql: str) -> list[dict[str, Any]]:
        """Rows of terms (the standard prefixes are prepended), consumed on this thread."""
        res = self.store.query(PREFIXES + sparql)
        try:
            vars_ = [v.value for v in res.variables]
            return [{v: sol[v] for v in vars_} for sol in res]
        finally:
            del res

    def cached(self, key: str, build):
        """A value computed once per snapshot (statistics, listings)."""
        with self._lock:
            if key not in self._cache:
                self._cache[key] = build()
            return self._cache[key]


def open_kg(
    spec: Any = None,
    *,
    read_only: bool = True,
    settings: QuerySettings | None = None,
    **endpoints: Any,
) -> KG:
    """Open the store at `spec` (a directory, a SPARQL server URL, default $KG_STORE or
    ./data/store) and wrap it: what the CLI and scripts use."""
    from kg.store_open import open_store

    store = open_store(spec, read_only=read_only, create=not read_only, **endpoints)
    return KG.over(store, settings)
