"""`kg_resolver`: from candidates to typed mentions linked to canonical entities.

1. proposals become candidates (type from their evidence, else vocabulary, else Method);
2. every discovered name also counts at its other occurrences in the paper; name-shaped
   words nothing else claims fall back to Method (kg.extract.unknown_names);
3. generic terms (GUIDELINES stop-list) are dropped;
4. overlaps: the longest span wins, then the higher rule priority;
5. linking: a concept id from the vocabulary (directly or by normalised spelling), an
   acronym defined in the text -> its long form's entity, else a discovered id
   `<type>/<slug>`; a discovered model variant keeps its family in `broader`.
"""

from __future__ import annotations

import re

from spacy.language import Language

from kg.extract.acronyms import is_acronym
from kg.extract.evidence import (
    called_a_task,
    context_type,
    load_evidence,
    shape_type,
    short_alias_names_task,
    task_appositive,
    title_modifier_tail,
)
from kg.extract.head_named import corpus_word_df
from kg.extract.metric_spans import around_measured
from kg.extract.metric_variants import variant_groups
from kg.extract.model_variants import versioned_alias
from kg.extract.names import find_word, name_shaped
from kg.extract.normalise import entity_id, match_key
from kg.extract.proposal_rescue import rescued_proposals
from kg.extract.rules import load_rules
from kg.extract.shared_short import measured_shared_shorts
from kg.extract.spelled_words import COMMON_DF
from kg.extract.state import Cand, DocState, Mention, hint_regions, state_of
from kg.extract.title_variants import title_variant_keys
from kg.extract.typing_rules import infer_type
from kg.extract.unknown_names import fallback_cands, load_frequent
from kg.extract.values import find_values
from kg.extract.vocab import load_vocabulary

_URL = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|org|io|ai|net|edu)/\S*|\b(?:github|huggingface|hf)\.co\S*"
)
# every _URL match holds one of these
_URL_HINTS = (
    "://",
    "www.",
    ".com/",
    ".org/",
    ".io/",
    ".ai/",
    ".net/",
    ".edu/",
    "github.co",
    "huggingface.co",
    "hf.co",
)


# every hint holds one of these: three searches rule out the eleven of `hint_regions` on
# the three abstracts in four that have none of them
_URL_SIGNS = ("/", "www.", ".co")


# a name ending in "Bench"/"bench" (a version or size may follow: "EdiVal-Bench",
# "VER-Bench-v2", "MedBench-1K"), as benchmark names end (cues.json benchmark_name_endings)
_BENCH_NAME = re.compile(r"[A-Za-z0-9][-_]?[Bb]ench(?:[-_ ]?(?:v?\d[\w.]*|[A-Z]{1,3}))?\Z")


# a name ending in a count of thousands ("Vero-600K", "Parts20K", "Foo-CoT-100k") with
# no model size before it ("Llama-3-8B-262k" is a context length) and not a power of two
# ("IntentKV-8k", "Foo-32K": a token budget or context length)
_COUNT_NAME = re.compile(
    r"\A(?!.*\d[BM]\b)[A-Za-z].*[A-Za-z_-](?!(?:2|4|8|16|32|64|128|256|512)[Kk]\Z)"
    r"\d+(?:\.\d+)?[Kk]\Z"
)


def _url_spans(text: str) -> list[tuple[int, int]]:
    r"""The spans of `_URL.finditer(text)`, scanned only in the whitespace-free chunks
    that hold a hint (`hint_regions`): every `_URL` alternative matches non-space
    characters only, so a match never leaves its chunk (the whole-text scan's `[\w.-]+`
    alternative backtracks at every word: ~85 us on an abstract with a link, ~3 us this
    way)."""
    if not any(sign in text for sign in _URL_SIGNS):
        return []
    return [m.span() for a, b in hint_regions(text, _URL_HINTS) for m in _URL.finditer(text, a, b)]


_VENDOR = re.compile(
    r"^(?:NVIDIA|Nvidia|nVidia|Google|Colab|Tesla|AMD|Intel|Apple|Cloud|GeForce)\s+"
)
_CARD_NUMBER = re.compile(r"\d{4}(?:[ \t]?Ti)?")
_COORD = re.compile(r"^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+|\s*/\s*)$")
_PROPAGATE = {
    "definition",
    "proposal",
    "title",
    "model_shape",
    "family_variant",
    "benchmark_suffix",
    "benchmark_head",
    "hardware_shape",
    "metric_shape",
    "list",
}


# words that make a task-headed phrase a name of its own ("Reinforcement Fine-Tuning
# for Video-based 3D Scene Understanding"): prepositions (14)
_TASK_NAME_BREAK = frozenset("for of in on with via from to using under by".split())


# ", a novel evaluation metric", ", a new measure": the appositive says what it is
_METRIC_APPOS = re.compile(
    r"\s*,\s+(?:a|an)\s+(?:[\w-]+,?\s+){0,3}?(?:metric|measure)(?![\w-])"
    # the appositive's head, not a modifier ("a plug-in metric head for ...")
    r"(?=\s*[,.;:()]|\s+(?:that|which|for|to|of|with|in|on|based|derived|designed|we)(?![\w-]))"
)
# "a new evaluation metric, X (ACR)", "a measure called X (ACR)": the head before it
_METRIC_BEFORE = re.compile(
    r"(?<![\w-])(?:metric|measure),?\s+(?:(?:called|named|termed|dubbed)\s+)?$"
)


def _retype_definition(st: DocState, s: int, e: int, etype: str) -> None:
    """A definition at a proposal's span that the proposal sentence's appositive calls a
    metric or measure ("we introduce Tool Utility Rate (TUR), a novel metric") is a
    Metric, both halves: the definitions stage, which sees only "Long Form (ACR)", made
    it a Method by default, and its candidates outrank the proposal's at the same span
    (29). Only the words "metric"/"measure": "X (GLU), a single-pass score that fuses
    ..." is the paper's method, and "X (PO) datasets" a modifier of the head."""
    if etype != "Metric":
        return
    for ss, se, ls, le in st.definitions:
        if (ls, le) != (s, e) and (ss, se) != (s, e):
            continue
        end = max(se, le)
        p = st.text.find(")", end, end + 2)
        begin = min(ss, ls)
        if not (
            _METRIC_APPOS.match(st.text, p + 1 if p >= 0 else end)
            or _METRIC_BEFORE.search(st.text, max(0, begin - 30), begin)
        ):
            continue
        for c in st.cands:
            if (
                c.source == "definition"
                and c.type == "Method"
                and c.cid is None
                and c.tconf < 4
                and ((c.start, c.end) == (ss, se) or (c.start, c.end) == (ls, le))
            ):
                c.type = etype
                c.tconf = 4


def _singular_acronym(s: str) -> str:
    return s[:-1] if s.endswith("s") and len(s) > 2 and s[-2].isupper() else s


# a measure used as a tool, not reported as a result: "using the symmetric KL divergence
# between", "by minimizing the mean squared error" (12)
_AS_TOOL = re.compile(
    r"(?<![\w-])(?:[Uu]sing|via|[Mm]inimi[sz]ing|minimi[sz]es?|[Pp]enali[sz]ing|[Rr]egulari[sz]ing|"
    r"[Oo]ptimi[sz]ing|[Mm]aximi[sz]ing|maximi[sz]es?)\s+(?:(?:the|a|an|its|their|our)\s+)?"
    r"(?:[a-z][\w-]*\s+)?$"
)
_EVAL_BEFORE = re.compile(
    r"(?:evaluat|measur|assess|report|compar|quantif|scor|benchmark|agreement)\w*\s"
)


class Resolver:
    def __init__(self, vocab_dir=None, patterns_dir=None) -> None:
        self.vocab = load_vocabulary(vocab_dir)
        self.rules = load_rules(patterns_dir)
        self.frequent = load_frequent(patterns_dir)
        self.evidence = load_evidence(patterns_dir)
        # vocabulary methods that name a research problem or a task's output by their
        # head word ("cross-site generalization", "X transfer"): no Method (21)
        heads = tuple(" " + h for h in self.evidence.problem_heads)
        self.problem_ids = frozenset(
            c.id
            for c in self.vocab.by_id.values()
            if c.type == "Method" and (" " + c.label.lower().replace("-", " ")).endswith(heads)
        )

    # -- 1. proposals -------------------------------------------------------------
    def _proposal_cands(self, st: DocState, text: str) -> set[str]:
        """The proposals as candidates; returns the names whose proposal evidence beats
        the rejection of names by their form (kg.extract.proposal_rescue)."""
        typed: dict[str, str] = {}
        first: dict[str, str | None] = {}
        for s, e, t, rule, _ in st.proposals:
            if rule != "proposal":
                continue
            name = text[s:e]
            first.setdefault(name, t)
            if t and (first[name] is None or name not in typed):
                # a typed introduction names the type ("we propose X, a new architecture
                # ... we develop the X model"); after an untyped one ("we propose X,
                # introducing ..."), the last typed mention, as before
                typed[name] = t
        rescued = self._rescued(st) if st.rejected_shorts else set()
        if st.proposals:
            rescued |= rescued_proposals(
                st, text, self.rules, lambda n: n in st.rejected_shorts or self._task_name(n)
            )
        for s, e, etype, rule, _ in st.proposals:
            if task_appositive(text, e, self.evidence):
                st.rejected_shorts.add(text[s:e])  # "X (XYZ), a new task": not an entity
                rescued.discard(text[s:e])
                continue
            if rule == "title" and text[s:e] in typed:
                etype = typed[text[s:e]]
            given = etype is not None
            name = text[s:e]
            if name in self.evidence.proposal_plain_words:
                continue  # "we introduce first, an ...": a plain word, no name (12)
            cid = self.vocab.lookup(name, etype) if etype else self.vocab.lookup(name)
            if cid and not self.vocab.spelled_as(cid, name):
                # "TRec" is not the case-sensitive "TREC", "VeS" not the measure "VES": the
                # paper's own name, typed by its evidence below, not by a namesake's type
                cid = None
            if etype is None and cid:
                etype = self.vocab.by_id[cid].type
            if etype is None:
                spans = list(find_word(text, name))
                etype = (
                    infer_type(text, spans, self.rules, None)
                    or shape_type(name)
                    or context_type(text, name, spans)
                )
                if etype is None and "-" in name:
                    # "we propose DMC, a framework ... we introduce DMC-OT, an enhanced
                    # version of DMC": a short upper-case variant of the paper's own method
                    # or model is one too (not a glued variant of the vocabulary's "DMC"
                    # benchmark); "PoseTraj-10K", "SearchGym-RL", "PALM-Net" are not
                    base, _, suffix = name.rpartition("-")
                    if len(suffix) <= 3 and suffix.isalpha() and suffix.isupper():
                        t = typed.get(base)
                        etype = t if t in ("Method", "Model") else None
                if etype is None:
                    etype = next(
                        (
                            c.type
                            for c in st.cands
                            if c.start == s and c.end == e and c.source != "vocab"
                        ),
                        "Method",
                    )
            if (
                cid is None
                and etype in ("Method", "Model")
                and _BENCH_NAME.search(name)
                and corpus_word_df().get(name.lower(), 0) < COMMON_DF  # not "Workbench"
            ):
                # "KARLBench, a multi-capability evaluation suite", "ManiBench: A Benchmark
                # for ...": a new name ending in "Bench" names the benchmark it is (19)
                etype = "Benchmark"
            # what the paper says its own contribution is beats the vocabulary's type
            st.add(Cand(s, e, etype, rule, 0.75, 56, cid=cid, tconf=4 if given else 1))
            if given and cid is None:
                _retype_definition(st, s, e, etype)
        st.rejected_shorts -= rescued
        return rescued

    def _rescued(self, st: DocState) -> set[str]:
        """Acronyms the definitions stage left out by their long form's last word ("ViCLSR
        (... for Sentence Representations)", "SPRINT (... Tunability Information)": a
        thing, not a method) that the paper proposes, defines right there and describes by
        a head noun ("we propose X (...), a novel ... framework") or is mixed-case: the
        proposal wins (14, 15)."""
        rules = self.rules
        text = st.text
        return {
            text[s:e]
            for s, e, t, rule, _ in st.proposals
            if rule == "proposal"
            # untyped: a mixed-case name ("VeriGUI (Verification-driven GUI Agent)"), not an
            # all-caps one a proposal rule took from a task phrase ("an efficient STR
            # system") (15)
            and (t or not text[s:e].isupper())
            and text[s:e] in st.rejected_shorts
            and text.startswith(" (", e)
            and text[s:e] not in rules.not_names
            and match_key(text[s:e]) not in rules.generic_keys
        }

    # -- 2. propagation -------------------------------------------------------------
    def _propagate(self, st: DocState, text: str) -> None:
        names: dict[str, Cand] = {}
        ci_names: dict[str, Cand] = {}
        for c in st.cands:
            if c.source not in _PROPAGATE or len(c.text) < 2:
                continue
            if c.source == "definition" and " " in c.text:
                ci_names.setdefault(c.text.lower(), c)
            names.setdefault(c.text, c)
            if c.source == "definition" and is_acronym(c.text):
                names.setdefault(_singular_acronym(c.text), c)
        if not names:
            return
        low = text.lower() if ci_names else None
        for table, lower in ((names, None), (ci_names, low)):
            for name, src in table.items():
                for s, e in find_word(text, name, lower_text=lower, plural=True):
                    if src.start == s and src.end == e:
                        continue
                    st.add(
                        Cand(
                            s,
                            e,
                            src.type,
                            src.source,
                            src.conf * 0.95,
                            src.prio - 5,
                            cid=src.cid,
                            broader=src.broader,
                            tconf=src.tconf,
                        )
                    )

    def _metric_variants(
        self, st: DocState, mets: list[tuple[str, str]]
    ) -> dict[tuple[str, str], str]:
        """(concept id, surface) -> the name of the own entity that surface gets: the
        measures of one vocabulary concept that the paper reports apart
        (metric_variants.py; 17). `mets`: (concept id, surface) of the vocabulary
        measures in text order."""
        out: dict[tuple[str, str], str] = {}
        if len({e for e, _ in mets}) == len(set(mets)):
            return out  # no concept named by two surfaces (most papers)
        by_concept: dict[str, list[str]] = {}
        for eid, surface in mets:
            seen = by_concept.setdefault(eid, [])
            if surface not in seen:
                seen.append(surface)
        text = st.text
        for eid, surfaces in by_concept.items():
            if len(surfaces) < 2:
                continue
            # "mean Average Precision (mAP50)": a name the text defines as the other
            defined = frozenset(
                (a, b) for a in surfaces for b in surfaces if a != b and f"{a} ({b}" in text
            )
            groups = variant_groups(self.vocab.by_id[eid].label, surfaces, defined)
            for g in groups[1:]:
                for s in g:
                    out[eid, s] = g[0]
        return out

    # -- 3b. metrics must be measured ----------------------------------------------------
    def _measured(self, st: DocState, text: str, c: Cand) -> bool:
        """A plain lower-case metric word is a Metric only where a value or a comparison
        is reported next to it (GUIDELINES: "reduces memory by 40%", not "memory-
        constrained devices"); words that also name plain properties (cost, entropy,
        model size, helpfulness) need a reported value close by, or a comparison or
        measurement verb right next to them ("improves helpfulness")."""
        tool = self.rules.metric_tool_after_re
        if tool is not None and tool.match(text, c.end):
            # "an MSE objective", "a KL regularization term", "ASR systems": a modifier of a
            # training signal or a component, not a reported result (13, 21)
            return False
        if self._purpose(st, text, c):
            return False  # "a common way to reduce the hosting cost of chat models": a goal (13)
        if c.source == "metric_cue":
            return True  # "fast generation speed": the evaluative word says it (12)
        if _AS_TOOL.search(text, max(0, c.start - 40), c.start) and not _EVAL_BEFORE.search(
            text, max(0, c.start - 70), c.start
        ):
            return False  # "using the symmetric KL divergence between": a tool, not a result (12)
        surface = c.text
        # a name (F1, BLEU, ROUGE-L, pass@1) needs no context; a plain head noun after a
        # capitalised modifier ("GPU memory", "API cost") does
        head = surface.rsplit(" ", 1)[-1]
        if any(map(str.isupper, head[1:])) or any(ch.isdigit() or ch == "@" for ch in head):
            concept = self.vocab.by_id.get(c.cid) if c.cid else None
            if concept is None or concept.source != "pwc" or c.source != "vocab":
                return True
            # a leaderboard-only label ("NIST", "SARI") is a name of many other things
            # too: measured only next to a value or a measurement word
            s0, s1 = st.sent_of(c.start)
            w = self.rules.weak_window
            a, b = max(s0, c.start - w), min(s1, c.end + w)
            return any(not (c.start <= v.start < c.end) for v in find_values(text, a, b)) or bool(
                self.rules.metric_frame_re.search(text, max(s0, c.start - 60), c.start)
            )
        s0, s1 = st.sent_of(c.start)
        rules = self.rules
        if (
            c.start >= st.title_len
            and c.start > s0
            and " " in surface
            and all(w[:1].isupper() for w in surface.split())
        ):
            return True  # a measure written as a proper name ("Krippendorff's Alpha") (13)
        low = surface.lower()
        if low in rules.metric_setting_words:
            # "at 50% sparsity", "the sparsity of the pruned layers": the level a method runs
            # at, measured only where a frame says so ("in terms of sparsity") (13)
            return bool(rules.metric_frame_re.search(text, max(s0, c.start - 60), c.start))
        if (
            low in rules.weak_metrics
            or low.endswith("ies")
            and low[:-3] + "y" in rules.weak_metrics
        ):
            w = rules.weak_window
            a, b = max(s0, c.start - w), min(s1, c.end + w)
            if any(not (c.start <= v.start < c.end) for v in find_values(text, a, b)):
                return True
            if rules.metric_frame_re.search(text, max(s0, c.start - 60), c.start):
                return True
            return low in rules.metric_cue_words and bool(
                rules.metric_cue_before_re.search(text, max(s0, c.start - 60), c.start)
                or rules.metric_cue_after_re.match(text, c.end, s1)
            )
        w = rules.measure_window
        a, b = max(s0, c.start - w), min(s1, c.end + w)
        window = text[a : c.start] + " " + text[c.end : b]
        return bool(rules.measure_re.search(window))

    def _task_name(self, name: str) -> bool:
        """Is a name no vocabulary knows a task's: plain words (none shaped like a name)
        without a preposition, the last a task head ('definition_task_final_heads')?"""
        if name[name.rfind(" ") + 1 :].lower() not in self.evidence.def_task_final_heads:
            return False
        return not any(w in _TASK_NAME_BREAK or name_shaped(w, self.rules) for w in name.split())

    def _defined_otherwise(self, st: DocState, c: Cand) -> bool:
        """The text defines this vocabulary measure's short form as something else: a
        task or thing it left out ("automatic speech recognition (ASR)" against the
        measure ASR, attack success rate), or a long form naming another concept."""
        if c.text in st.rejected_shorts:
            return True
        span = st.acronym_long.get(c.text)
        return span is not None and self.vocab.lookup(st.text[span[0] : span[1]]) not in (
            None,
            c.cid,
        )

    def _purpose(self, st: DocState, text: str, c: Cand) -> bool:
        """A measure named as the goal of a purpose clause ("a common way to reduce the
        hosting cost", "To ensure high label quality, we ...") is not
        reported: no value is given for it there (metrics.json purpose_heads)."""
        s0 = st.sent_of(c.start)[0]
        pf = self.rules.metric_purpose_for_re
        if pf is not None and "for" in st.words and pf.search(text, max(s0, c.start - 50), c.start):
            return True  # "for improved texture coherence": what a design is for (24m)
        if not st.words & self.rules.metric_purpose_verbs:
            return False
        a = max(s0, c.start - 90)
        low = st.low
        if len(low) == len(text) and low.find("to", a, c.start) < 0:
            return False  # (the search below tries every position of its window)
        m = self.rules.metric_purpose_re.search(text, a, c.start)
        if not m:
            return False
        if m.group("head") is None and m.start() != s0:
            return False  # a bare "to" only where it opens the sentence
        return True

    @staticmethod
    def _coordinated(text: str, kept: list[Cand], dropped: list[Cand]) -> list[Cand]:
        """Metric words listed with a measured one ("preserve fluency, coherence, and
        relevance") are measured too."""
        out: list[Cand] = []
        spans = [(c.start, c.end) for c in kept]
        changed = True
        while changed and dropped:
            changed = False
            for c in list(dropped):
                for s, e in spans:
                    gap = (
                        text[e : c.start]
                        if e <= c.start
                        else text[c.end : s]
                        if c.end <= s
                        else None
                    )
                    if gap is not None and len(gap) <= 7 and _COORD.match(gap):
                        out.append(c)
                        spans.append((c.start, c.end))
                        dropped.remove(c)
                        changed = True
                        break
        return out

    # -- 4. overlaps --------------------------------------------------------------------
    def _select(self, cands: list[Cand], length: int) -> list[Cand]:
        order = sorted(cands, key=lambda c: (-(c.end - c.start), -c.prio, c.start))
        taken = bytearray(length + 1)  # 1 where a kept span covers the character
        out = []
        for c in order:
            if c.end <= c.start or taken.find(1, c.start, c.end) >= 0:
                continue  # (an empty span is never a mention)
            taken[c.start : c.end] = b"\x01" * (c.end - c.start)
            out.append(c)
        out.sort(key=lambda c: c.start)
        return out

    def _unify_types(self, st: DocState, selected: list[Cand]) -> None:
        """One name, one type per paper: the type of its highest-priority mention."""
        best: dict[str, Cand] = {}
        for c in selected:
            k = match_key(c.text)
            b = best.get(k)
            if b is None or (c.tconf, c.prio) > (b.tconf, b.prio):
                best[k] = c
        for c in selected:
            b = best[match_key(c.text)]
            if b.type != c.type:
                c.type = b.type
                c.cid = b.cid
        # the two halves of a definition share the surer type
        pos = {(c.start, c.end): c for c in selected}
        for ss, se, ls, le in st.definitions:
            a, b = pos.get((ss, se)), pos.get((ls, le))
            if a and b and a.type != b.type:
                w = max((a, b), key=lambda c: (c.tconf, c.prio))
                for c in (a, b):
                    c.type = w.type

    # -- 5. linking -----------------------------------------------------------------------
    def _link(self, text: str, etype: str, cid: str | None) -> tuple[str, str, bool]:
        """(entity id, type, in vocabulary) for a surface form."""
        v = self.vocab
        # a mined concept (kg.vocab_mine) names a discovered entity: recognised and typed
        # by the corpus, but not a vocabulary entry of the graph
        if cid and cid in v.by_id:
            return cid, v.by_id[cid].type, v.by_id[cid].source != "mined"
        found = v.lookup(text, etype)
        if found is None and etype == "Hardware":
            stripped = _VENDOR.sub("", text)
            if stripped != text:
                found = v.lookup(stripped, etype)
            if found is None and _CARD_NUMBER.fullmatch(stripped):
                # "NVIDIA 3090": the RTX (or older GTX) card of that number
                found = v.lookup("RTX " + stripped, etype) or v.lookup("GTX " + stripped, etype)
        if found:
            return found, etype, v.by_id[found].source != "mined"
        return entity_id(etype, text), etype, False

    def __call__(self, doc):
        st = state_of(doc)
        text = st.text
        rules = self.rules
        rescued = self._proposal_cands(st, text)
        self._propagate(st, text)
        fallback_cands(st, text, rules, self.frequent, lambda w: self.vocab.lookup(w) is not None)
        urls = _url_spans(text)
        keep = []
        abstract_keys: set[str] | None = None
        # leaderboard benchmarks named after their task that the paper calls a task ("the
        # Image-to-Recipe task"): the task throughout the paper, not a dataset (21)
        task_named = {
            c.cid
            for c in st.cands
            if c.type == "Benchmark"
            and c.source == "vocab"
            and c.cid
            and self.vocab.by_id[c.cid].source == "pwc"
            and called_a_task(text, c.end)
        }
        # a vocabulary Method written only as the title's hyphenated variant ("Cross-lingual
        # Chain-of-Thought ...", "Cross-lingual chain-of-thought (XCoT)"): the variant (20)
        variants = title_variant_keys(
            st,
            text,
            st.cands,
            self.evidence.title_modifier_stop,
            rules.adjectival_suffixes,
            rules.generic_keys,
        )
        for c in st.cands:
            if urls and any(c.start < e and s < c.end for s, e in urls):
                continue  # names inside a URL are not entities
            k = match_key(c.text)
            if k in rules.generic_keys:
                continue
            if task_named and c.type == "Benchmark" and c.cid in task_named:
                continue
            if c.type == "Method" and c.cid in self.problem_ids:
                continue  # "yielding robust cross-site generalization": a problem, not a method
            if (
                c.type == "Method"
                and "-" in c.text
                and c.text.lower().endswith(rules.adjectival_suffixes)
            ):
                # "instruction-tuned", "retrieval-augmented", "GNN-Driven" (a title's
                # capitals): adjectives here
                continue
            if c.type == "Metric" and c.source == "vocab" and self._defined_otherwise(st, c):
                continue  # "automatic speech recognition (ASR)": not the measure ASR (13)
            if (
                c.type == "Benchmark"
                and c.source != "vocab"
                and "-" in c.text
                and (
                    c.text.endswith(rules.adjectival_suffixes)
                    or c.text.startswith(rules.adjectival_prefixes)
                    and " " not in c.text
                )
            ):
                continue  # "on LLM-generated text", "in non-English languages": adjectives
            if (
                st.rejected_shorts
                and (
                    c.type == "Benchmark"
                    # (a plural too: "speech foundation models (SFMs)" is no "SfM", 14)
                    or c.source in ("vocab", "mined")
                    and _singular_acronym(c.text).isupper()
                )
                and (
                    c.text in st.rejected_shorts
                    or _singular_acronym(c.text) in st.rejected_shorts
                    or c.text + "s" in st.rejected_shorts  # "an SFM" after "... (SFMs)" (14)
                )
            ):
                # "visual question answering (VQA)", "Semantic Textual Similarity (STS)": the
                # text defines the acronym as a task or field, not the dataset of that name;
                # "optical character recognition (OCR)": not what the vocabulary's "OCR"
                # names either (a definition the vocabulary knows is never rejected; a
                # styled name, "GeLU (Gaussian Error Linear Unit)", stays)
                continue
            if (
                c.type == "Benchmark"
                and c.source == "vocab"
                and short_alias_names_task(text, c.start, c.end, st.acronym_long)
            ):
                continue  # "a long-form VQA task": the task, not the dataset of that name
            if (
                c.type == "Method"
                and c.source in ("vocab", "mined")
                and c.end <= st.title_len
                and title_modifier_tail(text, c.start, st.title_len, self.evidence)
            ):
                if abstract_keys is None:
                    abstract_keys = {
                        k
                        for d in st.cands
                        if d.start >= st.abstract_start
                        for k in (d.cid, match_key(d.text))
                        if k
                    }
                if c.cid not in abstract_keys and match_key(c.text) not in abstract_keys:
                    # "Calibrated Knowledge Distillation", "Spectral Beam Search" in the
                    # title only: the tail of the paper's own name, not the technique (21)
                    continue
            if (
                c.type == "Method"
                and c.source not in ("vocab", "mined")
                and self._task_name(c.text)
                and c.text not in rescued
            ):
                continue  # "Named Entity Recognition", "Video Anomaly Detection": tasks (14)
            if c.source != "vocab" and (
                c.text in rules.not_names
                or _singular_acronym(c.text) in st.rejected_shorts
                or c.text in st.rejected_shorts
            ):
                continue
            if (
                c.type in ("Method", "Model")
                and c.source not in ("vocab", "mined", "family_variant")
                and _COUNT_NAME.search(c.text)
                and "param" not in text[c.end : c.end + 30]
            ):
                # "Zorb-600K", "QuorbParts20K": a count of thousands ends a data set's name
                # (a model's size is in B or M, "X-108K (0.108 M parameters)" says so;
                # context lengths come with a family's name)
                c.type = "Benchmark"
            keep.append(c)
        # "an MAE of 0.16": the measure, not the masked autoencoder (20)
        keep = measured_shared_shorts(
            st, text, keep, rules.weak_window, lambda cid: self.vocab.by_id[cid].labels()
        )
        metrics = [c for c in keep if c.type == "Metric"]
        if metrics:
            kept, dropped = [], []
            for c in metrics:
                (kept if self._measured(st, text, c) else dropped).append(c)
            if dropped and kept:
                # "3D accuracy" where "accuracy" is measured: the full name (15)
                kept += around_measured(kept, dropped)
                dropped = [c for c in dropped if c not in kept]
            if dropped and kept:
                # a measure the paper reports somewhere anchors the words listed with it
                # elsewhere ("traits like helpfulness and harmlessness")
                measured = {match_key(c.text) for c in kept}
                anchors = kept + [c for c in dropped if match_key(c.text) in measured]
                kept += self._coordinated(
                    text, anchors, [c for c in dropped if match_key(c.text) not in measured]
                )
            keep = [c for c in keep if c.type != "Metric"] + kept
        selected = self._select(keep, len(text))
        if variants:
            # after the selection: the variant's words stay claimed ("Multi-Modal Dataset
            # Distillation" is no "Multi-Modal Dataset" benchmark)
            selected = [
                c
                for c in selected
                if not (
                    c.type == "Method"
                    and c.source in ("vocab", "mined")
                    and (c.cid or match_key(c.text)) in variants
                )
            ]
        self._unify_types(st, selected)
        # acronym -> (long-form entity id, type)
        long_ids: dict[str, tuple[str, str, bool]] = {}
        for short, (ls, le) in st.acronym_long.items():
            lc = next((c for c in selected if c.start == ls and c.end == le), None)
            if lc is None:
                continue
            long_ids[short] = self._link(lc.text, lc.type, lc.cid)
        ents = st.entities
        mentions = st.mentions
        links = []
        mets = []  # (concept id, surface) of vocabulary measures, for _metric_variants
        for c in selected:
            linked = None
            if is_acronym(c.text):
                linked = long_ids.get(_singular_acronym(c.text)) or long_ids.get(c.text)
            linked = linked or self._link(c.text, c.type, c.cid)
            links.append(linked)
            if linked[1] == "Metric" and linked[2]:
                mets.append((linked[0], c.text))
        variants = self._metric_variants(st, mets) if len(mets) > 1 else {}
        for c, linked in zip(selected, links, strict=True):
            surface = c.text
            eid, etype, in_vocab = linked
            version_of = None
            if in_vocab and versioned_alias(self.vocab.by_id[eid].label, surface):
                # "EAGLE-3", an alias of EAGLE: the version as written, under its family (16)
                version_of = eid
                eid, etype, in_vocab = entity_id(etype, surface), self.vocab.by_id[eid].type, False
            elif in_vocab and (eid, surface) in variants:
                # "inference time" beside "training time", both filed under wall-clock
                # time: another measure, its own entity under the concept (17)
                version_of = eid
                eid, in_vocab = entity_id(etype, variants[eid, surface]), False
            ent = ents.get(eid)
            if ent is None:
                if in_vocab:
                    concept = self.vocab.by_id[eid]
                    ent = {
                        "type": concept.type,
                        "label": concept.label,
                        "aliases": [],
                        "broader": list(concept.broader),
                        "in_vocabulary": True,
                        "surfaces": [],
                    }
                else:
                    ent = {
                        "type": etype,
                        "label": surface,
                        "aliases": [],
                        "broader": [],
                        "in_vocabulary": False,
                        "surfaces": [],
                    }
                ents[eid] = ent
            if version_of and version_of not in ent["broader"]:
                ent["broader"].append(version_of)
            if c.broader and not ent["in_vocabulary"]:
                for b in c.broader:
                    if b and b != eid and b not in ent["broader"]:
                        ent["broader"].append(b)
            if surface not in ent["surfaces"]:
                ent["surfaces"].append(surface)
            mentions.append(Mention(c.start, c.end, surface, eid, ent["type"], c.source, c.conf))
        # discovered entities: label = the long form where an acronym was defined
        for _short, (eid, _, _in_vocab) in long_ids.items():
            ent = ents.get(eid)
            if ent is None:
                continue
            for s in ent["surfaces"]:
                if s != ent["label"] and s not in ent["aliases"]:
                    ent["aliases"].append(s)
        for _eid, ent in ents.items():
            for s in ent["surfaces"]:
                if s != ent["label"] and s not in ent["aliases"]:
                    ent["aliases"].append(s)
        return doc


@Language.factory("kg_resolver", default_config={"vocab_dir": None, "patterns_dir": None})
def make_resolver(nlp: Language, name: str, vocab_dir, patterns_dir):
    return Resolver(vocab_dir, patterns_dir)
