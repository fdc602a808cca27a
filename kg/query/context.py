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

import pyoxigraph as ox

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
    # runs a query where its time limit holds (the server's SPARQL worker pool,
    # kg.server.budget.run_query); None: in this process (the CLI, scripts)
    runner: Any = field(default=None, compare=False, repr=False)
    _cache: dict = field(default_factory=dict, compare=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    @classmethod
    def over(
        cls, store, settings: QuerySettings | None = None, version: str = "", runner: Any = None
    ) -> KG:
        """A KG over an opened store (indexes are built lazily, or by `warm()`)."""
        return cls(
            store, Resolver(store), PaperIndex(store), settings or QuerySettings(), version, runner
        )

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
        """Rows of terms (the standard prefixes are prepended)."""
        _, variables, rows, _ = self.run(PREFIXES + sparql)
        return [dict(zip(variables, r, strict=False)) for r in rows]

    def run(self, sparql: str, max_rows: int | None = None) -> tuple[str, list[str], list, bool]:
        """(kind, variables, rows, truncated) of a query as written: kind "solutions" (rows:
        tuples of terms or None in `variables` order), "boolean" ([(bool,)]) or "triples"
        ((s, p, o) tuples); at most `max_rows` rows. Through `runner` where one is set."""
        if self.runner is not None:
            return self.runner(sparql, max_rows)
        return run_here(self.store, sparql, max_rows or 10_000_000)

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


def run_here(store, sparql: str, cap: int) -> tuple[str, list[str], list, bool]:
    """`KG.run` in this process, consumed on this thread (pyoxigraph result iterators must
    not be dropped on another one)."""
    res = store.query(sparql)
    try:
        if isinstance(res, ox.QueryBoolean):
            return "boolean", ["result"], [(bool(res),)], False
        rows: list[tuple] = []
        if isinstance(res, ox.QueryTriples):
            for t in res:
                if len(rows) >= cap:
                    return "triples", ["subject", "predicate", "object"], rows, True
                rows.append((t.subject, t.predicate, t.object))
            return "triples", ["subject", "predicate", "object"], rows, False
        variables = [v.value for v in res.variables]
        for sol in res:
            if len(rows) >= cap:
                return "solutions", variables, rows, True
            rows.append(tuple(sol[v] for v in variables))
        return "solutions", variables, rows, False
    finally:
        del res
