"""Fixtures for the query interface tests (SPARQL endpoint, REST API, canned queries).

Loaded by `pytest_plugins = ["conftest_query"]` in those test modules.

* `mini_store_path`: a small hand-made graph built with kg.to_rdf (exact answers known).
* `seed_store_path` (tests/conftest.py): the bundled listings ingested with extraction.
* `mini_app` / `mini_client`: the app over the mini store, in-process.
* `live_server`: the app over the mini store behind uvicorn on 127.0.0.1:<random port>.
"""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

TIMEOUT_S = 3.0  # the SPARQL time limit in tests: short, so runaway queries end fast


def _ent(id, type, label, aliases=(), broader=(), kind=None, in_vocabulary=True):
    return SimpleNamespace(
        id=id,
        type=type,
        label=label,
        aliases=list(aliases),
        broader=list(broader),
        kind=kind,
        in_vocabulary=in_vocabulary,
        source="curated" if in_vocabulary else None,
    )


MINI_ENTITIES = [
    _ent("model/llama", "Model", "Llama", ["LLaMA"], kind="family"),
    _ent(
        "model/llama-3.1",
        "Model",
        "Llama 3.1",
        ["LLaMA 3.1", "Llama-3.1"],
        ["model/llama"],
        kind="family",
    ),
    _ent(
        "model/llama-3.1-8b",
        "Model",
        "Llama 3.1 8B",
        ["Llama-3.1-8B", "LLaMA 3.1 8B", "Llama3.1-8B"],
        ["model/llama-3.1"],
        kind="model",
    ),
    _ent("model/qwen", "Model", "Qwen", kind="family"),
    _ent(
        "model/qwen2.5-7b",
        "Model",
        "Qwen2.5 7B",
        ["Qwen2.5-7B", "Qwen 2.5 7B"],
        ["model/qwen"],
        kind="model",
    ),
    _ent("model/gpt-4o", "Model", "GPT-4o", ["GPT4o"], kind="model"),
    _ent("method/lora", "Method", "LoRA", ["Low-Rank Adaptation"]),
    _ent("method/dpo", "Method", "DPO", ["Direct Preference Optimization"]),
    _ent("benchmark/gsm8k", "Benchmark", "GSM8K", ["GSM-8K", "GSM 8K"]),
    _ent("benchmark/mmlu", "Benchmark", "MMLU"),
    _ent("benchmark/humaneval", "Benchmark", "HumanEval", ["Human Eval"]),
    _ent(
        "hardware/vendor-nvidia",
        "Hardware",
        "NVIDIA",
        ["Nvidia"],
        kind="vendor",
        in_vocabulary=True,
    ),
    _ent(
        "hardware/arch-hopper",
        "Hardware",
        "Hopper",
        [],
        ["hardware/vendor-nvidia"],
        kind="architecture",
    ),
    _ent(
        "hardware/arch-ampere",
        "Hardware",
        "Ampere",
        [],
        ["hardware/vendor-nvidia"],
        kind="architecture",
    ),
    _ent(
        "hardware/h100",
        "Hardware",
        "H100",
        ["NVIDIA H100", "H100 GPU"],
        ["hardware/arch-hopper"],
        kind="device",
    ),
    _ent(
        "hardware/h200",
        "Hardware",
        "H200",
        ["NVIDIA H200"],
        ["hardware/arch-hopper"],
        kind="device",
    ),
    _ent(
        "hardware/a100",
        "Hardware",
        "A100",
        ["NVIDIA A100"],
        ["hardware/arch-ampere"],
        kind="device",
    ),
    _ent("hardware/vendor-google", "Hardware", "Google", [], kind="vendor"),
    _ent(
        "hardware/tpu-v5e",
        "Hardware",
        "TPU v5e",
        ["TPUv5e"],
        ["hardware/vendor-google"],
        kind="device",
    ),
    _ent("metric/accuracy", "Metric", "accuracy", ["Accuracy", "acc"]),
    _ent("metric/pass-at-1", "Metric", "pass@1", ["pass@k=1"]),
    _ent("method/mathtune", "Method", "MathTune", [], in_vocabulary=False),
    _ent("benchmark/mathbench-x", "Benchmark", "MathBench-X", [], in_vocabulary=False),
]


def _span(sentence: str, word: str = "", field: str = "abstract"):
    from kg.models import Span

    i = max(sentence.find(word), 0) if word else 0
    return Span(field=field, start=i, end=i + len(word), sentence=sentence, sentence_start=0)


def mini_papers():
    """Four papers with hand-written extractions: the answers of the tests follow from these."""
    from kg.models import Evaluation, Extraction, HardwareUse, Mention, Paper, Proposal, SourceRef

    def paper(key, title, date, cats, authors, abstract):
        return Paper(
            title=title,
            abstract=abstract,
            arxiv_id=key if not key.startswith("t-") else None,
            authors=authors,
            categories=cats,
            published=dt.date.fromisoformat(date),
            sources=[SourceRef(file="mini.jsonl", record=1, format="jsonl")],
        )

    out = []
    s1 = "Llama 3.1 8B reaches 84.5% accuracy on GSM8K and 66.1% on MMLU."
    s1b = "We train Llama 3.1 8B with MathTune and LoRA on 8 H100 GPUs."
    p1 = paper(
        "2501.00001",
        "Math reasoning with a small Llama",
        "2025-01-10",
        ["cs.CL"],
        ["Alice Smith", "Bob Jones"],
        s1 + " " + s1b,
    )
    e1 = Extraction(
        paper_key=p1.key,
        extractor_version="test",
        mentions=[
            Mention(
                text="Llama 3.1 8B",
                entity_id="model/llama-3.1-8b",
                span=_span(s1, "Llama 3.1 8B"),
                source="vocab",
                confidence=1,
            ),
            Mention(
                text="GSM8K",
                entity_id="benchmark/gsm8k",
                span=_span(s1, "GSM8K"),
                source="vocab",
                confidence=1,
            ),
            Mention(
                text="MMLU",
                entity_id="benchmark/mmlu",
                span=_span(s1, "MMLU"),
                source="vocab",
                confidence=1,
            ),
            Mention(
                text="LoRA",
                entity_id="method/lora",
                span=_span(s1b, "LoRA"),
                source="vocab",
                confidence=1,
            ),
            Mention(
                text="H100",
                entity_id="hardware/h100",
                span=_span(s1b, "H100"),
                source="vocab",
                confidence=1,
            ),
            Mention(
                text="MathTune",
                entity_id="method/mathtune",
                span=_span(s1b, "MathTune"),
                source="definition",
                confidence=0.8,
            ),
        ],
        proposes=[
            Proposal(entity="method/mathtune", evidence=_span(s1b, "MathTune"), confidence=0.8)
        ],
        evaluations=[
            Evaluation(
                subject="model/llama-3.1-8b",
                benchmark="benchmark/gsm8k",
                metric="metric/accuracy",
                value=84.5,
                unit="%",
                value_text="84.5%",
                evidence=_span(s1, "84.5%"),
                confidence=0.9,
            ),
            Evaluation(
                subject="model/llama-3.1-8b",
                benchmark="benchmark/mmlu",
                value=66.1,
                unit="%",
                value_text="66.1%",
                evidence=_span(s1, "66.1%"),
                confidence=0.9,
            ),
        ],
        hardware_use=[
            HardwareUse(
                hardware="hardware/h100",
                subject="model/llama-3.1-8b",
                purpose="training",
                evidence=_span(s1b, "H100"),
                confidence=0.9,
            )
        ],
    )
    out.append((p1, e1))

    s2 = "Qwen2.5 7B scores 72.0% pass@1 on HumanEval and 85.1% on GSM8K."
    s2b = "Inference runs on one H200 and training used A100 GPUs."
    p2 = paper(
        "2502.00002",
        "Qwen for code and math",
        "2025-02-20",
        ["cs.LG"],
        ["Carol White", "Alice Smith"],
        s2 + " " + s2b,
    )
    e2 = Extraction(
        paper_key=p2.key,
        extractor_version="test",
        mentions=[
            Mention(
                text="Qwen2.5 7B",
                entity_id="model/qwen2.5-7b",
                span=_span(s2, "Qwen2.5 7B"),
                source="vocab",
                confidence=1,
            ),
            Mention(
                text="HumanEval",
                entity_id="benchmark/humaneval",
                span=_span(s2, "HumanEval"),
                source="vocab",
                confidence=1,
            ),
            Mention(
                text="GSM8K",
                entity_id="benchmark/gsm8k",
                span=_span(s2, "GSM8K"),
                source="vocab",
                confidence=1,
            ),
            Mention(
                text="H200",
                entity_id="hardware/h200",
                span=_span(s2b, "H200"),
                source="vocab",
                confidence=1,
            ),
            Mention(
                text="A100",
                entity_id="hardware/a100",
                span=_span(s2b, "A100"),
                source="vocab",
                confidence=1,
            ),
        ],
        evaluations=[
            Evaluation(
                subject="model/qwen2.5-7b",
                benchmark="benchmark/humaneval",
                metric="metric/pass-at-1",
                value=72.0,
                unit="%",
                evidence=_span(s2, "72.0%"),
                confidence=0.9,
            ),
            Evaluation(
                subject="model/qwen2.5-7b",
                benchmark="benchmark/gsm8k",
                metric="metric/accuracy",
                value=85.1,
                unit="%",
                evidence=_span(s2, "85.1%"),
                confidence=0.9,
            ),
        ],
        hardware_use=[
            HardwareUse(
                hardware="hardware/h200",
                subject="model/qwen2.5-7b",
                purpose="inference",
                evidence=_span(s2b, "H200"),
                confidence=0.9,
            ),
            HardwareUse(
                hardware="hardware/a100",
                purpose="training",
                evidence=_span(s2b, "A100"),
                confidence=0.9,
            ),
        ],
    )
    out.append((p2, e2))

    s3 = "We introduce MathBench-X, a benchmark of olympiad problems."
    s3b = (
        "GPT-4o reaches 91.2% accuracy on MathBench-X while Llama 3.1 8B reaches 40.0%, "
        "using TPU v5e."
    )
    p3 = paper(
        "2503.00003",
        "MathBench-X: a harder math benchmark",
        "2025-03-05",
        ["cs.CL", "cs.AI"],
        ["Dan Brown"],
        s3 + " " + s3b,
    )
    e3 = Extraction(
        paper_key=p3.key,
        extractor_version="test",
        mentions=[
            Mention(
                text="MathBench-X",
                entity_id="benchmark/mathbench-x",
                span=_span(s3, "MathBench-X"),
                source="definition",
                confidence=0.9,
            ),
            Mention(
                text="GPT-4o",
                entity_id="model/gpt-4o",
                span=_span(s3b, "GPT-4o"),
                source="vocab",
                confidence=1,
            ),
            Mention(
                text="Llama 3.1 8B",
                entity_id="model/llama-3.1-8b",
                span=_span(s3b, "Llama 3.1 8B"),
                source="vocab",
                confidence=1,
            ),
            Mention(
                text="TPU v5e",
                entity_id="hardware/tpu-v5e",
                span=_span(s3b, "TPU v5e"),
                source="vocab",
                confidence=1,
            ),
        ],
        proposes=[
            Proposal(
                entity="benchmark/mathbench-x", evidence=_span(s3, "MathBench-X"), confidence=0.9
            )
        ],
        evaluations=[
            Evaluation(
                subject="model/gpt-4o",
                benchmark="benchmark/mathbench-x",
                metric="metric/accuracy",
                value=91.2,
                unit="%",
                evidence=_span(s3b, "91.2%"),
                confidence=0.9,
            ),
            Evaluation(
                subject="model/llama-3.1-8b",
                benchmark="benchmark/mathbench-x",
                metric="metric/accuracy",
                value=40.0,
                unit="%",
                evidence=_span(s3b, "40.0%"),
                confidence=0.9,
            ),
        ],
        hardware_use=[
            HardwareUse(
                hardware="hardware/tpu-v5e",
                purpose="evaluation",
                evidence=_span(s3b, "TPU v5e"),
                confidence=0.8,
            )
        ],
    )
    out.append((p3, e3))

    s4 = "LoRA adapters reach 60.0 on MMLU when trained on H200 GPUs."
    p4 = paper("t-x", "Low-rank adapters at scale", "2024-12-01", ["cs.LG"], ["Bob Jones"], s4)
    e4 = Extraction(
        paper_key=p4.key,
        extractor_version="test",
        mentions=[
            Mention(
                text="LoRA",
                entity_id="method/lora",
                span=_span(s4, "LoRA"),
                source="vocab",
                confidence=1,
            ),
            Mention(
                text="MMLU",
                entity_id="benchmark/mmlu",
                span=_span(s4, "MMLU"),
                source="vocab",
                confidence=1,
            ),
            Mention(
                text="H200",
                entity_id="hardware/h200",
                span=_span(s4, "H200"),
                source="vocab",
                confidence=1,
            ),
        ],
        evaluations=[
            Evaluation(
                subject="method/lora",
                benchmark="benchmark/mmlu",
                value=60.0,
                unit="absolute",
                evidence=_span(s4, "60.0"),
                confidence=0.7,
            )
        ],
        hardware_use=[
            HardwareUse(
                hardware="hardware/h200",
                subject="method/lora",
                purpose="training",
                evidence=_span(s4, "H200"),
                confidence=0.9,
            )
        ],
    )
    out.append((p4, e4))
    return out


def build_mini_store(path: Path) -> Path:
    from kg import to_rdf
    from kg.extract.vocab import Concept, Vocabulary
    from kg.store import KGStore

    # the extractor writes each evaluation's index keys from its vocabulary: do the same
    # with the mini vocabulary (broader* pairs), so variant queries find these results
    vocab = Vocabulary(
        Concept(id=x.id, type=x.type, label=x.label, broader=list(x.broader)) for x in MINI_ENTITIES
    )
    store = KGStore(path)
    quads = list(to_rdf.ontology_quads()) + to_rdf.entity_quads(MINI_ENTITIES)
    for p, e in mini_papers():
        for ev in e.evaluations:
            ev.index_keys = vocab.index_keys(ev.subject, ev.benchmark)
        quads += to_rdf.paper_quads(p, e)
    store.add_quads(quads)
    store.flush()
    del store
    return path


@pytest.fixture(scope="session")
def mini_store_path(tmp_path_factory) -> Path:
    return build_mini_store(tmp_path_factory.mktemp("mini") / "store")


@pytest.fixture(scope="session")
def mini_app(mini_store_path):
    from kg.server import Settings, create_app

    app = create_app(mini_store_path, Settings(timeout=TIMEOUT_S, max_rows=500, workers=2))
    yield app
    app.state.pool.close()


@pytest.fixture(scope="session")
def mini_client(mini_app):
    from fastapi.testclient import TestClient

    with TestClient(mini_app) as c:
        yield c


@pytest.fixture(scope="session")
def seed_app(seed_store_path):
    from kg.server import Settings, create_app

    app = create_app(seed_store_path, Settings(timeout=TIMEOUT_S, workers=1))
    yield app
    app.state.pool.close()


@pytest.fixture(scope="session")
def seed_client(seed_app):
    from fastapi.testclient import TestClient

    with TestClient(seed_app) as c:
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    def __init__(self, app) -> None:
        import uvicorn

        self.app = app
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(
            uvicorn.Config(
                app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on"
            )
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> LiveServer:
        self.thread.start()
        deadline = time.time() + 30
        while not self.server.started:
            if time.time() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="session")
def live_server(mini_store_path):
    from kg.server import Settings, create_app

    app = create_app(mini_store_path, Settings(timeout=TIMEOUT_S, max_rows=500, workers=2))
    srv = LiveServer(app).start()
    yield srv
    srv.stop()
    app.state.pool.close()
