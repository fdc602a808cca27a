"""Extraction and RDF serialisation of papers, in one process or a pool of workers.

Workers build the spaCy pipeline once, then turn each paper into its N-Quads text and
the entities it mentions. Only plain strings cross the process boundary (pickling spaCy
Docs or pyoxigraph terms back costs more than the work, see shared FACTS).

A paper's N-Quads come back in two parts: the body, and the one `kg:record` quad that
marks the paper as completely stored (ingest looks papers up by it). Ingest writes the
marker only once the body is in, so a killed bulk load never leaves a paper that looks
complete but is not.
"""

from __future__ import annotations

import multiprocessing as mp

import pyoxigraph as ox

from kg.models import Entity, Extraction, Paper, title_key

_EXTRACTOR = None
_DO_EXTRACT = True
_MENTION_NODES = True
# ids of the discovered entities whose N-Quads this worker process has sent: the parent
# keeps only the first text per id, and each worker sends its papers in input order, so
# a repeat is never needed (a pool worker serves one PaperProcessor; in-process work
# passes the processor's own set)
_SENT: set[str] = set()

CHUNK = 32  # papers per task handed to a worker
# A worker is replaced by a fresh one after this many papers: the extractor's caches and
# spaCy's string store grow with every new word seen (200k synthetic papers: 200 -> 380 MB
# per worker), and a restart (~3 s) every 100k papers keeps a 1M-paper ingest flat.
RECYCLE_AFTER = 100_000


def _init(extract: bool, mention_nodes: bool = True) -> None:
    global _EXTRACTOR, _DO_EXTRACT, _MENTION_NODES
    _SENT.clear()
    _DO_EXTRACT = extract
    _MENTION_NODES = mention_nodes
    if extract and _EXTRACTOR is None:
        from kg.extract import Extractor

        _EXTRACTOR = Extractor()


def _extract(paper: Paper) -> Extraction | None:
    if not _DO_EXTRACT:
        return None
    assert _EXTRACTOR is not None, "init() builds the extractor when extraction is on"
    return _EXTRACTOR.extract(paper)


def paper_nquads_parts(
    paper: Paper,
    extraction: Extraction | None,
    *,
    mention_nodes: bool = True,
    shared: list[str] | None = None,
) -> tuple[str, str]:
    """The paper's named graph as N-Quads text: (everything but the `kg:record` quad, that
    quad). The record is the marker ingest looks papers up by. The paper's statements about
    shared resources (SHARED_GRAPH) go to `shared` if given, else end the body."""
    from kg import to_rdf
    from kg.namespaces import KG, paper_graph, paper_iri

    body, marker = to_rdf.paper_nquads(
        paper, extraction, mention_nodes=mention_nodes, shared=shared
    )
    tk = ox.Quad(
        paper_iri(paper.key),
        KG.titleKey,
        ox.Literal(title_key(paper.title)),
        paper_graph(paper.key),
    )
    return body + f"{tk} .\n", marker


def paper_nquads(paper: Paper, extraction: Extraction | None, *, mention_nodes: bool = True) -> str:
    """The paper's whole named graph as N-Quads text."""
    body, marker = paper_nquads_parts(paper, extraction, mention_nodes=mention_nodes)
    return body + marker


def _work(
    paper_json: str, sent: set[str] | None = None
) -> tuple[str, str, list[tuple[str, str]], str]:
    paper = Paper.model_validate_json(paper_json)
    ex = _extract(paper)
    ents = []
    if ex is not None:
        sent = _SENT if sent is None else sent
        for e in ex.entities.values():
            if not e.in_vocabulary and e.id not in sent:
                sent.add(e.id)
                ents.append((e.id, entity_nquads(e)))
    shared: list[str] = []
    body, marker = paper_nquads_parts(paper, ex, mention_nodes=_MENTION_NODES, shared=shared)
    return body, marker, ents, "".join(shared)


def entity_nquads(entity: Entity) -> str:
    """A discovered entity's node (in the vocabulary graph) as N-Quads text: made in the
    worker, so the parent only keeps the first text per entity id."""
    from kg import to_rdf

    nq = ox.serialize(to_rdf.entity_quads([entity]), format=ox.RdfFormat.N_QUADS) or b""
    return nq.decode()


class PaperProcessor:
    """Turns papers into (N-Quads body, `kg:record` marker quad, discovered entities), with
    `workers` processes. `mention_nodes=False` leaves mention nodes out (`paper_quads`)."""

    def __init__(
        self,
        workers: int = 1,
        extract: bool = True,
        mention_nodes: bool = True,
        recycle_after: int = RECYCLE_AFTER,
    ) -> None:
        self.workers = max(1, workers)
        self.extract = extract
        self.mention_nodes = mention_nodes
        self.recycle_after = recycle_after
        self._pool = None
        self._sent: set[str] = set()  # discovered entities sent, when the work runs here
        if self.workers == 1:
            _init(extract, mention_nodes)

    def _get_pool(self):
        """Started on first use, with `spawn`: forking a process that runs threads (a progress
        bar, a web server) can deadlock the child on a lock held at fork time."""
        if self._pool is None:
            ctx = mp.get_context("spawn")
            self._pool = ctx.Pool(
                self.workers,
                initializer=_init,
                initargs=(self.extract, self.mention_nodes),
                maxtasksperchild=max(1, self.recycle_after // CHUNK),
            )
        return self._pool

    def vocabulary_entities(self) -> list[Entity]:
        if not self.extract:
            return []
        from kg.extract import all_vocab_entities

        return all_vocab_entities()

    def submit(self, papers: list[Paper]) -> Pending:
        """Start work on `papers`; `.get()` on the result waits for it (in order)."""
        payload = [p.model_dump_json() for p in papers]
        if self.workers > 1:
            return Pending(self._get_pool().map_async(_work, payload, chunksize=CHUNK))
        return Pending(None, payload, self._sent)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None


class Pending:
    """Work handed to the pool (or, with one worker, done when asked for)."""

    def __init__(
        self, async_result, payload: list[str] | None = None, sent: set[str] | None = None
    ) -> None:
        self._async = async_result
        self._payload = payload
        self._sent = sent

    def get(self) -> list[tuple[str, str, list[tuple[str, str]], str]]:
        """Per paper: (N-Quads body of its graph, `kg:record` quad, [(discovered entity id,
        its N-Quads)], its N-Quads in SHARED_GRAPH)."""
        raw = (
            self._async.get()
            if self._async is not None
            else [_work(x, self._sent) for x in self._payload or ()]
        )
        self._async = self._payload = None  # nothing of the batch outlives its write
        return raw
