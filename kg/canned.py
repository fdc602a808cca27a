"""Canned queries: `queries/*.rq`, one SPARQL query per file with a YAML header.

Header lines start with `#+ ` and hold YAML:

    #+ summary: Papers that evaluate a model or method on a benchmark or hardware
    #+ description: ...
    #+ tags: [evaluation]
    #+ params:
    #+   - name: subject
    #+     type: iri            # iri | string | integer | date
    #+     entity: [Model, Method]   # iri params: labels resolve among these types
    #+     required: true
    #+     example: Llama

Parameters are bound safely and fast: each value is validated into a pyoxigraph term
(`NamedNode` for iri, `Literal` with xsd:integer / xsd:date / xsd:string otherwise) and
its escaped N-Triples form goes into a `VALUES` block placed first in the outermost
WHERE group. Raw text is never formatted into a query. An optional parameter left out
is simply not bound, so each query is written to work with the variable unbound
(`FILTER(!BOUND(?from) || ?date >= ?from)`). Entity parameters (type iri) take an IRI,
an entity id (`model/llama-3.1-8b`) or any label or alias of the entity, matched
ignoring case and punctuation.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from typing import Literal as TLiteral

import pyoxigraph as ox
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from kg.namespaces import EntityType

__all__ = [
    "CannedError",
    "CannedParam",
    "CannedQuery",
    "load_queries",
    "parse_query_file",
    "render",
    "bind_values",
    "queries_dir",
]

XSD = "http://www.w3.org/2001/XMLSchema#"
MAX_STRING = 1_000


class CannedError(Exception):
    """A canned query that cannot be loaded, or parameters that do not fit it."""

    def __init__(self, message: str, suggestions: list[dict] | None = None) -> None:
        super().__init__(message)
        self.suggestions = suggestions or []


class CannedParam(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    type: TLiteral["iri", "string", "integer", "date"]
    required: bool = False
    default: int | str | None = None
    example: int | str | None = None
    description: str = ""
    entity: list[EntityType] = Field(default_factory=list)
    choices: list[str] = Field(
        default_factory=list, description="String parameters: the values allowed (if any)."
    )

    @field_validator("default", "example", mode="before")
    @classmethod
    def _scalar(cls, v: Any) -> Any:
        if isinstance(v, dt.date):
            return v.isoformat()
        return v


class CannedQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    summary: str
    description: str = ""
    tags: list[str] = Field(default_factory=list)
    params: list[CannedParam] = Field(default_factory=list)
    derived: dict[str, str] = Field(
        default_factory=dict,
        description="Literals computed from the bound parameters, bound beside them: name -> "
        "template "
        "whose {param} fields take an entity parameter's id (its IRI below the entity base) "
        "or a literal parameter's value. Lets a query hit a precomputed index key "
        "(kg:evaluationKey) instead of joining two skos:broader* closures.",
    )
    sparql: str = Field(description="The query text (header included).")
    path: str = ""

    def param(self, name: str) -> CannedParam | None:
        return next((p for p in self.params if p.name == name), None)


def queries_dir() -> Path:
    from kg.paths import queries_dir as qd

    return qd()


_HEADER = re.compile(r"^#\+ ?(.*)$")


def parse_query_file(path: Path) -> CannedQuery:
    text = path.read_text(encoding="utf-8")
    header = []
    for line in text.splitlines():
        m = _HEADER.match(line)
        if m:
            header.append(m.group(1))
        elif line.strip() and not line.lstrip().startswith("#"):
            break
    try:
        meta = yaml.safe_load("\n".join(header)) or {}
    except yaml.YAMLError as e:
        raise CannedError(f"{path.name}: bad YAML header: {e}") from e
    if not isinstance(meta, dict):
        raise CannedError(f"{path.name}: the #+ header must be a YAML mapping")
    meta.setdefault("params", [])
    try:
        q = CannedQuery(name=path.stem, sparql=text, path=str(path), **meta)
    except ValidationError as e:
        raise CannedError(f"{path.name}: bad header: {e}") from e
    names = [p.name for p in q.params]
    if len(names) != len(set(names)) or set(names) & set(q.derived):
        raise CannedError(f"{path.name}: a parameter is declared twice")
    body = _strip_comments(text)
    in_templates = {
        u for t in q.derived.values() for u in re.findall(r"\{([A-Za-z_][A-Za-z0-9_]*)\}", t)
    }
    for n in [*names, *q.derived]:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", n):
            raise CannedError(f"{path.name}: bad parameter name {n!r}")
        if n not in in_templates and not re.search(rf"[?$]{n}\b", body):
            raise CannedError(f"{path.name}: parameter {n!r} is declared but ?{n} is not used")
    for n, template in q.derived.items():
        used = set(re.findall(r"\{([A-Za-z_][A-Za-z0-9_]*)\}", template))
        if not used or not used <= set(names):
            raise CannedError(
                f"{path.name}: derived {n!r} must be built from declared parameters: {template!r}"
            )
        params = [q.param(u) for u in used]  # all declared: used <= names above
        if any(p is None or not (p.required or p.default is not None) for p in params):
            raise CannedError(f"{path.name}: derived {n!r} uses an optional parameter")
    if _where_brace(text) is None:
        raise CannedError(f"{path.name}: no 'WHERE {{' to bind parameters into")
    return q


def load_queries(directory: Path | None = None) -> dict[str, CannedQuery]:
    """Every canned query by name (file stem), sorted by name."""
    d = Path(directory) if directory else queries_dir()
    return _load_cached(
        str(d),
        tuple(sorted((p.name, p.stat().st_mtime_ns) for p in d.glob("*.rq"))) if d.exists() else (),
    )


@lru_cache(maxsize=8)
def _load_cached(directory: str, stamp: tuple) -> dict[str, CannedQuery]:
    out = {}
    for name, _ in stamp:
        q = parse_query_file(Path(directory) / name)
        out[q.name] = q
    return out


# --- binding ------------------------------------------------------------------------
_IRIREF = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")


def _code_mask(text: str) -> str:
    """`text` with comments, strings and IRIs blanked to spaces (positions kept), so
    keywords and variables can be found with regexes on what is left."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            j = text.find("\n", i)
            j = n if j < 0 else j
        elif c in "\"'":
            if text.startswith(c * 3, i):
                j = text.find(c * 3, i + 3)
                j = n if j < 0 else j + 3
            else:
                j = i + 1
                while j < n and text[j] != c and text[j] != "\n":
                    j += 2 if text[j] == "\\" else 1
                j = min(j + 1, n)
        elif c == "<" and (m := _IRIREF.match(text, i)):
            j = m.end()
        else:
            out.append(c)
            i += 1
            continue
        out.append(re.sub(r"[^\n]", " ", text[i:j]))
        i = j
    return "".join(out)


def _strip_comments(text: str) -> str:
    return _code_mask(text)


def _where_brace(text: str) -> int | None:
    """Index just past the `{` that opens the outermost WHERE group."""
    m = re.search(r"\bWHERE\s*\{", _code_mask(text), re.I)
    return m.end() if m else None


def to_term(param: CannedParam, raw: Any, store=None, resolver=None) -> ox.NamedNode | ox.Literal:
    """A parameter value as a validated pyoxigraph term (CannedError if it does not fit)."""
    value = raw if isinstance(raw, str) else str(raw)
    if len(value) > MAX_STRING:
        raise CannedError(f"parameter {param.name!r} is longer than {MAX_STRING} characters")
    if param.type == "integer":
        v = value.strip()
        if not re.fullmatch(r"[+-]?\d{1,18}", v):
            raise CannedError(f"parameter {param.name!r} must be an integer, got {value!r}")
        return ox.Literal(str(int(v)), datatype=ox.NamedNode(XSD + "integer"))
    if param.type == "date":
        v = value.strip()
        try:
            if re.fullmatch(r"\d{4}", v):
                d = dt.date(int(v), 1, 1)
            elif re.fullmatch(r"\d{4}-\d{2}", v):
                d = dt.date(int(v[:4]), int(v[5:7]), 1)
            else:
                d = dt.date.fromisoformat(v)
        except ValueError:
            raise CannedError(
                f"parameter {param.name!r} must be a date YYYY-MM-DD, got {value!r}"
            ) from None
        return ox.Literal(d.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    if param.type == "string":
        if "\x00" in value:
            raise CannedError(f"parameter {param.name!r} holds a NUL character")
        if param.choices and value.strip() not in param.choices:
            raise CannedError(
                f"parameter {param.name!r} must be one of {', '.join(param.choices)}, got {value!r}"
            )
        if param.choices:
            return ox.Literal(value.strip())
        return ox.Literal(value)
    # iri: an absolute IRI, an entity id or a label/alias
    v = value.strip()
    if not v:
        raise CannedError(f"parameter {param.name!r} is empty")
    if resolver is None and store is not None:
        resolver = resolver_for(store)
    if resolver is not None and (param.entity or not _looks_absolute(v)):
        from kg.query.errors import Ambiguous, NotResolved

        try:
            return ox.NamedNode(resolver.resolve(v, param.entity).iri)
        except Ambiguous as e:
            raise CannedError(f"parameter {param.name!r}: {e}", e.candidates) from None
        except NotResolved as e:
            if not param.entity and _looks_absolute(v):
                pass
            else:
                raise CannedError(f"parameter {param.name!r}: {e}", e.suggestions) from None
    if not _looks_absolute(v):
        raise CannedError(
            f"parameter {param.name!r} must be an IRI or the name of an entity, got {value!r}"
        )
    try:
        return ox.NamedNode(v)
    except ValueError:
        raise CannedError(f"parameter {param.name!r} is not a valid IRI: {value!r}") from None


def _looks_absolute(v: str) -> bool:
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s]", v))


def resolver_for(store):
    """One cached name resolver per store object (`kg.query.resolver.resolver_for`)."""
    from kg.query.resolver import resolver_for as cached

    return cached(store)


def bind_values(
    query: CannedQuery, params: dict[str, Any], store=None, resolver=None
) -> dict[str, ox.NamedNode | ox.Literal]:
    """Validate `params` against the query's declaration: unknown or missing → CannedError."""
    unknown = sorted(set(params) - {p.name for p in query.params})
    if unknown:
        known = ", ".join(p.name for p in query.params) or "none"
        raise CannedError(
            f"unknown parameter(s) {', '.join(unknown)} for {query.name} (takes: {known})"
        )
    terms: dict[str, ox.NamedNode | ox.Literal] = {}
    for p in query.params:
        raw = params.get(p.name)
        if raw is None or (isinstance(raw, str) and raw == ""):
            if p.default is not None:
                raw = p.default
            elif p.required:
                raise CannedError(
                    f"missing required parameter {p.name!r} for {query.name}"
                    + (f" (example: {p.example})" if p.example is not None else "")
                )
            else:
                continue
        terms[p.name] = to_term(p, raw, store, resolver)
    for name, template in query.derived.items():
        terms[name] = ox.Literal(_fill(template, {k: _id_of(v) for k, v in terms.items()}))
    return terms


def _fill(template: str, fields: dict[str, str]) -> str:
    """`template` with each {name} field replaced by fields[name]."""
    return re.sub(r"\{(\w+)\}", lambda m: fields[m.group(1)], template)


def _id_of(term: ox.NamedNode | ox.Literal) -> str:
    """An entity IRI's id (`model/llama`), any other term's value."""
    from kg.namespaces import ID, entity_id_from_iri

    if isinstance(term, ox.NamedNode) and term.value.startswith(ID.iri):
        return entity_id_from_iri(term)
    return term.value


def render(query: CannedQuery, params: dict[str, Any], store=None, resolver=None) -> str:
    """The query with its parameters bound in a leading VALUES block (CannedError if the
    parameters do not fit). Entity names resolve with `resolver` (the one of a
    `kg.query.KG`), else with a resolver cached for `store`."""
    terms = bind_values(query, params, store, resolver)
    return inline(query.sparql, terms)


def inline(sparql: str, terms: dict[str, ox.NamedNode | ox.Literal]) -> str:
    if not terms:
        return sparql
    pos = _where_brace(sparql)
    if pos is None:
        raise CannedError("the query has no 'WHERE {' to bind parameters into")
    names = list(terms)
    for n in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", n):
            raise CannedError(f"bad parameter name {n!r}")
    values = (
        f"\n  VALUES ({' '.join('?' + n for n in names)}) "
        f"{{ ({' '.join(str(terms[n]) for n in names)}) }}\n"
    )
    return sparql[:pos] + values + sparql[pos:]
