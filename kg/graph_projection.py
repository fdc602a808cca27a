"""Project the RDF graph onto plain graphs that graph tools understand.

Two projections, both `networkx.Graph`s (undirected):

* **bipartite** (papers–entities): a node per paper and per entity; an edge paper–entity
  wherever the paper's text refers to the entity (`kg:mentions`). The edge's `relation`
  is the strongest thing the paper says about the entity — `proposes` > `evaluates`
  (subject, benchmark or metric of one of its evaluations) > `uses_hardware` >
  `mentions` — and its `weight` is the number of mentions of the entity in the paper
  (at least 1). Papers with no edge (nothing extracted, or every entity filtered out)
  are not part of the projection.
* **cooccurrence** (entity co-occurrence): a node per entity; an edge between two
  entities that at least one paper mentions together, `relation` "co-occurs", `weight`
  the number of papers that mention both.

Every node has `type` (Paper, Model, Method, Benchmark, Hardware, Metric), `label`
(paper title or entity prefLabel), `papers` (papers that mention the entity in the
whole store; 1 for a paper), `iri`; `first_year` (a paper's publication year, an
entity's earliest year over the papers mentioning it) and `kind` (model/family,
device/architecture/vendor) only where known — no attribute is ever None. Node ids
are the IRI after https://w3id.org/kg/id/: `paper/2510.14968`, `model/llama-3.1-8b`.

The projections are built from a handful of SPARQL queries whose rows are streamed
(never one query per node); subsets (a neighbourhood, a canned query's result) use the
same queries restricted by chunked `VALUES` blocks.

Scope (`ExportScope`), applied in this order:
1. `entity` + `depth`: the ego graph of that entity (or paper) in the projection,
   `depth` hops out, traversing only nodes that pass the `types` and `min_papers`
   filters (the centre always stays). Or `query` (+ `params`): the papers and entities
   a canned query returns — in bipartite the edges between them, widened by one hop
   when the result names only papers (their entities) or only entities (their papers);
   in cooccurrence the entities named (or those of the papers named) with weights
   counted over the result's papers when it names papers, over all papers otherwise.
2. `types`: keep entities of these types (Paper may be listed; papers are kept by the
   bipartite projection whenever they keep an edge).
3. `min_papers`: drop entities mentioned by fewer papers (store-wide count).
4. `min_degree`: drop nodes with fewer edges in what is left (one pass, as Gephi's
   degree filter, not a k-core), then the nodes that this left without any edge.
5. `max_nodes` (0 = no limit): keep the centre and the best-connected nodes; the graph
   attribute `total_nodes` then says how many there were.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import networkx as nx
from pyoxigraph import NamedNode

from kg.namespaces import ENTITY_TYPES, ID, KG_IRI, SPARQL_PREFIXES, paper_iri

__all__ = [
    "ExportScope",
    "build_graph",
    "resolve_node",
    "ENTITY_TYPES",
    "PROJECTIONS",
    "RELATION_RANK",
    "node_id",
]

PROJECTIONS: tuple[str, ...] = ("bipartite", "cooccurrence")
MAX_DEPTH = 4
#: strongest first; a bipartite edge carries the strongest relation found.
RELATION_RANK = {"proposes": 3, "evaluates": 2, "uses_hardware": 1, "mentions": 0}

_ID = str(ID)
_CHUNK = 1000
_KG = KG_IRI


@dataclass
class ExportScope:
    """What part of the graph to export, and as which projection (see module doc)."""

    projection: str = "bipartite"
    entity: str | None = None
    depth: int = 1
    query: str | None = None
    params: dict[str, str] = field(default_factory=dict)
    types: list[str] | None = None
    min_degree: int = 0
    min_papers: int = 0
    max_nodes: int = 0

    def checked(self) -> ExportScope:
        """A copy with names normalised; ValueError, in words a user can act on, if invalid."""
        proj = (self.projection or "bipartite").strip().lower().replace("-", "")
        aliases = {
            "bipartite": "bipartite",
            "paperentity": "bipartite",
            "papersentities": "bipartite",
            "cooccurrence": "cooccurrence",
            "cooc": "cooccurrence",
            "entity": "cooccurrence",
        }
        if proj not in aliases:
            raise ValueError(
                f"unknown projection {self.projection!r}; choose bipartite or cooccurrence"
            )
        types: list[str] | None = None
        if self.types:
            types = []
            lookup = {t.lower(): t for t in ENTITY_TYPES + ("Paper",)}
            for t in self.types:
                t = t.strip()
                if not t:
                    continue
                if t.lower() not in lookup:
                    raise ValueError(
                        f"unknown type {t!r}; choose from {', '.join(ENTITY_TYPES + ('Paper',))}"
                    )
                types.append(lookup[t.lower()])
            types = types or None
        entity = (self.entity or "").strip() or None
        query = (self.query or "").strip() or None
        if entity and query:
            raise ValueError("give either an entity (neighbourhood) or a canned query, not both")
        try:
            depth = int(self.depth)
            min_degree, min_papers, max_nodes = (
                int(self.min_degree),
                int(self.min_papers),
                int(self.max_nodes or 0),
            )
        except (TypeError, ValueError):
            raise ValueError(
                "depth, min_degree, min_papers and max_nodes must be whole numbers"
            ) from None
        if not 0 <= depth <= MAX_DEPTH:
            raise ValueError(f"depth must be between 0 and {MAX_DEPTH}, not {depth}")
        if min_degree < 0 or min_papers < 0 or max_nodes < 0:
            raise ValueError("min_degree, min_papers and max_nodes cannot be negative")
        return ExportScope(
            aliases[proj],
            entity,
            depth,
            query,
            dict(self.params or {}),
            types,
            min_degree,
            min_papers,
            max_nodes,
        )

    def describe(self) -> str:
        parts = [self.projection]
        if self.entity:
            parts.append(f"neighbourhood of {self.entity} (depth {self.depth})")
        if self.query:
            ps = ", ".join(f"{k}={v}" for k, v in sorted(self.params.items()))
            parts.append(f"query {self.query}" + (f" ({ps})" if ps else ""))
        if self.types:
            parts.append("types " + ",".join(self.types))
        if self.min_papers:
            parts.append(f"min_papers {self.min_papers}")
        if self.min_degree:
            parts.append(f"min_degree {self.min_degree}")
        if self.max_nodes:
            parts.append(f"max_nodes {self.max_nodes}")
        return "; ".join(parts)


def node_id(iri: str) -> str:
    """`https://w3id.org/kg/id/model/llama` → `model/llama` (other IRIs unchanged)."""
    return iri[len(_ID) :] if iri.startswith(_ID) else iri


def _full(n: str) -> str:
    """Inverse of `node_id`."""
    return n if n.startswith(("http://", "https://", "urn:")) else _ID + n


def _is_paper(n: str) -> bool:
    """Is this node id (or IRI) a paper? Paper parts (…/paper/K/mention/1) are not."""
    n = node_id(n)
    return n.startswith("paper/") and "/" not in n[6:]


def _year(date_value: str | None) -> int | None:
    if not date_value or len(date_value) < 4 or not date_value[:4].isdigit():
        return None
    return int(date_value[:4])


def _chunks(items: Iterable[str], n: int = _CHUNK) -> Iterator[list[str]]:
    buf: list[str] = []
    for x in items:
        buf.append(x)
        if len(buf) >= n:
            yield buf
            buf = []
    if buf:
        yield buf


def _values(var: str, ids: Iterable[str]) -> str:
    return f"VALUES ?{var} {{ {' '.join(f'<{_full(i)}>' for i in ids)} }}"


class _Projector:
    """Runs the streaming queries; one instance per export."""

    def __init__(self, store, scope: ExportScope, resolver=None) -> None:
        self.store = store
        self.scope = scope
        self.resolver = resolver
        self.types = set(scope.types) if scope.types else None
        self._intern: dict[str, str] = {}
        self.ent_info: dict[str, tuple[str, str, str | None]] = {}  # iri -> (type, label, kind)
        self.ent_stats: dict[str, tuple[int, int | None]] = {}  # iri -> (papers, first year)
        self.paper_info: dict[str, tuple[str, int | None]] = {}  # iri -> (title, year)

    # --- low level ------------------------------------------------------------------
    def rows(self, body: str) -> Iterator:
        return iter(self.store.query(SPARQL_PREFIXES + body))

    def iri(self, s: str) -> str:
        """The node id of an IRI, interned so that every edge shares one string per node."""
        got = self._intern.get(s)
        if got is None:
            self._intern[s] = got = node_id(s)
        return got

    def mention_rows(
        self, papers: Iterable[str] | None = None, entities: Iterable[str] | None = None
    ) -> Iterator[tuple[str, str]]:
        """(paper, entity) for each kg:mentions, optionally restricted (chunked VALUES)."""
        if papers is not None:
            var, items = "p", papers
        elif entities is not None:
            var, items = "e", entities
        else:
            for r in self.rows("SELECT ?p ?e WHERE { ?p kg:mentions ?e }"):
                yield self.iri(r[0].value), self.iri(r[1].value)
            return
        for chunk in _chunks(items):
            for r in self.rows(f"SELECT ?p ?e WHERE {{ {_values(var, chunk)} ?p kg:mentions ?e }}"):
                yield self.iri(r[0].value), self.iri(r[1].value)

    def relation_rows(self, papers: Iterable[str] | None = None) -> Iterator[tuple[str, str, str]]:
        """(paper, entity, relation) for proposals, evaluations and hardware usages."""
        body = """
  { ?p kg:proposes ?e . BIND("proposes" AS ?r) }
  UNION { ?p kg:hasEvaluation ?v . ?v kg:evaluatedSubject|kg:onBenchmark|kg:withMetric ?e . \
BIND("evaluates" AS ?r) }
  UNION { ?p kg:usesHardware ?u . ?u kg:hardware|kg:subject ?e . BIND("uses_hardware" AS ?r) }"""
        if papers is None:
            for r in self.rows(f"SELECT ?p ?e ?r WHERE {{ {body} }}"):
                yield self.iri(r[0].value), self.iri(r[1].value), r[2].value
            return
        for chunk in _chunks(papers):
            for r in self.rows(f"SELECT ?p ?e ?r WHERE {{ {_values('p', chunk)} {body} }}"):
                yield self.iri(r[0].value), self.iri(r[1].value), r[2].value

    def mention_count_rows(
        self, papers: Iterable[str] | None = None
    ) -> Iterator[tuple[str, str, int]]:
        """(paper, entity, number of kg:Mention nodes): the weight of bipartite edges (none where
        the store was ingested with --no-mention-nodes).
        (Grouped in SPARQL: on 60k papers ~3x faster than streaming the join's rows.)"""
        body = "?p kg:hasSentence ?s . ?s kg:hasMention ?m . ?m kg:mentionedEntity ?e ."
        if papers is None:
            for r in self.rows(f"SELECT ?p ?e (COUNT(?m) AS ?n) WHERE {{ {body} }} GROUP BY ?p ?e"):
                yield self.iri(r[0].value), self.iri(r[1].value), int(r[2].value)
            return
        for chunk in _chunks(papers):
            for r in self.rows(
                f"SELECT ?p ?e (COUNT(?m) AS ?n) WHERE {{ {_values('p', chunk)} {body} }} GROUP BY "
                f"?p ?e"
            ):
                yield self.iri(r[0].value), self.iri(r[1].value), int(r[2].value)

    def load_entity_info(self, entities: Iterable[str] | None = None) -> None:
        # FILTER(IN), not VALUES ?t: beside a VALUES ?e block, Oxigraph joins a ?t block
        # after scanning every entity of those types (100x slower on 60k papers)
        body = (
            "?e a ?t . FILTER(?t IN (kg:Model, kg:Method, kg:Benchmark, kg:Hardware, kg:Metric)) "
            "OPTIONAL { ?e skos:prefLabel ?l } OPTIONAL { ?e kg:kind ?k }"
        )
        info = self.ent_info
        t_off = len(_KG)

        def take(rows):
            for r in rows:
                e = self.iri(r[0].value)
                if e in info:
                    continue
                label = r[2].value if r[2] is not None else node_id(e)
                info[e] = (r[1].value[t_off:], label, r[3].value if r[3] is not None else None)

        if entities is None:
            take(self.rows(f"SELECT ?e ?t ?l ?k WHERE {{ {body} }}"))
        else:
            todo = [e for e in entities if e not in info]
            for chunk in _chunks(todo):
                take(self.rows(f"SELECT ?e ?t ?l ?k WHERE {{ {_values('e', chunk)} {body} }}"))

    def entity_type(self, e: str) -> str:
        got = self.ent_info.get(e)
        return got[0] if got else "Entity"

    def load_entity_stats(self, entities: Iterable[str]) -> None:
        """Store-wide paper count and first year of each entity (aggregated in SPARQL)."""
        todo = [e for e in entities if e not in self.ent_stats]
        for chunk in _chunks(todo, 500):
            q = (
                f"SELECT ?e (COUNT(DISTINCT ?p) AS ?n) (MIN(?d) AS ?y) WHERE "
                f"{{ {_values('e', chunk)} "
                "?p kg:mentions ?e . OPTIONAL { ?p dcterms:issued ?d } } GROUP BY ?e"
            )
            for r in self.rows(q):
                self.ent_stats[self.iri(r[0].value)] = (
                    int(r[1].value),
                    _year(r[2].value if r[2] else None),
                )
        for e in todo:
            self.ent_stats.setdefault(e, (0, None))

    def load_paper_info(self, papers: Iterable[str] | None = None) -> None:
        body = (
            '?p a kg:Paper ; dcterms:title ?t . FILTER(LANG(?t) = "") '
            "OPTIONAL { ?p dcterms:issued ?d }"
        )
        info = self.paper_info

        def take(rows, keep=None):
            for r in rows:
                p = self.iri(r[0].value)
                if keep is not None and p not in keep:
                    continue
                if p not in info:
                    info[p] = (r[1].value, _year(r[2].value if r[2] is not None else None))

        if papers is None:
            take(self.rows(f"SELECT ?p ?t ?d WHERE {{ {body} }}"))
            return
        papers = [p for p in papers if p not in info]
        if len(papers) > 20 * _CHUNK:  # a large share of the store: one streaming pass
            take(self.rows(f"SELECT ?p ?t ?d WHERE {{ {body} }}"), keep=set(papers))
        else:
            for chunk in _chunks(papers):
                take(self.rows(f"SELECT ?p ?t ?d WHERE {{ {_values('p', chunk)} {body} }}"))

    def admits(self, e: str) -> bool:
        """Does entity `e` pass the type and min_papers filters (info/stats loaded)?"""
        if self.types is not None and self.entity_type(e) not in self.types:
            return False
        if self.scope.min_papers and self.ent_stats.get(e, (0, None))[0] < self.scope.min_papers:
            return False
        return True

    # --- node attributes ---------------------------------------------------------------
    def entity_attrs(self, e: str) -> dict:
        etype, label, kind = self.ent_info.get(e) or ("Entity", node_id(e), None)
        n, year = self.ent_stats.get(e, (0, None))
        d = {"type": etype, "label": label, "papers": n, "iri": _full(e)}
        if year is not None:
            d["first_year"] = year
        if kind:
            d["kind"] = kind
        return d

    def paper_attrs(self, p: str) -> dict:
        title, year = self.paper_info.get(p) or (node_id(p), None)
        d = {"type": "Paper", "label": title, "papers": 1, "iri": _full(p)}
        if year is not None:
            d["first_year"] = year
        return d

    # --- whole graph ---------------------------------------------------------------
    def whole_stats(self) -> list[tuple[str, str]]:
        """Stream all kg:mentions once: store-wide counts and first years; the edges."""
        self.load_paper_info(None)
        edges = list(self.mention_rows())
        counts: Counter = Counter(e for _, e in edges)
        first: dict[str, int] = {}
        for p, e in edges:
            y = self.paper_info.get(p, ("", None))[1]
            if y is not None and (e not in first or y < first[e]):
                first[e] = y
        for e, n in counts.items():
            self.ent_stats[e] = (n, first.get(e))
        return edges

    def bipartite(
        self,
        edges: Iterable[tuple[str, str]],
        papers_for_weights: list[str] | None,
        center: str | None = None,
    ) -> nx.Graph:
        """A bipartite graph from (paper, entity) edges whose entities are all admitted."""
        G = nx.Graph()
        for p, e in edges:
            if p not in G:
                G.add_node(p)
            if e not in G:
                G.add_node(e)
            G.add_edge(p, e, relation="mentions", weight=0)
        if center is not None and center not in G:
            G.add_node(center)
        adj = G._adj
        for p, e, rel in self.relation_rows(papers_for_weights):
            d = adj.get(p, {}).get(e)
            if d is not None and RELATION_RANK[rel] > RELATION_RANK[d["relation"]]:
                d["relation"] = rel
        for p, e, n in self.mention_count_rows(papers_for_weights):
            d = adj.get(p, {}).get(e)
            if d is not None:
                d["weight"] += n
        for _, _, d in G.edges(data=True):
            if d["weight"] < 1:
                d["weight"] = 1
        self.decorate(G)
        return G

    def cooccurrence(
        self, nodes: Iterable[str], paper_entities: Iterable[tuple[str, str]]
    ) -> nx.Graph:
        """Entities `nodes`, edges weighted by the papers (in `paper_entities` rows)
        sharing both."""
        G = nx.Graph()
        G.add_nodes_from(nodes)
        index = {e: i for i, e in enumerate(G)}
        names = list(G)
        by_paper: dict[str, list[int]] = defaultdict(list)
        for p, e in paper_entities:
            i = index.get(e)
            if i is not None:
                by_paper[p].append(i)
        n = len(names)
        pairs: Counter = (
            Counter()
        )  # pair (a, b), a < b, as the int a * n + b: a third of a tuple's memory
        for ents in by_paper.values():
            if len(ents) < 2:
                continue
            ents = sorted(set(ents))
            pairs.update(ia * n + ib for k, ia in enumerate(ents) for ib in ents[k + 1 :])
        by_paper.clear()
        for key, w in pairs.items():
            a, b = divmod(key, n)
            G.add_edge(names[a], names[b], relation="co-occurs", weight=w)
        del pairs
        self.decorate(G)
        return G

    def decorate(self, G: nx.Graph) -> None:
        papers = [n for n in G if _is_paper(n)]
        if papers:
            self.load_paper_info(papers)
        ents = [n for n in G if not _is_paper(n)]
        self.load_entity_info(ents)
        self.load_entity_stats(ents)
        nodes = G._node
        for n in G:
            nodes[n].update(self.paper_attrs(n) if _is_paper(n) else self.entity_attrs(n))


def resolve_node(store, text: str, resolver=None) -> str:
    """The IRI of an entity or paper given as an IRI, an id (`model/llama-3.1-8b`,
    `paper/2510.14968`), an arXiv id, or a label/alias. Labels resolve with the same
    resolver as the API and the CLI (`kg.query.resolver`): `kg.query.NotResolved` (a
    ValueError, with suggestions) if nothing matches."""
    from kg.query.resolver import resolver_for

    text = text.strip()
    if not text:
        raise ValueError("empty entity name")
    candidates: list[str] = []
    if text.startswith(("http://", "https://")):
        candidates.append(text)
    elif "/" in text:
        candidates.append(_ID + text)  # a node id of an export: the IRI's tail, already encoded
        if text.startswith("paper/"):
            candidates.append(paper_iri(text[len("paper/") :]).value)
    else:
        try:
            candidates.append(paper_iri(text).value)
        except ValueError:
            pass
    for c in dict.fromkeys(candidates):
        try:
            node = NamedNode(c)
        except ValueError:
            continue
        if bool(store.query(SPARQL_PREFIXES + f"ASK {{ {node} a kg:Paper }}")):
            return c
    return (resolver or resolver_for(store)).resolve(text).iri


def _canned_rows(
    store, name: str, params: dict[str, str], resolver=None
) -> tuple[list[str], list[str]]:
    """Run a canned query; the paper IRIs and other IRIs it returns, in order of appearance."""
    try:
        from kg.canned import CannedError, load_queries, render
    except ImportError as e:  # pragma: no cover - canned queries not installed
        raise ValueError(f"canned queries are not available: {e}") from e
    queries = load_queries()
    if name not in queries:
        raise ValueError(f"no canned query {name!r}; known: {', '.join(sorted(queries))}")
    try:
        text = render(queries[name], params, store, resolver)
    except CannedError as e:
        raise ValueError(str(e)) from e
    res = store.query(text)
    papers: dict[str, None] = {}
    others: dict[str, None] = {}
    if not hasattr(res, "variables"):
        raise ValueError(f"canned query {name!r} is not a SELECT query; it cannot scope an export")
    for row in res:
        for term in row:
            if isinstance(term, NamedNode):
                v = term.value
                if _is_paper(v):
                    papers[node_id(v)] = None
                elif v.startswith(_ID):
                    others[node_id(v)] = None
    return list(papers), list(others)


def build_graph(store, scope: ExportScope, resolver=None) -> nx.Graph:
    """The projection of `store` that `scope` asks for (see module doc)."""
    scope = scope.checked()
    pj = _Projector(store, scope, resolver)
    center: str | None = None
    if scope.entity:
        center = pj.iri(resolve_node(store, scope.entity, resolver))
        G = _neighbourhood(pj, center, scope)
    elif scope.query:
        G = _from_query(pj, scope, scope.query)
    else:
        G = _whole(pj, scope)

    if scope.min_degree:
        drop = [n for n, d in G.degree() if d < scope.min_degree and n != center]
        G.remove_nodes_from(drop)
        G.remove_nodes_from([n for n in list(nx.isolates(G)) if n != center])
    total = G.number_of_nodes()
    if scope.max_nodes and total > scope.max_nodes:
        deg = dict(G.degree())
        ranked = sorted(
            G.nodes,
            key=lambda n: (
                n != center,
                -deg[n],
                -G.nodes[n].get("papers", 0),
                -G.nodes[n].get("first_year", 0),
                n,
            ),
        )
        G.remove_nodes_from(ranked[scope.max_nodes :])
        G.graph["total_nodes"] = total
    G.graph.update(
        {
            "name": f"kg {scope.projection}",
            "projection": scope.projection,
            "scope": scope.describe(),
        }
    )
    if center is not None:
        G.graph["center"] = center
    return G


def _whole(pj: _Projector, scope: ExportScope) -> nx.Graph:
    pj.load_entity_info(None)
    edges = pj.whole_stats()
    if scope.projection == "bipartite":
        kept = [(p, e) for p, e in edges if pj.admits(e)]
        del edges
        return pj.bipartite(kept, None)
    nodes = [e for e in pj.ent_stats if pj.admits(e)]
    return pj.cooccurrence(nodes, edges)


def _neighbourhood(pj: _Projector, center: str, scope: ExportScope) -> nx.Graph:
    depth = scope.depth
    if scope.projection == "bipartite":
        seen: set[str] = {center}
        edges: set[tuple[str, str]] = set()
        frontier = [center]
        for _ in range(depth):
            if not frontier:
                break
            papers_side = _is_paper(frontier[0])
            rows = list(
                pj.mention_rows(papers=frontier)
                if papers_side
                else pj.mention_rows(entities=frontier)
            )
            if papers_side:
                new_ents = list(dict.fromkeys(e for _, e in rows if e not in seen))
                pj.load_entity_info(new_ents)
                pj.load_entity_stats(new_ents)
                admitted = {e for e in new_ents if pj.admits(e)}
                for p, e in rows:
                    if e in admitted or e in seen:
                        edges.add((p, e))
                nxt = [e for e in new_ents if e in admitted]
            else:
                for p, e in rows:
                    edges.add((p, e))
                nxt = list(dict.fromkeys(p for p, _ in rows if p not in seen))
            seen.update(nxt)
            frontier = nxt
        papers = [n for n in seen if _is_paper(n)]
        return pj.bipartite(sorted(edges), papers, center=center)

    # co-occurrence: hop from entities through their papers to the other entities
    if _is_paper(center):
        first = list(dict.fromkeys(e for _, e in pj.mention_rows(papers=[center])))
        pj.load_entity_info(first)
        pj.load_entity_stats(first)
        frontier = [e for e in first if pj.admits(e)]
        seen = set(frontier)
        depth -= 1
        nodes_center: str | None = None
    else:
        frontier, seen, nodes_center = [center], {center}, center
    for _ in range(max(depth, 0)):
        if not frontier:
            break
        papers = list(dict.fromkeys(p for p, _ in pj.mention_rows(entities=frontier)))
        cand = list(dict.fromkeys(e for _, e in pj.mention_rows(papers=papers) if e not in seen))
        pj.load_entity_info(cand)
        pj.load_entity_stats(cand)
        frontier = [e for e in cand if pj.admits(e)]
        seen.update(frontier)
    nodes = list(seen)
    if nodes_center is not None:
        nodes.remove(nodes_center)
        nodes.insert(0, nodes_center)
    return pj.cooccurrence(nodes, pj.mention_rows(entities=nodes))


def _from_query(pj: _Projector, scope: ExportScope, query: str) -> nx.Graph:
    papers, others = _canned_rows(pj.store, query, scope.params, pj.resolver)
    pj.load_entity_info(others)
    ents = [e for e in others if e in pj.ent_info]  # drop IRIs that are not entities
    pj.load_entity_stats(ents)
    ents = [e for e in ents if pj.admits(e)]
    if scope.projection == "bipartite":
        if papers and ents:
            keep = set(ents)
            rows = [(p, e) for p, e in pj.mention_rows(papers=papers) if e in keep]
        elif papers:
            rows = list(pj.mention_rows(papers=papers))
            cand = list(dict.fromkeys(e for _, e in rows))
            pj.load_entity_info(cand)
            pj.load_entity_stats(cand)
            rows = [(p, e) for p, e in rows if pj.admits(e)]
        elif ents:
            rows = list(pj.mention_rows(entities=ents))
            papers = list(dict.fromkeys(p for p, _ in rows))
        else:
            rows = []
        return pj.bipartite(rows, papers)
    if papers:
        rows = list(pj.mention_rows(papers=papers))
        if not ents:
            cand = list(dict.fromkeys(e for _, e in rows))
            pj.load_entity_info(cand)
            pj.load_entity_stats(cand)
            ents = [e for e in cand if pj.admits(e)]
        return pj.cooccurrence(ents, rows)
    return pj.cooccurrence(ents, pj.mention_rows(entities=ents))
