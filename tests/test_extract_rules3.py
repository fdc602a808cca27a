"""Rule families of the third extraction round (tuned on eval/tuning_gold.jsonl, real corpus
papers): one test each on crafted sentences, failing when the rule is removed (fixture
vocabulary as in test_extract_rules)."""

from __future__ import annotations

from kg.models import Paper


def run(ex, abstract: str, title: str = "A study of things"):
    return ex.extract(Paper(title=title, abstract=abstract))


def typed(e) -> dict[str, str]:
    """Surface -> entity type, over the mentions."""
    return {m.text: e.entities[m.entity_id].type for m in e.mentions}


def proposed(e) -> set[str]:
    return {e.entities[p.entity].label for p in e.proposes}


def test_score_after_a_model_name_is_not_its_version(ex):
    e = run(ex, "In the second study GPT-4o matched 97.8% of the raters and Gemma 96.0% of them.")
    surfaces = set(typed(e))
    assert "GPT-4o" in surfaces and "Gemma" in surfaces
    assert not any(s.endswith(("97.8", "96.0")) for s in surfaces)


def test_two_one_word_names_joined_by_and_are_two_proposals(ex):
    e = run(
        ex, "We introduce two benchmarks, QuillBench and RookEval, to measure planning in agents."
    )
    assert {"QuillBench", "RookEval"} <= proposed(e)
    assert not any(" and " in n for n in proposed(e))
    e = run(ex, "This report presents FernNet and MossNet, our approaches for the robotics track.")
    assert {"FernNet", "MossNet"} <= proposed(e)
    e = run(
        ex,
        "Two network architectures that we developed before (termed K-Net and Rho-Net) are "
        "assessed.",
    )
    assert {"K-Net", "Rho-Net"} <= proposed(e)
    e = run(
        ex, "We construct two compact networks PineNet and OakNet for mobile robots."
    )  # object phrase
    assert {"PineNet", "OakNet"} <= proposed(e)


def test_a_quantity_is_never_a_name(ex):
    e = run(
        ex,
        "For training, we construct a multi-task corpus (2.5M unique prompts) of speech and music.",
    )
    assert "2.5M" not in typed(e) and "2.5M" not in proposed(e)


def test_extension_of_a_dataset_is_a_dataset(ex):
    e = run(
        ex,
        "We first introduce PolyXQ, a multilingual extension of the XQ dataset spanning five "
        "languages.",
    )
    assert typed(e).get("PolyXQ") == "Benchmark"


def test_parenthesised_appositive_types_the_name(ex):
    e = run(
        ex,
        "To train the model, we introduce the ScrollDoc (the largest document parsing dataset to "
        "date), "
        "with 3.9 million pages.",
    )
    assert typed(e).get("ScrollDoc") == "Benchmark"


def test_training_data_is_a_dataset_head(ex):
    e = run(
        ex,
        "We propose GlyphPuzzles, a large-scale synthetic visual reasoning training data for VLMs.",
    )
    assert typed(e).get("GlyphPuzzles") == "Benchmark"


def test_vendor_and_card_number_is_the_rtx_device(ex):
    e = run(ex, "The 3B model can be deployed for inference on a single NVIDIA 3090 GPU.")
    hw = [eid for eid, ent in e.entities.items() if ent.type == "Hardware"]
    assert hw == ["hardware/rtx-3090"]
    assert [h.hardware for h in e.hardware_use] == ["hardware/rtx-3090"]
