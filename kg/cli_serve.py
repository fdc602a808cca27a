"""`kg serve`, `kg evaluations X Y` and `kg queries`: mounted into the `kg` CLI."""

from __future__ import annotations

from types import SimpleNamespace

import typer
from rich.console import Console
from rich.table import Table

from kg.cli_options import GspEndpointOpt, QueryEndpointOpt, StoreOpt, UpdateEndpointOpt

app = typer.Typer(no_args_is_help=True, pretty_exceptions_enable=False)
console = Console(stderr=True)
out = Console()


@app.command()
def serve(
    store: str | None = StoreOpt,
    query_endpoint: str | None = QueryEndpointOpt,
    update_endpoint: str | None = UpdateEndpointOpt,
    gsp_endpoint: str | None = GspEndpointOpt,
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, help="TCP port."),
    timeout: float = typer.Option(
        10.0, help="Seconds a SPARQL query may run before it is stopped (503)."
    ),
    max_rows: int = typer.Option(10_000, help="Most rows (or triples) in one SPARQL answer."),
    workers: int = typer.Option(
        2, help="SPARQL worker processes (each can run one query at a time)."
    ),
    enable_updates: bool = typer.Option(
        False, "--enable-updates", help="Accept SPARQL UPDATE with a bearer token."
    ),
    update_token: str | None = typer.Option(
        None,
        envvar="KG_UPDATE_TOKEN",
        hidden=True,
        help="Token for updates: set $KG_UPDATE_TOKEN (a command line shows in `ps`).",
    ),
    update_token_file: str | None = typer.Option(
        None, "--update-token-file", help="File holding the token for updates."
    ),
    max_bytes: int = typer.Option(32 << 20, help="Most bytes in one SPARQL answer."),
    max_workers: int = typer.Option(
        8, help="SPARQL workers started on demand when all are busy, at most."
    ),
    update_timeout: float | None = typer.Option(
        None, help="Seconds an update may run (default: --timeout)."
    ),
    api_timeout: float | None = typer.Option(
        None, help="Seconds one /api query may run (default: --timeout)."
    ),
    log_level: str = typer.Option("info", help="uvicorn log level."),
    refresh_s: float = typer.Option(
        30.0,
        "--refresh-s",
        help="Remote store: seconds between checks for "
        "changes written by others (indexes are then rebuilt); 0 = never.",
    ),
) -> None:
    """Serve the graph over HTTP: SPARQL at /sparql, the REST API at /api, docs at /docs.

    With a SPARQL server URL as --store, queries go to that server (with the same time
    limit) and the in-memory indexes are refreshed when its data changes.

    Example: kg serve --store data/store --port 8000
    """
    import sys

    from kg.server import Settings, create_app
    from kg.server.http import serve as serve_http
    from kg.store import StoreError, default_store_path
    from kg.store_open import open_store

    if any(a == "--update-token" or a.startswith("--update-token=") for a in sys.argv):
        console.print(
            "[red]error:[/red] a token on the command line is visible to every user (ps); "
            "set $KG_UPDATE_TOKEN or use --update-token-file"
        )
        raise typer.Exit(2)
    if update_token_file:
        try:
            with open(update_token_file, encoding="utf-8") as fh:
                update_token = fh.read().strip() or None
        except OSError as e:
            console.print(f"[red]error:[/red] cannot read the token file: {e.strerror}")
            raise typer.Exit(2) from None
    if enable_updates and not update_token:
        console.print(
            "[red]error:[/red] --enable-updates needs $KG_UPDATE_TOKEN or --update-token-file"
        )
        raise typer.Exit(2)
    settings = Settings(
        timeout=timeout,
        max_rows=max_rows,
        workers=workers,
        enable_updates=enable_updates,
        update_token=update_token if enable_updates else None,
        refresh_s=refresh_s,
        max_bytes=max_bytes,
        max_workers=max(max_workers, workers),
        update_timeout=update_timeout,
        api_timeout=api_timeout,
    )
    path = store or default_store_path()
    try:
        opened = open_store(
            path,
            read_only=not enable_updates,
            create=enable_updates,
            query_endpoint=query_endpoint,
            update_endpoint=update_endpoint,
            gsp_endpoint=gsp_endpoint,
        )
        application = create_app(opened, settings)
    except StoreError as e:
        console.print(f"[red]error:[/red] {e}")
        raise typer.Exit(4)
    console.print(
        f"serving {path} on http://{host}:{port}/  (SPARQL /sparql, docs /docs)"
        + ("  [yellow]updates enabled[/yellow]" if enable_updates else "")
    )
    serve_http(application, host, port, settings, log_level=log_level)


def _context(store: str | None, **endpoints):
    from kg.cli_options import open_for_cli
    from kg.server.resolver import Resolver

    kgs = open_for_cli(store, read_only=True, console=console, **endpoints)
    return SimpleNamespace(
        app=SimpleNamespace(state=SimpleNamespace(kg_store=kgs, resolver=Resolver(kgs)))
    )


@app.command()
def evaluations(
    subject: str = typer.Argument(..., help="Model or method: label, alias, id or IRI."),
    target: str = typer.Argument(..., help="Benchmark or hardware: label, alias, id or IRI."),
    store: str | None = StoreOpt,
    query_endpoint: str | None = QueryEndpointOpt,
    no_variants: bool = typer.Option(
        False, "--no-variants", help="Do not include variants (skos:broader*)."
    ),
    limit: int = typer.Option(100, help="Most papers listed."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """Papers that evaluate a model or method X on a benchmark or hardware Y, newest first.

    Example: kg evaluations Llama GSM8K
    """
    from fastapi import HTTPException

    from kg.server.api import find_evaluations

    ctx = _context(store, query_endpoint=query_endpoint)
    try:
        res = find_evaluations(ctx, subject, target, include_variants=not no_variants, limit=limit)
    except HTTPException as e:
        d = e.detail if isinstance(e.detail, dict) else {"detail": e.detail}
        console.print(f"[red]error:[/red] {d.get('detail')}")
        for s in d.get("suggestions", []):
            console.print(f"  did you mean: {s['label']} ({s['type']})")
        raise typer.Exit(1)
    if fmt == "json":
        out.print_json(res.model_dump_json())
        return
    out.print(
        f"{res.subject.label} ({res.subject.type}, {res.subject_variants} incl. variants) on "
        f"{res.target.label} ({res.target.type}, {res.target_variants} incl. variants): "
        f"{res.total} paper(s)"
    )
    table = Table(show_lines=True)
    for col in ("date", "paper", "title", "result", "evidence"):
        table.add_column(col, overflow="fold")
    for p in res.papers:
        results = "\n".join(
            f"{r.subject.label} / {r.target.label}"
            + (
                f": {r.metric.label if r.metric else ''} {r.value:g}{r.unit or ''}"
                if r.value is not None
                else ""
            )
            + (f" ({r.purpose})" if r.purpose else "")
            for r in p.results
        )
        table.add_row(str(p.date or ""), p.id, p.title, results, p.evidence or "")
    out.print(table)


@app.command()
def queries(names_only: bool = typer.Option(False, "--names", help="Only the names.")) -> None:
    """List the canned queries (queries/*.rq) with their parameters.

    Example: kg queries, then kg query --name leaderboard -p benchmark=GSM8K
    """
    from kg.canned import CannedError, load_queries

    try:
        qs = load_queries()
    except CannedError as e:
        console.print(f"[red]error:[/red] {e}")
        raise typer.Exit(2)
    if names_only:
        for n in qs:
            out.print(n)
        return
    table = Table()
    table.add_column("name")
    table.add_column("summary", overflow="fold")
    table.add_column("parameters", overflow="fold")
    for q in qs.values():
        params = ", ".join(
            f"{p.name}:{p.type}{'' if p.required else '?'}"
            + (f" (e.g. {p.example})" if p.example is not None else "")
            for p in q.params
        )
        table.add_row(q.name, q.summary, params or "-")
    out.print(table)
