"""Benchmarks named in result sentences that main never made entities (round 18, issue
#17): a known benchmark before a plural head, the other names of a list that ends in a
plural head, a list that opens a sentence ("On X and Y, ..."). Five tests fail on main
(fixture vocabulary as in test_extract_rules); the six guards pass on both."""

from __future__ import annotations

from tests.extract_helpers import labels


def test_a_known_benchmark_before_a_plural_head_after_a_cue(ex):
    got = labels(
        ex, "ZorbNet improves accuracy by 5% on commonsense reasoning and MMLU benchmarks."
    )
    assert got.get("MMLU") == "Benchmark"


def test_a_task_acronym_before_a_plural_head_stays_a_kind(ex):
    # a short all-capital word after a count names a kind of data (main agrees)
    got = labels(ex, "ZorbNet improves accuracy by 5% on six medical ZQA benchmarks.")
    assert "ZQA" not in got


def test_the_names_listed_before_a_plural_head(ex):
    got = labels(
        ex, "Experiments on Zorbix, Quandle, and Plimsoll benchmarks demonstrate 5% gains."
    )
    for name in ("Zorbix", "Quandle", "Plimsoll"):
        assert got.get(name) == "Benchmark", name


def test_two_names_before_a_plural_head_after_the(ex):
    got = labels(ex, "Our method improves accuracy on the Zorbix and Quandle benchmarks by 5%.")
    assert got.get("Zorbix") == "Benchmark"


def test_a_common_word_before_the_list_is_no_name(ex):
    # "Bangla, Existing datasets": no coordinator before a plain capitalised word
    got = labels(
        ex,
        "Hate speech detection for standard Zorbese, Existing datasets fail to address "
        "dialects; existing systems reach 60% accuracy.",
    )
    assert "Zorbese" not in got


def test_a_list_that_opens_a_sentence(ex):
    got = labels(ex, "On Gen-1X and N-Zorb101, ZorbDet achieves 5% higher accuracy.")
    assert got.get("N-Zorb101") == "Benchmark"
    assert got.get("Gen-1X") == "Benchmark"
    # the subject after the opening phrase is no data
    assert got.get("ZorbDet") != "Benchmark"


def test_an_opening_phrase_with_a_head_is_skipped(ex):
    got = labels(ex, "On five crack benchmarks, ZorbSeg outperforms prior methods by 5% accuracy.")
    assert got.get("ZorbSeg") != "Benchmark"


def test_a_numbered_part_is_no_dataset(ex):
    got = labels(ex, "On Task 2, ZorbDRO achieves a mean accuracy of 81%.")
    assert "Task 2" not in got


def test_a_device_after_an_opening_cue_is_no_dataset(ex):
    got = labels(ex, "On the MAX7800X microcontroller, ZorbNet reaches 90% accuracy.")
    assert got.get("MAX7800X") != "Benchmark"


def test_an_opening_item_that_modifies_a_noun_is_no_dataset(ex):
    got = labels(ex, "On ZLD extraction, cloud models achieve 77% pass rates.")
    assert got.get("ZLD") != "Benchmark"


def test_names_joined_by_slashes_in_an_opening_list(ex):
    got = labels(ex, "On ZorbQA/QuandQA (gold answers), ZorbNet improves accuracy by 5%.")
    assert got.get("ZorbQA") == "Benchmark"
    assert got.get("QuandQA") == "Benchmark"
