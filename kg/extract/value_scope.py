"""What a value's statement scopes it to, beyond its position (round 19, issue #16 item 2:
"values that are right or absent"). Found by auditing the values of a fixed-seed draw of
corpus abstracts by hand; each helper stops one class of wrong value there.

- `parallel_kinds`: the items of a parallel list take the first item's kind, also across a
  metric or a bracketed side value between them ("by 3.2% on M1 and 11.1% on M2", "gains
  of 20% on A (+0.09), 40% on B"): the second item is a gain too, no score.
- `own_measure_after`: a value followed by a measure of its own that no metric mention
  names ("45% fewer bits", "50% token savings") borrows no metric from earlier in its
  clause ("the same FID with 45% fewer bits" is no FID value).
- `peak_at`, `peak_note`: "(peaking at +6.03% on B)" is the statement's own high point,
  neither a setting ("at 40% sparsity") nor a compared baseline's bracket.
- `training_data`, `bracket_apart`: a benchmark named as training data, or inside
  brackets a value stands outside of, is no target of that value by clause.
"""

from __future__ import annotations

import re

# between a parallel list's target and its next item: ", and (by) (more than) "; a
# bracketed side value of the target may come first ("on A (+0.09), 40% on B")
_NEXT_ITEM = re.compile(
    r"\s*(?:\([^()]{0,40}\)\s*)?(?:(?:[a-z][\w\-]*\s+){0,2}?(?:dataset|benchmark|set))?\s*(?:,\s*(?:and\s+)?|and\s+)(?:by\s+)?"
    r"(?:a\s+|an\s+)?(?:more\s+than\s+|over\s+|up\s+to\s+|about\s+|nearly\s+|almost\s+|roughly\s+)?",
    re.IGNORECASE,
)
# "45% fewer bits", "50% token savings", "1.1% extra FLOPs" ("M": a metric mention)
_OWN_MEASURE_AFTER = re.compile(
    r"\s*(?:(?:fewer|less|more|extra|additional)\s+(?!M\b)[a-z]"
    r"|(?!M\b)[a-z][\w\-]*\s+(?:savings?|overheads?)\b)",
)


def in_brackets(text: str, s0: int, pos: int) -> bool:
    """`pos` sits inside an open bracket of its sentence (which starts at `s0`)."""
    return text.rfind("(", s0, pos) > text.rfind(")", s0, pos)


def parallel_kinds(text: str, s0: int, vals, kinds: list[str], benches, metrics) -> None:
    """ "a 5% improvement in accuracy on A and (more than) 2% on B": the second item of a
    parallel list over benchmarks (or metrics) is of the first's kind (`kinds` updated in
    place); not where the delta is a side note of a score ("55.5 (+1.4) mIoU on A, 73.0
    on B")."""
    targets = [*benches, *metrics]
    for i in range(1, len(vals)):
        if kinds[i] != "score":
            continue
        j = i - 1
        if j >= 1 and in_brackets(text, s0, vals[j].start):
            j -= 1  # "20% on A (+0.09), 40% on B": past the target's side value
        if kinds[j] not in ("improvement", "ratio") or in_brackets(text, s0, vals[j].start):
            continue
        between = [t for t in targets if vals[j].end <= t.start and t.end <= vals[i].start]
        if not between:
            continue
        last = max(between, key=lambda t: t.end)
        after_score = (
            j >= 1
            and not in_brackets(text, s0, vals[j - 1].start)
            and not any(vals[j - 1].end <= o.start and o.end <= vals[j].start for o in benches)
        )
        if not after_score and _NEXT_ITEM.fullmatch(text, last.end, vals[i].start):
            kinds[i] = kinds[j]


def own_measure_after(masked_after: str) -> bool:
    """The text after a value (metric mentions masked as "M") names a measure of its own."""
    return bool(_OWN_MEASURE_AFTER.match(masked_after))


# "(peaking at +6.03% on B)": a result's high point, no setting ("at 40% sparsity")
_PEAK_AT = re.compile(
    r"\b(?:peak\w*|maxim\w*\s+out|top\w*\s+out)\s+at\s+(?:an?\s+)?$", re.IGNORECASE
)
# a benchmark named as the data a model was (pre)trained on ("despite its reliance on
# Objects365 pretraining", "when training on 40% of the X dataset"): no value's target
# unless a value is written next to it
_TRAIN_DATA_AFTER = re.compile(
    r"\s*(?:dataset\s+|data\s+|corpus\s+)?(?:pre-?training|training\s+(?:data|set|corpus))\b",
    re.IGNORECASE,
)
# (a share only: "pretraining on the C4 dataset, X reduces perplexity by 0.98" is a result
# there, as "trained on ImageNet, X reaches 80%" often is)
_TRAIN_DATA_BEFORE = re.compile(
    r"\b(?:pre-?train\w*|train(?:ed|ing)|fine-?tun\w*)\s+(?:\w+\s+)?on\s+"
    r"(?:only\s+|just\s+)?\d+(?:\.\d+)?\s*\\?%\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def peak_at(text: str, lo: int, pos: int) -> bool:
    """The value at `pos` is a peak ("peaking at 6.0%"), though "at" precedes it."""
    return bool(_PEAK_AT.search(text, max(lo, pos - 30), pos))


def training_data(text: str, s0: int, b) -> bool:
    """The benchmark mention `b` names data a model was trained on, not a test."""
    return bool(
        _TRAIN_DATA_AFTER.match(text, b.end)
        or _TRAIN_DATA_BEFORE.search(text, max(s0, b.start - 50), b.start)
    )


def bracket_of(text: str, s0: int, pos: int) -> int:
    """Where the bracket around `pos` opens (-1: none)."""
    return text.rfind("(", s0, pos) if in_brackets(text, s0, pos) else -1


_RIGHT_AFTER = re.compile(r"\s*(?:[A-Za-z][\w\-@]*\s*)?")


def bracket_apart(text: str, s0: int, v, b) -> bool:
    """ "+4.08% over the baseline (peaking at +6.03% on B)": a benchmark in brackets is the
    bracket's, not a target for a value outside them."""
    ob = bracket_of(text, s0, b.start)
    # "by up to 14.7 pp (Model on B)": a bracket written right after the value places it
    return (
        ob >= 0
        and ob != bracket_of(text, s0, v.start)
        and not (v.end <= ob and _RIGHT_AFTER.fullmatch(text, v.end, ob))
    )


# "(peaking at +6.03% on B)", "(up to 9.1%)": a bracket that notes the statement's own
# high point, even after a compared system ("gains over the baseline (peaking at ...)")
_PEAK_NOTE = re.compile(
    r"\(\s*(?:peak\w*\s+at|up\s+to|reaching|with\s+a\s+(?:peak|maximum)\s+of|as\s+high\s+as)\s+$",
    re.IGNORECASE,
)


def peak_note(text: str, s0: int, pos: int) -> bool:
    """The value at `pos` opens a bracket noting the statement's own peak."""
    op = bracket_of(text, s0, pos)
    return op >= 0 and bool(_PEAK_NOTE.fullmatch(text, op, pos))


# "retaining 92% of X's inference speed", "at 1% of X's cost": a share of another system's
# measure; X is the reference, not the system measured
_SHARE_OF_NAME = re.compile(r"\s+of\s+(?:the\s+)?$")


def share_of(text: str, vals, m) -> bool:
    """The system mention `m` is written as a share's reference ("92% of X's ...")."""
    if text[m.end : m.end + 2] not in ("'s", "\u2019s"):
        return False
    return any(
        v.end <= m.start
        and m.start - v.end <= 12
        and _SHARE_OF_NAME.fullmatch(text, v.end, m.start)
        for v in vals
    )
