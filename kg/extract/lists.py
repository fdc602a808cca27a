"""`kg_lists`: coordination spreads a type to the unknown members of a list.

In "AIME, MATH-500, GPQA and LiveCodeBench" or "Llama, Qwen, and OctoThinker", the
items whose type is known (vocabulary, definitions, shapes) agree on one type; the
other name-like items of the same list get it too.
"""

from __future__ import annotations

import json
import re
from operator import itemgetter
from pathlib import Path

from spacy.language import Language

from kg.extract.ascii_twin import ascii_ok, ascii_twin
from kg.extract.evidence import list_cue_type, load_list_cues
from kg.extract.list_heads import method_before_examples
from kg.extract.list_types import harmonise_list
from kg.extract.names import name_shaped
from kg.extract.rules import load_rules, patterns_dir
from kg.extract.state import Cand, state_of

# possessive runs (`*+`, Python 3.11): no character a run gives back could start what
# follows it (`.`, `-`, `/`, a space, a comma), so backtracking into them only wasted time
# (the same matches on the 60k corpus, the scan ~1.7x faster)
_ITEM = (
    r"[A-Za-z0-9][\w+]*+(?:\.\d++)*+(?:[-/][\w+]++(?:\.\d++)*+)*+"
    # (a version's dots only inside it: "VOT-TIR 2017. The" is no name, round 20)
    r"(?:[ ](?:v?\d\w*+(?:\.\w++)*+|[A-Z][\w\-]*+(?:\.\d++)*+)){0,2}"
)
_SEP = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)"
# items start with a word holding a capital or a digit (names); the lookahead fails fast
_LIST = re.compile(rf"(?<![\w.-])(?=[a-z]*+[A-Z0-9]){_ITEM}(?:{_SEP}{_ITEM})+")
# the same lists found from the character before them (group 1): a pattern that opens on a
# character class lets re skip in C to the few characters in it (spaces, brackets,
# punctuation) instead of trying the pattern at every position; the class is written
# without \w, which re tests through the Unicode tables at every character, and the
# look-behind (`\W`) then refuses a non-ASCII letter (~30% fewer instructions in all)
_LIST_AFTER = re.compile(rf"[^0-9A-Za-z_.\-](?<=\W)(?=[a-z]*+[A-Z0-9])({_ITEM}(?:{_SEP}{_ITEM})+)")
# (an ASCII text's scan tests `\w` and `\W` by table: `ascii_twin`)
_LIST_AFTER_ASCII = ascii_twin(_LIST_AFTER)
_SPLIT = re.compile(_SEP)
# "3DLoMatch", "12Scenes", "3D-Curb": a name that starts with a digit (not "3D", "2 models")
_DIGIT_NAME = re.compile(
    r"\d+[A-Za-z]*[A-Z][a-z][\w\-]*|\d+[A-Z]{1,2}-[A-Z][\w\-]*|\d+[A-Z]{2,}[\w\-]*"
)
_TRUSTED = {
    "vocab",
    "definition",
    "family_variant",
    "model_shape",
    "benchmark_suffix",
    "benchmark_head",
    "hardware_shape",
    "metric_shape",
}


# "on" / "across" (the) right before a list, or before a plural noun and a parenthesis
# ("across three diverse scenarios (A, B, and C)"): where a result sentence names its
# data (14)
_ON_BEFORE = re.compile(
    r"(?<![\w-])(?:on|across)\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,4}[a-z][\w-]*s\s+\()?$"
)
# a result or evaluation in the sentence before the list
_RESULT_BEFORE = re.compile(
    r"\d\s?%|(?<![\w-])(?:evaluat|experiment|benchmark|test|outperform|surpass|achiev)",
    re.IGNORECASE,
)


def _evaluated_on(st, text: str, start: int) -> bool:
    """Is a list of names at `start` the data of a result or evaluation: "... on A, B
    and C" after a number with % or an evaluation word in the same sentence?"""
    before = text[max(0, start - 60) : start]
    if not before.endswith(("on ", "across ", "the ", "(")):
        return False  # (a suffix test first: most lists follow none of these)
    if ("on " not in before and "across " not in before) or not _ON_BEFORE.search(before):
        return False
    s0 = st.sent_of(start)[0]
    return _RESULT_BEFORE.search(text, s0, start) is not None


def list_spans(text: str) -> list[tuple[int, int]]:
    """The spans of `_LIST.finditer(text)`. A list at 0 has no character before it; any
    other starts right after a character that its look-behind allows, which
    `_LIST_AFTER` consumes. After a list that ends at `e` the next cannot start at `e`
    (its last character is a word character, "." or "-", which the look-behind refuses,
    or a "+" of a run that would have taken a letter after it), so consuming the
    character at `e` loses no match."""
    first = _LIST.match(text)
    out = [first.span()] if first else []
    scan = _LIST_AFTER_ASCII if ascii_ok(text) else _LIST_AFTER
    out.extend(m.span(1) for m in scan.finditer(text, first.end() if first else 0))
    return out


# an item after a bare comma that opens with a comparing participle starts a clause, not
# an item: "on TabiBench, outperforming BERTurk", "on A, surpassing B" (not "including",
# "rolling XGBoost": items) (20)
_CLAUSE_ITEM = re.compile(
    r"(?:outperform|surpass|exceed|beat|rival|outpac|overtak|trail|compar)(?:ing|ed)\s"
)
_BARE_COMMA_BEFORE = re.compile(r",\s*\Z")
_JOINED = re.compile(r"\s(?:and|or)\s|&")


def _sentence_openers(directory) -> frozenset:
    """Capitalised prepositions that open a sentence before a list ("Across SVT,
    SCUT-CTW1500, and CUTE80 at x4, ..."): not part of the first item's name."""
    d = Path(directory) if directory else patterns_dir()
    stop = json.loads((d / "stoplist.json").read_text(encoding="utf-8"))
    return frozenset(stop.get("list_openers", []))


class Lists:
    def __init__(self, patterns_dir=None) -> None:
        self.rules = load_rules(patterns_dir)
        self.cues = load_list_cues(patterns_dir)
        self.openers = _sentence_openers(patterns_dir)

    def __call__(self, doc):
        st = state_of(doc)
        text = st.text
        rules = self.rules
        by_span: dict[tuple[int, int], list[Cand]] = {}
        for c in st.cands:
            by_span.setdefault((c.start, c.end), []).append(c)
        sent_starts = {s for s, _ in st.sents}
        trusted = [(c.start, c.end) for c in st.cands if c.source in _TRUSTED]
        for m_start, m_end in list_spans(text):
            items = []
            pos = m_start
            for sep in _SPLIT.finditer(text, m_start, m_end):
                items.append((pos, sep.start()))
                pos = sep.end()
            items.append((pos, m_end))
            if len(items) < 2:
                continue
            known: dict[str, int] = {}  # type -> known items (a dict: no Counter per list)
            unknown = []
            trimmed = []
            # "Across A, B, and C, X improves": an opening preposition is cut from the first
            # item only in a list joined by and/or ("On A, X prunes": no list, a subject)
            openers = self.openers if _JOINED.search(text, m_start, m_end) else frozenset()
            for s, e in items:
                while e > s and text[e - 1] in ".":
                    e -= 1
                if (
                    trimmed
                    and _CLAUSE_ITEM.match(text, s)
                    and _BARE_COMMA_BEFORE.search(text, max(0, s - 4), s)
                ):
                    break  # "77.58 on TabiBench, outperforming BERTurk by 1.62": a clause (20)
                # "using Llama-3-8B": leading plain lower-case words are not part of the item
                while True:
                    sp = text.find(" ", s, e)
                    w = text[s:sp] if sp > 0 else None
                    if w is None or not (
                        (w.islower() and not name_shaped(w, rules)) or w in openers
                    ):
                        break
                    s = sp + 1
                if (
                    text[s : s + 1].isdigit() and not _DIGIT_NAME.fullmatch(text, s, e)
                ) or e - s < 2:
                    continue
                trimmed.append((s, e))
            # the known names overlapping this list (items are inside it): checked per item
            near = [(a, b) for a, b in trusted if a < m_end and m_start < b]
            typed: list[tuple[int, int, str, bool]] = []
            for s, e in trimmed:
                if any(a < e and s < b and (a, b) != (s, e) for a, b in near):
                    continue  # overlaps a known name: not an unknown item
                cs = [c for c in by_span.get((s, e), []) if c.source in _TRUSTED]
                if cs:
                    best = max(cs, key=lambda c: c.prio)
                    t = best.type
                    known[t] = known.get(t, 0) + 1
                    typed.append((s, e, t, best.source == "vocab"))
                elif not by_span.get((s, e)) or all(
                    c.source == "benchmark_list" for c in by_span.get((s, e), [])
                ):
                    unknown.append((s, e))
            if len(known) > 1:
                harmonise_list(st, typed)  # "(ResNet, SegFormer, and MAE)": Models (17)
            if trimmed and self._cued(st, text, trimmed, by_span, near, sent_starts, bool(known)):
                continue  # typed by its cue noun
            fallback = (
                []
                if known
                else [
                    (s, e)
                    for s, e in trimmed
                    if (s, e) not in unknown
                    and by_span.get((s, e))
                    and all(c.source == "unknown_name" for c in by_span[(s, e)])
                ]
            )
            if not known and len(unknown) + len(fallback) >= 2 and _evaluated_on(st, text, m_start):
                # "improvements of 23% and 67% over X on 1D-ARC, ACRE, and MiniSCAN" (14)
                for s, e in unknown + fallback:
                    word = text[s:e]
                    if word in rules.not_names or not all(
                        name_shaped(w, rules) for w in word.split()
                    ):
                        continue
                    st.add(Cand(s, e, "Benchmark", "list", 0.5, 38, tconf=1))
                continue
            if not known or not unknown:
                continue
            etype, n = max(known.items(), key=itemgetter(1))  # (`most_common(1)`: the first)
            if n < sum(known.values()) * 2 / 3 or etype == "Metric":
                continue
            for s, e in unknown:
                word = text[s:e]
                if word.islower() and not name_shaped(word, rules):
                    continue
                first = word.split()[0]
                if first in rules.not_names or word in rules.not_names:
                    continue
                shaped = any(name_shaped(w, rules) for w in word.split())
                if not shaped and not (
                    word[:1].isupper()
                    and s not in sent_starts
                    and " " not in word
                    and n >= 2
                    and s >= st.title_len
                ):
                    # a plain capitalised word needs two known neighbours, outside the title
                    continue
                st.add(Cand(s, e, etype, "list", 0.55 if shaped else 0.45, 38, tconf=1))
        return doc

    def _cued(self, st, text, items, by_span, trusted, sent_starts, any_known: bool) -> bool:
        """A list right after a cue ("debiasing methods A, B and C", "attacks (A, B)",
        "outperforms A and B"): its unknown name-like items take the cue's type, and a
        short vocabulary alias in it whose type disagrees with a cue noun takes the
        noun's (an ambiguous acronym read from its context)."""
        etype, noun = list_cue_type(text, items[0][0], self.cues)
        if etype is None and method_before_examples(st, text, items[0][0]):
            etype = "Method"  # "dataset distillation such as A, B, C" (16)
        if etype is None or (any_known and not noun):
            return False
        rules = self.rules
        if len(items) > 2:
            # "such as A, B, C, D consistently outperforms": with no "and"/"or" before it,
            # the last item may start the next clause
            gap = text[items[-2][1] : items[-1][0]]
            if " and " not in f" {gap} " and " or " not in f" {gap} " and "&" not in gap:
                nxt = text[items[-1][1] : items[-1][1] + 2]
                if nxt[:1] == " " and nxt[1:].islower():
                    items = items[:-1]
        for s, e in items:
            cs = by_span.get((s, e), [])
            word = text[s:e]
            if any(c.source == "vocab" for c in cs):
                if (
                    noun
                    and e - s <= self.cues.short_alias_max
                    and word.isupper()
                    and all(c.type != etype for c in cs)
                    and not any(c.source == "definition" for c in cs)
                ):
                    st.add(Cand(s, e, etype, "list", 0.6, 51, tconf=4))
                continue
            if cs and not all(c.source == "benchmark_list" for c in cs):
                continue
            words = word.split()
            if any(a < e and s < b for a, b in trusted):
                # "debiasing methods Counterfactual Data Augmentation, ...": a known name
                # inside a longer Title-Case item is part of the item's name
                if (
                    noun
                    and len(words) > 1
                    and all(w[:1].isupper() for w in words)
                    and all(s <= a and b <= e for a, b in trusted if a < e and s < b)
                    and s not in sent_starts
                ):
                    st.add(Cand(s, e, etype, "list", 0.5, 38, tconf=2))
                continue
            if words[0] in rules.not_names or word in rules.not_names:
                continue
            shaped = any(name_shaped(w, rules) for w in words)
            if not shaped and not (
                noun and word[:1].isupper() and s not in sent_starts and s >= st.title_len
            ):
                continue
            if not noun and not shaped:
                continue
            st.add(Cand(s, e, etype, "list", 0.55 if shaped else 0.45, 38, tconf=2))
        return noun


@Language.factory("kg_lists", default_config={"patterns_dir": None})
def make_lists(nlp: Language, name: str, patterns_dir):
    return Lists(patterns_dir)
