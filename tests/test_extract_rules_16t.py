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


def test_list_after_a_cue_noun_takes_its_type(ex):
    e = run(
        ex,
        "We compare against existing decoders, including ZORBA, KEL-MIX and a greedy rule. "
        "Results hold on datasets such as QuarryQA and Fennel-Set.",
    )
    t = typed(e)
    assert t.get("ZORBA") == "Method" and t.get("KEL-MIX") == "Method"
    assert t.get("QuarryQA") == "Benchmark" and t.get("Fennel-Set") == "Benchmark"


def test_list_after_a_comparison_is_methods_without_a_known_member(ex):
    e = run(ex, "Our planner outperforms TROVE, PLANX and HELIOS-2 on the long tasks.")
    t = typed(e)
    assert t.get("TROVE") == "Method" and t.get("PLANX") == "Method"


def test_short_vocabulary_alias_in_a_cue_list_takes_the_cue_type(ex):
    # "ZQA" is a benchmark in the fixture vocabulary; here it is one of three attacks
    e = run(ex, "We test three gradient-based attacks (ZQA, QRAX, Stealthor) on the ranker.")
    t = typed(e)
    assert t.get("ZQA") == "Method" and t.get("Stealthor") == "Method"


def test_title_case_item_around_a_known_name_is_kept_whole(ex):
    e = run(
        ex,
        "We evaluate pruning methods Gated Sparse Autoencoder, Prompt Dropout and Auto-Fair "
        "on the test set.",
    )
    t = typed(e)
    assert t.get("Gated Sparse Autoencoder") == "Method"
    assert "Sparse Autoencoder" not in t


def test_unjoined_last_item_that_starts_a_clause_is_not_listed(ex):
    e = run(
        ex,
        "Unlike jailbreak attacks such as OrcaHack, PlatyJail, ShareBreak, NoiseGuard "
        "consistently blocks harmful requests.",
    )
    assert {m.text for m in e.mentions if m.source == "list"} == {
        "OrcaHack",
        "PlatyJail",
        "ShareBreak",
    }


def test_title_name_with_a_bench_suffix_is_a_benchmark(ex):
    e = run(
        ex,
        "We present TrellisBench to test planning. Results show that LLMs fail at long plans.",
        title="TrellisBench: Evaluating LLMs on Long-Horizon Planning",
    )
    assert typed(e).get("TrellisBench") == "Benchmark"


def test_name_written_with_a_size_is_a_model(ex):
    e = run(
        ex,
        "We introduce Marmot, trained on public code. Marmot-8B beats larger systems on our "
        "suite while Marmot-1B runs on phones.",
        title="Marmot: Efficient Code Completion",
    )
    assert typed(e).get("Marmot") == "Model"


def test_head_noun_and_comma_before_a_new_name_type_it(ex):
    e = run(
        ex,
        "We extend the multilingual captioning dataset, CapTaLa, which covers six languages. "
        "We also propose a novel model, VistaEye, featuring a guided fusion module.",
    )
    t = typed(e)
    assert t.get("CapTaLa") == "Benchmark"
    assert t.get("VistaEye") == "Model"


def test_head_noun_before_a_clause_subject_does_not_type_it(ex):
    e = run(
        ex,
        "We propose GR-TTAX for adaptation. On the ImageNet-based benchmark, GR-TTAX improves "
        "accuracy from 57.1 to 60.2.",
    )
    assert typed(e).get("GR-TTAX") == "Method"


def test_unknown_name_takes_the_head_noun_after_it(ex):
    e = run(
        ex,
        "Notably, the FlickNets model family trained with our regularizer improves accuracy.",
    )
    assert typed(e).get("FlickNets") == "Model"


def test_sized_checkpoints_of_an_acronym_method_leave_the_method_a_method(ex):
    e = run(ex, "We propose VQ-RFT, a fine-tuning recipe. VQ-RFT-4B outperforms larger models.")
    assert typed(e).get("VQ-RFT") == "Method"


def test_noun_before_a_measure_is_part_of_its_name(ex):
    e = run(
        ex,
        "The tracker keeps high joint accuracy at 30 FPS and improves the state of the art "
        "in 3D tracking accuracy by 4%.",
    )
    t = typed(e)
    assert t.get("joint accuracy") == "Metric"
    assert t.get("3D tracking accuracy") == "Metric"
    assert "accuracy" not in t


def test_verb_or_adjective_before_a_measure_is_not_part_of_its_name(ex):
    e = run(
        ex,
        "Pruning cuts latency by 40%, reducing latency further, with competitive accuracy "
        "of 91% and marginal accuracy loss.",
    )
    t = typed(e)
    assert "reducing latency" not in t and "competitive accuracy" not in t
    assert "marginal accuracy" not in t and t.get("latency") == "Metric"


def test_measures_named_in_a_comparison_are_metrics(ex):
    e = run(
        ex,
        "FlowTalk outperforms prior avatars in rendering quality, mouth synchronisation, and "
        "motion consistency, and improves both the geometric fidelity and texture sharpness.",
    )
    t = typed(e)
    for name in (
        "rendering quality",
        "mouth synchronisation",
        "motion consistency",
        "geometric fidelity",
        "texture sharpness",
    ):
        assert t.get(name) == "Metric", name


def test_comparison_phrase_with_a_verb_or_a_definition_is_not_a_metric(ex):
    e = run(
        ex,
        "It outperforms baselines in ranking, lifting generation quality, and improves factual "
        "precision (FacPrec) on long answers.",
    )
    t = typed(e)
    assert "lifting generation quality" not in t and "generation quality" not in t
    assert "factual precision" not in t or t.get("FacPrec") is not None


def test_acronym_before_a_method_head_is_a_method_named_in_passing(ex):
    e = run(
        ex,
        "Fusion is refined with QXAM attention and the SWAU activation function, while an "
        "LLM pipeline and an ODE solver handle the rest.",
    )
    t = typed(e)
    assert t.get("QXAM") == "Method" and t.get("SWAU") == "Method"
    assert "LLM" not in t and "ODE" not in t


def test_appositive_beats_a_model_like_ending(ex):
    e = run(ex, "We tackle forgetting with PatchCoder, a method that critiques each edit.")
    assert typed(e).get("PatchCoder") == "Method"


def test_new_name_after_a_reported_number_is_a_metric(ex):
    e = run(ex, "It reaches 91.3% mIoU and 97.1% tubeDice on the crack images at 80 FPS.")
    assert typed(e).get("tubeDice") == "Metric"


def test_defined_name_with_a_bench_part_is_a_benchmark(ex):
    e = run(ex, "The gap also appears on RiverBench-Sim (RBSim) with the same models.")
    assert typed(e).get("RiverBench-Sim") == "Benchmark"


def test_known_benchmark_joined_to_capitalised_chunks_is_kept_whole(ex):
    e = run(ex, "We report accuracy on GSM8K-Hard-Lite across five seeds.")
    t = typed(e)
    assert t.get("GSM8K-Hard-Lite") == "Benchmark" and "GSM8K" not in t


def test_a_proposed_task_is_not_an_entity(ex):
    e = run(
        ex,
        "We introduce Slide Talk Matching (STM), a new task that links talks to slides. "
        "We propose DuoPick, a coupled framework for task and reference selection.",
    )
    t = typed(e)
    assert "Slide Talk Matching" not in t and "STM" not in t
    assert t.get("DuoPick") == "Method"


def test_short_benchmark_alias_before_task_names_the_task(ex):
    e = run(ex, "We extend the method to a long-form ZQA task built from charts.")
    assert "ZQA" not in typed(e)
    e = run(ex, "On non-arithmetic ZQA tasks, retention drops sharply.")
    assert typed(e).get("ZQA") == "Benchmark"


def test_known_method_inside_a_longer_name_is_kept_whole(ex):
    e = run(
        ex,
        "We then apply Energy-Based Direct Preference Optimization to the bidder. Using "
        "Sparse Autoencoder features helps.",
    )
    t = typed(e)
    assert t.get("Energy-Based Direct Preference Optimization") == "Method"
    assert "Direct Preference Optimization" not in t
    assert t.get("Sparse Autoencoder") == "Method"  # a sentence's first word stays out
