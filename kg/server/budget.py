"""Time limits for the queries of /api/*, canned queries and /api/export.

pyoxigraph cannot stop a running query, so a limit that really holds runs the work in a
process that can be killed:

* `run_query(app, sparql)`: one SELECT / ASK / CONSTRUCT of the REST API or of a canned
  query, run by the SPARQL worker pool (`kg.server.pool`) with `settings.api_limit`
  seconds; the answer comes back as pyoxigraph terms. Raises `PoolError` (503) at the
  limit: the worker is killed and replaced, other requests go on.
* `run_with_deadline(target, kwargs, timeout, max_file_bytes)`: any module-level
  function (named "module:function") run in a fresh child process, killed at `timeout`
  seconds (`DeadlineExceeded`, 503); the files it writes are capped at `max_file_bytes`
  by the kernel (RLIMIT_FSIZE; `OutputTooLarge`, 413). /api/export builds its file so.

Without a worker pool (the CLI, a remote store whose server applies its own limits) the
query runs in this process as before.
"""

from __future__ import annotations

import pickle
import socket
import subprocess
import sys
from typing import Any

from kg.server.pool import PoolError


class DeadlineExceeded(PoolError):
    status = 503


class OutputTooLarge(PoolError):
    status = 413


def _pool(app) -> Any:
    from kg.server.pool import WorkerPool

    pool = getattr(getattr(app, "state", None), "pool", None)
    return pool if isinstance(pool, WorkerPool) else None


def run_query(app, sparql: str, max_rows: int | None = None, timeout: float | None = None):
    """(kind, variables, rows, truncated) for `sparql` over the union default graph:
    kind is "solutions" (rows: tuples of terms or None, in `variables` order),
    "boolean" (rows: [(bool,)]) or "triples" (rows: (s, p, o) tuples)."""
    pool = _pool(app)
    cap = max_rows or 10_000_000
    if pool is None:
        from kg.query.context import run_here

        return run_here(app.state.kg_store, sparql, cap)
    settings = app.state.settings
    limit = timeout or settings.api_limit
    resp = pool.run(
        {
            "query": sparql,
            "mode": "rows",
            "unchecked": True,  # built by the server from validated terms
            "max_rows": cap,
            "max_bytes": max(settings.max_bytes, 64 << 20),
        },
        limit,
    )
    if resp.get("status") != 200:
        raise _QueryFailed(resp.get("error", "query failed"), resp.get("status", 500))
    kind = resp["kind"]
    if kind == "boolean":
        return kind, ["result"], [(resp["value"],)], False
    if kind == "triples":
        return kind, ["subject", "predicate", "object"], resp["rows"], resp["truncated"]
    return kind, resp["variables"], resp["rows"], resp["truncated"]


class _QueryFailed(PoolError):
    def __init__(self, msg: str, status: int) -> None:
        super().__init__(msg)
        self.status = status


def query_dicts(app, sparql: str) -> list[dict[str, Any]]:
    """The rows of a SELECT as {variable: term or None} dicts (the REST API's helper)."""
    _, variables, rows, _ = run_query(app, sparql)
    return [dict(zip(variables, r, strict=False)) for r in rows]


# --- any function, in a child process ------------------------------------------------------
def run_with_deadline(
    target: str,
    kwargs: dict[str, Any],
    timeout: float,
    max_file_bytes: int | None = None,
    start_timeout: float = 60.0,
) -> Any:
    """Call `target` ("package.module:function") with `kwargs` in a new process and return
    its (picklable) result; kill it at `timeout` seconds. Exceptions it raises come back
    as they are (ValueError stays ValueError)."""
    from multiprocessing.connection import Connection

    a, b = socket.socketpair()
    try:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kg.server.budget",
                str(b.fileno()),
                str(max_file_bytes or 0),
            ],
            pass_fds=[b.fileno()],
            stdin=subprocess.DEVNULL,
            close_fds=True,
        )
    finally:
        b.close()
    conn = Connection(a.detach())
    try:
        if not conn.poll(start_timeout):
            raise DeadlineExceeded("the worker process did not start")
        conn.recv()  # ready: imports are not the work's time
        conn.send_bytes(pickle.dumps((target, kwargs)))
        if not conn.poll(timeout):
            raise DeadlineExceeded(f"stopped after the {timeout:g} s time limit")
        try:
            ok, value = pickle.loads(conn.recv_bytes())
        except EOFError:
            proc.wait(5)
            if proc.returncode == -25:  # SIGXFSZ: it tried to write past the file cap
                raise OutputTooLarge(
                    f"the output would be larger than {max_file_bytes} bytes"
                ) from None
            raise PoolError("the worker process died") from None
        if not ok:
            raise value
        return value
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(10)
        conn.close()


# --- /api/export ---------------------------------------------------------------------------
class ExportedGraph:
    """What the export route reads of the graph it wrote (built in the child process)."""

    def __init__(self, info: dict[str, Any]) -> None:
        self.graph = info["graph"]
        self._nodes = info["nodes"]
        self._edges = info["edges"]

    def number_of_nodes(self) -> int:
        return self._nodes

    def number_of_edges(self) -> int:
        return self._edges


def build_export(store: str, fmt: str, scope: Any, path: str) -> dict[str, Any]:
    """In the child: open the store read-only, write the export to `path`."""
    from kg.graph_export import export_graph
    from kg.store_open import open_store

    kgs = open_store(store, read_only=True)
    with open(path, "wb") as fh:
        G = export_graph(kgs, fmt, fh, scope)
    return {
        "graph": dict(G.graph),
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
    }


def export_limited(app, fmt: str, out, scope: Any):
    """`kg.graph_export.export_graph` for /api/export with the server's limits: built in
    a child process killed after `settings.export_timeout` seconds (503), its file capped
    at `settings.export_max_bytes` (413); the file is copied into `out`. A remote store
    (no worker pool) is exported in this process, its server applying its own limits."""
    import os
    import shutil
    import tempfile

    if _pool(app) is None:
        from kg.graph_export import export_graph

        return export_graph(app.state.kg_store, fmt, out, scope)
    settings = app.state.settings
    fd, path = tempfile.mkstemp(prefix="kg-export-")
    os.close(fd)
    try:
        info = run_with_deadline(
            "kg.server.budget:build_export",
            {"store": str(app.state.store_path), "fmt": fmt, "scope": scope, "path": path},
            settings.export_timeout,
            max_file_bytes=settings.export_max_bytes,
        )
        with open(path, "rb") as fh:
            shutil.copyfileobj(fh, out, 1 << 20)
        return ExportedGraph(info)
    finally:
        os.unlink(path)


def sleep(seconds: float) -> float:
    """A target that only takes time (checks of the mechanism); ValueError below 0."""
    import time

    if seconds < 0:
        raise ValueError("negative time")
    time.sleep(seconds)
    return seconds


def _child(fd: int, max_file_bytes: int) -> None:  # pragma: no cover - runs in a child
    import importlib
    import resource
    import signal
    from multiprocessing.connection import Connection

    conn = Connection(fd)
    if max_file_bytes > 0:
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_bytes, max_file_bytes))
        signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
    conn.send({"ready": True})
    target, kwargs = pickle.loads(conn.recv_bytes())
    mod, _, name = target.partition(":")
    try:
        value = (True, getattr(importlib.import_module(mod), name)(**kwargs))
    except Exception as e:  # noqa: BLE001 - sent back to the caller
        value = (False, e)
    try:
        data = pickle.dumps(value)
    except Exception as e:  # noqa: BLE001
        data = pickle.dumps((False, RuntimeError(f"unpicklable result: {e}")))
    conn.send_bytes(data)


if __name__ == "__main__":  # pragma: no cover
    _child(int(sys.argv[1]), int(sys.argv[2]))
