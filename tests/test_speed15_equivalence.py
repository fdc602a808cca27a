"""Round 15's speed-ups give exactly what the code they replace gave (property tests
against the replaced forms, kept here as references)."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import evidence, lists, resolver
from kg.extract.acronyms import _WORD, last_words
from kg.extract.ascii_twin import ascii_ok, ascii_twin
from kg.extract.normalise import singular_slug
from kg.extract.regex_factor import by_first_char
from kg.extract.rules import load_rules, patterns_dir
from kg.extract.state import _NON_WORD_TO_SPACE, _NON_WORD_TO_SPACE_BYTES
from kg.models import normalise_title

RULES = load_rules()
HARDWARE = json.loads((Path(patterns_dir()) / "hardware.json").read_text(encoding="utf-8"))
HW_PIECES = [
    "NVIDIA",
    "Nvidia",
    "A100",
    "H100",
    "GH200",
    "GB200",
    "AMD",
    "MI300X",
    "TPU",
    "TPUv4",
    "Trainium",
    "T4",
    "Apple",
    "M2",
    "GeForce",
    "RTX",
    "4090",
    "Intel",
    "x",
    "on",
    "-",
    ",",
    "a",
]
hw_texts = st.lists(st.sampled_from(HW_PIECES), max_size=20).map("".join) | st.lists(
    st.sampled_from(HW_PIECES), max_size=20
).map(" ".join)


def _reference_title(title: str) -> str:
    t = title
    if not t.isascii():
        t = unicodedata.normalize("NFKD", t)
        t = "".join(c for c in t if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", t.lower()).split())


def test_the_byte_table_folds_as_the_str_table():
    ascii_text = "".join(map(chr, range(128)))
    assert ascii_text.encode("ascii").translate(_NON_WORD_TO_SPACE_BYTES).decode(
        "ascii"
    ) == ascii_text.translate(_NON_WORD_TO_SPACE)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40) | st.text(alphabet="aZ_09 -:;.\t\n\x1c\x7f(é)", max_size=40))
def test_titles_fold_as_with_the_regex(title):
    assert normalise_title(title) == _reference_title(title)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aB1 \t\n\u00a0\u3000\x1c-.", max_size=30), st.integers(0, 6))
def test_last_words_start_where_the_word_matches_start(text, n):
    words = list(_WORD.finditer(text))[-n:]
    assert last_words(text, n) == (text[words[0].start() :] if words else None)


def test_every_url_hint_holds_a_sign_the_quick_test_looks_for():
    assert all(any(s in h for s in resolver._URL_SIGNS) for h in resolver._URL_HINTS)
    assert resolver._url_spans("Plain text with no link at all.") == []


def test_factoring_keeps_each_first_characters_branches_in_order():
    assert by_first_char(r"(?:A|Bc|A\d|B\d|AMD)") == r"(?:A(?:|\d|MD)|B(?:c|\d))"
    for pattern in (r"(?:A|[BC]\d)", r"A|B", r"(?:A(?:B)|C)", r"(?:a+|b)"):
        assert by_first_char(pattern) == pattern  # not a plain alternation of literal runs


@settings(max_examples=500, deadline=None)
@given(hw_texts)
def test_the_factored_hardware_trigger_matches_as_the_pattern_file_says(text):
    factored = load_rules().hardware_trigger
    assert factored.pattern != HARDWARE["trigger"]
    got = [m.span() for m in factored.finditer(text)]
    assert got == [m.span() for m in re.finditer(HARDWARE["trigger"], text)]


def _longest_first(words) -> str:  # the alternation evidence._alt built before round 15
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len)[::-1])


CUES = ["improves", "Improvement", "improvement in", "state-of-the-art", "lower", "low", "SOTA"]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(CUES + ["in", "IN", "the", " ", "  ", "\n", "-", "x", "sota", "s"]),
        max_size=12,
    ).map(" ".join)
)
def test_case_folded_cue_tries_match_as_the_longest_first_alternation(text):
    trie = re.compile(rf"(?<![\w-])(?P<cue>{evidence._alt(CUES)})(?![\w-])", re.IGNORECASE)
    old = re.compile(rf"(?<![\w-])(?P<cue>{_longest_first(CUES)})(?![\w-])", re.IGNORECASE)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in old.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Encoder", "Decoder", "MultiEncoder", "Encoders", "-", " ", "a"])
    ).map("".join)
)
def test_heads_trie_finds_a_head_where_the_plain_alternation_does(text):
    heads = frozenset({"Encoder", "Decoder", "Fusion"})
    plain = re.compile(rf"(?:{'|'.join(sorted(map(re.escape, heads)))})(?![\w-])")
    assert bool(evidence._heads_written(heads).search(text)) == bool(plain.search(text))


def test_singular_slug_is_memoised():
    singular_slug.cache_clear()
    assert singular_slug("Transformers") == singular_slug("Transformers") == "transformer"
    assert singular_slug.cache_info().hits == 1


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="aBé .-_1\n,(", max_size=12))
def test_last_word_read_back_equals_the_anchored_search(text):
    m = evidence._LAST_WORD.search(text)
    assert evidence.last_word(text) == ((m.start(1), m.group(1)) if m else None)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aZ9 ,-._+&/\t\n\x1cé(", max_size=40))
def test_the_ascii_twin_list_scan_finds_the_unicode_lists(text):
    first = lists._LIST.match(text)
    want = [first.span()] if first else []
    want += [m.span(1) for m in lists._LIST_AFTER.finditer(text, first.end() if first else 0)]
    assert lists.list_spans(text) == want


def test_ascii_twins_only_where_they_agree():
    assert ascii_ok("GPT-4, Llama and Qwen")
    assert not ascii_ok("GPT-4,\x1cLlama") and not ascii_ok("Qwen, Llama and Mistral é")
    assert [m.span() for m in lists._LIST_AFTER_ASCII.finditer(" A,\x1cB")] != [
        m.span() for m in lists._LIST_AFTER.finditer(" A,\x1cB")
    ]  # (why the separators \x1c-\x1f keep the Unicode scan)
    with pytest.raises(ValueError):
        ascii_twin(re.compile("using", re.IGNORECASE))


@settings(max_examples=500, deadline=None)
@given(hw_texts)
def test_one_look_behind_before_the_device_shapes_matches_one_per_shape(text):
    per_shape = re.compile(
        "|".join(
            rf"(?<![\w-])(?P<h{i}>{s['re']})(?:s(?![\w]))?"
            for i, s in enumerate(HARDWARE["shapes"])
        )
    )
    got = [(m.span(), m.lastgroup) for m in RULES.hardware.finditer(text)]
    assert got == [(m.span(), m.lastgroup) for m in per_shape.finditer(text)]
