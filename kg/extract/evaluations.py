"""The `evaluations` facts: in a sentence naming a Benchmark and reporting an evaluation
(a cue verb or "on <benchmark>"), each Model/Method named there (or, where none is named,
the paper's own proposal) is evaluated on each benchmark; a metric and value are added
where the sentence gives them ("91.2% accuracy on GSM8K", "improves macro-F1 by 8.24
points over X", "12.9x speedup"). The sentence's benchmarks are kg.extract.eval_benchmarks,
its subjects kg.extract.eval_subjects, results on the paper's own benchmark from
sentences that do not name it kg.extract.eval_own_benchmark, the values' pairing
kg.extract.eval_pairing; the paper-level reading (the main proposal for sentences that do
not name it, base models, components that are no subjects) is kg.extract.contribution."""

from __future__ import annotations

from kg.extract.agent_roles import RULE as ROLE_RULE
from kg.extract.applied_models import own_variant
from kg.extract.compared_systems import clause_benchmarks
from kg.extract.contribution import Contribution
from kg.extract.eval_benchmarks import sentence_benchmarks
from kg.extract.eval_cues import (
    _BASELINE,
    _BASELINE_PAREN,
    _CASE_STUDY,
    _ON,
    _OUR,
    _OWN_RESULT,
    _OWN_TARGET,
    _SOTA,
    _THIS_NAMED,
    _THIS_SUBJECT,
    _TRAIN_WORD,
    _WORD,
)
from kg.extract.eval_own_benchmark import on_own_benchmark
from kg.extract.eval_pairing import first_result_per_measure, nearest_metric, unshared_values
from kg.extract.eval_subjects import main_as_subject, sentence_subjects, sota_after_setup
from kg.extract.family_bases import paper_family_bases
from kg.extract.normalise import match_key
from kg.extract.own_subjects import own_statement_start
from kg.extract.rules import Rules
from kg.extract.state import DocState
from kg.extract.values import BoundValue, bind_values, find_values


def evaluations(
    rules: Rules, st: DocState, text: str, low: str, proposal_ids: list[str], props=None
) -> list:
    by_sent: dict[int, list] = {}
    for m in st.mentions:
        by_sent.setdefault(st.sent_index(m.start), []).append(m)
    out: list[tuple] = []
    # (subject, benchmark, metric) -> whether an entry for it carries a value: a later
    # sentence's value for a pair an earlier sentence named without one is kept
    seen: dict[tuple[str, str, str | None], bool] = {}
    ptypes = {
        eid for eid in proposal_ids if st.entities.get(eid, {}).get("type") in ("Method", "Model")
    }
    own_benchmarks = [
        eid for eid in proposal_ids if st.entities.get(eid, {}).get("type") == "Benchmark"
    ]
    contrib = Contribution(st, text, proposal_ids)
    # an agent role of the paper's system ("the Reviewer", "an Assessor Agent") is a part of
    # it, proposed but never a subject of the paper's evaluations by being proposed
    ptypes -= contrib.roles_only
    contrib.collect_bases(by_sent)
    if contrib.methods:
        contrib.families = paper_family_bases(contrib, by_sent)
    intro_sents: dict[int, set] = {}
    first_prop_sent = min(
        (
            st.sent_index(ev)
            for _s, _e, _t, rule, ev in st.proposals
            if rule not in ("title", ROLE_RULE) and ev >= st.abstract_start
        ),
        default=None,
    )
    # a method named only in the title: its abstract's own statements come after it
    # (a new name, "SparSplat", "Encoder-Decoder Gemma"; not a title phrase, "Fine-Tuning
    # Without Forgetting", nor a known system the title's name was resolved to:
    # "CoDEx" read as OpenAI's Codex)
    title_from = (
        own_statement_start(text, st.sents, st.abstract_start)
        if first_prop_sent is None
        and st.sents
        and any(
            len(st.entities[e].get("label", "").split()) <= 2
            and not st.entities[e].get("in_vocabulary")
            for e in ptypes
        )
        else None
    )
    if own_benchmarks:
        for s, e, _t, rule, ev in st.proposals:
            if rule == "title":
                continue
            own = st.mention_at(s, e)
            if own is None or own.eid not in own_benchmarks:
                continue
            si = st.sent_index(ev)
            ss, se = st.sents[si] if st.sents else (0, len(text))
            if not find_values(text, ss, se):
                intro_sents.setdefault(si, set()).add(own.eid)

    benches_memo: dict[int, list] = {}  # id(by_sent list) -> benches_of it

    def benches_of(ms: list) -> list:
        """`sentence_benchmarks` of one sentence's mentions, once per list (`by_sent`'s lists
        live, unchanged, until the function returns; up to three calls a sentence)."""
        got = benches_memo.get(id(ms))
        if got is None:
            got = benches_memo[id(ms)] = sentence_benchmarks(st, text, ms)
        return got

    # a study (no method proposed) whose evaluation statement names one benchmark and no
    # system ("We test this using the FooCorpus and seven LLMs"): the models its later
    # findings name were run on it
    study_bench: tuple[int, str] | None = None
    if not ptypes and not own_benchmarks and st.sents:
        for si in sorted(by_sent):
            bs = {b.eid for b in benches_of(by_sent[si])}
            q0, q1 = st.sents[si]
            if (
                len(bs) == 1
                and not any(m.type in ("Model", "Method") for m in by_sent[si])
                and set(_WORD.findall(low[q0:q1])) & rules.strict_eval_cues
                and _OUR.search(text, q0, q1)
            ):
                study_bench = (si, next(iter(bs)))
                break
    for si, ms in by_sent.items():
        benches = benches_of(ms)
        if not benches:
            if study_bench is not None and si > study_bench[0] and st.sents:
                s0, s1 = st.sents[si]
                if Contribution.reports_finding(text, s0, s1) and not _OWN_TARGET.match(text, s0):
                    study_b = study_bench[1]
                    for m in ms:
                        if (
                            m.type == "Model"
                            and not contrib.is_component(m, s0)
                            and not _BASELINE.search(text, max(s0, m.start - 40), m.start)
                            and not _BASELINE_PAREN.search(text, max(s0, m.start - 20), m.start)
                            and (m.eid, study_b, None) not in seen
                        ):
                            seen[(m.eid, study_b, None)] = False
                            out.append(
                                (m.eid, study_b, None, None, None, None, None, s0, s1, 0.45, ())
                            )
            if own_benchmarks:
                out.extend(
                    on_own_benchmark(
                        rules, st, text, low, si, ms, own_benchmarks, seen, ptypes, contrib
                    )
                )
            elif si - 1 in by_sent and st.sents:
                # "The B dataset is used for evaluation. M achieves 71.3% F1.": a
                # result with a value and no benchmark, right after the benchmark sentence
                s0, s1 = st.sents[si]
                prev = benches_of(by_sent[si - 1])
                subjects = contrib.carried_to(ms, prev, si, s0, s1, _BASELINE)
                valued = bool(subjects) and bool(find_values(text, s0, s1))
                if subjects and (
                    valued or sota_after_setup(text, si, s0, s1, subjects, ptypes, first_prop_sent)
                ):
                    for sid in subjects:
                        for bid in dict.fromkeys(b.eid for b in prev):
                            if not valued and any(k[:2] == (sid, bid) for k in seen):
                                continue
                            if (sid, bid, None) not in seen:
                                seen[(sid, bid, None)] = False
                                out.append(
                                    (sid, bid, None, None, None, None, None, s0, s1, 0.45, ())
                                )
            continue
        s0, s1 = st.sents[si] if st.sents else (0, len(text))
        words = set(_WORD.findall(low[s0:s1]))
        finding_only = False  # an own-benchmark result without an evaluation verb: no value
        if all(b.eid in own_benchmarks for b in benches):
            # the paper's own benchmark: an evaluation verb, not just "state-of-the-art"
            # ("Through a case study involving seven models ..., FooEval pinpointed
            # key risks": a study run on it names the models it ran)
            cue = (
                bool(words & rules.strict_eval_cues)
                or bool(_CASE_STUDY.search(text, s0, s1))
                # "BASIC sets a new state of the art on i-CIR": the paper's own method
                # with a result verb (no value bound: the sentence has no evaluation verb)
                or (
                    finding_only := any(
                        m.eid in ptypes and _OWN_RESULT.match(text, m.end) for m in ms
                    )
                )
                # "Even frontier models struggle on Oolong, with GPT-5 and Gemini-2.5-Pro
                # all achieving less than 50% accuracy": named models' result with a value
                or (
                    finding_only := (
                        not ptypes
                        and any(m.type == "Model" for m in ms)
                        and Contribution.reports_finding(text, s0, s1)
                        and bool(find_values(text, s0, s1))
                    )
                )
            )
        else:
            cue = bool(words & rules.eval_cues) or any(
                _ON.search(low[max(s0, b.start - 40) : b.start]) for b in benches
            )
        if not cue:
            continue
        s0, s1 = st.sents[si] if st.sents else (0, len(text))
        if s0 < st.title_len and not (words & rules.strict_eval_cues):
            # a title names what a paper is about ("X for Deepfake Detection"), not a result
            continue
        if intro_sents and si in intro_sents:
            # the sentence that introduces the paper's own benchmark ("we introduce
            # X, a suite to assess model merging") reports no result unless it gives one
            # (its sources, "built on SWE-bench Verified", are not evaluations either);
            # but "to evaluate AgentX's performance, we introduce X": AgentX runs on X
            # "MirrorAPI achieves superior accuracy ..., as demonstrated by its
            # performance on the newly constructed MirrorAPI-Bench": the paper's method
            # with a result verb in the sentence introducing the benchmark runs on it
            ran = contrib.evaluated_by_intro(ms, s0, s1) + [
                m.eid for m in ms if m.eid in ptypes and _OWN_RESULT.match(text, m.end)
            ]
            # "We introduce FlowBench and show ... that our approach outperforms"
            if ptypes and any(
                _OWN_RESULT.match(text, t.end()) for t in _THIS_NAMED.finditer(text, s0, s1)
            ):
                ran += [e for e in contrib.main if e in ptypes]
            for sid in dict.fromkeys(ran):
                for b in intro_sents[si]:
                    if (sid, b, None) not in seen:
                        seen[(sid, b, None)] = False
                        out.append((sid, b, None, None, None, None, None, s0, s1, 0.5, ()))
            continue
        if first_prop_sent is not None and si < first_prop_sent and not _OUR.search(text, s0, s1):
            continue  # background before the paper says what it proposes ("X reaches 90% on B")
        subj_ids, base_of, unvalued, own_scored, compared_at, clause_of = sentence_subjects(
            rules,
            st,
            text,
            low,
            si,
            s0,
            s1,
            ms,
            benches,
            by_sent,
            proposal_ids,
            ptypes,
            own_benchmarks,
            contrib,
            first_prop_sent,
            title_from,
        )
        if not subj_ids:
            continue
        metrics = [m for m in ms if m.type == "Metric"]
        ordered = sorted({b.eid: b for b in benches}.values(), key=lambda b: b.start)
        # each value to the benchmark (and subject) the statement ties it to, with its kind
        bound = bind_values(text, s0, s1, {b.eid for b in ordered}, ms)
        for b in ordered:
            bkey = match_key(st.entities.get(b.eid, {}).get("label", b.eid))
            unshared = unshared_values(bound, b.eid, subj_ids, base_of, contrib.main)
            for sid in subj_ids:
                if match_key(st.entities.get(sid, {}).get("label", sid)) == bkey:
                    continue  # a name evaluated on itself: one entity typed two ways
                if own_variant(st.entities, sid, b.eid, rules.benchmark_endings):
                    continue  # "DMC and DMC-OT achieve ...": a variant, not its benchmark
                if (
                    sid in clause_of
                    and ";" in text[min(clause_of[sid], b.start) : max(clause_of[sid], b.start)]
                ):
                    continue
                if sid in compared_at and b.eid not in clause_benchmarks(
                    text, compared_at[sid], benches
                ):
                    continue
                vals: list[BoundValue | None] = (
                    [None]
                    if sid in unvalued
                    # a finding on the paper's own benchmark binds only a value written on
                    # it as the subject's own ("TabiBERT attains 77.58 on TabiBench") (20)
                    else [v for v in unshared[sid] if v.owner == sid and v.explicit] or [None]
                    if finding_only
                    else [*unshared[sid]] or [None]
                )
                if sid in own_scored and not any(v is not None and v.owner == sid for v in vals):
                    continue
                bases = tuple(
                    x
                    for x in base_of.get(sid, ())
                    if x != sid
                    and not (
                        x in clause_of
                        and ";" in text[min(clause_of[x], b.start) : max(clause_of[x], b.start)]
                    )
                )
                for val in vals:
                    met = val.metric if val else nearest_metric(metrics, b.start)
                    key = (sid, b.eid, met)
                    if key in seen and (val is None or seen[key]):
                        continue
                    seen[key] = val is not None
                    out.append(
                        (
                            sid,
                            b.eid,
                            met,
                            val.value if val else None,
                            val.unit if val else None,
                            val.text if val else None,
                            val.kind if val else None,
                            s0,
                            s1,
                            0.6 if sid in ptypes else 0.55,
                            bases,
                        )
                    )
    if (
        len(own_benchmarks) == 1
        and ptypes
        and first_prop_sent is not None
        and st.sents
        and all(m.eid in own_benchmarks for m in st.mentions if m.type == "Benchmark")
    ):
        # "We present FooBench ... We propose BarNet ... This approach improves the
        # performance by up to 9.3%": the paper's only benchmark is its own, so a result
        # its method reports (in a sentence naming no other system) is measured there (no
        # value: the statement names no benchmark to bind it to)
        own_b = own_benchmarks[0]
        for si, (s0, s1) in enumerate(st.sents):
            named_main = main_as_subject(text, s0, by_sent.get(si, ()), contrib)
            if named_main and any(
                o.eid == own_b and _TRAIN_WORD.search(text, *st.sent_of(o.start))
                for o in st.mentions
            ):
                named_main = set()  # "To support post-training, we introduce ZorbSet"
            if (
                si <= first_prop_sent
                or any(m.type != "Metric" and m.eid not in named_main for m in by_sent.get(si, ()))
                or not (_THIS_SUBJECT.match(text, s0) or named_main)
                or not contrib.reports_result(s0, s1)
                or not (find_values(text, s0, s1) or (named_main and _SOTA.search(text, s0, s1)))
            ):
                continue
            for sid in contrib.main:
                if sid in ptypes and not any(k[:2] == (sid, own_b) for k in seen):
                    seen[(sid, own_b, None)] = False
                    out.append((sid, own_b, None, None, None, None, None, s0, s1, 0.45, ()))
    # a pair named without a value in one sentence and with one in another: the valued
    # entry stands for both
    out = [e for e in out if e[3] is not None or not seen.get((e[0], e[1], e[2]))]
    return first_result_per_measure(out, st.entities)
