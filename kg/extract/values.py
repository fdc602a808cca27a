"""Reported values: "91.2%", "8.24 points", "12.9×", "from 69.24 to 71.29", "0.98".

`find_values(text, start, end)` lists the numbers in a sentence that read as measured
results (a unit, a decimal point, or a from/to range), skipping years, counts ("eight
benchmarks") and numbers inside names (`GPT-4`, `Llama 3.1`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

_NUM = r"[+\-−]?\d+(?:,\d{3})*(?:\.\d+)?"
_UNIT = (
    r"(?:\s*(?P<unit>%|percent(?:age)?(?:\s+points?)?|pp(?![\w])|p\.p\.|points?(?![\w])|pts?(?![\w])|"
    r"×|\$\\times\$|\\times|x(?![\w])|X(?![\w])|-?fold(?![\w])|times(?![\w])))?"
)
_VALUE = re.compile(
    rf"(?<![\w.\-/@:])(?:from\s+(?P<from>{_NUM})\s*%?\s*(?:to|→|->)\s*)?(?P<num>{_NUM}){_UNIT}"
    rf"(?:\s*(?:to|–|-|→)\s*(?P<num2>{_NUM}){_UNIT.replace('unit', 'unit2')})?"
)
_COUNT_AFTER = re.compile(
    r"\s*(?:(?-i:[a-z\-]+)\s+){0,2}?(?:benchmarks?|datasets?|tasks?|models?|languages?|settings?|domains?|LLMs|"
    r"samples?|examples?|questions?|problems?|papers?|participants?|annotators?|categories|classes|layers?|"
    r"heads?|steps?|epochs?|GPUs?|nodes?|tokens?|times|years?|months?|days?|hours?|minutes?|seconds?|"
    r"parameters?|params|experts?|agents?|rounds?|turns?|shots?|bits?|instances|pairs|images|videos|"
    r"sentences|documents|dimensions?|users?|prompts?|responses?|attacks?|methods?|baselines?|metrics?)\b",
    re.IGNORECASE,
)


class Value(NamedTuple):
    start: int
    end: int
    value: float
    unit: str  # "%", "points", "x", "absolute"
    text: str


def _unit(raw: str | None) -> str:
    if not raw:
        return "absolute"
    r = raw.lower()
    if r == "%" or r.startswith("percent") and "point" not in r:
        return "%"
    if "point" in r or r in ("pp", "p.p.", "pt", "pts"):
        return "points"
    return "x"


def _num(s: str) -> float:
    return float(s.replace(",", "").replace("−", "-"))


def find_values(text: str, start: int, end: int) -> list[Value]:
    out = []
    for m in _VALUE.finditer(text, start, end):
        num = m.group("num")
        unit_raw = m.group("unit") or m.group("unit2")
        has_range = m.group("from") is not None or m.group("num2") is not None
        if not unit_raw and "." not in num and not has_range:
            continue  # a bare integer: a count, a year, a size
        if not unit_raw and not has_range:
            nxt = text[m.end() : m.end() + 1]
            if nxt.isalpha() or nxt in ("-", "/"):
                continue  # inside a name ("3.1-8B")
        if not unit_raw and _COUNT_AFTER.match(text, m.end()):
            continue
        # the value reported is the final one of a range
        final = m.group("num2") or num
        try:
            val = _num(final)
        except ValueError:
            continue
        unit = _unit(m.group("unit2") or unit_raw)
        out.append(Value(m.start(), m.end(), val, unit, text[m.start() : m.end()].strip()))
    return out
