/* kg explorer: the SPARQL editor — YASGUI (vendored) against /sparql, the canned queries
 * one click away (their parameters in a small form, bound by the server through
 * /web/canned/{name}), results as a table, downloads of a canned query's graph.
 * If YASGUI cannot start, a plain textarea and results table take its place. */
(function () {
  "use strict";
  const K = window.KG;
  const { el, clear, api, setStatus } = K;

  const EXAMPLE = `PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>

# The benchmarks with the most evaluation results
SELECT ?benchmark ?label (COUNT(DISTINCT ?paper) AS ?papers) WHERE {
  ?paper kg:hasEvaluation/kg:onBenchmark ?benchmark .
  ?benchmark skos:prefLabel ?label .
} GROUP BY ?benchmark ?label ORDER BY DESC(?papers) LIMIT 20
`;
  let yasgui = null;
  let queries = [];

  function endpoint() { return window.location.origin + "/sparql"; }

  function startYasgui() {
    if (!window.Yasgui) return false;
    try {
      const Y = window.Yasgui;
      // no remote autocompletion (Linked Open Vocabularies): nothing leaves this server
      if (Y.Yasqe && Y.Yasqe.defaults) Y.Yasqe.defaults.autocompleters = ["prefixes", "variables"];
      yasgui = new Y(document.getElementById("yasgui"), {
        requestConfig: { endpoint: endpoint(), method: "POST" },
        copyEndpointOnNewTab: true,
        endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint() }], keys: [] },
        persistenceId: null,
        populateFromUrl: false,
        autofocus: false,
        yasqe: { value: EXAMPLE },
        yasr: { prefixes: { kg: "https://w3id.org/kg/ontology#", id: "https://w3id.org/kg/id/",
                            skos: "http://www.w3.org/2004/02/skos/core#", dcterms: "http://purl.org/dc/terms/" } },
      });
      const tab = yasgui.getTab();
      for (const name of ["property", "class"]) {
        try { tab.getYasqe().disableCompleter(name); } catch (e) { /* not enabled */ }
      }
      // the tab announces a response before its results view has it: look once it has
      yasgui.on("queryResponse", (ys, t) => setTimeout(() => reportResults(t), 0));
      window.kgYasgui = yasgui;
      return true;
    } catch (e) {
      console.error(e);
      yasgui = null;
      return false;
    }
  }

  function reportResults(tab) {
    const status = document.getElementById("editor-status");
    const yasr = tab.getYasr();
    const res = yasr && yasr.results;
    if (!res) return;
    if (res.hasError && res.hasError()) {
      const e = res.getError() || {};
      setStatus(status, "The query failed: " + (e.text || e.statusText || e.status || "error"), "error");
      document.body.dataset.queryRows = "error";
      return;
    }
    const bindings = res.getBindings ? res.getBindings() : null;
    const n = bindings ? bindings.length : null;
    document.body.dataset.queryRows = n === null ? "" : String(n);
    if (n === null) setStatus(status, "Done.");
    else if (n === 0) setStatus(status, "The query ran and returned no rows.", "empty");
    else setStatus(status, n + " row" + (n === 1 ? "" : "s") + ". Use the Table and Response tabs below; the download icon saves them as CSV.");
  }

  // --- fallback editor -------------------------------------------------------------------
  function startFallback() {
    const box = document.getElementById("fallback-editor");
    box.hidden = false;
    const ta = document.getElementById("fallback-query");
    ta.value = EXAMPLE;
    document.getElementById("fallback-run").addEventListener("click", () => runFallback(ta.value));
    ta.addEventListener("keydown", (e) => { if (e.key === "Enter" && e.ctrlKey) runFallback(ta.value); });
    setStatus(document.getElementById("editor-status"), "The full editor could not start; this plain one works the same.");
  }

  async function runFallback(text) {
    const status = document.getElementById("editor-status");
    const table = document.getElementById("fallback-results");
    setStatus(status, "Running…");
    table.hidden = true;
    try {
      const resp = await fetch("/sparql", { method: "POST", body: new URLSearchParams({ query: text }),
        headers: { Accept: "application/sparql-results+json" } });
      const body = await resp.text();
      if (!resp.ok) throw new Error(body.trim() || resp.statusText);
      const json = JSON.parse(body);
      const thead = clear(table.querySelector("thead"));
      const tbody = clear(table.querySelector("tbody"));
      if (json.boolean !== undefined) {
        thead.appendChild(el("tr", {}, el("th", { scope: "col" }, "result")));
        tbody.appendChild(el("tr", {}, el("td", {}, String(json.boolean))));
      } else {
        const vars = json.head.vars;
        thead.appendChild(el("tr", {}, vars.map((v) => el("th", { scope: "col" }, v))));
        for (const b of json.results.bindings) {
          tbody.appendChild(el("tr", {}, vars.map((v) => el("td", {}, b[v] ? b[v].value : ""))));
        }
        const n = json.results.bindings.length;
        document.body.dataset.queryRows = String(n);
        setStatus(status, n ? n + " rows." : "The query ran and returned no rows.", n ? null : "empty");
      }
      table.hidden = false;
    } catch (e) {
      setStatus(status, "The query failed: " + e.message, "error");
    }
  }

  function setQuery(text, run) {
    if (yasgui) {
      const tab = yasgui.getTab();
      tab.setQuery(text);
      if (run) tab.query();
    } else {
      document.getElementById("fallback-query").value = text;
      if (run) runFallback(text);
    }
  }

  // --- canned queries ------------------------------------------------------------------
  async function loadCanned(q, params) {
    const status = document.getElementById("editor-status");
    setStatus(status, "Loading “" + q.summary + "”…");
    const p = new URLSearchParams(params);
    let text;
    try {
      const resp = await fetch("/web/canned/" + encodeURIComponent(q.name) + "?" + p, { headers: { Accept: "application/sparql-query" } });
      text = await resp.text();
      if (!resp.ok) {
        let body = {};
        try { body = JSON.parse(text); } catch (e) { /* plain */ }
        const err = new K.ApiError((body && body.detail) || text, resp.status, body);
        err.suggestions = body.suggestions || [];
        throw err;
      }
    } catch (err) {
      setStatus(status, "");
      const form = document.getElementById("canned-form");
      const old = form.querySelector(".error-block");
      if (old) old.remove();
      form.appendChild(K.errorBlock(err));
      form.hidden = false;
      return;
    }
    setStatus(status, "Running the canned query “" + q.name + "”…");
    // the YAML header (#+ lines) is shown in the form; the editor gets the summary as a comment
    text = "# " + q.name + ": " + q.summary + "\n" + text.split("\n").filter((l) => !/^#\+/.test(l)).join("\n").replace(/^\s*\n/, "");
    delete document.body.dataset.queryRows;
    setQuery(text, true);
    const scope = Object.assign({ query: q.name }, params);
    K.setDownloads("query-downloads", scope, "The papers and entities this canned query returns (" + q.name + "), in each format:");
    const url = new URL(window.location.href);
    url.search = new URLSearchParams(Object.assign({ name: q.name }, params)).toString();
    history.replaceState(null, "", url);
  }

  function showForm(q) {
    const form = document.getElementById("canned-form");
    const box = clear(document.getElementById("canned-params"));
    const old = form.querySelector(".error-block");
    if (old) old.remove();
    document.getElementById("canned-form-title").textContent = q.summary;
    document.getElementById("canned-form-desc").textContent = q.description || "";
    const url = new URL(window.location.href);
    for (const p of q.params) {
      const id = "param-" + p.name;
      const given = url.searchParams.get(p.name);
      const has = (x) => x !== null && x !== undefined;
      // required parameters start at their example so one click runs the query; optional ones empty
      const val = given !== null && url.searchParams.get("name") === q.name ? given
        : has(p.default) ? String(p.default) : p.required && has(p.example) ? String(p.example) : "";
      const input = el("input", { id, name: p.name, value: val, required: p.required || null, autocomplete: "off",
        placeholder: has(p.example) ? "e.g. " + p.example : null,
        type: p.type === "integer" ? "number" : p.type === "date" ? "date" : "text",
        "aria-describedby": p.description ? id + "-hint" : null });
      if (p.type === "iri" && p.entity && p.entity.length) {
        input.dataset.autocomplete = "entities";
        input.dataset.types = p.entity.join(" ");
      }
      box.appendChild(el("div", { class: "field" },
        el("label", { for: id }, p.name + (p.required ? " (required)" : "") + (p.entity && p.entity.length ? " — " + p.entity.join(" or ") : "")),
        el("div", { class: "combo" }, input),
        p.description ? el("p", { class: "hint", id: id + "-hint" }, p.description) : null));
    }
    K.initComboboxes(box);
    form.onsubmit = (e) => {
      e.preventDefault();
      const params = {};
      for (const p of q.params) {
        const input = document.getElementById("param-" + p.name);
        const v = input.dataset.pickedId && input.dataset.pickedLabel === input.value.trim() ? input.dataset.pickedId : input.value.trim();
        if (v) params[p.name] = v;
      }
      loadCanned(q, params);
    };
    form.hidden = false;
  }

  function pickCanned(q) {
    document.querySelectorAll("#canned-queries button[aria-pressed]").forEach((b) =>
      b.setAttribute("aria-pressed", b.dataset.name === q.name ? "true" : "false"));
    if (q.params.length) {
      // show the parameters (to change them) and run at once with what they hold
      showForm(q);
      const form = document.getElementById("canned-form");
      if (form.checkValidity()) form.requestSubmit();
      else setStatus(document.getElementById("editor-status"), "Fill in the parameters of “" + q.name + "”, then Run.");
    } else {
      document.getElementById("canned-form").hidden = true;
      loadCanned(q, {});
    }
  }

  async function listCanned() {
    const status = document.getElementById("canned-status");
    const ul = document.getElementById("canned-queries");
    try {
      ({ data: queries } = await api("/api/queries"));
    } catch (err) {
      setStatus(status, "Could not list the canned queries: " + err.message, "error");
      return;
    }
    if (!queries.length) {
      setStatus(status, "No canned queries are installed.", "empty");
      return;
    }
    setStatus(status, queries.length + " ready-made queries: pick one to load it into the editor and run it.");
    for (const q of queries) {
      ul.appendChild(el("li", {}, el("button", { type: "button", class: "canned-button", "aria-pressed": "false",
        "data-name": q.name, onclick: () => pickCanned(q) }, el("strong", {}, q.name), el("span", {}, q.summary),
        q.params.length ? el("span", { class: "meta" }, "parameters: " + q.params.map((p) => p.name).join(", ")) : null)));
    }
    const want = document.body.dataset.name;
    const q = want && queries.find((x) => x.name === want);
    if (q) pickCanned(q);
    else if (want) setStatus(status, "There is no canned query called “" + want + "”.", "error");
  }

  function main() {
    if (!startYasgui()) startFallback();
    listCanned();
  }

  document.addEventListener("DOMContentLoaded", main);
})();
