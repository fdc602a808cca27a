"""Merging two records of the same paper from different sources into one.

The same paper read from a listing and from an arXiv feed must become one node: fields
one source lacks are filled from the other, lists are unioned in order, and a full
abstract wins over one cut short.
"""

from __future__ import annotations

from kg.models import Paper


def _union(a: list, b: list) -> list:
    seen = set()
    out = []
    for x in [*a, *b]:
        k = x.model_dump_json() if hasattr(x, "model_dump_json") else x
        if k not in seen:
            seen.add(k)
            out.append(x)
    return out


def _better_abstract(old: Paper, new: Paper) -> Paper:
    """The record whose English abstract should be kept."""
    if not old.abstract:
        return new
    if not new.abstract:
        return old
    if old.abstract_truncated != new.abstract_truncated:
        return new if old.abstract_truncated else old
    return new if len(new.abstract) > len(old.abstract) else old


def merge_papers(old: Paper, new: Paper) -> Paper:
    """`old` updated with what `new` adds; merging a record into itself changes nothing."""
    best = _better_abstract(old, new)
    data = old.model_dump()
    data.update(
        abstract=best.abstract,
        abstract_original=best.abstract_original,
        abstract_truncated=best.abstract_truncated,
        arxiv_id=old.arxiv_id or new.arxiv_id,
        titles={**new.titles, **old.titles},
        abstracts={**new.abstracts, **old.abstracts},
        summaries={**new.summaries, **old.summaries},
        authors=old.authors or new.authors,
        categories=_union(old.categories, new.categories),
        comment=old.comment or new.comment,
        published=old.published or new.published,
        code_urls=_union(old.code_urls, new.code_urls),
        sources=[s.model_dump() for s in _union(old.sources, new.sources)],
    )
    return Paper.model_validate(data)
