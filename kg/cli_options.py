"""CLI options shared by every command that opens a store (`--store` and the endpoints
of a remote SPARQL server), and the one function that opens it with a clear error."""

from __future__ import annotations

import typer
from rich.console import Console

EXIT_STORE = 4

StoreOpt = typer.Option(
    None,
    "--store",
    "-s",
    envvar="KG_STORE",
    help="Store directory (default ./data/store, or $KG_STORE), or the URL of a SPARQL "
    "server (http://host:7878 for `oxigraph serve`; see docs/REMOTE_STORES.md).",
)
QueryEndpointOpt = typer.Option(
    None,
    "--query-endpoint",
    envvar="KG_QUERY_ENDPOINT",
    help="Remote store: SPARQL query endpoint, absolute or relative to --store "
    "(default <store>/query).",
)
UpdateEndpointOpt = typer.Option(
    None,
    "--update-endpoint",
    envvar="KG_UPDATE_ENDPOINT",
    help="Remote store: SPARQL update endpoint (default <store>/update); "
    "user:password@ in the URL for servers that need a login.",
)
GspEndpointOpt = typer.Option(
    None,
    "--gsp-endpoint",
    envvar="KG_GSP_ENDPOINT",
    help="Remote store: Graph Store Protocol endpoint for loads (default <store>/store; "
    "'none' writes everything with SPARQL Update).",
)


def open_for_cli(
    store: str | None,
    *,
    read_only: bool = False,
    query_endpoint: str | None = None,
    update_endpoint: str | None = None,
    gsp_endpoint: str | None = None,
    console: Console | None = None,
):
    """Open the store or exit with status 4 and a one-line reason (no traceback)."""
    from kg.store import StoreError
    from kg.store_open import open_store

    try:
        return open_store(
            store,
            read_only=read_only,
            create=not read_only,
            query_endpoint=query_endpoint,
            update_endpoint=update_endpoint,
            gsp_endpoint=gsp_endpoint,
        )
    except StoreError as e:
        (console or Console(stderr=True, soft_wrap=True)).print(
            f"[red]error:[/red] {e}", highlight=False
        )
        raise typer.Exit(EXIT_STORE) from None


def open_kg_for_cli(store: str | None, console: Console | None = None, **endpoints):
    """A `kg.query.KG` over the store, read-only (exit 4 with a reason if it cannot open)."""
    from kg.query import KG

    return KG.over(open_for_cli(store, read_only=True, console=console, **endpoints))


def fail(e: Exception, console: Console | None = None) -> typer.Exit:
    """A user error as one line (and its suggestions or candidates), no traceback: the
    exit to raise (1: nothing or several things match the name; 2: bad input)."""
    from rich.markup import escape

    from kg.query import NotFound

    c = console or Console(stderr=True, soft_wrap=True)
    c.print(f"[red]error:[/red] {escape(str(e))}", highlight=False)
    for s in getattr(e, "suggestions", None) or []:
        if isinstance(s, dict) and s.get("label"):
            extra = f", {s['papers']} papers" if s.get("papers") else ""
            c.print(
                f"  did you mean: {escape(s['label'])} ({s.get('type', '')}{extra})",
                highlight=False,
            )
    return typer.Exit(1 if isinstance(e, NotFound) else 2)
