"""`kg_benchmarks`: benchmark and dataset names no vocabulary holds.

Rules: a `Bench`/`-bench` suffix (`HarmBench`, `GEO-Bench`, `SWE-bench Verified`); a
name followed by a benchmark head ("the CyberLayer benchmark", "the BabyLM challenge",
"CLPsych 2026 shared task"); name-shaped items listed after "on"/"across" in a sentence
that reports an evaluation ("evaluated on MATH500, HumanEval, and GPQA"). Round 18: a
known benchmark before a plural head (`known_plural`), the other names of a list ending in
a plural head (`head_lists`), a list that opens a sentence (`initial_lists`).
"""

from __future__ import annotations

import re

from spacy.language import Language

from kg.extract.head_lists import known_otherwise, listed_before, plain_word_elsewhere
from kg.extract.initial_lists import closed_items, overlaps_known
from kg.extract.known_plural import known_benchmark_named
from kg.extract.list_item_kinds import holds_other_kind
from kg.extract.names import capitalised, name_shaped, words_before, words_before_nearest
from kg.extract.rules import load_rules
from kg.extract.state import Cand, DocState, first_words, hint_regions, state_of
from kg.extract.title_heads import subtitle_description
from kg.extract.using_items import bare_using, used_as_data

_BENCH_SUFFIX = re.compile(
    r"(?<![\w@/-])((?:[A-Za-z0-9][\w.]*-)*[A-Z0-9][\w]*?(?:Bench|-bench|-Bench)(?:mark)?(?:-[A-Za-z0-9][\w.]*)*"
    r"(?:\s(?:Eval|Lite|Hard|Pro|Verified|Live|Multimodal|v?\d+(?:\.\d+)?))?)(?![\w-])"
)
_SUFFIX_HINTS = ("Bench", "-bench")  # every _BENCH_SUFFIX match holds one


def bench_suffix_matches(text: str) -> list[re.Match]:
    """`_BENCH_SUFFIX.finditer(text)`, scanned only around the hints: a match holds no
    whitespace before its hint and at most one whitespace and a word after the hint's
    chunk (`hint_regions` with one chunk after). ~50 us -> ~5 us on an abstract that says
    "Benchmark"."""
    return [
        m
        for a, b in hint_regions(text, _SUFFIX_HINTS, chunks_after=1)
        for m in _BENCH_SUFFIX.finditer(text, a, b)
    ]


# heads that are part of the proper name when they follow a plain-word name
_HEAD_IN_NAME = (
    "shared task",
    "Shared Task",
    "challenge",
    "Challenge",
    "Leaderboard",
    "Benchmark",
    "Dataset",
    "Corpus",
    "Suite",
    "Exam",
    "Examination",
)
_HEADS = (
    "benchmark suite",
    "benchmarks?",
    "datasets?",
    "data set",
    "corpus",
    "corpora",
    "suite",
    "leaderboard",
    "Leaderboard",
    "challenge",
    "Challenge",
    "shared task",
    "Shared Task",
    "testbed",
    "test set",
    "Benchmark",
    "Dataset",
    "Corpus",
    "Suite",
    "Exam",
    "Examination",
)
_PLURAL_HEADS = frozenset(("benchmarks", "datasets", "corpora"))
# before a name in front of a plural head: another name and a coordinator, or "the"
_NAMES_BEFORE = re.compile(
    r"(?:[A-Z0-9][\w.+/\-]*\)?\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)|(?<![\w-])[Tt]he\s+)$"
)
_HEAD_AFTER = re.compile(r"\s(?P<head>" + "|".join(_HEADS) + r")(?![\w-])")
# a coordinator right before the last name of a list: "X, Y and Z datasets" (a bare comma
# before a plain capitalised word is more often a clause break: "Bangla, Existing datasets")
_COORD_BEFORE = re.compile(r"\s(?:and|or|&)\s+$")
_HEAD_FIRST = first_words(h.replace("?", "") for h in _HEADS) | {"benchmark", "dataset"}
# not "in": what follows it names a setting, a format or a field far more often than data
# ("in FP16", "in TTS", "in REC tasks", "in non-English languages")
_LIST_CUES = (
    "on",
    "across",
    "over",
    "including",
    "include",
    "includes",
    "such as",
    "like",
    "namely",
    "using",
)
_LIST_START = re.compile(
    r"(?<![\w-])(?:On|Across|"
    + "|".join(c.replace(" ", r"\s+") for c in _LIST_CUES)
    + r")\s+(?:the\s+)?"
    r"(?P<head>(?:[a-z][\w\-]*\s+){0,4}?(?:benchmarks?|datasets?|tasks?|suites?)\s*(?:,|:)?\s*(?:"
    r"(?:including|such as|like|namely,?|e\.g\.,?|i\.e\.,?)\s+)?)?"
)
_LIST_FIRST = first_words(_LIST_CUES)
_EXAMPLE_CUES = ("such as", "like", "including", "include", "namely")
# the plural nouns an example list of benchmarks hangs from ("benchmarks such as X")
_DATA_NOUNS = frozenset(
    (
        "benchmarks",
        "datasets",
        "tasks",
        "suites",
        "corpora",
        "sets",
        "collections",
        "leaderboards",
        "environments",
        "games",
        "challenges",
        "competitions",
        "exams",
        "testbeds",
        "splits",
        "evaluations",
        "problems",
        "puzzles",
    )
)
# a gain or a comparison before "over": what follows is the system compared against
_GAIN_OVER = re.compile(
    r"(?:\d\s*(?:%|points?|pp|x|×)|(?<![\w-])(?:improv\w*|gains?|better|advantages?|speed-?ups?|"
    r"outperform\w*|superior\w*|margins?|boosts?|increases?|reductions?|wins?))[^.;:]{0,40}$"
)
_ITEM = re.compile(
    r"(?:the\s+)?([A-Za-z0-9][\w+]*(?:\.\d+)*(?:[-/][\w+]+(?:\.\d+)*)*(?:[ ](?:v?\d+"
    r"(?:\.\d+)?[A-Za-z]?|[A-Z][\w\-]*)){0,2})"
)
# a short gloss may follow an item: "Law-SG, Case-SG (legality), and Unfair-TOS (policy)"
_ITEM_SEP = re.compile(
    r"(?:\s*\((?![^()]*\d{4})(?![A-Z][\w\-]{0,7}\))[^()]{1,30}\))?\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+|\s*/\s*)"
)
_GAIN_IN = re.compile(
    r"(?:\d\s*%|\d\s*(?:points?|pp)|\d\s*×|\d\s*x)[^.;:]{0,20}?\s(?:in|of)\s+(?:terms\s+of\s+)?$"
)
_EXAMPLES_HEAD = re.compile(
    r"(?:benchmarks|datasets)\s*,?\s*(?:including|such\s+as|like|namely,?|e\.g\.,?)\s+$"
)
_CLAUSE_AFTER = re.compile(r"\s+(?!and\b|or\b)[a-z]")
# "on NaturalQuestions, Answer Consistency reduces tokens", "Trained on FooCorpus,
# BarLM has demonstrated": an item after a bare comma followed by a lower-case word that
# is no data noun starts the next clause (it is that clause's subject, not listed data)
_SUBJECT_AFTER = re.compile(
    r"\s+(?!(?:and|or|datasets?|benchmarks?|corpus|corpora|tasks?|suites?|splits?|sets?|subsets?|"
    r"test|data|respectively|tracks?|challenges?|leaderboards?|environments?|games?|domains?|"
    r"versions?|variants?|scenes?|models?|images|annotations|settings?|series|levels?)\b)"
    r"(?:[a-z]+ly\s+)?(?:is|are|was|were|has|have|had|can|could|will|would|may|shows?|[a-z]+(?:s|ed))\b"
)
_BARE_COMMA = re.compile(r"\s*,\s*")
_LAST_WORD = re.compile(r"([A-Za-z][\w\-]*)\s*,?\s*$")
_NON_ITEM_WORDS = frozenset("we our the a an this these its their both all each average".split())
_CUE_WORD = re.compile(r"[a-z\-]+")


def _first_item_ok(item: str, rules) -> bool:
    """Can this matched item be a listed name (not a plain word, number or pronoun)?"""
    name = item.rstrip(".")
    first = name.split()[0] if name.strip() else ""
    if not first or first.lower() in _NON_ITEM_WORDS or first in rules.not_names or first.islower():
        return False
    return not (first[:1].isdigit() or len(name) <= 2)


# "A" / "An" right before a title's words: "X: A Closed-Loop Benchmark for ..." (14)
_ARTICLE_BEFORE = re.compile(r"(?<![\w-])[Aa]n?\s+$")
# a word part that is a name by its letters: capitals inside ("ArXiv"), all capitals
# ("QA"), a digit ("4D")
_NAME_PART = re.compile(r"[a-z][A-Z]|[A-Z]{2}|\d")


def _described_in_title(text: str, start: int, name_ws: list[tuple[int, int, str]]) -> bool:
    """Are a title's words before a benchmark head a description after "A"/"An" ("A
    Closed-Loop Benchmark", "An End-to-End Dataset", "A Multi-task Benchmark"): no
    part of them written as a name (capitals inside, all capitals, digits)?"""
    if not _ARTICLE_BEFORE.search(text, max(0, start - 4), start):
        return False
    return not any(_NAME_PART.search(w) for _, _, w in name_ws)


# an edition's year inside a name: "SignEval 2025 CSLR challenge", "SemEval 2023 Task 3
# dataset", "The 2018 N2C2 Track 1 benchmark" (round 20)
_YEAR = re.compile(r"(?:19|20)\d\d")
# a task's or field's acronym: capitals only, no digit ("VSR", "STEM", "CXR VQA")
_TASK_ACRONYM = re.compile(r"[A-Z]{2,6}(?: [A-Z]{2,6})?")
# a numbered part of a shared task: "Track 1", "Task 3" (a stop word elsewhere)
_NUMBERED_PART = frozenset(("Track", "Task", "Subtask", "Phase"))
_THE_RIGHT_BEFORE = re.compile(r"(?<![\w-])[Tt]he\s+$")
# "a", "an", "another" and up to three lower-case words before a head's words ("a
# rigorously cleaned Talking-Listening dataset", "a new parallel English-Arabic corpus")
_INDEFINITE_BEFORE = re.compile(r"(?<![\w-])(?:[Aa]n?|[Aa]nother)\s+(?:[a-z][\w\-]*\s+){0,3}$")


def _described_after_article(text: str, start: int, name_ws: list[tuple[int, int, str]]) -> bool:
    """Are an abstract's words before a benchmark head, after an indefinite article, a
    description ("a challenging Novel View Synthesis benchmark", "an Olympiad-level
    dataset"): no part written as a name (capitals inside, all capitals, digits)? A name
    stays ("a self-processed Teeth3DS benchmark", "a DSIAC MWIR dataset")."""
    if not _INDEFINITE_BEFORE.search(text, max(0, start - 60), start):
        return False
    return not any(_NAME_PART.search(w) for _, _, w in name_ws)


# the lower-case word right after a list item
_NEXT_LOWER = re.compile(r"\s+([a-z]+)(?![\w-])")
_THE_BEFORE = re.compile(r"(?<![\w-])(?:on|from|using|with|of|in)\s+the\s+$", re.IGNORECASE)


class Benchmarks:
    def __init__(self, patterns_dir=None) -> None:
        self.rules = load_rules(patterns_dir)
        # plural head nouns of models and methods: a list they introduce names systems
        heads = set(self.rules.type_heads.get("Model", ())) | set(
            self.rules.type_heads.get("Method", ())
        )
        self._system_heads = frozenset(h + "s" for h in heads if " " not in h) | {
            "baselines",
            "llms",
            "vlms",
            "mllms",
        }

    def _suffix(self, st: DocState, text: str) -> None:
        for m in bench_suffix_matches(text):
            name = m.group(1)
            if name.lower() in ("bench", "benchmark", "benchmarks") or name.startswith(
                ("Benchmark", "benchmark")
            ):
                continue
            st.add(Cand(m.start(1), m.end(1), "Benchmark", "benchmark_suffix", 0.8, 48))

    def _heads(self, st: DocState, text: str) -> None:
        rules = self.rules
        for m in st.finditer_words(_HEAD_AFTER, _HEAD_FIRST, lead=1):
            # the name: the name-shaped/capitalised words right before the head (found
            # nearest first, as the loop asks for them: it mostly stops at the first)
            name_ws: list[tuple[int, int, str]] = []
            for s, e, w in words_before_nearest(text, m.start(), 5):
                if w in _NUMBERED_PART and len(name_ws) == 1 and name_ws[0][2].isdigit():
                    name_ws.append((s, e, w))  # "N2C2 Track 1 benchmark" (20)
                    continue
                if w in rules.not_names or w.lower() in _NON_ITEM_WORDS:
                    if (
                        name_ws
                        and w in rules.benchmark_name_prefixes
                        and not any(name_shaped(x, rules) for _, _, x in name_ws)
                    ):
                        name_ws.append((s, e, w))  # "the Korean Bar Exam dataset" (24m)
                    break
                if (
                    name_shaped(w, rules)
                    or capitalised(w)
                    or (
                        w[:1].isdigit()
                        and name_ws == []
                        and len(words_before(text, m.start(), 5)) > 1
                    )
                    or (_YEAR.fullmatch(w) and name_ws and not name_ws[-1][2][:1].isdigit())
                ):
                    name_ws.append((s, e, w))
                    continue
                break
            if not name_ws:
                continue
            name_ws.reverse()
            # no name across a sentence start ("... AI. MAPS dataset", round 20)
            s_open = st.sent_of(name_ws[-1][0])[0]
            name_ws = [w for w in name_ws if w[0] >= s_open]
            while name_ws and name_ws[0][2][:1].isdigit():
                if (
                    _YEAR.fullmatch(name_ws[0][2])
                    and len(name_ws) > 1
                    and any(name_shaped(w, rules) for _, _, w in name_ws[1:])
                    and _THE_RIGHT_BEFORE.search(text, max(0, name_ws[0][0] - 5), name_ws[0][0])
                ):
                    break  # "The 2018 ZQ2C2 Track 1 benchmark": the edition's year (20)
                name_ws.pop(0)
            if not name_ws or name_ws[0][2] in _NUMBERED_PART:
                continue  # (a bare "Track 3 datasets": a part of a challenge named elsewhere)
            s, e = name_ws[0][0], name_ws[-1][1]
            if s < st.title_len <= e:
                continue
            if (
                s < st.title_len
                and text[s:e].istitle()
                and not any(name_shaped(w, rules) for _, _, w in name_ws)
            ):
                continue  # Title Case words in the title are not names by themselves
            if s < st.title_len and _described_in_title(text, s, name_ws):
                continue  # "CALM: A Multi-task Benchmark for ...": a description (14)
            if subtitle_description(text, st.title_len, s, [w for _, _, w in name_ws]):
                continue  # "MCPVerse: An Expansive, Real-World Benchmark": a description (28)
            if s >= st.title_len and _described_after_article(text, s, name_ws):
                continue  # "a novel Hebrew-language corpus", "an Air-to-Ground dataset" (20)
            if (
                len(name_ws) == 1
                and not name_shaped(name_ws[0][2], rules)
                and name_ws[0][2][1:].islower()
                and st.sent_of(s)[0] == s
            ):
                # "Since benchmark scores ...": a sentence's first word is capitalised anyway
                continue
            head = m.group("head")
            if head in _PLURAL_HEADS and not _NAMES_BEFORE.search(text, max(0, s - 60), s):
                # "across multiple MVC benchmarks", "on three CGEC datasets": a kind of data
                # (a task, a field, a modality), unless the name is listed with others or
                # picked out ("the InterHand2.6M and Goliath datasets", "the CLEVR-Hans datasets");
                # nor is the word a method or model name elsewhere in the paper. A benchmark
                # the vocabulary knows, after a cue, stays ("on WebVoyager benchmarks")
                if not known_benchmark_named(st, text, s, e):
                    st.rejected_shorts.add(text[s:e])
                continue
            shaped = any(name_shaped(w, rules) for _, _, w in name_ws)
            if head in _HEAD_IN_NAME or (
                not shaped and head.lower() in ("corpus", "challenge", "shared task")
            ):
                e = m.end("head")
            elif (
                not shaped
                and len(name_ws) == 1
                and head.lower().startswith(("benchmark", "dataset"))
            ):
                # "the Adult dataset": a single plain capitalised word is a weak name
                pass
            prio = 47
            if (
                e < m.start("head")
                and head.lower() in ("dataset", "corpus")
                and _THE_BEFORE.search(text, max(0, s - 20), s)
            ):
                # "instruction tuning on the Tulu V2 dataset": the head noun right after
                # the name says what it names here, above a model family's version shape
                prio = 59
            st.add(Cand(s, e, "Benchmark", "benchmark_head", 0.75, prio))
            if (
                head in _PLURAL_HEADS
                and s >= st.title_len
                and (
                    shaped
                    or not plain_word_elsewhere(text, name_ws[0][2])
                    and _COORD_BEFORE.search(text, max(0, s - 8), s)
                )
            ):
                # "on Zorbix, Quandle, and Plimsoll benchmarks": the names listed with it
                for ls, le in listed_before(text, s, st.sent_of(s)[0], rules):
                    if not known_otherwise(st, ls, le):
                        st.add(Cand(ls, le, "Benchmark", "benchmark_head", 0.7, prio))

    def _lists(self, st: DocState, text: str) -> None:
        rules = self.rules
        cued: dict[int, bool] = {}  # sentence start -> does it hold an evaluation cue
        for m in st.finditer_words(_LIST_START, _LIST_FIRST):
            if m.start() < st.title_len:
                continue
            first = _ITEM.match(text, m.end())
            if not first or not _first_item_ok(first.group(1), rules):
                continue  # no list here (the cheap test first: most "on"/"in" start none)
            s0, s1 = st.sent_of(m.start())
            has_cue = cued.get(s0)
            if has_cue is None:
                has_cue = cued[s0] = bool(set(_CUE_WORD.findall(st.low, s0, s1)) & rules.eval_cues)
            if not has_cue:
                continue
            if _GAIN_IN.search(text, max(s0, m.start() - 30), m.end()):
                continue  # "improvements of 11.7% and 38.2% in mPrec, mRec": measures, not data
            before = _LAST_WORD.search(text, max(s0, m.start() - 30), m.start())
            if before and before.group(1).lower() in self._system_heads:
                continue  # "prior models like X", "baselines such as Y": systems, not data
            initial = text[m.start()].isupper()  # "On X and Y, Z achieves ..."
            if initial and m.group("head") is not None:
                continue  # "On five crack benchmarks, SegFlow ...": the subject follows
            cue = text[m.start() : m.start() + 9].lower()
            if (
                cue.startswith(_EXAMPLE_CUES)
                and m.group("head") is None
                and before
                and before.group(1).islower()
                and before.group(1) not in _DATA_NOUNS
            ):
                # "activations such as Sigmoid", "trend tests such as Mann-Kendall": not data
                continue
            if cue.startswith("over") and _GAIN_OVER.search(
                text, max(s0, m.start() - 60), m.start()
            ):
                continue  # "improves HOTA by 9 points over MOTR": a baseline, not data
            items = []
            pos = m.end()
            while pos < s1:
                im = _ITEM.match(text, pos)
                if not im:
                    break
                name = im.group(1).rstrip(".")
                e = im.start(1) + len(name)
                if not _first_item_ok(im.group(1), rules):
                    break
                items.append((im.start(1), e, name))
                sep = _ITEM_SEP.match(text, e)
                if not sep:
                    break
                pos = sep.end()
            if initial:
                items = [
                    it for it in closed_items(text, items) if not overlaps_known(st, it[0], it[1])
                ]
            if not items:
                continue
            shaped = [it for it in items if any(name_shaped(w, rules) for w in it[2].split())]
            if not shaped:
                continue
            # "instruction datasets, such as Evol-Instruct, ShareGPT": the list says what
            # its names are here, above the type a name has elsewhere (a method of that name)
            examples = bool(
                (
                    cue.startswith(_EXAMPLE_CUES)
                    and before
                    and before.group(1).lower() in ("datasets", "benchmarks", "corpora")
                )
                or _EXAMPLES_HEAD.search(m.group("head") or "")
            )
            if (
                len(items) > 1
                and _BARE_COMMA.fullmatch(text, items[-2][1], items[-1][0])
                and _SUBJECT_AFTER.match(text, items[-1][1])
            ):
                items.pop()
            tail = _NEXT_LOWER.match(text, items[-1][1])
            if tail and tail.group(1) in rules.benchmark_list_task_after:
                # "in the CNN setting", "across SNR conditions": settings, not data; before
                # "tasks" only acronyms ("on ASR, VSR, and AVSR tasks", "on STEM tasks"):
                # a suite's tasks stay ("on LM Harness tasks") (20)
                if not tail.group(1).endswith("tasks"):
                    continue
                items = [it for it in items if not _TASK_ACRONYM.fullmatch(it[2])]
                if not items:
                    continue
            using = bare_using(cue, m.group("head") is not None)
            for s, e, name in items:
                nxt = _NEXT_LOWER.match(text, e)
                if nxt and nxt.group(1) in rules.benchmark_list_system_after:
                    continue  # "over the Qordif baseline", "the X judge": a system (24m)
                if using and not used_as_data(st, text, s, e):
                    continue  # "optimized using GEPA", "using the PETSc library" (28)
                if holds_other_kind(st, s, e):
                    continue  # "68.56% on QvQ-Max", "by 3% on G-mAP": a system, a measure (28)
                conf = 0.6 if any(name_shaped(w, rules) for w in name.split()) else 0.45
                if examples and conf >= 0.6 and not _CLAUSE_AFTER.match(text, e):
                    # (not "..., OpenPlatypus, ZorbNet consistently outperforms": the subject)
                    st.add(Cand(s, e, "Benchmark", "benchmark_list", conf, 52, tconf=3))
                    continue
                st.add(
                    Cand(
                        s, e, "Benchmark", "benchmark_list", conf, 30 if conf < 0.6 else 35, tconf=1
                    )
                )

    def __call__(self, doc):
        st = state_of(doc)
        text = st.text
        self._suffix(st, text)
        self._heads(st, text)
        self._lists(st, text)
        return doc


@Language.factory("kg_benchmarks", default_config={"patterns_dir": None})
def make_benchmarks(nlp: Language, name: str, patterns_dir):
    return Benchmarks(patterns_dir)
