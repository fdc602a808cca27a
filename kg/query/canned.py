"""Canned queries run against a `KG`: names resolve with the KG's resolver (the same
rules as every other face), rows come back as plain values."""

from __future__ import annotations

from typing import Any

from kg.canned import CannedError, CannedQuery, load_queries, render
from kg.query.context import KG
from kg.query.errors import BadInput, NotFound
from kg.results import term_value


def get_query(name: str) -> CannedQuery:
    queries = load_queries()
    q = queries.get(name)
    if q is None:
        import difflib

        close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.5)
        raise NotFound(
            f"no canned query {name!r}" + (f"; did you mean {', '.join(close)}?" if close else ""),
            name,
        )
    return q


def render_canned(kg: KG, name: str, params: dict[str, Any]) -> str:
    """The SPARQL text of canned query `name` with `params` bound (BadInput if they do
    not fit, with suggestions for an unresolvable name)."""
    q = get_query(name)
    try:
        return render(q, params, kg.store, resolver=kg.resolver)
    except CannedError as e:
        raise BadInput(str(e), e.suggestions) from None


def run_canned(
    kg: KG, name: str, params: dict[str, Any], max_rows: int | None = None
) -> tuple[list[str], list[dict], bool]:
    """(variables, rows of plain values, truncated)."""
    return run_rows(kg, render_canned(kg, name, params), max_rows or kg.settings.max_rows)


def run_rows(kg: KG, text: str, max_rows: int) -> tuple[list[str], list[dict], bool]:
    """Run a query (where its time limit holds: `KG.run`) and turn its answer into plain
    rows."""
    kind, variables, rows, truncated = kg.run(text, max_rows)
    if kind == "boolean":
        return ["result"], [{"result": bool(rows[0][0])}], False
    return (
        variables,
        [{v: term_value(t) for v, t in zip(variables, r, strict=False)} for r in rows],
        truncated,
    )
