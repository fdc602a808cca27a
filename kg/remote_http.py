"""HTTP plumbing for kg.remote_store: authentication, streamed bodies, and turning
SPARQL Protocol answers back into the pyoxigraph objects the embedded store returns
(with Virtuoso's dialect mended where it differs)."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote, urlencode, urlsplit, urlunsplit

import httpx
import pyoxigraph as ox

from kg.store import StoreError

FORM = "application/x-www-form-urlencoded"
JSON_RESULTS = "application/sparql-results+json"
XML_RESULTS = "application/sparql-results+xml"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, text/plain;q=0.5"
ANY_ACCEPT = f"{JSON_RESULTS}, {GRAPH_ACCEPT}"
XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


class RemoteTimeout(StoreError):
    """The server did not answer in time."""


class RemoteBadRequest(StoreError, SyntaxError):
    """The server refused a query or update as malformed (400): a SyntaxError for code
    written against the embedded store, a StoreError for the CLI's error handling."""


def short(text: str, lines: int = 5, chars: int = 600) -> str:
    body = "\n".join(text.strip().splitlines()[:lines])
    return body[:chars] + ("…" if len(body) > chars else "")


class AnyAuth(httpx.Auth):
    """Answers a 401 with Digest or Basic, whichever the server asks for (Virtuoso's
    /sparql-auth wants Digest; a proxy in front of Oxigraph usually Basic)."""

    def __init__(self, user: str, password: str) -> None:
        self._digest = httpx.DigestAuth(user, password)
        self._basic = httpx.BasicAuth(user, password)

    def auth_flow(self, request: httpx.Request):
        response = yield request
        if response.status_code != 401:
            return
        challenge = response.headers.get("www-authenticate", "").lower()
        if challenge.startswith("digest"):
            flow = self._digest.auth_flow(request)
            next(flow)  # the unauthenticated request, already sent
            try:
                request = flow.send(response)
            except StopIteration:
                return
            yield request
        else:
            yield from self._basic.auth_flow(request)


def split_credentials(url: str) -> tuple[str, tuple[str, str] | None]:
    """`http://user:pw@host/x` -> (`http://host/x`, (user, pw)); credentials never go in logs."""
    parts = urlsplit(url)
    if not parts.username:
        return url, None
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    creds = (unquote(parts.username), unquote(parts.password or ""))
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment)), creds


class BodyReader(io.RawIOBase):
    """A streamed HTTP body as a file, so pyoxigraph parses while it downloads; it stops
    with RemoteTimeout once `deadline` (monotonic seconds) has passed."""

    def __init__(self, chunks: Iterator[bytes], deadline: float | None, what: str) -> None:
        self._chunks = chunks
        self._buf = b""
        self._deadline = deadline
        self._what = what
        self.timed_out = False

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        while not self._buf:
            if self._deadline is not None and time.monotonic() > self._deadline:
                self.timed_out = True
                raise RemoteTimeout(f"{self._what}: time limit reached while reading the answer")
            try:
                self._buf = next(self._chunks)
            except StopIteration:
                return 0
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n


def form(pairs: list[tuple[str, str]]) -> bytes:
    return urlencode(pairs).encode()


def is_results(ctype: str) -> bool:
    c = ctype.lower()
    return "sparql-results" in c or c.startswith(("application/json", "text/tab-separated-values"))


def parse_answer(body: Any, ctype: str, virtuoso: bool = False):
    """An HTTP answer as the pyoxigraph object the embedded store would have returned.
    Virtuoso stores xsd:boolean as 1/0 and answers `"1"^^xsd:boolean`: mended to
    true/false so that answers match the embedded store's."""
    c = ctype.split(";")[0].strip().lower()
    if "json" in c:
        if virtuoso and isinstance(body, bytes) and XSD_BOOLEAN.encode() in body:
            body = mend_json_booleans(body)
        return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    if c == XML_RESULTS:
        return ox.parse_query_results(body, format=ox.QueryResultsFormat.XML)
    if c == "text/tab-separated-values":
        return ox.parse_query_results(body, format=ox.QueryResultsFormat.TSV)
    fmt = {
        "application/n-triples": ox.RdfFormat.N_TRIPLES,
        "text/plain": ox.RdfFormat.N_TRIPLES,
        "text/turtle": ox.RdfFormat.TURTLE,
        "application/rdf+xml": ox.RdfFormat.RDF_XML,
        "application/n-quads": ox.RdfFormat.N_QUADS,
    }.get(c)
    if fmt is None:
        raise StoreError(f"the SPARQL server answered with an unexpected media type {ctype!r}")
    # QueryTriples cannot be built from Python: let an in-memory store produce one
    mem = ox.Store()
    mem.load(body, format=fmt)
    if virtuoso:
        for raw, canonical in (("1", "true"), ("0", "false")):
            mem.update(
                f'DELETE {{ ?s ?p "{raw}"^^<{XSD_BOOLEAN}> }} INSERT {{ ?s ?p {canonical} }} '
                f'WHERE {{ ?s ?p "{raw}"^^<{XSD_BOOLEAN}> }}'
            )
    return mem.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")


def mend_json_booleans(body: bytes) -> bytes:
    import json

    doc = json.loads(body)
    for row in doc.get("results", {}).get("bindings", []):
        for term in row.values():
            if term.get("datatype") == XSD_BOOLEAN and term.get("value") in ("0", "1"):
                term["value"] = "true" if term["value"] == "1" else "false"
    return json.dumps(doc).encode()


def reason(e: Exception) -> str:
    text = str(e) or type(e).__name__
    m = re.search(r"\[Errno -?\d+\] (.+?)(?:'|\)|$)", text)
    return m.group(1) if m else text
