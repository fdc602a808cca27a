"""Running SPARQL and turning results into rows: tables, JSON and CSV for the CLI."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rich.console import Console
from rich.table import Table


@dataclass
class SelectResult:
    """Rows of plain values, plus the raw terms for callers that need types."""

    variables: list[str]
    rows: list[dict[str, ox.NamedNode | ox.Literal | ox.BlankNode | None]]
    boolean: bool | None = None
    triples: list[ox.Triple] | None = None


def term_value(term: Any) -> Any:
    """A term as a JSON-friendly Python value: IRIs and strings as str, numbers as numbers."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        if dt.endswith(("#integer", "#int", "#long")):
            try:
                return int(term.value)
            except ValueError:
                return term.value
        if dt.endswith(("#decimal", "#double", "#float")):
            try:
                return float(term.value)
            except ValueError:
                return term.value
        if dt.endswith("#boolean"):
            return term.value == "true"
        return term.value
    return term.value


def run_select(store, sparql: str, **kw) -> SelectResult:
    res = store.query(sparql, **kw)
    if isinstance(res, ox.QueryBoolean):
        return SelectResult(["result"], [], boolean=bool(res))
    if isinstance(res, ox.QueryTriples):
        return SelectResult([], [], triples=list(res))
    variables = [v.value for v in res.variables]
    rows = [{v: sol[v] for v in variables} for sol in res]
    return SelectResult(variables, rows)


def rows_as_values(result: SelectResult) -> list[dict[str, Any]]:
    return [{k: term_value(v) for k, v in r.items()} for r in result.rows]


PREFIXES = {
    "https://w3id.org/kg/ontology#": "kg:",
    "https://w3id.org/kg/id/paper/": "paper/",
    "https://w3id.org/kg/id/": "",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://purl.org/dc/terms/": "dcterms:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/ns/prov#": "prov:",
    "https://schema.org/": "schema:",
}


def short_iri(iri: str, label_of=None) -> str:
    """An IRI as a table cell: an entity's label (with `label_of`), else a prefixed name
    (`kg:Paper`, `paper/2510.14968`, `model/llama-3.1-8b`), else the IRI."""
    if label_of is not None:
        label = label_of(iri)
        if label:
            return label
    for base, short in PREFIXES.items():
        if iri.startswith(base):
            return short + iri[len(base) :]
    return iri


def print_results(result: SelectResult, fmt: str, console: Console, label_of=None) -> None:
    """JSON and CSV keep full values; a table shows IRIs as labels or prefixed names
    (`label_of(iri) -> str | None`), so it fits a terminal."""
    if result.boolean is not None:
        console.print(json.dumps(result.boolean) if fmt == "json" else str(result.boolean).lower())
        return
    if result.triples is not None:
        data = (ox.serialize(result.triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode()
        console.print(data, end="", markup=False, highlight=False)
        return
    values = rows_as_values(result)
    if fmt == "json":
        console.print_json(json.dumps(values, ensure_ascii=False))
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=result.variables, lineterminator="\n")
        w.writeheader()
        for r in values:
            w.writerow({k: "" if v is None else v for k, v in r.items()})
        console.print(buf.getvalue(), end="", markup=False, highlight=False, soft_wrap=True)
    else:
        from rich import box
        from rich.markup import escape

        table = Table(show_lines=False, box=box.SIMPLE_HEAD)
        for v in result.variables:
            table.add_column(v, overflow="fold")
        for raw in result.rows:
            cells = []
            for v in result.variables:
                t = raw[v]
                if t is None:
                    cells.append("")
                elif isinstance(t, ox.NamedNode):
                    cells.append(escape(short_iri(t.value, label_of)))
                else:
                    cells.append(escape(str(term_value(t))))
            table.add_row(*cells)
        console.print(table)
        console.print(f"{len(values)} row(s)")
