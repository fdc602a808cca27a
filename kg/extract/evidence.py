"""Round 11 (16t): evidence for a name's type, and for leaving a name out.

Data: ontology/patterns/typing_evidence.json (cue words and shapes, no names).

- `definition_not_entity`: an acronym definition whose long form is a thing, property,
  condition, task or generic class of models rather than a method ("wind turbines
  (WT)", "key performance indicator (KPI)", "audio language models (ALMs)").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.extract.normalise import match_key
from kg.extract.rules import Rules, patterns_dir
from kg.extract.rules import _alt as _trie_alt
from kg.extract.state import cue_words, first_words

_WORDS = re.compile(r"[A-Za-z][\w\-]*")
_PREPOSITIONS = frozenset("for of in on with via from to using under by".split())


@dataclass(frozen=True)
class Evidence:
    def_method_heads: frozenset
    def_process_endings: tuple
    def_generic_classes: tuple
    def_task_heads: frozenset
    def_task_appositive: re.Pattern
    def_metric_heads: frozenset
    proposal_plain_words: frozenset
    title_modifier_stop: frozenset = frozenset()
    problem_heads: tuple = ()
    def_task_final_heads: frozenset = frozenset()
    def_task_verbs: re.Pattern | None = None
    def_thing_after: re.Pattern | None = None


@lru_cache(maxsize=4)
def load_evidence(directory: str | None = None) -> Evidence:
    d = json.loads(
        (Path(directory or patterns_dir()) / "typing_evidence.json").read_text(encoding="utf-8")
    )
    appos = "|".join(re.escape(w) for w in sorted(d["definition_task_appositive"], key=len)[::-1])
    return Evidence(
        def_method_heads=frozenset(d["definition_method_heads"]),
        def_process_endings=tuple(d["definition_process_endings"]),
        def_generic_classes=tuple(d["definition_generic_model_classes"]),
        def_task_heads=frozenset(d["definition_task_heads"]),
        # "(RPT), a new task that ...", "(X) is a challenging problem"
        def_task_appositive=re.compile(
            r"\s*(?:,\s*|\s+is\s+)(?:a|an|the)\s+"
            r"(?:(?!(?:for|of|and|or|with|to|in|on|by|that|which)\s)[\w\-]+\s+){0,3}?"
            rf"(?:{appos})(?![\w-])"
            # the task word heads the appositive: punctuation or a function word follows,
            # not another noun ("X, a framework combining task discrimination", "X, a Task
            # Arithmetic-based model", "X, a neural field representation", "SealQA, a new
            # challenge benchmark": the task word only modifies the head; 19, 29)
            r"(?=\s*[,.;:()]|\s+(?:that|which|where|wherein|whose|when|in|of|for|to|with"
            r"|on|at|by|from|under|over|across|beyond|as|and|or|is|are|was|were|we|aimed"
            r"|designed|requiring|involving|called|named|termed|dubbed|setup|formulation"
            r"|aiming|focusing|targeting)(?![\w-]))",
            re.IGNORECASE,
        ),
        def_metric_heads=frozenset(d["definition_metric_heads"]),
        proposal_plain_words=frozenset(d["proposal_plain_words"]),
        title_modifier_stop=frozenset(d.get("title_modifier_stop", ())),
        problem_heads=tuple(d.get("problem_heads", ())),
        def_task_final_heads=frozenset(d.get("definition_task_final_heads", ())),
        # "Aspect-Based Sentiment Analysis (ABSA) aims to ...": a task's definition (15)
        def_task_verbs=_words_after(d.get("definition_task_verbs", ())),
        # "Division-of-Focal-Plane (DoFP) sensors": a kind of thing (15)
        def_thing_after=_words_after(d.get("definition_thing_after", ())),
    )


def _words_after(phrases) -> re.Pattern | None:
    """A regex for one of `phrases` (words separated by single spaces) right after a
    definition's closing parenthesis or acronym, any whitespace between the words."""
    if not phrases:
        return None
    alts = "|".join(
        r"\s+".join(re.escape(w) for w in p.split()) for p in sorted(phrases, key=len)[::-1]
    )
    return re.compile(rf"\)?\s*(?:{alts})(?![\w-])")


# the capitalised word right before a span
_TITLE_WORD = re.compile(r"(?:^|(?<=[\s:(\"'\u201c]))([A-Z][\w-]*)\s+$")


def title_modifier_tail(text: str, start: int, title_len: int, ev: Evidence) -> bool:
    """Is the title span starting at `start` written right after a capitalised modifier
    that is not in 'title_modifier_stop' ('Calibrated Knowledge Distillation', 'Spectral
    Beam Search for ...')?"""
    if start >= title_len:
        return False
    m = _TITLE_WORD.search(text, 0, start)
    return m is not None and m.group(1) not in ev.title_modifier_stop


def _lower_case_phrase(long: str) -> bool:
    """No capital after the first character ("wind turbines", "Symbolic regression")."""
    return not any(map(str.isupper, long[1:]))


def definition_metric(long: str, ev: Evidence) -> bool:
    """Is a definition's long form a measure's name ("Paired Agreement Scores (PAS)")?
    Title Case only: a lower-case "risk score" or "error rate" is left to the other rules,
    and a capital word is how abstracts write the name of a measure they define."""
    words = _WORDS.findall(long)
    if len(words) < 2 or words[-1].lower() not in ev.def_metric_heads:
        return False
    if not long.rstrip()[-1:].isalpha():
        return False  # a variant of a measure ("Total Variation Distance++") is a method
    return all(w[0].isupper() for w in words if w.lower() not in _PREPOSITIONS)


# "text-to-image", "speech-to-text": two words joined by "-to-" and nothing else (12)
_DIRECTION = re.compile(r"[A-Za-z]+-to-[A-Za-z]+$")
# "blind and low-vision", "sense and avoid": a coordination with no method head (12)
_COORDINATED = re.compile(r"\s(?:and|or)\s")


def definition_not_entity(
    text: str, long: str, short: str, after: int, rules: Rules, ev: Evidence
) -> bool:
    """Is the long form of a definition the vocabulary does not know a non-entity? `after`
    is the offset right after the definition ("long (SHORT)" or "SHORT (long)"). A
    lower-case long form is left out only with a plain upper-case acronym ("KPI", "GNNs")."""
    core = short[:-1] if short.endswith("s") else short
    short_plain = core.isupper()
    words = _WORDS.findall(long)
    if not words:
        return False
    if words[-1].lower() in ev.def_task_final_heads and not any(w in _PREPOSITIONS for w in words):
        return True  # "Video Anomaly Detection (VAD)": a task, not a method (14)
    # the head: the last word before a preposition ("semantic error correction for
    # retrieval-augmented generation" is a correction, "Theory of Mind" a theory)
    for i, w in enumerate(words[1:], 1):
        if w in _PREPOSITIONS:
            words = words[:i]
            break
    last = words[-1].lower()
    if last in ev.def_task_heads:
        return True
    low = long.lower()
    if low.endswith("s") and low.endswith(ev.def_generic_classes):
        return True
    if low.endswith(" models") and short_plain and _lower_case_phrase(long):
        # "Speech-capable chat models (SCCMs) are ...": a class of models written in
        # plain words, found since definitions opening an abstract are (15)
        return True
    if ev.def_task_appositive.match(text, after, after + 80):
        return True
    if ev.def_task_verbs is not None and ev.def_task_verbs.match(text, after, after + 40):
        return True
    if ev.def_thing_after is not None and ev.def_thing_after.match(text, after, after + 40):
        return True
    if _DIRECTION.match(long) and any(map(str.isdigit, short)):
        return True  # "text-to-image (T2I)": a direction of a task, not a method (12)
    if (
        "-" in long
        and not any(map(str.isspace, long))
        and _lower_case_phrase(long)
        and last.rsplit("-", 1)[-1] not in ev.def_method_heads
        and last not in rules.type_heads["Method"]
        and not last.endswith(("ization", "isation"))
    ):
        # one lower-case hyphen compound ("rate-distortion (RD) performance",
        # "very-fine-resolution (VFR) imagery"): a modifier of what follows, unless
        # an optimisation ends it ("minorization-maximization (MM)", 15)
        return True
    if not _lower_case_phrase(long) or not short_plain:
        return False  # a capitalised or coined name ("SlotCurri"): the paper's own
    part = last.rsplit("-", 1)[-1]
    head = (
        last in ev.def_method_heads
        or part in ev.def_method_heads
        or last in rules.type_heads["Method"]
        or last in rules.type_heads["Model"]
    )
    if not head and _COORDINATED.search(long):
        return True  # "blind and low-vision (BLV)": a group (12)
    if (
        head
        or part.endswith(ev.def_process_endings)
        or part.rstrip("s").endswith(ev.def_process_endings)
    ):
        return False
    return True


def method_headed(long: str, rules: Rules, ev: Evidence) -> bool:
    """Does a long form end in a method's head noun ("Multiple Instance Learning",
    "Reinforcement Fine-Tuning", "Concept Bottleneck Models")? A process noun alone
    ("Face Anti-Spoofing", "Referring Expression Comprehension") is not one."""
    words = _WORDS.findall(long)
    if not words:
        return False
    last = words[-1].lower()
    part = last.rsplit("-", 1)[-1]
    return (
        last in ev.def_method_heads
        or part in ev.def_method_heads
        or last in rules.type_heads["Method"]
        or last in rules.type_heads["Model"]
    )


# -- lists of names after a cue --------------------------------------------------------
_COMPARISON_FILLER = ("the", "both", "strong", "existing")


@dataclass(frozen=True)
class ListCues:
    noun_type: dict  # lower-case cue noun -> type (None: a weak cue)
    connectors: tuple  # lower-case, longest first
    comparisons: tuple  # lower-case comparison cues
    short_alias_max: int
    quick: frozenset  # every word that can end the text before a cued list


@lru_cache(maxsize=4)
def load_list_cues(directory: str | None = None) -> ListCues:
    d = json.loads(
        (Path(directory or patterns_dir()) / "typing_evidence.json").read_text(encoding="utf-8")
    )
    noun_type: dict = {w.lower(): t for t, ws in d["list_cues"].items() for w in ws}
    noun_type.update({w.lower(): None for w in d.get("list_weak_cues", [])})
    connectors = tuple(sorted({c.lower() for c in d["list_connectors"]}, key=len)[::-1])
    comparisons = tuple(c.lower() for c in d["comparison_cues"])
    quick = set(noun_type) | set(_COMPARISON_FILLER)
    for phrase in connectors + comparisons:
        words = re.findall(r"[a-z]+", phrase)
        if words:
            quick.add(words[-1])
    return ListCues(
        noun_type=noun_type,
        connectors=connectors,
        comparisons=comparisons,
        short_alias_max=int(d["short_alias_max"]),
        quick=frozenset(quick),
    )


def _alt(words) -> str:
    """A longest-first alternation of `words` for a case-insensitive pattern, factored as
    a trie (`rules._alt`) of the words lower-cased: the same matches (the words that
    match at one position are prefixes of each other once case is folded, and the trie
    tries the longer first), but `re` no longer tries each of ~70 words in turn at every
    cue position (~2.5 us a try)."""
    return _trie_alt([w.lower() for w in words])


_LAST_WORD = re.compile(r"(?<![\w-])([A-Za-z]+\.?)$")
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def last_word(s: str) -> tuple[int, str] | None:
    """(start, group 1) of `_LAST_WORD.search(s)`: the run of ASCII letters (and a
    period) that ends `s`, or ends it before a final newline (`$`), when the character
    before the run is no word character or "-". Read back from the end: the search
    tried the look-behind at every position and ran each word to its end."""
    end = len(s) - 1 if s.endswith("\n") else len(s)
    stop = end - 1 if s[end - 1 : end] == "." else end
    i = stop
    while i > 0 and s[i - 1] in _ASCII_LETTERS:
        i -= 1
    if i == stop or (i > 0 and (s[i - 1].isalnum() or s[i - 1] in "_-")):
        return None
    return i, s[i:end]


def list_cue_type(text: str, start: int, cues: ListCues) -> tuple[str | None, bool]:
    """(type, from a cue noun) for a list of names starting at `start`: the type of the
    plural cue noun right before it ("attacks (A, B)", "datasets such as A and B"), or
    Method after a comparison ("outperforms A, B and C") or a weak cue ("models A and
    B"); (None, False) without a cue. Plain string tests on the few words before."""
    before = text[max(0, start - 48) : start].rstrip().lower()
    if not before:
        return None, False
    last = last_word(before.rstrip(" ,(:."))
    if not last or last[1].rstrip(".") not in cues.quick:
        return None, False  # (most lists: no cue word before them)
    for c in cues.connectors:
        if before.endswith(c) and (
            len(before) == len(c) or not before[-len(c) - 1].isalnum() or not c[0].isalnum()
        ):
            before = before[: -len(c)].rstrip()
            break
    m = last_word(before)
    if m:
        w_start, w = m
        if w in cues.noun_type:
            t = cues.noun_type[w]
            return ("Method", False) if t is None else (t, True)
        if w in _COMPARISON_FILLER:
            before = before[:w_start].rstrip()
    for c in cues.comparisons:
        if before.endswith(c) and (len(before) == len(c) or not before[-len(c) - 1].isalnum()):
            return "Method", False
    return None, False


# -- the type of a new name from evidence in the paper ---------------------------------
# "Foo-8B", "Foo 7B", "Foo-Instruct", "Foo-Chat": a released model written with its size
# or variant; a name written so anywhere in the paper is a model (family)
_VARIANT_AFTER = re.compile(
    r"[- ](?:\d+(?:\.\d+)?[BMT](?:-A\d+(?:\.\d+)?B)?|Instruct|Chat|Base|IT|SFT|RL|DPO)(?![\w])"
)
# "a novel model, PhotoEye", "the multilingual dataset, TaTA": a head noun and a comma
# right before the name
_HEAD_BEFORE = re.compile(
    r"(?<![\w-])(?P<head>models?|LLMs?|VLMs?|checkpoints?|datasets?|benchmarks?|corpus|corpora)"
    r"\s*[,:]\s*$",
    re.IGNORECASE,
)
_APPOS_CLOSE = re.compile(r"\s*(?:[,;.)]|$|\s(?:which|that|featuring|with)\s)")
_HEAD_BEFORE_TYPE = {"model": "Model", "llm": "Model", "vlm": "Model", "checkpoint": "Model"}
_BENCH_SUFFIX = re.compile(r"(?:[Bb]ench|-Bench|Benchmark|Arena)$")


def shape_type(name: str) -> str | None:
    """Type from the name's own shape: "ArgBench", "Foo-Bench", "OmniArena" are benchmarks."""
    if len(name) > 6 and (
        _BENCH_SUFFIX.search(name) or "-" in name and _BENCH_SUFFIX.search(name.split("-", 1)[0])
    ):
        return "Benchmark"  # (also "ForecastBench-Sim": a variant of a benchmark)
    return None


def context_type(text: str, name: str, spans: list[tuple[int, int]]) -> str | None:
    """Model when the paper writes the name with a size or variant ("Foo-8B"); the head
    noun right before an occurrence ("a novel model, Foo"; "the dataset, Foo")."""
    # (an all-capitals acronym names the method; its sized checkpoints are the models:
    # "3D-RFT" and "3D-RFT-4B")
    i = -1 if name.upper() == name else text.find(name)
    n = len(name)
    while i >= 0:  # (the spans end at word boundaries: "Foo-8B" is not among them)
        if (i == 0 or not text[i - 1].isalnum()) and _VARIANT_AFTER.match(text, i + n):
            return "Model"
        i = text.find(name, i + n)
    for s, e in spans:
        m = _HEAD_BEFORE.search(text, max(0, s - 24), s)
        # an apposition closes after the name ("the dataset, Foo, which ..."); "On the
        # X benchmark, Foo improves ..." is a clause's subject
        if m and _APPOS_CLOSE.match(text, e):
            h = m.group("head").lower().rstrip("s")
            return _HEAD_BEFORE_TYPE.get(h, "Benchmark" if h != "corpora" else "Benchmark")
    return None


# -- metric names kept whole ------------------------------------------------------------
@dataclass(frozen=True)
class MetricEvidence:
    modifier_stop: frozenset
    bad_endings: tuple
    phrase_cue: re.Pattern
    phrase_cue_first: frozenset
    phrase_direct: frozenset  # cues whose measure follows at once ("lower training time")
    phrase_object_cues: frozenset  # verbs whose object is read even with an "in" later
    report_participles: frozenset  # "reported", "achieved": end a measure's name (13)
    frame_fwd: re.Pattern  # metrics.json frame_cues, read forwards (13)
    frame_cues: tuple  # (first word, all words) per frame cue (state.cue_words)
    measure_words: frozenset  # words that end a measure's name (13)
    phrase_heads: frozenset
    left_bad_endings: tuple
    ing_after: frozenset
    left_stop: frozenset  # metrics.json: value_modifier_stop, adjacent_skip_words
    compared_cues: frozenset = frozenset()  # "outperforms X in ...": longer names (29)
    compared_heads: frozenset = frozenset()  # heads read only after those cues (29)


@lru_cache(maxsize=4)
def load_metric_evidence(directory: str | None = None) -> MetricEvidence:
    folder = Path(directory or patterns_dir())
    d = json.loads((folder / "typing_evidence.json").read_text(encoding="utf-8"))
    met = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    direct = d["metric_phrase_direct_cues"]
    return MetricEvidence(
        modifier_stop=frozenset(d["metric_modifier_stop"]),
        bad_endings=tuple(d["metric_modifier_bad_endings"]),
        # "outperforms X in", "reductions in", "improves both the": a measured phrase next
        phrase_cue=re.compile(
            rf"(?<![\w-])(?P<cue>{_alt(d['metric_phrase_cues'] + direct)})(?![\w-])",
            re.IGNORECASE,
        ),
        # (first words: a cue of several words, "state-of-the-art", is found by its first)
        phrase_cue_first=first_words(d["metric_phrase_cues"] + direct),
        phrase_direct=frozenset(w.lower() for w in direct),
        phrase_object_cues=frozenset(w.lower() for w in d.get("metric_phrase_object_cues", [])),
        report_participles=frozenset(d.get("metric_report_participles", [])),
        frame_fwd=re.compile(
            rf"(?<![\w-])(?:{_alt(met.get('frame_cues', []))})(?![\w-])\s*"
            r"(?:(?:the|its|their|our|both)\s+)?",
            re.IGNORECASE,
        ),
        frame_cues=cue_words(met.get("frame_cues", [])),
        measure_words=frozenset(
            w.lower()
            for ws in (
                d["metric_phrase_heads"],
                met.get("heads", []),
                met.get("weak", []),
                met.get("adjacent_words", []),
            )
            for w in ws
            if " " not in w
        ),
        phrase_heads=frozenset(d["metric_phrase_heads"]),
        left_bad_endings=tuple(d["metric_left_bad_endings"]),
        ing_after=frozenset(d["metric_ing_after"]),
        left_stop=frozenset(
            w.lower()
            for k in ("value_modifier_stop", "adjacent_skip_words")
            for w in met.get(k, [])
        ),
        compared_cues=frozenset(d.get("metric_phrase_compared_cues", [])),
        compared_heads=frozenset(d.get("metric_phrase_compared_heads", [])),
    )


_PREV_LOWER = re.compile(r"(?<![\w-])([a-z][a-z\-]*[a-z]|[234]D) $")
_WORD_BEFORE = re.compile(r"(?<![\w-])([A-Za-z0-9][\w\-]*) $")


def noun_modifier(word: str, rules: Rules, me: MetricEvidence) -> bool:
    """Can this lower-case word be the modifier of a measure's name in a comparison
    ("geometric" fidelity, "rendering" quality)? Not a determiner, degree word, verb or
    adverb."""
    lw = word.lower()
    if lw in me.modifier_stop or lw in rules.metric_no_modifier:
        return False
    if "-" in lw:
        return False  # hyphenated modifiers: shapes._metrics' own rule
    if lw in ("2d", "3d", "4d"):
        return True
    if lw.endswith("s") and not lw.endswith(("ss", "us", "is")):
        return False  # "achieves accuracy", "models accuracy"
    return len(lw) > 2 and not lw.endswith(me.bad_endings)


# a dash read as a hyphen joins a clause, not a modifier: "design concept-where memory"
_NOT_HYPHEN_PART = frozenset(("where", "which", "that", "when", "while", "the", "and", "or", ""))


def hyphen_modifier(word: str, rules: Rules) -> bool:
    """A lower-case hyphenated word that can modify a measure's name ("multi-view"
    fidelity, "embedding-based" similarity), by the test of shapes._metrics' compounds:
    not a listed word or first part ("human-level"), not an adjective by its ending
    ("instruction-tuned")."""
    lw = word.lower()
    return (
        "-" in word
        and word.islower()
        and not any(part in _NOT_HYPHEN_PART for part in lw.split("-"))
        and lw not in rules.metric_no_modifier
        and lw.split("-", 1)[0] not in rules.metric_hyphen_no_first
        and not lw.endswith(rules.adjectival_suffixes)
    )


def metric_left_modifiers(text: str, start: int, rules: Rules, me: MetricEvidence) -> int:
    """Where a lower-case vocabulary measure's name starts when a noun modifies it
    ("pose accuracy", "target cost", "3D tracking accuracy"): one noun (not an adjective
    by its ending; an -ing noun only after a preposition, determiner or degree word),
    and a "2D"/"3D" before it."""
    m = _PREV_LOWER.search(text, max(0, start - 30), start)
    if not m:
        return start
    w = m.group(1)
    if not noun_modifier(w, rules, me) or w.endswith(me.left_bad_endings):
        return start
    if w in me.left_stop:
        return start
    before = _WORD_BEFORE.search(text, max(0, m.start(1) - 30), m.start(1))
    if w.endswith("ing") and not (before and before.group(1) in me.ing_after):
        return start  # "by reducing latency": a verb and its object
    if before and (before.group(1) == "to" or before.group(1).endswith("ly")):
        return start  # "to efficiently share model parameters": a verb and its object (14)
    s = m.start(1)
    if before and before.group(1) in ("2D", "3D", "4D"):
        s = before.start(1)
    return s


_NP_WORD = (
    r"(?!(?:and|or|while|than|with|for|of|on|at|by|to|in|as|compared|across|without|"
    r"whereas|but)(?![\w-]))[a-z][a-z\-]*"
)
_NP_ITEM = re.compile(
    rf"(?:(?:the|both|its|their|overall)\s+)?({_NP_WORD}(?:\s+{_NP_WORD}){{0,2}})(?![\w-])"
)
_NP_SEP = re.compile(r"\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)")
_AFTER_CUE = re.compile(r"[^.;:()]{0,60}?\s(?:in\s+terms\s+of|in)\s+|\s+(?:both\s+)?(?:the\s+)?")
_AFTER_DIRECT = re.compile(r"\s+(?:both\s+)?(?:the\s+)?")


def metric_phrases(st, text: str, me: MetricEvidence, rules: Rules):
    """(start, end, direct) of measures named in a comparison: "outperforms X in rendering
    quality and motion consistency", "a 4.7% increase in ad revenue"; `direct` where an
    evaluative word stands right before the list ("fast generation speed"), which is
    itself the evidence that the measure is reported."""
    for m in st.finditer_words(me.phrase_cue, me.phrase_cue_first):
        e0 = m.end()
        # (the lazy "... in" scan only where an "in" follows at all)
        direct = m.group("cue").lower() in me.phrase_direct
        starts = []
        after_in = not direct and "in" in text[e0 : e0 + 66]
        compared = False
        if after_in:
            a = _AFTER_CUE.match(text, e0)
            if a:
                starts.append(a.end())
                compared = m.group("cue").lower() in me.compared_cues and " in" in a.group()
        if not after_in or m.group("cue").lower() in me.phrase_object_cues:
            # (13) a verb's object comes first: "enhances both retrieval precision and
            # user trust in ...", whatever "in" follows
            a = _AFTER_DIRECT.match(text, e0)
            if a:
                starts.append(a.end())
        for k, pos in enumerate(starts):
            yield from _phrase_items(text, pos, direct, me, rules, compared and k == 0)


def _ing_after(text: str, s: int, me: MetricEvidence) -> bool:
    """The word before `s` is one after which an -ing modifier is a measure's ('in')."""
    before = _WORD_BEFORE.search(text, max(0, s - 30), s)
    return bool(before and before.group(1) in me.ing_after)


def _phrase_items(
    text: str, pos: int, direct: bool, me: MetricEvidence, rules: Rules, compared: bool = False
):
    """The measures of one coordination of noun phrases starting at `pos`."""
    for _ in range(5):
        it = _NP_ITEM.match(text, pos)
        if not it:
            break
        words = it.group(1).split()
        # trim trailing function words ("quality while", "time and")
        while words and words[-1] in rules.metric_no_modifier:
            words.pop()
        # a reporting participle after the name ("the excellent planning speed reported
        # so far"): the name ends before it (13)
        if len(words) > 2 and words[-1] in me.report_participles:
            words.pop()
        if not words:
            break
        phrase = " ".join(words)
        s = it.start(1)
        e = s + len(phrase)
        if text[s:e] != phrase:
            break
        if (
            (
                len(words) == 2
                or len(words) == 3
                and words[0] in ("2d", "3d", "4d")
                # (29) "outperforms X in cross-resolution recovery fidelity"; not "in
                # preserving background consistency" (a verb and its object)
                or len(words) == 3
                and compared
                and not words[0].endswith("ing")
            )
            and (words[-1] in me.phrase_heads or compared and words[-1] in me.compared_heads)
            and not text.startswith(" (", e)  # "factual precision (FactScore)": a definition
            and all(
                noun_modifier(w, rules, me) or compared and hyphen_modifier(w, rules)
                for w in words[:-1]
            )
            and not (
                words[0].endswith("ing")
                and not direct  # "excellent rendering quality": a noun after the cue
                and not _ing_after(text, s, me)
            )
        ):
            yield s, e, direct
        sep = _NP_SEP.match(text, e)
        if not sep:
            break
        pos = sep.end()


def frame_measures(st, text: str, me: MetricEvidence, rules: Rules):
    """(start, end) of measures listed right after a measurement frame ("as measured by
    correlation with ...", "measuring both edit locality and ...", "metrics such
    as lexical overlap"): items of one to three lower-case words (a "2D"/"3D" may add one;
    29: three, and hyphenated modifiers) whose last word is a measure word (13)."""
    for m in st.finditer_words(me.frame_fwd, st.present_firsts(me.frame_cues)):
        pos = m.end()
        for _ in range(5):
            it = _NP_ITEM.match(text, pos)
            if not it:
                break
            words = it.group(1).split()
            while words and (
                words[-1] in rules.metric_no_modifier or words[-1] in me.report_participles
            ):
                words.pop()
            if not words or any(w in rules.metric_no_modifier for w in words):
                break  # "the coupling between X and Y": no list of measures
            phrase = " ".join(words)
            s = it.start(1)
            e = s + len(phrase)
            if text[s:e] != phrase:
                break
            n = len(words) - (1 if words[0] in ("2d", "3d", "4d") else 0)
            if (
                1 <= n <= 3
                and words[-1] in me.measure_words
                and not text.startswith(" (", e)
                and all(
                    w in ("2d", "3d", "4d")
                    or noun_modifier(w, rules, me)
                    or hyphen_modifier(w, rules)
                    for w in words[:-1]
                )
            ):
                yield s, e
            sep = _NP_SEP.match(text, e)
            if not sep:
                break
            pos = sep.end()


# -- acronyms named in passing before a method head --------------------------------------
# starts on a capital (the regex engine skips to capitals at once); the character before
# it, which must not be a word character or @/.-, is checked in Python: 3x faster than a
# leading look-behind tried at every position
_ACRONYM_HEAD = re.compile(r"([A-Z][A-Z0-9]{1,7}(?:-[A-Z0-9]{1,6})?)[ \t]+([a-z]+)(?![\w-])")
_NOT_BEFORE_ACRONYM = frozenset("@/.-_")


@lru_cache(maxsize=4)
def load_acronym_heads(directory: str | None = None) -> tuple[frozenset, frozenset]:
    d = json.loads(
        (Path(directory or patterns_dir()) / "typing_evidence.json").read_text(encoding="utf-8")
    )
    return frozenset(d["acronym_method_heads"]), frozenset(d["acronym_not_method"])


def acronym_head_matches(text: str, heads: frozenset, words: frozenset | None = None) -> list:
    """The `_ACRONYM_HEAD.finditer(text)` matches whose character before is allowed and
    whose word (group 2) is one of `heads` (lower-case words), found from the heads
    instead of from every capital. Such a match starts on a capital after a character
    that is neither alphanumeric nor "-", so no other match can hold its start (their
    characters are capitals, digits, "-", blanks and lower-case letters) and the scan of
    the whole text tries it; its acronym runs from there to the blanks before the head.
    So each occurrence of a head after a blank gives one candidate start: back over the
    blanks, then over the alphanumerics and hyphens before them; the regex is matched
    there. `words` (`DocState.words`): a head written after a blank is one of them."""
    starts = set()
    for h in heads if words is None else heads & words:
        i = text.find(h)
        while i >= 0:
            if i and text[i - 1] in " \t":
                j = i - 1
                while j > 0 and text[j - 1] in " \t":
                    j -= 1
                k = j
                while k > 0 and (text[k - 1].isalnum() or text[k - 1] == "-"):
                    k -= 1
                if k < j:
                    starts.add(k)
            i = text.find(h, i + 1)
    out = []
    for k in sorted(starts):
        if k and text[k - 1] in _NOT_BEFORE_ACRONYM:
            continue
        m = _ACRONYM_HEAD.match(text, k)
        if m and m.group(2) in heads:
            out.append(m)
    return out


def acronyms_before_heads(
    text: str, rules: Rules, known, directory: str | None = None, words: frozenset | None = None
):
    """(start, end) of all-capital acronyms written right before a method head noun
    ("CBAM attention", "SGGX clustering") that nothing else knows."""
    heads, stop = load_acronym_heads(directory)
    for m in acronym_head_matches(text, heads, words):
        w = m.group(1)
        if w in stop or w in rules.not_names:
            continue
        if sum(map(str.isalpha, w)) < 2 or match_key(w) in rules.generic_keys or known(w):
            continue
        yield m.start(1), m.end(1)


# "achieves 97.1% clDice", "36.8 AP": a name right after a reported number is a measure
_VALUE_BEFORE = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s?%?[ \t]$")


def value_before(text: str, start: int) -> bool:
    """Is a reported number written right before `start` ("97.1% clDice")?"""
    return bool(_VALUE_BEFORE.search(text, max(0, start - 12), start))


# "MMLU-ProX-Lite", "HumanEval-X-Hard": a known benchmark or method name joined by hyphens
# to more capitalised chunks is a more specific name (the longest name wins)
_HYPHEN_TAIL = re.compile(r"(?:-[A-Z0-9][A-Za-z0-9]*(?:\.\d+)?)+(?![\w-])")


def hyphen_tail(text: str, end: int, rules: Rules) -> int:
    """The end of the hyphen-joined capitalised chunks right after `end` (or `end`)."""
    if not text.startswith("-", end):
        return end
    m = _HYPHEN_TAIL.match(text, end)
    if not m:
        return end
    parts = m.group()[1:].split("-")
    if any(p in rules.hyphen_stop or p in rules.not_names for p in parts):
        return end
    return m.end()


_PAREN_AFTER = re.compile(r"\s*\([^()\n]{1,40}\)")


def task_appositive(text: str, end: int, ev: Evidence) -> bool:
    """Does the text say right after a name (and its acronym) that it is a task or a
    problem ("We introduce X (XYZ), a new task that ...")?"""
    p = _PAREN_AFTER.match(text, end)
    return bool(ev.def_task_appositive.match(text, p.end() if p else end, end + 120))


_TASK_AFTER = re.compile(r"[ \t]+(?:task|problem|setting)(?![\w-])")


def short_alias_names_task(text: str, start: int, end: int, defined) -> bool:
    """An ambiguous short vocabulary alias (2-4 capitals, "VQA", "STS") not defined in
    the paper and written right before a singular "task"/"problem" names the task ("BBH
    tasks" are a benchmark's subtasks)."""
    w = text[start:end]
    if not (2 <= len(w) <= 4 and w.isupper()) or w in defined:
        return False
    return bool(_TASK_AFTER.match(text, end))


# "the Image-to-Recipe task", "Image-to-Recipe, the task of writing ..."
_CALLED_TASK = re.compile(r"[ \t]+(?:task|problem)(?![\w-])|,[ \t]+(?:the|a)[ \t]+task\b")


def called_a_task(text: str, end: int) -> bool:
    """Is the name ending at `end` called a task ("the X task", "X, the task of ...")?"""
    return bool(_CALLED_TASK.match(text, end))


_CAP_WORD_BEFORE = re.compile(r"(?<![\w-])([A-Z][a-z]+(?:-[A-Z][a-z]+)*) $")


def method_left_extension(text: str, start: int, sent_start: int, rules: Rules) -> int:
    """Where a capitalised known method's name really starts: over up to two capitalised
    words before it that are not a sentence's first word ("Weighted" Focal Loss,
    "Energy-Based" Direct Preference Optimization)."""
    if not text[start : start + 1].isupper():
        return start
    s = start
    for _ in range(2):
        m = _CAP_WORD_BEFORE.search(text, max(0, s - 30), s)
        if not m or m.start(1) <= sent_start or m.group(1) in rules.not_names:
            break
        s = m.start(1)
    return s


# -- Title-Case components named in passing (round 12) ----------------------------------
# (the run is group 1; the pattern opens on the space before it, which re finds with a C
# string search: a look-behind first made it try every position, ~5x the time)
_CAP_RUN = re.compile(
    r" (?<=[a-z,;] )((?:[A-Z][a-z]+|[A-Z][a-z]*(?:-[A-Za-z][a-z]*)+|[A-Z]{2,5}|[234]D)"
    r"(?: (?:[A-Z][a-z]+|[A-Z][a-z]*(?:-[A-Za-z][a-z]*)+|[A-Z]{2,5}|[234]D)){1,3})(?![\w-])"
)


@lru_cache(maxsize=4)
def load_title_case_heads(directory: str | None = None) -> frozenset:
    d = json.loads(
        (Path(directory or patterns_dir()) / "typing_evidence.json").read_text(encoding="utf-8")
    )
    return frozenset(d["title_case_method_heads"])


@lru_cache(maxsize=4)
def _heads_written(heads: frozenset) -> re.Pattern:
    """Any of the heads as written: most abstracts have none, and then the run scan is
    skipped (half the rule's time). The heads as a trie (`rules._alt`): re stops at every
    capital a head starts with, and tried each of the ~60 heads there in turn."""
    return re.compile(rf"(?:{_trie_alt(heads)})(?![\w-])")


@lru_cache(maxsize=4)
def _heads_lowered(heads: frozenset) -> frozenset | None:
    """The heads lower-cased, when every head is one capitalised ASCII word (else None)."""
    if all(re.fullmatch(r"[A-Z][a-z]+", h) for h in heads):
        return frozenset(h.lower() for h in heads)
    return None


def title_case_methods(
    text: str, start: int, rules: Rules, heads: frozenset, text_words: frozenset | None = None
):
    """(start, end) of Title-Case runs inside a sentence that end in a method head ("a new
    View Fusion Transformer", "employs a Next Strategy Classifier"): abstracts capitalise
    the components they name; a run after a lower-case word is no sentence start.
    `text_words` (`DocState.words`): a run's last word follows a space and precedes neither a
    word character nor "-", so lower-cased it is one of them; half the abstracts hold
    none of the heads even in lower case, and skip the regex test too."""
    lowered = _heads_lowered(heads) if text_words is not None else None
    if lowered is not None and text_words is not None and lowered.isdisjoint(text_words):
        return
    if not _heads_written(heads).search(text, start):
        return
    # (from the space before `start`: a run may start right there)
    for m in _CAP_RUN.finditer(text, max(0, start - 1)):
        words = m.group(1).split(" ")
        if words[-1] not in heads:
            continue
        if words[0] in rules.not_names or match_key(m.group(1)) in rules.generic_keys:
            continue
        yield m.start(1), m.end(1)


# "the Foo Bar (FB) and Baz datasets": a plural data head after a coordination (12)
_COORD_DATA_AFTER = re.compile(
    r"\s+(?:and|or)\s+(?:the\s+)?[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2}\s+"
    r"(?:datasets|benchmarks|corpora)(?![\w-])"
)


def definition_data_after(text: str, after: int) -> bool:
    """Does a data head follow a definition ("the Foo Bar (FB) dataset", "the Foo Bar (FB)
    and Baz datasets")? The name is a dataset however its long form ends. A plural right
    after it is a modifier ("Preference Optimization (PO) datasets": data for PO)."""
    return bool(_DATA_AFTER.match(text, after) or _COORD_DATA_AFTER.match(text, after))


_DATA_AFTER = re.compile(r"[ \t]+(?:dataset|benchmark|corpus|data\s+set)(?![\w-])")
