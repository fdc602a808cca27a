"""Round 13: proposes recall. One test per rule on made-up sentences about a made-up
tiling planner, each failing when its rule is removed (fixture vocabulary as in
test_extract_rules)."""

from __future__ import annotations

from kg.models import Paper


def proposed(ex, abstract: str, title: str = "A study of things") -> set[str]:
    """Labels and aliases of the proposed entities."""
    e = ex.extract(Paper(title=title, abstract=abstract))
    ents = [e.entities[p.entity] for p in e.proposes]
    return {n for x in ents for n in (x.label, *x.aliases)}


def test_a_bare_defined_phrase_after_a_weak_verb(ex):
    p = proposed(
        ex,
        "For the packing step, we develop Adaptive Tile Policy Optimization (ATPO), which "
        "orders tiles by area.",
    )
    assert "Adaptive Tile Policy Optimization" in p


def test_defined_parts_of_a_method_named_by_its_acronym(ex):
    p = proposed(
        ex,
        "We propose Load-Aware Tile Learning (LATL) for floor plans. LATL incorporates "
        "Hierarchical Edge Guidance (HEG) to align tiles.",
    )
    assert "Hierarchical Edge Guidance" in p


def test_sized_variants_of_a_proposed_model(ex):
    p = proposed(
        ex,
        "We introduce Brixel, a family of tiling models. It comes as Brixel-1B and "
        "Brixel-8B, both faster than earlier planners.",
    )
    assert {"Brixel", "Brixel-1B", "Brixel-8B"} <= p


def test_markdown_bold_and_size_ranges_are_no_part_of_a_proposal(ex):
    p = proposed(
        ex,
        "For our kitchen floors, we curate **Brixel-Tiles**: 2M layouts from catalogues. "
        "We train planner models (2B-30B) on them.",
    )
    assert "Brixel-Tiles" in p
    assert not any("*" in n or n == "2B-30B" for n in p)


def test_a_naming_cue_after_an_own_work_phrase_is_no_part_of_the_name(ex):
    p = proposed(ex, "We train tilers. The resulting models, which we call Brixel-Tiler, are fast.")
    assert "Brixel-Tiler" in p
    assert not any(n.startswith("which") for n in p)


def test_a_defined_name_the_sentence_says_is_proposed(ex):
    p = proposed(
        ex,
        "We study tiling. To place borders, a corner-aware tile pyramid network (CTPN) is "
        "proposed. CTPN aligns grout through the designed edge-aware grout module (EGM).",
    )
    assert {"corner-aware tile pyramid network", "edge-aware grout module"} <= p
    # the object of another noun that is proposed is not
    p = proposed(
        ex,
        "We study tiling. A planner head incorporating the Inverse Tile Transform (ITT) "
        "is also proposed.",
    )
    assert "Inverse Tile Transform" not in p


def test_a_list_of_names_after_a_passive_proposal(ex):
    p = proposed(
        ex,
        "We study tiling. Two planners are introduced: GTX (Grid-Tiling-X) and HMQ "
        "(Hex-Mosaic-Query). We report two new measures proposed in this work: the "
        "Grout Balance Score (GBS) and Corner Fit Score (CFS).",
    )
    assert {"GTX", "HMQ", "Grout Balance Score", "Corner Fit Score"} <= p


def test_a_capitalised_name_the_text_calls_new(ex):
    p = proposed(
        ex,
        "We propose Brixel, a tiling planner. A new Ray Tile Transformer orders the rows, "
        "and a novel VLM-as-a-Tiler checks the grout.",
    )
    assert {"Ray Tile Transformer", "VLM-as-a-Tiler"} <= p
    # one of a kind named before is not new: "a novel ABTC method"
    p = proposed(
        ex,
        "Earlier tilers include Attention with Bounded Tile Control (ABTC). We introduce "
        "Brixel, a novel ABTC method.",
    )
    assert "ABTC" not in p and "Attention with Bounded Tile Control" not in p


def test_an_undefined_capitalised_part_of_the_papers_own_method(ex):
    p = proposed(
        ex,
        "We propose DynTile, a tiling planner. For short plans, DynTile introduces a "
        "Corner Tile Encoder that summarises rooms. Our architecture then employs a Row "
        "Order Classifier to pick shapes.",
    )
    assert {"Corner Tile Encoder", "Row Order Classifier"} <= p


def test_a_defined_part_right_after_the_verb_of_the_proposal_clause(ex):
    p = proposed(
        ex,
        "We propose Brixel, a planner that employs Corner Grout Balancing (CGB) to even "
        "out joints.",
    )
    assert "Corner Grout Balancing" in p
    # deeper in the clause it is background
    p = proposed(
        ex,
        "We propose Brixel, a planner that merges the rows of both rooms measured by "
        "Discrete Tile Transform (DTT).",
    )
    assert "Discrete Tile Transform" not in p


def test_a_title_case_name_ending_in_a_head_word_before_its_appositive(ex):
    p = proposed(
        ex, "This paper introduces Tile Distillation, a novel and simple framework for floors."
    )
    assert "Tile Distillation" in p


def test_any_one_word_between_we_and_the_verb(ex):
    assert "Brixel" in proposed(ex, "We furthur propose a novel model, Brixel, for tiling.")
    assert "Brixel" in proposed(ex, "We can introduce Brixel, a tiling planner.")


def test_a_bold_name_after_an_own_work_phrase(ex):
    p = proposed(ex, "We train tilers. Our best model, **Tiler-Pro-30B**, lays floors fastest.")
    assert "Tiler-Pro-30B" in p


def test_a_superscript_inside_a_proposed_name(ex):
    p = proposed(ex, "We introduce T²X3D, a dataset of floor plans for tiling.")
    assert "T²X3D" in p and "T" not in p


def test_a_name_with_an_appositive_later_in_the_cue_sentence(ex):
    p = proposed(
        ex,
        "We propose a cheap fix for crooked rows with AceTiler, a method that re-checks each row.",
    )
    assert "AceTiler" in p


def test_a_sentence_opening_on_a_defined_part_that_acts(ex):
    p = proposed(
        ex,
        "We propose Brixel, a tiling planner. RGS (Row-Grout Sharing) reuses the grout "
        "plan across rows. CGTE (Corner-Gated Tile Exit) stops early on full rows.",
    )
    assert {"Row-Grout Sharing", "Corner-Gated Tile Exit"} <= p
    # before the paper says what it proposes, such a sentence is background
    p = proposed(
        ex,
        "RGS (Row-Grout Sharing) reuses the grout plan across rows. We propose Brixel, "
        "a tiling planner.",
    )
    assert "Row-Grout Sharing" not in p


def test_a_dash_list_of_released_names(ex):
    p = proposed(
        ex, "We release the Brixel tiling models – BX-Small, BX-Medium, and BX-Large – for free."
    )
    assert {"BX-Small", "BX-Medium", "BX-Large"} <= p


def test_a_sentence_opening_on_a_capitalised_component_that_acts(ex):
    p = proposed(
        ex,
        "We propose Brixel, a tiling planner. Next, a Corner-Aware Grout module spreads "
        "the joints evenly.",
    )
    assert "Corner-Aware Grout" in p


def test_lower_case_words_before_a_generic_method_head(ex):
    p = proposed(
        ex,
        "We propose a staggered grout technique that hides joints. We also introduce a "
        "weighted corner fitting scheme that trims edges.",
    )
    assert {"staggered grout", "weighted corner fitting"} <= p
    # adjectives of the proposal and one-word names are not enough
    p = proposed(ex, "We propose a simple yet effective training strategy for tilers.")
    assert not p
    p = proposed(ex, "We propose a simple yet effective tile augmentation strategy.")
    assert p == {"tile augmentation"}


def test_enumerated_parts_after_a_part_verb_and_a_colon(ex):
    p = proposed(
        ex,
        "We propose Brixel. Our two-pass planner introduces: (1) Anchored Tiling - fixing "
        "the first row and (2) Mirror-Guided Placing - copying it.",
    )
    assert {"Anchored Tiling", "Mirror-Guided Placing"} <= p


def test_synthesised_datasets_are_proposed(ex):
    p = proposed(
        ex,
        "With this generator we synthesized two floor-plan datasets: TLR-Homes (40k flats) "
        "and TLR-Shops (9k stores).",
    )
    assert {"TLR-Homes", "TLR-Shops"} <= p


def test_a_capitalised_name_after_the_proposed(ex):
    p = proposed(ex, "We study tiling. We rank planners with a proposed Grout-Aware Tile Rubric.")
    assert "Grout-Aware Tile Rubric" in p


def test_hyphenated_variants_of_a_proposed_name_in_the_abstract(ex):
    p = proposed(
        ex,
        "We present 3D-Tile, a tiling framework. On large floors 3D-Tile-4B beats bigger planners.",
        title="3D-Tile: Tiling in Three Dimensions",
    )
    assert "3D-Tile-4B" in p
