"""Model sizes written once after the family: "Llama-3 3B and 8B models", "two Llama
models (70B and 8B)", "Qwen2.5 7B, 14B and 32B".

GUIDELINES keep each size as its own Model ("Llama 3.2 1B" is its own entity). Abstracts
often give the family once and coordinate the sizes; each size after the first is then a
Model named by the family and that size. The candidate's span is the size alone, its text
(the entity's name) the family and the size, so the mention points at what the text says.
"""

from __future__ import annotations

import re

from kg.extract.state import Cand, DocState

_SIZE = r"\d+(?:\.\d+)?[BM]"
# "Llama-3 3B": a model name that ends in a size
_ENDS_SIZED = re.compile(r"(.+?)[ -](" + _SIZE + r")\Z")
# the sizes coordinated after it: " and 8B", ", 14B, and 32B", "/8B"
_MORE_SIZES = re.compile(r"(?:(?:,\s*(?:and\s+)?|\s+and\s+|/)" + _SIZE + r"(?![\w.-]))+")
# "Llama models (70B and 8B)": the family, a plural head and the sizes in parentheses
_PAREN_SIZES = re.compile(
    r"\s+(?:models?\s+)?\(\s*("
    + _SIZE
    + r"(?:(?:,\s*(?:and\s+)?|\s+and\s+|/)"
    + _SIZE
    + r")+)\s*\)"
)
_ONE_SIZE = re.compile(_SIZE)


def coordinated_sizes(st: DocState, text: str) -> None:
    """Add a Model for each size coordinated after a Model name (see the module doc);
    the caller runs it only on a text with a size in it (`shapes._has_size`)."""
    for c in [c for c in st.cands if c.type == "Model" and c.source != "definition"]:
        name = c.text or text[c.start : c.end]
        m = _ENDS_SIZED.match(name)
        if m:
            family = m.group(1)
            more = _MORE_SIZES.match(text, c.end)
        else:
            family = name
            more = _PAREN_SIZES.match(text, c.end)  # "Llama (70B and 8B)", "Llama models (...)"
        if not more:
            continue
        sep = " " if not m else name[m.end(1) : m.start(2)]
        for s in _ONE_SIZE.finditer(text, more.start(), more.end()):
            st.add(
                Cand(
                    s.start(),
                    s.end(),
                    "Model",
                    "family_variant",
                    c.conf,
                    c.prio,
                    broader=c.broader or ([c.cid] if c.cid else None),
                    text=family + sep + s.group(),
                )
            )
