"""`kg train-typer` (mounted into kg.cli's app).

kg typer-df CORPUS... [-o FILE]
    paper counts of vocabulary labels and words over a corpus (ontology/models/name_df.json)
kg train-typer [--sets dev,tuning,r2tune] [-o FILE] [--margin M] [--eval r2tune]
    trains the candidate typer on the named gold sets (kg/train_typer.py) and writes its
    weights (default ontology/models/candidate_typer.json); `--eval` prints the
    entity-level effect on other sets, counted on the rule candidates.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console

app = typer.Typer(help="The candidate typer.")
console = Console(stderr=True)


@app.command("train-typer")
def train_typer_cmd(
    sets: str = typer.Option("dev,tuning,r2tune", "--sets", help="Gold sets to train on."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Weights file to write."),
    margin: float = typer.Option(0.0, "--margin", help="How much surer than the rules."),
    l2: float = typer.Option(5.0, "--l2", help="L2 penalty."),
    iters: int = typer.Option(300, "--iters", help="Training iterations."),
    eval_sets: str = typer.Option("", "--eval", help="Gold sets to measure on (held out)."),
) -> None:
    """Train the candidate typer on gold sets; deterministic."""
    from kg.extract.candidate_typer import TyperModel, model_path
    from kg.train_typer import _untyped_extractor, examples_of, model_data, simulate, train

    names = [s for s in sets.split(",") if s]
    ex = _untyped_extractor()
    train_ex = []
    for n in names:
        got, _ = examples_of(n, ex)
        console.print(f"{n}: {len(got)} candidate entities")
        train_ex += got
    weights = train(train_ex, l2=l2, iters=iters)
    data = model_data(weights, margin, names)
    out = output or model_path()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    console.print(f"{len(weights)} features -> {out}")
    model = TyperModel(data)
    for n in [s for s in eval_sets.split(",") if s]:
        got, n_gold = examples_of(n, ex)
        print(n, json.dumps(simulate(model, got, n_gold)))


@app.command("typer-df")
def typer_df_cmd(
    corpus: list[Path] = typer.Argument(..., exists=True, help="Corpus JSONL(.gz) files."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Table to write."),
) -> None:
    """Count, over a corpus (evaluation papers left out), the papers holding each
    vocabulary label and each frequent word: the typer's how-generic features."""
    from kg.extract.candidate_typer import DF_TABLE
    from kg.extract.vocab import load_vocabulary
    from kg.name_df import build
    from kg.paths import ontology_dir

    labels = [lab for c in load_vocabulary().by_id.values() for lab in c.labels()]
    data = build(corpus, labels)
    out = output or ontology_dir() / DF_TABLE
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    console.print(f"{data['papers']} papers, {len(data['labels'])} labels -> {out}")
