"""Round 14 (novel names): names in no vocabulary on unseen papers. One test per rule on
made-up sentences and names, each failing when its rule is removed."""

from __future__ import annotations

from kg.models import Paper
from tests.extract_helpers import metric_surfaces


def run(ex, abstract: str, title: str = "A study of things"):
    return ex.extract(Paper(title=title, abstract=abstract))


def typed(e) -> dict[str, str]:
    """Entity label -> type."""
    return {x.label: x.type for x in e.entities.values()}


def test_defined_task_name_is_no_method(shipped):
    e = run(
        shipped,
        "Existing work on Harbor Drone Detection (HDD) is limited. We propose Zorvex, a "
        "lightweight network that improves HDD accuracy.",
    )
    labels = typed(e)
    assert "Harbor Drone Detection" not in labels
    assert labels.get("Zorvex") == "Method"


def test_backronym_with_a_preposition_ending_in_a_task_head_stays(shipped):
    e = run(
        shipped,
        "We introduce QUILTSUM (Quilted Early Exit Model for Summarization), a lightweight "
        "approach that cuts latency by 20%.",
    )
    assert "QUILTSUM" in {m.text for m in e.mentions}


def test_appositive_head_after_comma_separated_adjectives(shipped):
    e = run(
        shipped,
        "We introduce Quiltora, a new globally diverse, multimodal dataset combining radar "
        "and optical images. Models pre-trained on Quiltora improve accuracy.",
    )
    assert typed(e).get("Quiltora") == "Benchmark"


def test_defined_name_an_appositive_calls_a_dataset_is_a_benchmark(shipped):
    e = run(
        shipped,
        "We further introduce QWLC (Quilting Woven Loom Clues), a long video question "
        "answering dataset with 500 videos.",
    )
    assert typed(e).get("QWLC") == "Benchmark" or typed(e).get("Quilting Woven Loom Clues") == (
        "Benchmark"
    )


def test_name_shaped_word_typed_by_its_appositive(shipped):
    e = run(
        shipped,
        "The suite has two parts: QTX-Real, a high-quality real-world dataset built by "
        "annotators, and QTX-Syn, a large-scale synthetic benchmark with controllable "
        "operations.",
    )
    labels = typed(e)
    assert labels.get("QTX-Real") == "Benchmark"
    assert labels.get("QTX-Syn") == "Benchmark"


def test_plural_acronym_defined_otherwise_drops_the_vocabulary_sense(shipped):
    e = run(
        shipped,
        "LLMs cluster into two categories: reasoning models (RMs) and conversational models "
        "(CMs). RMs tend towards rational play.",
    )
    assert "reward model" not in {x.label for x in e.entities.values()}


def test_title_description_after_an_article_is_no_benchmark_name(shipped):
    e = run(
        shipped,
        "We introduce QuiltBench, which evaluates agents in closed-loop settings.",
        title="QuiltBench: A Closed-Loop Benchmark for Weaving Agents",
    )
    labels = typed(e)
    assert "Closed-Loop Benchmark" not in labels
    assert labels.get("QuiltBench") == "Benchmark"


def test_capitalised_description_with_capitalised_head_is_the_proposal(shipped):
    e = run(
        shipped,
        "We propose an Active Quilting Network to predict the clinical risk of patients.",
    )
    assert typed(e).get("Active Quilting Network") == "Method"
    assert "Active Quilting Network" in {e.entities[p.entity].label for p in e.proposes}


def test_unknown_names_listed_after_on_in_a_result_sentence_are_benchmarks(shipped):
    e = run(
        shipped,
        "We propose Zorvex. Zorvex achieves relative improvements of 23.2% and 66.6% over "
        "strong baselines on QuiltSCAN, WeaveARC, and LoomQA, respectively.",
    )
    labels = typed(e)
    assert labels.get("QuiltSCAN") == "Benchmark"
    assert labels.get("WeaveARC") == "Benchmark"


def test_preposition_is_no_modifier_of_a_measure(shipped):
    e = run(
        shipped,
        "We introduce governability as a primary evaluation axis alongside accuracy. "
        "Zorvex achieves 91% accuracy.",
    )
    assert "alongside accuracy" not in metric_surfaces(e)


def test_word_after_an_adverb_is_a_verb_not_a_measure_modifier(shipped):
    e = run(
        shipped,
        "An adapter-based fusion model combines shared weights to efficiently share model "
        "parameters while reducing memory usage by 40%.",
    )
    assert "share model parameters" not in metric_surfaces(e)


def test_task_phrase_from_the_title_is_no_method(shipped):
    e = run(
        shipped,
        "Quilt Sign Language Translation (QSLT) has been constrained by the lack of data. "
        "Dataset creation for QSLT is of great importance. We present a dataset of 2,000 "
        "videos and benchmark three models on it.",
        title="Quilt Sign Language Translation: Dataset Creation Challenges and Prospects",
    )
    assert "Quilt Sign Language Translation" not in typed(e)


def test_lower_case_definition_followed_by_a_method_head_is_kept(shipped):
    e = run(
        shipped,
        "To elicit this capability, we propose the quilted neural anchors (QNA) framework, "
        "which employs a coarse-to-fine mechanism. Experiments show that QNA achieves "
        "superior detection performance.",
    )
    assert "QNA" in {m.text for m in e.mentions}


def test_defined_name_followed_by_problem_is_no_method(shipped):
    e = run(
        shipped,
        "We formalize the Quilt-Aware Precision Weaving (QAPW) problem, show that it is "
        "NP-hard, and give a 2-approximation algorithm for QAPW.",
    )
    labels = typed(e)
    assert "Quilt-Aware Precision Weaving" not in labels and "QAPW" not in labels


def test_defined_name_takes_its_type_from_its_last_word(shipped):
    e = run(
        shipped,
        "We detect out-of-distribution points via Quilt Score Propagation (QSP), which "
        "spreads scores over a graph. QSP improves AUROC by 5%.",
    )
    labels = typed(e)
    assert labels.get("Quilt Score Propagation", labels.get("QSP")) == "Method"


def test_unknown_names_in_parentheses_after_evaluation_scenarios_are_benchmarks(shipped):
    e = run(
        shipped,
        "We propose Zorvex. Experiments across three diverse scenarios (Quilt-Intent, "
        "WeaveRec2.0, and LoomQA) demonstrate that Zorvex achieves strong performance.",
    )
    labels = typed(e)
    assert labels.get("Quilt-Intent") == "Benchmark"
    assert labels.get("WeaveRec2.0") == "Benchmark"
