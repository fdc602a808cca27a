"""Round 29 (Metric recall on unseen papers): measures named after "<value> <change noun>
in", "mean" kept in a measure's name, lower-case nouns before a name-shaped measure.
Made-up sentences; each rule test fails without its rule, controls check limits."""

from __future__ import annotations

from tests.extract_helpers import metric_surfaces, run


# -- "<value> <change noun> in <measure>" --------------------------------------------------
def test_value_change_noun_names_a_three_word_measure(shipped):
    e = run(shipped, "Zorvex achieves a 27% reduction in candidate pool size on all splits.")
    assert "candidate pool size" in metric_surfaces(e)


def test_value_change_noun_names_a_new_head(shipped):
    e = run(shipped, "Zorvex shows a 3.5x increase in relay bandwidth over the older design.")
    assert "relay bandwidth" in metric_surfaces(e)


def test_value_change_noun_coordinated_items(shipped):
    e = run(shipped, "Zorvex gives a 12% gain in glyph recall score and parse throughput.")
    assert {"glyph recall score", "parse throughput"} <= metric_surfaces(e)


def test_value_change_noun_control_setting_and_next_change(shipped):
    # parameters are a setting (not_heads); "a 9x reduction" is the next change, not a name
    e = run(
        shipped,
        "Zorvex brings a 40% reduction in parameters and a 9x reduction in relay bandwidth.",
    )
    assert "parameters" not in metric_surfaces(e)
    assert "9x reduction" not in metric_surfaces(e)
    assert "relay bandwidth" in metric_surfaces(e)


def test_value_change_noun_control_whole_phrase(shipped):
    # a word that cannot be a modifier ("ad": too short) leaves the phrase out, not its head
    e = run(shipped, "Tests show a 4.1% increase in ad revenue for the shop.")
    assert "revenue" not in metric_surfaces(e)


# -- new heads of the "by N" / "from A to B" rule --------------------------------------------
def test_changed_overhead_by_value(shipped):
    e = run(shipped, "Zorvex reduces the storage overhead by 2.4x on three corpora.")
    assert "storage overhead" in metric_surfaces(e)


# -- "mean" stays in a measure's name ------------------------------------------------------
def test_mean_before_a_name_shaped_measure(shipped):
    e = run(shipped, "Zorvex reaches a mean F-Score of 71.3% on the held-out scans.")
    assert "mean F-Score" in metric_surfaces(e)


def test_mean_before_a_multiword_measure(shipped):
    e = run(shipped, "Zorvex lowers the mean angular error by 11% on glossy surfaces.")
    assert "mean angular error" in metric_surfaces(e)


def test_mean_control_single_lower_case_word(shipped):
    # "mean speedup" is reported as the bare measure (dev gold practice)
    e = run(shipped, "Zorvex gives a mean speedup of 2.1x over the reference decoder.")
    assert "mean speedup" not in metric_surfaces(e)


# -- a lower-case noun before a name-shaped measure is not joined (round 19's convention:
# "bicycle AP@50" is AP@50; tried in round 29 and dropped: class and outcome names) ----------
def test_noun_before_name_shaped_measure_control(shipped):
    e = run(shipped, "We instantiate BLEU with four weightings. We keep the main SR branch frozen.")
    assert "instantiate BLEU" not in metric_surfaces(e)
    assert "main SR" not in metric_surfaces(e)


# -- measurement frames: three-word and hyphenated names ---------------------------------------
def test_frame_item_of_three_words(shipped):
    e = run(shipped, "Zorvex leads in terms of both glyph boundary recall and speed.")
    assert "glyph boundary recall" in metric_surfaces(e)


def test_frame_item_with_hyphenated_modifier(shipped):
    e = run(shipped, "Quality is measured by cross-zone fidelity and speed.")
    assert "cross-zone fidelity" in metric_surfaces(e)


def test_frame_item_control_dash_clause(shipped):
    # a dash read as a hyphen joins a clause ("concept-where"), not a modifier
    e = run(shipped, "It is grounded in terms of design concept-where memory is a local state.")
    assert "design concept-where memory" not in metric_surfaces(e)


# -- value frames: three modifiers -----------------------------------------------------------
def test_value_frame_with_three_modifiers(shipped):
    e = run(shipped, "Zorvex attains a structural glyph pairing rate of 81.2% under noise.")
    assert "structural glyph pairing rate" in metric_surfaces(e)


# -- systems compared "in" measures: longer names and more heads ------------------------------
def test_compared_in_three_word_name(shipped):
    e = run(shipped, "Zorvex outperforms prior work in both glyph stroke fidelity and speed.")
    assert "glyph stroke fidelity" in metric_surfaces(e)


def test_compared_in_hyphenated_modifier(shipped):
    e = run(shipped, "Zorvex surpasses baselines in cross-zone layout consistency and cost.")
    assert "cross-zone layout consistency" in metric_surfaces(e)


def test_compared_in_new_head(shipped):
    e = run(shipped, "Zorvex surpasses baselines in glyph alignment and cost.")
    assert "glyph alignment" in metric_surfaces(e)


def test_compared_head_control_verb_object(shipped):
    # after a verb of change the object is as often a design goal: heads stay as they were
    e = run(shipped, "The module enhances glyph alignment across pages.")
    assert "glyph alignment" not in metric_surfaces(e)


def test_compared_control_ing_verb_first(shipped):
    e = run(shipped, "Zorvex surpasses baselines in preserving glyph stroke fidelity.")
    assert "preserving glyph stroke fidelity" not in metric_surfaces(e)


def test_value_frame_keeps_mean(shipped):
    e = run(shipped, "The tracker reaches a mean glyph drift error of 0.41 m on the scans.")
    assert "mean glyph drift error" in metric_surfaces(e)


def test_computational_stays_in_a_changed_measure(shipped):
    e = run(shipped, "Zorvex reduces the computational overhead of glyph parsing by 35%.")
    assert "computational overhead" in metric_surfaces(e)
