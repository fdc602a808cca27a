"""ontology/shapes.ttl compiled to SPARQL and run on Oxigraph: `kg validate` at any size.

pyshacl walks an rdflib copy of the graph node by node (minutes for the sample graph,
hours for a 60k-paper store). Here each property shape becomes a few SELECT queries
over the union of the store's graphs (one for the value constraints, one per count
bound, one for `sh:uniqueLang`; `sh:lessThanOrEquals` and `sh:sparql` one each), which
Oxigraph answers with its indexes; queries run in parallel threads (pyoxigraph releases
the GIL). Each violation is then attributed to the named graph its focus node lives
in, so they can be listed by paper.

Every query is linear in the store and as narrow as it can be (docs/benchmarks.md has
the per-check times at 2k/10k/60k papers):
* value constraints, maximum counts, `sh:uniqueLang`, `sh:lessThanOrEquals` and
  `sh:sparql` look for failing values over the property's own pattern, filtered while
  Oxigraph reads that index range; only those candidates (few: none on a conforming
  store) are then tested for being focus nodes (`Check.focus`, run_checks). Joining
  the focus nodes first made Oxigraph enumerate them all, and a FILTER EXISTS on them
  around the query built them all as well: 4-5x the time.
* a minimum count is `focus nodes MINUS nodes with enough values`, a hash anti-join
  (a per-node NOT EXISTS or an OPTIONAL + GROUP BY over every focus node: 4x slower).
* a target class is `?this a <C>`, one branch per class (`?this a ?c . VALUES ?c {...}`
  read every rdf:type triple of the store for each check).

The compiler covers the SHACL Core features shapes.ttl uses: targets `sh:targetClass`
(with the ontology's rdfs:subClassOf closure) and `sh:targetObjectsOf`; `sh:path` as a
predicate or `sh:inversePath`; `sh:nodeKind`, `sh:datatype`, `sh:class`, `sh:in`,
`sh:pattern`, `sh:minLength`, `sh:minInclusive`, `sh:maxInclusive`, `sh:minCount`,
`sh:maxCount`, `sh:uniqueLang`, `sh:lessThanOrEquals`, `sh:or` of shapes made of those,
`sh:qualifiedValueShape` with `sh:qualifiedMinCount`/`sh:qualifiedMaxCount`, and
SPARQL-based constraints (`sh:sparql` with `sh:select`). A shape using anything else
raises `Unsupported` rather than being skipped silently. Not checked: whether a typed
literal's lexical form is valid for its datatype (pyshacl does check it; Oxigraph keeps
ill-typed literals as given). tests/test_validate.py checks that the violations found
equal pyshacl's on the sample graph and on broken graphs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib import RDF, RDFS, BNode, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
SHC = "http://www.w3.org/ns/shacl#"


class Unsupported(Exception):
    """A shape uses a SHACL feature the compiler does not translate."""


@dataclass(frozen=True)
class Found:
    """One violation: focus node and value as N-Triples terms, path and component as IRIs."""

    focus: str
    path: str
    value: str
    component: str
    message: str
    shape: str


@dataclass
class Check:
    """One SPARQL query and how its rows become violations."""

    shape: str
    what: str  # for progress and errors: "PaperShape dcterms:title counts"
    query: str
    rows: Callable[[dict], Iterable[Found]] = field(repr=False)
    conditions: int = 0  # ?c0_ ... flags the query binds (value checks)
    # When set, `query` finds candidate violations over every node and only those whose
    # ?this matches this group (the shape's targets) count: tested afterwards on the few
    # candidates (see run_checks), never by enumerating every focus node.
    focus: str = ""
    prefixes: str = ""
    # SPARQL-based constraints join several patterns (the others read one): they take
    # most of a run (30% at 60k papers) and are started first so the other thread
    # works through the short checks meanwhile.
    heavy: bool = False

    def text(self) -> str:
        return self.prefixes + self.query

    def full_text(self) -> str:
        """The whole check as one query (candidates joined with the focus test)."""
        if not self.focus:
            return self.text()
        test = f"FILTER EXISTS {{ {self.focus} }}"
        return f"{self.prefixes}SELECT * WHERE {{ {{ {self.query} }} {test} }}"


def _row_found(
    r: dict, *, comp: str, value_var: str | None, path: str, msg: str, shape: str
) -> list[Found]:
    """One result row of a pairwise/uniqueLang check as a violation."""
    value = str(r[value_var]) if value_var else ""
    return [Found(str(r["this"]), path, value, SHC + comp + "ConstraintComponent", msg, shape)]


def _t(node) -> str:
    """An rdflib term as SPARQL/N-Triples text."""
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3()
    raise Unsupported(f"blank node where a term is needed: {node}")


def _str(node) -> str:
    return str(node)


VALUE_KEYS = {
    SH.nodeKind,
    SH.datatype,
    SH["class"],
    SH["in"],
    SH.pattern,
    SH.flags,
    SH.minLength,
    SH.minInclusive,
    SH.maxInclusive,
    SH["or"],
}
COUNT_KEYS = {
    SH.minCount,
    SH.maxCount,
    SH.qualifiedValueShape,
    SH.qualifiedMinCount,
    SH.qualifiedMaxCount,
}
IGNORED = {
    RDF.type,
    RDFS.label,
    RDFS.comment,
    SH.message,
    SH.path,
    SH.name,
    SH.description,
    SH.severity,
}
COMPONENT = {
    SH.nodeKind: "NodeKindConstraintComponent",
    SH.datatype: "DatatypeConstraintComponent",
    SH["class"]: "ClassConstraintComponent",
    SH["in"]: "InConstraintComponent",
    SH.pattern: "PatternConstraintComponent",
    SH.minLength: "MinLengthConstraintComponent",
    SH.minInclusive: "MinInclusiveConstraintComponent",
    SH.maxInclusive: "MaxInclusiveConstraintComponent",
    SH["or"]: "OrConstraintComponent",
}
NODE_KIND = {
    SH.IRI: "!isIRI(?v)",
    SH.Literal: "!isLiteral(?v)",
    SH.BlankNode: "!isBlank(?v)",
    SH.BlankNodeOrIRI: "isLiteral(?v)",
    SH.IRIOrLiteral: "isBlank(?v)",
    SH.BlankNodeOrLiteral: "isIRI(?v)",
}


class Compiler:
    def __init__(self, shapes: rdflib.Graph, ontology: rdflib.Graph | None = None) -> None:
        self.g = shapes
        self.sub: dict[URIRef, set[URIRef]] = {}  # class -> itself and its subclasses
        for o in (shapes, ontology):
            if o is None:
                continue
            for s, _, sup in o.triples((None, RDFS.subClassOf, None)):
                if isinstance(s, URIRef) and isinstance(sup, URIRef):
                    self.sub.setdefault(sup, set()).add(s)

    def closure(self, cls: URIRef) -> list[URIRef]:
        out, todo = {cls}, [cls]
        while todo:
            for s in self.sub.get(todo.pop(), ()):
                if s not in out:
                    out.add(s)
                    todo.append(s)
        return sorted(out)

    # --- targets --------------------------------------------------------------------
    def targets(self, shape) -> str:
        """The shape's focus nodes as a SPARQL group binding ?this. One UNION branch per
        target class (`?this a <C>` reads one index range; `?this a ?c . VALUES ?c {...}`
        scans every rdf:type triple of the store). Used both to enumerate focus nodes and,
        with ?this bound, as a membership test in FILTER EXISTS."""
        parts = []
        classes = list(self.g.objects(shape, SH.targetClass))
        if (shape, RDF.type, RDFS.Class) in self.g:
            classes.append(shape)
        for c in self._classes(classes):
            parts.append(f"{{ ?this a {c} }}")
        for p in self.g.objects(shape, SH.targetObjectsOf):
            parts.append(f"{{ ?x_ {_t(p)} ?this }}")
        for p in self.g.objects(shape, SH.targetSubjectsOf):
            parts.append(f"{{ ?this {_t(p)} ?x_ }}")
        for n in self.g.objects(shape, SH.targetNode):
            parts.append(f"{{ VALUES ?this {{ {_t(n)} }} }}")
        return " UNION ".join(parts)

    def _classes(self, classes: Iterable[Node]) -> list[str]:
        """The classes and their subclasses, as sorted N-Triples IRIs."""
        return sorted(
            {_t(c) for cls in classes if isinstance(cls, URIRef) for c in self.closure(cls)}
        )

    # --- value conditions (true = the value ?v violates) ----------------------------
    def value_condition(self, key, obj, node) -> str:
        if key == SH.nodeKind:
            if obj not in NODE_KIND:
                raise Unsupported(f"sh:nodeKind {obj}")
            return NODE_KIND[obj]
        if key == SH.datatype:
            return f"COALESCE(!(isLiteral(?v) && DATATYPE(?v) = {_t(obj)}), true)"
        if key == SH["class"]:
            typed = " UNION ".join(f"{{ ?v a {c} }}" for c in self._classes([obj]))
            return f"(isLiteral(?v) || NOT EXISTS {{ {typed} }})"
        if key == SH["in"]:
            items = list(Collection(self.g, obj))
            return "!(" + " || ".join(f"sameTerm(?v, {_t(i)})" for i in items) + ")"
        if key == SH.pattern:
            flags = self.g.value(node, SH.flags)
            fl = f", {Literal(str(flags)).n3()}" if flags is not None else ""
            return f"COALESCE(isBlank(?v) || !REGEX(STR(?v), {Literal(str(obj)).n3()}{fl}), true)"
        if key == SH.minLength:
            return f"COALESCE(isBlank(?v) || STRLEN(STR(?v)) < {int(obj)}, true)"
        if key == SH.minInclusive:
            return f"COALESCE(!(?v >= {_t(obj)}), true)"
        if key == SH.maxInclusive:
            return f"COALESCE(!(?v <= {_t(obj)}), true)"
        if key == SH["or"]:
            members = list(Collection(self.g, obj))
            confs = [f"!({self.shape_violation(m)})" for m in members]
            return "!(" + " || ".join(confs) + ")"
        raise Unsupported(f"{key}")

    def shape_violation(self, shape) -> str:
        """True when ?v does not conform to a nested shape made of value constraints."""
        conds = []
        for key, obj in self.g.predicate_objects(shape):
            if key in IGNORED or key == SH.flags:
                continue
            if key not in VALUE_KEYS:
                raise Unsupported(f"{key} in a nested shape")
            conds.append(self.value_condition(key, obj, shape))
        return " || ".join(f"({c})" for c in conds) or "false"

    # --- shapes ---------------------------------------------------------------------
    def checks(self) -> list[Check]:
        out: list[Check] = []
        shapes = sorted(
            set(self.g.subjects(RDF.type, SH.NodeShape))
            | set(self.g.subjects(SH.targetClass, None))
            | set(self.g.subjects(SH.targetObjectsOf, None)),
            key=str,
        )
        for shape in shapes:
            targets = self.targets(shape)
            if not targets:
                continue
            name = _local(shape)
            node_conds = []
            for key, obj in self.g.predicate_objects(shape):
                if key in VALUE_KEYS and key != SH.flags:
                    node_conds.append((key, self.value_condition(key, obj, shape)))
                elif key in (SH.property, SH.sparql, SH.targetClass, SH.targetObjectsOf):
                    continue
                elif key in (SH.targetSubjectsOf, SH.targetNode, SH.closed, SH.flags) or (
                    key in IGNORED
                ):
                    if key == SH.closed:
                        raise Unsupported("sh:closed")
                    continue
                else:
                    raise Unsupported(f"{key} on {name}")
            msg = self.g.value(shape, SH.message)
            if node_conds:
                out.append(self._value_check(shape, name, targets, "?this", "", node_conds, msg))
            for prop in self.g.objects(shape, SH.property):
                out.extend(self._property(shape, name, targets, prop))
            for sq in self.g.objects(shape, SH.sparql):
                out.append(self._sparql(shape, name, targets, sq))
        return out

    def _path(self, prop) -> tuple[str, str]:
        """(pattern from ?this to ?v, the path as text for reports)."""
        path = self.g.value(prop, SH.path)
        if isinstance(path, URIRef):
            return f"?this {_t(path)} ?v", str(path)
        inv = self.g.value(path, SH.inversePath) if isinstance(path, BNode) else None
        if isinstance(inv, URIRef):
            return f"?v {_t(inv)} ?this", f"^{inv}"
        raise Unsupported(f"sh:path {path}")

    def _value_check(self, shape, name, targets, pattern, path, conds, msg) -> Check:
        binds = " ".join(f"BIND({c} AS ?c{i}_)" for i, (_, c) in enumerate(conds))
        flags = " || ".join(f"({c})" for _, c in conds)
        cols = " ".join(f"?c{i}_" for i in range(len(conds)))
        if pattern == "?this":  # node constraints: every focus node is a candidate
            q = (
                f"SELECT DISTINCT ?this ?v {cols} WHERE {{ {targets} BIND(?this AS ?v) "
                f"{binds} FILTER({' || '.join(f'?c{i}_' for i in range(len(conds)))}) }}"
            )
        else:  # the failing values first (the filter sits on one pattern), then targets
            q = f"SELECT DISTINCT ?this ?v {cols} WHERE {{ {pattern} . {binds} FILTER({flags}) }}"
        keys = [k for k, _ in conds]

        def rows(r: dict) -> Iterable[Found]:
            for i, k in enumerate(keys):
                c = r.get(f"c{i}_")
                if c is not None and c.value == "true":
                    yield Found(
                        str(r["this"]),
                        path,
                        str(r["v"]),
                        SHC + COMPONENT[k],
                        str(msg) if msg else f"{_local(k)} violated",
                        str(shape),
                    )

        what = f"{name} {_short(path) or 'node'} values"
        focus = "" if pattern == "?this" else targets
        return Check(str(shape), what, q, rows, len(conds), focus=focus)

    def _property(self, shape, name, targets, prop) -> list[Check]:
        pattern, path = self._path(prop)
        msg = self.g.value(prop, SH.message)
        out: list[Check] = []
        vconds, counts, unique, leq = [], {}, False, []
        for key, obj in self.g.predicate_objects(prop):
            if key in IGNORED:
                continue
            if key in VALUE_KEYS:
                if key != SH.flags:
                    vconds.append((key, self.value_condition(key, obj, prop)))
            elif key in COUNT_KEYS:
                counts[key] = obj
            elif key == SH.uniqueLang:
                unique = bool(obj.toPython()) if isinstance(obj, Literal) else False
            elif key == SH.lessThanOrEquals:
                leq.append(obj)
            else:
                raise Unsupported(f"{key} on a property of {name}")
        if vconds:
            out.append(self._value_check(shape, name, targets, pattern, path, vconds, msg))
        if counts:
            out.extend(self._counts(shape, name, targets, pattern, path, counts, msg))
        if unique:
            q = (
                f"SELECT ?this ?l_ WHERE {{ {pattern} . "
                'FILTER(isLiteral(?v)) BIND(LANG(?v) AS ?l_) FILTER(?l_ != "") } '
                "GROUP BY ?this ?l_ HAVING(COUNT(DISTINCT ?v) > 1)"
            )
            out.append(
                Check(
                    str(shape),
                    f"{name} {_short(path)} uniqueLang",
                    q,
                    partial(
                        _row_found,
                        comp="UniqueLang",
                        value_var=None,
                        path=path,
                        msg=str(msg) if msg else "uniqueLang violated",
                        shape=str(shape),
                    ),
                    focus=targets,
                )
            )
        for other in leq:
            q = (
                f"SELECT DISTINCT ?this ?v WHERE {{ {pattern} . ?this {_t(other)} ?w_ . "
                "FILTER(COALESCE(!(?v <= ?w_), true)) }"
            )
            out.append(
                Check(
                    str(shape),
                    f"{name} {_short(path)} lessThanOrEquals",
                    q,
                    partial(
                        _row_found,
                        comp="LessThanOrEquals",
                        value_var="v",
                        path=path,
                        msg=str(msg) if msg else "lessThanOrEquals violated",
                        shape=str(shape),
                    ),
                    focus=targets,
                )
            )
        return out

    def _counts(self, shape, name, targets, pattern, path, counts, msg) -> list[Check]:
        """One query per count constraint. A minimum: the focus nodes MINUS those with
        enough values (a hash anti-join; no per-node NOT EXISTS, no GROUP BY over every
        focus node). A maximum: the nodes with too many values, grouped on the property's
        own pattern, then tested for being focus nodes."""
        out: list[Check] = []
        qshape = counts.get(SH.qualifiedValueShape)
        qpattern = ""
        if qshape is not None:
            qpattern = f"{pattern} . FILTER(COALESCE(!({self.shape_violation(qshape)}), false))"
        bounds = [
            (SH.minCount, pattern, "MinCount", "fewer than {} values"),
            (SH.maxCount, pattern, "MaxCount", "more than {} values"),
            (SH.qualifiedMinCount, qpattern, "QualifiedMinCount", "too few qualified"),
            (SH.qualifiedMaxCount, qpattern, "QualifiedMaxCount", "too many qualified"),
        ]
        for key, pat, comp, text in bounds:
            bound = counts.get(key)
            if bound is None or not pat:
                continue
            n = int(bound)
            if key in (SH.minCount, SH.qualifiedMinCount):
                if n <= 0:
                    continue
                enough = (
                    f"{{ {pat} }}"
                    if n == 1
                    else f"{{ SELECT ?this WHERE {{ {pat} }} GROUP BY ?this "
                    f"HAVING(COUNT(DISTINCT ?v) >= {n}) }}"
                )
                q = f"SELECT DISTINCT ?this WHERE {{ {{ {targets} }} MINUS {enough} }}"
                focus = ""
            else:
                q = f"SELECT ?this WHERE {{ {pat} }} GROUP BY ?this "
                q += f" HAVING(COUNT(DISTINCT ?v) > {n})"
                focus = targets
            out.append(
                Check(
                    str(shape),
                    f"{name} {_short(path)} {comp[0].lower()}{comp[1:]}",
                    q,
                    partial(
                        _row_found,
                        comp=comp,
                        value_var=None,
                        path=path,
                        msg=str(msg) if msg else text.format(n),
                        shape=str(shape),
                    ),
                    focus=focus,
                )
            )
        return out

    def _sparql(self, shape, name, targets, sq) -> Check:
        select = self.g.value(sq, SH.select)
        if select is None:
            raise Unsupported("sh:sparql without sh:select")
        prefixes = ""
        for pnode in self.g.objects(sq, SH.prefixes):
            for decl in self.g.objects(pnode, SH.declare):
                pfx, ns = self.g.value(decl, SH.prefix), self.g.value(decl, SH.namespace)
                prefixes += f"PREFIX {pfx}: <{ns}>\n"
        body = str(select).replace("$this", "?this")
        msg = self.g.value(sq, SH.message)

        def rows(r: dict) -> Iterable[Found]:
            p = r.get("path")
            yield Found(
                str(r["this"]),
                p.value if p is not None else "",
                str(r["value"]) if r.get("value") is not None else "",
                SHC + "SPARQLConstraintComponent",
                str(msg) if msg else "SPARQL constraint violated",
                str(shape),
            )

        # the constraint's own query over every node (its filter prunes), focus tested after
        return Check(
            str(shape), f"{name} sparql", body, rows, focus=targets, prefixes=prefixes, heavy=True
        )


def _local(iri) -> str:
    s = str(iri)
    return s.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _short(path: str) -> str:
    return ("^" if path.startswith("^") else "") + _local(path)


def compile_shapes(shapes_path: Path, ontology_path: Path | None = None) -> list[Check]:
    shapes = rdflib.Graph().parse(shapes_path)
    ont = rdflib.Graph().parse(ontology_path) if ontology_path else None
    return Compiler(shapes, ont).checks()


def run_checks(
    store,
    checks: list[Check],
    *,
    threads: int = 2,
    on_done: Callable[[Check, int], None] | None = None,
    on_start: Callable[[Check], None] | None = None,
) -> list[Found]:
    """Run every check on `store` (a pyoxigraph Store, queried over the union of its
    graphs), `threads` at a time; `on_start(check)` as one begins (in its worker thread),
    `on_done(check, violations)` after each."""

    def one(c: Check) -> list[Found]:
        if on_start:
            on_start(c)
        rows = [_row(s, c.conditions) for s in _query(store, c.text())]
        if c.focus and rows:
            rows = _on_focus(store, c, rows)
        return [f for r in rows for f in c.rows(r)]

    out: list[Found] = []
    with ThreadPoolExecutor(max(1, threads)) as ex:
        ordered = sorted(checks, key=lambda c: not c.heavy)  # longest first
        futures = {ex.submit(one, c): c for c in ordered}
        for f in as_completed(futures):
            c, got = futures[f], f.result()
            out.extend(got)
            if on_done:
                on_done(c, len(got))
    return sorted(set(out), key=lambda f: (f.focus, f.path, f.component, f.value))


def _query(store, q: str):
    return store.query(q, use_default_graph_as_union=True)


def _on_focus(store, c: Check, rows: list[dict], batch: int = 500) -> list[dict]:
    """The candidate rows whose ?this is one of the check's focus nodes: the candidates'
    terms in VALUES, tested with FILTER EXISTS (a lookup per candidate). A blank node
    cannot be written in VALUES: then the whole check runs as one query instead."""
    nodes = list({r["this"] for r in rows if r["this"] is not None})
    if any(isinstance(n, ox.BlankNode) for n in nodes):
        return [_row(s, c.conditions) for s in _query(store, c.full_text())]
    keep: set = set()
    for i in range(0, len(nodes), batch):
        values = " ".join(str(n) for n in nodes[i : i + batch])
        q = f"SELECT ?this WHERE {{ VALUES ?this {{ {values} }} FILTER EXISTS {{ {c.focus} }} }}"
        keep.update(s["this"] for s in _query(store, q))
    return [r for r in rows if r["this"] in keep]


def _row(sol, conditions: int) -> dict:
    """A solution as {variable name: term or None}."""
    r = {}
    for name in ("this", "v", "value", "path", "n_", "q_", "l_"):
        try:
            r[name] = sol[name]
        except (KeyError, IndexError, TypeError):
            r[name] = None
    for i in range(conditions):
        try:
            r[f"c{i}_"] = sol[f"c{i}_"]
        except (KeyError, IndexError, TypeError):
            r[f"c{i}_"] = None
    return r
