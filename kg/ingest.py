"""The ingest pipeline: read listings, merge with what the store holds, extract, write.

Records stream through in batches. For each batch the store is asked which of its papers
are already known (by arXiv id or by normalised-title key), records are merged, papers
whose merged record is unchanged are skipped, the rest are handed to the extractor (in
worker processes) and written back as whole per-paper named graphs. Rerunning an ingest
therefore changes nothing, and a killed ingest is completed by running it again.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.merge import merge_papers
from kg.models import Paper, Rejected, title_key
from kg.store import KGStore
from kg.workers import PaperProcessor

BATCH_SIZE = 500
FLUSH_EVERY = 2_000  # papers written between store flushes


@dataclass
class FileStats:
    path: str
    format: str = "?"
    read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    error: str | None = None


@dataclass
class IngestReport:
    files: list[FileStats]
    quads_before: int
    quads_after: int

    @property
    def papers_in(self) -> int:
        return sum(f.added + f.updated + f.unchanged for f in self.files)

    @property
    def rejected(self) -> int:
        return sum(len(f.rejected) for f in self.files)


def _stream(paths: Iterable[Path], stats: dict[str, FileStats],
            on_record: Callable[[], None] | None) -> Iterator[Paper]:
    from kg.readers import ReadError, UnknownFormatError, detect_format, read_path

    for path in paths:
        st = stats.setdefault(str(path), FileStats(str(path)))
        try:
            st.format = detect_format(path)
            for rec in read_path(path):
                if on_record:
                    on_record()
                if isinstance(rec, Rejected):
                    st.rejected.append(rec)
                    continue
                st.read += 1
                yield rec
        except (UnknownFormatError, ReadError, OSError) as e:
            st.error = str(e)


class Ingestor:
    """Writes papers into a store; one instance per `kg ingest` run."""

    def __init__(self, store: KGStore, workers: int = 1, extract: bool = True) -> None:
        from kg import to_rdf
        from kg.namespaces import KG, VOCAB_GRAPH, paper_graph

        self.store = store
        self.to_rdf = to_rdf
        self.paper_graph = paper_graph
        self.vocab_graph = VOCAB_GRAPH
        self.record_pred = KG.record
        self.title_key_pred = KG.titleKey
        self.processor = PaperProcessor(workers=workers, extract=extract)
        self._known_entities: set[str] = set()
        self._since_flush = 0

    def close(self) -> None:
        self.processor.close()

    def write_vocabulary(self) -> None:
        """Vocabulary concepts and the ontology go in once per run; set semantics make it idempotent."""
        self.store.add_quads(self.to_rdf.ontology_quads())
        entities = self.processor.vocabulary_entities()
        self.store.add_quads(self.to_rdf.entity_quads(entities))
        self._known_entities.update(e.id for e in entities)

    def _existing(self, papers: list[Paper]) -> dict[str, tuple[str, Paper]]:
        """Map each incoming key and title key to (stored key, stored record)."""
        graphs = [self.paper_graph(p.key) for p in papers]
        by_graph = self.store.literal_objects(self.record_pred, graphs)
        found: dict[str, tuple[str, Paper]] = {}
        for p in papers:
            rec = by_graph.get(self.paper_graph(p.key).value)
            if rec is not None:
                found[p.key] = (p.key, self.to_rdf.paper_from_record(rec))
        tkeys = {title_key(p.title) for p in papers}
        if tkeys:
            values = " ".join(str(ox.Literal(t)) for t in tkeys)
            q = (f"SELECT ?t ?g ?r WHERE {{ VALUES ?t {{ {values} }} GRAPH ?g {{ ?p {self.title_key_pred} ?t ; "
                 f"{self.record_pred} ?r }} }}")
            for row in self.store.query(q, use_default_graph_as_union=False):
                stored = self.to_rdf.paper_from_record(row["r"].value)
                found.setdefault(row["t"].value, (stored.key, stored))
        return found

    def plan(self, batch: list[Paper]) -> "BatchPlan":
        """Merge the batch with itself and with the store; decide what to write."""
        merged: dict[str, Paper] = {}
        tindex: dict[str, str] = {}
        for p in batch:
            tk = title_key(p.title)
            prev = tindex.get(tk)
            if p.arxiv_id:
                k = p.key
                if prev is not None and prev != k and not merged[prev].arxiv_id:
                    p = merge_papers(merged.pop(prev), p)  # a title-only record of this paper
            else:
                k = prev or p.key
            merged[k] = merge_papers(merged[k], p) if k in merged else p
            tindex[tk] = k
        existing = self._existing(list(merged.values()))
        plan = BatchPlan(keys=set(merged) | set(tindex))
        for k, p in merged.items():
            hit = existing.get(k) or existing.get(title_key(p.title))
            src = p.sources[0].file if p.sources else ""
            if hit is None:
                plan.todo.append((p, "added", [], src))
                continue
            stored_key, stored = hit
            new = merge_papers(stored, p)
            drop = [stored_key] if new.key != stored_key else []  # a title-only paper gained an arXiv id
            if new == stored and not drop:
                plan.unchanged.append(src)
                continue
            plan.todo.append((new, "updated", drop, src))
        return plan

    def submit(self, plan: "BatchPlan") -> "BatchPlan":
        plan.pending = self.processor.submit([p for p, _, _, _ in plan.todo]) if plan.todo else None
        return plan

    def write(self, plan: "BatchPlan", stats: dict[str, FileStats]) -> None:
        """Wait for the batch's extraction and write it: new papers in one load, changed ones
        (and graphs they replace) in one update."""
        for src in plan.unchanged:
            if src in stats:
                stats[src].unchanged += 1
        if plan.pending is None:
            return
        results = plan.pending.get()
        new_nq: list[str] = []
        repl_graphs: list[ox.NamedNode] = []
        repl_nq: list[str] = []
        drop_graphs: list[ox.NamedNode] = []
        new_entities = []
        for (paper, status, drop, src), (nquads, entities) in zip(plan.todo, results):
            for e in entities:
                if e.id not in self._known_entities:
                    self._known_entities.add(e.id)
                    new_entities.append(e)
            if status == "added":
                new_nq.append(nquads)
            else:
                repl_graphs.append(self.paper_graph(paper.key))
                repl_nq.append(nquads)
                drop_graphs.extend(self.paper_graph(k) for k in drop)
            if src in stats:
                setattr(stats[src], status, getattr(stats[src], status) + 1)
        if new_entities:
            self.store.add_quads(self.to_rdf.entity_quads(new_entities))
        self.store.load_nquads("".join(new_nq).encode())
        self.store.replace_graphs(repl_graphs, repl_nq, drop=drop_graphs)
        # Oxigraph's write buffers grow with everything written until a flush: flushing
        # every few batches keeps ingest memory flat (20k papers: 977 MB -> 325 MB peak
        # RSS) and is faster, not slower (33 s -> 27 s).
        self._since_flush += len(plan.todo)
        if self._since_flush >= FLUSH_EVERY:
            self.store.flush()
            self._since_flush = 0


@dataclass
class BatchPlan:
    keys: set[str]
    todo: list[tuple[Paper, str, list[str], str]] = field(default_factory=list)  # paper, status, drop, source
    unchanged: list[str] = field(default_factory=list)
    pending: object | None = None


def ingest_paths(store: KGStore, paths: list[Path], *, workers: int = 1, extract: bool = True,
                 batch_size: int = BATCH_SIZE, on_record: Callable[[], None] | None = None) -> IngestReport:
    """Ingest every file in `paths` into `store` and say what happened to each.

    Batch N+1 is read, merged and planned while the workers extract batch N; a batch that
    shares a paper with the one in flight waits for it to be written first.
    """
    stats: dict[str, FileStats] = {str(p): FileStats(str(p)) for p in paths}
    quads_before = len(store)
    ing = Ingestor(store, workers=workers, extract=extract)
    in_flight: BatchPlan | None = None

    def run(batch: list[Paper]) -> None:
        nonlocal in_flight
        plan = ing.plan(batch)
        if in_flight is not None and plan.keys & in_flight.keys:
            ing.write(in_flight, stats)
            in_flight = None
            plan = ing.plan(batch)
        ing.submit(plan)
        if in_flight is not None:
            ing.write(in_flight, stats)
        in_flight = plan

    try:
        ing.write_vocabulary()
        batch: list[Paper] = []
        for paper in _stream(paths, stats, on_record):
            batch.append(paper)
            if len(batch) >= batch_size:
                run(batch)
                batch = []
        if batch:
            run(batch)
        if in_flight is not None:
            ing.write(in_flight, stats)
        store.flush()
    finally:
        ing.close()
    return IngestReport(list(stats.values()), quads_before, len(store))


def report_json(report: IngestReport) -> str:
    return json.dumps(
        {
            "files": [
                {"path": f.path, "format": f.format, "read": f.read, "added": f.added, "updated": f.updated,
                 "unchanged": f.unchanged, "error": f.error,
                 "rejected": [r.model_dump() for r in f.rejected]}
                for f in report.files
            ],
            "quads_before": report.quads_before,
            "quads_after": report.quads_after,
        },
        indent=2,
    )
