"""Features of one resolved entity for the candidate typer (kg.extract.candidate_typer).

Why these: they describe a name by what carries over to papers the rules have never
seen (its shape, affixes, head word, the words around its mentions, which rule proposed
it and what the vocabulary and the corpus-mined votes say of it), never by the name
itself, so a weight learned on one gold set means the same on another. The same
function runs at training (`kg train-typer`) and at extraction, on the state the
resolver leaves.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from kg.extract.normalise import match_key
from kg.extract.state import DocState, Mention
from kg.name_df import NameDF

_SHAPE_MAP = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "X" * 26 + "x" * 26 + "d" * 10
)
_RUNS = re.compile(r"([Xxd])\1+")
_SIZE = re.compile(r"(?<![A-Za-z])\d+(?:\.\d+)?[BMKT](?![a-z])|\d+x\d+", re.I)
_CTX_TOKEN = re.compile(r"[A-Za-z][A-Za-z-]*|\d+(?:\.\d+)?%?|[(),;:]")
_VALUE = re.compile(r"\d(?:\.\d+\s?%?|\s?%)")  # a reported number: "71.3", "4%"
_WINDOW = 48  # characters either side of a mention scanned for cue words
_MAX_MENTIONS = 3  # mentions of one entity whose context is read


def shape_of(text: str) -> str:
    """`Qwen2.5-7B` -> `Xxd.d-dX`: letter-case and digit runs collapsed, capped."""
    return _RUNS.sub(r"\1", text.translate(_SHAPE_MAP))[:10]


def _caps(text: str) -> str:
    if text.isupper():
        return "upper"
    if text.islower():
        return "lower"
    if not any(map(str.isalpha, text)):
        return "none"
    if " " not in text and any(map(str.isupper, text[1:])):
        return "camel"
    return "title"


@lru_cache(maxsize=50_000)
def name_features(name: str) -> tuple[str, ...]:
    """Features of the surface form alone (memoised: names recur across papers)."""
    words = name.split()
    last = words[-1].lower() if words else ""
    first = words[0].lower() if words else ""
    f = [
        "shape=" + shape_of(name),
        "caps=" + _caps(name),
        "nwords=" + str(min(len(words), 4)),
        "len=" + str(min(len(name) // 4, 6)),
        "suf3=" + last[-3:],
        "suf4=" + last[-4:],
        "pre3=" + first[:3],
    ]
    if last.isalpha():
        f.append("head=" + last)
    if len(words) > 1 and first.isalpha():
        f.append("first=" + first)
    if _SIZE.search(name):
        f.append("size")
    if "-" in name:
        f.append("hyphen")
    if any(map(str.isdigit, name)):
        f.append("digit")
    return tuple(f)


class Mined:
    """Corpus-mined votes (ontology/vocab/mined_*.jsonl): name key -> (papers, type)."""

    def __init__(self, vocab_dir: Path) -> None:
        self.by_key: dict[str, tuple[int, str, float]] = {}
        for path in sorted(vocab_dir.glob("mined_*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                rec = json.loads(line)
                votes = rec.get("votes") or {rec.get("type", "Method"): 1}
                total = sum(votes.values()) or 1
                best = max(sorted(votes), key=lambda t: votes[t])
                entry = (int(rec.get("papers", 0)), best, votes[best] / total)
                for lab in [rec.get("prefLabel", ""), *(rec.get("altLabels") or [])]:
                    k = match_key(lab)
                    if k:
                        self.by_key.setdefault(k, entry)

    def features(self, name: str) -> list[str]:
        hit = self.by_key.get(match_key(name))
        if hit:
            papers, best, share = hit
            bucket = "1" if papers <= 1 else "2-4" if papers <= 4 else "5+"
            agree = "sure" if share >= 0.8 else "split"
            return ["mined=" + best, "mined_papers=" + bucket, f"mined={best}&{agree}"]
        return ["mined=none"]


def _context(text: str, m: Mention, f: list[str]) -> None:
    left = _CTX_TOKEN.findall(text, max(0, m.start - _WINDOW), m.start)[-1:]
    right = _CTX_TOKEN.findall(text, m.end, m.end + _WINDOW)[:1]
    # the nearest word either side only: a bag of the window's words fitted the papers
    # trained on and lost ~0.01 F1 on the held-out set
    if left:
        w = left[-1]
        f.append("L1=" + (w.lower() if not w[0].isdigit() else "<num>"))
    if right:
        w = right[0]
        f.append("R1=" + (w.lower() if not w[0].isdigit() else "<num>"))


class FeatureMaker:
    """Builds the features; the part that depends only on the name, its type and
    its vocabulary source is memoised (the same names recur paper after paper)."""

    def __init__(self, mined: Mined, df: NameDF | None = None) -> None:
        self.mined = mined
        self.df = df
        self._static: dict[tuple, tuple[str, ...]] = {}
        self._valued_for: DocState | None = None
        self._valued: frozenset[int] = frozenset()

    def static(self, name: str, t: str, inv: bool, vsrc: str | None) -> tuple[str, ...]:
        key = (name, t, inv, vsrc)
        got = self._static.get(key)
        if got is not None:
            return got
        f = ["bias", "t=" + t, f"inv={inv}&t={t}"]
        if vsrc:
            f.append(f"vsrc={vsrc}&t={t}")
        nf = name_features(name)
        f.extend(nf)
        f.extend(x + "&t=" + t for x in nf[:3])
        f.append(f"{nf[1]}&nw={nf[2][7:]}&t={t}")
        f.extend(self.mined.features(name))
        if self.df is not None:
            for x in self.df.features(name):
                f.append(x)
                f.append(f"{x}&t={t}")
        if len(self._static) > 100_000:
            self._static.clear()
        got = self._static[key] = tuple(f)
        return got

    def _valued_sents(self, st: DocState) -> frozenset[int]:
        """Indices of the sentences that report a number (one scan per paper)."""
        if self._valued_for is not st:
            self._valued_for = st
            self._valued = frozenset(st.sent_index(m.start()) for m in _VALUE.finditer(st.text))
        return self._valued

    def entity(
        self,
        st: DocState,
        ent: dict,
        mentions: list[Mention],
        vocab_source: str | None,
        proposed: bool,
    ) -> list[str]:
        """The features of one entity of the paper (type as the rules gave it, included)."""
        static, dynamic = self.parts(st, ent, mentions, vocab_source, proposed)
        return [*static, *dynamic]

    def parts(
        self,
        st: DocState,
        ent: dict,
        mentions: list[Mention],
        vocab_source: str | None,
        proposed: bool,
    ) -> tuple[tuple[str, ...], list[str]]:
        """(the memoised features of the name and type, those of this paper's mentions)."""
        t = ent["type"]
        text = st.text
        surfaces = ent["surfaces"] or [ent["label"]]
        name = ent["label"] if ent["in_vocabulary"] else max(surfaces, key=len)
        static = self.static(name, t, ent["in_vocabulary"], vocab_source)
        f: list[str] = []
        caps = name_features(name)[1]
        for s in sorted({m.source for m in mentions}):
            f.append("src=" + s)
            f.append(f"src={s}&t={t}")
            f.append(f"src={s}&{caps}")
        n = len(mentions)
        f.append("mentions=" + ("1" if n <= 1 else "2" if n == 2 else "3+"))
        if any(m.start < st.title_len for m in mentions):
            f.append("in_title")
        if proposed:
            f.append("proposed")
            f.append("proposed&t=" + t)
        if st.definitions:
            spans = {(m.start, m.end) for m in mentions}
            for ss, se, ls, le in st.definitions:
                if (ss, se) in spans:
                    f.append("def_short")
                if (ls, le) in spans:
                    f.append("def_long")
        valued = self._valued_sents(st)
        if any(st.sent_index(m.start) in valued for m in mentions[:_MAX_MENTIONS]):
            f.append("sent_value")
            f.append("sent_value&t=" + t)
        for m in mentions[:_MAX_MENTIONS]:
            _context(text, m, f)
        return static, f
