"""The `kg` command line: build, query, check and export the graph."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg.store import KGStore, StoreError, default_store_path

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

StoreOpt = typer.Option(None, "--store", "-s", envvar="KG_STORE",
                        help="Store directory (default ./data/store, or $KG_STORE).")


def _open(store: Optional[str], read_only: bool = False) -> KGStore:
    try:
        return KGStore(store or default_store_path(), read_only=read_only, create=not read_only)
    except StoreError as e:
        console.print(f"[red]error:[/red] {e}")
        raise typer.Exit(EXIT_STORE)


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="Listing files: seed listings, arXiv Atom XML, JSONL/JSON/CSV (.gz ok)."),
    store: Optional[str] = StoreOpt,
    workers: int = typer.Option(min(2, os.cpu_count() or 1), "--workers", "-w", help="Extraction worker processes."),
    no_extract: bool = typer.Option(False, "--no-extract", help="Store the papers only, skip extraction."),
    batch_size: int = typer.Option(500, help="Papers per write transaction."),
) -> None:
    """Read listings, extract entities and facts, and write them into the store.

    Example: kg ingest examples/listings/*.txt ../shared/corpora/arxiv_2025_2026-04.jsonl.gz
    """
    from kg.ingest import ingest_paths

    missing = [p for p in paths if not p.exists()]
    for p in missing:
        console.print(f"[red]error:[/red] no such file: {p}")
    paths = [p for p in paths if p.exists()]
    if not paths:
        raise typer.Exit(EXIT_NOTHING_READ)
    kgs = _open(store)
    with Progress(SpinnerColumn(), TextColumn("[bold]ingest[/bold]"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("records"), TimeElapsedColumn(), TextColumn("{task.fields[rate]}"),
                  console=console, transient=False, disable=not console.is_terminal and bool(os.environ.get("CI"))) as prog:
        task = prog.add_task("ingest", total=None, rate="")
        import time

        t0 = time.perf_counter()
        count = [0]

        def tick() -> None:
            count[0] += 1
            if count[0] % 200 == 0:
                prog.update(task, advance=200, rate=f"{count[0] / (time.perf_counter() - t0):,.0f}/s")

        report = ingest_paths(kgs, paths, workers=workers, extract=not no_extract, batch_size=batch_size,
                              on_record=tick)
        prog.update(task, completed=count[0], total=count[0],
                    rate=f"{count[0] / max(time.perf_counter() - t0, 1e-9):,.0f}/s")
    table = Table(title="ingest")
    for col in ("file", "format", "read", "added", "updated", "unchanged", "rejected"):
        table.add_column(col, justify="left" if col in ("file", "format") else "right")
    for f in report.files:
        table.add_row(f.path, f.format, str(f.read), str(f.added), str(f.updated), str(f.unchanged),
                      str(len(f.rejected)))
    out.print(table)
    for f in report.files:
        if f.error:
            from kg.readers import SUPPORTED_FORMATS

            msg = f.error if f.path in f.error else f"{f.path}: {f.error}"
            console.print(f"[red]error:[/red] {msg}", markup=True, highlight=False)
            if f.read == 0:
                console.print(f"  supported formats: {', '.join(SUPPORTED_FORMATS)} (any of them gzipped)")
        for r in f.rejected[:20]:
            console.print(f"[yellow]rejected:[/yellow] {r.file}:{r.record}: {r.reason}")
        if len(f.rejected) > 20:
            console.print(f"[yellow]… {len(f.rejected) - 20} more rejected in {f.path}[/yellow]")
    out.print(f"quads: {report.quads_before:,} → {report.quads_after:,}")
    if report.papers_in == 0:
        console.print("[red]error:[/red] nothing could be read from the given files")
        raise typer.Exit(EXIT_NOTHING_READ)


class QueryFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command()
def query(
    sparql: Optional[str] = typer.Argument(None, help="SPARQL text, or @file.rq to read it from a file."),
    store: Optional[str] = StoreOpt,
    fmt: QueryFormat = typer.Option(QueryFormat.table, "--format", "-f"),
    name: Optional[str] = typer.Option(None, "--name", "-n", help="Run a canned query from queries/ by name."),
    param: list[str] = typer.Option([], "--param", "-p", help="key=value for a canned query's parameter."),
) -> None:
    """Run a SPARQL query (or a canned one) against the store; all graphs are queried as one.

    Example: kg query 'SELECT (COUNT(*) AS ?n) WHERE { ?p a <https://w3id.org/kg/ontology#Paper> }'
    """
    from kg.results import print_results, run_select

    if name:
        from kg.canned import CannedError, load_queries, render

        try:
            q = load_queries()[name]
        except KeyError:
            console.print(f"[red]error:[/red] no canned query {name!r}; try `kg queries`")
            raise typer.Exit(2)
        params = dict(p.split("=", 1) for p in param if "=" in p)
        kgs = _open(store, read_only=True)
        try:
            sparql_text = render(q, params, kgs)
        except CannedError as e:
            console.print(f"[red]error:[/red] {e}")
            raise typer.Exit(2)
    else:
        if not sparql:
            console.print("[red]error:[/red] give SPARQL text, @file.rq or --name")
            raise typer.Exit(2)
        sparql_text = Path(sparql[1:]).read_text() if sparql.startswith("@") else sparql
        kgs = _open(store, read_only=True)
    try:
        result = run_select(kgs, sparql_text)
    except SyntaxError as e:
        console.print(f"[red]SPARQL syntax error:[/red] {e}")
        raise typer.Exit(2)
    print_results(result, fmt.value, out)


@app.command()
def stats(store: Optional[str] = StoreOpt) -> None:
    """Count papers, entities of each type, facts and quads in the store.

    Example: kg stats --store data/store
    """
    from kg.stats import graph_stats

    kgs = _open(store, read_only=True)
    table = Table(title=f"store {kgs.path}")
    table.add_column("what")
    table.add_column("count", justify="right")
    for k, v in graph_stats(kgs).items():
        table.add_row(k, f"{v:,}")
    out.print(table)


@app.command()
def validate(store: Optional[str] = StoreOpt,
             limit: int = typer.Option(0, help="Validate only the first N papers (0 = all).")) -> None:
    """Check the graph against the SHACL shapes in ontology/shapes.ttl; exit 1 on violations.

    Example: kg validate --store data/store
    """
    from kg.validate import validate_store

    kgs = _open(store, read_only=True)
    conforms, violations = validate_store(kgs, limit=limit)
    if conforms:
        out.print("[green]conforms[/green]: no SHACL violations")
        return
    table = Table(title=f"{len(violations)} SHACL violations")
    for col in ("focus node", "path", "message"):
        table.add_column(col)
    for v in violations[:200]:
        table.add_row(v.focus, v.path, v.message)
    out.print(table)
    raise typer.Exit(EXIT_VIOLATIONS)


RDF_FORMATS = ("ttl", "nt", "nq", "trig", "jsonld")
GRAPH_FORMATS = ("graphml", "gexf", "cytoscape", "nodelink", "dot", "csv")


@app.command()
def export(
    fmt: str = typer.Option("nq", "--format", "-f",
                            help=f"RDF dump ({', '.join(RDF_FORMATS)}) or graph file ({', '.join(GRAPH_FORMATS)})."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default stdout)."),
    store: Optional[str] = StoreOpt,
    projection: str = typer.Option("bipartite", help="Graph formats: bipartite (papers–entities) or cooccurrence."),
    entity: Optional[str] = typer.Option(None, help="Graph formats: only the neighbourhood of this entity (label or IRI)."),
    depth: int = typer.Option(1, help="Graph formats: neighbourhood depth around --entity."),
    canned: Optional[str] = typer.Option(None, "--query", help="Graph formats: only the papers/entities a canned query returns."),
    param: list[str] = typer.Option([], "--param", "-p", help="key=value for --query."),
    types: Optional[str] = typer.Option(None, help="Graph formats: entity types to keep, comma-separated (Model,Benchmark)."),
    min_degree: int = typer.Option(0, help="Graph formats: drop nodes with fewer edges."),
    min_papers: int = typer.Option(0, help="Graph formats: drop entities in fewer papers."),
) -> None:
    """Dump the graph as RDF, or as a file that graph tools open (Gephi, Cytoscape, Graphviz).

    N-Quads/TriG keep the per-paper graphs; Turtle, N-Triples and JSON-LD merge them.

    Example: kg export --format gexf --projection cooccurrence --min-papers 2 -o field.gexf
    """
    if fmt not in RDF_FORMATS + GRAPH_FORMATS:
        console.print(f"[red]error:[/red] unknown format {fmt!r}; choose one of {', '.join(RDF_FORMATS + GRAPH_FORMATS)}")
        raise typer.Exit(2)
    kgs = _open(store, read_only=True)
    sink = open(output, "wb") if output else sys.stdout.buffer
    try:
        if fmt in RDF_FORMATS:
            from kg.rdf_export import export_rdf

            export_rdf(kgs, fmt, sink)
        else:
            from kg.graph_export import ExportScope, export_graph

            scope = ExportScope(
                projection=projection, entity=entity, depth=depth, query=canned,
                params=dict(p.split("=", 1) for p in param if "=" in p),
                types=[t.strip() for t in types.split(",")] if types else None,
                min_degree=min_degree, min_papers=min_papers,
            )
            try:
                export_graph(kgs, fmt, sink, scope)
            except ValueError as e:
                console.print(f"[red]error:[/red] {e}")
                raise typer.Exit(2)
    finally:
        if output:
            sink.close()
    if output:
        console.print(f"wrote {output}")


def _mount_optional() -> None:
    """Commands that live in their own modules (extraction, serving) join the app here."""
    import importlib

    for mod in ("kg.cli_extract", "kg.cli_serve", "kg.cli_graph"):
        try:
            sub = importlib.import_module(mod)
        except ModuleNotFoundError as e:  # a module not written yet; anything else is a bug
            if e.name != mod:
                raise
            continue
        app.registered_commands.extend(sub.app.registered_commands)


_mount_optional()


if __name__ == "__main__":  # pragma: no cover
    app()
