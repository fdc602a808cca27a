"""`kg_proposals`: names the paper introduces.

Rules: a proposal cue ("we propose / introduce / present / release X", "this paper
presents X"), optionally through a described head ("a new benchmark, X", "a method
called X", "a novel ... method (X)"); a naming cue anywhere in a cue sentence ("dubbed
X"); the title's leading name ("X: ..."). The name's type comes from the head noun, an
appositive ("X, a benchmark for"), the vocabulary, or the subtitle ("X: A Family of
Open LLMs"), and defaults to Method.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from spacy.language import Language

from kg.extract.acronyms import best_long_form, is_acronym
from kg.extract.bare_concepts import bare_coined_concept
from kg.extract.evidence import context_type, shape_type
from kg.extract.introduced import (
    acronym_collision,
    introduced_names,
    load_introduced_rules,
    mined_but_introduced,
    version_type,
)
from kg.extract.lower_components import load_component_rules, lower_components
from kg.extract.names import NAME_WORD, find_word, is_quantity, name_shaped, scan_name, words_at
from kg.extract.normalise import match_key
from kg.extract.proposal_lists import listed_definitions, load_list_rules
from kg.extract.rules import Rules, _alt, load_rules, patterns_dir
from kg.extract.state import DocState, cue_words, state_of
from kg.extract.title_defined import title_defined
from kg.extract.typing_rules import appositive_type, following_head_type, head_type, infer_type
from kg.extract.vocab import load_vocabulary

_LATEX = re.compile(r"\$?\\[a-zA-Z]+\{([^{}]*)\}\$?")
_ENUM_ITEM = re.compile(r"\((?:\d|i{1,3}|iv|v|[a-e])\)\s*")
_OBJECT_END = frozenset(
    "that which to for with by where in on via and from using through of".split()
)
_HEX = re.compile(r"x[0-9a-fA-F]{4}$")
_SUBTITLE_STOP = frozenset(
    "for via with in on through to from by using under against without at towards toward "
    "and".split()
)
# "X: Evaluating ...", "X: Benchmarking ...": a title name the subtitle says measures things
_EVALUATING = frozenset("evaluating benchmarking assessing measuring".split())
_BENCHMARK_WORD = re.compile(r"(?<![\w-])benchmark(?![\w-])", re.IGNORECASE)
_MEASURE_LAST = frozenset("Score Scores Metric Index Law".split())  # "TIT-Score"
_OF_OK = frozenset("family suite series set collection".split())
_ITEM_SEP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)")
_AND_ONE = re.compile(r" (?:and|or) ")
# "..., and UniTok-FM, a ...", "..., together with IOSVQA, a ... dataset" (15)
_AND_NEXT = re.compile(
    r",?\s+(?:and|together\s+with|along\s+with|as\s+well\s+as)\s+(?:the\s+|our\s+)?(?=[A-Z0-9])"
)
_CAP_WORD = re.compile(r"(?<![\w\-.])[A-Z][\w\-+.]*[A-Za-z0-9]")
_APPOS_AFTER = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?,\s+(?:a|an)\s")
# "a Full-View Mamba (FVM)": a Title-Case phrase defining an acronym (function words inside)
_DEFINED = (
    r"(?P<name>[A-Z][\w\-]*(?:\s+(?:(?:of|and|for|with|to|in|on)\s+)?[A-Z][\w\-]*){1,5})"
    r"\s*\((?P<short>[^()\s,;]{2,12})\)"
)
_ARTICLE_DEFINED = re.compile(r"(?:an?|the)\s+(?:(?:novel|new)\s+)?" + _DEFINED)
_BARE_DEFINED = re.compile(r"(?:(?:an?|the)\s+)?(?:(?:novel|new)\s+)?" + _DEFINED)
_DEFINED_RE = re.compile(_DEFINED)
# "X incorporates A (AA) and B (BB)": parts of the paper's own method, named and defined
_PART_VERB_PHRASES = (
    "incorporates",
    "integrates",
    "consists of",
    "comprises",
    "is composed of",
    "features",
    "contains",
    "combines",
    "includes",
    "introduces",
    "employs",
    "equipped with",
)
_PART_VERBS = re.compile(r"\b(?:" + "|".join(_PART_VERB_PHRASES) + r")\b")
# (first word, all words) of each: the scan runs only where a phrase's first word occurs
# and its other words are in the text ("is composed of" only with "composed"): a plain
# `finditer` tried all ~1,400 positions (~35 us of each abstract with a proposal)
_PART_VERB_CUES = cue_words(_PART_VERB_PHRASES)
_OWN_SUBJECT = re.compile(
    r"^(?:[\w\s]{0,30},\s*)?(?:it|our\s+[\w\-]+|the\s+proposed\s+[\w\-]+|"
    r"this\s+(?:method|framework|model|approach|system|architecture|pipeline|design))\b",
    re.IGNORECASE,
)
# "the proposed dual prompt-driven tracker (DPTracker)": the name of the paper's own method
_PROPOSED_PAREN = re.compile(
    r"\b(?:the|our)\s+(?:newly\s+)?proposed\s+(?P<desc>[a-z][a-z0-9\-]*(?:\s+[a-z][a-z0-9\-]*){0,6})"
    r"\s+\((?P<name>[^()\s,;]{2,20})\)"
)
# "a tile pyramid network (TPN) is proposed", "the X (XM) module is designed": a
# defined name the sentence says is introduced (present tense: "was proposed" is history)
_PASSIVE_AFTER = re.compile(
    r"\s*(?:[a-z]+\s+)?(?:is|are)\s+(?:(?:first|further|also|newly|then|thus|therefore|"
    r"specifically|carefully|additionally|[a-z]{3,}ly)\s+)?"
    r"(?:proposed|introduced|designed|developed|devised|presented|constructed)(?![\w-])"
)
# the defined name opens its clause: "Secondly, a ...", "Firstly, the ..." (not the object
# of "a head incorporating the X (XX) is proposed")
_CLAUSE_START = re.compile(
    r"(?:^|[,;:]\s*)(?:(?:a|an|the|our)\s+(?:(?:novel|new)\s+)?)?$", re.IGNORECASE
)
# "through the designed wide-area tile module (WTM)"
_PARTICIPLE_BEFORE = re.compile(
    r"(?<![\w-])(?:the|a|an|our)\s+(?:newly\s+)?(?:designed|proposed|introduced|devised)\s+$",
    re.IGNORECASE,
)
# a sentence opening: "", "First, ", "(2) ", "Second, the "
_SENT_OPEN = re.compile(
    r"(?:\(\w{1,3}\)\s*|(?:first|second|third|finally|then|next|moreover|furthermore|"
    r"additionally|meanwhile|specifically|in addition)\s*,\s*)?(?:the\s+)?",
    re.IGNORECASE,
)
_SENT_OPEN_ARTICLE = re.compile(
    r"(?:(?:first|second|third|finally|then|next|subsequently|moreover|furthermore|"
    r"additionally|meanwhile|specifically|in addition)\s*,\s*)?(?:a|an|the)\s+(?=[A-Z])",
    re.IGNORECASE,
)
_COMPONENT_WORDS = frozenset(
    "module mechanism block layer network component head encoder decoder unit branch".split()
)
_COMPONENT_HEAD = re.compile(rf"\s+(?:{'|'.join(sorted(_COMPONENT_WORDS))})(?![\w-])")
# the defined name acts: "X (Y) computes", "X (Y) further prevents" (not "is", "has")
_ACTS = re.compile(r"\s+(?:\w+ly\s+|further\s+|also\s+|then\s+)?(?!is\b|has\b|was\b)[a-z]{3,}s\b")
# "Two families are introduced: A (..) and B (..)", "metrics proposed in this work: ..."
_PASSIVE_ANCHORS = frozenset(("proposed", "introduced", "presented"))
_PASSIVE_LIST_FIRST = frozenset(("is", "are", "proposed", "introduced"))  # its first words
# every word _PASSIVE_AFTER or _PARTICIPLE_BEFORE needs: without one, no passive definition
_PASSIVE_WORDS = frozenset(
    "proposed introduced designed developed devised presented constructed".split()
)
_PASSIVE_LIST = re.compile(
    r"(?<![\w-])(?:(?:is|are)\s+(?:proposed|introduced|presented)|"
    r"(?:proposed|introduced)\s+in\s+this\s+(?:work|paper|study))\s*:"
)
# "A new Ray Tile Transformer leverages", "a novel VLM-as-a-Tiler for": a name the
# text itself calls new, anywhere in the abstract
# matched from the cue word (st.finditer_words); the article before it is checked after
_NEW_NAME = re.compile(r"(?P<cue>novel|new|proposed)\s+(?=[A-Z])")
_NEW_ARTICLE = re.compile(r"(?<![\w-])(?:[Aa]n?|(?P<def>[Tt]he|[Oo]ur))\s+$")
_NEW_ANCHORS = frozenset(("novel", "new", "proposed"))
_WE = frozenset(("we",))
_CLAUSE_OPENERS = frozenset(("we ", "We ", "i ", "they ", "it "))
# "we call this metric COVER", "we name our benchmark X": the referent before the name
_THIS_HEAD = re.compile(r"(?:this|these|our)\s+(?:[a-z][\w\-]*\s+){0,3}?(?=[A-Z])")
# "..., and introduce X": a proposal verb coordinated with an earlier one of "we"
_AND_VERB = re.compile(
    r"(?:,\s*|\s)and\s+(?:then\s+|also\s+|further\s+|finally\s+|[a-z]{3,}ly\s+)?$"
)
_THE_NAME = re.compile(r"the\s+(?=[A-Z])")
_TITLE_TAIL = re.compile(r"(?: [A-Z][a-z][\w\-]*){1,3}")
_NEW_OBJECT = ("a new ", "a novel ", "two new ", "two novel ")
_WE_WORD = re.compile(r"(?<![\w-])[Ww]e(?![\w-])")  # release_after_re starts with "we"
_NOVEL_ANCHORS = frozenset(("novel", "new", "key"))
_NOVEL_PARTS = re.compile(  # starts on a literal word: far cheaper than an optional count first
    r"(?<![\w-])(?:novel|new|key)\s+(?:\w+\s+)?"
    r"(?:components|modules|techniques|strategies|mechanisms|innovations|designs|contributions)\s*:",
    re.IGNORECASE,
)
_TITLE_HEADS = (
    "Transformer",
    "Transformers",
    "Network",
    "Networks",
    "Attention",
    "Optimization",
    "Optimizer",
    "Learning",
    "Decoding",
    "Distillation",
    "Quantization",
    "Pruning",
    "Prompting",
    "Tuning",
    "Fine-Tuning",
    "Training",
    "Post-Training",
    "Search",
    "Sampling",
    "Routing",
    "Alignment",
    "Adapter",
    "Adapters",
    "Encoder",
)
_TITLE_FUNCTION = frozenset(
    "a an the of for with in on to and or via by from towards toward is are do does can".split()
)
_METHOD_WORD = re.compile(
    r"\b(?:method|approach|framework|technique|model|algorithm)\b", re.IGNORECASE
)
_ACR_AFTER = re.compile(r"\s*\([A-Z][A-Za-z0-9\-]{0,9}\)")
_NAME_BEFORE = re.compile(
    r"(?<![\w-])(?P<name>[A-Z0-9][\w+.\-]*(?:\s+[A-Z0-9][\w+.\-]*){0,4})\s*(?:\([^()]{1,30}\))?\s*$"
)


_SUPERSCRIPT_TAIL = re.compile(r"[\u00b2\u00b3\u00b9\u2070-\u2079]+[A-Za-z0-9\-]*")
_JOINERS = frozenset("yet and but or very more most".split())
_LOWER_HEADS = frozenset("technique scheme protocol strategy".split())
_FUNCTION = frozenset("of for with and or to in on by from via that which the a an".split())
# "-4B", "-Pro", "-Tile-Fast": a size or capitalised words after a hyphen, to the word end
# "-4B", "-Pro", "-X", "-VLM", "-H1" (15); "X+" / "X++" (15)
_VARIANT_TAIL_RE = re.compile(
    r"(?:(?:-(?:\d+(?:\.\d+)?[BMK]|[A-Z][a-z]{0,9}|[A-Z]{2,3}|[A-Z]\d{1,2}))+\+{0,2}|\+{1,2})"
    r"(?![\w+-])"
)
_SIZE_END = re.compile(r"-\d+(?:\.\d+)?[BMK]$")
_PAREN_AFTER = re.compile(r"\s*\([^()]{1,60}\)")
# compiled once (`re.search` with a pattern string looks it up again on every call)
_TRAILING_PAREN = re.compile(r"\s*\([^()]*\)$")
_RANGE_SEP = re.compile(r"[\-–/]")
_PAREN_INNER = re.compile(r"\(([^()]{1,30})\)")
_MOD_WORD = re.compile(r"[A-Za-z0-9][\w+\-]*")


def _skip_the(text: str, pos: int) -> int:
    """Past a leading "the " before a capitalised name."""
    if text.startswith(("the ", "The "), pos) and text[pos + 4 : pos + 5].isupper():
        return pos + 4
    return pos


def _head_alternation(rules: Rules) -> str:
    """The type heads (lower-case: `load_rules`) as a trie (`rules._alt`) for the
    case-folding patterns below: heads that match at one position are prefixes of each
    other, and the trie's greedy tails try the longer first, as the longest-first
    alternation it replaces did; re tries far fewer branches at each position."""
    heads: set[str] = set()
    for ws in rules.type_heads.values():
        heads.update(ws)
    assert all(h == h.lower() for h in heads)
    return _alt(heads)


def _ends_in_ed(text: str, s0: int, start: int) -> bool:
    """The word before `start` ends in "ed" (what _PARTICIPLE_BEFORE needs: checked first,
    as that search tries every position of its window)."""
    k = start
    while k > s0 and text[k - 1].isspace():
        k -= 1
    return k - s0 >= 2 and text[k - 2 : k].lower() == "ed"


def load_title_case_name_stop(directory=None) -> frozenset:
    """typing_evidence.json 'title_case_name_stop': first words of a capitalised
    description that are no name's ("A Novel Framework", "A Unified Model")."""
    path = Path(directory or patterns_dir()) / "typing_evidence.json"
    return frozenset(json.loads(path.read_text(encoding="utf-8")).get("title_case_name_stop", ()))


class Proposals:
    def __init__(self, vocab_dir=None, patterns_dir=None) -> None:
        self.vocab = load_vocabulary(vocab_dir)
        self.rules = load_rules(patterns_dir)
        self.list_rules = load_list_rules(patterns_dir)
        self.introduced_rules = load_introduced_rules(patterns_dir)
        self.component_rules = load_component_rules(patterns_dir)
        self.title_case_stop = load_title_case_name_stop(patterns_dir)
        heads = self._heads = _head_alternation(self.rules)
        self._head_end = re.compile(rf"(?:{heads})s?\s*(?:that\s+|which\s+)?$", re.IGNORECASE)
        # "we propose a baseline for X with AceTiler, a method that": a name-shaped word
        # the cue sentence describes by an appositive with a head noun
        self.appos_name = re.compile(
            r"(?<![\w-])(?P<name>[A-Za-z0-9][\w+\-.]*)\s*,\s+(?:a|an)\s+"
            rf"(?:[\w\-]+,?\s+){{0,4}}?(?:{heads})s?(?![\w-])",
            re.IGNORECASE,
        )
        # "a simple yet effective method called", "a new benchmark,", "a novel ... method ("
        self.described = re.compile(
            r"(?:(?:a|an|the|our|two|three|four|several|new)\s+)?"
            r"(?P<mods>(?:(?:(?!of\s)[\w\-+]+|\([^()]{1,30}\))\s+){0,7}?)"
            rf"(?P<head>{heads})s?(?![\w-])\s*"
            r"(?P<sep>,|:|\(|—|–)?\s*"
            r"(?P<naming>(?:called|named|dubbed|termed|coined|namely|which we call)\s+)?",
            re.IGNORECASE,
        )

    # -- helpers -------------------------------------------------------------------
    def _name_at(self, text: str, pos: int, limit: int, naming: bool) -> tuple[int, int] | None:
        rules = self.rules
        if text.startswith("**", pos):
            pos += 2  # markdown bold: "Our best model, **Tiler-35B**,"
        if pos >= limit:
            return None
        if (naming or text.startswith("the ", pos)) and text.startswith(("the ", "a ", "an "), pos):
            # "termed the Disk Sampling ... (DSN)", "a new dataset, the Stereo ... (SDIRF)"
            defined = self._defined_at(text, pos, limit)
            if defined:
                return defined
        span = scan_name(text, pos, rules, allow_lower=False)
        if span is None and (naming or self._lower_ok(text, pos, limit)):
            span = scan_name(text, pos, rules, allow_lower=True, max_words=5)
            if span is not None and not naming:
                nxt = text[span[1] : span[1] + 6]
                # "(ACR)" defines a name; "(>1000 pts/m²)" only qualifies data (17)
                if not re.match(r"\s*(?:\((?=[A-Za-z])|,\s*(?:a|an|the)\s)", nxt) and not (
                    bare_coined_concept(text, span, self.vocab.lookup)
                ):
                    return None
        if span is None or span[1] > limit or span[1] <= span[0]:
            return None
        return span

    def _lower_ok(self, text: str, pos: int, limit: int) -> bool:
        ws = words_at(text, pos, 6)
        return (
            bool(ws)
            and ws[0][2].islower()
            and ws[0][2] not in ("a", "an", "the", "to", "that", "how", "new")
        )

    def _type_for(self, text: str, span: tuple[int, int], head_t: str | None) -> str | None:
        t = appositive_type(text, span[1], self.rules) or following_head_type(
            text, span[1], self.rules
        )
        return t or head_t

    def _list_after(
        self, text: str, span: tuple[int, int], limit: int, shaped_only: bool = True
    ) -> list[tuple[int, int]]:
        """More names after a colon list: "two metrics: A and B"."""
        out = [span]
        pos = span[1]
        while pos < limit:
            paren = _PAREN_AFTER.match(text, pos)  # "A (Long A) and B (Long B)"
            m = _ITEM_SEP.match(text, paren.end() if paren else pos)
            if not m:
                break
            nxt = scan_name(text, _skip_the(text, m.end()), self.rules)
            if not nxt:
                break
            words = text[nxt[0] : nxt[1]].split()
            if shaped_only and not any(name_shaped(w, self.rules) for w in words):
                break
            if not shaped_only and not words[0][:1].isupper():
                break
            out.append(nxt)
            pos = nxt[1]
        return out

    # -- rules ----------------------------------------------------------------------
    def _cues(self, st: DocState, text: str):
        rules = self.rules
        for v in st.finditer_words(rules.proposal_verb_re, rules.proposal_verb_first):
            m = rules.proposal_subject_re.search(text, max(0, v.start() - 70), v.start())
            if m:
                yield m.start(), v.end(), v.group("verb").lower()
            elif (
                text[v.end() : v.end() + 1].isupper()
                or text.startswith(_NEW_OBJECT, v.end())
                or _THE_NAME.match(text, v.end())
            ) and _AND_VERB.search(text, max(0, v.start() - 24), v.start()):
                # "we explore hybrid training ..., and introduce AdaMix, a ...": the verb
                # shares the sentence's "we" (14)
                s0 = st.sent_of(v.start())[0]
                if _WE_WORD.search(text, s0, v.start()):
                    yield v.start(), v.end(), v.group("verb").lower()
        for m in rules.gerund_re.finditer(text) if st.words & rules.gerund_anchors else ():
            yield m.start(), m.end(), m.group("verb").lower()

    def _in_mods(self, text: str, d) -> tuple[int, int] | None:
        """ "a new Total Variation Distance++ (TVD++) loss", "a novel GQLA mechanism"."""
        ms, me = d.start("mods"), d.end("mods")
        inner = _PAREN_INNER.search(text[ms:me])
        if inner and is_acronym(inner.group(1)):
            return ms + inner.start(1), ms + inner.end(1)
        for w in _MOD_WORD.finditer(text[ms:me]):
            last = w.group().rsplit("-", 1)[-1]
            if "-" in w.group() and last.islower():
                continue  # "LDPC-inspired", "MLP-specific": a modifier, not a name
            if name_shaped(w.group(), self.rules) and not self.vocab.lookup(w.group()):
                return ms + w.start(), ms + w.end()
        return None

    def _lower_described(self, text: str, d) -> tuple[int, int] | None:
        """ "a smooth tiling technique", "a normalized conformal tiling
        scheme": two to four lower-case words before a generic method head (technique,
        scheme, protocol, strategy) name the method, the head excluded."""
        if d.group("head").lower() not in _LOWER_HEADS or d.group("sep") or d.group("naming"):
            return None
        ms, me = d.start("mods"), d.end("mods")
        words = list(re.finditer(r"\S+", text[ms:me]))
        adj = self.rules.proposal_adjectives
        while words and (
            words[0].group().lower() in adj
            or words[0].group().lower() in _JOINERS
            or words[0].group().endswith("ly")
        ):
            words.pop(0)  # "a simple yet effective", "a highly"
        if not 2 <= len(words) <= 4:
            return None
        if not all(re.fullmatch(r"[a-z][a-z\-]*[a-z]", w.group()) for w in words):
            return None
        if any(w.group() in _FUNCTION for w in words) or words[-1].group().endswith("ly"):
            return None
        span = (ms + words[0].start(), ms + words[-1].end())
        name = text[span[0] : span[1]]
        if match_key(name) in self.rules.generic_keys or self.vocab.lookup(name):
            return None
        return span

    def _object_name(self, text: str, pos: int, s_end: int) -> list:
        """ "a novel scenario-driven instruction generator MATRIX-Gen for ...": the first
        unknown name-shaped word of the verb's object phrase (up to "of", "that", "for"
        ...), not a fragment of a Title-Case phrase and not a short all-caps acronym."""
        rules = self.rules
        seg = text[pos : min(s_end, pos + 120)]
        for w in re.finditer(NAME_WORD, seg):
            word = w.group()
            if word.lower() in _OBJECT_END:
                break
            if (
                "_" in word
                or ("-" in word and word.rsplit("-", 1)[-1].islower())
                or _HEX.match(word)
                or is_quantity(word)
            ):
                continue
            if not name_shaped(word, rules) or self.vocab.lookup(word) or word in rules.not_names:
                continue
            if word.isupper() and len(word) <= 3:
                continue  # "CNN", "DL": field acronyms far more often than new names
            before = seg[: w.start()].rstrip()
            after = seg[w.end() :].lstrip()
            prev_word = before.rsplit(" ", 1)[-1] if before else ""
            next_word = after.split(" ", 1)[0] if after else ""
            if prev_word[:1].isupper() and prev_word[-1:].isalnum() or next_word[:1].isupper():
                continue  # inside a Title-Case phrase ("Bi-Fusion Mixture of Experts")
            if seg[w.start() - 1 : w.start()] == "{" and not before.endswith(
                ("textbf{", "textit{", "texttt{", "emph{")
            ):
                continue
            return [((pos + w.start(), pos + w.end()), None, "proposal_object")]
        return []

    def _after_colon(self, text: str, pos: int, s_end: int) -> list:
        """ "... novel metrics to measure performance: A, B, and C" and enumerations
        "introduces: (1) Anchored Rejection - ... and (2) Future-Guided Chosen"."""
        colon = text.find(":", pos, s_end)
        if colon < 0 or colon - pos > 160:
            return []
        out = []
        enum = list(_ENUM_ITEM.finditer(text, colon, s_end))
        if enum:
            for m in enum:
                span = scan_name(text, m.end(), self.rules)
                if span and self._listed_name(text[span[0] : span[1]]):
                    out.append((span, None, "proposal_list"))
            return out
        start = colon + 1
        while start < s_end and text[start] == " ":
            start += 1
        span = scan_name(text, _skip_the(text, start), self.rules)
        if span and self._listed_name(text[span[0] : span[1]]):
            for sp in self._list_after(text, span, s_end, shaped_only=False):
                if self._listed_name(text[sp[0] : sp[1]]):
                    out.append((sp, None, "proposal_list"))
        return out

    def _listed_name(self, name: str) -> bool:
        """An item of a colon list or enumeration is a name when it has a name-shaped
        word, or is two or more capitalised words without function words."""
        words = name.split()
        if any(name_shaped(w, self.rules) for w in words):
            return True
        return len(words) >= 2 and all(w[:1].isupper() for w in words)

    def _cue_proposals(self, st: DocState, text: str) -> None:
        rules = self.rules
        for c_start, pos, verb in self._cues(st, text):
            s0, s_end = st.sent_of(c_start)
            weak = verb in rules.weak_verbs
            found: list[tuple[tuple[int, int], str | None, str]] = []
            # "we develop Adaptive Tile Policy Optimization (ATPO)": a Title-Case phrase
            # spelling the acronym after it is the name, whatever its last word
            defined = self._defined_at(text, pos, s_end, bare=True)
            d = None if defined else self.described.match(text, pos, s_end)
            if defined:
                found.append((defined, None, "proposal"))
            elif d:
                head_t = head_type(d.group("head").split(), rules) or head_type(
                    (d.group("mods") + d.group("head")).split()[-2:], rules
                )
                npos = d.end()
                span = self._name_at(text, npos, s_end, bool(d.group("naming")))
                if span and (d.group("sep") in (",", ":", "—", "–") or d.group("naming")):
                    for sp in (
                        self._list_after(text, span, s_end)
                        if d.group("sep") in (":", "—", "–")
                        else [span]
                    ):
                        found.append((sp, head_t, "proposal"))
                elif d.group("sep") == "(" and span:
                    found.append((span, head_t, "proposal"))
                else:
                    named = text[d.start("mods") : d.end("head")].split()
                    titled_the = (
                        text.startswith(("the ", "The "), pos)
                        and len(named) >= 2
                        and all(w[:1].isupper() for w in named)
                    )
                    # "propose the EEG-Visible Layer Selection Strategy": a Title-Case phrase
                    # is the name as a whole, not its name-shaped first word (14)
                    inner = None if titled_the else self._in_mods(text, d)
                    lower = None if inner or weak else self._lower_described(text, d)
                    if inner:
                        found.append((inner, head_t, "proposal"))
                    elif lower:
                        # "we propose a smooth tiling technique that"
                        found.append((lower, head_t, "proposal"))
                    elif (
                        (
                            text.startswith(("the ", "The "), pos)
                            # "introduces Tile Distillation, a novel framework"
                            or text[pos : pos + 1].isupper()
                            and d.group("sep") == ","
                        )
                        and named
                        and all(w[:1].isupper() or name_shaped(w, rules) for w in named)
                    ):
                        # "introducing the Online Merging Optimizer": the head is part of the name,
                        # and so are Title-Case words up to a later head ("the Visible Layer
                        # Selection Strategy": "Layer" is no end)
                        end = self._title_tail(text, d.end("head"), s_end)
                        found.append(((d.start("mods"), end), head_t, "proposal"))
                    elif not weak:
                        titled = self._titled_object(text, pos, d)
                        if titled:
                            # "we introduce a learnable Spatial Alignment Module that" (14)
                            found.append((titled, head_t, "proposal"))
            else:
                npos = pos
                if text.startswith(":", pos):
                    npos = pos + 1 + (len(text[pos + 1 :]) - len(text[pos + 1 :].lstrip()))
                if text.startswith(("the ", "The "), pos):
                    nxt = text[pos + 4 : pos + 5]
                    if nxt.isupper():
                        npos = pos + 4
                defined = self._defined_at(text, pos, s_end)
                span = defined or self._name_at(text, npos, s_end, naming=False)
                if span:
                    found.append((span, None, "proposal"))
            if not found:
                # the list's type: the last head noun before the colon ("... and novel metrics
                # ...:")
                colon = text.find(":", pos, s_end)
                head_t = None
                if colon > 0:
                    before: list[str] = re.findall(r"[A-Za-z][\w\-]*", text[pos:colon])
                    for w in reversed(before):
                        head_t = head_type([w], rules)
                        if head_t:
                            break
                found.extend(
                    (sp, t or head_t, r) for sp, t, r in self._after_colon(text, pos, s_end)
                )
            if found:
                found.extend(self._coordinated_names(text, found, s_end))
                found.extend(
                    self._coordinated_appositives(text, max(sp[1] for sp, _, _ in found), s_end)
                )
            else:
                if not weak:
                    found.extend(self._object_name(text, pos, s_end))
                if not found:
                    # "we propose a framework for X, called Y" / "dubbed Y"
                    for n in rules.naming_re.finditer(text, pos, s_end):
                        span = self._name_at(text, n.end(), s_end, naming=True)
                        if span:
                            found.append((span, None, "proposal"))
                            break
                if not found and not weak:
                    for a in self.appos_name.finditer(text, pos, s_end):
                        name = a.group("name")
                        if name_shaped(name, rules) and not self.vocab.lookup(name):
                            found.append(((a.start("name"), a.end("name")), None, "proposal"))
                            break
                found.extend(self._coordinated_names(text, found, s_end))
            for span, head_t, rule in found:
                name = text[span[0] : span[1]]
                if name in rules.not_names:
                    continue
                known = self.vocab.lookup(name)
                shaped = any(name_shaped(w, rules) for w in name.split())
                etype = self._type_for(text, span, head_t) or version_type(st, text, span[1])
                if weak and not (shaped and not known) and etype is None and span != defined:
                    continue
                if (
                    known
                    and not any(find_word(text, name, 0, st.title_len))
                    and not mined_but_introduced(self.vocab, known, text, span, pos)
                    and not acronym_collision(self.vocab, known, st, span, pos, etype)
                ):
                    continue  # "we introduce GPT-4 into ...", "an analysis of methods: PPO, DPO"
                st.proposals.append((span[0], span[1], etype, rule, c_start))

    def _title_tail(self, text: str, end: int, limit: int) -> int:
        """Where a Title-Case name ending at `end` really ends: up to three more capitalised
        words whose last is a method head noun (else `end`)."""
        m = _TITLE_TAIL.match(text, end, limit)
        if m is None:
            return end
        words = m.group().split()
        for k in range(len(words), 0, -1):
            if self._head_end.search(words[k - 1]) and all(
                w not in self.rules.not_names for w in words[:k]
            ):
                return end + 1 + len(" ".join(words[:k]))
        return end

    def _titled_object(self, text: str, pos: int, d) -> tuple[int, int] | None:
        """ "a learnable Spatial Alignment Module", "an Active Attention Network", "a
        cross-layer class embedding Fisher Discriminative Loss": after "a/an" and lower-case
        modifiers, two or more capitalised words ending in the (capitalised) head noun name
        the object, unless the first is a plain adjective of novelty ('title_case_name_stop':
        "A Unified Model") or a word that is never a name. (Round 14: two parts wrote this
        rule; one copy kept.) A lower-case head ("a Progressive Resolution module")
        describes the name instead, and is left to the other rules."""
        if (
            not text.startswith(("a ", "an ", "A ", "An "), pos)
            or not d.group("head")[:1].isupper()
        ):
            return None
        ms, me = d.start("mods"), d.end("head")
        if re.match(r"\s+[A-Z]", text[me : me + 2]):
            return None  # "a Dynamic Environment Gaussian": the phrase goes on past the head
        words = list(re.finditer(r"\S+", text[ms:me]))
        while words and words[0].group()[:1].islower() and len(words) > 2:
            words.pop(0)
        if (
            len(words) < 2
            or words[0].group() in self.title_case_stop  # "A Novel Framework"
            or not all(
                w.group()[:1].isupper()
                and w.group()[-1:].isalnum()
                and w.group() not in self.rules.not_names
                for w in words
            )
        ):
            return None
        span = (ms + words[0].start(), ms + words[-1].end())
        if match_key(text[span[0] : span[1]]) in self.rules.generic_keys:
            return None
        return span

    def _defined_at(
        self, text: str, pos: int, s_end: int, bare: bool = False
    ) -> tuple[int, int] | None:
        """ "we introduce a Full-View Mamba (FVM) to ...": the phrase whose initials the
        acronym spells is the name (no head noun needed); `bare`: the article is optional."""
        m = (_BARE_DEFINED if bare else _ARTICLE_DEFINED).match(text, pos, s_end)
        if not m or not self._spells(m):
            return None
        return m.start("name"), m.end("name")

    @staticmethod
    def _spells(m: re.Match) -> bool:
        short, name = m.group("short"), m.group("name")
        if not is_acronym(short) or short[0].lower() != name[0].lower():
            return False
        long = best_long_form(short, name)
        return long is not None and long == name

    def _defined_parts(self, st: DocState, text: str) -> None:
        """ "MDACL incorporates Hierarchical Cross-modal Guidance (HCG) ... and Adversarial
        Equilibrium Regularization (AER)": defined parts named in a sentence whose subject
        is the paper's own method (a name it proposes, "our framework", "it")."""
        if not st.proposals:
            return
        own = {text[a:b] for a, b, *_ in st.proposals}
        for _a, b, *_ in st.proposals:  # "Load-Aware Tile Learning (LATL)": its acronym too
            acr = _ACR_AFTER.match(text, b)
            if acr:
                own.add(acr.group().strip(" ()"))
        for v in st.finditer_words(
            _PART_VERBS, st.present_firsts(_PART_VERB_CUES), st.abstract_start
        ):
            s0, s_end = st.sent_of(v.start())
            subject = text[s0 : v.start()].strip()
            clause = False
            if not (
                _OWN_SUBJECT.match(subject)
                or any(subject.endswith(n) or subject.startswith(n) for n in own)
            ):
                # "we propose X, a method that employs A (AA)": the proposal's own clause,
                # the part right after the verb
                clause = any(
                    s0 <= a and b <= v.start() and rule == "proposal" and ev >= s0
                    for a, b, _t, rule, ev in st.proposals
                )
                if not clause:
                    continue
            if text[v.end() : s_end].lstrip().startswith(":"):
                # "Our framework introduces: (1) Anchored Tiling - ..., and (2) ..."
                for sp, t, rule in self._after_colon(text, v.end(), s_end):
                    name = text[sp[0] : sp[1]]
                    if name not in own and not self.vocab.lookup(name):
                        st.proposals.append((*sp, self._type_for(text, sp, t), rule, v.start()))
                        own.add(name)
                continue
            # "DynTile introduces a Dynamics Tiler that ...": an undefined part right
            # after the verb, two or more capitalised words
            pos = v.end() + len(text[v.end() : s_end]) - len(text[v.end() : s_end].lstrip())
            art = re.match(r"(?:an?|the)\s+", text[pos:s_end])
            sp = scan_name(text, pos + art.end(), self.rules) if art else None
            if sp and sp[1] <= s_end and not _ACR_AFTER.match(text, sp[1]):
                name = text[sp[0] : sp[1]]
                words = name.split()
                if (
                    len(words) >= 2
                    and all(w[:1].isupper() for w in words)
                    and name not in own
                    and name not in self.rules.not_names
                    and not self.vocab.lookup(name)
                ):
                    st.proposals.append(
                        (*sp, self._type_for(text, sp, None), "proposal_part", v.start())
                    )
                    own.add(name)
            for m in _DEFINED_RE.finditer(text, v.end(), s_end):
                if clause and m.start() - v.end() > 12:
                    break
                name = m.group("name")
                if name in own or name in self.rules.not_names or self.vocab.lookup(name):
                    continue
                if self._spells(m):
                    span = (m.start("name"), m.end("name"))
                    etype = self._type_for(text, span, None)
                    st.proposals.append((*span, etype, "proposal_part", v.start()))
                    own.add(name)

    def _passive_defined(self, st: DocState, text: str) -> None:
        """ "a synergistic tile pyramid network (STPN) is proposed", "the designed
        wide-area tile module (WTM)", "two families are introduced: A (..) and B
        (..)": names the paper defines and says, without "we", that it introduces."""
        passive = bool(st.words & _PASSIVE_WORDS)
        for ss, se, ls, le in st.definitions if passive else ():
            if ss < st.abstract_start or ls < st.abstract_start:
                continue
            start, end = min(ss, ls), max(se, le)
            if text[end : end + 1] != ")":
                continue
            s0, s_end = st.sent_of(start)
            if (
                (
                    (
                        _PASSIVE_AFTER.match(text, end + 1, s_end)
                        and _CLAUSE_START.search(text[s0:start])  # "^": the sentence start (14)
                    )
                    or _ends_in_ed(text, s0, start)
                    and _PARTICIPLE_BEFORE.search(text, max(s0, start - 40), start)
                )
                and not (self.vocab.lookup(text[ls:le]) or self.vocab.lookup(text[ss:se]))
            ):
                st.proposals.append(
                    (ls, le, self._type_for(text, (ls, le), None), "proposal_part", start)
                )
        # "ATKS (Attention-Tile KV Sharing) computes the prefix once ...": a
        # sentence opening on a new defined name that acts, after the paper has said what
        # it proposes, describes a part of it
        first = min(
            (ev for _a, _b, _t, rule, ev in st.proposals if rule == "proposal"), default=None
        )
        if first is not None:
            for ss, se, ls, le in st.definitions:
                start, end = min(ss, ls), max(se, le)
                s0, s_end = st.sent_of(start)
                if s0 <= first or text[end : end + 1] != ")":
                    continue
                if not _SENT_OPEN.fullmatch(text, s0, start) or not _ACTS.match(
                    text, end + 1, s_end
                ):
                    continue
                if self.vocab.lookup(text[ls:le]) or self.vocab.lookup(text[ss:se]):
                    continue
                st.proposals.append(
                    (ls, le, self._type_for(text, (ls, le), None), "proposal_part", start)
                )
            # "Subsequently, a Graph-Aware Tile mechanism projects ...": the same with an
            # undefined name of two or more capitalised words and a component noun
            for s0, s_end in st.sents if st.words & _COMPONENT_WORDS else ():
                if s0 <= first:
                    continue
                o = _SENT_OPEN_ARTICLE.match(text, s0, s_end)
                if not o:
                    continue
                sp = scan_name(text, o.end(), self.rules)
                if not sp or sp[1] > s_end:
                    continue
                name = text[sp[0] : sp[1]]
                words = name.split()
                if len(words) < 2 or not all(w[:1].isupper() for w in words):
                    continue
                h = _COMPONENT_HEAD.match(text, sp[1], s_end)
                if not h or not _ACTS.match(text, h.end(), s_end):
                    continue
                if name in self.rules.not_names or self.vocab.lookup(name):
                    continue
                st.proposals.append((*sp, self._type_for(text, sp, None), "proposal_part", s0))
        if ":" in text and st.words & _PASSIVE_ANCHORS:
            self._colon_lists(st, text, _PASSIVE_LIST, _PASSIVE_LIST_FIRST)

    def _new_names(self, st: DocState, text: str) -> None:
        """ "A new Ray Tile Transformer aggregates ...": a capitalised name (two or more
        capitalised words, or a name-shaped word) right after "a new / a novel"."""
        if not st.words & _NEW_ANCHORS:
            return
        for cue in st.finditer_words(_NEW_NAME, _NEW_ANCHORS, st.abstract_start):
            art = _NEW_ARTICLE.search(text, max(0, cue.start() - 5), cue.start())
            if not art or art.group("def") and cue.group("cue") != "proposed":
                continue  # "a/an novel|new|proposed", "the/our proposed"
            m_start = art.start()
            s0, s_end = st.sent_of(m_start)
            span = scan_name(text, cue.end(), self.rules)
            if not span or span[1] > s_end:
                continue
            name = text[span[0] : span[1]]
            words = name.split()
            if name in self.rules.not_names or self.vocab.lookup(name):
                continue
            if any(find_word(text, name, st.abstract_start, m_start)):
                continue  # named before: "a novel ABTC method" is one of a known kind
            if not (
                any(name_shaped(w, self.rules) for w in words)
                or len(words) >= 2
                and all(w[:1].isupper() for w in words)
            ):
                continue
            st.proposals.append(
                (span[0], span[1], self._type_for(text, span, None), "proposal_part", m_start)
            )

    def _proposed_named(self, st: DocState, text: str) -> None:
        """ "the proposed dual prompt-driven tracker (DPTracker)": a new name in brackets
        after the paper's own described method (not an acronym its words spell: those are
        the acronym stage's)."""
        if "proposed" not in st.words:
            return
        for m in _PROPOSED_PAREN.finditer(text, st.abstract_start):
            name = m.group("name")
            if not name_shaped(name, self.rules) or name in self.rules.not_names:
                continue
            if self.vocab.lookup(name) and not any(find_word(text, name, 0, st.title_len)):
                continue
            span = (m.start("name"), m.end("name"))
            head_t = head_type(m.group("desc").split()[-1:], self.rules)
            st.proposals.append((*span, self._type_for(text, span, head_t), "proposal", m.start()))

    def _novel_parts(self, st: DocState, text: str) -> None:
        """ "X incorporates two novel components: (1) A ..., and (2) B (ACR), which ...":
        the enumerated parts of the paper's method are its proposals too."""
        if ":" in text and st.words & _NOVEL_ANCHORS:
            self._colon_lists(st, text, _NOVEL_PARTS, _NOVEL_ANCHORS)

    def _colon_lists(
        self, st: DocState, text: str, cue: re.Pattern, first_words: frozenset
    ) -> None:
        """The unknown names listed after a colon that ends a `cue` ("two novel
        components: A and B", "are introduced: A, B"): proposals of the paper."""
        for m in st.finditer_words(cue, first_words, st.abstract_start):
            s0, s_end = st.sent_of(m.start())
            for span, t, rule in self._after_colon(text, m.start(), s_end):
                name = text[span[0] : span[1]]
                if name in self.rules.not_names or self.vocab.lookup(name):
                    continue
                st.proposals.append(
                    (span[0], span[1], self._type_for(text, span, t), rule, m.start())
                )

    def _whole_title(self, st: DocState, text: str) -> None:
        """A short title that is itself a name: three to five capitalised words ending in
        a method head ("Krause Synchronization Transformers")."""
        title = text[: st.title_len].strip()
        if ":" in title or any(ch in title for ch in ",?!\"'()"):
            return
        words = title.split()
        if not 3 <= len(words) <= 5 or words[-1] not in _TITLE_HEADS:
            return
        if any(w.lower() in _TITLE_FUNCTION or not w[:1].isupper() for w in words):
            return
        if words[0].lower() in self.rules.title_stop or words[0].endswith("ing"):
            return
        start = text.find(title)
        st.proposals.append((start, start + len(title), "Method", "title", 0))

    def _coordinated_names(self, text: str, found: list, s_end: int) -> list:
        """ "two benchmarks, TaskAnything and JudgeAnything", "presents SceneNet and
        KnowledgeNet": a second one-word name joined by "and" to a one-word name shares
        its proposal (`scan_name` stops before the "and")."""
        out = []
        spans = {sp for sp, _, _ in found}
        for sp, t, rule in found:
            m = _AND_ONE.match(text, sp[1])
            if not m or not name_shaped(text[sp[0] : sp[1]], self.rules):
                continue
            nxt = scan_name(text, m.end(), self.rules)
            if (
                nxt
                and nxt[1] <= s_end
                and nxt not in spans
                and " " not in text[nxt[0] : nxt[1]]
                and name_shaped(text[nxt[0] : nxt[1]], self.rules)
            ):
                out.append((nxt, t, rule))
                spans.add(nxt)
        return out

    def _coordinated_appositives(self, text: str, pos: int, s_end: int) -> list:
        """ "we introduce UniTok, a universal tokenizer ..., and UniTok-FM, a foundation
        model ...": a further name joined by "and" and described by its own appositive."""
        out = []
        for m in _AND_NEXT.finditer(text, pos, s_end):
            sp = scan_name(text, m.end(), self.rules)
            if sp and sp[1] <= s_end and _APPOS_AFTER.match(text, sp[1]):
                name = text[sp[0] : sp[1]]
                if any(name_shaped(w, self.rules) for w in name.split()) and not self.vocab.lookup(
                    name
                ):
                    out.append((sp, None, "proposal"))
        return out

    def _released_appositives(self, st: DocState, text: str) -> None:
        """ "ForecastBench-Sim (FBSim), a contamination-free, simulated-world benchmark we
        release": a name whose appositive ends in a proposal verb with "we"."""
        rules = self.rules
        if not st.words & rules.release_anchors:
            return
        for m in st.finditer_words(rules.release_after_re, _WE, st.abstract_start):
            s0, _ = st.sent_of(m.start())
            window = text[max(s0, m.start() - 160) : m.start()]
            comma = max(window.rfind(", a "), window.rfind(", an "))
            if comma < 0:
                continue
            described = window[comma:]
            if not self._head_end.search(described):
                continue  # the verb must follow the appositive's head noun
            base = m.start() - len(window)
            nm = _NAME_BEFORE.search(window, 0, comma)
            if not nm:
                continue
            name = nm.group("name")
            if name in rules.not_names or not any(name_shaped(w, rules) for w in name.split()):
                continue
            if self.vocab.lookup(name):
                continue
            span = (base + nm.start("name"), base + nm.end("name"))
            st.proposals.append(
                (span[0], span[1], self._type_for(text, span, None), "proposal", m.start())
            )

    def _named_proposals(self, st: DocState, text: str) -> None:
        """ "..., dubbed HIGGS", "our approach, SymNoise," anywhere in the abstract."""
        rules = self.rules
        words = st.words
        for rx, anchors, first in (
            (rules.standalone_naming_re, rules.naming_anchors, rules.naming_first),
            (rules.own_work_re, rules.own_work_anchors, rules.own_work_first),
        ):
            if not words & anchors:
                continue
            for m in st.finditer_words(rx, first, st.abstract_start):
                s0, s_end = st.sent_of(m.start())
                # "we call this metric COVER": the name after the described referent (14)
                this = _THIS_HEAD.match(text, m.end(), s_end)
                span = self._name_at(text, this.end() if this else m.end(), s_end, naming=True)
                if not span:
                    continue
                name = text[span[0] : span[1]]
                if name in rules.not_names or name[: name.find(" ") + 1] in _CLAUSE_OPENERS:
                    # "To evaluate our approach, we introduce VOCEdits": a new clause after
                    # the own-work phrase, not a name ("we introduce VOCEdits"); the cue
                    # rules take the name itself (17)
                    continue
                lower_ok = (
                    " " in name
                    and _ACR_AFTER.match(text, span[1])
                    and _METHOD_WORD.search(m.group())
                )
                if not (
                    any(name_shaped(w, rules) for w in name.split())
                    or name[:1].isupper()
                    or lower_ok
                ):
                    continue  # lower-case: "we name this method emulated disalignment (ED)" only
                # "a simple data-free quantization method ..., dubbed HIGGS": the head
                # noun before the cue says what it is
                before: list[str] = re.findall(
                    r"[A-Za-z][\w\-]*", text[max(s0, m.start() - 120) : m.start()]
                )
                head_t = None
                for w in reversed(before[-12:]):
                    t = head_type([w], rules)
                    if t:
                        head_t = t
                        break
                st.proposals.append(
                    (span[0], span[1], self._type_for(text, span, head_t), "proposal", m.start())
                )
                for sp, _, _ in self._coordinated_names(text, [(span, head_t, "proposal")], s_end):
                    st.proposals.append(
                        (sp[0], sp[1], self._type_for(text, sp, head_t), "proposal", m.start())
                    )

    def _title_proposal(self, st: DocState, text: str) -> None:
        rules = self.rules
        title = text[: st.title_len]
        colon = title.find(": ")
        if colon <= 0:
            colon = title.find(" : ")
            if colon <= 0:
                return
        raw = title[:colon].strip()
        inner = _LATEX.sub(lambda m: m.group(1), raw).strip("$ ")
        short = _TRAILING_PAREN.search(inner)
        inner = _TRAILING_PAREN.sub("", inner)  # "Long Name (ACR)": the definition links both
        # "Deep Randomized ... Computation (DeepRDFC): ...": a title spelling its own
        # acronym names what the paper introduces, whether or not the abstract repeats it (15)
        spelled = short is not None and best_long_form(short.group().strip(" ()"), inner) == inner
        if not inner or len(inner) > 60:
            return
        start = title.find(inner)
        if start < 0:
            return
        words = inner.split()
        if len(words) > 5 or any(ch in inner for ch in ",?!\"'"):
            return
        if (
            inner.lower() in rules.title_stop
            or words[0].lower() in rules.title_stop
            and len(words) == 1
        ):
            return
        shaped = [w for w in words if name_shaped(w, rules)]
        if words[0].lower() in ("the", "a", "an") or (words[0].endswith("ing") and not shaped):
            return
        abstract = text[st.abstract_start :]
        data_named = len(words) > 1 and head_type(words[-1:], rules) == "Benchmark"
        if len(words) > 1:
            if any(w.islower() and not name_shaped(w, rules) for w in words):
                return
            if not shaped and inner not in abstract and not spelled:
                return
            if shaped and inner not in abstract and not data_named:
                # "Purple Llama CyberSecEval": keep the part the abstract uses (not of "Tile
                # Parallel Corpora", a data set named as a whole, 15)
                part = next((w for w in reversed(shaped) if any(find_word(abstract, w))), None)
                if part is None:
                    if not name_shaped(words[0], rules) or not all(
                        w[:1].isupper() or name_shaped(w, rules) for w in words
                    ):
                        return
                else:
                    start = title.find(part)
                    inner = part
        elif not (shaped or words[0][:1].isupper() or any(c.isdigit() for c in inner)):
            return
        if inner in rules.not_names:
            return
        spans = list(find_word(text, inner))
        etype = ("Benchmark" if data_named else None) or (
            infer_type(text, spans, rules, None)
            or shape_type(inner)
            or context_type(text, inner, spans)
            or self._subtitle_type(title[colon + 1 :])
            or self._evaluating_title(title[colon + 1 :], abstract, inner)
        )
        st.proposals.append((start, start + len(inner), etype, "title", 0))

    def _evaluating_title(self, subtitle: str, abstract: str, inner: str) -> str | None:
        """ "TextBandit: Evaluating Probabilistic Reasoning in LLMs ..." with "We introduce a
        novel benchmark": a title name whose subtitle opens with Evaluating/Benchmarking/
        Assessing/Measuring, in an abstract that speaks of a benchmark, names the benchmark
        (not a measure, "TIT-Score: Evaluating ...", nor a known concept)."""
        first = subtitle.lstrip().split(" ", 1)[0].lower()
        if first not in _EVALUATING or _BENCHMARK_WORD.search(abstract) is None:
            return None
        if re.split(r"[\s-]", inner)[-1] in _MEASURE_LAST or self.vocab.lookup(inner):
            return None
        return "Benchmark"

    def _subtitle_type(self, subtitle: str) -> str | None:
        """Model/Benchmark when the subtitle's first noun phrase ends in such a head:
        "A Family of Open Healthcare LLMs", "A Secure Coding Benchmark for ..."."""
        words = re.findall(r"[\w][\w\-]*", subtitle.lower())
        phrase: list[str] = []
        for w in words:
            if w in _SUBTITLE_STOP or (w == "of" and (not phrase or phrase[-1] not in _OF_OK)):
                break
            phrase.append(w)
        if not phrase:
            return None
        last, two = phrase[-1], " ".join(phrase[-2:])
        for t in ("Benchmark", "Model"):
            heads = self.rules.subtitle_heads[t]
            if last in heads or two in heads:
                return t
        return None

    def __call__(self, doc):
        st = state_of(doc)
        text = st.text
        self._title_proposal(st, text)
        self._cue_proposals(st, text)
        self._named_proposals(st, text)
        self._released_appositives(st, text)
        self._novel_parts(st, text)
        self._defined_parts(st, text)
        self._proposed_named(st, text)
        self._passive_defined(st, text)
        self._new_names(st, text)
        self._listed_parts(st, text)
        st.proposals.extend(
            introduced_names(st, text, self.rules, self.introduced_rules, self.vocab.lookup)
        )
        st.proposals.extend(
            lower_components(st, text, self.rules, self.component_rules, self.vocab.lookup)
        )
        st.proposals.extend(title_defined(st, text, self.vocab.lookup))
        if not st.proposals:
            self._whole_title(st, text)
        if st.proposals:
            self._variant_names(st, text)
            self._tidy(st, text)
        return doc

    def _listed_parts(self, st: DocState, text: str) -> None:
        """ "we propose X, comprising A (AA) and B (BB)": the defined names listed after a
        proposal in its sentence (kg.extract.proposal_lists)."""
        for s, e, ev in listed_definitions(st, text, self.vocab.lookup, self.list_rules):
            st.proposals.append((s, e, self._type_for(text, (s, e), None), "proposal_part", ev))

    def _variant_names(self, st: DocState, text: str) -> None:
        """ "3D-Tile-4B", "TLS-Tile-Pro": a proposed name (or its acronym) written with a
        size or capitalised variant words after a hyphen names a variant the paper
        introduces too."""
        own = set()
        benchmarks = set()  # a benchmark's variant is a benchmark ("GeoTile-Bench+", 15)
        for a, b, ty, *_ in st.proposals:
            own.add(text[a:b])
            if ty == "Benchmark":
                benchmarks.add(text[a:b])
            acr = _ACR_AFTER.match(text, b)
            if acr:
                own.add(acr.group().strip(" ()"))
        own = {n for n in own if len(n) >= 3 and " " not in n and n[:1].isalnum()}
        seen = {(a, b) for a, b, *_ in st.proposals}
        for n in own:
            i = self._variant_at(text, n, st.abstract_start)
            while i >= 0:
                t = _VARIANT_TAIL_RE.match(text, i + len(n))
                if t and not (text[i - 1 : i].isalnum() or text[i - 1 : i] == "-"):
                    s0, e0 = i, t.end()
                    variant = text[s0:e0]
                    if (
                        (s0, e0) not in seen
                        and variant not in own
                        and not self.vocab.lookup(variant)
                    ):
                        seen.add((s0, e0))
                        sized = _SIZE_END.search(variant)  # "3D-Tile-4B": a sized model
                        vt = "Model" if sized else "Benchmark" if n in benchmarks else None
                        st.proposals.append((s0, e0, vt, "proposal_part", s0))
                i = self._variant_at(text, n, i + len(n))

    @staticmethod
    def _variant_at(text: str, name: str, pos: int) -> int:
        """The next place from `pos` where `name` is followed by "-" or "+"."""
        a, b = text.find(name + "-", pos), text.find(name + "+", pos)
        return a if b < 0 or 0 <= a < b else b

    @staticmethod
    def _tidy(st: DocState, text: str) -> None:
        """Markdown bold around a name ("**Brixel-Tiles**") is no part of it; a size range
        ("(2B-30B)") or a single letter is no name; a superscript continues a name."""
        out = []
        for s, e, t, rule, ev in st.proposals:
            name = text[s:e]
            if name.endswith("**"):
                e -= len(name) - len(name.rstrip("*"))
            if name.startswith("**"):
                s += len(name) - len(name.lstrip("*"))
            sup = _SUPERSCRIPT_TAIL.match(text, e)
            if sup:
                e = sup.end()  # "T²X3D": the name scan stops at the superscript
            if e - s < 2 or all(is_quantity(p) for p in _RANGE_SEP.split(text[s:e])):
                continue
            out.append((s, e, t, rule, ev))
        st.proposals[:] = out


@Language.factory("kg_proposals", default_config={"vocab_dir": None, "patterns_dir": None})
def make_proposals(nlp: Language, name: str, vocab_dir, patterns_dir):
    return Proposals(vocab_dir, patterns_dir)
