"""An ingest killed midway leaves a store that opens, and a rerun completes it exactly."""

from __future__ import annotations

import gzip
import itertools
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.ingest import BULK_JOURNAL
from kg.store import KGStore, StoreError

KG_BIN = str(Path(sys.executable).parent / "kg")


@pytest.fixture(scope="module")
def corpus_sample(tmp_path_factory, shared_dir) -> Path:
    """3,000 real arXiv records from the shared corpus."""
    out = tmp_path_factory.mktemp("faults") / "sample.jsonl"
    with (
        gzip.open(shared_dir / "corpora" / "arxiv_2025_2026-04.jsonl.gz", "rt") as fh,
        open(out, "w") as w,
    ):
        for line in itertools.islice(fh, 3000):
            w.write(line)
    return out


def _ingest(store: Path, src: Path, *extra: str) -> subprocess.Popen:
    # small batches and bulk loads (~400 papers each): many points to be killed between
    return subprocess.Popen(
        [
            KG_BIN,
            "ingest",
            "--store",
            str(store),
            "--no-extract",
            "--workers",
            "1",
            "--batch-size",
            "50",
            *extra,
            str(src),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "KG_BULK_QUADS": "20000"},
    )


def _quads(store: Path) -> set[str]:
    return {str(q) for q in KGStore(store, read_only=True).quads()}


def _kill_and_rerun(store: Path, src: Path, delay: float, *extra: str) -> bool:
    """Start an ingest, SIGKILL it after `delay` seconds (counted from the moment it starts
    writing papers: the bulk journal appears, or, transactional, the store's WAL grows),
    check the store opens, rerun. Whether the kill landed before the ingest ended."""
    proc = _ingest(store, src, *extra)
    journal = store / BULK_JOURNAL
    t0 = time.monotonic()
    while (
        "--no-bulk" not in extra
        and not journal.exists()
        and proc.poll() is None
        and time.monotonic() - t0 < 60
    ):
        time.sleep(0.01)
    time.sleep(delay)
    killed = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    # the store opens after the kill (its writer's view; readers see the last published
    # generation, or, during a first load, are told nothing is published yet)
    s = KGStore(store)
    assert len(s) >= 0
    s.close()
    try:
        KGStore(store, read_only=True).close()
    except StoreError as e:
        assert "no published version" in str(e) and "--no-bulk" not in extra
    assert _ingest(store, src).wait(timeout=600) == 0
    return killed


@pytest.mark.slow
def test_sigkill_then_rerun_gives_the_uninterrupted_quads(tmp_path, corpus_sample):
    """Kills at random points of a first (bulk) load, then of an incremental
    (transactional) one: each rerun ends with exactly the quads of an uninterrupted run."""
    ref = tmp_path / "ref"
    t0 = time.monotonic()
    assert _ingest(ref, corpus_sample).wait(timeout=600) == 0
    took = time.monotonic() - t0
    expected = _quads(ref)
    assert not (ref / BULK_JOURNAL).exists()
    # the transactional path writes the same quads
    tx = tmp_path / "tx"
    assert _ingest(tx, corpus_sample, "--no-bulk").wait(timeout=600) == 0
    assert _quads(tx) == expected
    rng = random.Random(7)
    killed = 0
    # a first load into an empty store: bulk mode, killed anywhere from its first write on
    for attempt in range(6):
        store = tmp_path / f"bulk{attempt}"
        killed += _kill_and_rerun(store, corpus_sample, rng.random() * took * 0.8)
        assert _quads(store) == expected, f"bulk attempt {attempt}"
        assert not (store / BULK_JOURNAL).exists() and not list(store.glob("bulk-*.sst"))
    assert killed >= 3, "too few kills landed inside the ingest"
    # an incremental ingest into a store that already holds papers: transactional
    head = tmp_path / "head.jsonl"
    head.write_text("".join(corpus_sample.read_text().splitlines(keepends=True)[:1000]))
    ref2 = tmp_path / "ref2"
    assert _ingest(ref2, head).wait(timeout=600) == 0
    assert _ingest(ref2, corpus_sample).wait(timeout=600) == 0
    expected2 = _quads(ref2)
    for attempt in range(3):
        store = tmp_path / f"tx{attempt}"
        assert _ingest(store, head).wait(timeout=600) == 0
        _kill_and_rerun(store, corpus_sample, 0.5 + rng.random() * took * 0.8, "--no-bulk")
        assert _quads(store) == expected2, f"transactional attempt {attempt}"


def test_validate_fails_on_a_broken_graph(tmp_path):
    # the broken paper alone: SHACL over the sample graph around it would prove no more
    # and takes ~10x the time
    store_dir = tmp_path / "s"
    runner = CliRunner()
    s = KGStore(store_dir)
    s.store.update("""PREFIX kg: <https://w3id.org/kg/ontology#>
INSERT DATA { GRAPH <https://w3id.org/kg/id/graph/broken> {
  <https://w3id.org/kg/id/paper/broken> a kg:Paper ;
      kg:hasEvaluation <https://w3id.org/kg/id/paper/broken/eval/1> .
  <https://w3id.org/kg/id/paper/broken/eval/1> a kg:Evaluation ; kg:unit "furlongs" .
} }""")
    from kg.store_generations import publish

    publish(s)  # readers (kg validate) see what was published, not the live directory
    s.close()
    r = runner.invoke(app, ["validate", "--store", str(store_dir)])
    assert r.exit_code == 1
    assert "SHACL violations" in r.output and "absolute" in r.output  # the unit shape fired
