"""The remote store backend against a real `oxigraph serve`: the same graph, the same
answers (canned queries, REST API, SPARQL endpoint, exports) as the embedded store,
idempotent re-ingest, and clear errors when the server is missing or failing."""

from __future__ import annotations

import io
import socket
import threading

import pyoxigraph as ox
import pytest

pytest_plugins = ["conftest_query", "conftest_remote"]


@pytest.fixture(scope="module")
def remote(remote_seed):
    from kg.store_open import open_store

    store = open_store(remote_seed, read_only=True)
    yield store
    store.close()


# --- the same graph ---------------------------------------------------------------------
def test_same_quads(seed_store, remote):
    assert len(remote) == len(seed_store) > 10_000
    emb, rem = io.BytesIO(), io.BytesIO()
    seed_store.dump(emb, ox.RdfFormat.N_QUADS)
    remote.dump(rem, ox.RdfFormat.N_QUADS)
    assert sorted(emb.getvalue().splitlines()) == sorted(rem.getvalue().splitlines())


def test_store_methods_agree(seed_store, remote):
    from kg.namespaces import KG, VOCAB_GRAPH, paper_graph

    g = paper_graph("2606.09856")
    assert remote.graph_exists(g) and not remote.graph_exists(paper_graph("no-such-paper"))
    assert set(remote.quads(g)) == set(seed_store.quads(g)) != set()
    graphs = [g, paper_graph("2606.09925"), paper_graph("missing")]
    assert remote.literal_objects(KG.record, graphs) == seed_store.literal_objects(
        KG.record, graphs
    )
    p = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    assert set(remote.store.quads_for_pattern(None, p, None, None)) == set(
        seed_store.store.quads_for_pattern(None, p, None, None)
    )
    assert set(remote.quads_for_pattern(None, p, None, VOCAB_GRAPH)) == set(
        seed_store.store.quads_for_pattern(None, p, None, VOCAB_GRAPH)
    )
    assert bool(remote.query("ASK { ?s ?p ?o }")) is True
    assert remote.supports_bulk is False and remote.discard_bulk_leftovers() == 0
    assert remote.has_papers() is seed_store.has_papers() is True
    assert (
        remote.existing_graphs(graphs)
        == seed_store.existing_graphs(graphs)
        == {g.value for g in graphs[:2]}
    )


# --- canned queries: identical answers --------------------------------------------------
def _canned_cases():
    from test_canned import QUERIES, SEED_CASES

    cases = [(name, params) for name, params, _ in SEED_CASES]
    for q in QUERIES.values():  # every query, also with its declared examples
        cases.append((q.name, {p.name: str(p.example) for p in q.params if p.example is not None}))
    return cases


CANNED = _canned_cases()


@pytest.mark.parametrize("name,params", CANNED, ids=[f"{c[0]}-{i}" for i, c in enumerate(CANNED)])
def test_canned_queries_identical(name, params, seed_store, remote):
    from kg.canned import load_queries, render
    from kg.results import run_select

    q = load_queries()[name]
    a = run_select(seed_store, render(q, params, seed_store))
    b = run_select(remote, render(q, params, remote))
    assert a.variables == b.variables
    assert a.rows == b.rows  # same terms (datatypes included), same order


def test_every_canned_query_is_compared():
    from kg.canned import load_queries

    assert {n for n, _ in CANNED} == set(load_queries())


# --- the REST API, the SPARQL endpoint and the exports ----------------------------------
@pytest.fixture(scope="module")
def remote_client(remote_seed):
    from fastapi.testclient import TestClient

    from kg.server import Settings, create_app

    app = create_app(remote_seed, Settings(timeout=5.0, workers=1, refresh_s=0))
    with TestClient(app) as c:
        yield c


API_PATHS = [
    ("/api/evaluations", {"subject": "Llama", "target": "GSM8K"}),
    ("/api/evaluations", {"subject": "Llama", "target": "NVIDIA", "include_variants": "true"}),
    ("/api/evaluations", {"subject": "no such model", "target": "GSM8K"}),
    ("/api/stats", {}),
    ("/api/papers", {"q": "stylometric fingerprinting"}),
    ("/api/papers", {"limit": "25", "offset": "10"}),
    ("/api/papers/2606.09856", {}),
    ("/api/entities", {"q": "llama", "limit": "20"}),
    ("/api/entities/benchmark/gsm8k", {}),
    ("/api/queries/leaderboard", {"benchmark": "gsm8k"}),
    ("/api/queries/most-used-models", {"format": "csv"}),
    ("/api/export", {"format": "cytoscape", "projection": "cooccurrence", "min_papers": "2"}),
    ("/", {}),
    ("/paper/2606.09925", {}),
]


@pytest.mark.parametrize(
    "path,params", API_PATHS, ids=[p + "?" + "&".join(q) for p, q in API_PATHS]
)
def test_api_identical(path, params, seed_client, remote_client):
    a = seed_client.get(path, params=params)
    b = remote_client.get(path, params=params)
    assert a.status_code == b.status_code, b.text[:500]
    assert a.headers.get("content-type") == b.headers.get("content-type")
    if "json" in a.headers.get("content-type", ""):
        assert a.json() == b.json()
    else:
        assert a.text == b.text


SPARQL = (
    "PREFIX kg: <https://w3id.org/kg/ontology#> SELECT ?b (COUNT(DISTINCT ?p) AS ?n) WHERE { "
    "?p kg:hasEvaluation/kg:onBenchmark ?b } GROUP BY ?b ORDER BY DESC(?n) ?b LIMIT 20"
)


@pytest.mark.parametrize(
    "accept", ["application/sparql-results+json", "text/csv", "application/sparql-results+xml"]
)
def test_sparql_endpoint_identical(accept, seed_client, remote_client):
    a = seed_client.get("/sparql", params={"query": SPARQL}, headers={"Accept": accept})
    b = remote_client.get("/sparql", params={"query": SPARQL}, headers={"Accept": accept})
    assert a.status_code == b.status_code == 200
    assert a.content == b.content and a.headers["x-kg-rows"] == b.headers["x-kg-rows"]


def test_sparql_endpoint_graphs_caps_and_errors(seed_client, remote_client):
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 50"
    for c in (seed_client, remote_client):
        r = c.get(
            "/sparql", params={"query": construct}, headers={"Accept": "application/n-triples"}
        )
        assert r.status_code == 200 and len(r.text.splitlines()) == 50
    # the row cap (default 10,000) stops the answer; the remote download stops there too
    r = remote_client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert (
        r.status_code == 200
        and r.headers["x-kg-truncated"] == "true"
        and r.headers["x-kg-rows"] == "10000"
    )
    r = remote_client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p "})
    assert r.status_code == 400
    r = remote_client.get(
        "/sparql", params={"query": "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }"}
    )
    assert r.status_code == 400 and "SERVICE" in r.text
    named = {
        "query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        "default-graph-uri": "https://w3id.org/kg/id/graph/vocab",
    }
    a, b = seed_client.get("/sparql", params=named), remote_client.get("/sparql", params=named)
    assert a.status_code == b.status_code == 200 and a.json() == b.json()


def test_sparql_time_limit_remote(remote_seed):
    """A query past the time limit answers 503 and the next one is answered normally."""
    from fastapi.testclient import TestClient

    from kg.server import Settings, create_app

    app = create_app(remote_seed, Settings(timeout=1.0, workers=1, refresh_s=0))
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with TestClient(app) as c:
        r = c.get("/sparql", params={"query": slow})
        assert r.status_code == 503 and "time limit" in r.text
        assert c.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


@pytest.mark.parametrize("fmt", ["nq", "ttl", "gexf"])
def test_exports_identical(fmt, seed_store, remote):
    from kg.graph_export import ExportScope, export_graph
    from kg.rdf_export import export_rdf

    outs = []
    for store in (seed_store, remote):
        buf = io.BytesIO()
        if fmt == "gexf":
            export_graph(store, fmt, buf, ExportScope(projection="bipartite"))
        else:
            export_rdf(store, fmt, buf)
        outs.append(buf.getvalue())
    if fmt == "nq":  # a dataset dump has no set order
        outs = [sorted(o.splitlines()) for o in outs]
    elif fmt == "ttl":  # nor has a CONSTRUCT: compare the triples
        outs = [set(ox.parse(o, format=ox.RdfFormat.TURTLE)) for o in outs]
    assert outs[0] == outs[1] and outs[0]


def test_cli_on_remote(remote_seed, seed_store_path, tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    runner = CliRunner()
    a = runner.invoke(
        app,
        [
            "query",
            "--store",
            str(seed_store_path),
            "--name",
            "leaderboard",
            "-p",
            "benchmark=GSM8K",
            "-f",
            "json",
        ],
    )
    b = runner.invoke(
        app,
        [
            "query",
            "--store",
            remote_seed,
            "--name",
            "leaderboard",
            "-p",
            "benchmark=GSM8K",
            "-f",
            "json",
        ],
    )
    assert a.exit_code == b.exit_code == 0 and a.stdout == b.stdout
    b = runner.invoke(
        app, ["export", "--store", remote_seed, "-f", "csv", "-o", str(tmp_path / "g.csv")]
    )
    assert b.exit_code == 0 and (tmp_path / "g.csv").exists()
    # endpoints given explicitly (relative to the base URL) and through the environment
    b = runner.invoke(app, ["stats", "--store", remote_seed, "--query-endpoint", "/query"])
    assert b.exit_code == 0 and "Paper" in b.stdout
    b = runner.invoke(
        app, ["stats", "--store", remote_seed], env={"KG_QUERY_ENDPOINT": remote_seed + "/query"}
    )
    assert b.exit_code == 0


# --- writes ---------------------------------------------------------------------------------
def test_reingest_is_idempotent(remote_seed, listings):
    from kg.ingest import ingest_paths
    from kg.store_open import open_store

    store = open_store(remote_seed)
    before = len(store)
    report = ingest_paths(store, listings, workers=1)
    assert report.quads_before == report.quads_after == before == len(store)
    assert sum(f.added + f.updated for f in report.files) == 0
    store.close()


def test_replace_add_remove_on_scratch_server(tmp_path):
    """Writes on a server of its own: replace_graphs swaps whole graphs, add_quads and
    remove_graph work, and the endpoints can be switched to SPARQL Update only."""
    from conftest_remote import OxigraphServer

    from kg.store_open import open_store

    srv = OxigraphServer(tmp_path / "db")
    try:
        for gsp in (None, "none"):
            store = open_store(srv.url, gsp_endpoint=gsp)
            assert (store.gsp_endpoint is None) == (gsp == "none")
            g1, g2 = ox.NamedNode("http://ex/g1"), ox.NamedNode("http://ex/g2")
            store.load_nquads(
                b'<http://ex/a> <http://ex/p> "1" <http://ex/g1> .\n'
                b'<http://ex/a> <http://ex/p> "2" <http://ex/g2> .\n'
            )
            assert len(store) == 2
            store.replace_graphs(
                [g1],
                [
                    '<http://ex/a> <http://ex/p> "x" <http://ex/g1> .\n'
                    '<http://ex/a> <http://ex/p> "y" <http://ex/g1> .\n'
                ],
                drop=[g2],
            )
            assert {q.object.value for q in store.quads()} == {"x", "y"} and not store.graph_exists(
                g2
            )
            store.add_quads(
                [
                    ox.Quad(
                        ox.NamedNode("http://ex/b"),
                        ox.NamedNode("http://ex/p"),
                        ox.Literal('é\n"'),
                        g2,
                    )
                ]
            )
            assert [q.object.value for q in store.quads(g2)] == ['é\n"']
            store.bulk_load_nquads(b"<http://ex/c> <http://ex/p> <http://ex/d> <http://ex/g3> .\n")
            assert len(store) == 4
            for g in (g1, g2, ox.NamedNode("http://ex/g3")):
                store.remove_graph(g)
            assert len(store) == 0
            store.close()
        ro = open_store(srv.url, read_only=True)
        from kg.store import StoreError

        with pytest.raises(StoreError, match="read-only"):
            ro.load_nquads(b"<http://ex/a> <http://ex/p> <http://ex/o> <http://ex/g> .\n")
    finally:
        srv.stop()


def test_chunked_replace_keeps_graphs_whole(tmp_path):
    """Batches bigger than one request are split at graph boundaries."""
    from conftest_remote import OxigraphServer

    from kg.store_open import open_store

    srv = OxigraphServer(tmp_path / "db")
    try:
        store = open_store(srv.url)
        store.max_update_bytes = 2_000
        graphs = [ox.NamedNode(f"http://ex/g{i}") for i in range(40)]
        nq = [
            "".join(f'<http://ex/s{j}> <http://ex/p> "v{j}" {g} .\n' for j in range(12))
            for g in graphs
        ]
        store.replace_graphs(graphs, nq)
        assert len(store) == 40 * 12
        rows = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        assert {int(r["n"].value) for r in rows} == {12}
        store.close()
    finally:
        srv.stop()


# --- errors ---------------------------------------------------------------------------------
def test_nothing_listening_is_a_clear_error():
    from conftest_remote import free_port

    from kg.store import StoreError
    from kg.store_open import open_store

    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(StoreError, match="cannot connect to the SPARQL server at .*is it running"):
        open_store(url)


def test_cli_nothing_listening_no_traceback():
    import subprocess

    from conftest_remote import free_port, kg_command, kg_env

    url = f"http://127.0.0.1:{free_port()}"
    for args in (
        ["stats", "--store", url],
        ["query", "--store", url, "ASK { ?s ?p ?o }"],
        ["ingest", "--store", url, "examples/listings/000_a9ef99fa9baf3023.txt"],
    ):
        r = subprocess.run(
            kg_command(*args), capture_output=True, text=True, timeout=120, env=kg_env()
        )
        assert r.returncode == 4, r.stderr
        assert "cannot connect to the SPARQL server" in r.stderr and "Traceback" not in r.stderr


def test_http_errors_show_status_and_body(oxigraph_server):
    from kg.store import StoreError
    from kg.store_open import open_store

    with pytest.raises(StoreError, match=r"answered 404 Not Found:\n.*not supported"):
        open_store(oxigraph_server.url, query_endpoint="/nowhere")
    store = open_store(oxigraph_server.url, update_endpoint="/nowhere")
    with pytest.raises(StoreError, match="404"):
        store.remove_graph(ox.NamedNode("http://ex/nothing"))
    with pytest.raises(SyntaxError, match="400"):
        store.query("SELECT * WHERE {")
    store.close()


def test_timeout_is_a_clear_error():
    """A server that accepts the connection and never answers."""
    from kg.remote_store import RemoteStore, RemoteTimeout

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    held = []
    stop = threading.Event()

    def accept() -> None:
        sock.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(sock.accept()[0])
            except OSError:
                pass

    t = threading.Thread(target=accept, daemon=True)
    t.start()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    try:
        with pytest.raises(RemoteTimeout, match="did not answer within 0.5 s"):
            RemoteStore(
                url,
                query_endpoint=url + "/query",
                update_endpoint=None,
                gsp_endpoint=None,
                timeout=0.5,
            )
    finally:
        stop.set()
        t.join(2)
        for c in held:
            c.close()
        sock.close()


def test_endpoint_resolution():
    from kg.store_open import remote_endpoints

    assert remote_endpoints("http://h:7878") == (
        "http://h:7878/query",
        "http://h:7878/update",
        "http://h:7878/store",
    )
    assert remote_endpoints(
        "http://h:8890/", "/sparql", "http://u:p@h:8890/sparql-auth", "none"
    ) == ("http://h:8890/sparql", "http://u:p@h:8890/sparql-auth", None)


def test_streamed_answer_stops_at_the_deadline():
    """The SPARQL endpoint parses remote answers while they stream in; past the time
    limit the read stops with RemoteTimeout (the endpoint answers 503)."""
    import time

    from kg.remote_http import BodyReader, RemoteTimeout

    def chunks():
        yield b'{"head":{"vars":["a"]},"results":{"bindings":['
        for i in range(200_000):
            yield b'{"a":{"type":"literal","value":"x%d"}},' % i
        yield b'{"a":{"type":"literal","value":"end"}}]}}'

    reader = BodyReader(chunks(), time.monotonic() + 0.05, "query")
    rows = ox.parse_query_results(
        io.BufferedReader(reader, 65536), format=ox.QueryResultsFormat.JSON
    )
    with pytest.raises(RemoteTimeout, match="time limit"):
        for _ in rows:
            pass
    assert reader.timed_out


def test_virtuoso_answers_are_mended():
    """Virtuoso's JSON (`typed-literal`, booleans as 1/0) reads like Oxigraph's."""
    from kg.remote_http import parse_answer

    body = (
        b'{ "head": { "link": [], "vars": ["b", "n"] }, "results": { "bindings": [ { "b": { '
        b'"type": '
        b'"typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#boolean", "value": "1" }, '
        b'"n": { '
        b'"type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer", '
        b'"value": "3" } } ] } }'
    )
    [row] = list(parse_answer(body, "application/sparql-results+json", virtuoso=True))
    assert row["b"] == ox.Literal(True) and row["n"] == ox.Literal(3)
    triples = parse_answer(
        b'<http://e/a> <http://e/p> "0"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n',
        "text/plain",
        virtuoso=True,
    )
    assert [t.object for t in triples] == [ox.Literal(False)]
