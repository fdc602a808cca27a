"""The query layer (kg/query) and what every face gets from it (issue #17).

A small graph written quad by quad (so it does not depend on extraction): entities whose
names collide, evaluations with base models and value kinds, metrics with a direction,
papers with and without dates. Each test fails without the change it covers.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

ROOT = Path(__file__).resolve().parents[1]
KG = "https://w3id.org/kg/ontology#"
ID = "https://w3id.org/kg/id/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DC = "http://purl.org/dc/terms/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD = "http://www.w3.org/2001/XMLSchema#"
VOCAB = ox.NamedNode(ID + "graph/vocabulary")

# id, type, label, aliases, broader
ENTITIES = [
    ("method/lora-plus", "Method", "LoRA+", [], []),  # never mentioned
    ("method/low-rank-adaptation", "Method", "low-rank adaptation", ["LoRA"], []),
    ("model/llama", "Model", "Llama", ["LLaMA"], []),
    ("model/llama-3-8b", "Model", "Llama 3 8B", ["Llama-3-8B"], ["model/llama"]),
    ("model/qwen", "Model", "Qwen", [], []),
    ("model/qwen2.5", "Model", "Qwen2.5", ["Qwen 2.5"], ["model/qwen"]),
    ("method/mathtune", "Method", "MathTune", [], []),
    ("method/glu", "Method", "GLU", [], []),
    ("method/global-local-uncertainty", "Method", "Global-Local Uncertainty", ["GLU"], []),
    ("benchmark/gsm8k", "Benchmark", "GSM8K", ["GSM-8K"], []),
    ("benchmark/math", "Benchmark", "MATH", [], []),
    ("benchmark/vocab-only", "Benchmark", "VocabOnlyBench", [], []),
    ("hardware/h100", "Hardware", "H100", [], []),
    ("metric/accuracy", "Metric", "accuracy", [], []),
    ("metric/perplexity", "Metric", "perplexity", [], []),
    ("metric/pass-at-1", "Metric", "pass@1", [], []),
]
DIRECTION = {"metric/accuracy": True, "metric/perplexity": False}  # pass@1: unknown


def E(eid: str) -> ox.NamedNode:
    return ox.NamedNode(ID + eid)


def lit(v, dt: str | None = None) -> ox.Literal:
    return ox.Literal(str(v), datatype=ox.NamedNode(XSD + dt)) if dt else ox.Literal(str(v))


# key, date, mentions, evaluations: (subject, benchmark, metric, value, kind, base models, keys)
PAPERS = [
    (
        "2601.00001",
        "2026-01-15",
        ["model/llama-3-8b", "benchmark/gsm8k", "metric/accuracy", "method/low-rank-adaptation"],
        [("model/llama-3-8b", "benchmark/gsm8k", "metric/accuracy", 80.0, "Score", [], True)],
    ),
    (
        "2601.00002",
        "2026-01-20",
        ["method/mathtune", "model/llama-3-8b", "benchmark/gsm8k", "method/low-rank-adaptation"],
        [
            # a method run on Llama 3 8B: found under Llama through kg:baseModel (no key)
            (
                "method/mathtune",
                "benchmark/gsm8k",
                "metric/accuracy",
                90.5,
                "Score",
                ["model/llama-3-8b"],
                False,
            ),
            (
                "method/mathtune",
                "benchmark/gsm8k",
                "metric/accuracy",
                4.2,
                "Improvement",
                ["model/llama-3-8b"],
                False,
            ),
        ],
    ),  # fmt: skip
    (
        "2603.00003",
        "2026-03-02",
        ["model/llama", "benchmark/gsm8k", "method/low-rank-adaptation", "method/glu"],
        [],  # mentions both, evaluates nothing
    ),
    (
        "2603.00004",
        None,  # undated
        [
            "model/qwen2.5",
            "benchmark/gsm8k",
            "metric/perplexity",
            "method/global-local-uncertainty",
        ],
        [
            ("model/qwen2.5", "benchmark/gsm8k", "metric/perplexity", 7.5, "Score", [], True),
            ("model/qwen2.5", "benchmark/gsm8k", "metric/perplexity", 5.1, "Score", [], True),
            ("model/qwen2.5", "benchmark/gsm8k", "metric/pass-at-1", 61.0, "Score", [], True),
            ("model/qwen2.5", "benchmark/gsm8k", "metric/pass-at-1", 70.0, "Score", [], True),
            ("model/qwen2.5", "benchmark/gsm8k", "metric/accuracy", 99.0, None, [], True),
        ],
    ),
]


def ancestors(eid: str) -> list[str]:
    out, stack = [], [eid]
    by = {e[0]: e for e in ENTITIES}
    while stack:
        x = stack.pop()
        if x not in out:
            out.append(x)
            stack += by[x][4]
    return out


def build(path: Path) -> Path:
    from kg.store import KGStore

    q: list[ox.Quad] = []
    for eid, typ, label, aliases, broader in ENTITIES:
        q.append(ox.Quad(E(eid), RDF_TYPE, ox.NamedNode(KG + typ), VOCAB))
        q.append(ox.Quad(E(eid), ox.NamedNode(SKOS + "prefLabel"), lit(label), VOCAB))
        for a in aliases:
            q.append(ox.Quad(E(eid), ox.NamedNode(SKOS + "altLabel"), lit(a), VOCAB))
        for b in broader:
            q.append(ox.Quad(E(eid), ox.NamedNode(SKOS + "broader"), E(b), VOCAB))
        if eid in DIRECTION:
            q.append(
                ox.Quad(
                    E(eid),
                    ox.NamedNode(KG + "higherIsBetter"),
                    lit(str(DIRECTION[eid]).lower(), "boolean"),
                    VOCAB,
                )
            )
    for key, date, mentions, evals in PAPERS:
        P = ox.NamedNode(ID + "paper/" + key)
        G = ox.NamedNode(ID + "graph/paper/" + key)
        q += [
            ox.Quad(P, RDF_TYPE, ox.NamedNode(KG + "Paper"), G),
            ox.Quad(P, ox.NamedNode(DC + "identifier"), lit(key), G),
            ox.Quad(P, ox.NamedNode(DC + "title"), lit(f"Paper {key}"), G),
        ]
        if date:
            q.append(ox.Quad(P, ox.NamedNode(DC + "issued"), lit(date, "date"), G))
        for m in mentions:
            q.append(ox.Quad(P, ox.NamedNode(KG + "mentions"), E(m), G))
        for n, (s, b, m, value, kind, base, keyed) in enumerate(evals):
            ev = ox.NamedNode(f"{P.value}/evaluation/{n}")
            sent = ox.NamedNode(f"{P.value}/sentence/{n}")
            q += [
                ox.Quad(P, ox.NamedNode(KG + "hasEvaluation"), ev, G),
                ox.Quad(ev, ox.NamedNode(KG + "evaluatedSubject"), E(s), G),
                ox.Quad(ev, ox.NamedNode(KG + "onBenchmark"), E(b), G),
                ox.Quad(ev, ox.NamedNode(KG + "withMetric"), E(m), G),
                ox.Quad(ev, ox.NamedNode(KG + "value"), lit(value, "double"), G),
                ox.Quad(ev, ox.NamedNode(KG + "unit"), lit("%"), G),
                ox.Quad(ev, ox.NamedNode(KG + "evidence"), sent, G),
                ox.Quad(sent, ox.NamedNode(KG + "text"), lit(f"{s} gets {value} on {b}."), G),
            ]
            if kind:
                q.append(ox.Quad(ev, ox.NamedNode(KG + "valueKind"), ox.NamedNode(KG + kind), G))
            for bm in base:
                q.append(ox.Quad(ev, ox.NamedNode(KG + "baseModel"), E(bm), G))
            if keyed:
                for a in ancestors(s):
                    for c in ancestors(b):
                        q.append(
                            ox.Quad(ev, ox.NamedNode(KG + "evaluationKey"), lit(f"{a} {c}"), G)
                        )
    store = KGStore(path)
    store.add_quads(q)
    store.flush()
    del store
    return path


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("ql") / "store")


@pytest.fixture(scope="module")
def kg(store_path):
    from kg.query import open_kg

    return open_kg(store_path).warm()


@pytest.fixture(scope="module")
def client(store_path):
    from fastapi.testclient import TestClient

    from kg.server import Settings, create_app

    app = create_app(store_path, Settings(workers=1, live_s=0))
    with TestClient(app) as c:
        yield c
    app.state.pool.close()


def cli(*args: str):
    from typer.testing import CliRunner

    from kg.cli import app

    return CliRunner().invoke(app, list(args), terminal_width=80)


# --- 1. one layer ---------------------------------------------------------------------------
def test_only_the_app_and_the_serve_command_import_kg_server():
    offenders = []
    for f in (ROOT / "kg").rglob("*.py"):
        rel = f.relative_to(ROOT).as_posix()
        if rel.startswith("kg/server/") or rel in ("kg/cli_serve.py",) or "_native" in rel:
            continue
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            if any(n == "kg.server" or n.startswith("kg.server.") for n in names):
                offenders.append(rel)
    assert offenders == []


def test_api_module_is_http_only():
    text = (ROOT / "kg/server/api.py").read_text(encoding="utf-8")
    assert len(text.splitlines()) < 400
    assert "SELECT" not in text and "quads_for_pattern" not in text
    for f in ("evaluations.py", "papers.py", "entities.py", "leaderboard.py", "canned.py"):
        src = (ROOT / "kg/query" / f).read_text(encoding="utf-8")
        assert "fastapi" not in src and "Request" not in src, f


# --- 2. resolution -------------------------------------------------------------------------
def test_exact_alias_beats_normalised_label_and_most_mentioned_wins(kg):
    r = kg.resolver.resolve("LoRA")
    assert r.label == "low-rank adaptation"  # alias, exact; not LoRA+ (normalised "lora")
    assert kg.resolver.resolve("lora+").label == "LoRA+"
    assert kg.resolver.resolve("h-100").label == "H100"
    assert kg.resolver.resolve("Gsm8k!").label == "GSM8K"
    assert kg.resolver.resolve("Qwen 2 5").label == "Qwen2.5"


def test_a_part_or_plural_of_a_name_resolves_to_the_mentioned_entity(kg):
    from kg.query import NotResolved
    from kg.query.resolver import TIER_PART

    # a paper's dataset written longer than its label, or in the plural
    r = kg.resolver.resolve("the 2024 GSM8K (grade school) split", ["Benchmark"])
    assert (r.label, r.tier, r.matched) == ("GSM8K", TIER_PART, "GSM8K")
    assert kg.resolver.resolve("Llama 3 8Bs", ["Model"]).label == "Llama 3 8B"
    # the longest part wins: "Llama 3 8B" over "Llama"
    assert kg.resolver.resolve("our Llama 3 8B runs", ["Model"]).label == "Llama 3 8B"
    # a part followed by a version is another variant; a never-mentioned entity is no
    # answer; both stay unresolved with suggestions
    for name in ("Qwen 2.6", "Llama 5", "VocabOnlyBench extended"):
        with pytest.raises(NotResolved):
            kg.resolver.resolve(name)


def test_ambiguous_name_answers_with_candidates(kg, client):
    from kg.query import Ambiguous

    with pytest.raises(Ambiguous) as e:
        kg.resolver.resolve("GLU")
    assert {c["label"] for c in e.value.candidates} == {"GLU", "Global-Local Uncertainty"}
    r = client.get("/api/entities/GLU")
    assert r.status_code == 409
    assert {c["label"] for c in r.json()["candidates"]} == {"GLU", "Global-Local Uncertainty"}
    assert client.get("/api/entities/method/glu").status_code == 200  # an id chooses


@pytest.mark.parametrize(
    "name,label", [("LoRA", "low-rank adaptation"), ("h-100", "H100"), ("Gsm8k!", "GSM8K")]
)
def test_same_entity_from_api_cli_and_exports(client, store_path, name, label):
    assert client.get(f"/api/entities/{name}").json()["label"] == label
    r = client.get("/api/export", params={"format": "cytoscape", "entity": name})
    assert r.status_code == 200, r.text
    nodes = json.loads(r.content)["elements"]["nodes"]
    assert label in {n["data"].get("label") for n in nodes}
    out = cli("export", "--store", str(store_path), "-f", "cytoscape", "--entity", name)
    assert out.exit_code == 0, out.output
    assert label in out.output


def test_unknown_name_same_suggestions_everywhere(client, store_path):
    api = client.get("/api/entities/Qwen 2.6")
    exp = client.get("/api/export", params={"format": "cytoscape", "entity": "Qwen 2.6"})
    assert api.status_code == exp.status_code == 404
    assert api.json()["suggestions"] == exp.json()["suggestions"] != []
    out = cli("export", "--store", str(store_path), "-f", "cytoscape", "--entity", "Qwen 2.6")
    assert out.exit_code == 1 and "Traceback" not in out.output
    assert api.json()["suggestions"][0]["label"] in out.output


# --- 3. evaluations in tiers ----------------------------------------------------------------
def test_a_store_without_base_model_keys_is_noticed(kg):
    """This store holds a base-model fact without its key (as stores written before the
    keys were): the lookup must then also query the base-model facts themselves."""
    from kg.query.evaluations import _base_keys

    assert not _base_keys(kg)


def test_evaluations_tiers_and_base_models(kg, client, store_path):
    from kg.query.evaluations import find_evaluations

    res = find_evaluations(kg, "Llama", "GSM8K")
    assert [p.id for p in res.papers] == ["2601.00002", "2601.00001"]
    via = {p.id: {r.via for r in p.results} for p in res.papers}
    assert via == {"2601.00002": {"base model"}, "2601.00001": {"subject"}}
    mt = res.papers[0].results[0]
    assert mt.subject.label == "MathTune" and [b.label for b in mt.base_models] == ["Llama 3 8B"]
    assert [p.id for p in res.mentioned] == ["2603.00003"] and res.mentioned_total == 1
    body = client.get("/api/evaluations", params={"subject": "Llama", "target": "GSM8K"}).json()
    assert [p["id"] for p in body["papers"]] == ["2601.00002", "2601.00001"]
    assert [p["id"] for p in body["mentioned"]] == ["2603.00003"]
    out = cli("evaluations", "Llama", "GSM8K", "--store", str(store_path))
    assert out.exit_code == 0, out.output
    evaluated, mentioned = out.output.split("Mentioned only")
    assert (
        "2601.00002" in evaluated and "2601.00001" in evaluated and "(on Llama 3 8B)" in evaluated
    )
    assert "2603.00003" in mentioned and "2603.00003" not in evaluated
    assert max(len(line) for line in out.output.splitlines()) <= 80


# --- 4. leaderboards and trends ------------------------------------------------------------
def test_leaderboard_scores_only_by_direction(kg, client):
    from kg.query.leaderboard import leaderboard

    lb = leaderboard(kg, "GSM8K")
    by = {g.metric.label: g for g in lb.metrics}
    acc = by["accuracy"]
    assert acc.higher_is_better is True
    # 90.5 and 80 are scores; the +4.2 improvement and the kind-less 99 are not
    assert [r.value for r in acc.rows] == [90.5, 80.0]
    assert acc.rows[0].paper.id == "2601.00002" and acc.rows[0].evidence
    assert [b.label for b in acc.rows[0].base_models] == ["Llama 3 8B"]
    assert [r.value for r in by["perplexity"].rows] == [5.1, 7.5]  # lower is better
    assert by["pass@1"].direction_known is False
    assert [r.value for r in by["pass@1"].rows] == [70.0, 61.0]
    api = client.get("/api/leaderboard", params={"benchmark": "gsm8k", "metric": "perplexity"})
    assert [r["value"] for r in api.json()["metrics"][0]["rows"]] == [5.1, 7.5]


def test_trend_counts_papers_per_month(kg, client):
    from kg.query.entities import trend

    t = trend(kg, "GSM8K")
    assert [(m.month, m.papers) for m in t.months] == [
        ("2026-01", 2),
        ("2026-02", 0),
        ("2026-03", 1),
    ]
    assert t.undated == 1
    body = client.get("/api/entities/benchmark/gsm8k/trend").json()
    assert body["months"][0] == {"month": "2026-01", "papers": 2}


# --- 6. honest counts and listings -----------------------------------------------------------
def test_stats_separate_mentioned_from_concepts(client, store_path):
    s = client.get("/api/stats").json()["entities"]
    assert s["Benchmark"] == {"mentioned": 1, "concepts": 3}
    out = cli("stats", "--store", str(store_path))
    assert out.exit_code == 0 and "mentioned" in out.output and "concepts" in out.output


def test_entity_listing_pages_mentioned_first(client):
    page = client.get("/api/entities", params={"limit": 2}).json()
    labels = [e["label"] for e in page["entities"]]
    assert page["total"] == 10 and len(labels) == 2  # pass@1 and 5 others: never mentioned
    assert labels[0] == "GSM8K" and page["entities"][0]["papers"] == 4
    everything = client.get("/api/entities", params={"all": "true", "limit": 200}).json()
    assert everything["total"] == len(ENTITIES)
    papers = [e["papers"] for e in everything["entities"]]
    assert papers == sorted(papers, reverse=True) and papers[-1] == 0
    second = client.get("/api/entities", params={"limit": 2, "offset": 2}).json()
    assert not {e["iri"] for e in second["entities"]} & {e["iri"] for e in page["entities"]}
    vocab_only = client.get("/api/entities", params={"q": "VocabOnly"}).json()
    assert vocab_only["entities"] == []
    assert client.get("/api/entities", params={"q": "VocabOnly", "all": "true"}).json()["total"]


# --- 7. dates ---------------------------------------------------------------------------------
def test_undated_papers_are_a_parameter(client):
    params = {"entity": "GSM8K", "from": "2026-01-01"}
    dated = client.get("/api/papers", params=params).json()
    assert {p["id"] for p in dated["papers"]} == {"2601.00001", "2601.00002", "2603.00003"}
    both = client.get("/api/papers", params={**params, "undated": "include"}).json()
    assert "2603.00004" in {p["id"] for p in both["papers"]}
    assert client.get("/api/papers", params={**params, "undated": "maybe"}).status_code == 400


# --- 8. small things ------------------------------------------------------------------------
def test_docs_work_offline(client):
    html = client.get("/docs").text
    assert "cdn" not in html.lower() and "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html
    for src in ("swagger-ui/swagger-ui-bundle.js", "swagger-ui/swagger-ui.css", "js/docs.js"):
        r = client.get(f"/static/{src}" if src.startswith("js") else f"/static/vendor/{src}")
        assert r.status_code == 200 and len(r.content) > 100
    assert (ROOT / "kg/static/vendor/swagger-ui/LICENSE").is_file()


def test_cli_user_errors_have_no_traceback(store_path, tmp_path):
    out = cli("query", "--store", str(store_path), f"@{tmp_path / 'missing.rq'}")
    assert out.exit_code == 2 and "cannot read" in out.output
    assert out.exception is None or isinstance(out.exception, SystemExit)


def test_cli_tables_show_labels_within_80_columns(store_path):
    q = "SELECT ?e ?p WHERE { ?p <https://w3id.org/kg/ontology#mentions> ?e } LIMIT 5"
    out = cli("query", "--store", str(store_path), q)
    assert out.exit_code == 0, out.output
    assert "https://" not in out.output and "paper/26" in out.output
    assert max(len(line) for line in out.output.splitlines()) <= 80


def test_readme_cli_default_store_is_the_demo_store():
    from kg.store import DEFAULT_STORE

    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f"STORE  ?= {DEFAULT_STORE.removeprefix('./')}" in make
    assert ".venv/bin/activate" in (ROOT / "README.md").read_text(encoding="utf-8")
