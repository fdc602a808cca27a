"""What /sparql can answer in, per kind of result, and serialisers for capped SELECT
results (pyoxigraph's own serialiser consumes the whole solution iterator, which a row
cap cannot allow; the output follows the W3C result formats and parses back with
`pyoxigraph.parse_query_results`)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# media type -> format name; the first entry of each format is its canonical type.
# The order is the server's preference when the client accepts several equally.
RESULTS_OFFERS: list[tuple[str, str]] = [
    ("application/sparql-results+json", "json"),
    ("application/json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("application/xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
    ("text/xml", "xml"),
]
GRAPH_OFFERS: list[tuple[str, str]] = [
    ("text/turtle", "turtle"),
    ("application/x-turtle", "turtle"),
    ("application/n-triples", "ntriples"),
    ("text/plain", "ntriples"),
    ("application/n-quads", "nquads"),
    ("application/ld+json", "jsonld"),
    ("application/json", "jsonld"),
    ("application/rdf+xml", "rdfxml"),
    ("application/trig", "trig"),
]
RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG,
}
BOOLEAN_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
CHARSET_TYPES = (
    "text/",
    "application/json",
    "application/sparql-results+json",
    "application/ld+json",
)


def content_type(media: str) -> str:
    return f"{media}; charset=utf-8" if media.startswith(CHARSET_TYPES) else media


# --- incremental writers: a head, one piece per row, a separator, a tail ------------------
# (so that an answer can be cut at a row boundary when it reaches its byte budget)
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: str) -> str:
    """Escaped XML 1.0 character data; code points XML 1.0 cannot carry at all (C0
    controls but tab, newline and carriage return; lone surrogates; U+FFFE/U+FFFF) become
    U+FFFD, as no escape can represent them and XML parsers refuse the document."""
    return escape(_XML_BAD.sub("\ufffd", value))


def _xml_attr(value: str) -> str:
    return quoteattr(_XML_BAD.sub("\ufffd", value))


# --- JSON ------------------------------------------------------------------------------
def _json_term(t: Any) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        d: dict[str, Any] = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype.value != XSD_STRING:
            d["datatype"] = t.datatype.value
        return d
    if isinstance(t, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _json_term(t.subject),
                "predicate": _json_term(t.predicate),
                "object": _json_term(t.object),
            },
        }
    raise TypeError(f"not an RDF term: {t!r}")


def _json_writer(variables: Sequence[str]):
    head = json.dumps({"head": {"vars": list(variables)}}, separators=(",", ":"))[:-1]
    head += ',"results":{"bindings":['

    def row(r: Sequence[Any]) -> str:
        return json.dumps(
            {v: _json_term(t) for v, t in zip(variables, r, strict=False) if t is not None},
            ensure_ascii=False,
            separators=(",", ":"),
        )

    return head, row, ",", "]}}"


# --- XML -------------------------------------------------------------------------------
def _xml_term(t: Any) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{xml_text(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{xml_text(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f"<literal xml:lang={_xml_attr(t.language)}>{xml_text(t.value)}</literal>"
        if t.datatype.value != XSD_STRING:
            return f"<literal datatype={_xml_attr(t.datatype.value)}>{xml_text(t.value)}</literal>"
        return f"<literal>{xml_text(t.value)}</literal>"
    if isinstance(t, ox.Triple):
        return (
            f"<triple><subject>{_xml_term(t.subject)}</subject><predicate>{_xml_term(t.predicate)}"
            f"</predicate><object>{_xml_term(t.object)}</object></triple>"
        )
    raise TypeError(f"not an RDF term: {t!r}")


def _xml_writer(variables: Sequence[str]):
    head = (
        '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>'
        + "".join(f"<variable name={_xml_attr(v)}/>" for v in variables)
        + "</head><results>"
    )
    names = [_xml_attr(v) for v in variables]

    def row(r: Sequence[Any]) -> str:
        return (
            "<result>"
            + "".join(
                f"<binding name={n}>{_xml_term(t)}</binding>"
                for n, t in zip(names, r, strict=False)
                if t is not None
            )
            + "</result>"
        )

    return head, row, "", "</results></sparql>"


# --- CSV / TSV -------------------------------------------------------------------------
def _csv_value(t: Any) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    if isinstance(t, ox.Triple):
        return str(t)
    return t.value


def _csv_writer(variables: Sequence[str]):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")

    def line(values: Sequence[str]) -> str:
        buf.seek(0)
        buf.truncate()
        w.writerow(values)
        return buf.getvalue()

    return line(variables), lambda r: line([_csv_value(t) for t in r]), "", ""


def _tsv_writer(variables: Sequence[str]):
    head = "\t".join(f"?{v}" for v in variables) + "\n"

    def row(r: Sequence[Any]) -> str:
        return "\t".join("" if t is None else str(t) for t in r) + "\n"

    return head, row, "", ""


WRITERS = {"json": _json_writer, "xml": _xml_writer, "csv": _csv_writer, "tsv": _tsv_writer}


def write_select(
    fmt: str,
    variables: Sequence[str],
    rows: Iterable[Sequence[Any]],
    max_rows: int | None = None,
    max_bytes: int | None = None,
) -> tuple[bytes, int, str | None]:
    """(body, rows written, why it was cut: None, "rows" or "bytes"). The body never
    exceeds `max_bytes` (the last row that would cross it is left out)."""
    head, row, sep, tail = WRITERS[fmt](variables)
    parts = [head.encode()]
    size = len(parts[0]) + len(tail)
    n = 0
    cut = None
    for r in rows:
        if max_rows is not None and n >= max_rows:
            cut = "rows"
            break
        piece = ((sep if n else "") + row(r)).encode()
        if max_bytes is not None and size + len(piece) > max_bytes:
            cut = "bytes"
            break
        parts.append(piece)
        size += len(piece)
        n += 1
    parts.append(tail.encode())
    return b"".join(parts), n, cut


def select_json(variables: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    return write_select("json", variables, rows)[0]


def select_xml(variables: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    return write_select("xml", variables, rows)[0]


def select_csv(variables: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    return write_select("csv", variables, rows)[0]


def select_tsv(variables: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    return write_select("tsv", variables, rows)[0]


SELECT_WRITERS = {"json": select_json, "xml": select_xml, "csv": select_csv, "tsv": select_tsv}


_ALIASES = {
    "srj": "json",
    "srx": "xml",
    "ttl": "turtle",
    "nt": "ntriples",
    "nq": "nquads",
    "json-ld": "jsonld",
    "rdf": "rdfxml",
}
_GRAPH_ALIASES = {"xml": "rdfxml", "json": "jsonld"}


FORMAT_NAMES = sorted(
    {f for _, f in RESULTS_OFFERS + GRAPH_OFFERS} | set(_ALIASES) | set(_GRAPH_ALIASES)
)


def known_format(fmt_param: str) -> bool:
    """Whether a `format=` value names a result format or media type this server knows."""
    v = fmt_param.strip().lower()
    return v in FORMAT_NAMES or any(v == m for m, _ in RESULTS_OFFERS + GRAPH_OFFERS)


def pick(accept: str | None, fmt_param: str | None, offers: list[tuple[str, str]]):
    """(media type, format) for a result: a `format=` parameter that names something
    this kind of result can be (json, xml, csv, tsv, turtle, ntriples, nquads, jsonld,
    rdfxml, a media type) wins; otherwise the Accept header decides (None: 406)."""
    from kg.server.conneg import negotiate

    if fmt_param:
        v = fmt_param.strip().lower()
        graph = offers is GRAPH_OFFERS
        v = _GRAPH_ALIASES.get(v, v) if graph else v
        v = _ALIASES.get(v, v)
        for media, fmt in offers:
            if v in (media, fmt):
                return media, fmt
    return negotiate(accept, offers)
