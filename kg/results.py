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


def print_results(result: SelectResult, fmt: str, console: Console) -> None:
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
        table = Table(show_lines=False)
        for v in result.variables:
            table.add_column(v, overflow="fold")
        for r in values:
            table.add_row(*("" if r[v] is None else str(r[v]) for v in result.variables))
        console.print(table)
        console.print(f"{len(values)} row(s)")
