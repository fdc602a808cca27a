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


def execute(store, req: dict[str, Any]) -> dict[str, Any]:
    """Run one request; the answer is a dict with status, media type, body and flags."""
    import pyoxigraph as ox

    from kg.server.formats import (
        BOOLEAN_FORMATS,
        GRAPH_OFFERS,
        RDF_FORMATS,
        RESULTS_OFFERS,
        SELECT_WRITERS,
        pick,
    )
    from kg.server.safety import federation_problem

    # checked here rather than in the server process: the parse of a hostile text is
    # then bounded by the same time limit as the query
    # ("unchecked" is set only by the test of the network namespace; HTTP requests
    # cannot set it: kg.server.sparql builds the request dict itself)
    problem = None if req.get("unchecked") else federation_problem(req["query"])
    if problem:
        return {"status": 400, "error": problem}
    kw: dict[str, Any] = {}
    dg, ng = req.get("default_graphs") or [], req.get("named_graphs") or []
    if dg or ng:  # the protocol's dataset replaces the query's and the union default
        kw["default_graph"] = [ox.NamedNode(u) for u in dg]
        kw["named_graphs"] = [ox.NamedNode(u) for u in ng]
    else:
        kw["use_default_graph_as_union"] = True
    try:
        res = store.query(req["query"], **kw)
    except SyntaxError as e:
        return {"status": 400, "error": f"SPARQL syntax error: {e}"}
    except ValueError as e:
        return {"status": 400, "error": f"bad request: {e}"}
    max_rows = int(req.get("max_rows") or 10_000)
    accept = req.get("accept")
    fmt_param = req.get("format")
    truncated = False
    if isinstance(res, ox.QuerySolutions):
        got = pick(accept, fmt_param, RESULTS_OFFERS)
        if got is None:
            return {
                "status": 406,
                "error": "no acceptable media type for SELECT results; offered: "
                + ", ".join(m for m, _ in RESULTS_OFFERS),
            }
        media, fmt = got
        variables = [v.value for v in res.variables]
        rows = []
        for sol in res:
            if len(rows) >= max_rows:
                truncated = True
                break
            rows.append([sol[v] for v in variables])
        body = SELECT_WRITERS[fmt](variables, rows)
        return {
            "status": 200,
            "media": media,
            "body": body,
            "truncated": truncated,
            "rows": len(rows),
        }
    if isinstance(res, ox.QueryBoolean):
        got = pick(accept, fmt_param, RESULTS_OFFERS)
        if got is None:
            return {
                "status": 406,
                "error": "no acceptable media type for ASK results; offered: "
                + ", ".join(m for m, _ in RESULTS_OFFERS),
            }
        media, fmt = got
        return {
            "status": 200,
            "media": media,
            "body": res.serialize(format=BOOLEAN_FORMATS[fmt]),
            "truncated": False,
            "rows": 1,
        }
    got = pick(accept, fmt_param, GRAPH_OFFERS)
    if got is None:
        return {
            "status": 406,
            "error": "no acceptable media type for a graph; offered: "
            + ", ".join(m for m, _ in GRAPH_OFFERS),
        }
    media, fmt = got
    triples = []
    for t in res:
        if len(triples) >= max_rows:
            truncated = True
            break
        triples.append(t)
    body = ox.serialize(triples, format=RDF_FORMATS[fmt]) or b""
    return {
        "status": 200,
        "media": media,
        "body": body,
        "truncated": truncated,
        "rows": len(triples),
    }


def main(conn, store_path: str, isolate: bool) -> None:  # pragma: no cover - runs in a child
    isolated = isolate_network() if isolate else False
    import pyoxigraph as ox

    try:
        store = ox.Store.read_only(store_path)
    except Exception as e:  # noqa: BLE001 - reported to the parent
        conn.send({"ready": False, "error": f"{type(e).__name__}: {e}"})
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
            resp = {"status": 500, "error": f"{type(e).__name__}: {e}"}
        try:
            conn.send(resp)
        except (BrokenPipeError, OSError):
            return


if __name__ == "__main__":  # pragma: no cover - started by kg.server.pool
    import sys
    from multiprocessing.connection import Connection

    main(Connection(int(sys.argv[1])), sys.argv[2], sys.argv[3] == "1")
