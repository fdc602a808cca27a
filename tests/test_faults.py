"""An ingest killed midway leaves a store that opens, and a rerun completes it exactly."""

from __future__ import annotations

import gzip
import itertools
import json
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
from kg.store import KGStore

KG_BIN = str(Path(sys.executable).parent / "kg")


@pytest.fixture(scope="module")
def corpus_sample(tmp_path_factory, shared_dir) -> Path:
    """3,000 real arXiv records from the shared corpus."""
    out = tmp_path_factory.mktemp("faults") / "sample.jsonl"
    with gzip.open(shared_dir / "corpora" / "arxiv_2025_2026-04.jsonl.gz", "rt") as fh, open(out, "w") as w:
        for line in itertools.islice(fh, 3000):
            w.write(line)
    return out


def _ingest(store: Path, src: Path) -> subprocess.Popen:
    return subprocess.Popen([KG_BIN, "ingest", "--store", str(store), "--no-extract", "--workers", "1",
                             "--batch-size", "100", str(src)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.mark.slow
def test_sigkill_then_rerun_gives_the_uninterrupted_quad_count(tmp_path, corpus_sample):
    ref = tmp_path / "ref"
    assert _ingest(ref, corpus_sample).wait(timeout=600) == 0
    expected = len(KGStore(ref, read_only=True))
    rng = random.Random(7)
    for attempt in range(3):
        store = tmp_path / f"killed{attempt}"
        proc = _ingest(store, corpus_sample)
        time.sleep(2.0 + rng.random() * 4.0)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        partial = len(KGStore(store, read_only=True))  # opens after the kill
        assert partial <= expected
        assert _ingest(store, corpus_sample).wait(timeout=600) == 0
        assert len(KGStore(store, read_only=True)) == expected


def test_validate_fails_on_a_broken_graph(tmp_path, listings):
    store_dir = tmp_path / "s"
    runner = CliRunner()
    r = runner.invoke(app, ["ingest", "--store", str(store_dir), "--workers", "1", str(listings[0])])
    assert r.exit_code == 0
    s = KGStore(store_dir)
    s.store.update("""PREFIX kg: <https://w3id.org/kg/ontology#>
INSERT DATA { GRAPH <https://w3id.org/kg/id/graph/broken> {
  <https://w3id.org/kg/id/paper/broken> a kg:Paper ; kg:hasEvaluation <https://w3id.org/kg/id/paper/broken/eval/1> .
  <https://w3id.org/kg/id/paper/broken/eval/1> a kg:Evaluation ; kg:unit "furlongs" .
} }""")
    del s
    r = runner.invoke(app, ["validate", "--store", str(store_dir)])
    assert r.exit_code == 1
    assert "SHACL violations" in r.output and "absolute" in r.output  # the unit shape fired
