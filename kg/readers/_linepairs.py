"""The shared parse of listing pages that give each paper as a title line followed by
an abstract line (the daily-papers page, the Japanese bilingual listing).

Lines get a role from their shape, not from particular strings:

* ABSTRACT: long prose: at least `ABSTRACT_MIN_CHARS` characters, or cut short with an
  ellipsis, or containing a Japanese/Chinese full stop;
* MARKER: a short "original text follows" line (`原文 (English)`, `Original (English)`);
* TITLE: any other non-blank line.

The grammar is then  header* ( TITLE ABSTRACT ( MARKER TITLE ABSTRACT )? )*  where the
header is whatever precedes the first TITLE-ABSTRACT pair (page name, date, banner).
With a MARKER, the first pair is the translation and the pair after the marker is the
original. Lines that fit nowhere are reported as `Rejected` and parsing resynchronises
on the next TITLE-ABSTRACT pair.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.readers._base import Item, Line, iter_lines, make_paper, reject

ABSTRACT_MIN_CHARS = 200
TRUNCATION_MIN_CHARS = 40

_ELLIPSIS_END = re.compile(r"(?:…|\.\.\.)\s*$")
_CJK_FULL_STOP = re.compile(r"[。！？]")
MARKER = re.compile(
    r"^\s*(?:原文|原題|オリジナル|Original(?:\s+text)?)\s*(?:[(（]\s*[^()（）]{1,40}\s*[)）])?\s*[:：]?\s*$",
    re.I,
)


def is_marker(text: str) -> bool:
    return len(text) <= 60 and MARKER.match(text) is not None


def is_truncated(text: str) -> bool:
    return _ELLIPSIS_END.search(text) is not None


def is_abstract(text: str) -> bool:
    s = text.strip()
    if len(s) >= ABSTRACT_MIN_CHARS:
        return True
    if len(s) >= TRUNCATION_MIN_CHARS and is_truncated(s):
        return True
    return _CJK_FULL_STOP.search(s) is not None and len(s) >= TRUNCATION_MIN_CHARS


def is_title(text: str) -> bool:
    return bool(text.strip()) and not is_marker(text) and not is_abstract(text)


@dataclass
class Pair:
    title: Line
    abstract: Line


def _line_error(*lines: Line) -> tuple[int, str] | None:
    for ln in lines:
        if ln.error:
            return ln.number, ln.error
    return None


def parse(
    path: Path,
    fmt: str,
    *,
    translation_lang: str = "ja",
    fix_first_title: Callable[[str], str] | None = None,
    name: str | None = None,
) -> Iterator[Item]:
    file = name or str(path)
    lines = [ln for ln in iter_lines(path) if ln.text.strip() or ln.error]
    n = len(lines)

    def pair_at(i: int) -> Pair | None:
        if (
            i + 1 < n
            and is_title(lines[i].text)
            and is_abstract(lines[i + 1].text)
            and not is_marker(lines[i + 1].text)
        ):
            return Pair(lines[i], lines[i + 1])
        return None

    i = 0
    # header: everything before the first TITLE-ABSTRACT pair
    while i < n and pair_at(i) is None:
        error = lines[i].error
        if error:
            yield reject(file, lines[i].number, error)
        i += 1
    if i == n:
        # no pair at all: report every line rather than silently yielding nothing
        for ln in lines:
            if not ln.error:
                yield reject(file, ln.number, "no title/abstract structure in this listing")
        return
    first = True
    while i < n:
        ln = lines[i]
        pair = pair_at(i)
        if pair is None:
            if ln.error:
                yield reject(file, ln.number, ln.error)
            elif is_marker(ln.text):
                yield reject(
                    file,
                    ln.number,
                    "translation marker without a translated title and abstract before it",
                )
            elif is_abstract(ln.text):
                yield reject(file, ln.number, "abstract line without a title line before it")
            else:
                yield reject(file, ln.number, "title line without an abstract line after it")
            i += 1
            continue
        title = pair.title.text.strip()
        if first and fix_first_title is not None:
            title = fix_first_title(title)
        first = False
        start = pair.title.number
        # translated record: TITLE ABSTRACT MARKER TITLE ABSTRACT
        if i + 2 < n and is_marker(lines[i + 2].text):
            original = pair_at(i + 3)
            if original is None:
                yield reject(
                    file,
                    lines[i + 2].number,
                    "translation marker not followed by an original title and abstract",
                )
                i += 3
                continue
            err = _line_error(
                pair.title, pair.abstract, lines[i + 2], original.title, original.abstract
            )
            if err:
                yield reject(file, err[0], err[1])
            else:
                en_abstract = original.abstract.text.strip()
                yield make_paper(
                    file=file,
                    record=start,
                    fmt=fmt,
                    title=original.title.text.strip(),
                    abstract=en_abstract,
                    abstract_truncated=is_truncated(en_abstract),
                    titles={translation_lang: title},
                    abstracts={translation_lang: pair.abstract.text.strip()},
                )
            i += 5
            continue
        err = _line_error(pair.title, pair.abstract)
        if err:
            yield reject(file, err[0], err[1])
        else:
            abstract = pair.abstract.text.strip()
            yield make_paper(
                file=file,
                record=start,
                fmt=fmt,
                title=title,
                abstract=abstract,
                abstract_truncated=is_truncated(abstract),
            )
        i += 2


def count_pairs(lines: list[str]) -> int:
    """How many TITLE-ABSTRACT pairs a (partial) listing shows; used for sniffing."""
    return sum(
        1
        for a, b in zip(lines, lines[1:], strict=False)
        if is_title(a) and is_abstract(b) and not is_marker(b)
    )
