"""Keeping the server's in-memory indexes current over a remote store.

The label resolver, the paper index and the stats cache are built once from the store.
An embedded store opened read-only is a snapshot, so they stay right until a restart;
a remote store changes under the server while `kg ingest --store http://…` writes to
it. This watcher asks the server for a cheap fingerprint (quad count) every few seconds
and, when it moved, rebuilds the indexes in the background and swaps them in, so
requests keep being answered from the old ones meanwhile. A rebuild takes seconds on a
large graph, so while the data keeps changing they are spaced to use at most a tenth of
the time.
"""

from __future__ import annotations

import logging
import threading
import time

log = logging.getLogger("kg.server.remote_refresh")


def fingerprint(store) -> int:
    return len(store)


def refresh(app) -> None:
    """Build fresh indexes off to the side, then swap them in and drop cached answers."""
    from kg.server import api
    from kg.server.paper_index import PaperIndex
    from kg.server.resolver import Resolver

    store = app.state.kg_store
    resolver, papers = Resolver(store), PaperIndex(store)
    resolver.load()
    papers.load()
    app.state.resolver, app.state.paper_index = resolver, papers
    try:
        store._kg_resolver = resolver
    except AttributeError:  # pragma: no cover - a store that takes no attributes
        pass
    api.invalidate_caches(app)


def watch_for_changes(app, stop: threading.Event, every: float) -> None:
    last = None
    pause = every
    while True:
        try:
            now = fingerprint(app.state.kg_store)
            if last is not None and now != last:
                t0 = time.monotonic()
                refresh(app)
                # a rebuild costs CPU the requests need: during a long ingest, rebuild at
                # most a tenth of the time
                pause = max(every, 10 * (time.monotonic() - t0))
            else:
                pause = every
            last = now
        except Exception as e:  # noqa: BLE001 - a failing server must not stop the watcher
            log.warning("remote store check failed: %s", e)
        if stop.wait(pause):
            return
