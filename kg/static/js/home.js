/* kg explorer: the home page — search results (?q=), counts, canned queries, whole-graph export. */
(function () {
  "use strict";
  const K = window.KG;
  const { el, clear, api, setStatus } = K;
  const PAGE = 20;

  async function search(q) {
    const status = document.getElementById("results-status");
    const ents = clear(document.getElementById("entity-results"));
    setStatus(status, "Searching…");
    let nEnt = 0;
    let nPap = 0;
    try {
      const { data } = await api("/api/entities?" + new URLSearchParams({ q, limit: "50" }));
      nEnt = data.entities.length;
      for (const e of data.entities) {
        ents.appendChild(el("li", {}, K.entityLink(e), " ", K.typeBadge(e.type),
          e.aliases && e.aliases.length ? el("span", { class: "meta" }, " also " + e.aliases.slice(0, 4).join(", ")) : ""));
      }
      if (!nEnt) ents.appendChild(el("li", { class: "muted" }, "No entity matches."));
    } catch (err) {
      ents.appendChild(el("li", { class: "error" }, "Entity search failed: " + err.message));
    }
    try {
      nPap = await papers(q, 0);
    } catch (err) {
      document.getElementById("paper-results").appendChild(el("li", { class: "error" }, "Paper search failed: " + err.message));
    }
    setStatus(status, nEnt || nPap ? nEnt + " entit" + (nEnt === 1 ? "y" : "ies") + " and " + nPap + " paper" +
      (nPap === 1 ? "" : "s") + " match." : "Nothing matches “" + q + "”. Try a shorter or different name.", nEnt || nPap ? null : "empty");
  }

  async function papers(q, offset) {
    const ul = document.getElementById("paper-results");
    const more = document.getElementById("more-papers");
    if (!offset) clear(ul);
    const { data } = await api("/api/papers?" + new URLSearchParams({ q, limit: PAGE, offset }));
    for (const p of data.papers) {
      ul.appendChild(el("li", {}, K.paperLink(p), el("span", { class: "meta" }, " " + [p.date, p.id].filter(Boolean).join(" · "))));
    }
    if (!data.total) ul.appendChild(el("li", { class: "muted" }, "No paper title or abstract contains all these words."));
    const shown = offset + data.papers.length;
    more.hidden = shown >= data.total;
    more.onclick = () => papers(q, shown).catch((err) => ul.appendChild(el("li", { class: "error" }, err.message)));
    return data.total;
  }

  async function stats() {
    const dl = document.getElementById("stats");
    const status = document.getElementById("stats-status");
    try {
      const { data } = await api("/api/stats");
      const c = data.counts;
      const keys = ["Paper", "Model", "Method", "Benchmark", "Hardware", "Metric", "Evaluation", "HardwareUsage", "Proposal",
                    "Mention", "Author", "quads"];
      const ents = data.entities || {};
      for (const k of keys) {
        if (c[k] === undefined) continue;
        if (ents[k]) {
          // entities papers mention, apart from the vocabulary's concepts
          const name = { Model: "models", Method: "methods", Benchmark: "benchmarks", Hardware: "hardware",
                         Metric: "metrics" }[k];
          dl.append(el("div", { "data-type": k }, el("dt", {}, name + " mentioned"),
            el("dd", {}, Number(ents[k].mentioned).toLocaleString("en"),
              el("span", { class: "meta" }, " of " + Number(ents[k].concepts).toLocaleString("en") + " known"))));
          continue;
        }
        const label = { Paper: "papers", Model: "models", Method: "methods", Benchmark: "benchmarks", Hardware: "hardware",
                        Metric: "metrics", Evaluation: "evaluation results", HardwareUsage: "hardware usages",
                        Proposal: "proposals", Mention: "mentions", Author: "authors", quads: "RDF quads" }[k];
        dl.append(el("div", {}, el("dt", {}, label), el("dd", {}, Number(c[k]).toLocaleString("en"))));
      }
      setStatus(status, c.Paper ? "" : "The store is empty: ingest listings with `kg ingest` first.", c.Paper ? null : "empty");
    } catch (err) {
      setStatus(status, "Could not load the counts: " + err.message, "error");
    }
  }

  async function canned() {
    const ul = document.getElementById("canned-list");
    try {
      const { data } = await api("/api/queries");
      for (const q of data) {
        ul.appendChild(el("li", {}, el("a", { href: "/query?name=" + encodeURIComponent(q.name) }, q.summary),
          el("span", { class: "meta" }, " " + q.name)));
      }
      if (!data.length) ul.appendChild(el("li", { class: "muted" }, "No canned queries are installed."));
    } catch (err) {
      ul.appendChild(el("li", { class: "error" }, "Could not list the canned queries: " + err.message));
    }
  }

  function wholeExport() {
    const form = document.getElementById("whole-export");
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const f = new FormData(form);
      const params = { projection: f.get("projection"), types: f.getAll("types").join(",") || null,
                       min_papers: f.get("min_papers") || null, min_degree: f.get("min_degree") || null };
      window.location.href = K.exportUrl(params, f.get("format"));
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    const q = document.body.dataset.q;
    if (q) search(q);
    stats();
    canned();
    wholeExport();
  });
})();
