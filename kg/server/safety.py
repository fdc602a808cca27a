"""Checks made before a SPARQL request runs.

`federation_problem(text)` refuses anything that could make the server open a
connection: `SERVICE` in a query or update, and `LOAD` in an update. It is a parse-level
check: the text is \\u-unescaped (SPARQL escapes apply before parsing), and if the word
"service"/"load" appears anywhere at all the request is parsed with rdflib's SPARQL 1.1
grammar and the parse tree searched for `ServiceGraphPattern` / `Load`. A text that
mentions the word but that rdflib cannot parse is refused too (it cannot be shown safe).
Comments, case and whitespace make no difference; strings and IRIs that merely contain
the word pass.
"""

from __future__ import annotations

import re
from typing import Any

_UESC = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_WORD = re.compile(r"service|load", re.I)


def unescape_codepoints(text: str) -> str:
    def rep(m: re.Match) -> str:
        try:
            return chr(int(m.group(1) or m.group(2), 16))
        except (ValueError, OverflowError):
            return m.group(0)

    return _UESC.sub(rep, text)


def _names(node: Any, depth: int = 0):
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    if depth > 500:
        yield "<too deep>"
        return
    if isinstance(node, CompValue):
        yield node.name
        for v in node.values():
            yield from _names(v, depth + 1)
    elif isinstance(node, (list, tuple, ParseResults)):
        for v in node:
            yield from _names(v, depth + 1)
    elif isinstance(node, dict):
        for v in node.values():
            yield from _names(v, depth + 1)


def federation_problem(text: str, update: bool = False) -> str | None:
    """None if the request cannot reach the network, else why it is refused."""
    plain = unescape_codepoints(text)
    if not _WORD.search(plain):
        return None
    if not update and not re.search("service", plain, re.I):
        return None
    tree: Any
    try:
        if update:
            from rdflib.plugins.sparql.parser import parseUpdate

            tree = parseUpdate(plain)
        else:
            from rdflib.plugins.sparql.parser import parseQuery

            tree = parseQuery(plain)
    except Exception:
        return (
            "the request mentions SERVICE or LOAD and could not be checked by the "
            "safety parser; federated queries and LOAD are disabled on this server"
        )
    names = set(_names(tree))
    if "<too deep>" in names:
        return "the request is nested too deeply to be checked"
    if "ServiceGraphPattern" in names:
        return "federated queries (SERVICE) are disabled on this server"
    if update and "Load" in names:
        return "LOAD is disabled on this server (it would fetch a URL)"
    return None


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
