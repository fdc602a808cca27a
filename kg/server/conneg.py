"""Content negotiation: parse an Accept header (with q-values) and pick a media type
from a table of what the server can produce for a kind of result."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float
    order: int

    def specificity(self, media: str) -> int:
        """3 exact, 2 type/*, 1 */*, 0 no match."""
        t, _, s = media.partition("/")
        if self.type == "*" and self.subtype == "*":
            return 1
        if self.type != t:
            return 0
        if self.subtype == "*":
            return 2
        return 3 if self.subtype == s else 0


def parse_accept(header: str | None) -> list[MediaRange]:
    """Media ranges of an Accept header; an empty or missing header accepts everything."""
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0, 0)]
    out: list[MediaRange] = []
    for i, part in enumerate(header.split(",")):
        part = part.strip()
        if not part:
            continue
        fields = [f.strip() for f in part.split(";")]
        mt = fields[0].lower()
        if mt == "*":
            mt = "*/*"
        if "/" not in mt:
            continue
        t, _, s = mt.partition("/")
        q = 1.0
        for f in fields[1:]:
            k, _, v = f.partition("=")
            if k.strip().lower() == "q":
                try:
                    q = float(v.strip())
                except ValueError:
                    q = 0.0
                q = min(max(q, 0.0), 1.0)
        out.append(MediaRange(t.strip(), s.strip(), q, i))
    return out


def negotiate(accept: str | None, offers: Sequence[tuple[str, T]]) -> tuple[str, T] | None:
    """The best (media type, value) of `offers` for the Accept header, or None (→ 406).

    Each offer takes the q of the most specific range matching it; the highest q wins,
    ties going to the range the client listed first, then to the server's order."""
    ranges = parse_accept(accept)
    best: tuple[float, int, int, int] | None = None
    choice = None
    for pos, (media, value) in enumerate(offers):
        spec, q, order = 0, 0.0, 0
        for r in ranges:
            s = r.specificity(media)
            if s > spec:
                spec, q, order = s, r.q, r.order
        if spec == 0 or q <= 0:
            continue
        # exact or type/* matches beat */* at equal q; then client order; then ours
        key = (q, spec if spec > 1 else 0, -order, -pos)
        if best is None or key > best:
            best, choice = key, (media, value)
    return choice


def prefers_html(accept: str | None) -> bool:
    """True for a browser: text/html is acceptable and no less preferred than Turtle."""
    if not accept:
        return False
    got = negotiate(accept, [("text/html", "html"), ("text/turtle", "ttl")])
    return bool(
        got
        and got[1] == "html"
        and any(r.specificity("text/html") == 3 for r in parse_accept(accept))
    )
