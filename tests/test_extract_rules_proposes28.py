"""Round 19: the named parts of the paper's own method as proposals, wherever the abstract
names them (kg.extract.proposal_components), and part verbs that introduce a part
("X devises / designs / develops / proposes a Y"). Made-up sentences about made-up tiling
systems; each positive test fails without its change."""

from __future__ import annotations

from tests.extract_helpers import evals, proposed, run


# -- proposal_components: a capitalised run before a component head -----------------
def test_a_named_module_outside_a_cue_sentence_is_proposed(ex):
    p = proposed(
        ex,
        "We propose TileMax, a framework for floor tiling. First, the Grout Density "
        "Estimation module predicts where seams open. Second, a Seam Closure Routing "
        "strategy ranks candidate layouts.",
    )
    assert "Grout Density Estimation" in p
    assert "Seam Closure Routing" in p


def test_a_named_mechanism_with_our_novel_is_proposed(ex):
    p = proposed(
        ex,
        "Tiling plans are costly to verify. This is enabled by our novel Probabilistic "
        "Grout Routing mechanism, which places joints at random.",
    )
    assert "Probabilistic Grout Routing" in p


def test_a_module_the_sentence_calls_existing_is_not_proposed(ex):
    p = proposed(
        ex,
        "We propose TileMax, a framework for floor tiling. Unlike the existing Grout "
        "Density Estimation module, TileMax predicts seams from photos.",
    )
    assert "Grout Density Estimation" not in p


def test_a_module_used_from_elsewhere_is_not_proposed(ex):
    p = proposed(
        ex,
        "We propose TileMax, a framework for floor tiling, built on prior layouts. "
        "Seams are placed using the Repulsive Seam Placement algorithm.",
    )
    assert "Repulsive Seam Placement" not in p


def test_the_tail_of_a_longer_capitalised_name_is_not_proposed(ex):
    p = proposed(
        ex,
        "We propose TileMax, a framework for floor tiling. It has two parts: (I) a "
        "seam planner; (II) Cross-Tile Mutual Grouting mechanism, which aligns joints.",
    )
    assert "Mutual Grouting" not in p


def test_head_before_a_noun_is_no_component_head(ex):
    p = proposed(
        ex,
        "We present TileMax, a novel 3D Grout head avatar creation method for tilers.",
    )
    assert "3D Grout" not in p


def test_a_named_part_is_no_evaluation_subject(ex):
    """A part is not what "our method" means: with no other proposal, a result sentence
    still gives the part no evaluation pair."""
    abstract = (
        "Tiling plans are costly to verify. Then a Seam Closure Routing module ranks the "
        "candidate layouts. Experiments on TileBench show gains of 4.1% in accuracy."
    )
    assert "Seam Closure Routing" in proposed(ex, abstract)
    assert not [k for k in evals(run(ex, abstract)) if k[0] == "Seam Closure Routing"]


# -- proposal_parts: verbs by which the paper's method introduces a part -------------
def test_a_part_the_method_devises_is_proposed(ex):
    p = proposed(
        ex,
        "We propose TileMax, a framework for floor tiling. Besides, it devises a "
        "Seam-Aware Joint Fusion Planner that aligns grout lines across rooms.",
    )
    assert "Seam-Aware Joint Fusion Planner" in p


def test_a_defined_part_the_method_proposes_is_proposed(ex):
    p = proposed(
        ex,
        "We propose Efficient Lightweight Tile Planners (ELTP) for floors. ELTP proposes "
        "a Multi-view Grout Token Compressor (MGTC) based on seam attention.",
    )
    assert "Multi-view Grout Token Compressor" in p


# -- proposal_rescue: the title's name, defined in the paper's own proposal sentence --
def test_a_title_name_whose_long_form_ends_in_a_plain_word_stays_proposed(ex):
    """ "... at Scale (TGDS)": the definitions stage rejects the acronym by its long
    form's last word; the title and "we present" say the paper introduces it."""
    p = proposed(
        ex,
        "We present Tile Grout Distillation to Seam Decoders at Scale (TGDS), a protocol "
        "for converting tiling planners. TGDS needs 350 floors.",
        title="TGDS: Tile Grout Distillation to Seam Decoders at Scale",
    )
    assert "TGDS" in p


def test_a_title_name_the_abstract_calls_a_task_is_not_rescued(ex):
    p = proposed(
        ex,
        "We introduce promptable grout seam completion (PGSC), a new task that completes "
        "hidden seams. Existing planners fail at it.",
        title="PGSC: Promptable Grout Seam Completion",
    )
    assert "PGSC" not in p


# -- evidence: "a new challenge benchmark" is a benchmark, not a task -------------------
def test_a_challenge_benchmark_is_no_task_appositive(ex):
    p = proposed(
        ex,
        "We introduce TileQA, a new challenge benchmark for evaluating tiling planners on "
        "seam questions.",
    )
    assert "TileQA" in p


# -- introduced: a Papers-with-Code data set name is the introducing paper's own -------
def test_a_data_set_name_papers_with_code_lists_is_introduced_by_its_paper(ex):
    """Papers with Code lists a paper's data set under its name (the fixture vocabulary
    holds "TileFacet" from it); described right after the verb, it is this paper's."""
    p = proposed(
        ex,
        "To evaluate planners on seam queries, we build TileFacet, a tile-based benchmark "
        "with 9,112 queries about grout attributes.",
    )
    assert "TileFacet" in p


def test_a_rescued_title_name_joins_the_long_form_proposed_before_it(ex):
    """ "... in Science (FLOORS)": the definitions stage rejects the acronym by the long
    form's last word, a cue rule proposes the long form; the title's name is the same
    entity (one entity, the long form its alias), not a second one."""
    e = run(
        ex,
        "Tiling planners are used widely. In this work, we introduce Fault Localization "
        "Over Rooms in Science (FLOORS), an automated benchmark of 713 plan-error pairs.",
        title="FLOORS: A Benchmark for Seam Error Localization in Tiling Plans",
    )
    props = [e.entities[p.entity] for p in e.proposes]
    assert [(x.label, x.aliases) for x in props] == [
        ("FLOORS", ["Fault Localization Over Rooms in Science"])
    ]


def test_a_rescued_title_name_takes_no_later_proposal_as_its_long_form(ex):
    """Only a proposal ending right before "(X)" is X's long form, not one after it."""
    e = run(
        ex,
        "In this work, we propose a new class of tiling layers, Efficient Unified Grout "
        "layers at Scale (EUGrouts). EUGrouts reduce cost. We also present a layer-wise seam "
        "transfer technique that bypasses backpropagation.",
        title="EUGrouts: Efficient, Unified Grout Layers",
    )
    names = [{x.label, *x.aliases} for x in (e.entities[p.entity] for p in e.proposes)]
    assert {"EUGrouts"} in names
    assert not [n for n in names if "EUGrouts" in n and len(n) > 1]


def test_a_component_run_describing_a_proposed_name_is_not_a_second_proposal(ex):
    p = proposed(
        ex,
        "In this paper, we propose RATile, a Redundant Assignment strategy for floor "
        "tiling that enables quantity-robust grout plans.",
    )
    assert "RATile" in p
    assert "Redundant Assignment" not in p


def test_a_named_algorithm_the_paper_adapts_is_not_proposed(ex):
    p = proposed(
        ex,
        "Local planners struggle with rough floors. To address this, we adapt the "
        "Differential Grout Evolution algorithm to tiling and propose TileMax.",
    )
    assert "Differential Grout Evolution" not in p


# -- components: a run right after a sentence-opening article is the whole name -------
def test_a_named_module_after_a_sentence_opening_article_is_whole(ex):
    e = run(
        ex,
        "Tiling plans are costly to verify. A Seam Closure Routing module ranks the "
        "candidate layouts.",
    )
    names = {x.label for x in e.entities.values()}
    assert "Seam Closure Routing" in names
    assert "Closure Routing" not in names
