"""The query layer: what every face (REST API, web pages, CLI, exports, canned queries)
asks the graph through.

Everything takes a `KG` (one immutable snapshot: store, name resolver, paper index,
settings), never an HTTP request:

* `kg.query.resolver`: names to entities (exact label/alias first, then normalised;
  the most mentioned entity wins; ambiguity and misses raise with candidates);
* `kg.query.evaluations`: which papers evaluate X on Y, in evidence tiers;
* `kg.query.papers`, `kg.query.entities`: paper and entity views, search, trends;
* `kg.query.leaderboard`: scores per benchmark and metric, best first;
* `kg.query.canned`: canned queries bound with the same resolver;
* `kg.query.stats`: counts, mentioned entities apart from vocabulary concepts;
* `kg.query.live`: a holder that swaps in a new KG when the store changes.

Errors a user can cause are `kg.query.errors.QueryError`s: `NotFound` (404, with
suggestions), `Ambiguous` (409, with candidates), `BadInput` (400).
"""

from kg.query.context import KG, QuerySettings, open_kg
from kg.query.errors import Ambiguous, BadInput, NotFound, NotResolved, QueryError

__all__ = [
    "KG",
    "QuerySettings",
    "open_kg",
    "Ambiguous",
    "BadInput",
    "NotFound",
    "NotResolved",
    "QueryError",
]
