"""Real SPARQL clients (SPARQLWrapper, rdflib's SPARQLStore) against /sparql over a real
socket: they parse our answers and get the same facts as the REST API."""

from __future__ import annotations

import httpx
import pytest

pytest_plugins = ["conftest_query"]

PREFIXES = """PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
# the SPARQL equivalent of GET /api/evaluations?subject=Llama&target=GSM8K
EVALS = (
    PREFIXES
    + """SELECT ?id ?value ?unit ?metric ?evidence WHERE {
  ?s skos:broader* <https://w3id.org/kg/id/model/llama> .
  ?item kg:evaluatedSubject ?s ; kg:onBenchmark <https://w3id.org/kg/id/benchmark/gsm8k> .
  ?paper kg:hasEvaluation ?item ; dcterms:identifier ?id .
  OPTIONAL { ?item kg:value ?value } OPTIONAL { ?item kg:unit ?unit }
  OPTIONAL { ?item kg:withMetric/skos:prefLabel ?metric } OPTIONAL { ?item kg:evidence ?sent \
OPTIONAL { ?sent kg:text ?evidence } }
} ORDER BY ?id"""
)
LEADERBOARD = (
    PREFIXES
    + """SELECT ?subjectLabel ?value WHERE {
  ?item kg:onBenchmark <https://w3id.org/kg/id/benchmark/gsm8k> ; kg:evaluatedSubject ?s ; \
kg:value ?value .
  ?s skos:prefLabel ?subjectLabel } ORDER BY DESC(?value)"""
)


def api_evaluations(url):
    body = httpx.get(
        url + "/api/evaluations", params={"subject": "Llama", "target": "GSM8K"}
    ).json()
    return [
        (
            p["id"],
            r["value"],
            r["unit"],
            r["metric"]["label"] if r["metric"] else None,
            r["evidence"],
        )
        for p in body["papers"]
        for r in p["results"]
    ]


@pytest.mark.parametrize("fmt", ["json", "xml", "csv"])
def test_sparqlwrapper_select_matches_api(live_server, fmt):
    from SPARQLWrapper import CSV, JSON, XML, SPARQLWrapper

    sw = SPARQLWrapper(live_server.url + "/sparql")
    sw.setQuery(EVALS)
    sw.setReturnFormat({"json": JSON, "xml": XML, "csv": CSV}[fmt])
    res = sw.query().convert()
    expected = api_evaluations(live_server.url)
    assert expected == [
        (
            "2501.00001",
            84.5,
            "%",
            "accuracy",
            "Llama 3.1 8B reaches 84.5% accuracy on GSM8K and 66.1% on MMLU.",
        )
    ]
    if fmt == "json":
        got = [
            (
                b["id"]["value"],
                float(b["value"]["value"]),
                b["unit"]["value"],
                b["metric"]["value"],
                b["evidence"]["value"],
            )
            for b in res["results"]["bindings"]
        ]
    elif fmt == "xml":
        ns = "{http://www.w3.org/2005/sparql-results#}"
        got = []
        for result in res.getElementsByTagName("result"):
            vals = {
                b.getAttribute("name"): b.firstChild.firstChild.data
                for b in result.getElementsByTagName("binding")
            }
            got.append(
                (vals["id"], float(vals["value"]), vals["unit"], vals["metric"], vals["evidence"])
            )
        assert ns
    else:
        import csv
        import io

        rows = list(csv.DictReader(io.StringIO(res.decode())))
        got = [(r["id"], float(r["value"]), r["unit"], r["metric"], r["evidence"]) for r in rows]
    assert got == expected


def test_sparqlwrapper_post_ask_and_construct(live_server):
    from SPARQLWrapper import POST, TURTLE, SPARQLWrapper

    sw = SPARQLWrapper(live_server.url + "/sparql")
    sw.setMethod(POST)
    sw.setQuery("ASK { ?p a <https://w3id.org/kg/ontology#Paper> }")
    sw.setReturnFormat("json")
    assert sw.query().convert()["boolean"] is True
    sw = SPARQLWrapper(live_server.url + "/sparql")
    sw.setQuery(
        "CONSTRUCT { ?h <http://www.w3.org/2004/02/skos/core#broader> ?a } WHERE { "
        "?h <http://www.w3.org/2004/02/skos/core#broader> ?a ; a "
        "<https://w3id.org/kg/ontology#Hardware> }"
    )
    sw.setReturnFormat(TURTLE)
    from rdflib import Graph

    g = Graph().parse(data=sw.query().convert(), format="turtle")
    assert len(g) == 6
    sw = SPARQLWrapper(
        live_server.url + "/sparql"
    )  # RDF/XML, SPARQLWrapper's default for CONSTRUCT
    sw.setQuery("DESCRIBE <https://w3id.org/kg/id/hardware/h200>")
    g2 = sw.query().convert()
    assert any("H200" in str(o) for o in g2.objects())


def test_sparqlwrapper_syntax_error(live_server):
    from SPARQLWrapper import SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    sw = SPARQLWrapper(live_server.url + "/sparql")
    sw.setQuery("SELECT ?x WHERE { ?x }")
    with pytest.raises(QueryBadFormed):
        sw.query()


def test_rdflib_sparqlstore_matches_api(live_server):
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    g = Graph(store=SPARQLStore(live_server.url + "/sparql"))
    got = [
        (str(r.id), float(r.value), str(r.unit), str(r.metric), str(r.evidence))
        for r in g.query(EVALS)
    ]
    assert got == api_evaluations(live_server.url)
    board = [(str(r.subjectLabel), float(r.value)) for r in g.query(LEADERBOARD)]
    api = httpx.get(
        live_server.url + "/api/queries/leaderboard", params={"benchmark": "GSM8K"}
    ).json()["rows"]
    assert (
        board
        == [(r["subjectLabel"], r["value"]) for r in api]
        == [("Qwen2.5 7B", 85.1), ("Llama 3.1 8B", 84.5)]
    )
    assert bool(g.query("ASK { ?s ?p ?o }")) is True
    cg = g.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5")
    assert len(cg.graph) == 5


def test_live_api_roundtrip(live_server):
    r = httpx.get(live_server.url + "/health")
    assert r.status_code == 200 and r.json()["sparql_workers"] >= 1
    r = httpx.get(
        live_server.url + "/api/queries/papers-on-hardware",
        params={"hardware": "hopper"},
        headers={"Accept": "text/csv"},
    )
    assert r.status_code == 200 and r.text.count("\n") == 4  # header + 3 rows


def test_kg_serve_command(mini_store_path):
    """`kg serve` itself: uvicorn on a real port, SPARQL and API answering, clean stop."""
    import subprocess
    import sys
    import time
    from pathlib import Path

    from conftest_query import free_port

    port = free_port()
    kg = Path(sys.executable).parent / "kg"
    proc = subprocess.Popen(
        [
            str(kg),
            "serve",
            "--store",
            str(mini_store_path),
            "--port",
            str(port),
            "--timeout",
            "2",
            "--workers",
            "1",
            "--log-level",
            "warning",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 60
        while True:
            try:
                if httpx.get(base + "/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.time() < deadline and proc.poll() is None, proc.stdout.read().decode()[
                -2000:
            ]
            time.sleep(0.2)
        r = httpx.get(base + "/sparql", params={"query": "ASK { ?s ?p ?o }"})
        assert r.status_code == 200 and b"true" in r.content
        r = httpx.get(base + "/api/evaluations", params={"subject": "Llama", "target": "GSM8K"})
        assert [p["id"] for p in r.json()["papers"]] == ["2501.00001"]
        r = httpx.post(base + "/sparql", data={"update": "CLEAR ALL"})
        assert r.status_code == 403
    finally:
        proc.terminate()
        proc.wait(20)


def test_kg_serve_refuses_updates_without_token(mini_store_path, monkeypatch):
    from typer.testing import CliRunner

    from kg.cli_serve import app

    monkeypatch.delenv("KG_UPDATE_TOKEN", raising=False)
    r = CliRunner().invoke(app, ["serve", "--store", str(mini_store_path), "--enable-updates"])
    assert r.exit_code == 2 and "token" in r.output
