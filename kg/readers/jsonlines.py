"""JSON Lines: one JSON object per line (arXiv metadata dumps, daily-arXiv crawls,
`Paper.model_dump_json()` output). Streams line by line; each bad line (bad JSON,
invalid UTF-8, too long, not an object, missing title, ...) becomes a `Rejected` with
its 1-based line number and reading goes on. Field mapping: see `_records`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from kg.readers._base import MAX_LINE_BYTES, Item, iter_raw_lines, reject
from kg.readers._records import map_record

FORMAT = "jsonl"

_loads = json.loads


def sniff(lines: list[str]) -> bool:
    """The first non-blank complete lines parse as JSON objects."""
    seen = 0
    for ln in lines[:10]:
        s = ln.strip()
        if not s:
            continue
        if not s.startswith("{"):
            return False
        try:
            obj = _loads(s)
        except (ValueError, RecursionError):
            return False
        if not isinstance(obj, dict):
            return False
        seen += 1
        if seen >= 2:
            break
    return seen >= 1


def read(path: Path, *, name: str | None = None) -> Iterator[Item]:
    file = name or str(path)
    for number, raw in iter_raw_lines(path):
        if raw is None:
            yield reject(file, number, f"line longer than {MAX_LINE_BYTES} bytes")
            continue
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            text = raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError as e:
            yield reject(file, number, f"invalid UTF-8 (byte {e.start + 1})")
            continue
        if not text.strip():
            continue
        try:
            obj = _loads(text)
        except ValueError as e:
            yield reject(file, number, f"bad JSON: {e}")
            continue
        except RecursionError:
            yield reject(file, number, "bad JSON: nested too deeply")
            continue
        yield map_record(obj, file, number, FORMAT)
