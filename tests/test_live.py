"""Live data (issue #17, item 5): a running server serves papers `kg ingest` wrote from
another process within seconds, without a restart, one consistent snapshot per request."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from test_query_layer import build

NEW = {
    "id": "2612.99999",
    "title": "Zyzzyvan adapters for sparse reasoning",
    "abstract": "We propose Zyzzyvan adapters and evaluate them on GSM8K.",
    "authors": ["A. Tester"],
    "categories": ["cs.LG"],
    "published": "2026-12-01",
}


def ingest_in_another_process(store: Path, tmp: Path) -> subprocess.Popen:
    listing = tmp / "new.jsonl"
    listing.write_text(json.dumps(NEW) + "\n", encoding="utf-8")
    return subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "ingest", "--store", str(store), "--workers", "1",
         "--no-bulk", str(listing)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )  # fmt: skip


def test_holder_swaps_in_a_whole_new_snapshot(tmp_path):
    from kg.query import KG, open_kg
    from kg.query.live import KGHolder, store_version

    store = build(tmp_path / "store")
    first = open_kg(store).warm()
    holder = KGHolder(
        first,
        version=lambda: store_version(store),
        open_latest=lambda: KG.over(open_kg(store).store),
        every=0.3,
    )
    holder.start()
    try:
        old = holder.current
        proc = ingest_in_another_process(store, tmp_path)
        out = proc.communicate(timeout=240)[0].decode()
        assert proc.returncode == 0, out
        key = "https://w3id.org/kg/id/paper/" + NEW["id"]
        t0 = time.monotonic()
        while time.monotonic() - t0 < 40:
            if holder.current.papers.get(key) is not None:
                break
            time.sleep(0.1)
        seen = time.monotonic() - t0
        new = holder.current
        assert new.papers.get(key) is not None, sorted(new.papers.papers)
        assert seen < 30, seen  # seconds (a loaded CI box: the rebuild itself takes seconds)
        # the new snapshot is whole (index built with it); the old one still answers as before
        assert new is not old and new.ready
        assert old.papers.get(key) is None
    finally:
        holder.stop()


def test_running_server_serves_a_new_ingest(tmp_path):
    from fastapi.testclient import TestClient

    from kg.server import Settings, create_app
    from kg.store_open import open_store

    store = build(tmp_path / "store")
    # as `kg serve` does: the app gets an opened store, and still follows the directory
    opened = open_store(str(store), read_only=True, create=False)
    app = create_app(opened, Settings(workers=1, live_s=0.5))
    try:
        with TestClient(app) as c:
            q = {"q": "zyzzyvan"}
            assert c.get("/api/papers", params=q).json()["total"] == 0
            proc = ingest_in_another_process(store, tmp_path)
            out = proc.communicate(timeout=240)[0].decode()
            assert proc.returncode == 0, out
            t0 = time.monotonic()
            while time.monotonic() - t0 < 40:
                if c.get("/api/papers", params=q).json()["total"] == 1:
                    break
                time.sleep(0.2)
            assert c.get("/api/papers", params=q).json()["total"] == 1
            assert time.monotonic() - t0 < 30
            assert c.get(f"/api/papers/{NEW['id']}").status_code == 200
    finally:
        app.state.pool.close()
