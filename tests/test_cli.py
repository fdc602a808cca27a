"""The CLI through Typer's CliRunner, on real files and real stores."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kg.cli import EXIT_NOTHING_READ, EXIT_STORE, app

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_help_lists_commands_with_examples():
    r = invoke("--help")
    assert r.exit_code == 0
    for cmd in ("ingest", "query", "stats", "validate", "export"):
        assert cmd in r.output
    for cmd in ("ingest", "query", "stats", "validate", "export"):
        h = invoke(cmd, "--help")
        assert h.exit_code == 0 and "Example" in h.output, cmd


@pytest.fixture(scope="module")
def built(tmp_path_factory, listings) -> str:
    store = str(tmp_path_factory.mktemp("cli") / "store")
    r = invoke("ingest", "--store", store, "--workers", "1", *map(str, listings))
    assert r.exit_code == 0, r.output
    return store


def test_ingest_prints_table_and_rerun_is_unchanged(built, listings):
    r = invoke("ingest", "--store", built, "--workers", "1", *map(str, listings))
    assert r.exit_code == 0
    assert "unchanged" in r.output
    assert "119" in r.output and "60" in r.output and "30" in r.output


def test_stats_counts_papers(built):
    r = invoke("stats", "--store", built)
    assert r.exit_code == 0
    assert "Paper" in r.output and "209" in r.output


def test_query_formats(built):
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?p a <https://w3id.org/kg/ontology#Paper> }"
    r = invoke("query", "--store", built, "--format", "json", q)
    assert r.exit_code == 0
    assert json.loads(r.output) == [{"n": 209}]
    r = invoke("query", "--store", built, "--format", "csv", q)
    assert r.output.splitlines() == ["n", "209"]
    r = invoke("query", "--store", built, q)
    assert "209" in r.output


def test_query_from_file_and_syntax_error(built, tmp_path):
    f = tmp_path / "q.rq"
    f.write_text("ASK { ?p a <https://w3id.org/kg/ontology#Paper> }")
    r = invoke("query", "--store", built, f"@{f}")
    assert r.exit_code == 0 and "true" in r.output
    r = invoke("query", "--store", built, "SELEC nonsense")
    assert r.exit_code == 2 and "syntax" in r.output.lower()


def test_validate_passes_on_a_sample_of_the_seed_graph(built):
    r = invoke("validate", "--store", built, "--limit", "5")  # 5 papers and the vocabulary
    assert r.exit_code == 0, r.output
    assert "conforms" in r.output


@pytest.mark.slow  # every paper of the sample graph through the compiled shapes (~8 s)
def test_validate_passes_on_seed_graph(built):
    r = invoke("validate", "--store", built)
    assert r.exit_code == 0, r.output
    assert "conforms" in r.output


@pytest.mark.parametrize(
    "fmt,needle",
    [
        ("nq", "<https://w3id.org/kg/id/paper/"),
        ("ttl", "@prefix"),
        ("nt", "<https://w3id.org/kg/id/paper/"),
        ("jsonld", "@id"),
    ],
)
def test_export_rdf(built, tmp_path, fmt, needle):
    out = tmp_path / f"g.{fmt}"
    r = invoke("export", "--store", built, "--format", fmt, "-o", str(out))
    assert r.exit_code == 0, r.output
    text = out.read_text()
    assert needle in text
    import rdflib

    if fmt == "nq":
        g = rdflib.Dataset()
        g.parse(out, format="nquads")
        assert len(g) > 0 or sum(len(x) for x in g.graphs()) > 1000
    else:
        g = rdflib.Graph().parse(
            out, format={"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt]
        )
        assert len(g) > 1000


def test_nothing_readable_exits_distinctly(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{nope\n[also nope\n")
    r = invoke("ingest", "--store", str(tmp_path / "s"), str(bad))
    assert r.exit_code == EXIT_NOTHING_READ
    assert "bad.jsonl" in r.output and "line 1" in r.output


def test_unknown_format_names_supported_ones(tmp_path):
    f = tmp_path / "x.bin"
    f.write_bytes(bytes(range(256)) * 4)
    r = invoke("ingest", "--store", str(tmp_path / "s"), str(f))
    assert r.exit_code == EXIT_NOTHING_READ
    assert "jsonl" in r.output.lower()


def test_unwritable_store_is_a_message_not_a_traceback(tmp_path, listings):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    r = invoke("ingest", "--store", str(blocker / "s"), str(listings[0]))
    assert r.exit_code == EXIT_STORE
    assert "Traceback" not in r.output and "not a directory" in r.output


def test_missing_store_for_query(tmp_path):
    r = invoke("stats", "--store", str(tmp_path / "none"))
    assert r.exit_code == EXIT_STORE and "no store" in r.output
