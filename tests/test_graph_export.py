"""Graph exports: every format is read back with its own reader and its node and edge
counts compared with counts taken from the store by independent SPARQL.

Most tests run on a small hand-made graph (`sample_store`: papers and extractions
mapped with kg.to_rdf, so they do not depend on the extractor); one runs on the seed
store when ingestion works.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
import types
import zipfile
from pathlib import Path

import networkx as nx
import pytest

from kg.graph_export import FORMATS, ExportScope, build_graph, export_graph
from kg.models import (
    Entity,
    Evaluation,
    Extraction,
    HardwareUse,
    Mention,
    Paper,
    Proposal,
    SourceRef,
    Span,
    title_key,
)
from kg.namespaces import SPARQL_PREFIXES
from kg.store import KGStore
from kg.to_rdf import entity_quads, ontology_quads, paper_quads

# --- a small graph, built without the extractor ------------------------------------------

ENTITIES = [
    Entity(
        id="model/llama-3.1-8b",
        type="Model",
        label="Llama 3.1 8B",
        aliases=["Llama-3.1-8B"],
        broader=["model/llama"],
    ),
    Entity(id="model/llama", type="Model", label="Llama", aliases=["LLaMA"]),
    Entity(id="model/qwen2.5-7b", type="Model", label="Qwen2.5 7B", aliases=["Qwen2.5-7B"]),
    Entity(id="model/colaguard", type="Model", label="ColaGuard", in_vocabulary=False),
    Entity(id="method/lora", type="Method", label="LoRA", aliases=["low-rank adaptation"]),
    Entity(id="benchmark/gsm8k", type="Benchmark", label="GSM8K"),
    Entity(id="benchmark/mmlu", type="Benchmark", label="MMLU"),
    Entity(id="hardware/h100", type="Hardware", label="H100", broader=["hardware/hopper"]),
    Entity(id="hardware/hopper", type="Hardware", label="Hopper", broader=["hardware/nvidia"]),
    Entity(id="hardware/nvidia", type="Hardware", label="NVIDIA"),
    Entity(id="metric/accuracy", type="Metric", label="accuracy"),
    Entity(id="benchmark/unused", type="Benchmark", label="Never Mentioned"),  # vocabulary only
]
BY_ID = {e.id: e for e in ENTITIES}

# (key, title, date, abstract, mentions [(surface, entity id)], proposes, evaluations, hardware)
PAPERS = [
    (
        "2501.00001",
        "Fine-tuning Llama 3.1 8B with LoRA",
        dt.date(2025, 1, 3),
        "We fine-tune Llama 3.1 8B with LoRA on GSM8K. Llama 3.1 8B reaches 84.5% accuracy on "
        "GSM8K. "
        "Training used 8 H100 GPUs.",
        [
            ("Llama 3.1 8B", "model/llama-3.1-8b"),
            ("LoRA", "method/lora"),
            ("GSM8K", "benchmark/gsm8k"),
            ("Llama 3.1 8B", "model/llama-3.1-8b"),
            ("accuracy", "metric/accuracy"),
            ("GSM8K", "benchmark/gsm8k"),
            ("H100", "hardware/h100"),
        ],
        [],
        [("model/llama-3.1-8b", "benchmark/gsm8k", "metric/accuracy", 84.5)],
        [("hardware/h100", "model/llama-3.1-8b")],
    ),
    (
        "2502.00002",
        "Qwen2.5 7B on MMLU and GSM8K",
        dt.date(2025, 2, 10),
        "We evaluate Qwen2.5 7B on MMLU and GSM8K. Qwen2.5 7B scores 71.2% on MMLU and beats Llama "
        "3.1 8B.",
        [
            ("Qwen2.5 7B", "model/qwen2.5-7b"),
            ("MMLU", "benchmark/mmlu"),
            ("GSM8K", "benchmark/gsm8k"),
            ("Llama 3.1 8B", "model/llama-3.1-8b"),
        ],
        [],
        [("model/qwen2.5-7b", "benchmark/mmlu", None, 71.2)],
        [],
    ),
    (
        "2503.00003",
        "ColaGuard: guardrails with latent reasoning",
        dt.date(2026, 3, 1),
        "We propose ColaGuard, a guardrail model trained with LoRA on H100 GPUs. ColaGuard beats "
        "Llama.",
        [
            ("ColaGuard", "model/colaguard"),
            ("LoRA", "method/lora"),
            ("H100", "hardware/h100"),
            ("ColaGuard", "model/colaguard"),
            ("Llama", "model/llama"),
        ],
        ["model/colaguard"],
        [],
        [("hardware/h100", None)],
    ),
    (
        "survey",
        "A survey of low-rank adaptation",
        None,
        "This survey covers LoRA and its variants applied to Llama and Qwen2.5 7B.",
        [("LoRA", "method/lora"), ("Llama", "model/llama"), ("Qwen2.5 7B", "model/qwen2.5-7b")],
        [],
        [],
        [],
    ),
    (
        "2505.00005",
        "Nothing to extract here",
        dt.date(2025, 5, 5),
        "A paper about something else entirely.",
        [],
        [],
        [],
        [],
    ),
]
TRANSLATED_TITLE = {"2501.00001": {"ja": "LoRA による Llama 3.1 8B の微調整"}}


def _span(abstract: str, start: int, end: int) -> Span:
    s0 = abstract.rfind(". ", 0, start)
    s0 = 0 if s0 < 0 else s0 + 2
    s1 = abstract.find(". ", end)
    s1 = len(abstract) if s1 < 0 else s1 + 1
    return Span(field="abstract", start=start, end=end, sentence=abstract[s0:s1], sentence_start=s0)


def sample_papers() -> list[tuple[Paper, Extraction]]:
    out = []
    for key, title, date, abstract, mentions, proposes, evals, hw in PAPERS:
        paper = Paper(
            title=title,
            abstract=abstract,
            arxiv_id=None if key == "survey" else key,
            published=date,
            titles=TRANSLATED_TITLE.get(key, {}),
            authors=["Ada Lovelace", "Alan Turing"],
            categories=["cs.LG"],
            sources=[SourceRef(file="sample.txt", record=1, format="test")],
        )
        ms, pos = [], 0
        for surface, eid in mentions:
            start = abstract.index(surface, pos if abstract.find(surface, pos) >= 0 else 0)
            pos = start + len(surface)
            ms.append(
                Mention(
                    text=surface,
                    entity_id=eid,
                    span=_span(abstract, start, pos),
                    source="vocab",
                    confidence=0.9,
                )
            )
        first = {m.entity_id: m.span for m in ms}
        ex = Extraction(
            paper_key=paper.key,
            extractor_version="test",
            entities={m.entity_id: BY_ID[m.entity_id] for m in ms},
            mentions=ms,
            proposes=[Proposal(entity=e, evidence=first[e], confidence=0.8) for e in proposes],
            evaluations=[
                Evaluation(
                    subject=s,
                    benchmark=b,
                    metric=m,
                    value=v,
                    unit="%",
                    value_text=f"{v}%",
                    evidence=first[b],
                    confidence=0.7,
                )
                for s, b, m, v in evals
            ],
            hardware_use=[
                HardwareUse(
                    hardware=h, subject=s, purpose="training", evidence=first[h], confidence=0.7
                )
                for h, s in hw
            ],
        )
        out.append((paper, ex))
    return out


def build_sample_store(path: Path) -> KGStore:
    store = KGStore(path)
    store.add_quads(ontology_quads())
    store.add_quads(entity_quads(ENTITIES))
    for paper, ex in sample_papers():
        store.add_quads(paper_quads(paper, ex))
    store.flush()
    return store


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> KGStore:
    return build_sample_store(tmp_path_factory.mktemp("graph") / "store")


# --- independent counts -----------------------------------------------------------------


def _count(store, body: str) -> int:
    rows = list(store.query(SPARQL_PREFIXES + f"SELECT (COUNT(*) AS ?n) WHERE {{ {body} }}"))
    return int(rows[0]["n"].value)


def store_counts(store, projection: str) -> tuple[int, int]:
    """(nodes, edges) of the whole-graph projection, counted with SPARQL only."""
    entities = _count(store, "SELECT DISTINCT ?e WHERE { ?p kg:mentions ?e }")
    if projection == "bipartite":
        papers = _count(store, "SELECT DISTINCT ?p WHERE { ?p kg:mentions ?e }")
        edges = _count(store, "SELECT DISTINCT ?p ?e WHERE { ?p kg:mentions ?e }")
        return papers + entities, edges
    pairs = _count(
        store, "SELECT DISTINCT ?a ?b WHERE { ?p kg:mentions ?a, ?b . FILTER(STR(?a) < STR(?b)) }"
    )
    return entities, pairs


# --- readers ----------------------------------------------------------------------------

CYTOSCAPE_SCHEMA = {
    "type": "object",
    "required": ["elements"],
    "properties": {
        "data": {"type": "object"},
        "elements": {
            "type": "object",
            "required": ["nodes", "edges"],
            "properties": {
                "nodes": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["data"],
                        "properties": {
                            "data": {
                                "type": "object",
                                "required": ["id", "label", "type", "papers", "iri"],
                                "properties": {
                                    "id": {"type": "string", "minLength": 1},
                                    "label": {"type": "string"},
                                    "name": {"type": "string"},
                                    "type": {"type": "string"},
                                    "papers": {"type": "integer", "minimum": 0},
                                    "first_year": {"type": "integer"},
                                    "kind": {"type": "string"},
                                    "iri": {"type": "string"},
                                },
                                "additionalProperties": {"type": ["string", "number", "boolean"]},
                            }
                        },
                    },
                },
                "edges": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["data"],
                        "properties": {
                            "data": {
                                "type": "object",
                                "required": ["id", "source", "target", "relation", "weight"],
                                "properties": {
                                    "id": {"type": "string"},
                                    "source": {"type": "string"},
                                    "target": {"type": "string"},
                                    "relation": {"type": "string"},
                                    "weight": {"type": "integer", "minimum": 1},
                                },
                                "additionalProperties": {"type": ["string", "number", "boolean"]},
                            }
                        },
                    },
                },
            },
        },
    },
}


def read_back(fmt: str, data: bytes) -> nx.Graph:
    """Parse an export with the reader of the tool it is meant for (or its closest)."""
    if fmt == "graphml":
        return nx.read_graphml(io.BytesIO(data))
    if fmt == "gexf":
        return nx.read_gexf(io.BytesIO(data), node_type=str)
    if fmt == "cytoscape":
        doc = json.loads(data)
        try:
            import jsonschema
        except ImportError:  # the dev extra is missing: check the shape cytoscape() needs by hand
            assert set(doc["elements"]) == {"nodes", "edges"}
            assert all(isinstance(n["data"]["id"], str) for n in doc["elements"]["nodes"])
            assert all(
                {"id", "source", "target"} <= set(e["data"]) for e in doc["elements"]["edges"]
            )
        else:
            jsonschema.validate(doc, CYTOSCAPE_SCHEMA)
        ids = [e["data"]["id"] for e in doc["elements"]["edges"]]
        assert len(set(ids)) == len(ids), "edge ids must be unique"
        return nx.cytoscape_graph(doc, name="name", ident="id")
    if fmt == "nodelink":
        return nx.node_link_graph(json.loads(data), edges="links")
    if fmt == "dot":
        pydot = pytest.importorskip("pydot")
        (g,) = pydot.graph_from_dot_data(data.decode("utf-8"))
        return nx.Graph(nx.nx_pydot.from_pydot(g))
    if fmt == "csv":
        import csv as _csv

        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert sorted(z.namelist()) == ["edges.csv", "nodes.csv"]
            nodes = list(_csv.DictReader(io.TextIOWrapper(z.open("nodes.csv"), encoding="utf-8")))
            edges = list(_csv.DictReader(io.TextIOWrapper(z.open("edges.csv"), encoding="utf-8")))
        G = nx.Graph()
        for n in nodes:
            G.add_node(n["Id"], **{k.lower(): v for k, v in n.items() if k != "Id" and v != ""})
        for e in edges:
            assert e["Source"] in G and e["Target"] in G
            G.add_edge(e["Source"], e["Target"], relation=e["relation"], weight=int(e["Weight"]))
        return G
    raise AssertionError(fmt)


def export_bytes(store, fmt: str, **scope) -> bytes:
    buf = io.BytesIO()
    export_graph(store, fmt, buf, ExportScope(**scope))
    return buf.getvalue()


# --- tests ------------------------------------------------------------------------------


@pytest.mark.parametrize("projection", ["bipartite", "cooccurrence"])
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_whole_graph_round_trips_with_store_counts(sample_store, fmt, projection):
    nodes, edges = store_counts(sample_store, projection)
    assert nodes > 0 and edges > 0
    G = read_back(fmt, export_bytes(sample_store, fmt, projection=projection))
    assert G.number_of_nodes() == nodes
    assert G.number_of_edges() == edges


def test_bipartite_attributes(sample_store):
    G = build_graph(sample_store, ExportScope())
    for n, d in G.nodes(data=True):
        assert None not in d.values(), n
        assert isinstance(d["label"], str) and isinstance(d["papers"], int) and d["type"]
        assert d["iri"].endswith(n)
    assert G.nodes["model/llama-3.1-8b"] | {} == {
        "type": "Model",
        "label": "Llama 3.1 8B",
        "papers": 2,
        "first_year": 2025,
        "iri": "https://w3id.org/kg/id/model/llama-3.1-8b",
    }
    assert G.nodes["model/colaguard"]["first_year"] == 2026
    assert G.nodes["paper/2501.00001"]["label"] == "Fine-tuning Llama 3.1 8B with LoRA"
    assert (
        "first_year" not in G.nodes["paper/" + title_key("A survey of low-rank adaptation")]
    )  # no date: left out, not None
    assert "paper/2505.00005" not in G  # nothing extracted: no edge, not in the projection
    assert "benchmark/unused" not in G  # vocabulary only
    # relation: the strongest thing the paper says about the entity; weight: its mentions
    assert G.edges["paper/2503.00003", "model/colaguard"] == {"relation": "proposes", "weight": 2}
    assert G.edges["paper/2501.00001", "benchmark/gsm8k"] == {"relation": "evaluates", "weight": 2}
    assert G.edges["paper/2501.00001", "hardware/h100"]["relation"] == "uses_hardware"
    assert G.edges["paper/2501.00001", "method/lora"] == {"relation": "mentions", "weight": 1}


def test_cooccurrence_weights_match_sparql(sample_store):
    G = build_graph(sample_store, ExportScope(projection="cooccurrence"))
    for a, b, d in G.edges(data=True):
        n = _count(
            sample_store,
            f"SELECT DISTINCT ?p WHERE {{ ?p kg:mentions <{G.nodes[a]['iri']}>, "
            f"<{G.nodes[b]['iri']}> }}",
        )
        assert d == {"relation": "co-occurs", "weight": n}
    assert G.edges["method/lora", "model/llama"]["weight"] == 2
    assert all(d["type"] != "Paper" for _, d in G.nodes(data=True))


def test_entity_neighbourhood(sample_store):
    G = build_graph(sample_store, ExportScope(entity="GSM8K", depth=1))
    assert set(G) == {"benchmark/gsm8k", "paper/2501.00001", "paper/2502.00002"}
    assert G.graph["center"] == "benchmark/gsm8k"
    G2 = build_graph(sample_store, ExportScope(entity="benchmark/gsm8k", depth=2))
    expected = {
        "benchmark/gsm8k",
        "paper/2501.00001",
        "paper/2502.00002",
        "model/llama-3.1-8b",
        "method/lora",
        "metric/accuracy",
        "hardware/h100",
        "model/qwen2.5-7b",
        "benchmark/mmlu",
    }
    assert set(G2) == expected
    # the ego graph holds every edge among its nodes
    full = build_graph(sample_store, ExportScope())
    assert G2.number_of_edges() == full.subgraph(expected).number_of_edges()
    # a label, an alias (any case) and the IRI all resolve to the same entity
    for name in ("llama-3.1-8b", "Llama 3.1 8B", "https://w3id.org/kg/id/model/llama-3.1-8b"):
        assert (
            build_graph(sample_store, ExportScope(entity=name)).graph["center"]
            == "model/llama-3.1-8b"
        )
    # co-occurrence neighbourhood: the entity and every entity sharing a paper with it
    C = build_graph(sample_store, ExportScope(entity="GSM8K", projection="cooccurrence"))
    assert set(C) == {
        "benchmark/gsm8k",
        "model/llama-3.1-8b",
        "method/lora",
        "metric/accuracy",
        "hardware/h100",
        "model/qwen2.5-7b",
        "benchmark/mmlu",
    }
    assert C.edges["benchmark/gsm8k", "model/llama-3.1-8b"]["weight"] == 2
    # a paper can be the centre too
    P = build_graph(sample_store, ExportScope(entity="paper/2503.00003"))
    assert set(P) == {
        "paper/2503.00003",
        "model/colaguard",
        "method/lora",
        "hardware/h100",
        "model/llama",
    }


def test_types_min_papers_min_degree_max_nodes(sample_store):
    G = build_graph(sample_store, ExportScope(types=["Model", "benchmark"]))
    ents = {d["type"] for _, d in G.nodes(data=True)}
    assert ents == {"Paper", "Model", "Benchmark"}
    G = build_graph(sample_store, ExportScope(projection="cooccurrence", min_papers=2))
    assert all(d["papers"] >= 2 for _, d in G.nodes(data=True))
    assert "model/colaguard" not in G and "method/lora" in G
    full = build_graph(sample_store, ExportScope())
    G = build_graph(
        sample_store, ExportScope(min_degree=3)
    )  # one pass over the degrees, then isolates go
    assert G and set(G) == {n for n, d in full.degree() if d >= 3} - set(
        nx.isolates(full.subgraph([n for n, d in full.degree() if d >= 3]))
    )
    G = build_graph(sample_store, ExportScope(max_nodes=4, entity="LoRA", depth=2))
    assert G.number_of_nodes() == 4 and "method/lora" in G and G.graph["total_nodes"] > 4


def test_bad_scope_messages(sample_store):
    with pytest.raises(ValueError, match="unknown graph format"):
        export_bytes(sample_store, "svg")
    with pytest.raises(ValueError, match="projection"):
        export_bytes(sample_store, "gexf", projection="tripartite")
    with pytest.raises(ValueError, match="unknown type"):
        export_bytes(sample_store, "gexf", types=["Gadget"])
    with pytest.raises(ValueError, match="no entity matches"):
        export_bytes(sample_store, "gexf", entity="No Such Thing")
    with pytest.raises(ValueError, match="depth"):
        export_bytes(sample_store, "gexf", entity="LoRA", depth=9)
    with pytest.raises(ValueError, match="either"):
        export_bytes(sample_store, "gexf", entity="LoRA", query="x")


@pytest.fixture
def fake_canned(monkeypatch):
    """A stand-in kg.canned with one query, so the scope is tested without queries/."""
    mod = types.ModuleType("kg.canned")

    class CannedError(Exception):
        pass

    q_papers = (
        SPARQL_PREFIXES
        + """SELECT ?paper ?title WHERE {
      ?paper kg:hasEvaluation ?ev ; dcterms:title ?title . FILTER(LANG(?title) = "")
      ?ev kg:onBenchmark ?b . ?b skos:prefLabel ?bl . FILTER(LCASE(STR(?bl)) = LCASE("$target")) \
}"""
    )
    q_entities = SPARQL_PREFIXES + "SELECT ?e WHERE { ?e a kg:Benchmark . ?p kg:mentions ?e }"
    queries = {"papers-on": q_papers, "benchmarks": q_entities}

    def render(q, params, store=None, resolver=None):
        if "$target" in q and "target" not in params:
            raise CannedError("missing parameter target")
        return q.replace("$target", params.get("target", ""))

    mod.CannedError, mod.render, mod.load_queries = CannedError, render, lambda: dict(queries)
    monkeypatch.setitem(sys.modules, "kg.canned", mod)
    return mod


def test_canned_query_scope(sample_store, fake_canned):
    G = build_graph(sample_store, ExportScope(query="papers-on", params={"target": "gsm8k"}))
    papers = {n for n, d in G.nodes(data=True) if d["type"] == "Paper"}
    assert papers == {"paper/2501.00001"}  # the only paper with an evaluation on GSM8K
    assert set(G["paper/2501.00001"]) == {
        "model/llama-3.1-8b",
        "method/lora",
        "benchmark/gsm8k",
        "metric/accuracy",
        "hardware/h100",
    }
    C = build_graph(
        sample_store,
        ExportScope(query="papers-on", params={"target": "GSM8K"}, projection="cooccurrence"),
    )
    assert set(C) == set(G["paper/2501.00001"]) and all(
        d["weight"] == 1 for *_, d in C.edges(data=True)
    )
    B = build_graph(
        sample_store, ExportScope(query="benchmarks")
    )  # entities only: widened to their papers
    assert {d["type"] for _, d in B.nodes(data=True)} == {"Paper", "Benchmark"}
    assert B.number_of_nodes() == 2 + 2
    with pytest.raises(ValueError, match="missing parameter"):
        build_graph(sample_store, ExportScope(query="papers-on"))
    with pytest.raises(ValueError, match="no canned query"):
        build_graph(sample_store, ExportScope(query="nope"))


def test_gexf_is_gephi_ready(sample_store):
    data = export_bytes(sample_store, "gexf")
    text = data.decode()
    assert 'xmlns="http://www.gexf.net/1.2draft"' in text and "None" not in text
    assert text.count("<attribute id=") == 6  # type papers first_year kind iri + relation
    G = nx.read_gexf(io.BytesIO(data), node_type=str)
    d = G.nodes["model/llama-3.1-8b"]
    assert d["label"] == "Llama 3.1 8B" and d["papers"] == 2 and d["first_year"] == 2025
    assert d["viz"]["color"] == {"r": 31, "g": 119, "b": 180, "a": 1.0}
    assert (
        G.edges["paper/2503.00003", "model/colaguard"]["weight"] == 2.0
    )  # GEXF weights read back as floats
    import xml.etree.ElementTree as ET

    root = ET.fromstring(data)
    types_ = {
        a.get("title"): a.get("type") for a in root.iter("{http://www.gexf.net/1.2draft}attribute")
    }
    assert types_ == {
        "type": "string",
        "papers": "long",
        "first_year": "long",
        "kind": "string",
        "iri": "string",
        "relation": "string",
    }


def test_graphml_typed_keys(sample_store):
    data = export_bytes(sample_store, "graphml")
    assert b"None" not in data
    import xml.etree.ElementTree as ET

    ns = "{http://graphml.graphdrawing.org/xmlns}"
    keys = {
        (k.get("for"), k.get("attr.name")): k.get("attr.type")
        for k in ET.fromstring(data).iter(ns + "key")
    }
    assert keys[("node", "papers")] == "long" and keys[("edge", "weight")] == "long"
    assert keys[("node", "label")] == "string" and keys[("graph", "projection")] == "string"
    G = nx.read_graphml(io.BytesIO(data))
    assert G.nodes["paper/2501.00001"]["first_year"] == 2025
    assert G.graph["projection"] == "bipartite"


def test_unicode_and_quotes_survive(tmp_path):
    store = KGStore(tmp_path / "s")
    store.add_quads(entity_quads([Entity(id='model/x"y', type="Model", label='Model "X\\Y" <b>&')]))
    p = Paper(
        title='Ein "Titel" mit Ümlaut & <Tags>\\',
        abstract='Uses Model "X\\Y" <b>& here.',
        arxiv_id="2501.09999",
    )
    s = p.abstract.index("Model")
    ex = Extraction(
        paper_key=p.key,
        extractor_version="t",
        mentions=[
            Mention(
                text='Model "X\\Y" <b>&',
                entity_id='model/x"y',
                span=_span(p.abstract, s, s + 16),
                source="vocab",
                confidence=1,
            )
        ],
    )
    store.add_quads(paper_quads(p, ex))
    for fmt in FORMATS:
        G = read_back(fmt, export_bytes(store, fmt))
        assert G.number_of_nodes() == 2 and G.number_of_edges() == 1, fmt
        labels = {d.get("label") for _, d in G.nodes(data=True)}
        if fmt != "dot":  # pydot keeps DOT's escapes in attribute values
            assert labels == {'Model "X\\Y" <b>&', p.title}, fmt


def test_empty_store_exports_empty_graphs(tmp_path):
    store = KGStore(tmp_path / "empty")
    for fmt in FORMATS:
        G = read_back(fmt, export_bytes(store, fmt))
        assert G.number_of_nodes() == 0, fmt


def test_cli_export(sample_store, tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    out = tmp_path / "g.gexf"
    r = CliRunner().invoke(
        app,
        [
            "export",
            "--store",
            str(sample_store.path),
            "--format",
            "gexf",
            "--projection",
            "cooccurrence",
            "--min-papers",
            "2",
            "-o",
            str(out),
        ],
    )
    assert r.exit_code == 0, r.output
    G = nx.read_gexf(out, node_type=str)
    assert G.number_of_nodes() > 0 and all(d["papers"] >= 2 for _, d in G.nodes(data=True))
    r = CliRunner().invoke(
        app,
        [
            "export",
            "--store",
            str(sample_store.path),
            "--format",
            "dot",
            "--entity",
            "nothing-like-this",
        ],
    )
    assert r.exit_code == 1 and "no entity matches" in r.output  # as the API's 404 says


def test_seed_store_counts(seed_store_path, tmp_path):
    """The bundled seed listings, through the real extractor."""
    store = KGStore(seed_store_path, read_only=True)
    for projection in ("bipartite", "cooccurrence"):
        nodes, edges = store_counts(store, projection)
        for fmt in ("gexf", "graphml", "cytoscape"):
            G = read_back(fmt, export_bytes(store, fmt, projection=projection))
            assert (G.number_of_nodes(), G.number_of_edges()) == (nodes, edges), (fmt, projection)
