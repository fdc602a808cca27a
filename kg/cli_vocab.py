"""`kg vocab mine` (mounted into kg.cli's app): the corpus as a gazetteer (kg.vocab_mine)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from kg.vocab_mine import Thresholds

app = typer.Typer()
vocab = typer.Typer(help="Vocabularies: mine names from a corpus.")
app.add_typer(vocab, name="vocab")
console = Console(stderr=True)
_TH = Thresholds()  # the defaults


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
    min_papers: int = typer.Option(_TH.min_papers, help="Papers that must mention a name."),
    min_papers_proposed: int = typer.Option(
        _TH.min_papers_proposed, help="The same, for a name some paper proposes."
    ),
    min_share: float = typer.Option(
        _TH.min_share, help="Share of them giving it the majority type."
    ),
    min_rate: float = typer.Option(
        _TH.min_rate, help="Papers that mention it / papers that write it (whole words)."
    ),
    styled: bool = typer.Option(
        _TH.styled, help="Some word must be styled like a name (a digit, two capitals)."
    ),
    min_papers_phrase: int = typer.Option(
        _TH.min_papers_phrase, help="> 0: lower-case phrases too, in at least this many papers."
    ),
    phrase_types: str = typer.Option(
        ",".join(_TH.phrase_types), help="Types whose lower-case phrases are mined ('-': none)."
    ),
    no_acronyms: str = typer.Option(
        ",".join(_TH.no_acronyms), help="Types whose bare acronyms are not mined ('-': none)."
    ),
    max_coined: float = typer.Option(
        _TH.max_coined, help="Proposing papers / mentioning papers, when 2+ propose it."
    ),
    min_papers_acronym_term: int = typer.Option(
        _TH.min_papers_acronym_term,
        help="> 0: lower-case technique names defined with an acronym in this many papers.",
    ),
    min_rate_acronym_term: float = typer.Option(
        _TH.min_rate_acronym_term, help="Papers defining such a term / papers writing it."
    ),
) -> None:
    """Mine names the corpus's papers introduce into ontology/vocab/mined_*.jsonl.

    Papers whose title is in an evaluation set (the dev gold, every JSONL file of eval/
    and eval/round*/: gold, samples, candidate lists) are left out before extraction. The
    defaults are the thresholds the committed files were mined with
    (docs/extraction-log.md, round 17); the same corpus and extractor give byte-identical
    files.
    """
    from kg.paths import CHECKOUT, vocab_dir
    from kg.vocab_mine import run

    th = Thresholds(
        min_papers=min_papers,
        min_papers_proposed=min_papers_proposed,
        min_share=min_share,
        min_rate=min_rate,
        styled=styled,
        min_papers_phrase=min_papers_phrase,
        phrase_types=_types(phrase_types),
        no_acronyms=_types(no_acronyms),
        max_coined=max_coined,
        min_papers_acronym_term=min_papers_acronym_term,
        min_rate_acronym_term=min_rate_acronym_term,
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


def _types(option: str) -> tuple[str, ...]:
    """A types option: "Method,Metric" -> ("Method", "Metric"); "-" or "" -> ()."""
    return tuple(t.strip() for t in option.split(",") if t.strip() and t.strip() != "-")
