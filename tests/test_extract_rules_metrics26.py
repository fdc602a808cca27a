"""Round 17 (Metrics): measures found by how their value is reported, whatever their
name. Made-up sentences; each rule test fails without its rule, controls check limits."""

from __future__ import annotations

import pytest

from tests.extract_helpers import run


@pytest.fixture(scope="module")
def shipped():
    from kg.extract import Extractor

    return Extractor()


def metrics(e) -> set[str]:
    """The surfaces of the mentions of Metric entities."""
    return {m.text for m in e.mentions if e.entities[m.entity_id].type == "Metric"}


def test_value_moving_from_to_names_a_measure(shipped):
    e = run(shipped, "Zorvex raises the plumbing score from 3.4 to 3.7 on our tasks.")
    assert "plumbing score" in metrics(e)


def test_phrase_before_a_change_verb(shipped):
    e = run(shipped, "With Zorvex, the wobble error is reduced from 11.3% to 3.8%.")
    assert "wobble error" in metrics(e)


def test_change_by_a_stated_size(shipped):
    e = run(shipped, "Zorvex reduces the average queue waiting time by over 10% in all runs.")
    assert "queue waiting time" in metrics(e)


def test_coordinated_changes_share_the_verb(shipped):
    e = run(
        shipped,
        "These attacks lower refusal rates by up to 60.0%, answer safety by 82.5%, and "
        "query safety by 82.4%.",
    )
    assert {"answer safety", "query safety"} <= metrics(e)


def test_settings_and_methods_are_no_changed_measures(shipped):
    e = run(
        shipped,
        "We reduce the generation steps from 256 to 20 and its size from 12B to 2B. "
        "Zorvex improves Zorblat-3DGS by 0.7 dB PSNR and the Dice score by 7 points.",
    )
    found = metrics(e)
    assert not {"generation steps", "size", "Zorblat-3DGS", "score"} & found
