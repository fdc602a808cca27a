"""The paper's contribution as a whole, for evaluation facts (`kg_relations` calls it).

A sentence-by-sentence reading misses what an abstract says across sentences: "We
propose X. ... Experiments on A, B and C show consistent gains" evaluates X on A, B and C
though the second sentence never names X; "applying X to M1 and M2 improves B" evaluates
X on B *run on* M1 and M2 (each of which is evaluated on B too). And a benchmark sentence
names things that are not evaluated at all: the backbone or encoder inside the method
("uses a ViT encoder", "CLIP features", "a BERT-based classifier"), the judge or teacher
("with GPT-4 as judge", "distilled from GPT-4o"), generic techniques ("data
augmentation", "majority voting").

`Contribution` holds the paper-level model:
- `main`: the Method/Model proposals of the paper's first proposal statement (or its
  title), the paper's own method when a sentence does not name it;
- `methods`: all Method/Model proposals;
- `bases`: models the method is applied to anywhere in the abstract ("applying X to M1
  and M2", "with M as the backbone", "on top of M", "fine-tune M with X"), carried by the
  method's evaluations as `kg:baseModel`;
and answers, per benchmark sentence, which named entities are components or generic (not
subjects), which models are bases, and whether a sentence with no subject reports the
paper's own experiments.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.agent_roles import RULE as ROLE_RULE
from kg.extract.introduced import CONCEPT_RULE
from kg.extract.lower_components import RULE as COMPONENT_RULE
from kg.extract.proposal_components import RULE as NAMED_COMPONENT_RULE
from kg.extract.state import DocState

# "Experiments on A, B and C", "evaluated on", "results on", "across A and B", "on the A
# benchmark", "tested on": the sentence reports the paper's experiments on its benchmarks
_EXPERIMENT = re.compile(
    r"(?<![\w-])(?:experiments?|experimental|evaluations?|evaluat(?:e|ed|es|ing)|results?|"
    r"tests?|tested|testing|benchmark(?:s|ed|ing)?|validat(?:e|ed|es|ing|ion)|"
    r"demonstrat(?:e|es|ed|ing)|show(?:s|n|ed|ing)?|outperform\w*|surpass\w*|achiev\w*|"
    r"improv\w*|gains?|state-of-the-art|sota|competitive|superior|consistently|"
    r"effective(?:ness)?|performance|accuracy)(?![\w-])",
    re.IGNORECASE,
)
# a sentence about data rather than results ("X is built from A and B", "we collect")
_DATA_SENTENCE = re.compile(
    r"(?<![\w-])(?:collect\w*|curat\w*|construct\w*|compil\w*|sourced|derived|annotat\w*|"
    r"built\s+(?:from|on|upon)|train(?:ed|ing)?\s+on|pre-?train\w*|consists?\s+of|comprising|"
    r"contains?|extends?|extending|augment\w*\s+(?:the\s+)?(?:existing\s+)?datasets?)(?![\w-])",
    re.IGNORECASE,
)

# What precedes a base model: "applying X to M", "on top of M", "built on M", "with M as
# the backbone" (the "as ..." part is checked after the name), "fine-tune M", "using M",
# "with M", "on M" (a model is no benchmark: "improves accuracy on Llama-3-8B").
_BASE_BEFORE = re.compile(
    r"(?:(?<![\w-])(?:appl(?:y|ies|ied|ying)|transfer(?:s|red|ring)?|generali[sz]\w*|"
    r"extend(?:s|ed|ing)?|scal(?:es|ed|ing)|adapt(?:s|ed|ing)?|integrat\w*|plug\w*)\s+"
    r"(?:[\w\-.]+\s+){0,4}?(?:to|into|with)\s+|"
    r"(?<![\w-])on\s+top\s+of\s+|(?<![\w-])(?:built|based|implemented|instantiated)\s+(?:on|upon)\s+|"
    r"(?<![\w-])(?:fine-?tun\w*|finetun\w*|post-?train\w*|(?:re)?train(?:s|ed|ing)?)\s+|"
    r"(?<![\w-])(?:using|with|on|for|across|when\s+applied\s+to)\s+|"
    r"(?<![\w-])(?:improv(?:es|ed|ing)|boost(?:s|ed|ing)?|lift(?:s|ed|ing)?|enhanc(?:es|ed|ing)|"
    r"help(?:s|ed|ing)?)\s+|"
    # "boosting the task success rate of Qwen-2.5-3B", "raises the accuracy of M from 55% to
    # 73%": the model whose measure the method raises is the one it runs on
    r"(?<![\w-])(?:improv(?:es|ed|ing)|boost(?:s|ed|ing)?|lift(?:s|ed|ing)?|enhanc(?:es|ed|ing)|"
    r"rais(?:es|ed|ing)|increas(?:es|ed|ing))\s+the\s+(?:[\w\-]+\s+){1,3}?of\s+)"
    r"(?:the\s+|a\s+|an\s+|both\s+|two\s+|three\s+|several\s+|various\s+|different\s+|"
    r"open(?:-source)?\s+|base\s+|backbone\s+|models?\s+|LLMs?\s+|such\s+as\s+|including\s+|"
    r"e\.g\.,?\s+|like\s+){0,3}$",
    re.IGNORECASE,
)
_BASE_AFTER = re.compile(
    r"(?:\s*\([^()]{0,30}\))?(?:\s*\+\s*|\s+(?:equipped|augmented|enhanced|combined)\s+with\s+|\s+(?:as\s+(?:the\s+|a\s+|our\s+)?(?:base|backbone|policy|student|"
    r"foundation|underlying|target)|backbones?\b|base\s+models?\b))",
    re.IGNORECASE,
)
# "M1, M2 and M3" after a base model: the list goes on
# "the Llama and Qwen2.5 families": a family is no model a method was run on
_FAMILY_AFTER = re.compile(
    r"(?:\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|&)\s+)[\w.\-]+){0,4}\s+"
    r"(?:famil(?:y|ies)|series|architectures)(?![\w-])",
    re.IGNORECASE,
)
# "applied to the Llama and Qwen families": families a method runs on (no subjects of a
# carried result); "M and the FooNet family achieve gains of 4.9%": a family measured
_FAMILY_BASE = re.compile(
    r"(?<![\w-])(?:appl\w*|us(?:e|es|ed|ing)|with|on|across|to|for|fine-?tun\w*|train\w*)\s+"
    r"(?:the\s+|both\s+)?(?:[\w.\-]+(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+))*$",
    re.IGNORECASE,
)
# the strong application cues, for base models named outside a benchmark sentence
# ("We apply X to M1 and M2.", "X is built on top of M", "we fine-tune M with X")
_BASE_STRONG_BEFORE = re.compile(
    r"(?:(?<![\w-])(?:appl(?:y|ies|ied|ying)|plug\w*|integrat\w*)\s+(?:[\w\-.]+\s+){0,4}?(?:to|into)\s+|"
    r"(?<![\w-])on\s+top\s+of\s+|(?<![\w-])(?:built|implemented|instantiated)\s+(?:on|upon)\s+|"
    r"(?<![\w-])(?:fine-?tun(?:e|es|ed|ing)|finetun(?:e|es|ed|ing)|post-?train(?:s|ed|ing)?)\s+)"
    r"(?:the\s+|a\s+|an\s+|both\s+|two\s+|three\s+|several\s+|various\s+|different\s+|"
    r"open(?:-source)?\s+|base\s+|backbone\s+|such\s+as\s+|including\s+|e\.g\.,?\s+){0,3}$",
    re.IGNORECASE,
)
_WE_OUR = re.compile(r"(?<![\w-])(?:we|our)(?![\w-])", re.IGNORECASE)
_LIST_GAP = re.compile(r"\s*(?:\([^()]{0,30}\)\s*)?(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)$")
# a model named as what a baseline is made of, not what the paper's method runs on: "the
# GPT-4o agent baseline", "the strongest baseline, a prompting agent using Gemini-1.5-pro"
_BASELINE_MODEL_AFTER = re.compile(r"(?:\s+[\w\-]+){0,2}?\s+baselines?(?![\w-])", re.IGNORECASE)
# "the X baseline (34.4%)": a baseline with a score of its own
_OWN_SCORE = re.compile(r"(?:\s+(?:baseline|model|method))?\s*\(\s*\d+(?:\.\d+)?\s*\\?%?\s*\)")
_BASELINE_MODEL_BEFORE = re.compile(
    r"(?<![\w-])baselines?\s*,\s*(?:a|an|the)\s+(?:[\w\-]+\s+){0,3}?(?:using|with|based\s+on|built\s+on)\s+$",
    re.IGNORECASE,
)

# A component, judge, teacher or data tool named inside a statement about the method
_COMPONENT_BEFORE = re.compile(
    r"(?<![\w-])(?:uses?|used|utili[sz](?:e|es|ed|ing)|leverag(?:e|es|ed|ing)|employ(?:s|ed|ing)?|"
    r"adopt(?:s|ed|ing)?|via|by|distill\w*\s+(?:\w+\s+){0,2}?from|generated\s+(?:by|with|using)|"
    r"annotated\s+(?:by|with|using)|labell?ed\s+(?:by|with|using)|judged\s+by|"
    # "responses from GPT-4o"; not "eight models from the Llama and Qwen families" (members)
    r"(?<!models\s)(?<!llms\s)(?<!variants\s)(?<!checkpoints\s)from)\s+"
    r"(?:the\s+|a\s+|an\s+|pre-?trained\s+|frozen\s+|off-the-shelf\s+|pretrained\s+){0,2}$",
    re.IGNORECASE,
)
_COMPONENT_AFTER = re.compile(
    r"(?:\s*\([^()]{0,30}\))?(?:-based|-derived|-type|-style|-like|-generated|-annotated|-labell?ed|-extracted|"
    r"\s+(?:features?|embeddings?|encoders?|decoders?|representations?|tokeni[sz]ers?|"
    r"feature\s+extractors?|vision\s+towers?|text\s+encoders?|image\s+encoders?|"
    r"as\s+(?:the\s+|a\s+|an\s+)?(?:judges?|evaluators?|graders?|annotators?|teachers?|critics?|"
    r"verifiers?|reward\s+models?|encoders?|feature\s+extractors?|labell?ers?|oracles?)|"
    r"(?:is|was|were|are)\s+used\s+(?:as|to|for)|to\s+(?:generate|annotate|label|synthesi[sz]e|"
    r"create|build|construct|produce|judge|grade|score\s+the|rate|filter|translate|paraphrase)))(?![\w-])",
    re.IGNORECASE,
)
_RESULTS_AFTER = re.compile(
    r"\s*(?:\([^()]{0,30}\)\s*)?(?:\w+\s+){0,1}?(?:achieves|achieved|reaches|reached|attains|"
    r"attained|obtains|obtained|scores|scored|improves|improved|outperforms|outperformed|"
    r"surpasses|surpassed|yields|delivers|gains|gained)(?![\w-])"
)


# a statement that reports a result (r2 decision: "a method applied to a named model with a
# result gives both an entry"; "We evaluate X using M" alone gives M no entry of its own)
_RESULT = re.compile(
    r"(?<![\w-])(?:achiev\w*|improv\w*|outperform\w*|surpass\w*|reach(?:es|ed|ing)?|gains?|gained|"
    r"boost\w*|yield\w*|attain\w*|scor(?:es|ed|ing)|deliver\w*|exceed\w*|beat\w*|raises?|lifts?|"
    r"\d+(?:\.\d+)?\s*%)(?![\w-])",
    re.IGNORECASE,
)
# what every `_RESULT` match holds in a lower-cased ASCII text: a sentence holding none of
# these has no match, and the case-folding scan (~100 us a sentence, tried at every
# character) is skipped (round 16 speed)
_RESULT_HINTS = (
    "achiev", "improv", "outperform", "surpass", "reach", "gain", "boost", "yield",
    "attain", "scor", "deliver", "exceed", "beat", "raise", "lift", "%",
)  # fmt: skip


def result_hint(low: str) -> bool:
    """May `_RESULT` match in this lower-cased sentence? (`low` must be ASCII: with
    IGNORECASE, re folds some non-ASCII letters to ASCII ones, "\u017f" to "s".)"""
    return any(h in low for h in _RESULT_HINTS)


# "on A, X and B", "the A (a) and B datasets": a name inside a list of benchmarks
_LIST_SEP = re.compile(r"\s*(?:\([^()]{0,30}\)\s*)?(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|&)\s+)")


_BASELINE_BEFORE = re.compile(
    r"(?<![\w-])(?:outperform\w*|surpass\w*|beat\w*|exceed\w*|than|over|versus|vs\.?|"
    r"compared\s+(?:to|with)|relative\s+to|against)\s+(?:the\s+|strong\s+|(?:[\w\-']+\s+){0,2}?)?$",
    re.IGNORECASE,
)


# "to evaluate AgentX's performance", "To train and evaluate this approach": the purpose of
# a benchmark the paper introduces names the method run on it
_TO_EVALUATE = re.compile(
    r"(?<![\w-])(?:to|for)\s+(?:(?:\w+ly|further)\s+){0,2}(?:(?:train\w*|develop\w*)\s+and\s+)?"
    r"(?:evaluat\w*|assess\w*|test\w*|benchmark\w*|measur\w*)\s+"
    r"(?:the\s+(?:performance|effectiveness|quality)\s+of\s+)?(?:our\s+proposed\s+|the\s+proposed\s+)?",
    re.IGNORECASE,
)
_THIS = re.compile(
    r"(?:this|our|the\s+proposed)\s+(?:approach|method|model|framework|system|agent|pipeline)(?![\w-])",
    re.IGNORECASE,
)


# a sentence that reports a finding about the models evaluated ("we found that larger
# models are more biased", "X is the least biased", "Y struggles with ...")
_FINDING = re.compile(
    r"(?<![\w-])(?:we\s+(?:also\s+)?(?:find|found|observe[ds]?|notice[ds]?|show(?:ed)?)|"
    r"(?:the\s+)?(?:best|worst|least|most|highest|lowest|top)(?:-performing)?|"
    r"(?:\w+er)\s+than|outperform\w*|achiev\w*|struggl\w*|fail\w*|lag\w*|trail\w*|"
    r"lead\w*|score[sd]?|rank\w*)(?![\w-])",
    re.IGNORECASE,
)


# "using the FooEval judge", "the BarBench reward model": a name used as a tool
_TOOL_AFTER = re.compile(
    r"(?:\s*\([^()]{0,30}\))?[\s-]+(?:judges?|evaluators?|graders?|scorers?|classifiers?|"
    r"reward\s+models?|verifiers?|annotators?)(?![\w-])",
    re.IGNORECASE,
)


# "outperforms X", "compared with X", "baselines including X": X is compared with the
# paper's method ("baselines" named: they were run as baselines)
_COMPARED_BEFORE = re.compile(
    r"(?<![\w-])(?:outperform\w*|surpass\w*|beat\w*|exceed\w*|than|over|versus|vs\.?|"
    r"compared\s+(?:to|with)|relative\s+to|against|"
    r"(?P<baselines>baselines?|competitors?)(?:\s+such\s+as|\s+like|\s+including|\s*,\s*including)?)"
    r"\s+(?:the\s+|strong\s+|(?:[\w\-']+\s+){0,2}?)?$",
    re.IGNORECASE,
)
# "... X and Y methods": the list names methods of their own
_METHODS_AFTER = re.compile(r"\s+(?:methods|baselines|approaches|models)(?![\w-])", re.IGNORECASE)
# "state-of-the-art QA methods", "existing X approaches": a class, not a system run
_CLASS_BEFORE = re.compile(
    r"(?<![\w-])(?:state-of-the-art|sota|existing|other|prior|previous|recent|conventional)"
    r"\s+$",
    re.IGNORECASE,
)


# "On Site-2, we reach ...", "For long inputs, ...": a sentence that names its own setting
_OWN_TARGET = re.compile(
    r"\s*(?:[Oo]n|[Ff]or|[Ii]n)\s+(?:the\s+)?[A-Z0-9][\w\-.]*(?:\s+[A-Z0-9][\w\-.]*)?\s*,"
)
# "outperforming specialized models, including Llama-Primus-Base": an example of what is
# outperformed, a baseline
_OUTPERFORMED_EXAMPLE = re.compile(
    r"(?<![\w-])(?:outperform\w*|surpass\w*|beat\w*|exceed\w*|than|over|against|"
    r"compared\s+(?:to|with))\s+(?:[\w\-']+\s+){0,3}?[\w\-']+,?\s+(?:including|such\s+as|like|e\.g\.,?)\s+$",
    re.IGNORECASE,
)
# "the strongest zero-shot baseline (Llama 2)": named as the baseline
_BASELINE_NAMED = re.compile(r"(?<![\w-])baselines?\s*[(:]?\s*(?:the\s+)?$", re.IGNORECASE)


# what a proposal's head noun says it is: a part of a method or a whole one (14)
_PART_HEADS = frozenset(
    "strategy module layer loss mechanism block component objective regularizer operator "
    "gate unit term".split()
)
_WHOLE_HEADS = frozenset(
    "framework model method approach system pipeline architecture network agent".split()
)
_HEADS = _PART_HEADS | _WHOLE_HEADS
_HEAD_AFTER = re.compile(r"\s*(?:\([^()]{1,20}\)\s*)?([a-z]+)")


def _head_kind(text: str, s: int, e: int) -> str | None:
    """'part' or 'whole' from the name's own last word ("... Selection Strategy") or the
    noun right after it ("Y (YY) framework"), else None."""
    last = text[s:e].rsplit(None, 1)[-1].lower() if e > s else ""
    m = _HEAD_AFTER.match(text, e)
    for w in (last, m.group(1) if m else ""):
        w = w[:-1] if w.endswith("s") and w[:-1] in _HEADS else w
        if w in _PART_HEADS:
            return "part"
        if w in _WHOLE_HEADS:
            return "whole"
    return None


class Contribution:
    """What the paper proposes and runs its method on, read once per paper."""

    def __init__(self, st: DocState, text: str, proposal_ids: list[str]) -> None:
        self.st = st
        self.text = text
        types = {eid: st.entities.get(eid, {}).get("type") for eid in proposal_ids}
        self.methods = [e for e in proposal_ids if types[e] in ("Method", "Model")]
        self.own_benchmarks = [e for e in proposal_ids if types[e] == "Benchmark"]
        first = None
        main: list[str] = []
        for s, e, _t, rule, ev in st.proposals:
            if rule in ("title", CONCEPT_RULE, COMPONENT_RULE, NAMED_COMPONENT_RULE, ROLE_RULE):
                # a named concept (15), a lower-case component (16), a named part (19) or
                # an agent role (19) is no method "our method" can mean
                continue
            si = st.sent_index(ev)
            eid = self._eid_at(s, e)
            if eid is None or eid not in self.methods:
                continue
            if first is None or si < first:
                first, main = si, [eid]
            elif si == first and eid not in main:
                main.append(eid)
        for s, e, _t, rule, _ev in st.proposals:
            if rule == "title":
                eid = self._eid_at(s, e)
                if eid in self.methods and eid not in main:
                    main.insert(0, eid)
        # a named part or an agent role (19) is no whole method, not even where nothing
        # else is proposed
        parts: set[str | None] = set()
        wholes: set[str | None] = set()
        roles: set[str | None] = set()
        not_roles: set[str | None] = set()
        for s, e, _t, rule, _ev in st.proposals:
            eid = self._eid_at(s, e)
            (parts if rule in (NAMED_COMPONENT_RULE, ROLE_RULE) else wholes).add(eid)
            (roles if rule == ROLE_RULE else not_roles).add(eid)
        parts_only = parts - wholes
        # proposed only as agent roles: never subjects of the paper's evaluations by being
        # proposed (kg.extract.evaluations)
        self.roles_only = roles - not_roles
        self.main = self._system_first(main) or [x for x in self.methods if x not in parts_only]
        self.bases: list[str] = []  # models the method runs on, anywhere in the abstract
        self.families: list[str] = []  # families it runs on: base models only (family_bases)
        self._results: dict[tuple[int, int], bool] = {}  # reports_result, per sentence

    def _system_first(self, main: list[str]) -> list[str]:
        """ "We propose the X Selection Strategy ... Furthermore, we propose a novel Y
        framework": where the first proposal statement names only parts of a method (a
        strategy, module, loss) and a later one names a whole (a framework, model,
        system), the whole is the paper's method, which "our method" means (14)."""
        if not main:
            return main
        heads: dict[str, str | None] = {}
        for s, e, _t, _rule, _ev in self.st.proposals:
            eid = self._eid_at(s, e)
            if eid is not None and eid not in heads:
                heads[eid] = _head_kind(self.text, s, e)
        if not all(heads.get(x) == "part" for x in main):
            # "GLASS: ... Network" + "we propose two novel modules: the A module and the
            # B module": the title's system is what "our approach" means, not its parts
            titled = {
                self._eid_at(s, e) for s, e, _t, rule, _ev in self.st.proposals if rule == "title"
            }
            wholes = [x for x in main if heads.get(x) != "part"]
            if wholes and set(wholes) <= titled and len(wholes) < len(main):
                return wholes
            return main
        wholes = [x for x in self.methods if x not in main and heads.get(x) == "whole"]
        return wholes or main

    def _eid_at(self, s: int, e: int) -> str | None:
        m = self.st.mention_at(s, e)
        return m.eid if m is not None else None

    # -- per-mention judgements ----------------------------------------------------------
    @staticmethod
    def is_tool(text: str, m) -> bool:
        """A benchmark name used as a judge or classifier ("using the FooEval judge")."""
        return bool(_TOOL_AFTER.match(text, m.end))

    @staticmethod
    def reports_finding(text: str, s0: int, s1: int) -> bool:
        return bool(_FINDING.search(text, s0, s1))

    @staticmethod
    def component_at(text: str, m, s0: int) -> bool:
        if _COMPONENT_AFTER.match(text, m.end):
            return True
        return bool(_COMPONENT_BEFORE.search(text, max(s0, m.start - 40), m.start))

    def is_component(self, m, s0: int) -> bool:
        """A backbone, encoder, judge, teacher or data tool inside the method, not a
        system evaluated: "uses a ViT encoder", "CLIP features", "with GPT-4 as judge",
        "a BERT-based classifier", "distilled from GPT-4o"."""
        return self.component_at(self.text, m, s0)

    def benchmark_list_members(self, ms: list, benches: list) -> set:
        """Model/method names listed among benchmarks ("Experiments on ORN, CE, and CRN",
        "on the FooSet (FS) and Potsdam datasets"): benchmarks the typing missed, not
        subjects (unless a result verb follows one). Chained: a name next to a member is
        one too."""
        if not benches:
            return set()
        text = self.text
        members = list(benches)
        out: set = set()
        cands = [
            m
            for m in ms
            if m.type in ("Model", "Method")
            and m.eid not in self.methods
            and not _RESULTS_AFTER.match(text, m.end)
        ]

        def adjacent(x, y):  # the separator between x and y (x first), or None
            gap = _LIST_SEP.match(text, x.end)
            return gap.group(0) if gap is not None and gap.end() == y.start else None

        grew = True
        while grew:
            grew = False
            for m in cands:
                if id(m) in out:
                    continue
                prev = next(
                    (g for b in members if b.end <= m.start for g in [adjacent(b, m)] if g), None
                )
                after = [x for x in (*members, *cands) if x.start >= m.end and adjacent(m, x)]
                # "on A, X and B", "on A, B, and X", "on the X (x) and B datasets"; not
                # "On A, X reaches 61%"
                if (
                    (prev and after)
                    or (prev and re.search(r"\b(?:and|or)\b|&", prev))
                    or any(x in members for x in after)
                ):
                    out.add(id(m))
                    members.append(m)
                    grew = True
        return {m.eid for m in cands if id(m) in out}

    def is_generic(self, m) -> bool:
        """A generic technique named in passing ("with data augmentation", "majority
        voting"): a lower-case concept that is not the paper's own and reports no result."""
        if m.type != "Method" or m.eid in self.methods:
            return False
        label = self.st.entities.get(m.eid, {}).get("label", m.text)
        if label != label.lower() or any(map(str.isdigit, label)):
            return False
        if any(o.eid == m.eid and o.text != o.text.lower() for o in self.st.mentions):
            return False  # written as a name somewhere ("Direct Preference Optimization")
        return not _RESULTS_AFTER.match(self.text, m.end)

    def own_sentences(self, by_sent: dict) -> Iterator[tuple[list, int, int]]:
        """(mentions, start, end) of each sentence that names the paper's method or says
        "we"/"our": where the models (or families) it is applied to are looked for."""
        if not self.st.sents:
            return
        for si, ms in by_sent.items():
            s0, s1 = self.st.sents[si]
            if any(m.eid in self.methods for m in ms) or _WE_OUR.search(self.text, s0, s1):
                yield ms, s0, s1

    def collect_bases(self, by_sent: dict) -> None:
        """The models the method is applied to anywhere in the abstract, by the strong cues
        only ("We apply X to M1 and M2.", "with M as the backbone", "fine-tune M with X"),
        in a sentence naming the method or saying "we"/"our"."""
        if not self.methods:
            return
        text = self.text
        for ms, s0, _s1 in self.own_sentences(by_sent):
            prev_end = -1
            for m in sorted(ms, key=lambda m: m.start):
                if m.type != "Model" or m.eid in self.methods:
                    continue
                base = bool(_BASE_AFTER.match(text, m.end)) or bool(
                    _BASE_STRONG_BEFORE.search(text, max(s0, m.start - 60), m.start)
                )
                if not base and prev_end >= 0 and _LIST_GAP.search(text, prev_end, m.start):
                    base = True
                if (
                    base
                    and not self.is_component(m, s0)
                    and not _FAMILY_AFTER.match(text, m.end)
                    and not _BASELINE_BEFORE.search(text, max(s0, m.start - 40), m.start)
                ):
                    if m.eid not in self.bases:
                        self.bases.append(m.eid)
                    prev_end = m.end
                else:
                    prev_end = -1

    def base_models(self, ms: list, s0: int, s1: int) -> list:
        """The models of a sentence the paper's method is run on: after an application
        cue ("applying X to M", "fine-tune M", "on top of M", "using M") or before "as the
        backbone", and the names listed after one of them ("M1, M2 and M3")."""
        text = self.text
        out: list = []
        models = [m for m in ms if m.type == "Model" and m.eid not in self.methods]
        prev_end = -1
        for m in sorted(models, key=lambda m: m.start):
            base = bool(_BASE_AFTER.match(text, m.end)) or bool(
                _BASE_BEFORE.search(text, max(s0, m.start - 60), m.start)
            )
            if not base and prev_end >= 0 and _LIST_GAP.search(text, prev_end, m.start):
                base = True
            if base and self.baseline_model(m, s0):
                base = False  # a baseline's model: its values are not the method's
            if base and not self.is_component(m, s0) and not _FAMILY_AFTER.match(text, m.end):
                out.append(m)
                prev_end = m.end
            else:
                prev_end = -1
        return out

    def baseline_model(self, m, s0: int) -> bool:
        """A model named as what a baseline is made of ("the GPT-4o agent baseline", "the
        strongest baseline, a prompting agent using Gemini-1.5-pro"): compared on the
        sentence's benchmarks, not a base the paper's method runs on, so the numbers the
        sentence gives (the method's scores and gains) are not its own (round 30)."""
        text = self.text
        if _OWN_SCORE.match(text, m.end):
            return False  # "the Qwen-72B baseline (34.4%)": a score of its own, bound to it
        return bool(
            _BASELINE_MODEL_AFTER.match(text, m.end)
            or _BASELINE_MODEL_BEFORE.search(text, max(s0, m.start - 80), m.start)
        )

    def baseline_models(self, named: list, s0: int) -> list[str]:
        """The models of a sentence that `baseline_model` reads as a baseline's, with the
        names listed after one ("a prompting agent using Gemini-1.5-pro and GPT-4o")."""
        out: list[str] = []
        prev_end = -1
        for m in sorted(named, key=lambda m: m.start):
            if m.type != "Model" or m.eid in self.methods:
                prev_end = -1
                continue
            if self.baseline_model(m, s0) or (
                prev_end >= 0 and _LIST_GAP.match(self.text, prev_end, m.start)
            ):
                out.append(m.eid)
                prev_end = m.end
            else:
                prev_end = -1
        return list(dict.fromkeys(out))

    def compared(self, named: list, s0: int) -> list[str]:
        """The systems a result sentence names as the baselines its method was run
        against ("outperforming strong baselines including Foo-7B and BarNet",
        "outperforms Plan CoT and Draft CoT methods"): the guidelines count a baseline
        compared on the sentence's benchmark as evaluated on it. Only where the sentence
        says they are baselines or methods of their own; a bare "outperforms X" or a
        class ("state-of-the-art QA methods") is not enough (dev: such pairs are mostly
        not annotated)."""
        text = self.text
        groups: list[list] = []
        prev_end = -1
        for m in sorted(named, key=lambda m: m.start):
            if m.eid in self.methods:
                prev_end = -1
                continue
            if prev_end >= 0 and _LIST_GAP.match(text, prev_end, m.start):
                groups[-1].append(m)
            elif _COMPARED_BEFORE.search(text, max(s0, m.start - 60), m.start):
                groups.append([m])
            else:
                prev_end = -1
                continue
            prev_end = m.end
        out: list[str] = []
        for g in groups:
            cue = _COMPARED_BEFORE.search(text, max(s0, g[0].start - 60), g[0].start)
            named_as = cue is not None and cue.group("baselines")
            if (named_as or (len(g) > 1 and _METHODS_AFTER.match(text, g[-1].end))) and not (
                _CLASS_BEFORE.search(text, max(s0, g[0].start - 30), g[0].start)
            ):
                out += [m.eid for m in g]
        return list(dict.fromkeys(out))

    def carried_to(
        self, ms: list, prev_benches: list, si: int, s0: int, s1: int, baseline: re.Pattern
    ) -> list[str]:
        """The systems of a result sentence that names no benchmark, when the sentence
        just before names the benchmarks and no system ("The B dataset is used for
        evaluation. Our results show that M with retrieval achieved 71.3% F1"): those
        systems were measured on B. Not baselines, components or generic techniques; the
        caller checks that the sentence states a value."""
        if not prev_benches or not self.reports_result(s0, s1):
            return []
        p0, p1 = self.st.sents[si - 1]
        if not self.reports_experiments(p0, p1) or any(
            m.type in ("Model", "Method") and p0 <= m.start < p1 and not self.is_generic(m)
            for m in self.st.mentions
        ):
            return []
        text = self.text
        if _OWN_TARGET.match(text, s0):
            return []  # "On Site-2, we reach 92%": a target of its own the graph lacks
        return list(
            dict.fromkeys(
                m.eid
                for m in ms
                if m.type in ("Model", "Method")
                and not self.is_component(m, s0)
                and not self.is_generic(m)
                and not (
                    _FAMILY_AFTER.match(text, m.end)
                    and _FAMILY_BASE.search(text, max(s0, m.start - 80), m.start)
                )
                and not baseline.search(text, max(s0, m.start - 40), m.start)
                and not _BASELINE_NAMED.search(text, max(s0, m.start - 30), m.start)
                and not _OUTPERFORMED_EXAMPLE.search(text, max(s0, m.start - 80), m.start)
            )
        )

    def reports_result(self, s0: int, s1: int) -> bool:
        """`_RESULT` in text[s0:s1]; memoised (relations asks up to five times a sentence),
        and an ASCII sentence without any of the regex's words is not scanned."""
        got = self._results.get((s0, s1))
        if got is None:
            sent = self.text[s0:s1]
            if sent.isascii() and not result_hint(sent.lower()):
                got = False
            else:
                got = bool(_RESULT.search(self.text, s0, s1))
            self._results[(s0, s1)] = got
        return got

    def reports_experiments(self, s0: int, s1: int) -> bool:
        """A sentence with benchmarks and no named subject that reports the paper's own
        results ("Experiments on A, B and C demonstrate consistent gains"), not one about
        how data was built."""
        if not _EXPERIMENT.search(self.text, s0, s1):
            return False
        return not _DATA_SENTENCE.search(self.text, s0, s1)

    def evaluated_by_intro(self, ms: list, s0: int, s1: int) -> list[str]:
        """The paper's method named as what its own new benchmark is for ("KaggleBench, a
        benchmark ... to evaluate AgentAda's performance", "To train and evaluate this
        approach, we introduce FooDoc")."""
        if not self.methods:
            return []
        text = self.text
        out: list[str] = []
        for t in _TO_EVALUATE.finditer(text, s0, s1):
            m = next((m for m in ms if m.start == t.end() and m.eid in self.methods), None)
            if m is not None:
                out.append(m.eid)
            elif _THIS.match(text, t.end()):
                out.extend(self.main)
        return list(dict.fromkeys(out))
