"""Readers querying a store while an ingest replaces its papers see each paper whole:
the old version or the new one, never a mix and never half.

One process, one embedded `KGStore`: a writer thread ingests two new versions of every
paper (`ingest_paths`, small batches, so many transactions), while reader threads query
the same store object over and over. Each snapshot a reader takes (one SPARQL query
returning every quad of every paper graph) must show each paper graph exactly as one of
the versions a sequential ingest produces (taken from a reference store), a paper whose
key changes (a title-only record that gains an arXiv id: old graph dropped, new one
written) in exactly one graph, papers added by the ingest whole or not at all, and no
paper going back to an older version.
"""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict
from pathlib import Path

from kg.ingest import ingest_paths
from kg.models import title_key
from kg.namespaces import paper_graph
from kg.store import KGStore

N_PAPERS = 120  # with an arXiv id from the start
N_TITLE_ONLY = 15  # no id in v1, an id from v2 on (their graph changes name)
N_NEW = 25  # only in v3: added while the readers read
BATCH = 7
READERS = 2

PAPER_GRAPHS = "https://w3id.org/kg/id/graph/paper/"
ALL_PAPER_QUADS = f"""SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }}
    FILTER(STRSTARTS(STR(?g), "{PAPER_GRAPHS}")) }}"""

Snapshot = dict[str, frozenset]  # paper graph IRI -> its quads (as N-Triples-ish tuples)


def _records(version: int) -> list[dict]:
    """Version 1, 2 or 3 of the listing; each version makes every paper's record grow
    (a longer abstract, one more category), so the merge rewrites every paper graph."""
    cats = ["cs.LG", "cs.AI", "cs.CL"][:version]
    out = []
    for i in range(1, N_PAPERS + 1):
        out.append(
            {
                "id": f"2501.{i:05d}",
                "title": f"Paper {i}",
                "categories": cats,
                "abstract": f"Version {version} of the abstract of paper {i}. "
                + "More text. " * version,
                "authors": [f"Author {i}", f"Coauthor {i % 7}"],
            }
        )
    for i in range(1, N_TITLE_ONLY + 1):
        r = {
            "title": f"Title-only paper {i}",
            "categories": cats,
            "abstract": f"Version {version} of a paper first listed without an id. "
            + "More. " * version,
        }
        if version > 1:
            r["id"] = f"2502.{i:05d}"
        out.append(r)
    if version == 3:
        for i in range(1, N_NEW + 1):
            out.append(
                {
                    "id": f"2503.{i:05d}",
                    "title": f"New paper {i}",
                    "abstract": f"Added in v3 ({i}).",
                    "categories": cats,
                }
            )
    return out


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def _snapshot(store: KGStore) -> Snapshot:
    """Every paper graph's quads, from one query (one consistent view of the store)."""
    graphs: dict[str, set] = defaultdict(set)
    for row in store.query(ALL_PAPER_QUADS, use_default_graph_as_union=False):
        graphs[row["g"].value].add((str(row["s"]), str(row["p"]), str(row["o"])))
    return {g: frozenset(q) for g, q in graphs.items()}


def _reference(tmp: Path, files: list[Path]) -> list[Snapshot]:
    """The store after each version, ingested one after the other with nobody reading."""
    store = KGStore(tmp / "reference")
    states = []
    for f in files:
        ingest_paths(store, [f], extract=False, batch_size=BATCH)
        states.append(_snapshot(store))
    return states


def test_readers_see_whole_papers_during_an_ingest(tmp_path):
    files = [_write(tmp_path / f"v{v}.jsonl", _records(v)) for v in (1, 2, 3)]
    versions = _reference(tmp_path, files)
    v1, v2, v3 = versions
    assert len(v1) == N_PAPERS + N_TITLE_ONLY and len(v3) == N_PAPERS + N_TITLE_ONLY + N_NEW
    # each paper graph of each version differs from its other versions: a mix is detectable
    for g in v1:
        if g in v2:
            assert v1[g] != v2[g] != v3[g]
    # which version a graph's quad set is, by graph
    known: dict[str, dict[frozenset, int]] = defaultdict(dict)
    for n, state in enumerate(versions, start=1):
        for g, quads in state.items():
            known[g][quads] = n
    # title-only papers: the graph under the title key (v1), then under the arXiv id
    renamed = [
        (paper_graph(title_key(f"Title-only paper {i}")).value, paper_graph(f"2502.{i:05d}").value)
        for i in range(1, N_TITLE_ONLY + 1)
    ]
    new = {paper_graph(f"2503.{i:05d}").value for i in range(1, N_NEW + 1)}
    for old_g, new_g in renamed:
        assert old_g in v1 and old_g not in v2 and new_g in v2 and new_g not in v1

    # The store under test holds v1 before the writer starts, so the ingest goes through
    # the transactional write path (one load per batch for new papers, one DROP+INSERT
    # update per batch for changed ones); a bulk load that skips transactions may be used
    # on an empty store only, which this test never gives the writer.
    store = KGStore(tmp_path / "store")
    ingest_paths(store, [files[0]], extract=False, batch_size=BATCH)
    assert _snapshot(store) == v1

    done = threading.Event()
    errors: list[str] = []
    stats = defaultdict(int)

    def writer() -> None:
        try:
            for f in files[1:]:
                # a short sleep per record read hands the GIL to the readers throughout
                ingest_paths(
                    store,
                    [f],
                    extract=False,
                    batch_size=BATCH,
                    on_record=lambda: time.sleep(0.0005),
                )
        except BaseException as e:  # noqa: BLE001 - reported by the test thread
            errors.append(f"writer: {type(e).__name__}: {e}")
        finally:
            done.set()

    def reader(n: int) -> None:
        seen_version: dict[str, int] = {}
        try:
            while True:
                last = done.is_set()
                snap = _snapshot(store)
                stats["snapshots"] += 1
                versions_in_snap = set()
                for g, quads in snap.items():
                    version = known.get(g, {}).get(quads)
                    if version is None:
                        errors.append(
                            f"reader {n}: graph {g} is none of its versions ({len(quads)} quads: "
                            f"expected one of {sorted(len(q) for q in known.get(g, {}))})"
                        )
                        continue
                    if version < seen_version.get(g, 0):
                        errors.append(
                            f"reader {n}: graph {g} went back from v{seen_version[g]} to v{version}"
                        )
                    seen_version[g] = version
                    versions_in_snap.add(version)
                for old_g, new_g in renamed:
                    if (old_g in snap) == (new_g in snap):
                        errors.append(
                            f"reader {n}: a renamed paper is in "
                            f"{'both' if old_g in snap else 'neither'} "
                            f"of {old_g} and {new_g}"
                        )
                missing = [g for g in v1 if g not in snap and g not in dict(renamed)]
                if missing:
                    errors.append(f"reader {n}: papers vanished: {missing[:3]}")
                if len(versions_in_snap) > 1:
                    stats["mixed"] += 1  # taken while the ingest was half way: the interesting case
                if new & snap.keys() and new - snap.keys():
                    stats["partly_added"] += 1
                if errors or last:
                    return
        except BaseException as e:  # noqa: BLE001
            errors.append(f"reader {n}: {type(e).__name__}: {e}")

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(READERS)]
    threads.append(threading.Thread(target=writer))
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not any(t.is_alive() for t in threads), "a thread hung"
    assert not errors, "\n".join(errors[:10])
    assert _snapshot(store) == v3
    # the readers did read while the writer wrote (not only before or after it)
    assert stats["mixed"] > 0, dict(stats)
