"""An answer cache for the read-only GET endpoints (/sparql, /api/evaluations), in front
of the whole app.

Why: a published store changes only by an ingest (a new generation, swapped in by
`KGHolder`) or an update through /sparql; between two such events the same request gets
the same answer, and a read-mostly endpoint is asked the same questions again and again
(a web page's queries, a dashboard polling). A hit skips the routing, the worker round
trip, the query and the serialisation: only the HTTP server's own cost remains.

Rules that keep it safe:

* **never an answer from an older store**: every entry is stored under the *epoch* read
  when its request started (`epoch()`: the snapshot swap count and the worker pool's
  generation, both only ever increase, and both move when the store changes), and only if
  the epoch was still the same when the answer was complete; a lookup uses the epoch of
  now, and the first lookup under a new epoch drops every entry;
* only complete 200 answers to GET (and HEAD, answered from the GET entry without its
  body), keyed by the exact path, query string, `Accept`, `Origin` and `Host` headers: an
  answer that was an error, cut by a time limit (503), refused (4xx) or truncated
  by a cap is a 200 only if it was one for the same request, with the same headers;
* bounded in bytes (`max_bytes` in all, least recently used first out; an answer larger
  than `max_bytes // 8` is not kept);
* hits say so: header `X-KG-Cache: hit`.

Not used for a remote store (others write it without the server knowing) nor when
`max_bytes` is 0.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

CACHED_PATHS = frozenset({"/sparql", "/api/evaluations"})
_HIT = (b"x-kg-cache", b"hit")


class _Entry:
    __slots__ = ("start", "body", "size")

    def __init__(self, start: dict[str, Any], body: bytes) -> None:
        self.start = start
        self.body = body
        self.size = len(body) + sum(len(k) + len(v) for k, v in start["headers"]) + 200


class AnswerCache:
    """ASGI middleware: see the module docstring."""

    def __init__(
        self,
        app: Any,
        epoch: Callable[[], Hashable],
        max_bytes: int = 32 << 20,
        paths: frozenset[str] = CACHED_PATHS,
    ) -> None:
        self.app = app
        self.epoch = epoch
        self.max_bytes = max_bytes
        self.max_entry = max_bytes // 8
        self.paths = paths
        self._entries: OrderedDict[tuple, _Entry] = OrderedDict()
        self._epoch: Hashable = None
        self.size = 0
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)

    def _current(self) -> Hashable:
        now = self.epoch()
        if now != self._epoch:  # the store changed: nothing kept is valid any more
            self._entries.clear()
            self.size = 0
            self._epoch = now
        return now

    async def __call__(self, scope, receive, send) -> None:
        if (
            scope["type"] != "http"
            or scope["path"] not in self.paths
            or scope["method"] not in ("GET", "HEAD")
            or not self.max_bytes
        ):
            await self.app(scope, receive, send)
            return
        accept = origin = host = b""
        for k, v in scope["headers"]:
            if k == b"accept":
                accept = v
            elif k == b"origin":
                origin = v
            elif k == b"host":  # the service description names the endpoint's URL
                host = v
        epoch = self._current()
        key = (scope["path"], scope["query_string"], accept, origin, host)
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
            self.hits += 1
            await send(entry.start)
            await send(
                {
                    "type": "http.response.body",
                    "body": b"" if scope["method"] == "HEAD" else entry.body,
                }
            )
            return
        self.misses += 1
        if scope["method"] == "HEAD":  # its answer has no body to keep
            await self.app(scope, receive, send)
            return
        start: dict[str, Any] | None = None
        chunks: list[bytes] = []
        size = 0
        keep = True

        async def capture(message) -> None:
            nonlocal start, size, keep
            if keep:
                if message["type"] == "http.response.start":
                    keep = message.get("status") == 200 and not message.get("trailers")
                    start = message
                elif message["type"] == "http.response.body":
                    body = message.get("body", b"")
                    size += len(body)
                    if size > self.max_entry:
                        keep = False
                        chunks.clear()
                    else:
                        chunks.append(body)
                    if keep and not message.get("more_body", False):
                        self._store(key, epoch, start, b"".join(chunks))
                else:
                    keep = False
            await send(message)

        await self.app(scope, receive, capture)

    def _store(self, key: tuple, epoch: Hashable, start: dict | None, body: bytes) -> None:
        if start is None or self.epoch() != epoch or self._epoch != epoch:
            return  # the store changed while this answer was made: it may be the old one's
        headers = [(k, v) for k, v in start["headers"] if k.lower() not in (b"x-kg-cache", b"date")]
        headers.append(_HIT)
        entry = _Entry({"type": "http.response.start", "status": 200, "headers": headers}, body)
        old = self._entries.pop(key, None)
        if old is not None:
            self.size -= old.size
        self._entries[key] = entry
        self.size += entry.size
        while self.size > self.max_bytes and self._entries:
            _, gone = self._entries.popitem(last=False)
            self.size -= gone.size
