"""Round 16 (Metrics and Benchmarks): precision and boundaries of measure and dataset
names. One test per rule on made-up sentences, each failing when its rule is removed;
controls check the rule's limits."""

from __future__ import annotations

from kg.models import Paper


def run(ex, abstract: str, title: str = "A study of things"):
    return ex.extract(Paper(title=title, abstract=abstract))


def named(e, etype: str) -> set[str]:
    """The surfaces of the mentions of entities of one type."""
    return {m.text for m in e.mentions if e.entities[m.entity_id].type == etype}


def test_measure_before_baselines_is_no_metric(shipped):
    e = run(
        shipped,
        "Zorvex reaches an AUROC of 0.93, outperforming Token Entropy baselines while "
        "needing one forward pass.",
    )
    assert not any("Entropy" in s for s in named(e, "Metric"))
    assert "AUROC" in named(e, "Metric")


def test_measure_before_guarantees_is_no_metric(shipped):
    e = run(
        shipped,
        "We couple boosted trees with conformal prediction to yield calibrated, "
        "distribution-free coverage guarantees on 12 risk scores.",
    )
    assert not any("coverage" in s for s in named(e, "Metric"))


def test_spread_symbol_is_no_metric(shipped):
    e = run(shipped, "The mean helpfulness score was 4.10/5 (SD=1.27) across 300 raters.")
    assert "SD" not in named(e, "Metric")


def test_acronym_equal_to_a_value_is_still_a_metric(shipped):
    # control: the round-13 rule itself
    e = run(shipped, "Our tagger reaches PLQ=12.5% on the held-out split.")
    assert "PLQ" in named(e, "Metric")


def test_for_improved_measure_is_a_goal(shipped):
    e = run(
        shipped,
        "The decoder adds a local Gram branch for improved texture coherence. We also "
        "release 5,000 annotated images.",
    )
    assert not any("coherence" in s for s in named(e, "Metric"))


def test_comparative_after_for_still_compares(shipped):
    # control: "the potential for higher accuracy" compares two methods
    e = run(
        shipped,
        "Post-training quantization is often preferred over QAT, despite the latter's "
        "potential for higher accuracy.",
    )
    assert "accuracy" in named(e, "Metric")


def test_leading_preposition_is_no_part_of_a_listed_name(shipped):
    e = run(
        shipped,
        "We train the solver on synthetic problems. Across QLX, GSM8K, and SVAMP, "
        "Glyphora improves accuracy by up to 15.2 points.",
    )
    benches = named(e, "Benchmark")
    assert not any(s.startswith("Across") for s in benches)
    assert "QLX" in benches


def test_pwc_acronym_alone_does_not_type_a_definition(shipped):
    # FBMS is a Papers-with-Code dataset known only by its acronym
    e = run(
        shipped,
        "One terrain generator employs Fractal Brownian Motion (FBM) with Perlin noise "
        "to shape the planets.",
    )
    assert not any(x.type == "Benchmark" for x in e.entities.values())


def test_list_item_before_baseline_names_a_system(shipped):
    e = run(
        shipped,
        "Zorvex improves OCR F1 by up to +15.18 percentage points over qordif/GAN "
        "baseline (QLX x8) while keeping competitive MUSIQ.",
    )
    assert not any("GAN" in s for s in named(e, "Benchmark"))


def test_noun_chain_after_preposition_is_one_measure(shipped):
    e = run(
        shipped,
        "Online experiments show a 21.6% increase in storefront visit prediction accuracy "
        "for 250,000 users.",
    )
    metrics = named(e, "Metric")
    assert "storefront visit prediction accuracy" in metrics


def test_noun_chain_after_article_stays_short(shipped):
    # control: after "a", the word before the compound is often an adjective
    e = run(
        shipped,
        "The model reasons about video at a smaller parameter cost of 3.1M compared to "
        "previous work.",
    )
    assert not any(s.startswith("smaller") for s in named(e, "Metric"))


def test_listed_measure_outranks_family_variant(shipped):
    e = run(
        shipped,
        "Prior work was tuned to learned perceptual metrics (MANIQA, CLIP-IQA, MUSIQ) "
        "that miss character errors.",
    )
    assert "CLIP-IQA" in named(e, "Metric")
    assert "CLIP-IQA" not in named(e, "Model")


def test_language_word_starts_a_plain_dataset_name(shipped):
    e = run(
        shipped,
        "The models are fine-tuned on 54K questions sourced from the Korean National "
        "Pharmacist Licensing Examination. Experiments show 71.2% accuracy.",
    )
    assert "Korean National Pharmacist Licensing Examination" in named(e, "Benchmark")


def test_language_word_not_before_a_shaped_name(shipped):
    # control: "the Chinese ZQBench benchmark" names ZQBench
    e = run(
        shipped,
        "We evaluate on the Chinese ZQBench benchmark and reach 63.5% accuracy.",
    )
    benches = named(e, "Benchmark")
    assert not any(s.startswith("Chinese") for s in benches)
