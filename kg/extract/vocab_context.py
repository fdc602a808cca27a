"""Context that makes a vocabulary match no mention of its concept (round 15).

Data in `ontology/patterns/vocab_context.json`; the ruler asks these before it adds a
vocabulary candidate, so a name glued to a likeness word ("CLIP-style") never becomes
an entity the paper uses.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.extract.rules import patterns_dir


@dataclass(frozen=True)
class VocabContext:
    likeness_suffixes: frozenset[str]
    styled_types: frozenset[str]
    glued_types: frozenset[str]
    needs_context: frozenset[str]
    acronym_only_untrusted: frozenset[tuple[str, str]] = frozenset()  # (type, source) (24m)


@lru_cache(maxsize=4)
def load_vocab_context(directory: str | None = None) -> VocabContext:
    d = Path(directory) if directory else patterns_dir()
    raw = json.loads((d / "vocab_context.json").read_text(encoding="utf-8"))
    return VocabContext(
        likeness_suffixes=frozenset(w.lower() for w in raw["likeness_suffixes"]),
        styled_types=frozenset(raw["styled_types"]),
        glued_types=frozenset(raw["glued_types"]),
        needs_context=frozenset(w.lower() for w in raw["needs_context_labels"]),
        acronym_only_untrusted=frozenset(
            (t, src) for t, srcs in raw.get("acronym_only_untrusted", {}).items() for src in srcs
        ),
    )


def likeness_suffix(text: str, end: int, suffixes: frozenset[str]) -> bool:
    """The match ending at `end` is glued by a hyphen to a likeness word ("CLIP-style",
    "BERT-type", "GPT-like"): the text names a resemblance, not the concept."""
    if text[end : end + 1] != "-":
        return False
    j = end + 1
    while j < len(text) and text[j].isalpha():
        j += 1
    return j > end + 1 and text[end + 1 : j].lower() in suffixes


def glued_name(text: str, end: int, adjectival: tuple[str, ...]) -> bool:
    """The match ending at `end` runs on by a hyphen into a capital or a digit
    ("Chain-of-Thought-Action", "ACT-4", "MegaMath-Web"): it is a word of a longer name.
    Not a title's capitalised adjective suffix ("GAN-Based Mixup": stoplist.json
    adjectival_suffixes), which names the concept as '-based' does."""
    if text[end : end + 1] != "-" or not (
        text[end + 1 : end + 2].isupper() or text[end + 1 : end + 2].isdigit()
    ):
        return False
    j = end + 1
    while j < len(text) and (text[j].isalnum() or text[j] == "-"):
        j += 1
    return not text[end:j].lower().endswith(adjectival)
