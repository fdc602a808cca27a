/* kg explorer: the leaderboard page — scores on a benchmark per metric, best first.
 * Data: /api/leaderboard?benchmark=&metric= */
(function () {
  "use strict";
  const K = window.KG;
  const { el, clear, api, setStatus } = K;
  const WAY = { true: "higher is better", false: "lower is better" };

  function board(g, bench) {
    const name = g.metric ? g.metric.label : "no metric named";
    const way = g.direction_known ? WAY[g.higher_is_better] : "direction unknown: sorted descending";
    const section = el("section", { class: "leaderboard", "aria-label": bench + " · " + name });
    section.appendChild(el("h2", {}, g.metric ? K.entityLink(g.metric) : name, " ",
      el("span", { class: "hint" }, "(" + way + ")")));
    const tbody = el("tbody");
    for (const r of g.rows) {
      const who = [K.entityLink(r.subject)];
      if (r.base_models && r.base_models.length) {
        who.push(" on ");
        r.base_models.forEach((b, i) => { if (i) who.push(", "); who.push(K.entityLink(b)); });
      }
      tbody.appendChild(el("tr", {},
        el("td", { class: "num" }, String(r.rank)),
        el("td", {}, ...who),
        el("td", { class: "num" }, K.formatValue(r.value, r.unit)),
        el("td", {}, K.paperLink(r.paper), r.paper.date ? " (" + r.paper.date + ")" : ""),
        el("td", { class: "evidence" }, r.evidence || "")));
    }
    const table = el("table", { class: "lb-table" },
      el("caption", { class: "visually-hidden" }, "Scores on " + bench + ", " + name),
      el("thead", {}, el("tr", {}, ...["#", "Model or method", "Score", "Paper", "Evidence"]
        .map((h) => el("th", { scope: "col" }, h)))),
      tbody);
    section.appendChild(el("div", { class: "table-wrap" }, table));
    return section;
  }

  async function main() {
    const bench = document.body.dataset.benchmark;
    const metric = document.body.dataset.metric;
    const status = document.getElementById("lb-status");
    const out = clear(document.getElementById("lb-results"));
    if (!bench) { setStatus(status, "Pick a benchmark."); return; }
    setStatus(status, "Loading…");
    const params = { benchmark: bench };
    if (metric) params.metric = metric;
    let data;
    try {
      ({ data } = await api("/api/leaderboard?" + new URLSearchParams(params)));
    } catch (err) {
      clear(status);
      status.appendChild(K.errorBlock(err));
      return;
    }
    const n = data.metrics.reduce((a, g) => a + g.rows.length, 0);
    setStatus(status, n ? `${n} score(s) on ${data.benchmark.label} (and its variants), ` +
      `${data.metrics.length} metric(s).` : `No scores on ${data.benchmark.label} yet.`, n ? "" : "empty");
    data.metrics.forEach((g) => out.appendChild(board(g, data.benchmark.label)));
  }

  document.addEventListener("DOMContentLoaded", main);
})();
