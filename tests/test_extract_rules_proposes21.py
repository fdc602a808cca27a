"""Round 13: proposes recall. One test per rule on made-up sentences, each failing when
its rule is removed (fixture vocabulary as in test_extract_rules)."""

from __future__ import annotations

from kg.models import Paper


def proposed(ex, abstract: str, title: str = "A study of things") -> set[str]:
    """Labels and aliases of the proposed entities."""
    e = ex.extract(Paper(title=title, abstract=abstract))
    ents = [e.entities[p.entity] for p in e.proposes]
    return {n for x in ents for n in (x.label, *x.aliases)}


def test_a_bare_defined_phrase_after_a_weak_verb(ex):
    p = proposed(
        ex, "In the second stage, we develop Adaptive Tile Policy Optimization (ATPO), which "
        "uses tokens as triggers."
    )
    assert "Adaptive Tile Policy Optimization" in p


def test_defined_parts_of_a_method_named_by_its_acronym(ex):
    p = proposed(
        ex,
        "We propose Load-Aware Tile Learning (LATL) for tiling. LATL incorporates "
        "Hierarchical Edge Guidance (HEG) to align tiles.",
    )
    assert "Hierarchical Edge Guidance" in p


def test_sized_variants_of_a_proposed_model(ex):
    p = proposed(
        ex,
        "We introduce Brixel, a family of tiling models. The series includes Brixel-1B and "
        "Brixel-8B, which tile faster than prior planners.",
    )
    assert {"Brixel", "Brixel-1B", "Brixel-8B"} <= p
