"""Round 16: proposes recall on unseen papers (classes of misses found on eval/round5).
Made-up sentences about a made-up tiling planner, each positive one failing when its
rule is removed (fixture vocabulary as in test_extract_rules)."""

from __future__ import annotations

from tests.extract_helpers import proposed, run


def test_a_lower_case_component_the_paper_designs(ex):
    p = proposed(
        ex,
        "We propose Tilemaker, a planner for floors. Finally, we design a "
        "confidence-based grout control mechanism to avoid uneven lines.",
    )
    assert "confidence-based grout control mechanism" in p


def test_an_attention_mechanism_is_the_attention(ex):
    p = proposed(
        ex,
        "We propose Tilemaker, a planner for floors. We further introduce a duo-causal "
        "attention mechanism that extends attention across rows.",
    )
    assert "duo-causal attention" in p


def test_the_last_of_two_heads_ends_the_component(ex):
    p = proposed(ex, "We propose a grout-metric mixed reward mechanism to guide the planner.")
    assert "grout-metric mixed reward mechanism" in p


def test_a_described_component_is_no_name(ex):
    """No coined (hyphenated) modifier, one modifier only, or a counted part: descriptions."""
    p = proposed(
        ex,
        "We introduce a semantic consistency loss for tiles. We also design an auxiliary "
        "self-supervised loss. We develop a two-phase training mechanism for floors.",
    )
    assert not any(n.endswith(("loss", "mechanism")) for n in p)


def test_a_component_needs_the_paper_as_subject(ex):
    p = proposed(
        ex,
        "Prior planners introduce a cross-row grout alignment module to snap tiles. We "
        "study their errors.",
    )
    assert "cross-row grout alignment module" not in p


def test_the_title_names_the_component(ex):
    p = proposed(
        ex,
        "In this work, we introduce a learnable row-tile assignment mechanism that adapts "
        "rows to rooms.",
        title="Forward-Only Tiling with Learnable Row-Tile Assignment",
    )
    assert "Learnable Row-Tile Assignment" in p
    assert "row-tile assignment mechanism" not in p


def test_a_defined_name_after_a_described_object(ex):
    p = proposed(
        ex,
        "Building on this insight, we propose a new training paradigm, Grout Line for "
        "Alleviating Corner Drift (GLACD), which uses hard grout lines.",
    )
    assert "Grout Line for Alleviating Corner Drift" in p


def test_named_phases_of_the_own_method(ex):
    p = proposed(
        ex,
        "We present Tilemaker, a self-improving planner for floors. Tilemaker operates in "
        "a two-phase cycle: (i) a Grout Learning phase that reflects on failed layouts; "
        "and (ii) a Grout Evolution phase that refines the stored rules.",
    )
    assert {"Grout Learning", "Grout Evolution"} <= p


def test_an_acronym_the_vocabulary_holds_for_another_kind(ex):
    """ "SAE" is a method's alias in the vocabulary (sparse autoencoder); the paper's SAE
    is a benchmark it introduces."""
    e = run(
        ex,
        "In this paper, we introduce SAE, a new benchmark of tiled floors with 2,000 rooms.",
    )
    props = {e.entities[p.entity].label: e.entities[p.entity].type for p in e.proposes}
    assert props.get("SAE") == "Benchmark"


def test_an_acronym_the_vocabulary_holds_when_its_label_is_there(ex):
    e = run(
        ex,
        "A sparse autoencoder helps here. We introduce SAE, a new benchmark of tiled "
        "floors with 2,000 rooms.",
    )
    props = {e.entities[p.entity].label for p in e.proposes}
    assert "SAE" not in props


def test_a_version_of_the_own_benchmark_is_a_benchmark(ex):
    e = run(
        ex,
        "In this paper, we introduce SAE, a new benchmark of tiled floors with 2,000 "
        "rooms. We further introduce SAE-Hard, a harder version of SAE that adds curved "
        "walls.",
    )
    props = {e.entities[p.entity].label: e.entities[p.entity].type for p in e.proposes}
    assert props.get("SAE-Hard") == "Benchmark"


def test_a_component_named_right_after_is_the_name(ex):
    p = proposed(
        ex,
        "We propose a novel black-box grout attribution mechanism, GRAM (Grout Reveals "
        "All Mistakes), which reformulates attribution.",
    )
    assert "black-box grout attribution mechanism" not in p
