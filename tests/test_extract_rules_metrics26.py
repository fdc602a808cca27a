"""Round 17 (Metrics): measures found by how their value is reported, whatever their
name. Made-up sentences; each rule test fails without its rule, controls check limits."""

from __future__ import annotations

import pytest

from tests.extract_helpers import metric_surfaces, run


def test_value_moving_from_to_names_a_measure(shipped):
    e = run(shipped, "Zorvex raises the plumbing score from 3.4 to 3.7 on our tasks.")
    assert "plumbing score" in metric_surfaces(e)


def test_phrase_before_a_change_verb(shipped):
    e = run(shipped, "With Zorvex, the wobble error is reduced from 11.3% to 3.8%.")
    assert "wobble error" in metric_surfaces(e)


def test_change_by_a_stated_size(shipped):
    e = run(shipped, "Zorvex reduces the average queue waiting time by over 10% in all runs.")
    assert "queue waiting time" in metric_surfaces(e)


def test_coordinated_changes_share_the_verb(shipped):
    e = run(
        shipped,
        "These attacks lower refusal rates by up to 60.0%, answer safety by 82.5%, and "
        "query safety by 82.4%.",
    )
    assert {"answer safety", "query safety"} <= metric_surfaces(e)


def test_settings_and_methods_are_no_changed_measures(shipped):
    e = run(
        shipped,
        "We reduce the generation steps from 256 to 20 and its size from 12B to 2B. "
        "Zorvex improves Zorblat-3DGS by 0.7 dB PSNR and the Dice score by 7 points.",
    )
    found = metric_surfaces(e)
    assert not {"generation steps", "size", "Zorblat-3DGS", "score"} & found


def metric_entities(e) -> list[set[str]]:
    """Each Metric entity as the set of its surfaces."""
    out: dict[str, set[str]] = {}
    for m in e.mentions:
        if e.entities[m.entity_id].type == "Metric":
            out.setdefault(m.entity_id, set()).add(m.text)
    return list(out.values())


def test_measures_filed_under_one_concept_stay_apart(shipped):
    e = run(
        shipped,
        "Zorvex reduces training time by 20% and inference time by 35%. It reaches 61.2% "
        "pass@5 and 70.4% pass@8 on our tasks.",
    )
    ents = metric_entities(e)
    for s in ("training time", "inference time", "pass@5", "pass@8"):
        assert {s} in ents, (s, ents)


def test_ragas_measures_are_distinct_concepts(shipped):
    e = run(
        shipped,
        "Zorvex improves context precision by 4.1 points and context recall by 3.2 points "
        "over the baseline.",
    )
    ents = metric_entities(e)
    assert {"context precision"} in ents and {"context recall"} in ents


def test_acronym_and_defined_forms_stay_one_measure(shipped):
    e = run(
        shipped,
        "Zorvex reaches the highest mean Average Precision (mAP50) of 0.946, and an mAP@50 "
        "of 0.83 on the second split. Its word error rate (WER) is 4.1%, a WER below "
        "all baselines.",
    )
    ents = metric_entities(e)
    assert any({"mean Average Precision", "mAP50", "mAP@50"} <= g for g in ents), ents
    assert any({"word error rate", "WER"} <= g for g in ents), ents


def test_value_right_after_a_verb_of_level(shipped):
    e = run(shipped, "On our tasks, the rater-bot agreement exceeds 90% for all prompts.")
    assert "rater-bot agreement" in metric_surfaces(e)


def test_measure_word_before_a_task_noun_names_a_topic(shipped):
    e = run(
        shipped,
        "We release a corpus to improve toxicity detection and benchmark LLMs on toxicity "
        "datasets. A FLOPs predictor guides the search.",
    )
    assert not {"toxicity", "FLOPs"} & metric_surfaces(e)


@pytest.mark.parametrize(
    "text",
    [
        "ZorbNet-7B reaches 65.0% on MathQuest, while QuillLM-13B is evaluated too.",
        "On MathQuest, Vexa-2 exceeds 70% and FooNet remains 12% behind it.",
    ],
)
def test_a_system_before_a_bare_value_is_no_measure(shipped, text):
    # the name before "reaches 65.0%" is the system measured, not a measure named as a name
    e = run(shipped, text)
    assert not metric_surfaces(e) & {"ZorbNet-7B", "QuillLM-13B", "Vexa-2", "FooNet"}
