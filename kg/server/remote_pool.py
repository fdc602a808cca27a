"""The /sparql endpoint's runner when the store is a remote SPARQL server.

With an embedded store, queries run in killable worker processes (kg.server.pool). With
a remote store the server that holds the data runs them: this forwards each request to
its query endpoint with the endpoint's time limit, parses the answer while it streams
in (so the row cap stops the download early) and serialises it in the negotiated format
exactly as a worker would (kg.server.worker.execute). Same interface as `WorkerPool`.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Any

from kg.server.pool import PoolError, QueryTimeout
from kg.store import StoreError


class RemoteUnavailable(PoolError):
    """The SPARQL server could not be reached or failed (503)."""


class _OneQuery:
    """What `execute` sees as the store: opens one streamed query and remembers the
    response so that it is closed however the request ends."""

    def __init__(self, remote, deadline: float) -> None:
        self.remote = remote
        self.deadline = deadline
        self.resp = None
        self.reader = None

    def query(self, sparql: str, **kw):
        answer, self.resp, self.reader = self.remote.open_query(
            sparql, deadline=self.deadline, **kw
        )
        return answer

    def close(self) -> None:
        if self.resp is not None:
            self.resp.close()


class RemoteQueryRunner:
    def __init__(self, remote) -> None:
        self.remote = remote
        self.size = 1
        self.kills = 0
        self.last_error: str | None = None

    def start(self) -> None:
        """Nothing to start: the remote server runs the queries."""

    def close(self) -> None:
        """The store's HTTP client is closed with the app."""

    @contextmanager
    def exclusive(self, wait: float):
        yield  # the remote server orders its own reads and writes

    def recycle(self) -> None:
        pass

    @property
    def alive(self) -> int:
        return 0 if self.last_error else 1

    def worker_pids(self) -> list[int]:
        return []

    idle = 1

    def status(self) -> str:
        return "ok" if not self.last_error else "unavailable"

    def refresh(self) -> None:
        pass

    def run(self, request: dict[str, Any], timeout: float) -> dict[str, Any]:
        from kg.remote_store import RemoteTimeout
        from kg.server.worker import execute

        one = _OneQuery(self.remote, time.monotonic() + timeout)
        try:
            resp = execute(one, request)
            self.last_error = None
            return resp
        except RemoteTimeout:
            self.kills += 1
            raise QueryTimeout(f"query stopped after the {timeout:g} s time limit") from None
        except (StoreError, OSError) as e:
            if one.reader is not None and one.reader.timed_out:
                self.kills += 1
                raise QueryTimeout(f"query stopped after the {timeout:g} s time limit") from None
            self.last_error = str(e)
            raise RemoteUnavailable(f"the SPARQL server failed: {e}") from None
        except SyntaxError as e:  # the remote server refused the query (400)
            return {"status": 400, "error": str(e)}
        finally:
            one.close()
