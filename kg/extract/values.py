"""Reported values: "91.2%", "8.24 points", "12.9×", "from 69.24 to 71.29", "0.98".

`find_values(text, start, end)` lists the numbers in a sentence that read as measured
results (a unit, a decimal point, or a from/to range), skipping years, counts ("eight
benchmarks") and numbers inside names (`GPT-4`, `Llama 3.1`); `counts=True` also lists
counts ("1.2k examples", "3,000 problems") with kind "count".

`value_kind` says what a value is: a `score` (the result itself: "91.2%", "from 61 to
70" is a score of 70), an `improvement` (a delta: "+4.3%", "improves X by 3.2 points", "a
21% reduction in latency"), a `ratio` ("2.3x faster", "a 12.6× speedup", "3.9% of the
original"), a `range` ("between 60% and 70%", "58-60%", "ranging from 1 to 5"), a
`spread` ("±2.1", "varies by up to 12%") or a `count` ("1.2k examples"). Only scores go
into leaderboards; the others stay facts with their kind.

`bind_values(text, start, end, bench_ids, mentions)` binds a sentence's values to its
benchmarks, precision first: a value binds to a benchmark only where the statement ties
it there, and is dropped where it could belong elsewhere. See `bind_values`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from kg.extract.value_find import find_values as find_values
from kg.extract.value_kinds import (
    _AT_SETTING,
    _COUNT_OF,
    _DATA_SHARE_AFTER,
    _SIZE_AFTER,
    RESULT_KINDS,
    VALUE_KINDS,
    Value,
    _mask,
    value_kind,
)
from kg.extract.value_scope import (
    bracket_apart,
    own_measure_after,
    parallel_kinds,
    peak_at,
    peak_note,
    share_of,
    training_data,
)


# -- binding ---------------------------------------------------------------------------------
class BoundValue(NamedTuple):
    value: float
    unit: str
    kind: str  # one of VALUE_KINDS
    text: str
    metric: str | None  # entity id of the metric the statement gives it, if any
    start: int
    owner: str | None = None  # the Model/Method the statement gives it to ("X (19.69)")
    explicit: bool = False  # tied to the benchmark by position ("75.8% on B", "B 75.8%")
    metric_beside: bool = False  # the metric is written next to it ("91.3% mIoU")
    marked: bool = True  # marked as a result: an owner, a result verb, a metric or a cue beside it
    listed: bool = False  # one of a list of values ("99.1% (1-shot) and 90.1% (5-shot)")


# a sentence's clauses: values and benchmarks pair within one
_CLAUSE_BREAK = re.compile(
    r";|\s(?:while|whereas|but|although|though|yet)\s|\((?:i{1,3}|iv|vi{0,3}|ix|x)\)\s",
    re.IGNORECASE,
)
# a number that belongs to another system or an earlier state: "than 70%", "compared with
# 72.1%", "up from 62%", "vs. 0.61"
_OTHER_BEFORE = re.compile(
    # "than 70%" is another's, "more than 5%" a hedge on one's own
    r"(?:(?<!\bmore\s)(?<!\bless\s)(?<!\bfewer\s)\bthan|\bcompared\s+(?:to|with)|\bversus|\bvs\.?|\brelative\s+to|\bagainst|\bfrom|"
    r"\bcomparable\s+to|\bsimilar\s+to|\bon\s+par\s+with|\bclose\s+to|"
    r"\bbaseline(?:'s)?|\bprevious(?:ly)?|\bprior)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:(?!by\b)[a-z][\w\-]*\s+){0,2}?(?:\(\s*)?$",
    re.IGNORECASE,
)
# a compared system: "outperforms X", "than X", "compared with X" (as relations._BASELINE)
_COMPARED = re.compile(
    r"(?<![\w-])(?:outperform\w*|surpass\w*|beat\w*|exceed\w*|than|over|versus|vs\.?|compared\s+(?:to|with)|"
    r"relative\s+to|against|baselines?(?:\s+such\s+as|\s+like|\s+including)?)\s+(?:the\s+|strong\s+|"
    r"(?:[\w\-']+\s+){0,2}?)?$",
    re.IGNORECASE,
)
_COMPARED_BEFORE_BRACKET = re.compile(
    r"(?:outperform\w*|surpass\w*|beat\w*|exceed\w*|\bthan|versus|\bvs\.?|compared\s+(?:to|with)|"
    r"such\s+as|baselines?|\bprior|previous)\b[^;()]*$",
    re.IGNORECASE,
)
# "X reaches a 29.44 win rate", "Gemini reaches DRS=100%": the value's owner is X
_OWNER_VERB = re.compile(
    r"(?:\s*\([^()]{0,40}\))?\s+(?:\w+\s+){0,2}?(?:achiev|reach|attain|obtain|scor(?:es|ed|ing)|get|gets|yield|"
    r"record|hit|deliver|post|improv|boost|rais|gain|lift)\w*\b[^;,()\d]{0,40}$",
    re.IGNORECASE,
)
# "X (120B) achieves the highest composite score (83.1)": the bracket after X's result noun
_OWNER_VERB_BRACKET = re.compile(
    r"(?:\s*\([^()]{0,40}\))?\s+(?:\w+\s+){0,2}?(?:achiev|reach|attain|obtain|record|deliver|post)"
    r"\w*\s+(?:an?\s+|the\s+|its\s+)?(?:(?!than\b|over\b|vs\b|versus\b|compared\b|baseline)"
    r"[\w\-]+\s+){0,4}?(?:score|accuracy|result|performance|rate|F1|AUC)s?\s*\(\s*$",
    re.IGNORECASE,
)
# "the Self-Rewarding baseline (19.69)", "GPT-4 (75.8% accuracy)": a score in brackets
_OWNER_PAREN = re.compile(
    r"(?:\s+(?:baseline|model|method|approach|system))?\s*\(\s*(?:[\w\-@]+\s*[=:]\s*)?$",
    re.IGNORECASE,
)
# "99.80% against DT-GoogleNet's 98.93% on UCLA": a score written as the system's own
_OWNER_POSSESSIVE = re.compile(r"['\u2019]s\s+(?:(?:top-1\s+|mean\s+|average\s+)?[a-z]+\s+of\s+)?")
# "boosts the score of X to 0.569 (from 0.534) and Y to 0.570": each system's own
_OWNER_TO = re.compile(r"\s+to\s+")
_FOR_OWNER = re.compile(r"\s*(?:(?:M|in|of|on)\s+){0,3}?for\s+(?:the\s+)?", re.IGNORECASE)
_CLOSE_PAREN = re.compile(r"[^()]{0,30}\)")
# gaps that tie a value to a benchmark by position ("M" stands for a metric mention)
_BENCH_THEN_VALUE = re.compile(
    r"\s*[(:=]?\s*(?:(?:of|at|score|scores|by|up\s+to|=|:|M)\s*[(:=]?\s*){0,3}",
    re.IGNORECASE,
)
_VALUE_THEN_BENCH = re.compile(
    r"\s*(?:\([^()]{0,40}\)\s*)?(?:(?!(?:and|or|but|while|whereas|then|than|vs|over|across)\b)"
    r"(?:M|[a-z][\w\-]*)\s+){0,5}?"
    r"(?:on|in|for|at)\s+(?:the\s+)?"
    # "on class-conditional B", "on the challenging B"
    r"(?:(?-i:[a-z]+-[a-z][\w\-]*|challenging|standard|public|popular|official)\s+){0,2}"
    r"|\s*(?:M\s*)?\(\s*",  # "25.3% (OSWorld)"
    re.IGNORECASE,
)
# between the items of a metric-value list: ", CIDEr of ", " mIoU and "
_METRIC_VALUE_ITEM_GAP = re.compile(
    r"\s*,\s*(?:and\s+)?M\s*(?:of|=|:|at)?\s*(?:an?\s+)?|\s*M\s*(?:,\s*(?:and\s+)?|and\s+)",
    re.IGNORECASE,
)
_NAME_BRACKET = re.compile(r"[A-Z][\w\-.]*(?P<end>)\s*\(\s*$")
_ON_NAME = re.compile(
    r"\s*(?:[\w\-@]+\s+){0,4}?on\s+(?:the\s+)?(?=[A-Z0-9])"
    # "0.897 on an annotated in-domain XYZ subset": a name after descriptive words
    r"|\s*(?:[\w\-@]+\s+){0,4}?on\s+(?:an?\s+|the\s+)(?:(?-i:[a-z][\w\-]*)\s+){1,3}"
    r"(?=[A-Z][\w\-]*[A-Z0-9])"
)
# "84.6% execution accuracy in the SPIDER Dev": a split or set of a name not recognised
_IN_THE_NAME = re.compile(r"\s*(?:[\w\-@]+\s+){0,3}?in\s+the\s+(?=[A-Z][\w\-]*[A-Z0-9])")
# "X is 8x better than Y, and in the B task ...": a coordinated clause between
_RESPECTIVELY = re.compile(r"respectively", re.IGNORECASE)
_COORDINATED = re.compile(r",\s+(?:and|or)\s+(?:in|on|for|at|with|when|the)\b", re.IGNORECASE)
# "X cuts latency by 18% versus Y, and achieves higher success in B": a predicate after the
# value with a result (and a benchmark) of its own
_COORDINATED_VERB = re.compile(
    r",\s+(?:and|while)\s+(?:also\s+|further\s+)?(?:achiev|attain|obtain|reach|deliver|yield|"
    r"show|demonstrat|exhibit|maintain|outperform|surpass|establish|generaliz|remain|enabl)\w*",
    re.IGNORECASE,
)
_BENCH_LIST_AFTER = re.compile(r"\s*(?:,|and\b|or\b|/|&)\s*")
_VALUE_LIST_GAP = re.compile(r"\s*(?:M\s*)?(?:\([^()]{0,40}\)\s*)?(?:,\s*(?:and\s+)?|and\s+|/\s*)")
_METRIC_BEFORE_VALUE = re.compile(
    r"\s*(?:\([\w\-@ ]{1,15}\)\s*)?"  # "mean Intersection over Union (mIoU) of 56.02%"
    r"(?:\(|of|=|:|at|is|was|score\s+of|scores?\s+of|reaching|achieving|above|below|over)?\s*(?:an?\s+)?",
    re.IGNORECASE,
)
_METRIC_AFTER_VALUE = re.compile(
    r"\s*(?:\)\s*)?(?:(?:absolute\s+|relative\s+|average\s+)?(?:reduction|improvement|gain|increase|"
    r"decrease|drop|boost)s?\s+)?(?:in\s+|of\s+|on\s+)?(?:the\s+)?"
)
_SPEED_METRIC = re.compile(r"speed|throughput|latency|faster")
# a bare decimal reads as a result only next to a result verb
_RESULT_BEFORE = re.compile(
    r"\b(?:achiev|reach|attain|obtain|scor|get|gets|yield|record|hit|deliver|post|improv|boost|rais|"
    r"gain|lift|reduc|lower|increas|decreas|ris|rose|climb|jump|"
    r"accuracy|score|F1|AUC|AUROC|BLEU|precision|recall)\w*\s+(?:an?\s+|the\s+)?"
    r"(?:[\w\-@]+\s*[=:]?\s*){0,3}?$",
    re.IGNORECASE,
)
_PRIORITY = {k: i for i, k in enumerate(VALUE_KINDS)}


def _clause_breaks(text: str, s0: int, s1: int) -> list[int]:
    return [m.start() for m in _CLAUSE_BREAK.finditer(text, s0, s1)]


class Binding:
    """The values a sentence binds to its benchmarks, by benchmark id; `value_for(subject,
    benchmark)` is the one value a subject gets there (or None)."""

    __slots__ = ("by_bench", "compared", "named")

    def __init__(self) -> None:
        self.by_bench: dict[str, list[BoundValue]] = {}
        self.compared: set[str] = set()
        self.named: set[str] = set()  # the systems the sentence names

    def __bool__(self) -> bool:
        return bool(self.by_bench)

    def get(self, bench: str) -> BoundValue | None:
        """The value of `bench` for a subject that owns none there."""
        return _best([c for c in self.by_bench.get(bench, ()) if c.owner not in self.compared])

    def values_for(self, subject: str, bench: str) -> list[BoundValue]:
        """The values `subject` gets on `bench`: its own where the statement gives it one,
        none for a compared system otherwise, else the sentence's value for the benchmark.
        Several only where each is written next to a metric of its own ("91.3% mIoU and
        97.1% clDice on B"): a pair is reported once per metric."""
        cands = self.by_bench.get(bench)
        if not cands:
            return []
        own = [c for c in cands if c.owner == subject]
        if own:  # and with the values no system owns, one per metric ("X achieves an 8.7%
            # reduction in LPIPS, a 2.6% improvement in SSIM and ...")
            free = [c for c in cands if c.owner is None]
            one = _best(own)
            if one is not None and not one.explicit:
                # "X achieves a >20% increase and 43.33% pass@1 on B": the score written on
                # B beats the owner's delta that B takes only as its clause's benchmark
                better = [
                    c
                    for c in free
                    if c.explicit
                    and c.kind in RESULT_KINDS
                    and _PRIORITY[c.kind] < _PRIORITY[one.kind]
                    # not an item of one list with it ("gains of 6.3% in A, 7.7% in B, and
                    # 5.0% in mAP for C": the list's kind holds)
                    and not any(one.start < w.start < c.start for w in cands)
                ]
                if better:
                    own, one = [], _best(better)
            if (
                one is not None
                and one.listed
                and any(
                    c.kind == one.kind
                    and (c.value, c.text) != (one.value, one.text)
                    and not (c.metric_beside and one.metric_beside and c.metric != one.metric)
                    for c in free
                )
            ):
                one = None  # "X improves B by 21.4% (setting 1), 13.8% (setting 2), ..."
            return _per_metric(own + free) or [v for v in (one,) if v is not None]
        else:
            if subject in self.compared:
                return []  # a baseline gets only a value the statement gives to it
            own = [c for c in cands if c.owner not in self.compared]
            if _owned_apart(own):
                # "0.77 for Show-o and 0.65 for Janus": each base model owns its number,
                # and a system that owns none takes neither (round 20)
                own = [c for c in own if c.owner is None]
            # "our approach attains 85.3%, while Llama 2 reaches 70.1%": a value another
            # system owns is shared (the model a method ran on) only where none is unowned
            # (for a subject the sentence does not name, "our approach"; and only for a
            # value of the best kind there: a score beats a delta)
            fb = None if subject in self.named else _best([c for c in own if c.owner is None])
            if fb is not None and _PRIORITY[fb.kind] <= min(_PRIORITY[c.kind] for c in own):
                own = [c for c in own if c.owner is None]
        return _per_metric(own) or [v for v in (_best(own),) if v is not None]

    def value_for(self, subject: str, bench: str) -> BoundValue | None:
        got = self.values_for(subject, bench)
        return got[0] if got else None


def _owned_apart(cands: list[BoundValue]) -> bool:
    """Do two or more models each own a different number here? Then the number of one
    is no result of a third system (the method run on both). Models only: "for PointNav
    and ... for ObjectNav" names the tasks a method ran (owners typed Method)."""
    owned = {
        (c.owner, c.value, c.text)
        for c in cands
        if c.owner is not None and c.owner.startswith("model/")
    }
    return len({o for o, _, _ in owned}) > 1 and len({(v, t) for _, v, t in owned}) > 1


def _per_metric(cands: list[BoundValue]) -> list[BoundValue]:
    """Two or more result values, each beside a metric of its own, metrics all different."""
    res = [c for c in cands if c.kind in RESULT_KINDS]
    if res:  # of the best kind present: scores with scores, deltas with deltas
        top = min(_PRIORITY[c.kind] for c in res)
        res = list({(c.value, c.text): c for c in res if _PRIORITY[c.kind] == top}.values())
    if len(res) < 2 or not all(c.metric_beside for c in res):
        return []
    if len({c.metric for c in res}) < len(res):
        return []
    return sorted(res, key=lambda c: c.start)


def _best(cands: list[BoundValue]) -> BoundValue | None:
    """The one value among `cands` of the best kind present (scores first); None where
    two differ and position does not pick one."""
    if not cands:
        return None
    top = min(_PRIORITY[c.kind] for c in cands)
    pick = [c for c in cands if _PRIORITY[c.kind] == top]
    if top == _PRIORITY["count"]:
        pick = [c for c in pick if c.explicit]
    distinct = {(c.value, c.text): c for c in pick}
    if len(distinct) == 1:
        one = next(iter(distinct.values()))
        return one if one.marked or one.explicit else None
    explicit = {(c.value, c.text): c for c in pick if c.explicit}
    if len(explicit) == 1:
        one = next(iter(explicit.values()))
        # "99.1% (1-shot) and 90.1% (5-shot) on B": values across settings, not one result
        return None if one.listed else one
    return None


def bind_values(text: str, s0: int, s1: int, bench_ids, mentions) -> Binding:
    """Bind the values of the sentence `text[s0:s1]` to the benchmarks in `bench_ids`
    (entity ids; `mentions`: every mention of the sentence, with .start .end .eid .type).

    A value binds to a benchmark (in the same clause: `;`, "while", "but", "(ii)" split)
    where the statement ties it there: next to it ("75.8% on B", "B 75.8%", "B (accuracy
    0.96)"), in a respective list ("75.8%, 62.2% and 42.4% on A, B and C"), or as the value
    of the clause's only benchmark. A clause naming several benchmarks binds nothing by
    nearness. Dropped: numbers inside names, numbers of another system or state ("than
    70%", "up from 62%"), bare decimals with no result verb, metric or benchmark beside them.
    A value right after a named system ("the X baseline (19.69)", "X reaches 29.44") is
    that system's own (`owner`); a compared system ("outperforms X") gets only its own."""
    out = Binding()
    vals = [
        v
        for v in find_values(text, s0, s1, counts=True)
        if not any(m.start <= v.start < m.end for m in mentions)
        # "CAG improves $π_{0.5}$ by 9.7%": a LaTeX sub/superscript is part of a name
        and text[max(0, v.start - 2) : v.start] not in ("_{", "^{")
    ]
    if not vals:
        return out
    benches = [m for m in mentions if m.type == "Benchmark"]
    if not benches:
        return out
    metrics = sorted((m for m in mentions if m.type == "Metric"), key=lambda m: m.start)
    systems = [m for m in mentions if m.type in ("Model", "Method")]
    named = [m for m in mentions if m.type in ("Model", "Method", "Benchmark")]
    breaks = _clause_breaks(text, s0, s1)

    def clause(pos: int) -> int:
        return bisect_right(breaks, pos)

    for m in systems:
        out.named.add(m.eid)
        if _COMPARED.search(text, max(s0, m.start - 40), m.start) or share_of(text, vals, m):
            out.compared.add(m.eid)
    bench_clause: dict[int, list] = {}
    for b in benches:
        bench_clause.setdefault(clause(b.start), []).append(b)
    sent_bench_ids = {b.eid for b in benches}

    kinds = [value_kind(text, v, s0, metrics) for v in vals]
    # a list shares its unit and kind: "1.0, 1.3 and 2.5 points improvement", "89% and
    # 65% relative improvements", "improvements of 10.43% accuracy and 4.68% recall"
    listed = [False] * len(vals)
    for i in range(len(vals) - 1):
        if _VALUE_LIST_GAP.fullmatch(_mask(text, vals[i].end, vals[i + 1].start, metrics), 0):
            listed[i] = listed[i + 1] = True
    for order in (range(len(vals) - 2, -1, -1), range(1, len(vals))):
        for i in order:
            j = i + 1 if order.step < 0 else i - 1
            if kinds[i] == "score" and kinds[j] in ("improvement", "ratio") and listed[i]:
                a, b = sorted((i, j))
                gap = _mask(text, vals[a].end, vals[b].start, metrics)
                # "45.1 AP, 2.3 AP higher": a value with its own metric keeps its kind
                # against a cue written after the next one ("1.0 and 2.5 points higher")
                if _VALUE_LIST_GAP.fullmatch(gap, 0) and not (j > i and "M" in gap):
                    kinds[i] = kinds[j]
    # "a 5% improvement in accuracy on A and (more than) 2% on B"
    parallel_kinds(text, s0, vals, kinds, benches, metrics)
    in_list = {v.start: flag for v, flag in zip(vals, listed, strict=True)}
    kept: list[tuple[Value, str, str | None]] = []  # (value, kind, owner)
    settings: list[Value] = []  # "at 40% sparsity": their metrics are no other value's
    for v, kind, is_listed in zip(vals, kinds, listed, strict=True):
        if any(
            b.end < v.start and _OWNER_POSSESSIVE.fullmatch(text, b.end, v.start) for b in benches
        ):
            continue  # "compared to STS's 95.00%": a name typed as a benchmark owns it
        owner = None
        by_verb = False
        for m in systems[::-1]:  # (mypyc: reversed() over a list of Any fails to compile)
            if m.end > v.start or v.start - m.end > 70 or clause(m.start) != clause(v.start):
                continue
            if any(m.end <= o.start < v.start for o in systems if o is not m):
                break  # another system between: not the nearest
            if _OWNER_PAREN.fullmatch(text, m.end, v.start) and _CLOSE_PAREN.match(text, v.end):
                owner = m.eid
            elif _OWNER_POSSESSIVE.fullmatch(text, m.end, v.start) or _OWNER_TO.fullmatch(
                text, m.end, v.start
            ):
                owner = m.eid
            elif _OWNER_VERB.fullmatch(text, m.end, v.start) or (
                _OWNER_VERB_BRACKET.fullmatch(text, m.end, v.start)
                and _CLOSE_PAREN.match(text, v.end)
            ):
                owner = m.eid
                by_verb = True
            break
        if owner is None or by_verb:
            # "improvements of 4.2% in AP50 for RetinaNet and 3.8% for Faster R-CNN"; also
            # after a verb: "X reaches 0.77 for Show-o and 0.65 for Janus" (each base
            # model's own number, round 20)
            nxt = next((m for m in systems if m.start >= v.end), None)
            if (
                nxt is not None
                and nxt.start - v.end <= 40
                and _FOR_OWNER.fullmatch(_mask(text, v.end, nxt.start, metrics))
                # after a verb only a model ("for ObjectNav": a task the system ran)
                and (not by_verb or nxt.type == "Model")
            ):
                owner = nxt.eid
        if owner is None and kept and kept[-1][2] is not None:
            # "Topo-CXR (99.3% accuracy, 99.8% AUC)": the bracket's values are all its own
            pv = kept[-1][0]
            gap = text[pv.end : v.start]
            if (
                "(" not in gap
                and ")" not in gap
                and text.rfind("(", s0, pv.start) > max(text.rfind(")", s0, pv.start), s0 - 1)
                and _CLOSE_PAREN.match(text, v.end)
            ):
                owner = kept[-1][2]
        if owner is None and _in_compared_bracket(text, v, s0) and not peak_note(text, s0, v.start):
            continue  # "surpassing prior methods such as Y (99.3% accuracy, 99.8% AUC)"
        if (
            v.unit in ("%", "absolute", "points")
            and _AT_SETTING.search(text, max(s0, v.start - 20), v.start)
            and not peak_at(text, s0, v.start)
        ):
            settings.append(v)
            continue  # "At 40% sparsity, X attains 81.3%": the condition of a run, no result
        if kind == "count" and _COUNT_OF.match(text, v.end):
            continue  # "SPROUT (14 models, 45K queries)": the size of a set, no result on it
        if _SIZE_AFTER.match(text, v.end):
            continue  # "Y (5.6x more total parameters)": a system's size, no result on B
        if (
            v.unit == "%"
            and _DATA_SHARE_AFTER.match(text, v.end)
            and not _RESULT_BEFORE.search(text, max(s0, v.start - 50), v.start)
        ):
            settings.append(v)
            continue  # "optimized with limited data (e.g., 5% of B data)": the data it had
        if (
            owner is None
            and _OTHER_BEFORE.search(text, max(s0, v.start - 50), v.start)
            and not v.text.lower().startswith(("from", "between"))
        ):
            continue  # another system's or an earlier state's ("than 70%", "up from 62%")
        if (
            v.unit == "absolute"
            and kind == "score"
            and owner is None
            and "." in v.text
            and not is_listed
            and not _anchored(text, v, s0, benches, metrics)
        ):
            continue  # a bare decimal with nothing marking it as a result ("Llama 3.0 and 3.1")
        kept.append((v, kind, owner))
    if not kept:
        return out

    mets = _metrics(text, kept, metrics, clause, settings, in_list)
    where = {v.start: i for i, (v, _k, _o) in enumerate(kept)}

    def add(bench, v, kind, owner, explicit, marked=True):
        if bench.eid not in bench_ids:
            return
        met, beside = mets[where[v.start]]
        out.by_bench.setdefault(bench.eid, []).append(
            BoundValue(
                v.value,
                v.unit,
                kind,
                v.text,
                met,
                v.start,
                owner,
                explicit,
                beside,
                marked,
                in_list[v.start],
            )
        )

    # 1. by position: "75.8% on B", "B 75.8%"; not an item of a list whose targets follow
    # with "respectively" (step 2 pairs the lists, or nothing binds where they differ in
    # length: "+15.9 and +11.5 F1 on A and a subset of C, respectively", C unrecognised)
    rm = _RESPECTIVELY.search(text, s0, s1)
    resp = rm.start() if rm else -1

    def respective_item(v: Value) -> bool:
        # the targets list ends at "respectively" (no value after its last target: "69.7%
        # mAP and 72.1% NDS on B, improving it by 5.0% and 2.7%, respectively" pairs the
        # deltas with the metrics, not the scores with B)
        return (
            in_list[v.start]
            and v.end < resp
            and any(
                v.end <= b.start < resp and not any(b.end <= w.start < resp for w in vals)
                for b in benches
            )
        )

    placed: set[int] = set()
    for i, (v, kind, owner) in enumerate(kept):
        if respective_item(v):
            continue
        bs = bench_clause.get(clause(v.start), ())
        hit = next(
            (
                b
                for b in bs
                if v.end <= b.start
                and _VALUE_THEN_BENCH.fullmatch(_mask(text, v.end, b.start, metrics))
                # "80% on A and B": for both or their mean, not A's own
                and not any(
                    o.start >= b.end and _BENCH_LIST_AFTER.fullmatch(text, b.end, o.start)
                    for o in benches
                )
            ),
            None,
        ) or next(
            (
                b
                for b in reversed(bs)
                if b.end <= v.start
                and _BENCH_THEN_VALUE.fullmatch(_mask(text, b.end, v.start, metrics))
                # "on A, B and C (90.2%)": the list's, not C's
                and not any(
                    o.end <= b.start and _BENCH_LIST_AFTER.fullmatch(text, o.end, b.start)
                    for o in benches
                )
            ),
            None,
        )
        if hit is not None:
            placed.add(i)
            add(hit, v, kind, owner, True)
    # 1b. a list of metric-value pairs before one benchmark ("R@1 of 0.584, CIDEr of 53.16
    # on B"): each item is the benchmark's, on a metric of its own
    for i in sorted(placed, reverse=True):
        v, kind, _owner = kept[i]
        bench_of = next(
            (bid for bid, bvs in out.by_bench.items() for c in bvs if c.start == v.start), None
        )
        if bench_of is None or not mets[where[v.start]][1]:
            continue
        used = {mets[where[v.start]][0]}
        j = i - 1
        while j >= 0 and j not in placed:
            w, wkind, wowner = kept[j]
            met, beside = mets[where[w.start]]
            nxt = kept[j + 1][0]
            if not (
                beside
                and met not in used
                and wkind == kind
                and _METRIC_VALUE_ITEM_GAP.fullmatch(_mask(text, w.end, nxt.start, metrics))
            ):
                break
            used.add(met)
            placed.add(j)
            bench = next(b for b in benches if b.eid == bench_of)
            add(bench, w, wkind, wowner, True)
            j -= 1
    # 2. respective lists, clause by clause, then over the sentence ("on A, B and C
    # (63.4%, 84.2% and 95.7%, respectively)", "... on A, B and C, while improving it by
    # +1.4, +1.7 and +3.1 points, respectively")
    groups: list[tuple[int | None, list]] = list(bench_clause.items())
    if len(sent_bench_ids) > 1 and rm is not None:
        groups.append((None, benches))
    for c, bs in groups:
        seq = list({b.eid: b for b in sorted(bs, key=lambda b: b.start)}.values())
        if len(seq) < 2:
            continue
        free = [
            (i, kv)
            for i, kv in enumerate(kept)
            if (c is None or clause(kv[0].start) == c)
            and i not in placed
            and kv[2] not in out.compared
            and not _tuple_on_one(text, kv[0], vals, s1)
        ]
        for want in ("score", "improvement"):
            vs = [(i, kv) for i, kv in free if kv[1] == want]
            if len(vs) == len(seq):
                break
        else:
            continue
        if c is None:
            seg = text[s0:s1]
        else:
            seg = text[breaks[c - 1] if c > 0 else s0 : breaks[c] if c < len(breaks) else s1]
        in_order = all(
            _VALUE_LIST_GAP.fullmatch(text, x[1][0].end, y[1][0].start)
            for x, y in zip(vs, vs[1:], strict=False)
        ) and _VALUE_THEN_BENCH.fullmatch(_mask(text, vs[-1][1][0].end, seq[0].start, metrics))
        if in_order or "respectively" in seg.lower():
            for (i, (v, kind, owner)), b in zip(vs, seq, strict=True):
                placed.add(i)
                add(b, v, kind, owner, True)
    # 3. the clause's only benchmark, for a value marked as a result (an owner, a result
    # verb, a metric beside it, or a delta/ratio cue); an owned value in a clause with no
    # benchmark takes the sentence's only one ("On B, X reaches 0%, while Y reaches 100%")
    for i, (v, kind, owner) in enumerate(kept):
        if i in placed or respective_item(v):
            continue
        # an unmarked score still competes (it makes a marked one ambiguous), never wins
        marked = owner is not None or kind != "score" or _anchored(text, v, s0, benches, metrics)
        bs = [
            b
            for b in bench_clause.get(clause(v.start), [])
            if not bracket_apart(text, s0, v, b) and not training_data(text, s0, b)
        ]
        ids = {b.eid for b in bs}
        if len(ids) == 1:
            lo, hi = sorted((v.start, bs[0].start))
            if (
                not _COORDINATED.search(text, lo, hi)
                and not (v.start < bs[0].start and _COORDINATED_VERB.search(text, lo, hi))
                and not _on_other(text, v, s1, benches, named)
            ):
                add(bs[0], v, kind, owner, False, marked)
        elif (
            not ids
            and owner is not None
            and len(sent_bench_ids) == 1
            and not training_data(text, s0, benches[0])
            and not bracket_apart(text, s0, v, benches[0])
            and not _on_other(text, v, s1, benches, named)
        ):
            add(benches[0], v, kind, owner, False)
    return out


_BRACKET_THEN_ON = re.compile(r"\s*(?:on|in|for|at)\s", re.IGNORECASE)


def _tuple_on_one(text: str, v: Value, vals: list[Value], s1: int) -> bool:
    """`v` is one of several values in brackets written before a single target ("(47.08%,
    82.32%) on A, and (78.17%, 68.29%) on B, in terms of (x, y), respectively"): a tuple
    for that target, never an item of a list over targets."""
    op = text.rfind("(", 0, v.start)
    if op < 0 or text.rfind(")", op, v.start) >= 0:
        return False
    cl = text.find(")", v.end, s1)
    if cl < 0 or text.find("(", v.end, cl) >= 0:
        return False
    inside = sum(1 for w in vals if op < w.start and w.end <= cl)
    return inside >= 2 and bool(_BRACKET_THEN_ON.match(text, cl + 1))


def _in_compared_bracket(text: str, v: Value, s0: int) -> bool:
    """`v` sits in brackets after a compared system ("... outperforms Y (80.1%)")."""
    op = text.rfind("(", s0, v.start)
    if op < 0 or text.rfind(")", op, v.start) >= 0:
        return False
    return bool(_COMPARED_BEFORE_BRACKET.search(text, max(s0, op - 80), op))


def _on_other(text: str, v: Value, s1: int, benches, named=()) -> bool:
    """ "85.2% accuracy on Japanese Ref-L4", "84.6% in the SPIDER Dev" where that name is no
    benchmark mention here: the value is that target's, not the clause's benchmark's (a
    name with a capital or digit after its first letter, so "in the Results" is none)."""
    m = _ON_NAME.match(text, v.end, min(s1, v.end + 60)) or _IN_THE_NAME.match(
        text, v.end, min(s1, v.end + 60)
    )
    if m is not None and not any(b.start == m.end() for b in benches):
        return True
    # "Wordcraft (55% to 64%)" where Wordcraft is no benchmark mention
    m = _NAME_BRACKET.search(text, max(0, v.start - 40), v.start)
    return m is not None and not any(b.end == m.start("end") for b in named)


def _anchored(text: str, v: Value, s0: int, benches, metrics) -> bool:
    """A bare decimal reads as a result: a result verb, a metric or a benchmark beside it."""
    if _RESULT_BEFORE.search(text, max(s0, v.start - 50), v.start):
        return True
    for m in (*metrics, *benches):
        if (
            m.end <= v.start
            and v.start - m.end <= 12
            and _BENCH_THEN_VALUE.fullmatch(text, m.end, v.start)
        ):
            return True
        if (
            v.end <= m.start
            and m.start - v.end <= 12
            and _METRIC_AFTER_VALUE.fullmatch(text, v.end, m.start)
        ):
            return True
    return any(
        v.end <= b.start
        and b.start - v.end <= 40
        and _VALUE_THEN_BENCH.fullmatch(_mask(text, v.end, b.start, metrics))
        for b in benches
    )


def _beside(text: str, v: Value, m) -> bool:
    if m.end <= v.start:
        return v.start - m.end <= 20 and bool(_METRIC_BEFORE_VALUE.fullmatch(text, m.end, v.start))
    return (
        v.end <= m.start
        and m.start - v.end <= 20
        and bool(_METRIC_AFTER_VALUE.fullmatch(text, v.end, m.start))
    )


def _metrics(
    text: str, kept, metrics, clause, settings=(), listed=None
) -> list[tuple[str | None, bool]]:
    """(metric id, written beside it) of each kept value: the metric next to it ("accuracy
    of 91.2%", "29.44 win rate", "AUC=0.805"), else the nearest one before it in its clause
    that is beside no other value (a speed metric only for a ratio, and only for one)."""
    beside = []
    for v, _kind, _owner in kept:
        # a metric after the value first ("91.3% mIoU and 97.1% clDice"), then before
        after = [m for m in metrics if m.start >= v.end and _beside(text, v, m)]
        before = [m for m in metrics if m.end <= v.start and _beside(text, v, m)]
        beside.append((after or before or [None])[0])
    taken = {m.start for m in beside if m is not None}
    taken |= {m.start for v in settings for m in metrics if _beside(text, v, m)}
    out = []
    for (v, kind, _owner), m in zip(kept, beside, strict=True):
        if m is not None:
            out.append((m.eid, True))
            continue
        c = clause(v.start)
        prev = [
            m
            for m in metrics
            if m.end <= v.start
            and clause(m.start) == c
            and m.start not in taken
            and bool(_SPEED_METRIC.search(m.eid)) == (kind == "ratio")
        ]
        out.append((prev[-1].eid if prev else None, False))
    out = _shared_metrics(kept, beside, out, clause, listed)
    for i, (v, _kind, _owner) in enumerate(kept):
        tail = _mask(text, v.end, min(len(text), v.end + 40), metrics)
        if beside[i] is None and own_measure_after(tail):
            out[i] = (None, False)  # "the same FID with 45% fewer bits": no FID value
    return out


def _shared_metrics(kept, beside, out, clause, listed=None) -> list[tuple[str | None, bool]]:
    """A value with no metric of its own takes the one metric its list gives ("0.91 AUC
    on A and 0.88 on B", "0.91 and 0.88 AUC on A and B, respectively"): the values of its
    clause, of its kind, that have a metric beside them all have the same one."""
    for i, (v, kind, _owner) in enumerate(kept):
        if out[i][0] is not None:
            continue
        c = clause(v.start)
        pairs = [
            (j, w)
            for j, (w, k, _o) in enumerate(kept)
            if beside[j] is not None and k == kind and clause(w.start) == c
        ]
        own = {beside[j].eid for j, _w in pairs}
        # a metric written after a later value is shared only along a list ("0.91 and 0.88
        # AUC"), not back over "1.055 bpm MAE with Pearson correlation 0.996"
        if listed is not None and not any(
            j < i or (listed.get(v.start) and listed.get(w.start)) for j, w in pairs
        ):
            continue
        if len(own) == 1:
            out[i] = (next(iter(own)), False)
    return out


class _Anchor(NamedTuple):
    """A stand-in benchmark mention for a sentence that names none."""

    start: int
    end: int
    eid: str
    type: str = "Benchmark"


# "attain only about 50% on the benchmark": the paper's own benchmark by anaphor
_BENCH_ANAPHOR = re.compile(
    r"\b(?:on|in|across|for)\s+((?:the|this|our)\s+(?:new\s+|proposed\s+|full\s+|whole\s+)?"
    r"(?:benchmark|dataset|leaderboard|test\s+set|suite))\b(?!\s*(?:of|for|from)\b|-)",
    re.IGNORECASE,
)


def bind_unnamed_benchmark(
    text: str, s0: int, s1: int, bench_id: str, mentions
) -> tuple[Binding, bool]:
    """Values of the sentence `text[s0:s1]`, which names no benchmark, for the paper's one
    own benchmark `bench_id`: where the sentence refers to it ("Gemini attains 50% on the
    benchmark"), bound as if it were named there (second item True); else the caller keeps
    only values the statement gives a named system ("MAI-DxO achieves 80% accuracy")."""
    m = _BENCH_ANAPHOR.search(text, s0, s1)
    anchor = _Anchor(m.start(1), m.end(1), bench_id) if m else _Anchor(s1, s1, bench_id)
    ms = sorted([*mentions, anchor], key=lambda x: x.start)
    return bind_values(text, s0, s1, {bench_id}, ms), m is not None
