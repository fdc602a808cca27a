"""`kg_shapes`: names recognised by their shape.

Models: a vocabulary model (family) followed by version, size and variant chunks
(`Llama` + ` 3.2 1B`, `Qwen2.5` + `-Math-7B`, `DeepSeek-R1` + `-Distill-LLaMA-8B`)
becomes a variant whose `broader` is the family; an unknown capitalised name with a
parameter count (`Foo-7B`, `KO-REAson-35B`) or a model-like ending (`FooLM-2`,
`SciBERT`) is a model. Hardware: device shapes from ontology/patterns/hardware.json.
Metrics: `X@k` shapes (`pass@1`, `Recall@10`).
"""

from __future__ import annotations

import re
from typing import cast

from spacy.language import Language

from kg.extract.evidence import (
    frame_measures,
    hyphen_tail,
    load_metric_evidence,
    method_left_extension,
    metric_left_modifiers,
    metric_phrases,
)
from kg.extract.metric_change_nouns import noun_changed_measures
from kg.extract.metric_changes import changed_measures
from kg.extract.metric_comparisons import compared_measures
from kg.extract.metric_spans import noun_chain_start
from kg.extract.metric_titles import titled_value_measures
from kg.extract.model_sizes import coordinated_sizes
from kg.extract.rules import Rules, load_rules
from kg.extract.state import Cand, DocState, state_of
from kg.extract.typing_rules import appositive_over, appositive_type
from kg.extract.values import find_values
from kg.extract.vocab import load_vocabulary

# "of" right before a value (the whitespace before "of" is part of the name pattern)
# (a literal first: the scan runs as a C string search)
_OF_VALUE = re.compile(
    r"of(?<=\sof)\s+(?:(?:about|around|nearly|roughly|approximately|over|only|up\s+to)\s+)?(?=[+\-−]?\d)"
)
_CHUNK = re.compile(r"[A-Za-z0-9][A-Za-z0-9.]*[A-Za-z0-9+]|[A-Za-z0-9]")
_VERSIONISH = re.compile(
    r"(?:v?\d+(?:\.\d+)*[a-z]{0,2}|\d+(?:\.\d+)?[BMKT](?:-A\d+(?:\.\d+)?B)?|\d+x\d+(?:\.\d+)?B|[A-Z]\d+(?:\.\d+)?[A-Za-z]{0,2}|V\d+(?:\.\d+)?)$"
)
_LOWER_WORD = re.compile(r"[a-z]+")
# a name-shaped word (a capital after its first letter, or an acronym) right after a
# percentage and before punctuation or a function word: "88.0% segQ on", "61% KSR," (13)
# (28m) not the symbol of a spread or interval ("95% CI: 3.1-3.4"): a spread is no value
# (GUIDELINES), as for metrics.json equals_value
_PCT_NAME = re.compile(
    r" (?!(?:CIs?|SD|STD|IQR)\b)"
    r"([A-Za-z][a-z]*[A-Z][\w\-@]*)(?=[,.;:)]|$| (?:and|or|on|in|at|with|while|over|for|"
    r"compared|versus|vs|across|of|to|from|than|under|when|respectively)(?![\w-]))"
)
# a parenthesised list after a metrics noun, and after "and <word>" a second one
# ("utility (A, B) and cost (C, D)")
_PAREN_LIST = re.compile(r"(?:\s+and\s+[a-z][\w-]*)?\s*\(([^()]{2,200})\)")
_LIST_SEP = re.compile(r"\s*(?:[,;]\s*(?:(?:and|or)\s+)?|\s(?:and|or)\s+)")


def _list_items(body: str) -> list[tuple[int, int]]:
    """(start, end) of the items of "A, B, and C" / "A and B" inside `body`."""
    out, pos = [], 0
    for sep in [*_LIST_SEP.finditer(body), None]:
        end = sep.start() if sep else len(body)
        a, b = pos, end
        while a < b and body[a].isspace():
            a += 1
        while b > a and body[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
        pos = sep.end() if sep else len(body)
    return out


_NAME_DIGITS = re.compile(r"[A-Za-z][\w]*[-@]\w*\d|[A-Z]\w*\d")


def _pct_ends(text: str):
    r"""(start, end) of each "%" after a digit, with one space between allowed ("5 %" starts
    at the space): `(?<=\d)\s?%` found with str.find instead of a regex tried everywhere."""
    i = text.find("%")
    while i >= 0:
        if i and text[i - 1].isdecimal():
            yield i, i + 1
        elif i > 1 and text[i - 1].isspace() and text[i - 2].isdecimal():
            yield i - 1, i + 1
        i = text.find("%", i + 1)


# a value alone in parentheses: "(71.4)", "(71%)"
_PAREN_VALUE = re.compile(r"\((?=[+\-−]?\d[\d.]*\s*%?\))")


_PREV_WORD = re.compile(r"(?<![\w-])([A-Za-z][\w\-]*|[234]D) $")
_NEXT_WORD = re.compile(r" ([a-z]+)(?![\w-])")
_SIZE = re.compile(r"\d+(?:\.\d+)?[BM]$")
_SIZE_BEFORE = re.compile(r"(?<![\w.])\d+(?:\.\d+)?[BM] $")
_ALNUM_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_SIZED_MODEL = re.compile(
    r"(?<![\w.@/-])([A-Z][A-Za-z0-9.]*|[a-z]+[A-Z][A-Za-z0-9.]*)("
    r"(?:-[A-Za-z0-9][A-Za-z0-9.]*)*)[- ](\d+(?:\.\d+)?[BM])(?![\w])"
)

# a size after its separator: every `_SIZED_MODEL` match ends with one (its group 3)
_SEP_SIZE = re.compile(r"[- ]\d+(?:\.\d+)?[BM](?![\w])")


def sized_model_matches(text: str):
    """`_SIZED_MODEL.finditer(text)`, scanning only around the sizes: a match is a run of
    non-space characters, a separator ("-" or one space) and the size, so it lies between
    the start of the space-free chunk before the size's separator and the end of the
    size's chunk. Those regions (merged where they touch) are scanned as the whole text
    would be: no match crosses a region's start (the character before it is a space the
    match cannot hold: its one space is the separator right before a size, and that
    size's own region starts earlier), and each region ends on a space or the text's end,
    which the closing look-ahead treats alike. The name alternation (`[a-z]+[A-Z]...`,
    tried from every lower-case letter of every word) cost ~120 us per abstract with a
    size."""
    regions: list[list[int]] = []
    for h in _SEP_SIZE.finditer(text):
        a = h.start()
        while a > 0 and not text[a - 1].isspace():
            a -= 1
        b = h.end()
        while b < len(text) and not text[b].isspace():
            b += 1
        if regions and a <= regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], b)
        else:
            regions.append([a, b])
    for a, b in regions:
        yield from _SIZED_MODEL.finditer(text, a, b)


# a number written after a space with two or more decimals, or two or more digits before
# its point, is a reported score, not a version ("FLUX.1 [Dev] 83.84", "GPT4o 0.522")
_SCORE = re.compile(r"\d+\.\d{2,}|\d{2,}\.\d+")


def extend_model(text: str, end: int, rules: Rules, limit: int | None = None) -> int:
    """Extend a model name ending at `end` over version/size/variant chunks."""
    n = limit if limit is not None else len(text)
    pos = end
    while pos < n - 1:
        sep = text[pos]
        if sep not in " -_/":
            break
        m = _CHUNK.match(text, pos + 1)
        if not m or m.end() > n:
            break
        w = m.group()
        w_clean = w.rstrip(".")
        if text.startswith(("%", " %"), m.end()):
            break  # "GPT-5 97.8%": a score reported after the name, not its version
        if sep == " " and _SCORE.fullmatch(w_clean):
            break  # "GPT4o 0.522", "OmniGen 5.06": a score; versions are "3.1", "2.5" (19)
        ok = False
        if _VERSIONISH.match(w_clean):
            ok = True
        elif sep == "/":
            ok = False
        elif w_clean in rules.variant_words:
            ok = True
        elif (
            sep in "-_"
            and w_clean[:1].isupper()
            and w_clean not in rules.hyphen_stop
            and w_clean not in rules.not_names
        ):
            ok = True
        if not ok:
            break
        if sep == " " and not (
            w_clean[:1].isdigit()
            or _VERSIONISH.match(w_clean)
            or (w_clean in rules.variant_words and w_clean[:1].isupper())
        ):
            break
        pos = pos + 1 + len(w_clean)
    return pos


def _has_size(text: str) -> bool:
    r"""Does `re.search(r"\d[BM](?![\w])", text)` match (a size such as "7B" or "125M";
    without one there is no sized model)? Found from the few B and M characters: ~4x
    faster than the regex, which tries every position. (`\d` is `str.isdecimal`, `\w`
    `str.isalnum` or "_", as re defines them for str patterns.)"""
    for letter in "BM":
        i = text.find(letter, 1)
        while i > 0:
            after = text[i + 1 : i + 2]
            if text[i - 1].isdecimal() and not (after.isalnum() or after == "_"):
                return True
            i = text.find(letter, i + 1)
    return False


class Shapes:
    def __init__(self, vocab_dir=None, patterns_dir=None) -> None:
        self.vocab = load_vocabulary(vocab_dir)
        self.rules = load_rules(patterns_dir)
        self.metric_evidence = load_metric_evidence(patterns_dir)
        self.patterns_dir = patterns_dir
        # a capitalised word ending in a model-name ending ("RoBERTa", "CodeLlama"), in
        # one scan: testing every capitalised word in Python cost ~10x more
        self._ending_model = re.compile(
            rf"(?=[A-Z])(?<![\w.@/-])([A-Za-z0-9]*(?:{self.rules.model_endings_re.pattern[:-1]}))(?![\w])"
        )
        # the endings alone: alternatives that start with literals, which re scans for in C
        self._ending = re.compile(rf"(?:{self.rules.model_endings_re.pattern[:-1]})(?![\w])")

    def _ending_starts(self, text: str) -> list[int]:
        """Where `_ending_model` can match, found from the (rare) endings backwards: a
        match can only start where the letters and digits before an ending begin (its
        lookbehind fails inside a word), so each ending is walked back to its run's start;
        `DocState._matches_at` then matches there (~3x faster than `finditer`)."""
        starts = []
        for e in self._ending.finditer(text):
            i = e.start()
            while i > 0 and text[i - 1] in _ALNUM_CHARS:
                i -= 1
            starts.append(i)
        return starts

    def _models(self, st: DocState, text: str) -> None:
        rules = self.rules
        vocab_models = [c for c in st.cands if c.type == "Model" and c.source == "vocab"]
        said: dict[str, str | None] | None = None  # variant name -> its appositive's type
        for c in vocab_models:
            limit = st.title_len if c.end <= st.title_len else len(text)
            e = extend_model(text, c.end, rules, limit)
            s = c.start
            m = _SIZE_BEFORE.search(text, max(0, s - 12), s)
            if m and (s >= st.title_len or m.start() < st.title_len):
                s = m.start()  # "7B Llama-2", "1.3B OPT": the size written first
            if e > c.end or s < c.start:
                t = said.get(text[s:e], "") if said is not None else ""
                if t == "":
                    said = said if said is not None else {}
                    t = said[text[s:e]] = appositive_over(text, text[s:e], rules)
                if t in ("Method", "Benchmark"):
                    # "YOLO-Zed, a real-time detection framework": not a model of the family
                    st.add(Cand(s, e, t, "family_variant", 0.8, 58))
                    continue
                st.add(Cand(s, e, "Model", "family_variant", 0.8, 58, broader=[c.cid]))
        sized = _has_size(text)
        for m in sized_model_matches(text) if sized else ():
            base = m.group(1)
            if base in rules.not_names or base.lower() in (
                "a",
                "an",
                "the",
                "our",
                "with",
                "of",
                "and",
                "to",
                "up",
            ):
                continue
            if not (
                any(map(str.isupper, base[1:]))
                or any(map(str.isdigit, base))
                or m.group(2)
                or text[m.end(1)] == "-"
            ):
                continue
            limit = st.title_len if m.end() <= st.title_len else len(text)
            e = extend_model(text, m.end(), rules, limit)
            t = said.get(text[m.start() : e], "") if said is not None else ""
            if t == "":
                said = said if said is not None else {}
                t = said[text[m.start() : e]] = appositive_over(text, text[m.start() : e], rules)
            # "Zorb-150M, a refined dataset": a sized name the paper says is data
            st.add(Cand(m.start(), e, t if t == "Benchmark" else "Model", "model_shape", 0.7, 45))
        for m in st._matches_at(self._ending_model, self._ending_starts(text)):
            w = m.group(1)
            if (
                len(w) < 4
                or w in rules.not_names
                or not any(ch.islower() or ch.isdigit() for ch in w[1:])
            ):
                continue
            if not any(map(str.isupper, w[1:])):
                continue
            limit = st.title_len if m.end() <= st.title_len else len(text)
            e = extend_model(text, m.end(), rules, limit)
            # a model-like ending is weak evidence: "AceCoder, a method that ..." (16t)
            t = appositive_type(text, e, rules) if text.startswith((",", " (", " is"), e) else None
            if t is None and e == m.end() and w.endswith(rules.design_endings):
                # "StreamMapNet", "KANFormer": an architecture's name, a Method (GUIDELINES:
                # designs are Methods, downloadable networks Models); "ResNet-50" is sized
                t = "Method"
            st.add(Cand(m.start(), e, t or "Model", "model_shape", 0.6, 40))
        if sized:
            coordinated_sizes(st, text)  # "Llama-3 3B and 8B models" (16)

    def _hardware(self, st: DocState, text: str) -> None:
        rules = self.rules
        # the device alternation is costly over a whole text: scan only windows around
        # the trigger hits (a device name starts at most ~30 chars before its trigger,
        # "NVIDIA Tesla V100", and ends within ~60 after it)
        windows: list[list[int]] = []
        for t in rules.hardware_trigger.finditer(text):
            lo, hi = max(0, t.start() - 40), text.find(" ", t.end() + 80)  # never cut a word: the
            if hi < 0:  # shapes' closing lookaheads cannot see past the window's end
                hi = len(text)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = hi
            else:
                windows.append([lo, hi])
        if not windows:
            return
        low = None
        for m in (m for lo, hi in windows for m in rules.hardware.finditer(text, lo, hi)):
            g = cast(str, m.lastgroup)  # every alternative is a named group
            if rules.hardware_needs_context[g]:
                if m.end(g) - m.start(g) <= 3 and rules.hardware_not_next.match(text, m.end(g)):
                    continue  # "L4 norm", "M2 macrophages"
                s, e = st.sent_of(m.start())
                if low is None:
                    low = text.lower()
                sent_words = set(_LOWER_WORD.findall(low, s, e))
                if not (sent_words & rules.hardware_context):
                    continue
            st.add(Cand(m.start(g), m.end(g), "Hardware", "hardware_shape", 0.85, 52))

    def _metrics(self, st: DocState, text: str) -> None:
        rules = self.rules
        for m in rules.at_k_re.finditer(text) if "@" in text else ():
            st.add(Cand(m.start(), m.end(), "Metric", "metric_shape", 0.8, 45))
        for m in rules.metric_equals_re.finditer(text) if "=" in text else ():
            # "PLQ=12%", "AUC = 0.91": an acronym set equal to a reported value (13)
            st.add(Cand(m.start(1), m.end(1), "Metric", "metric_shape", 0.7, 44))
        # compounds around a vocabulary metric: "tie-adjusted win rates", "task accuracy",
        # "perplexity ratio"
        for c in [c for c in st.cands if c.type == "Metric" and c.source == "vocab"]:
            s, e = c.start, c.end
            prev = _PREV_WORD.search(text, max(0, s - 40), s)
            if prev:
                w = prev.group(1)
                lw = w.lower()
                if (
                    lw in rules.metric_modifier_ok
                    or (
                        # "mean F-Score", "mean angular error"; not "mean speedup" (29)
                        w in rules.metric_name_prefixes and (" " in c.text or not c.text.islower())
                    )
                    or (
                        "-" in w
                        and lw not in rules.metric_no_modifier
                        and lw.split("-", 1)[0] not in rules.metric_hyphen_no_first
                        and not lw.endswith(rules.adjectival_suffixes)
                        and w.islower()
                    )
                ):
                    s = prev.start(1)
            if s == c.start and c.text.islower():
                # "pose accuracy", "target cost", "3D tracking accuracy" (16t)
                s = metric_left_modifiers(text, s, rules, self.metric_evidence)
                if s != c.start:  # (24m) nouns: "an increase in store visit prediction accuracy"
                    s = noun_chain_start(
                        text, s, rules, self.metric_evidence, rules.noun_chain_before
                    )
            nxt = _NEXT_WORD.match(text, e)
            if nxt and nxt.group(1).lower() in rules.metric_right_heads:
                e = nxt.end(1)
            if (s, e) != (c.start, c.end):
                st.add(Cand(s, e, "Metric", "metric_compound", 0.7, 51, cid=None))
        # (16t) a measure named in a comparison: the comparison cue is the evidence that it
        # is reported, right before it (12) or before an "in" ("reductions in memory and
        # training time", 13), so it is measured whatever it names
        for s, e, _direct in metric_phrases(st, text, self.metric_evidence, rules):
            st.add(Cand(s, e, "Metric", "metric_cue", 0.65, 50, cid=None))
        for s, e in frame_measures(st, text, self.metric_evidence, rules):  # (13)
            st.add(Cand(s, e, "Metric", "metric_cue", 0.65, 50, cid=None))
        for s, e in changed_measures(  # "raises the appearance score from 3.4 to 3.7" (17)
            st, text, rules, self.metric_evidence, self.patterns_dir
        ):
            st.add(Cand(s, e, "Metric", "metric_cue", 0.65, 50, cid=None))
        self._value_frames(st, text)
        # "lower intended-behavior rates than oracle MONA" (28m)
        for s, e in compared_measures(text, st.abstract_start, rules):
            st.add(Cand(s, e, "Metric", "metric_cue", 0.65, 50, cid=None))
        # "94% Kappa Score", "the Davies-Bouldin Index from 3.86 to 1.82" (28m)
        for s, e in titled_value_measures(text, st.abstract_start, rules):
            st.add(Cand(s, e, "Metric", "metric_value", 0.7, 49))
        # "a 31% reduction in prediction set size" (29)
        for s, e in noun_changed_measures(st, text, rules, self.metric_evidence, self.patterns_dir):
            st.add(Cand(s, e, "Metric", "metric_cue", 0.65, 50, cid=None))
        if "(" in text:
            self._listed_measures(st, text)

    def _listed_measures(self, st: DocState, text: str) -> None:
        """ "using overlap metrics (BLEU, chrF)", "a two-part evaluation framework
        (plot coherence and character drift)": the items of a
        parenthesised list right after a metrics noun are measures (metrics.json
        list_cues; 13)."""
        rules = self.rules
        for m in st.finditer_words(rules.metric_list_cue_re, rules.metric_list_cue_first):
            pos = m.end()
            for _ in range(3):
                p = _PAREN_LIST.match(text, pos)
                if not p:
                    break
                a = p.start(1)
                items = _list_items(p.group(1))
                names = [p.group(1)[i:j] for i, j in items]
                if not names or any(
                    len(n.split()) > 4
                    or n.lower().startswith(("e.g", "i.e", "see "))
                    or any(map(str.isdigit, n))
                    and not _NAME_DIGITS.search(n)
                    for n in names
                ):
                    break  # "(Smith, 2024)", "(40% of cases)", "(e.g., ...)": no list of measures
                for i, j in items:
                    # above a family variant ("CLIP-IQA" in "perceptual metrics (MUSIQ,
                    # CLIP-IQA)"): the list says what its items are (24m)
                    st.add(Cand(a + i, a + j, "Metric", "metric_cue", 0.65, 59))
                pos = p.end()

    def _value_frames(self, st: DocState, text: str) -> None:
        """Measures named where a value is reported for them: "a pairwise agreement rate of
        71%", "achieves 3.1 decoding efficiency" (vocabulary-free; metrics.json)."""
        rules = self.rules
        for m in _OF_VALUE.finditer(text):
            vals = find_values(text, m.end(), min(len(text), m.end() + 30))
            if not vals or vals[0].start != m.end():
                continue
            n = rules.metric_value_before_re.search(text, max(0, m.start() - 80), m.end())
            if n:
                st.add(Cand(n.start("name"), n.end("name"), "Metric", "metric_value", 0.7, 49))
        if " (" in text:
            for p in _PAREN_VALUE.finditer(text):
                n = rules.metric_value_paren_re.search(text, max(0, p.start() - 90), p.start())
                if n:
                    st.add(Cand(n.start("name"), n.end("name"), "Metric", "metric_value", 0.7, 49))
        if "%" in text:
            # "with only 6.2% behavioural model error": a percentage written right
            # before a measure's name reports a value for it, whatever verb comes before (13)
            for pc_start, pc_end in _pct_ends(text):
                after = rules.metric_value_after_re.match(text, pc_end)
                shaped = _PCT_NAME.match(text, pc_end)
                if not (after or shaped):
                    continue  # (checked first: reading the value costs more)
                # the value ending at this "%" (values are read in a short window)
                v = next(
                    (
                        v
                        for v in find_values(text, max(0, pc_start - 24), pc_end)
                        if v.unit == "%" and v.end == pc_end
                    ),
                    None,
                )
                if v is None:
                    continue
                if after:
                    st.add(
                        Cand(
                            after.start("name"),
                            after.end("name"),
                            "Metric",
                            "metric_value",
                            0.7,
                            49,
                        )
                    )
                if shaped:  # "88.0% segQ on B": a name-shaped word right after a percentage
                    st.add(Cand(shaped.start(1), shaped.end(1), "Metric", "metric_shape", 0.7, 47))
        for m in st.finditer_words(rules.metric_value_verb_re, rules.metric_value_verb_first):
            vals = find_values(text, m.end(), min(len(text), m.end() + 30))
            if not vals or vals[0].start != m.end():
                continue
            n = rules.metric_value_after_re.match(text, vals[0].end)
            if n:
                st.add(Cand(n.start("name"), n.end("name"), "Metric", "metric_value", 0.7, 49))

    def _named_variants(self, st: DocState, text: str) -> None:
        """A vocabulary benchmark joined by hyphens to more capitalised chunks
        ("MMLU-ProX-Lite") names a more specific variant; so does a known method with capitalised
        words before it (16t)."""
        for c in [
            c for c in st.cands if c.source == "vocab" and c.type == "Benchmark" and "-" in text
        ]:
            e = hyphen_tail(text, c.end, self.rules)
            if e > c.end:
                st.add(Cand(c.start, e, "Benchmark", "benchmark_suffix", 0.75, 57))
        # a known method inside a longer name: "Weighted Focal Loss" (in the abstract: a
        # title capitalises every word)
        spans = None
        for c in [c for c in st.cands if c.source == "vocab" and c.type == "Method"]:
            if c.start < st.title_len:
                continue
            s = method_left_extension(text, c.start, st.sent_of(c.start)[0], self.rules)
            if s < c.start:
                if spans is None:
                    spans = [(x.start, x.end) for x in st.cands]
                if any(a < c.start and s < b for a, b in spans if (a, b) != (c.start, c.end)):
                    continue  # the words before belong to another name
                st.add(Cand(s, c.end, "Method", "family_variant", 0.7, 57, broader=[c.cid]))

    def __call__(self, doc):
        st = state_of(doc)
        text = st.text
        self._named_variants(st, text)
        self._models(st, text)
        self._hardware(st, text)
        self._metrics(st, text)
        return doc


@Language.factory("kg_shapes", default_config={"vocab_dir": None, "patterns_dir": None})
def make_shapes(nlp: Language, name: str, vocab_dir, patterns_dir):
    return Shapes(vocab_dir, patterns_dir)
