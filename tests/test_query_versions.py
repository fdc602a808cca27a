"""Extraction and the query layer agree on versions the vocabulary keeps as aliases of a
family ("EAGLE-3" of EAGLE, "DenseNet121" of DenseNet): a paper that writes one gets an
entity of its own below the family, and asking for that name finds that entity, while
asking for the family finds every version's papers."""

from __future__ import annotations

import json

import pytest

from kg.ingest import ingest_paths
from kg.query import open_kg
from kg.query.evaluations import find_evaluations
from kg.store import KGStore

W = "We evaluate "
PAPERS = [  # (arXiv id, title, abstract)
    ("2701.00001", "Paper 1", W + "EAGLE-3 on MT-Bench, reaching a 3.1x speed-up over decoding."),
    ("2701.00002", "Paper 2", W + "EAGLE on MT-Bench, reaching a 2.5x speed-up over decoding."),
    ("2701.00003", "Paper 3", W + "DenseNet-121 on ImageNet-C: a top-1 accuracy of 61.2%."),
    ("2701.00004", "Paper 4", W + "DenseNet-169 on ImageNet-C: a top-1 accuracy of 63.0%."),
    (
        "2701.00005",
        "MathTune: better math",
        "We propose MathTune, a fine-tuning recipe for reasoning. Applying MathTune to "
        "Llama-3-8B and Qwen2.5-7B improves GSM8K accuracy to 80.1% and 85.2%.",
    ),
]


@pytest.fixture(scope="module")
def kg(tmp_path_factory):
    d = tmp_path_factory.mktemp("versions")
    listing = d / "l.jsonl"
    listing.write_text(
        "".join(
            json.dumps({"id": pid, "title": title, "abstract": abstract}) + "\n"
            for pid, title, abstract in PAPERS
        )
    )
    ingest_paths(KGStore(d / "s"), [listing], workers=1)
    return open_kg(str(d / "s")).warm()


def _papers(kg, subject: str, target: str) -> set[str]:
    res = find_evaluations(kg, subject, target)
    return {p.id for p in res.papers}


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("EAGLE-3", "EAGLE-3"),
        ("EAGLE3", "EAGLE-3"),  # the vocabulary's alias spelling
        ("eagle 3", "EAGLE-3"),
        ("EAGLE", "EAGLE"),
        ("DenseNet121", "DenseNet-121"),  # an alias of the DenseNet family in the vocabulary
        ("densenet-121", "DenseNet-121"),
        ("DenseNet", "DenseNet"),
    ],
)
def test_a_version_resolves_to_its_own_entity(kg, name, label):
    assert kg.resolver.resolve(name, ("Model", "Method")).label == label


def test_a_version_absent_from_the_graph_stays_with_its_family(kg):
    # no paper writes DenseNet-201: the vocabulary's alias still names the family
    assert kg.resolver.resolve("DenseNet201", ("Model",)).label == "DenseNet"


def test_lookups_by_version_and_by_family(kg):
    assert _papers(kg, "EAGLE3", "MT-Bench") == {"2701.00001"}
    assert _papers(kg, "EAGLE", "MT-Bench") == {"2701.00001", "2701.00002"}
    assert _papers(kg, "DenseNet121", "ImageNet-C") == {"2701.00003"}
    assert _papers(kg, "DenseNet", "ImageNet-C") == {"2701.00003", "2701.00004"}


def test_base_model_facts_found_by_their_keys(kg):
    """The extractor writes each base model's evaluation keys, so the lookup needs no
    second query for base-model facts (`_base_keys`); the paper is found either way."""
    from kg.query.evaluations import _base_keys

    assert _base_keys(kg)
    res = find_evaluations(kg, "Qwen2.5", "GSM8K")
    mathtune = [e for p in res.papers for e in p.results if e.subject.label == "MathTune"]
    assert [b.label for b in mathtune[0].base_models] == ["Llama 3 8B", "Qwen2.5-7B"]
