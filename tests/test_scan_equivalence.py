"""The speed-ups that find regex matches from cheap anchors give exactly the matches
of a plain `finditer` (property tests over texts built from cue words and noise)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import benchmarks, evidence, lists, pipeline, proposals, resolver
from kg.extract.acronyms import _REVERSE, _reverse_matches
from kg.extract.rules import load_rules
from kg.extract.state import _WORDS, DocState, words_of

RULES = load_rules()
PIECES = [
    "we",
    "We",
    "propose",
    "introduce",
    "present",
    "on",
    "in",
    "On",
    "such",
    "as",
    "using",
    "the",
    "benchmark",
    "Benchmark",
    "datasets",
    "dataset",
    "data",
    "set",
    "suite",
    "called",
    "dubbed",
    "named",
    "our",
    "method",
    "release",
    "GSM8K",
    "MMLU",
    "SAE",
    "(",
    ")",
    ",",
    ".",
    "-",
    "so",
    "X-Bench",
    "and",
    "sparse",
    "autoencoders",
    "(SAEs)",
    "\n",
    "ß",
    "İ",
    "Foo-2",
    "include",
    "includes",
    "corpus",
    "including",
    "like",
    "e.g.,",
    "namely",
    "achieves",
    "reaching",
    "91.2",
    "up to",
    "HarmBench",
    "Bench",
    "-bench",
    "SWE-bench",
    "Verified",
    "v2",
    "Eval",
    "  ",
    "\t",
    "(X-Bench)",
    "Bench-2",
    "incorporates",
    "is composed of",
    "consists of",
    "C++",
    "GPT-4o",
    "Llama 3",
    "iPhone",
    "&",
    "or",
    "/",
]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map(lambda ws: " ".join(ws)) | st.text(
    max_size=60
)

CASES = [
    (RULES.proposal_verb_re, RULES.proposal_verb_first, 0),
    (RULES.standalone_naming_re, RULES.naming_first, 0),
    (RULES.own_work_re, RULES.own_work_first, 0),
    (RULES.release_after_re, proposals._WE, 0),
    (benchmarks._LIST_START, benchmarks._LIST_FIRST, 0),
    (benchmarks._HEAD_AFTER, benchmarks._HEAD_FIRST, 1),
    (RULES.metric_value_verb_re, RULES.metric_value_verb_first, 0),
]


def spans(ms):
    return [(m.span(), m.group()) for m in ms]


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(0, 20))
def test_finditer_words_equals_finditer(text, pos):
    state = DocState(text, 0)
    for regex, first, lead in CASES:
        assert spans(state.finditer_words(regex, first, pos, lead=lead)) == spans(
            regex.finditer(text, pos)
        ), regex.pattern[:60]


@settings(max_examples=300, deadline=None)
@given(texts)
def test_bench_suffix_regions_equal_finditer(text):
    assert spans(benchmarks.bench_suffix_matches(text)) == spans(
        benchmarks._BENCH_SUFFIX.finditer(text)
    )


_URL_PIECES = [
    "see",
    "https://github.com/a/b",
    "www.x.org",
    "foo.com/bar",
    "hf.co/m",
    "(https://x.io/y).",
    "github.com",
    "huggingface.co/d",
    "a.edu/",
    "://",
    ".",
    ",",
    "\n",
    "code",
    "at",
]
url_texts = st.lists(st.sampled_from(_URL_PIECES), max_size=20).map(
    lambda ws: " ".join(ws)
) | st.text(max_size=60)


@settings(max_examples=300, deadline=None)
@given(url_texts)
def test_url_chunks_equal_finditer(text):
    assert resolver._url_spans(text) == [m.span() for m in resolver._URL.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(texts)
def test_reverse_acronyms_from_parentheses_equal_finditer(text):
    assert spans(_reverse_matches(text)) == spans(_REVERSE.finditer(text))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_list_spans_from_the_character_before_equal_finditer(text):
    assert lists.list_spans(text) == [m.span() for m in lists._LIST.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(texts | st.text(alphabet="aZ09 -_.,é\n\t", max_size=40))
def test_words_without_a_regex_equal_findall(text):
    low = text.lower()
    assert words_of(low) == frozenset(_WORDS.findall(low))


@settings(max_examples=300, deadline=None)
@given(texts | st.text(alphabet="aA. !?\n\"')(", max_size=40))
def test_sentence_ends_from_their_characters_equal_finditer(text):
    assert spans(pipeline._sentence_ends(text)) == spans(pipeline._SENT_END.finditer(text))


_CAP_RUN_BEFORE = re.compile(  # round 12's form: a look-behind first
    r"(?<=[a-z,;] )((?:[A-Z][a-z]+|[A-Z][a-z]*(?:-[A-Za-z][a-z]*)+|[A-Z]{2,5}|[234]D)"
    r"(?: (?:[A-Z][a-z]+|[A-Z][a-z]*(?:-[A-Za-z][a-z]*)+|[A-Z]{2,5}|[234]D)){1,3})(?![\w-])"
)


@settings(max_examples=300, deadline=None)
@given(texts | st.text(alphabet="aA ,;-D3", max_size=40), st.integers(0, 20))
def test_title_case_runs_from_the_space_before_equal_the_look_behind_form(text, start):
    got = [m.span(1) for m in evidence._CAP_RUN.finditer(text, max(0, start - 1))]
    assert got == [m.span(1) for m in _CAP_RUN_BEFORE.finditer(text, start)]


def test_words_drop_leading_digits():
    assert words_of("7b and 2024, x86 1a2b 3.5") == {"b", "and", "x86", "a2b"}


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(0, 20))
def test_part_verbs_from_their_words_equal_finditer(text, pos):
    state = DocState(text, 0)
    firsts = state.present_firsts(proposals._PART_VERB_CUES)
    assert spans(state.finditer_words(proposals._PART_VERBS, firsts, pos)) == spans(
        proposals._PART_VERBS.finditer(text, pos)
    )


def test_the_properties_see_matches():
    # the generated texts do reach the patterns (else the properties above prove nothing)
    text = (
        "We propose Foo-2 , dubbed X-Bench , on GSM8K , MMLU and the MMLU benchmark . SAE (sparse "
        "autoencoders)"
        " . It achieves 91.2 accuracy"
    )
    state = DocState(text, 0)
    for regex, first, lead in CASES[:2] + CASES[4:]:
        assert spans(state.finditer_words(regex, first, lead=lead)), regex.pattern[:60]
    assert spans(_reverse_matches(text))
    assert spans(benchmarks.bench_suffix_matches(text + " HarmBench v2 , GEO-Bench Verified"))
    assert resolver._url_spans("code at https://github.com/a/b and hf.co/m.")
    assert len(lists.list_spans("GSM8K, MMLU and C++, (GPT-4o or Llama 3)")) == 2
    assert lists.list_spans("MMLU and GSM8K") == [(0, 14)]  # a list at the very start
    assert len(spans(pipeline._sentence_ends("A b. C d!\n\nE f? (G) h."))) == 3
    part = DocState("X is composed of A and incorporates B", 0)
    got = part.finditer_words(proposals._PART_VERBS, part.present_firsts(proposals._PART_VERB_CUES))
    assert len(spans(got)) == 2


def test_overlapping_cues_are_not_matched_twice():
    # "including" lies inside the match that starts at "on": finditer does not see it again
    text = "We evaluate on the datasets including GSM8K and on benchmarks such as MMLU."
    state = DocState(text, 0)
    got = spans(state.finditer_words(benchmarks._LIST_START, benchmarks._LIST_FIRST))
    assert got == spans(benchmarks._LIST_START.finditer(text))
    assert len(got) == 2


@pytest.mark.parametrize(
    "text",
    [
        "on GEO-Bench Verified and HarmBench v2.",
        "SWE-bench Lite,",
        "X-Bench  Pro",
        "FooBench\nEval",
        "a HarmBench",
    ],
)
def test_bench_suffix_regions_reach_the_word_after(text):
    # the suffix word after the hint's chunk ("Verified", "v2") is inside the scanned region
    assert spans(benchmarks.bench_suffix_matches(text)) == spans(
        benchmarks._BENCH_SUFFIX.finditer(text)
    )
