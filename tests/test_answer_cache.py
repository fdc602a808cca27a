"""The answer cache in front of /sparql and /api/evaluations (kg/server/answer_cache.py):
a repeated request is answered without running it again, never from an older store, and
the cache stays within its byte bound."""

from __future__ import annotations

import asyncio

import pytest

from kg.ingest import ingest_paths
from kg.server.answer_cache import AnswerCache
from kg.store import KGStore

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


class FakeApp:
    """An ASGI app whose answer is `body` (with `status`); counts its calls and can move
    the epoch while it answers (as a store swap would)."""

    def __init__(self) -> None:
        self.calls = 0
        self.body = b"one"
        self.status = 200
        self.during: list = []

    async def __call__(self, scope, receive, send) -> None:
        self.calls += 1
        for act in self.during:
            act()
        await send(
            {
                "type": "http.response.start",
                "status": self.status,
                "headers": [(b"content-length", str(len(self.body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": self.body})


def _get(
    cache: AnswerCache, qs: bytes = b"query=x", accept: bytes = b"*/*", method: str = "GET"
) -> tuple[int, dict, bytes]:
    got: list[dict] = []
    scope = {
        "type": "http",
        "method": method,
        "path": "/sparql",
        "query_string": qs,
        "headers": [(b"accept", accept)],
    }

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        got.append(message)

    asyncio.run(cache(scope, receive, send))
    headers = dict(got[0]["headers"])
    return got[0]["status"], headers, b"".join(m.get("body", b"") for m in got[1:])


@pytest.fixture
def setup():
    app = FakeApp()
    epoch = [0]
    return app, epoch, AnswerCache(app, lambda: epoch[0], max_bytes=1 << 20)


def test_a_repeated_request_is_answered_from_the_cache(setup):
    app, _, cache = setup
    assert _get(cache)[2] == b"one"
    app.body = b"two"  # would be the answer if it ran again
    status, headers, body = _get(cache)
    assert (status, body, headers.get(b"x-kg-cache")) == (200, b"one", b"hit")
    assert app.calls == 1
    # HEAD is answered from the GET entry, without a body
    status, headers, body = _get(cache, method="HEAD")
    assert (status, body, headers[b"content-length"]) == (200, b"", b"3")
    # another query string or Accept header is another request
    assert _get(cache, qs=b"query=y")[2] == b"two"
    assert _get(cache, accept=b"text/csv")[2] == b"two"
    assert app.calls == 3


def test_a_new_store_never_gets_an_older_answer(setup):
    app, epoch, cache = setup
    assert _get(cache)[2] == b"one"
    epoch[0] += 1  # the store changed (a new generation, an update)
    app.body = b"two"
    assert _get(cache)[2] == b"two"
    assert _get(cache)[2] == b"two"
    assert app.calls == 2


def test_an_answer_made_while_the_store_changed_is_not_kept(setup):
    app, epoch, cache = setup
    app.during = [lambda: epoch.__setitem__(0, epoch[0] + 1)]
    assert _get(cache)[2] == b"one"  # it may be the old store's answer: served, not kept
    app.during, app.body = [], b"two"
    assert _get(cache)[2] == b"two"
    assert app.calls == 2
    assert _get(cache)[1].get(b"x-kg-cache") == b"hit"


def test_errors_and_large_answers_are_not_kept(setup):
    app, _, cache = setup
    app.status = 503  # e.g. a time limit
    _get(cache)
    app.status = 200
    assert _get(cache)[0] == 200
    assert app.calls == 2
    app.body = b"x" * ((1 << 20) // 8 + 1)  # over an entry's share of the bound
    _get(cache, qs=b"big")
    _get(cache, qs=b"big")
    assert app.calls == 4


def test_the_cache_stays_within_its_bytes(setup):
    app, _, cache = setup
    app.body = b"y" * 100_000
    for i in range(40):
        _get(cache, qs=b"q=%d" % i)
    assert 0 < cache.size <= cache.max_bytes
    assert len(cache) < 40  # the least recently used went
    assert _get(cache, qs=b"q=39")[1].get(b"x-kg-cache") == b"hit"
    assert _get(cache, qs=b"q=0")[1].get(b"x-kg-cache") is None


def test_served_answers_follow_an_ingest(tmp_path, listings):
    """End to end: /sparql's COUNT is cached, and after an ingest publishes a new
    generation (the server's holder swaps it in) the new total is served, never the old."""
    from starlette.testclient import TestClient

    from kg.server import Settings, create_app

    store = tmp_path / "s"
    w = KGStore(store)
    ingest_paths(w, listings[:1], workers=1, extract=False)
    app = create_app(store, Settings(workers=1, live_s=0, isolate_network=False))
    params = {"query": COUNT}
    csv = {"accept": "text/csv"}
    try:
        with TestClient(app) as client:
            first = client.get("/sparql", params=params, headers=csv)
            again = client.get("/sparql", params=params, headers=csv)
            assert first.status_code == again.status_code == 200
            assert again.headers.get("x-kg-cache") == "hit"
            assert again.content == first.content
            ingest_paths(w, listings[1:], workers=1, extract=False)
            holder = app.state.kg_holder
            holder.check()  # changed: waits one poll to settle
            assert holder.check()  # swapped in: the workers follow
            after = client.get("/sparql", params=params, headers=csv)
            assert after.status_code == 200
            assert after.headers.get("x-kg-cache") is None
            assert after.content != first.content
            assert client.get("/sparql", params=params, headers=csv).content == after.content
    finally:
        w.close()


def test_the_cache_can_be_off(seed_store_path):
    from kg.server import Settings, create_app

    app = create_app(seed_store_path, Settings(workers=1, answer_cache_bytes=0))
    assert getattr(app.state, "answer_cache", None) is None
