"""arXivDaily listing (arxivdaily.com): one block per paper, opened by a header line

    2606.09940 2026-06-10 cs.LG cs.AI 新提交

(arXiv id, date, categories, and a status tag such as 新提交 "new submission"), then,
blank lines aside:

    <English title>
    <Chinese title>
    <authors, comma-separated>
    AI总结 <AI summary, Chinese>           -> summaries["zh"]
    Comments <comment>                      (optional)
    详情                                    ("details": ignored)
    AI中文摘要                              label, then the Chinese abstract -> abstracts["zh"]
    <Chinese abstract>
    英文摘要                                label, then the English abstract -> abstract
    <English abstract>

The lines before the first header (site name, filter widgets) are skipped. The record
number is the header's line number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from kg.readers._base import Item, Line, iter_lines, make_paper, reject

FORMAT = "arxivdaily"

HEADER = re.compile(
    r"^\s*(?P<id>(?:\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?)\s+"
    r"(?P<date>\d{4}-\d{2}-\d{2})(?P<rest>(?:\s+\S+)*)\s*$"
)
_CATEGORY = re.compile(r"^[a-z][a-z\-]*(?:\.[A-Za-z\-]+)?$")
_SUMMARY = re.compile(r"^\s*AI\s*总结\s*[:：]?\s*")
_COMMENTS = re.compile(r"^\s*Comments\s*[:：]?\s+", re.I)
_DETAILS = re.compile(r"^\s*(?:详情|詳情)\s*$")
_ZH_ABSTRACT = re.compile(r"^\s*AI\s*中文摘要\s*[:：]?\s*$")
_EN_ABSTRACT = re.compile(r"^\s*英文摘要\s*[:：]?\s*$")
_HAN = re.compile(r"[\u3400-\u9fff]")


def sniff(lines: list[str]) -> bool:
    headers = [ln for ln in lines[:300] if HEADER.match(ln)]
    if not headers:
        return False
    return (
        any(_EN_ABSTRACT.match(ln) or _SUMMARY.match(ln) for ln in lines[:300]) or len(headers) >= 2
    )


def _parse_block(file: str, header: Line, m: re.Match[str], body: list[Line]) -> Item:
    for ln in (header, *body):
        if ln.error:
            return reject(file, ln.number, ln.error)
    tokens = m.group("rest").split()
    categories = [t for t in tokens if _CATEGORY.match(t)]

    # roles from labels; the lines before the first label are title(s) and authors
    pre: list[str] = []
    summary = comment = None
    zh_abstract: list[str] = []
    en_abstract: list[str] = []
    section = "pre"
    for ln in body:
        t = ln.text.strip()
        if not t:
            continue
        if _SUMMARY.match(t):
            summary = _SUMMARY.sub("", t, count=1)
            section = "meta"
        elif _COMMENTS.match(t) and section in ("pre", "meta"):
            comment = _COMMENTS.sub("", t, count=1)
            section = "meta"
        elif _DETAILS.match(t):
            section = "meta"
        elif _ZH_ABSTRACT.match(t):
            section = "zh"
        elif _EN_ABSTRACT.match(t):
            section = "en"
        elif section == "pre":
            pre.append(t)
        elif section == "zh":
            zh_abstract.append(t)
        elif section == "en":
            en_abstract.append(t)
        elif section == "meta" and summary is not None and comment is None:
            summary += " " + t  # a wrapped summary
    if not pre:
        return reject(file, header.number, "no title after the header line")
    title = pre[0]
    zh_title = authors = None
    rest = pre[1:]
    if len(rest) >= 2:
        zh_title, authors = rest[0], rest[-1]
    elif len(rest) == 1:
        if _HAN.search(rest[0]) and not _HAN.search(title):
            zh_title = rest[0]
        else:
            authors = rest[0]
    en = " ".join(en_abstract)
    return make_paper(
        file=file,
        record=header.number,
        fmt=FORMAT,
        title=title,
        abstract=en,
        arxiv_id=m.group("id"),
        abstract_truncated=en.rstrip().endswith(("…", "...")),
        titles={"zh": zh_title} if zh_title else None,
        abstracts={"zh": "".join(zh_abstract)} if zh_abstract else None,
        summaries={"zh": summary} if summary else None,
        authors=authors,
        categories=categories,
        comment=comment,
        published=m.group("date"),
    )


def read(path: Path, *, name: str | None = None) -> Iterator[Item]:
    file = name or str(path)
    header: Line | None = None
    match: re.Match[str] | None = None
    body: list[Line] = []
    seen_header = False
    seen_text = False
    for ln in iter_lines(path):
        seen_text = seen_text or bool(ln.text.strip())
        m = HEADER.match(ln.text) if not ln.error else None
        if m:
            if header is not None and match is not None:
                yield _parse_block(file, header, match, body)
            header, match, body = ln, m, []
            seen_header = True
        elif seen_header:
            body.append(ln)
        elif ln.error:
            yield reject(file, ln.number, ln.error)
    if header is not None and match is not None:
        yield _parse_block(file, header, match, body)
    elif seen_text:
        yield reject(file, 1, "no arXivDaily header line (`<arXiv id> <date> <categories>`) found")
