"""Smoke tests of the benchmark scripts at tiny sizes (seconds): the synthetic corpus
generator and the pieces of bench/run.py that need no store."""

from __future__ import annotations

import gzip
import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load(name: str, file: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / file)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


ms = _load("kg_bench_make_synthetic", "make_synthetic.py")
bench_run = _load("kg_bench_run", "run.py")

VOCAB = ROOT / "ontology" / "vocab"

RECORDS = [
    {
        "id": "2501.00001",
        "title": "Fine-tuning Llama 3.1 8B with LoRA for GSM8K",
        "abstract": "We fine-tune Llama 3.1 8B with LoRA and report accuracy on GSM8K. "
        "On GSM8K our model beats GPT-4o, trained on H100 GPUs. "
        "The quality of multiple answers improves.",
        "authors": ["A. Author", "B. Author"],
        "categories": ["cs.CL"],
        "comment": "10 pages",
        "crawl_date": "2025-01-02",
    },
    {
        "id": "2501.00002",
        "title": "A study without any known names",
        "abstract": "Nothing here matches the vocabulary at all, we hope.",
        "authors": ["C. Author"],
        "categories": ["cs.LG"],
        "comment": None,
        "crawl_date": "2025-01-03",
    },
    {
        "id": "2501.00003",
        "title": "MMLU and HumanEval results of Qwen2.5",
        "abstract": "Qwen2.5 is evaluated on MMLU and HumanEval with pass@1 on an A100.",
        "authors": ["D. Author"],
        "categories": ["cs.AI"],
        "comment": None,
        "crawl_date": "2025-01-04",
    },
]


@pytest.fixture(scope="module")
def vocab() -> ms.Vocabulary:
    return ms.Vocabulary(VOCAB, 0)


@pytest.fixture()
def corpus(tmp_path) -> Path:
    p = tmp_path / "corpus.jsonl.gz"
    with gzip.open(p, "wt", encoding="utf-8") as fh:
        for r in RECORDS:
            fh.write(json.dumps(r) + "\n")
        fh.write("not json\n")  # a broken line is skipped, not fatal
    return p


def read(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def test_finds_names_of_each_type(vocab):
    text = RECORDS[0]["abstract"]
    found = {(vocab.type_names[t], text[s:e]) for s, e, t, _ in vocab.find(text)}
    assert ("Model", "Llama 3.1 8B") in found  # longest match, across a space
    assert ("Benchmark", "GSM8K") in found
    assert ("Method", "LoRA") in found
    assert any(t == "Hardware" and x.startswith("H100") for t, x in found)
    assert ("Metric", "accuracy") in found
    # ordinary lower-case words are not taken for capitalised vocabulary labels
    assert not any(t == "quality" or t == "multiple" for _, t in found)


def test_output_is_labelled_synthetic_and_unique(corpus, tmp_path):
    out = tmp_path / "syn.jsonl.gz"
    meta = ms.generate(corpus, out, 7, seed=0, vocab_dir=VOCAB)
    recs = read(out)
    assert len(recs) == 7 and meta["n"] == 7 and meta["passes"] == 3 and meta["synthetic"] is True
    assert json.loads(Path(str(out) + ".meta.json").read_text())["n"] == 7
    assert [r["id"] for r in recs] == [f"synthetic-{i:07d}" for i in range(1, 8)]
    assert len({r["title"] for r in recs}) == 7  # kg identifies id-less papers by title
    for i, r in enumerate(recs, 1):
        assert r["synthetic"] is True
        assert r["title"].endswith(f"[synthetic {i:07d}]")
        assert (
            r["comment"].startswith("synthetic: derived from arXiv:")
            and "by kg bench" in r["comment"]
        )
        assert r["derived_from"].startswith("arXiv:2501.0000")
        assert r["authors"] and r["categories"] and r["crawl_date"]
    assert "original comment: 10 pages" in recs[0]["comment"]
    assert not list(tmp_path.glob("*.tmp*"))


def test_names_rotated_within_type(corpus, tmp_path, vocab):
    out = tmp_path / "syn.jsonl.gz"
    ms.generate(corpus, out, 6, seed=0, vocab_dir=VOCAB)
    recs = read(out)
    first, second = recs[0], recs[3]  # the same real record in pass 0 and pass 1
    ti, pos = vocab.exact.get("GSM8K") or vocab.lower["gsm8k"]
    assert vocab.type_names[ti] == "Benchmark"
    new = []
    for pass_no, r in enumerate((first, second)):
        assert "GSM8K" not in r["abstract"] and "LoRA" not in r["abstract"]
        # every GSM8K of the record (two in the abstract, one in the title) becomes the same
        # benchmark
        repl = vocab.labels[ti][(pos + vocab.shifts(0, pass_no)[ti]) % vocab.sizes[ti]]
        assert r["abstract"].count(repl) >= 2 and repl in r["title"]
        new.append(repl)
    assert new[0] != new[1]  # each pass rotates differently
    assert first["abstract"] != second["abstract"]
    # replacements are labels of the same type: the rotated benchmark is still a benchmark
    bench_labels = set(vocab.labels[vocab.type_names.index("Benchmark")])
    found = [first["abstract"][s:e] for s, e, t, _ in vocab.find(first["abstract"])]
    assert any(x in bench_labels for x in found)
    # text without vocabulary names is kept as it was
    assert recs[1]["abstract"] == RECORDS[1]["abstract"]


def test_deterministic_given_seed(corpus, tmp_path):
    a, b, c = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.jsonl"
    ms.generate(corpus, a, 5, seed=3, vocab_dir=VOCAB)
    ms.generate(corpus, b, 5, seed=3, vocab_dir=VOCAB)
    ms.generate(corpus, c, 5, seed=4, vocab_dir=VOCAB)
    assert a.read_text() == b.read_text()
    assert a.read_text() != c.read_text()


def test_kg_reads_the_synthetic_records(corpus, tmp_path):
    from kg.models import Paper
    from kg.readers import read_path

    out = tmp_path / "syn.jsonl.gz"
    ms.generate(corpus, out, 6, seed=0, vocab_dir=VOCAB)
    papers = [p for p in read_path(out) if isinstance(p, Paper)]
    assert len(papers) == 6
    assert len({p.key for p in papers}) == 6
    assert all(p.arxiv_id is None for p in papers)  # nothing passes for a real arXiv paper


def test_parse_sizes():
    sizes = bench_run.parse_sizes("60k,1m,5k,10k:syn,real", 60_419)
    assert [(s.kind, s.n) for s in sizes] == [
        ("real", 60_419),
        ("synthetic", 1_000_000),
        ("subset", 5_000),
        ("synthetic", 10_000),
        ("real", 60_419),
    ]
    with pytest.raises(ValueError):
        bench_run.parse_sizes("100k:real", 60_419)
    with pytest.raises(ValueError):
        bench_run.parse_sizes("5k,5k", 60_419)


def test_runner_measures_and_survives_failures(tmp_path):
    r = bench_run.Runner(tmp_path, tmp_path, default_timeout=60, sample_s=0.05)
    ok = r.run(
        "alloc",
        [
            sys.executable,
            "-c",
            "import time; x = bytearray(60 * 2**20); x[::4096] = b'1' * len(x[::4096]); "
            "time.sleep(0.3)",
        ],
    )
    assert ok["ok"] and ok["rc"] == 0
    assert ok["peak_rss_bytes"] > 60 * 2**20
    assert ok["wall_s"] >= 0.3 and ok["cpu_s"] >= 0 and ok["memory_samples"] >= 1
    bad = r.run("fail", [sys.executable, "-c", "import sys; print('boom'); sys.exit(3)"])
    assert not bad["ok"] and bad["rc"] == 3 and "boom" in bad["error"]
    slow = r.run("slow", [sys.executable, "-c", "import time; time.sleep(30)"], timeout=0.5)
    assert not slow["ok"] and "timed out" in slow["error"]
    assert [s["name"] for s in r.steps] == ["alloc", "fail", "slow"]


def test_markdown_and_docs_section(tmp_path):
    rep = {
        "machine": bench_run.machine_info(tmp_path),
        "command": "bench/run.py --quick",
        "quick": True,
        "sizes_run": [
            {
                "label": "5k",
                "kind": "subset",
                "n": 5000,
                "description": "5k: the first 5,000 real records",
            }
        ],
        "extraction": None,
        "results": {},
        "steps": [
            {"name": "extract", "size": None, "ok": False, "skipped": True, "error": "skipped"}
        ],
        "acceptance": bench_run.acceptance([], {}, 60_419),
        "total_wall_s": 1.0,
    }
    md = bench_run.to_markdown(rep)
    assert "### Acceptance" in md and "not measured" in md and "under 2 minutes" in md
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n\nhand-written text\n", encoding="utf-8")
    bench_run.update_docs("first", doc)
    bench_run.update_docs("second", doc)
    text = doc.read_text()
    assert "hand-written text" in text and "second" in text and "first" not in text
    assert text.count(bench_run.BEGIN) == 1 and text.count(bench_run.END) == 1


def test_acceptance_says_why_a_target_was_not_measured(tmp_path):
    sizes = bench_run.parse_sizes("60k,1m", 60_419)
    results = {
        "60k": {
            "size": sizes[0].as_dict(),
            "ingest": {
                "wall_s": 100.0,
                "quads_per_s": 50_000.0,
                "papers_per_s": 600.0,
                "ratio_vs_bulk_load": 0.9,
            },
            "counts": {"papers": 60_000},
            "bulk_load": {"quads_per_s": 55_000.0},
        },
        "1m": {"size": sizes[1].as_dict()},
    }
    steps = [
        {
            "name": "ingest",
            "size": "1m",
            "ok": False,
            "skipped": True,
            "error": "not enough disk for the 1m store",
        }
    ]
    acc = {a["id"]: a for a in bench_run.acceptance(sizes, results, 60_419, steps)}
    assert (
        acc["ingest_60k_wall"]["pass"] is True and acc["ingest_60k_wall"]["at_target_size"] is True
    )
    assert acc["ingest_vs_bulk_load"]["pass"] is True
    assert acc["ingest_1m_peak_memory"]["pass"] is None
    assert "not enough disk" in acc["ingest_1m_peak_memory"]["note"]


def test_disk_check_refuses_what_does_not_fit(tmp_path):
    import argparse

    args = argparse.Namespace(work=tmp_path, step_timeout=60, force=False)
    b = bench_run.Bench(args)
    assert b.disk_ok(1, "a byte") is None
    assert "not enough disk" in b.disk_ok(10**18, "an exabyte")
    b.a.force = True
    assert b.disk_ok(10**18, "an exabyte") is None
