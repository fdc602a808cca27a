"""Canonicalisation: spellings, acronyms, families and ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import all_vocab_entities
from kg.extract.normalise import entity_id, match_key, slug
from kg.models import Paper

VOCAB = Path(__file__).parent / "fixtures" / "extract" / "vocab"


def ids_of(ex, text, title="A paper"):
    e = ex.extract(Paper(title=title, abstract=text))
    return e, {m.text: m.entity_id for m in e.mentions}


@pytest.mark.parametrize(
    "a,b",
    [
        ("LLaMA-2", "Llama 2"),
        ("Llama-2", "Llama2"),
        ("Qwen2.5", "Qwen 2.5"),
        ("Llama 3.1 8B", "Llama-3.1-8B"),
        ("GSM8K", "GSM-8K"),
    ],
)
def test_slug_collapses_spellings(a, b):
    assert slug(a) == slug(b)


def test_ids_follow_the_vocabulary_format():
    assert entity_id("Model", "Llama 3.1 8B") == "model/llama-3.1-8b"
    assert entity_id("Method", "sparse autoencoders") == "method/sparse-autoencoder"
    assert entity_id("Metric", "pass@1") == "metric/pass-at-1"
    import re

    for name in ["TVD++", "A* search", "Success@{\\alpha}", "Code Llama - Python", "Ünïcode Net"]:
        assert re.fullmatch(r"[a-z]+/[a-z0-9.\-]+", entity_id("Method", name)), name


def test_llama2_spellings_are_one_node(ex):
    e, ids = ids_of(ex, "We compare LLaMA-2, Llama 2 and Llama2 with Llama-2 on the task.")
    assert {ids[k] for k in ("LLaMA-2", "Llama 2", "Llama2", "Llama-2")} == {"model/llama-2"}


def test_discovered_spellings_are_one_node(ex):
    # names no vocabulary knows collapse by their normalised form too
    e, ids = ids_of(ex, "We test Zorp-3-7B and Zorp 3 7B against ZORP-3-7B.")
    assert len({ids[k] for k in ("Zorp-3-7B", "Zorp 3 7B", "ZORP-3-7B")}) == 1


def test_alias_links_to_concept_and_keeps_pref_label(ex):
    e, ids = ids_of(ex, "We fine-tune with LoRA and low-rank adaptation.")
    assert ids["LoRA"] == ids["low-rank adaptation"] == "method/lora"
    assert e.entities["method/lora"].label == "low-rank adaptation"
    assert e.entities["method/lora"].in_vocabulary


def test_plural_links_to_singular_concept(ex):
    e, ids = ids_of(ex, "Sparse autoencoders (SAEs) decompose activations; SAEs are cheap.")
    assert ids["Sparse autoencoders"] == ids["SAEs"] == "method/sparse-autoencoder"


def test_acronym_defined_in_text_links_to_long_form(ex):
    e, ids = ids_of(ex, "We use Peak Suppression Orthogonal Transformation (PSOT). PSOT is fast.")
    assert ids["PSOT"] == ids["Peak Suppression Orthogonal Transformation"]
    assert ids["PSOT"] == "method/peak-suppression-orthogonal-transformation"


def test_local_definition_wins_over_vocabulary_acronym(ex):
    # CoT is chain-of-thought in the vocabulary, but this paper defines it otherwise
    e, ids = ids_of(
        ex, "We propose Compression of Thought (CoT), a decoding scheme. CoT halves latency."
    )
    assert ids["CoT"] == ids["Compression of Thought"] != "method/chain-of-thought"


def test_family_variant_broader_chain(ex):
    e, ids = ids_of(ex, "Results for Llama 3.2 1B and Llama 3.2 3B.")
    for name in ("Llama 3.2 1B", "Llama 3.2 3B"):
        assert e.entities[ids[name]].broader == ["model/llama-3.2"]


def test_known_variant_keeps_vocabulary_id(ex):
    e, ids = ids_of(ex, "We use LLaMA 3.1 8B.")
    assert ids["LLaMA 3.1 8B"] == "model/llama-3.1-8b"


def test_hardware_vendor_prefix_links_to_device(ex):
    e, ids = ids_of(ex, "Training took 3 days on NVIDIA H100 GPUs.")
    assert ids["NVIDIA H100"] == "hardware/h100"


def test_generic_terms_are_dropped(ex):
    e, ids = ids_of(ex, "Transformers and large language models (LLMs) use attention.")
    assert not ids


def test_match_key_folds_case_space_hyphen_plural():
    assert match_key("Sparse Autoencoders") == match_key("sparse auto-encoder".replace("-", ""))
    assert match_key("macro-F1") == match_key("macro F1") == match_key("MacroF1")


def test_all_vocab_entities():
    ents = all_vocab_entities(VOCAB)
    by_id = {e.id: e for e in ents}
    assert by_id["model/llama-2"].broader == ["model/llama"]
    assert by_id["hardware/arch-hopper"].in_vocabulary
    assert len(ents) == len(by_id)
