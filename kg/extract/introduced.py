"""Names a paper introduces by phrasings the proposal cues (kg.extract.proposals) miss.

Round 15, from the misses on unseen papers (eval/round4):
- a named concept: "we introduce the notion of Whole Slide Difficulty (WSD)", "we define
  the concept of Neural Visibility" (the guidelines: a named concept a paper introduces is
  a proposed Method);
- the part at the core of the paper's own method: "At the core of Synthesis4AD is
  3D-DefectStudio, a ...", "Central to our approach is the Instruction-Region Alignment";
- a name after "the proposed" and a head noun: "The proposed synthesis method MPAS and the
  interactive system 3D-DefectStudio will be released".
Cue words are in ontology/patterns/introduced.json. Each rule needs a capitalised or
name-shaped name the vocabulary does not hold: a known name is used, not introduced.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from kg.extract.acronyms import best_long_form
from kg.extract.names import NAME_WORD, name_shaped, scan_name
from kg.extract.normalise import match_key
from kg.extract.rules import Rules
from kg.extract.state import DocState
from kg.extract.typing_rules import head_type
from kg.paths import StrPath, ontology_dir

# (start, end, type or None, rule, evidence offset): DocState.proposals' shape
Found = tuple[int, int, str | None, str, int]

# a named concept is proposed, but it is not the paper's method ("our method" means
# the method it introduces next: kg.extract.contribution)
CONCEPT_RULE = "proposal_concept"

_ARTICLE = re.compile(r"(?:the|a|an|our)\s+(?:(?:new|novel)\s+)?", re.IGNORECASE)
_NAME_WORD = re.compile(NAME_WORD)
# inside a name: "a small VLM to DTW", "(3) Designing an FP-IoU loss" are no names
_FUNCTION_WORDS = frozenset("to from for with in on by as at into than a an the".split())
_AND_ARTICLE = re.compile(r"\s+(?:and|or)\s+(?:an?|the)\s+")
_LOWER_WORD = re.compile(r"[a-z][a-z\-]*[a-z]\s+")
_OWN_OPENER = re.compile(r"[Oo]ur |It |This |proposed ")
_PROPOSED = frozenset(("proposed",))
_THE_OUR_BEFORE = re.compile(r"(?<![\w-])(?:[Tt]he|[Oo]ur)\s+$")
_AND_ONE = re.compile(r",?\s+(?:and|as well as)\s+(?:the\s+|our\s+|an?\s+)?")


def _alt(words: list[str]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


class IntroducedRules:
    """The compiled cues of introduced.json."""

    def __init__(self, data: dict) -> None:
        self.notion = re.compile(
            rf"(?<![\w-])(?:{_alt(data['notion_verbs'])})\s+(?:the|a|a\s+new|a\s+novel)\s+"
            rf"(?:{_alt(data['notion_nouns'])})\s+of\s+",
            re.IGNORECASE,
        )
        self.notion_anchors = frozenset(data["notion_nouns"])
        # the scans run only where a cue's first word occurs (DocState.finditer_words): a
        # regex opening on a look-behind and an alternation is tried at every position
        self.notion_firsts = frozenset(w.split()[0] for w in data["notion_verbs"])
        own = _alt(data["own_words"])
        # opens on its rare word ("core", "heart", "central"): "At the core of X is Y"
        self.core = re.compile(
            rf"(?:{_alt(data['core_words'])})\s+(?:of|to)\s+"
            rf"(?:(?P<own>(?:{own})\s+[a-z][\w\-]*)|(?P<name>[A-Z][\w\-+.]*[\w+]))"
            r"\s+(?:is|lies|are|lie)\s+",
            re.IGNORECASE,
        )
        self.core_firsts = frozenset(data["core_words"])
        n = int(data["max_head_words"])
        self.proposed = re.compile(rf"proposed\s+((?:[a-z][\w\-]*\s+){{1,{n}}})")
        self.max_head_words = n
        # a sentence whose subject is the paper's method: "CurveStream evaluates", "Our
        # framework integrates", "It uses" (after an opener: "Based on this insight, ")
        self.own_subject = re.compile(
            r"(?:[A-Z][\w\s\-]{0,60}?,\s+)?"
            r"(?:(?P<name>[A-Z][\w\-+.]*[\w+])|(?:[Oo]ur|[Tt]he proposed|[Tt]his)\s+"
            rf"(?:{_alt(data['own_heads'])})|It)\s+(?!is\b|was\b|has\b)[a-z]{{3,}}s\b"
        )
        # "a/an" and up to three lower-case words, or an enumeration mark, before a name
        self.a_item = re.compile(r"an?\s+(?:[a-z][\w\-]*\s+){0,3}(?=[A-Z])")
        self.enum_item = re.compile(r"\((?:\d|i{1,3}|iv|v)\)\s*(?=[A-Z])")
        self.title_case_stop = frozenset(data["title_case_stop"])
        self.indefinite_before = re.compile(r"(?<![\w-])[Aa]n?\s+(?:[a-z][\w\-]*\s+){0,3}$")
        heads = _alt(data["component_heads"])
        self.component_after = re.compile(rf"\s+(?:{heads})(?![\w-])")
        self.part_heads = frozenset(data["component_heads"]) | frozenset(data["part_heads"])
        # the defined name acts: "X (Y) recurrently refines" (not "is", "has", "was")
        self.acts_after = re.compile(
            r"\s+(?:\w+ly\s+|further\s+|also\s+|then\s+)?(?!(?:is|has|was|does|across|towards|whereas|versus|besides|thus|this|plus)\b)[a-z]{3,}s\b"
        )


@lru_cache(maxsize=4)
def load_introduced_rules(directory: StrPath | None = None) -> IntroducedRules:
    d = Path(directory) if directory else ontology_dir() / "patterns"
    return IntroducedRules(json.loads((d / "introduced.json").read_text(encoding="utf-8")))


def _new_name(
    text: str, span: tuple[int, int] | None, rules: Rules, known: Callable[[str], object]
) -> bool:
    """A capitalised name (two or more capitalised words, or a name-shaped one) that no
    vocabulary holds: what a paper can introduce."""
    if span is None:
        return False
    name = text[span[0] : span[1]]
    words = name.split()
    if (
        not words
        or not (words[0][:1].isupper() or words[0][:1].isdigit())
        or name in rules.not_names
        or match_key(name) in rules.generic_keys
        or known(name)
    ):
        return False
    return any(name_shaped(w, rules) for w in words) or (
        len(words) >= 2 and all(w[:1].isupper() for w in words if len(w) > 3)
    )


def notion_names(st: DocState, text: str, rules: Rules, ir: IntroducedRules, known) -> list[Found]:
    """ "we introduce the notion of Whole Slide Difficulty (WSD)": a named concept."""
    if st.words.isdisjoint(ir.notion_anchors) or "of" not in st.words:
        return []
    out: list[Found] = []
    for m in st.finditer_words(ir.notion, ir.notion_firsts, st.abstract_start):
        span = scan_name(text, m.end(), rules)
        if _new_name(text, span, rules, known) and span is not None:
            out.append((span[0], span[1], "Method", CONCEPT_RULE, m.start()))
    return out


def core_names(st: DocState, text: str, rules: Rules, ir: IntroducedRules, known) -> list[Found]:
    """ "At the core of Synthesis4AD is 3D-DefectStudio", "Central to our approach is the
    X": the part at the core of the paper's own method (said by "our / this / the proposed"
    or by a name the paper proposes)."""
    if st.words.isdisjoint(ir.core_firsts):
        return []
    own_names = {text[s:e] for s, e, *_ in st.proposals}
    out: list[Found] = []
    for m in st.finditer_words(ir.core, ir.core_firsts, st.abstract_start):
        if m.group("name") and m.group("name") not in own_names:
            continue
        pos = m.end()
        art = _ARTICLE.match(text, pos)
        if art:
            pos = art.end()
        span = scan_name(text, pos, rules)
        if span is None or span[1] > st.sent_of(m.start())[1]:
            continue
        if _new_name(text, span, rules, known):
            out.append((span[0], span[1], None, "proposal_part", m.start()))
    return out


def proposed_headed(
    st: DocState, text: str, rules: Rules, ir: IntroducedRules, known
) -> list[Found]:
    """ "the proposed synthesis method MPAS and the interactive system 3D-DefectStudio": a
    name-shaped word after "the/our proposed" and lower-case words ending in a head noun,
    and one more joined to it by "and" the same way."""
    if "proposed" not in st.words:
        return []
    out: list[Found] = []
    for m in st.finditer_words(ir.proposed, _PROPOSED, st.abstract_start):
        if not _THE_OUR_BEFORE.search(text, max(0, m.start() - 5), m.start()):
            continue  # "the/our proposed"
        heads, pos = m.group(1).split(), m.end(1)
        while True:
            t = head_type(heads[-1:], rules)
            w = _NAME_WORD.match(text, pos)
            if t is None or w is None or not name_shaped(w.group(), rules):
                break
            # the whole name from its name-shaped first word ("S3 RIQA", 15)
            span = scan_name(text, pos, rules) or (w.start(), w.end())
            name = text[span[0] : span[1]]
            if known(name) or name in rules.not_names:
                break
            out.append((span[0], span[1], t, "proposal_part", m.start()))
            nxt = _AND_ONE.match(text, span[1])
            if nxt is None:
                break
            heads, pos = [], nxt.end()
            while len(heads) < ir.max_head_words:
                lw = _LOWER_WORD.match(text, pos)
                if lw is None:
                    break
                heads.append(lw.group().strip())
                pos = lw.end()
            if not heads:
                break
    return out


def indefinite_parts(
    st: DocState, text: str, rules: Rules, ir: IntroducedRules, known
) -> list[Found]:
    """ "an ... attention mechanism with a Spatial Geometric Transform (SGT) recurrently
    refines ...", "constructed via a Structured Concept-Grounded Refinement (SCGR)
    pipeline": after the paper's first proposal, a Title-Case defined name no vocabulary
    holds ("a CSI regression (CSI-R) module" is described, not named), brought in by
    "a/an" (a new thing, not one named before) and acting or followed by a component head
    noun, is a part of the paper's method."""
    if not st.proposals or not st.definitions:
        return []
    evs = [ev for _s, _e, _t, rule, ev in st.proposals if rule != "title"]
    if not evs:
        return []
    first = min(evs)
    after = st.sent_of(first)[1]
    own = {text[s:e] for s, e, *_ in st.proposals}
    out: list[Found] = []
    for ss, se, ls, le in st.definitions:
        if ls < after or ls > ss:
            continue  # before the proposal, or "ACR (Long Form)"
        s0 = st.sent_of(ls)[0]
        if not ir.indefinite_before.search(text, max(s0, ls - 60), ls):
            continue
        name = text[ls:le]
        if not all(w[:1].isupper() for w in name.split() if len(w) > 3):
            continue  # "a new medical evaluation benchmark (MIBE)": described, not named
        if name in own or name in rules.not_names or known(name) or known(text[ss:se]):
            continue
        end = max(se, le) + 1
        if ir.component_after.match(text, end) or ir.acts_after.match(text, end):
            out.append((ls, le, None, "proposal_part", ls))
    return out


# "we propose a new training paradigm, " right before a defined name: the verb's object
# described in lower case, then named by the apposition
_DESCRIBED_THEN_NAMED = re.compile(
    r"(?:(?<![\w-])[Ww]e|[Tt]his\s+(?:paper|work|study))\s+(?:[a-z]+ly\s+|also\s+|further\s+)?"
    r"(?:propose|proposes|introduce|introduces|present|presents|develop|develops|design|designs)"
    r"\s+an?\s+(?:[a-z][\w\-]*\s+){0,5}[a-z][\w\-]*,\s+$"
)


def appositive_definitions(
    st: DocState, text: str, rules: Rules, ir: IntroducedRules, known
) -> list[Found]:
    """ "we propose a new training paradigm, Hard Label for Alleviating Local Semantic
    Drift (HALD), which": a Title-Case defined name in apposition to the proposal verb's
    lower-case object is what the paper proposes (the cue rules stop at the first head
    noun of the object, here "training", and find no name after it)."""
    out: list[Found] = []
    for ss, se, ls, le in st.definitions:
        if ls < st.abstract_start or ls > ss:
            continue  # in the title, or "ACR (Long Form)"
        s0 = st.sent_of(ls)[0]
        if text[ls - 2 : ls] != ", " or not _DESCRIBED_THEN_NAMED.search(
            text, max(s0, ls - 120), ls
        ):
            continue
        name = text[ls:le]
        if not all(w[:1].isupper() for w in name.split() if len(w) > 3):
            continue  # "a new method, tile-aware routing (TAR)": not this rule's
        if name in rules.not_names or known(name) or known(text[ss:se]):
            continue
        out.append((ls, le, None, "proposal", ls))
    return out


def _items(ir: IntroducedRules, text: str, pos: int, end: int) -> list[tuple[int, bool]]:
    """(where the name starts, enumerated?) after each "a/an" (+ up to three lower-case
    words) and each "(1)" before a capitalised word in text[pos:end], found with
    `str.find` (a regex opening on a look-behind is tried at every position)."""
    out = []
    for art in (" a ", " an "):
        i = text.find(art, pos - 1, end)
        while i >= 0:
            m = ir.a_item.match(text, i + 1, end)
            if m:
                out.append((m.end(), False))
            i = text.find(art, i + 2, end)
    i = text.find("(", pos, end)
    while i >= 0:
        m = ir.enum_item.match(text, i, end)
        if m:
            out.append((m.end(), True))
        i = text.find("(", i + 1, end)
    return sorted(out)


def own_sentence_parts(
    st: DocState, text: str, rules: Rules, ir: IntroducedRules, known
) -> list[Found]:
    """ "CurveStream evaluates semantic intensity via a Curvature Score", "Pixelis trains
    in three phases: (1) Supervised Fine-Tuning learns ...; (2) Curiosity Reward
    Fine-Tuning optimizes ...": in a sentence after the first proposal whose subject is
    the paper's method (a name it proposes, "our method", "it"), a Title-Case phrase
    brought in by "a/an", or an enumerated one that acts, is a part of the method."""
    evs = [ev for _s, _e, _t, rule, ev in st.proposals if rule != "title"]
    if not evs:
        return []
    own = {text[s:e] for s, e, *_ in st.proposals}
    first = st.sent_index(min(evs))
    out: list[Found] = []
    for s0, s_end in st.sents[first + 1 :]:
        if _OWN_OPENER.search(text, s0, min(s_end, s0 + 90)) is None and not any(
            0 <= text.find(n, s0, s0 + 90) for n in own
        ):
            continue  # no subject the regex below could match: skip it cheaply
        m = ir.own_subject.match(text, s0, s_end)
        if m is None:
            continue
        if m.group("name") and m.group("name") not in own:
            continue
        for item_end, enum in _items(ir, text, m.end(), s_end):
            span = scan_name(text, item_end, rules)
            if span is None or span[1] > s_end:
                continue
            cut = _AND_ARTICLE.search(text, span[0], span[1])
            if cut:  # "a Perception Agent and an Emergency Decision Agent": two names
                span = (span[0], cut.start())
            name = text[span[0] : span[1]]
            words = name.split()
            if (
                len(words) < 2
                or not all(w[:1].isupper() for w in words if len(w) > 3)
                or not _FUNCTION_WORDS.isdisjoint(words)  # "lifting a small VLM to DTW"
                or words[0] in ir.title_case_stop
                or name in own
                or not _new_name(text, span, rules, known)
            ):
                continue
            if enum:
                if not ir.acts_after.match(text, span[1]):
                    continue
            elif not (
                words[-1].lower() in ir.part_heads or ir.component_after.match(text, span[1])
            ):
                # "SCALE builds a ... Conditional Variational Autoencoder", "utilizes a
                # Pyramid Vision Transformer v2 backbone": a kind of thing the method uses
                continue
            if text[span[1] : span[1] + 2].strip(" ")[:1] == "(":
                continue  # a defined name: the definition rules' (indefinite_parts)
            # the type from the last word ("a Curvature Score": a metric), else the resolver's
            out.append((span[0], span[1], head_type(words[-1:], rules), "proposal_part", s0))
            own.add(name)
    return out


_DESCRIBED_AFTER = re.compile(r"\s*(?:,\s+(?:which|a|an)\s|\()")


# vocabularies gathered from papers, the introducing paper among them: the mined one
# (the corpus) and Papers with Code's data sets, which list a paper's own data set under
# its name ("we build COCO-Facet, a COCO-based benchmark"; round 19)
_FROM_PAPERS = frozenset(("mined", "pwc"))


def mined_but_introduced(vocab, cid: str, text: str, span: tuple[int, int], obj: int) -> bool:
    """ "we further introduce MiroThinker-H1, which extends ...": a name only the mined
    vocabulary holds (mined from the corpus, where the paper that introduces it is too)
    is still introduced when it is the proposal verb's direct object and described right
    after it (", which", ", a ...", "(...)"); a curated name ("we introduce GPT-4 into")
    never is."""
    return (
        span[0] == obj
        and vocab.by_id[cid].source in _FROM_PAPERS
        and _DESCRIBED_AFTER.match(text, span[1]) is not None
    )


_APPOSITIVE_AFTER = re.compile(r",\s+(?:a|an)\s")
_ACRONYM = re.compile(r"[A-Z]{2,5}")


def acronym_collision(
    vocab, cid: str, st: DocState, span: tuple[int, int], obj: int, etype: str | None
) -> bool:
    """ "we propose DMC, a simple yet effective two-stage framework": a short acronym
    the vocabulary holds as another kind of concept's alias ("DMC", the DeepMind Control
    Suite, a benchmark) is the paper's own name when it is the proposal verb's direct
    object, an appositive right after it says it is another kind of thing (a framework:
    a Method), the concept's own label is nowhere in the text and the title does not
    spell it (then the title's name is the one: "End-to-End Vision Tokenizer Tuning" for
    ETT). An acronym is short: many papers coin the same one."""
    text = st.text
    name = text[span[0] : span[1]]
    if span[0] != obj or etype is None or not _ACRONYM.fullmatch(name):
        return False
    concept = vocab.by_id[cid]
    return (
        concept.type != etype
        and concept.label != name
        and concept.label.lower() not in st.low
        and _APPOSITIVE_AFTER.match(text, span[1]) is not None
        and best_long_form(name, text[: st.title_len]) is None
    )


_VERSION_OF = re.compile(
    r",\s+an?\s+(?:[a-z]+\s+){0,2}(?:version|variant|extension)\s+of\s+(?P<of>[A-Za-z][\w\-+.]*\w)"
)


def version_type(st: DocState, text: str, end: int) -> str | None:
    """ "we introduce DMC-OT, an enhanced version of DMC": a version of a name the paper
    proposes is the same kind of thing (not what the vocabulary may call a look-alike)."""
    m = _VERSION_OF.match(text, end)
    if m is None:
        return None
    of = m.group("of")
    return next((t for s, e, t, *_ in st.proposals if t and text[s:e] == of), None)


def introduced_names(
    st: DocState, text: str, rules: Rules, ir: IntroducedRules, known
) -> list[Found]:
    """All the rules' finds not already proposed at the same span."""
    taken = {(s, e) for s, e, *_ in st.proposals}
    out = []
    for found in (
        notion_names(st, text, rules, ir, known),
        core_names(st, text, rules, ir, known),
        proposed_headed(st, text, rules, ir, known),
        indefinite_parts(st, text, rules, ir, known),
        own_sentence_parts(st, text, rules, ir, known),
        appositive_definitions(st, text, rules, ir, known),
    ):
        for f in found:
            if (f[0], f[1]) not in taken:
                taken.add((f[0], f[1]))
                out.append(f)
    return out
