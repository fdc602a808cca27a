"""Per-document working state shared by the pipeline components (`doc._.kg`).

Everything here is plain Python data; `Extractor` turns the final state into plain
tuples (workers) and then into `kg.models.Extraction`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import compress

from spacy.tokens import Doc

SEP = "\n\n"
_WORDS = re.compile(r"[a-z][a-z0-9]*")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_SPACE = re.compile(r"\s")
# `words` of an ASCII text without a regex per word: every character but [a-z0-9] made a
# space, the text split; `_WORDS` starts a word at a letter, so a run led by digits
# ("7b", "2024") gives its part from the first letter on ("b") or nothing
_NON_WORD_TO_SPACE = str.maketrans(
    {chr(i): " " for i in range(128) if not ("0" <= chr(i) <= "9" or "a" <= chr(i) <= "z")}
)
# the same map as a 256-byte table for `bytes.translate`: every byte has its entry (the
# `str` table has none for [a-z0-9], and `str.translate` raises and catches a KeyError
# for each such character first seen in a call: half the cost of the call)
_NON_WORD_TO_SPACE_BYTES = bytes(
    32 if b in _NON_WORD_TO_SPACE or b > 127 else b for b in range(256)
)
_DIGIT_LED = re.compile(r" [0-9][a-z0-9]*")  # (a literal first: re scans for it in C)
_DIGITS = " 0123456789"


def words_of(low: str) -> frozenset:
    """`frozenset(_WORDS.findall(low))` for a lower-cased text, ~30% fewer instructions
    on an ASCII one (`findall` tries its class at every character and builds a match
    per word; `str.translate` and `split` run in C)."""
    if not low.isascii():
        return frozenset(_WORDS.findall(low))
    spaced = " " + low.encode("ascii").translate(_NON_WORD_TO_SPACE_BYTES).decode("ascii")
    digit_led = _DIGIT_LED.findall(spaced)
    if not digit_led:
        return frozenset(spaced.split())  # (no set built first only to be copied)
    words = set(spaced.split())
    words.difference_update([d[1:] for d in digit_led])
    words.update([w for w in (d.lstrip(_DIGITS) for d in digit_led) if w])
    return frozenset(words)


def hint_regions(text: str, hints, chunks_after: int = 0) -> list[list[int]]:
    """Where a regex whose every match holds one of `hints` can match, for a regex that
    matches no whitespace before its hint: from the start of each hint's whitespace-free
    chunk to the end of that chunk and `chunks_after` more; overlapping regions merged,
    in order. Each region ends on whitespace or the text's end, and a regex's lookbehind
    sees the text before it, so `regex.finditer(text, a, b)` over the regions gives the
    matches of the whole-text scan at a fraction of the cost."""
    regions: list[list[int]] = []
    for hint in hints:
        i = text.find(hint)
        while i >= 0:
            a = i
            while a > 0 and not text[a - 1].isspace():
                a -= 1
            end = i
            for n in range(chunks_after + 1):
                m = _SPACE.search(text, end + 1 if n else end)
                if m is None:
                    end = len(text)
                    break
                end = m.start()
            regions.append([a, end])
            i = text.find(hint, i + 1)
    regions.sort()
    merged: list[list[int]] = []
    for a, b in regions:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return merged


def first_words(phrases) -> frozenset:
    """The first word (as `DocState.words` splits words) of each phrase, lower-cased:
    the anchors `DocState.finditer_words` needs for a regex that starts with a phrase."""
    out = set()
    for ph in phrases:
        m = _WORDS.match(ph.lower())
        if m:
            out.add(m.group())
    return frozenset(out)


def cue_words(phrases) -> tuple[tuple[str, frozenset], ...]:
    """(first word, all words) of each phrase, as `DocState.words` splits them: for
    `DocState.present_firsts`, the anchors of only those phrases whose words all occur."""
    out = []
    for ph in phrases:
        ws = _WORDS.findall(ph.lower())
        if ws:
            out.append((ws[0], frozenset(ws)))
    return tuple(out)


# id(cues) -> (cues, their first words, their word sets): `present_firsts`' columns
_COLUMNS: dict[int, tuple[tuple, tuple[str, ...], tuple[frozenset, ...]]] = {}


def _cue_columns(
    cues: tuple[tuple[str, frozenset], ...],
) -> tuple[tuple[str, ...], tuple[frozenset, ...]]:
    """`cue_words`' pairs as two columns, computed once per cue tuple (kept with it, so
    its id is not reused)."""
    got = _COLUMNS.get(id(cues))
    if got is None or got[0] is not cues:
        got = _COLUMNS[id(cues)] = (
            cues,
            tuple(first for first, _ in cues),
            tuple(ws for _, ws in cues),
        )
    return got[1], got[2]


class Cand:
    """A candidate mention: char span, type, linked concept (if known), rule, priority."""

    __slots__ = (
        "start",
        "end",
        "type",
        "cid",
        "source",
        "conf",
        "prio",
        "broader",
        "text",
        "tconf",
    )

    def __init__(
        self,
        start: int,
        end: int,
        etype: str,
        source: str,
        conf: float,
        prio: float,
        cid: str | None = None,
        broader: list | None = None,
        text: str = "",
        tconf: int = 2,
    ) -> None:
        self.start = start
        self.end = end
        self.type = etype
        self.cid = cid
        self.source = source
        self.conf = conf
        self.prio = prio
        self.broader = broader
        self.text = text
        # how sure the rule is of the type: 3 vocabulary, 2 a head noun / shape / cue,
        # 1 a default guess; one name takes its surest type across the paper
        self.tconf = 3 if source == "vocab" else tconf

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Cand({self.text!r} {self.type} {self.source} {self.cid} [{self.start}:{self.end}])"


class Mention:
    __slots__ = ("start", "end", "text", "eid", "type", "source", "conf")

    def __init__(
        self, start: int, end: int, text: str, eid: str, etype: str, source: str, conf: float
    ) -> None:
        self.start, self.end, self.text, self.eid, self.type, self.source, self.conf = (
            start,
            end,
            text,
            eid,
            etype,
            source,
            conf,
        )

    def __repr__(self) -> str:  # pragma: no cover
        return f"Mention({self.text!r} {self.eid} {self.source})"


class DocState:
    """What the components know about one paper's text."""

    def __init__(self, text: str, title_len: int) -> None:
        self.text = text
        self.title_len = title_len
        self.abstract_start = title_len + len(SEP) if len(text) > title_len else len(text)
        self.sents: list[tuple[int, int]] = []
        self._sent_starts: list[int] = []
        self.cands: list[Cand] = []
        # definitions: (short_start, short_end, long_start, long_end)
        self.definitions: list[tuple[int, int, int, int]] = []
        self.acronym_long: dict[str, tuple[int, int]] = {}  # short surface -> long span
        self.rejected_shorts: set[str] = set()  # acronyms defined as tasks/fields/data
        # proposal spans (start, end, type or None, rule, evidence offset)
        self.proposals: list[tuple[int, int, str | None, str, int]] = []
        self.mentions: list[Mention] = []
        self.entities: dict[str, dict] = {}
        self.facts: dict[str, list] = {"proposes": [], "evaluations": [], "hardware_use": []}
        self._low: str | None = None
        self._words: frozenset | None = None
        # results that two components compute from the same text (`title_techniques`
        # runs in proposals and in the resolver): computed once, keyed by the rule
        self.memo: dict[tuple, object] = {}

    @property
    def low(self) -> str:
        """The text lower-cased, computed once for all components."""
        if self._low is None:
            self._low = self.text.lower()
        return self._low

    @property
    def words(self) -> frozenset:
        """The lower-case words of the text: rules whose cue words are all absent are
        skipped before their (much slower) regex scans the text."""
        if self._words is None:
            self._words = words_of(self.low)
        return self._words

    def present_firsts(self, cues: tuple[tuple[str, frozenset], ...]) -> frozenset:
        """The first words of the cue phrases (`cue_words`) whose words all occur in the
        text: a phrase opening on a common word ("in terms of", "we report") is looked for
        only where its rarer words occur at all."""
        firsts, word_sets = _cue_columns(cues)
        # (`compress` over `issuperset`: no Python bytecode per cue phrase)
        return frozenset(compress(firsts, map(self.words.issuperset, word_sets)))

    def finditer_words(
        self, regex: re.Pattern, first_words: frozenset, pos: int = 0, lead: int = 0
    ):
        """`regex.finditer(text, pos)` for a regex whose every match starts with one of
        `first_words` (lower-case, whole words, as `words` splits them): the regex is
        tried only where those words occur (found with `str.find`) instead of at every
        position of the text, which costs ~40 us per pattern and abstract. (Case is
        folded with `str.lower`, as `words` is: the patterns' cue words are ASCII.)
        `lead`: the matches start that many characters before the word (`\\sbenchmark`)."""
        present = first_words & self.words
        if not present:
            return iter(())
        low = self.low
        if len(low) != len(self.text):  # lower() changed the length: offsets differ
            return regex.finditer(self.text, pos)
        starts = []
        for w in present:
            n = len(w)
            i = low.find(w, pos)
            while i >= 0:
                if (
                    not (i and low[i - 1] in _ALNUM)
                    and low[i + n : i + n + 1] not in _ALNUM
                    and i - lead >= pos
                ):
                    starts.append(i - lead)
                i = low.find(w, i + n)
        starts.sort()
        return self._matches_at(regex, starts)

    def _matches_at(self, regex: re.Pattern, starts: list[int]):
        text = self.text
        done = -1
        for i in starts:
            if i < done:
                continue
            m = regex.match(text, i)
            if m:
                done = m.end() if m.end() > i else i + 1
                yield m

    def set_sents(self, sents: list[tuple[int, int]]) -> None:
        self.sents = sents
        self._sent_starts = [s for s, _ in sents]

    def sent_index(self, offset: int) -> int:
        return max(0, bisect_right(self._sent_starts, offset) - 1)

    def sent_of(self, offset: int) -> tuple[int, int]:
        return self.sents[self.sent_index(offset)] if self.sents else (0, len(self.text))

    def in_title(self, offset: int) -> bool:
        return offset < self.title_len

    def mention_at(self, s: int, e: int) -> Mention | None:
        """The first mention overlapping the span [s, e) (a proposal's entity), or None."""
        return next((m for m in self.mentions if m.start < e and s < m.end), None)

    def add(self, cand: Cand) -> None:
        if not cand.text:
            cand.text = self.text[cand.start : cand.end]
        self.cands.append(cand)


STATE_KEY = ("kg", "state")  # where a Doc keeps its DocState: `doc.user_data[STATE_KEY]`


def state_of(doc: Doc) -> DocState:
    """The document's state, as `doc._.kg` gives it but without building spaCy's
    `Underscore` proxy on each access (ten components read it per document)."""
    return doc.user_data[STATE_KEY]  # type: ignore[index]  # spaCy's stub: str keys only


def _set_state(doc: Doc, state: DocState | None) -> None:
    doc.user_data[STATE_KEY] = state  # type: ignore[index]


if not Doc.has_extension("kg"):
    Doc.set_extension("kg", getter=lambda doc: doc.user_data.get(STATE_KEY), setter=_set_state)  # type: ignore[call-overload]
