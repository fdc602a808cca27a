"""`kg extract` and `kg eval` (mounted into kg.cli's app).

kg extract PATH... [-o out.jsonl] [--workers N]   extractions as JSONL (gold format
                                                   with --gold-format, else the full
                                                   Extraction records)
kg eval GOLD.jsonl PATH... [--details]            P/R/F1 against a gold file, on
                                                   the tune split, the held-out
                                                   split and all of it; value
                                                   precision/recall; entity scores
                                                   by vocabulary membership
        [--drop-single-paper-concepts]            and again without the vocabulary
                                                   concepts only one gold paper names
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from kg.models import Paper

app = typer.Typer(help="Entity and fact extraction.")
console = Console(stderr=True)


def _papers(paths: list[Path]) -> Iterator[Paper]:
    from kg.readers import read_path  # the project's readers (all listing formats)

    for path in paths:
        for item in read_path(path):
            if isinstance(item, Paper):
                yield item
            else:
                console.print(f"[yellow]skipped[/] {item.file}:{item.record}: {item.reason}")


@app.command("extract")
def extract_cmd(
    paths: list[Path] = typer.Argument(..., exists=True, help="Listing files to read."),
    output: Path | None = typer.Option(
        None, "-o", "--output", help="Write JSONL here (default: stdout)."
    ),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes."),
    gold_format: bool = typer.Option(
        False, "--gold-format", help="Write the gold-file format instead."
    ),
) -> None:
    """Extract entities, proposals, evaluations and hardware use from listings."""
    from kg.extract import Extractor
    from kg.gold import to_gold

    ex = Extractor()
    papers = list(_papers(paths))
    sink = output.open("w", encoding="utf-8") if output else sys.stdout
    n = 0
    try:
        for paper, extraction in zip(papers, ex.extract_many(papers, workers=workers), strict=True):
            if gold_format:
                sink.write(json.dumps(to_gold(paper, extraction), ensure_ascii=False) + "\n")
            else:
                sink.write(extraction.model_dump_json() + "\n")
            n += 1
    finally:
        if output:
            sink.close()
    console.print(f"extracted {n} papers" + (f" -> {output}" if output else ""))


def report_table(report, title: str) -> Table:
    table = Table(title=title)
    for col in ("", "P", "R", "F1", "TP", "FP", "FN"):
        table.add_column(col, justify="right" if col else "left")
    for name, prf in report.rows():
        table.add_row(
            name,
            f"{prf.precision:.3f}",
            f"{prf.recall:.3f}",
            f"{prf.f1:.3f}",
            str(prf.tp),
            str(prf.fp),
            str(prf.fn),
        )
    return table


def report_extras(report) -> str:
    """Value precision/recall and the by-vocabulary entity scores, as two lines."""
    v, inv, oov = report.values, report.entities_in_vocab, report.entities_not_in_vocab
    return (
        f"values: precision {v.precision:.3f} ({v.correct}/{v.predicted} predicted values on"
        f" gold pairs equal a gold value), recall {v.recall:.3f} ({v.found}/{v.gold} gold values)\n"
        f"entities in vocabulary: P {inv.precision:.3f} R {inv.recall:.3f} F1 {inv.f1:.3f}"
        f" (TP {inv.tp} FP {inv.fp} FN {inv.fn}); not in vocabulary: P {oov.precision:.3f}"
        f" R {oov.recall:.3f} F1 {oov.f1:.3f} (TP {oov.tp} FP {oov.fp} FN {oov.fn})"
    )


@app.command("eval")
def eval_cmd(
    gold: Path = typer.Argument(..., exists=True, help="Gold JSONL (see GUIDELINES.md)."),
    paths: list[Path] = typer.Argument(
        ..., exists=True, help="Listing files holding the gold papers."
    ),
    details: bool = typer.Option(False, "--details", help="List every miss and false hit."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes."),
    json_out: Path | None = typer.Option(
        None, "--json", help="Also write the reports as JSON here."
    ),
    drop_single: bool = typer.Option(
        False,
        "--drop-single-paper-concepts",
        help="Also score (all split) with the vocabulary concepts that match the gold"
        " entities of exactly one gold paper removed: how much the score depends on the"
        " gold set's own strings being in the vocabulary.",
    ),
) -> None:
    """Score the extractor against a gold file: tune split, held-out split, all."""
    from kg.evaluate import evaluate, read_jsonl, vocab_membership
    from kg.extract import Extractor
    from kg.gold import to_gold

    gold_recs = read_jsonl(gold)
    papers = list(_papers(paths))
    ex = Extractor()
    in_vocab = vocab_membership(ex.vocabulary)
    preds = [
        to_gold(p, e) for p, e in zip(papers, ex.extract_many(papers, workers=workers), strict=True)
    ]
    out = Console()
    reports = {}
    for split in ("tune", "heldout", "all"):
        rep = evaluate(gold_recs, preds, split=split, details=details, in_vocab=in_vocab)
        reports[split] = rep
        out.print(
            report_table(rep, f"{split}: {rep.papers_scored}/{rep.papers_gold} gold papers found")
        )
        out.print(report_extras(rep), highlight=False, soft_wrap=True)
    extra: dict = {}
    if drop_single:
        extra = _drop_single_run(gold_recs, papers, ex, workers, out)
    if details:
        rep = reports["all"]
        t = Table(title="details (all)")
        for col in ("paper", "kind", "outcome", "item"):
            t.add_column(col)
        for d in rep.details:
            t.add_row(d.paper_id, d.kind, d.outcome, d.item)
        out.print(t)
    if json_out:
        json_out.write_text(
            json.dumps(
                {
                    k: {**r.summary(), "details": [d.model_dump() for d in r.details]}
                    for k, r in reports.items()
                }
                | extra,
                indent=1,
            ),
            encoding="utf-8",
        )


def _drop_single_run(gold_recs, papers, ex, workers: int, out: Console) -> dict:
    """`kg eval --drop-single-paper-concepts`: extract again with a copy of the vocabulary
    that lacks every concept matching the gold entities of exactly one gold paper."""
    import tempfile

    from kg.evaluate import (
        evaluate,
        single_paper_concepts,
        vocab_membership,
        write_vocab_without,
    )
    from kg.extract import Extractor
    from kg.gold import to_gold
    from kg.paths import vocab_dir

    drop = single_paper_concepts(gold_recs, ex.vocabulary)
    with tempfile.TemporaryDirectory(prefix="kg-vocab-") as tmp:
        n = write_vocab_without(ex.vocab_dir or vocab_dir(), tmp, drop)
        ex2 = Extractor(vocab_dir=tmp)
        preds = [
            to_gold(p, e)
            for p, e in zip(papers, ex2.extract_many(papers, workers=workers), strict=True)
        ]
    rep = evaluate(
        gold_recs, preds, split="all", details=False, in_vocab=vocab_membership(ex.vocabulary)
    )
    out.print(
        report_table(
            rep,
            f"all, without the {len(drop)} concepts single gold papers name ({n} lines):"
            f" {rep.papers_scored}/{rep.papers_gold} gold papers found",
        )
    )
    out.print(report_extras(rep), highlight=False, soft_wrap=True)
    return {"drop_single_paper_concepts": {**rep.summary(), "dropped_concepts": len(drop)}}
