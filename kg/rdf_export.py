"""RDF dumps of the store: N-Quads and TriG keep each paper's graph; others merge them."""

from __future__ import annotations

from typing import BinaryIO

import pyoxigraph as ox

FORMATS = {
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "ttl": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
}


def export_rdf(store, fmt: str, out: BinaryIO) -> None:
    """Stream the dump; triple formats get the union of all graphs via CONSTRUCT."""
    rdf_format = FORMATS[fmt]
    if rdf_format in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
        store.dump(out, rdf_format)  # KGStore or RemoteStore: every graph, kept apart
        return
    from kg.namespaces import PREFIXES

    triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    prefixes = PREFIXES if rdf_format == ox.RdfFormat.TURTLE else None
    ox.serialize(triples, out, format=rdf_format, prefixes=prefixes)
