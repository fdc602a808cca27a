"""What a reported value is: a `score` (the result itself: "91.2%", "from 61 to 70" is a
score of 70), an `improvement` (a delta: "+4.3%", "improves X by 3.2 points", "a 21%
reduction in latency"), a `ratio` ("2.3x faster", "a 12.6× speedup", "3.9% of the
original"), a `range` ("between 60% and 70%", "58-60%", "ranging from 1 to 5"), a `spread`
("±2.1", "varies by up to 12%") or a `count` ("1.2k examples"). Only scores go into
leaderboards; the others stay facts with their kind (`kg.extract.values` binds them).
"""

from __future__ import annotations

import re
from typing import NamedTuple

VALUE_KINDS: tuple[str, ...] = ("score", "improvement", "ratio", "range", "spread", "count")
#: the kinds a gold file's `value` takes (GUIDELINES.md: "the number as the statement
#: gives it, whatever its kind (a score, an improvement, a speed-up)"; a spread or a count
#: is no value)
RESULT_KINDS = frozenset({"score", "improvement", "ratio", "range"})


class Value(NamedTuple):
    start: int
    end: int
    value: float
    unit: str  # "%", "points", "x", "absolute", or a measure's unit ("ms", "FPS", "tokens/s")
    text: str
    kind: str | None = None  # "count" from find_values(counts=True), else decided by value_kind


# -- kinds ---------------------------------------------------------------------------------
_SPREAD_BEFORE = re.compile(
    r"(?:±|\+/-|\+-|\bvar(?:y|ies|ied|ying|iation|iations|iance)\b[^.;\d]{0,30}?|\bfluctuat\w*[^.;\d]{0,30}?|"
    r"\b(?:standard\s+deviation|std\.?|s\.d\.)\s*(?:of|=|:)?\s*|\b(?:spread|swing|sensitivity)\s+of\s+)"
    r"(?:by\s+)?(?:up\s+to\s+|as\s+much\s+as\s+|about\s+|roughly\s+)?$",
    re.IGNORECASE,
)
_SPREAD_AFTER = re.compile(
    r"\s*(?:\(\s*)?(?:std|s\.d\.|standard\s+deviation|variance|variation|fluctuation|spread)\b",
    re.IGNORECASE,
)
_RANGE_BEFORE = re.compile(r"\b(?:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying))\s+$", re.IGNORECASE)
_CHANGE_BEFORE = re.compile(
    r"\b(?:improv|increas|boost|rais|reduc|decreas|lower|cut|drop|jump|ris|r[oi]se|grow|grew|"
    r"enhanc|lift|push|bring|brought|go|goes|went|mov)\w*\s+(?:[\w\-]+\s+){0,4}?$",
    re.IGNORECASE,
)
_BY_BEFORE = re.compile(r"\bby\s+(?:about\s+|roughly\s+|around\s+|up\s+to\s+)?$", re.IGNORECASE)
_RATIO_BEFORE = re.compile(r"\bfactor\s+of\s+(?:about\s+|roughly\s+|up\s+to\s+)?$", re.IGNORECASE)
_RATIO_AFTER = re.compile(
    r"\s+of\s+(?:the\s+|their\s+|its\s+)?(?:original|full|baseline|dense|uncompressed|teacher|base|"
    r"unpruned|full-precision|vanilla|FLOPs|parameters|params|compute|memory|cost|tokens|"
    r"(?:training\s+)?data|labels|the\s+(?:FLOPs|parameters|compute|memory|cost|tokens))\b"
    # "retains 97% of (the) average zero-shot performance": a share of another result
    r"|\s+of\s+(?:the\s+|their\s+|its\s+)?(?:[\w\-]+\s+){0,3}?(?:performance|quality|capabilit\w*)\b"
    # "92% of X's inference speed": a share of another system's measure
    r"|\s+of\s+(?:the\s+)?[A-Z][\w\-.]*['\u2019]s\s",
    re.IGNORECASE,
)
# "when using 70% of the layers", "with only 10% of the labels": a share the run was given
# (a setting), not its result
_SETTING_BEFORE = re.compile(
    r"\b(?:using|uses|use|used|with|keeping|retaining|activating|pruning|removing|skipping|training\s+on)"
    r"\s+(?:only\s+|just\s+|about\s+|roughly\s+|up\s+to\s+)?$",
    re.IGNORECASE,
)
# "Content Safety Dataset 2.0", "v1.5": a release of a name, no value
_VERSION_BEFORE = re.compile(
    r"(?:\b(?:Dataset|Benchmark|Bench|Corpus|Suite|[Vv]ersion|[Rr]elease)\s+|\b[vV]\s?)$"
)
# "5% of MS COCO data", "10% of the ImageNet training images": a share of the data a run
# was given (unless a result verb precedes: "correctly labels 85% of the test images")
_DATA_SHARE_AFTER = re.compile(
    r"\s+of\s+(?:the\s+)?(?:[\w\-]+\s+){0,3}?(?:training\s+|labell?ed\s+)?"
    r"(?:data|dataset|samples|examples|images|labels|annotations)\b",
    re.IGNORECASE,
)
# "at 40% sparsity", "under 30% label noise": a value the run was set to
_AT_SETTING = re.compile(r"\b(?:[Aa]t|[Uu]nder)\s+(?:an?\s+|only\s+|just\s+)?$")
_COUNT_OF = re.compile(r"[KkMmB]?\s+[a-z]+s\b")
_SIZE_AFTER = re.compile(
    r"\s+(?:more|fewer|less|larger|smaller)\s+(?:total\s+|trainable\s+|active\s+)?"
    r"(?:parameters|params|FLOPs|weights|layers)\b"
    # "a model 20x smaller", "8.3x more scenes": a size, no result
    r"|\s+(?:smaller|larger|bigger)\b(?!\s+(?:gains?|improvements?|margins?|reductions?|drops?))"
    r"|\s+more\s+(?:[\w\-]+\s+)?(?:scenes|samples|images|videos|examples|data|instances|annotations|"
    r"questions|tasks|categories|classes|hours|frames|clips|documents|sequences)\b",
    re.IGNORECASE,
)
_SHARE_AFTER = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+|all\s+)?[\w\-]+", re.IGNORECASE)
_DELTA_BEFORE = re.compile(
    r"(?:\bby|\b(?:gain|improvement|increase|boost|reduction|decrease|drop|margin|lead|lift|uplift|"
    r"advantage|difference|jump|rise)s?(?:\s+of)?)\s+"
    r"(?:up\s+to\s+|about\s+|approximately\s+|roughly\s+|nearly\s+|almost\s+|over\s+|around\s+|more\s+than\s+|"
    r"at\s+least\s+|an?\s+(?:average\s+(?:of\s+)?)?)?(?:up\s+to\s+)?(?:[~≈]\s*)?$",
    re.IGNORECASE,
)
_DELTA_AFTER = re.compile(
    r"\s*(?:\([^()]{0,30}\)\s*)?(?:absolute\s+|relative\s+|average\s+|overall\s+|point\s+|pp\s+)?"
    # "9% performance improvement", "20% reasoning performance increase"
    r"(?:(?!(?:and|or|on|in|of|for|with|at|to)\b)[a-z][\w\-]*\s+){0,2}?"
    r"(?:improvements?|gains?|increases?|boosts?|reductions?|decreases?|drops?|higher|lower|better|"
    r"worse|fewer|less|more|smaller|larger|faster|slower|relative|absolute|margins?|lifts?|uplifts?|"
    r"advantages?|differences?|savings?|speed-?ups?|improved|reduced|increased|decreased|cheaper|"
    r"shorter|longer|gained|lost|saved|extra|additional|overheads?|degradations?)\b",
    re.IGNORECASE,
)


def _mask(text: str, a: int, b: int, metrics) -> str:
    """text[a:b] with each metric mention inside replaced by "M"."""
    out, pos = [], a
    for m in metrics:
        if a <= m.start and m.end <= b:
            out.append(text[pos : m.start])
            out.append("M")
            pos = m.end
    out.append(text[pos:b])
    return "".join(out)


def value_kind(text: str, v: Value, lo: int = 0, metrics=()) -> str:
    """The kind of value `v` found in `text` (one of VALUE_KINDS); `lo`: where its
    sentence starts (the context looked at stays inside it); `metrics`: metric mentions
    (sorted), read as one word after the value ("4.0% IoU gains")."""
    if v.kind:
        return v.kind
    before = text[max(lo, v.start - 60) : v.start]
    after = text[v.end : v.end + 40]
    raw = v.text
    if _SPREAD_BEFORE.search(before) or _SPREAD_AFTER.match(after):
        return "spread"
    low = raw.lower()
    if low.startswith("between"):
        return "range"
    if low.startswith("from"):
        return "range" if _RANGE_BEFORE.search(before) else "score"
    if _RANGE_CONNECTOR.search(raw):
        # "58-60%", "0.80 to 0.96": a range, unless a change verb makes it from-to
        # ("improves X by 1.6% to 5.3%" is a range of gains)
        from_to = _CHANGE_BEFORE.search(before) and not _BY_BEFORE.search(before)
        return "score" if from_to and " to " in raw else "range"
    if v.unit == "x" or _RATIO_BEFORE.search(before) or before.rstrip().endswith(("×", "x")):
        return "ratio"
    if raw[:1] in "+-−":
        return "improvement"
    if _RATIO_AFTER.match(after) or (_SHARE_AFTER.match(after) and _SETTING_BEFORE.search(before)):
        return "ratio"
    if v.unit == "points" and not raw.lower().rstrip("s").endswith("point"):
        return "improvement"  # "pp", "percentage points"
    if _DELTA_BEFORE.search(before) or _DELTA_AFTER.match(after):
        return "improvement"
    if metrics and _DELTA_AFTER.match(_mask(text, v.end, min(len(text), v.end + 60), metrics)):
        return "improvement"  # "4.0% IoU gains", "6.0% Dice improvement"
    return "score"


_RANGE_CONNECTOR = re.compile(r"\d\s*\\?%?\s*(?:to|–|—|-|→|~|∼|\$\\sim\$|\\sim)\s*[+\-−]?\d")
