/* kg explorer: "which papers evaluate X on Y" — two autocompleted fields, results from
 * /api/evaluations, suggestions when a name matches nothing, downloads of the papers' graph. */
(function () {
  "use strict";
  const K = window.KG;
  const { el, clear, api, setStatus } = K;
  let cannedEval = null;  // name of the canned query behind the downloads, if the server has one

  async function findCanned() {
    try {
      const { data } = await api("/api/queries");
      const names = data.map((q) => q.name);
      const pick = ["papers-evaluating", "evaluations", "papers-evaluating-on"].find((n) => names.includes(n));
      if (pick) {
        const q = data.find((x) => x.name === pick);
        const ps = q.params.map((p) => p.name);
        if (ps.includes("subject") && ps.includes("target")) cannedEval = pick;
      }
    } catch (e) { /* downloads stay hidden */ }
  }

  function value(input) {
    // the id of a picked suggestion when the text still reads as it did, else the text
    const v = input.value.trim();
    return input.dataset.pickedId && input.dataset.pickedLabel === v ? input.dataset.pickedId : v;
  }

  async function run(subject, target, includeVariants) {
    const status = document.getElementById("eval-status");
    const table = document.getElementById("eval-table");
    const tbody = clear(table.querySelector("tbody"));
    table.hidden = true;
    const mentioned = document.getElementById("eval-mentioned");
    mentioned.hidden = true;
    document.getElementById("eval-downloads").hidden = true;
    const old = document.querySelector("#eval-results .error-block");
    if (old) old.remove();
    if (!subject || !target) {
      setStatus(status, "Give both a model or method and a benchmark or hardware.", "error");
      return;
    }
    setStatus(status, "Searching…");
    const params = new URLSearchParams({ subject, target, include_variants: includeVariants ? "true" : "false", limit: "500" });
    let r;
    try {
      ({ data: r } = await api("/api/evaluations?" + params));
    } catch (err) {
      setStatus(status, "");
      const field = /Benchmark|Hardware/.test(err.message) ? "eval-target" : "eval-subject";
      status.after(K.errorBlock(err, (s) => {
        const input = document.getElementById(field);
        input.value = s.label;
        input.dataset.pickedId = K.refId(s);
        input.dataset.pickedLabel = s.label;
        document.getElementById("eval-form").requestSubmit();
      }));
      return;
    }
    const sl = r.subject.label;
    const tl = r.target.label;
    showMentioned(r);
    if (!r.papers.length) {
      setStatus(status, "No paper in the graph reports " + sl + " on " + tl + "." +
        (includeVariants ? "" : " Tick “Include variants” to widen the search."), "empty");
      return;
    }
    for (const p of r.papers) {
      const results = p.results.length ? p.results : [{ subject: r.subject, target: r.target, metric: p.metric,
                                                        value: p.value, unit: p.unit, evidence: p.evidence }];
      results.forEach((x, i) => {
        tbody.appendChild(el("tr", {},
          i === 0 ? el("td", { rowspan: results.length }, K.paperLink(p),
            p.url ? el("span", { class: "meta" }, " ", el("a", { href: p.url, rel: "noopener" }, "arXiv")) : "") : null,
          i === 0 ? el("td", { rowspan: results.length, class: "date" }, p.date || "—") : null,
          el("td", {}, K.entityLink(x.subject), ...(x.base_models && x.base_models.length
            ? [" on ", ...x.base_models.flatMap((b, j) => (j ? [", ", K.entityLink(b)] : [K.entityLink(b)]))] : [])),
          el("td", {}, K.entityLink(x.target)),
          el("td", {}, x.metric ? K.entityLink(x.metric) : (x.purpose ? "purpose: " + x.purpose : "—")),
          el("td", { class: "num" }, K.formatValue(x.value, x.unit) || x.value_text || "—"),
          el("td", {}, x.evidence ? el("q", { class: "evidence" }, x.evidence) : "—")));
      });
    }
    table.hidden = false;
    const variants = (r.subject_variants > 1 || r.target_variants > 1) && r.include_variants
      ? " (counting " + r.subject_variants + " entities for " + sl + " and " + r.target_variants + " for " + tl + ")" : "";
    setStatus(status, r.total + " paper" + (r.total === 1 ? "" : "s") + " evaluate " + sl + " on " + tl + variants +
      (r.total > r.papers.length ? "; the newest " + r.papers.length + " are listed." : "."));
    if (cannedEval) {
      K.setDownloads("eval-downloads", { query: cannedEval, subject: K.refId(r.subject), target: K.refId(r.target) },
        "These papers and the entities they mention (the canned query " + cannedEval + "), in each format:");
    }
  }

  function showMentioned(r) {
    // tier 2: papers that mention both without an evaluation statement, apart from tier 1
    const box = document.getElementById("eval-mentioned");
    const ul = clear(document.getElementById("eval-mentioned-list"));
    const note = document.getElementById("eval-mentioned-status");
    if (!r.mentioned_total) { box.hidden = true; return; }
    setStatus(note, r.mentioned_total + " more paper" + (r.mentioned_total === 1 ? "" : "s") + " mention both " +
      r.subject.label + " and " + r.target.label + " but state no result of one on the other" +
      (r.mentioned_total > r.mentioned.length ? "; the newest " + r.mentioned.length + " are listed." : "."));
    for (const p of r.mentioned) {
      ul.appendChild(el("li", {}, K.paperLink(p), el("span", { class: "meta" }, " " + (p.date || "undated"))));
    }
    box.hidden = false;
  }

  async function main() {
    const form = document.getElementById("eval-form");
    const subj = document.getElementById("eval-subject");
    const targ = document.getElementById("eval-target");
    const variants = form.elements.include_variants;
    const url = new URL(window.location.href);
    if (url.searchParams.has("include_variants")) variants.checked = url.searchParams.get("include_variants") !== "false";
    await findCanned();
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const s = value(subj);
      const t = value(targ);
      const q = new URLSearchParams({ subject: s, target: t });
      if (!variants.checked) q.set("include_variants", "false");
      history.pushState(null, "", "/evaluate?" + q);
      run(s, t, variants.checked);
    });
    window.addEventListener("popstate", () => window.location.reload());
    const s = document.body.dataset.subject;
    const t = document.body.dataset.target;
    if (s && t) run(s, t, variants.checked);
    else if (!s) subj.focus();
  }

  document.addEventListener("DOMContentLoaded", main);
})();
