"""Published generations of an embedded store: one consistent view for readers while
`kg ingest` writes the store from another process.

Oxigraph (RocksDB) says that opening a store read-only while another process writes it
is undefined: a reader may see some of a batch and not the rest, or see it change as it
reopens. So readers never open the live directory. Only `kg ingest` opens it
(read-write); at the end of every ingest, and after the rerun that completes a killed
one, it *publishes* a generation:

    <store>/generations/<n>/        a RocksDB checkpoint (`Store.backup`): hard links to
                                    the live store's immutable files, so cheap in time and
                                    disk on the same file system
    <store>/generations/<n>.lock    readers of generation n hold a shared flock on it
    <store>/generations/CURRENT     the id of the newest generation, replaced atomically
                                    (temporary file + os.replace)

Readers call `current(store_dir)` (or `acquire`, which also takes the lease) and open
`Generation.path` read-only: what they see is exactly the store as one ingest left it,
never a mix, until they choose to move to a newer generation. `publish` removes old
generations that no reader holds a lease on, always keeping the newest `KEEP`.

A store built before generations existed has no `generations/` directory: `current`
then gives the live directory itself (id "live"), as before. A store whose first ingest
has not finished has the directory but no CURRENT: there is nothing consistent to read
yet, and `current` raises `NoGeneration`.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

GENERATIONS = "generations"
POINTER = "CURRENT"
KEEP = 2  # generations kept whatever the leases say: the current one and the one before
LIVE = "live"


class NoGeneration(Exception):
    """The store has generations but none is published yet (its first ingest runs or was
    killed: rerun `kg ingest` to complete it)."""


@dataclass(frozen=True)
class Generation:
    id: str  # "1", "2", ... or "live" for a store without generations
    path: Path  # the directory to open read-only


def generations_dir(store_dir: str | os.PathLike[str]) -> Path:
    return Path(store_dir) / GENERATIONS


def _ids(gdir: Path) -> list[int]:
    out = []
    try:
        for p in gdir.iterdir():
            if p.is_dir() and p.name.isdigit():
                out.append(int(p.name))
    except FileNotFoundError:
        pass
    return sorted(out)


def current(store_dir: str | os.PathLike[str]) -> Generation:
    """The newest published generation of the store at `store_dir` (see the module doc)."""
    store_dir = Path(store_dir)
    gdir = generations_dir(store_dir)
    if not gdir.is_dir():
        return Generation(LIVE, store_dir)
    try:
        gid = (gdir / POINTER).read_text().strip()
    except FileNotFoundError:
        raise NoGeneration(
            f"the store at {store_dir} has no published version yet: its first `kg ingest` "
            "is running or was killed (run it again to complete it)"
        ) from None
    return Generation(gid, gdir / gid)


def version(store_dir: str | os.PathLike[str]) -> str:
    """A cheap token that changes whenever a new generation is published (one small read)."""
    try:
        return current(store_dir).id
    except NoGeneration:
        return ""


class Lease:
    """A shared lock on one generation: while held, `publish` does not delete it. Released
    by `release()`, or by the process ending."""

    def __init__(self, generation: Generation, fd: int | None) -> None:
        self.generation = generation
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            try:
                os.close(self._fd)
            finally:
                self._fd = None

    def __del__(self) -> None:  # noqa: D105
        self.release()


def acquire(store_dir: str | os.PathLike[str], retries: int = 20) -> Lease:
    """The current generation with a lease on it. A publisher may remove a generation
    between reading CURRENT and locking it: the lock is taken first, the directory checked
    after, and the pointer read again when it is gone."""
    for _ in range(retries):
        gen = current(store_dir)
        if gen.id == LIVE:
            return Lease(gen, None)
        fd = os.open(str(gen.path) + ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(fd, fcntl.LOCK_SH)
        if gen.path.is_dir():
            return Lease(gen, fd)
        os.close(fd)
        time.sleep(0.01)
    raise NoGeneration(f"no stable generation of {store_dir} after {retries} tries")


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(store, keep: int = KEEP) -> Generation:
    """Checkpoint the writable `KGStore` `store` as a new generation and point CURRENT at
    it; then remove old generations nobody holds (keeping the newest `keep`). Safe to be
    killed at any point: a half-made checkpoint is an unnamed temporary directory that the
    next publish removes, and CURRENT names a complete generation or the previous one."""
    gdir = generations_dir(store.path)
    gdir.mkdir(exist_ok=True)
    store.flush()
    ids = _ids(gdir)
    n = (ids[-1] if ids else 0) + 1
    cur = _current_id(gdir)
    if cur is not None and cur >= n:
        n = cur + 1
    tmp = gdir / f".tmp-{n}-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    from kg.faults import kill_point

    kill_point("publish")
    store.store.backup(str(tmp))
    final = gdir / str(n)
    kill_point("publish_rename")
    os.rename(tmp, final)
    _fsync_dir(gdir)
    ptmp = gdir / f".{POINTER}.{os.getpid()}"
    with open(ptmp, "w") as f:
        f.write(f"{n}\n")
        f.flush()
        os.fsync(f.fileno())
    kill_point("publish_pointer")
    os.replace(ptmp, gdir / POINTER)
    _fsync_dir(gdir)
    collect(store.path, keep=keep)
    return Generation(str(n), final)


def _current_id(gdir: Path) -> int | None:
    try:
        s = (gdir / POINTER).read_text().strip()
    except FileNotFoundError:
        return None
    return int(s) if s.isdigit() else None


def collect(store_dir: str | os.PathLike[str], keep: int = KEEP) -> list[str]:
    """Remove generations older than the newest `keep` that no reader holds, and the
    leftovers of killed publishes. Only the writer (kg ingest) calls this. Returns the
    ids removed."""
    gdir = generations_dir(store_dir)
    removed: list[str] = []
    if not gdir.is_dir():
        return removed
    for p in gdir.glob(".tmp-*"):
        shutil.rmtree(p, ignore_errors=True)
    for p in gdir.glob(f".{POINTER}.*"):
        p.unlink(missing_ok=True)
    cur = _current_id(gdir)
    ids = [i for i in _ids(gdir) if i != cur]
    for i in ids[: max(0, len(ids) - (keep - 1))]:
        path = gdir / str(i)
        lock = Path(str(path) + ".lock")
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # a reader still uses it: the next publish tries again
            shutil.rmtree(path, ignore_errors=True)
            lock.unlink(missing_ok=True)
            removed.append(str(i))
        finally:
            os.close(fd)
    return removed


def disk_usage(store_dir: str | os.PathLike[str]) -> dict[str, int]:
    """Bytes used by the live store and by its generations, each hard-linked file counted
    once (what `du` reports), for measuring what a generation costs."""
    seen: set[tuple[int, int]] = set()
    out = {"live": 0, "generations": 0}
    store_dir = Path(store_dir)
    for root, _dirs, files in os.walk(store_dir):
        kind = "generations" if Path(root).is_relative_to(generations_dir(store_dir)) else "live"
        for f in files:
            try:
                st = os.stat(os.path.join(root, f))
            except OSError:
                continue
            key = (st.st_dev, st.st_ino)
            if key in seen:
                continue
            seen.add(key)
            out[kind] += st.st_size
    return out
