"""Round 21 (vocabulary precision): vocabulary hits that are part of something else.
One test per rule on made-up sentences, failing when the rule is removed (fixture
vocabulary as in test_extract_rules)."""

from __future__ import annotations

from kg.models import Paper


def run(ex, abstract: str, title: str = "A study of things"):
    return ex.extract(Paper(title=title, abstract=abstract))


def surfaces(e) -> set[str]:
    return {m.text for m in e.mentions}


def test_capitalised_tail_of_a_hyphenated_name_is_not_the_vocabulary_concept(ex):
    # the vocabulary label is the tail of a longer hyphenated name, as "X-rays" is of a
    # compound word
    e = run(ex, "We fine-tune with Sparse-Low-Rank Adaptation and compare it with plain tuning.")
    assert "Low-Rank Adaptation" not in surfaces(e)
    e = run(ex, "We fine-tune with Low-Rank Adaptation and compare it with plain tuning.")
    assert "Low-Rank Adaptation" in surfaces(e)


def test_acronym_the_text_defines_as_a_task_is_not_the_vocabulary_concept(ex):
    # an acronym the text defines as a kind of thing is not the vocabulary's concept
    e = run(
        ex,
        "We build a planner for shared autonomous vehicles (SAE); SAE fleets need new"
        " dispatch policies.",
    )
    assert "SAE" not in surfaces(e)
    e = run(ex, "We train a sparse autoencoder (SAE) on activations; SAE features are sparse.")
    assert "SAE" in surfaces(e)


def test_vocabulary_method_after_a_capitalised_modifier_in_the_title_only(ex):
    # "Pruned Chain-of-Thought": the tail of the paper's own longer name
    title = "Pruned Chain-of-Thought for Small Reasoners"
    e = run(ex, "We shorten the reasoning traces of small models without losing accuracy.", title)
    assert "Chain-of-Thought" not in surfaces(e)
    # named in the abstract too: the technique itself
    e = run(ex, "We shorten chain-of-thought traces of small models.", title)
    assert "Chain-of-Thought" in surfaces(e)
    # after a function word: the technique itself
    e = run(ex, "We shorten the reasoning traces of small models.", "Pruning with Chain-of-Thought")
    assert "Chain-of-Thought" in surfaces(e)


def test_capitalised_adjectival_compound_is_not_a_method(tmp_path):
    # a title's "Zorb-Driven" is the adjective "Zorb-driven", whatever the vocabulary says
    import json
    import shutil
    from pathlib import Path

    from kg.extract import Extractor

    vocab = tmp_path / "vocab"
    shutil.copytree(Path(__file__).parent / "fixtures" / "extract" / "vocab", vocab)
    concept = {"id": "method/zorbdriven", "type": "Method", "prefLabel": "Zorb-Driven"}
    (vocab / "mined_methods.jsonl").write_text(
        json.dumps(concept | {"source": "mined", "papers": 3}) + "\n", encoding="utf-8"
    )
    ex = Extractor(vocab_dir=vocab)
    e = run(ex, "We study process control.", "Zorb-Driven Heuristic Synthesis for Process Control")
    assert "Zorb-Driven" not in surfaces(e)


def _extractor_with(tmp_path, *concepts: dict):
    """The fixture vocabulary plus `concepts` (curated methods)."""
    import json
    import shutil
    from pathlib import Path

    from kg.extract import Extractor

    vocab = tmp_path / "vocab"
    shutil.copytree(Path(__file__).parent / "fixtures" / "extract" / "vocab", vocab)
    with (vocab / "methods.jsonl").open("a", encoding="utf-8") as fh:
        for c in concepts:
            fh.write(json.dumps(c | {"type": "Method", "source": "curated"}) + "\n")
    return Extractor(vocab_dir=vocab)


def test_vocabulary_method_named_by_a_problem_head_is_no_method(tmp_path):
    # "cross-site generalization": a research problem or an ability, not a technique
    ex = _extractor_with(
        tmp_path,
        {"id": "method/cross-site-generalization", "prefLabel": "cross-site generalization"},
        {"id": "method/gradient-surgery", "prefLabel": "gradient surgery"},
    )
    e = run(ex, "Gradient surgery yields robust cross-site generalization on new hospitals.")
    assert "cross-site generalization" not in surfaces(e)
    assert "Gradient surgery" in surfaces(e)


def test_leaderboard_label_of_an_averaged_measure_names_the_measure(tmp_path):
    # "an average accuracy of 89.2%" names accuracy, not the leaderboard's label
    import json
    import shutil
    from pathlib import Path

    from kg.extract import Extractor

    vocab = tmp_path / "vocab"
    shutil.copytree(Path(__file__).parent / "fixtures" / "extract" / "vocab", vocab)
    concept = {"id": "metric/pwc-average-accuracy", "type": "Metric", "source": "pwc"}
    (vocab / "pwc_metrics.jsonl").write_text(
        json.dumps(concept | {"prefLabel": "Average Accuracy"}) + "\n", encoding="utf-8"
    )
    ex = Extractor(vocab_dir=vocab)
    e = run(ex, "Our tagger reaches an average accuracy of 89.2% on the held-out reports.")
    assert "average accuracy" not in surfaces(e)
    assert "accuracy" in surfaces(e)


def test_title_case_leaderboard_phrase_in_the_title_is_the_phrase(ex):
    # "from Open Meadows Imagery": the title's capitals say nothing
    e = run(ex, "We count sheep in drone images.", "Grazing Patterns from Open Meadows Imagery")
    assert "Open Meadows" not in surfaces(e)
    e = run(ex, "We count sheep in drone images from Open Meadows.")
    assert "Open Meadows" in surfaces(e)


def test_leaderboard_benchmark_the_paper_calls_a_task_is_the_task(ex):
    # "Open Meadows, the task of mapping ...": the task throughout the paper
    e = run(
        ex,
        "Open Meadows, the task of mapping pastures from drone images, is hard. We study"
        " Open Meadows with a small segmenter.",
    )
    assert "Open Meadows" not in surfaces(e)
    e = run(ex, "We study Open Meadows with a small segmenter.")
    assert "Open Meadows" in surfaces(e)


def test_measure_before_a_training_signal_head_is_no_metric(ex):
    # "an F1 objective": a training signal, not a result
    e = run(ex, "We train the decoder with an F1 objective and report results on three corpora.")
    assert "F1" not in surfaces(e)
    e = run(ex, "Our decoder reaches an F1 of 71.2 on three corpora.")
    assert "F1" in surfaces(e)
