"""The subjects of an evaluation sentence: which models and methods its benchmarks are
paired with, and which of them take its values (kg.extract.evaluations)."""

from __future__ import annotations

from kg.extract.applied_models import applied_run_models
from kg.extract.compared_systems import compared_systems, evaluated_objects
from kg.extract.contribution import Contribution
from kg.extract.eval_cues import (
    _APPLIED_TO,
    _BASELINE,
    _IT,
    _OUR,
    _OWN_RESULT,
    _OWN_SCORE,
    _POSS_SCORE,
    _RESULT_VERB,
    _RESULTS_LEAD,
    _SOTA,
    _TRAIN_SOURCE,
    _WORD,
)
from kg.extract.family_bases import family_bases
from kg.extract.own_subjects import (
    comparative_baselines,
    listed_run_models,
    own_based_models,
    resulting_subject,
)
from kg.extract.rules import Rules
from kg.extract.state import DocState


def sentence_subjects(
    rules: Rules,
    st: DocState,
    text: str,
    low: str,
    si: int,
    s0: int,
    s1: int,
    ms: list,
    benches: list,
    by_sent: dict,
    proposal_ids: list[str],
    ptypes: set[str],
    own_benchmarks: list[str],
    contrib: Contribution,
    first_prop_sent: int | None,
    title_from: int | None,
) -> tuple[list[str], dict[str, list[str]], set[str], set[str], dict[str, int], dict[str, int]]:
    """The systems an evaluation sentence's benchmarks `benches` are paired with: the paper's
    own method (named, "it", "the resulting models", or carried from the proposal), the
    models it runs on (its base models, `base_of`), compared systems and baselines with a
    score of their own, the systems the sentence evaluates. Also which of them get no value
    (`unvalued`), only a value of their own (`own_scored`), only the benchmarks of their
    clause (`compared_at`, `clause_of`)."""
    bench_ids = {b.eid for b in benches}
    listed = contrib.benchmark_list_members(ms, benches)
    base_of: dict[str, list[str]] = {}
    named = [
        m
        for m in ms
        if m.type in ("Model", "Method")
        and m.eid not in bench_ids
        and not (m.type == "Model" and _TRAIN_SOURCE.search(text, max(s0, m.start - 60), m.start))
        # backbones, encoders, judges, generic techniques: inside the method, not run
        and (m.eid in ptypes or not (contrib.is_component(m, s0) or contrib.is_generic(m)))
        and m.eid not in listed
    ]
    all_named = named
    unvalued: set[str] = set()  # subjects this sentence gives no value
    by_title = False  # read as after the proposal only for a title-named method
    own_scored: set[str] = set()  # paired only where a value of their own binds
    compared_at: dict[str, int] = {}  # compared systems: benchmarks of their clause
    clause_of: dict[str, int] = {}  # subjects paired only with benchmarks of their clause
    if len(named) > 1:
        runs = [m for m in named if not _BASELINE.search(text, max(s0, m.start - 40), m.start)]
        if runs and len(runs) < len(named):
            named = [m for m in named if m.eid in {r.eid for r in runs}]
    named_props = [m for m in named if m.eid in ptypes]
    if ptypes and (named_props or _OUR.search(text, s0, s1)):
        # the paper's own method is the subject, not the backbones it runs on
        # nor the baselines it is compared with
        subj_ids = list(dict.fromkeys(m.eid for m in named_props)) or list(contrib.main)
        method_ids = list(subj_ids)
        # "applying X to M1 and M2 improves B", "with M as the backbone": the models
        # the method runs on are evaluated too, and carried as its base models
        sent_bases = [
            m.eid
            for m in contrib.base_models(named, s0, s1)
            if not _BASELINE.search(text, max(s0, m.start - 40), m.start)
        ]
        base_of = {sid: sent_bases or contrib.bases for sid in method_ids}
        for m in contrib.base_models(named, s0, s1) if contrib.reports_result(s0, s1) else ():
            if m.eid in sent_bases and m.eid not in subj_ids:
                subj_ids.append(m.eid)
                clause_of.setdefault(m.eid, m.start)  # its own clause's benchmarks
        # "improving the GPT-4o agent baseline by 51%": a baseline's model, compared on
        # the benchmarks, with no value (the sentence's numbers are the method's)
        if contrib.reports_result(s0, s1):
            for eid in contrib.baseline_models(named, s0):
                if eid not in subj_ids:
                    subj_ids.append(eid)
                    unvalued.add(eid)
        # "Llama3.1-8B reaches 29.4 on B with our method": the model the method is
        # applied to is evaluated too (baselines and training sources are filtered above)
        subj_ids += [
            m.eid
            for m in named
            if m.type == "Model" and m.eid not in subj_ids and _RESULT_VERB.match(text, m.end)
        ]
        # "(i) it transfers to Llama 2 on GSM8K; (ii) ...": the model the method is
        # applied to, on the benchmarks of its own clause
        for m in named:
            if (
                m.type == "Model"
                and m.eid not in subj_ids
                and _APPLIED_TO.search(text, max(s0, m.start - 40), m.start)
            ):
                subj_ids.append(m.eid)
                clause_of[m.eid] = m.start
        # "outperforming the Self-Rewarding baseline (19.69)": a compared system with
        # its own reported score was run on the benchmark too
        subj_ids += [
            m.eid for m in all_named if m.eid not in subj_ids and _OWN_SCORE.match(text, m.end)
        ]
        for m in all_named:
            if m.eid not in subj_ids and _POSS_SCORE.match(text, m.end):
                subj_ids.append(m.eid)
                own_scored.add(m.eid)
        if all(b.eid in own_benchmarks for b in benches):
            # on the paper's own benchmark every system compared was run by the paper
            # (no earlier results exist): "outperforming GPT-4o and Gemini on OurBench"
            subj_ids += [
                m.eid
                for m in all_named
                if m.eid not in subj_ids
                and m.type == "Model"
                and _BASELINE.search(text, max(s0, m.start - 40), m.start)
            ]
        elif contrib.reports_result(s0, s1):
            # "FooNet outperforms Plan CoT and Draft CoT methods on A and B": the
            # baselines were compared on A and B too
            subj_ids += [e for e in contrib.compared(all_named, s0) if e not in subj_ids]
    else:
        subj_ids = list(dict.fromkeys(m.eid for m in named))
        by_title = title_from is not None and si >= title_from
        after_prop = (first_prop_sent is not None and si > first_prop_sent) or by_title
        if (
            ptypes
            and after_prop
            and named
            and all(_BASELINE.search(text, max(s0, m.start - 40), m.start) for m in named)
        ):
            # "Experiments on A and B show that it outperforms GPT-4o": the only
            # names are what the paper's method is compared with
            subj_ids = []
        if (
            not subj_ids
            and ptypes
            and after_prop
            and not all(b.eid in own_benchmarks for b in benches)
            and contrib.reports_experiments(s0, s1)
        ):
            # "We propose X. ... Experiments on A, B and C show consistent gains":
            # the paper's own method, named in another sentence, with the models it
            # was applied to ("We apply X to M1 and M2.")
            subj_ids = list(contrib.main)
            base_of = {sid: contrib.bases for sid in subj_ids}
            if contrib.reports_result(s0, s1):
                subj_ids += [b for b in contrib.bases if b not in subj_ids]
                # "... show that it outperforms GPT-4o": compared on A and B too
                subj_ids += [e for e in contrib.compared(named, s0) if e not in subj_ids]
        elif subj_ids and ptypes and after_prop:
            # "Experiments on A with M1 and M2 show ...": every model named is one
            # the method runs on
            sent_bases = [m.eid for m in contrib.base_models(named, s0, s1)]
            if (
                set(subj_ids) <= set(sent_bases)
                and contrib.reports_experiments(s0, s1)
                and contrib.reports_result(s0, s1)
            ):
                base_of = {sid: sent_bases for sid in contrib.main}
                subj_ids = list(contrib.main) + subj_ids
        it = _IT.search(text, s0, s1) if ptypes and after_prop else None
        if it is None and ptypes and after_prop:
            # "The resulting segmentation models achieve ..."
            it = resulting_subject(text, s0, s1)
        by_title = by_title and it is None  # "It achieves 91%": its value stands
        if it and not subj_ids:
            # "It achieves 91% on GSM8K", "The proposed approach ...": after the
            # proposal, an unnamed subject is the paper's own method
            subj_ids = [e for e in proposal_ids if e in ptypes]
        elif it:
            # "Notably, it achieves 91.3% mIoU and 97.1% X on B": the names after
            # "it <verb>" are its objects, not other subjects
            subj_ids = list(contrib.main) + [
                m.eid for m in named if m.start < it.start() and m.eid not in contrib.main
            ]
    # "Our RoBERTa-based models achieve ... on B": the base of the paper's own
    # system; "... than PPO and a Reward Machine baseline": baselines run there
    for eid in own_based_models(text, ms, s0, s1):
        if eid not in subj_ids:
            subj_ids.append(eid)
        for sid in subj_ids:
            if sid in contrib.main and eid not in base_of.get(sid, ()):
                base_of[sid] = [*base_of.get(sid, ()), eid]
    if subj_ids:
        subj_ids += [e for e in comparative_baselines(text, all_named, s0, s1) if e not in subj_ids]
        if contrib.reports_result(s0, s1) or _SOTA.search(text, s0, s1):
            # "SpiLiFormer outperforms E-SpikeFormer by 0.46%": compared there, on
            # the benchmarks of its own clause
            for cid in compared_systems(text, all_named, s0, s1, set(contrib.main), benches):
                if cid not in subj_ids:
                    subj_ids.append(cid)
                    unvalued.add(cid)  # the sentence's numbers are the subject's
                    compared_at[cid] = next(m.start for m in all_named if m.eid == cid)
        # "We evaluate A, B and C on B1 and B2": the systems the sentence evaluates
        for cid in evaluated_objects(text, all_named, s0, s1, benches):
            if cid not in subj_ids:
                subj_ids.append(cid)
                unvalued.add(cid)
    mains = [sid for sid in subj_ids if sid in contrib.main]
    if mains and contrib.reports_result(s0, s1):
        # "Evaluated on three models (A, B, C), CARD achieves ...": run on A, B, C
        for eid in listed_run_models(text, ms, s0, s1):
            if eid not in subj_ids:
                subj_ids.append(eid)
                unvalued.add(eid)  # one number for the list: "81.4% to 89.2%"
            for sid in mains:
                if eid not in base_of.get(sid, ()):
                    base_of[sid] = [*base_of.get(sid, ()), eid]
    # "We implement X on M1 and M2, and evaluate on A and B": X and each model
    applied = applied_run_models(text, ms, s0, s1, ptypes) if ptypes else []
    if applied:
        mains = mains or [e for e in contrib.main if e in ptypes]
        subj_ids = list(dict.fromkeys([*subj_ids, *mains]))
        for eid in applied:
            if eid not in subj_ids:
                subj_ids.append(eid)
                unvalued.add(eid)  # one statement for the method and every model
            for sid in mains:
                if eid not in base_of.get(sid, ()):
                    base_of[sid] = [*base_of.get(sid, ()), eid]
    if not subj_ids:
        subj_ids = carried_subjects(rules, st, low, si, by_sent)
    elif title_from is not None and set(subj_ids) <= set(contrib.main):
        # "Using models such as A and B, we train classifiers. Evaluations on B1
        # demonstrate ...": a title-named framework's models were run there too
        subj_ids += [e for e in carried_subjects(rules, st, low, si, by_sent) if e not in subj_ids]
    families = family_bases(text, ms, s0, set(contrib.methods)) or contrib.families
    for sid in subj_ids if families else ():
        # "... on GSM8K with models from the Qwen and Llama families": base models only
        if sid in contrib.main:
            base_of[sid] = [
                *base_of.get(sid, ()),
                *(f for f in families if f not in base_of.get(sid, ())),
            ]
    if by_title:
        # the title's method and the models with it, unnamed here: no value
        # (precision first: "... and 97.79% and 8.60% respectively for ADNI-2")
        unvalued |= set(subj_ids) - {m.eid for m in named}
    return subj_ids, base_of, unvalued, own_scored, compared_at, clause_of


def main_as_subject(text: str, s0: int, ms, contrib: Contribution) -> set[str]:
    """ "Video-NaRA improves long-range reasoning performance by up to 3 percent": the
    paper's main proposal opening the sentence with a result verb (its ids, or none)."""
    first = min(ms, key=lambda m: m.start, default=None)
    if (
        first is None
        or first.eid not in contrib.main
        or (
            text[s0 : first.start].strip() not in ("", "The", "Our", "the", "our")
            and not _RESULTS_LEAD.fullmatch(text, s0, first.start)
        )
        or not _OWN_RESULT.match(text, first.end)
    ):
        return set()
    return {first.eid}


def sota_after_setup(
    text: str, si: int, s0: int, s1: int, subjects: list[str], ptypes, first_prop_sent
) -> bool:
    """ "To support benchmarking, we ... for standard datasets, including A, B and C.
    Experimental results demonstrate that Audio-3DVG achieves new state-of-the-art
    performance": with no value, a carried result still counts where it is the paper's
    own proposal beating the state of the art (or the baselines) right after a setup
    sentence that comes after the proposal."""
    return (
        first_prop_sent is not None
        and si - 1 > first_prop_sent
        and all(sid in ptypes for sid in subjects)
        and bool(_SOTA.search(text, s0, s1))
    )


def carried_subjects(rules: Rules, st: DocState, low: str, si: int, by_sent: dict) -> list[str]:
    """ "We evaluate A, B and C. ... with evaluation across X and Y": a benchmark
    sentence that names no subject takes the models of the sentence just before it,
    when that sentence is itself an evaluation statement naming models but no benchmark."""
    prev = by_sent.get(si - 1)
    if not prev or any(m.type == "Benchmark" for m in prev):
        return []
    p0, p1 = st.sents[si - 1]
    if not (set(_WORD.findall(low[p0:p1])) & rules.strict_eval_cues):
        return []
    return list(dict.fromkeys(m.eid for m in prev if m.type == "Model"))
