"""Round 11 (16t): types from evidence, names mentioned in passing and their boundaries.
One test per rule on made-up sentences, failing when the rule is removed (fixture
vocabulary as in test_extract_rules)."""

from __future__ import annotations

from kg.models import Paper


def run(ex, abstract: str, title: str = "A study of things"):
    return ex.extract(Paper(title=title, abstract=abstract))


def typed(e) -> dict[str, str]:
    """Surface -> entity type, over the mentions."""
    return {m.text: e.entities[m.entity_id].type for m in e.mentions}


def test_lower_case_definition_of_a_thing_is_not_a_method(ex):
    e = run(
        ex,
        "Sensors on offshore wind farms (OWF) report a mean time to repair (MTTR) "
        "that we predict with a gated fusion network (GFN).",
    )
    t = typed(e)
    assert "OWF" not in t and "offshore wind farms" not in t
    assert "MTTR" not in t
    assert t.get("GFN") == "Method"  # a method head keeps it


def test_lower_case_definition_with_a_coined_short_form_is_kept(ex):
    e = run(ex, "We add a reconstruction-guided slot schedule (SlotSched) to the trainer.")
    assert typed(e).get("SlotSched") == "Method"


def test_definition_of_a_task_or_generic_class_is_left_out(ex):
    e = run(
        ex,
        "Speech-capable chat models (SCCMs) are popular. Hazard Quantification (HQ) is hard. "
        "We define Slide Caption Matching (SCM), a new task that pairs slides with captions.",
    )
    t = typed(e)
    assert not {"SCCMs", "HQ", "SCM"} & set(t)


def test_task_head_before_a_preposition_is_not_the_head(ex):
    e = run(ex, "We propose tidal error correction for retrieval-augmented generation (TECR).")
    assert typed(e).get("TECR") == "Method"
