"""Round 20 (vocabulary hits the gold does not count): vocabulary labels that name what a
technique produces rather than the technique, and a known technique written only inside
the paper's own longer name. One test per rule on made-up sentences, each failing when
its rule is removed; guards check the rule's limits."""

from __future__ import annotations

from tests.extract_helpers import run


def ids(e) -> set[str]:
    return set(e.entities)


def test_produced_labels_are_no_mention_of_the_technique(shipped):
    e = run(
        shipped,
        "A teacher network generates noisy pseudo-labels for the unlabeled frames, and "
        "Zorbex filters the pseudo labels by confidence before training the student.",
    )
    assert "method/pseudo-labeling" not in ids(e)


def test_produced_labels_count_where_the_technique_is_named(shipped):
    e = run(
        shipped,
        "We adopt pseudo-labeling for the unlabeled frames: Zorbex filters the pseudo-labels "
        "by confidence before training the student.",
    )
    assert "method/pseudo-labeling" in ids(e)
    assert any(m.text == "pseudo-labels" for m in e.mentions)


def test_attention_sinks_name_a_phenomenon_not_a_system(shipped):
    e = run(
        shipped,
        "Zorbex keeps the first four tokens as attention sinks while it evicts the rest "
        "of the cache.",
    )
    assert "method/streamingllm" not in ids(e)


VARIANT_TITLE = "Zorbex: Cross-Lingual Chain-of-Thought Reasoning for Low-Resource Questions"


def test_method_written_only_as_the_titles_hyphenated_variant_is_no_mention(shipped):
    e = run(
        shipped,
        "Cross-lingual chain-of-thought (XCoT) lets a model reason in several languages. "
        "Zorbex prunes the languages of each query.",
        title=VARIANT_TITLE,
    )
    assert "method/chain-of-thought" not in ids(e)


def test_the_bare_method_elsewhere_keeps_it(shipped):
    e = run(
        shipped,
        "Cross-lingual chain-of-thought (XCoT) extends chain-of-thought prompting to several "
        "languages. Zorbex prunes the languages of each query.",
        title=VARIANT_TITLE,
    )
    assert "method/chain-of-thought" in ids(e)


def test_a_modifier_of_use_keeps_the_method(shipped):
    e = run(
        shipped,
        "We study LLM-based data augmentation for Zorbish speech and apply LLM-based data "
        "augmentation to 3,000 utterances.",
        title="LLM-Based Data Augmentation for Zorbish Speech",
    )
    assert "method/data-augmentation" in ids(e)


def test_a_shared_short_form_reported_with_a_number_is_the_measure(shipped):
    e = run(
        shipped,
        "Zorbex predicts crop yield with an RMSE of 0.25 and an MAE of 0.16 on held-out farms.",
    )
    assert "method/masked-autoencoder" not in ids(e)
    assert "metric/mean-absolute-error" in ids(e)


def test_a_shared_short_form_stays_the_method_where_the_paper_names_it(shipped):
    e = run(
        shipped,
        "We pretrain a masked autoencoder (MAE) on farm images; the MAE encoder then reaches "
        "an accuracy of 80%.",
    )
    assert "method/masked-autoencoder" in ids(e)
