"""A store built by an older extractor is brought up to date by ingesting the same
listings again: unchanged records whose facts another extractor version made are
extracted again, the rest are skipped; `reextract` takes them all."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.extract.extractor import EXTRACTOR_VERSION
from kg.ingest import ingest_paths
from kg.namespaces import KG, paper_graph
from kg.store import KGStore


def _quad_set(store: KGStore) -> set[str]:
    return {str(q) for q in store.quads()}


def _paper_keys(store: KGStore, n: int) -> list[str]:
    q = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?p {KG.record} ?r }} }} ORDER BY ?g LIMIT {n}"
    prefix = paper_graph("x").value[:-1]
    return [r["g"].value.removeprefix(prefix) for r in store.query(q)]


def _age(store: KGStore, key: str) -> None:
    """Make one stored paper look as an older extractor left it: another version, and
    its facts about mentioned entities gone (as a rule since changed would)."""
    g = paper_graph(key)
    stale = [q for q in store.quads(g) if q.predicate in (KG.extractorVersion, KG.mentions)]
    assert any(q.predicate == KG.mentions for q in stale), "the paper mentions nothing"
    for q in stale:
        store.store.remove(q)
    run = next(q.subject for q in stale if q.predicate == KG.extractorVersion)
    store.store.add(ox.Quad(run, KG.extractorVersion, ox.Literal("kg-extract-0.1"), g))


@pytest.fixture
def one_listing(listings, monkeypatch):
    # the store's own names as a gazetteer (kg.store_gazetteer) change a second extraction
    # of a paper on purpose; these tests compare against a first one, so it is off here
    monkeypatch.setenv("KG_STORE_GAZETTEER", "0")
    return [p for p in listings if p.name.startswith("002_")] or listings[:1]


def test_papers_of_an_older_extractor_are_extracted_again(tmp_path, one_listing):
    store = KGStore(tmp_path / "s")
    ingest_paths(store, one_listing, workers=1, bulk=False)
    want = _quad_set(store)
    keys = _paper_keys(store, 3)
    for k in keys:
        _age(store, k)
    assert _quad_set(store) != want
    report = ingest_paths(store, one_listing, workers=1)
    assert sum(f.reextracted for f in report.files) == len(keys)
    assert sum(f.added + f.updated for f in report.files) == 0
    assert sum(f.unchanged for f in report.files) == report.papers_in - len(keys)
    assert _quad_set(store) == want
    again = ingest_paths(store, one_listing, workers=1)
    assert sum(f.reextracted for f in again.files) == 0
    assert _quad_set(store) == want


def test_reextract_takes_every_paper_and_changes_nothing_else(tmp_path, one_listing):
    store = KGStore(tmp_path / "s")
    first = ingest_paths(store, one_listing, workers=1)
    want = _quad_set(store)
    report = ingest_paths(store, one_listing, workers=1, reextract=True)
    assert sum(f.reextracted for f in report.files) == first.papers_in
    assert sum(f.unchanged for f in report.files) == 0
    assert _quad_set(store) == want


def test_papers_stored_without_extraction_are_extracted_later(tmp_path, one_listing):
    store = KGStore(tmp_path / "s")
    ingest_paths(store, one_listing, workers=1, extract=False)
    assert not store.literal_objects(
        KG.extractorVersion, [paper_graph(k) for k in _paper_keys(store, 5)]
    )
    # and ingesting without extraction again leaves them alone
    again = ingest_paths(store, one_listing, workers=1, extract=False)
    assert sum(f.reextracted for f in again.files) == 0
    report = ingest_paths(store, one_listing, workers=1)
    assert sum(f.reextracted for f in report.files) == report.papers_in
    direct = KGStore(tmp_path / "d")
    ingest_paths(direct, one_listing, workers=1, bulk=False)
    assert _quad_set(store) == _quad_set(direct)
    found = store.literal_objects(
        KG.extractorVersion, [paper_graph(k) for k in _paper_keys(store, 5)]
    )
    assert set(found.values()) == {EXTRACTOR_VERSION}
