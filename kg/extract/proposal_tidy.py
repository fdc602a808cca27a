"""The last pass over the proposals: variants written after a proposed name ("3D-Tile-4B",
"TLS-Tile-Pro") are proposals too; markdown bold, size ranges and single letters are
trimmed or dropped, a superscript continues a name."""

from __future__ import annotations

import re

from kg.extract.names import is_quantity
from kg.extract.proposal_scanner import _ACR_AFTER, ProposalScanner
from kg.extract.state import DocState

_SUPERSCRIPT_TAIL = re.compile(r"[\u00b2\u00b3\u00b9\u2070-\u2079]+[A-Za-z0-9\-]*")
# "-4B", "-Pro", "-Tile-Fast": a size or capitalised words after a hyphen, to the word end
# "-4B", "-Pro", "-X", "-VLM", "-H1" (15); "X+" / "X++" (15)
_VARIANT_TAIL_RE = re.compile(
    r"(?:(?:-(?:\d+(?:\.\d+)?[BMK]|[A-Z][a-z]{0,9}|[A-Z]{2,3}|[A-Z]\d{1,2}))+\+{0,2}|\+{1,2})"
    r"(?![\w+-])"
)
_SIZE_END = re.compile(r"-\d+(?:\.\d+)?[BMK]$")
_RANGE_SEP = re.compile(r"[\-–/]")


def variant_names(p: ProposalScanner, st: DocState, text: str) -> None:
    """ "3D-Tile-4B", "TLS-Tile-Pro": a proposed name (or its acronym) written with a
    size or capitalised variant words after a hyphen names a variant the paper
    introduces too."""
    own = set()
    benchmarks = set()  # a benchmark's variant is a benchmark ("GeoTile-Bench+", 15)
    for a, b, ty, *_ in st.proposals:
        own.add(text[a:b])
        if ty == "Benchmark":
            benchmarks.add(text[a:b])
        acr = _ACR_AFTER.match(text, b)
        if acr:
            own.add(acr.group().strip(" ()"))
    own = {n for n in own if len(n) >= 3 and " " not in n and n[:1].isalnum()}
    seen = {(a, b) for a, b, *_ in st.proposals}
    # the longest own name first, so "EQA-RT-Train" is a variant of the proposed "EQA-RT"
    # (and takes its type) rather than of the acronym "EQA"; a set's order would make the
    # type depend on PYTHONHASHSEED
    for n in sorted(own, key=lambda n: (-len(n), n)):
        i = _variant_at(text, n, st.abstract_start)
        while i >= 0:
            t = _VARIANT_TAIL_RE.match(text, i + len(n))
            if t and not (text[i - 1 : i].isalnum() or text[i - 1 : i] == "-"):
                s0, e0 = i, t.end()
                variant = text[s0:e0]
                if (s0, e0) not in seen and variant not in own and not p.vocab.lookup(variant):
                    seen.add((s0, e0))
                    sized = _SIZE_END.search(variant)  # "3D-Tile-4B": a sized model
                    vt = "Model" if sized else "Benchmark" if n in benchmarks else None
                    st.proposals.append((s0, e0, vt, "proposal_part", s0))
            i = _variant_at(text, n, i + len(n))


def _variant_at(text: str, name: str, pos: int) -> int:
    """The next place from `pos` where `name` is followed by "-" or "+"."""
    a, b = text.find(name + "-", pos), text.find(name + "+", pos)
    return a if b < 0 or 0 <= a < b else b


def tidy(st: DocState, text: str) -> None:
    """Markdown bold around a name ("**Brixel-Tiles**") is no part of it; a size range
    ("(2B-30B)") or a single letter is no name; a superscript continues a name."""
    out = []
    for s, e, t, rule, ev in st.proposals:
        name = text[s:e]
        if name.endswith("**"):
            e -= len(name) - len(name.rstrip("*"))
        if name.startswith("**"):
            s += len(name) - len(name.lstrip("*"))
        sup = _SUPERSCRIPT_TAIL.match(text, e)
        if sup:
            e = sup.end()  # "T²X3D": the name scan stops at the superscript
        if e - s < 2 or all(is_quantity(p) for p in _RANGE_SEP.split(text[s:e])):
            continue
        out.append((s, e, t, rule, ev))
    st.proposals[:] = out
