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
from kg.extract.state import Cand
from kg.extract.vocab import load_vocabulary

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

_BENCH_HEAD = re.compile(r"[\s-]+(?:benchmarks?|datasets?|data set|corpus|corpora|suite|test set|leaderboard|Benchmarks?|Datasets?)$")


def _plural(label: str) -> str | None:
    last = label[-1:]
    if not last.isalpha() or label.endswith(("s", "S", "x", "sh", "ch")) or " " not in label and len(label) < 2:
        return None
    return label + "s"


class VocabRuler:
    def __init__(self, nlp: Language, vocab_dir: str | None = None, patterns_dir: str | None = None) -> None:
        self.vocab = load_vocabulary(vocab_dir)
        self.rules = load_rules(patterns_dir)
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.keys: dict[int, tuple[str, str, bool]] = {}  # match key -> (concept id, type, label has caps)
        tok = self.label_tokenizer = nlp.tokenizer  # replaced in build_pipeline once labels are in
        lower_pats: dict[str, list] = {}
        orth_pats: dict[str, list] = {}
        for c in self.vocab.by_id.values():
            if not c.match:
                continue
            labels = c.labels()
            if c.type in _PLURAL_TYPES:
                labels = labels + [p for p in map(_plural, labels) if p and p not in labels]
            target = orth_pats if c.case_sensitive else lower_pats
            target[c.id] = labels
        for target, matcher in ((lower_pats, self.lower), (orth_pats, self.orth)):
            for cid, labels in target.items():
                docs = list(tok.pipe(labels))
                key = f"V|{cid}"
                matcher.add(key, docs)
                c = self.vocab.by_id[cid]
                self.keys[nlp.vocab.strings[key]] = (cid, c.type, c.case_sensitive)

    def _device_context(self, st, text: str, start: int) -> bool:
        s0, s1 = st.sent_of(start)
        words = set(re.findall(r"[a-z]+", text[s0:s1].lower()))
        return bool(words & self.rules.hardware_context)

    def __call__(self, doc):
        st = doc._.kg
        text = st.text
        seen = set()
        for matcher in (self.lower, self.orth):
            for key, s, e in matcher(doc):
                cid, ctype, cs = self.keys[key]
                start = doc[s].idx
                last = doc[e - 1]
                end = last.idx + len(last.text)
                if (start, end, cid) in seen:
                    continue
                seen.add((start, end, cid))
                surface = text[start:end]
                if start > 1 and text[start - 1] == "-" and text[start - 2].isalnum() and surface.islower():
                    continue  # "X-rays": the tail of a compound word, not the concept "ray"
                if not cs and e - s == 1 and surface.islower():
                    # a capitalised single-word label written all lower-case is an
                    # ordinary word here ("adult", "spider", "falcon", "maps")
                    c = self.vocab.by_id[cid]
                    if not any(lab.islower() and " " not in lab and "-" not in lab for lab in c.labels()):
                        continue
                if ctype == "Metric" and (text[end:end + 1] == "-" and text[end + 1:end + 2].isalpha()
                                          or start > 1 and text[start - 1] == "-" and text[start - 2].isalpha()) \
                        and not _TRADE_OFF.match(text, _word_end(text, end)):
                    continue  # "cost-effective", "low-latency": an adjective, not the measure
                    # (but in "accuracy-latency trade-offs" both sides are measures)
                if ctype in ("Benchmark", "Model"):
                    h = (_BENCH_HEAD if ctype == "Benchmark" else _MODEL_HEAD).search(surface)
                    if h and h.start() > 0 and not _BENCH_HEAD.search(self.vocab.by_id[cid].label):
                        end = start + h.start()
                        surface = text[start:end]
                if ctype == "Metric" and " " in surface:
                    h = _SCORE_HEAD.search(surface)
                    if h and h.start() > 0 and self.vocab.lookup(surface[:h.start()], "Metric") == cid:
                        end = start + h.start()  # "F1 scores", "BLEU score": the measure is the name
                        surface = text[start:end]
                if ctype == "Hardware" and len(surface) <= 3 and (self.rules.hardware_not_next.match(text, end)
                                                                  or not self._device_context(st, text, start)):
                    continue  # "L2", "T4", "M2" alone are norms, cell lines, variables; "L2 norm", "L2 cache"
                st.add(Cand(start, end, ctype, "vocab", 0.9 if cs else 0.85, 50, cid=cid, text=surface))
        return doc


@Language.factory("kg_vocab_ruler", default_config={"vocab_dir": None, "patterns_dir": None})
def make_vocab_ruler(nlp: Language, name: str, vocab_dir: str | None, patterns_dir: str | None):
    return VocabRuler(nlp, vocab_dir, patterns_dir)
