"""Integrity checks for the entity vocabularies in ontology/vocab/ (see its README.md)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

VOCAB = Path(__file__).resolve().parent.parent / "ontology" / "vocab"
TYPES = {
    "Model": "model",
    "Method": "method",
    "Benchmark": "benchmark",
    "Hardware": "hardware",
    "Metric": "metric",
}
SOURCES = {"curated", "epoch", "mlco2", "litellm", "pwc", "mined"}
# a mined concept's counts and provenance (kg.vocab_mine)
MINED_FIELDS = {"papers", "proposed", "votes", "examples", "written_in", "defined_with_acronym"}
ID_RE = re.compile(r"^(model|method|benchmark|hardware|metric)/[a-z0-9.\-]+$")
KINDS = {"Model": {"model", "family"}, "Hardware": {"device", "architecture", "vendor"}}
FILES = sorted(VOCAB.glob("*.jsonl"))
REQUIRED = [
    "models.jsonl",
    "methods.jsonl",
    "benchmarks.jsonl",
    "hardware.jsonl",
    "metrics.jsonl",
    "pwc_benchmarks.jsonl",
    "pwc_metrics.jsonl",
]


def norm(label: str) -> str:
    return re.sub(r"[\s\-_]+", "", label.lower())


def load(path: Path) -> list[dict]:
    out = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as e:  # pragma: no cover - reported by the assertion
                    pytest.fail(f"{path.name}:{n}: {e}")
    return out


@pytest.fixture(scope="module")
def by_file() -> dict[str, list[dict]]:
    return {p.name: load(p) for p in FILES}


@pytest.fixture(scope="module")
def concepts(by_file) -> dict[str, dict]:
    out = {}
    for recs in by_file.values():
        for r in recs:
            out.setdefault(r["id"], r)
    return out


@pytest.fixture(scope="module")
def index(concepts) -> dict[tuple[str, str], set[str]]:
    """(type, normalised label) -> ids of concepts carrying that label."""
    idx: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in concepts.values():
        for label in [r["prefLabel"], *r.get("altLabels", [])]:
            idx[(r["type"], norm(label))].add(r["id"])
    return idx


def resolve(index, typ: str, label: str) -> set[str]:
    return index.get((typ, norm(label)), set())


def ancestors(concepts, cid: str) -> set[str]:
    seen, todo = set(), list(concepts[cid].get("broader", []))
    while todo:
        b = todo.pop()
        if b not in seen:
            seen.add(b)
            todo.extend(concepts[b].get("broader", []))
    return seen


# ---------------------------------------------------------------- structure
def test_required_files_exist():
    names = {p.name for p in FILES}
    assert not set(REQUIRED) - names
    assert (VOCAB / "LICENSES.md").exists()


def test_every_file_parses_and_is_nonempty(by_file):
    for name, recs in by_file.items():
        assert recs, f"{name} is empty"


def test_concept_fields(by_file):
    problems = []
    for name, recs in by_file.items():
        for r in recs:
            cid = r.get("id", "")
            if not ID_RE.match(cid):
                problems.append(f"{name}: bad id {cid!r}")
            t = r.get("type")
            if t not in TYPES or not cid.startswith(TYPES.get(t, "?") + "/"):
                problems.append(f"{name}: {cid} type {t!r} does not match id")
            if r.get("source") not in SOURCES:
                problems.append(f"{name}: {cid} bad source {r.get('source')!r}")
            pref = r.get("prefLabel")
            if not isinstance(pref, str) or not pref.strip() or pref != pref.strip():
                problems.append(f"{name}: {cid} bad prefLabel {pref!r}")
            alts = r.get("altLabels", [])
            if not isinstance(alts, list) or not all(
                isinstance(a, str) and a.strip() == a and a for a in alts
            ):
                problems.append(f"{name}: {cid} bad altLabels")
            if not isinstance(r.get("broader", []), list):
                problems.append(f"{name}: {cid} broader not a list")
            if "kind" in r and t in KINDS and r["kind"] not in KINDS[t]:
                problems.append(f"{name}: {cid} bad kind {r['kind']!r}")
            for flag in ("match", "case_sensitive"):
                if flag in r and not isinstance(r[flag], bool):
                    problems.append(f"{name}: {cid} {flag} not a bool")
            unknown = set(r) - {
                "id",
                "type",
                "prefLabel",
                "altLabels",
                "broader",
                "kind",
                "match",
                "case_sensitive",
                "source",
            }
            if r.get("source") == "mined":
                unknown -= MINED_FIELDS
            if unknown:
                problems.append(f"{name}: {cid} unknown fields {sorted(unknown)}")
    assert not problems, "\n".join(problems[:50])


def test_one_type_per_file(by_file):
    for name, recs in by_file.items():
        assert len({r["type"] for r in recs}) == 1, name


def test_ids_unique_across_files(by_file):
    seen: dict[str, str] = {}
    dups = []
    for name, recs in by_file.items():
        for r in recs:
            if r["id"] in seen:
                dups.append(f"{r['id']} in {seen[r['id']]} and {name}")
            seen[r["id"]] = name
    assert not dups, "\n".join(dups[:50])


def test_broader_ids_exist(concepts):
    missing = [
        f"{r['id']} -> {b}"
        for r in concepts.values()
        for b in r.get("broader", [])
        if b not in concepts
    ]
    assert not missing, "\n".join(missing[:50])


def test_no_broader_cycles(concepts):
    state: dict[str, int] = {}

    def visit(cid: str, path: list[str]) -> None:
        if state.get(cid) == 2:
            return
        if state.get(cid) == 1:
            pytest.fail("cycle: " + " -> ".join(path + [cid]))
        state[cid] = 1
        for b in concepts[cid].get("broader", []):
            visit(b, path + [cid])
        state[cid] = 2

    for cid in concepts:
        visit(cid, [])


def test_no_label_maps_to_two_concepts_of_same_type(index):
    clashes = [f"{t} {lab!r}: {sorted(ids)}" for (t, lab), ids in index.items() if len(ids) > 1]
    assert not clashes, "\n".join(clashes[:50])


def test_sources_live_in_their_files(by_file):
    for name, recs in by_file.items():
        srcs = {r["source"] for r in recs}
        if name.startswith("pwc_"):
            assert srcs == {"pwc"}, name
        else:
            assert "pwc" not in srcs, f"pwc-derived concepts outside pwc_* files: {name}"
        assert (srcs == {"mined"}) == name.startswith("mined_"), name
        if name == "hardware.jsonl":
            assert srcs <= {"curated", "epoch", "mlco2"}
        elif name.startswith("litellm"):
            assert srcs == {"litellm"}
        elif not name.startswith(("pwc_", "mined_")):
            assert srcs == {"curated"}, name


def test_parent_only_concepts_are_not_matched(by_file):
    for r in by_file["hardware.jsonl"]:
        if r.get("kind") in ("vendor", "architecture"):
            assert r.get("match") is False, r["id"]
        if r.get("kind") == "device":
            assert r.get("broader"), r["id"]


def test_pwc_names_are_filtered(by_file):
    bad = []
    for name in ("pwc_benchmarks.jsonl", "pwc_metrics.jsonl"):
        for r in by_file[name]:
            for label in [r["prefLabel"], *r.get("altLabels", [])]:
                if (
                    re.search(
                        r"https?:|www\.|\.com\b|expedia|\d{3}[\s.\-]\d{3}[\s.\-]\d{4}",
                        label,
                        re.I,
                    )
                    or len(label.split()) > 6
                    or not re.search(r"[A-Z0-9]", label)
                ):
                    bad.append(label)
    assert not bad, bad[:20]


def test_sizes():
    counts = {p.name: sum(1 for line in p.open(encoding="utf-8") if line.strip()) for p in FILES}
    assert counts["models.jsonl"] >= 800
    assert counts["methods.jsonl"] >= 500
    assert counts["benchmarks.jsonl"] >= 600
    assert counts["metrics.jsonl"] >= 150
    assert counts["hardware.jsonl"] >= 150


# ---------------------------------------------------------------- spot checks
@pytest.mark.parametrize(
    "typ,a,b",
    [
        ("Model", "LLaMA-2", "Llama 2"),
        ("Model", "Llama2", "LLaMA 2"),
        ("Model", "Llama-3.1-8B-Instruct", "Llama 3.1 8B Instruct"),
        ("Model", "Meta-Llama-3.1-8B-Instruct", "Llama 3.1 8B Instruct"),
        ("Model", "GPT4", "GPT-4"),
        ("Model", "gpt-4o-mini", "GPT-4o mini"),
        ("Model", "Gemma-2-2B-IT", "Gemma 2 2B-IT"),
        ("Model", "Qwen2.5-Math-7B", "Qwen 2.5 Math 7B"),
        ("Model", "Claude-3.5-Sonnet", "Claude 3.5 Sonnet"),
        ("Model", "DeepSeek R1", "DeepSeek-R1"),
        ("Method", "SAE", "sparse autoencoder"),
        ("Method", "SAEs", "sparse autoencoders"),
        ("Method", "LoRA", "low-rank adaptation"),
        ("Method", "RAG", "retrieval-augmented generation"),
        ("Method", "CoT", "chain-of-thought"),
        ("Method", "MoE", "mixture-of-experts"),
        ("Benchmark", "GSM-8K", "GSM8K"),
        ("Benchmark", "SWE-Bench Verified", "SWE-bench Verified"),
        ("Benchmark", "MS COCO", "COCO"),
        ("Hardware", "NVIDIA H200", "H200"),
        ("Hardware", "Tesla T4", "T4"),
        ("Hardware", "A100-80GB", "A100"),
        ("Metric", "macro F1", "macro-F1"),
        ("Metric", "Pass@1", "pass@1"),
        ("Metric", "WER", "word error rate"),
    ],
)
def test_same_concept(index, typ, a, b):
    ia, ib = resolve(index, typ, a), resolve(index, typ, b)
    assert len(ia) == 1 and ia == ib, (a, ia, b, ib)


@pytest.mark.parametrize(
    "typ,label",
    [
        ("Model", "Llama Guard 3"),
        ("Model", "BERT"),
        ("Model", "LLaVA-1.5"),
        ("Model", "SegFormer"),
        ("Model", "ResNet-50"),
        ("Model", "Llama 3.2 1B"),
        ("Model", "Qwen3-8B"),
        ("Model", "gpt-oss-20b"),
        ("Method", "QLoRA"),
        ("Method", "DPO"),
        ("Method", "GRPO"),
        ("Method", "RLHF"),
        ("Method", "Latent Dirichlet Allocation"),
        ("Method", "vLLM"),
        ("Method", "FlashAttention"),
        ("Method", "Vision Transformer"),
        ("Method", "Mamba"),
        ("Method", "knowledge distillation"),
        ("Benchmark", "HarmBench"),
        ("Benchmark", "SST-2"),
        ("Benchmark", "MMLU"),
        ("Benchmark", "Adult"),
        ("Benchmark", "RealToxicityPrompts"),
        ("Benchmark", "CyberSecEval"),
        ("Benchmark", "AIME 2024"),
        ("Hardware", "V100"),
        ("Hardware", "GTX 1650 Ti Max-Q"),
        ("Hardware", "TPU v5e"),
        ("Hardware", "Apple M2"),
        ("Metric", "exact match"),
        ("Metric", "perplexity"),
        ("Metric", "ROUGE-L"),
        ("Metric", "AUROC"),
        ("Metric", "attack success rate"),
        ("Metric", "token usage"),
        ("Metric", "wall-clock time"),
    ],
)
def test_known_entities_present(index, typ, label):
    assert len(resolve(index, typ, label)) == 1, label


@pytest.mark.parametrize(
    "generic",
    [
        "Transformer",
        "transformers",
        "MLP",
        "attention",
        "self-attention",
        "reinforcement learning",
        "distillation",
        "deep learning",
        "machine learning",
        "neural networks",
        "LLM",
        "LLMs",
        "large language models",
        "fine-tuning",
        "quantization",
        "pruning",
        "training",
        "inference",
        "zero-shot",
        "few-shot",
        "state-space models",
        "GPU",
        "performance",
    ],
)
def test_generic_terms_excluded(index, generic):
    hits = {t for t in TYPES if resolve(index, t, generic)}
    assert not hits, (generic, hits)


def test_hardware_chain_reaches_vendor(concepts, index):
    (h200,) = resolve(index, "Hardware", "H200")
    anc = ancestors(concepts, h200)
    assert "hardware/arch-hopper" in anc and "hardware/vendor-nvidia" in anc
    (tpu,) = resolve(index, "Hardware", "TPU v5e")
    assert "hardware/vendor-google" in ancestors(concepts, tpu)


def test_model_chain(concepts, index):
    (m,) = resolve(index, "Model", "Llama 3.1 8B")
    anc = ancestors(concepts, m)
    assert {"model/llama-3.1", "model/llama"} <= anc
    for fam in ("model/llama", "model/llama-3.1", "model/qwen2.5", "model/gemma"):
        assert concepts[fam]["kind"] == "family"


def test_short_ambiguous_labels_case_sensitive(concepts, index):
    for typ, label in [
        ("Hardware", "T4"),
        ("Hardware", "L4"),
        ("Hardware", "A10"),
        ("Hardware", "Apple M2"),
        ("Model", "SAM"),
        ("Model", "Gemini"),
        ("Model", "CLIP"),
        ("Method", "MoE"),
        ("Benchmark", "MATH"),
    ]:
        (cid,) = resolve(index, typ, label)
        assert concepts[cid].get("case_sensitive") is True, (label, cid)


def test_hardware_triggers_start_with_a_literal_capital():
    # kg.extract.rules relies on every alternative of the trigger starting with a literal
    # capital: re then jumps between those first characters; one character class among
    # them makes it try every position of the text (~2x slower)
    from kg.extract.rules import patterns_dir

    trigger = json.loads((patterns_dir() / "hardware.json").read_text(encoding="utf-8"))["trigger"]
    body = trigger[3:-1] if trigger.startswith("(?:") and trigger.endswith(")") else trigger
    branches, depth, cur = [], 0, ""
    for ch in body:  # split the alternation at depth 0
        depth += ch in "([" and 1 or 0
        depth -= ch in ")]" and 1 or 0
        if ch == "|" and depth == 0:
            branches.append(cur)
            cur = ""
        else:
            cur += ch
    branches.append(cur)
    assert len(branches) > 10
    for b in branches:
        assert b[0].isalpha() and b[0].isupper(), b


def test_a_benchmark_concept_names_one_image_resolution(concepts):
    """'ImageNet 256x256' and 'ImageNet 64x64' are different leaderboards (generation
    benchmarks are reported per resolution); one concept whose labels name two resolutions
    put a 256x256 FID under ImageNet-64."""
    size = re.compile(r"(\d{2,4})\s*[x×]\s*\1")
    mixed = {}
    for cid, c in concepts.items():
        if c.get("type") != "Benchmark":
            continue
        sizes = {
            m.group(1)
            for label in [c["prefLabel"], *c.get("altLabels", [])]
            if (m := size.search(label))
        }
        if len(sizes) > 1:
            mixed[cid] = sorted(sizes)
    assert not mixed
