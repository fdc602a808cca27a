"""Checks made before a SPARQL request runs.

`federation_problem(text)` refuses anything that could make the server open a
connection: `SERVICE` in a query or update, and `LOAD` in an update. It is a parse-level
check: the text is \\u-unescaped (SPARQL escapes apply before parsing), and if the word
"service"/"load" appears anywhere at all, a small lexer (`scan`) finds the bare words
outside strings, IRIs, comments, variables and prefixed names: any holding SERVICE (or
LOAD in an update) is refused. Then the text is parsed with rdflib's SPARQL 1.1 grammar
and the tree searched for `ServiceGraphPattern` / `Load`. A text rdflib cannot parse
(SPARQL 1.2's LATERAL, …) passes on the lexer's reading unless the lexer found it
ambiguous (a quote inside `<…>`, a backslash outside strings), when it is refused.
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


# --- a small SPARQL lexer: what is code and what is inside strings, IRIs and comments ----
_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<long>'{3}(?:[^'\\]|\\.|'(?!''))*'{3}|"{3}(?:[^"\\]|\\.|"(?!""))*"{3})
  | (?P<str>'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\U000effff]*)
  | (?P<name>[A-Za-z_\u00c0-\U000effff][A-Za-z0-9_\-.\u00b7\u00c0-\U000effff]*)
  | (?P<other>.)
    """,
    re.X | re.S,
)


class Scan:
    """The bare keywords of a SPARQL text (outside strings, IRIs, comments, variables and
    prefixed names), upper-cased, in order; `ambiguous` when the lexer met an IRI-looking
    `<...>` holding a quote (a parser could read a less-than and a string), or a backslash
    outside a string (a prefixed name's escape): then only a real parser can tell."""

    __slots__ = ("keywords", "ambiguous")

    def __init__(self, keywords: list[str], ambiguous: bool) -> None:
        self.keywords = keywords
        self.ambiguous = ambiguous

    def has(self, word: str) -> bool:
        return word in self.keywords


def scan(text: str, unescape: bool = True) -> Scan:
    plain = unescape_codepoints(text) if unescape else text
    keywords: list[str] = []
    ambiguous = False
    prev_colon = False
    n = len(plain)
    for m in _TOKEN.finditer(plain):
        kind = m.lastgroup
        if kind == "name":
            end = m.end()
            word = m.group()
            # a prefixed name (`ex:service`, `service:x`) is not a keyword
            if not prev_colon and not (end < n and plain[end] == ":"):
                # a bare word: keywords hold no dots or dashes, so `true.SERVICE` is
                # `true` `.` `SERVICE` to a parser
                keywords.extend(w for w in re.split(r"[.\-]+", word.upper()) if w)
        elif kind == "iri" and "'" in m.group():
            ambiguous = True
        elif kind == "other" and m.group() == "\\":
            # outside strings a backslash can only be a prefixed name's escape (`ex:a\#b`,
            # `ex:a\'b`), which this lexer would misread as a comment or a string start
            ambiguous = True
        prev_colon = kind == "other" and m.group() == ":"
    return Scan(keywords, ambiguous)


def dataset_clauses(text: str) -> tuple[bool, bool]:
    """(has FROM, has FROM NAMED) in a query: its own dataset description."""
    kw = scan(text).keywords
    frm = named = False
    for i, w in enumerate(kw):
        if w == "FROM":
            if i + 1 < len(kw) and kw[i + 1] == "NAMED":
                named = True
            else:
                frm = True
    return frm, named


def federation_problem(text: str, update: bool = False) -> str | None:
    """None if the request cannot reach the network, else why it is refused."""
    plain = unescape_codepoints(text)
    if not _WORD.search(plain):
        return None
    if not update and not re.search("service", plain, re.I):
        return None
    sc = scan(plain, unescape=False)
    raw = scan(text, unescape=False)  # both readings: with and without \\u escapes applied
    # any bare word holding SERVICE (`SERVICESILENT`, `trueSERVICE`: no standard keyword
    # contains it, and a parser may read such a word as two) counts as SERVICE
    if any("SERVICE" in w for w in sc.keywords + raw.keywords):
        return "federated queries (SERVICE) are disabled on this server"
    if update and any("LOAD" in w for w in sc.keywords + raw.keywords):
        return "LOAD is disabled on this server (it would fetch a URL)"
    ambiguous = sc.ambiguous or raw.ambiguous
    # the lexer saw the word only inside strings, IRIs, comments, variables or prefixed
    # names; the SPARQL 1.1 parser checks that reading too where it can parse the text
    tree: Any
    try:
        if update:
            from rdflib.plugins.sparql.parser import parseUpdate

            tree = parseUpdate(plain)
        else:
            from rdflib.plugins.sparql.parser import parseQuery

            tree = parseQuery(plain)
    except Exception:
        if not ambiguous:
            # beyond SPARQL 1.1 (LATERAL, …): the lexer's reading stands
            return None
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


# --- updates: the dataset of each operation ------------------------------------------------
def _code_tokens(text: str):
    """(kind, upper-cased text, start) of the tokens that are code (no whitespace, comments)."""
    prev_colon = False
    n = len(text)
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind in ("ws", "comment"):
            continue
        word = m.group()
        if kind == "name":
            end = m.end()
            if prev_colon or (end < n and text[end] == ":"):
                kind = "pname"
        prev_colon = kind == "other" and word == ":"
        yield kind, word.upper(), m.start()


def update_dataset_clauses(text: str) -> bool:
    """Whether an update names its own dataset anywhere (USING, USING NAMED or WITH)."""
    kw = set(scan(text).keywords) | set(scan(text, unescape=False).keywords)
    return bool(kw & {"USING", "WITH"})


def where_offsets(text: str) -> tuple[list[int], bool]:
    """Where the WHERE keyword of each DELETE/INSERT … WHERE operation starts (the place
    for USING clauses), and whether the text has a `DELETE WHERE` shorthand (which takes
    none)."""
    depth = 0
    last = None
    out: list[int] = []
    shorthand = False
    for kind, word, start in _code_tokens(text):
        if kind == "other" and word == "{":
            depth += 1
        elif kind == "other" and word == "}":
            depth -= 1
        elif kind == "name" and depth == 0 and word == "WHERE":
            if last == ("name", "DELETE"):
                shorthand = True
            else:
                out.append(start)
        last = (kind, word)
    return out, shorthand


def with_protocol_dataset(text: str, using: list[str], using_named: list[str]) -> str:
    """The update with the protocol's `using-graph-uri` / `using-named-graph-uri` written
    as USING / USING NAMED clauses before the WHERE of each operation (SPARQL 1.1
    Protocol 2.2.3). ValueError when that cannot be done faithfully."""
    if unescape_codepoints(text) != text:
        raise ValueError("updates with \\u escapes cannot take using-graph-uri")
    offsets, shorthand = where_offsets(text)
    if shorthand:
        raise ValueError(
            "DELETE WHERE takes no dataset: write DELETE { … } WHERE { … } to use using-graph-uri"
        )
    clause = " ".join([f"USING <{g}>" for g in using] + [f"USING NAMED <{g}>" for g in using_named])
    for at in reversed(offsets):
        text = text[:at] + clause + " " + text[at:]
    return text


def reads_default_graph(text: str) -> bool:
    """Whether some operation of an update matches triples in the default graph without
    naming a dataset (no WITH, no USING): a pattern outside GRAPH in its WHERE, or a
    DELETE WHERE outside GRAPH. False when the safety parser cannot read the update."""
    try:
        from rdflib.plugins.sparql.parser import parseUpdate

        tree = parseUpdate(unescape_codepoints(text))
    except Exception:  # noqa: BLE001 - Oxigraph may accept more than rdflib
        return False
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    def outside_graph(node, depth=0) -> bool:
        if depth > 200:
            return False
        if isinstance(node, CompValue):
            if node.name in ("GraphGraphPattern", "QuadsNotTriples"):
                return False
            if node.name == "TriplesBlock" or (node.name == "Quads" and "triples" in node):
                return True
            return any(outside_graph(v, depth + 1) for v in node.values())
        if isinstance(node, (list, tuple, ParseResults)):
            return any(outside_graph(v, depth + 1) for v in node)
        return False

    for op in getattr(tree, "request", []) or []:
        if not isinstance(op, CompValue):
            continue
        if op.name == "Modify" and "withClause" not in op and "using" not in op:
            if "where" in op and outside_graph(op["where"]):
                return True
        if op.name == "DeleteWhere" and "quads" in op and outside_graph(op["quads"]):
            return True
    return False
