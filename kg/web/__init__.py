"""The built-in web explorer and the graph-export endpoint.

`build_router(get_kg)` (called by `create_app`) returns the FastAPI `APIRouter` that serves:

* `/docs`: Swagger UI on the vendored swagger-ui-dist (works offline);
* `/leaderboard?benchmark=`: scores per metric, best first (kg/static/js/leaderboard.js);
* `/` (search, with `?q=` results), `/entity/{id}`, `/paper/{id}`, `/evaluate`, `/query`
  (SPARQL editor): server-rendered page shells whose data small vanilla JS modules
  (kg/static/js) load from the REST API (`/api/...`) and `/sparql`;
* `/static/...`: those scripts, the stylesheet and the vendored libraries
  (kg/static/vendor: Cytoscape.js, YASGUI — each with its licence), so nothing is
  fetched from a CDN;
* `/api/export?format=…`: the graph exports of `kg.graph_export` with the scope of
  `kg export` (projection, entity, depth, query + its parameters, types, min_degree,
  min_papers, max_nodes);
* `/web/canned/{name}`: a canned query's SPARQL with its parameters bound, for the editor.

Every data route takes the current `kg.query.KG` snapshot through the `get_kg`
dependency; the pages' data comes from the REST API.
"""

from kg.web.routes import STATIC_DIR, build_router

__all__ = ["build_router", "STATIC_DIR"]
