"""HTTP-level limits and behaviour, below the routes.

* `LimitsMiddleware` (ASGI): request targets longer than `max_url_chars` get 414; HEAD is
  answered as GET without the body (every GET resource supports HEAD, RFC 9110); a path
  holding a NUL byte (`/static/%00`) is 404 before any route sees it.
* `KGHttpToolsProtocol` (when httptools is installed) or `KGH11Protocol`: uvicorn's
  protocol with limits a public endpoint needs. A request
  line longer than `max_url_chars` is answered 414 (the rest of the head is read and
  dropped, so the client sees the answer rather than a reset). A connection that sends
  no complete request head within `idle_timeout_s` (idle, or a slow "slowloris" head) is
  closed; so is a keep-alive connection idle for as long.
* `serve(app, host, port, settings)`: uvicorn with that protocol, the idle timeouts, and a
  bounded graceful shutdown (SIGTERM stops the server within seconds even while
  queries run: their worker processes are killed with the pool).
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

# the longest request line we accept beyond the target itself ("GET " + " HTTP/1.1")
_LINE_EXTRA = 32


class LimitsMiddleware:
    def __init__(self, app, max_url_chars: int) -> None:
        self.app = app
        self.max_url_chars = max_url_chars

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        target = len(scope.get("raw_path") or scope["path"].encode()) + len(
            scope.get("query_string") or b""
        )
        if target > self.max_url_chars:
            await _plain(send, 414, f"the request target is longer than {self.max_url_chars} bytes")
            return
        if "\x00" in scope["path"]:
            await _plain(send, 404, "not found")
            return
        if scope["method"] == "HEAD":
            scope = dict(scope, method="GET")

            async def send_no_body(message) -> None:
                if message["type"] == "http.response.body":
                    message = {"type": "http.response.body", "body": b"", "more_body": False}
                    if getattr(send_no_body, "done", False):
                        return
                    send_no_body.done = True  # type: ignore[attr-defined]
                await send(message)

            await self.app(scope, receive, send_no_body)
            return
        await self.app(scope, receive, send)


async def _plain(send, status: int, msg: str) -> None:
    body = (msg + "\n").encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class _LimitsMixin:
    """The limits of `KGH11Protocol` / `KGHttpToolsProtocol` (see the module docstring);
    limits come from class attributes set by `make_config`."""

    max_url_chars = 64 << 10
    idle_timeout_s = 15.0
    # set by the uvicorn protocol class this is mixed into (annotations only)
    loop: asyncio.AbstractEventLoop
    transport: asyncio.Transport
    cycle: Any

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)  # type: ignore[misc]
        self._line = bytearray()
        self._line_done = False
        self._discarding = False
        self._head_timer: asyncio.TimerHandle | None = None
        self._arm_head_timer()

    def _at_request_start(self) -> bool:
        raise NotImplementedError

    def _arm_head_timer(self) -> None:
        self._cancel_head_timer()
        self._head_timer = self.loop.call_later(self.idle_timeout_s, self._head_timeout)

    def _cancel_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timeout(self) -> None:
        self._head_timer = None
        if self.transport.is_closing():
            return
        if self.cycle is not None and not self.cycle.response_complete:
            return  # a request is being answered: its own limits apply
        self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_timer()
        super().connection_lost(exc)  # type: ignore[misc]

    def data_received(self, data: bytes) -> None:
        if self._discarding:
            self._line += data[-4:]
            del self._line[:-4]
            if b"\r\n\r\n" in bytes(self._line) or b"\n\n" in bytes(self._line):
                self.transport.close()
            return
        if not self._line_done and self._at_request_start():
            self._line += data[: self.max_url_chars + _LINE_EXTRA + 2 - len(self._line)]
            end = self._line.find(b"\n")
            if end < 0 and len(self._line) > self.max_url_chars + _LINE_EXTRA:
                self._refuse_long_target(data)
                return
            if end >= 0:
                self._line_done = True
                self._line.clear()
        before = self.cycle
        super().data_received(data)  # type: ignore[misc]
        if self.cycle is not None and self.cycle is not before:
            self._cancel_head_timer()  # a whole request head arrived

    def _refuse_long_target(self, data: bytes) -> None:
        msg = f"the request target is longer than {self.max_url_chars} bytes\n".encode()
        self.transport.write(
            b"HTTP/1.1 414 URI Too Long\r\ncontent-type: text/plain; charset=utf-8\r\n"
            b"connection: close\r\ncontent-length: " + str(len(msg)).encode() + b"\r\n\r\n" + msg
        )
        # read and drop the rest of the head (bounded by the idle timer), then close
        self._discarding = True
        self._line = bytearray(data[-4:])
        self._arm_head_timer()

    def on_response_complete(self) -> None:
        super().on_response_complete()  # type: ignore[misc]
        self._line_done = False
        self._line.clear()
        if not self.transport.is_closing():
            self._arm_head_timer()


class KGH11Protocol(_LimitsMixin, H11Protocol):
    def _at_request_start(self) -> bool:
        return self.conn.their_state is h11.IDLE


try:  # the C parser, when installed (uvicorn[standard]): ~1.5x the requests/s of h11 here
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    class KGHttpToolsProtocol(_LimitsMixin, HttpToolsProtocol):
        _in_message = False

        def _at_request_start(self) -> bool:
            return not self._in_message

        def on_message_begin(self) -> None:
            self._in_message = True
            super().on_message_begin()

        def on_message_complete(self) -> None:
            self._in_message = False
            super().on_message_complete()

except ImportError:  # pragma: no cover - httptools is optional
    KGHttpToolsProtocol = None  # type: ignore[assignment,misc]


def make_config(
    app: Any, host: str, port: int, settings: Any, log_level: str = "info", http: str = "auto"
):
    """The uvicorn configuration of `serve` (`http`: "auto", "h11" or "httptools"; $KG_HTTP
    sets it for `kg serve`)."""
    import os

    import uvicorn

    if http == "auto":
        http = os.environ.get("KG_HTTP", "auto")
    if http == "h11" or (http == "auto" and KGHttpToolsProtocol is None):
        base: type = KGH11Protocol
    elif KGHttpToolsProtocol is None:
        raise ValueError("httptools is not installed")
    else:
        base = KGHttpToolsProtocol
    proto = type(
        base.__name__ + "Configured",
        (base,),
        {"max_url_chars": settings.max_url_chars, "idle_timeout_s": settings.idle_timeout_s},
    )
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        http=proto,
        h11_max_incomplete_event_size=settings.max_url_chars + (64 << 10),
        timeout_keep_alive=int(max(settings.idle_timeout_s, 1)),
        timeout_graceful_shutdown=5,
    )


def serve(app: Any, host: str, port: int, settings: Any, log_level: str = "info") -> None:
    """Run `app` with uvicorn and kg's HTTP limits (see the module docstring)."""
    import uvicorn

    uvicorn.Server(make_config(app, host, port, settings, log_level)).run()
