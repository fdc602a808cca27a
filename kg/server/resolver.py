"""Moved to `kg.query.resolver`; this name is kept for old imports."""

from kg.query.resolver import *  # noqa: F403
from kg.query.resolver import ENTITY_TYPES, ID, NotResolved, Resolved, Resolver, norm_key  # noqa: F401
