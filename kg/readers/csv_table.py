"""CSV/TSV tables with a header row naming the fields (`title`, `abstract`, `authors`,
`categories`, `id`, `published`, ...; see `_records`). Authors may be one cell
("A, B and C"), categories space-separated ("cs.LG cs.AI").

Streams line by line; quoted cells may span lines. A bad row (invalid UTF-8, a cell
over the size bound, a row whose cell count differs from the header's, missing
title, ...) becomes a `Rejected` with the 1-based line number where the row starts,
and reading goes on. The delimiter (`,`, tab or `;`) is taken from the header line.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from kg.readers._base import MAX_LINE_BYTES, Item, iter_raw_lines, reject
from kg.readers._records import map_record

FORMAT = "csv"
TITLE_COLUMNS = ("title", "paper_title")
_SURROGATE = re.compile("[\udc80-\udcff]")


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _columns(header: str, delimiter: str) -> list[str]:
    try:
        return [
            c.strip().lower().replace(" ", "_")
            for c in next(csv.reader([header], delimiter=delimiter))
        ]
    except (csv.Error, StopIteration):
        return []


def sniff(lines: list[str]) -> bool:
    """A header line with a `title` column and at least one more column."""
    for ln in lines[:3]:
        if not ln.strip():
            continue
        cols = _columns(ln, _delimiter(ln))
        return len(cols) >= 2 and any(c in TITLE_COLUMNS for c in cols)
    return False


class _Lines:
    """Feeds decoded lines to csv.reader, remembering which were unusable."""

    def __init__(self, path: Path) -> None:
        self.it = iter_raw_lines(path)
        self.count = 0
        self.bad: dict[int, str] = {}

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        number, raw = next(self.it)
        self.count = number
        if raw is None:
            self.bad[number] = f"line longer than {MAX_LINE_BYTES} bytes"
            return "\n"
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        text = raw.decode("utf-8", "surrogateescape")
        if _SURROGATE.search(text):
            self.bad[number] = "invalid UTF-8"
        if "\x00" in text:
            # csv cannot take NUL bytes; the row is rejected anyway
            self.bad[number] = "NUL byte in line"
            text = text.replace("\x00", "")
        return text


def read(path: Path, *, name: str | None = None) -> Iterator[Item]:
    file = name or str(path)
    lines = _Lines(path)
    # header: first non-blank line
    header = ""
    for header in lines:
        if header.strip():
            break
    else:
        return
    if lines.bad:
        n = min(lines.bad)
        yield reject(file, n, f"header line unusable: {lines.bad[n]}")
        return
    delimiter = (
        "\t" if path.name.lower().removesuffix(".gz").endswith(".tsv") else _delimiter(header)
    )
    columns = _columns(header, delimiter)
    if not columns:
        yield reject(file, lines.count, "header line is not a CSV header")
        return
    reader = csv.reader(lines, delimiter=delimiter, strict=False)
    while True:
        start = lines.count + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            yield reject(file, start, f"bad CSV: {e}")
            lines.bad = {}
            continue
        end = lines.count
        bad = [lines.bad[n] for n in range(start, end + 1) if n in lines.bad]
        if bad:
            for n in range(start, end + 1):
                lines.bad.pop(n, None)
            yield reject(file, start, bad[0])
            continue
        if not row or not any(cell.strip() for cell in row):
            continue  # blank line
        if len(row) != len(columns):
            yield reject(file, start, f"row has {len(row)} cells, header has {len(columns)}")
            continue
        record = {
            col: (cell if cell != "" else None) for col, cell in zip(columns, row, strict=True)
        }
        yield map_record(record, file, start, FORMAT)
