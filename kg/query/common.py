"""Small helpers the views share: term values, entity references, VALUES blocks."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

import pyoxigraph as ox

from kg.query import schemas as S
from kg.query.context import KG
from kg.query.resolver import ID, Resolved
from kg.results import term_value


def v(term: Any) -> Any:
    return term_value(term)


def num(term: Any) -> float | None:
    x = term_value(term)
    if x is None:
        return None
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def entity_id(iri: str) -> str | None:
    return unquote(iri[len(ID) :]) if iri.startswith(ID) else None


def ref(kg: KG, iri: str) -> S.EntityRef:
    info = kg.resolver.get(iri)
    if info is not None:
        return S.EntityRef(iri=iri, id=entity_id(iri), label=info.label, type=info.type)
    return S.EntityRef(
        iri=iri,
        id=entity_id(iri),
        label=(entity_id(iri) or iri).rsplit("/", 1)[-1],
        type="Entity",
    )


def resolved_ref(r: Resolved) -> S.EntityRef:
    return S.EntityRef(iri=r.iri, id=entity_id(r.iri), label=r.label, type=r.type)


def paper_url(arxiv: str | None) -> str | None:
    return f"https://arxiv.org/abs/{arxiv}" if arxiv else None


def values(var: str, iris: list[str]) -> str:
    return f"VALUES ?{var} {{ {' '.join(str(ox.NamedNode(i)) for i in iris)} }}"


def summary(kg: KG, iri: str) -> S.PaperSummary:
    row = kg.papers.get(iri)
    if row is None:
        return S.PaperSummary(id=iri.rsplit("/", 1)[-1], iri=iri, title="")
    return S.PaperSummary(
        id=row.key,
        iri=iri,
        title=row.title,
        url=paper_url(row.arxiv),
        date=row.date,
        categories=kg.papers.categories(iri),
    )
