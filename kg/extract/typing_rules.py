"""Deciding the type of a newly found name from the words around it.

Evidence, strongest first: the vocabulary; an appositive or copula in the text
("X, a benchmark for ...", "X is a family of models"); a head noun right after the
name ("the X benchmark"); the caller's default.
"""

from __future__ import annotations

import re

from kg.extract.rules import Rules

_STOP = frozenset(
    "that which who whose where when while for to with in on by designed trained built "
    "based using via through from than as at into achieving enabling".split()
) | frozenset(
    # participles that start a relative phrase after the head: "a framework leveraging
    # large language models", "a method applying X metrics", "a layer supporting 92 models"
    "leveraging applying combining integrating employing utilizing utilising exploiting "
    "incorporating harnessing supporting comprising containing featuring consisting".split()
)
# "of" continues the phrase to its real head after these: "a family of models", "a
# multilingual extension of the CoXQL dataset", "a subset of the X benchmark"
_OF_CONTINUES = frozenset(
    "family suite series set collection number variety range pair kind class "
    "extension version variant subset adaptation expansion".split()
)
_APPOS = re.compile(
    r"[ \t]*(?:\([^()\n]{1,120}\)[ \t]*)?(?:,|:|—|–|--|\s(?:is|was|as|serves\s+as|"
    r",\s*which\s+is))[ \t]*"
    r"(?:a|an|the|our|its|their)\s+",
    re.IGNORECASE,
)
_PAREN_APPOS = re.compile(r"[ \t]*\((?:a|an|the)\s+([^()\n]{1,120})\)", re.IGNORECASE)
_INDEFINITE_APPOS = re.compile(r"(?:,|\s\(|\s+is)\s*(?:a|an)\s", re.IGNORECASE)
_TOKEN = re.compile(r"[A-Za-z][\w\-]*|[,.;:()]")
_HEAD_ORDER = ("Benchmark", "Metric", "Model", "Method")
# words that after a comma start a clause or a second item, not another adjective
_NOT_ADJECTIVE = frozenset("and or which who whose but yet while is are was were".split())


_NO_HEAD = len(_HEAD_ORDER)
# id(rules.type_heads) -> (that dict, each head's first type in `_HEAD_ORDER` as an index)
_FIRST_TYPE: dict[int, tuple[dict, dict[str, int]]] = {}


def _first_head_type(type_heads: dict) -> dict[str, int]:
    """Each head word or phrase -> the index of the first type in `_HEAD_ORDER` whose
    heads hold it: `head_type` looks a word up once instead of in four sets through a
    generator per word. (The dict is kept with its map, so its id is not reused.)"""
    got = _FIRST_TYPE.get(id(type_heads))
    if got is None or got[0] is not type_heads:
        first: dict[str, int] = {}
        for i, t in enumerate(_HEAD_ORDER):
            for h in type_heads[t]:
                first.setdefault(h, i)
        got = _FIRST_TYPE[id(type_heads)] = (type_heads, first)
    return got[1]


def head_type(words: list[str], rules: Rules) -> str | None:
    """Type from the head noun of a noun phrase given as words (first word first): the
    last word (or two-word phrase) that is a type head, scanning up to a stop word."""
    found = None
    prev = ""
    first = _first_head_type(rules.type_heads)
    for _i, w in enumerate(words):
        lw = w.lower()
        if lw in (",", ".", ";", ":", "(", ")") or lw in _STOP:
            break
        if lw == "of" and prev not in _OF_CONTINUES:
            break
        two = f"{prev} {lw}" if prev else lw
        # the first type in `_HEAD_ORDER` whose heads hold `two` or `lw`
        hit = min(first.get(two, _NO_HEAD), first.get(lw, _NO_HEAD))
        if hit < _NO_HEAD:
            found = _HEAD_ORDER[hit]
        prev = lw
    return found


def appositive_type(text: str, end: int, rules: Rules) -> str | None:
    """Type from "NAME, a/an ... HEAD" or "NAME is a ... HEAD" right after `end`."""
    m = _APPOS.match(text, end, min(len(text), end + 200))
    if not m or m.end() == end:
        m = _PAREN_APPOS.match(text, end, min(len(text), end + 200))
        # "the MonkeyDoc (the most comprehensive document parsing dataset to date)"
        return head_type(_TOKEN.findall(m.group(1))[:12], rules) if m else None
    chunk = text[m.end() : m.end() + 160].split("\n", 1)[0]
    toks = _without_parentheticals(_TOKEN.findall(chunk)[:16])[:12]
    got = head_type(toks, rules)
    if got is None and "," in toks:
        # "X, a new globally diverse, multimodal dataset": commas between adjectives (14)
        got = head_type(_without_adjective_commas(toks), rules)
    return got


def _without_parentheticals(toks: list[str]) -> list[str]:
    """The tokens without a short parenthesised group inside the noun phrase ("a
    270K-sample supervised fine-tuning (SFT) corpus"): an acronym or gloss written before
    the head does not end the phrase, so the head after it is read."""
    if "(" not in toks:
        return toks
    out: list[str] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t == "(" and out:
            close = next((j for j in range(i + 1, min(len(toks), i + 6)) if toks[j] == ")"), -1)
            if close > i + 1 and "(" not in toks[i + 1 : close]:
                i = close + 1
                continue
        out.append(t)
        i += 1
    return out


def _without_adjective_commas(toks: list[str]) -> list[str]:
    """The tokens with each comma dropped that stands between two lower-case words in
    the noun phrase's first six tokens ("diverse, multimodal dataset"), so the head
    after an adjective list is read; a comma before "and", "which" or a verb stays."""
    out: list[str] = []
    for i, t in enumerate(toks):
        if (
            t == ","
            and 0 < i < 6
            and i + 1 < len(toks)
            and toks[i - 1][:1].islower()
            and toks[i + 1][:1].islower()
            and toks[i - 1] not in _STOP
            and toks[i + 1] not in _STOP
            and toks[i + 1] not in _NOT_ADJECTIVE
        ):
            continue
        out.append(t)
    return out


def following_head_type(text: str, end: int, rules: Rules) -> str | None:
    """Type from a head noun written right after the name: "the X benchmark"."""
    chunk = text[end : end + 40]
    if not chunk.startswith((" ", "-")):
        return None
    toks = _TOKEN.findall(chunk)[:2]
    if not toks:
        return None
    first = toks[0].lower()
    if first in (
        "benchmark",
        "benchmarks",
        "dataset",
        "datasets",
        "corpus",
        "suite",
        "leaderboard",
        "testbed",
    ):
        return "Benchmark"
    if first in ("model", "models", "llm", "llms", "checkpoint", "checkpoints", "family"):
        return "Model"
    if first in ("metric", "metrics", "score"):
        return "Metric"
    if first in (
        "method",
        "methods",
        "framework",
        "algorithm",
        "approach",
        "technique",
        "attack",
        "optimizer",
    ):
        return "Method"
    return None


def infer_type(
    text: str, spans: list[tuple[int, int]], rules: Rules, default: str | None
) -> str | None:
    """Type of a name from evidence at any of its occurrences `spans`."""
    for _s, e in spans:
        t = appositive_type(text, e, rules)
        if t:
            return t
    for _s, e in spans:
        t = following_head_type(text, e, rules)
        if t:
            return t
    return default


def appositive_over(text: str, name: str, rules: Rules) -> str | None:
    """The type an appositive gives `name` at any of its whole-word occurrences ("we
    present Janus-Zq, an end-to-end trading framework"): a name shaped like a variant of
    a known model or like a sized one is what the paper says it is, a framework or a
    dataset, when it says so."""
    n = len(name)
    i = text.find(name)
    while i >= 0:
        e = i + n
        # (an indefinite article only: "On Foo-7B, our approach ..." starts a clause)
        if (i == 0 or not text[i - 1].isalnum()) and _INDEFINITE_APPOS.match(text, e):
            t = appositive_type(text, e, rules)
            if t:
                return t
        i = text.find(name, e)
    return None
