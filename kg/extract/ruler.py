"""`kg_vocab_ruler`: vocabulary labels matched with spaCy PhraseMatchers.

Labels are tokenized by the pipeline's own tokenizer, so hyphenation and affixes line
up with the text. Case-insensitive labels go to a matcher on LOWER; `case_sensitive`
labels (ordinary words, ambiguous short names) to one on ORTH. Regular plurals are added
for methods, metrics, benchmarks and hardware (`SAE` -> `SAEs`, `H100` -> `H100s`).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher

from kg.extract.rules import load_rules
from kg.extract.state import Cand, DocState, state_of
from kg.extract.vocab import load_vocabulary
from kg.extract.vocab_context import glued_name, likeness_suffix, load_vocab_context

_PLURAL_TYPES = {"Method", "Metric", "Benchmark", "Hardware"}
# "the MATH benchmark", "CIFAR-100 datasets": the head is not part of the name
_MODEL_HEAD = re.compile(r"[\s-]+(?:models?|family|families|series|LLMs?|Models?|Family)$")
_SCORE_HEAD = re.compile(r"[\s-]+(?:scores?|Scores?|values?|metrics?)$")
_TRADE_OFF = re.compile(r"\s+trade-?offs?\b|\s+tradeoffs?\b", re.IGNORECASE)


def _word_end(text: str, pos: int) -> int:
    """The end of the hyphenated word that `pos` is inside ("accuracy|-compression")."""
    while pos < len(text) and (text[pos].isalnum() or text[pos] == "-"):
        pos += 1
    return pos


_BENCH_HEAD = re.compile(
    r"[\s-]+(?:benchmarks?|datasets?|data set|corpus|corpora|suite|test set|leaderboard|Benchmarks?"
    r"|Datasets?)$"
)


_CAP_BEFORE = re.compile(r"[A-Z][\w-]*\s+$")
_CAP_AFTER = re.compile(r"(?:\s+of)?[\s-]+[A-Z]")
_PLAIN_PHRASE = re.compile(r"[A-Za-z][a-z]*(?:[\s-]+[a-z]+)+")
_TITLE_CASE = re.compile(r"[A-Z][a-z]+(?:[\s-]+[A-Z][a-z]+)+")
_DATA_NEXT = re.compile(
    r"\s+(?:datasets?|benchmarks?|corpus|corpora|data\s+sets?|test\s+sets?)\b", re.IGNORECASE
)


def _plural(label: str) -> str | None:
    last = label[-1:]
    if (
        not last.isalpha()
        or label.endswith(("s", "S", "x", "sh", "ch"))
        or " " not in label
        and len(label) < 2
    ):
        return None
    if last == "y" and len(label) > 2 and label[-2] not in "aeiouAEIOU" and label[-2].islower():
        # "overall accuracies", "latencies": a -y noun's plural is -ies (15)
        return label[:-1] + "ies"
    return label + "s"


def _sentence_case(label: str) -> str | None:
    """'Fréchet Audio Distance' -> 'Fréchet audio distance'; None unless every word
    is capitalised and lower-case after its first letter (no acronyms: 'Top-1 Accuracy'
    and 'BLEU Score' keep their forms)."""
    words = label.split(" ")
    if len(words) < 2 or not all(w[:1].isupper() and w[1:].islower() for w in words):
        return None
    return " ".join([words[0]] + [w.lower() for w in words[1:]])


class VocabRuler:
    def __init__(
        self, nlp: Language, vocab_dir: str | None = None, patterns_dir: str | None = None
    ) -> None:
        self.vocab = load_vocabulary(vocab_dir)
        self.rules = load_rules(patterns_dir)
        self.aggregate_words = self.rules.metric_aggregate_words
        self.context = load_vocab_context(patterns_dir)
        # concepts with a label too generic to name them alone (vocab_context.json)
        self.needs_context_ids = frozenset(
            c.id
            for c in self.vocab.by_id.values()
            if any(lab.lower() in self.context.needs_context for lab in c.labels())
        )
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        # concepts of mined_*.jsonl (kg.vocab_mine): candidates of source "mined"
        self.mined = frozenset(c.id for c in self.vocab.by_id.values() if c.source == "mined")
        # leaderboard-only labels of an averaged measure the vocabularies know ("Average
        # F1", "Overall PSNR"): the text names the measure (metrics.json, 21)
        self.aggregate = frozenset(
            c.id
            for c in self.vocab.by_id.values()
            if c.type == "Metric" and c.source == "pwc" and self._aggregate(c.label)
        )
        self.exact: dict[str, frozenset] = {}  # concept id -> its labels (and plurals) as written
        self.keys: dict[
            int, tuple[str, str, bool]
        ] = {}  # match key -> (concept id, type, label has caps)
        tok = self.label_tokenizer = nlp.tokenizer  # replaced in build_pipeline once labels are in
        lower_pats: dict[str, list] = {}
        orth_pats: dict[str, list] = {}
        for c in self.vocab.by_id.values():
            if not c.match:
                continue
            labels = c.labels()
            if c.type in _PLURAL_TYPES:
                labels = labels + [p for p in map(_plural, labels) if p and p not in labels]
            if c.type == "Metric" and c.case_sensitive:
                # "Fréchet Audio Distance" is also written "Fréchet audio distance":
                # a Title-Case measure name of several words in sentence case (13)
                labels = labels + [v for v in map(_sentence_case, labels) if v and v not in labels]
            target = orth_pats if c.case_sensitive else lower_pats
            target[c.id] = labels
            self.exact[c.id] = frozenset(labels)
        for target, matcher in ((lower_pats, self.lower), (orth_pats, self.orth)):
            for cid, labels in target.items():
                docs = list(tok.pipe(labels))  # type: ignore[union-attr]  # the ML tokenizer has pipe
                key = f"V|{cid}"
                matcher.add(key, docs)
                c = self.vocab.by_id[cid]
                self.keys[nlp.vocab.strings[key]] = (cid, c.type, c.case_sensitive)

    def _aggregate(self, label: str) -> bool:
        """'Average F1': an averaging word, then a measure the vocabularies know."""
        first, _, rest = label.partition(" ")
        if first.lower() not in self.rules.aggregate_prefixes or not rest:
            return False
        inner = self.vocab.lookup(rest, "Metric")
        return inner is not None and self.vocab.by_id[inner].label.lower() != label.lower()

    def _device_context(self, st: DocState, text: str, start: int) -> bool:
        s0, s1 = st.sent_of(start)
        words = set(re.findall(r"[a-z]+", text[s0:s1].lower()))
        return bool(words & self.rules.hardware_context)

    def _plain_word_for_styled(
        self, st: DocState, cid: str, text: str, surface: str, start: int, end: int, ntok: int
    ) -> bool:
        """A one-word surface written as an ordinary capitalised word ("Quality", "Multiple",
        "Records") for a concept whose every label is styled with inner capitals
        (QuALITY, MultiPL-E, ReCoRD, BLEnD), where the capital comes from the position: in
        the title, at a sentence start, or inside a capitalised phrase ("Electronic Health
        Records", "Quality of Experience"). In running text ("perplexity on Wikitext") the
        spelling variant stands."""
        if ntok != 1 or not (surface[:1].isupper() and surface[1:].islower() and surface.isalpha()):
            return False
        low = surface.lower()
        if any(
            lab[1:] == lab[1:].lower()
            for lab in self.vocab.by_id[cid].labels()
            if lab.lower() in (low, low[:-1])  # the labels this word matched (its plural)
        ):
            return False
        return (
            start < st.title_len
            or start == st.sent_of(start)[0]
            or bool(
                _CAP_BEFORE.search(text, max(0, start - 30), start) or _CAP_AFTER.match(text, end)
            )
        )

    def _plain_phrase(
        self, st: DocState, cid: str, text: str, surface: str, start: int, end: int
    ) -> bool:
        """A leaderboard-only (Papers with Code) benchmark whose label is a phrase of
        ordinary words, written here in lower case ("social media", "creative writing",
        "object discovery"; "Among them" at a sentence start): the phrase, unless a
        dataset word follows ("the social media dataset")."""
        if " " not in surface or self.vocab.by_id[cid].source != "pwc":
            return False
        body = surface
        if start == st.sent_of(start)[0] and start >= st.abstract_start:
            body = surface[1:]  # the capital of a sentence's first word says nothing
        elif start < st.title_len and _TITLE_CASE.fullmatch(surface):
            # nor do a title's capitals ("from Open Meadows Imagery") (21)
            body = surface = surface.lower()
        if body != body.lower() or not _PLAIN_PHRASE.fullmatch(surface):
            return False
        return not _DATA_NEXT.match(text, end)

    def __call__(self, doc):
        st = state_of(doc)
        text = st.text
        seen = set()
        named: set[str] = set()  # concepts matched by a label that names them alone
        waiting: list[Cand] = []  # matches of needs-context labels
        for matcher in (self.lower, self.orth):
            for key, s, e in matcher(doc):
                cid, ctype, cs = self.keys[key]
                if cid in self.aggregate:
                    continue  # "an average F1 of 71.2": F1, matched on its own
                start = doc[s].idx
                last = doc[e - 1]
                end = last.idx + len(last.text)
                if (start, end, cid) in seen:
                    continue
                seen.add((start, end, cid))
                surface = text[start:end]
                if start > 1 and text[start - 1] == "-" and text[start - 2].isalnum():
                    # "X-rays": the tail of a compound word, not the concept "ray";
                    # "Quasi-Structured Pruning", "Multi-MMLU": the tail of a longer name
                    continue
                glued = text[end : end + 1] == "-"  # (most matches: no hyphen after)
                if glued and likeness_suffix(text, end, self.context.likeness_suffixes):
                    continue  # "CLIP-style", "BERT-type": what it resembles, not the thing
                if not cs and e - s == 1 and surface.islower():
                    # a capitalised single-word label written all lower-case is an
                    # ordinary word here ("adult", "spider", "falcon", "maps")
                    c = self.vocab.by_id[cid]
                    if not any(
                        lab.islower() and " " not in lab and "-" not in lab for lab in c.labels()
                    ):
                        continue
                if (
                    ctype in self.context.styled_types
                    and not cs
                    and e - s == 1
                    and self._plain_word_for_styled(st, cid, text, surface, start, end, e - s)
                ):
                    # "Quality", "Multiple", "Records": a word, not QuALITY, MultiPL-E, ReCoRD
                    continue
                if (
                    ctype == "Benchmark"
                    and not cs
                    and self._plain_phrase(st, cid, text, surface, start, end)
                ):
                    # "social media", "creative writing": a phrase, not the leaderboard entry
                    continue
                if (
                    glued
                    and ctype in self.context.glued_types
                    and glued_name(text, end, self.rules.adjectival_suffixes)
                ):
                    # "Chain-of-Thought-Action traces", "ACT-4", "MegaMath-Web-Pro-Max": a
                    # word of a longer name; a benchmark's is a variant of it (15)
                    if ctype == "Benchmark":
                        wend = _word_end(text, end)
                        st.add(Cand(start, wend, ctype, "benchmark_variant", 0.8, 50))
                    continue
                if (
                    ctype == "Metric"
                    and (
                        text[end : end + 1] == "-"
                        and text[end + 1 : end + 2].isalpha()
                        or start > 1
                        and text[start - 1] == "-"
                        and text[start - 2].isalpha()
                    )
                    and not _TRADE_OFF.match(text, _word_end(text, end))
                ):
                    continue  # "cost-effective", "low-latency": an adjective, not the measure
                    # (but in "accuracy-latency trade-offs" both sides are measures)
                if (
                    ctype == "Metric"
                    and self.aggregate_words
                    and surface.split(" ", 1)[0] in self.aggregate_words
                    and " " in surface
                    and self.vocab.by_id[cid].source == "pwc"
                ):
                    continue  # "the average win rate": a leaderboard column's label; the
                    # measure is the rest, which the vocabulary matches on its own
                if ctype in ("Benchmark", "Model"):
                    h = (_BENCH_HEAD if ctype == "Benchmark" else _MODEL_HEAD).search(surface)
                    if h and h.start() > 0 and not _BENCH_HEAD.search(self.vocab.by_id[cid].label):
                        end = start + h.start()
                        surface = text[start:end]
                if ctype == "Metric" and " " in surface:
                    h = _SCORE_HEAD.search(surface)
                    if (
                        h
                        and h.start() > 0
                        and self.vocab.lookup(surface[: h.start()], "Metric") == cid
                    ):
                        end = (
                            start + h.start()
                        )  # "F1 scores", "BLEU score": the measure is the name
                        surface = text[start:end]
                if (
                    ctype == "Hardware"
                    and len(surface) <= 3
                    and (
                        self.rules.hardware_not_next.match(text, end)
                        or not self._device_context(st, text, start)
                    )
                ):
                    # "L2", "T4", "M2" alone are norms, cell lines, variables; "L2 norm", "L2 cache"
                    continue
                # a label written exactly as in the text beats one matched by case folding
                # ("FID" the metric, not "FiD" the method)
                if cid in self.mined:
                    # a name the corpus's papers introduced (kg.vocab_mine): below every
                    # curated concept and the paper's own typed evidence
                    st.add(Cand(start, end, ctype, "mined", 0.7, 46, cid=cid, text=surface))
                    continue
                prio = 50.5 if cs or surface in self.exact[cid] else 50
                cand = Cand(
                    start, end, ctype, "vocab", 0.9 if cs else 0.85, prio, cid=cid, text=surface
                )
                if cid in self.needs_context_ids and surface.lower() in self.context.needs_context:
                    waiting.append(cand)  # "dual encoder", "soft prompts": see below (15)
                else:
                    named.add(cid)
                    st.add(cand)
        for cand in waiting:
            # a label too generic to name its concept alone counts where the paper names
            # the concept by another of its labels too
            if cand.cid in named:
                st.add(cand)
        return doc


@Language.factory("kg_vocab_ruler", default_config={"vocab_dir": None, "patterns_dir": None})
def make_vocab_ruler(nlp: Language, name: str, vocab_dir: str | None, patterns_dir: str | None):
    return VocabRuler(nlp, vocab_dir, patterns_dir)
