"""`kg vocab mine` (mounted into kg.cli's app): the corpus as a gazetteer (kg.vocab_mine)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

app = typer.Typer()
vocab = typer.Typer(help="Vocabularies: mine names from a corpus.")
app.add_typer(vocab, name="vocab")
console = Console(stderr=True)


@vocab.command("mine")
def mine_cmd(
    corpus: list[Path] = typer.Argument(..., exists=True, help="Listing files to mine."),
    output: Path = typer.Option(
        None, "-o", "--output", help="Folder for mined_*.jsonl (default: ontology/vocab)."
    ),
    cache: Path = typer.Option(
        None, "--cache", help="Raw extraction JSONL(.gz): reused if it exists, else written."
    ),
    workers: int = typer.Option(2, "--workers", "-w", min=1),
    min_papers: int = typer.Option(2, help="Papers that must mention a name."),
    min_share: float = typer.Option(0.8, help="Share of them giving it the majority type."),
    min_rate: float = typer.Option(
        0.3, help="Papers that mention it / papers that write it (whole words)."
    ),
) -> None:
    """Mine names the corpus's papers introduce into ontology/vocab/mined_*.jsonl.

    Papers whose title is in an evaluation set (dev gold, eval/, eval/round2/ gold and
    candidate lists) are left out before extraction.
    """
    from kg.paths import CHECKOUT, vocab_dir
    from kg.vocab_mine import Thresholds, run

    th = Thresholds(
        min_papers=min_papers,
        min_papers_proposed=min_papers,
        min_share=min_share,
        min_rate=min_rate,
    )
    sizes, why = run(
        corpus,
        output or vocab_dir(),
        th,
        cache=cache,
        root=CHECKOUT,  # the exclusion lists (eval/, ../shared/gold) are relative to it
        workers=workers,
        log=lambda m: console.print(m, highlight=False),
    )
    console.print(f"mined: {sizes}; left out: {dict(why.most_common())}", highlight=False)
