"""Names built on a proposed name are the paper's too (round 17).

"AtlasOCR" proposed, then "the newly curated AtlasOCRBench"; "Vero" and "VeroEval, our
suite of 30 benchmarks"; "OneEval ... includes a challenging subset, OneEvalHard";
"FASTer" and its parts "FASTerVQ", "FASTerVLA"; "UniMatrix-Core and UniMatrix-ROSA". A
paper names what it adds to its method, model or data set after it, glued on
(CamelCase, capitals, digits) or after a hyphen. On a 3,000-abstract corpus draw one
paper in 200 had such a name found as an entity but not proposed. The sizes and short
variant words after a Model/Method ("-8B", "-Pro") are `relations._variants`' already;
a name and a head word ("RodEpil Dataset", "InviTE Corpus") is the same thing written
two ways, not a second one, so a space never joins.
"""

from __future__ import annotations

import re

from kg.extract.state import DocState

# what may follow the proposed name: glued capitals/digits ("Bench", "VQA", "500",
# "X Bench") or a hyphen and a capitalised word or acronym ("-ROSA", "-Core")
_TAIL = re.compile(r"(?:[A-Z0-9][\w+]*|-[A-Z][\w+]*)(?:[\s\-][A-Z][\w+]*){0,2}")
_KINDS = frozenset(("Method", "Model", "Benchmark", "Metric"))


def extended_names(st: DocState, seen: set[str]) -> list[tuple[str, int, int, float]]:
    """(entity id, sentence start, sentence end, confidence) for each entity no
    vocabulary holds whose name is a proposed name with a tail; `seen` (the proposed
    entity ids) grows with them."""
    ents = st.entities
    bases = {
        n
        for eid in seen
        for n in ents[eid]["surfaces"]
        if len(n) >= 3 and n[-1:].isalnum() and " " not in n
    }
    if not bases:
        return []
    prefixes = tuple(bases)
    out = []
    for m in st.mentions:
        if not m.text.startswith(prefixes) or m.eid in seen or m.type not in _KINDS:
            continue
        ent = ents.get(m.eid)
        if ent is None or ent["in_vocabulary"]:
            continue
        for base in bases:
            if (
                len(m.text) > len(base) + 1
                and m.text.startswith(base)
                and _TAIL.fullmatch(m.text, len(base))
            ):
                seen.add(m.eid)
                ss, se = st.sent_of(m.start)
                out.append((m.eid, ss, se, 0.6))
                break
    return out
