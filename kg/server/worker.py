"""A SPARQL worker process: opens the store read-only, runs one query at a time and
sends back the serialised answer as bytes.

pyoxigraph cannot cancel a running query, so queries run here, in a process the server
can kill when a query outlives its time limit (see `kg.server.pool`). Where the kernel
allows it the worker first moves into a network namespace of its own, so even a query
that slipped past the SERVICE check could not reach any host.
"""

from __future__ import annotations

import ctypes
import os
from typing import Any

CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000


def isolate_network() -> bool:
    """Leave the host's network namespace (no interfaces but a down loopback after)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    for flags in (CLONE_NEWNET, CLONE_NEWUSER | CLONE_NEWNET):
        if libc.unshare(flags) == 0:
            return True
    return False


def dataset_kwargs(req: dict[str, Any]) -> dict[str, Any]:
    """The dataset a query runs on, as SPARQL 1.1 Protocol and Query say: the protocol's
    `default-graph-uri` / `named-graph-uri` replace the query's own; else the query's
    `FROM` / `FROM NAMED` (a `FROM NAMED` alone leaves the default graph empty); else the
    service's default dataset (the default graph is the merge of all graphs)."""
    import pyoxigraph as ox

    from kg.server.safety import dataset_clauses

    dg, ng = req.get("default_graphs") or [], req.get("named_graphs") or []
    if dg or ng:
        return {
            "default_graph": [ox.NamedNode(u) for u in dg],
            "named_graphs": [ox.NamedNode(u) for u in ng],
        }
    frm, named = dataset_clauses(req["query"])
    if frm or named:
        return {}  # pyoxigraph applies the query's own FROM / FROM NAMED
    return {"use_default_graph_as_union": True}


def _cut_triples(triples, max_rows: int, max_bytes: int | None):
    """The triples to serialise, stopping at the row cap or when their N-Triples size
    reaches the byte budget; (list, why cut or None)."""
    out: list[Any] = []
    size = 0
    for t in triples:
        if len(out) >= max_rows:
            return out, "rows"
        n = len(str(t)) + 3
        if max_bytes is not None and size + n > max_bytes:
            return out, "bytes"
        out.append(t)
        size += n
    return out, None


def execute(store, req: dict[str, Any]) -> dict[str, Any]:
    """Run one request; the answer is a dict with status, media type, body and flags
    (`mode: "rows"`: the terms themselves, for the REST API, instead of a body)."""
    import pyoxigraph as ox

    from kg.server.formats import (
        BOOLEAN_FORMATS,
        GRAPH_OFFERS,
        RDF_FORMATS,
        RESULTS_OFFERS,
        pick,
        write_select,
    )
    from kg.server.safety import federation_problem

    # checked here rather than in the server process: the parse of a hostile text is
    # then bounded by the same time limit as the query
    # ("unchecked" is set only by the test of the network namespace and by the REST API's
    # own queries; HTTP requests cannot set it: kg.server.sparql builds the request dict)
    problem = None if req.get("unchecked") else federation_problem(req["query"])
    if problem:
        return {"status": 400, "error": problem}
    try:
        kw = dataset_kwargs(req)
        res = store.query(req["query"], **kw)
    except SyntaxError as e:
        return {"status": 400, "error": f"SPARQL syntax error: {e}"}
    except ValueError as e:
        return {"status": 400, "error": f"bad request: {e}"}
    max_rows = int(req.get("max_rows") or 10_000)
    max_bytes = req.get("max_bytes")
    if req.get("mode") == "rows":
        return _rows(res, max_rows, max_bytes)
    accept = req.get("accept")
    fmt_param = req.get("format")
    if isinstance(res, (ox.QuerySolutions, ox.QueryBoolean)):
        got = pick(accept, fmt_param, RESULTS_OFFERS)
        if got is None:
            kind = "SELECT" if isinstance(res, ox.QuerySolutions) else "ASK"
            return {
                "status": 406,
                "error": f"no acceptable media type for {kind} results; offered: "
                + ", ".join(m for m, _ in RESULTS_OFFERS),
            }
        media, fmt = got
        if isinstance(res, ox.QueryBoolean):
            body = res.serialize(format=BOOLEAN_FORMATS[fmt])
            return {"status": 200, "media": media, "body": body, "truncated": False, "rows": 1}
        variables = [v.value for v in res.variables]
        body, n, cut = write_select(
            fmt, variables, (tuple(sol) for sol in res), max_rows=max_rows, max_bytes=max_bytes
        )
        return {
            "status": 200,
            "media": media,
            "body": body,
            "truncated": cut is not None,
            "cut": cut,
            "rows": n,
        }
    got = pick(accept, fmt_param, GRAPH_OFFERS)
    if got is None:
        return {
            "status": 406,
            "error": "no acceptable media type for a graph; offered: "
            + ", ".join(m for m, _ in GRAPH_OFFERS),
        }
    media, fmt = got
    triples, cut = _cut_triples(res, max_rows, max_bytes)
    body = ox.serialize(triples, format=RDF_FORMATS[fmt]) or b""
    while max_bytes is not None and len(body) > max_bytes and triples:
        # the format is wordier than N-Triples (RDF/XML, JSON-LD): drop triples until it fits
        triples = triples[: len(triples) * 3 // 4]
        body = ox.serialize(triples, format=RDF_FORMATS[fmt]) or b""
        cut = "bytes"
    return {
        "status": 200,
        "media": media,
        "body": body,
        "truncated": cut is not None,
        "cut": cut,
        "rows": len(triples),
    }


def _rows(res, max_rows: int, max_bytes: int | None) -> dict[str, Any]:
    """The answer as terms (pickled back to the server): variables, row tuples, truncated."""
    import pyoxigraph as ox

    if isinstance(res, ox.QueryBoolean):
        return {"status": 200, "kind": "boolean", "value": bool(res)}
    if isinstance(res, ox.QueryTriples):
        triples, cut = _cut_triples(res, max_rows, max_bytes)
        return {
            "status": 200,
            "kind": "triples",
            "rows": [(t.subject, t.predicate, t.object) for t in triples],
            "truncated": cut is not None,
        }
    variables = [v.value for v in res.variables]
    rows: list[tuple[Any, ...]] = []
    size, cut = 0, None
    for sol in res:
        if len(rows) >= max_rows:
            cut = "rows"
            break
        row = tuple(sol)
        if max_bytes is not None:
            size += sum(len(t.value) + 16 for t in row if t is not None and hasattr(t, "value"))
            if size > max_bytes:
                cut = "bytes"
                break
        rows.append(row)
    return {
        "status": 200,
        "kind": "solutions",
        "variables": variables,
        "rows": rows,
        "truncated": cut is not None,
    }


def main(conn, store_path: str, isolate: bool) -> None:  # pragma: no cover - runs in a child
    isolated = isolate_network() if isolate else False
    import pyoxigraph as ox

    try:
        store = ox.Store.read_only(store_path)
    except Exception as e:  # noqa: BLE001 - reported to the parent
        # the server logs this; clients are told only that no worker could start
        conn.send({"ready": False, "error": f"cannot open the store read-only ({e})"})
        return
    conn.send({"ready": True, "pid": os.getpid(), "isolated": isolated})
    while True:
        try:
            req = conn.recv()
        except (EOFError, OSError):
            return
        if req is None:
            return
        try:
            resp = execute(store, req)
        except Exception as e:  # noqa: BLE001 - reported to the parent
            resp = {"status": 500, "error": f"the query failed in the store: {e}"}
        try:
            conn.send(resp)
        except (BrokenPipeError, OSError):
            return


def update_main(conn, store_path: str, isolate: bool) -> None:  # pragma: no cover - a child
    """Run one SPARQL update on the store opened read-write, then exit. The server kills
    this process at the update's time limit: Oxigraph writes an update as one
    transaction, so a killed update leaves nothing behind."""
    if isolate:
        isolate_network()
    import pyoxigraph as ox

    try:
        store = ox.Store(store_path)
    except Exception as e:  # noqa: BLE001 - reported to the parent
        conn.send({"status": 500, "error": f"cannot open the store for writing ({e})"})
        return
    conn.send({"ready": True})
    try:
        text = conn.recv()
    except (EOFError, OSError):
        return
    try:
        store.update(text)
        store.flush()
        resp: dict[str, Any] = {"status": 204}
    except SyntaxError as e:
        resp = {"status": 400, "error": f"SPARQL syntax error: {e}"}
    except (ValueError, OSError) as e:
        resp = {"status": 400, "error": f"update failed: {e}"}
    del store
    try:
        conn.send(resp)
    except (BrokenPipeError, OSError):
        pass


if __name__ == "__main__":  # pragma: no cover - started by kg.server.pool
    import sys
    from multiprocessing.connection import Connection

    if sys.argv[1] == "--update":
        update_main(Connection(int(sys.argv[2])), sys.argv[3], sys.argv[4] == "1")
    else:
        main(Connection(int(sys.argv[1])), sys.argv[2], sys.argv[3] == "1")
