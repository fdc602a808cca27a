"""Round 19 (branch wip-28a), acronym definitions: long forms set off by quotes or LaTeX
emphasis, an X spelled by a word opening with "Ex", and task-ended long forms the text
says are methods. Made-up names; each test fails without its change, the guards check
what it must leave."""

from __future__ import annotations

from kg.extract.acronyms import find_definitions
from tests.extract_helpers import labels, run


def _defs(text: str) -> dict[str, str]:
    return {d.short: d.long for d in find_definitions(text)}


def test_a_quoted_long_form_is_defined():
    got = _defs('Each step applies this "Zorb-Aware Folding" (ZAF) to the cache.')
    assert got.get("ZAF") == "Zorb-Aware Folding"


def test_an_emphasised_long_form_is_defined():
    got = _defs(r"Here we propose \textbf{Quorb Lattice Tuning (QLT)}, a method for probes.")
    assert got.get("QLT") == "Quorb Lattice Tuning"
    got = _defs(r"Tokens pass through a \textit{Quorb State Mixer} (QSM) block at each layer.")
    assert got.get("QSM") == "Quorb State Mixer"


def test_letters_set_off_one_by_one_are_left_alone():
    # guard: "\textbf{Q}uorb \textbf{L}attice" would leave markup inside the name
    got = _defs(r"we propose \textbf{Q}uorb \textbf{L}attice \textbf{T}uning (QLT) here")
    assert "QLT" not in got


def test_an_x_from_a_word_opening_with_ex():
    got = _defs("Cloth is simulated with Extruded Lattice Springs (XLS) at every step.")
    assert got.get("XLS") == "Extruded Lattice Springs"


def test_a_proposed_long_form_ending_in_reasoning_is_a_method(ex):
    text = (
        "Models overthink easy questions. We propose Quorbic Elastic Reasoning (QER), which "
        "stops thinking early. QER halves the tokens spent on hard math problems."
    )
    got = labels(ex, text)
    assert got.get("Quorbic Elastic Reasoning") == "Method"
    # the acronym is the same method (without the rule it was a task's, dropped)
    e = run(ex, text)
    names = {n for x in e.entities.values() if x.type == "Method" for n in (x.label, *x.aliases)}
    assert {"Quorbic Elastic Reasoning", "QER"} <= names


def test_a_part_head_after_a_task_ended_long_form(ex):
    got = labels(
        ex,
        "The encoder feeds a Zorbic Saliency Enhancement (ZSE) block that sharpens the edges "
        "of small parts.",
    )
    assert got.get("Zorbic Saliency Enhancement") == "Method"


def test_a_proposed_task_stays_a_task(ex):
    # guard: "we introduce X (ACR), a new task": the paper poses a task, not a method
    got = labels(
        ex,
        "We introduce Zorbic Scene Reasoning (ZSR), a new task that asks agents to explain "
        "rooms. Models fail at ZSR.",
    )
    assert got.get("Zorbic Scene Reasoning") != "Method"


def test_a_defined_claim_is_no_method(ex):
    # a head of a claim or regularity after the acronym: "the ... (ZLD) hypothesis"
    got = labels(
        ex,
        "We test the Zorbic Lexical Drift (ZLD) hypothesis on forty languages and find "
        "support for it in most of them.",
    )
    assert got.get("Zorbic Lexical Drift") != "Method"


def test_an_emphasised_coined_term_without_a_method_head_is_left_alone():
    # guard: emphasis sets off any coined term, not only methods
    got = _defs(r"We define the \textbf{Quorb Drift Scalar (QDS)}, a residual that tracks size.")
    assert "QDS" not in got
