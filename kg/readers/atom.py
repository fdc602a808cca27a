"""arXiv API responses (Atom 1.0). Both layouts are read the same way:

* 2025: `arxiv:` namespace declared on each element, http links;
* 2026: namespaces declared on the root `feed`, https links, reordered children.

Elements are matched by local name, so namespace placement does not matter. Per entry:
`id` (version stripped) -> arxiv_id, `title`, `summary` -> abstract, `author/name`,
`arxiv:primary_category` (first) and `category@term` -> categories, `published`
(else `updated`), `arxiv:comment`; code links (GitHub, ...) in the summary, comment
and `link@href` -> code_urls. An arXiv API error entry becomes a `Rejected`.

The document is parsed incrementally (entries are yielded and dropped as they end).
Safety: DTDs and entity declarations are refused outright (no `<!DOCTYPE`/`<!ENTITY`
anywhere in the stream), so no entity expansion or external fetch can happen; the
parser is the stdlib expat one, nothing new to install.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from kg.readers._base import (
    STREAM_ERRORS,
    Item,
    ReadError,
    check_not_binary,
    describe_error,
    make_paper,
    open_binary,
    reject,
)

FORMAT = "atom"
CHUNK = 256 * 1024
_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY")
_FEED = re.compile(r"<(?:[A-Za-z_][\w.\-]*:)?feed[\s>]")


def sniff(head: str) -> bool:
    s = head.lstrip("\ufeff \t\r\n")
    if not s.startswith("<"):
        return False
    return bool(_FEED.search(s[:8192])) or "http://www.w3.org/2005/Atom" in s[:8192]


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _entry_fields(entry: ET.Element) -> dict:
    f: dict = {"authors": [], "categories": [], "links": []}
    primary = None
    for child in entry:
        name = _local(child.tag)
        if name == "id":
            f["id"] = (child.text or "").strip()
        elif name == "title":
            f["title"] = child.text or ""
        elif name == "summary":
            f["summary"] = child.text or ""
        elif name == "published":
            f["published"] = (child.text or "").strip()
        elif name == "updated":
            f["updated"] = (child.text or "").strip()
        elif name == "comment":
            f["comment"] = child.text or ""
        elif name == "author":
            for sub in child:
                if _local(sub.tag) == "name" and sub.text and sub.text.strip():
                    f["authors"].append(sub.text.strip())
        elif name == "primary_category":
            primary = child.get("term")
        elif name == "category":
            term = child.get("term")
            if term:
                f["categories"].append(term)
        elif name == "link":
            href = child.get("href")
            if href:
                f["links"].append(href)
    if primary:
        f["categories"] = [primary] + [c for c in f["categories"] if c != primary]
    return f


def _paper(file: str, index: int, entry: ET.Element) -> Item:
    f = _entry_fields(entry)
    eid = f.get("id", "")
    if "/api/errors" in eid or (f.get("title", "").strip() == "Error" and "error" in eid.lower()):
        return reject(file, index, f"arXiv API error: {(f.get('summary') or '').strip()}"[:500])
    if "title" not in f:
        return reject(file, index, "missing title")
    published = f.get("published") or f.get("updated") or None
    return make_paper(
        file=file,
        record=index,
        fmt=FORMAT,
        title=f["title"],
        abstract=f.get("summary", ""),
        arxiv_id=eid or None,
        authors=f["authors"],
        categories=f["categories"],
        comment=f.get("comment"),
        published=published,
        urls=f["links"],
    )


class _Feed:
    """Turns parser events into items, dropping each entry once it is read."""

    def __init__(self, path: Path, file: str) -> None:
        self.path = path
        self.file = file
        self.root: ET.Element | None = None
        self.stack: list[ET.Element] = []
        self.index = 0

    def handle(self, events: list[tuple[str, ET.Element]]) -> Iterator[Item]:
        for event, elem in events:
            if event == "start":
                if self.root is None:
                    self.root = elem
                    if _local(elem.tag) != "feed":
                        raise ReadError(
                            f"{self.path}: root element is <{_local(elem.tag)}>, not an Atom <feed>"
                        )
                self.stack.append(elem)
                continue
            self.stack.pop()
            if _local(elem.tag) == "entry" and len(self.stack) == 1:
                self.index += 1
                yield _paper(self.file, self.index, elem)
                self.stack[0].remove(elem)  # keep memory flat on large feeds


def _drain(
    parser: ET.XMLPullParser,
) -> tuple[list[tuple[str, ET.Element]], ET.ParseError | None]:
    """The events parsed so far and, if parsing failed, the error (which the pull
    parser queues after the events that came before it)."""
    events: list[tuple[str, ET.Element]] = []
    try:
        for ev in parser.read_events():
            events.append(ev)  # type: ignore[arg-type]
    except ET.ParseError as e:
        return events, e
    return events, None


def read(path: Path, *, name: str | None = None) -> Iterator[Item]:
    file = name or str(path)
    feed = _Feed(path, file)
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    tail = b""
    first = True
    with open_binary(path) as f:
        while True:
            try:
                chunk = f.read(CHUNK)
            except STREAM_ERRORS as e:
                raise ReadError(
                    f"{path}: unreadable after entry {feed.index} ({describe_error(e)})"
                ) from e
            if first:
                first = False
                check_not_binary(path, chunk[:4096])
            window = tail + chunk
            if any(bad in window for bad in _FORBIDDEN):
                raise ReadError(f"{path}: DTD/entity declarations are not allowed in Atom input")
            tail = window[-16:]
            error: ET.ParseError | None = None
            try:
                if chunk:
                    parser.feed(chunk)
                else:
                    parser.close()
            except ET.ParseError as e:
                error = e
            events, queued_error = _drain(parser)
            # yield what parsed before an error, then give up on the rest of the file
            yield from feed.handle(events)
            error = queued_error or error
            if error is not None:
                raise ReadError(
                    f"{path}: malformed XML after entry {feed.index} ({error})"
                ) from error
            if not chunk:
                break
    if feed.root is None:
        raise ReadError(f"{path}: empty document, not an Atom feed")
