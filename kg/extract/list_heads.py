"""A known method named right before examples of it: "dataset distillation such as A, B,
C", "parameter-efficient fine-tuning including A and B".

`evidence.list_cue_type` types a list by a plural cue noun before it ("methods such as
A, B"); abstracts as often write the family's own name there instead of a noun. The
examples of a Method family are Methods (its variants, its best-known instances).
"""

from __future__ import annotations

import re

from kg.extract.state import DocState

# "such as" / "including" / "e.g.," (after an optional comma) ending right before the list
_EXAMPLES_CUE = re.compile(r"[,\s]\s*(?:such\s+as|including|e\.g\.,?)\s+\Z")
_KNOWN = frozenset({"vocab", "definition", "family_variant"})


def method_before_examples(st: DocState, text: str, start: int) -> bool:
    """Does a known Method end right before "such as" / "including" before `start`?"""
    if not text.endswith((" ", "\n"), 0, start):
        return False
    m = _EXAMPLES_CUE.search(text, max(0, start - 18), start)
    if m is None:
        return False
    end = m.start()
    return any(c.end == end and c.type == "Method" and c.source in _KNOWN for c in st.cands)
