"""`kg serve`, `kg evaluations X Y` and `kg queries`: mounted into the `kg` CLI."""

from __future__ import annotations

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
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
    cache_mb: float = typer.Option(
        32.0,
        "--cache-mb",
        help="MiB of answers to repeated GET /sparql and /api/evaluations requests kept "
        "until the store changes (header X-KG-Cache: hit); 0 = no cache.",
    ),
    log_level: str = typer.Option("info", help="uvicorn log level."),
    refresh_s: float = typer.Option(
        30.0,
        "--refresh-s",
        help="Remote store: seconds between checks for "
        "changes written by others (indexes are then rebuilt); 0 = never.",
    ),
    live_s: float = typer.Option(
        2.0,
        "--live-s",
        help="Embedded store: seconds between checks for papers another process "
        "(kg ingest) wrote; they are then served without a restart. 0 = never.",
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
        live_s=live_s,
        answer_cache_bytes=int(max(cache_mb, 0) * (1 << 20)),
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
        raise typer.Exit(4) from None
    console.print(
        f"serving {path} on http://{host}:{port}/  (SPARQL /sparql, docs /docs)"
        + ("  [yellow]updates enabled[/yellow]" if enable_updates else "")
    )
    serve_http(application, host, port, settings, log_level=log_level)


@app.command()
def evaluations(
    subject: str = typer.Argument(..., help="Model or method: label, alias, id or IRI."),
    target: str = typer.Argument(..., help="Benchmark or hardware: label, alias, id or IRI."),
    store: str | None = StoreOpt,
    query_endpoint: str | None = QueryEndpointOpt,
    no_variants: bool = typer.Option(
        False, "--no-variants", help="Do not include variants (skos:broader*)."
    ),
    limit: int = typer.Option(100, help="Most papers listed per tier."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """Papers that evaluate a model or method X on a benchmark or hardware Y, newest first;
    then, apart, papers that mention both without an evaluation statement.

    Example: kg evaluations Llama GSM8K
    """
    from kg.cli_options import fail, open_kg_for_cli
    from kg.query import QueryError
    from kg.query.evaluations import find_evaluations

    kg = open_kg_for_cli(store, console, query_endpoint=query_endpoint)
    try:
        res = find_evaluations(kg, subject, target, include_variants=not no_variants, limit=limit)
    except QueryError as e:
        raise fail(e, console) from None
    if fmt == "json":
        out.print_json(res.model_dump_json())
        return
    out.print(
        f"[bold]{escape(res.subject.label)}[/bold] ({res.subject.type}, "
        f"{res.subject_variants} with variants) on [bold]{escape(res.target.label)}[/bold] "
        f"({res.target.type}, {res.target_variants} with variants)"
    )
    out.print(f"[bold]Evaluated[/bold]: {res.total} paper(s) state a result")
    if res.papers:
        table = Table(box=box.SIMPLE, expand=False, show_lines=False)
        table.add_column("paper", no_wrap=True)
        table.add_column("date", no_wrap=True)
        table.add_column("result", overflow="fold", ratio=1)
        for p in res.papers:
            lines = []
            for r in p.results:
                line = f"{r.subject.label} / {r.target.label}"
                if r.base_models:
                    line += f" (on {', '.join(b.label for b in r.base_models)})"
                if r.value is not None:
                    line += f": {r.metric.label + ' ' if r.metric else ''}{r.value:g}{r.unit or ''}"
                if r.purpose:
                    line += f" ({r.purpose})"
                lines.append(line)
            table.add_row(p.id, str(p.date or ""), escape("\n".join(lines)))
        out.print(table)
    out.print(
        f"[bold]Mentioned only[/bold]: {res.mentioned_total} more paper(s) mention both "
        "without an evaluation statement"
    )
    if res.mentioned:
        table = Table(box=box.SIMPLE)
        table.add_column("paper", no_wrap=True)
        table.add_column("date", no_wrap=True)
        table.add_column("title", overflow="fold", ratio=1)
        for m in res.mentioned:
            table.add_row(m.id, str(m.date or ""), escape(m.title))
        out.print(table)


@app.command()
def leaderboard(
    benchmark: str = typer.Argument(..., help="Benchmark: label, alias, id or IRI."),
    metric: str | None = typer.Option(None, "--metric", "-m", help="Only this metric."),
    store: str | None = StoreOpt,
    query_endpoint: str | None = QueryEndpointOpt,
    limit: int = typer.Option(20, help="Rows per metric."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """Scores reported on a benchmark, per metric, best first (scores only: no
    improvements, spreads or speed-ups).

    Example: kg leaderboard GSM8K
    """
    from kg.cli_options import fail, open_kg_for_cli
    from kg.query import QueryError
    from kg.query.leaderboard import leaderboard as board

    kg = open_kg_for_cli(store, console, query_endpoint=query_endpoint)
    try:
        res = board(kg, benchmark, metric, limit=limit)
    except QueryError as e:
        raise fail(e, console) from None
    if fmt == "json":
        out.print_json(res.model_dump_json())
        return
    if not res.metrics:
        out.print(f"no scores on {escape(res.benchmark.label)} yet")
    for g in res.metrics:
        name = g.metric.label if g.metric else "(no metric named)"
        way = {True: "higher is better", False: "lower is better", None: "direction unknown"}
        table = Table(
            title=f"{escape(res.benchmark.label)} · {escape(name)} ({way[g.higher_is_better]})",
            box=box.SIMPLE,
        )
        table.add_column("#", justify="right")
        table.add_column("model or method", overflow="fold", ratio=1)
        table.add_column("score", justify="right", no_wrap=True)
        table.add_column("paper", no_wrap=True)
        for r in g.rows:
            who = r.subject.label + (
                f" (on {', '.join(b.label for b in r.base_models)})" if r.base_models else ""
            )
            table.add_row(str(r.rank), escape(who), f"{r.value:g}{r.unit or ''}", r.paper.id)
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
        raise typer.Exit(2) from None
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
