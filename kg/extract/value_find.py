"""The numbers of a sentence that read as measured results: "91.2%", "8.24 points",
"12.9×", "from 69.24 to 71.29", "0.98" (a unit, a decimal point, or a from/to range),
skipping years, counts ("eight benchmarks") and numbers inside names (`GPT-4`, `Llama
3.1`); `counts=True` also lists counts ("1.2k examples", "3,000 problems") with kind
"count". `kg.extract.values` binds them to benchmarks."""

from __future__ import annotations

import re

from kg.extract.value_kinds import _VERSION_BEFORE, Value

_NUM = r"[+\-−]?\d+(?:,\d{3})*(?:\.\d+)?"
_UNIT = (
    r"(?:\s*(?P<unit>\\?%|percent(?:age)?(?:\s+points?)?|pp(?![\w])|p\.p\.|points?(?![\w])|pts?(?![\w])|"
    r"×|\$\\times\$|\\times|x(?![\w])|X(?![\w])|-?fold(?![\w])|times(?![\w])|"
    # measured quantities with a unit of their own: a latency, a frame or token rate
    r"ms(?![\w/])|FPS(?![\w])|fps(?![\w])|tokens?/s(?![\w])|dB(?![\w])|db(?![\w])))?"
)
# "from approximately 49% to 93.4%": a hedge word inside a from-to change
_HEDGE = r"(?:(?:approximately|about|around|roughly|nearly|almost|only|just|~)\s*)?"
_VALUE = re.compile(
    rf"(?<![\w.\-/@:])(?:from\s+{_HEDGE}(?P<from>{_NUM})\s*%?\s*(?:to|→|->)\s*|between\s+(?P<btw>{_NUM})\s*%?\s*and\s+)?"
    rf"(?P<num>{_NUM}){_UNIT}"
    # a range's second end; after a dash or a tilde ("0.91--0.93", "4 $\sim$ 6x") it
    # takes no sign (the dash is no minus)
    rf"(?:\s*(?:(?:to|→)\s*|(?:–|—|--?|~|∼|\$\\sim\$|\\sim)\s*(?![+\-−]))"
    rf"(?P<num2>{_NUM}){_UNIT.replace('unit', 'unit2')})?"
)
_COUNT_AFTER = re.compile(
    r"\s*(?:(?!(?:while|when|whereas|but|and|or|with|which|that|the|an?|on|in|of|for|to|by|than|as|at|"
    r"from|using|across|over|per|where|if|after|before|is|are|was|were)\b)(?-i:[a-z\-]+)\s+){0,2}?(?:benchmarks?|datasets?|tasks?|models?|languages?|settings?|domains?|LLMs|"
    r"samples?|examples?|questions?|problems?|papers?|participants?|annotators?|categories|classes|layers?|"
    r"heads?|steps?|epochs?|GPUs?|nodes?|tokens?|times|years?|months?|days?|hours?|minutes?|seconds?|"
    r"parameters?|params|experts?|agents?|rounds?|turns?|shots?|bits?|instances|pairs|images|videos|"
    r"sentences|documents|dimensions?|users?|prompts?|responses?|attacks?|methods?|baselines?|metrics?)\b",
    re.IGNORECASE,
)


_COUNT_SUFFIX = re.compile(r"\s*(?:(?-i:[kKMB])(?![\w-])|thousand|million|billion)")


_DIMENSION = re.compile(r"\s*\d")
_YEAR = re.compile(r"(?:19|20)\d\d")
_MULT = {"k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "thousand": 1e3, "million": 1e6, "billion": 1e9}


def _unit(raw: str | None) -> str:
    if not raw:
        return "absolute"
    r = raw.lower()
    if r in ("%", "\\%") or r.startswith("percent") and "point" not in r:
        return "%"
    if "point" in r or r in ("pp", "p.p.", "pt", "pts"):
        return "points"
    if r in _MEASURE_UNITS:
        return _MEASURE_UNITS[r]
    return "x"


#: units of measured quantities, kept as written (their kind is a score: "12 ms", "80 FPS")
_MEASURE_UNITS = {
    "ms": "ms",
    "fps": "FPS",
    "token/s": "tokens/s",
    "tokens/s": "tokens/s",
    "db": "dB",  # "a PSNR of 32.94 dB"
}


def _num(s: str) -> float:
    return float(s.replace(",", "").replace("−", "-"))


def find_values(text: str, start: int, end: int, counts: bool = False) -> list[Value]:
    out = []
    for m in _VALUE.finditer(text, start, end):
        num = m.group("num")
        unit_raw = m.group("unit") or m.group("unit2")
        has_range = (
            m.group("from") is not None or m.group("num2") is not None or m.group("btw") is not None
        )
        if counts and not unit_raw and not has_range:
            # "3,000 problems", "1.2k examples": a count (kept only when asked for)
            suf = _COUNT_SUFFIX.match(text, m.end())
            after = suf.end() if suf else m.end()
            cm = _COUNT_AFTER.match(text, after)
            if (
                cm
                and ("." not in num or suf)
                and not _YEAR.fullmatch(num)
                and text[cm.end() - 1].islower()  # "2023 Task 3" is a name, not a count
            ):
                try:
                    val = _num(num) * (_MULT[suf.group().strip()] if suf else 1)
                except ValueError:
                    continue
                out.append(
                    Value(
                        m.start(), after, val, "absolute", text[m.start() : after].strip(), "count"
                    )
                )
                continue
        if not unit_raw and "." not in num and not has_range:
            continue  # a bare integer: a count, a year, a size
        if unit_raw and _unit(unit_raw) == "x" and _DIMENSION.match(text, m.end()):
            continue  # "256 × 256", "3x3": a size, no ratio
        if not unit_raw and not has_range:
            nxt = text[m.end() : m.end() + 1]
            if nxt.isalpha() or nxt in ("-", "/"):
                continue  # inside a name ("3.1-8B")
            if _VERSION_BEFORE.search(text, max(start, m.start() - 12), m.start()):
                continue  # a release of a name ("Content Safety Dataset 2.0", "v1.5")
        ca = _COUNT_AFTER.match(text, m.end()) if not unit_raw else None
        if ca is not None:
            if counts and text[ca.end() - 1].islower():
                out.append(
                    Value(
                        m.start(),
                        m.end(),
                        _num(num),
                        "absolute",
                        text[m.start() : m.end()].strip(),
                        "count",
                    )
                )
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
