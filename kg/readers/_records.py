"""Mapping of one metadata record (a JSON object, a CSV row) to a Paper.

Field names follow arXiv's metadata (the Kaggle snapshot, the arXiv API, the
daily-arXiv crawls) and a few common variants; lookup is case-insensitive:

    title                      title, paper_title
    abstract                   abstract, summary, abstract_text   (required; may be "")
    arXiv id                   id, arxiv_id, arxivid, arxiv, entry_id, paper_id, url, abs,
                               abs_url, link, pdf, pdf_url
    authors                    authors, author, authors_parsed    (list, or "A, B and C")
    categories                 categories, category, cats          (list, or "cs.LG cs.AI")
    comment                    comment, comments, arxiv_comment
    published                  published, published_date, date, versions[0].created,
                               update_date, updated, crawl_date, submitted
    code links                 code_url(s), code, github, repo, repo_url
                               (+ links in abstract/comment)
    translations               titles, abstracts, summaries: {"zh": ...}
                               (Paper's own JSON reads back)

A value that is present but unusable (wrong type, over a size bound, bad date) rejects
the record; an `id` that is not an arXiv id simply leaves `arxiv_id` empty.
"""

from __future__ import annotations

from typing import Any

from kg.models import normalise_arxiv_id
from kg.readers._base import Item, make_paper, reject

_TITLE = ("title", "paper_title")
_ABSTRACT = ("abstract", "summary", "abstract_text")
_ID = (
    "arxiv_id",
    "arxivid",
    "id",
    "arxiv",
    "entry_id",
    "paper_id",
    "abs_url",
    "abs",
    "url",
    "link",
    "pdf_url",
    "pdf",
)
_AUTHORS = ("authors", "author", "authors_parsed")
_CATEGORIES = ("categories", "category", "cats")
_COMMENT = ("comment", "comments", "arxiv_comment")
_DATES = (
    "published",
    "published_date",
    "date",
    "versions",
    "update_date",
    "updated",
    "crawl_date",
    "submitted",
)
_CODE = ("code_urls", "code_url", "code", "github", "repo", "repo_url")

_EMPTY: tuple[object, ...] = (None, "", [], {})


def _first(rec: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for k in keys:
        v = rec.get(k)
        if v not in _EMPTY:
            return v
    return None


def _published(rec: dict[str, Any]) -> Any:
    for k in _DATES:
        v = rec.get(k)
        if v in _EMPTY:
            continue
        if k == "versions":
            # Kaggle arXiv snapshot: [{"version": "v1", "created": "Mon, 2 Apr 2007 ..."}]
            if isinstance(v, list) and v and isinstance(v[0], dict) and v[0].get("created"):
                return v[0]["created"]
            continue
        return v
    return None


def _arxiv_id(rec: dict[str, Any]) -> str | None:
    for k in _ID:
        v = rec.get(k)
        if isinstance(v, str) and v.strip() and len(v) <= 300 and normalise_arxiv_id(v):
            return v
    return None


def _urls(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def map_record(obj: Any, file: str, record: int, fmt: str) -> Item:
    if not isinstance(obj, dict):
        return reject(file, record, f"record is a JSON {type(obj).__name__}, not an object")
    rec = {str(k).strip().lower(): v for k, v in obj.items()}
    # our own Paper JSON round-trips: prefer the raw text where it was kept
    title = rec.get("title_original") or _first(rec, _TITLE)
    if title is None:
        return reject(file, record, "missing title")
    # an abstract field must be there; it may be empty (a Paper's own dump can be)
    abstract = rec.get("abstract_original") or _first(rec, _ABSTRACT)
    if abstract is None:
        abstract = next((rec[k] for k in _ABSTRACT if rec.get(k) is not None), None)
    if abstract is None:
        return reject(file, record, "missing abstract")
    truncated = rec.get("abstract_truncated")
    return make_paper(
        file=file,
        record=record,
        fmt=fmt,
        title=title,
        abstract=abstract,
        arxiv_id=_arxiv_id(rec),
        abstract_truncated=truncated if isinstance(truncated, bool) else False,
        titles=rec.get("titles") or None,
        abstracts=rec.get("abstracts") or None,
        summaries=rec.get("summaries") or None,
        authors=_first(rec, _AUTHORS),
        categories=_first(rec, _CATEGORIES),
        comment=_first(rec, _COMMENT),
        published=_published(rec),
        urls=[u for k in _CODE for u in _urls(rec.get(k))],
    )
