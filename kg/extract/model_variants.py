"""A versioned model name followed only by variant words: "YOLOv5 nano", "GPT-4o mini",
"Qwen2.5 Instruct".

Papers define the checkpoints they compare with by acronym ("YOLOv5 nano (YOLOv5n)");
the definition rule would type such a long form a Method (a defined class of models is a
method). A first word that carries a version number and nothing after it but the
variant words of ontology/patterns/model_shapes.json (`variant_words`) names one model.
"""

from __future__ import annotations

import re

# a capitalised name with a version number in it or after a hyphen: "YOLOv5", "GPT-4o",
# "Qwen2.5", "ResNet50"; not a bare number or an all-letters word
_VERSIONED = re.compile(r"[A-Z][A-Za-z]*(?:-?v?\d+(?:\.\d+)*[a-z]?)(?:-[A-Za-z0-9.]+)*")


def sized_variant(long: str, variant_words: frozenset) -> bool:
    """Is `long` a versioned model name and one or two variant words ("YOLOv11 nano")?"""
    words = long.split()
    if not 2 <= len(words) <= 3 or not _VERSIONED.fullmatch(words[0]):
        return False
    return all(w in variant_words or w.lower() in variant_words for w in words[1:])


# "EAGLE-3" after "EAGLE", "YOLOv8" after "YOLO": a version number written right after a
# name without digits
_DIGIT = re.compile(r"\d")
_VERSION_TAIL = re.compile(r"[-_ ]?v?\d+(?:\.\d+)?[a-z]?")


def versioned_alias(label: str, surface: str) -> bool:
    """Is `surface` the concept `label` (no digits in it) with a version number after it?

    The vocabulary keeps some versions as aliases of their family ("EAGLE-3" of EAGLE);
    GUIDELINES keep the version as written, so such a surface names its own entity, a
    narrower one of the family (16)."""
    if not surface.startswith(label) or len(surface) == len(label) or _DIGIT.search(label):
        return False
    return _VERSION_TAIL.fullmatch(surface, len(label)) is not None
