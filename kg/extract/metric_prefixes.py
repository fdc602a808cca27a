"""Words before a vocabulary measure that belong to its name (round 29).

GUIDELINES: a specific measure keeps its full name ("top-5 accuracy", "word error rate").
The compound rule in `shapes._metrics` read lower-case nouns only before a lower-case
measure ("pose accuracy"), so "lumen Dice score to 0.89", "a completion IoU of 58.55%" and
"reduces inference FLOPs by 83.8%" were cut to the bare vocabulary name. A noun before a
name-shaped measure is read the same way, but only next to a reported value (the name is
then a result, not a component: "keeping the main SR branch frozen") and not after a
subject or modal, which makes the word a verb ("we instantiate GLEU"). "mean" before a
measure stays in its name (metrics.json `name_prefixes`), as the gold sets keep it.
"""

from __future__ import annotations

import re

from kg.extract.state import DocState
from kg.extract.values import find_values


def one_name(surface: str) -> bool:
    """A measure written as one name-shaped word ("F1", "IoU", "FLOPs"): a lower-case
    noun before it names which one is meant, as before a lower-case head (29)."""
    return " " not in surface and not surface.islower()


_SUBJECT_BEFORE = re.compile(
    r"(?:(?<![\w-])(?:we|they|I|to|can|could|may|might|will|would|also|then|further)"
    r"|\d)[ \t]*$",
    re.IGNORECASE,
)


def verb_or_count_before(text: str, s: int) -> bool:
    """The word at `s` follows a subject, modal or "to" (so it is a verb: "we instantiate
    GLEU") or a number (a unit: "1-5 year AUC"): no modifier of a measure's name."""
    return bool(_SUBJECT_BEFORE.search(text, max(0, s - 12), s))


def value_near(st: DocState, text: str, s: int, e: int) -> bool:
    """A reported value within 40 characters of the phrase, in its sentence."""
    s0, s1 = st.sent_of(s)
    return bool(find_values(text, max(s0, s - 40), min(s1, e + 40)))
