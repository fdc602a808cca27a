"""The SPARQL endpoint as a user and an attacker see it (issue #18): dataset semantics
(FROM, FROM NAMED, protocol parameters), hard limits on every path (answer bytes,
request bytes, URL length, update time, /api and export time and size), a runaway never
blocking others, SIGTERM, and the small items (health, XML, HEAD, format=, CORS, idle
connections, the update token)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

pytest_plugins = ["conftest_query"]

KG = "https://w3id.org/kg/ontology#"
G1 = "https://w3id.org/kg/id/graph/paper/2501.00001"
G2 = "https://w3id.org/kg/id/graph/paper/2502.00002"
COUNT = "SELECT (COUNT(DISTINCT ?p) AS ?n) {from} WHERE {{ ?p a <{kg}Paper> }}"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
KG_BIN = str(Path(sys.executable).parent / "kg")


def _n(resp) -> int:
    assert resp.status_code == 200, resp.text
    return int(
        next(iter(ox.parse_query_results(resp.content, format=ox.QueryResultsFormat.JSON)))[
            "n"
        ].value
    )


def _count(client, dataset: str = "", **params) -> int:
    q = COUNT.format(kg=KG, **{"from": dataset})
    return _n(client.get("/sparql", params={"query": q, **params}))


def _app(path, **kw):
    from kg.server import Settings, create_app

    return create_app(path, Settings(**{"timeout": 3.0, "workers": 1, **kw}))


@pytest.fixture()
def client_with(mini_store_path):
    """A TestClient over the mini store with settings of the test's choosing."""
    from fastapi.testclient import TestClient

    made = []

    def make(**kw):
        app = _app(mini_store_path, **kw)
        c = TestClient(app)
        c.__enter__()
        made.append((app, c))
        return c

    yield make
    for app, c in made:
        c.__exit__(None, None, None)
        app.state.pool.close()


# --- 1. dataset: FROM, FROM NAMED, protocol parameters --------------------------------------
def test_from_sets_the_default_graph(mini_client):
    assert _count(mini_client) == 4  # no dataset: the union of all graphs
    assert _count(mini_client, f"FROM <{G1}>") == 1
    assert _count(mini_client, f"FROM <{G1}> FROM <{G2}>") == 2
    assert _count(mini_client, "from <https://example.org/no-such-graph>") == 0


def test_from_named_alone_leaves_the_default_graph_empty(mini_client):
    assert _count(mini_client, f"FROM NAMED <{G1}>") == 0
    q = (
        f"SELECT (COUNT(DISTINCT ?g) AS ?n) FROM NAMED <{G1}> "
        f"WHERE {{ GRAPH ?g {{ ?p a <{KG}Paper> }} }}"
    )
    assert _n(mini_client.get("/sparql", params={"query": q})) == 1


def test_protocol_dataset_overrides_the_query_dataset(mini_client):
    # SPARQL 1.1 Protocol 2.1.4: default-graph-uri / named-graph-uri replace FROM / FROM NAMED
    assert _count(mini_client, f"FROM <{G1}> FROM <{G2}>", **{"default-graph-uri": G2}) == 1
    q = (
        f"SELECT (COUNT(DISTINCT ?g) AS ?n) FROM NAMED <{G1}> "
        f"WHERE {{ GRAPH ?g {{ ?p a <{KG}Paper> }} }}"
    )
    r = mini_client.get("/sparql", params={"query": q, "named-graph-uri": [G1, G2]})
    assert _n(r) == 2


def test_words_from_in_strings_variables_and_prefixed_names_are_not_a_dataset(mini_client):
    q = (
        "PREFIX from: <https://w3id.org/kg/ontology#> SELECT (COUNT(DISTINCT ?from) AS ?n) "
        'WHERE { ?from a from:Paper FILTER(?from != "FROM <x>") } # FROM <y>'
    )
    assert _n(mini_client.get("/sparql", params={"query": q})) == 4


# --- 3. bytes: answers, request bodies, URLs -------------------------------------------------
def test_answer_bytes_are_capped_at_a_row_boundary(client_with):
    c = client_with(max_bytes=4000, max_rows=100_000)
    r = c.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 200
    assert len(r.content) <= 4000
    assert r.headers["x-kg-truncated"] == "true" and r.headers["x-kg-limit"] == "max_bytes=4000"
    got = list(ox.parse_query_results(r.content, format=ox.QueryResultsFormat.JSON))
    assert 0 < len(got) == int(r.headers["x-kg-rows"])
    for accept, fmt in (
        ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
        ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
    ):
        r = c.get(
            "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"}, headers={"Accept": accept}
        )
        assert len(r.content) <= 4000 and r.headers["x-kg-truncated"] == "true"
        assert list(ox.parse_query_results(r.content, format=fmt))
    for accept, fmt in (
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
    ):
        r = c.get(
            "/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, headers={"Accept": accept}
        )
        assert r.status_code == 200 and len(r.content) <= 4000, accept
        assert r.headers["x-kg-truncated"] == "true"
        assert list(ox.parse(r.content, format=fmt))


def test_request_body_is_refused_while_it_is_read(client_with):
    c = client_with(max_request_bytes=10_000)
    big = "ASK {} #" + "x" * 20_000
    r = c.post(
        "/sparql", content=big.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    assert r.status_code == 413 and "10000 bytes" in r.text
    sent = []

    def chunks():  # no Content-Length: chunked, checked as it streams in
        for _ in range(100):
            sent.append(1)
            yield b"x" * 4096

    r = c.post("/sparql", content=chunks(), headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413
    ok = c.post("/sparql", content=b"ASK {}", headers={"Content-Type": "application/sparql-query"})
    assert ok.status_code == 200


def test_long_url_is_414(client_with):
    c = client_with(max_url_chars=2000)
    r = c.get("/sparql", params={"query": "ASK {} #" + "x" * 3000})
    assert r.status_code == 414


class _Served:
    """The app behind kg.server.http's uvicorn configuration (what `kg serve` runs)."""

    def __init__(self, app, settings, http: str = "auto") -> None:
        import uvicorn
        from conftest_query import free_port

        from kg.server.http import make_config

        self.app = app
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(
            make_config(app, "127.0.0.1", self.port, settings, "warning", http)
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.time() + 30
        while not self.server.started:
            assert time.time() < deadline
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.app.state.pool.close()


@pytest.fixture(params=["h11", "httptools"])
def served(mini_store_path, request):
    from kg.server import Settings, create_app
    from kg.server.http import KGHttpToolsProtocol

    if request.param == "httptools" and KGHttpToolsProtocol is None:
        pytest.skip("httptools is not installed")
    s = Settings(timeout=3.0, workers=1, max_url_chars=8000, idle_timeout_s=1.0)
    srv = _Served(create_app(mini_store_path, s), s, request.param)
    yield srv
    srv.stop()


def _raw_request(port: int, head: bytes) -> bytes:
    """Send `head` on a new connection and read the answer until the server closes."""
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.settimeout(20)
        s.sendall(head)
        out = b""
        while True:
            try:
                got = s.recv(65536)
            except ConnectionResetError:
                raise AssertionError("connection reset before an answer") from None
            if not got:
                return out
            out += got


def test_megabyte_url_gets_414_not_a_reset(served):
    target = b"/sparql?query=ASK%7B%7D%23" + b"x" * (1 << 20)
    answer = _raw_request(served.port, b"GET " + target + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 414"), answer[:200]
    assert httpx.get(served.url + "/sparql", params={"query": "ASK {}"}).status_code == 200


def test_idle_and_slow_connections_are_closed(served):
    idle = socket.create_connection(("127.0.0.1", served.port))
    slow = socket.create_connection(("127.0.0.1", served.port))
    slow.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")  # and never the end of the head
    try:
        for s in (idle, slow):
            s.settimeout(10)
            t0 = time.monotonic()
            assert s.recv(100) == b""  # closed by the server
            assert time.monotonic() - t0 < 5
    finally:
        idle.close()
        slow.close()


# --- 4. updates: time limit, nothing written, others go on; SIGTERM ----------------------------
@pytest.fixture()
def writable(mini_store_path, tmp_path):
    from fastapi.testclient import TestClient

    path = tmp_path / "store"
    shutil.copytree(mini_store_path, path)
    app = _app(path, enable_updates=True, update_token="s3cret", update_timeout=2.0, timeout=5.0)
    with TestClient(app) as c:
        yield c
    app.state.pool.close()


def test_runaway_update_is_stopped_and_writes_nothing(writable):
    c = writable
    auth = {"Authorization": "Bearer s3cret"}
    runaway = (
        "INSERT { GRAPH <http://example.org/g> { <http://e/x> <http://e/n> ?n } } WHERE { "
        "{ SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?w { ?a ?b ?c } GRAPH ?x { ?d ?e ?f } "
        "GRAPH ?y { ?g ?h ?i } GRAPH ?z { ?j ?k ?l } } } }"
    )
    out = {}

    def run():
        t0 = time.monotonic()
        r = c.post("/sparql", data={"update": runaway}, headers=auth)
        out["r"] = (r.status_code, r.text, time.monotonic() - t0)

    th = threading.Thread(target=run)
    th.start()
    time.sleep(1.0)
    t0 = time.monotonic()
    assert _count(c) == 4  # queries are answered while the update runs
    assert time.monotonic() - t0 < 2
    th.join(60)
    status, text, took = out["r"]
    assert status == 503 and "time limit" in text and "nothing was written" in text
    assert took < 15
    ask = "ASK { GRAPH <http://example.org/g> { ?s ?p ?o } }"
    r = c.get("/sparql", params={"query": ask})
    assert bool(ox.parse_query_results(r.content, format=ox.QueryResultsFormat.JSON)) is False
    # and the next update works
    ok = c.post(
        "/sparql",
        data={
            "update": (
                'INSERT DATA { GRAPH <http://example.org/g> { <http://e/x> <http://e/p> "1" } }'
            )
        },
        headers=auth,
    )
    assert ok.status_code == 204, ok.text
    r = c.get("/sparql", params={"query": ask})
    assert bool(ox.parse_query_results(r.content, format=ox.QueryResultsFormat.JSON)) is True


def _start_kg_serve(store, *extra, env=None):
    from conftest_query import free_port

    port = free_port()
    proc = subprocess.Popen(
        [
            KG_BIN,
            "serve",
            "--store",
            str(store),
            "--port",
            str(port),
            "--log-level",
            "warning",
            *extra,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if httpx.get(url + "/health", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            pass
        assert proc.poll() is None, proc.stderr.read().decode()
        time.sleep(0.2)
    proc.kill()
    raise AssertionError("kg serve did not start")


def test_sigterm_stops_the_server_while_queries_and_updates_run(mini_store_path, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(mini_store_path, store)
    proc, url = _start_kg_serve(
        store, "--timeout", "60", "--enable-updates", env={"KG_UPDATE_TOKEN": "t0k"}
    )
    ended: list[str] = []

    def client(send) -> None:
        # the in-flight request ends with the server: an answer or a closed connection
        # (recorded, not left as an unhandled thread exception)
        try:
            ended.append(f"answer {send().status_code}")
        except httpx.TransportError as e:
            ended.append(type(e).__name__)

    try:
        threads = [
            threading.Thread(
                target=client,
                args=(lambda: httpx.get(url + "/sparql", params={"query": RUNAWAY}, timeout=90),),
                daemon=True,
            ),
            threading.Thread(
                target=client,
                args=(
                    lambda: httpx.post(
                        url + "/sparql",
                        data={
                            "update": "INSERT { ?a ?b ?l } WHERE { GRAPH ?w { ?a ?b ?c } "
                            "GRAPH ?x { ?d ?e ?f } GRAPH ?y { ?g ?h ?i } GRAPH ?z { ?j ?k ?l } }"
                        },
                        headers={"Authorization": "Bearer t0k"},
                        timeout=90,
                    ),
                ),
                daemon=True,
            ),
        ]
        for t in threads:
            t.start()
        time.sleep(2.0)
        t0 = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        proc.wait(20)
        assert time.monotonic() - t0 < 15
        for t in threads:
            t.join(10)
        assert len(ended) == 2, ended  # neither request is left hanging on a dead server
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_token_on_the_command_line_is_refused(mini_store_path):
    r = subprocess.run(
        [
            KG_BIN,
            "serve",
            "--store",
            str(mini_store_path),
            "--enable-updates",
            "--update-token",
            "abc",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2 and "KG_UPDATE_TOKEN" in r.stderr


# --- 5. /api and export limits; runaways do not block the others -------------------------------
def test_api_queries_have_a_time_limit(client_with):
    from kg.server.budget import run_query
    from kg.server.pool import PoolError

    c = client_with(api_timeout=1.0, timeout=30.0)
    t0 = time.monotonic()
    with pytest.raises(PoolError) as e:
        run_query(c.app, RUNAWAY)
    assert e.value.status == 503 and "time limit" in str(e.value)
    assert time.monotonic() - t0 < 8
    r = c.get("/api/evaluations", params={"subject": "Llama", "target": "GSM8K"})
    assert r.status_code == 200  # a fresh worker answers the next one


def test_run_with_deadline_kills_the_work():
    from kg.server.budget import DeadlineExceeded, run_with_deadline

    assert run_with_deadline("posixpath:basename", {"p": "/a/b"}, 10) == "b"
    t0 = time.monotonic()
    with pytest.raises(DeadlineExceeded):
        run_with_deadline("kg.server.budget:sleep", {"seconds": 30}, 0.5)
    assert time.monotonic() - t0 < 10
    with pytest.raises(ValueError):
        run_with_deadline("kg.server.budget:sleep", {"seconds": -1}, 10)


def test_export_has_a_size_and_a_time_limit(client_with):
    c = client_with(export_max_bytes=2000)
    r = c.get("/api/export", params={"format": "graphml"})
    assert r.status_code == 413, r.text
    c2 = client_with(export_timeout=0.05)
    r = c2.get("/api/export", params={"format": "graphml"})
    assert r.status_code == 503 and "time limit" in r.text
    c3 = client_with()
    r = c3.get("/api/export", params={"format": "graphml"})
    assert r.status_code == 200 and int(r.headers["x-kg-nodes"]) > 0


def test_runaways_do_not_block_a_quick_query(mini_store_path):
    from kg.server import Settings, create_app

    s = Settings(timeout=10.0, workers=2, max_workers=8, max_per_client=8)
    srv = _Served(create_app(mini_store_path, s), s)
    try:
        assert (
            httpx.get(srv.url + "/sparql", params={"query": "ASK {}"}, timeout=30).status_code
            == 200
        )
        threads = [
            threading.Thread(
                target=lambda: httpx.get(
                    srv.url + "/sparql", params={"query": RUNAWAY}, timeout=60
                ),
                daemon=True,
            )
            for _ in range(4)
        ]
        for t in threads:
            t.start()
        time.sleep(1.5)
        t0 = time.monotonic()
        r = httpx.get(srv.url + "/sparql", params={"query": "ASK {}"}, timeout=60)
        took = time.monotonic() - t0
        assert r.status_code == 200
        assert took < 6, took  # not the runaways' 10 s
        for t in threads:
            t.join(60)
    finally:
        srv.stop()


def test_one_client_cannot_take_every_worker(mini_store_path):
    from kg.server import Settings, create_app

    s = Settings(timeout=6.0, workers=2, max_workers=2, max_per_client=2)
    srv = _Served(create_app(mini_store_path, s), s)
    try:
        threads = [
            threading.Thread(
                target=lambda: httpx.get(
                    srv.url + "/sparql", params={"query": RUNAWAY}, timeout=60
                ),
                daemon=True,
            )
            for _ in range(2)
        ]
        for t in threads:
            t.start()
        pool = srv.app.state.pool
        deadline = time.time() + 60  # both runaways hold a worker (however loaded the machine)
        while not (pool.alive == 2 and pool.idle == 0):
            assert time.time() < deadline
            time.sleep(0.05)
        time.sleep(1.2)  # ... for over a second: what makes a query "slow" to this rule
        r = httpx.get(srv.url + "/sparql", params={"query": "ASK {}"}, timeout=60)
        assert r.status_code == 429 and r.headers["retry-after"] == "1"
        for t in threads:
            t.join(60)
    finally:
        srv.stop()


# --- 9. the small items --------------------------------------------------------------------------
def test_health_is_503_without_a_worker_and_hides_the_path(client_with, mini_store_path):
    c = client_with()
    deadline = time.time() + 30
    while c.app.state.pool.alive < 1:
        assert time.time() < deadline
        time.sleep(0.05)
    h = c.get("/health")
    assert h.status_code == 200 and h.json()["status"] == "ok"
    assert "/" not in h.json()["store"] and str(mini_store_path) not in h.text
    for pid in c.app.state.pool.worker_pids():
        os.kill(pid, signal.SIGKILL)
    time.sleep(0.3)
    h = c.get("/health")
    assert h.status_code == 503 and h.json()["status"] == "unavailable"
    deadline = time.time() + 30
    while c.get("/health").status_code != 200:  # and the pool heals
        assert time.time() < deadline
        time.sleep(0.1)


def test_no_worker_message_names_no_class_or_path(tmp_path):
    from kg.server.pool import PoolError, WorkerPool

    bogus = tmp_path / "not-a-store"
    bogus.mkdir()
    (bogus / "CURRENT").write_text("garbage")
    pool = WorkerPool(str(bogus), size=1, start_timeout=20)
    try:
        with pytest.raises(PoolError) as e:
            pool.run({"query": "ASK {}"}, 3)
        msg = str(e.value)
        assert str(tmp_path) not in msg and "Error" not in msg, msg
    finally:
        pool.close()


def test_xml_results_carry_no_control_characters(mini_client):
    q = 'SELECT ?x WHERE { VALUES ?x { "a\\u0001b\\u001fc" } }'
    r = mini_client.get(
        "/sparql", params={"query": q}, headers={"Accept": "application/sparql-results+xml"}
    )
    assert r.status_code == 200
    import xml.dom.minidom

    xml.dom.minidom.parseString(r.content)  # well-formed XML 1.0
    [sol] = list(ox.parse_query_results(r.content, format=ox.QueryResultsFormat.XML))
    assert sol["x"].value == "a\ufffdb\ufffdc"


def test_nul_in_a_static_path_is_404(mini_client):
    assert mini_client.get("/static/%00").status_code == 404
    assert mini_client.get("/static/a%00b.js").status_code == 404


def test_head_is_answered(mini_client):
    for path in ("/sparql", "/health", "/api/queries"):
        g = mini_client.get(path)
        h = mini_client.head(path)
        assert h.status_code == g.status_code == 200, path
        assert h.content == b""
        assert h.headers["content-type"] == g.headers["content-type"]


def test_unknown_format_is_400(mini_client):
    r = mini_client.get("/sparql", params={"query": "ASK {}", "format": "yaml"})
    assert r.status_code == 400 and "yaml" in r.text
    assert (
        mini_client.get("/sparql", params={"query": "ASK {}", "format": "xml"}).status_code == 200
    )
    assert (
        mini_client.get("/sparql", params={"query": "ASK {}", "format": "text/csv"}).status_code
        == 200
    )


def test_lateral_with_service_in_a_string_is_not_refused(mini_client):
    q = (
        "SELECT ?p ?t WHERE { ?p a <https://w3id.org/kg/ontology#Paper> LATERAL { "
        'SELECT ?t WHERE { BIND("a web service" AS ?t) } LIMIT 1 } }'
    )
    r = mini_client.get("/sparql", params={"query": q})
    assert r.status_code == 200, r.text
    bad = "SELECT * WHERE { ?p ?q ?r LATERAL { SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } } }"
    r = mini_client.get("/sparql", params={"query": bad})
    assert r.status_code == 400 and "SERVICE" in r.text


def test_cors_policy(mini_client):
    r = mini_client.options(
        "/sparql",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert r.status_code == 200
    assert r.headers["access-control-allow-origin"] in ("*", "https://example.org")
    r = mini_client.get(
        "/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://example.org"}
    )
    assert r.headers["access-control-allow-origin"] in ("*", "https://example.org")
    assert "x-kg-truncated" in r.headers["access-control-expose-headers"].lower()


# --- 2. the dataset of updates: using-graph-uri, USING, the (empty) default graph ---------------
def _ask(c, q) -> bool:
    r = c.get("/sparql", params={"query": q})
    assert r.status_code == 200, r.text
    return bool(ox.parse_query_results(r.content, format=ox.QueryResultsFormat.JSON))


def test_update_with_using_graph_uri(writable):
    c = writable
    auth = {"Authorization": "Bearer s3cret"}
    upd = (
        f"INSERT {{ GRAPH <http://example.org/marks> {{ ?p <http://example.org/seen> true }} }} "
        f"WHERE {{ ?p a <{KG}Paper> }}"
    )
    # SPARQL 1.1 Protocol 2.2.3: using-graph-uri is the default graph of the WHERE clause
    r = c.post(
        "/sparql",
        data={"update": upd, "using-graph-uri": G1},
        headers=auth,
    )
    assert r.status_code == 204, r.text
    q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://example.org/marks> { ?p ?x ?y } }"
    assert _n(c.get("/sparql", params={"query": q})) == 1
    # using-named-graph-uri: the graphs GRAPH may see in the WHERE clause
    upd2 = (
        "INSERT { GRAPH <http://example.org/marks2> { ?g <http://example.org/has> ?p } } "
        f"WHERE {{ GRAPH ?g {{ ?p a <{KG}Paper> }} }}"
    )
    r = c.post(
        "/sparql",
        content=upd2.encode(),
        headers={**auth, "Content-Type": "application/sparql-update"},
        params={"using-named-graph-uri": [G1, G2]},
    )
    assert r.status_code == 204, r.text
    q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://example.org/marks2> { ?g ?x ?p } }"
    assert _n(c.get("/sparql", params={"query": q})) == 2


def test_update_dataset_given_twice_is_400(writable):
    auth = {"Authorization": "Bearer s3cret"}
    upd = (
        f"INSERT {{ GRAPH <http://example.org/m> {{ ?p ?p ?p }} }} USING <{G1}> "
        f"WHERE {{ ?p a <{KG}Paper> }}"
    )
    r = writable.post("/sparql", data={"update": upd, "using-graph-uri": G2}, headers=auth)
    assert r.status_code == 400 and "USING" in r.text
    r = writable.post(
        "/sparql",
        data={
            "update": f"WITH <{G1}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}",
            "using-graph-uri": G2,
        },
        headers=auth,
    )
    assert r.status_code == 400
    r = writable.post("/sparql", data={"update": upd, "default-graph-uri": G2}, headers=auth)
    assert r.status_code == 400 and "using-graph-uri" in r.text


def test_update_on_the_empty_default_graph_is_refused_not_a_silent_no_op(writable):
    c = writable
    auth = {"Authorization": "Bearer s3cret"}
    assert _count(c) == 4
    for upd in (
        f"DELETE {{ ?p a <{KG}Paper> }} WHERE {{ ?p a <{KG}Paper> }}",
        f"DELETE WHERE {{ ?p a <{KG}Paper> }}",
    ):
        r = c.post("/sparql", data={"update": upd}, headers=auth)
        assert r.status_code == 400 and "default graph" in r.text, r.text
    assert _count(c) == 4
    # naming the graphs works: the same delete through GRAPH, USING and using-graph-uri
    r = c.post(
        "/sparql",
        data={
            "update": f"DELETE {{ GRAPH ?g {{ ?p a <{KG}Paper> }} }} "
            f"WHERE {{ GRAPH ?g {{ ?p a <{KG}Paper> }} }}"
        },
        headers=auth,
    )
    assert r.status_code == 204, r.text
    assert _count(c) == 0


def test_union_default_graph_of_kg_data_has_no_duplicate_rows(mini_client):
    """Issue #18 item 2, for the data kg writes: every triple is in one graph (an author's
    name, a category's notation in the shared graph, not in each paper's), so the union
    default graph answers `SELECT ?s ?p ?o` with no row twice, though the mini papers
    share authors (Alice Smith, Bob Jones) and categories (cs.CL, cs.LG)."""
    from collections import Counter

    r = mini_client.get(
        "/sparql",
        params={"query": "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert r.status_code == 200, r.text
    rows = [
        (str(x["s"]), str(x["p"]), str(x["o"]))
        for x in ox.parse_query_results(r.content, format=ox.QueryResultsFormat.JSON)
    ]
    assert len(rows) > 100
    assert max(Counter(rows).values()) == 1
    shared = (
        "SELECT (COUNT(*) AS ?n) WHERE { ?a <http://www.w3.org/2000/01/rdf-schema#label> "
        "'Alice Smith' }"
    )
    assert _n(mini_client.get("/sparql", params={"query": shared})) == 1  # 2 papers list her
    notation = (
        "SELECT (COUNT(*) AS ?n) WHERE { ?c <http://www.w3.org/2004/02/skos/core#notation> "
        "'cs.LG' }"
    )
    assert _n(mini_client.get("/sparql", params={"query": notation})) == 1


@pytest.mark.xfail(
    strict=True,
    reason="not done (issue #18 item 2, engine level): the data kg writes holds each triple "
    "in one graph (test above), but a triple a client's update stores in several graphs "
    "still matches once per graph in Oxigraph 0.5's union default graph and in FROM over "
    "several graphs (oxigraph/oxigraph#1919; fixed by #1920 for 0.6.0, unreleased; "
    "docs/ARCHITECTURE.md says why kg does not rewrite queries instead)",
)
def test_union_default_graph_has_no_duplicate_triples(writable):
    c = writable
    auth = {"Authorization": "Bearer s3cret"}
    upd = (
        "INSERT DATA { GRAPH <http://example.org/g1> { <http://e/s> <http://e/p> 'o' } "
        "GRAPH <http://example.org/g2> { <http://e/s> <http://e/p> 'o' } }"
    )
    assert c.post("/sparql", data={"update": upd}, headers=auth).status_code == 204
    q = "SELECT (COUNT(*) AS ?n) WHERE { <http://e/s> <http://e/p> ?o }"
    assert _n(c.get("/sparql", params={"query": q})) == 1  # the RDF merge holds it once
    q2 = (
        "SELECT (COUNT(*) AS ?n) FROM <http://example.org/g1> FROM <http://example.org/g2> "
        "WHERE { <http://e/s> <http://e/p> ?o }"
    )
    assert _n(c.get("/sparql", params={"query": q2})) == 1


def test_a_trickled_request_body_is_408(served):
    with socket.create_connection(("127.0.0.1", served.port)) as s:
        s.settimeout(20)
        s.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 100\r\n\r\nASK"
        )
        t0 = time.monotonic()
        answer = s.recv(1000)  # the rest of the body never comes
        assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
        assert time.monotonic() - t0 < 8


@pytest.mark.parametrize(
    "q",
    [
        # a prefixed name's escaped '#' or quote must not hide SERVICE from the check
        "PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:a\\#x ?o . "
        "SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } }",
        "PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:a\\' ?o . "
        "SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } ?x ?y 'z' }",
        "SELECT * WHERE { ?a ?b ?c FILTER(?a<'>') SERVICE <http://127.0.0.1:9/> { ?x ?y ?z } "
        "FILTER(?c != '') }",
        "SELECT * WHERE { ?s ?p ?o # \\u000a SERVICE <http://127.0.0.1:9/> { ?a ?b ?c }\n }",
        # each of these parses as a SERVICE clause in Oxigraph
        "SELECT * WHERE { ?s ?p true.SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } }",
        "SELECT * WHERE { ?s ?p ?o SERVICESILENT<http://127.0.0.1:9/>{ ?a ?b ?c } }",
        "SELECT * WHERE { ?s ?p ?o # a comment ended by CR\rSERVICE <http://127.0.0.1:9/> "
        "{ ?a ?b ?c } }",
    ],
)
def test_service_cannot_hide_from_the_lexer(mini_client, q):
    r = mini_client.get("/sparql", params={"query": q})
    assert r.status_code == 400, r.text
