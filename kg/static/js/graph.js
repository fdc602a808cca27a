/* kg explorer: the interactive neighbourhood graph (Cytoscape.js).
 *
 * Data comes from /api/export?format=cytoscape (the same export users download).
 * Clicking a node adds its own neighbourhood; double-clicking opens its page. Large views
 * (hundreds to ~1,000 nodes) use a concentric layout, smaller ones cose, never animated;
 * edges are hidden while panning and the viewport is textured, so panning stays smooth.
 * The current instance is window.kgCy (used by the browser test). */
(function () {
  "use strict";
  const { el, clear, api, exportUrl, setDownloads, setStatus, nodeHref } = window.KG;

  const COLOURS = { Paper: "#7f7f7f", Model: "#1f77b4", Method: "#2ca02c", Benchmark: "#ff7f0e",
                    Hardware: "#9467bd", Metric: "#d62728", Entity: "#8c564b" };
  const BIG = 300;           // above this many nodes: concentric layout
  const EXPAND_MAX = 100;    // nodes added by one click

  function style() {
    return [
      { selector: "node", style: {
        "background-color": (n) => COLOURS[n.data("type")] || COLOURS.Entity,
        "label": (n) => (n.data("type") === "Paper" && n.cy().nodes().length > 40 ? "" : n.data("label")),
        "font-size": 11, "min-zoomed-font-size": 7, "text-valign": "bottom", "text-margin-y": 3,
        "text-max-width": 140, "text-wrap": "ellipsis", "color": "#222",
        "text-outline-color": "#fff", "text-outline-width": 2,
        "width": (n) => 10 + 5 * Math.log2(1 + (n.data("papers") || 1)),
        "height": (n) => 10 + 5 * Math.log2(1 + (n.data("papers") || 1)),
        "border-width": 0,
      } },
      { selector: "node[type = 'Paper']", style: { "shape": "round-rectangle", "width": 10, "height": 10 } },
      { selector: "node.center", style: { "border-width": 4, "border-color": "#000", "font-weight": "bold" } },
      { selector: "node.expanded", style: { "border-width": 2, "border-color": "#444", "border-style": "dashed" } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#ffbf00", "label": "data(label)" } },
      { selector: "edge", style: {
        "width": (e) => Math.min(1 + Math.log2(e.data("weight") || 1), 6), "line-color": "#bbb",
        "curve-style": "haystack", "opacity": 0.7,
      } },
      { selector: "edge[relation = 'proposes']", style: { "line-color": "#333" } },
      { selector: "edge[relation = 'evaluates']", style: { "line-color": "#ff7f0e" } },
    ];
  }

  function layoutOptions(cy, name, centerId) {
    const n = cy.nodes().length;
    if (name === "auto") name = n > BIG ? "concentric" : "cose";
    if (name === "cose") {
      // cose costs O(n²) per iteration: fewer iterations as the view grows (1,000 nodes: ~5 s)
      const iter = n > 600 ? 40 : n > 300 ? 100 : n > 150 ? 400 : 1000;
      return { name: "cose", animate: false, randomize: false, fit: true, padding: 20, numIter: iter,
               nodeRepulsion: () => 8000, idealEdgeLength: () => 40, nodeDimensionsIncludeLabels: false };
    }
    if (name === "breadthfirst") {
      return { name: "breadthfirst", animate: false, fit: true, padding: 20, circle: false, spacingFactor: 0.9,
               roots: centerId ? cy.getElementById(centerId) : undefined };
    }
    return { name: "concentric", animate: false, fit: true, padding: 20, minNodeSpacing: 4,
             concentric: (node) => (node.id() === centerId ? 1e9 : node.degree()), levelWidth: () => 2,
             avoidOverlap: n < 600 };
  }

  function edgeKey(d) {
    return d.source < d.target ? d.source + "\u0001" + d.target : d.target + "\u0001" + d.source;
  }

  /**
   * new KG.GraphView({prefix: "entity", center: "model/llama-3.1-8b", downloads: "entity-downloads"})
   * expects the graph_panel markup of kg/web/pages.py with that prefix.
   */
  class GraphView {
    constructor(opts) {
      this.center = opts.center;
      this.form = document.getElementById(opts.prefix + "-graph-form");
      this.container = document.getElementById(opts.prefix + "-graph");
      this.status = document.getElementById(opts.prefix + "-graph-status");
      this.info = document.getElementById(opts.prefix + "-graph-info");
      this.list = document.getElementById(opts.prefix + "-graph-list");
      this.downloads = opts.downloads;
      if (opts.depth) this.form.elements.depth.value = String(opts.depth);
      this.cy = null;
      this.form.addEventListener("submit", (e) => { e.preventDefault(); this.load(); });
      this.form.querySelector("[data-action=fit]").addEventListener("click", () => this.cy && this.cy.fit(undefined, 20));
      this.list.closest("details").addEventListener("toggle", () => this.renderList());
    }

    params() {
      const f = new FormData(this.form);
      return { projection: f.get("projection"), depth: f.get("depth"), max_nodes: f.get("max_nodes"),
               layout: f.get("layout") };
    }

    async fetchElements(entity, projection, depth, maxNodes) {
      const url = exportUrl({ entity, projection, depth, max_nodes: maxNodes, download: "false" }, "cytoscape");
      const { data, headers } = await api(url);
      return { data, total: Number(headers.get("X-KG-Total-Nodes") || data.elements.nodes.length) };
    }

    async load() {
      const p = this.params();
      setStatus(this.status, "Loading the graph…");
      this.container.setAttribute("aria-busy", "true");
      let res;
      try {
        res = await this.fetchElements(this.center, p.projection, p.depth, p.max_nodes);
      } catch (e) {
        setStatus(this.status, "Could not load the graph: " + e.message, "error");
        this.container.removeAttribute("aria-busy");
        return;
      }
      const els = this.normalise(res.data);
      if (this.cy) this.cy.destroy();
      this.cy = cytoscape({
        container: this.container, elements: els, style: style(), layout: { name: "preset" },
        minZoom: 0.05, maxZoom: 4, pixelRatio: 1,
        textureOnViewport: els.nodes.length > BIG, hideEdgesOnViewport: els.nodes.length > BIG, motionBlur: false,
      });
      window.kgCy = this.cy;
      const centerNode = this.cy.getElementById(this.centerNodeId(res.data));
      centerNode.addClass("center");
      this.centerId = centerNode.id();
      this.cy.layout(layoutOptions(this.cy, p.layout, this.centerId)).run();
      this.tame();
      this.bind();
      this.container.removeAttribute("aria-busy");
      const n = this.cy.nodes().length;
      const m = this.cy.edges().length;
      let text;
      if (n <= 1) {
        text = "Nothing is linked to this yet: no " + (p.projection === "bipartite" ? "paper or entity" : "co-occurring entity") + " in the graph.";
        setStatus(this.status, text, "empty");
      } else {
        text = "Showing " + n + " nodes and " + m + " edges" +
          (res.total > n ? " — the " + n + " best connected of " + res.total + " (raise “At most” to see more)." : ".");
        setStatus(this.status, text);
      }
      document.body.dataset.graphNodes = String(n);
      document.body.dataset.graphEdges = String(m);
      this.renderList();
      if (this.downloads) {
        setDownloads(this.downloads, { entity: this.center, projection: p.projection, depth: p.depth, max_nodes: p.max_nodes },
          "The graph drawn above (" + (p.projection === "bipartite" ? "papers – entities" : "entity co-occurrence") +
          ", depth " + p.depth + ", at most " + p.max_nodes + " nodes) in each format. Expansions by clicking are not included: ");
        this.addViewDownload();
      }
    }

    tame() {  // a handful of nodes would otherwise be blown up to the zoom limit
      if (this.cy.zoom() > 1.5) { this.cy.zoom(1.5); this.cy.center(); }
    }

    centerNodeId(data) {
      return (data.data && data.data.center) || this.center;
    }

    normalise(data) {
      const edges = data.elements.edges.map((e) => {
        const d = Object.assign({}, e.data);
        d.id = "e:" + edgeKey(d);
        return { data: d };
      });
      return { nodes: data.elements.nodes, edges };
    }

    bind() {
      const cy = this.cy;
      let tapTimer = null;
      cy.on("tap", "node", (evt) => {
        const node = evt.target;
        this.showInfo(node);
        clearTimeout(tapTimer);
        tapTimer = setTimeout(() => this.expand(node.id()), 250);
      });
      cy.on("dbltap", "node", (evt) => {
        clearTimeout(tapTimer);
        window.location.href = nodeHref(evt.target.id());
      });
    }

    showInfo(node) {
      const d = node.data();
      clear(this.info);
      this.info.appendChild(el("h3", {}, d.label || d.id));
      this.info.appendChild(el("p", {}, window.KG.typeBadge(d.type),
        d.type === "Paper" ? (d.first_year ? " " + d.first_year : "") :
          " in " + d.papers + " paper" + (d.papers === 1 ? "" : "s") + (d.first_year ? ", since " + d.first_year : "")));
      this.info.appendChild(el("p", {}, el("a", { href: nodeHref(d.id) }, "Open its page"), " · ",
        el("button", { type: "button", onclick: () => this.expand(d.id) }, node.hasClass("expanded") ? "Expanded" : "Expand")));
    }

    /** Add the depth-1 neighbourhood of `nodeId` to the view. */
    async expand(nodeId) {
      const cy = this.cy;
      const node = cy.getElementById(nodeId);
      if (!node.length || node.hasClass("expanded")) return;
      const p = this.params();
      setStatus(this.status, "Expanding " + (node.data("label") || nodeId) + "…");
      let res;
      try {
        res = await this.fetchElements(nodeId, p.projection, 1, EXPAND_MAX);
      } catch (e) {
        setStatus(this.status, "Could not expand " + (node.data("label") || nodeId) + ": " + e.message, "error");
        return;
      }
      node.addClass("expanded");
      const els = this.normalise(res.data);
      const pos = node.position();
      const added = [];
      els.nodes.forEach((n, i) => {
        if (cy.getElementById(n.data.id).length) return;
        const a = (2 * Math.PI * i) / Math.max(els.nodes.length, 1);
        added.push({ group: "nodes", data: n.data, position: { x: pos.x + 80 * Math.cos(a), y: pos.y + 80 * Math.sin(a) } });
      });
      els.edges.forEach((e) => { if (!cy.getElementById(e.data.id).length) added.push({ group: "edges", data: e.data }); });
      cy.add(added);
      const n = cy.nodes().length;
      const newNodes = added.filter((x) => x.group === "nodes").length;
      if (newNodes) {
        const name = p.layout === "auto" ? (n > BIG ? "concentric" : "cose") : p.layout;
        cy.layout(layoutOptions(cy, name, this.centerId)).run();
        this.tame();
      }
      setStatus(this.status, "Added " + newNodes + " nodes around " + (node.data("label") || nodeId) + ". Showing " + n +
        " nodes and " + cy.edges().length + " edges" + (res.total > els.nodes.length ? " (its " + els.nodes.length +
        " best connected neighbours of " + (res.total - 1) + ")." : "."));
      document.body.dataset.graphNodes = String(n);
      document.body.dataset.graphEdges = String(cy.edges().length);
      this.renderList();
      this.showInfo(node);
    }

    renderList() {
      const details = this.list.closest("details");
      if (!this.cy || !details.open) return;
      clear(this.list);
      const nodes = this.cy.nodes().toArray().sort((a, b) => (b.degree() - a.degree()));
      for (const n of nodes) {
        const d = n.data();
        this.list.appendChild(el("li", {}, el("a", { href: nodeHref(d.id) }, d.label || d.id), " ",
          window.KG.typeBadge(d.type), " ",
          n.hasClass("expanded") ? "" : el("button", { type: "button", class: "small", onclick: () => this.expand(d.id) }, "expand")));
      }
    }

    addViewDownload() {
      const section = document.getElementById(this.downloads);
      const ul = section.querySelector(".download-list");
      if (ul.querySelector("[data-view]")) return;
      const btn = el("button", { type: "button", class: "button", "data-view": "1" }, "Current view, with expansions (Cytoscape.js JSON)");
      btn.addEventListener("click", () => {
        const json = { data: { center: this.centerId }, elements: this.cy.elements().jsons().reduce((acc, j) => {
          (j.group === "nodes" ? acc.nodes : acc.edges).push({ data: j.data });
          return acc;
        }, { nodes: [], edges: [] }) };
        const blob = new Blob([JSON.stringify(json)], { type: "application/json" });
        const a = el("a", { href: URL.createObjectURL(blob), download: "kg-view.cyjs" });
        document.body.appendChild(a);
        a.click();
        setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      });
      ul.appendChild(el("li", {}, btn));
    }
  }

  window.KG.GraphView = GraphView;
  window.KG.COLOURS = COLOURS;
})();
