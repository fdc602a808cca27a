"""Round 16, Method and Model names: definitions of things that are no method, versions
and sizes written as the guidelines keep them, examples after a known method and coined
hyphen compounds. Made-up names (vocabulary names only where a rule needs a known
concept); each test fails without its rule, the guards check what a rule must leave."""

from __future__ import annotations

import json
import shutil

import pytest

from kg.models import Paper
from tests.conftest import EXTRACT_VOCAB
from tests.extract_helpers import labels


def test_a_rating_scale_definition_is_no_method(ex):
    got = labels(ex, "We score patients on the Zorbian Quill Rating Scale (ZQRS) with a model.")
    assert "Zorbian Quill Rating Scale" not in got and "ZQRS" not in got


def test_an_ontology_and_an_office_are_no_methods(ex):
    got = labels(
        ex,
        "Terms are mapped to the Quillian Zorb Ontology (QZO) and filings to the "
        "Zorbian Quill Office (ZQO) by our tagger.",
    )
    assert not {"Quillian Zorb Ontology", "QZO", "Zorbian Quill Office", "ZQO"} & set(got)


def test_an_imaging_technique_by_its_suffix_is_no_method(ex):
    got = labels(ex, "Signals come from Zorbic Quillography (ZQG) recorded at rest by a net.")
    assert "Zorbic Quillography" not in got and "ZQG" not in got


def test_a_name_joined_by_with_is_a_method_whatever_ends_it(ex):
    got = labels(ex, "We propose Zorb with Reduced Interference (ZoRI) for adapters.")
    assert got.get("Zorb with Reduced Interference") == "Method"


def test_a_versioned_model_and_a_variant_word_defined_by_acronym_is_a_model(ex):
    got = labels(ex, "It beats the ZorbNetv5 nano (ZorbNetv5n) baseline on our slides.")
    assert got.get("ZorbNetv5 nano") == "Model"


def test_sizes_coordinated_after_a_model_are_models(ex):
    got = labels(ex, "We fine-tune Qwen2.5 14B and 32B models on the quill slides.")
    assert got.get("Qwen2.5 14B") == "Model"
    assert any(k.replace("-", " ") == "Qwen2.5 32B" for k, v in got.items() if v == "Model")


def test_sizes_in_parentheses_after_a_model_family_are_models(ex):
    got = labels(ex, "Two Qwen2.5 models (14B and 32B) were assessed on quill slides.")
    found = {k.replace("-", " ") for k, v in got.items() if v == "Model"}
    assert {"Qwen2.5 14B", "Qwen2.5 32B"} <= found


@pytest.fixture(scope="module")
def ex_versions(tmp_path_factory):
    """The fixture vocabulary plus a method whose version is one of its aliases."""
    d = tmp_path_factory.mktemp("vocab")
    for f in EXTRACT_VOCAB.iterdir():
        shutil.copy(f, d / f.name)
    concept = {
        "id": "method/zorbformer",
        "type": "Method",
        "prefLabel": "Zorbformer",
        "altLabels": ["Zorbformer-3"],
        "source": "curated",
    }
    with (d / "methods.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(concept) + "\n")
    from kg.extract import Extractor

    return Extractor(vocab_dir=d)


def test_a_vocabulary_alias_with_a_version_keeps_the_version(ex_versions):
    e = ex_versions.extract(
        Paper(title="Zorbing", abstract="It is 2x faster than Zorbformer-3 on slides.")
    )
    ents = {ent.label: ent for ent in e.entities.values()}
    assert "Zorbformer-3" in ents and ents["Zorbformer-3"].type == "Method"
    assert "method/zorbformer" in ents["Zorbformer-3"].broader


def test_examples_after_a_known_method_are_methods(ex):
    got = labels(
        ex,
        "Recent low-rank adaptation such as ZRKD, QLDT, FLRX, offers richer "
        "supervision than hard labels.",
    )
    assert {got.get("ZRKD"), got.get("QLDT"), got.get("FLRX")} == {"Method"}


def test_a_title_case_prefix_before_a_camel_case_name_is_coined(ex):
    got = labels(ex, "In this study we use the Trans-ZorbQ framework to rewrite inputs.")
    assert got.get("Trans-ZorbQ") == "Method"


def test_a_title_case_word_after_a_camel_case_name_is_no_name(ex):
    got = labels(ex, "We fuse ZorbQ-Camera inputs with slides in our pipeline.")
    assert "ZorbQ-Camera" not in got
