"""One name written right before a head noun that says what kind of system it is: "the
Infomap algorithm", "when paired with the DETR3D detector", "an Emformer encoder", "the
T-NIG model", "a Res-U-Net architecture", "than the Gurobi solver".

Why: the other fallback rules take a single word only where its shape alone makes it a
name (CamelCase: `unknown_names.fallback_shaped`; an all-capital acronym before a
method head: `evidence.acronyms_before_heads`), or take runs of two or more capitalised
words (`components.named_components`). A one-word name written in Title case or with a
hyphen or a digit ("Infomap", "T-NIG", "DETR3D") was found by none, though the noun after
it says what it is. Names, not descriptions: the word comes after a lower-case function
word ("the", "a", "with", ...; a sentence's first word is no evidence), has 3+ letters,
is no plain acronym (their rule is stricter), no adjective compound ("LLM-based"), and a
Title-case word must be rare in the corpus as a lower-case word (`name_df.json` `words`:
"the Transformer model", "a Diffusion framework" are kinds). The name is kept without the
head, as the annotation guidelines name "the Infomap algorithm" `Infomap`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

from kg.extract.normalise import match_key
from kg.extract.rules import Rules, patterns_dir
from kg.paths import ontology_dir

# the word before "and"/"or" (a capital there: the name is a longer one's last word)
_WORD_BEFORE = re.compile(r"([\w-]+)[ \t\n]+\Z")
_MODEL_AFTER = re.compile(r"[ \t\n]+models?(?![\w-])")

# a Title-case word appearing (in any case) in this many corpus papers is a common word
COMMON_WORD_DF = 100


@lru_cache(maxsize=4)
def _cues(
    directory: str | None = None,
) -> tuple[re.Pattern, tuple[str, ...], frozenset, frozenset]:
    d = json.loads(
        (Path(directory or patterns_dir()) / "typing_evidence.json").read_text(encoding="utf-8")
    )
    before = "|".join(map(re.escape, d["single_name_before"]))
    # matched at the end of the ~60 characters before each head (the heads are found with
    # `str.find` first: a scan of the whole text from every position cost ~65 us a text)
    pattern = re.compile(
        rf"(?<![\w@/.-])(?:{before})[ \t\n]+"
        r"([A-Z][A-Za-z0-9]*(?:[-+][A-Za-z0-9]+)*\+*)[ \t\n]+\Z"
    )
    not_last = tuple(d["component_not_last"]) + tuple(d["single_name_not_last"])
    heads_set = frozenset(d["single_name_heads"])
    return pattern, not_last, heads_set, frozenset(d["single_name_not_first"])


@lru_cache(maxsize=2)
def corpus_word_df(directory: str | None = None) -> dict:
    path = Path(directory or ontology_dir()) / "models" / "name_df.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8")).get("words", {})


def _common(part: str, df: dict) -> bool:
    """A plain Title-case (or lower-case) word the corpus writes in many papers."""
    return part[1:].islower() and df.get(part.lower(), 0) >= COMMON_WORD_DF


def single_name_ok(
    word: str, rules: Rules, df: dict, not_last: tuple[str, ...], not_first: frozenset = frozenset()
) -> bool:
    """Is `word` (written before a head noun) shaped like a name, not a kind or a setting?"""
    if sum(map(str.isalpha, word)) < 3 or word in rules.not_names:
        return False
    if word.lower().endswith(not_last):
        return False  # "LLM-based", "ELN-conditioned": adjectives
    last = word.rsplit("-", 1)[-1]
    if "-" in word and last.islower() and last.endswith("ed"):
        return False  # "GPU-optimized", "LLM-empowered": a participle ends an adjective
    if word.isupper() and "-" not in word and not any(map(str.isdigit, word)):
        return False  # a plain acronym ("SOTA", "ODE"): `acronyms_before_heads` decides
    parts = [p for p in re.split(r"[-+]", word) if p]
    if not parts or (len(parts) > 1 and parts[0] in not_first):
        return False  # "the No-KV baseline": a setting of the experiment
    if all(_common(p, df) or p.islower() for p in parts):
        return False  # "Transformer", "Vision-Text-Layout", "Mixture-of-Experts"
    return match_key(word) not in rules.generic_keys


def names_before_heads(
    text: str, start: int, rules: Rules, known: Callable[[str], bool], words: frozenset
) -> Iterator[tuple[int, int]]:
    """(start, end) of each single-word name right before a system head noun, from
    `start` on; `words` is the text's lower-case word set (no head among them: no scan)."""
    pattern, not_last, heads, not_first = _cues()
    present = heads & words
    if not present:
        return
    df = corpus_word_df()
    for m in _matches(text, start, pattern, present):
        w = m.group(1)
        if not single_name_ok(w, rules, df, not_last, not_first) or known(w):
            continue
        if text[m.start()] in "ao" and text[m.start() : m.start() + 3] in ("and", "or ", "or\n"):
            before = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
            if before and before.group(1)[:1].isupper():
                continue  # "Knowledge Fusion and Fission method": the tail of a longer name
        yield m.start(1), m.end(1)


def _matches(text: str, start: int, pattern: re.Pattern, heads) -> list[re.Match]:
    """The `pattern` matches ending right before a head word (a whole word), in text order.
    Each head is found with `str.find`; the word before it must open on a capital before
    the regex is tried there (a regex scan of the whole text cost ~65 us a text)."""
    found: dict[int, re.Match] = {}
    n = len(text)
    for head in heads:
        i = text.find(head, start)
        while i >= 0:
            j = i + len(head)
            if i - 2 > start and text[i - 1] in " \t\n" and (j >= n or not _wordish(text[j])):
                k = i - 1
                while k > start and text[k - 1] in " \t\n":
                    k -= 1
                # the word before: from the blank before it (a capital must open it)
                lo = max(start, k - 40)
                w = max(text.rfind(" ", lo, k), text.rfind("\n", lo, k)) + 1
                if lo < w < k and text[w].isupper():
                    m = pattern.search(text, max(start, w - 12), i)
                    if m:
                        found.setdefault(m.start(1), m)
            i = text.find(head, j)
    return [found[k] for k in sorted(found)]


def _wordish(ch: str) -> bool:
    return ch.isalnum() or ch in "_-"


def head_type(text: str, end: int) -> str:
    """Model for a versioned or sized name before "model(s)" ("the YOLOv26m-seg model"),
    else Method: an algorithm's or a design's name before "model" ("the Retinex model",
    "a Thurstone model") is the method (GUIDELINES: designs and algorithms are Methods)."""
    name_start = text.rfind(" ", 0, end) + 1
    if any(map(str.isdigit, text[name_start:end])) and _MODEL_AFTER.match(text, end):
        return "Model"
    return "Method"
