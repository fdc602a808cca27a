"""`kg validate`'s SPARQL engine (the shapes compiled to SPARQL, kg/shacl_sparql.py) finds
exactly what pyshacl finds, on real papers and on graphs broken on purpose, and lists
violations by paper graph."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from typer.testing import CliRunner

from kg.cli import app
from kg.validate import validate_graph, validate_store

KG = "https://w3id.org/kg/ontology#"
N_PAPERS = 10

BREAKAGES = """
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
INSERT DATA {
  GRAPH <https://w3id.org/kg/id/graph/paper/broken1> {
    <https://w3id.org/kg/id/paper/broken1> a kg:Paper ;
        dcterms:title "One" , "Two" , "Deux"@fr , "Trois"@fr ;
        kg:arxivId "not-an-id!" ;
        dcterms:issued "2025-01-01" ;
        kg:hasEvaluation <https://w3id.org/kg/id/paper/broken1/eval/1> ;
        kg:hasSentence <https://w3id.org/kg/id/paper/broken1/s/1> ;
        kg:hasMention <https://w3id.org/kg/id/paper/broken1/m/1> ;
        dcterms:creator "A literal author" .
    <https://w3id.org/kg/id/paper/broken1/eval/1> a kg:Evaluation ;
        kg:unit "furlongs" ; kg:value "high" ;
        kg:evaluatedSubject <https://w3id.org/kg/id/paper/broken1> ;
        kg:startOffset 10 ; kg:endOffset 5 ; kg:confidence "sure" ;
        kg:evidence <https://w3id.org/kg/id/paper/broken1/s/1> .
    <https://w3id.org/kg/id/paper/broken1/s/1> kg:text "" ; kg:field "body" ;
        kg:sentenceStart -1 .
    <https://w3id.org/kg/id/paper/broken1/m/1> kg:span "3 1 2.5 rule" .
  }
  GRAPH <https://w3id.org/kg/id/graph/vocab> {
    <https://w3id.org/kg/id/entity/broken-model> a kg:Model ;
        skos:prefLabel "Broken" , "Model" ; dcterms:identifier 42 ;
        kg:inVocabulary "yes" .
  }
}
"""


@pytest.fixture(scope="module")
def small_store(seed_store):
    """An in-memory store: `N_PAPERS` papers of the seed store (with extraction), the
    vocabulary entities they use and the ontology."""
    q = f"""SELECT ?g WHERE {{ GRAPH ?g {{ ?p a <{KG}Paper> }} }} ORDER BY ?g LIMIT {N_PAPERS}"""
    graphs = [r["g"] for r in seed_store.query(q, use_default_graph_as_union=False)]
    mem = ox.Store()
    used: set[str] = set()
    for g in graphs:
        for quad in seed_store.store.quads_for_pattern(None, None, None, g):
            mem.add(quad)
            if isinstance(quad.object, ox.NamedNode) and "/entity/" in quad.object.value:
                used.add(quad.object.value)
    for quad in seed_store.store.quads_for_pattern(None, None, None, None):
        g = quad.graph_name
        if not isinstance(g, ox.NamedNode) or "/graph/paper/" in g.value:
            continue
        if "/graph/vocab" in g.value and quad.subject.value not in used:
            continue
        mem.add(quad)
    return mem


def _keys(violations) -> set[tuple[str, str, str]]:
    out = set()
    for v in violations:
        path = v.path if v.path.startswith(("http", "^")) else ""
        out.add((v.focus, path.lstrip("^") if path.startswith("^") else path, v.component))
    return out


def _pyshacl(mem: ox.Store):
    g = rdflib.Graph()
    data = ox.serialize(
        mem.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True),
        format=ox.RdfFormat.N_TRIPLES,
    )
    g.parse(data=data, format="nt")
    return validate_graph(g)


def _without_inverse_paths(keys):
    # pyshacl reports an inverse path as a blank node: compare those on focus and component
    return {(f, p if p.startswith("http") else "", c) for f, p, c in keys}


def test_sparql_engine_equals_pyshacl_on_real_papers(small_store):
    """(The subset leaves some references dangling, e.g. to entities only the left-out
    papers use: both engines must report the same ones.)"""
    ok_ref, ref = _pyshacl(small_store)
    ok, got = validate_store(small_store, engine="sparql")
    assert ok == ok_ref
    assert _without_inverse_paths(_keys(got)) == _without_inverse_paths(_keys(ref))


def test_sparql_engine_equals_pyshacl_on_broken_graphs(small_store):
    mem = ox.Store()
    mem.extend(small_store.quads_for_pattern(None, None, None, None))
    mem.update(BREAKAGES)
    # a fact whose evidence sentence does not hold its span, a mention of nothing
    ok_ref, ref = _pyshacl(mem)
    ok, got = validate_store(mem, engine="sparql")
    assert not ok_ref and not ok
    a, b = _without_inverse_paths(_keys(got)), _without_inverse_paths(_keys(ref))
    assert a == b, f"only sparql: {sorted(a - b)}\nonly pyshacl: {sorted(b - a)}"
    assert len(b) >= 15  # the breakages fire many different constraints
    by_graph = {v.graph for v in got}
    assert "https://w3id.org/kg/id/graph/paper/broken1" in by_graph
    assert "https://w3id.org/kg/id/graph/vocab" in by_graph


def test_cli_lists_violations_by_paper_and_exits_1(tmp_path, listings):
    store_dir = tmp_path / "s"
    runner = CliRunner()
    r = runner.invoke(
        app, ["ingest", "--store", str(store_dir), "--workers", "1", str(listings[0])]
    )
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["validate", "--store", str(store_dir)])
    assert r.exit_code == 0 and "conforms" in r.output, r.output
    from kg.store import KGStore
    from kg.store_generations import publish

    s = KGStore(store_dir)
    s.store.update(BREAKAGES)
    publish(s)  # what readers see
    s.close()
    r = runner.invoke(app, ["validate", "--store", str(store_dir)], env={"COLUMNS": "250"})
    assert r.exit_code == 1, r.output
    assert "paper/broken1" in r.output and "SHACL violations in 1 paper graph" in r.output


NOT_TARGETS = """
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
INSERT DATA {
  GRAPH <https://w3id.org/kg/id/graph/paper/odd> {
    # not a focus node of any shape: its odd values must not be reported
    <https://w3id.org/kg/id/thing/1> kg:arxivId "not-an-id!" ;
        dcterms:title "Un"@fr , "Une"@fr ; kg:startOffset 9 ; kg:endOffset 2 .
    # a paper that is a blank node: reported like any other (VALUES cannot name it)
    [] a kg:Paper ; dcterms:identifier "bn" ; dcterms:title "T" ;
        kg:record "{}"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON> ;
        kg:arxivId "bad id" , "2501.00001" .
  }
}
"""


def test_candidates_are_kept_only_on_focus_nodes(small_store):
    """Checks look for failing values over every node, then keep those on focus nodes:
    a node no shape targets is not reported, a blank-node focus node is (pyshacl agrees)."""
    mem = ox.Store()
    mem.extend(small_store.quads_for_pattern(None, None, None, None))
    mem.update(NOT_TARGETS)
    ok_ref, ref = _pyshacl(mem)
    ok, got = validate_store(mem, engine="sparql")
    assert not ok_ref and not ok
    keys = {(f, p, c) for f, p, c in _keys(got) if not f.startswith("http")}
    assert {c.rsplit("#", 1)[-1] for _, _, c in keys} >= {
        "PatternConstraintComponent",
        "MaxCountConstraintComponent",
    }
    assert not [v for v in got if "thing/1" in v.focus]
    # blank nodes get fresh labels in pyshacl's copy: compare the rest exactly and the
    # blank node's constraint components
    a, b = _without_inverse_paths(_keys(got)), _without_inverse_paths(_keys(ref))
    assert {k for k in a if k[0].startswith("http")} == {k for k in b if k[0].startswith("http")}
    assert {(p, c) for f, p, c in a if not f.startswith("http")} == {
        (p, c) for f, p, c in b if not f.startswith("http")
    }


def test_value_and_maximum_checks_never_enumerate_focus_nodes():
    """The compiled checks that can run on candidates do: their query names no target
    (the focus test runs on the candidates afterwards), and no check reads every
    rdf:type triple to find a class's instances (`?x a ?c . VALUES ?c {...}`)."""
    from kg.paths import ontology_dir
    from kg.shacl_sparql import compile_shapes

    checks = compile_shapes(ontology_dir() / "shapes.ttl", ontology_dir() / "kg.ttl")
    on_candidates = [
        c for c in checks if c.what.endswith(("MaxCount", "maxCount", "uniqueLang", "sparql"))
    ] + [c for c in checks if c.what.endswith(" values") and " node " not in c.what]
    assert len(on_candidates) > 50
    for c in on_candidates:
        assert c.focus, c.what
        assert c.focus not in c.query, c.what
    assert not [c.what for c in checks if "VALUES ?tc_" in c.full_text()]


def test_progress_names_each_check_before_it_ends(small_store):
    calls: list[tuple[int, int, str]] = []
    validate_store(small_store, threads=1, progress=lambda d, t, w: calls.append((d, t, w)))
    total = calls[-1][1]
    assert calls[0] == (0, total, "")
    assert calls[1][0] == 0 and calls[1][2]  # the first check, announced as it starts
    assert calls[-1][0] == total
    assert len(calls) == 2 * total + 1
