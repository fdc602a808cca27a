"""Round 20 (branch wip-29ty), Model vs Method (and other type) decisions for named
systems: evidence that decides the type of a name the paper introduces or compares.
Made-up names and sentences; each test fails without its change, guards check what it
must leave."""

from __future__ import annotations

from kg.extract.rules import load_rules
from kg.extract.typing_rules import appositive_type
from tests.extract_helpers import labels


def test_an_acronym_in_parentheses_does_not_end_the_appositive():
    # "a ... supervised fine-tuning (SFT) corpus": the head after the acronym is read
    text = "We present QUORBA, a 90K-sample supervised fine-tuning (SFT) corpus for robots."
    end = text.index(",")
    assert appositive_type(text, end, load_rules()) == "Benchmark"


def test_a_proposed_corpus_with_an_acronym_in_its_appositive(ex):
    got = labels(
        ex,
        "We present QUORBA, a 90K-sample multi-view supervised fine-tuning (SFT) corpus for "
        "embodied agents in warehouses. Fine-tuning on QUORBA lowers the error rate by 12%.",
    )
    assert got.get("QUORBA") == "Benchmark"


def test_a_proposed_model_with_a_task_acronym_in_its_appositive(ex):
    got = labels(
        ex,
        "We introduce Zorbify-Q, a reasoning-induced no-reference image quality assessment "
        "(NR-IQA) model, trained with reinforcement learning to rank.",
    )
    assert got.get("Zorbify-Q") == "Model"


def test_guard_a_parenthesis_at_the_start_is_left_alone():
    # "(the ...)" right after the name is the parenthesised appositive, read as before
    text = "We build QUORBA (the largest corpus of quill slides) for the task."
    end = text.index(" (")
    assert appositive_type(text, end, load_rules()) == "Benchmark"


def test_a_proposal_cased_unlike_a_case_sensitive_concept_is_its_own_name(ex):
    # the vocabulary's case-sensitive "Adult" dataset is not the paper's "AdulT" method
    got = labels(
        ex,
        "We present a decoding rule that lowers object hallucination in captioning.",
        title="AdulT: Adaptive Decoding Under Latent Tokens",
    )
    assert "Adult" not in got
    assert got.get("AdulT") == "Method"


def test_a_title_name_cased_unlike_a_case_sensitive_model(ex):
    # "MISTRAL" (all capitals) is not the vocabulary's case-sensitive "Mistral" family
    got = labels(
        ex,
        "We present a routing of video tokens across scales that keeps long clips in memory.",
        title="MISTRAL: Multi-Scale Token Routing for Long Videos",
    )
    assert "Mistral" not in got
    assert got.get("MISTRAL") == "Method"


def test_guard_a_case_insensitive_concept_still_links():
    # guard: a concept without case_sensitive is linked whatever the case of the proposal
    from kg.extract.vocab import load_vocabulary

    v = load_vocabulary()
    cid = v.lookup("Chain-Of-Thought")
    assert cid is not None and v.spelled_as(cid, "Chain-Of-Thought")
    assert not v.spelled_as("benchmark/adult", "ADULT")


def test_a_family_variant_the_paper_calls_a_framework_is_a_method(ex):
    got = labels(
        ex,
        "We present Llama-Zorb, an end-to-end trading framework that turns news events "
        "into orders. Llama-Zorb lowers drawdown by 12%.",
    )
    assert got.get("Llama-Zorb") == "Method"


def test_a_family_variant_the_paper_calls_a_dataset_is_a_benchmark(ex):
    got = labels(
        ex,
        "We release Mistral-Quill, a large-scale multilingual dataset of quill captions "
        "for figure retrieval.",
    )
    assert got.get("Mistral-Quill") == "Benchmark"


def test_a_sized_name_the_paper_calls_a_dataset_is_a_benchmark(ex):
    got = labels(
        ex,
        "Applying this pipeline to web images yields Zorbs-150M, a refined dataset enriched "
        "with dense captions.",
    )
    assert got.get("Zorbs-150M") == "Benchmark"


def test_guard_a_clause_after_a_family_variant_keeps_the_model(ex):
    # "On X, our approach ...": a clause's subject, not an appositive
    got = labels(
        ex,
        "On Llama-Zorb-8B, our approach keeps 99% of the accuracy with 67% fewer tokens.",
    )
    assert got.get("Llama-Zorb-8B") == "Model"


def test_a_participle_after_the_head_ends_the_appositive(ex):
    # "a framework leveraging large language models": the framework is the head
    got = labels(
        ex,
        "We propose ZorbCap, a framework leveraging large language models for region "
        "captions in scans. ZorbCap lowers the error rate by 12%.",
    )
    assert got.get("ZorbCap") == "Method"


def test_a_participle_after_the_head_unit():
    rules = load_rules()
    text = "We present QuorbaNet, an ensemble approach combining a small language model and an LLM."
    assert appositive_type(text, text.index(","), rules) == "Method"


def test_guard_a_model_head_after_a_participle_free_phrase():
    # guard: no participle, the model head is read as before
    rules = load_rules()
    text = "We present QuorbaLM, a compact language model for legal text."
    assert appositive_type(text, text.index(","), rules) == "Model"


def test_the_first_typed_proposal_names_the_type(ex):
    # "we propose X, a new architecture ... we develop the X model": the introduction wins
    got = labels(
        ex,
        "We propose QuorbKAN, a new architecture based on spline layers and learnable "
        "activations. We develop the QuorbKAN model and integrate it into an advanced backbone.",
        title="QuorbKAN: Towards Faster Spline Networks",
    )
    assert got.get("QuorbKAN") == "Method"


def test_guard_one_typed_proposal_keeps_its_type(ex):
    got = labels(
        ex,
        "We introduce Quorbanext, a native multimodal model that reads text and audio.",
        title="Quorbanext: Lexicalizing Modalities",
    )
    assert got.get("Quorbanext") == "Model"


def test_a_gerund_subtitle_object_is_not_the_title_name(ex):
    # "X: Empowering MLLMs with ...": the models are what X acts on
    got = labels(
        ex,
        "We add geometric grounding to vision-language models for quill driving scenes.",
        title="Zorbdrive: Empowering Vision-Language Models with Quill Grounding",
    )
    assert got.get("Zorbdrive") == "Method"


def test_a_benchmarking_subtitle_names_a_benchmark(ex):
    got = labels(
        ex,
        "We introduce a novel benchmark of quill servers to test agents on real tasks.",
        title="Zorbverse: Benchmarking Large Language Models with Real Quill Servers",
    )
    assert got.get("Zorbverse") == "Benchmark"


def test_guard_a_making_gerund_or_an_adjective_keeps_the_model(ex):
    got = labels(
        ex,
        "We describe the data and the training of an optical reader for quill scripts.",
        title="Zorbocr: Building the First Open-Source Quill OCR Model",
    )
    assert got.get("Zorbocr") == "Model"
    got = labels(
        ex,
        "We describe a segmentation network for quill light fields.",
        title="Zorbseg: Self-Prompting Quill Segmentation Model for Light Fields",
    )
    assert got.get("Zorbseg") == "Model"


def test_a_name_ending_in_a_count_of_thousands_is_data(ex):
    got = labels(
        ex,
        "To train the agent, we construct QuorbParts20K from web objects and report a "
        "12% gain with it.",
    )
    assert got.get("QuorbParts20K") == "Benchmark"


def test_guard_a_sized_model_with_a_context_length_stays_a_model():
    from kg.extract.resolver import _COUNT_NAME

    assert _COUNT_NAME.search("Zorb-3-8B-262k") is None
    assert _COUNT_NAME.search("Zorb-600K") is not None


def test_guard_a_power_of_two_count_is_a_budget_not_data():
    from kg.extract.resolver import _COUNT_NAME

    assert _COUNT_NAME.search("QuorbKV-8k") is None
    assert _COUNT_NAME.search("Quorb-1K") is not None


def test_guard_a_count_the_text_gives_in_parameters_stays_a_model(ex):
    got = labels(
        ex,
        "QuorbSeg-108K (0.108 M parameters) is tuned for one centre, and it still reaches a "
        "Dice score of 0.81.",
    )
    assert got.get("QuorbSeg-108K") != "Benchmark"


def test_guard_after_an_untyped_introduction_the_last_typed_proposal_decides(ex):
    # "we propose X, introducing ...": no type; the method the paper trains decides, not
    # "the X dataset" it also builds
    got = labels(
        ex,
        "We propose QuorbCoT, introducing interleaved tokens for visual reasoning. We "
        "construct the QuorbCoT dataset of 54K problems. We further present a three-stage "
        "QuorbCoT training strategy.",
        title="QuorbCoT: Interleaved Visual Tokens for Reasoning",
    )
    assert got.get("QuorbCoT") != "Benchmark"
