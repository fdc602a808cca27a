"""Proposals from the title: its leading name ("X: ..."), typed by the subtitle ("X: A
Family of Open LLMs", "X: Evaluating ..."), and a short title that is itself a name
("Krause Synchronization Transformers")."""

from __future__ import annotations

import re

from kg.extract.acronyms import best_long_form
from kg.extract.evidence import context_type, shape_type
from kg.extract.names import find_word, name_shaped
from kg.extract.proposal_scanner import ProposalScanner
from kg.extract.state import DocState
from kg.extract.typing_rules import head_type, infer_type

_LATEX = re.compile(r"\$?\\[a-zA-Z]+\{([^{}]*)\}\$?")
_SUBTITLE_STOP = frozenset(
    "for via with in on through to from by using under against without at towards toward "
    "and".split()
)
# "X: Evaluating ...", "X: Benchmarking ...": a title name the subtitle says measures things
_EVALUATING = frozenset("evaluating benchmarking assessing measuring".split())
_BENCHMARK_WORD = re.compile(r"(?<![\w-])benchmark(?![\w-])", re.IGNORECASE)
_MEASURE_LAST = frozenset("Score Scores Metric Index Law".split())  # "TIT-Score"
_OF_OK = frozenset("family suite series set collection".split())
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
# compiled once (`re.search` with a pattern string looks it up again on every call)
_TRAILING_PAREN = re.compile(r"\s*\([^()]*\)$")


def title_proposal(p: ProposalScanner, st: DocState, text: str) -> None:
    rules = p.rules
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
        or _subtitle_type(p, title[colon + 1 :])
        or _evaluating_title(p, title[colon + 1 :], abstract, inner)
    )
    st.proposals.append((start, start + len(inner), etype, "title", 0))


# gerunds of making: "X: Building the First Open-Source OCR Model" names what X is
_MAKING = frozenset(
    "building creating constructing developing introducing releasing training".split()
)


def _subtitle_type(p: ProposalScanner, subtitle: str) -> str | None:
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
    first = phrase[0]
    last, two = phrase[-1], " ".join(phrase[-2:])
    for t in ("Benchmark", "Model"):
        heads = p.rules.subtitle_heads[t]
        if last in heads or two in heads:
            if t == "Model" and len(phrase) > 1 and _acting_gerund(first):
                # "X: Empowering MLLMs with ...", "X: Aligning LLMs via ...": the models
                # are the gerund's object, what X acts on, not what X is
                return None
            return t
    return None


def _acting_gerund(word: str) -> bool:
    """A gerund that opens a subtitle as a verb ("Enhancing", "Teaching"), not one that
    names the making of the thing ("Building ... Model") or an adjective
    ("Self-Prompting ... Model")."""
    return word.endswith("ing") and "-" not in word and word not in _MAKING


def _evaluating_title(p: ProposalScanner, subtitle: str, abstract: str, inner: str) -> str | None:
    """ "TextBandit: Evaluating Probabilistic Reasoning in LLMs ..." with "We introduce a
    novel benchmark": a title name whose subtitle opens with Evaluating/Benchmarking/
    Assessing/Measuring, in an abstract that speaks of a benchmark, names the benchmark
    (not a measure, "TIT-Score: Evaluating ...", nor a known concept)."""
    first = subtitle.lstrip().split(" ", 1)[0].lower()
    if first not in _EVALUATING or _BENCHMARK_WORD.search(abstract) is None:
        return None
    if re.split(r"[\s-]", inner)[-1] in _MEASURE_LAST or p.vocab.lookup(inner):
        return None
    return "Benchmark"


def whole_title(p: ProposalScanner, st: DocState, text: str) -> None:
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
    if words[0].lower() in p.rules.title_stop or words[0].endswith("ing"):
        return
    start = text.find(title)
    st.proposals.append((start, start + len(title), "Method", "title", 0))
