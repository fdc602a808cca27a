"""A store on any SPARQL 1.1 server, with the same methods as the embedded `KGStore`.

When one machine is no longer enough, `kg --store http://host:7878` keeps the graph in
a SPARQL server instead of an embedded Oxigraph directory. Everything the rest of kg
needs goes over the SPARQL 1.1 Protocol: queries to the query endpoint (answers parsed
back into pyoxigraph objects, so callers work unchanged), writes as SPARQL Update or,
for new papers, as N-Quads POSTed to the Graph Store endpoint. A batch of replaced
papers is one update request (DROP SILENT GRAPH + INSERT DATA): on a server that runs
an update request as one transaction (Oxigraph does) a reader sees each paper either
before or after, never half written. Nothing here is specific to Oxigraph except the
defaults; see docs/REMOTE_STORES.md for Virtuoso.
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import BinaryIO

import httpx
import pyoxigraph as ox

from kg.remote_http import (
    ANY_ACCEPT,
    FORM,
    GRAPH_ACCEPT,
    JSON_RESULTS,
    AnyAuth,
    BodyReader,
    RemoteBadRequest,
    RemoteTimeout,
    form,
    is_results,
    parse_answer,
    reason,
    short,
    split_credentials,
)
from kg.store import StoreError, _nquads_to_triples

__all__ = ["RemoteStore", "RemoteTimeout", "RemoteBadRequest", "parse_answer", "split_credentials"]

DEFAULT_TIMEOUT = 300.0
MAX_UPDATE_BYTES = 16 * 1024 * 1024  # one update request; Oxigraph accepts up to 128 MiB
MAX_UPDATE_TRIPLES = 200_000
VIRTUOSO_MAX_TRIPLES = 800  # its SPARQL-to-SQL compiler fails at ~1,200 (SP031, SP030)
UNION_PARAM = "union-default-graph"  # Oxigraph's protocol extension
KG_GRAPHS = "https://w3id.org/kg/"  # every graph kg writes starts with this


class RemoteStore:
    """`KGStore`'s methods over HTTP. `union_default` says how to make the default graph
    the union of all graphs, as the embedded store does: "param" adds Oxigraph's
    `union-default-graph` parameter, "native" sends nothing (Virtuoso, or `oxigraph
    serve --union-default-graph`), "name=value" adds that parameter (e.g. Jena's
    `default-graph-uri=urn:x-arq:UnionGraph`); unset, it is "native" for Virtuoso and
    "param" otherwise. `graph_prefix` limits counts and dumps to graphs whose IRI starts
    with it (servers with system graphs: on Virtuoso it defaults to kg's namespace).
    `gsp_mode` "dataset" POSTs N-Quads to the Graph Store endpoint itself (Oxigraph),
    "graph" one `?graph=` POST per graph (standard; the default on Virtuoso)."""

    supports_bulk = False

    def __init__(
        self,
        base: str,
        *,
        query_endpoint: str,
        update_endpoint: str | None,
        gsp_endpoint: str | None,
        union_default: str | None = None,
        read_only: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
        graph_prefix: str | None = None,
        max_update_bytes: int = MAX_UPDATE_BYTES,
        max_update_triples: int = MAX_UPDATE_TRIPLES,
        gsp_mode: str | None = None,
        check: bool = True,
    ) -> None:
        self.path = base
        self.read_only = read_only
        self.query_endpoint, creds_q = split_credentials(query_endpoint)
        self.update_endpoint: str | None
        self.gsp_endpoint: str | None
        self.update_endpoint, creds_u = (
            split_credentials(update_endpoint) if update_endpoint else (None, None)
        )
        self.gsp_endpoint, creds_g = (
            split_credentials(gsp_endpoint) if gsp_endpoint else (None, None)
        )
        creds = creds_u or creds_q or creds_g
        self.union_default = union_default or "param"
        self.timeout = timeout
        self.graph_prefix = graph_prefix
        self.server = ""  # the Server header, read by ping()
        self.max_update_bytes = max_update_bytes
        self.max_update_triples = max_update_triples
        self.gsp_mode = gsp_mode or "dataset"
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(10.0, timeout)),
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=32),
            auth=AnyAuth(*creds) if creds else None,
            follow_redirects=True,
        )
        if check:
            self.ping()
        if self.virtuoso:  # its default graph is already the union; it keeps system graphs
            self.union_default = union_default or "native"
            self.graph_prefix = graph_prefix if graph_prefix is not None else KG_GRAPHS
            self.max_update_triples = min(self.max_update_triples, VIRTUOSO_MAX_TRIPLES)
            self.gsp_mode = gsp_mode or "graph"  # no N-Quads on its Graph Store endpoint

    # --- plumbing ----------------------------------------------------------------------
    def __repr__(self) -> str:
        return f"RemoteStore({self.query_endpoint!r})"

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def native_union(self) -> bool:
        return self.union_default in ("native", "", "none")

    def _union_params(self) -> list[tuple[str, str]]:
        if self.native_union:
            return []
        if self.union_default == "param":
            return [(UNION_PARAM, "")]
        name, _, value = self.union_default.partition("=")
        return [(name, value)]

    def _send(
        self,
        method: str,
        url: str,
        *,
        what: str,
        timeout: float | None = None,
        stream: bool = False,
        **kw,
    ) -> httpx.Response:
        """One HTTP exchange; every failure becomes a StoreError a user can act on."""
        t = self.timeout if timeout is None else timeout
        try:
            req = self._client.build_request(
                method, url, timeout=httpx.Timeout(t, connect=min(10.0, t)), **kw
            )
            try:
                resp = self._client.send(req, stream=stream)
            except (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError):
                # a kept-alive connection the server had already dropped: once more on a
                # fresh one (every request kg sends is idempotent: reads, DROP+INSERT, adds)
                resp = self._client.send(req, stream=stream)
        except httpx.ConnectError as e:
            raise StoreError(
                f"cannot connect to the SPARQL server at {url} ({reason(e)}); is it running? "
                "Check --store and the endpoint options"
            ) from None
        except httpx.TimeoutException:
            raise RemoteTimeout(
                f"{what}: the SPARQL server at {url} did not answer within {t:g} s"
            ) from None
        except httpx.HTTPError as e:
            raise StoreError(f"{what} at {url} failed: {reason(e)}") from None
        if resp.status_code >= 400:
            body = resp.read().decode("utf-8", "replace") if stream else resp.text
            resp.close()
            msg = (
                f"{what}: the SPARQL server at {url} answered "
                f"{resp.status_code} {resp.reason_phrase}"
            )
            if body.strip():
                msg += ":\n" + short(body)
            if resp.status_code in (401, 403):
                msg += (
                    "\n(writes need an endpoint and credentials that allow them; "
                    "see docs/REMOTE_STORES.md)"
                )
            if resp.status_code == 400 and what in ("query", "update"):
                raise RemoteBadRequest(msg)
            raise StoreError(msg)
        return resp

    def ping(self) -> None:
        """Fail at open, with a clear message, rather than at the first query; learn
        which server it is (Virtuoso needs a few answers mended, see `parse_answer`)."""
        resp = self._send(
            "POST",
            self.query_endpoint,
            what="connection check",
            timeout=min(self.timeout, 15.0),
            content=form([("query", "ASK { }")]),
            headers={"Accept": JSON_RESULTS, "Content-Type": FORM},
        )
        self.server = resp.headers.get("server", "")

    @property
    def virtuoso(self) -> bool:
        return "virtuoso" in self.server.lower()

    # --- reading -----------------------------------------------------------------------
    def _query_request(
        self, sparql: str, union: bool, default_graph, named_graphs
    ) -> tuple[list, str]:
        from kg.sparql_form import query_form

        kind = query_form(sparql)
        accept = {
            "SELECT": JSON_RESULTS,
            "ASK": JSON_RESULTS,
            "CONSTRUCT": GRAPH_ACCEPT,
            "DESCRIBE": GRAPH_ACCEPT,
        }.get(kind or "", ANY_ACCEPT)
        data: list[tuple[str, str]] = [("query", sparql)]
        if default_graph is not None or named_graphs is not None:
            dg = (
                default_graph
                if isinstance(default_graph, (list, tuple))
                else [default_graph]
                if default_graph
                else []
            )
            data += [("default-graph-uri", g.value) for g in dg if isinstance(g, ox.NamedNode)]
            data += [("named-graph-uri", g.value) for g in (named_graphs or [])]
        elif union:
            data += self._union_params()
        return data, accept

    def query(
        self,
        sparql: str,
        *,
        use_default_graph_as_union: bool = True,
        default_graph=None,
        named_graphs=None,
        timeout: float | None = None,
    ):
        """Run a query; answers come back as pyoxigraph QuerySolutions, QueryBoolean or
        QueryTriples. A 400 from the server (bad SPARQL) raises SyntaxError, like the
        embedded store."""
        data, accept = self._query_request(
            sparql, use_default_graph_as_union, default_graph, named_graphs
        )
        resp = self._send(
            "POST",
            self.query_endpoint,
            what="query",
            timeout=timeout,
            content=form(data),
            headers={"Accept": accept, "Content-Type": FORM},
        )
        return parse_answer(resp.content, resp.headers.get("content-type", ""), self.virtuoso)

    def open_query(
        self,
        sparql: str,
        *,
        deadline: float,
        use_default_graph_as_union: bool = True,
        default_graph=None,
        named_graphs=None,
    ):
        """Like `query`, but parses while the answer streams in and stops at `deadline`
        (the SPARQL endpoint's time limit). Returns (answer, response, reader): close the
        response when done with the answer."""
        data, accept = self._query_request(
            sparql, use_default_graph_as_union, default_graph, named_graphs
        )
        left = max(deadline - time.monotonic(), 0.05)
        resp = self._send(
            "POST",
            self.query_endpoint,
            what="query",
            timeout=left,
            stream=True,
            content=form(data),
            headers={"Accept": accept, "Content-Type": FORM},
        )
        reader = BodyReader(resp.iter_bytes(), deadline, "query")
        ctype = resp.headers.get("content-type", "")
        try:
            if is_results(ctype) and not self.virtuoso:
                return parse_answer(io.BufferedReader(reader, 65536), ctype), resp, reader
            return (
                parse_answer(reader.readall(), ctype, self.virtuoso),
                resp,
                reader,
            )  # built in memory
        except BaseException:
            resp.close()
            raise

    def __len__(self) -> int:
        inner = "GRAPH ?g { ?s ?p ?o }" + self._graph_filter()
        if not self.native_union and not self.graph_prefix:
            inner = f"{{ {inner} }} UNION {{ ?s ?p ?o }}"
        rows = list(
            self.query(
                f"SELECT (COUNT(*) AS ?n) WHERE {{ {inner} }}", use_default_graph_as_union=False
            )
        )
        return int(rows[0]["n"].value) if rows and rows[0]["n"] is not None else 0

    def _graph_filter(self, var: str = "?g") -> str:
        if not self.graph_prefix:
            return ""
        return f" FILTER(STRSTARTS(STR({var}), {ox.Literal(self.graph_prefix)}))"

    def graph_exists(self, graph: ox.NamedNode) -> bool:
        return bool(
            self.query(f"ASK {{ GRAPH {graph} {{ ?s ?p ?o }} }}", use_default_graph_as_union=False)
        )

    def quads_for_pattern(
        self, subject=None, predicate=None, obj=None, graph=None
    ) -> Iterator[ox.Quad]:
        """pyoxigraph's index scan, as one SELECT (the server-side paper and label indexes
        use it)."""
        if isinstance(graph, ox.DefaultGraph) and self.native_union:
            return iter(())  # the server's default graph is the union; kg writes only named graphs
        s, p, o = (
            str(t) if t is not None else v
            for t, v in ((subject, "?s"), (predicate, "?p"), (obj, "?o"))
        )
        if graph is not None and not isinstance(graph, ox.DefaultGraph):
            q = f"SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ {s} {p} {o} }} }}"
        elif isinstance(graph, ox.DefaultGraph):
            q = f"SELECT ?s ?p ?o WHERE {{ {s} {p} {o} }}"
        else:
            q = f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ {s} {p} {o} }}{self._graph_filter()} }}"
            if not self.native_union and not self.graph_prefix:
                q = (
                    f"SELECT ?s ?p ?o ?g WHERE {{ {{ GRAPH ?g {{ {s} {p} {o} }} }} "
                    f"UNION {{ {s} {p} {o} }} }}"
                )
        rows = self.query(q, use_default_graph_as_union=False)
        return _rows_to_quads(rows, subject, predicate, obj, graph)

    def quads(self, graph: ox.NamedNode | None = None) -> Iterator[ox.Quad]:
        if graph is not None:
            return self.quads_for_pattern(None, None, None, graph)
        return self._all_quads()

    def _all_quads(self) -> Iterator[ox.Quad]:
        """Every quad: streamed from the Graph Store endpoint as N-Quads where the server
        can (Oxigraph), else one SELECT."""
        if self.gsp_endpoint and self.gsp_mode == "dataset" and not self.graph_prefix:
            try:
                resp = self._send(
                    "GET",
                    self.gsp_endpoint,
                    what="dataset download",
                    stream=True,
                    headers={"Accept": "application/n-quads"},
                )
            except StoreError:
                resp = None
            if resp is not None and "n-quads" in resp.headers.get("content-type", ""):
                return _closing(
                    ox.parse(
                        io.BufferedReader(BodyReader(resp.iter_bytes(), None, "dump"), 65536),
                        format=ox.RdfFormat.N_QUADS,
                    ),
                    resp,
                )
            if resp is not None:
                resp.close()
        return self.quads_for_pattern()

    def literal_objects(
        self, predicate: ox.NamedNode, graphs: Sequence[ox.NamedNode]
    ) -> dict[str, str]:
        """For each graph, the value of the first `predicate` literal in it (by graph IRI)."""
        if not graphs:
            return {}
        values = " ".join(str(g) for g in graphs)
        q = f"SELECT ?g ?v WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s {predicate} ?v }} }}"
        out: dict[str, str] = {}
        for row in self.query(q, use_default_graph_as_union=False):
            out[row["g"].value] = row["v"].value
        return out

    def existing_graphs(self, graphs: Iterable[ox.NamedNode]) -> set[str]:
        """The IRIs of those `graphs` that hold at least one quad (one query)."""
        values = " ".join(str(g) for g in graphs)
        if not values:
            return set()
        q = (
            f"SELECT ?g WHERE {{ VALUES ?g {{ {values} }} "
            "FILTER EXISTS { GRAPH ?g { ?s ?p ?o } } }"
        )
        return {row["g"].value for row in self.query(q, use_default_graph_as_union=False)}

    def has_papers(self) -> bool:
        """Whether any paper is stored (a `kg:record` in some graph)."""
        from kg.namespaces import KG

        return bool(
            self.query(
                f"ASK {{ GRAPH ?g {{ ?p {KG.record} ?r }} }}", use_default_graph_as_union=False
            )
        )

    # --- writing -----------------------------------------------------------------------
    def discard_bulk_leftovers(self) -> int:
        """No bulk loads over HTTP, so nothing is ever left behind."""
        return 0

    def _writable(self) -> str:
        """The update endpoint, or StoreError when this store cannot be written."""
        if self.read_only:
            raise StoreError(f"the store at {self.path} was opened read-only")
        if not self.update_endpoint:
            raise StoreError(f"no update endpoint configured for {self.path} (--update-endpoint)")
        return self.update_endpoint

    def update(self, sparql: str) -> None:
        """One SPARQL Update request (one transaction on Oxigraph)."""
        endpoint = self._writable()
        self._send(
            "POST",
            endpoint,
            what="update",
            content=form([("update", sparql)]),
            headers={"Content-Type": FORM},
        )

    def load_nquads(self, data: bytes) -> None:
        """New graphs in: one Graph Store POST of N-Quads (`gsp_mode` "dataset": one
        transaction on Oxigraph), one standard Graph Store POST per graph ("graph":
        Virtuoso), or, without a Graph Store endpoint, INSERT DATA requests."""
        if not data:
            return
        self._writable()
        if self.gsp_endpoint and self.gsp_mode == "dataset":
            self._send(
                "POST",
                self.gsp_endpoint,
                what="Graph Store load",
                content=data,
                headers={"Content-Type": "application/n-quads"},
            )
            return
        by_graph: dict[str, list[str]] = {}
        for q in ox.parse(data, format=ox.RdfFormat.N_QUADS):
            by_graph.setdefault(
                q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else "", []
            ).append(f"{q.subject} {q.predicate} {q.object} .")
        if self.gsp_endpoint:  # standard per-graph Graph Store POSTs: each graph goes in whole
            for g, lines in by_graph.items():
                self._send(
                    "POST",
                    self.gsp_endpoint,
                    what="Graph Store load",
                    params={"graph": g} if g else {"default": ""},
                    content=("\n".join(lines) + "\n").encode(),
                    headers={"Content-Type": "application/n-triples"},
                )
            return
        # adding is idempotent, so a graph too big for one request may be split here
        step = self.max_update_triples
        units = [
            (g, lines[i : i + step])
            for g, lines in by_graph.items()
            for i in range(0, len(lines), step)
        ]
        blocks = [
            (f"GRAPH <{g}> {{\n" + "\n".join(lines) + "\n}" if g else "\n".join(lines), len(lines))
            for g, lines in units
        ]
        for chunk in self._chunks(blocks):
            self.update("INSERT DATA {\n" + "\n".join(b for b, _ in chunk) + "\n}")

    bulk_load_nquads = load_nquads  # no non-transactional path over HTTP: the batched load

    def replace_graphs(
        self,
        graphs: Sequence[ox.NamedNode],
        nquads_by_graph: Sequence[str],
        drop: Sequence[ox.NamedNode] = (),
    ) -> None:
        """Drop each graph and insert its new content in one update request per
        `max_update_bytes`; graphs in `drop` go with the last request, so nothing vanishes
        before its replacement is in."""
        if not graphs and not drop:
            return
        self._writable()
        units = []
        step = self.max_update_triples
        for g, nq in zip(graphs, nquads_by_graph, strict=True):
            lines = _nquads_to_triples(nq, g).split("\n")
            # a graph larger than one request allows (Virtuoso) goes in over several: only
            # then can a reader see it part-written
            for i in range(0, max(len(lines), 1), step):
                units.append(
                    (
                        f"GRAPH {g} {{\n" + "\n".join(lines[i : i + step]) + "\n}",
                        len(lines[i : i + step]),
                        g if i == 0 else None,
                    )
                )
        chunks = list(self._chunks(units)) or [[]]
        for i, chunk in enumerate(chunks):
            parts = [f"DROP SILENT GRAPH {g}" for _, _, g in chunk if g is not None]
            if i == len(chunks) - 1:
                parts += [f"DROP SILENT GRAPH {g}" for g in drop]
            if chunk:
                parts.append("INSERT DATA {\n" + "\n".join(b for b, _, _ in chunk) + "\n}")
            self.update(" ;\n".join(parts))

    def _chunks(self, units: list) -> Iterator[list]:
        """Group (text, triples, …) units into requests under both size limits; a unit is
        never split (a paper graph is replaced whole)."""
        chunk: list = []
        size = count = 0
        for u in units:
            n, t = len(u[0].encode()), u[1]
            if chunk and (size + n > self.max_update_bytes or count + t > self.max_update_triples):
                yield chunk
                chunk, size, count = [], 0, 0
            chunk.append(u)
            size += n
            count += t
        if chunk:
            yield chunk

    def add_quads(self, quads: Iterable[ox.Quad]) -> None:
        self.load_nquads(ox.serialize(list(quads), format=ox.RdfFormat.N_QUADS) or b"")

    def remove_graph(self, graph: ox.NamedNode) -> None:
        self.update(f"DROP SILENT GRAPH {graph}")

    def flush(self) -> None:
        """Nothing to do: every request is committed when the server answers."""

    def optimize(self) -> None:
        """The server manages its own storage."""

    def dump(
        self,
        output: BinaryIO,
        fmt: ox.RdfFormat,
        graph: ox.NamedNode | ox.DefaultGraph | None = None,
    ) -> None:
        if graph is None and fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
            ox.serialize(self._all_quads(), output, format=fmt)
            return
        g = graph or ox.DefaultGraph()
        ox.serialize(
            (ox.Triple(q.subject, q.predicate, q.object) for q in self.quads_for_pattern(graph=g)),
            output,
            format=fmt,
        )

    @property
    def store(self) -> _RawStore:
        """What code written for `KGStore.store` (a raw pyoxigraph Store) reaches for."""
        return _RawStore(self)


class _RawStore:
    """The few pyoxigraph `Store` methods kg calls on `KGStore.store`, over HTTP."""

    def __init__(self, remote: RemoteStore) -> None:
        self._r = remote

    def quads_for_pattern(self, subject=None, predicate=None, obj=None, graph_name=None):
        return self._r.quads_for_pattern(subject, predicate, obj, graph_name)

    def query(self, sparql: str, **kw):
        return self._r.query(sparql, **kw)

    def update(self, sparql: str) -> None:
        self._r.update(sparql)

    def dump(self, output: BinaryIO, format: ox.RdfFormat, from_graph=None) -> None:  # noqa: A002
        self._r.dump(output, format, from_graph)

    def __len__(self) -> int:
        return len(self._r)


def _rows_to_quads(rows, s, p, o, g) -> Iterator[ox.Quad]:
    for r in rows:
        graph = g if g is not None else (r["g"] if r["g"] is not None else ox.DefaultGraph())
        yield ox.Quad(
            s if s is not None else r["s"],
            p if p is not None else r["p"],
            o if o is not None else r["o"],
            graph,
        )


def _closing(it: Iterator, resp: httpx.Response) -> Iterator:
    try:
        yield from it
    finally:
        resp.close()


def env_timeout() -> float:
    try:
        return float(os.environ.get("KG_REMOTE_TIMEOUT", DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT
