"""Name normalisation: one function decides when two surface forms are the same entity.

`slug("LLaMA-2") == slug("Llama 2") == slug("Llama2") == "llama-2"`: case folded
(`str.casefold`: `ß`, `ẞ` and `SS` agree), accents stripped, separators (space, hyphen,
underscore, tilde, slash) collapsed to one hyphen, and a hyphen inserted where letters
run into digits (`Qwen2.5` -> `qwen-2.5`).
Digits running into letters stay joined (`8B` -> `8b`, `GPT-4o` -> `gpt-4o`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TYPE_PREFIX = {
    "Model": "model",
    "Method": "method",
    "Benchmark": "benchmark",
    "Hardware": "hardware",
    "Metric": "metric",
}
PREFIX_TYPE = {v: k for k, v in TYPE_PREFIX.items()}

_SEP = re.compile(r"[^a-z0-9.+*@:]+")
_LETTER_DIGIT = re.compile(r"(?<=[a-z]{2})(?=\d)")
_DOT_EDGE = re.compile(r"(?<!\d)\.|\.(?!\d)")
# plural -s on the last word of a name: only for words, not for acronyms like "ASKS"
_PLURAL_WORD = re.compile(r"(?<=[a-z]{2})(?<![su])s$")
# a capital S right after a lower-case letter ends a camel-case name, not a plural
_CAMEL_S = re.compile(r"[a-z]S$")
# (compiled once: `re.sub` with a pattern string looks it up in re's cache on every call,
# and a name not seen before comes through here several times)
_SYMBOL = re.compile(r"[+*@:]")
_SYMBOL_WORD = {"+": "-plus-", "*": "-star-", "@": "-at-", ":": "-"}
_HYPHENS = re.compile(r"-{2,}")
_NO_DIGITS = str.maketrans("", "", "0123456789")
_KEY_SEP = re.compile(r"[\s\-_~‐–—]+")


# Latin letters NFKD does not decompose: without these "Sørensen" lost its "ø" and the
# dotless "ı" its letter, while their upper-case forms ("I") kept one (a property test
# found x="ı": slug(x) must equal slug(x.upper()))
_UNDECOMPOSED = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "ħ": "h",
        "Ħ": "H",
        "ŧ": "t",
        "Ŧ": "T",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ſ": "s",
    }
)


def ascii_fold(text: str) -> str:
    if text.isascii():  # nothing to decompose or strip: the common case, ~10x faster
        return text
    t = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(c for c in t if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def slug(text: str) -> str:
    """Id-safe normal form of a name (see module doc)."""
    t = ascii_fold(text).casefold().replace("×", "x")
    # (round 18) each substitution only where its pattern can match at all: a "." for
    # `_DOT_EDGE`; an ASCII digit for `_LETTER_DIGIT` (`_SEP` has made every other digit
    # a "-"); one of its four symbols for `_SYMBOL`; "--" for `_HYPHENS`
    if "." in t:
        t = _DOT_EDGE.sub("-", t)
    t = _SEP.sub("-", t)
    if len(t.translate(_NO_DIGITS)) != len(t):
        t = _LETTER_DIGIT.sub("-", t)
    if "+" in t or "*" in t or "@" in t or ":" in t:
        t = _SYMBOL.sub(_symbol_word, t)
    if "--" in t:
        t = _HYPHENS.sub("-", t)
    t = t.strip("-.")
    return t or "x"


def _symbol_word(m: re.Match[str]) -> str:
    return _SYMBOL_WORD[m.group()]


_LOWER_ASCII = frozenset("abcdefghijklmnopqrstuvwxyz")


def camel_s_end(text: str) -> bool:
    """`bool(_CAMEL_S.search(text))` without the regex (tried at every position): a
    lower-case ASCII letter and "S" at the end, or before a final newline (where `$`
    also matches)."""
    if text.endswith("\n"):
        text = text[:-1]
    return text[-1:] == "S" and text[-2:-1] in _LOWER_ASCII


@lru_cache(maxsize=200_000)
def singular_slug(text: str, plural_insensitive: bool = True) -> str:
    """`slug` with a regular plural -s dropped from the last word (methods, metrics...).
    Memoised like `slug`: each vocabulary lookup and entity id asks for it, and the same
    names come back paper after paper."""
    s = slug(text)
    if not plural_insensitive or camel_s_end(text):  # "HyDeS" is not the plural of "HyDE"
        return s
    head, _, last = s.rpartition("-")
    # (`_PLURAL_WORD.search(last)` on a word of a slug: `last` is [a-z]+ here, `slug`
    # having turned every other character into "-", so its test is on the last two letters)
    if last.isalpha() and len(last) >= 3 and last[-1] == "s" and last[-2] not in "su":
        last = last[:-1]
    return f"{head}-{last}" if head else last


def entity_id(etype: str, name: str) -> str:
    """Id for a discovered entity: `<type-slug>/<slug>`; plurals folded for non-models."""
    s = singular_slug(name, plural_insensitive=etype != "Model")
    return f"{TYPE_PREFIX[etype]}/{s}"


@lru_cache(maxsize=200_000)
def match_key(text: str) -> str:
    """Looser key for comparing names (scorer, acronym/alias lookups): case, spaces,
    hyphens and a trailing plural -s ignored."""
    t = ascii_fold(text).casefold()
    t = _KEY_SEP.sub("", t)
    if len(t) > 2 and t.endswith("s") and not t.endswith("ss"):
        t = t[:-1]
    return t
