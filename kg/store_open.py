"""One way to open a store from what a user typed: a directory (embedded Oxigraph) or
an `http(s)://` URL (any SPARQL 1.1 server, see kg.remote_store).

Every command that takes `--store` calls `open_store`, so the CLI, the server, the
exports and the checks run unchanged on either kind. Endpoint defaults follow `oxigraph
serve` (`<base>/query`, `<base>/update`, `<base>/store`); other servers set them
(`--query-endpoint` …, or $KG_QUERY_ENDPOINT …), relative to the base URL or absolute.
"""

from __future__ import annotations

import os
from urllib.parse import urljoin

from kg.store import KGStore, StoreError, default_store_path

NO_ENDPOINT = ("", "none", "off", "-")


def is_remote(spec: str | None) -> bool:
    return bool(spec) and str(spec).lower().startswith(("http://", "https://"))


def _resolve(base: str, given: str | None, default: str) -> str | None:
    value = default if given is None else given
    if value.strip().lower() in NO_ENDPOINT:
        return None
    if is_remote(value):
        return value
    return urljoin(base.rstrip("/") + "/", value.lstrip("/"))


def remote_endpoints(
    spec: str,
    query_endpoint: str | None = None,
    update_endpoint: str | None = None,
    gsp_endpoint: str | None = None,
) -> tuple[str, str | None, str | None]:
    """(query, update, graph store) URLs for a base URL; `none` switches one off (a
    server without a Graph Store endpoint takes every write as SPARQL Update)."""
    q = _resolve(spec, query_endpoint, "query")
    if q is None:
        raise StoreError("a remote store needs a query endpoint")
    return q, _resolve(spec, update_endpoint, "update"), _resolve(spec, gsp_endpoint, "store")


def open_store(
    spec: str | os.PathLike | None = None,
    *,
    read_only: bool = False,
    create: bool = True,
    query_endpoint: str | None = None,
    update_endpoint: str | None = None,
    gsp_endpoint: str | None = None,
    union_default: str | None = None,
    timeout: float | None = None,
    graph_prefix: str | None = None,
):
    """A `KGStore` for a path, a `RemoteStore` for a URL (or when only a query endpoint
    is given). Unset options fall back to $KG_QUERY_ENDPOINT, $KG_UPDATE_ENDPOINT,
    $KG_GSP_ENDPOINT, $KG_UNION_DEFAULT, $KG_REMOTE_TIMEOUT, $KG_GRAPH_PREFIX and
    $KG_GSP_MODE (see kg.remote_store.RemoteStore)."""
    env = os.environ.get
    query_endpoint = query_endpoint or env("KG_QUERY_ENDPOINT") or None
    update_endpoint = update_endpoint if update_endpoint is not None else env("KG_UPDATE_ENDPOINT")
    gsp_endpoint = gsp_endpoint if gsp_endpoint is not None else env("KG_GSP_ENDPOINT")
    spec_s = str(spec) if spec is not None else None
    if spec_s is None and query_endpoint and is_remote(query_endpoint):
        spec_s = query_endpoint
    spec_s = spec_s or default_store_path()
    if not is_remote(spec_s):
        return KGStore(spec_s, read_only=read_only, create=create)
    from kg.remote_store import RemoteStore, env_timeout

    q, u, g = remote_endpoints(spec_s, query_endpoint, update_endpoint, gsp_endpoint)
    return RemoteStore(
        spec_s,
        query_endpoint=q,
        update_endpoint=u,
        gsp_endpoint=g,
        union_default=union_default or env("KG_UNION_DEFAULT") or None,
        read_only=read_only,
        timeout=timeout or env_timeout(),
        graph_prefix=graph_prefix or env("KG_GRAPH_PREFIX") or None,
        gsp_mode=env("KG_GSP_MODE") or None,
    )
