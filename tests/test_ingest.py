"""Ingest into a real on-disk store: counts, identity and merge, idempotence, rejects."""

from __future__ import annotations

import json

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
    rec = {
        "id": "2606.09940v2",
        "title": "Interactions Between Crosscoder Features: A Compact Proofs Perspective",
        "abstract": "Dictionary learning methods like Sparse Autoencoders (SAEs) explain models.",
        "authors": ["Dmitry Manning-Coe"],
        "categories": ["cs.LG", "stat.ML"],
        "comment": None,
        "update_date": "2026-06-11",
    }
    extra = tmp_path / "extra.jsonl"
    extra.write_text(json.dumps(rec) + "\n")
    store = KGStore(tmp_path / "s")
    ingest_paths(store, [arxivdaily], workers=1)
    assert _count(store, "Paper") == 30
    report = ingest_paths(store, [extra], workers=1)
    assert report.files[0].updated == 1
    assert _count(store, "Paper") == 30
    q = f"""SELECT ?c WHERE {{ <https://w3id.org/kg/id/paper/2606.09940> <{KG}category> ?cat .
            ?cat <http://www.w3.org/2000/01/rdf-schema#label>\
|<http://www.w3.org/2004/02/skos/core#notation> ?c }}"""
    cats = {r["c"].value for r in store.query(q)}
    assert {"cs.LG", "cs.AI", "stat.ML"} <= cats


def test_title_only_record_merges_with_arxiv_record(tmp_path):
    a = tmp_path / "a.jsonl"
    b = tmp_path / "b.jsonl"
    a.write_text(json.dumps({"title": "A Study of Things", "abstract": "We study things…"}) + "\n")
    b.write_text(
        json.dumps(
            {
                "id": "2601.00001",
                "title": "A study of things.",
                "abstract": "We study things in full detail.",
            }
        )
        + "\n"
    )
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


def _discovered(store: KGStore) -> set[str]:
    """The quads of the entities no vocabulary holds (found in the papers' text)."""
    q = f"SELECT ?e ?p ?o WHERE {{ GRAPH ?g {{ ?e <{KG}inVocabulary> false ; ?p ?o }} }}"
    return {f"{r['e']} {r['p']} {r['o']}" for r in store.query(q)}


def test_discovered_entities_reach_every_store(tmp_path, listings):
    """Workers send each discovered entity's quads once (the first paper that has it);
    every ingest, in-process or with a pool, one after another in the same process, must
    still write every one of them."""
    found = []
    for name, workers in (("a", 1), ("b", 1), ("c", 2)):
        store = KGStore(tmp_path / name)
        ingest_paths(store, listings, workers=workers)
        found.append(_discovered(store))
    assert len(found[0]) > 100
    assert found[0] == found[1] == found[2]


def test_unwritable_store_path_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="not a directory"):
        KGStore(blocker / "store")


def test_missing_store_for_reading_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no store"):
        KGStore(tmp_path / "nothing", read_only=True)


def _quad_set(store: KGStore) -> set[str]:
    return {str(q) for q in store.quads()}


def test_first_load_is_bulk_then_transactional_same_quads(tmp_path, listings):
    """An empty store is filled with the bulk loader, a later ingest writes transactionally,
    and both paths give exactly the quads of an all-transactional ingest."""
    from kg.ingest import BULK_JOURNAL

    bulk = KGStore(tmp_path / "bulk")
    first = ingest_paths(bulk, listings[:1], workers=1, bulk_quads=2_000)  # several bulk loads
    assert first.bulk and not (bulk.path / BULK_JOURNAL).exists()
    second = ingest_paths(bulk, listings, workers=1)
    assert not second.bulk
    tx = KGStore(tmp_path / "tx")
    ingest_paths(tx, listings[:1], workers=1, bulk=False)
    report = ingest_paths(tx, listings, workers=1, bulk=False)
    assert not report.bulk
    assert _quad_set(bulk) == _quad_set(tx)


def test_rerun_after_a_killed_bulk_load_rewrites_half_written_papers(tmp_path, listings):
    """What a SIGKILL during a bulk load leaves — graphs without their kg:record marker (some
    only partly written, one holding a quad the paper no longer has), the journal, a sorted
    file never ingested — is completed by the rerun to exactly the uninterrupted quads."""
    from kg.ingest import BULK_JOURNAL

    ref = KGStore(tmp_path / "ref")
    ingest_paths(ref, listings, workers=1)
    expected = _quad_set(ref)
    lines = [str(q) + " .\n" for q in ref.quads() if "/graph/paper/" in str(q.graph_name)]
    graphs = sorted({ln.rsplit(" ", 2)[-2] for ln in lines})[:40]
    body = [ln for ln in lines if ln.rsplit(" ", 2)[-2] in graphs and f"{KG}record>" not in ln]
    body = body[: len(body) * 3 // 4]  # the last graphs only partly there
    paper = graphs[0].replace("/graph/paper/", "/paper/")
    body.append(f'{paper} <{KG}comment> "a stale version" {graphs[0]} .\n')
    killed = KGStore(tmp_path / "killed")
    killed.bulk_load_nquads("".join(body).encode())
    (killed.path / BULK_JOURNAL).write_text("{}")
    (killed.path / "bulk-123.sst").write_bytes(b"junk")
    report = ingest_paths(killed, listings, workers=1, bulk_quads=3_000)
    assert report.bulk  # the journal says: carry on in bulk mode
    assert _quad_set(killed) == expected
    assert sum(f.added for f in report.files) == 209
    assert not (killed.path / BULK_JOURNAL).exists() and not (killed.path / "bulk-123.sst").exists()


def test_no_mention_nodes_keeps_edges_and_facts(tmp_path, listings):
    full = KGStore(tmp_path / "full")
    ingest_paths(full, listings[:1], workers=1)
    lean = KGStore(tmp_path / "lean")
    ingest_paths(lean, listings[:1], workers=1, mention_nodes=False)

    def n(store, pattern):
        q = f"PREFIX kg: <{KG}> SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"
        return int(next(iter(store.query(q)))["n"].value)

    assert n(full, "?s kg:hasMention ?m") > 0 and n(lean, "?s kg:hasMention ?m") == 0
    for pattern in (
        "?p kg:mentions ?e",
        "?p kg:hasEvaluation ?e . ?e kg:evidence/kg:text ?t",
        "?p kg:hasProposal ?x . ?x kg:evidence ?s ; kg:startOffset ?o ; kg:confidence ?c",
    ):
        assert n(lean, pattern) == n(full, pattern) > 0, pattern
    assert len(lean) < len(full)


def test_progress_by_bytes_and_papers(tmp_path, listings):
    seen = []
    ingest_paths(
        KGStore(tmp_path / "s"),
        listings,
        workers=1,
        progress=lambda p: seen.append((p.records, p.papers, p.quads, p.bytes_read, p.bytes_total)),
    )
    total = sum(p.stat().st_size for p in listings)
    assert seen[-1][1] == 209 and seen[-1][3] == seen[-1][4] == total and seen[-1][2] > 0
    reads = [s[3] for s in seen]
    assert reads == sorted(reads)


def test_bulk_mode_merges_duplicates_across_batches(tmp_path):
    """Bulk mode writes papers before the store shows them as stored (buffered, or loaded
    with the marker still to come): a later record of the same paper, by id or by title,
    must still find and merge into it, exactly as the transactional path does."""
    recs = [
        {
            "id": f"2601.{i:05d}",
            "title": f"Paper number {i}",
            "abstract": f"Abstract {i}.",
            "categories": ["cs.LG"],
        }
        for i in range(1, 301)
    ]
    recs += [
        {
            "id": f"2601.{i:05d}",
            "title": f"Paper number {i}",
            "abstract": f"Abstract {i}.",
            "categories": ["cs.AI"],
        }
        for i in range(1, 301, 7)
    ]  # same ids, a new category
    recs += [
        {"title": f"Paper number {i}.", "abstract": f"Abstract {i}, longer."}
        for i in range(2, 301, 11)
    ]
    recs += [{"title": f"Only a title {i}", "abstract": "No id yet."} for i in range(20)]
    recs += [
        {"id": f"2602.{i:05d}", "title": f"Only a title {i}", "abstract": "No id yet."}
        for i in range(0, 20, 3)
    ]
    f = tmp_path / "dups.jsonl"
    f.write_text("".join(json.dumps(r) + "\n" for r in recs))
    results = {}
    for mode, kw in {"bulk": dict(bulk=True, bulk_quads=1_500), "tx": dict(bulk=False)}.items():
        store = KGStore(tmp_path / mode)
        report = ingest_paths(store, [f], workers=1, extract=False, batch_size=40, **kw)
        assert report.bulk == (mode == "bulk")
        results[mode] = (
            _quad_set(store),
            [(x.added, x.updated, x.unchanged) for x in report.files],
        )
    assert results["bulk"] == results["tx"]
    assert _count(KGStore(tmp_path / "bulk", read_only=True), "Paper") == 300 + 20


def test_workers_are_recycled_without_changing_results(listings):
    """Workers are replaced every `recycle_after` papers (bounded memory over 1M papers);
    the results are those of one in-process worker, in order."""
    from kg.models import Paper
    from kg.readers import read_path
    from kg.workers import PaperProcessor

    papers = [p for p in read_path(listings[2]) if isinstance(p, Paper)]
    assert len(papers) > 100
    one = PaperProcessor(workers=1, extract=False).submit(papers).get()
    pool = PaperProcessor(workers=2, extract=False, recycle_after=32)
    try:
        two = pool.submit(papers).get()
    finally:
        pool.close()
    assert two == one


def _union_rows(store: KGStore) -> list[tuple[str, str, str]]:
    """Every row of `SELECT ?s ?p ?o WHERE { ?s ?p ?o }` over the union default graph."""
    q = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    return [(str(r["s"]), str(r["p"]), str(r["o"])) for r in store.query(q)]


@pytest.mark.parametrize("bulk", [True, False])
def test_union_default_graph_has_no_duplicate_rows(tmp_path, bulk):
    """Issue #18: the default graph is the union of the named graphs, which Oxigraph
    matches once per graph holding a triple. What several papers state alike (an author's
    name, a category's notation) lives once in the shared graph, so a multi-paper store
    answers `SELECT ?s ?p ?o` with no row twice: after a first load (bulk or not), after an
    incremental ingest, and after a changed paper is replaced."""
    from collections import Counter

    from kg.namespaces import RDFS, SHARED_GRAPH, SKOS, author_iri, category_iri

    authors = ["Ada Lovelace", "Alan Turing", "Grace Hopper"]
    recs = [
        {
            "id": f"2601.{i:05d}",
            "title": f"Shared authors paper {i}",
            "abstract": f"We fine-tune Llama 3 on MMLU, variant {i}.",
            "authors": [authors[i % 3], authors[(i + 1) % 3]],
            "categories": ["cs.LG", "cs.CL"] if i % 2 else ["cs.LG"],
        }
        for i in range(1, 13)
    ]
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text("".join(json.dumps(r) + "\n" for r in recs[:8]))
    changed = dict(recs[0], authors=["Ada Lovelace", "Edsger Dijkstra"], categories=["cs.AI"])
    b.write_text("".join(json.dumps(r) + "\n" for r in [*recs[8:], changed]))
    store = KGStore(tmp_path / "s")
    first = ingest_paths(store, [a], workers=1, bulk=bulk, bulk_quads=300, batch_size=3)
    assert first.bulk == bulk
    for step in ("first load", "incremental and replaced"):
        rows = _union_rows(store)
        repeated = {t: n for t, n in Counter(rows).items() if n > 1}
        assert rows and not repeated, (step, list(repeated.items())[:5])
        if step == "first load":
            report = ingest_paths(store, [b], workers=1, bulk=False, batch_size=3)
            assert sum(f.updated for f in report.files) == 1
    assert _count(store, "Paper") == 12
    # each shared statement once, in the shared graph only
    ada = author_iri("Ada Lovelace")
    held = [q.graph_name for q in store.store.quads_for_pattern(ada, RDFS.label, None, None)]
    assert held == [SHARED_GRAPH]
    lg = category_iri("cs.LG")
    assert [q.graph_name for q in store.store.quads_for_pattern(lg, SKOS.notation, None, None)] == [
        SHARED_GRAPH
    ]
    q = f"""SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }}
        FILTER(?p IN (<{RDFS.label.value}>, <{SKOS.notation.value}>))
        FILTER(STRSTARTS(STR(?g), "https://w3id.org/kg/id/graph/paper/")) }}"""
    n = next(iter(store.query(q, use_default_graph_as_union=False)))["n"].value
    assert n == "0"  # no paper graph states a name or a notation
    # the replaced paper (merged: its authors kept, a category gained) reads whole over the
    # union: its names and notations from the shared graph, each once
    p1 = "<https://w3id.org/kg/id/paper/2601.00001>"
    q = f"SELECT ?name WHERE {{ {p1} <{KG}hasAuthorship>/<{KG}author>/<{RDFS.label.value}> ?name }}"
    assert sorted(r["name"].value for r in store.query(q)) == ["Alan Turing", "Grace Hopper"]
    q = f"SELECT ?c WHERE {{ {p1} <{KG}category>/<{SKOS.notation.value}> ?c }}"
    assert sorted(r["c"].value for r in store.query(q)) == ["cs.AI", "cs.CL", "cs.LG"]


def test_seed_listings_union_has_no_duplicate_rows(seed_store):
    """The 209 seed papers (several share categories and authors): no union row twice."""
    from collections import Counter

    rows = _union_rows(seed_store)
    assert len(rows) > 50_000
    assert max(Counter(rows).values()) == 1
