"""scripts/corpus_draw.py: a seeded draw of corpus records that leaves out every
evaluation paper by title (the engineers who tune on draws may not read the blind sets)."""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("corpus_draw", ROOT / "scripts" / "corpus_draw.py")
assert _spec is not None and _spec.loader is not None
corpus_draw = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus_draw)


def _corpus(tmp_path: Path, n: int) -> Path:
    path = tmp_path / "corpus.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(
                json.dumps(
                    {
                        "id": f"2601.{i:05d}",
                        "title": f"Paper number {i}",
                        "abstract": f"We study thing {i}.",
                    }
                )
                + "\n"
            )
        fh.write(json.dumps({"id": "x", "title": "No abstract here"}) + "\n")
    return path


def test_the_draw_leaves_out_evaluation_papers_and_repeats_for_a_seed(tmp_path):
    corpus = _corpus(tmp_path, 50)
    gold = tmp_path / "blind_gold.jsonl"
    # an evaluation file names two papers, written with other case and punctuation
    gold.write_text(
        json.dumps({"title": "PAPER number 7."}) + "\n" + json.dumps({"title": "paper number 8"})
    )
    out = tmp_path / "draw.jsonl"
    assert (
        corpus_draw.main(
            [
                "--n",
                "48",
                "--seed",
                "3",
                "-o",
                str(out),
                "--corpus",
                str(corpus),
                "--exclude",
                str(gold),
            ]
        )
        == 0
    )
    got = [json.loads(line)["title"] for line in out.read_text().splitlines()]
    assert len(got) == 48 and len(set(got)) == 48
    assert "Paper number 7" not in got and "Paper number 8" not in got
    assert "No abstract here" not in got
    again, _ = corpus_draw.draw(corpus, 48, 3, {"paper number 7", "paper number 8"})
    other, _ = corpus_draw.draw(corpus, 48, 4, set())
    assert [json.loads(x)["title"] for x in again] == got  # same seed, same draw
    assert [json.loads(x)["title"] for x in other] != got


def test_skip_from_leaves_out_an_earlier_draw(tmp_path):
    corpus = _corpus(tmp_path, 30)
    first = tmp_path / "first.jsonl"
    corpus_draw.main(
        [
            "--n",
            "10",
            "--seed",
            "1",
            "-o",
            str(first),
            "--corpus",
            str(corpus),
            "--exclude",
            str(tmp_path / "none*.jsonl"),
        ]
    )
    second = tmp_path / "second.jsonl"
    corpus_draw.main(
        [
            "--n",
            "20",
            "--seed",
            "2",
            "-o",
            str(second),
            "--corpus",
            str(corpus),
            "--exclude",
            str(tmp_path / "none*.jsonl"),
            "--skip-from",
            str(first),
        ]
    )
    a = {json.loads(x)["title"] for x in first.read_text().splitlines()}
    b = {json.loads(x)["title"] for x in second.read_text().splitlines()}
    assert len(a) == 10 and len(b) == 20 and not a & b
