"""Moved to `kg.query.paper_index`; this name is kept for old imports."""

from kg.query.paper_index import *  # noqa: F403
from kg.query.paper_index import PaperIndex, PaperRow  # noqa: F401
