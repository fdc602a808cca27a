"""Japanese bilingual listing: each paper is either

    <Japanese title>
    <Japanese abstract>
    原文 (English)
    <English title>
    <English abstract>

or an English title line and an English abstract line cut short with `…`. The page
starts with a couple of header lines (topic, month) that are skipped.

The parse works on line roles (see `_linepairs`): the Japanese pair goes to
`titles["ja"]`/`abstracts["ja"]`, the English pair to `title`/`abstract`; an abstract
ending in an ellipsis sets `abstract_truncated`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from kg.readers import _linepairs
from kg.readers._base import Item

FORMAT = "bilingual_ja"

_JA_MONTH = re.compile(r"^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*$")


def sniff(lines: list[str]) -> bool:
    """A `原文 (...)` marker line, or a `2026年5月`-style header with Japanese text."""
    if any(_linepairs.is_marker(ln) for ln in lines[:400]):
        return True
    head = [ln for ln in lines[:5] if ln.strip()]
    return any(_JA_MONTH.match(ln) for ln in head) and _linepairs.count_pairs(lines[:40]) >= 1


def read(path: Path, *, name: str | None = None) -> Iterator[Item]:
    return _linepairs.parse(path, FORMAT, translation_lang="ja", name=name)
