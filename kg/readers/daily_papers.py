"""Daily-papers listing: after a subscribe banner, one title line and one abstract
line per paper. The page glues the first title onto the banner's button text
(`SubscribeRevisiting the ...`); that prefix is removed from the first title only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from kg.readers import _linepairs
from kg.readers._base import Item

FORMAT = "daily_papers"

# button text glued onto the first title: "SubscribeRevisiting ..." -> "Revisiting ..."
_GLUED_BUTTON = re.compile(
    r"^(?:Subscribe|Sign\s?up|Sign\s?in|Log\s?in|Follow)(?=[A-Z0-9\"'“$(\[])"
)
_BANNER = re.compile(r"\b(?:subscribe|inbox|newsletter|trending papers)\b", re.I)


def _unglue(title: str) -> str:
    fixed = _GLUED_BUTTON.sub("", title, count=1)
    return fixed if fixed.strip() else title


def sniff(lines: list[str]) -> bool:
    """A subscribe banner followed by title/abstract pairs, or plainly alternating
    short and long lines."""
    pairs = _linepairs.count_pairs(lines[:60])
    if pairs >= 1 and any(_BANNER.search(ln) for ln in lines[:5]):
        return True
    return pairs >= 3


def read(path: Path, *, name: str | None = None) -> Iterator[Item]:
    return _linepairs.parse(path, FORMAT, fix_first_title=_unglue, name=name)
