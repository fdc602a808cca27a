"""Round 14: proposes recall on unseen phrasings (found on a draw of corpus abstracts, not
on any evaluation set). One test per rule on made-up sentences about a made-up tiling
planner, each failing when its rule is removed (fixture vocabulary as in
test_extract_rules)."""

from __future__ import annotations

from kg.models import Paper


def proposed(ex, abstract: str, title: str = "A study of things") -> set[str]:
    """Labels and aliases of the proposed entities."""
    e = ex.extract(Paper(title=title, abstract=abstract))
    ents = [e.entities[p.entity] for p in e.proposes]
    return {n for x in ents for n in (x.label, *x.aliases)}


def test_defined_parts_listed_after_a_proposal(ex):
    p = proposed(
        ex,
        "We propose Tilemaker, a planner comprising three core components: Grout Line "
        "Estimator (GLE), Corner Snap Refiner (CSR), and Edge Gap Scorer (EGS).",
    )
    assert {"Tilemaker", "Grout Line Estimator", "Corner Snap Refiner", "Edge Gap Scorer"} <= p


def test_a_second_defined_technique_joined_by_and(ex):
    p = proposed(
        ex,
        "To pack tiles, we introduce two techniques: Corner Snap Reward (CSR) to reduce gaps "
        "and Grout Line Filtering (GLF) to keep lines straight.",
    )
    assert {"Corner Snap Reward", "Grout Line Filtering"} <= p


def test_a_defined_name_in_apposition_is_no_list_item(ex):
    p = proposed(
        ex,
        "We present Tilemaker, a compact planner tuned for the national craft exam, the "
        "Grand Tiling Examination (GTE).",
    )
    assert "Tilemaker" in p
    assert "Grand Tiling Examination" not in p


def test_a_listed_name_the_proposal_builds_on_is_not_proposed(ex):
    p = proposed(
        ex,
        "We propose Tilemaker, a planner with two components, built upon Grout Line "
        "Estimator (GLE) and Corner Snap Refiner (CSR).",
    )
    assert "Tilemaker" in p
    assert not {"Grout Line Estimator", "Corner Snap Refiner"} & p


def test_a_proposed_acronym_whose_long_form_ends_in_a_thing_word(ex):
    p = proposed(
        ex,
        "We propose TILR (Tile Interlocking Layout Representations), a novel tiling "
        "framework for uneven floors. TILR halves the waste.",
    )
    assert "TILR" in p or "Tile Interlocking Layout Representations" in p


def test_a_proposal_verb_coordinated_with_an_earlier_one(ex):
    p = proposed(
        ex,
        "We study how floor plans vary across kitchens, and introduce Tilemaker, a planner "
        "that places tiles.",
    )
    assert "Tilemaker" in p


def test_a_naming_cue_before_this_and_a_head_noun(ex):
    p = proposed(
        ex,
        "We measure how even the grout is. We call this metric GROUT (Grout Regularity Over "
        "Uneven Tiles).",
    )
    assert "GROUT" in p or "Grout Regularity Over Uneven Tiles" in p
    assert not any(n.startswith("this") for n in p)


def test_a_passive_definition_with_any_ly_adverb(ex):
    p = proposed(
        ex,
        "Floors are hard to tile. A Corner Snap Benchmark (CSB) is meticulously constructed "
        "to compare planners.",
    )
    assert "Corner Snap Benchmark" in p


def test_a_new_dataset_named_by_a_definite_defined_name(ex):
    p = proposed(
        ex,
        "We also created a new dataset, the Kitchen Floor Layouts (KFL), with 900 scans.",
    )
    assert "Kitchen Floor Layouts" in p


def test_a_capitalised_object_after_lower_case_modifiers(ex):
    p = proposed(
        ex,
        "Furthermore, we introduce a learnable Grout Alignment Module that snaps tiles to "
        "the wall.",
    )
    assert "Grout Alignment Module" in p
