"""`kg_definitions`: acronyms defined in the text, "sparse autoencoders (SAEs)".

Both forms become candidates of one type, and the pair is recorded so the resolver links
the acronym (and its later uses) to the long form's entity. Definitions of fields, tasks
and kinds of data ("natural language processing (NLP)", "electronic health records
(EHRs)") are dropped by the stop-lists unless the vocabulary knows the concept.
"""

from __future__ import annotations

import re

from spacy.language import Language

from kg.extract.acronyms import find_definitions
from kg.extract.definition_methods import task_word_method
from kg.extract.evidence import (
    definition_data_after,
    definition_metric,
    definition_not_entity,
    load_evidence,
    method_headed,
    shape_type,
)
from kg.extract.model_variants import sized_variant
from kg.extract.normalise import match_key
from kg.extract.rules import load_rules
from kg.extract.state import Cand, state_of
from kg.extract.typing_rules import appositive_type, head_type
from kg.extract.vocab import load_vocabulary
from kg.extract.vocab_context import load_vocab_context

# a measure-like long form followed by a task head names the task ("... Recall (LRKR)
# synthetic task"): a benchmark (13)
_TASK_AFTER = re.compile(r"[ \t]+(?:[a-z][\w-]*\s+)?(?:task|benchmark|dataset|suite)(?![\w-])")

_WORDS = re.compile(r"[A-Za-z][\w\-]*")
# "Momentum Tightness and Contrast framework (MoTiC)": a trailing lower-case head noun
_TRAILING_HEAD = re.compile(
    r"\s+(?:framework|method|approach|model|algorithm|module|technique|strategy|"
    r"benchmark|dataset|metric|system|pipeline|architecture|mechanism)s?$"
)


# a method's head noun right after "long form (ACRONYM)" (14)
_METHOD_HEAD_AFTER = re.compile(
    r"\s(?:framework|method|approach|algorithm|technique|model|architecture|pipeline|"
    r"mechanism|module|strategy|network)(?![\w-])"
)


# a part or whole of a method after "long form (ACRONYM)", not "model" or "method": a
# "Click-Through Rate (CTR) model" predicts the measure (15)
_PART_HEAD_AFTER = re.compile(
    r"\s(?:framework|module|strategy|mechanism|architecture|pipeline|algorithm)(?![\w-])"
)


# "We formalize the Delivery-Aware Precision Parking (DAPP) problem" (14)
_PROBLEM_AFTER = re.compile(r"\s(?:problem|problems)(?![\w-])")
# "LoRA with Reduced Interference (LoRI)": a capitalised name joined by a manner word is
# a method named by what it does, whatever word ends it; every word of four letters or
# more capitalised ("compared with an identical model trained on ... data" is no name) (16)
_MANNER_NAME = re.compile(
    r"(?:(?:[A-Z][\w-]*|\w{1,3}|[\w-]*\d[\w-]*)\s+)+(?:[Ww]ith|[Vv]ia|[Uu]sing|[Bb]y)\s"
    r"(?:(?:[A-Z][\w-]*|\w{1,3})(?:\s+|\Z))+"
)


def _final_head_type(words: list[str], rules) -> str | None:
    """The type a long form's own head gives: its last word or last two words must be
    the type head ("Graph Score Propagation" is a propagation, not a score: 14)."""
    t = head_type(words[-2:], rules)
    if t is None:
        return None
    heads = rules.type_heads[t]
    last = words[-1].lower()
    if last in heads or " ".join(words[-2:]).lower() in heads:
        return t
    return None


class Definitions:
    def __init__(self, vocab_dir=None, patterns_dir=None) -> None:
        self.vocab = load_vocabulary(vocab_dir)
        self.rules = load_rules(patterns_dir)
        self.evidence = load_evidence(patterns_dir)
        self.context = load_vocab_context(patterns_dir)

    def _vocab_for(self, long: str, short: str):
        v = self.vocab
        cid = v.lookup(long)
        if cid:
            return cid
        cid = v.lookup(short)
        if cid:
            c = v.by_id[cid]
            multi = [lab for lab in c.labels() if " " in lab or len(lab) > len(short) + 3]
            if not multi and (c.type, c.source) not in self.context.acronym_only_untrusted:
                return cid  # the vocabulary knows only the acronym: trust it (not 24m's)
        return None

    def __call__(self, doc):
        st = state_of(doc)
        text = st.text
        rules = self.rules
        boundary = st.title_len
        for d in find_definitions(text):
            ss, se = d.short_start, d.short_start + len(d.short)
            ls, le = d.long_start, d.long_start + len(d.long)
            if ls < boundary <= se or ss < boundary <= le:
                continue  # spans the title/abstract seam
            # "Momentum Tightness and Contrast framework (MoTiC)": a trailing lower-case
            # head noun describes the name, it is not part of it
            trail = _TRAILING_HEAD.search(d.long)
            if trail and d.long[: trail.start()].split()[-1][:1].isupper():
                d = d._replace(long=d.long[: trail.start()])
                le = ls + len(d.long)
            lkey, skey = match_key(d.long), match_key(d.short)
            cid = self._vocab_for(d.long, d.short)
            tconf = 3
            if cid and lkey in rules.generic_keys:
                # "Class-incremental learning (CIL)": the vocabulary knows the setting, but
                # too generic to stand for it, so its acronym is no mention either (17)
                st.rejected_shorts.add(d.short)
                continue
            if cid:
                etype = self.vocab.by_id[cid].type
            else:
                if (
                    lkey in rules.generic_keys
                    or skey in rules.generic_keys
                    or d.short in rules.not_names
                ):
                    st.rejected_shorts.add(d.short)
                    continue
                words = _WORDS.findall(d.long)
                if not words:
                    continue
                last = words[-1].lower()
                # "the Graph Distribution Consistency (GDC) module": a part head after
                # the acronym names a component, whatever the long form ends in; not
                # "model" ("a Click-Through Rate (CTR) model" predicts the measure) (15)
                method_after = se > le and bool(_PART_HEAD_AFTER.match(text, se + 1))
                metric = not method_after and definition_metric(d.long, self.evidence)
                if (
                    not metric
                    and (
                        last in rules.def_non_entity_heads
                        or last.rstrip("s") in rules.def_non_entity_heads
                        or last.endswith(rules.def_non_entity_suffixes)
                    )
                    and not _MANNER_NAME.fullmatch(d.long)
                    and not task_word_method(text, d.long, ls, max(se, le) + 1, self.evidence)
                ):
                    st.rejected_shorts.add(d.short)
                    continue
                if len(words) == 1 and words[0].islower() and "-" not in words[0]:
                    continue  # one plain word: "autoregressive (AR)"
                etype = (
                    "Metric"
                    if metric
                    else _final_head_type(words, rules) or shape_type(d.long) or shape_type(d.short)
                )
                if (
                    etype is None
                    and not method_after
                    and (last in rules.metric_heads or last.rstrip("s") in rules.metric_heads)
                ):
                    etype = "Metric"
                    if _TASK_AFTER.match(text, max(se, le) + 1):
                        etype = "Benchmark"  # "Long-Range Key Recall (LRKR) task" (13)
                if etype in (None, "Method", "Model") and definition_data_after(
                    text, max(se, le) + 1
                ):
                    etype = "Benchmark"  # "the Foo Bar (FB) and Baz datasets" (12)
                tconf = 2 if etype in ("Benchmark", "Metric") else 1
                if etype is None and sized_variant(d.long, rules.variant_words):
                    etype = "Model"  # "YOLOv5 nano (YOLOv5n)": a checkpoint of a model (16)
                elif etype in (None, "Model"):
                    # a defined class of models is a method ("process reward models (PRMs)")
                    # unless the text says it is a model ("X (Y), a family of models") or
                    # a dataset ("GLVC (Grounding Long Video Clues), a ... dataset", 14)
                    at = appositive_type(text, max(se, le) + 1, rules)
                    etype = at if at in ("Model", "Benchmark") else "Method"
                if (
                    etype == "Method"
                    and ls == st.abstract_start
                    and not method_headed(d.long, rules, self.evidence)
                ):
                    # the abstract's first words define the paper's topic: a task or field
                    # ("Face Anti-Spoofing (FAS) remains ...") unless a method's head ends
                    # it ("Multiple Instance Learning (MIL) has emerged ...", 15)
                    st.rejected_shorts.add(d.short)
                    continue
                if etype == "Method" and _PROBLEM_AFTER.match(text, se + 1) and se > le:
                    st.rejected_shorts.add(d.short)  # "the X (DAPP) problem": a problem (14)
                    continue
                if (
                    etype == "Method"
                    and definition_not_entity(
                        text, d.long, d.short, max(se, le) + 1, rules, self.evidence
                    )
                    # "the discriminative neural anchors (DNA) framework": a head noun
                    # after the acronym says the paper names a method by it (14)
                    and not (se > le and _METHOD_HEAD_AFTER.match(text, se + 1))
                    # "we propose Elastic Reasoning (ER)", "(DSE) block": a method (28a)
                    and not task_word_method(text, d.long, ls, max(se, le) + 1, self.evidence)
                ):
                    st.rejected_shorts.add(d.short)  # a thing, task or class: not a method
                    continue
            if not (etype == "Benchmark" and cid is None and d.long.islower()):
                # a long form in lower case is no dataset's name ("cross corpus (CC)
                # modes", "a synthetic dataset (S-SYNTH)"): its acronym may be (28)
                st.add(Cand(ls, le, etype, "definition", 0.8, 60, cid=cid, tconf=tconf))
            st.add(Cand(ss, se, etype, "definition", 0.8, 60, cid=cid, tconf=tconf))
            st.definitions.append((ss, se, ls, le))
            sing = d.short[:-1] if d.short.endswith("s") and d.short[-2:-1].isupper() else d.short
            st.acronym_long.setdefault(sing, (ls, le))
        return doc


@Language.factory("kg_definitions", default_config={"vocab_dir": None, "patterns_dir": None})
def make_definitions(nlp: Language, name: str, vocab_dir, patterns_dir):
    return Definitions(vocab_dir, patterns_dir)
