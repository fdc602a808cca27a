"""Round 19 (branch wip-28n), Method and Model names: one name written right before a
head noun that says what it is ("the Quorbmap algorithm", "the ZRB3D detector").
Made-up names; each test fails without its change, the guards check what it must leave."""

from __future__ import annotations

from tests.extract_helpers import labels


def test_a_title_case_name_before_an_algorithm_head(ex):
    got = labels(ex, "Samples are then selected with the Quorbmap algorithm on each class graph.")
    assert got.get("Quorbmap") == "Method"
    assert "Quorbmap algorithm" not in got


def test_a_name_with_a_digit_before_a_detector_head(ex):
    got = labels(ex, "Tracking improves by 4 points when paired with the ZRB3D detector.")
    assert got.get("ZRB3D") == "Method"


def test_a_hyphenated_acronym_before_a_model_head(ex):
    got = labels(ex, "In particular, the T-QRX model gives the lowest error on held-out sites.")
    assert got.get("T-QRX") == "Method"


def test_a_versioned_name_before_model_is_a_model(ex):
    got = labels(ex, "Results show that the Zorbv7m-seg model gave the best masks of all runs.")
    assert got.get("Zorbv7m-seg") == "Model"


def test_a_common_word_before_a_head_is_a_kind(ex):
    # guard: "Transformer", "Diffusion", "Vision-Text-Layout" are common words in the corpus
    got = labels(
        ex,
        "We compare the Transformer model, a Diffusion framework and a Vision-Text-Layout "
        "encoder on quill slides.",
    )
    assert not {"Transformer", "Diffusion", "Vision-Text-Layout"} & set(got)


def test_a_setting_and_an_adjective_before_a_head_are_no_names(ex):
    # guard: an experiment's setting ("No-KV") and an adjective compound ("Zorb-based")
    got = labels(ex, "It is 3x faster than the No-QV baseline and the Zorb-based method.")
    assert "No-QV" not in got and "Zorb-based" not in got


def test_the_last_word_of_a_coordinated_name_is_not_a_name_alone(ex):
    # guard: "Knowledge Fusion and Quission method": "Quission" ends a longer name
    got = labels(ex, "We propose a class-aware Knowledge Fusion and Quission method for drift.")
    assert "Quission" not in got


def test_a_capitalised_run_before_a_baseline_head(ex):
    got = labels(ex, "Returns grow faster than with PPO and a Zorb Machine baseline on all maps.")
    assert got.get("Zorb Machine") == "Method"


def test_a_capitalised_run_before_an_agent_head(ex):
    got = labels(ex, "Our loop has an Actor step, and a Process Quorber agent assigns credit.")
    assert got.get("Process Quorber") == "Method"


def test_the_letters_of_a_backronym_are_no_names(ex):
    # "Produce inteRpretable polItical biaS ...", "Structured TOpology Preserving ...":
    # common words capitalised to spell the acronym
    got = labels(
        ex,
        "We introduce ZORP, a framework to Produce inteRpretable polItical ZorbS; it keeps "
        "Structured TOpology and a Smooth InterpoLation step.",
    )
    assert not {"inteRpretable", "polItical", "TOpology", "InterpoLation"} & set(got)


def test_coined_compounds_stay_names(ex):
    # guard: a capital that starts a word of its own ("QuorbSearch") or an uncommon word
    got = labels(ex, "We introduce QuorbSearch, a method for retrieval. It beats ZorbNet.")
    assert got.get("QuorbSearch") == "Method" and "ZorbNet" in got


def test_an_architecture_name_ending_in_net_is_a_method(ex):
    # GUIDELINES: architecture designs are Methods, downloadable pretrained networks Models
    got = labels(ex, "Our detector improves over QuorbMapNet and GlimFormer by 3 points in mAP.")
    assert got.get("QuorbMapNet") == "Method" and got.get("GlimFormer") == "Method"


def test_a_sized_net_or_one_said_to_be_a_model_stays_a_model(ex):
    # guard: a version or size after the name, or an appositive that says "model"
    got = labels(
        ex, "We fine-tune QuorbNet-50 on quill slides. ZorbNet, a foundation model, does worse."
    )
    assert got.get("QuorbNet-50") == "Model" and got.get("ZorbNet") == "Model"


def test_a_proposed_name_ending_in_bench_is_a_benchmark(ex):
    got = labels(ex, "We release QuorbBench to standardize protocol evaluation at scale.")
    assert got.get("QuorbBench") == "Benchmark"
    got = labels(ex, "We introduce Zorbbench, a framework designed to assess robust models.")
    assert got.get("Zorbbench") == "Benchmark"


def test_a_name_said_to_be_a_database_is_a_benchmark(ex):
    got = labels(
        ex, "We construct a large surgical database, QuorbVLM-DB, comprising 1.8 million frames."
    )
    assert got.get("QuorbVLM-DB") == "Benchmark"


def test_a_score_after_a_model_name_is_no_version(ex):
    got = labels(ex, "Scores: Ensemble 0.558 (0.537-0.579) and ZorbLM 0.522 (0.500-0.543).")
    assert "ZorbLM" in got and "ZorbLM 0.522" not in got


def test_a_participle_compound_before_a_head_is_no_name(ex):
    # guard: "GPU-optimized baselines", "an LLM-empowered agent": adjectives
    got = labels(ex, "It is faster than GPU-optimized baselines, and an LLM-empowered agent helps.")
    assert "GPU-optimized" not in got and "LLM-empowered" not in got
