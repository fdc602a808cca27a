"""Readers: every listing format in, `Paper | Rejected` records out.

    from kg.readers import read_path, detect_format, ReadError

    for item in read_path(Path("listing.txt")):        # format sniffed from content
        if isinstance(item, Rejected): report(item)    # file, record (line/index), reason
        else: use(item)                                # a validated kg.models.Paper

Formats (`SUPPORTED_FORMATS`), one module each:

    bilingual_ja  Japanese bilingual listing (title/abstract pairs, `原文 (English)`)
    arxivdaily    arXivDaily listing (id/date/categories header, zh + en text)
    daily_papers  daily-papers listing (subscribe banner, title line + abstract line)
    atom          arXiv API Atom XML (2025 and 2026 layouts)
    jsonl         JSON Lines of arXiv metadata records
    json          a JSON array (or {"papers": [...]}) of records
    csv           CSV/TSV with a header row

Any of them may be gzip-compressed (detected by magic number). Per-record problems
are yielded as `Rejected` and reading continues; a file that cannot be read at all
raises `ReadError` (after yielding what could be read); a file whose format is not
recognised raises `UnknownFormatError` (a `ReadError`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from kg.models import Paper, Rejected
from kg.readers import (
    arxivdaily,
    atom,
    bilingual_ja,
    csv_table,
    daily_papers,
    json_array,
    jsonlines,
)
from kg.readers._base import SNIFF_BYTES, ReadError, check_not_binary, read_head

__all__ = [
    "SUPPORTED_FORMATS",
    "ReadError",
    "UnknownFormatError",
    "detect_format",
    "read_path",
    "source_name",
]

_READERS: dict[str, Callable[..., Iterator[Paper | Rejected]]] = {
    bilingual_ja.FORMAT: bilingual_ja.read,
    arxivdaily.FORMAT: arxivdaily.read,
    daily_papers.FORMAT: daily_papers.read,
    atom.FORMAT: atom.read,
    jsonlines.FORMAT: jsonlines.read,
    json_array.FORMAT: json_array.read,
    csv_table.FORMAT: csv_table.read,
}
SUPPORTED_FORMATS: tuple[str, ...] = tuple(_READERS)

_EXTENSIONS = {
    ".jsonl": jsonlines.FORMAT,
    ".ndjson": jsonlines.FORMAT,
    ".json": json_array.FORMAT,
    ".csv": csv_table.FORMAT,
    ".tsv": csv_table.FORMAT,
    ".xml": atom.FORMAT,
    ".atom": atom.FORMAT,
}


class UnknownFormatError(ReadError):
    """Neither the content nor the file name says which listing format this is."""

    def __init__(self, path: str | Path, detail: str = "") -> None:
        self.path = str(path)
        msg = f"{path}: unrecognised listing format"
        if detail:
            msg += f" ({detail})"
        msg += f"; supported formats: {', '.join(SUPPORTED_FORMATS)}"
        super().__init__(msg)


def _by_extension(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in (".gz", ".gzip"):
        suffixes = suffixes[:-1]
    return _EXTENSIONS.get(suffixes[-1]) if suffixes else None


def _next_line_is_object(path: Path) -> bool:
    """Whether the first non-blank text after the first line break opens a JSON object
    (streaming, bounded memory)."""
    from kg.readers._base import STREAM_ERRORS, open_binary

    seen_break = False
    with open_binary(path, verify=False) as f:
        while True:
            try:
                chunk = f.read(1 << 20)
            except STREAM_ERRORS:
                return False
            if not chunk:
                return False
            if not seen_break:
                i = chunk.find(b"\n")
                if i < 0:
                    continue
                seen_break = True
                chunk = chunk[i + 1 :]
            chunk = chunk.lstrip()
            if chunk:
                return chunk.startswith(b"{")


def detect_format(path: str | Path) -> str:
    """The format of a listing file: sniffed from its (decompressed) content first,
    then from its extension (`.jsonl`, `.json`, `.csv`, `.tsv`, `.xml`, any + `.gz`).
    Raises ReadError for unreadable/binary files, UnknownFormatError otherwise."""
    path = Path(path)
    head = read_head(path)
    check_not_binary(path, head)
    text = head.decode("utf-8", "replace").lstrip("\ufeff")
    complete = len(head) < SNIFF_BYTES
    lines = text.split("\n")
    if not complete and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut off
    lines = [ln.rstrip("\r") for ln in lines]
    stripped = text.lstrip()
    if stripped:
        if atom.sniff(stripped):
            return atom.FORMAT
        if stripped[0] in "[{":
            if jsonlines.sniff(lines):
                return jsonlines.FORMAT
            if stripped[0] == "{" and not complete and "\n" not in stripped:
                # the first line runs past the sniff window: one big JSON document, or
                # JSON Lines whose first record is long (or over the line bound)? Another
                # object on a later line says JSON Lines; read as a document, it would be lost.
                return jsonlines.FORMAT if _next_line_is_object(path) else json_array.FORMAT
            if json_array.sniff(stripped):
                return json_array.FORMAT
        if arxivdaily.sniff(lines):
            return arxivdaily.FORMAT
        if bilingual_ja.sniff(lines):
            return bilingual_ja.FORMAT
        if csv_table.sniff(lines):
            return csv_table.FORMAT
        if daily_papers.sniff(lines):
            return daily_papers.FORMAT
    fmt = _by_extension(path)
    if fmt is not None:
        return fmt
    raise UnknownFormatError(path, "empty file" if not stripped else "content matches no reader")


def read_path(
    path: str | Path, *, format: str | None = None, name: str | None = None
) -> Iterator[Paper | Rejected]:
    """Read one listing file: yields a `Paper` per record read, a `Rejected` per record
    that could not be (with its 1-based line/record number and a reason). `format`
    overrides detection; `name` is what `SourceRef.file`/`Rejected.file` record
    (default: the path as given)."""
    path = Path(path)
    fmt = format or detect_format(path)
    reader = _READERS.get(fmt)
    if reader is None:
        raise UnknownFormatError(path, f"format {fmt!r} was asked for")
    return reader(path, name=name if name is not None else source_name(path))


def source_name(path: str | Path) -> str:
    """The name `read_path` records for a file by default: the path as given, except that
    bytes of a file name that are not UTF-8 (which Python keeps as lone surrogates, text
    that cannot be written as JSON or RDF) are shown as `\\xNN` escapes."""
    s = str(path)
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        s = os.fsencode(s).decode("utf-8", "backslashreplace")
    return s
