"""`kg ingest` SIGKILLed at ten named points (kg/faults.py), extraction on, then rerun:
the store ends with exactly the quads of an uninterrupted run, no entity gains a second
skos:prefLabel, and readers (which open the published generation) see that same set.

The points cover the vocabulary write, bodies and markers of bulk loads (during a load,
from a timer thread, and between two), the last markers, optimize, the journal's removal,
publishing a generation (before the checkpoint, and between the checkpoint and the
pointer), and a transactional load of an incremental ingest. Each kill must land (the
process ends by SIGKILL), so a point that is never reached fails the test rather than
passing it silently. tests/test_faults.py kills at random times instead.
"""

from __future__ import annotations

import gzip
import itertools
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kg.ingest import BULK_JOURNAL
from kg.store import KGStore
from kg.store_generations import current

KG_BIN = str(Path(sys.executable).parent / "kg")
N_PAPERS = 300
HEAD = 100  # papers of the first ingest in the incremental case


@pytest.fixture(scope="module")
def sample(tmp_path_factory, shared_dir) -> tuple[Path, Path]:
    """(300 real corpus records, their first 100)."""
    d = tmp_path_factory.mktemp("crash")
    with gzip.open(shared_dir / "corpora" / "arxiv_2025_2026-04.jsonl.gz", "rt") as fh:
        lines = list(itertools.islice(fh, N_PAPERS))
    full, head = d / "sample.jsonl", d / "head.jsonl"
    full.write_text("".join(lines))
    head.write_text("".join(lines[:HEAD]))
    return full, head


def _ingest(store: Path, src: Path, kill_at: str | None = None) -> int:
    env = {**os.environ, "KG_BULK_QUADS": "20000"}
    env.pop("KG_KILL_AT", None)
    if kill_at:
        env["KG_KILL_AT"] = kill_at
    return subprocess.run(
        [KG_BIN, "ingest", "--store", str(store), "--workers", "1", "--batch-size", "50", str(src)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        timeout=900,
    ).returncode


def _quads(store: Path) -> set[str]:
    """The quads a reader sees: the store's current published generation."""
    s = KGStore(store, read_only=True)
    try:
        assert s.generation not in (None, "live"), "no generation published"
        return {str(q) for q in s.quads()}
    finally:
        s.close()


def _live_quads(store: Path) -> set[str]:
    s = KGStore(store)  # the writer's view, nobody else writes now
    try:
        return {str(q) for q in s.quads()}
    finally:
        s.close()


def _double_labels(quads: set[str]) -> int:
    pref = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
    subjects = [q.split(" ", 1)[0] for q in quads if f" {pref} " in q]
    return len(subjects) - len(set(subjects))


@pytest.fixture(scope="module")
def reference(sample, tmp_path_factory) -> tuple[set[str], set[str], set[str]]:
    """Quads of uninterrupted runs: a first load of the sample, and head-then-sample."""
    full, head = sample
    d = tmp_path_factory.mktemp("ref")
    assert _ingest(d / "a", full) == 0
    assert _ingest(d / "b", head) == 0
    h = _quads(d / "b")
    assert _ingest(d / "b", full) == 0
    a, b = _quads(d / "a"), _quads(d / "b")
    assert _live_quads(d / "a") == a
    return a, h, b


# (kill point, whether it is an incremental ingest into a store holding `head`)
POINTS = [
    ("vocab:1:0.05", False),  # inside the vocabulary's bulk load
    ("bulk_load:2:0.01", False),  # inside the first bulk load of paper bodies
    ("after_bulk_load:2", False),  # bodies in, their markers not yet
    ("bulk_load:3:0.02", False),  # inside a load of markers + the next bodies
    ("finish", False),  # before the last markers
    ("optimize:1:0.05", False),  # inside optimize
    ("journal", False),  # everything written, the bulk journal still there
    ("publish", False),  # before the generation's checkpoint
    ("publish_pointer", False),  # checkpoint made, CURRENT not yet switched
    ("load:2:0.005", True),  # inside a transactional load of an incremental ingest
]


@pytest.mark.slow
@pytest.mark.parametrize("point,incremental", POINTS, ids=[p for p, _ in POINTS])
def test_sigkill_at_a_point_then_rerun_is_exact(point, incremental, sample, reference, tmp_path):
    full, head = sample
    store = tmp_path / "store"
    if incremental:
        assert _ingest(store, head) == 0
    rc = _ingest(store, full, kill_at=point)
    assert rc == -signal.SIGKILL, f"the kill at {point} did not land (exit {rc})"
    if incremental:
        # readers still see the store as the first ingest left it
        assert _quads(store) == reference[1]
    else:
        # readers never see the half-written store: nothing is published yet
        with pytest.raises(Exception, match="no published version"):
            KGStore(store, read_only=True)
    assert _ingest(store, full) == 0
    expected = reference[2] if incremental else reference[0]
    got = _quads(store)
    extra, missing = got - expected, expected - got
    assert not extra and not missing, (
        f"{point}: {len(extra)} extra, {len(missing)} missing quads; e.g. "
        f"{sorted(extra)[:3]} {sorted(missing)[:3]}"
    )
    assert _double_labels(got) == _double_labels(expected)
    assert _live_quads(store) == expected
    assert not (store / BULK_JOURNAL).exists() and not list(store.glob("bulk-*.sst"))
    assert current(store).path.is_dir()
