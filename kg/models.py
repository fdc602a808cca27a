"""Pydantic records at the boundaries: what readers yield and what extraction returns.

Readers turn any listing format into `Paper`; the extractor turns a `Paper` into an
`Extraction`; the RDF mapper turns both into quads. Nothing else crosses module lines.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from kg.namespaces import ENTITY_TYPES as ENTITY_TYPES  # re-exported: kg.models' users
from kg.namespaces import EntityType

Purpose = Literal["training", "inference", "evaluation", "unspecified"]
# what a reported number is (kg.extract.values.value_kind): only scores go into leaderboards
ValueKind = Literal["score", "improvement", "ratio", "range", "spread", "count"]

MAX_TITLE_CHARS = 2_000
MAX_ABSTRACT_CHARS = 50_000
MAX_AUTHORS = 10_000  # real collaborations reach ~5,000 (Gemini 2.5: 3,303)

_ARXIV_NEW = re.compile(r"(\d{4}\.\d{4,5})(v\d+)?$")
_ARXIV_OLD = re.compile(r"([a-z\-]+(?:\.[A-Z]{2})?/\d{7})(v\d+)?$")


def normalise_arxiv_id(raw: str) -> str | None:
    """`http://arxiv.org/abs/2510.14968v1` -> `2510.14968`; None if not an arXiv id."""
    s = raw.strip().rstrip("/")
    s = re.sub(r"^(https?://)?(www\.)?(export\.)?arxiv\.org/(abs|pdf)/", "", s)
    s = re.sub(r"^arxiv:", "", s, flags=re.I)
    s = s.removesuffix(".pdf")
    for pat in (_ARXIV_NEW, _ARXIV_OLD):
        m = pat.fullmatch(s)
        if m:
            return m.group(1)
    return None


_NON_WORD_RUN = re.compile(r"[^\w]+")
# an ASCII title's case and non-word characters folded in one `bytes.translate`: A-Z to
# a-z, every character `_NON_WORD_RUN` matches ([^A-Za-z0-9_]) to a space
_ASCII_TITLE_FOLD = bytes(
    b + 32 if 65 <= b <= 90 else b if chr(b).isalnum() and b < 128 or b == 95 else 32
    for b in range(256)
)


def normalise_title(title: str) -> str:
    """Key for matching the same paper across sources: case, accents, punctuation folded.
    (An ASCII title, the common case, is folded by one byte table, not `lower` and a regex
    substitution: each paper's key asks for it.)"""
    t = title
    if t.isascii():
        return " ".join(t.encode("ascii").translate(_ASCII_TITLE_FOLD).decode("ascii").split())
    t = unicodedata.normalize("NFKD", t)
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = t.lower()
    t = _NON_WORD_RUN.sub(" ", t)
    return " ".join(t.split())


def title_key(title: str) -> str:
    """Stable id for a paper with no arXiv id: a short hash of the normalised title."""
    return "t-" + hashlib.sha1(normalise_title(title).encode()).hexdigest()[:16]


class SourceRef(BaseModel):
    """Where a record came from: the file and its line or record number (1-based)."""

    file: str
    record: int
    format: str


class Paper(BaseModel):
    """One paper as read from a listing. `title`/`abstract` are cleaned for display;
    `*_original` keep the text as it was when cleaning changed it."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=MAX_TITLE_CHARS)
    abstract: str = Field(default="", max_length=MAX_ABSTRACT_CHARS)
    title_original: str | None = None
    abstract_original: str | None = None
    arxiv_id: str | None = None
    abstract_truncated: bool = False
    # translations and summaries keyed by BCP-47 language tag ("ja", "zh")
    titles: dict[str, str] = Field(default_factory=dict)
    abstracts: dict[str, str] = Field(default_factory=dict)
    summaries: dict[str, str] = Field(default_factory=dict)
    authors: list[str] = Field(default_factory=list, max_length=MAX_AUTHORS)
    categories: list[str] = Field(default_factory=list)
    comment: str | None = Field(default=None, max_length=10_000)
    published: dt.date | None = None
    code_urls: list[str] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)

    @field_validator("title")
    @classmethod
    def _title_not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("title is blank")
        return v.strip()

    @field_validator("arxiv_id")
    @classmethod
    def _arxiv_id_normal(cls, v: str | None) -> str | None:
        if v is None or not v.strip():
            return None
        norm = normalise_arxiv_id(v)
        if norm is None:
            raise ValueError(f"not an arXiv id: {v!r}")
        return norm

    @property
    def key(self) -> str:
        """Identity: arXiv id where known, else a hash of the normalised title."""
        return self.arxiv_id or title_key(self.title)


class Span(BaseModel):
    """Provenance of a mention or fact: the sentence and where in the text it sits.
    `field` says which text ("title" or "abstract"); offsets index that text."""

    field: Literal["title", "abstract"]
    start: int
    end: int
    sentence: str
    sentence_start: int


class Mention(BaseModel):
    """One surface form in the text, linked to a canonical entity."""

    text: str
    entity_id: str  # canonical concept id, e.g. "model/llama-3.1-8b"
    span: Span
    source: str  # which rule found it: "vocab", "definition", "proposal", "shape", ...
    confidence: float = Field(ge=0, le=1)


class Entity(BaseModel):
    """A canonical entity as the extractor knows it (from a vocabulary or discovered)."""

    id: str
    type: EntityType
    label: str
    aliases: list[str] = Field(default_factory=list)
    broader: list[str] = Field(default_factory=list)  # ids of families / architectures / vendors
    in_vocabulary: bool = True


class Evaluation(BaseModel):
    subject: str  # entity id
    benchmark: str  # entity id
    metric: str | None = None  # entity id
    value: float | None = None
    # a measure's own unit where the statement gives one ("12 ms", "80 FPS")
    unit: Literal["%", "points", "x", "absolute", "ms", "FPS", "tokens/s", "dB"] | None = None
    value_text: str | None = None
    value_kind: ValueKind | None = None  # set with a value
    evidence: Span
    confidence: float = Field(ge=0, le=1)
    # the Model entities the evaluated method was run on ("applying X to Llama-3-8B"):
    # kg:baseModel; their (ancestor, benchmark ancestor) pairs are in index_keys too
    base_models: list[str] = Field(default_factory=list)
    # "<subject or an ancestor> <benchmark or an ancestor>" entity-id pairs (skos:broader*
    # on both sides): stored as kg:evaluationKey, so "Llama on GSM8K, variants included"
    # is one index lookup instead of a join of two broader* closures
    index_keys: list[str] = Field(default_factory=list)


class HardwareUse(BaseModel):
    hardware: str  # entity id
    subject: str | None = None  # entity id
    purpose: Purpose = "unspecified"
    evidence: Span
    confidence: float = Field(ge=0, le=1)


class Proposal(BaseModel):
    entity: str  # entity id
    evidence: Span
    confidence: float = Field(ge=0, le=1)


class Extraction(BaseModel):
    """Everything the extractor found in one paper."""

    paper_key: str
    extractor_version: str
    entities: dict[str, Entity] = Field(default_factory=dict)  # by id
    mentions: list[Mention] = Field(default_factory=list)
    proposes: list[Proposal] = Field(default_factory=list)
    evaluations: list[Evaluation] = Field(default_factory=list)
    hardware_use: list[HardwareUse] = Field(default_factory=list)


class Rejected(BaseModel):
    """A record that could not be read: where, and why."""

    file: str
    record: int
    reason: str
