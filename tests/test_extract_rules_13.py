"""Round 13 (metrics): measure names on unseen papers. One test per rule on made-up
sentences, failing when the rule is removed (the shipped vocabulary: the rules read its
leaderboard labels and measure words)."""

from __future__ import annotations

from kg.models import Paper
from tests.extract_helpers import metric_surfaces


def run(ex, abstract: str, title: str = "A study of things"):
    return ex.extract(Paper(title=title, abstract=abstract))


def test_leaderboard_average_label_in_lower_case_is_the_plain_measure(shipped):
    e = run(shipped, "Our filter reduces the average success rate of four attacks to below 3%.")
    names = {e.entities[m.entity_id].label for m in e.mentions}
    assert "Average Success Rate" not in names
    assert "success rate" in metric_surfaces(e)


def test_improving_verb_reads_its_object_even_with_an_in_later(shipped):
    e = run(
        shipped,
        "Our renderer improves both rendering quality and scene realism in sparse-view settings.",
    )
    assert "rendering quality" in metric_surfaces(e)


def test_enhance_is_a_measurement_cue(shipped):
    e = run(shipped, "Our reranker enhances answer accuracy for rare entities.")
    assert "answer accuracy" in metric_surfaces(e)


def test_reporting_participle_ends_a_measure_name(shipped):
    e = run(
        shipped,
        "Our planner attains strong robustness and the excellent planning speed reported so far.",
    )
    assert "planning speed" in metric_surfaces(e)


def test_state_of_the_art_before_a_measure_phrase_ending_before_a_preposition(shipped):
    e = run(shipped, "Our avatar model reaches state-of-the-art motion quality from a few views.")
    assert "motion quality" in metric_surfaces(e)


def test_percentage_right_before_a_measure_name(shipped):
    e = run(shipped, "The planner designs valid circuits with only 6.2% behavioural model error.")
    assert "behavioural model error" in metric_surfaces(e)


def test_weak_measure_named_after_a_comparison_cue_and_in(shipped):
    e = run(
        shipped, "Sparse codes bring large reductions in memory and reconstruction error overall."
    )
    assert "reconstruction error" in metric_surfaces(e)


def test_measures_listed_after_a_measurement_frame(shipped):
    e = run(
        shipped,
        "Decoding gains grow with scale, and we report both visual plausibility and edit locality.",
    )
    assert "visual plausibility" in metric_surfaces(e)


def test_frame_cue_before_a_prepositional_phrase_lists_no_measure(shipped):
    e = run(shipped, "We measure the coupling between planning and truthfulness across scales.")
    assert "truthfulness" not in metric_surfaces(e)


def test_acronym_set_equal_to_a_value_is_a_metric(shipped):
    e = run(shipped, "On the clinic data the screener reaches PLQ = 0.42 and, at best, PLQ=61%.")
    assert "PLQ" in metric_surfaces(e)


def test_single_letter_or_count_set_equal_is_no_metric(shipped):
    e = run(shipped, "We sample with k = 0.5 and draw NS = 100 candidates per prompt.")
    assert not metric_surfaces(e) & {"k", "NS"}


def test_dimension_prefix_joins_a_vocabulary_measure(shipped):
    e = run(shipped, "Our detector improves 3D mAP by 4 points on indoor scans.")
    assert "3D mAP" in metric_surfaces(e)


def test_measure_in_a_purpose_clause_is_a_goal_not_a_metric(shipped):
    e = run(
        shipped,
        "Pruning is a common way to reduce the hosting cost of chat models. To ensure high "
        "label quality, we filter the data. Scaling tends to improve factuality.",
    )
    m = metric_surfaces(e)
    assert not m & {"hosting cost", "cost", "label quality", "quality"}
    assert "factuality" in m


def test_name_shaped_word_right_after_a_percentage_is_a_metric(shipped):
    # a shape candidate above the mined vocabulary's types (a mined name can be mistyped)
    text = "Our segmenter reaches 88.2% mIoU and 95.4% skelQ on the crack scans."
    st = shipped.state("A study of things", text)
    assert any(
        c.type == "Metric" and c.source == "metric_shape" and c.prio > 46
        for c in st.cands
        if st.text[c.start : c.end] == "skelQ"
    )
    assert "skelQ" in metric_surfaces(run(shipped, text))


def test_generation_is_a_stage_modifier_like_decoding(shipped):
    e = run(shipped, "The distilled sampler keeps fast generation speed on long inputs.")
    assert "generation speed" in metric_surfaces(e)


def test_parenthesised_list_after_a_metrics_noun(shipped):
    e = run(
        shipped,
        "We rate each system with a two-part evaluation framework (plot coherence and "
        "character drift), and cite prior work (Smith, 2024).",
    )
    m = metric_surfaces(e)
    assert {"plot coherence", "character drift"} <= m
    assert "Smith" not in m


def test_value_in_parentheses_after_a_measure_name(shipped):
    e = run(shipped, "The small planner attains the highest route validity score (71.4) overall.")
    assert "route validity score" in metric_surfaces(e)


def test_measure_name_before_a_component_noun_is_no_metric(shipped):
    e = run(shipped, "We train the encoder with an MSE objective and a dynamic KL control.")
    assert not metric_surfaces(e) & {"MSE", "KL"}


def test_short_form_the_text_defines_otherwise_is_not_the_vocabulary_measure(shipped):
    e = run(
        shipped,
        "Reliable spoken language understanding (SLU) needs robust automatic speech "
        "recognition (ASR). We collect audio for low-resource ASR and report word error rate.",
    )
    assert "ASR" not in metric_surfaces(e)


def test_sparsity_as_a_setting_is_no_metric(shipped):
    e = run(shipped, "We prune the chat model to 60% sparsity and keep its accuracy within 1%.")
    assert "sparsity" not in metric_surfaces(e)
    e = run(shipped, "Our codes beat dense baselines in terms of sparsity by a wide margin.")
    assert "sparsity" in metric_surfaces(e)


def test_measure_after_a_capitalised_optimising_verb_is_a_tool(shipped):
    e = run(
        shipped,
        "Retrieval improves when two views agree; accuracy rises by 3%.",
        title="Minimizing KL Divergence Between Views Improves Retrieval",
    )
    assert not {m.lower() for m in metric_surfaces(e)} & {"kl", "kl divergence"}


def test_fertility_is_a_measure_word(shipped):
    e = run(shipped, "We benchmark six models on court rulings, measuring subword fertility.")
    assert "subword fertility" in metric_surfaces(e)


def test_measure_like_definition_before_a_task_head_is_a_benchmark(shipped):
    e = run(shipped, "On the Long-Range Key Recall (LRKR) synthetic task, our layer is 5x better.")
    t = {m.text: e.entities[m.entity_id].type for m in e.mentions}
    assert t.get("LRKR") == "Benchmark"


def test_measure_written_as_a_proper_name_after_agreement_using(shipped):
    e = run(
        shipped,
        "Three raters label each answer, and we check inter-rater agreement using "
        "Krippendorff's Alpha between the raters and the judge.",
    )
    assert "Krippendorff's Alpha" in metric_surfaces(e)


def test_title_case_measure_name_written_in_sentence_case(shipped):
    e = run(shipped, "Our vocoder lowers the Fréchet audio distance on every speaker set.")
    assert "Fréchet audio distance" in metric_surfaces(e)
