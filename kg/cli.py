"""The `kg` command line: build, query, check and export the graph."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from kg.cli_options import GspEndpointOpt, QueryEndpointOpt, StoreOpt, UpdateEndpointOpt
from kg.store import StoreError

app = typer.Typer(
    help="kg: a knowledge graph of ML research built from paper listings.\n\n"
    "Example: kg ingest examples/listings/*.txt && kg stats",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
console = Console(stderr=True, soft_wrap=True)
out = Console()

EXIT_NOTHING_READ = 3
EXIT_STORE = 4
EXIT_VIOLATIONS = 1
# `kg ingest` stored every valid record, but some input was skipped: a missing or
# unreadable file, a file cut short (a truncated .gz), or rejected records
EXIT_PARTIAL = 5


def _open(
    store: str | None,
    read_only: bool = False,
    query_endpoint: str | None = None,
    update_endpoint: str | None = None,
    gsp_endpoint: str | None = None,
):
    """The embedded store at a path, or a remote SPARQL server at a URL (kg.store_open)."""
    from kg.cli_options import open_for_cli

    return open_for_cli(
        store,
        read_only=read_only,
        query_endpoint=query_endpoint,
        update_endpoint=update_endpoint,
        gsp_endpoint=gsp_endpoint,
        console=console,
    )


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(
        ..., help="Listing files: seed listings, arXiv Atom XML, JSONL/JSON/CSV (.gz ok)."
    ),
    store: str | None = StoreOpt,
    query_endpoint: str | None = QueryEndpointOpt,
    update_endpoint: str | None = UpdateEndpointOpt,
    gsp_endpoint: str | None = GspEndpointOpt,
    workers: int = typer.Option(
        min(2, os.cpu_count() or 1), "--workers", "-w", help="Extraction worker processes."
    ),
    no_extract: bool = typer.Option(
        False, "--no-extract", help="Store the papers only, skip extraction."
    ),
    batch_size: int = typer.Option(
        500,
        help="Papers per batch: read, merged and extracted together, "
        "one write transaction each when not bulk loading.",
    ),
    no_mention_nodes: bool = typer.Option(
        False,
        "--no-mention-nodes",
        help="Leave the per-mention nodes out (about a third fewer quads): papers keep their "
        "kg:mentions "
        "edges and every fact keeps its evidence sentence, offsets and confidence. For the largest "
        "graphs.",
    ),
    bulk: bool | None = typer.Option(
        None,
        "--bulk/--no-bulk",
        help="Write new papers with Oxigraph's bulk loader (default: only on a first load into an "
        "empty "
        "embedded store, which nothing else may read meanwhile) or always transactionally.",
    ),
    reextract: bool = typer.Option(
        False,
        "--reextract",
        help="Extract every stored paper of the input again, even when its record and the "
        "extractor version are unchanged (e.g. after editing the vocabularies). Papers an "
        "older extractor version made are always extracted again.",
    ),
) -> None:
    """Read listings, extract entities and facts, and write them into the store.

    A first load into an empty store uses the bulk loader and optimizes the store at the end;
    later ingests write transactionally, so a server can read the store meanwhile. A killed
    ingest is completed by running it again. A paper whose record is unchanged is skipped,
    unless an older extractor version made its facts: then it is extracted again. Readers
    (the server, `kg query`) see the store as the last finished ingest left it (a published
    generation), never a half-written one.

    Exit status: 0 every record of every file was read; 5 the valid records were stored but
    some input was skipped (a missing or unreadable file, a file cut short such as a
    truncated .gz, rejected records); 3 nothing could be read; 4 the store cannot be opened.
    A summary line says which, either way.

    Example: kg ingest examples/listings/*.txt ../shared/corpora/arxiv_2025_2026-04.jsonl.gz
    """
    from kg.ingest import ingest_paths

    missing = [p for p in paths if not p.exists()]
    for p in missing:
        console.print(f"[red]error:[/red] no such file: {p}")
    paths = [p for p in paths if p.exists()]
    if not paths:
        raise typer.Exit(EXIT_NOTHING_READ)
    kgs = _open(
        store,
        query_endpoint=query_endpoint,
        update_endpoint=update_endpoint,
        gsp_endpoint=gsp_endpoint,
    )
    import time

    t0 = time.perf_counter()
    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingest[/bold]"),
        BarColumn(),
        TaskProgressColumn(),
        TextColumn(
            "{task.fields[papers]} papers · {task.fields[rate]} · {task.fields[quads]} quads"
        ),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        transient=False,
        disable=not console.is_terminal and bool(os.environ.get("CI")),
    ) as prog:
        task = prog.add_task("ingest", total=None, papers="0", rate="–", quads="0")

        def show(p) -> None:
            # by bytes of the input files where their size is known (an ETA); else a count
            dt = max(time.perf_counter() - t0, 1e-9)
            fields: dict[str, Any] = dict(
                papers=f"{p.papers:,}", rate=f"{p.papers / dt:,.0f} papers/s", quads=f"{p.quads:,}"
            )
            if p.bytes_total is not None and p.bytes_read is not None:
                prog.update(task, total=p.bytes_total, completed=p.bytes_read, **fields)
            else:
                prog.update(task, completed=p.records, **fields)

        report = ingest_paths(
            kgs,
            paths,
            workers=workers,
            extract=not no_extract,
            batch_size=batch_size,
            mention_nodes=not no_mention_nodes,
            bulk=bulk,
            progress=show,
            reextract=reextract,
        )
        prog.update(
            task,
            total=prog.tasks[0].total or prog.tasks[0].completed or 1,
            completed=prog.tasks[0].total or prog.tasks[0].completed or 1,
        )
    secs = report.seconds.get("total", time.perf_counter() - t0)
    w = report.seconds.get("write", 0.0)
    mode = (
        ("bulk load" if report.bulk else "transactional")
        + (
            f", {w:.1f} s in store writes ({report.quads_written / w:,.0f} quads/s)"
            if w > 0
            else ""
        )
        + (f", optimize {report.seconds['optimize']:.1f} s" if "optimize" in report.seconds else "")
    )
    console.print(
        f"{report.papers_in:,} papers in {secs:.1f} s ({report.papers_in / max(secs, 1e-9):,.0f} "
        f"papers/s, "
        f"{report.quads_written / max(secs, 1e-9):,.0f} quads/s; {mode})",
        highlight=False,
    )
    table = Table(title="ingest")
    cols = ["file", "format", "read", "added", "updated", "unchanged", "rejected"]
    if any(f.reextracted for f in report.files):
        cols.insert(6, "re-extracted")
    for col in cols:
        table.add_column(col, justify="left" if col in ("file", "format") else "right")
    for f in report.files:
        table.add_row(
            escape(f.path),
            f.format,
            str(f.read),
            str(f.added),
            str(f.updated),
            str(f.unchanged),
            *([str(f.reextracted)] if "re-extracted" in cols else []),
            str(len(f.rejected)),
        )
    out.print(table)
    for f in report.files:
        if f.error:
            from kg.readers import SUPPORTED_FORMATS

            msg = f.error if f.path in f.error else f"{f.path}: {f.error}"
            console.print(f"[red]error:[/red] {escape(msg)}", highlight=False)
            if (
                f.read == 0 and f.format == "?"
            ):  # the format could not be told: say which ones are read
                console.print(
                    f"  supported formats: {', '.join(SUPPORTED_FORMATS)} (any of them gzipped)"
                )
        for r in f.rejected[:20]:
            console.print(
                f"[yellow]rejected:[/yellow] {escape(f'{r.file}:{r.record}: {r.reason}')}",
                highlight=False,
            )
        if len(f.rejected) > 20:
            console.print(
                f"[yellow]… {len(f.rejected) - 20} more rejected in {escape(f.path)}[/yellow]"
            )
    out.print(f"quads: {report.quads_before:,} → {report.quads_after:,}")
    code, summary = ingest_outcome(report, missing=len(missing))
    console.print(summary, highlight=False, markup=False)
    if code:
        raise typer.Exit(code)


def ingest_outcome(report, missing: int = 0) -> tuple[int, str]:
    """The exit status of `kg ingest` and its one-line summary: 0 when every record of
    every file was read; EXIT_NOTHING_READ when no paper could be read at all;
    EXIT_PARTIAL when papers were stored but files were missing, unreadable or cut
    short, or records were rejected."""
    failed = sum(1 for f in report.files if f.error) + missing
    rejected = report.rejected
    records = sum(f.read for f in report.files)
    papers = report.papers_in
    parts = [
        f"{len(report.files) + missing} file(s)",
        f"{records:,} records read",
        f"{papers:,} papers stored or unchanged",
        f"{rejected:,} rejected",
        f"{failed} file(s) missing, unreadable or cut short",
    ]
    if papers == 0:
        code, verdict = EXIT_NOTHING_READ, "nothing could be read from the given files"
    elif failed or rejected:
        code, verdict = EXIT_PARTIAL, "some input was skipped (valid records stored)"
    else:
        code, verdict = 0, "all input read"
    return code, f"ingest summary: {'; '.join(parts)} — {verdict} (exit {code})"


class QueryFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command()
def query(
    sparql: str | None = typer.Argument(
        None, help="SPARQL text, or @file.rq to read it from a file."
    ),
    store: str | None = StoreOpt,
    query_endpoint: str | None = QueryEndpointOpt,
    update_endpoint: str | None = UpdateEndpointOpt,
    gsp_endpoint: str | None = GspEndpointOpt,
    fmt: QueryFormat = typer.Option(QueryFormat.table, "--format", "-f"),
    name: str | None = typer.Option(
        None, "--name", "-n", help="Run a canned query from queries/ by name."
    ),
    param: list[str] = typer.Option(
        [], "--param", "-p", help="key=value for a canned query's parameter."
    ),
) -> None:
    """Run a SPARQL query (or a canned one) against the store; all graphs are queried as one.

    Example: kg query 'SELECT (COUNT(*) AS ?n) WHERE { ?p a <https://w3id.org/kg/ontology#Paper> }'
    """
    from kg.cli_options import fail
    from kg.query import KG, QueryError
    from kg.results import print_results, run_select

    endpoints = dict(
        query_endpoint=query_endpoint, update_endpoint=update_endpoint, gsp_endpoint=gsp_endpoint
    )
    if name:
        from kg.query.canned import get_query, render_canned

        try:
            get_query(name)
        except QueryError as e:
            console.print("  list them with: kg queries")
            raise fail(e, console) from None
        params = dict(p.split("=", 1) for p in param if "=" in p)
        kg = KG.over(_open(store, read_only=True, **endpoints))
        try:
            sparql_text = render_canned(kg, name, params)
        except QueryError as e:
            raise fail(e, console) from None
    else:
        if not sparql:
            console.print("[red]error:[/red] give SPARQL text, @file.rq or --name")
            raise typer.Exit(2)
        if sparql.startswith("@"):
            try:
                sparql_text = Path(sparql[1:]).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as e:
                console.print(f"[red]error:[/red] cannot read {sparql[1:]}: {e.__class__.__name__}")
                raise typer.Exit(2) from None
        else:
            sparql_text = sparql
        kg = KG.over(_open(store, read_only=True, **endpoints))
    try:
        result = run_select(kg.store, sparql_text)
    except SyntaxError as e:
        console.print(f"[red]SPARQL syntax error:[/red] {e}")
        raise typer.Exit(2) from None

    def label_of(iri: str) -> str | None:
        info = kg.resolver.get(iri) if fmt.value == "table" else None
        return info.label if info else None

    print_results(result, fmt.value, out, label_of)


@app.command()
def stats(
    store: str | None = StoreOpt,
    query_endpoint: str | None = QueryEndpointOpt,
    update_endpoint: str | None = UpdateEndpointOpt,
    gsp_endpoint: str | None = GspEndpointOpt,
) -> None:
    """Count papers, entities of each type, facts and quads in the store.

    Example: kg stats --store data/store
    """
    kgs = _open(
        store,
        read_only=True,
        query_endpoint=query_endpoint,
        update_endpoint=update_endpoint,
        gsp_endpoint=gsp_endpoint,
    )
    from kg.query import KG
    from kg.query.stats import stats as stats_view

    st = stats_view(KG.over(kgs))
    table = Table(title=f"store {kgs.path}")
    table.add_column("what")
    table.add_column("count", justify="right")
    for k, v in st.counts.items():
        if k in st.entities or k.endswith(" (mentioned)"):
            continue
        table.add_row(k, f"{v:,}")
    out.print(table)
    ents = Table(title="entities: mentioned by papers / in the vocabulary")
    ents.add_column("type")
    ents.add_column("mentioned", justify="right")
    ents.add_column("concepts", justify="right")
    for t, c in st.entities.items():
        ents.add_row(t, f"{c.mentioned:,}", f"{c.concepts:,}")
    out.print(ents)


@app.command()
def validate(
    store: str | None = StoreOpt,
    query_endpoint: str | None = QueryEndpointOpt,
    update_endpoint: str | None = UpdateEndpointOpt,
    gsp_endpoint: str | None = GspEndpointOpt,
    limit: int = typer.Option(0, help="Validate only the first N papers (0 = all)."),
    engine: str = typer.Option(
        "sparql",
        help="sparql: the shapes compiled to SPARQL and run on the store (any size); "
        "pyshacl: the reference validator on an in-memory copy (small graphs only).",
    ),
    threads: int = typer.Option(
        min(2, os.cpu_count() or 1), "--threads", "-t", help="Queries run at once (sparql)."
    ),
    show: int = typer.Option(200, help="Violations listed (all are counted)."),
) -> None:
    """Check the graph against the SHACL shapes in ontology/shapes.ttl; exit 1 on violations.

    Violations are listed by paper (the named graph their focus node lives in).

    Example: kg validate --store data/store
    """
    import time

    from kg.validate import validate_store

    if engine not in ("sparql", "pyshacl"):
        console.print(f"[red]error:[/red] unknown engine {engine!r}: sparql or pyshacl")
        raise typer.Exit(2)
    kgs = _open(
        store,
        read_only=True,
        query_endpoint=query_endpoint,
        update_endpoint=update_endpoint,
        gsp_endpoint=gsp_endpoint,
    )
    t0 = time.perf_counter()
    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]validate[/bold]"),
        BarColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[what]}"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
        disable=not console.is_terminal and bool(os.environ.get("CI")),
    ) as prog:
        task = prog.add_task("validate", total=None, what="")

        def show_progress(done: int, total: int, what: str) -> None:
            prog.update(task, total=total, completed=done, what=what)

        conforms, violations = validate_store(
            kgs, limit=limit, engine=engine, threads=threads, progress=show_progress
        )
    secs = time.perf_counter() - t0
    if conforms:
        out.print(f"[green]conforms[/green]: no SHACL violations ({engine}, {secs:.1f} s)")
        return
    papers = {v.graph for v in violations if "/graph/paper/" in v.graph}
    table = Table(title=f"{len(violations)} SHACL violations in {len(papers)} paper graph(s)")
    for col in ("graph", "focus node", "path", "message"):
        table.add_column(col)
    for v in violations[:show]:
        graph = v.graph.rsplit("/graph/", 1)[-1] if v.graph else ""
        table.add_row(escape(graph), escape(v.focus), escape(v.path), escape(v.message))
    out.print(table)
    if len(violations) > show:
        out.print(f"… {len(violations) - show} more (--show N lists more)")
    console.print(
        f"{len(violations)} violations in {len(papers)} paper graph(s) ({engine}, {secs:.1f} s)",
        highlight=False,
    )
    raise typer.Exit(EXIT_VIOLATIONS)


RDF_FORMATS = ("ttl", "nt", "nq", "trig", "jsonld")
GRAPH_FORMATS = ("graphml", "gexf", "cytoscape", "nodelink", "dot", "csv")


@app.command()
def export(
    fmt: str = typer.Option(
        "nq",
        "--format",
        "-f",
        help=f"RDF dump ({', '.join(RDF_FORMATS)}) or graph file ({', '.join(GRAPH_FORMATS)}).",
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="File to write (default stdout)."
    ),
    store: str | None = StoreOpt,
    query_endpoint: str | None = QueryEndpointOpt,
    update_endpoint: str | None = UpdateEndpointOpt,
    gsp_endpoint: str | None = GspEndpointOpt,
    projection: str = typer.Option(
        "bipartite", help="Graph formats: bipartite (papers–entities) or cooccurrence."
    ),
    entity: str | None = typer.Option(
        None, help="Graph formats: only the neighbourhood of this entity (label or IRI)."
    ),
    depth: int = typer.Option(1, help="Graph formats: neighbourhood depth around --entity."),
    canned: str | None = typer.Option(
        None, "--query", help="Graph formats: only the papers/entities a canned query returns."
    ),
    param: list[str] = typer.Option([], "--param", "-p", help="key=value for --query."),
    types: str | None = typer.Option(
        None, help="Graph formats: entity types to keep, comma-separated (Model,Benchmark)."
    ),
    min_degree: int = typer.Option(0, help="Graph formats: drop nodes with fewer edges."),
    min_papers: int = typer.Option(0, help="Graph formats: drop entities in fewer papers."),
) -> None:
    """Dump the graph as RDF, or as a file that graph tools open (Gephi, Cytoscape, Graphviz).

    N-Quads/TriG keep the per-paper graphs; Turtle, N-Triples and JSON-LD merge them.

    Example: kg export --format gexf --projection cooccurrence --min-papers 2 -o field.gexf
    """
    if fmt not in RDF_FORMATS + GRAPH_FORMATS:
        console.print(
            f"[red]error:[/red] unknown format {fmt!r}; choose one "
            f"of {', '.join(RDF_FORMATS + GRAPH_FORMATS)}"
        )
        raise typer.Exit(2)
    kgs = _open(
        store,
        read_only=True,
        query_endpoint=query_endpoint,
        update_endpoint=update_endpoint,
        gsp_endpoint=gsp_endpoint,
    )
    sink = open(output, "wb") if output else sys.stdout.buffer
    try:
        if fmt in RDF_FORMATS:
            from kg.rdf_export import export_rdf

            export_rdf(kgs, fmt, sink)
        else:
            from kg.graph_export import ExportScope, export_graph

            scope = ExportScope(
                projection=projection,
                entity=entity,
                depth=depth,
                query=canned,
                params=dict(p.split("=", 1) for p in param if "=" in p),
                types=[t.strip() for t in types.split(",")] if types else None,
                min_degree=min_degree,
                min_papers=min_papers,
            )
            from kg.cli_options import fail
            from kg.query import QueryError

            try:
                export_graph(kgs, fmt, sink, scope)
            except QueryError as e:
                raise fail(e, console) from None
            except ValueError as e:
                console.print(f"[red]error:[/red] {e}")
                raise typer.Exit(2) from None
    finally:
        if output:
            sink.close()
    if output:
        console.print(f"wrote {output}")


def _mount_optional() -> None:
    """Commands that live in their own modules (extraction, serving) join the app here."""
    import importlib

    for mod in ("kg.cli_extract", "kg.cli_serve", "kg.cli_vocab", "kg.cli_typer"):
        sub = importlib.import_module(mod)
        app.registered_commands.extend(sub.app.registered_commands)
        app.registered_groups.extend(sub.app.registered_groups)


def _guard_store_errors() -> None:
    """A store that fails mid-command (a remote server that went away, a refused write)
    ends the command with its message and exit status 4, never a traceback."""
    import functools

    def guard(fn):
        @functools.wraps(fn)
        def run(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except StoreError as e:
                console.print(f"[red]error:[/red] {e}", highlight=False)
                raise typer.Exit(EXIT_STORE) from None

        return run

    for cmd in app.registered_commands:
        if cmd.callback is not None and not getattr(cmd.callback, "__wrapped__", None):
            cmd.callback = guard(cmd.callback)


_mount_optional()
_guard_store_errors()


if __name__ == "__main__":  # pragma: no cover
    app()
