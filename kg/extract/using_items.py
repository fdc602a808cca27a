"""Names after a bare "using": data only with evidence (round 28).

"using X" names the tool, model, library, measure or procedure a step used far more often
than the data it ran on ("optimized using GEPA", "using the PETSc library", "quality using
the UTMOS score", "using Goedel-Prover-V2, an open-source model"): on a corpus draw of
2,000 abstracts, 3 of 11 name-shaped items after a bare "using" were data. An item after
a bare "using" (no head noun such as "using benchmarks including ...") is kept as a
Benchmark only with evidence that it is data: a data noun right after it ("using
Sentinel-1 data", "using CAC 40 index futures data"), an appositive that calls it data
("using PolyRefuse, a multilingual safety dataset"), or a vocabulary Benchmark on it.
"""

from __future__ import annotations

import re

from kg.extract.state import DocState

# the data nouns that may follow a used name ("using Sentinel-1 data", "using the X
# images"), up to two lower-case words between them ("using CAC 40 index futures data"),
# after the other names of its list ("over the NYC and Tokyo check-in dataset")
_DATA_AFTER = re.compile(
    r"(?:\s*(?:,|\band\b|\bor\b)\s*[A-Z][\w\-]*)*(?:\s+[a-z][\w\-]*){0,2}?\s+"
    r"(?:data|datasets?|benchmarks?|corpus|corpora|collections?|"
    r"images|imagery|videos|recordings|records|scans|samples|splits?|subsets?|sets?)(?![\w-])"
)
# an appositive that says what the name is: "PolyRefuse, a multilingual safety dataset"
_DATA_APPOSITIVE = re.compile(
    r"\s*,\s*(?:a|an|the)\s+[^,.;()]{0,60}?(?<![\w-])(?:dataset|benchmark|corpus|collection|"
    r"suite|test\s+set)(?![\w-])"
)
# "over" as well: "9.5 precision over HVTrack", "prefer PELT over Binseg-BIC",
# "generations over CIPHER (a state-of-the-art method)", "over AWGN channels": a baseline
# or a setting compared against; on the same draw 0 of 5 bare "over" items were data
_USING = re.compile(r"(?:using|over)\s", re.IGNORECASE)


def bare_using(cue_text: str, has_head: bool) -> bool:
    """Is this list cue a bare "using" or "over" (no head noun after it)?"""
    return not has_head and bool(_USING.match(cue_text))


def used_as_data(st: DocState, text: str, s: int, e: int) -> bool:
    """Does the text say the used name at `s:e` is data (a data noun right after it, an
    appositive calling it data, or a vocabulary Benchmark on it)?"""
    if _DATA_AFTER.match(text, e) or _DATA_APPOSITIVE.match(text, e):
        return True
    return any(
        c.start <= s and e <= c.end and c.type == "Benchmark" and c.source in ("vocab", "mined")
        for c in st.cands
    )
