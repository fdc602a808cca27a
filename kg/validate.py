"""SHACL validation of the store against ontology/shapes.ttl, with a readable report.

Two engines give the same violations (tests/test_validate.py):

* `sparql` (default): the shapes compiled to SPARQL (kg.shacl_sparql) and run on the
  store itself, queries in parallel threads; each violation is attributed to the named
  graph its focus node lives in, so the report lists them by paper. Scales with the store.
* `pyshacl`: the reference implementation, on an rdflib copy of the union of the store's
  graphs (minutes for the sample graph; for samples of big ones: `limit` papers at most).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox
import rdflib

from kg.namespaces import KG_IRI as KG
from kg.paths import ontology_dir
from kg.store import pattern_source

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


@dataclass
class Violation:
    focus: str
    path: str
    message: str
    severity: str
    graph: str = ""  # the named graph of the focus node (a paper's graph), sparql engine
    component: str = ""  # the SHACL constraint component, e.g. ...#MinCountConstraintComponent


def _union_ntriples(store, limit: int) -> bytes:
    """The graph to validate: everything, or `limit` paper graphs plus the shared vocabulary
    and what the shared graph says about the authors and categories they link to."""
    if limit:
        from kg.namespaces import SHARED_GRAPH, VOCAB_GRAPH

        papers = (
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?paper a <{KG}Paper> }} }} LIMIT {int(limit)}"
        )
        q = f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  {{ {{ {papers} }}
     GRAPH ?g {{ ?s ?p ?o }} }}
  UNION {{ {{ SELECT DISTINCT ?s WHERE {{ {{ {papers} }} GRAPH ?g {{ ?x ?y ?s }} }} }}
          GRAPH {SHARED_GRAPH} {{ ?s ?p ?o }} }}
  UNION {{ GRAPH {VOCAB_GRAPH} {{ ?s ?p ?o }} }}
}}"""
        return (
            ox.serialize(
                store.query(q, use_default_graph_as_union=False), format=ox.RdfFormat.N_TRIPLES
            )
            or b""
        )
    return (
        ox.serialize(
            store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"), format=ox.RdfFormat.N_TRIPLES
        )
        or b""
    )


def validate_graph(data: rdflib.Graph) -> tuple[bool, list[Violation]]:
    import pyshacl

    shapes = rdflib.Graph().parse(ontology_dir() / "shapes.ttl")
    ont = rdflib.Graph().parse(ontology_dir() / "kg.ttl")
    conforms, report, _ = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ont, inference="none", allow_warnings=True
    )
    out = []
    for r in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        out.append(
            Violation(
                focus=str(report.value(r, SH.focusNode)),
                path=str(report.value(r, SH.resultPath) or ""),
                message=str(report.value(r, SH.resultMessage) or ""),
                severity=str(report.value(r, SH.resultSeverity) or "").rsplit("#", 1)[-1],
                component=str(report.value(r, SH.sourceConstraintComponent) or ""),
            )
        )
    out.sort(key=lambda v: (v.focus, v.path))
    return bool(conforms), out


def validate_store(
    store,
    limit: int = 0,
    *,
    engine: str = "sparql",
    threads: int = 2,
    progress: Callable[[int, int, str], None] | None = None,
) -> tuple[bool, list[Violation]]:
    """Validate the store (or `limit` of its papers with the vocabulary); `progress(done,
    total, what)` as each compiled check starts and ends (sparql engine; `what` names the
    checks under way), so a long run is seen to move."""
    if engine == "pyshacl":
        g = rdflib.Graph()
        g.parse(data=_union_ntriples(store, limit), format="nt")
        return validate_graph(g)
    if engine != "sparql":
        raise ValueError(f"unknown validation engine {engine!r} (sparql or pyshacl)")
    from kg.shacl_sparql import compile_shapes, run_checks

    checks = compile_shapes(ontology_dir() / "shapes.ttl", ontology_dir() / "kg.ttl")
    target = _limited_store(store, limit) if limit else store
    done = 0
    running: list[str] = []  # the checks under way, shown by the progress bar
    lock = threading.Lock()

    def on_start(check) -> None:
        with lock:
            running.append(check.what)
            if progress:
                progress(done, len(checks), " | ".join(running))

    def on_done(check, n: int) -> None:
        nonlocal done
        with lock:
            done += 1
            if check.what in running:
                running.remove(check.what)
            if progress:
                progress(done, len(checks), " | ".join(running) or check.what)

    if progress:
        progress(0, len(checks), "")
    found = run_checks(target, checks, threads=threads, on_done=on_done, on_start=on_start)
    graphs = _graphs_of(target, {f.focus for f in found})
    out = [
        Violation(
            focus=_plain(f.focus),
            path=f.path,
            message=f.message,
            severity="Violation",
            graph=graphs.get(f.focus, ""),
            component=f.component,
        )
        for f in found
    ]
    out.sort(key=lambda v: (v.graph, v.focus, v.path, v.component))
    return not out, out


def _plain(term: str) -> str:
    """A node as pyshacl reports it: an IRI or a literal's lexical form (N-Triples in)."""
    if term.startswith("<") and term.endswith(">"):
        return term[1:-1]
    if term.startswith('"'):
        try:
            (t,) = ox.parse(f"<x:s> <x:p> {term} .", format=ox.RdfFormat.N_TRIPLES)
            return t.object.value
        except (SyntaxError, ValueError):
            return term
    return term


def _limited_store(store, limit: int):
    """An in-memory copy of `limit` paper graphs plus the vocabulary and ontology graphs and
    what the shared graph says about the nodes those papers link to (author labels,
    category notations)."""
    from kg.namespaces import SHARED_GRAPH, VOCAB_GRAPH

    owl = "<http://www.w3.org/2002/07/owl#Ontology>"
    papers = (
        f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?paper a <{KG}Paper> }} }} LIMIT {int(limit)}"
    )
    q = f"""SELECT ?g ?s ?p ?o WHERE {{
  {{ {{ {papers} }} }}
  UNION {{ VALUES ?g {{ {VOCAB_GRAPH} }} }}
  UNION {{ SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?x a {owl} }} }} }}
  GRAPH ?g {{ ?s ?p ?o }}
}}"""
    shared = f"""SELECT DISTINCT ?s ?p ?o WHERE {{
  {{ SELECT DISTINCT ?s WHERE {{ {{ {papers} }} GRAPH ?g {{ ?x ?y ?s }} FILTER(isIRI(?s)) }} }}
  GRAPH {SHARED_GRAPH} {{ ?s ?p ?o }}
}}"""
    mem = ox.Store()
    mem.extend(
        ox.Quad(r["s"], r["p"], r["o"], r["g"])
        for r in store.query(q, use_default_graph_as_union=False)
    )
    mem.extend(
        ox.Quad(r["s"], r["p"], r["o"], SHARED_GRAPH)
        for r in store.query(shared, use_default_graph_as_union=False)
    )
    return mem


def _graphs_of(store, focuses: set[str], max_lookups: int = 200_000) -> dict[str, str]:
    """The named graph each focus node (an IRI in N-Triples form) is described in; a paper
    graph is preferred when it appears in several."""
    raw = pattern_source(store)
    qp = getattr(raw, "quads_for_pattern", None)
    out: dict[str, str] = {}
    if qp is None:
        return out
    for focus in list(focuses)[:max_lookups]:
        if not (focus.startswith("<") and focus.endswith(">")):
            continue
        node = ox.NamedNode(focus[1:-1])
        best = ""
        for quad in qp(node, None, None, None):
            g = quad.graph_name
            if isinstance(g, ox.NamedNode):
                best = best or g.value
                if "/graph/paper/" in g.value:
                    best = g.value
                    break
        if not best:
            for quad in qp(None, None, node, None):
                g = quad.graph_name
                if isinstance(g, ox.NamedNode):
                    best = g.value
                    break
        out[focus] = best
    return out
