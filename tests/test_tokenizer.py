"""The ML tokenizer: token boundaries that line up with ML names (data-driven cases)."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import tokenizer as tokenizer_module
from kg.extract.tokenizer import chunk_tokens, ml_tokenizer

CASES = [
    # hyphens split, so every sub-name starts and ends on a boundary
    ("Llama-3.1-8B-Instruct", ["Llama", "-", "3.1", "-", "8B", "-", "Instruct"]),
    ("Qwen2.5-Math-7B.", ["Qwen2.5", "-", "Math", "-", "7B", "."]),
    ("GPT-4o-based", ["GPT", "-", "4o", "-", "based"]),
    # kept whole
    ("pass@1,", ["pass@1", ","]),
    ("2:4 sparsity", ["2:4", "sparsity"]),
    ("1,000 GPUs", ["1,000", "GPUs"]),
    ("v0.3 of GSM8K.", ["v0.3", "of", "GSM8K", "."]),
    # abbreviations keep their period; a final period splits off
    ("e.g. MMLU, i.e. this", ["e.g.", "MMLU", ",", "i.e.", "this"]),
    ("Smith et al. show", ["Smith", "et", "al.", "show"]),
    ("on GSM8K.", ["on", "GSM8K", "."]),
    # devices counted with x
    ("8xA100 GPUs", ["8", "x", "A100", "GPUs"]),
    # punctuation, percent, brackets, slashes, trade-offs
    ("(LLMs) reach 91.2%.", ["(", "LLMs", ")", "reach", "91.2", "%", "."]),
    ("Models(LLMs)", ["Models", "(", "LLMs", ")"]),
    ("BLEU/ChrF++", ["BLEU", "/", "ChrF", "+", "+"]),
    ("the model's score", ["the", "model", "'s", "score"]),
    ("see https://github.com/x/y.", ["see", "https://github.com/x/y", "."]),
    ("\\textbf{ours}", ["\\textbf{", "ours", "}"]),
    ("wait... no", ["wait", "...", "no"]),
]


@pytest.fixture(scope="module")
def tok():
    return ml_tokenizer(spacy.blank("en").vocab)


@pytest.mark.parametrize("text,tokens", CASES, ids=[c[0] for c in CASES])
def test_tokens(tok, text, tokens):
    assert [t.text for t in tok(text)] == tokens


@pytest.mark.parametrize(
    "text",
    [
        "Title\n\nAbstract  with  double spaces\tand a tab. ",
        "  leading space",
        "",
        " ",
        "\n",
        "trailing\n\n",
        "A B",
        "x  ",
    ],
)
def test_text_round_trips_exactly(tok, text):
    # character offsets in the graph come from these tokens: the text must survive intact
    doc = tok(text)
    assert doc.text == text
    assert all(t.idx == text.index(t.text, t.idx) for t in doc)


def test_pipeline_matches_labels_whatever_the_hyphenation():
    # vocabulary labels go through the same tokenizer, so a hyphenated spelling matches
    from kg.extract import Extractor
    from kg.models import Paper

    ex = Extractor()
    e = ex.extract(
        Paper(title="T", abstract="We fine-tune Llama-3.1-8B-Instruct with LoRA on GSM8K.")
    )
    texts = {m.text for m in e.mentions}
    assert {"Llama-3.1-8B-Instruct", "LoRA", "GSM8K"} <= texts


_PIECES = [
    "Llama-3.1-8B",
    "e.g.",
    "i.e.,",
    "et",
    "al.",
    "GSM8K.",
    "8xA100",
    "model's",
    "https://x.org/a).",
    "2:4",
    "1,000",
    "pass@1",
    "(LLMs)",
    "...",
    "--",
    "\\textbf{",
    "Dr.",
    ".",
    ",",
    "U.S.",
    "x",
    "A",
    ".e.g.",
    "x..i.e.",
    "\u2019s",
    "\u00e9t\u00e9",
    "\u00a0",
    "\n\n",
    "\t",
    "  ",
    " ",
]
_SHARED = ml_tokenizer(spacy.blank("en").vocab)  # its cache carries over between examples
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=30).map(lambda ps: " ".join(ps)) | st.text(
    max_size=40
)


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_tokens_do_not_depend_on_what_was_cached(text):
    # spaCy caches each chunk's tokens: a tokenizer that has seen other text (and this
    # one, on the second round) must give what a fresh one gives, offsets included
    fresh = [(t.text, t.whitespace_, t.idx) for t in ml_tokenizer(spacy.blank("en").vocab)(text)]
    for _ in range(2):
        doc = _SHARED(text)
        assert doc.text == text
        assert [(t.text, t.whitespace_, t.idx) for t in doc] == fresh


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([p for p in _PIECES if p.strip() == p and p])
        | st.text(
            alphabet=st.characters(blacklist_categories=("Zs", "Zl", "Zp", "Cc", "Cs")),
            min_size=1,
            max_size=12,
        ),
        min_size=1,
        max_size=20,
    )
)
def test_chunks_joined_by_spaces_give_each_chunks_regex_tokens(chunks):
    # the contract with spaCy: the regex's tokens of each space-free chunk, nothing else
    # (spaCy cuts at chunk_cuts' infixes and keeps the first token and the rest as they are)
    expected = [w for c in chunks for w in chunk_tokens(c)]
    assert [t.text for t in _SHARED(" ".join(chunks))] == expected


def test_each_chunk_goes_through_the_regex_once():
    calls = []

    def counted(chunk):
        calls.append(chunk)
        return tokenizer_module.chunk_cuts(chunk)

    tok = tokenizer_module.ml_tokenizer(spacy.blank("en").vocab, cuts=counted)
    tok("A title\n\nSome abstract, e.g. on GSM8K.")
    tok("Again on GSM8K. e.g. GSM8K.")
    assert calls.count("GSM8K.") == 1 and calls.count("e.g.") == 1


@pytest.mark.parametrize(
    "chunk",
    ["tokenizers", "tokenizers,", "naïve:", "Über)", "word;", "x,", ",", "al.", "e.g.,", "A1,"],
)
def test_words_with_a_closing_mark_cut_as_the_regex_does(chunk):
    # chunk_cuts answers a word, or a word and one closing mark, without the regex
    assert [t.text for t in _SHARED(f"a {chunk} b")] == ["a", *chunk_tokens(chunk), "b"]
