"""An in-memory index of papers (key, title, date, arXiv id) for listing, sorting and
text search, read straight from the store's indexes (`quads_for_pattern`) rather than
through SPARQL joins, which Oxigraph plans poorly for whole-graph listings."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

ID = "https://w3id.org/kg/id/"
PAPER_PREFIX = ID + "paper/"
DC = "http://purl.org/dc/terms/"
KG = "https://w3id.org/kg/ontology#"


@dataclass(slots=True)
class PaperRow:
    iri: str
    key: str
    title: str = ""
    date: str | None = None
    arxiv: str | None = None


def _plain(lit) -> str | None:
    """The value of a literal without a language tag (the listing's own text)."""
    if isinstance(lit, ox.Literal) and not lit.language:
        return lit.value
    return None


class PaperIndex:
    def __init__(self, store) -> None:
        self.store = store  # a KGStore
        self._lock = threading.Lock()
        self._text_lock = threading.Lock()
        self.papers: dict[str, PaperRow] = {}
        self.order: list[str] = []  # newest first
        self._text: dict[str, str] | None = None
        self._loaded = False

    def invalidate(self) -> None:
        with self._lock, self._text_lock:
            self._loaded = False
            self._text = None

    @property
    def loaded(self) -> bool:
        """Built and current (False until the first `load()` and after `invalidate()`)."""
        return self._loaded

    def _scan(self, predicate: str):
        return self.store.store.quads_for_pattern(None, ox.NamedNode(predicate), None, None)

    def load(self) -> None:
        with self._lock:
            if self._loaded:
                return
            papers: dict[str, PaperRow] = {}
            for q in self.store.store.quads_for_pattern(
                None, ox.NamedNode(DC + "identifier"), None, None
            ):
                s = q.subject
                if (
                    isinstance(s, ox.NamedNode)
                    and s.value.startswith(PAPER_PREFIX)
                    and "/" not in s.value[len(PAPER_PREFIX) :]
                ):
                    papers.setdefault(s.value, PaperRow(s.value, q.object.value))
            for q in self._scan(DC + "title"):
                row = papers.get(q.subject.value)
                t = _plain(q.object)
                if row is not None and t is not None and not row.title:
                    row.title = t
            for q in self._scan(DC + "issued"):
                row = papers.get(q.subject.value)
                if row is not None:
                    row.date = q.object.value
            for q in self._scan(KG + "arxivId"):
                row = papers.get(q.subject.value)
                if row is not None:
                    row.arxiv = q.object.value
            self.papers = papers
            self.order = sorted(
                papers, key=lambda i: (papers[i].date or "", papers[i].key), reverse=True
            )
            self._loaded = True

    def text(self) -> dict[str, str]:
        """Lower-cased title + abstract per paper, for word search (built on first use)."""
        self.load()
        with self._text_lock:
            if self._text is None:
                text = {i: r.title.lower() for i, r in self.papers.items()}
                for q in self._scan(DC + "abstract"):
                    a = _plain(q.object)
                    i = q.subject.value
                    if a is not None and i in text:
                        text[i] = text[i] + "\n" + a.lower()
                self._text = text
            return self._text

    def get(self, iri: str) -> PaperRow | None:
        self.load()
        return self.papers.get(iri)

    def categories(self, iri: str) -> list[str]:
        out = set()
        for q in self.store.store.quads_for_pattern(
            ox.NamedNode(iri), ox.NamedNode(KG + "category"), None, None
        ):
            code = q.object.value.rsplit("/", 1)[-1]
            from urllib.parse import unquote

            out.add(unquote(code))
        return sorted(out)

    def in_category(self, code: str) -> set[str]:
        from kg.namespaces import category_iri

        return {
            q.subject.value
            for q in self.store.store.quads_for_pattern(
                None, ox.NamedNode(KG + "category"), category_iri(code), None
            )
        }

    def mentioning(self, entities: Iterable[str]) -> set[str]:
        out: set[str] = set()
        p = ox.NamedNode(KG + "mentions")
        for e in entities:
            out.update(
                q.subject.value
                for q in self.store.store.quads_for_pattern(None, p, ox.NamedNode(e), None)
            )
        return out

    def newest(self, iris: Iterable[str]) -> list[str]:
        """`iris` sorted like the index (newest first), unknown ones dropped."""
        self.load()
        wanted = set(iris)
        if len(wanted) * 8 < len(self.order):
            rows = [self.papers[i] for i in wanted if i in self.papers]
            rows.sort(key=lambda r: (r.date or "", r.key), reverse=True)
            return [r.iri for r in rows]
        return [i for i in self.order if i in wanted]
