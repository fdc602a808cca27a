"""Extraction does not depend on Python's string hashing (PYTHONHASHSEED).

A set of names iterated in hash order once decided a name's type: on a real abstract, the
variants "EQA-RT-Train/Seen" of a proposed dataset "EQA-RT" were Benchmarks under some
seeds and Methods under others, because "EQA" (also read as proposed) could claim them
first. Each seed runs in its own interpreter: the variants pass alone on both bases, and
a whole made-up abstract on the project's vocabularies.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ABSTRACT = (
    "Zonal Room Querying (ZRQ) requires agents to explore rooms and answer questions. "
    "Existing agents answer without planning. We introduce QuillAgent, an agent that "
    "plans with tools. We collect the ZRQ-RB dataset of about 9K tasks, divided "
    "into a training set ZRQ-RB-Train and two test sets ZRQ-RB-Seen and ZRQ-RB-Unseen. "
    "Experiments on ZRQ-RB-Seen and ZRQ-RB-Unseen show that QuillAgent improves the "
    "success rate by 9.2% over strong baselines."
)

_CHILD = """
import json, sys
from kg.extract import Extractor
from kg.models import Paper
e = Extractor().extract(Paper(title="Planning agents with tools", abstract=sys.argv[1]))
print(json.dumps(e.model_dump(mode="json"), sort_keys=True))
"""

# the variants pass alone, on a state holding both possible bases of "XQA-RT-Train"
_VARIANTS = """
import json
from types import SimpleNamespace
from kg.extract.proposal_tidy import variant_names
from kg.extract.state import DocState
text = "We propose XQA, a planner. We collect XQA-RT, a dataset: its training set XQA-RT-Train."
st = DocState(text, 0)
for name, ty in (("XQA", "Method"), ("XQA-RT", "Benchmark")):
    i = text.index(name + ",")
    st.proposals.append((i, i + len(name), ty, "proposal", i))
variant_names(SimpleNamespace(vocab=SimpleNamespace(lookup=lambda n: None)), st, text)
print(json.dumps([(text[a:b], t) for a, b, t, *_ in st.proposals]))
"""


def _run(code: str, seed: int, *args: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(ROOT)}
    r = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return r.stdout.splitlines()[-1]


def test_a_variant_takes_the_type_of_its_longest_proposed_base_under_every_seed():
    for seed in range(8):
        got = dict(map(tuple, json.loads(_run(_VARIANTS, seed))))
        assert got["XQA-RT-Train"] == "Benchmark", (seed, got)


def test_the_same_facts_under_every_hash_seed():
    runs = [json.loads(_run(_CHILD, seed, ABSTRACT)) for seed in (0, 1, 2, 3)]
    assert all(r == runs[0] for r in runs[1:])
    types = {e["label"]: e["type"] for e in runs[0]["entities"].values()}
    assert types.get("ZRQ-RB-Train") == "Benchmark", types
