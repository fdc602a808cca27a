"""Live data: serve the newest store without a restart, one consistent snapshot per request.

A `KGHolder` keeps the current `KG` (store handle + indexes, immutable). A background
thread asks `version()` every `every` seconds; when the answer changes (and has stayed
the same for one more poll, so a running ingest is not reopened at every batch) it calls
`open_latest()` to build a whole new `KG` off to the side, warms its indexes, and only
then swaps the reference. A request takes `holder.current` once and answers from it, so
no answer mixes an old and a new view; the old snapshot is dropped when its last request
ends.

`store_version(path)` is the one place that says what "a new version" is: today a
stamp of the store directory's files (RocksDB writes new table and manifest files for
every committed write), later `kg.store_generations.current(path).id`.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from kg.query.context import KG

log = logging.getLogger("kg.live")


def _generations():
    """`kg.store_generations` (consistent snapshots published by each ingest) when it
    exists; None until then."""
    try:
        from kg import store_generations
    except ImportError:
        return None
    return store_generations if hasattr(store_generations, "current") else None


def latest_store_path(path: str | os.PathLike[str]) -> Path:
    """Where the newest consistent state of the store at `path` is read from: the
    current generation's directory once generations exist, else the store itself."""
    gens = _generations()
    if gens is not None:
        gen = gens.current(Path(path))
        if gen is not None:
            return Path(gen.path)
    return Path(path)


def store_version(path: str | os.PathLike[str]) -> str:
    """A stamp that changes whenever a committed write changes the embedded store at
    `path` (names, sizes and modification times of its files; no file is read)."""
    gens = _generations()
    if gens is not None:
        gen = gens.current(Path(path))
        if gen is not None:
            return "gen:" + str(gen.id)
    h = hashlib.sha1()
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError:
        return ""
    for e in entries:
        if e.name == "LOCK" or e.name.startswith("LOG"):
            continue  # touched by every reader that opens the store
        try:
            st = e.stat()
        except OSError:
            continue
        h.update(f"{e.name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


class KGHolder:
    """The current KG, and a poller that replaces it when the store changes."""

    def __init__(
        self,
        kg: KG,
        version: Callable[[], str] | None = None,
        open_latest: Callable[[], KG] | None = None,
        every: float = 2.0,
        on_swap: Callable[[KG, KG], None] | None = None,
    ) -> None:
        self._kg = kg
        self.version = version
        self.open_latest = open_latest
        self.every = every
        self.on_swap = on_swap
        self.swaps = 0
        self._seen = version() if version else ""
        self._pending: str | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._swap_lock = threading.Lock()

    @property
    def current(self) -> KG:
        return self._kg

    def replace(self, kg: KG) -> None:
        """Swap in a KG built elsewhere (after an update through the server itself)."""
        with self._swap_lock:
            old, self._kg = self._kg, kg
            self.swaps += 1
        if self.on_swap:
            self.on_swap(old, kg)

    def rebuild(self) -> KG:
        """Build a fresh KG now (whole, warmed) and swap it in."""
        if self.open_latest is None:
            kg = KG.over(self._kg.store, self._kg.settings, self._kg.version)
        else:
            kg = self.open_latest()
        kg.warm()
        self.replace(kg)
        return kg

    def check(self) -> bool:
        """One poll: True when a new snapshot was swapped in."""
        if self.version is None:
            return False
        now = self.version()
        if now == self._seen:
            self._pending = None
            return False
        if now != self._pending:  # changed: wait one more poll for it to settle
            self._pending = now
            return False
        t0 = time.monotonic()
        self.rebuild()
        self._seen, self._pending = now, None
        log.info("store changed: new snapshot %s in %.2f s", now, time.monotonic() - t0)
        return True

    def _run(self) -> None:
        pause = self.every
        while not self._stop.wait(pause):
            t0 = time.monotonic()
            try:
                swapped = self.check()
            except Exception as e:  # noqa: BLE001 - a failed reopen must not stop the poller
                log.warning("store check failed: %s", e)
                swapped = False
            # a rebuild costs CPU the requests need: during a long ingest, rebuild at most
            # a third of the time (and wait no more than 10 s)
            took = time.monotonic() - t0
            pause = max(self.every, min(10.0, 2 * took)) if swapped else self.every

    def start(self) -> None:
        if self.version is None or self.every <= 0 or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, daemon=True, name="kg-live")
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
