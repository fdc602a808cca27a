"""Ingest into a real on-disk store: counts, identity and merge, idempotence, rejects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.ingest import ingest_paths
from kg.store import KGStore, StoreError

KG = "https://w3id.org/kg/ontology#"


def _count(store: KGStore, cls: str) -> int:
    q = f"SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ ?p a <{KG}{cls}> }}"
    return int(next(iter(store.query(q)))["n"].value)


def test_seed_listings_give_209_papers(seed_store):
    assert _count(seed_store, "Paper") == 60 + 30 + 119


def test_every_paper_has_its_own_named_graph(seed_store):
    q = f"""SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?p a <{KG}Paper> }} }}"""
    assert int(next(iter(seed_store.query(q, use_default_graph_as_union=False)))["n"].value) == 209


def test_translations_are_language_tagged(seed_store):
    q = """SELECT ?l (COUNT(*) AS ?n) WHERE {
      ?p <http://purl.org/dc/terms/title> ?t BIND(LANG(?t) AS ?l) } GROUP BY ?l"""
    by_lang = {r["l"].value: int(r["n"].value) for r in seed_store.query(q)}
    assert by_lang.get("ja") == 26
    assert by_lang.get("zh") == 30


def test_reingest_is_idempotent(tmp_path, listings):
    store = KGStore(tmp_path / "s")
    first = ingest_paths(store, listings, workers=1)
    n = len(store)
    second = ingest_paths(store, listings, workers=1)
    assert len(store) == n
    assert sum(f.added for f in first.files) == 209
    assert sum(f.added + f.updated for f in second.files) == 0
    assert sum(f.unchanged for f in second.files) == 209


def test_same_paper_from_two_sources_is_one_node(tmp_path, listings):
    """An arXiv metadata record of a paper in the arXivDaily listing merges into it."""
    arxivdaily = [p for p in listings if p.name.startswith("001_")][0]
    rec = {"id": "2606.09940v2", "title": "Interactions Between Crosscoder Features: A Compact Proofs Perspective",
           "abstract": "Dictionary learning methods like Sparse Autoencoders (SAEs) explain models.",
           "authors": ["Dmitry Manning-Coe"], "categories": ["cs.LG", "stat.ML"], "comment": None,
           "update_date": "2026-06-11"}
    extra = tmp_path / "extra.jsonl"
    extra.write_text(json.dumps(rec) + "\n")
    store = KGStore(tmp_path / "s")
    ingest_paths(store, [arxivdaily], workers=1)
    assert _count(store, "Paper") == 30
    report = ingest_paths(store, [extra], workers=1)
    assert report.files[0].updated == 1
    assert _count(store, "Paper") == 30
    q = f"""SELECT ?c WHERE {{ <https://w3id.org/kg/id/paper/2606.09940> <{KG}category> ?cat .
            ?cat <http://www.w3.org/2000/01/rdf-schema#label>|<http://www.w3.org/2004/02/skos/core#notation> ?c }}"""
    cats = {r["c"].value for r in store.query(q)}
    assert {"cs.LG", "cs.AI", "stat.ML"} <= cats


def test_title_only_record_merges_with_arxiv_record(tmp_path):
    a = tmp_path / "a.jsonl"
    b = tmp_path / "b.jsonl"
    a.write_text(json.dumps({"title": "A Study of Things", "abstract": "We study things…"}) + "\n")
    b.write_text(json.dumps({"id": "2601.00001", "title": "A study of things.",
                             "abstract": "We study things in full detail."}) + "\n")
    store = KGStore(tmp_path / "s")
    ingest_paths(store, [a], workers=1)
    ingest_paths(store, [b], workers=1)
    assert _count(store, "Paper") == 1
    ingest_paths(store, [a, b], workers=1)
    assert _count(store, "Paper") == 1


def test_broken_records_are_reported_and_skipped(tmp_path):
    f = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps({"title": "Good One", "abstract": "fine"}),
        "{not json",
        json.dumps({"abstract": "no title here"}),
        json.dumps({"title": "Good Two", "abstract": "fine too", "published": "2026-02-30"}),
        json.dumps({"title": "Good Three", "abstract": "x" * 200_000}),
        json.dumps({"title": "Good Four", "abstract": "fine"}),
    ]
    f.write_bytes(("\n".join(lines) + "\n").encode() + b"\xff\xfe bad utf8\n")
    store = KGStore(tmp_path / "s")
    report = ingest_paths(store, [f], workers=1)
    st = report.files[0]
    assert st.added == 2
    rejected_lines = sorted(r.record for r in st.rejected)
    assert rejected_lines == [2, 3, 4, 5, 7]
    assert all(r.file.endswith("mixed.jsonl") and r.reason for r in st.rejected)


def test_two_workers_give_the_same_graph(tmp_path, listings):
    s1 = KGStore(tmp_path / "one")
    ingest_paths(s1, listings, workers=1)
    s2 = KGStore(tmp_path / "two")
    ingest_paths(s2, listings, workers=2)
    assert len(s1) == len(s2)


def test_unwritable_store_path_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="not a directory"):
        KGStore(blocker / "store")


def test_missing_store_for_reading_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no store"):
        KGStore(tmp_path / "nothing", read_only=True)
