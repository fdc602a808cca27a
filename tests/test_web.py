"""The web explorer without a browser: pages, static assets (vendored, licensed, nothing
from a CDN), /api/export over HTTP, and the rendered canned queries.
The browser itself is driven in tests/test_browser.py."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from test_graph_export import build_sample_store, read_back, store_counts

from kg.graph_export import FORMATS

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "kg" / "static"


@pytest.fixture(scope="module")
def web_store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("web") / "store"
    store = build_sample_store(path)
    del store
    return path


@pytest.fixture(scope="module")
def client(web_store_path):
    from kg.server import create_app

    app = create_app(web_store_path)
    return TestClient(app)  # no lifespan: the SPARQL workers are not needed here


@pytest.fixture(scope="module")
def store(client):
    return client.app.state.kg_store


PAGES = [
    "/",
    "/?q=llama",
    "/entity/model/llama-3.1-8b",
    "/paper/2501.00001",
    "/evaluate",
    "/evaluate?subject=Llama&target=GSM8K",
    "/query",
    "/query?name=most-used-models",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_with_local_assets_only(client, path):
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "connect-src 'self'" in csp
    html = r.text
    assert html.startswith("<!doctype html>") and '<html lang="en">' in html
    assert '<a class="skip-link" href="#main">' in html and '<main id="main"' in html
    # every script and stylesheet is served here, and exists
    refs = re.findall(r'(?:src|href)="(/static/[^"?]+)(?:\?v=[0-9a-f]+)?"', html)
    assert any(x.endswith("kg.js") for x in refs) and any(x.endswith("kg.css") for x in refs)
    for ref in refs:
        assert (STATIC / ref[len("/static/") :]).is_file(), ref
        assert client.get(ref).status_code == 200
    # no asset from elsewhere (links to arxiv etc. are made by the scripts from data)
    assert not re.search(r'<(?:script|link)[^>]+(?:src|href)="(?:https?:)?//', html)
    # every form control has a label
    ids = set(re.findall(r'<input[^>]*\bid="([^"]+)"', html)) | set(
        re.findall(r'<select[^>]*\bid="([^"]+)"', html)
    )
    for i in ids:
        assert f'for="{i}"' in html, f"input #{i} has no label"


def test_request_values_are_escaped(client):
    r = client.get("/evaluate", params={"subject": '"><script>alert(1)</script>', "target": "x"})
    assert "<script>alert(1)</script>" not in r.text and "&lt;script&gt;" in r.text
    r = client.get("/entity/<img src=x onerror=alert(1)>")
    assert "<img src=x" not in r.text


def test_page_scripts(client):
    home = client.get("/").text
    assert "js/home.js" in home and "cytoscape.min.js" not in home
    entity = client.get("/entity/method/lora").text
    assert 'data-id="method/lora"' in entity
    assert (
        "vendor/cytoscape/cytoscape.min.js" in entity
        and "js/graph.js" in entity
        and "js/entity.js" in entity
    )
    query = client.get("/query").text
    assert "vendor/yasgui/yasgui.min.js" in query and "vendor/yasgui/yasgui.min.css" in query
    # one download link per export format on the pages that show a graph or a result
    for page in (entity, client.get("/paper/2501.00001").text, client.get("/evaluate").text, query):
        assert all(f'data-format="{f}"' in page for f in FORMATS)


def test_static_files(client):
    r = client.get("/static/js/kg.js")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/javascript")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/kg.css").headers["content-type"].startswith("text/css")
    assert "immutable" in client.get("/static/kg.css?v=1").headers["cache-control"]
    for bad in (
        "/static/../routes.py",
        "/static/%2e%2e/routes.py",
        "/static/nope.js",
        "/static/js",
    ):
        assert client.get(bad).status_code == 404, bad


def test_vendored_assets_are_complete_and_offline():
    vendor = STATIC / "vendor"
    for f in (
        "cytoscape/cytoscape.min.js",
        "cytoscape/LICENSE",
        "yasgui/yasgui.min.js",
        "yasgui/yasgui.min.css",
        "yasgui/LICENSE",
        "yasgui/THIRD-PARTY-LICENSES.txt",
        "swagger-ui/swagger-ui-bundle.js",
        "swagger-ui/swagger-ui.css",
        "swagger-ui/LICENSE",
        "plot/plot.umd.min.js",
        "plot/d3.min.js",
        "plot/LICENSE",
    ):
        assert (vendor / f).is_file() and (vendor / f).stat().st_size > 500, f
    assert "Cytoscape Consortium" in (vendor / "cytoscape/LICENSE").read_text()
    assert "MIT License" in (vendor / "yasgui/LICENSE").read_text()
    assert "codemirror" in (vendor / "yasgui/THIRD-PARTY-LICENSES.txt").read_text()
    for f in vendor.rglob("*.js"):
        assert "sourceMappingURL" not in f.read_text()[-300:], f  # the maps are not shipped
    # our own scripts talk to this server only
    for f in (STATIC / "js").glob("*.js"):
        text = f.read_text()
        for url in re.findall(r"fetch\(\s*[\"'`]([^\"'`]+)", text):
            assert url.startswith("/"), (f.name, url)
        assert "cdn" not in text.lower(), f.name
    pkg = json.loads((ROOT / "package.json").read_text())
    assert set(pkg["devDependencies"]) == {
        "cytoscape",
        "@zazuko/yasgui",
        "swagger-ui-dist",
        "@observablehq/plot",
        "d3",
    }
    for name, folder in (
        ("cytoscape", "cytoscape"),
        ("swagger-ui-dist", "swagger-ui"),
        ("@observablehq/plot", "plot"),
        ("d3", "plot"),
    ):
        assert pkg["devDependencies"][name] in (vendor / folder / "VERSION").read_text(), name
    assert "Apache License" in (vendor / "swagger-ui/LICENSE").read_text()
    assert "ISC" in (vendor / "plot/LICENSE").read_text()


# --- /api/export -------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_endpoint_every_format(client, store, fmt):
    r = client.get("/api/export", params={"format": fmt, "projection": "cooccurrence"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == FORMATS[fmt][1].split(";")[0]
    assert r.headers["content-disposition"].startswith("attachment;")
    assert r.headers["content-disposition"].endswith(FORMATS[fmt][0] + '"')
    G = read_back(fmt, r.content)
    nodes, edges = store_counts(store, "cooccurrence")
    assert (G.number_of_nodes(), G.number_of_edges()) == (nodes, edges)
    assert r.headers["x-kg-nodes"] == str(nodes) and r.headers["x-kg-edges"] == str(edges)


def test_export_endpoint_scopes(client):
    r = client.get(
        "/api/export",
        params={
            "format": "cytoscape",
            "entity": "GSM8K",
            "depth": 2,
            "max_nodes": 5,
            "download": "false",
        },
    )
    assert r.status_code == 200 and r.headers["content-disposition"].startswith("inline;")
    doc = r.json()
    assert len(doc["elements"]["nodes"]) == 5 and r.headers["x-kg-total-nodes"] == "9"
    assert doc["data"]["center"] == "benchmark/gsm8k"
    r = client.get(
        "/api/export",
        params=[("format", "graphml"), ("types", "Model"), ("types", "Benchmark,Paper")],
    )
    G = nx.read_graphml(io.BytesIO(r.content))
    assert {d["type"] for _, d in G.nodes(data=True)} == {"Paper", "Model", "Benchmark"}
    r = client.get(
        "/api/export", params={"format": "nodelink", "projection": "cooccurrence", "min_papers": 2}
    )
    assert all(n["papers"] >= 2 for n in r.json()["nodes"])


def test_export_endpoint_canned_query(client):
    # a canned query's parameters travel as further query parameters
    r = client.get("/api/export", params={"format": "nodelink", "query": "most-used-benchmarks"})
    assert r.status_code == 200, r.text
    G = nx.node_link_graph(r.json(), edges="links")
    assert {"benchmark/gsm8k", "benchmark/mmlu"} <= set(G)
    assert G.graph["scope"].startswith("bipartite; query most-used-benchmarks")
    r = client.get("/api/export", params={"format": "gexf", "query": "no-such-query"})
    assert r.status_code == 404 and "no canned query" in r.json()["detail"]


@pytest.mark.parametrize(
    "params,status,needle",
    [
        ({"format": "svg"}, 400, "unknown format"),
        ({"format": "gexf", "projection": "tree"}, 400, "unknown projection"),
        ({"format": "gexf", "types": "Gadget"}, 400, "unknown type"),
        ({"format": "gexf", "entity": "No Such Model"}, 404, "no entity matches"),
        ({"format": "gexf", "entity": "LoRA", "query": "most-used-models"}, 400, "either"),
        ({"format": "gexf", "depth": 9, "entity": "LoRA"}, 422, "depth"),
    ],
)
def test_export_endpoint_errors(client, params, status, needle):
    r = client.get("/api/export", params=params)
    assert r.status_code == status
    assert needle in json.dumps(r.json())


def test_export_in_openapi(client):
    spec = client.get("/openapi.json").json()
    assert "/api/export" in spec["paths"] and "/web/canned/{name}" in spec["paths"]
    assert not any(p.startswith(("/static", "/entity", "/paper/")) for p in spec["paths"])


# --- canned queries, rendered for the editor --------------------------------------------------
def test_rendered_canned_query(client):
    r = client.get("/web/canned/papers-evaluating", params={"subject": "Llama", "target": "GSM8K"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/sparql-query")
    assert "<https://w3id.org/kg/id/model/llama>" in r.text and "VALUES" in r.text
    r = client.get("/web/canned/papers-evaluating", params={"subject": "Lama", "target": "GSM8K"})
    assert r.status_code == 400 and r.json()["suggestions"]
    assert client.get("/web/canned/nope").status_code == 404
