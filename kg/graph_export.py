"""Write a projection of the graph as a file that graph tools open.

`export_graph(store, fmt, out, scope)` builds the projection `scope` asks for
(`kg.graph_projection`, which documents nodes, edges and scope) and writes it to the
binary file `out` as one of:

=========  =========================  ================================================
format     file                        opens in
=========  =========================  ================================================
graphml    GraphML (typed keys)        Gephi, Cytoscape desktop, yEd, networkx
gexf       GEXF 1.2 (+ viz colours)    Gephi, networkx
cytoscape  Cytoscape.js JSON           ``cytoscape({elements: …})``, Cytoscape desktop
nodelink   node-link JSON ("links")    d3-force, ``networkx.node_link_graph(edges="links")``
dot        Graphviz DOT                ``dot``/``sfdp``, pydot, networkx (via pydot)
csv        zip of nodes.csv+edges.csv  Gephi's spreadsheet import, pandas, spreadsheets
=========  =========================  ================================================

Every writer is networkx's own (`GEXFWriter`, `GraphMLWriter`, `cytoscape_data`,
`node_link_data`) except DOT (networkx needs pydot for that; the DOT text is written
here) and CSV. The XML writers are driven in chunks of nodes and edges, so a 60k-paper
graph is never held twice in memory as an element tree. No attribute is ever None:
attributes that are unknown for a node (a paper without a date has no `first_year`)
are left out of that node, and each attribute has one type (string, long, double).

CSV is a zip with two files, Gephi's spreadsheet layout: ``nodes.csv`` (Id, Label,
type, papers, first_year, kind, iri) and ``edges.csv`` (Source, Target, Type, relation,
Weight). Empty cells stand for unknown values.
"""

from __future__ import annotations

import csv
import io
import json
import math
import zipfile
from collections.abc import Iterator
from typing import IO
from xml.etree.ElementTree import Element, tostring

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter
from networkx.readwrite.graphml import GraphMLWriter

from kg.graph_projection import (
    ENTITY_TYPES,
    PROJECTIONS,
    ExportScope,
    build_graph,
    node_id,
    resolve_node,
)

__all__ = [
    "ExportScope",
    "export_graph",
    "write_graph",
    "build_graph",
    "FORMATS",
    "PROJECTIONS",
    "ENTITY_TYPES",
    "TYPE_COLOURS",
    "resolve_node",
    "node_id",
    "media_type",
    "file_extension",
]

#: format -> (file extension, media type)
FORMATS: dict[str, tuple[str, str]] = {
    "graphml": (".graphml", "application/graphml+xml"),
    "gexf": (".gexf", "application/gexf+xml"),
    "cytoscape": (".cyjs", "application/json"),
    "nodelink": (".json", "application/json"),
    "dot": (".dot", "text/vnd.graphviz; charset=utf-8"),
    "csv": (".zip", "application/zip"),
}

#: node colour per type (the web explorer uses the same palette).
TYPE_COLOURS: dict[str, str] = {
    "Paper": "#7f7f7f",
    "Model": "#1f77b4",
    "Method": "#2ca02c",
    "Benchmark": "#ff7f0e",
    "Hardware": "#9467bd",
    "Metric": "#d62728",
    "Entity": "#8c564b",
}

#: attribute name -> Python type, in the order the columns are declared.
NODE_ATTRS: dict[str, type] = {
    "type": str,
    "label": str,
    "papers": int,
    "first_year": int,
    "kind": str,
    "iri": str,
}
EDGE_ATTRS: dict[str, type] = {"relation": str, "weight": int}
_CHUNK = 5000


def media_type(fmt: str) -> str:
    return FORMATS[fmt][1]


def file_extension(fmt: str) -> str:
    return FORMATS[fmt][0]


def export_graph(
    store, fmt: str, out: IO[bytes], scope: ExportScope | None = None, resolver=None
) -> nx.Graph:
    """Build the projection `scope` asks for and write it to `out` as `fmt`; names resolve
    with `resolver` (a `kg.query.KG`'s; else one cached for the store). ValueError (with a
    message for the user; `kg.query.NotFound` with suggestions for an unknown name) on an
    unknown format or a bad scope. Returns the graph written."""
    fmt = (fmt or "").strip().lower()
    if fmt not in FORMATS:
        raise ValueError(f"unknown graph format {fmt!r}; choose one of {', '.join(FORMATS)}")
    G = build_graph(store, scope or ExportScope(), resolver)
    write_graph(G, fmt, out)
    return G


def write_graph(G: nx.Graph, fmt: str, out: IO[bytes]) -> None:
    {
        "graphml": _write_graphml,
        "gexf": _write_gexf,
        "cytoscape": _write_cytoscape,
        "nodelink": _write_nodelink,
        "dot": _write_dot,
        "csv": _write_csv,
    }[fmt](G, out)


def _node_chunks(G: nx.Graph) -> Iterator[nx.Graph]:
    """Small graphs holding `_CHUNK` nodes (no edges) of G each, attributes shared."""
    nodes = iter(G.nodes(data=True))
    while True:
        H = nx.Graph()
        for _, item in zip(range(_CHUNK), nodes, strict=False):
            H.add_node(item[0], **item[1])
        if not H:
            return
        yield H


def _edge_chunks(G: nx.Graph) -> Iterator[nx.Graph]:
    edges = iter(G.edges(data=True))
    while True:
        H = nx.Graph()
        for _, (u, v, d) in zip(range(_CHUNK), edges, strict=False):
            H.add_edge(u, v, **d)
        if not H:
            return
        yield H


def _open_tag(el: Element) -> bytes:
    """`<tag a="…">` of an element (serialised with its children, then cut)."""
    text = tostring(el, encoding="unicode", short_empty_elements=False)
    return text[: text.index(">") + 1].encode("utf-8")


# --- GEXF -------------------------------------------------------------------------------
def _hex_rgb(colour: str) -> dict:
    return {
        "r": int(colour[1:3], 16),
        "g": int(colour[3:5], 16),
        "b": int(colour[5:7], 16),
        "a": 1.0,
    }


def _write_gexf(G: nx.Graph, out: IO[bytes]) -> None:
    w = GEXFWriter(encoding="utf-8", prettyprint=False, version="1.2draft")
    viz_ns = w.NS_VIZ
    graph_el = Element(
        "graph", defaultedgetype="undirected", mode="static", name=str(G.graph.get("name", ""))
    )
    w.graph_element = graph_el
    # declare every attribute up front, with one type each, so nodes can stream after it
    for name, typ in NODE_ATTRS.items():
        if name != "label":
            w.get_attr_id(name, w.xml_type[typ], "node", {}, "static")
    for name, typ in EDGE_ATTRS.items():
        if name != "weight":
            w.get_attr_id(name, w.xml_type[typ], "edge", {}, "static")
    root = w.xml
    root.set("xmlns:viz", viz_ns)
    out.write(b"<?xml version='1.0' encoding='utf-8'?>\n")
    out.write(_open_tag(root) + b"\n")
    for child in root:  # <meta>
        out.write(tostring(child, encoding="utf-8", xml_declaration=False) + b"\n")
    out.write(_open_tag(graph_el) + b"\n")
    for child in list(graph_el):  # <attributes>
        out.write(tostring(child, encoding="utf-8", xml_declaration=False) + b"\n")
        graph_el.remove(child)
    decl = f' xmlns:viz="{viz_ns}"'.encode()

    out.write(b"<nodes>\n")
    for H in _node_chunks(G):
        for _, d in H.nodes(data=True):
            colour = TYPE_COLOURS.get(d.get("type", ""), TYPE_COLOURS["Entity"])
            size = (
                2.0
                if d.get("type") == "Paper"
                else round(4.0 + 3.0 * math.log2(1 + d.get("papers", 0)), 2)
            )
            d["viz"] = {"color": _hex_rgb(colour), "size": size}
        holder = Element("nodes")
        w.add_nodes(H, holder)
        inner = holder.find("nodes")
        for el in inner if inner is not None else holder:
            out.write(
                tostring(el, encoding="utf-8", xml_declaration=False).replace(decl, b"") + b"\n"
            )
    out.write(b"</nodes>\n<edges>\n")
    for H in _edge_chunks(G):
        holder = Element("edges")
        w.add_edges(H, holder)
        inner = holder.find("edges")
        for el in inner if inner is not None else holder:
            out.write(tostring(el, encoding="utf-8", xml_declaration=False) + b"\n")
    out.write(b"</edges>\n</graph>\n</gexf>\n")
    if (
        w.attr["node"]["static"].keys() - NODE_ATTRS.keys()
        or w.attr["edge"]["static"].keys() - EDGE_ATTRS.keys()
    ):
        raise AssertionError(
            "undeclared attribute written"
        )  # pragma: no cover - would be a bug here


# --- GraphML ----------------------------------------------------------------------------
def _write_graphml(G: nx.Graph, out: IO[bytes]) -> None:
    w = GraphMLWriter(encoding="utf-8", prettyprint=False, named_key_ids=False)
    graph_attrs = {
        k: v
        for k, v in G.graph.items()
        if isinstance(v, (str, int, float)) and not isinstance(v, bool)
    }
    for name, value in graph_attrs.items():
        w.get_key(name, w.get_xml_type(type(value)), "graph", None)
    for name, typ in NODE_ATTRS.items():
        w.get_key(name, w.get_xml_type(typ), "node", None)
    for name, typ in EDGE_ATTRS.items():
        w.get_key(name, w.get_xml_type(typ), "edge", None)
    root = w.xml
    out.write(b"<?xml version='1.0' encoding='utf-8'?>\n")
    out.write(_open_tag(root) + b"\n")
    for key in reversed(list(root)):  # get_key inserts at 0: restore declaration order
        out.write(tostring(key, encoding="utf-8", xml_declaration=False) + b"\n")
    graph_el = Element("graph", edgedefault="undirected")
    out.write(_open_tag(graph_el) + b"\n")
    for name, value in graph_attrs.items():
        out.write(
            tostring(
                w.add_data(name, type(value), value, "graph"),
                encoding="utf-8",
                xml_declaration=False,
            )
            + b"\n"
        )

    def flush(holder: Element) -> None:
        for xml_obj, data in w.attributes.items():
            for k, v, scope, default in data:
                xml_obj.append(w.add_data(str(k), type(v), str(v), scope, default))
        w.attributes.clear()
        w.attribute_types.clear()
        for el in holder:
            out.write(tostring(el, encoding="utf-8", xml_declaration=False) + b"\n")

    for H in _node_chunks(G):
        holder = Element("graph")
        w.add_nodes(H, holder)
        flush(holder)
    for H in _edge_chunks(G):
        holder = Element("graph")
        w.add_edges(H, holder)
        flush(holder)
    out.write(b"</graph>\n</graphml>\n")
    if any(k[0] not in NODE_ATTRS and k[0] not in EDGE_ATTRS and k[2] != "graph" for k in w.keys):
        raise AssertionError("undeclared attribute written")  # pragma: no cover


# --- JSON -------------------------------------------------------------------------------
def _json_graph_attrs(G: nx.Graph) -> dict:
    return {k: v for k, v in G.graph.items() if isinstance(v, (str, int, float, bool))}


def _write_cytoscape(G: nx.Graph, out: IO[bytes]) -> None:
    """networkx's cytoscape_data, made ready for cytoscape.js: every edge gets an id,
    `name` is the label, and `data` is an object (networkx gives a list of pairs)."""
    data = nx.cytoscape_data(G, name="label", ident="id")
    data["data"] = _json_graph_attrs(G)
    for i, e in enumerate(data["elements"]["edges"]):
        e["data"]["id"] = f"e{i}"
    _dump_json(data, out)


def _write_nodelink(G: nx.Graph, out: IO[bytes]) -> None:
    data = nx.node_link_data(G, edges="links")
    data["graph"] = _json_graph_attrs(G)
    _dump_json(data, out)


def _dump_json(data: dict, out: IO[bytes]) -> None:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="\n", write_through=True)
    try:
        json.dump(data, text, ensure_ascii=False, separators=(",", ":"))
        text.write("\n")
        text.flush()
    finally:
        text.detach()


# --- DOT --------------------------------------------------------------------------------
def _dot_id(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)) and math.isfinite(value):
        return repr(value)
    s = str(value).replace("\\", "\\\\").replace('"', '\\"')
    s = s.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return f'"{s}"'


def _write_dot(G: nx.Graph, out: IO[bytes]) -> None:
    """Graphviz DOT, written here (networkx's write_dot needs pydot). Node and edge
    attributes are DOT attributes; colours follow the node type."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="\n")
    try:
        w = text.write
        w(f"graph {_dot_id(G.graph.get('name', 'kg'))} {{\n")
        gattrs = ", ".join(
            f"{k}={_dot_id(v)}" for k, v in _json_graph_attrs(G).items() if k != "name"
        )
        if gattrs:
            w(f"  graph [{gattrs}];\n")
        w('  node [shape=ellipse, style=filled, fontname="Helvetica"];\n')
        for n, d in G.nodes(data=True):
            attrs = dict(d)
            attrs["fillcolor"] = TYPE_COLOURS.get(d.get("type", ""), TYPE_COLOURS["Entity"])
            if d.get("type") == "Paper":
                attrs["shape"] = "box"
            w(f"  {_dot_id(n)} [{', '.join(f'{k}={_dot_id(v)}' for k, v in attrs.items())}];\n")
        for u, v, d in G.edges(data=True):
            attrs_text = ", ".join(f"{k}={_dot_id(x)}" for k, x in d.items())
            w(f"  {_dot_id(u)} -- {_dot_id(v)} [{attrs_text}];\n")
        w("}\n")
        text.flush()
    finally:
        text.detach()


# --- CSV --------------------------------------------------------------------------------
def _write_csv(G: nx.Graph, out: IO[bytes]) -> None:
    """A zip of nodes.csv and edges.csv (Gephi's spreadsheet import column names)."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        with z.open("nodes.csv", "w", force_zip64=True) as raw:
            f = io.TextIOWrapper(raw, encoding="utf-8", newline="")
            cw = csv.writer(f, lineterminator="\n")
            cw.writerow(["Id", "Label", "type", "papers", "first_year", "kind", "iri"])
            for n, d in G.nodes(data=True):
                cw.writerow(
                    [
                        n,
                        d.get("label", ""),
                        d.get("type", ""),
                        d.get("papers", ""),
                        d.get("first_year", ""),
                        d.get("kind", ""),
                        d.get("iri", ""),
                    ]
                )
            f.flush()
            f.detach()
        with z.open("edges.csv", "w", force_zip64=True) as raw:
            f = io.TextIOWrapper(raw, encoding="utf-8", newline="")
            cw = csv.writer(f, lineterminator="\n")
            cw.writerow(["Source", "Target", "Type", "relation", "Weight"])
            for u, v, d in G.edges(data=True):
                cw.writerow([u, v, "Undirected", d.get("relation", ""), d.get("weight", 1)])
            f.flush()
            f.detach()
