"""Namespaces and IRI builders, as pyoxigraph `NamedNode`s.

IRI scheme (instance base https://w3id.org/kg/id/):

    paper           …/paper/<key>                    key = arXiv id or t-<hash>
    paper graph     …/graph/paper/<key>              one named graph per paper
    paper parts     …/paper/<key>/<part>/<n>         sentence, mention, proposal, eval, hw,
                                                     author, source
    extraction run  …/paper/<key>/extraction
    entity          …/<entity id>                    e.g. …/model/llama-3.1-8b
    author          …/author/<slug of the name>
    category        …/category/<code>                e.g. …/category/cs.LG
    vocab graph     …/graph/vocab                    shared entity nodes
    shared graph    …/graph/shared                   what several papers state alike:
                                                     author labels, category notations
    ontology graph  https://w3id.org/kg/ontology     kg.ttl

Every piece taken from data is percent-encoded (RFC 3987 iunreserved minus non-ASCII:
only `A-Z a-z 0-9 - . _ ~` stay as they are), so keys such as `hep-th/9901001`
(→ `hep-th%2F9901001`) or `t-…` and odd entity ids always give valid IRIs, and
distinct keys give distinct IRIs.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from typing import Literal, get_args
from urllib.parse import quote, unquote

from pyoxigraph import NamedNode

__all__ = [
    "EntityType",
    "ENTITY_TYPES",
    "KG_IRI",
    "ID_IRI",
    "DCTERMS_IRI",
    "SKOS_IRI",
    "RDFS_IRI",
    "RDF_TYPE_IRI",
    "Namespace",
    "KG",
    "ID",
    "RDF",
    "RDFS",
    "OWL",
    "XSD",
    "SKOS",
    "DCTERMS",
    "PROV",
    "SCHEMA",
    "FABIO",
    "MLS",
    "SH",
    "PREFIXES",
    "SPARQL_PREFIXES",
    "TURTLE_PREFIXES",
    "ONTOLOGY_IRI",
    "ONTOLOGY_GRAPH",
    "VOCAB_GRAPH",
    "SHARED_GRAPH",
    "encode",
    "paper_iri",
    "paper_graph",
    "paper_part_iri",
    "extraction_run_iri",
    "entity_iri",
    "entity_id_from_iri",
    "paper_key_from_iri",
    "author_iri",
    "author_slug",
    "category_iri",
]


class Namespace:
    """A namespace IRI; `NS.term` and `NS["term"]` give `NamedNode`s, `str(NS)` and
    `NS + "local"` give strings. (Not a `str` subclass, so `DCTERMS.title` is the term,
    not `str.title`.)"""

    __slots__ = ("iri",)
    iri: str

    def __init__(self, iri: str) -> None:
        object.__setattr__(self, "iri", iri)

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        return NamedNode(self.iri + name)

    def __getitem__(self, name: str) -> NamedNode:
        return NamedNode(self.iri + name)

    def term(self, name: str) -> NamedNode:
        return NamedNode(self.iri + name)

    def __str__(self) -> str:
        return self.iri

    def __repr__(self) -> str:
        return f"Namespace({self.iri!r})"

    def __add__(self, other: str) -> str:
        return self.iri + other

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Namespace) and other.iri == self.iri

    def __hash__(self) -> int:
        return hash(self.iri)


KG = Namespace("https://w3id.org/kg/ontology#")
ID = Namespace("https://w3id.org/kg/id/")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")
FABIO = Namespace("http://purl.org/spar/fabio/")
MLS = Namespace("http://www.w3.org/ns/mls#")
SH = Namespace("http://www.w3.org/ns/shacl#")

#: the same namespaces as plain strings, for code that builds IRIs by concatenation
KG_IRI, ID_IRI, DCTERMS_IRI = KG.iri, ID.iri, DCTERMS.iri
SKOS_IRI, RDFS_IRI = SKOS.iri, RDFS.iri
RDF_TYPE_IRI = RDF.iri + "type"

#: the five entity classes (kg:Model …), the one list every module uses
EntityType = Literal["Model", "Method", "Benchmark", "Hardware", "Metric"]
ENTITY_TYPES: tuple[str, ...] = get_args(EntityType)

PREFIXES: dict[str, str] = {
    "kg": str(KG),
    "id": str(ID),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "fabio": str(FABIO),
    "mls": str(MLS),
}
SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
TURTLE_PREFIXES = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items())

ONTOLOGY_IRI = NamedNode("https://w3id.org/kg/ontology")
ONTOLOGY_GRAPH = ONTOLOGY_IRI
VOCAB_GRAPH = NamedNode(ID + "graph/vocab")
#: Statements about resources several papers share (an author's rdfs:label, a category's
#: skos:notation), held once here rather than in each paper's graph: the default graph (the
#: union of the named graphs) must match each triple once (SPARQL 1.1: it is a set).
SHARED_GRAPH = NamedNode(ID + "graph/shared")

_SAFE = "-._~"


def encode(text: str, safe: str = _SAFE) -> str:
    """Percent-encode one IRI path segment (UTF-8; `%` itself becomes %25). The
    dot-segments `.` and `..`, which IRI normalisation would collapse, become %2E."""
    enc = quote(text, safe=safe)
    if enc in (".", ".."):
        enc = enc.replace(".", "%2E")
    return enc


@lru_cache(maxsize=4096)
def paper_iri(key: str) -> NamedNode:
    """…/paper/<key>."""
    return NamedNode(f"{ID.iri}paper/{encode(key)}")


@lru_cache(maxsize=4096)
def paper_graph(key: str) -> NamedNode:
    """The named graph holding everything about one paper: …/graph/paper/<key>."""
    return NamedNode(f"{ID.iri}graph/paper/{encode(key)}")


def paper_part_iri(key: str, part: str, n: int | str) -> NamedNode:
    """A node that belongs to one paper: …/paper/<key>/<part>/<n>
    (part: sentence, mention, proposal, eval, hw, author, source)."""
    return NamedNode(f"{ID.iri}paper/{encode(key)}/{encode(part)}/{encode(str(n))}")


def extraction_run_iri(key: str) -> NamedNode:
    return NamedNode(f"{ID.iri}paper/{encode(key)}/extraction")


@lru_cache(maxsize=65536)
def entity_iri(entity_id: str) -> NamedNode:
    """…/<entity id>, e.g. `model/llama-3.1-8b` → …/model/llama-3.1-8b.
    Each `/`-separated segment is percent-encoded on its own; dot-segments
    (`.`, `..`), which IRI resolution would collapse, are encoded too."""
    return NamedNode(ID.iri + "/".join(encode(seg) for seg in entity_id.split("/")))


def entity_id_from_iri(iri: NamedNode | str) -> str:
    """Inverse of `entity_iri` for well-formed ids."""
    s = iri.value if isinstance(iri, NamedNode) else str(iri)
    if not s.startswith(str(ID)):
        raise ValueError(f"not a kg entity IRI: {s}")
    return unquote(s[len(ID.iri) :])


def paper_key_from_iri(iri: NamedNode | str) -> str:
    """Inverse of `paper_iri` (and of `paper_graph`)."""
    s = iri.value if isinstance(iri, NamedNode) else str(iri)
    for prefix in (f"{ID}paper/", f"{ID}graph/paper/"):
        if s.startswith(prefix):
            return unquote(s[len(prefix) :].split("/", 1)[0])
    raise ValueError(f"not a kg paper IRI: {s}")


_TRANSLIT = str.maketrans(
    {
        "Þ": "Th",
        "þ": "th",
        "ß": "ss",
        "Æ": "Ae",
        "æ": "ae",
        "Ø": "O",
        "ø": "o",
        "Ł": "L",
        "ł": "l",
        "Đ": "D",
        "đ": "d",
        "Œ": "Oe",
        "œ": "oe",
        "ı": "i",
        "Ð": "D",
        "ð": "d",
    }
)


_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG_LETTER = re.compile(r"[a-z]")


def author_slug(name: str) -> str:
    """`José García-López` → `jose-garcia-lopez`. Names with no Latin letters keep their
    characters (lower-cased, spaces as `-`) and are percent-encoded by `author_iri`."""
    if name.isascii():
        # most names (~5 per paper): no transliteration, decomposition or script test
        # to make; the same result as the general path below
        slug = _NOT_SLUG.sub("-", name.lower()).strip("-")
        return slug if _SLUG_LETTER.search(slug) else _kept_slug(name)
    return _folded_slug(name)


def _folded_slug(name: str) -> str:
    """`author_slug` for any text: Latin letters transliterated and stripped of accents."""
    folded = unicodedata.normalize("NFKD", name.translate(_TRANSLIT))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    slug = _NOT_SLUG.sub("-", folded.lower()).strip("-")
    if slug and slug.isascii() and _SLUG_LETTER.search(slug) and _mostly_ascii(name):
        return slug
    return _kept_slug(name)


def _kept_slug(name: str) -> str:
    """A name without Latin letters: its own characters, lower-cased, words joined by `-`;
    a hash for a name of no words at all."""
    kept = "-".join(unicodedata.normalize("NFC", name).lower().split())
    return kept or "h-" + hashlib.sha1(name.encode()).hexdigest()[:12]


def _mostly_ascii(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    if not letters:
        return False
    latin = sum(
        1 for c in letters if unicodedata.normalize("NFKD", c.translate(_TRANSLIT))[0].isascii()
    )
    return latin * 2 >= len(letters)


@lru_cache(maxsize=65536)
def author_iri(name: str) -> NamedNode:
    return NamedNode(f"{ID.iri}author/{encode(author_slug(name))}")


@lru_cache(maxsize=1024)
def category_iri(code: str) -> NamedNode:
    return NamedNode(f"{ID.iri}category/{encode(code.strip())}")
