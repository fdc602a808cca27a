"""SHACL validation of the store against ontology/shapes.ttl, with a readable report.

pyshacl works on rdflib graphs, so the union of the store's graphs is copied into one
(fine for the sample graph and for samples of big ones: `limit` papers at most).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
import rdflib

from kg.namespaces import KG_IRI as KG
from kg.paths import ontology_dir

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


@dataclass
class Violation:
    focus: str
    path: str
    message: str
    severity: str


def _union_ntriples(store, limit: int) -> bytes:
    """The graph to validate: everything, or `limit` paper graphs plus the shared vocabulary."""
    if limit:
        from kg.namespaces import VOCAB_GRAPH

        q = f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  {{ {{ SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?paper a <{KG}Paper> }} }} LIMIT {int(limit)} }}
     GRAPH ?g {{ ?s ?p ?o }} }}
  UNION {{ GRAPH {VOCAB_GRAPH} {{ ?s ?p ?o }} }}
}}"""
        return ox.serialize(
            store.query(q, use_default_graph_as_union=False), format=ox.RdfFormat.N_TRIPLES
        )
    return ox.serialize(
        store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"), format=ox.RdfFormat.N_TRIPLES
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
            )
        )
    out.sort(key=lambda v: (v.focus, v.path))
    return bool(conforms), out


def validate_store(store, limit: int = 0) -> tuple[bool, list[Violation]]:
    g = rdflib.Graph()
    g.parse(data=_union_ntriples(store, limit), format="nt")
    return validate_graph(g)
