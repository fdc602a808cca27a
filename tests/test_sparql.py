"""The SPARQL 1.1 Protocol endpoint: protocol forms, content negotiation, errors,
datasets, limits (rows, time), read-only by default, and no federation."""

from __future__ import annotations

import shutil
import socket
import threading
import time

import httpx
import pyoxigraph as ox
import pytest

pytest_plugins = ["conftest_query"]

KG = "https://w3id.org/kg/ontology#"
COUNT_PAPERS = f"SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ ?p a <{KG}Paper> }}"
LABELS = (
    "SELECT ?e ?l WHERE { ?e <http://www.w3.org/2004/02/skos/core#prefLabel> ?l ; "
    f"a <{KG}Benchmark> }} ORDER BY ?l"
)
CONSTRUCT = (
    "CONSTRUCT { ?e <http://www.w3.org/2004/02/skos/core#prefLabel> ?l } WHERE { "
    f"?e <http://www.w3.org/2004/02/skos/core#prefLabel> ?l ; a <{KG}Hardware> }}"
)
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def parse_results(resp, fmt):
    return ox.parse_query_results(resp.content, format=fmt)


def rows(results):
    return [tuple(sol[v] for v in results.variables) for sol in results]


@pytest.fixture(scope="module")
def expected_labels(mini_store_path):
    from kg.store import KGStore

    s = KGStore(mini_store_path, read_only=True)
    return [(r["e"], r["l"]) for r in s.query(LABELS)]


# --- protocol forms -----------------------------------------------------------------------
def test_get_select_json(mini_client, expected_labels):
    r = mini_client.get("/sparql", params={"query": LABELS})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    assert rows(parse_results(r, ox.QueryResultsFormat.JSON)) == expected_labels
    assert len(expected_labels) == 4


def test_post_form(mini_client, expected_labels):
    r = mini_client.post("/sparql", data={"query": LABELS})
    assert r.status_code == 200
    assert rows(parse_results(r, ox.QueryResultsFormat.JSON)) == expected_labels


def test_post_direct(mini_client, expected_labels):
    r = mini_client.post(
        "/sparql", content=LABELS.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    assert r.status_code == 200
    assert rows(parse_results(r, ox.QueryResultsFormat.JSON)) == expected_labels


def test_post_unsupported_body(mini_client):
    r = mini_client.post("/sparql", content=b"{}", headers={"Content-Type": "application/json"})
    assert r.status_code == 415


# --- content negotiation --------------------------------------------------------------------
@pytest.mark.parametrize(
    "accept,media,fmt",
    [
        (
            "application/sparql-results+json",
            "application/sparql-results+json",
            ox.QueryResultsFormat.JSON,
        ),
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            ox.QueryResultsFormat.XML,
        ),
        ("text/csv", "text/csv", ox.QueryResultsFormat.CSV),
        ("text/tab-separated-values", "text/tab-separated-values", ox.QueryResultsFormat.TSV),
        (
            "text/csv;q=0.5, application/sparql-results+xml;q=0.9",
            "application/sparql-results+xml",
            ox.QueryResultsFormat.XML,
        ),
        (
            "application/sparql-results+xml;q=0.1, text/tab-separated-values",
            "text/tab-separated-values",
            ox.QueryResultsFormat.TSV,
        ),
        ("*/*", "application/sparql-results+json", ox.QueryResultsFormat.JSON),
        ("text/*", "text/csv", ox.QueryResultsFormat.CSV),
        ("image/png, */*;q=0.1", "application/sparql-results+json", ox.QueryResultsFormat.JSON),
        (
            "application/sparql-results+json;q=0, */*",
            "application/json",
            ox.QueryResultsFormat.JSON,
        ),
    ],
)
def test_select_formats(mini_client, expected_labels, accept, media, fmt):
    r = mini_client.get("/sparql", params={"query": LABELS}, headers={"Accept": accept})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == media
    if fmt == ox.QueryResultsFormat.CSV:  # CSV loses term types: compare the lexical values
        import csv
        import io

        got = list(csv.reader(io.StringIO(r.text)))
        assert got[0] == ["e", "l"]
        assert [tuple(row) for row in got[1:]] == [
            tuple(t.value for t in row) for row in expected_labels
        ]
    else:
        assert rows(parse_results(r, fmt)) == expected_labels


def test_format_parameter_overrides_accept(mini_client):
    r = mini_client.get(
        "/sparql", params={"query": LABELS, "format": "csv"}, headers={"Accept": "application/json"}
    )
    assert r.headers["content-type"].startswith("text/csv")


@pytest.mark.parametrize(
    "accept,fmt",
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/n-quads", ox.RdfFormat.N_QUADS),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
        ("application/n-triples;q=0.2, application/ld+json;q=0.8", ox.RdfFormat.JSON_LD),
    ],
)
def test_construct_formats(mini_client, accept, fmt):
    r = mini_client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == fmt.media_type
    triples = {(q.subject, q.predicate, q.object) for q in ox.parse(r.content, format=fmt)}
    assert len(triples) == 8
    assert (
        ox.NamedNode("https://w3id.org/kg/id/hardware/h200"),
        ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
        ox.Literal("H200"),
    ) in triples


def test_describe_defaults_to_turtle(mini_client):
    r = mini_client.get(
        "/sparql", params={"query": "DESCRIBE <https://w3id.org/kg/id/hardware/h200>"}
    )
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/turtle")
    assert any(True for _ in ox.parse(r.content, format=ox.RdfFormat.TURTLE))


@pytest.mark.parametrize(
    "accept", ["application/sparql-results+json", "application/sparql-results+xml", "text/csv"]
)
def test_ask(mini_client, accept):
    fmt = {
        "application/sparql-results+json": ox.QueryResultsFormat.JSON,
        "application/sparql-results+xml": ox.QueryResultsFormat.XML,
        "text/csv": ox.QueryResultsFormat.CSV,
    }[accept]
    yes = mini_client.get(
        "/sparql", params={"query": f"ASK {{ ?p a <{KG}Paper> }}"}, headers={"Accept": accept}
    )
    no = mini_client.get(
        "/sparql", params={"query": f"ASK {{ ?p a <{KG}Nothing> }}"}, headers={"Accept": accept}
    )
    if fmt == ox.QueryResultsFormat.CSV:
        assert (yes.text.strip(), no.text.strip()) == ("true", "false")
        return
    assert bool(parse_results(yes, fmt)) is True
    assert bool(parse_results(no, fmt)) is False


def test_406(mini_client):
    r = mini_client.get("/sparql", params={"query": LABELS}, headers={"Accept": "image/png"})
    assert r.status_code == 406
    r = mini_client.get(
        "/sparql",
        params={"query": CONSTRUCT},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert r.status_code == 406
    r = mini_client.get("/sparql", params={"query": LABELS}, headers={"Accept": "text/turtle"})
    assert r.status_code == 406


# --- errors -----------------------------------------------------------------------------------
def test_syntax_error_is_400_with_the_parser_message(mini_client):
    r = mini_client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert r.status_code == 400
    assert "error at 1:" in r.text


def test_query_given_twice(mini_client):
    r = mini_client.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D")
    assert r.status_code == 400 and "more than once" in r.text
    r = mini_client.post("/sparql?query=ASK%7B%7D", data={"query": "ASK {}"})
    assert r.status_code == 400


def test_query_and_update_together(mini_client):
    r = mini_client.post("/sparql", data={"query": "ASK {}", "update": "CLEAR ALL"})
    assert r.status_code == 400


# --- service description, editor ------------------------------------------------------------------
def test_service_description(mini_client):
    r = mini_client.get("/sparql")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    triples = list(ox.parse(r.content, format=ox.RdfFormat.TURTLE))
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert any(
        t.predicate.value == sd + "endpoint" and t.object.value.endswith("/sparql") for t in triples
    )
    assert any(t.object == ox.NamedNode(sd + "UnionDefaultGraph") for t in triples)


def test_browser_gets_a_form(mini_client):
    r = mini_client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<form" in r.text and 'name="query"' in r.text


# --- datasets -----------------------------------------------------------------------------------
def _count(client, query, **params):
    r = client.get("/sparql", params={"query": query, **params})
    assert r.status_code == 200, r.text
    return int(next(iter(parse_results(r, ox.QueryResultsFormat.JSON)))["n"].value)


def test_union_default_graph(mini_client):
    assert _count(mini_client, COUNT_PAPERS) == 4


def test_default_graph_uri(mini_client):
    g = "https://w3id.org/kg/id/graph/paper/2501.00001"
    assert _count(mini_client, COUNT_PAPERS, **{"default-graph-uri": g}) == 1
    two = [g, "https://w3id.org/kg/id/graph/paper/2502.00002"]
    r = mini_client.get(
        "/sparql", params=[("query", COUNT_PAPERS)] + [("default-graph-uri", x) for x in two]
    )
    assert int(next(iter(parse_results(r, ox.QueryResultsFormat.JSON)))["n"].value) == 2


def test_named_graph_uri(mini_client):
    g = "https://w3id.org/kg/id/graph/paper/2502.00002"
    q = f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?p a <{KG}Paper> }} }}"
    assert _count(mini_client, q) == 4
    assert _count(mini_client, q, **{"named-graph-uri": g}) == 1


def test_bad_graph_iri(mini_client):
    r = mini_client.get(
        "/sparql", params={"query": COUNT_PAPERS, "default-graph-uri": "not an iri"}
    )
    assert r.status_code == 400


# --- limits -------------------------------------------------------------------------------------
def test_row_cap(mini_client):
    r = mini_client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 200
    assert r.headers.get("x-kg-truncated") == "true"
    assert len(list(parse_results(r, ox.QueryResultsFormat.JSON))) == 500  # the fixture's max_rows
    r = mini_client.get(
        "/sparql",
        params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
        headers={"Accept": "application/n-triples"},
    )
    assert r.headers.get("x-kg-truncated") == "true"
    assert len(list(ox.parse(r.content, format=ox.RdfFormat.N_TRIPLES))) == 500


def test_runaway_query_is_stopped_while_others_are_answered(live_server):
    from conftest_query import TIMEOUT_S

    app = live_server.app
    pids_before = set(app.state.pool.worker_pids())
    result = {}

    def runaway():
        t0 = time.monotonic()
        r = httpx.get(live_server.url + "/sparql", params={"query": RUNAWAY}, timeout=60)
        result["runaway"] = (r.status_code, time.monotonic() - t0, r.text)

    th = threading.Thread(target=runaway)
    th.start()
    time.sleep(0.5)  # the runaway is now running in a worker
    t0 = time.monotonic()
    r = httpx.get(live_server.url + "/sparql", params={"query": COUNT_PAPERS}, timeout=30)
    other = time.monotonic() - t0
    assert r.status_code == 200
    api = httpx.get(
        live_server.url + "/api/evaluations",
        params={"subject": "Llama", "target": "GSM8K"},
        timeout=30,
    )
    assert api.status_code == 200
    assert other < TIMEOUT_S  # answered while the runaway was still running
    th.join(60)
    status, took, text = result["runaway"]
    assert status == 503, text
    assert "time limit" in text
    assert TIMEOUT_S - 0.5 <= took < TIMEOUT_S + 5
    # the worker that ran it was killed, and the pool refilled
    deadline = time.time() + 30
    while time.time() < deadline and app.state.pool.alive < app.state.settings.workers:
        time.sleep(0.1)
    assert app.state.pool.alive >= app.state.settings.workers  # (plus burst workers)
    assert set(app.state.pool.worker_pids()) != pids_before
    assert app.state.pool.kills >= 1
    r = httpx.get(live_server.url + "/sparql", params={"query": COUNT_PAPERS}, timeout=30)
    assert r.status_code == 200


def test_killed_worker_process_is_gone(live_server):
    import os

    pool = live_server.app.state.pool
    before = set(pool.worker_pids())
    r = httpx.get(live_server.url + "/sparql", params={"query": RUNAWAY}, timeout=60)
    assert r.status_code == 503
    gone = before - set(pool.worker_pids())
    assert gone
    for pid in gone:
        with pytest.raises(OSError):
            os.kill(pid, 0)  # no such process (it was reaped)


# --- updates -----------------------------------------------------------------------------------
UPDATE = 'INSERT DATA { <http://example.org/x> <http://example.org/p> "injected" }'
ASK_INJECTED = 'ASK { <http://example.org/x> <http://example.org/p> "injected" }'


def _ask(client, q=ASK_INJECTED):
    r = client.get("/sparql", params={"query": q})
    return bool(parse_results(r, ox.QueryResultsFormat.JSON))


def test_update_refused_without_token(mini_client, mini_store_path):
    from kg.store import KGStore

    before = len(KGStore(mini_store_path, read_only=True))
    for kwargs in (
        {"data": {"update": UPDATE}},
        {"content": UPDATE.encode(), "headers": {"Content-Type": "application/sparql-update"}},
        {"data": {"update": UPDATE}, "headers": {"Authorization": "Bearer anything"}},
        {"data": {"update": "CLEAR ALL"}},
    ):
        r = mini_client.post("/sparql", **kwargs)
        assert r.status_code == 403, r.text
    assert len(KGStore(mini_store_path, read_only=True)) == before
    assert not _ask(mini_client)
    assert mini_client.get("/sparql", params={"update": UPDATE}).status_code in (400, 403)


@pytest.fixture()
def writable_app(mini_store_path, tmp_path):
    from fastapi.testclient import TestClient

    from kg.server import Settings, create_app

    path = tmp_path / "store"
    shutil.copytree(mini_store_path, path)
    app = create_app(
        path, Settings(timeout=5, workers=1, enable_updates=True, update_token="s3cret")
    )
    with TestClient(app) as c:
        yield c
    app.state.pool.close()


def test_update_with_token(writable_app):
    c = writable_app
    assert not _ask(c)
    assert c.post("/sparql", data={"update": UPDATE}).status_code == 403
    assert (
        c.post(
            "/sparql", data={"update": UPDATE}, headers={"Authorization": "Bearer wrong"}
        ).status_code
        == 403
    )
    assert not _ask(c)
    r = c.post(
        "/sparql",
        content=UPDATE.encode(),
        headers={"Content-Type": "application/sparql-update", "Authorization": "Bearer s3cret"},
    )
    assert r.status_code == 204, r.text
    assert _ask(c)  # the SPARQL workers were reopened and see it
    # the API sees it too: a new benchmark becomes resolvable
    upd = (
        "INSERT DATA { <https://w3id.org/kg/id/benchmark/newbench> a "
        "<https://w3id.org/kg/ontology#Benchmark> ; "
        '<http://www.w3.org/2004/02/skos/core#prefLabel> "NewBench" }'
    )
    assert (
        c.post(
            "/sparql", data={"update": upd}, headers={"Authorization": "Bearer s3cret"}
        ).status_code
        == 204
    )
    hits = c.get("/api/entities", params={"q": "newb", "all": "true"}).json()["entities"]
    assert [h["label"] for h in hits] == ["NewBench"]


def test_update_syntax_error_and_load_refused(writable_app):
    c = writable_app
    auth = {"Authorization": "Bearer s3cret"}
    r = c.post("/sparql", data={"update": "INSERT DATA { <a> }"}, headers=auth)
    assert r.status_code == 400
    r = c.post("/sparql", data={"update": "LOAD <http://127.0.0.1:9/data.ttl>"}, headers=auth)
    assert r.status_code == 400 and "LOAD" in r.text


def test_updates_need_a_token_to_be_enabled(mini_store_path):
    from kg.server import Settings, create_app

    with pytest.raises(ValueError):
        create_app(mini_store_path, Settings(enable_updates=True))


# --- no federation
# ---------------------------------------------------------------------------------
class Listener:
    """A TCP socket on 127.0.0.1 that records any connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = []
        self._stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            conn.settimeout(1)
            try:
                self.connections.append(conn.recv(4096))
            except OSError:
                self.connections.append(b"")
            conn.close()

    def close(self):
        self._stop = True
        self.thread.join(2)
        self.sock.close()


SERVICE_QUERIES = [
    "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "select * where {{ service   <http://127.0.0.1:{port}/sparql>{{?s ?p ?o}} }}",
    "SELECT * WHERE {{ sErViCe # a comment\n SILENT <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?a ?b ?c FILTER(?a<'>') SERVICE <http://127.0.0.1:{port}/> {{ ?x ?y ?z }} "
    "FILTER(?c != '') }}",
    "SELECT * WHERE {{ \\u0053ERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
    "PREFIX e: <http://127.0.0.1:{port}/> SELECT * WHERE {{ OPTIONAL {{ SERVICE e: {{ ?s ?p ?o }} "
    "}} }}",
    "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }} "
    "}} }}",
    "SELECT * WHERE {{ BIND(<http://127.0.0.1:{port}/> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
    "ASK {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
    "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
]


@pytest.mark.parametrize("template", SERVICE_QUERIES)
def test_service_is_refused_and_nothing_is_contacted(live_server, template):
    listener = Listener()
    try:
        q = template.format(port=listener.port)
        for send in (
            lambda: httpx.get(live_server.url + "/sparql", params={"query": q}, timeout=30),
            lambda: httpx.post(
                live_server.url + "/sparql",
                content=q.encode(),
                headers={"Content-Type": "application/sparql-query"},
                timeout=30,
            ),
            lambda: httpx.post(live_server.url + "/sparql", data={"query": q}, timeout=30),
        ):
            r = send()
            assert r.status_code == 400, r.text
            assert "SERVICE" in r.text or "federat" in r.text
        time.sleep(0.3)
        assert listener.connections == []
    finally:
        listener.close()


def test_word_service_in_strings_and_iris_is_fine(mini_client):
    q = (
        'SELECT ?x WHERE { VALUES ?x { "SERVICE <http://127.0.0.1:9/> { }" '
        "<http://example.org/service> } "
        "?y <http://example.org/SERVICE> ?x } # SERVICE"
    )
    r = mini_client.get("/sparql", params={"query": q})
    assert r.status_code == 200, r.text


def test_workers_cannot_reach_the_network_even_past_the_check(live_server):
    """Defence in depth: where the kernel allows it, the workers live in a network
    namespace of their own. Reported, not required (containers may forbid unshare)."""
    from kg.server.worker import execute

    pool = live_server.app.state.pool
    assert (
        httpx.get(live_server.url + "/sparql", params={"query": "ASK {}"}).status_code == 200
    )  # pool started
    deadline = time.time() + 30
    while pool.alive < live_server.app.state.settings.workers and time.time() < deadline:
        time.sleep(0.1)
    isolated = [w.info.get("isolated") for w in list(pool._all)]
    if not any(isolated):
        pytest.skip("this kernel does not let the workers unshare their network namespace")
    listener = Listener()
    try:
        # bypass the HTTP check on purpose and send SERVICE straight to a worker
        resp = pool.run(
            {
                "query": f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/> "
                f"{{ ?s ?p ?o }} }}",
                "accept": None,
                "max_rows": 10,
                "unchecked": True,
            },
            5,
        )
        assert resp["status"] == 500  # the connection failed inside the worker
        time.sleep(0.3)
        assert listener.connections == []
    finally:
        listener.close()
    assert execute  # imported for the reader: this is the function the worker runs
