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
