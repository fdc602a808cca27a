"""The form of a SPARQL query (SELECT / ASK / CONSTRUCT / DESCRIBE) from its first
keyword after the prologue: what a client needs to pick the Accept header, without
importing the HTTP server (`kg.server.safety` has the same rule for the endpoint)."""

from __future__ import annotations

import re

_PROLOGUE = re.compile(
    r"""\A(?:\s+|\#[^\n]*(?:\n|\Z)|BASE\s*<[^>\s]*>|PREFIX\s+[^\s:]*:\s*<[^>\s]*>)*""", re.I
)
_FORM = re.compile(r"(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)


def query_form(text: str) -> str | None:
    """SELECT / ASK / CONSTRUCT / DESCRIBE from the start of a query, or None if unclear."""
    m = _PROLOGUE.match(text)
    rest = text[m.end() :] if m else text
    f = _FORM.match(rest)
    return f.group(1).upper() if f else None
