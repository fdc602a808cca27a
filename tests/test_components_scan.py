"""`components._runs_before_heads` (heads found with `str.find`, the run searched for
before each) gives exactly the runs of the plain scan it replaces: a regex over every
space for "capitalised run + head" (property test over texts of cue words and noise)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import components

HEADS = sorted(components.load_component_cues().heads)
PLAIN = re.compile(
    r" (?<=[a-z,;] )("
    + components._W
    + r"(?:[ \n]"
    + components._W
    + r"){1,4})[ \n]("
    + "|".join(sorted(HEADS, key=len, reverse=True))
    + r")(?![\w-])"
)
PIECES = [
    "a", "the", "and", ",", ";", ".", "Zorb", "Quill-Net", "Quill-based", "3D", "RGB", "KV",
    "ZorbNet", "module", "modules", "loss", "head", "head-", "unit_", "block", "Loss",
    "of", "for", "X", "Ab", "é", "İ",
]  # fmt: skip
texts = st.lists(
    st.tuples(st.sampled_from(PIECES), st.sampled_from([" ", "\n", "", "  "])), max_size=30
).map(lambda parts: "".join(p + s for p, s in parts))


@settings(max_examples=400, deadline=None)
@given(texts, st.integers(min_value=0, max_value=5))
def test_runs_before_heads_equal_the_plain_scan(text, start):
    got = [m.span(1) for m in components._runs_before_heads(text, start, HEADS)]
    want = [m.span(1) for m in PLAIN.finditer(text, max(0, start - 1))]
    assert got == want
