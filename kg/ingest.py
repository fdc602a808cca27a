"""The ingest pipeline: read listings, merge with what the store holds, extract, write.

Records stream through in batches. For each batch the store is asked which of its papers
are already known (by arXiv id or by normalised-title key), records are merged, papers
whose merged record is unchanged are skipped, the rest are handed to the extractor (in
worker processes) and written back as whole per-paper named graphs. Rerunning an ingest
therefore changes nothing, and a killed ingest is completed by running it again.

Two ways to write (`ingest_paths(bulk=...)`):

* **transactional** (a store that already holds papers, a remote store): each batch of new
  papers is one N-Quads `load`, each batch of changed papers one `DROP GRAPH` + `INSERT
  DATA` update, so concurrent readers see a paper either old or whole-new.
* **bulk** (a first load into an empty embedded store, or the rerun of a killed one): new
  papers are buffered and go in with Oxigraph's bulk loader every `BULK_QUADS` quads,
  less than half the CPU per quad, but not atomic and not for stores others read meanwhile.
  A paper counts as stored only once its `kg:record` quad (the marker `_existing` looks
  papers up by) is in, and that quad is written in the bulk load *after* the one that
  wrote the rest of the paper (papers buffered or awaiting their marker are looked up in
  memory meanwhile). A kill in between leaves graphs without a marker: the rerun finds
  them (`existing_graphs`), drops them and writes them again. A journal file in the store directory
  (`BULK_JOURNAL`) says a bulk ingest is under way, so the rerun carries on in bulk mode
  and removes the files the killed bulk load left behind. The store is `optimize()`d
  at the end, as pyoxigraph advises after a bulk load.

Memory stays flat however long the input: nothing is kept per paper beyond the batch in
flight and the next one (the ids of discovered entities are kept, one string each).
"""

from __future__ import annotations

import json
import os
import stat
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from kg import store_gazetteer
from kg.faults import kill_point
from kg.merge import merge_papers
from kg.models import Paper, Rejected, title_key
from kg.store import KGStore
from kg.workers import PaperProcessor, Pending

BATCH_SIZE = 500
# Batches handed to the workers before the oldest is written. Writing one can block for a
# whole bulk load (~2 s for 250k quads); with only the next batch queued (~0.5 s of work
# for two workers) the workers sat idle for most of it. Each batch in flight holds its
# papers' N-Quads (~6 MB per 500 papers).
PIPELINE_DEPTH = 4
FLUSH_EVERY = 2_000  # papers written between store flushes (transactional mode)
BULK_JOURNAL = "kg-bulk-ingest.json"  # in the store directory while a bulk ingest runs
# Quads per bulk load (~2,400 papers). Bigger loads cost less CPU per quad (50k-quad loads
# ~15% more than 200k-quad ones) and leave fewer files to compact; each is held in memory
# as N-Quads text (~60 MB) until loaded.
BULK_QUADS = int(os.environ.get("KG_BULK_QUADS", 250_000))


@dataclass
class FileStats:
    path: str
    format: str = "?"
    read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    reextracted: int = 0  # unchanged records extracted again (older extractor, or asked)
    rejected: list[Rejected] = field(default_factory=list)
    error: str | None = None


@dataclass
class IngestReport:
    files: list[FileStats]
    quads_before: int
    quads_after: int
    bulk: bool = False
    quads_written: int = 0  # N-Quads lines handed to the store (duplicates included)
    seconds: dict[str, float] = field(default_factory=dict)  # "total", "write", "optimize"

    @property
    def papers_in(self) -> int:
        return sum(f.added + f.updated + f.unchanged + f.reextracted for f in self.files)

    @property
    def rejected(self) -> int:
        return sum(len(f.rejected) for f in self.files)


@dataclass
class IngestProgress:
    """Where an ingest stands, for a progress bar."""

    records: int = 0  # records read (rejected ones included)
    papers: int = 0  # papers written or found unchanged
    quads: int = 0  # quads written
    bytes_read: int | None = None  # how far into the input files (as stored: gzip bytes for .gz)
    bytes_total: int | None = None  # None when an input is not a regular file (a pipe)
    bulk: bool = False


class ByteMeter:
    """How far the readers have got through the input files, in bytes of the files as
    stored, read from the kernel's file position of the open file (Linux /proc), so the
    readers need not know. Without /proc, or for a pipe, `position()` is None."""

    def __init__(self, paths: Iterable[Path]) -> None:
        self.sizes: dict[str, int] = {}
        total: int | None = 0
        for p in paths:
            try:
                st = os.stat(p)
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode) and total is not None:
                self.sizes[os.path.realpath(p)] = st.st_size
                total += st.st_size
            else:
                total = None
        self.total = total if os.path.isdir("/proc/self/fdinfo") else None
        self.done = 0
        self._current: str | None = None
        self._fd: int | None = None

    def start(self, path: Path) -> None:
        """The reader of `path` has produced its first record (any verifying pass is over)."""
        self._current, self._fd = os.path.realpath(path), None

    def finish(self, path: Path) -> None:
        self.done += self.sizes.get(os.path.realpath(path), 0)
        self._current, self._fd = None, None

    def _find_fd(self) -> int | None:
        try:
            for name in os.listdir("/proc/self/fd"):
                try:
                    if os.readlink(f"/proc/self/fd/{name}") == self._current:
                        return int(name)
                except OSError:
                    continue
        except OSError:
            pass
        return None

    def position(self) -> int | None:
        if self.total is None:
            return None
        pos = 0
        if self._current is not None:
            for _ in range(2):
                if self._fd is None:
                    self._fd = self._find_fd()
                if self._fd is None:
                    break
                try:
                    if os.readlink(f"/proc/self/fd/{self._fd}") != self._current:
                        raise OSError
                    with open(f"/proc/self/fdinfo/{self._fd}") as f:
                        pos = int(f.readline().split()[1])
                    break
                except (OSError, ValueError, IndexError):
                    self._fd = None
        return min(self.total, self.done + pos)


def _stream(
    paths: Iterable[Path],
    stats: dict[str, FileStats],
    on_record: Callable[[], None] | None,
    meter: ByteMeter | None = None,
) -> Iterator[Paper]:
    from kg.readers import ReadError, UnknownFormatError, detect_format, read_path, source_name

    for path in paths:
        name = source_name(path)  # the key the records' SourceRef.file carries
        st = stats.setdefault(name, FileStats(name))
        first = True
        try:
            st.format = detect_format(path)
            for rec in read_path(path):
                if first and meter is not None:
                    meter.start(path)
                first = False
                if on_record:
                    on_record()
                if isinstance(rec, Rejected):
                    st.rejected.append(rec)
                    continue
                st.read += 1
                yield rec
        except (UnknownFormatError, ReadError, OSError) as e:
            st.error = str(e)
        finally:
            if meter is not None:
                meter.finish(path)


_title_key = lru_cache(maxsize=16384)(title_key)  # asked for several times per paper


class Ingestor:
    """Writes papers into a store; one instance per `kg ingest` run."""

    def __init__(
        self,
        store: KGStore,
        workers: int = 1,
        extract: bool = True,
        *,
        mention_nodes: bool = True,
        bulk: bool = False,
        bulk_quads: int = BULK_QUADS,
        reextract: bool = False,
    ) -> None:
        from kg import to_rdf
        from kg.namespaces import KG, VOCAB_GRAPH, paper_graph

        self.store = store
        self.to_rdf = to_rdf
        self.paper_graph = paper_graph
        self.vocab_graph = VOCAB_GRAPH
        self.record_pred = KG.record
        self.title_key_pred = KG.titleKey
        self.bulk = bulk
        self.bulk_quads = bulk_quads
        self.extract = extract
        self.reextract = reextract
        self.processor = PaperProcessor(
            workers=workers, extract=extract, mention_nodes=mention_nodes
        )
        self._known_entities: set[str] = set()
        self._since_flush = 0
        self.quads_written = 0
        self.write_seconds = 0.0
        # Bulk mode. Papers are written once planned, but reach the store later:
        # `_buffer`: graph IRI -> (body, marker, paper), in no store yet (the next bulk load);
        # `_unmarked`: graph IRI -> (marker, paper), body loaded, marker waiting for the load
        # after (or `finish`); `_titles`: their title keys -> graph IRI. `_existing` sees
        # them as stored. Bounded by `bulk_quads` (plus one batch): nothing per paper is kept
        # beyond the next bulk load.
        self._buffer: dict[str, tuple[str, str, Paper]] = {}
        self._buffer_extra: list[str] = []  # entity quads for the next bulk load
        self._buffer_lines = 0
        self._unmarked: dict[str, tuple[str, Paper]] = {}
        self._titles: dict[str, str] = {}
        self._can_check_graphs = callable(getattr(store, "existing_graphs", None))
        self._stored_entities = getattr(store, "stored_entities", None)

    def close(self) -> None:
        self.processor.close()

    def _write_quads(self, quads: list[ox.Quad]) -> None:
        if not quads:
            return
        if self.bulk:
            self._bulk(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
        else:
            t = time.perf_counter()
            self.store.add_quads(quads)
            self.write_seconds += time.perf_counter() - t
            self.quads_written += len(quads)

    def _bulk(self, data: bytes) -> None:
        t = time.perf_counter()
        kill_point("bulk_load")
        self.store.bulk_load_nquads(data)
        kill_point("after_bulk_load")
        self.write_seconds += time.perf_counter() - t
        self.quads_written += data.count(b"\n")

    def write_vocabulary(self) -> None:
        """Vocabulary concepts and the ontology go in once per run; set semantics make it
        idempotent."""
        entities = self.processor.vocabulary_entities()
        kill_point("vocab")
        self._write_quads(self.to_rdf.ontology_quads() + self.to_rdf.entity_quads(entities))
        self._known_entities.update(e.id for e in entities)

    def _pending_paper(self, graph_iri: str) -> Paper | None:
        """A paper written in bulk mode that the store does not show as stored yet."""
        hit = self._buffer.get(graph_iri)
        if hit is not None:
            return hit[2]
        hit2 = self._unmarked.get(graph_iri)
        return hit2[1] if hit2 is not None else None

    def _existing(self, papers: list[Paper]) -> dict[str, tuple[str, Paper]]:
        """Map each incoming key and title key to (stored key, stored record)."""
        graphs = [self.paper_graph(p.key) for p in papers]
        by_graph = self.store.literal_objects(self.record_pred, graphs)
        found: dict[str, tuple[str, Paper]] = {}
        for p in papers:
            g = self.paper_graph(p.key).value
            pending = self._pending_paper(g)
            if pending is not None:
                found[p.key] = (p.key, pending)
                continue
            rec = by_graph.get(g)
            if rec is not None:
                found[p.key] = (p.key, self.to_rdf.paper_from_record(rec))
        tkeys = {_title_key(p.title) for p in papers}
        for t in tkeys:
            pending_g = self._titles.get(t)
            stored = self._pending_paper(pending_g) if pending_g is not None else None
            if stored is not None:
                found.setdefault(t, (stored.key, stored))
        if tkeys:
            values = " ".join(str(ox.Literal(t)) for t in tkeys)
            q = (
                f"SELECT ?t ?g ?r WHERE {{ VALUES ?t {{ {values} }} "
                f"GRAPH ?g {{ ?p {self.title_key_pred} ?t ; "
                f"{self.record_pred} ?r }} }}"
            )
            for row in self.store.query(q, use_default_graph_as_union=False):
                stored = self.to_rdf.paper_from_record(row["r"].value)
                found.setdefault(row["t"].value, (stored.key, stored))
        return found

    def plan(self, batch: list[Paper]) -> BatchPlan:
        """Merge the batch with itself and with the store; decide what to write."""
        merged: dict[str, Paper] = {}
        tindex: dict[str, str] = {}
        for p in batch:
            tk = _title_key(p.title)
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
        new: list[Paper] = []
        same: list[tuple[str, Paper, str]] = []  # stored key, stored record, source file
        for k, p in merged.items():
            hit = existing.get(k) or existing.get(_title_key(p.title))
            src = p.sources[0].file if p.sources else ""
            if hit is None:
                plan.todo.append((p, "added", [], src))
                new.append(p)
                continue
            stored_key, stored = hit
            new_rec = merge_papers(stored, p)
            drop = (
                [stored_key] if new_rec.key != stored_key else []
            )  # a title-only paper gained an arXiv id
            if new_rec == stored and not drop:
                if self._pending_paper(self.paper_graph(stored_key).value) is None:
                    same.append((stored_key, stored, src))
                else:  # written by this very run
                    plan.unchanged.append(src)
                continue
            plan.todo.append((new_rec, "updated", drop, src))
        outdated = self._outdated([k for k, _, _ in same])
        for k, stored, src in same:
            if k in outdated:
                plan.todo.append((stored, "reextracted", [], src))
            else:
                plan.unchanged.append(src)
        if new and self._can_check_graphs:
            # a graph without a kg:record is what a killed bulk load leaves: rewrite it whole
            plan.stale = self.store.existing_graphs(self.paper_graph(p.key) for p in new)
        return plan

    def _outdated(self, keys: list[str]) -> set[str]:
        """Those stored papers (by key) whose facts another extractor made: a paper
        extracted by an older `EXTRACTOR_VERSION`, or not extracted at all, is extracted
        again although its record is unchanged, so upgrading kg and ingesting the same
        listings again brings the facts up to date. `reextract` takes every one."""
        if not keys or not self.extract:
            return set()
        if self.reextract:
            return set(keys)
        from kg.extract.extractor import EXTRACTOR_VERSION
        from kg.namespaces import KG

        graphs = [self.paper_graph(k) for k in keys]
        found = self.store.literal_objects(KG.extractorVersion, graphs)
        return {
            k for k, g in zip(keys, graphs, strict=True) if found.get(g.value) != EXTRACTOR_VERSION
        }

    def submit(self, plan: BatchPlan) -> BatchPlan:
        plan.pending = self.processor.submit([p for p, _, _, _ in plan.todo]) if plan.todo else None
        return plan

    def _forget(self, graph_iri: str) -> None:
        """A graph about to be replaced or dropped: its buffered body must not be loaded and
        its old marker not written afterwards."""
        hit = self._buffer.pop(graph_iri, None)
        paper: Paper | None = None
        if hit is not None:
            self._buffer_lines -= hit[0].count("\n")
            paper = hit[2]
        else:
            hit2 = self._unmarked.pop(graph_iri, None)
            paper = hit2[1] if hit2 is not None else None
        if paper is not None and self._titles.get(_title_key(paper.title)) == graph_iri:
            del self._titles[_title_key(paper.title)]

    def write(self, plan: BatchPlan, stats: dict[str, FileStats]) -> None:
        """Wait for the batch's extraction and write it: new papers in one load (bulk mode:
        into the buffer of the next bulk load), changed ones (and graphs they replace) in
        one update."""
        for src in plan.unchanged:
            if src in stats:
                stats[src].unchanged += 1
        if plan.pending is None:
            return
        results = plan.pending.get()
        plan.pending = None
        new: list[tuple[str, str, str, Paper]] = []  # graph IRI, body, marker, paper
        repl_graphs: list[ox.NamedNode] = []
        repl_nq: list[str] = []
        drop_graphs: list[ox.NamedNode] = []
        new_entities: list[str] = []  # N-Quads of entities no earlier paper had
        known = self._known_entities
        fresh: dict[str, str] = {}  # entity id -> N-Quads, first text in input order
        # the batch's statements about shared resources (author labels, category notations;
        # SHARED_GRAPH), each once: written with the entities, so before any marker of the batch
        shared: dict[str, None] = {}
        todo = zip(plan.todo, results, strict=True)
        for (paper, status, drop, src), (body, marker, entities, sh) in todo:
            if sh:
                shared.update(dict.fromkeys(sh.splitlines(keepends=True)))
            for eid, nq in entities:
                if eid not in known:
                    known.add(eid)
                    fresh[eid] = nq
            g = self.paper_graph(paper.key)
            if status == "added" and g.value not in plan.stale:
                new.append((g.value, body, marker, paper))
            else:
                repl_graphs.append(g)
                repl_nq.append(body + marker)
                drop_graphs.extend(self.paper_graph(k) for k in drop)
                for x in [g, *(self.paper_graph(k) for k in drop)]:
                    self._forget(x.value)
            if src in stats:
                setattr(stats[src], status, getattr(stats[src], status) + 1)
        plan.todo = []
        del results
        if fresh and self._stored_entities is not None:
            # An entity already in the vocabulary graph keeps the text it was first written
            # with. Its text is taken from the first paper (in input order) that mentions it,
            # and a rerun skips the papers a killed run stored: without this, a rerun would
            # add a second skos:prefLabel from a later paper (and an incremental ingest too).
            stored = self._stored_entities(list(fresh))
            new_entities.extend(nq for eid, nq in fresh.items() if eid not in stored)
        else:
            new_entities.extend(fresh.values())
        ent_nq = "".join(new_entities) + "".join(shared)
        del shared
        if self.bulk and ent_nq and (repl_graphs or drop_graphs):
            # the replaced papers get their marker in this batch: their entities must be in
            # the store first (a kill in between would leave a stored paper whose first
            # mention of an entity is lost, and the rerun, skipping it, would take the
            # entity's text from a later paper; likewise its shared statements would be lost)
            t = time.perf_counter()
            kill_point("load")
            self.store.load_nquads(ent_nq.encode())
            self.write_seconds += time.perf_counter() - t
            self.quads_written += ent_nq.count("\n")
            ent_nq = ""
        if self.bulk:
            if ent_nq:
                self._buffer_extra.append(ent_nq)
                self._buffer_lines += ent_nq.count("\n")
            for giri, body, marker, paper in new:
                self._buffer[giri] = (body, marker, paper)
                self._titles[_title_key(paper.title)] = giri
                self._buffer_lines += body.count("\n")
            if self._buffer_lines >= self.bulk_quads:
                self._load_buffer()
        else:
            t = time.perf_counter()
            data = (ent_nq + "".join(body + marker for _, body, marker, _ in new)).encode()
            kill_point("load")
            self.store.load_nquads(data)
            self.write_seconds += time.perf_counter() - t
            self.quads_written += data.count(b"\n")
        if repl_graphs or drop_graphs:
            t = time.perf_counter()
            kill_point("replace")
            self.store.replace_graphs(repl_graphs, repl_nq, drop=drop_graphs)
            self.write_seconds += time.perf_counter() - t
            self.quads_written += sum(nq.count("\n") for nq in repl_nq)
        if not self.bulk:
            # Oxigraph's write buffers grow with everything written until a flush: flushing
            # every few batches keeps ingest memory flat (20k papers: 977 MB -> 325 MB peak
            # RSS) and is faster, not slower (33 s -> 27 s).
            self._since_flush += len(new) + len(repl_graphs)
            if self._since_flush >= FLUSH_EVERY:
                self.store.flush()
                self._since_flush = 0

    def _load_buffer(self) -> None:
        """One bulk load: the markers of the papers loaded last time (their bodies are in),
        new entities, and the buffered bodies, whose markers then wait for the next load."""
        parts = [m for m, _ in self._unmarked.values()]
        parts.extend(self._buffer_extra)
        parts.extend(body for body, _, _ in self._buffer.values())
        data = "".join(parts).encode()
        del parts
        self._bulk(data)
        del data
        self._unmarked = {g: (marker, paper) for g, (_, marker, paper) in self._buffer.items()}
        self._titles = {_title_key(p.title): g for g, (_, p) in self._unmarked.items()}
        self._buffer, self._buffer_extra, self._buffer_lines = {}, [], 0

    def finish(self) -> None:
        """Write what bulk mode still holds (bodies, then the last markers) and flush."""
        if self._buffer or self._buffer_extra:
            self._load_buffer()
        if self._unmarked:
            kill_point("finish")
            self._bulk("".join(m for m, _ in self._unmarked.values()).encode())
            self._unmarked, self._titles = {}, {}
        self.store.flush()


@dataclass
class BatchPlan:
    keys: set[str]
    todo: list[tuple[Paper, str, list[str], str]] = field(
        default_factory=list
    )  # paper, status, drop, source
    unchanged: list[str] = field(default_factory=list)
    pending: Pending | None = None
    stale: set[str] = field(
        default_factory=set
    )  # graph IRIs of new papers left half-written by a kill


def _journal(store) -> Path | None:
    path = getattr(store, "path", None)
    return Path(path) / BULK_JOURNAL if isinstance(path, Path) else None


def _publishes(store) -> bool:
    """Whether the store is an embedded one this process writes (it has generations)."""
    return (
        isinstance(store, KGStore)
        and not store.read_only
        and getattr(store, "store", None) is not None
    )


def _prepare_generations(store: KGStore) -> None:
    """Before writing: readers must have a consistent version to open meanwhile. A store
    built before generations existed is published as it stands (readers then see it until
    this ingest publishes); an empty store gets an empty `generations/` (readers are told
    there is nothing to read yet rather than opening a half-written store)."""
    from kg.store_generations import generations_dir
    from kg.store_generations import publish as publish_generation

    if generations_dir(store.path).is_dir():
        return
    if len(store) > 0:
        publish_generation(store)
    else:
        generations_dir(store.path).mkdir(parents=True, exist_ok=True)


def choose_bulk(store) -> bool:
    """Bulk-load when the store is embedded and empty of papers, or when a bulk ingest into
    it was killed (its journal is still there)."""
    if not getattr(store, "supports_bulk", False):
        return False
    journal = _journal(store)
    if journal is not None and journal.exists():
        return True
    has_papers = getattr(store, "has_papers", None)
    return has_papers is not None and not has_papers()


def ingest_paths(
    store: KGStore,
    paths: list[Path],
    *,
    workers: int = 1,
    extract: bool = True,
    batch_size: int = BATCH_SIZE,
    on_record: Callable[[], None] | None = None,
    mention_nodes: bool = True,
    bulk: bool | None = None,
    optimize: bool = True,
    progress: Callable[[IngestProgress], None] | None = None,
    bulk_quads: int = BULK_QUADS,
    publish: bool = True,
    reextract: bool = False,
) -> IngestReport:
    """Ingest every file in `paths` into `store` and say what happened to each.

    Batches are read, merged, planned and handed to the workers up to `PIPELINE_DEPTH`
    ahead of the one being written, so the workers keep extracting while a bulk load runs;
    writes happen in input order, and a batch that shares a paper with one in flight waits
    for that one (and those before it) to be written first.

    `bulk`: None picks the bulk loader for a first load (`choose_bulk`); True forces it
    (nothing else may use the store meanwhile); False keeps every write transactional.
    `mention_nodes=False` leaves mention nodes out (kg:mentions edges and facts stay).
    `progress` is called after every batch and at the end. `bulk_quads`: quads per bulk
    load (default `BULK_QUADS`, or $KG_BULK_QUADS). `publish`: at the end, publish the
    embedded store as a new generation for readers (kg.store_generations).
    A stored paper whose record is unchanged is skipped unless an older extractor made its
    facts (its `kg:extractorVersion`), then it is extracted again; `reextract` extracts
    every one again (after a vocabulary change, which does not change the version).
    """
    t_start = time.perf_counter()
    from kg.readers import source_name

    stats: dict[str, FileStats] = {source_name(p): FileStats(source_name(p)) for p in paths}
    quads_before = len(store)
    generations = publish and _publishes(store)
    if generations:
        _prepare_generations(store)
    if bulk is None:
        bulk = choose_bulk(store)
    elif bulk and not getattr(store, "supports_bulk", False):
        bulk = False
    journal = _journal(store) if bulk else None
    if journal is not None:
        if journal.exists():
            store.discard_bulk_leftovers()
        journal.write_text(
            json.dumps(
                {
                    "bulk_ingest_started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                    "pid": os.getpid(),
                    "inputs": [str(p) for p in paths],
                }
            )
            + "\n"
        )
    # names the stored papers introduced, as a gazetteer for these (kg.store_gazetteer)
    gazetteer = store_gazetteer.use(store) if extract else None
    ing = Ingestor(
        store,
        workers=workers,
        extract=extract,
        mention_nodes=mention_nodes,
        bulk=bulk,
        bulk_quads=bulk_quads,
        reextract=reextract,
    )
    meter = ByteMeter(paths) if progress else None
    state = IngestProgress(bulk=bulk, bytes_total=meter.total if meter else None)
    in_flight: deque[BatchPlan] = deque()  # submitted, not yet written, oldest first

    def count() -> None:
        state.records += 1
        if on_record:
            on_record()

    def tell() -> None:
        if progress is None:
            return
        state.papers = sum(
            f.added + f.updated + f.unchanged + f.reextracted for f in stats.values()
        )
        state.quads = ing.quads_written
        state.bytes_read = meter.position() if meter else None
        progress(state)

    def run(batch: list[Paper]) -> None:
        plan = ing.plan(batch)
        shared = [i for i, f in enumerate(in_flight) if plan.keys & f.keys]
        if shared:
            # a paper of this batch is in one not written yet: write up to that one and
            # plan again (the store, or the bulk buffer, now holds it)
            for _ in range(shared[-1] + 1):
                ing.write(in_flight.popleft(), stats)
            plan = ing.plan(batch)
        ing.submit(plan)
        in_flight.append(plan)
        while len(in_flight) > PIPELINE_DEPTH:
            ing.write(in_flight.popleft(), stats)
        tell()

    seconds: dict[str, float] = {}
    try:
        ing.write_vocabulary()
        batch: list[Paper] = []
        for paper in _stream(paths, stats, count if (progress or on_record) else None, meter):
            batch.append(paper)
            if len(batch) >= batch_size:
                run(batch)
                batch = []
        if batch:
            run(batch)
        while in_flight:
            ing.write(in_flight.popleft(), stats)
        ing.finish()
        seconds["write"] = ing.write_seconds
        if bulk and optimize:
            t = time.perf_counter()
            kill_point("optimize")
            store.optimize()
            seconds["optimize"] = time.perf_counter() - t
        if journal is not None:
            kill_point("journal")
            journal.unlink(missing_ok=True)
        if generations:
            from kg.store_generations import publish as publish_generation

            t = time.perf_counter()
            publish_generation(store)
            seconds["publish"] = time.perf_counter() - t
        tell()
    finally:
        ing.close()
        store_gazetteer.release(gazetteer)
    seconds["total"] = time.perf_counter() - t_start
    return IngestReport(
        list(stats.values()),
        quads_before,
        len(store),
        bulk=bulk,
        quads_written=ing.quads_written,
        seconds=seconds,
    )
