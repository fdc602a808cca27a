"""Measures whose value changes "from A to B" (round 17).

"raises the appearance score from 3.4 to 3.7", "node recall rises from 78.1% to 93.8%",
"reduced the word error rate on the test set from 29.71% to 11.81%": a noun phrase whose
value is reported as changing between two numbers is a measured quantity (GUIDELINES: a
measure word is a Metric wherever the text reports it), whatever its name, so no
vocabulary or cue list has to know it. The frame is common in result sentences across
fields, which is why it is worth a rule of its own; the head test keeps out settings one
changes ("reduces the generation steps from 256 to 20"). Data: metric_changes.json.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.extract.evidence import MetricEvidence, noun_modifier
from kg.extract.rules import Rules, patterns_dir

# "from 29.71% to 11.81%", "from 0.4 m to 1.2 m", "from ~45 to 60": two numbers; or "by
# 12.5%", "by up to 3.2x", "by 4 points": a change of a stated size
_NUM = (
    r"(?:about\s+|approximately\s+|nearly\s+|over\s+|more\s+than\s+|up\s+to\s+|~\s?)?"
    r"[-+\u2212]?\d[\d.,]*"
)
_UNIT = r"\s?(?:%|x|\u00d7|times|-?fold|points?|pts|pp|percentage\s+points?|dB)(?![\w])"
# matched only where " from " / " by " stand (found with str.find: a scan of the whole
# text with a leading alternation or look-behind cost ~10x more, DocState.finditer_words
# ~2x more for words as common as these)
_FROM_TO = re.compile(rf"from\s+{_NUM}(?:\s?%|\s?[A-Za-z\u00b5]{{1,8}})?\s+to\s+{_NUM}")
_BY = re.compile(rf"by\s+{_NUM}{_UNIT}")
_SCANS = ((" from ", _FROM_TO), (" by ", _BY))
# "mean peak request tokens drop 23.9%", "non-disclosure exceeds 90%": a percentage
# right after a verb of change or level (metric_changes.json value_verbs), found from
# its "%" (str.find) and read backwards
_BARE_NUM = re.compile(r"(?<![\w.,])\d[\d.,]*\s?$")
# words of the phrase before "from": letters, digits, hyphens, inner dots ("Avg."
# stays out: a name's dot ends the sentence window)
_WORD = re.compile(r"[^\W\d_][\w\-'@]*|\d[\w\-'@]*[^\W\d_][\w\-'@]*")
_NEXT_NAME = re.compile(r"[ \t]+([\w@\-]+)")
_COORD = re.compile(r"(?:\s*,)?\s+(?:and\s+|as\s+well\s+as\s+)?(?:the\s+)?|\s*,\s*")
_BREAK = re.compile(r"[,;:()\[\]\"]")


@dataclass(frozen=True)
class ChangeRules:
    after_verbs: frozenset
    after_participles: frozenset
    value_verbs: frozenset
    before_verbs: frozenset
    prepositions: frozenset
    heads: frozenset
    not_heads: frozenset
    change_nouns: frozenset = frozenset()  # "a 31% reduction in ...": metric_change_nouns (29)
    change_words: frozenset = frozenset()  # their words as DocState.words splits them


@lru_cache(maxsize=4)
def load_change_rules(directory: str | None = None) -> ChangeRules:
    d = json.loads(
        (Path(directory or patterns_dir()) / "metric_changes.json").read_text(encoding="utf-8")
    )
    return ChangeRules(
        after_verbs=frozenset(d["after_verbs"]),
        after_participles=frozenset(d["after_participles"]),
        value_verbs=frozenset(d["value_verbs"]),
        before_verbs=frozenset(d["before_verbs"]),
        prepositions=frozenset(d["prepositions"]),
        heads=frozenset(w.lower() for w in d["heads"]),
        not_heads=frozenset(w.lower() for w in d["not_heads"]),
        change_nouns=frozenset(w.lower() for w in d.get("change_nouns", ())),
        change_words=frozenset(
            v for w in d.get("change_nouns", ()) for p in w.lower().split("-") for v in (p, p + "s")
        ),
    )


def _name_shaped(w: str) -> bool:
    """'ASSD', 'P99', 'mIoU', 'HD95': a measure written as a name."""
    return any(map(str.isupper, w[1:])) or (any(map(str.isdigit, w)) and any(map(str.isalpha, w)))


def _modifier(w: str, rules: Rules, me: MetricEvidence) -> bool:
    """A word that can stand in a measure's name before its head: a noun ('appearance'
    score), a listed modifier ('macro', 'KV'), or a lower-case hyphenated word
    ('multi-turn' score); not a possessive, determiner, adverb or adjective by ending."""
    lw = w.lower()
    if lw in rules.metric_modifier_ok:
        return True
    if not w.islower() or lw.endswith(("'s", "'")):
        return False
    if "-" in lw:
        return (
            lw not in rules.metric_no_modifier
            and lw.split("-", 1)[0] not in rules.metric_hyphen_no_first
            and not lw.endswith(rules.adjectival_suffixes)
        )
    return noun_modifier(w, rules, me) and not lw.endswith(me.left_bad_endings)


def _measure_span(
    words: list[str], cr: ChangeRules, rules: Rules, me: MetricEvidence, names: bool = True
) -> tuple[int, int] | None:
    """Word indices (i, j) of the measure's name inside a phrase, or None. `names`: a
    name-shaped head ("ASSD") may be the measure; not before a bare value ("ZorbNet-7B
    reaches 65.0%", "GPT-4o is 12% better": there the name is the system measured)."""
    j = len(words)
    if j >= 2 and words[-1].lower() in ("score", "scores") and _name_shaped(words[-2]):
        j -= 1  # "F1 scores" is F1 (metrics.json _doc_modifier_ok)
    if not j:
        return None
    head = words[j - 1]
    low = head.lower()
    if low in cr.not_heads:
        return None
    named = _name_shaped(head)
    if named and not names:
        return None
    if not (named or low in cr.heads or low in me.measure_words):
        return None
    i = j - 1
    while i > 0 and j - i < 4:
        w = words[i - 1]
        if named and w.lower() not in rules.metric_modifier_ok:
            break  # a name needs no modifier: "bicycle AP@50" is AP@50
        if not _modifier(w, rules, me):
            break
        i -= 1
    if j - i == 1 and not named:
        if low in rules.weak_metrics or low not in cr.heads:
            return None  # "reducing its size from 12B to 2B": one plain word names a setting
        if i and _name_shaped(words[i - 1]) or i and words[i - 1][:1].isupper():
            return None  # "the Dice score by 7 points": the name before it is the measure
    return i, j


def _percentages_after_verbs(text: str, verbs: frozenset) -> Iterator[tuple[int, int, bool]]:
    """(start, end, True) of each "<number>%" written right after one of `verbs`."""
    q = text.find("%")
    while q >= 0:
        m = _BARE_NUM.search(text, max(0, q - 16), q)
        if m:
            a = m.start()
            if a > 1 and text[a - 1] == " " and text[a - 2].islower():
                w0 = text.rfind(" ", max(0, a - 20), a - 1) + 1
                if text[w0 : a - 1].lower() in verbs:
                    yield a, q + 1, True
        q = text.find("%", q + 1)


def changed_measures(
    st, text: str, rules: Rules, me: MetricEvidence, directory: str | None = None
) -> Iterator[tuple[int, int]]:
    """(start, end) of the noun phrases whose value the text says moved "from A to B"."""
    cr = load_change_rules(directory)
    prev_end = -1  # where the last change of a stated size ended
    found = []
    for word, rx in _SCANS:
        i = text.find(word)
        while i >= 0:
            m = rx.match(text, i + 1)
            if m:
                found.append((m.start(), m.end(), False))
            i = text.find(word, i + 2)
    found += list(_percentages_after_verbs(text, cr.value_verbs))
    found.sort()
    for p, end, bare in found:
        after = _NEXT_NAME.match(text, end)
        if after and _name_shaped(after.group(1)):
            continue  # "improves X by 0.7 dB PSNR": the measure is named after the value
        s0 = st.sent_of(p)[0]
        lo = max(s0, p - 100)
        cut = [b.end() for b in _BREAK.finditer(text, lo, p)]
        if cut:
            lo = cut[-1]
        toks = [(w.start(), w.end(), w.group()) for w in _WORD.finditer(text, lo, p)]
        if not toks:
            continue
        if bare:
            if toks[-1][2].lower() not in cr.value_verbs:
                continue
            span = _after_verb(toks[:-1] + [(0, 0, "rises")], cr)
        else:
            span = _after_verb(toks, cr) or _before_verb(toks, cr)
        if span is None and prev_end >= 0 and _COORD.fullmatch(text, prev_end, toks[0][0]):
            # "lower refusal rates by up to 60.0%, answer safety by 82.5%, and ...": the
            # verb of the first change governs the items after it
            span = (0, len(toks))
        prev_end = end
        if span is None:
            continue
        i, j = span  # token indices of the phrase, j exclusive
        ws = _measure_span([t[2] for t in toks[i:j]], cr, rules, me, names=not bare)
        if ws is None:
            continue
        a, b = i + ws[0], i + ws[1]
        # the phrase's words stand next to each other and to what follows it ("REPA-XL/2
        # improves from 5.9 to 3.3" is no phrase "REPA-XL")
        if all(
            text[toks[k][1] : toks[k + 1][0]].isspace() for k in range(a, min(b, len(toks) - 1))
        ):
            yield toks[a][0], toks[b - 1][1]


def _after_verb(toks: list, cr: ChangeRules) -> tuple[int, int] | None:
    """'node recall rises from', 'the EIR was reduced from': the phrase before the verb."""
    k = len(toks) - 1
    if toks[k][2].lower() in cr.after_participles and k >= 1:
        k -= 1  # "was reduced", "is improved"
        if toks[k][2].lower() not in ("is", "was", "are", "were", "be", "been"):
            return None
    elif toks[k][2].lower() not in cr.after_verbs:
        return None
    j = k
    i = j
    while i > 0 and j - i < 4 and toks[i - 1][2][:1].isalnum():
        w = toks[i - 1][2].lower()
        if w in cr.before_verbs or w in cr.prepositions or w in ("and", "or", "the", "a", "an"):
            break
        i -= 1
    return (i, j) if i < j else None


def _before_verb(toks: list, cr: ChangeRules) -> tuple[int, int] | None:
    """'raises the appearance score from', 'reduced the word error rate on the test set
    from': the phrase right after the verb, up to a preposition or 'from'."""
    for v in range(len(toks) - 1, -1, -1):
        if toks[v][2].lower() in cr.before_verbs:
            break
    else:
        return None
    i = v + 1
    j = i
    while j < len(toks) and toks[j][2].lower() not in cr.prepositions:
        j += 1
    if j < len(toks):
        # what stands between the phrase and "from" is one prepositional phrase
        if any(t[2].lower() in cr.before_verbs for t in toks[j:]):
            return None
    return (i, j) if i < j else None
