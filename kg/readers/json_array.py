"""A JSON document holding records: a top-level array `[{...}, {...}]`, or an object
wrapping one (`{"papers": [...]}`, also `records`, `entries`, `items`, `data`,
`results`), or a single record object. Field mapping: see `_records`.

A top-level array is read incrementally, one element at a time, so a large file is
never held whole. Each element that is not a usable record becomes a `Rejected` with
its 1-based index; so does an element nested too deeply for the parser or larger than
`MAX_RECORD_CHARS` (found by counting brackets, skipped without being held). A syntax
error in the document structure cannot be skipped: the records before it are yielded,
then `ReadError` is raised. Invalid UTF-8 inside a record rejects that record.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from kg.readers._base import (
    STREAM_ERRORS,
    Item,
    ReadError,
    check_not_binary,
    describe_error,
    open_binary,
    reject,
)
from kg.readers._records import map_record

FORMAT = "json"
CHUNK = 1024 * 1024
MAX_RECORD_CHARS = 16 * 1024 * 1024  # one element of the array
MAX_WRAPPED_DOCUMENT_BYTES = 512 * 1024 * 1024  # `{"papers": [...]}` is parsed whole
WRAPPER_KEYS = ("papers", "records", "entries", "items", "data", "results")

_decoder = json.JSONDecoder()
_WS = re.compile(r"[ \t\r\n]*")
_SURROGATE = re.compile("[\udc80-\udcff]")


def sniff(head: str) -> bool:
    s = head.lstrip("\ufeff \t\r\n")
    if s.startswith("["):
        return True
    if s.startswith("{"):
        first = s.split("\n", 1)[0].strip()
        try:
            json.loads(first)
            return False  # a complete object on the first line: JSON Lines
        except (ValueError, RecursionError):
            return True
    return False


class _Text:
    """Incrementally decoded text of a byte stream (UTF-8, invalid bytes kept as
    surrogate escapes so that the record holding them can be rejected)."""

    def __init__(self, path: Path, f: IO[bytes]) -> None:
        self.path = path
        self.f = f
        self.dec = codecs.getincrementaldecoder("utf-8")("surrogateescape")
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.first = True

    def more(self, size: int = CHUNK) -> bool:
        if self.eof:
            return False
        try:
            raw = self.f.read(size)
        except STREAM_ERRORS as e:
            raise ReadError(f"{self.path}: unreadable ({describe_error(e)})") from e
        if self.first:
            self.first = False
            check_not_binary(self.path, raw[:4096])
            if raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
        if not raw:
            self.eof = True
            self.buf += self.dec.decode(b"", final=True)
            return False
        if self.pos > CHUNK:
            self.buf = self.buf[self.pos :]
            self.pos = 0
        self.buf += self.dec.decode(raw)
        return True

    def skip_ws(self) -> str | None:
        """The next non-blank character (not consumed), or None at the end."""
        while True:
            self.pos = _WS.match(self.buf, self.pos).end()  # type: ignore[union-attr]  # `[…]*`
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.more():
                return None


def _wrapped(path: Path, file: str, text: str) -> Iterator[Item]:
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError) as e:
        raise ReadError(f"{path}: malformed JSON ({e})") from e
    if isinstance(doc, dict):
        for key in WRAPPER_KEYS:
            inner = doc.get(key)
            if isinstance(inner, list):
                for i, obj in enumerate(inner, 1):
                    yield _record(obj, file, i)
                return
        yield _record(doc, file, 1)
        return
    raise ReadError(
        f"{path}: JSON document is a {type(doc).__name__}, not an array or object of records"
    )


def _record(obj: Any, file: str, index: int) -> Item:
    if _has_surrogates(obj):
        return reject(file, index, "invalid UTF-8")
    return map_record(obj, file, index, FORMAT)


def _has_surrogates(obj: Any) -> bool:
    # iterative: a record nested nearly as deep as the JSON parser allows (~1000 levels)
    # would overflow Python's recursion limit here
    stack = [obj]
    while stack:
        o = stack.pop()
        if isinstance(o, str):
            if _SURROGATE.search(o) is not None:
                return True
        elif isinstance(o, dict):
            stack.extend(o.keys())
            stack.extend(o.values())
        elif isinstance(o, list):
            stack.extend(o)
    return False


_STRUCT = re.compile(r'[\[\]{}"]')
_STRING_END = re.compile(r'["\\]')
_SKIPPED = object()  # an element skipped unparsed


def _element_end(t: _Text, path: Path, index: int) -> int:
    """Where the array element at `t.pos` ends, found without building it: brackets are
    counted (strings skipped), so an element the parser cannot take (nested too deeply,
    too large) can be rejected and reading go on after it. What was scanned is dropped
    from the buffer as the scan goes, so memory stays bounded whatever the element's size.
    ReadError if the document ends first."""
    i = t.pos
    depth = 0
    in_string = False
    while True:
        m = (_STRING_END if in_string else _STRUCT).search(t.buf, i)
        if m is None or (in_string and m.group() == "\\" and m.end() >= len(t.buf)):
            t.pos = m.start() if m is not None else len(t.buf)  # keep only what is still to scan
            if not t.more(CHUNK):
                raise ReadError(f"{path}: unterminated JSON array in record {index}")
            i = t.pos
            continue
        c = m.group()
        i = m.end()
        if in_string:
            if c == "\\":
                i += 1  # skip the escaped character
            else:
                in_string = False
                if depth == 0:
                    return i  # the element was a string
        elif c == '"':
            in_string = True
        elif c in "[{":
            depth += 1
        else:
            depth -= 1
            if depth <= 0:
                return i


def read(path: Path, *, name: str | None = None) -> Iterator[Item]:
    file = name or str(path)
    with open_binary(path) as f:
        t = _Text(path, f)
        c = t.skip_ws()
        if c is None:
            return  # empty file: no records
        if c == "{":
            # an object document: parsed whole (bounded)
            while t.more(CHUNK):
                if len(t.buf) > MAX_WRAPPED_DOCUMENT_BYTES:
                    raise ReadError(
                        f"{path}: JSON object document larger than "
                        f"{MAX_WRAPPED_DOCUMENT_BYTES} characters"
                    )
            yield from _wrapped(path, file, t.buf[t.pos :])
            return
        if c != "[":
            raise ReadError(f"{path}: not a JSON array or object (starts with {c!r})")
        t.pos += 1
        index = 0
        while True:
            c = t.skip_ws()
            if c is None:
                raise ReadError(f"{path}: unterminated JSON array after record {index}")
            if c == "]":
                break
            if index > 0:
                if c != ",":
                    raise ReadError(
                        f"{path}: malformed JSON after record {index} "
                        f"(expected ',' or ']', got {c!r})"
                    )
                t.pos += 1
                if t.skip_ws() is None:
                    raise ReadError(f"{path}: unterminated JSON array after record {index}")
            index += 1
            while True:
                try:
                    obj, end = _decoder.raw_decode(t.buf, t.pos)
                except RecursionError:
                    end, obj = _element_end(t, path, index), _SKIPPED
                    reason = "bad JSON: nested too deeply"
                    break
                except ValueError as e:
                    # maybe the element is only partly buffered: read on and retry
                    if len(t.buf) - t.pos > MAX_RECORD_CHARS:
                        # too big to parse: skip it (bounded memory) and go on after it
                        end, obj = _element_end(t, path, index), _SKIPPED
                        reason = (
                            "bad JSON: record malformed or larger than "
                            f"{MAX_RECORD_CHARS} characters"
                        )
                        break
                    if t.more(max(CHUNK, len(t.buf) - t.pos)):
                        continue
                    raise ReadError(f"{path}: malformed JSON in record {index} ({e})") from e
                if end == len(t.buf) and not t.eof and t.more():
                    continue  # a number/literal may go on in the next chunk
                break
            t.pos = end
            if obj is _SKIPPED:
                yield reject(file, index, reason)
                continue
            yield _record(obj, file, index)
        # trailing content after the array
        t.pos += 1
        c = t.skip_ws()
        if c is not None:
            raise ReadError(f"{path}: unexpected content after the JSON array ({c!r})")
