"""Acronym definitions in running text: "sparse autoencoders (SAEs)" and
"RKSC (Reasoning-Aware KV Cache Sharing)".

The long form is found with the Schwartz & Hearst (2003) algorithm: walk the short form
backwards, matching each of its letters in order inside the words before the
parenthesis, the first letter at a word start.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

# "(SAEs)", "(CoT)", "(RLVR)", "(nCMD)", "(GPT-4)", "(Pre-LN)"; 2-12 chars, >=1 capital
# "(SHORT)", "(SHORT; ...)", and with a marker word "(abbr. CGC)", "(hereafter SPL)"
_PAREN = re.compile(
    r"\(\s*(?:(?:abbr(?:ev)?\.?|abbreviated(?:\s+as)?|hereafter(?:\s+called)?|henceforth|"
    r"dubbed|termed|short(?:ened)?\s+as)\s*:?\s*)?"
    r"([A-Za-z][A-Za-z0-9\-+.&/]{0,11}?)\s*(?:\)|;\s)"
)
_WORD = re.compile(r"[^\s]+")
_FUNCTION_WORDS = frozenset("of for and the a an in on with to via by".split())
_REVERSE = re.compile(r"(?<![\w-])([A-Za-z][A-Za-z0-9\-+]{1,11})\s+\(([^()]{6,120})\)")
# _REVERSE's short form ending at the search's end (`endpos`: the whitespace before "(")
_SHORT_ENDING = re.compile(r"(?<![\w-])[A-Za-z][A-Za-z0-9\-+]{1,11}\Z")


_TO_DIGIT = re.compile(r"[A-Z]{1,3}2[A-Z]{1,3}$")
# a long form set off by emphasis or quotes: "\textbf{Fluence-Aware Regression (FAR)",
# "this \"Reasoning-Aware Compression\" (RAC)", "`planning theory of mind' (PToM)" (28a)
_OPENER = re.compile(
    r"^(?:\\(?:textbf|textit|emph|textsc|mathbf|mathrm|texttt)\{|[{\"'`*_\u201c\u2018])+"
)
# what an emphasised definition is: "(GSD)}, a parameter-free module", "(SSE) mechanism"
_EMPHASIS_METHOD = re.compile(
    r"[}$]*\s*(?:,\s*(?:a|an|the|our)\s+(?:[\w-]+\s+){0,4}?)?(?:method|technique|"
    r"framework|approach|module|mechanism|paradigm|strategy|algorithm|architecture|"
    r"pipeline|loss|objective|network|block|layer|encoder|decoder)s?(?![\w-])"
)
_MARKUP_INSIDE = re.compile(r"[\\{}]|\*\*")
_CLOSERS = "}\"'*_\u201d\u2019"


class Definition(NamedTuple):
    short: str
    short_start: int
    long: str
    long_start: int


@lru_cache(maxsize=100_000)
def is_acronym(s: str) -> bool:
    """Short forms: at least two capitals (`SAE`, `CoT`, `nCMD`), or a capital and a digit."""
    core = s[:-1] if s.endswith("s") and len(s) > 2 and s[-2].isupper() else s
    caps = sum(map(str.isupper, core))
    if caps >= 2:
        return True
    return caps >= 1 and any(map(str.isdigit, core)) and len(core) <= 8


def _singular(short: str) -> str:
    return short[:-1] if short.endswith("s") and len(short) > 2 and short[-2].isupper() else short


def best_long_form(short: str, long: str) -> str | None:
    """Schwartz-Hearst: the shortest suffix of `long` whose letters spell `short`."""
    s_idx = len(short) - 1
    l_idx = len(long) - 1
    while s_idx >= 0:
        c = short[s_idx].lower()
        if not c.isalnum():
            s_idx -= 1
            continue
        while (l_idx >= 0 and long[l_idx].lower() != c) or (
            s_idx == 0 and l_idx > 0 and long[l_idx - 1].isalnum()
        ):
            l_idx -= 1
        if l_idx < 0:
            return None
        l_idx -= 1
        s_idx -= 1
    # the word start: after any whitespace, not only a space ("Title\n\nMultiple Instance
    # Learning (MIL)" at the abstract's start or after a line break: 15)
    start = l_idx + 1
    while start > 0 and not long[start - 1].isspace() and long[start - 1] != "(":
        start -= 1
    return long[start:]


def _initials(words: list[str], split_hyphens: bool) -> str:
    """The first letters of `words` (function words left out), lower-cased; with
    `split_hyphens` each hyphen part counts as a word ("Spatio-Temporal": st)."""
    out: list[str] = []
    for w in words:
        if w.lower() in _FUNCTION_WORDS:
            continue
        for p in w.split("-") if split_hyphens else (w,):
            if p[:1].isalnum():
                out.append(p[0].lower())
    return "".join(out)


def initials_long_form(short: str, cand: str, lf: str) -> str:
    """Schwartz-Hearst takes the *shortest* suffix that spells the short form, and a
    letter of it may match inside a word: "Adversarial Adaptation Framework (AAF)" came
    out as "Adaptation Framework" (the second A inside "Adaptation"), "Visual Scene
    Graph Generation (VSGG)" as "Scene Graph Generation". A longer suffix whose word
    initials spell the short form exactly is the long form the author wrote (17)."""
    lf_words = lf.split()
    n = sum(map(str.isalnum, short))
    if n < 3 or len(lf_words) + lf.count("-") >= n:
        return lf  # (as many words and hyphen parts as letters: nothing to add)
    letters = "".join(c.lower() for c in short if c.isalnum())
    words = cand.split()
    have = len(lf_words)
    for k in range(have + 1, min(len(words), n + 3) + 1):
        ws = words[-k:]
        if ws[0].lower() in _FUNCTION_WORDS or not ws[0][:1].isalnum():
            break
        if _initials(ws, False) == letters or _initials(ws, True) == letters:
            joined = " ".join(ws)
            return joined if cand.endswith(joined) else lf
    return lf


def _initials_match(short: str, long: str) -> bool:
    """Looser test for "SHORT (Long Form)": the first letters agree and every letter of
    the short form starts a word of the long form ("RKSC (Reasoning-Aware KV Cache
    Sharing)", whose letters are out of order)."""
    words = re.findall(r"[A-Za-z0-9]+", long)
    initials = [w[0].lower() for w in words]
    letters = [c.lower() for c in short if c.isalnum()]
    if not words or not letters or letters[0] != initials[0] or len(words) > len(letters) + 2:
        return False
    pool = list(initials)
    for c in letters:
        if c in pool:
            pool.remove(c)
        else:
            return False
    return True


def _first_letter_ok(short: str, long: str) -> bool:
    return bool(long) and long[0].lower() == short[0].lower()


def _skip_space_back(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos


def last_words(text: str, n: int) -> str | None:
    """`text` from the start of its `n`-th last whitespace-separated word (all of it from
    its first word when it has fewer); None without words. The same text as from the
    first of `list(_WORD.finditer(text))[-n:]`, but `str.rsplit` finds it in C instead of
    a match object for each of the ~30 words before every parenthesis."""
    if n <= 0:  # (`[-0:]` keeps every word)
        n = len(text)
    pieces = text.rsplit(None, n)
    if not pieces:
        return None
    if len(pieces) > n:  # pieces[0]: the text before those words, less its trailing space
        return text[len(pieces[0]) :].lstrip()
    return text.lstrip()


def _reverse_matches(text: str) -> Iterator[re.Match]:
    """`_REVERSE.finditer(text)`, found from the parentheses (one `str.find` each)
    instead of trying the pattern at every position: ~40 us less per abstract. A match
    for a "(" starts with the short form that ends where the whitespace before it
    starts, at most 12 characters back: the leftmost such word (`_SHORT_ENDING`, over
    those 12 characters) is the one place to try; a later "(" is tried in its turn."""
    done = 0
    q = text.find("(")
    while q >= 0:
        if q >= done:
            b = _skip_space_back(text, q)
            if b < q:
                w = _SHORT_ENDING.search(text, max(done, b - 12), b)
                m = _REVERSE.match(text, w.start()) if w else None
                if m:
                    yield m
                    done = m.end()
        q = text.find("(", q + 1)


def find_definitions(text: str) -> Iterator[Definition]:
    """All "long form (SHORT)" and "SHORT (long form)" definitions in `text`."""
    for m in _PAREN.finditer(text):
        short = m.group(1).rstrip(".-")
        if not is_acronym(short):
            continue
        sing = _singular(short)
        n_letters = sum(map(str.isalnum, sing))
        max_words = min(n_letters + 5, n_letters * 2)
        # words before the parenthesis, within the same clause
        left = text[max(0, m.start() - 200) : m.start()].rstrip()
        cut = max(left.rfind(ch) for ch in ".;:!?()[]")
        if cut >= 0:
            left = left[cut + 1 :]
        cand = last_words(left, max_words)
        if cand is None:
            continue
        lf = best_long_form(sing, cand)
        if not lf:
            # "Zorb Planning Orchestrator (ZPxO)": a lower-case letter inside a short
            # form can be styling; retry with its capitals and digits
            caps = "".join(c for c in sing if c.isupper() or c.isdigit())
            if caps != sing and len(caps) >= 3 and sing[0].isupper():
                lf = best_long_form(caps, cand)
                lf_words = [w for w in (lf or "").split() if w.lower() not in _FUNCTION_WORDS]
                if len(lf_words) > len(caps) or not all(w[0].isupper() for w in lf_words):
                    lf = None  # only a capitalised name spells a styled short form
        if not lf and _TO_DIGIT.match(sing):
            # "text-to-image (T2I)", "image-to-video (I2V)": the "2" spells "to" (12)
            lf = best_long_form(sing.replace("2", "t"), cand)
            if lf and "-to-" not in lf.lower() and " to " not in lf.lower():
                lf = None
        if lf and lf[:1] in "\\{\"'`*_\u201c\u2018":
            # the emphasis or quote opening the long form, and closing it
            opener = _OPENER.match(lf)
            lf = _OPENER.sub("", lf).rstrip(_CLOSERS)
            if _MARKUP_INSIDE.search(lf):
                continue  # "\\textbf{H}ierarchical \\textbf{S}parse": letters set off
            if (
                opener
                and any(c in opener.group(0) for c in "\\{*_")
                and not _EMPHASIS_METHOD.match(text, m.end())
            ):
                # emphasis sets off any coined term ("\\textbf{Volume Control Scalar
                # (VCS)}, a standardized residual"): only a method's head after it
                continue
        first = sing
        if not lf and sing[0] in "Xx" and len(sing) >= 3:
            # "Extended Position-Based Dynamics (XPBD)", "Explainable AI (XAI)": the X
            # of a word opening with "Ex" (28a)
            first = "E" + sing[1:]
            lf = best_long_form(first, cand)
            lf = lf if lf and lf[:2].lower() == "ex" else None
        if not lf or not _first_letter_ok(first, lf):
            continue
        lf = initials_long_form(sing, cand, lf)
        lf = lf.strip(" ,\"'").rstrip(_CLOSERS)
        if len(lf) <= len(sing) or lf.lower() == sing.lower():
            continue
        # the position of lf inside the text, right before the parenthesis (and the
        # emphasis or quote closing it)
        head_end = _skip_space_back(text, m.start())
        while head_end > 0 and text[head_end - 1] in _CLOSERS:
            head_end -= 1
        long_start = head_end - len(lf)
        if text[long_start:head_end] != lf:
            continue
        yield Definition(short, m.start(1), lf, long_start)
    for m in _reverse_matches(text):
        short, inner = m.group(1), m.group(2).strip()
        if not is_acronym(short) or " " not in inner:
            continue
        sing = _singular(short)
        n_letters = sum(map(str.isalnum, sing))
        if len(inner.split()) > min(n_letters + 5, n_letters * 2):
            continue
        lf = best_long_form(sing, inner)
        if not (lf and _first_letter_ok(sing, inner) and lf == inner) and not _initials_match(
            sing, inner
        ):
            continue
        yield Definition(
            short, m.start(1), inner, m.start(2) + (len(m.group(2)) - len(m.group(2).lstrip()))
        )
