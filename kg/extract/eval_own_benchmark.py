"""Evaluations on the benchmark the paper introduces, from sentences that do not name
it: the models its evaluation sentences name, its own method where a result verb follows
the method's name, the methods a new benchmark gathers (kg.extract.evaluations)."""

from __future__ import annotations

from kg.extract.contribution import Contribution
from kg.extract.eval_cues import (
    _GATHERS,
    _MODEL_FINDING,
    _RESULT_VERB,
    _TRAIN_SOURCE,
    _TRAIN_WITH,
    _TRAIN_WORD,
    _WORD,
)
from kg.extract.rules import Rules
from kg.extract.state import DocState
from kg.extract.values import BoundValue, bind_unnamed_benchmark, find_values


def on_own_benchmark(
    rules: Rules,
    st: DocState,
    text,
    low,
    si,
    ms,
    own_benchmarks,
    seen,
    ptypes=frozenset(),
    contrib: Contribution | None = None,
) -> list:
    """A paper that introduces a benchmark evaluates the models it names in its
    evaluation sentences on that benchmark ("We evaluate LLaMA, Qwen and Mistral"), and
    its own method where a result verb follows the method's name. In a paper that
    proposes no method, the methods named after the evaluation verb are assessed on it
    too ("We assess five prompting styles, including Foo (F) and Bar (B)")."""
    s0, s1 = st.sents[si]
    if ptypes and s0 < st.title_len:
        # "TabiBERT: A ModernBERT Foundation Model and Unified Benchmarking Framework":
        # a title naming the paper's own model says what it is built on, not a result
        return []
    words = set(_WORD.findall(low[s0:s1]))
    strict = bool(words & rules.strict_eval_cues)
    cue_at = None
    if strict and not ptypes and contrib is not None:
        cue_at = next(
            (
                s0 + w.start()
                for w in _WORD.finditer(low[s0:s1])
                if w.group() in rules.strict_eval_cues
            ),
            None,
        )
    if not strict and not ptypes and contrib is not None:
        # "We present FooBench, a benchmark that evaluates attacks ... It unifies
        # prompt-based attacks (TAP, PAIR) and gradient-based attacks (GCG, AutoDAN)":
        # the methods the new benchmark gathers are the ones it runs
        gathers = _GATHERS.match(text, s0)
        if gathers is not None:
            strict = True
            cue_at = gathers.end()
    if not strict:
        # "We evaluate 20 LLMs on OurBench. In two series, OPT and Bloom, we found that
        # larger models are more biased": findings after the evaluation statement of a
        # paper that introduces a benchmark (and no method) are results on it
        if ptypes or not Contribution.reports_finding(text, s0, s1):
            return []
        if not (
            any(k[1] in own_benchmarks for k in seen)
            or _only_own_benchmark_result(st, text, si, ms, own_benchmarks)
        ):
            return []
        ms = [m for m in ms if not Contribution.component_at(text, m, s0)]
    out = []
    bound: dict = {}  # benchmark id -> (Binding, by anaphor)
    assessed: set[str] = set()
    if cue_at is not None and contrib is not None:
        # written as names (not "assess model merging"), not what a model is trained
        # with ("VLMs trained using GRPO"), and two or more of them: a list of the
        # methods compared, not one named in passing
        dropped = {
            m.eid
            for m in ms
            if m.text == m.text.lower()
            or _TRAIN_SOURCE.search(text, max(s0, m.start - 60), m.start)
            or _TRAIN_WITH.search(text, max(s0, m.start - 40), m.start)
            or contrib.is_component(m, s0)
            or contrib.is_generic(m)
        }
        assessed = {
            m.eid for m in ms if m.type == "Method" and m.start > cue_at and m.eid not in dropped
        }
        if len(assessed) < 2:
            assessed = set()
    for m in ms:
        if m.type == "Model":
            benches = own_benchmarks
        elif m.eid in assessed:
            benches = own_benchmarks
        elif m.eid in ptypes and _RESULT_VERB.match(text, m.end):
            # "We introduce benchmark B ... and method M. M achieves 80% accuracy": M is
            # measured on B, unless B is M's training data ("to support post-training")
            benches = [
                b
                for b in own_benchmarks
                if not any(
                    o.eid == b and _TRAIN_WORD.search(text, *st.sent_of(o.start))
                    for o in st.mentions
                )
            ]
        else:
            continue
        if len(benches) > 1:
            continue  # which of the paper's new datasets? (none is named, none the only one)
        for b in benches:
            val = _own_benchmark_value(text, s0, s1, b, ms, m.eid, bound)
            key = (m.eid, b, val.metric if val else None)
            if key not in seen or (val is not None and not seen[key]):
                seen[key] = val is not None
                out.append(
                    (
                        m.eid,
                        b,
                        *(
                            (val.metric, val.value, val.unit, val.text, val.kind)
                            if val
                            else (None, None, None, None, None)
                        ),
                        s0,
                        s1,
                        0.45,
                        (),
                    )
                )
    return out


def _only_own_benchmark_result(st: DocState, text: str, si: int, ms, own_benchmarks) -> bool:
    """ "We introduce ICE, a benchmark ... Smaller models (Llama-3-8B-Instruct, ...)
    exhibited brittleness, achieving 0% accuracy": in a paper whose only benchmark is
    the one it introduces, a sentence after the introduction that gives named models a
    result with a value reports it on that benchmark (no evaluation verb needed)."""
    if len(own_benchmarks) != 1 or not st.sents:
        return False
    s0, s1 = st.sents[si]
    if not any(m.type == "Model" for m in ms):
        return False
    if not find_values(text, s0, s1) and not any(
        m.type == "Model" and _MODEL_FINDING.match(text, m.end) for m in ms
    ):
        return False
    if any(m.type == "Benchmark" and m.eid not in own_benchmarks for m in st.mentions):
        return False
    intro = min(
        (
            st.sent_index(ev)
            for s, e, _t, rule, ev in st.proposals
            if rule != "title"
            and any(m.eid in own_benchmarks and m.start < e and s < m.end for m in st.mentions)
        ),
        default=None,
    )
    return intro is not None and si > intro


def _own_benchmark_value(
    text: str, s0: int, s1: int, bench: str, ms, subject: str, bound: dict
) -> BoundValue | None:
    """The value a sentence naming no benchmark gives `subject` on the paper's own
    benchmark: one bound through "on the benchmark", else one the statement gives the
    subject by name ("MAI-DxO achieves 80% accuracy"); None where unsure."""
    if bench not in bound:
        bound[bench] = bind_unnamed_benchmark(text, s0, s1, bench, ms)
    binding, by_anaphor = bound[bench]
    vals = binding.values_for(subject, bench)
    if not by_anaphor:
        vals = [v for v in vals if v.owner == subject]
    return vals[0] if len(vals) == 1 else None
