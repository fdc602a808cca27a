"""Fallback discovery of names no other rule types, and the corpus statistics behind it.

A word shaped like a proper name (`StealthRank`, `CTGAN`, `C-SEO`, `QueryMemory`) that
no vocabulary, definition, shape or cue claims is most often a method in an ML abstract.
Names common across many papers but absent from the vocabularies are mostly field,
task and data acronyms (`OCR`, `BEV`, `XAI`); those are listed in
ontology/patterns/frequent_unknown_names.json, regenerated from a corpus with

    python -m kg.extract.unknown_names CORPUS.jsonl.gz [MIN_DOCS]

so only rarer, paper-specific names fall back to Method.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

from kg.extract.components import load_component_cues, named_components
from kg.extract.enumerated import enumerated_components, load_enumerated_cues
from kg.extract.evidence import (
    acronyms_before_heads,
    context_type,
    load_title_case_heads,
    title_case_methods,
    value_before,
)
from kg.extract.head_named import head_type, names_before_heads
from kg.extract.names import find_word, name_shaped
from kg.extract.rules import Rules, load_rules, patterns_dir
from kg.extract.spelled_words import spelled_word
from kg.extract.state import Cand, DocState
from kg.extract.title_techniques import doc_title_techniques, name_start
from kg.extract.typing_rules import appositive_type, infer_type

WORD = re.compile(r"(?<![\w@/.-])[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*(?![\w@/-])")
# the same words, but only those with a capital inside a part: the C regex engine skips
# the rest without a Python call per word
_CAMEL_WORD = re.compile(
    r"(?<![\w@/.-])(?=[A-Za-z0-9-]*(?:[a-z][A-Z]|[A-Z]{2,}[a-z]{2}))[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*(?![\w@/-])"
)

# where a word holds "[a-z][A-Z]" or "[A-Z]{2,}[a-z]{2}": found from the capital (a pattern
# that starts with a character class is scanned in C; ~5x faster than the plain form)
_CAMEL_SIGN = re.compile(r"[A-Z](?:(?<=[a-z][A-Z])|(?<=[A-Z][A-Z])[a-z]{2})")
# two capitals in a row: where an all-capital acronym may be (a cheap test first)
_CAPS_HEAD_HINT = re.compile(r"[A-Z][A-Z0-9]")
_AS_A_ROLE = re.compile(r"(?<![\w-])[A-Z][A-Za-z0-9]*-as-an?-[A-Za-z]+(?![\w-])")
_CAMEL_PART = re.compile(r"[a-z][A-Z]|[A-Z]{2,}[a-z]{2,}")
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
# ", a " / ", an ": where an appositive may say what the word before it is (14)
_APPOS_COMMA = re.compile(r",[ \t]+an?[ \t]")
# the word right before that comma: "GSI-Real", "MIntRec2.0", "CS-Chain-4k"
_WORD_BEFORE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[.-][A-Za-z0-9]+)*")
_BEFORE_CHARS = _WORD_CHARS | {"."}


def _camel_words(text: str):
    """The `_CAMEL_WORD` matches of `text`, found from the (rare) mixed-case signatures
    outwards instead of trying the lookahead at every word: the same matches, ~4x faster."""
    done = -1
    for sig in _CAMEL_SIGN.finditer(text):
        i = sig.start()
        if i < done:
            continue
        while i > 0 and text[i - 1] in _WORD_CHARS:
            i -= 1
        m = _CAMEL_WORD.match(text, i)
        if m:
            done = m.end()
            yield m
        else:
            done = sig.end()


def fallback_shaped(word: str, rules: Rules) -> bool:
    """Mixed-case names (a capital inside a word part, 3+ letters), alone or in hyphen
    compounds with no lower-case or plain Title-case part: `StealthRank`, `NEFTune`,
    `MATRIX-Gen`; not `CTGAN` (all capitals), `Vision-Language`, `LLM-based`."""
    if word in rules.not_names:
        return False
    parts = word.split("-")
    shaped_part = False
    # ALL-CAPS words are mostly acronyms of tasks, data and fields ("NRG", "EDRSR"):
    # only mixed-case names (CamelCase inside a part) fall back
    camel = any(_CAMEL_PART.search(p) for p in parts)
    # a Title-case prefix before one CamelCase part is a coined name ("Trans-EnV",
    # "Fast-DetectGPT", "Dual-LoRA"); a Title-case word after one is a description
    # ("LiDAR-Camera", "LoRA-Adapted") (16)
    coined = len(parts) == 2 and _CAMEL_PART.search(parts[1]) is not None
    for i, p in enumerate(parts):
        if not p:
            return False
        if p.islower() and not any(map(str.isdigit, p)):
            return False  # "LLM-based": an adjective
        caps = sum(map(str.isupper, p))
        if caps >= 2 or (caps and any(map(str.isupper, p[1:]))):
            shaped_part = True
        elif p[:1].isupper() and p[1:].islower() and len(p) > 3 and not (coined and i == 0):
            return False  # "Vision-Language", "Fine-Tuning": Title Case words
    if not shaped_part:
        return False
    letters = sum(map(str.isalpha, word))
    return letters >= 3 and camel


def fallback_cands(st: DocState, text: str, rules: Rules, frequent: frozenset, known) -> None:
    """Add low-priority Method candidates for unclaimed name-shaped words."""
    taken = None
    typed: dict[str, str] | None = None  # word -> its type from evidence, once per paper
    for m in _camel_words(text):
        w = m.group()
        if not fallback_shaped(w, rules) or w in frequent or known(w):
            continue
        if spelled_word(w):
            continue  # "Produce inteRpretable polItical biaS": a backronym's letters (19)
        s, e = m.start(), m.end()
        if taken is None:
            taken = [(c.start, c.end) for c in st.cands]
        if any(a < e and s < b for a, b in taken):
            continue
        etype = "Benchmark" if w.endswith(rules.benchmark_endings) else "Method"
        if etype == "Method":
            # a new name's type from the paper's words about it, Method only by default
            if typed is None:
                typed = {}
            got = typed.get(w)
            if got is None:
                spans = list(find_word(text, w))
                got = typed[w] = (
                    infer_type(text, spans, rules, None) or context_type(text, w, spans) or etype
                )
            etype = got
            if etype == "Method" and value_before(text, s):
                etype = "Metric"  # "achieves 97.1% clDice"
        st.add(Cand(s, e, etype, "unknown_name", 0.4, 20, tconf=1))
    if ", a" in text:
        if taken is None:
            taken = [(c.start, c.end) for c in st.cands]
        for s, e, etype in appositive_named(text, rules, frequent, known, taken):
            # "GSI-Real, a high-quality real-world dataset": the text says what it is (14)
            st.add(Cand(s, e, etype, "unknown_name", 0.4, 20, tconf=2))
    if "-as-a" in text:
        for m in _AS_A_ROLE.finditer(text):
            # "MLLM-as-a-Judge", "Agent-as-a-Tool": a model used in a role, a paradigm (12)
            s, e = m.span()
            if taken is None:
                taken = [(c.start, c.end) for c in st.cands]
            if known(m.group()) or any(a < e and s < b for a, b in taken):
                continue
            st.add(Cand(s, e, "Method", "unknown_name", 0.4, 20, tconf=1))
    for s, e in title_case_methods(
        text, st.abstract_start, rules, load_title_case_heads(), st.words
    ):
        # "a new View Fusion Transformer": a component the paper names (12); its first
        # words when the run began inside the name ("(2) Decoupled Prompt Attention") (20)
        s = name_start(text, s, load_enumerated_cues().stop_first)
        if s < 0:
            continue
        if taken is None:
            taken = [(c.start, c.end) for c in st.cands]
        if known(text[s:e]) or any(a < e and s < b for a, b in taken):
            continue
        st.add(Cand(s, e, "Method", "unknown_name", 0.4, 20, tconf=1))
    for s, e in doc_title_techniques(st, rules):
        # "a Pivotal Perception Reward", "integrates Soft Confident Learning" (20)
        if taken is None:
            taken = [(c.start, c.end) for c in st.cands]
        if known(text[s:e]) or any(a < e and s < b for a, b in taken):
            continue
        st.add(Cand(s, e, "Method", "unknown_name", 0.4, 20, tconf=1))
    for s, e in enumerated_components(text, st.abstract_start, load_enumerated_cues()):
        # "(2) Curiosity-Coherence Reward Fine-Tuning optimizes ...": a listed part (15)
        if taken is None:
            taken = [(c.start, c.end) for c in st.cands]
        if known(text[s:e]) or any(a < e and s < b for a, b in taken):
            continue
        st.add(Cand(s, e, "Method", "unknown_name", 0.4, 20, tconf=1))
    for s, e in named_components(text, st.abstract_start, st.words, load_component_cues()):
        # "a Granular Semantic Enhancement module": a part the paper names (15)
        if taken is None:
            taken = [(c.start, c.end) for c in st.cands]
        if known(text[s:e]) or any(a < e and s < b for a, b in taken):
            continue
        st.add(Cand(s, e, "Method", "unknown_name", 0.4, 20, tconf=1))
    for s, e in names_before_heads(text, st.abstract_start, rules, known, st.words):
        # "the Infomap algorithm", "the DETR3D detector": the head says what it is (19)
        if taken is None:
            taken = [(c.start, c.end) for c in st.cands]
        if text[s:e] in frequent or any(a < e and s < b for a, b in taken):
            continue
        st.add(Cand(s, e, head_type(text, e), "unknown_name", 0.4, 20, tconf=2))
    if _CAPS_HEAD_HINT.search(text):
        for s, e in acronyms_before_heads(text, rules, known, words=st.words):
            if taken is None:
                taken = [(c.start, c.end) for c in st.cands]
            if text[s:e] in frequent or any(a < e and s < b for a, b in taken):
                continue
            st.add(Cand(s, e, "Method", "unknown_name", 0.4, 20, tconf=2))


def appositive_named(text: str, rules: Rules, frequent: frozenset, known, taken=()):
    """(start, end, type) of each name-shaped word no vocabulary knows that an appositive
    types ("GSI-Syn, a large-scale synthetic benchmark", "Foo-7B, a model that"). The
    shapes `fallback_shaped` leaves out (an acronym with a Title-case part, letters with
    digits) are names here because the text says what they are. Words inside a `taken`
    span (another rule's candidate) are skipped before the appositive is read."""
    for m in _APPOS_COMMA.finditer(text):
        end = m.start()
        i = end
        while i > 0 and end - i < 40 and text[i - 1] in _BEFORE_CHARS:
            i -= 1  # back over the word (found from the comma: no regex per position)
        if i > 0 and text[i - 1] in "@/_":
            continue
        w = _WORD_BEFORE.fullmatch(text, i, end)
        if w is None:
            continue
        word = w.group()
        if not name_shaped(word, rules) or word in frequent:
            continue
        too_short = word.isupper() and len(word) < 3  # "AI"
        if too_short or (word[:1].islower() and not any(map(str.isupper, word))):
            continue  # ("x2": lower-case letters with a digit)
        if any(a < end and i < b for a, b in taken) or known(word):
            continue  # (the span test first: a vocabulary lookup costs more)
        etype = appositive_type(text, m.start(), rules)
        if etype is not None:
            yield w.start(), w.end(), etype


def load_frequent(directory=None) -> frozenset:
    path = Path(directory or patterns_dir()) / "frequent_unknown_names.json"
    if not path.exists():
        return frozenset()
    return frozenset(json.loads(path.read_text(encoding="utf-8"))["names"])


def mine(corpus: str, min_docs: int = 10) -> list[str]:  # pragma: no cover - a maintenance tool
    from kg.extract.vocab import load_vocabulary

    rules = load_rules()
    vocab = load_vocabulary()
    docs: Counter = Counter()
    opener = gzip.open if corpus.endswith(".gz") else open
    with opener(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            text = d.get("title", "") + "\n" + d.get("abstract", "")
            docs.update(
                {
                    w
                    for w in (m.group() for m in WORD.finditer(text))
                    if fallback_shaped(w, rules) and not vocab.lookup(w)
                }
            )
    return sorted(w for w, n in docs.items() if n >= min_docs)


if __name__ == "__main__":  # pragma: no cover
    names = mine(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10)
    out = patterns_dir() / "frequent_unknown_names.json"
    out.write_text(
        json.dumps(
            {
                "_doc": "Name-shaped words that occur in many papers of the corpus but in no "
                "vocabulary: mostly field, "
                "task and data acronyms. kg.extract.unknown_names does not fall back to Method for "
                "them. "
                f"Regenerate: python -m kg.extract.unknown_names {Path(sys.argv[1]).name} "
                f"{sys.argv[2] if len(sys.argv) > 2 else 10}",
                "names": names,
            },
            indent=0,
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    print(f"{len(names)} names -> {out}")
    _ = name_shaped  # re-exported for callers that test shapes
