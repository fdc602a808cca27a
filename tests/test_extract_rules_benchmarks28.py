"""What gets typed Benchmark on unseen papers (round 28, issue #16 items 3-4): names after
a bare "using" are tools, models and measures unless the text says they are data. The
rule tests fail without the rule (fixture vocabulary as in test_extract_rules); the
guards pass on both."""

from __future__ import annotations

from tests.extract_helpers import labels


def test_a_tool_after_using_is_no_benchmark(ex):
    got = labels(ex, "The judge prompt is optimised using ZORPA to reach 5% higher accuracy.")
    assert got.get("ZORPA") != "Benchmark"


def test_a_library_after_using_is_no_benchmark(ex):
    got = labels(
        ex, "We test the solver on a suite of problems using the QuandLib library with 5% gains."
    )
    assert got.get("QuandLib") != "Benchmark"


def test_a_used_name_with_a_data_noun_stays_a_benchmark(ex):
    # guard: "using X data" says the name is data
    got = labels(ex, "We evaluate ZorbNet using Zorbsat-2 data, improving accuracy by 5%.")
    assert got.get("Zorbsat-2") == "Benchmark"


def test_a_used_name_called_a_dataset_stays_a_benchmark(ex):
    # guard: an appositive that calls the used name a dataset
    got = labels(
        ex,
        "We evaluate refusal across 14 languages using PolyZorb, a multilingual safety "
        "dataset, and ZorbNet reaches 5% higher accuracy.",
    )
    assert got.get("PolyZorb") == "Benchmark"


def test_using_with_a_head_noun_still_lists_benchmarks(ex):
    # guard: "using benchmarks including X, Y and Z" names data
    got = labels(
        ex, "We evaluate ZorbNet using benchmarks including Quandle, Zorbix-2, and PlimQA."
    )
    assert got.get("Zorbix-2") == "Benchmark"


def test_a_model_variant_after_on_is_no_benchmark(ex):
    # "3.52x speedup on FLUX-1.Dev": a known model family with a version is the system run
    got = labels(
        ex, "ZorbNet achieves up to 3.52x speedup on Mistral-1.Dev and Zorbix-2, respectively."
    )
    assert got.get("Mistral-1") != "Benchmark"
    assert got.get("Mistral") == "Model"


def test_a_model_scale_after_on_is_no_benchmark(ex):
    got = labels(ex, "ZorbNet reaches 5% higher accuracy on GPT-4o-scale reasoning and Zorbix-2.")
    assert got.get("GPT-4o-scale") != "Benchmark"


def test_data_a_model_wrote_is_no_named_benchmark(ex):
    got = labels(ex, "ZorbNet trained on GPT-4o-regenerated text reaches 5% higher accuracy.")
    assert got.get("GPT-4o-regenerated") != "Benchmark"


def test_a_measure_with_its_threshold_is_no_benchmark(ex):
    got = labels(ex, "Our model is evaluated using macro-F1 0.5, precision and recall on Zorbix-2.")
    assert got.get("macro-F1 0.5") != "Benchmark"
    assert got.get("Zorbix-2") == "Benchmark"


def test_unknown_names_after_on_stay_benchmarks(ex):
    # guard: names no vocabulary knows as another type keep the list reading
    got = labels(ex, "ZorbNet improves accuracy by 3% on Quandle-7 and Zorbix-2.")
    assert got.get("Quandle-7") == "Benchmark"
    assert got.get("Zorbix-2") == "Benchmark"


def test_a_platform_after_on_is_no_benchmark(ex):
    # the noun after the item says what it is: a platform, a paradigm, hardware
    got = labels(
        ex, "We also evaluate ZorbNet on the Quandle-3 platform and reach 5% higher accuracy."
    )
    assert got.get("Quandle-3") != "Benchmark"


def test_a_paradigm_after_on_is_no_benchmark(ex):
    got = labels(ex, "ZorbNet improves accuracy by 5% on the Zorbix-2 paradigm.")
    assert got.get("Zorbix-2") != "Benchmark"


def test_names_before_a_data_noun_stay_benchmarks(ex):
    # guard: "images" is data
    got = labels(ex, "ZorbNet improves accuracy by 5% on Zorbix-2 and Quandle-3 images.")
    assert got.get("Zorbix-2") == "Benchmark"
    assert got.get("Quandle-3") == "Benchmark"


_ABSTRACT = "We release the benchmark and evaluate ten models on it."


def test_a_subtitle_description_is_no_benchmark(ex):
    # after the colon the title describes the resource; its name is before the colon
    got = labels(ex, _ABSTRACT, title="ZorbQA: Expert-Verified Zorb-Bin Dataset for Pose Zorbing")
    assert "Expert-Verified Zorb-Bin Dataset" not in got
    assert got.get("ZorbQA") == "Benchmark"


def test_a_subtitle_description_with_an_acronym_is_no_benchmark(ex):
    got = labels(ex, _ABSTRACT, title="ZorbRF: A Large-Scale RF Benchmark and Toolkit for Zorbing")
    assert "Large-Scale RF Benchmark" not in got


def test_a_named_challenge_in_a_subtitle_stays(ex):
    # guard: a head phrase that starts with a word written as a name
    got = labels(
        ex, _ABSTRACT, title="Zorbing at Scale: Results of the QuandAI Cervical Zorb Challenge"
    )
    assert got.get("QuandAI Cervical Zorb Challenge") == "Benchmark"
    got = labels(ex, _ABSTRACT, title="Zorbing Brains: Findings from the ZORB25 Challenge")
    assert got.get("ZORB25 Challenge") == "Benchmark"


def test_a_lower_case_long_form_is_no_dataset_name(ex):
    # the acronym names the dataset, its lower-case long form describes it
    got = labels(
        ex,
        "Furthermore, we construct a zorb scene rainy (ZSR) dataset of 900 image pairs, "
        "and ZorbNet improves PSNR by 2 dB on it.",
    )
    assert "zorb scene rainy" not in got
    assert got.get("ZSR") == "Benchmark"


def test_a_title_case_long_form_stays_the_name(ex):
    # guard
    got = labels(ex, "We introduce the Zorb Scene Rainy (ZSR) dataset of 900 image pairs.")
    assert got.get("Zorb Scene Rainy") == "Benchmark"


def test_a_baseline_after_over_is_no_benchmark(ex):
    got = labels(
        ex, "ZorbTrack achieves improvements of 6.5 success and 9.5 precision over QuandTrack."
    )
    assert got.get("QuandTrack") != "Benchmark"


def test_names_over_a_dataset_stay_benchmarks(ex):
    # guard: the data noun after the list's last name
    got = labels(ex, "We evaluate ZorbNet on 35 queries over the ZYC and Quandle check-in dataset.")
    assert got.get("ZYC") == "Benchmark"


def test_a_subtitle_phrase_holding_a_name_stays(ex):
    # guard: "The Thirteenth BioASQ Challenge": a word with capitals inside is a name
    got = labels(ex, _ABSTRACT, title="Overview of ZorbQA 2025: The Thirteenth ZorbQA Challenge")
    assert got.get("Thirteenth ZorbQA Challenge") == "Benchmark"
