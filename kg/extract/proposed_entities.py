"""The `proposes` facts: the entities at the proposal spans (cue sentences, the title's
name), with the variants ("Brixel-1B, Brixel-3B") and extended names ("AtlasOCRBench")
the paper introduces with them."""

from __future__ import annotations

import re

from kg.extract.name_extensions import extended_names
from kg.extract.state import DocState

_VARIANT_TYPES = ("Model", "Method")
# "-8B", " 7B", "-X", "-Pro", "-Instruct": a size or one capitalised word after a hyphen
_VARIANT_TAIL = re.compile(
    r"(?:[\s\-](?:\d+(?:\.\d+)?[BMK]|[A-Z][a-z]{0,9}|[A-Z]))+(?:[\s\-](?:\d+(?:\.\d+)?[BMK]))?"
)


def proposes(st: DocState) -> list:
    out = []
    seen: set[str] = set()
    for s, e, _, rule, ev in st.proposals:
        m = st.mention_at(s, e)
        if m is None or m.eid in seen:
            continue
        seen.add(m.eid)
        ss, se = st.sent_of(ev if rule != "title" else s)
        out.append((m.eid, ss, se, 0.8 if rule == "proposal" else 0.7 if rule == "title" else 0.6))
    if out:
        out.extend(_variants(st, seen))
        out.extend(extended_names(st, seen))  # "AtlasOCR" -> "AtlasOCRBench" (17)
    return out


def _variants(st: DocState, seen: set[str]) -> list:
    """ "Brixel-1B, Brixel-3B and Brixel-8B", "TileNet-X": a size or a variant word
    after a proposed Model/Method's own name is a variant the paper introduces too."""
    own = {
        m.text
        for m in st.mentions
        if m.eid in seen and m.type in _VARIANT_TYPES and len(m.text) >= 3
    }
    if not own:
        return []
    out = []
    for m in st.mentions:
        if m.eid in seen or m.type not in _VARIANT_TYPES:
            continue
        for base in own:
            if len(m.text) > len(base) and m.text.startswith(base):
                if _VARIANT_TAIL.fullmatch(m.text, len(base)):
                    seen.add(m.eid)
                    ss, se = st.sent_of(m.start)
                    out.append((m.eid, ss, se, 0.6))
                    break
    return out
