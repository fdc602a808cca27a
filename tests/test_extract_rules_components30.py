"""Round 21 (proposes recall): lower-case components listed after the paper's part verb
("X comprises (i) a ..., and (ii) a ...") or called novel anywhere
(kg.extract.listed_components). Made-up sentences about made-up tiling systems; each
positive test fails without the rule."""

from __future__ import annotations

from tests.extract_helpers import labels, proposed, run


def test_the_later_items_of_a_part_list_are_proposed(ex):
    p = proposed(
        ex,
        "Floor tiling is costly. We propose TileMorph, a framework for tiling. TileMorph "
        "comprises (i) a grout-aware spacing module that aligns tiles, and (ii) a "
        "corner-sensitive seam loss that smooths joints. TileMorph lays floors fast.",
    )
    assert "grout-aware spacing module" in p
    assert "corner-sensitive seam loss" in p


def test_a_second_component_after_we_design_is_proposed(ex):
    p = proposed(
        ex,
        "Floor tiling is costly. We design a grout-aware spacing module for the layout "
        "and a corner-sensitive seam loss for the joints. Tiling becomes faster.",
    )
    assert "corner-sensitive seam loss" in p


def test_a_component_called_novel_is_proposed_anywhere(ex):
    p = proposed(
        ex,
        "Floor tiling is costly. We lay the tiles with a novel slope-adaptive grout "
        "mechanism that fills gaps. Tiling becomes faster.",
    )
    assert "slope-adaptive grout mechanism" in p


def test_an_appositive_of_a_name_is_no_component(ex):
    p = proposed(
        ex,
        "Floor tiling is costly. We propose TileMorph, a grout-aware spacing module for "
        "tiling. TileMorph lays floors fast.",
    )
    assert "grout-aware spacing module" not in p


def test_a_component_named_after_is_left_to_the_name(ex):
    p = proposed(
        ex,
        "Floor tiling is costly. We lay the tiles with a novel slope-adaptive grout "
        "mechanism named Grouter. Tiling becomes faster.",
    )
    assert "slope-adaptive grout mechanism" not in p


def test_a_component_without_a_listing_verb_or_novelty_is_not_proposed(ex):
    p = proposed(
        ex,
        "Floor tiling is costly. Prior layouts use a grout-aware spacing module that "
        "aligns tiles. Tiling becomes faster.",
    )
    assert "grout-aware spacing module" not in p


def test_a_listed_part_is_not_the_main_method(ex):
    e = run(
        ex,
        "Floor tiling is costly. We propose TileMorph, a framework for tiling. TileMorph "
        "comprises (i) a grout-aware spacing module that aligns tiles, and (ii) a "
        "corner-sensitive seam loss that smooths joints. TileMorph achieves 91.2% "
        "accuracy on FloorBench.",
    )
    lab = {eid: ent.label for eid, ent in e.entities.items()}
    subjects = {lab[v.subject] for v in e.evaluations}
    assert "corner-sensitive seam loss" not in subjects
    assert "grout-aware spacing module" not in subjects


def test_a_metric_component_after_we_propose_is_proposed(ex):
    p = proposed(
        ex,
        "Floor tiling is hard to judge. We propose a seam-aware flatness metric that "
        "scores tiled floors. Layouts become comparable.",
    )
    assert "seam-aware flatness metric" in p


def test_a_metric_with_its_name_after_namely_is_left_to_the_name(ex):
    p = proposed(
        ex,
        "Floor tiling is hard to judge. We propose a seam-aware flatness metric, namely "
        "Flatto, that scores tiled floors. Layouts become comparable.",
    )
    assert "seam-aware flatness metric" not in p


def test_a_proposed_metric_component_is_a_metric(ex):
    t = labels(
        ex,
        "Floor tiling is hard to judge. We propose a seam-aware flatness metric that "
        "scores tiled floors. Layouts become comparable.",
    )
    assert t.get("seam-aware flatness metric") == "Metric"


def test_a_generic_attention_kind_coins_no_component(ex):
    p = proposed(
        ex,
        "Floor tiling is costly. TileMorph integrates a grout encoder and a shared "
        "self-attention mechanism. TileMorph lays floors fast.",
        title="TileMorph: fast tiling",
    )
    assert not any("self-attention" in n for n in p)
