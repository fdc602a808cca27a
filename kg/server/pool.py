"""A small pool of SPARQL worker processes with a hard per-query time limit.

Each request borrows an idle worker, sends it the query and waits at most `timeout`
seconds. A worker that has not answered by then is killed (SIGKILL: the query really
stops) and a replacement is started in the background, so the server keeps answering
other requests meanwhile. An update runs inside `exclusive()`: the workers are stopped
while it is written and restarted after, so they see the change (a read-only Oxigraph
store is a snapshot of when it was opened, and opening one while another process writes
is unsafe).
"""

from __future__ import annotations

import logging
import queue
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

log = logging.getLogger("kg.server.pool")
_update_procs: set = set()  # update processes running (killed when the server stops)


class PoolError(Exception):
    status = 503


class QueryTimeout(PoolError):
    pass


class PoolBusy(PoolError):
    pass


class WorkerCrashed(PoolError):
    """The worker died under the query (or was restarted for an update): retry."""


@dataclass(eq=False)
class _Worker:
    proc: Any
    conn: Any
    generation: int
    info: dict = field(default_factory=dict)
    idle_since: float = 0.0


class WorkerPool:
    def __init__(
        self,
        store_path: str,
        size: int = 2,
        isolate_network: bool = True,
        start_timeout: float = 60.0,
        max_size: int | None = None,
    ) -> None:
        self.store_path = str(store_path)
        self.size = size
        # more workers are started when every one is busy, up to max_size: a few slow
        # queries then cannot hold up the quick ones (each is still killed at its limit)
        self.max_size = max(max_size or size, size)
        self._busy = 0
        self._last_reap = 0.0
        self.isolate_network = isolate_network
        self.start_timeout = start_timeout
        self._spawn_failures = 0  # a request waiting on a start that failed answers at once
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._generation = 0
        self._started = False
        self._closed = False
        self._paused = threading.Event()
        self.last_error: str | None = None
        self.kills = 0
        self._starting = 0  # workers being started right now

    # --- life cycle -------------------------------------------------------------------
    def start(self) -> None:
        with self._lock:
            if self._started or self._closed:
                return
            self._started = True
        for _ in range(self.size):
            self._spawn_async()

    def _spawn(self) -> _Worker | None:
        # A plain subprocess (`python -m kg.server.worker FD ...`) rather than
        # multiprocessing: nothing of the parent's main module is re-imported, so the
        # pool works under uvicorn, pytest and ad-hoc scripts alike.
        a, b = socket.socketpair()
        try:
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "kg.server.worker",
                    str(b.fileno()),
                    self.store_path,
                    "1" if self.isolate_network else "0",
                ],
                pass_fds=[b.fileno()],
                stdin=subprocess.DEVNULL,
                close_fds=True,
            )
        finally:
            b.close()
        parent = Connection(a.detach())
        w = _Worker(proc, parent, self._generation)
        with self._lock:
            self._all.add(w)
        ok = False
        try:
            if parent.poll(self.start_timeout):
                msg = parent.recv()
                ok = bool(msg.get("ready"))
                w.info = msg
                if not ok:
                    self.last_error = msg.get("error")
            else:
                self.last_error = "worker did not start in time"
        except (EOFError, OSError) as e:
            self.last_error = f"worker died at start: {e}"
        if not ok:
            self._spawn_failures += 1
            log.error("SPARQL worker failed to start: %s", self.last_error)
            self._kill(w)
            return None
        return w

    def _spawn_async(self) -> None:
        def run() -> None:
            for attempt in range(5):
                while self._paused.is_set() and not self._closed:
                    time.sleep(0.02)
                if self._closed:
                    return
                w = self._spawn()
                if w is not None:
                    if self._closed or w.generation != self._generation:
                        self._kill(w)
                        if self._closed:
                            return
                        continue
                    self._idle.put(w)
                    return
                time.sleep(min(0.2 * 2**attempt, 3))

        def tracked() -> None:
            try:
                run()
            finally:
                with self._lock:
                    self._starting -= 1

        with self._lock:
            self._starting += 1
        threading.Thread(target=tracked, daemon=True, name="kg-sparql-spawn").start()

    def _kill(self, w: _Worker) -> None:
        try:
            if w.proc.poll() is None:
                w.proc.kill()
            w.proc.wait(5)
        except Exception:  # noqa: BLE001
            pass
        try:
            w.conn.close()
        except Exception:  # noqa: BLE001
            pass
        with self._lock:
            self._all.discard(w)

    def close(self) -> None:
        self._closed = True
        for proc in list(_update_procs):  # an update being written: stop it (nothing is kept)
            try:
                proc.kill()
            except OSError:
                pass
        with self._lock:
            workers = list(self._all)
        for w in workers:
            self._kill(w)

    @contextmanager
    def exclusive(self, wait: float):
        """Stop every worker for the duration (an update is being written): idle ones at
        once, busy ones when their query ends or after `wait` seconds. Replacements start
        when the block exits, so they open the store as the update left it (Oxigraph's
        read-only opening is only safe while nobody writes)."""
        with self._lock:
            self._generation += 1
            gen = self._generation
        self._paused.set()
        try:
            while True:
                try:
                    w = self._idle.get_nowait()
                except queue.Empty:
                    break
                self._kill(w)
                self._spawn_async()
            deadline = time.monotonic() + wait
            while time.monotonic() < deadline:
                with self._lock:
                    old = [w for w in self._all if w.generation != gen and w.proc.poll() is None]
                if not old:
                    break
                time.sleep(0.02)
            else:
                for w in old:  # their requests answer 503; run() starts their replacements
                    self._kill(w)
            yield
        finally:
            self._paused.clear()

    def refresh(self) -> None:
        """Replace every worker so they reopen the store (after an update), without
        stopping any query: idle workers at once, busy ones when their query ends."""
        with self._lock:
            self._generation += 1
        while True:
            try:
                w = self._idle.get_nowait()
            except queue.Empty:
                break
            self._kill(w)
            self._spawn_async()

    def status(self) -> str:
        """ "ok" (a worker is running), "starting" (the first ones are being started) or
        "unavailable" (none runs: the store cannot be opened, or they died). Workers
        found dead are replaced, so a health check also heals the pool."""
        with self._lock:
            dead = [w for w in self._all if w.proc.poll() is not None]
            starting = self._starting
        for w in dead:
            self._kill(w)
        if not self._closed and self._started:
            for _ in range(max(self.size - self.alive - starting, 0)):
                self._spawn_async()
        if self.alive > 0:
            return "ok"
        if not self._started or (starting and not self.last_error and self.kills == 0):
            return "starting"
        return "unavailable"

    def recycle(self) -> None:
        """Replace every worker (so they reopen the store)."""
        with self.exclusive(0):
            pass

    @property
    def generation(self) -> int:
        """Goes up whenever the workers are to reopen the store (an update, a new
        generation): answers made under one value are all from the same store."""
        return self._generation

    @property
    def idle(self) -> int:
        """Workers waiting for a query right now."""
        return self._idle.qsize()

    @property
    def alive(self) -> int:
        """Workers running and ready (started ones that have opened the store)."""
        with self._lock:
            return sum(1 for w in self._all if w.info.get("ready") and w.proc.poll() is None)

    def worker_pids(self) -> list[int]:
        with self._lock:
            return [w.proc.pid for w in self._all if w.proc.poll() is None]

    # --- running ----------------------------------------------------------------------
    def _retire_surplus(self, after: float = 30.0) -> None:
        """Workers started for a burst are stopped once more than `size` have been idle
        for `after` seconds (checked at most once a second)."""
        now = time.monotonic()
        if now - self._last_reap < 1.0 or len(self._all) <= self.size:
            return
        self._last_reap = now
        keep, retire = [], []
        while True:
            try:
                w = self._idle.get_nowait()
            except queue.Empty:
                break
            keep.append(w)
        keep.sort(key=lambda w: w.idle_since, reverse=True)  # the most recently used first
        for i, w in enumerate(keep):
            if i >= self.size and now - w.idle_since > after:
                retire.append(w)
            else:
                self._idle.put(w)
        for w in retire:
            self._kill(w)

    def _release(self, w: _Worker) -> None:
        if self._closed:
            self._kill(w)
        elif w.generation != self._generation or w.proc.poll() is not None:
            self._kill(w)
            self._spawn_async()
        else:
            w.idle_since = time.monotonic()
            self._idle.put(w)
            self._retire_surplus()

    def run(self, request: dict[str, Any], timeout: float) -> dict[str, Any]:
        """Run one request in a worker; raises QueryTimeout, PoolBusy or WorkerCrashed."""
        self.start()
        wait = max(timeout, 1.0)
        with self._lock:
            starting = self._starting
        if self._idle.empty() and not starting and self.alive < self.max_size:
            self._spawn_async()  # all busy: start one more rather than wait for a slow query
            starting = 1
        if starting and self._idle.empty():
            # workers are still starting (first request, or after a kill): their start-up
            # is not the query's time, so allow for it
            wait = max(wait, self.start_timeout)
        deadline = time.monotonic() + wait
        failures = self._spawn_failures
        while True:
            left = deadline - time.monotonic()
            try:
                w = self._idle.get(timeout=min(max(left, 0.01), 0.25))
            except queue.Empty:
                failed = self._spawn_failures > failures and self.alive == 0
                if left > 0.25 and not failed:
                    continue
                if self.last_error and self.alive == 0:
                    log.error("no SPARQL worker is running: %s", self.last_error)
                    raise PoolBusy(
                        "no SPARQL worker is running (the store could not be opened; "
                        "see the server log)"
                    ) from None
                raise PoolBusy(f"no SPARQL worker free within {timeout:g} s") from None
            if w.generation == self._generation and w.proc.poll() is None:
                break
            self._kill(w)
            self._spawn_async()
        with self._lock:
            self._busy += 1
            grow = (
                self._idle.empty()
                and self._starting == 0
                and len(self._all) < self.max_size
                and not self._closed
            )
        if grow:  # keep one worker ready for the next request while this one is busy
            self._spawn_async()
        try:
            return self._run_on(w, request, timeout)
        finally:
            with self._lock:
                self._busy -= 1

    async def run_async(self, request: dict[str, Any], timeout: float) -> dict[str, Any] | None:
        """`run` without leaving the event loop, when a worker is idle right now (None
        when none is: then call `run` in a thread, which waits for one or starts one).
        Why: the thread hop and its wake-ups cost more CPU than the pipe round trip itself
        (docs/benchmarks.md, "SPARQL and API throughput"). The same time limit holds: the
        worker is killed when it has not answered in `timeout` seconds, or when the
        request is cancelled while it runs."""
        import asyncio

        self.start()
        try:
            w = self._idle.get_nowait()
        except queue.Empty:
            return None
        if w.generation != self._generation or w.proc.poll() is not None:
            self._idle.put(w)  # `run` retires it and takes or starts another
            return None
        with self._lock:
            self._busy += 1
            grow = (
                self._idle.empty()
                and self._starting == 0
                and len(self._all) < self.max_size
                and not self._closed
            )
        if grow:
            self._spawn_async()
        loop = asyncio.get_running_loop()

        def replace() -> None:
            self._kill(w)
            self._spawn_async()

        try:
            try:
                w.conn.send(request)
            except (OSError, EOFError, BrokenPipeError) as e:
                await loop.run_in_executor(None, replace)
                raise WorkerCrashed(f"SPARQL worker failed: {e}") from None
            answered = loop.create_future()
            fd = w.conn.fileno()

            def readable() -> None:
                if not answered.done():
                    answered.set_result(None)

            loop.add_reader(fd, readable)
            try:
                await asyncio.wait_for(answered, timeout)
            except TimeoutError:
                self.kills += 1
                await loop.run_in_executor(None, replace)
                raise QueryTimeout(f"query stopped after the {timeout:g} s time limit") from None
            except BaseException:  # cancelled: its answer would be read by the next query
                loop.run_in_executor(None, replace)
                raise
            finally:
                loop.remove_reader(fd)
            try:
                resp = w.conn.recv()  # whole: a worker writes its answer in one go
            except (EOFError, OSError) as e:
                await loop.run_in_executor(None, replace)
                raise WorkerCrashed(f"SPARQL worker died while answering: {e}") from None
            if resp.get("status") == 500:  # an I/O or internal error: not trusted again
                await loop.run_in_executor(None, replace)
            else:
                self._release(w)
            return resp
        finally:
            with self._lock:
                self._busy -= 1

    def _run_on(self, w: _Worker, request: dict[str, Any], timeout: float) -> dict[str, Any]:
        try:
            w.conn.send(request)
            ready = w.conn.poll(timeout)
        except (OSError, EOFError, BrokenPipeError) as e:
            self._kill(w)
            self._spawn_async()
            raise WorkerCrashed(f"SPARQL worker failed: {e}") from None
        if not ready:
            self.kills += 1
            self._kill(w)
            self._spawn_async()
            raise QueryTimeout(f"query stopped after the {timeout:g} s time limit")
        try:
            resp = w.conn.recv()
        except (EOFError, OSError) as e:
            self._kill(w)
            self._spawn_async()
            raise WorkerCrashed(f"SPARQL worker died while answering: {e}") from None
        if resp.get("status") == 500:  # an I/O or internal error: do not trust this worker again
            self._kill(w)
            self._spawn_async()
        else:
            self._release(w)
        return resp


def run_update(store_path: str, text: str, timeout: float, isolate_network: bool = True) -> dict:
    """Run one SPARQL update in a child process that opens the store read-write; kill it
    at `timeout` seconds (QueryTimeout: nothing was written, the update being one
    transaction). The caller must not hold the store open read-write itself."""
    a, b = socket.socketpair()
    try:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kg.server.worker",
                "--update",
                str(b.fileno()),
                str(store_path),
                "1" if isolate_network else "0",
            ],
            pass_fds=[b.fileno()],
            stdin=subprocess.DEVNULL,
            close_fds=True,
        )
    finally:
        b.close()
    conn = Connection(a.detach())
    _update_procs.add(proc)
    done = False
    try:
        # the child's start (imports, opening the store) is not the update's time
        if not conn.poll(60):
            raise WorkerCrashed("the update process did not start")
        first = conn.recv()
        if not first.get("ready"):
            log.error("update process: %s", first.get("error"))
            raise WorkerCrashed("the store could not be opened for the update (see the log)")
        t0 = time.monotonic()
        conn.send(text)
        if not conn.poll(timeout):
            raise QueryTimeout(
                f"update stopped after the {timeout:g} s time limit; nothing was written"
            )
        resp = conn.recv()
        done = True
        log.info("update took %.3f s", time.monotonic() - t0)
        return resp
    except (EOFError, OSError) as e:
        raise WorkerCrashed(f"the update process failed: {e}") from None
    finally:
        if done:  # it closed the store before answering: let it exit by itself
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                pass
        if proc.poll() is None:
            proc.kill()
        proc.wait(10)
        _update_procs.discard(proc)
        conn.close()
