"""Extraction and RDF serialisation of papers, in one process or a pool of workers.

Workers build the spaCy pipeline once, then turn each paper into its N-Quads text and
the entities it mentions. Only plain strings cross the process boundary (pickling spaCy
Docs or pyoxigraph terms back costs more than the work, see shared FACTS).
"""

from __future__ import annotations

import multiprocessing as mp
from typing import Optional

import pyoxigraph as ox

from kg.models import Entity, Extraction, Paper, title_key

_EXTRACTOR = None
_DO_EXTRACT = True


def _init(extract: bool) -> None:
    global _EXTRACTOR, _DO_EXTRACT
    _DO_EXTRACT = extract
    if extract and _EXTRACTOR is None:
        from kg.extract import Extractor

        _EXTRACTOR = Extractor()


def _extract(paper: Paper) -> Optional[Extraction]:
    if not _DO_EXTRACT:
        return None
    return _EXTRACTOR.extract(paper)


def paper_nquads(paper: Paper, extraction: Optional[Extraction]) -> str:
    """The paper's whole named graph as N-Quads text."""
    from kg import to_rdf
    from kg.namespaces import KG, paper_graph, paper_iri

    quads = to_rdf.paper_quads(paper, extraction)
    quads.append(ox.Quad(paper_iri(paper.key), KG.titleKey, ox.Literal(title_key(paper.title)),
                         paper_graph(paper.key)))
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode()


def _work(paper_json: str) -> tuple[str, list[str]]:
    paper = Paper.model_validate_json(paper_json)
    ex = _extract(paper)
    ents = [e.model_dump_json() for e in ex.entities.values() if not e.in_vocabulary] if ex else []
    return paper_nquads(paper, ex), ents


class PaperProcessor:
    """Turns papers into (N-Quads, discovered entities), with `workers` processes."""

    def __init__(self, workers: int = 1, extract: bool = True) -> None:
        self.workers = max(1, workers)
        self.extract = extract
        self._pool = None
        if self.workers == 1:
            _init(extract)

    def _get_pool(self):
        """Started on first use, with `spawn`: forking a process that runs threads (a progress
        bar, a web server) can deadlock the child on a lock held at fork time."""
        if self._pool is None:
            ctx = mp.get_context("spawn")
            self._pool = ctx.Pool(self.workers, initializer=_init, initargs=(self.extract,))
        return self._pool

    def vocabulary_entities(self) -> list[Entity]:
        if not self.extract:
            return []
        from kg.extract import all_vocab_entities

        return all_vocab_entities()

    def submit(self, papers: list[Paper]) -> "_Pending":
        """Start work on `papers`; `.get()` on the result waits for it (in order)."""
        payload = [p.model_dump_json() for p in papers]
        if self.workers > 1:
            chunk = max(1, len(payload) // (self.workers * 4))
            return _Pending(self._get_pool().map_async(_work, payload, chunksize=chunk))
        return _Pending(None, payload)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None


class _Pending:
    """Work handed to the pool (or, with one worker, done when asked for)."""

    def __init__(self, async_result, payload: list[str] | None = None) -> None:
        self._async = async_result
        self._payload = payload

    def get(self) -> list[tuple[str, list[Entity]]]:
        raw = self._async.get() if self._async is not None else [_work(x) for x in self._payload]
        return [(nq, [Entity.model_validate_json(e) for e in ents]) for nq, ents in raw]
