"""Round 28 (Metrics on unseen papers): compound measure names kept whole, measures named
before a value without an article, and measure words that modify a system noun.
Made-up sentences; each rule test fails without its rule, controls check limits."""

from __future__ import annotations

from tests.extract_helpers import metric_surfaces, run


# -- noun chains after a comparison verb ---------------------------------------------------
def test_noun_chain_after_a_comparison_verb(shipped):
    e = run(shipped, "Zorvex improves glyph transcription accuracy over the previous baselines.")
    assert "glyph transcription accuracy" in metric_surfaces(e)


def test_noun_chain_control_article_keeps_one_noun(shipped):
    # after an article the chain does not grow (round 16: adjectives slip in there)
    e = run(shipped, "Zorvex shows a smaller parameter cost of 3.2 GB than others.")
    assert "smaller parameter cost" not in metric_surfaces(e)


# -- value frames without an article -----------------------------------------------------
def test_value_frame_after_with(shipped):
    e = run(shipped, "Zorvex ranks first, with hinge placement errors of 3.5 mm on all scans.")
    assert "hinge placement errors" in metric_surfaces(e)


def test_value_frame_after_a_parenthesis(shipped):
    e = run(
        shipped,
        "Zorvex is strong in the end-to-end test (i.e., taxonomy-based similarity of 0.71 "
        "vs. 0.55).",
    )
    assert "taxonomy-based similarity" in metric_surfaces(e)


def test_value_frame_in_parentheses_after_and(shipped):
    e = run(shipped, "Zorvex reaches high label accuracy (97.5%) and glyph similarity (91.0%).")
    assert "glyph similarity" in metric_surfaces(e)


def test_value_frame_plural_head(shipped):
    e = run(shipped, "Draws are frequent on easy prompts, with tie ratios of 1.37 and 1.35.")
    assert "tie ratios" in metric_surfaces(e)


def test_value_frame_control_preposition_is_no_modifier(shipped):
    e = run(
        shipped,
        "Zorvex raises the hit rate (HR) of 13.46% across distances and 11.03% across angles.",
    )
    assert "across distances" not in metric_surfaces(e)


# -- a measure word before a system noun --------------------------------------------------
def test_measure_word_before_a_system_noun(shipped):
    e = run(shipped, "We adapt pretrained encoder-decoder ASR models to new domains.")
    assert not {"ASR", "encoder-decoder ASR"} & metric_surfaces(e)


def test_measure_word_before_benchmark(shipped):
    e = run(shipped, "Evaluation on a cross-lingual toxicity benchmark shows strong transfer.")
    assert not {"toxicity", "cross-lingual toxicity"} & metric_surfaces(e)


# -- adjectives and verbs are no part of a measure's name ---------------------------------
def test_verb_before_a_measure_is_no_modifier(shipped):
    e = run(
        shipped,
        "Coarse sketches offer generality but lack precision, and our sketches improve "
        "precision by 12%.",
    )
    assert "lack precision" not in metric_surfaces(e)


def test_degree_adjective_before_a_measure_is_no_modifier(shipped):
    e = run(shipped, "Zorvex shows steep accuracy declines of 12% as the charts grow.")
    found = metric_surfaces(e)
    assert "steep accuracy" not in found


def test_level_before_a_measure_is_no_modifier(shipped):
    e = run(
        shipped, "Zorvex achieves human-level accuracy on the sorting task, improving it by 3%."
    )
    found = metric_surfaces(e)
    assert "human-level accuracy" not in found and "accuracy" in found


def test_setting_modifier_control_stays(shipped):
    # a setting that names the measure ("closed-book accuracy") stays in the name
    e = run(shipped, "Zorvex improves closed-book accuracy by 4.2% on our quiz set.")
    assert "closed-book accuracy" in metric_surfaces(e)


# -- measures written as proper names next to a value ------------------------------------
def test_title_case_measure_after_a_percentage(shipped):
    e = run(shipped, "The best run is found with 94% Quorble Match Accuracy on the held-out scans.")
    assert "Quorble Match Accuracy" in metric_surfaces(e)


def test_title_case_measure_changing_from_to(shipped):
    e = run(shipped, "Zorvex lowers the Quibble-Dane Index from 3.86 to 1.82 on the rover images.")
    assert "Quibble-Dane Index" in metric_surfaces(e)


def test_title_case_measure_keeps_mean(shipped):
    e = run(shipped, "We reach a mean Zorble Overlap Score of 56.20% on the public set.")
    assert "mean Zorble Overlap Score" in metric_surfaces(e)


def test_title_case_control_setting_and_method_names(shipped):
    e = run(
        shipped,
        "Using the Ultraviolet Zorb Index at 340 nm as input, we train Zorble Score "
        "Distillation for 3 epochs.",
    )
    found = metric_surfaces(e)
    assert not {"Ultraviolet Zorb Index", "Zorb Index", "Zorble Score"} & found


# -- measures compared with "than" ---------------------------------------------------------
def test_compared_measure_with_modifiers(shipped):
    e = run(
        shipped, "Zorvex shows substantially lower glyph-drift rates than the Quorble baseline."
    )
    assert "glyph-drift rates" in metric_surfaces(e)


def test_compared_bare_measure(shipped):
    e = run(shipped, "On the rover scans, Zorvex yields higher transferability than Quorble.")
    assert "transferability" in metric_surfaces(e)


def test_compared_control_generic_heads_and_names(shipped):
    e = run(
        shipped,
        "Zorvex obtains higher scores than Quorble and better quality than Blix, with "
        "higher ZQ routing accuracy than Quorble.",
    )
    found = metric_surfaces(e)
    assert not {"scores", "quality", "routing accuracy than"} & found


def test_value_frame_hyphenated_modifier_with_capitals(shipped):
    e = run(
        shipped, "The labels were validated with a human-LLM concordance rate of 91.9% overall."
    )
    assert "human-LLM concordance rate" in metric_surfaces(e)


def test_value_frame_control_dataset_name_before_measure(shipped):
    e = run(shipped, "Zorvex attains 84.4% ZorbNet-1K Top-1 accuracy with only 27M parameters.")
    assert "ZorbNet-1K Top-1 accuracy" not in metric_surfaces(e)


# -- thresholds and intervals ------------------------------------------------------------
def test_at_k_with_a_decimal_threshold(shipped):
    e = run(shipped, "Zorvex achieves 78.5% PCKq@0.5 and 41.2% zAP@0.50:0.95 on the hand set.")
    assert {"PCKq@0.5", "zAP@0.50:0.95"} <= metric_surfaces(e)


def test_interval_symbol_after_a_percentage_is_no_measure(shipped):
    e = run(shipped, "Zorvex reaches accuracy of 0.943 (95% CI: 0.886-0.986) on the scans.")
    assert "CI" not in metric_surfaces(e)


def test_comparative_and_number_words_are_no_modifiers(shipped):
    e = run(
        shipped,
        "Zorvex matches the baseline with far fewer iterations and shorter training times, "
        "across six runtime budgets.",
    )
    found = metric_surfaces(e)
    assert not {"shorter training times", "six runtime"} & found


# -- direction of the measures these rules name ------------------------------------------
def test_direction_of_newly_named_measures():
    from kg.metric_direction import higher_is_better

    assert higher_is_better("local/x", "Davies-Bouldin Index") is False
    assert higher_is_better("local/x", "judge overhead") is False
    assert higher_is_better("local/x", "mean Jaccard Score") is True
    assert higher_is_better("local/x", "PCKh@0.5") is True
    assert higher_is_better("local/x", "human-LLM agreement") is True
    assert higher_is_better("local/x", "inter-rater reliability") is True


def test_value_frame_control_no_adjective_or_verb_modifiers(shipped):
    e = run(
        shipped,
        "On both sets our model achieves accuracies of 95.2% and 94.3%, and Zorvex achieved "
        "feasible glyph accuracy (91.2%) on the scans.",
    )
    found = metric_surfaces(e)
    assert not {"model achieves accuracies", "feasible glyph accuracy"} & found


def test_percent_acronym_control_sem_is_a_measure(shipped):
    # "SEM" after a percentage names a measure here (semantic exact match), unlike "CI"
    e = run(shipped, "Zorvex attains 100% SEM on all generalization splits of Quorble.")
    assert "SEM" in metric_surfaces(e)


def test_compared_time_after_shorter(shipped):
    e = run(shipped, "Zorvex needs shorter stitching time than all the other flow models.")
    assert "stitching time" in metric_surfaces(e)


def test_hyphen_control_human_rated_measure_stays(shipped):
    e = run(shipped, "Zorvex achieves the highest human-rated naturalness among all systems.")
    assert "human-rated naturalness" in metric_surfaces(e)


def test_more_is_no_value_frame_modifier(shipped):
    e = run(shipped, "Zorvex identifies up to 33% more agent errors than manual review does.")
    assert "more agent errors" not in metric_surfaces(e)


def test_level_is_no_value_frame_modifier(shipped):
    e = run(shipped, "Zorvex reaches human-level sorting accuracy of 91% on the quiz set.")
    assert "human-level sorting accuracy" not in metric_surfaces(e)
