"""`kg_relations`: facts over resolved mentions, sentence by sentence.

- proposes: the entities at the proposal spans (cue sentences, title name);
- evaluations: in a sentence naming a Benchmark and reporting an evaluation (a cue verb
  or "on <benchmark>"), each Model/Method named there (or, where none is named, the
  paper's own proposal) is evaluated on each benchmark; a metric and value are added
  where the sentence gives them ("91.2% accuracy on GSM8K", "improves macro-F1 by 8.24
  points over X", "12.9x speedup"); the paper-level reading (the main proposal for
  sentences that do not name it, base models, components that are no subjects) is
  kg/extract/contribution.py;
- hardware_use: each device, with the purpose cue nearest to it in its sentence
  ("trained on 8 H100s" -> training, "inference on a T4" -> inference) and the nearest
  model or method as subject.
"""

from __future__ import annotations

import re

from spacy.language import Language

from kg.extract.applied_models import applied_run_models, own_variant
from kg.extract.compared_systems import (
    clause_benchmarks,
    compared_systems,
    evaluated_objects,
)
from kg.extract.contribution import Contribution
from kg.extract.name_extensions import extended_names
from kg.extract.normalise import match_key
from kg.extract.own_subjects import (
    comparative_baselines,
    listed_run_models,
    own_based_models,
    own_statement_start,
    resulting_subject,
)
from kg.extract.rules import load_rules
from kg.extract.state import DocState, state_of
from kg.extract.values import BoundValue, bind_unnamed_benchmark, bind_values, find_values

_WORD = re.compile(r"[a-z][a-z\-/]*")
_OUR = re.compile(
    r"(?<![\w-])(?:we|our|ours|proposed|this approach|this method)(?![\w-])", re.IGNORECASE
)
_IT = re.compile(
    r"(?<![\w-])(?:[Ii]t|[Tt]his\s+(?:method|approach|framework|model|system|technique|pipeline|design|strategy)|"
    r"[Tt]he\s+(?:proposed|resulting)\s+(?:method|approach|framework|model|system|technique|pipeline))\s+"
    r"(?:\w+\s+){0,2}?(?:achieves|achieved|outperforms|outperformed|reaches|attains|obtains|improves|yields|scores|"
    r"surpasses|sets|establishes|delivers|exceeds|matches|boosts|raises|lifts)(?![\w-])"
)
_VARIANT_TYPES = ("Model", "Method")
# "-8B", " 7B", "-X", "-Pro", "-Instruct": a size or one capitalised word after a hyphen
_VARIANT_TAIL = re.compile(
    r"(?:[\s\-](?:\d+(?:\.\d+)?[BMK]|[A-Z][a-z]{0,9}|[A-Z]))+(?:[\s\-](?:\d+(?:\.\d+)?[BMK]))?"
)
_DATA_NOUN = re.compile(
    r"\s+(?:samples?|data|sets?|examples|instances|points|corpus|corpora|distribution|pairs|split|trajectories|tokens)\b"
)
_TRAIN_DATA = re.compile(
    r"(?<![\w-])(?:train\w*|fine-?tun\w*|pre-?train\w*|distill\w*|built\s+(?:from|on|upon)|derived\s+from|constructed\s+from|"
    r"sampled\s+from|drawn\s+from|collected\s+from|curated\s+from|compiled\s+from|sourced\s+from|aggregated\s+from|"
    r"gathered\s+from|adapted\s+from|extends|extending)\s+"
    r"(?:(?!(?:evaluat|test|benchmark|assess|measur|and\b|but\b|while\b))[\w\-]+\s+){0,4}?(?:on|from|with|using)?\s*(?:the\s+)?$",
    re.IGNORECASE,
)
# "We trained a mix of Llama 2 and small Gemma models on the 10M-word FooCorpus dataset": a
# training verb further back in the clause, with no evaluation word or result between
# (and, checked by the caller, no value reported after the benchmark: trained-and-measured
# counts as evaluated)
_TRAIN_DATA_FAR = re.compile(
    r"(?<![\w-])(?:we\s+(?:\w+\s+)?)(?:train\w*|pre-?train\w*|fine-?tun\w*|finetun\w*)\s+"
    r"(?:(?!(?:evaluat|test|benchmark|assess|measur|achiev|outperform|reach|but\b|while\b|then\b|which\b))[\w\-.]+,?\s+){0,14}?"
    r"on\s+(?:the\s+)?(?:[\w\-.]+,?\s+){0,3}$",
    re.IGNORECASE,
)
# "fine-tuning LLaMA using Alpaca", "distilled from GPT-4": the model named is training
# data or a teacher, not what is evaluated
_TRAIN_SOURCE = re.compile(
    r"(?<![\w-])(?:train\w*|fine-?tun\w*|finetun\w*|pre-?train\w*|post-?train\w*|distill\w*|instruction-tun\w*)\s+"
    r"(?:(?!(?:evaluat|test|benchmark|and\b|but\b|while\b))[\w\-.]+\s+){0,5}?(?:on|using|with|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "outperforms X", "compared with X", "than X": X is a baseline
_BASELINE = re.compile(
    r"(?<![\w-])(?:outperform\w*|surpass\w*|beat\w*|exceed\w*|than|over|versus|vs\.?|compared\s+(?:to|with)|"
    r"relative\s+to|against|baselines?(?:\s+such\s+as|\s+like|\s+including)?)\s+(?:the\s+|strong\s+|"
    r"(?:[\w\-']+\s+){0,2}?)?$",
    re.IGNORECASE,
)
_RESULT_VERB = re.compile(
    r"\s*(?:\([^()]{0,30}\)\s*)?(?:\w+\s+){0,1}?"
    r"(?:(?:trained|tuned|fine-?tuned|finetuned|post-?trained|aligned|equipped|augmented|enhanced)\s+(?:with|using|via|by)\s+"
    r"(?:[\w\-]+\s+){0,3}?)?(?:achieves|achieved|reaches|reached|attains|attained|obtains|"
    r"obtained|scores|scored|improves|improved|gains|gained)(?![\w-])"
)
# "GTA5 (synthetic dataset) was used as training images", "C4 for pre-training": data
_TRAIN_AFTER = re.compile(
    r"(?:\s*\([^()]{0,40}\))?(?:\s+(?:is|are|was|were|serves?|served)\s+(?:used\s+)?(?:as|for)|\s+for)\s+"
    r"(?:the\s+)?(?:training|pre-?training|fine-?tuning|post-?training)\b",
    re.IGNORECASE,
)
# "an ImageNet-pretrained encoder", "COCO-trained weights": the benchmark is training data
_TRAINED_ON_AFTER = re.compile(r"-(?:pre-?)?trained(?![\w-])", re.IGNORECASE)
# "it transfers to Llama 2", "applied to Mistral-7B": the model the paper's method is
# applied to
_APPLIED_TO = re.compile(
    r"(?:(?<![\w-])(?:appl(?:y|ies|ied|ying)|transfer(?:s|red|ring)?|generali[sz]\w*|extend(?:s|ed|ing)?|scal(?:es|ed|ing))"
    r"\s+(?:\w+\s+)?to)\s+(?:the\s+)?(?:[\w.\-]+\s+)?$"
)
_TRAIN_WORD = re.compile(
    r"(?<![\w-])(?:train\w*|pre-?train\w*|post-?train\w*|(?:[a-z]+-)?tun(?:e|ed|ing)|finetun\w*|leverag\w*)",
    re.IGNORECASE,
)
# "On a multi-panel captioning task constructed from DOCCI, X outperforms ...": the
# sentence opens on an evaluation task built from the benchmark, so it is evaluated on
_EVAL_TASK_FROM = re.compile(
    r"\s*(?:On|In|For|Across|Extending\s+to|Moving\s+to|Turning\s+to)\s+(?:a|an|the)\s+"
    r"(?:[\w\-]+\s+){0,6}?(?:task|benchmark|setting|subset|split|test\s+set|suite)s?\s+"
    r"(?:constructed|derived|built|adapted|sampled|drawn|curated|compiled|created)\s+from\s+"
    r"(?:the\s+)?$"
)
# a result verb after a training set: the result is measured there
_MEASURED_AFTER = re.compile(
    r"(?<![\w-])(?:reduc(?:es|ed|ing)|lower(?:s|ed|ing)?|improv(?:es|ed|ing)|achiev(?:es|ed|ing)|"
    r"reach(?:es|ed|ing)|attain(?:s|ed|ing)|obtain(?:s|ed|ing)|outperform(?:s|ed|ing)?|"
    r"surpass(?:es|ed|ing)?|yield(?:s|ed|ing)?|scor(?:es|ed|ing)|cut(?:s|ting)?)(?![\w-])",
    re.IGNORECASE,
)
_TRAIN_VERB = re.compile(r"(?:pre-?)?train|fine-?tun|finetun", re.IGNORECASE)
# "trained using GRPO", "fine-tuned with DPO": a training method, not one assessed
_TRAIN_WITH = re.compile(
    r"(?<![\w-])(?:train\w*|fine-?tun\w*|finetun\w*|optimi[sz]ed|align\w*)\s+(?:using|with|via|by)\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
_CASE_STUDY = re.compile(
    r"(?<![\w-])(?:case\s+stud(?:y|ies)|stud(?:y|ies)\s+(?:involving|of|with|on))(?![\w-])",
    re.IGNORECASE,
)
_GATHERS = re.compile(
    r"\s*(?:It|The\s+benchmark|The\s+suite|This\s+benchmark)\s+(?:\w+ly\s+)?"
    r"(?:unifies|covers|includes|integrates|implements|gathers|encompasses|spans)\s"
)
# "On MP-1, we achieve ...": a sentence about a target of its own
_OWN_TARGET = re.compile(
    r"\s*(?:On|For|In)\s+(?:the\s+)?[A-Z0-9][\w\-.]*(?:\s+[A-Z0-9][\w\-.]*)?\s*,"
)
# "the strongest baseline (Claude 3.7 Sonnet)"
_BASELINE_PAREN = re.compile(r"(?<![\w-])baselines?\s*\(\s*$", re.IGNORECASE)
# "This approach significantly reduces ...": the sentence's subject is the paper's method
_THIS_SUBJECT = re.compile(
    r"\s*(?:[Tt]his|[Oo]ur|[Tt]he\s+proposed)\s+(?:approach|method|framework|model|system|"
    r"technique|pipeline|agent|baseline)(?![\w-])"
)
# a result verb after the paper's own method ("X achieves", "X sets a new state of the art")
_OWN_RESULT = re.compile(
    r"(?:\s*\([^()]{0,30}\))?\s+(?:\w+ly\s+)?(?:achieves|achieved|reaches|reached|attains|attained|"
    r"obtains|obtained|scores|scored|improves|improved|outperforms|outperformed|surpasses|surpassed|"
    r"boosts|boosted|yields|delivers|sets\s+(?:a\s+)?new|establishes\s+(?:a\s+)?new)(?![\w-])"
)
_THIS_NAMED = re.compile(
    r"(?<![\w-])(?:[Oo]ur|[Tt]he\s+proposed)\s+(?:approach|method|framework|model|system|agent|pipeline)(?![\w-])"
)
# "Experimental results show that WiFi2Cap outperforms": a lead-in before the sentence's subject
_RESULTS_LEAD = re.compile(
    r"\s*(?:(?:[A-Z]\w*|[Tt]he|[Oo]ur)\s+(?:\w+\s+){0,3}?)?(?:show|shows|demonstrate|demonstrates|"
    r"indicate|indicates|reveal|reveals|confirm|confirms|verify|verifies)\s+that\s+"
    r"(?:our\s+(?:proposed\s+)?|the\s+proposed\s+)?$"
)
# "Qwen2.5 demonstrates strong generalization", "GPT-4o and Gemini2.5 perform competitively":
# a model's own finding, its verb right after its name (or the list it closes)
_MODEL_FINDING = re.compile(
    r"(?:\s*\([^()]{0,40}\))?\s+(?:\w+ly\s+)?(?:perform|performs|performed|achiev\w*|scor\w*|"
    r"struggl\w*|fail\w*|lag\w*|outperform\w*|surpass\w*|excel\w*|lead\w*|rank\w*|"
    r"demonstrat\w*|show\w*|exhibit\w*)(?![\w-])"
)
_SOTA = re.compile(
    r"(?<![\w-])(?:state-of-the-art|state\s+of\s+the\s+art|sota|outperform\w*|surpass\w*)(?![\w-])",
    re.IGNORECASE,
)
_OWN_SCORE = re.compile(r"(?:\s+(?:baseline|model|method))?\s*\(\s*\d+(?:\.\d+)?\s*%?\s*\)")
# "99.80% against DT-GoogleNet's 98.93% on UCLA": a compared system with a score of its own
# was run there (paired only with the benchmarks its own value binds to)
_POSS_SCORE = re.compile(r"['\u2019]s\s+\d+(?:\.\d+)?\s*%")
_ON = re.compile(
    r"(?:on|across|over|in|using|with|including|such as)\s+(?:the\s+)?(?:[\w\-]+\s+){0,3}?$",
    re.IGNORECASE,
)


def _nearest_metric(metrics: list, pos: int) -> str | None:
    return min(metrics, key=lambda m: abs(m.start - pos)).eid if metrics else None


def _first_result_per_measure(out: list, entities: dict) -> list:
    """One value per pair and measure: where later sentences give a pair another value of
    the same measure ("achieves 80% diagnostic accuracy. When configured for maximum
    accuracy, it achieves 85.5% accuracy"), the first, the abstract's headline, stands; a
    later one is a setting of it. Measures are the same where one's label ends with the
    other's ("diagnostic accuracy", "accuracy")."""

    def label(eid: str | None) -> str:
        return (entities.get(eid, {}).get("label") or eid or "").lower() if eid else ""

    kept: list = []
    for e in out:
        if e[3] is not None and e[2] is not None:
            mine = label(e[2])
            if any(
                k[0] == e[0]
                and k[1] == e[1]
                and k[3] is not None
                and k[2] is not None
                and k[6] == e[6]
                and k[7] != e[7]  # another sentence
                and _same_measure(label(k[2]), mine)
                for k in kept
            ):
                continue
        kept.append(e)
    return kept


def _unshared_values(
    bound, bench: str, subjects: list[str], base_of: dict, main=()
) -> dict[str, list[BoundValue]]:
    """Each subject's values on `bench`, less a value no system in the sentence owns that
    would go to several subjects ("Models ... perform poorly (below 10 percent accuracy on
    B)" after a study names five models): one number is one system's result. It may be
    shared by a method and the models it ran on ("On Llama-2-7B, X achieves 12.18
    perplexity on B"), by the one system the sentence names and the paper's method ("A
    Llama model tuned with this approach scores 94.1 on B"), or by the paper's own methods
    (a name and its acronym taken as two). Otherwise the paper's method keeps it where it
    is one of the takers, and nobody does where it is not (precision first)."""
    got = {sid: bound.values_for(sid, bench) for sid in subjects}
    takers: dict[tuple, set[str]] = {}
    for sid, vals in got.items():
        for v in vals:
            if v.owner is None:
                takers.setdefault((v.value, v.text, v.metric), set()).add(sid)
    # another system's own value ("HRM reaches 65.0%") is shared between the paper's
    # method and a model it ran on, and between a method and its models, never given to
    # a bystander (the parts of a baseline)
    got = {
        sid: [
            v
            for v in vals
            if v.owner is None
            or v.owner == sid
            or sid in main
            or v.owner in main
            or v.owner in base_of.get(sid, ())
            or sid in base_of.get(v.owner, ())
        ]
        for sid, vals in got.items()
    }
    shared = {
        k
        for k, sids in takers.items()
        if len(sids) > 1
        and len(sids & bound.named) != 1
        and not sids <= set(main)
        and not any(sids <= {m, *base_of.get(m, ())} for m in sids)
    }
    if not shared:
        return got
    keeper = {
        k: next(iter(takers[k] & set(main))) for k in shared if len(takers[k] & set(main)) == 1
    }
    return {
        sid: [
            v
            for v in vals
            if v.owner is not None
            or (key := (v.value, v.text, v.metric)) not in shared
            or keeper.get(key) == sid
        ]
        for sid, vals in got.items()
    }


def _same_measure(a: str, b: str) -> bool:
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return long == short or long.endswith(" " + short)


class Relations:
    def __init__(self, patterns_dir=None) -> None:
        self.rules = load_rules(patterns_dir)
        self._purpose = []
        for purpose, words in self.rules.purpose_cues.items():
            for w in words:
                self._purpose.append(
                    (re.compile(rf"(?<![\w-]){re.escape(w)}(?![\w-])", re.IGNORECASE), purpose)
                )

    def _proposes(self, st: DocState) -> list:
        out = []
        seen: set[str] = set()
        for s, e, _, rule, ev in st.proposals:
            m = next((m for m in st.mentions if m.start < e and s < m.end), None)
            if m is None or m.eid in seen:
                continue
            seen.add(m.eid)
            ss, se = st.sent_of(ev if rule != "title" else s)
            out.append(
                (m.eid, ss, se, 0.8 if rule == "proposal" else 0.7 if rule == "title" else 0.6)
            )
        if out:
            out.extend(self._variants(st, seen))
            out.extend(extended_names(st, seen))  # "AtlasOCR" -> "AtlasOCRBench" (17)
        return out

    def _variants(self, st: DocState, seen: set[str]) -> list:
        """ "Brixel-1B, Brixel-3B and Brixel-8B", "TileNet-X": a size or a variant word
        after a proposed Model/Method's own name is a variant the paper introduces too."""
        own = {
            m.text
            for m in st.mentions
            if m.eid in seen and m.type in _VARIANT_TYPES and len(m.text) >= 3
        }
        if not own:
            return []
        out = []
        for m in st.mentions:
            if m.eid in seen or m.type not in _VARIANT_TYPES:
                continue
            for base in own:
                if len(m.text) > len(base) and m.text.startswith(base):
                    if _VARIANT_TAIL.fullmatch(m.text, len(base)):
                        seen.add(m.eid)
                        ss, se = st.sent_of(m.start)
                        out.append((m.eid, ss, se, 0.6))
                        break
        return out

    def _evaluations(
        self, st: DocState, text: str, low: str, proposal_ids: list[str], props=None
    ) -> list:
        by_sent: dict[int, list] = {}
        for m in st.mentions:
            by_sent.setdefault(st.sent_index(m.start), []).append(m)
        out: list[tuple] = []
        # (subject, benchmark, metric) -> whether an entry for it carries a value: a later
        # sentence's value for a pair an earlier sentence named without one is kept
        seen: dict[tuple[str, str, str | None], bool] = {}
        ptypes = {
            eid
            for eid in proposal_ids
            if st.entities.get(eid, {}).get("type") in ("Method", "Model")
        }
        own_benchmarks = [
            eid for eid in proposal_ids if st.entities.get(eid, {}).get("type") == "Benchmark"
        ]
        contrib = Contribution(st, text, proposal_ids)
        contrib.collect_bases(by_sent)
        intro_sents: dict[int, set] = {}
        first_prop_sent = min(
            (
                st.sent_index(ev)
                for _s, _e, _t, rule, ev in st.proposals
                if rule != "title" and ev >= st.abstract_start
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
                own = next((m for m in st.mentions if m.start < e and s < m.end), None)
                if own is None or own.eid not in own_benchmarks:
                    continue
                si = st.sent_index(ev)
                ss, se = st.sents[si] if st.sents else (0, len(text))
                if not find_values(text, ss, se):
                    intro_sents.setdefault(si, set()).add(own.eid)

        def measured_after(m, ms: list) -> bool:
            """ "on LLaMA pretraining on the C4 dataset, X reduces perplexity by 0.98": the
            training data is also where the result is measured, when the sentence reports a
            result with a value after it and names no other benchmark there"""
            t = _TRAIN_DATA.search(text, max(0, m.start - 60), m.start)
            if t is None or not _TRAIN_VERB.match(t.group()):
                return False  # "distilled using B", "built from B": no measurement there
            e = st.sent_of(m.start)[1]
            if any(o.type == "Benchmark" and o.start >= m.end for o in ms):
                return False
            v = _MEASURED_AFTER.search(text, m.end, e)
            return v is not None and bool(find_values(text, v.end(), min(e, v.end() + 40)))

        benches_memo: dict[int, list] = {}  # id(by_sent list) -> benches_of it

        def benches_of(ms: list) -> list:
            """`_benches_of` of one sentence's mentions, once per list (`by_sent`'s lists
            live, unchanged, until the function returns; up to three calls a sentence)."""
            got = benches_memo.get(id(ms))
            if got is None:
                got = benches_memo[id(ms)] = _benches_of(ms)
            return got

        def _benches_of(ms: list) -> list:
            return [
                m
                for m in ms
                if m.type == "Benchmark"
                and not (
                    _TRAIN_DATA.search(text, max(0, m.start - 60), m.start)
                    and not measured_after(m, ms)
                    and not _EVAL_TASK_FROM.match(text[st.sent_of(m.start)[0] : m.start])
                )
                and not (
                    _TRAIN_DATA_FAR.search(
                        text, max(st.sent_of(m.start)[0], m.start - 160), m.start
                    )
                    and not find_values(text, m.end, st.sent_of(m.start)[1])
                )
                and not _TRAIN_AFTER.match(text, m.end)
                and not _TRAINED_ON_AFTER.match(text, m.end)
                and not Contribution.is_tool(text, m)
            ]

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
                    and set(_WORD.findall(low[q0:q1])) & self.rules.strict_eval_cues
                    and _OUR.search(text, q0, q1)
                ):
                    study_bench = (si, next(iter(bs)))
                    break
        for si, ms in by_sent.items():
            benches = benches_of(ms)
            if not benches:
                if study_bench is not None and si > study_bench[0] and st.sents:
                    s0, s1 = st.sents[si]
                    if Contribution.reports_finding(text, s0, s1) and not _OWN_TARGET.match(
                        text, s0
                    ):
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
                        self._on_own_benchmark(
                            st, text, low, si, ms, own_benchmarks, seen, ptypes, contrib
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
                        valued
                        or self._sota_after_setup(
                            text, si, s0, s1, subjects, ptypes, first_prop_sent
                        )
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
                    bool(words & self.rules.strict_eval_cues)
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
                cue = bool(words & self.rules.eval_cues) or any(
                    _ON.search(low[max(s0, b.start - 40) : b.start]) for b in benches
                )
            if not cue:
                continue
            s0, s1 = st.sents[si] if st.sents else (0, len(text))
            if s0 < st.title_len and not (words & self.rules.strict_eval_cues):
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
            if (
                first_prop_sent is not None
                and si < first_prop_sent
                and not _OUR.search(text, s0, s1)
            ):
                continue  # background before the paper says what it proposes ("X reaches 90% on B")
            bench_ids = {b.eid for b in benches}
            listed = contrib.benchmark_list_members(ms, benches)
            base_of: dict[str, list[str]] = {}
            named = [
                m
                for m in ms
                if m.type in ("Model", "Method")
                and m.eid not in bench_ids
                and not (
                    m.type == "Model" and _TRAIN_SOURCE.search(text, max(s0, m.start - 60), m.start)
                )
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
                runs = [
                    m for m in named if not _BASELINE.search(text, max(s0, m.start - 40), m.start)
                ]
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
                for m in (
                    contrib.base_models(named, s0, s1) if contrib.reports_result(s0, s1) else ()
                ):
                    if m.eid in sent_bases and m.eid not in subj_ids:
                        subj_ids.append(m.eid)
                        clause_of.setdefault(m.eid, m.start)  # its own clause's benchmarks
                # "Llama3.1-8B reaches 29.4 on B with our method": the model the method is
                # applied to is evaluated too (baselines and training sources are filtered above)
                subj_ids += [
                    m.eid
                    for m in named
                    if m.type == "Model"
                    and m.eid not in subj_ids
                    and _RESULT_VERB.match(text, m.end)
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
                    m.eid
                    for m in all_named
                    if m.eid not in subj_ids and _OWN_SCORE.match(text, m.end)
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
                subj_ids += [
                    e for e in comparative_baselines(text, all_named, s0, s1) if e not in subj_ids
                ]
                if contrib.reports_result(s0, s1) or _SOTA.search(text, s0, s1):
                    # "SpiLiFormer outperforms E-SpikeFormer by 0.46%": compared there, on
                    # the benchmarks of its own clause
                    for cid in compared_systems(
                        text, all_named, s0, s1, set(contrib.main), benches
                    ):
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
                subj_ids = self._carried_subjects(st, low, si, by_sent)
            elif title_from is not None and set(subj_ids) <= set(contrib.main):
                # "Using models such as A and B, we train classifiers. Evaluations on B1
                # demonstrate ...": a title-named framework's models were run there too
                subj_ids += [
                    e for e in self._carried_subjects(st, low, si, by_sent) if e not in subj_ids
                ]
            if by_title:
                # the title's method and the models with it, unnamed here: no value
                # (precision first: "... and 97.79% and 8.60% respectively for ADNI-2")
                unvalued |= set(subj_ids) - {m.eid for m in named}
            if not subj_ids:
                continue
            metrics = [m for m in ms if m.type == "Metric"]
            ordered = sorted({b.eid: b for b in benches}.values(), key=lambda b: b.start)
            # each value to the benchmark (and subject) the statement ties it to, with its kind
            bound = bind_values(text, s0, s1, {b.eid for b in ordered}, ms)
            for b in ordered:
                bkey = match_key(st.entities.get(b.eid, {}).get("label", b.eid))
                unshared = _unshared_values(bound, b.eid, subj_ids, base_of, contrib.main)
                for sid in subj_ids:
                    if match_key(st.entities.get(sid, {}).get("label", sid)) == bkey:
                        continue  # a name evaluated on itself: one entity typed two ways
                    if own_variant(st.entities, sid, b.eid, self.rules.benchmark_endings):
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
                        [None] if finding_only or sid in unvalued else [*unshared[sid]] or [None]
                    )
                    if sid in own_scored and not any(
                        v is not None and v.owner == sid for v in vals
                    ):
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
                        met = val.metric if val else _nearest_metric(metrics, b.start)
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
                named_main = self._main_as_subject(text, s0, by_sent.get(si, ()), contrib)
                if named_main and any(
                    o.eid == own_b and _TRAIN_WORD.search(text, *st.sent_of(o.start))
                    for o in st.mentions
                ):
                    named_main = set()  # "To support post-training, we introduce ZorbSet"
                if (
                    si <= first_prop_sent
                    or any(
                        m.type != "Metric" and m.eid not in named_main for m in by_sent.get(si, ())
                    )
                    or not (_THIS_SUBJECT.match(text, s0) or named_main)
                    or not contrib.reports_result(s0, s1)
                    or not (
                        find_values(text, s0, s1) or (named_main and _SOTA.search(text, s0, s1))
                    )
                ):
                    continue
                for sid in contrib.main:
                    if sid in ptypes and not any(k[:2] == (sid, own_b) for k in seen):
                        seen[(sid, own_b, None)] = False
                        out.append((sid, own_b, None, None, None, None, None, s0, s1, 0.45, ()))
        # a pair named without a value in one sentence and with one in another: the valued
        # entry stands for both
        out = [e for e in out if e[3] is not None or not seen.get((e[0], e[1], e[2]))]
        return _first_result_per_measure(out, st.entities)

    @staticmethod
    def _main_as_subject(text: str, s0: int, ms, contrib: Contribution) -> set[str]:
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

    @staticmethod
    def _sota_after_setup(
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

    def _carried_subjects(self, st: DocState, low: str, si: int, by_sent: dict) -> list[str]:
        """ "We evaluate A, B and C. ... with evaluation across X and Y": a benchmark
        sentence that names no subject takes the models of the sentence just before it,
        when that sentence is itself an evaluation statement naming models but no benchmark."""
        prev = by_sent.get(si - 1)
        if not prev or any(m.type == "Benchmark" for m in prev):
            return []
        p0, p1 = st.sents[si - 1]
        if not (set(_WORD.findall(low[p0:p1])) & self.rules.strict_eval_cues):
            return []
        return list(dict.fromkeys(m.eid for m in prev if m.type == "Model"))

    def _on_own_benchmark(
        self,
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
        strict = bool(words & self.rules.strict_eval_cues)
        cue_at = None
        if strict and not ptypes and contrib is not None:
            cue_at = next(
                (
                    s0 + w.start()
                    for w in _WORD.finditer(low[s0:s1])
                    if w.group() in self.rules.strict_eval_cues
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
                or self._only_own_benchmark_result(st, text, si, ms, own_benchmarks)
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
                m.eid
                for m in ms
                if m.type == "Method" and m.start > cue_at and m.eid not in dropped
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
                val = self._own_benchmark_value(text, s0, s1, b, ms, m.eid, bound)
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

    @staticmethod
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

    @staticmethod
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

    def _hardware(self, st: DocState, text: str, proposal_ids: list[str]) -> list:
        out = []
        seen = set()
        for h in st.mentions:
            if h.type != "Hardware" or h.eid in seen:
                continue
            seen.add(h.eid)
            s0, s1 = st.sent_of(h.start)
            others = [
                m.start
                for m in st.mentions
                if m.type == "Hardware" and m.eid != h.eid and s0 <= m.start < s1
            ]
            best = None
            for rx, purpose in self._purpose:
                for m in rx.finditer(text, s0, s1):
                    if purpose == "training" and _DATA_NOUN.match(text, m.end()):
                        continue  # "800 training samples": data, not a training run
                    lo, hi = sorted((m.start(), h.start))
                    if any(lo < o < hi for o in others):
                        continue  # the cue belongs to the other device
                    d = abs(m.start() - h.start)
                    if best is None or d < best[0]:
                        best = (d, purpose)
            if best is None:
                for rx, purpose in self._purpose:
                    if purpose != "evaluation" and rx.search(text, 0, st.title_len):
                        best = (0, purpose)
                        break
            purpose = best[1] if best else "unspecified"
            subs = [m for m in st.mentions if s0 <= m.start < s1 and m.type in ("Model", "Method")]
            subj = None
            if subs:
                models = [m for m in subs if m.type == "Model"] or subs
                subj = min(models, key=lambda m: abs(m.start - h.start)).eid
            elif proposal_ids:
                subj = proposal_ids[0]
            out.append((h.eid, subj, purpose, s0, s1, 0.7 if best else 0.6))
        return out

    def __call__(self, doc):
        st = state_of(doc)
        text = st.text
        low = st.low
        st.facts["proposes"] = props = self._proposes(st)
        pids = [p[0] for p in props]
        st.facts["evaluations"] = self._evaluations(st, text, low, pids, props)
        st.facts["hardware_use"] = self._hardware(st, text, pids)
        return doc


@Language.factory("kg_relations", default_config={"patterns_dir": None})
def make_relations(nlp: Language, name: str, patterns_dir):
    return Relations(patterns_dir)
