/* kg explorer: the entity page — facts, family/vendor hierarchy, neighbourhood graph,
 * evaluations table, papers. Data: /api/entities/{id}, /api/papers?entity=, /sparql. */
(function () {
  "use strict";
  const K = window.KG;
  const { el, clear, api, setStatus } = K;
  const PAGE = 20;

  function dd(dl, term, ...content) {
    dl.appendChild(el("dt", {}, term));
    dl.appendChild(el("dd", {}, ...content));
  }

  function joinNodes(nodes, sep) {
    const out = [];
    nodes.forEach((n, i) => { if (i) out.push(sep); out.push(n); });
    return out;
  }

  async function hierarchy(e) {
    // the whole broader chain (H200 › Hopper › NVIDIA), root first; falls back to direct parents
    const box = document.getElementById("entity-hierarchy");
    const iri = e.iri.replace(/[<>"{}|\\^`\s]/g, "");
    let chain = [];
    try {
      const rows = await K.sparql(`PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?a ?label ?type (COUNT(DISTINCT ?mid) AS ?d) WHERE {
  <${iri}> skos:broader+ ?a .
  <${iri}> skos:broader* ?mid . ?mid skos:broader+ ?a .
  OPTIONAL { ?a skos:prefLabel ?label }
  OPTIONAL { ?a a ?type . FILTER(STRSTARTS(STR(?type), "https://w3id.org/kg/ontology#")) }
} GROUP BY ?a ?label ?type ORDER BY DESC(?d) LIMIT 20`);
      const seen = new Set();
      for (const r of rows) {
        if (seen.has(r.a.value)) continue;
        seen.add(r.a.value);
        chain.push({ iri: r.a.value, label: r.label ? r.label.value : r.a.value.split("/").pop(),
                     type: r.type ? r.type.value.split("#")[1] : "" });
      }
    } catch (err) {
      chain = e.broader || [];
    }
    clear(box);
    if (!chain.length) return;
    box.appendChild(el("span", { class: "visually-hidden" }, "Broader: "));
    const links = chain.map((c) => K.entityLink(c));
    links.push(el("span", { "aria-current": "page" }, e.label));
    box.append(...joinNodes(links, " › "));
  }

  function facts(e) {
    const dl = clear(document.getElementById("entity-facts"));
    dd(dl, "Type", K.typeBadge(e.type), e.kind ? " (" + e.kind + ")" : "");
    if (e.aliases && e.aliases.length) dd(dl, "Also called", e.aliases.join(", "));
    if (e.broader && e.broader.length) {
      dd(dl, e.type === "Hardware" ? "Part of (architecture / vendor)" : "Broader (family)",
        ...joinNodes(e.broader.map(K.entityLink), ", "));
    }
    if (e.narrower && e.narrower.length) {
      const shown = e.narrower.slice(0, 40).map(K.entityLink);
      dd(dl, e.type === "Hardware" ? "Includes" : "Variants", ...joinNodes(shown, ", "),
        e.narrower.length > 40 ? " and " + (e.narrower.length - 40) + " more" : "");
    }
    const c = e.counts;
    dd(dl, "Papers", String(c.papers) + " mention it" +
      (c.papers_with_variants > c.papers ? " (" + c.papers_with_variants + " with its variants)" : ""));
    const more = [];
    if (c.proposed_by) more.push("proposed by " + c.proposed_by);
    const results = (n) => n + " result" + (n === 1 ? "" : "s");
    if (c.evaluations_as_subject) more.push(results(c.evaluations_as_subject) + " as the evaluated subject");
    if (c.evaluations_as_benchmark) more.push(results(c.evaluations_as_benchmark) + " on it as a benchmark");
    if (c.hardware_usages) more.push("used as hardware " + c.hardware_usages + " times");
    if (more.length) dd(dl, "Facts", more.join("; "));
    dd(dl, "IRI", el("code", {}, e.iri));
  }

  function evaluations(e) {
    const table = document.getElementById("evals-table");
    const status = document.getElementById("evals-status");
    const tbody = clear(table.querySelector("tbody"));
    if (!e.evaluations.length) {
      setStatus(status, "No evaluation results mention " + e.label + ".", "empty");
      table.hidden = true;
      return;
    }
    for (const r of e.evaluations) {
      tbody.appendChild(el("tr", {},
        el("td", {}, K.entityLink(r.subject)), el("td", {}, K.entityLink(r.benchmark)),
        el("td", {}, r.metric ? K.entityLink(r.metric) : "—"),
        el("td", { class: "num", title: r.evidence || "" }, K.formatValue(r.value, r.unit) || "—"),
        el("td", {}, K.paperLink(r.paper), r.paper.date ? el("span", { class: "date" }, " " + r.paper.date) : "")));
    }
    table.hidden = false;
    setStatus(status, e.evaluations.length + " result" + (e.evaluations.length === 1 ? "" : "s") +
      (e.counts.evaluations_as_subject + e.counts.evaluations_as_benchmark > e.evaluations.length ? " (the newest)" : "") +
      ". Hover a value for its evidence sentence, or open the paper.");
  }

  function paperItem(p) {
    return el("li", {}, K.paperLink(p), el("span", { class: "meta" },
      [p.date, (p.categories || []).slice(0, 3).join(" ")].filter(Boolean).join(" · ")));
  }

  async function papers(e, offset) {
    const ul = document.getElementById("entity-papers");
    const status = document.getElementById("papers-status");
    const more = document.getElementById("more-entity-papers");
    if (!offset) clear(ul);
    try {
      const { data } = await api("/api/papers?" + new URLSearchParams({ entity: K.refId(e), limit: PAGE, offset }));
      data.papers.forEach((p) => ul.appendChild(paperItem(p)));
      const shown = offset + data.papers.length;
      if (!data.total) setStatus(status, "No paper mentions " + e.label + ".", "empty");
      else setStatus(status, "Newest first: " + shown + " of " + data.total + " papers mentioning " + e.label +
        (e.counts.papers_with_variants > e.counts.papers ? " or a variant" : "") + ".");
      more.hidden = shown >= data.total;
      more.onclick = () => papers(e, shown);
    } catch (err) {
      setStatus(status, "Could not load the papers: " + err.message, "error");
    }
  }

  function proposed(e) {
    if (!e.proposed_by || !e.proposed_by.length) return;
    const ul = clear(document.getElementById("entity-proposed"));
    e.proposed_by.forEach((p) => ul.appendChild(paperItem(p)));
    document.getElementById("proposed-section").hidden = false;
  }

  async function trend(e) {
    // papers mentioning the entity (or a variant) per month, drawn with Observable Plot
    const status = document.getElementById("trend-status");
    const fig = clear(document.getElementById("trend-chart"));
    let t;
    try {
      ({ data: t } = await api("/api/entities/" + K.refId(e).split("/").map(encodeURIComponent).join("/") + "/trend"));
    } catch (err) {
      setStatus(status, "The trend could not be loaded.", "error");
      return;
    }
    const total = t.months.reduce((a, m) => a + m.papers, 0);
    if (!t.months.length) {
      setStatus(status, "No dated paper mentions it." + (t.undated ? ` (${t.undated} undated.)` : ""), "empty");
      return;
    }
    setStatus(status, `${total} dated paper(s) from ${t.months[0].month} to ${t.months[t.months.length - 1].month}` +
      (t.undated ? `; ${t.undated} without a date are not shown.` : "."));
    if (!window.Plot) return;
    const data = t.months.map((m) => ({ month: new Date(m.month + "-01T00:00:00Z"), papers: m.papers }));
    const chart = Plot.plot({
      width: Math.min(720, fig.clientWidth || 720),
      height: 220,
      marginLeft: 40,
      x: { type: "utc", label: "month", ticks: data.length > 18 ? "3 months" : "month", tickFormat: "%b %Y" },
      y: { label: "papers", grid: true, ticks: Math.min(5, Math.max(...data.map((d) => d.papers))), tickFormat: "d" },
      marks: [
        Plot.rectY(data, { x1: "month", x2: (d) => new Date(Date.UTC(d.month.getUTCFullYear(), d.month.getUTCMonth() + 1, 1)),
          y: "papers", fill: "steelblue", inset: 1, title: (d) => d.month.toISOString().slice(0, 7) + ": " + d.papers }),
        Plot.ruleY([0]),
      ],
    });
    chart.setAttribute("role", "img");
    chart.setAttribute("aria-label", `Papers mentioning ${e.label} per month`);
    fig.appendChild(chart);
  }

  async function main() {
    const id = document.body.dataset.id;
    const status = document.getElementById("entity-status");
    const article = document.getElementById("entity");
    let e;
    try {
      ({ data: e } = await api("/api/entities/" + id.split("/").map(encodeURIComponent).join("/") + "?limit=100"));
    } catch (err) {
      document.getElementById("entity-title").textContent = err.status === 404 ? "Not found: " + id : id;
      clear(status);
      status.appendChild(K.errorBlock(err));
      article.removeAttribute("aria-busy");
      return;
    }
    document.title = e.label + " (" + e.type + ") · kg";
    const h1 = clear(document.getElementById("entity-title"));
    h1.append(e.label, " ", K.typeBadge(e.type));
    setStatus(status, "");
    document.getElementById("entity-body").hidden = false;
    article.removeAttribute("aria-busy");
    facts(e);
    evaluations(e);
    proposed(e);
    hierarchy(e);
    trend(e);
    papers(e, 0);
    const graph = new K.GraphView({ prefix: "entity", center: K.refId(e), downloads: "entity-downloads", depth: 2 });
    graph.load();
  }

  document.addEventListener("DOMContentLoaded", main);
})();
