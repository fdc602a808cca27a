"""The embedded Oxigraph store: opening it with clear errors, atomic per-paper writes.

Each paper lives in a named graph of its own, so a re-ingest replaces exactly that
paper's triples. New papers go in with one transactional N-Quads `load` per batch (the
fastest transactional path); papers whose record changed are replaced with one SPARQL
update per batch (`DROP GRAPH` + `INSERT DATA` in a single transaction), so a reader
never sees half a paper and a killed ingest leaves whole papers or none.

A first load into an empty store can instead use `bulk_load_nquads` (Oxigraph's bulk
loader: sorted files written beside the database and ingested, no transaction; measured
here ~10 CPU-µs per quad against ~22 for transactional loads, and ~25% less disk). It is
not atomic: kg.ingest makes it crash-safe by writing each paper's
completion marker (`kg:record`) only after its quads are in, and drops the graphs of
papers found without one.

Opened read-only, a `KGStore` reads the store's current published generation (a
checkpoint `kg ingest` makes when it finishes, kg.store_generations), not the directory
an ingest may be writing: Oxigraph leaves opening a store read-only while another process
writes it undefined. `open_path` and `generation` say what was opened; `close()` lets go
of it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox

DEFAULT_STORE = "./data/store"


class StoreError(Exception):
    """A store that cannot be opened or written, said in words a user can act on."""


def default_store_path() -> str:
    return os.environ.get("KG_STORE", DEFAULT_STORE)


def _check_writable(path: Path) -> None:
    probe = path if path.exists() else path.parent
    while not probe.exists():
        probe = probe.parent
    if not probe.is_dir():
        raise StoreError(f"store path {path} is inside {probe}, which is not a directory")
    if not os.access(probe, os.W_OK):
        raise StoreError(f"store path {path} is not writable (no write permission on {probe})")


class KGStore:
    """A thin wrapper over `pyoxigraph.Store` with the operations kg needs."""

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        read_only: bool = False,
        create: bool = True,
    ) -> None:
        self.path = Path(path or default_store_path())
        self.read_only = read_only
        # what is opened: the live directory for writing; for reading, the store's current
        # published generation (kg.store_generations), never the directory an ingest writes
        self.open_path = self.path
        self.generation: str | None = None
        self._lease = None
        if read_only or not create:
            if not self.path.exists():
                raise StoreError(
                    f"no store at {self.path}: build one first with "
                    f"`kg ingest --store {self.path} FILE...`"
                )
        else:
            _check_writable(self.path)
        try:
            if read_only:
                from kg.store_generations import NoGeneration, acquire

                try:
                    self._lease = acquire(self.path)
                except NoGeneration as e:
                    raise StoreError(str(e)) from e
                self.open_path = self._lease.generation.path
                self.generation = self._lease.generation.id
                self.store = ox.Store.read_only(str(self.open_path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self.store = ox.Store(str(self.path))
        except OSError as e:
            raise StoreError(f"cannot open store at {self.path}: {e}") from e

    def close(self) -> None:
        """Let go of the store (and of the lease on the generation read)."""
        self.__dict__.pop("store", None)  # the handle goes now; a use after close fails loudly
        if self._lease is not None:
            self._lease.release()
            self._lease = None

    # --- reading -------------------------------------------------------------------
    def query(self, sparql: str, **kw):
        kw.setdefault("use_default_graph_as_union", True)
        return self.store.query(sparql, **kw)

    def __len__(self) -> int:
        return len(self.store)

    def graph_exists(self, graph: ox.NamedNode) -> bool:
        return self.store.contains_named_graph(graph)

    def quads(self, graph: ox.NamedNode | None = None) -> Iterator[ox.Quad]:
        return self.store.quads_for_pattern(None, None, None, graph)

    def literal_objects(
        self, predicate: ox.NamedNode, graphs: Sequence[ox.NamedNode]
    ) -> dict[str, str]:
        """For each graph, the value of the first `predicate` literal in it (by graph IRI)."""
        if not graphs:
            return {}
        values = " ".join(str(g) for g in graphs)
        q = f"SELECT ?g ?v WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s {predicate} ?v }} }}"
        out: dict[str, str] = {}
        rows = self.store.query(q)
        assert isinstance(rows, ox.QuerySolutions)
        for row in rows:
            out[row["g"].value] = row["v"].value
        return out

    def existing_graphs(self, graphs: Iterable[ox.NamedNode]) -> set[str]:
        """The IRIs of those `graphs` that hold at least one quad (point lookups)."""
        return {g.value for g in graphs if self.store.contains_named_graph(g)}

    def stored_entities(self, entity_ids: Iterable[str]) -> set[str]:
        """Those of `entity_ids` whose node is in the vocabulary graph (point lookups)."""
        from kg.namespaces import VOCAB_GRAPH, entity_iri

        qp = self.store.quads_for_pattern
        return {
            i
            for i in entity_ids
            if next(iter(qp(entity_iri(i), None, None, VOCAB_GRAPH)), None) is not None
        }

    def has_papers(self) -> bool:
        """Whether any paper is stored (a `kg:record` in some graph)."""
        from kg.namespaces import KG

        return (
            next(iter(self.store.quads_for_pattern(None, KG.record, None, None)), None) is not None
        )

    # --- writing -------------------------------------------------------------------
    @property
    def supports_bulk(self) -> bool:
        """Whether `bulk_load_nquads` is a real bulk path (the embedded, writable store)."""
        return not self.read_only

    def load_nquads(self, data: bytes) -> None:
        """One transaction: everything in `data` goes in, or nothing does."""
        if data:
            self.store.load(data, format=ox.RdfFormat.N_QUADS)

    def bulk_load_nquads(self, data: bytes) -> None:
        """Oxigraph's bulk loader: no transaction, so not atomic, and nothing else may read
        or write the store meanwhile (kg.ingest uses it only on a first load). The data is
        on disk when this returns. `data` must be valid N-Quads as pyoxigraph writes it
        (parsed leniently: IRIs are not validated again)."""
        if data:
            self.store.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=True)

    def discard_bulk_leftovers(self) -> int:
        """Delete the sorted files a killed bulk load left beside the database (Oxigraph
        names them bulk-<n>.sst; RocksDB never reads them). Safe while this process has the
        store open for writing: no other process can bulk load into it. Returns how many."""
        n = 0
        if self.read_only:
            return n
        for f in self.path.glob("bulk-*.sst"):
            try:
                f.unlink()
                n += 1
            except OSError:
                pass
        return n

    def replace_graphs(
        self,
        graphs: Sequence[ox.NamedNode],
        nquads_by_graph: Sequence[str],
        drop: Sequence[ox.NamedNode] = (),
    ) -> None:
        """Drop each graph (and those in `drop`) and insert the new content, in one transaction."""
        if not graphs and not drop:
            return
        parts = [f"DROP SILENT GRAPH {g}" for g in [*graphs, *drop]]
        body = []
        for g, nq in zip(graphs, nquads_by_graph, strict=False):
            triples = _nquads_to_triples(nq, g)
            body.append(f"GRAPH {g} {{\n{triples}\n}}")
        if body:
            parts.append("INSERT DATA {\n" + "\n".join(body) + "\n}")
        self.store.update(" ;\n".join(parts))

    def add_quads(self, quads: Iterable[ox.Quad]) -> None:
        self.store.extend(quads)

    def remove_graph(self, graph: ox.NamedNode) -> None:
        self.store.remove_graph(graph)

    def flush(self) -> None:
        if not self.read_only:
            self.store.flush()

    def optimize(self) -> None:
        if not self.read_only:
            self.store.optimize()

    def dump(
        self, output, fmt: ox.RdfFormat, graph: ox.NamedNode | ox.DefaultGraph | None = None
    ) -> None:
        if graph is None and fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
            self.store.dump(output, format=fmt)
        else:
            self.store.dump(output, format=fmt, from_graph=graph or ox.DefaultGraph())


def pattern_source(store):
    """What answers `quads_for_pattern` for `store`: a KGStore's pyoxigraph Store, else the
    store itself (a pyoxigraph Store, a remote store). Readers that walk one predicate's
    quads (the name resolver, `kg validate`) go through this instead of SPARQL."""
    return getattr(store, "store", store)


def _nquads_to_triples(nquads: str, graph: ox.NamedNode) -> str:
    """Strip the graph term from N-Quads lines of one graph, giving N-Triples for INSERT DATA."""
    suffix = f" {graph} ."
    lines = []
    for line in nquads.splitlines():
        if not line:
            continue
        if line.endswith(suffix):
            lines.append(line[: -len(suffix)] + " .")
        else:
            raise ValueError(f"quad outside graph {graph}: {line[:200]}")
    return "\n".join(lines)
