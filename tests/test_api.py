"""The REST API: evaluations, canned queries, papers, entities, stats, health, docs."""

from __future__ import annotations

import csv
import io

import pytest

pytest_plugins = ["conftest_query"]

ID = "https://w3id.org/kg/id/"


# --- evaluations --------------------------------------------------------------------------
def test_evaluations_with_variants(mini_client):
    r = mini_client.get("/api/evaluations", params={"subject": "Llama", "target": "GSM8K"})
    assert r.status_code == 200
    body = r.json()
    assert body["subject"] == {
        "iri": ID + "model/llama",
        "id": "model/llama",
        "label": "Llama",
        "type": "Model",
    }
    assert body["target"]["label"] == "GSM8K" and body["target"]["type"] == "Benchmark"
    assert body["subject_variants"] == 3
    [p] = body["papers"]
    assert p["id"] == "2501.00001" and p["url"] == "https://arxiv.org/abs/2501.00001"
    assert p["date"] == "2025-01-10"
    assert (p["metric"]["label"], p["value"], p["unit"]) == ("accuracy", 84.5, "%")
    assert p["evidence"] == "Llama 3.1 8B reaches 84.5% accuracy on GSM8K and 66.1% on MMLU."
    assert p["results"][0]["subject"]["label"] == "Llama 3.1 8B"


def test_evaluations_without_variants(mini_client):
    r = mini_client.get(
        "/api/evaluations",
        params={"subject": "Llama", "target": "GSM8K", "include_variants": "false"},
    )
    assert r.status_code == 200 and r.json()["papers"] == [] and r.json()["subject_variants"] == 1
    r = mini_client.get(
        "/api/evaluations",
        params={"subject": "Llama 3.1 8B", "target": "GSM8K", "include_variants": "false"},
    )
    assert [p["id"] for p in r.json()["papers"]] == ["2501.00001"]


@pytest.mark.parametrize(
    "subject,target",
    [
        ("llama-3.1-8b", "gsm8k"),
        ("LLaMA 3.1 8B", "GSM-8K"),
        ("llama 3.1 8b", "gsm 8k"),
        ("Llama3.1-8B", "Gsm8K"),
        (ID + "model/llama-3.1-8b", ID + "benchmark/gsm8k"),
        ("model/llama-3.1-8b", "benchmark/gsm8k"),
    ],
)
def test_evaluations_names_are_case_and_punctuation_insensitive(mini_client, subject, target):
    r = mini_client.get("/api/evaluations", params={"subject": subject, "target": target})
    assert r.status_code == 200, r.text
    assert r.json()["subject"]["iri"] == ID + "model/llama-3.1-8b"
    assert [p["id"] for p in r.json()["papers"]] == ["2501.00001"]


def test_evaluations_on_hardware_architecture(mini_client):
    r = mini_client.get("/api/evaluations", params={"subject": "Qwen", "target": "Hopper"})
    body = r.json()
    assert body["target"]["label"] == "Hopper" and body["target_variants"] == 3
    [p] = body["papers"]
    assert p["id"] == "2502.00002"
    assert (
        p["results"][0]["target"]["label"] == "H200" and p["results"][0]["purpose"] == "inference"
    )
    # newest first
    r = mini_client.get("/api/evaluations", params={"subject": "LoRA", "target": "NVIDIA"})
    assert [p["id"] for p in r.json()["papers"]] == ["2501.00001", "t-c8b26c7dcb1d7436"]


def test_evaluations_newest_first_and_paging(mini_client):
    r = mini_client.get("/api/evaluations", params={"subject": "Llama", "target": "MathBench-X"})
    assert [p["id"] for p in r.json()["papers"]] == ["2503.00003"]
    r = mini_client.get(
        "/api/evaluations", params={"subject": "LoRA", "target": "NVIDIA", "limit": 1, "offset": 1}
    )
    assert r.json()["total"] == 2 and [p["id"] for p in r.json()["papers"]] == [
        "t-c8b26c7dcb1d7436"
    ]


def test_evaluations_unknown_name_404_with_suggestions(mini_client):
    r = mini_client.get("/api/evaluations", params={"subject": "Lama 3.1", "target": "GSM8K"})
    assert r.status_code == 404
    body = r.json()
    assert "Lama 3.1" in body["detail"]
    assert "Llama 3.1" in [s["label"] for s in body["suggestions"]]
    r = mini_client.get("/api/evaluations", params={"subject": "Llama", "target": "HumanEvl"})
    assert r.status_code == 404 and r.json()["suggestions"][0]["label"] == "HumanEval"
    # a benchmark is not a subject
    r = mini_client.get("/api/evaluations", params={"subject": "GSM8K", "target": "MMLU"})
    assert r.status_code == 404


def test_evaluations_missing_params(mini_client):
    assert mini_client.get("/api/evaluations", params={"subject": "Llama"}).status_code == 422


def test_cli_evaluations(mini_store_path):
    from typer.testing import CliRunner

    from kg.cli_serve import app

    runner = CliRunner()
    r = runner.invoke(
        app, ["evaluations", "Llama", "GSM8K", "--store", str(mini_store_path), "--format", "json"]
    )
    assert r.exit_code == 0, r.output
    assert '"2501.00001"' in r.output
    r = runner.invoke(app, ["evaluations", "Lama", "GSM8K", "--store", str(mini_store_path)])
    assert r.exit_code == 1 and "did you mean" in r.output


def test_cli_queries_and_canned_query():
    from typer.testing import CliRunner

    from kg.cli_serve import app

    r = CliRunner().invoke(app, ["queries", "--names"])
    assert r.exit_code == 0 and "papers-evaluating" in r.output


def test_kg_query_name_contract(mini_store_path):
    from typer.testing import CliRunner

    from kg.cli import app

    r = CliRunner().invoke(
        app,
        [
            "query",
            "--store",
            str(mini_store_path),
            "--name",
            "leaderboard",
            "-p",
            "benchmark=GSM8K",
            "-f",
            "csv",
        ],
    )
    assert r.exit_code == 0, r.output
    assert "Qwen2.5 7B" in r.output and "85.1" in r.output
    r = CliRunner().invoke(
        app, ["query", "--store", str(mini_store_path), "--name", "leaderboard", "-p", "nope=1"]
    )
    assert r.exit_code == 2


# --- canned queries over HTTP -------------------------------------------------------------------
def test_list_queries(mini_client):
    r = mini_client.get("/api/queries")
    assert r.status_code == 200
    qs = {q["name"]: q for q in r.json()}
    assert len(qs) >= 12
    pe = qs["papers-evaluating"]
    assert [p["name"] for p in pe["params"]] == ["subject", "target"]
    assert pe["params"][0]["example"] == "Llama" and pe["params"][0]["entity"] == [
        "Model",
        "Method",
    ]
    assert pe["url"].startswith("/api/queries/papers-evaluating?")
    for q in qs.values():  # every example URL runs
        r = mini_client.get(q["url"])
        assert r.status_code == 200, (q["name"], r.text)


def test_canned_json_and_csv(mini_client):
    r = mini_client.get(
        "/api/queries/leaderboard", params={"benchmark": "gsm8k", "metric": "accuracy"}
    )
    assert r.status_code == 200
    body = r.json()
    assert body["query"] == "leaderboard" and body["count"] == 2
    assert [(x["subjectLabel"], x["value"]) for x in body["rows"]] == [
        ("Qwen2.5 7B", 85.1),
        ("Llama 3.1 8B", 84.5),
    ]
    for kwargs in (
        {"params": {"benchmark": "gsm8k", "format": "csv"}},
        {"params": {"benchmark": "gsm8k"}, "headers": {"Accept": "text/csv"}},
    ):
        r = mini_client.get("/api/queries/leaderboard", **kwargs)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(r.text)))
        assert rows[0]["subjectLabel"] == "Qwen2.5 7B" and rows[0]["value"] == "85.1"


def test_canned_errors(mini_client):
    r = mini_client.get("/api/queries/leaderboard")
    assert r.status_code == 400 and "missing required parameter" in r.json()["detail"]
    r = mini_client.get("/api/queries/leaderboard", params={"benchmark": "GSM8K", "colour": "red"})
    assert r.status_code == 400 and "unknown parameter" in r.json()["detail"]
    r = mini_client.get("/api/queries/leaderboard", params={"benchmark": "GSM8X"})
    assert r.status_code == 400 and r.json()["suggestions"][0]["label"] == "GSM8K"
    r = mini_client.get("/api/queries/benchmarks-proposed", params={"from": "last week"})
    assert r.status_code == 400
    r = mini_client.get("/api/queries/leaderboard?benchmark=GSM8K&benchmark=MMLU")
    assert r.status_code == 400
    r = mini_client.get("/api/queries/no-such-query")
    assert r.status_code == 404
    r = mini_client.get("/api/queries/leaderboard", params={"benchmark": "GSM8K", "format": "xml"})
    assert r.status_code == 400


def test_canned_sparql_text(mini_client):
    r = mini_client.get("/api/queries/leaderboard/sparql")
    assert r.status_code == 200 and "#+ summary:" in r.text


@pytest.mark.parametrize("attack", ['" } ; DROP ALL ; #', "x> } CLEAR ALL { <y", "' OR 1=1 --"])
def test_canned_injection_over_http(mini_client, attack):
    from kg.canned import load_queries

    before = mini_client.get("/api/stats").json()["counts"]["quads"]
    for q in load_queries().values():
        for p in q.params:
            params = {x.name: str(x.example) for x in q.params if x.example is not None}
            params[p.name] = attack
            r = mini_client.get(f"/api/queries/{q.name}", params=params)
            assert r.status_code in (200, 400), (q.name, p.name, r.text)
            if r.status_code == 200 and p.type == "string":
                assert r.json()["rows"] == []
    from kg.store import KGStore

    assert len(KGStore(mini_client.app.state.store_path, read_only=True)) == before


# --- papers
# ----------------------------------------------------------------------------------------
def test_papers_search(mini_client):
    r = mini_client.get("/api/papers", params={"q": "math"})
    body = r.json()
    assert body["total"] == 3
    assert [p["id"] for p in body["papers"]] == ["2503.00003", "2502.00002", "2501.00001"]
    r = mini_client.get("/api/papers", params={"q": "olympiad problems"})
    assert [p["id"] for p in r.json()["papers"]] == ["2503.00003"]  # abstract text


def test_papers_filters_and_paging(mini_client):
    r = mini_client.get("/api/papers", params={"entity": "Llama"})
    assert [p["id"] for p in r.json()["papers"]] == ["2503.00003", "2501.00001"]
    r = mini_client.get("/api/papers", params={"category": "cs.LG"})
    assert [p["id"] for p in r.json()["papers"]] == ["2502.00002", "t-c8b26c7dcb1d7436"]
    r = mini_client.get("/api/papers", params={"from": "2025-01-15", "to": "2025-03-01"})
    assert [p["id"] for p in r.json()["papers"]] == ["2502.00002"]
    r = mini_client.get("/api/papers", params={"limit": 2, "offset": 1})
    body = r.json()
    assert body["total"] == 4 and [p["id"] for p in body["papers"]] == ["2502.00002", "2501.00001"]
    assert mini_client.get("/api/papers", params={"from": "soon"}).status_code == 400
    assert mini_client.get("/api/papers", params={"entity": "Nonexistent Thing"}).status_code == 404
    r = mini_client.get("/api/papers", params={"q": '") } DROP ALL #'})
    assert r.status_code == 200 and r.json()["total"] == 0


def test_paper_detail(mini_client):
    r = mini_client.get("/api/papers/2501.00001")
    assert r.status_code == 200
    p = r.json()
    assert p["title"] == "Math reasoning with a small Llama"
    assert p["authors"] == ["Alice Smith", "Bob Jones"]
    assert p["categories"] == ["cs.CL"]
    assert p["graph"] == ID + "graph/paper/2501.00001"
    assert {e["label"] for e in p["entities"]} >= {
        "Llama 3.1 8B",
        "GSM8K",
        "MMLU",
        "LoRA",
        "H100",
        "MathTune",
    }
    assert [x["entity"]["label"] for x in p["proposes"]] == ["MathTune"]
    ev = {(e["subject"]["label"], e["benchmark"]["label"]): e for e in p["evaluations"]}
    assert ev[("Llama 3.1 8B", "GSM8K")]["value"] == 84.5
    assert ev[("Llama 3.1 8B", "GSM8K")]["evidence"]["sentence"].startswith("Llama 3.1 8B reaches")
    assert (
        p["hardware"][0]["hardware"]["label"] == "H100"
        and p["hardware"][0]["purpose"] == "training"
    )
    m = [x for x in p["mentions"] if x["entity"]["label"] == "GSM8K"][0]
    s = m["evidence"]
    assert s["sentence"][s["start"] : s["end"]] == "GSM8K"
    assert (m["surface"], m["rule"], s["field"], s["confidence"]) == (
        "GSM8K",
        "vocab",
        "abstract",
        1.0,
    )
    assert [x["evidence"]["start"] for x in p["mentions"]] == sorted(
        x["evidence"]["start"] for x in p["mentions"]
    )
    assert p["sources"] == [{"file": "mini.jsonl", "record": 1, "format": "jsonl"}]
    assert p["extractor_version"] == "test"
    r = mini_client.get("/api/papers/t-c8b26c7dcb1d7436")
    assert r.status_code == 200 and r.json()["url"] is None
    assert mini_client.get("/api/papers/9999.99999").status_code == 404
    assert mini_client.get("/api/papers/a b>c").status_code == 404


# --- entities
# --------------------------------------------------------------------------------------
def test_entity_search(mini_client):
    # mentioned entities only by default, most mentioned first; all=true adds the vocabulary
    r = mini_client.get("/api/entities", params={"q": "ll"})
    assert [e["label"] for e in r.json()["entities"]] == ["Llama 3.1 8B"]
    r = mini_client.get("/api/entities", params={"q": "ll", "all": "true"})
    assert [e["label"] for e in r.json()["entities"]] == ["Llama 3.1 8B", "Llama", "Llama 3.1"]
    r = mini_client.get("/api/entities", params={"q": "h", "type": "Hardware", "all": "true"})
    assert {e["label"] for e in r.json()["entities"]} == {"H100", "H200", "Hopper"}
    r = mini_client.get("/api/entities", params={"q": "low-rank"})  # an alias
    assert [e["label"] for e in r.json()["entities"]] == ["LoRA"]
    assert mini_client.get("/api/entities", params={"type": "Planet"}).status_code == 400


def test_entity_detail(mini_client):
    r = mini_client.get("/api/entities/model/llama-3.1-8b")
    assert r.status_code == 200
    e = r.json()
    assert e["label"] == "Llama 3.1 8B" and e["type"] == "Model" and e["kind"] == "model"
    assert set(e["aliases"]) == {"Llama-3.1-8B", "LLaMA 3.1 8B", "Llama3.1-8B"}
    assert [b["label"] for b in e["broader"]] == ["Llama 3.1"]
    assert e["counts"]["papers"] == 2 and e["counts"]["evaluations_as_subject"] == 3
    assert e["counts"]["hardware_usages"] == 0
    assert [p["id"] for p in e["papers"]] == ["2503.00003", "2501.00001"]
    assert {(x["benchmark"]["label"], x["value"]) for x in e["evaluations"]} == {
        ("GSM8K", 84.5),
        ("MMLU", 66.1),
        ("MathBench-X", 40.0),
    }
    fam = mini_client.get("/api/entities/Llama").json()
    assert fam["counts"]["papers"] == 0 and fam["counts"]["papers_with_variants"] == 2
    assert [n["label"] for n in fam["narrower"]] == ["Llama 3.1"]
    h = mini_client.get("/api/entities/" + ID + "hardware/h200").json()
    assert h["counts"]["hardware_usages"] == 2 and [b["label"] for b in h["broader"]] == ["Hopper"]
    mb = mini_client.get("/api/entities/mathbench-x").json()
    assert [p["id"] for p in mb["proposed_by"]] == ["2503.00003"]
    r = mini_client.get("/api/entities/Lamma")
    assert r.status_code == 404 and r.json()["suggestions"]


# --- meta
# ---------------------------------------------------------------------------------------------
def test_stats_and_health(mini_client):
    s = mini_client.get("/api/stats").json()["counts"]
    assert s["Paper"] == 4 and s["Evaluation"] == 7 and s["HardwareUsage"] == 5 and s["quads"] > 0
    h = mini_client.get("/health").json()
    assert h["status"] == "ok" and h["read_only"] is True and h["updates"] is False


def test_health_says_when_the_indexes_are_ready(mini_client):
    """The name and paper indexes are built in the background at start; /health says when
    they are there (benchmarks and load balancers wait for it), and again after a refresh
    drops them."""
    import time

    deadline = time.time() + 60
    while not mini_client.get("/health").json()["ready"]:
        assert time.time() < deadline, "the indexes were never built"
        time.sleep(0.05)
    papers = mini_client.app.state.kg_holder.current.papers
    papers.invalidate()
    try:
        assert mini_client.get("/health").json()["ready"] is False
    finally:
        papers.load()
    assert mini_client.get("/health").json()["ready"] is True


def test_openapi_is_a_complete_reference(mini_client):
    spec = mini_client.get("/openapi.json").json()
    paths = spec["paths"]
    for p in (
        "/sparql",
        "/api/evaluations",
        "/api/queries",
        "/api/queries/{name}",
        "/api/papers",
        "/api/papers/{paper_id}",
        "/api/entities",
        "/api/entities/{entity_id}",
        "/api/stats",
        "/health",
        "/api/queries/papers-evaluating",
        "/api/queries/leaderboard",
    ):
        assert p in paths, p
    params = {x["name"]: x for x in paths["/api/queries/papers-evaluating"]["get"]["parameters"]}
    assert params["subject"]["required"] is True and params["subject"]["example"] == "Llama"
    schemas = spec["components"]["schemas"]
    for m in (
        "EvaluationsResponse",
        "EvaluationPaper",
        "PaperDetail",
        "EntityDetail",
        "CannedResult",
        "NotFoundBody",
    ):
        assert m in schemas
    assert "example" in schemas["EvaluationPaper"]
    assert mini_client.get("/docs").status_code == 200


# --- the seed graph
# ----------------------------------------------------------------------------------
def test_seed_paper_and_search(seed_client):
    r = seed_client.get("/api/papers", params={"q": "stylometric fingerprinting"})
    assert [p["id"] for p in r.json()["papers"]] == ["2606.09854"]
    p = seed_client.get("/api/papers/2606.09856").json()
    assert (
        p["title"]
        == "Using Probabilistic Programs to Train Inductive Reasoning in Large Language Models"
    )
    assert "Brenden M. Lake" in p["authors"]
    assert seed_client.get("/api/stats").json()["counts"]["Paper"] == 209
