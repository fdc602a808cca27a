/* kg explorer: the paper page — titles in every language, the abstract with extracted
 * mentions highlighted by type (offsets are Unicode code points of the cleaned text),
 * facts with their evidence sentences, entities, graph and provenance.
 * Data: /api/papers/{id}; other-language titles, abstracts and summaries via /sparql. */
(function () {
  "use strict";
  const K = window.KG;
  const { el, clear, api, setStatus } = K;
  const LANGS = { en: "English", ja: "Japanese", zh: "Chinese", ko: "Korean", de: "German", fr: "French",
                  es: "Spanish", ru: "Russian" };

  function langName(tag) {
    try {
      const n = new Intl.DisplayNames(["en"], { type: "language" }).of(tag);
      if (n && n !== tag) return n;
    } catch (e) { /* old browser */ }
    return LANGS[tag] || tag;
  }

  function cpLength(s) { return Array.from(s).length; }

  /** Append `text` to `container`, wrapping the given code-point spans in typed marks. */
  function highlight(container, text, spans) {
    const cps = Array.from(text);
    const joined = (a, b) => cps.slice(a, b).join("");
    const placed = [];
    for (const m of spans) {
      let { start, end } = m;
      if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= cps.length && start < end) ||
          (m.surface && joined(start, end) !== m.surface)) {
        // offsets do not fit this text: find the surface form instead
        if (!m.surface) continue;
        const at = text.indexOf(m.surface);
        if (at < 0) continue;
        start = cpLength(text.slice(0, at));
        end = start + cpLength(m.surface);
      }
      placed.push(Object.assign({}, m, { start, end }));
    }
    placed.sort((a, b) => a.start - b.start || b.end - a.end);
    let pos = 0;
    let count = 0;
    for (const m of placed) {
      if (m.start < pos) continue;  // overlapping mention: keep the first
      if (m.start > pos) container.append(joined(pos, m.start));
      const type = m.entity.type || "Entity";
      container.appendChild(el("mark", { class: "mention t-" + type,
          title: type + ": " + m.entity.label + (m.rule ? " (rule " + m.rule + ")" : "") },
        el("a", { href: K.entityHref(K.refId(m.entity)) }, joined(m.start, m.end)),
        el("span", { class: "visually-hidden" }, " (" + type + ")")));
      pos = m.end;
      count++;
    }
    container.append(joined(pos, cps.length));
    return count;
  }

  function evidenceNode(ev, fieldText) {
    if (!ev || !ev.sentence) return el("span", { class: "muted" }, "no evidence sentence");
    const q = el("q", { class: "evidence" });
    let done = false;
    if (fieldText && Number.isInteger(ev.start) && Number.isInteger(ev.end)) {
      const at = fieldText.indexOf(ev.sentence);
      if (at >= 0) {
        const s0 = cpLength(fieldText.slice(0, at));
        const cps = Array.from(ev.sentence);
        const a = ev.start - s0;
        const b = ev.end - s0;
        if (a >= 0 && b <= cps.length && a < b && !(a === 0 && b === cps.length)) {
          q.append(cps.slice(0, a).join(""), el("strong", {}, cps.slice(a, b).join("")), cps.slice(b).join(""));
          done = true;
        }
      }
    }
    if (!done) q.textContent = ev.sentence;
    const wrap = el("span", {}, q);
    if (ev.confidence !== null && ev.confidence !== undefined) {
      wrap.appendChild(el("span", { class: "meta" }, " confidence " + ev.confidence));
    }
    return wrap;
  }

  function table(caption, headers, rows) {
    return el("div", { class: "table-wrap" }, el("table", {},
      el("caption", {}, caption),
      el("thead", {}, el("tr", {}, headers.map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, rows.map((r) => el("tr", {}, r.map((c) => el("td", {}, c)))))));
  }

  function dd(dl, term, ...content) {
    dl.appendChild(el("dt", {}, term));
    dl.appendChild(el("dd", {}, ...content));
  }

  async function languages(p) {
    // every language-tagged title, abstract and summary of the paper
    const iri = p.iri.replace(/[<>"{}|\\^`\s]/g, "");
    let rows = [];
    try {
      rows = await K.sparql(`PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX kg: <https://w3id.org/kg/ontology#>
SELECT ?p ?v WHERE { VALUES ?p { dcterms:title dcterms:abstract kg:summary } <${iri}> ?p ?v . FILTER(LANG(?v) != "") }`);
    } catch (err) {
      document.getElementById("paper-titles").appendChild(el("p", { class: "error" },
        "Could not load the other languages: " + err.message));
      return;
    }
    const titles = rows.filter((r) => r.p.value.endsWith("/title"));
    const box = clear(document.getElementById("paper-titles"));
    if (titles.length) {
      const ul = el("ul", { class: "titles" });
      for (const t of titles) {
        const tag = t.v["xml:lang"];
        ul.appendChild(el("li", {}, el("span", { class: "lang" }, langName(tag) + " (" + tag + "): "),
          el("span", { lang: tag }, t.v.value)));
      }
      box.append(el("h2", { class: "small-h" }, "Title in other languages"), ul);
    }
    const trans = clear(document.getElementById("paper-translations"));
    for (const r of rows.filter((x) => !x.p.value.endsWith("/title"))) {
      const tag = r.v["xml:lang"];
      const what = r.p.value.endsWith("summary") ? "Summary" : "Abstract";
      trans.appendChild(el("details", {}, el("summary", {}, what + " in " + langName(tag) + " (" + tag + ")"),
        el("p", { lang: tag }, r.v.value)));
    }
  }

  function facts(p) {
    const dl = clear(document.getElementById("paper-facts"));
    if (p.authors && p.authors.length) dd(dl, "Authors", p.authors.join(", "));
    if (p.date) dd(dl, "Published", p.date);
    if (p.categories && p.categories.length) dd(dl, "Categories", p.categories.join(", "));
    const links = [];
    if (p.url) links.push(el("a", { href: p.url, rel: "noopener" }, p.url));
    (p.code_urls || []).forEach((u) => links.push(el("a", { href: u, rel: "noopener" }, u)));
    if (links.length) dd(dl, "Links", ...links.flatMap((a, i) => (i ? [" · ", a] : [a])));
    dd(dl, "Id", el("code", {}, p.id));
  }

  function abstract(p) {
    const box = clear(document.getElementById("paper-abstract"));
    const ms = (p.mentions || []).map((m) => ({ entity: m.entity, surface: m.surface, rule: m.rule,
      field: m.evidence.field, start: m.evidence.start, end: m.evidence.end }));
    // the title, with its own mentions
    const h1 = clear(document.getElementById("paper-title"));
    highlight(h1, p.title, ms.filter((m) => m.field === "title"));
    if (!p.abstract) {
      box.appendChild(el("p", { class: "muted" }, "The listing gave no abstract."));
      return;
    }
    const para = el("p", {});
    const n = highlight(para, p.abstract, ms.filter((m) => m.field === "abstract"));
    box.appendChild(para);
    if (!n) box.appendChild(el("p", { class: "muted" }, "No mentions were extracted from this abstract."));
  }

  function factsWithEvidence(p) {
    const fieldText = (ev) => (ev && ev.field === "title" ? p.title : p.abstract || "");
    const prop = clear(document.getElementById("paper-proposes"));
    if (p.proposes.length) {
      prop.appendChild(table("Proposes", ["Entity", "Evidence"],
        p.proposes.map((x) => [el("span", {}, K.entityLink(x.entity), " ", K.typeBadge(x.entity.type)),
          evidenceNode(x.evidence, fieldText(x.evidence))])));
    }
    const ev = clear(document.getElementById("paper-evaluations"));
    if (p.evaluations.length) {
      ev.appendChild(table("Evaluation results", ["Subject", "Benchmark", "Metric", "Value", "Evidence"],
        p.evaluations.map((x) => [K.entityLink(x.subject), K.entityLink(x.benchmark),
          x.metric ? K.entityLink(x.metric) : "—", K.formatValue(x.value, x.unit) || x.value_text || "—",
          evidenceNode(x.evidence, fieldText(x.evidence))])));
    }
    const hw = clear(document.getElementById("paper-hardware"));
    if (p.hardware.length) {
      hw.appendChild(table("Hardware used", ["Hardware", "For", "Purpose", "Evidence"],
        p.hardware.map((x) => [K.entityLink(x.hardware), x.subject ? K.entityLink(x.subject) : "—", x.purpose || "—",
          evidenceNode(x.evidence, fieldText(x.evidence))])));
    }
    const st = document.getElementById("facts-status");
    if (!p.proposes.length && !p.evaluations.length && !p.hardware.length) {
      setStatus(st, "No proposal, evaluation result or hardware use was extracted from this paper.", "empty");
    }
  }

  function entities(p) {
    const ul = clear(document.getElementById("paper-entities"));
    const byType = {};
    for (const e of p.entities) (byType[e.type] = byType[e.type] || []).push(e);
    const order = K.TYPES.concat(Object.keys(byType).filter((t) => !K.TYPES.includes(t)));
    for (const t of order) {
      for (const e of byType[t] || []) ul.appendChild(el("li", {}, K.entityLink(e), " ", K.typeBadge(e.type)));
    }
    if (!p.entities.length) ul.appendChild(el("li", { class: "muted" }, "None extracted."));
  }

  function provenance(p) {
    const dl = clear(document.getElementById("paper-provenance"));
    for (const s of p.sources || []) {
      dd(dl, "Read from", [s.file, s.record ? "record " + s.record : "", s.format ? "(" + s.format + ")" : ""].filter(Boolean).join(" "));
    }
    if (p.extractor_version) dd(dl, "Extractor", p.extractor_version);
    dd(dl, "Named graph", el("code", {}, p.graph));
    dd(dl, "IRI", el("code", {}, p.iri));
  }

  async function main() {
    const id = document.body.dataset.id;
    const status = document.getElementById("paper-status");
    const article = document.getElementById("paper");
    let p;
    try {
      ({ data: p } = await api("/api/papers/" + encodeURIComponent(id)));
    } catch (err) {
      document.getElementById("paper-title").textContent = err.status === 404 ? "Not found: " + id : id;
      clear(status);
      status.appendChild(K.errorBlock(err));
      article.removeAttribute("aria-busy");
      return;
    }
    document.title = p.title + " · kg";
    setStatus(status, "");
    document.getElementById("paper-body").hidden = false;
    article.removeAttribute("aria-busy");
    abstract(p);
    facts(p);
    factsWithEvidence(p);
    entities(p);
    provenance(p);
    languages(p);
    const graph = new K.GraphView({ prefix: "paper", center: "paper/" + encodeURIComponent(p.id), downloads: "paper-downloads" });
    graph.load();
  }

  document.addEventListener("DOMContentLoaded", main);
})();
