"""Rule data from ontology/patterns/*.json, loaded once and compiled into regexes and
sets the components use. Code decides how a rule works; these files say which words."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.extract.normalise import match_key
from kg.extract.regex_factor import by_first_char
from kg.extract.state import first_words
from kg.paths import StrPath, ontology_dir


def patterns_dir() -> Path:
    return ontology_dir() / "patterns"


_COMMON = frozenset("we which our the this it to as a an of is".split())


def anchor_words(phrases) -> frozenset:
    """For each cue phrase one word it cannot match without (its first word that is not
    a function word: the verb of "we name this method"): a text holding none of them
    cannot match the phrase list, so the rule is skipped with one set intersection
    instead of a regex scan of the whole text."""
    out = set()
    for ph in phrases:
        ws = re.findall(r"[a-z][a-z0-9]*", ph.lower())
        rare = [w for w in ws if w not in _COMMON] or ws
        out.add(rare[0])
    return frozenset(out)


def _alt(words, flags_word=True) -> str:
    """Regex alternation of `words` (escaped, spaces matching any whitespace), factored
    as a trie ("propos(?:e(?:d|s)?)|..."): the same matches as a longest-first
    alternation (greedy optional tails backtrack), but Python's `re` tries far fewer
    branches at each position (~2.5x faster over a whole text)."""
    trie: dict = {}
    for w in {w for w in words if w}:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [
            (r"\s+" if ch == " " else re.escape(ch)) + emit(node[ch])
            for ch in sorted(k for k in node if k)
        ]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:  # a word ends here: the longer continuations are optional
            return (body if len(alts) > 1 else "(?:" + body + ")") + "?"
        return body

    return emit(trie)


@dataclass
class Rules:
    generic_keys: frozenset
    def_non_entity_heads: frozenset
    def_non_entity_suffixes: tuple  # "-graphy": a measurement technique (16)
    not_names: frozenset
    adjectival_suffixes: tuple
    adjectival_prefixes: tuple
    title_stop: frozenset
    proposal_verb_re: re.Pattern
    proposal_subject_re: re.Pattern
    proposal_verb_first: frozenset  # first words of the verbs: where proposal_verb_re can match
    gerund_re: re.Pattern
    standalone_naming_re: re.Pattern
    own_work_re: re.Pattern
    weak_verbs: frozenset
    release_after_re: re.Pattern  # ", a ... benchmark we release": the cue after the appositive
    naming_re: re.Pattern
    proposal_adjectives: frozenset
    type_heads: dict  # type -> set of lower-case head words/phrases
    type_head_re: dict  # type -> regex matching a head at the end of a phrase
    subtitle_heads: dict
    eval_cues: frozenset
    strict_eval_cues: frozenset
    purpose_cues: dict
    hardware: re.Pattern  # all device shapes, alternatives named h0, h1, ...
    hardware_needs_context: dict
    hardware_trigger: re.Pattern
    hardware_context: frozenset
    hardware_not_next: (
        re.Pattern
    )  # "L2 norm", "L2 cache": a short device name used for something else
    variant_words: frozenset
    hyphen_stop: frozenset
    model_endings_re: re.Pattern
    design_endings: tuple  # endings of architecture names: a Method unless sized (19)
    metric_heads: frozenset
    metric_modifier_ok: frozenset
    metric_no_modifier: frozenset
    metric_aggregate_words: frozenset
    metric_hyphen_no_first: frozenset
    metric_name_prefixes: frozenset  # "mean F-Score": part of the measure's name (29)
    at_k_re: re.Pattern
    metric_equals_re: re.Pattern
    metric_setting_words: frozenset
    metric_list_cue_re: re.Pattern
    metric_list_cue_first: frozenset
    metric_purpose_re: re.Pattern
    metric_purpose_verbs: frozenset  # the words metric_purpose_re needs one of
    units: dict
    measure_re: re.Pattern
    measure_window: int
    weak_metrics: frozenset
    weak_window: int
    metric_right_heads: frozenset
    metric_cue_words: frozenset  # weak words that a verb right next to them makes measured
    metric_cue_before_re: (
        re.Pattern
    )  # a comparison/measurement verb right before a weak metric word
    metric_frame_re: (
        re.Pattern
    )  # "as measured by X", "in terms of X": any weak word after it is measured
    metric_cue_after_re: re.Pattern  # ... or right after it
    benchmark_endings: tuple
    metric_value_paren_re: re.Pattern  # "the highest route validity score (71.4)" (13)
    metric_value_before_re: re.Pattern  # "a <mod> <mod> <head>" ending right before "of <value>"
    metric_value_after_re: re.Pattern  # "<value> <mod> <head>" right after a value verb
    metric_value_verb_re: re.Pattern
    metric_value_verb_first: frozenset
    # anchor words: a cue list's regex can only match where one of these words occurs
    gerund_anchors: frozenset = frozenset()
    naming_anchors: frozenset = frozenset()
    own_work_anchors: frozenset = frozenset()
    release_anchors: frozenset = frozenset()
    naming_first: frozenset = (
        frozenset()
    )  # first words of the cue phrases (DocState.finditer_words)
    own_work_first: frozenset = frozenset()
    # metrics.json 'aggregate_prefixes': "average", "overall" (a leaderboard label's
    # averaging word before a known measure)
    aggregate_prefixes: frozenset = frozenset()
    # metrics.json 'tool_heads': "a BLEU objective", "a KL regularization term"
    metric_tool_after_re: re.Pattern | None = None
    benchmark_list_system_after: frozenset = frozenset()  # "over X baseline" (24m)
    benchmark_list_task_after: frozenset = frozenset()  # "on A and B tasks" (round 20)
    noun_chain_before: frozenset = frozenset()  # "an increase in store visit ..." (24m)
    benchmark_name_prefixes: frozenset = frozenset()  # "the Korean Bar Exam dataset" (24m)
    metric_purpose_for_re: re.Pattern | None = None  # "for improved texture coherence" (24m)
    # metrics.json 'title_value_heads', 'title_value_stop': "94% Kappa Score" (28m)
    metric_title_value_heads: tuple = ()
    metric_title_value_stop: tuple = ()
    # metrics.json 'compared_*' (28m): (comparatives, heads, bare heads, modifier stops)
    metric_compared: tuple = ()
    # names.name_shaped's answers, word -> bool: the same words are tested many times
    shaped_memo: dict[str, bool] = field(default_factory=dict)


def _load(name: str, directory: Path) -> dict:
    return json.loads((directory / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def load_rules(directory: StrPath | None = None) -> Rules:
    d = Path(directory) if directory else patterns_dir()
    stop = _load("stoplist.json", d)
    cues = _load("cues.json", d)
    hw = _load("hardware.json", d)
    shapes = _load("model_shapes.json", d)
    met = _load("metrics.json", d)

    subj = _alt(cues["proposal_subjects"])
    verbs = _alt(cues["proposal_verbs"])
    # found verb first (few per text), then the subject just before it: far cheaper
    # than trying the subject alternation at every position
    proposal_verb_re = re.compile(rf"(?<![\w-])(?P<verb>{verbs})(?![\w-])\s*", re.IGNORECASE)
    proposal_subject_re = re.compile(
        rf"(?<![\w-])(?:{subj})\s+(?:(?!not\s)[a-z]{{3,}}\s+)?$",
        re.IGNORECASE,
    )
    gerund_re = re.compile(
        rf"(?:,\s*|\band\s+|\bby\s+)(?P<verb>{_alt(cues['gerund_proposal_verbs'])})\s+",
        re.IGNORECASE,
    )
    standalone_naming_re = re.compile(
        rf"(?<![\w-])(?<!so-)(?:{_alt(cues['standalone_naming_cues'])})\s+(?:\\[a-z]+\{{)?",
        re.IGNORECASE,
    )
    own_work_re = re.compile(
        rf"(?<![\w-])(?:{_alt(cues['own_work_phrases'])})\s*,\s*(?:(?:{_alt(cues['naming_cues'])})\s+)?",
        re.IGNORECASE,
    )
    naming_re = re.compile(rf"(?<![\w-])(?:{_alt(cues['naming_cues'])})\s*:?\s*", re.IGNORECASE)
    type_heads = {t: {w.lower() for w in ws} for t, ws in cues["type_heads"].items()}
    type_head_re = {
        t: re.compile(rf"(?:^|[\s\-])(?:{_alt(ws)})$", re.IGNORECASE)
        for t, ws in cues["type_heads"].items()
    }
    # one pass over the text: every device shape is an alternative named h<i>, all after
    # one look-behind (the same position for each: tested once, not once per shape)
    hardware = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(rf"(?P<h{i}>{s['re']})(?:s(?![\w]))?" for i, s in enumerate(hw["shapes"]))
        + ")"
    )
    hardware_needs_context = {
        f"h{i}": bool(s.get("needs_context")) for i, s in enumerate(hw["shapes"])
    }
    return Rules(
        gerund_anchors=anchor_words(cues["gerund_proposal_verbs"]),
        naming_anchors=anchor_words(cues["standalone_naming_cues"]),
        own_work_anchors=anchor_words(cues["own_work_phrases"]),
        release_anchors=anchor_words(cues["release_after_verbs"]),
        naming_first=first_words(cues["standalone_naming_cues"]),
        own_work_first=first_words(cues["own_work_phrases"]),
        generic_keys=frozenset(match_key(t) for t in stop["generic_terms"]),
        def_non_entity_heads=frozenset(w.lower() for w in stop["definition_non_entity_heads"]),
        def_non_entity_suffixes=tuple(stop.get("definition_non_entity_suffixes", [])),
        not_names=frozenset(stop["not_names"]),
        benchmark_name_prefixes=frozenset(stop.get("benchmark_name_prefixes", ())),
        adjectival_suffixes=tuple(stop.get("adjectival_suffixes", [])),
        adjectival_prefixes=tuple(stop.get("adjectival_prefixes", [])),
        title_stop=frozenset(w.lower() for w in stop["title_prefix_stopwords"]),
        proposal_verb_re=proposal_verb_re,
        proposal_subject_re=proposal_subject_re,
        proposal_verb_first=first_words(cues["proposal_verbs"]),
        gerund_re=gerund_re,
        standalone_naming_re=standalone_naming_re,
        own_work_re=own_work_re,
        weak_verbs=frozenset(cues["weak_proposal_verbs"]),
        release_after_re=re.compile(
            rf"(?<![\w-])we\s+(?:also\s+|newly\s+|publicly\s+)?"
            rf"(?:{_alt(cues.get('release_after_verbs', []))})"
            r"(?![\w-])(?!\s+(?:a|an|the|our|this|these|two|three|four|new|novel|it|them)\b)",
            re.IGNORECASE,
        ),
        naming_re=naming_re,
        proposal_adjectives=frozenset(cues["proposal_adjectives"]),
        type_heads=type_heads,
        type_head_re=type_head_re,
        subtitle_heads={
            t: [w.lower() for w in ws] for t, ws in cues["title_subtitle_heads"].items()
        },
        eval_cues=frozenset(cues["evaluation_cues"]),
        strict_eval_cues=frozenset(cues.get("strict_evaluation_cues", [])),
        purpose_cues={k: [w.lower() for w in v] for k, v in cues["hardware_purpose"].items()},
        hardware=hardware,
        hardware_needs_context=hardware_needs_context,
        # every alternative starts with a literal capital (tests/test_vocab.py): re then
        # scans for those first characters in C, ~2x faster than a lookahead in front
        hardware_trigger=re.compile(by_first_char(hw["trigger"])),
        hardware_context=frozenset(hw["context_words"]),
        hardware_not_next=re.compile(
            rf"[\s-]+(?:{_alt(hw.get('not_next_words', []))})(?![\w])", re.IGNORECASE
        ),
        variant_words=frozenset(shapes["variant_words"]),
        hyphen_stop=frozenset(shapes["hyphen_stop"]),
        model_endings_re=re.compile(rf"(?:{_alt(shapes['model_name_endings'])})$"),
        design_endings=tuple(shapes.get("design_name_endings", ())),
        metric_heads=frozenset(met["heads"]),
        metric_modifier_ok=frozenset(w.lower() for w in met["modifier_ok"]),
        metric_no_modifier=frozenset(met["no_modifier"]),
        metric_aggregate_words=frozenset(met.get("aggregate_words", [])),
        metric_hyphen_no_first=frozenset(met.get("hyphen_no_first", [])),
        metric_name_prefixes=frozenset(met.get("name_prefixes", [])),
        at_k_re=re.compile(met["at_k"]),
        metric_equals_re=re.compile(met["equals_value"]),
        metric_setting_words=frozenset(met.get("setting_words", [])),
        metric_list_cue_re=re.compile(
            rf"(?<![\w-])(?:{_alt(met.get('list_cues', []))})(?![\w-])"
            r"(?:\s+(?:for|of|on|in)\s+(?:both\s+)?[a-z][\w-]*)?(?=\s*\()"
        ),
        metric_list_cue_first=first_words(met.get("list_cues", [])),
        metric_purpose_verbs=frozenset(w.lower() for w in met.get("purpose_verbs", [])),
        metric_purpose_for_re=re.compile(
            rf"(?<![\w-])[Ff]or\s+(?:{_alt(met['purpose_for_words'])})\s+(?:[a-z][\w-]*\s+){{0,2}}$"
        )
        if met.get("purpose_for_words")
        else None,
        metric_purpose_re=re.compile(
            rf"(?:(?<![\w-])(?P<head>{_alt(met.get('purpose_heads', []))})\s+to|(?<![\w-])[Tt]o)"
            rf"\s+(?:[a-z]+ly\s+)?(?:{_alt(met.get('purpose_verbs', []))})\s+"
            r"(?:(?:the|their|its|our|high|low|both)\s+)?(?:[a-z][\w-]*\s+){0,2}$"
        ),
        units=met["units"],
        measure_re=re.compile(
            rf"(?<![\w-])(?:{_alt([c for c in met['measure_cues'] if c[0].isalnum()])})(?![\w-])|\d"
            rf"|%|×",
            re.IGNORECASE,
        ),
        measure_window=int(met.get("measure_window", 50)),
        weak_metrics=frozenset(w.lower() for w in met.get("weak", [])),
        weak_window=int(met.get("weak_window", 30)),
        aggregate_prefixes=frozenset(met.get("aggregate_prefixes", ())),
        metric_tool_after_re=re.compile(
            r"[ \t-]+(?:"
            + "|".join(re.escape(w) for w in sorted(met["tool_heads"], key=len, reverse=True))
            + r")(?![\w-])"
        )
        if met.get("tool_heads")
        else None,
        metric_right_heads=frozenset(met.get("right_heads", [])),
        noun_chain_before=frozenset(met.get("noun_chain_before", ())),
        metric_title_value_heads=tuple(met.get("title_value_heads", ())),
        metric_title_value_stop=tuple(met.get("title_value_stop", ())),
        metric_compared=(
            tuple(met["compared_before"]),
            tuple(met["compared_heads"]),
            frozenset(met.get("compared_bare_heads", ())),
            tuple(met.get("value_modifier_stop", ())),
        )
        if met.get("compared_before") and met.get("compared_heads")
        else (),
        metric_cue_words=frozenset(w.lower() for w in met.get("adjacent_words", [])),
        metric_cue_before_re=re.compile(
            rf"(?<![\w-])(?:{_alt(met.get('adjacent_cues', []))})(?:\s+"
            rf"(?:{_alt(met.get('adjacent_skip_words', []))})"
            rf"){{0,{int(met.get('adjacent_gap', 2))}}}\s+$",
            re.IGNORECASE,
        ),
        metric_frame_re=re.compile(
            rf"(?<![\w-])(?:{_alt(met.get('frame_cues', []))})(?:\s+"
            rf"(?:{_alt(met.get('adjacent_skip_words', []))})"
            rf"){{0,{int(met.get('adjacent_gap', 2))}}}\s+$",
            re.IGNORECASE,
        ),
        metric_cue_after_re=re.compile(
            rf"\s+(?:{_alt(met.get('adjacent_cues_after', []))})(?![\w-])", re.IGNORECASE
        ),
        benchmark_endings=tuple(cues.get("benchmark_name_endings", [])),
        benchmark_list_system_after=frozenset(cues.get("benchmark_list_system_after", ())),
        benchmark_list_task_after=frozenset(cues.get("benchmark_list_task_after", ())),
        **_value_frame(met),
    )


def _value_frame(met: dict) -> dict:
    """'a pairwise agreement rate of 71%', 'achieves 3.1 decoding efficiency': a measure
    named by one or two lower-case modifiers before a measure head, where a value is
    reported for it (metrics.json 'value_heads', 'value_verbs', 'value_modifier_stop')."""
    stop = _alt(met.get("value_modifier_stop", []))
    # (28m) or a hyphenated word with capitals or digits in it ("human-LLM agreement",
    # "Top-1 label accuracy"): the hyphen binds it to the name; not a name with inner
    # capitals ("ImageNet-1K Top-1 accuracy": a dataset before the measure)
    # (28m) and no adjective or verb by its ending ("achieved feasible classification
    # accuracy", "our model achieves accuracies of": metric_modifier_bad_endings, and
    # a third person's -s)
    bad = _alt(met.get("value_modifier_bad_endings", []))
    not_bad = rf"(?![a-z]*(?:{bad})\s)(?![a-z]*[^sui\s]s\s)" if bad else ""
    mod = (
        rf"(?!(?:{stop})(?![\w-])){not_bad}(?:[a-z][a-z\-]*[a-z]"
        r"|(?:[a-z][A-Za-z0-9]*|[A-Z][a-z0-9]*)-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)"
    )
    head = _alt(met.get("value_heads", []))
    # (12: "a high compression factor of 40x": a degree word before the name)
    skip = r"(?:(?:average|overall|relative|absolute|high|low|higher|lower)\s+)?"
    # (29) "mean" stays in a name of two or more words ("a mean trajectory error of
    # 0.41 m"), as metrics.json name_prefixes keeps it before vocabulary measures
    mean = r"(?:mean\s+)?"
    # (28m) where the name starts: after an article, or after a word or mark that cannot
    # be part of it ("with P1 errors of 38 mm", "(i.e., ontology-based similarity of 0.70")
    openers = _alt(met.get("value_name_openers", []))
    opener = rf"(?:(?:an?|the|its|their|our|{openers})\s+|[(,;:]\s*)" if openers else None
    opener = opener or r"(?:an?|the|its|their|our)\s+"
    return dict(
        metric_value_before_re=re.compile(
            rf"(?<![\w-]){opener}{skip}(?P<name>{mean}(?:{mod}\s+){{1,3}}(?:{head}))\s+of\s+"
            r"(?:(?:about|around|nearly|roughly|approximately|over|only|up\s+to)\s+)?$"
        ),
        metric_value_after_re=re.compile(
            rf"\s+{skip}(?P<name>{mean}(?:{mod}\s+){{1,3}}(?:{head}))(?![\w-])"
        ),
        # (13) "the highest route validity score (71.4)": the value in parentheses after the name
        metric_value_paren_re=re.compile(
            rf"(?<![\w-]){opener}(?:(?:highest|lowest|best)\s+)?{skip}"
            rf"(?P<name>{mean}(?:{mod}\s+){{1,3}}(?:{head}))\s+$"
        ),
        metric_value_verb_re=re.compile(
            rf"(?<![\w-])(?:{_alt(met.get('value_verbs', []))})\s+(?:(?:up\s+to|an?|over|only|"
            rf"nearly)\s+)?",
            re.IGNORECASE,
        ),
        metric_value_verb_first=first_words(met.get("value_verbs", [])),
    )
