"""HTML of the explorer's pages: a shared layout and one body per page.

Pages are shells rendered on the server (title, headings, forms, labelled controls,
empty regions with `aria-live` status lines); kg/static/js fills them from the REST API.
Every value from the request is escaped here; the scripts insert data as text nodes.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from kg.graph_export import FORMATS
from kg.namespaces import ENTITY_TYPES

#: set by kg.web.routes: URL of a static file, with a cache-busting version
asset: Callable[[str], str] = lambda rel: f"/static/{rel}"  # noqa: E731

FORMAT_LABELS = {
    "graphml": "GraphML",
    "gexf": "GEXF (Gephi)",
    "cytoscape": "Cytoscape.js JSON",
    "nodelink": "Node-link JSON",
    "dot": "Graphviz DOT",
    "csv": "CSV (zip)",
}
TYPES = ENTITY_TYPES


def _layout(
    title: str,
    page: str,
    body: str,
    *,
    scripts: tuple[str, ...] = (),
    styles: tuple[str, ...] = (),
    data: dict[str, str] | None = None,
    search_value: str = "",
) -> str:
    attrs = " ".join(f'data-{k}="{escape(v)}"' for k, v in (data or {}).items())
    css = "".join(f'<link rel="stylesheet" href="{asset(s)}">' for s in styles + ("kg.css",))
    js = "".join(f'<script src="{asset(s)}" defer></script>' for s in ("js/kg.js",) + scripts)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} · kg</title>
<link rel="icon" href="{asset("favicon.svg")}" type="image/svg+xml">
{css}
{js}
</head>
<body data-page="{page}" {attrs}>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <nav aria-label="Main">
    <a class="brand" href="/">kg</a>
    <a href="/"{' aria-current="page"' if page == "home" else ""}>Search</a>
    <a href="/evaluate"{' aria-current="page"' if page == "evaluate" else ""}>Evaluations</a>
    <a href="/leaderboard"{' aria-current="page"' if page == "leaderboard" else ""}>Leaderboards</a>
    <a href="/query"{' aria-current="page"' if page == "query" else ""}>SPARQL</a>
    <a href="/docs">API</a>
  </nav>
  <form class="site-search" role="search" action="/" method="get">
    <label for="site-q" class="visually-hidden">Search entities and papers</label>
    <div class="combo">
      <input id="site-q" name="q" type="search" value="{escape(search_value)}" placeholder="Search \
models, benchmarks, papers…"
             autocomplete="off" spellcheck="false" data-autocomplete="entities papers" \
data-navigate="true">
    </div>
    <button type="submit">Search</button>
  </form>
</header>
<main id="main" tabindex="-1">
<noscript><p class="error">This explorer needs JavaScript for its data; the REST API is at <a \
href="/docs">/docs</a>.</p></noscript>
{body}
</main>
<footer class="site-footer">
  <p>kg — a knowledge graph of ML research. <a href="/sparql">SPARQL endpoint</a> · <a \
href="/docs">REST API</a>
  · <a href="/static/vendor/cytoscape/LICENSE">Cytoscape.js licence</a>
  · <a href="/static/vendor/yasgui/LICENSE">YASGUI licence</a>
  · <a href="/static/vendor/plot/LICENSE">Observable Plot licence</a></p>
</footer>
</body>
</html>
"""


def downloads(region_id: str, heading: str = "Download this graph") -> str:
    """A list of export links, filled in by kg.js from data-export on the container."""
    items = "".join(
        f'<li><a class="button download" data-format="{f}" href="#" '
        f"download>{escape(FORMAT_LABELS[f])}</a></li>"
        for f in FORMATS
    )
    return f"""<section class="downloads" id="{region_id}" aria-labelledby="{region_id}-h" hidden>
  <h2 id="{region_id}-h">{escape(heading)}</h2>
  <p class="hint" data-role="scope"></p>
  <ul class="download-list">{items}</ul>
</section>"""


def graph_panel(prefix: str, heading: str) -> str:
    return f"""<section class="graph-section" aria-labelledby="{prefix}-graph-h">
  <h2 id="{prefix}-graph-h">{escape(heading)}</h2>
  <form class="graph-controls" id="{prefix}-graph-form">
    <label>Projection
      <select name="projection">
        <option value="bipartite">papers – entities</option>
        <option value="cooccurrence">entity co-occurrence</option>
      </select></label>
    <label>Depth
      <select name="depth"><option>1</option><option>2</option></select></label>
    <label>At most
      <select name="max_nodes"><option value="100">100</option><option value="300" \
selected>300</option>
        <option value="1000">1,000</option></select> nodes</label>
    <label>Layout
      <select name="layout"><option value="auto">automatic</option><option value="cose">force \
(cose)</option>
        <option value="concentric">concentric</option><option \
value="breadthfirst">tree</option></select></label>
    <button type="submit">Redraw</button>
    <button type="button" data-action="fit">Fit</button>
  </form>
  <p class="graph-status" id="{prefix}-graph-status" role="status" aria-live="polite">Loading the \
graph…</p>
  <div class="graph-wrap">
    <div class="graph" id="{prefix}-graph" role="img" aria-label="Neighbourhood graph; click a \
node to expand it, double-click to open its page"></div>
    <aside class="graph-info" id="{prefix}-graph-info" aria-live="polite">
      <p class="hint">Click a node to add its neighbours; double-click (or use the link here) to \
open its page.
      The nodes are also listed below for keyboard use.</p>
    </aside>
  </div>
  <details class="graph-nodes"><summary>Nodes in view (list)</summary><ul \
id="{prefix}-graph-list"></ul></details>
  <p class="legend" aria-label="Node \
colours">{"".join(f'<span class="swatch t-{t}">{t}</span>' for t in ("Paper",) + TYPES)}</p>
</section>"""


def home(q: str) -> str:
    format_options = "".join(
        f'<option value="{f}">{escape(FORMAT_LABELS[f])}</option>' for f in FORMATS
    )
    type_boxes = "".join(
        f'<label class="inline"><input type="checkbox" name="types" value="{t}"> {t}</label>'
        for t in TYPES
    )
    body = f"""
<h1>Explore the knowledge graph of ML research</h1>
<form class="big-search" role="search" action="/" method="get">
  <label for="home-q">Find a model, method, benchmark, hardware, metric or paper</label>
  <div class="row">
    <div class="combo"><input id="home-q" name="q" type="search" value="{escape(q)}" \
autocomplete="off" spellcheck="false"
         data-autocomplete="entities papers" data-navigate="true" placeholder="e.g. Llama, GSM8K, \
H100, LoRA"></div>
    <button type="submit">Search</button>
  </div>
  <p class="hint">Type to get suggestions; use the arrow keys and Enter to pick one, or Enter to \
search.</p>
</form>
<section id="results" aria-labelledby="results-h" {"hidden" if not q else ""}>
  <h2 id="results-h">Results for “{escape(q)}”</h2>
  <p id="results-status" role="status" aria-live="polite"></p>
  <div class="two-col">
    <section aria-labelledby="ent-h"><h3 id="ent-h">Entities</h3><ul id="entity-results" \
class="hits"></ul></section>
    <section aria-labelledby="pap-h"><h3 id="pap-h">Papers</h3><ul id="paper-results" \
class="hits"></ul>
      <button type="button" id="more-papers" hidden>More papers</button></section>
  </div>
</section>
<section aria-labelledby="stats-h">
  <h2 id="stats-h">What the graph holds</h2>
  <p id="stats-status" role="status" aria-live="polite">Loading counts…</p>
  <dl id="stats" class="stats"></dl>
</section>
<section aria-labelledby="canned-h">
  <h2 id="canned-h">Ready-made questions</h2>
  <p>Canned queries open in the <a href="/query">SPARQL editor</a> with one click; or ask
  <a href="/evaluate">which papers evaluate a model on a benchmark</a>.</p>
  <ul id="canned-list" class="canned-list"></ul>
</section>
<section aria-labelledby="whole-h">
  <h2 id="whole-h">Download the whole graph</h2>
  <form id="whole-export" class="export-form">
    <label>Projection <select name="projection"><option value="cooccurrence">entity \
co-occurrence</option>
      <option value="bipartite">papers – entities</option></select></label>
    <fieldset><legend>Entity types (none ticked: all)</legend>{type_boxes}</fieldset>
    <label>Entities in at least <input type="number" name="min_papers" value="2" min="0" step="1" \
inputmode="numeric"> papers</label>
    <label>Nodes with at least <input type="number" name="min_degree" value="0" min="0" step="1" \
inputmode="numeric"> edges</label>
    <label>Format <select name="format">{format_options}</select></label>
    <button type="submit">Download</button>
    <p class="hint">The whole graph of a large store takes a while to build; filters make it \
smaller.</p>
  </form>
</section>"""
    return _layout(
        "Search" if q else "Home",
        "home",
        body,
        scripts=("js/home.js",),
        data={"q": q},
        search_value=q,
    )


def entity(entity_id: str) -> str:
    body = f"""
<article id="entity" aria-busy="true">
  <p class="breadcrumb" id="entity-hierarchy"></p>
  <h1 id="entity-title">{escape(entity_id)}</h1>
  <p id="entity-status" role="status" aria-live="polite">Loading…</p>
  <div id="entity-body" hidden>
    <dl class="facts" id="entity-facts"></dl>
    <section aria-labelledby="trend-h" class="trend">
      <h2 id="trend-h">Mentions per month</h2>
      <p id="trend-status" role="status" aria-live="polite"></p>
      <figure id="trend-chart" class="chart" aria-describedby="trend-status"></figure>
    </section>
    {graph_panel("entity", "Neighbourhood")}
    {downloads("entity-downloads", "Download this neighbourhood")}
    <section aria-labelledby="evals-h">
      <h2 id="evals-h">Evaluations</h2>
      <p id="evals-status" role="status" aria-live="polite"></p>
      <div class="table-wrap"><table id="evals-table" hidden>
        <caption class="visually-hidden">Results reported for or on this entity</caption>
        <thead><tr><th scope="col">Subject</th><th scope="col">Benchmark</th><th \
scope="col">Metric</th>
          <th scope="col">Value</th><th \
scope="col">Paper</th></tr></thead><tbody></tbody></table></div>
    </section>
    <section aria-labelledby="papers-h">
      <h2 id="papers-h">Papers</h2>
      <p id="papers-status" role="status" aria-live="polite"></p>
      <ul id="entity-papers" class="hits"></ul>
      <button type="button" id="more-entity-papers" hidden>More papers</button>
    </section>
    <section aria-labelledby="proposed-h" id="proposed-section" hidden>
      <h2 id="proposed-h">Proposed by</h2><ul id="entity-proposed" class="hits"></ul>
    </section>
  </div>
</article>"""
    return _layout(
        entity_id,
        "entity",
        body,
        scripts=(
            "vendor/cytoscape/cytoscape.min.js",
            "vendor/plot/d3.min.js",
            "vendor/plot/plot.umd.min.js",
            "js/graph.js",
            "js/entity.js",
        ),
        data={"id": entity_id},
    )


def paper(paper_id: str) -> str:
    legend = "".join(f'<span class="mention t-{t}">{t}</span> ' for t in TYPES)
    body = f"""
<article id="paper" aria-busy="true">
  <h1 id="paper-title">{escape(paper_id)}</h1>
  <p id="paper-status" role="status" aria-live="polite">Loading…</p>
  <div id="paper-body" hidden>
    <div id="paper-titles"></div>
    <dl class="facts" id="paper-facts"></dl>
    <section aria-labelledby="abstract-h">
      <h2 id="abstract-h">Abstract</h2>
      <p class="legend">Highlighted mentions: {legend}</p>
      <div id="paper-abstract" class="abstract"></div>
      <div id="paper-translations"></div>
    </section>
    <section aria-labelledby="facts-h">
      <h2 id="facts-h">Facts, with their evidence</h2>
      <div id="paper-proposes"></div>
      <div id="paper-evaluations"></div>
      <div id="paper-hardware"></div>
      <p id="facts-status"></p>
    </section>
    <section aria-labelledby="entities-h">
      <h2 id="entities-h">Entities mentioned</h2>
      <ul id="paper-entities" class="chips"></ul>
    </section>
    {graph_panel("paper", "Graph around this paper")}
    {downloads("paper-downloads", "Download this paper's graph")}
    <section aria-labelledby="prov-h">
      <h2 id="prov-h">Provenance</h2>
      <dl class="facts" id="paper-provenance"></dl>
    </section>
  </div>
</article>"""
    return _layout(
        paper_id,
        "paper",
        body,
        scripts=("vendor/cytoscape/cytoscape.min.js", "js/graph.js", "js/paper.js"),
        data={"id": paper_id},
    )


def evaluate(subject: str, target: str) -> str:
    body = f"""
<h1>Which papers evaluate X on Y?</h1>
<form id="eval-form" class="eval-form" action="/evaluate" method="get">
  <div class="field">
    <label for="eval-subject">Model or method (X)</label>
    <div class="combo"><input id="eval-subject" name="subject" value="{escape(subject)}" required \
autocomplete="off"
      spellcheck="false" data-autocomplete="entities" data-types="Model Method" placeholder="e.g. \
Llama 3.1 8B"
      aria-describedby="eval-subject-hint"></div>
    <p class="hint" id="eval-subject-hint">A label, alias or id; suggestions appear as you type.</p>
  </div>
  <div class="field">
    <label for="eval-target">Benchmark or hardware (Y)</label>
    <div class="combo"><input id="eval-target" name="target" value="{escape(target)}" required \
autocomplete="off"
      spellcheck="false" data-autocomplete="entities" data-types="Benchmark Hardware" \
placeholder="e.g. GSM8K or H100"
      aria-describedby="eval-target-hint"></div>
    <p class="hint" id="eval-target-hint">Hardware finds the papers that run X on it.</p>
  </div>
  <div class="field"><label class="inline"><input type="checkbox" name="include_variants" \
value="true" checked>
    Include variants (Llama finds Llama 3.1 8B; Hopper finds H200)</label></div>
  <button type="submit">Find papers</button>
</form>
<section id="eval-results" aria-labelledby="eval-results-h">
  <h2 id="eval-results-h" class="visually-hidden">Results</h2>
  <p id="eval-status" role="status" aria-live="polite"></p>
  <div class="table-wrap"><table id="eval-table" hidden>
    <caption class="visually-hidden">Papers reporting a result of X on Y</caption>
    <thead><tr><th scope="col">Paper</th><th scope="col">Date</th><th scope="col">Subject</th><th \
scope="col">On</th>
      <th scope="col">Metric</th><th scope="col">Value</th><th \
scope="col">Evidence</th></tr></thead>
    <tbody></tbody></table></div>
</section>
<section id="eval-mentioned" aria-labelledby="eval-mentioned-h" hidden>
  <h2 id="eval-mentioned-h">Mentioned together, no evaluation stated</h2>
  <p id="eval-mentioned-status" class="tier-note" role="status" aria-live="polite"></p>
  <ul id="eval-mentioned-list" class="hits"></ul>
</section>
{downloads("eval-downloads", "Download the graph of these papers")}"""
    return _layout(
        "Evaluations",
        "evaluate",
        body,
        scripts=("js/evaluate.js",),
        data={"subject": subject, "target": target},
    )


def leaderboard(benchmark: str, metric: str) -> str:
    body = f"""
<h1>Leaderboard</h1>
<form id="lb-form" class="eval-form" action="/leaderboard" method="get">
  <div class="field">
    <label for="lb-benchmark">Benchmark</label>
    <div class="combo"><input id="lb-benchmark" name="benchmark" required
      value="{escape(benchmark)}"
      autocomplete="off" spellcheck="false" data-autocomplete="entities" data-types="Benchmark"
      placeholder="e.g. GSM8K"></div>
  </div>
  <div class="field">
    <label for="lb-metric">Metric (optional)</label>
    <div class="combo"><input id="lb-metric" name="metric" value="{escape(metric)}"
      autocomplete="off" spellcheck="false" data-autocomplete="entities" data-types="Metric"
      placeholder="e.g. accuracy"></div>
  </div>
  <button type="submit">Show scores</button>
</form>
<p class="hint">Scores only: improvements, spreads, ratios and speed-ups are left out. Best first by
the metric's direction; each row links to its paper and evidence sentence.</p>
<p id="lb-status" role="status" aria-live="polite"></p>
<div id="lb-results"></div>"""
    return _layout(
        "Leaderboard",
        "leaderboard",
        body,
        scripts=("js/leaderboard.js",),
        data={"benchmark": benchmark, "metric": metric},
    )


def swagger() -> str:
    """The Swagger UI page for /docs, on the vendored assets (no CDN)."""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kg API · Swagger UI</title>
<link rel="stylesheet" href="{asset("vendor/swagger-ui/swagger-ui.css")}">
<link rel="icon" href="{asset("favicon.svg")}" type="image/svg+xml"></head>
<body><div id="swagger-ui"></div>
<script src="{asset("vendor/swagger-ui/swagger-ui-bundle.js")}"></script>
<script src="{asset("js/docs.js")}"></script>
</body></html>
"""


def query(name: str) -> str:
    body = """
<h1>SPARQL editor</h1>
<p class="hint">Queries run against <code>/sparql</code> over the union of all graphs (read-only; \
a time
limit and a row cap apply). Pick a ready-made query, or write your own; Ctrl+Enter runs the \
query.</p>
<div class="query-layout">
  <aside class="canned" aria-labelledby="canned-h">
    <h2 id="canned-h">Canned queries</h2>
    <p id="canned-status" role="status" aria-live="polite">Loading…</p>
    <form id="canned-form" class="canned-form" hidden>
      <fieldset><legend id="canned-form-title"></legend>
        <p class="hint" id="canned-form-desc"></p>
        <div id="canned-params"></div>
        <button type="submit">Run</button>
      </fieldset>
    </form>
    <ul id="canned-queries" class="canned-list"></ul>
  </aside>
  <section class="editor" aria-labelledby="editor-h">
    <h2 id="editor-h" class="visually-hidden">Query</h2>
    <p id="editor-status" role="status" aria-live="polite"></p>
    <div id="yasgui"></div>
    <div id="fallback-editor" hidden>
      <label for="fallback-query">SPARQL query</label>
      <textarea id="fallback-query" rows="14" spellcheck="false"></textarea>
      <button type="button" id="fallback-run">Run query</button>
      <div class="table-wrap"><table id="fallback-results" \
hidden><thead></thead><tbody></tbody></table></div>
    </div>
  </section>
</div>
""" + downloads("query-downloads", "Download the graph of this query's result")
    return _layout(
        "SPARQL",
        "query",
        body,
        scripts=("vendor/yasgui/yasgui.min.js", "js/query.js"),
        styles=("vendor/yasgui/yasgui.min.css",),
        data={"name": name},
    )
