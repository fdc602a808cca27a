"""Moved to `kg.query.schemas`; this name is kept for old imports."""

from kg.query.schemas import *  # noqa: F403
