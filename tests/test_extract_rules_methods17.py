"""Round 17, Method and Model names: learning paradigms as generic as 'reinforcement
learning', the acronym of a generic definition the vocabulary knows, a known name typed
by the list it stands in, and acronym long forms spelled word by word. Made-up names
(vocabulary names only where a rule needs a known concept); each test fails without its
change, the guards check what a change must leave."""

from __future__ import annotations

import json
import shutil

import pytest

from kg.extract.acronyms import find_definitions
from kg.models import Paper
from tests.conftest import EXTRACT_VOCAB
from tests.extract_helpers import labels

_EXTRA = [
    {
        "id": "method/continual-learning",
        "type": "Method",
        "prefLabel": "continual learning",
        "altLabels": ["class-incremental learning", "CIL", "continual-learning"],
        "source": "curated",
    },
    {
        "id": "method/contrastive-learning",
        "type": "Method",
        "prefLabel": "contrastive learning",
        "altLabels": [],
        "source": "curated",
    },
    {
        "id": "method/zorb-masked-coder",
        "type": "Method",
        "prefLabel": "zorb masked coder",
        "altLabels": ["ZMC"],
        "source": "curated",
    },
    {
        "id": "model/quillformer",
        "type": "Model",
        "prefLabel": "QuillFormer",
        "altLabels": [],
        "source": "curated",
    },
    {
        "id": "model/zorbresnet",
        "type": "Model",
        "prefLabel": "ZorbResNet",
        "altLabels": [],
        "source": "curated",
    },
]


@pytest.fixture(scope="module")
def ex17(tmp_path_factory):
    """The fixture vocabulary plus two paradigms, a method and two models."""
    d = tmp_path_factory.mktemp("vocab")
    for f in EXTRACT_VOCAB.iterdir():
        shutil.copy(f, d / f.name)
    for concept in _EXTRA:
        name = "models.jsonl" if concept["type"] == "Model" else "methods.jsonl"
        with (d / name).open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(concept) + "\n")
    from kg.extract import Extractor

    return Extractor(vocab_dir=d)


def _labels(ex, abstract: str) -> dict[str, str]:
    e = ex.extract(Paper(title="Zorbing quills", abstract=abstract, arxiv_id="2401.00001"))
    return {ent.label: ent.type for ent in e.entities.values()}


def test_learning_paradigms_are_generic(ex17):
    got = _labels(
        ex17,
        "Existing approaches use contrastive learning, and continual learning remains "
        "hard; we add a Zorb-in-Path step to the encoder.",
    )
    assert "contrastive learning" not in got and "continual learning" not in got
    assert got.get("Zorb-in-Path") == "Method"  # (guard: a named method stays)


def test_a_known_generic_definition_takes_its_acronym_along(ex17):
    got = _labels(
        ex17,
        "Class-incremental learning (CIL) adds classes over time. CIL forgets old ones, "
        "so we add a Zorb-in-Path step.",
    )
    assert "continual learning" not in got and "CIL" not in got


def test_a_known_method_listed_among_models_is_a_model(ex17):
    got = _labels(
        ex17,
        "We evaluate three vision models (ZorbResNet, QuillFormer, and ZMC) on quill slides.",
    )
    assert got.get("ZorbResNet") == "Model" and got.get("QuillFormer") == "Model"
    assert got.get("ZMC") == "Model"


def test_a_known_method_listed_with_one_model_keeps_its_type(ex17):
    # guard: one other item of the other type is no majority
    got = _labels(ex17, "We compare ZorbResNet and ZMC on quill slides.")
    assert got.get("ZMC") == "Method" or got.get("zorb masked coder") == "Method"


def test_a_long_form_spelled_word_by_word_beats_the_shortest_suffix():
    text = "we develop the Adversarial Adaptation Framework (AAF) as the countermeasure"
    assert [(d.short, d.long) for d in find_definitions(text)] == [
        ("AAF", "Adversarial Adaptation Framework")
    ]


def test_the_shortest_suffix_stays_where_no_longer_one_is_spelled():
    # guard: "Test-Time Training" spells TTT by its hyphen parts; "Dual-State" is no part
    text = "it features a Dual-State Test-Time Training (TTT) memory for long videos"
    assert [(d.short, d.long) for d in find_definitions(text)] == [("TTT", "Test-Time Training")]


def test_the_long_form_found_through_the_extractor(ex):
    got = labels(ex, "We develop the Adversarial Adaptation Framework (AAF) for quill slides.")
    assert "Adversarial Adaptation Framework" in got and "Adaptation Framework" not in got
