/* kg explorer: shared helpers — fetch with clear errors, DOM building (text only, never
 * innerHTML with data), links, export URLs, and the keyboard-usable autocomplete
 * (ARIA 1.2 combobox: arrow keys move, Enter picks, Escape closes). */
(function () {
  "use strict";

  const TYPES = ["Paper", "Model", "Method", "Benchmark", "Hardware", "Metric"];
  const FORMATS = ["graphml", "gexf", "cytoscape", "nodelink", "dot", "csv"];

  class ApiError extends Error {
    constructor(message, status, body) {
      super(message);
      this.status = status;
      this.body = body || {};
    }
  }

  function detailText(body, fallback) {
    if (!body) return fallback;
    let d = body.detail !== undefined ? body.detail : body;
    if (d && typeof d === "object" && d.detail !== undefined) d = d.detail;
    if (Array.isArray(d)) {  // FastAPI validation errors
      return d.map((x) => (x.loc ? x.loc.filter((p) => p !== "query").join(".") + ": " : "") + (x.msg || JSON.stringify(x))).join("; ");
    }
    return typeof d === "string" ? d : fallback;
  }

  /** GET/POST and parse JSON; throw ApiError with the server's message on failure. */
  async function api(url, opts = {}) {
    let resp;
    try {
      resp = await fetch(url, Object.assign({ headers: { Accept: "application/json" } }, opts));
    } catch (e) {
      if (e.name === "AbortError") throw e;
      throw new ApiError("The server could not be reached (" + e.message + ").", 0);
    }
    const text = await resp.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
    if (!resp.ok) {
      const fallback = text && text.length < 300 ? text.trim() : resp.status + " " + resp.statusText;
      const err = new ApiError(detailText(body, fallback), resp.status, body && typeof body === "object" ? body : {});
      err.suggestions = (body && (body.suggestions || (body.detail && body.detail.suggestions))) || [];
      throw err;
    }
    if (body === null && text) throw new ApiError("The server sent something that is not JSON.", resp.status);
    return { data: body, headers: resp.headers };
  }

  /** SELECT through the SPARQL endpoint; rows of {var: value}. */
  async function sparql(query) {
    const resp = await fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query", Accept: "application/sparql-results+json" },
      body: query,
    });
    const text = await resp.text();
    if (!resp.ok) throw new ApiError(text.trim() || resp.statusText, resp.status);
    const json = JSON.parse(text);
    return json.results.bindings.map((b) => {
      const row = {};
      for (const k of Object.keys(b)) row[k] = b[k];
      return row;
    });
  }

  /** el("a", {href: "/x", class: "y"}, "text", child) — strings become text nodes. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
      else if (k === "dataset") Object.assign(node.dataset, v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  function idPath(id) {
    return String(id).split("/").map(encodeURIComponent).join("/");
  }

  /** Node id of the graph exports / API id → page URL. */
  function entityHref(id) { return "/entity/" + idPath(id); }
  function paperHref(key) { return "/paper/" + encodeURIComponent(key); }
  function nodeHref(nodeId) {
    return nodeId.startsWith("paper/") ? paperHref(decodeURIComponent(nodeId.slice(6))) : entityHref(decodeURIComponent(nodeId));
  }
  function refId(ref) {  // an EntityRef from the API → its id
    if (ref.id) return ref.id;
    const m = /^https:\/\/w3id\.org\/kg\/id\/(.*)$/.exec(ref.iri || "");
    return m ? decodeURIComponent(m[1]) : ref.iri;
  }

  function typeBadge(type) {
    return el("span", { class: "badge t-" + (TYPES.includes(type) ? type : "Entity") }, type || "Entity");
  }

  function entityLink(ref) {
    if (!ref) return document.createTextNode("—");
    return el("a", { href: entityHref(refId(ref)), title: (ref.type || "") + " " + refId(ref) }, ref.label || refId(ref));
  }

  function paperLink(p) {
    return el("a", { href: paperHref(p.id) }, p.title || p.id);
  }

  function formatValue(value, unit) {
    if (value === null || value === undefined) return "";
    const v = Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
    if (!unit || unit === "absolute") return v;
    if (unit === "%") return v + "%";
    if (unit === "x") return v + "×";
    return v + " " + unit;
  }

  function setStatus(node, text, kind) {
    if (!node) return;
    node.textContent = text || "";
    node.classList.toggle("error", kind === "error");
    node.classList.toggle("empty", kind === "empty");
  }

  /** A message for an ApiError, with its suggestions as links (or buttons when onPick). */
  function errorBlock(err, onPick) {
    const box = el("div", { class: "error-block", role: "alert" }, el("p", { class: "error" }, err.message || String(err)));
    const sugg = err.suggestions || [];
    if (sugg.length) {
      const ul = el("ul", { class: "suggestions" });
      for (const s of sugg) {
        const label = s.label + (s.type ? " (" + s.type + ")" : "");
        ul.appendChild(el("li", {}, onPick
          ? el("button", { type: "button", onclick: () => onPick(s) }, label)
          : el("a", { href: entityHref(refId(s)) }, label)));
      }
      box.appendChild(el("p", {}, "Did you mean:"));
      box.appendChild(ul);
    }
    return box;
  }

  function exportUrl(params, format) {
    const q = new URLSearchParams();
    q.set("format", format);
    for (const [k, v] of Object.entries(params)) {
      if (v === null || v === undefined || v === "") continue;
      if (Array.isArray(v)) v.forEach((x) => q.append(k, x));
      else q.set(k, v);
    }
    return "/api/export?" + q.toString();
  }

  /** Point the download links of a `downloads` section at the export of `params`. */
  function setDownloads(sectionId, params, scopeText) {
    const section = document.getElementById(sectionId);
    if (!section) return;
    for (const a of section.querySelectorAll("a[data-format]")) {
      a.href = exportUrl(params, a.dataset.format);
    }
    const scope = section.querySelector("[data-role=scope]");
    if (scope) scope.textContent = scopeText || "";
    section.hidden = false;
  }

  function debounce(fn, ms) {
    let t = null;
    return (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); };
  }

  // --- autocomplete -------------------------------------------------------------------
  let comboCount = 0;

  /**
   * Turn <input data-autocomplete="entities papers" [data-types="Model Method"]
   * [data-navigate="true"]> into a combobox. Picking a suggestion either opens its page
   * (data-navigate) or fills the input (the entity id goes to input.dataset.pickedId and a
   * "kg:pick" event fires). Enter without a highlighted suggestion submits the form.
   */
  function combobox(input) {
    if (input.dataset.comboReady) return;
    input.dataset.comboReady = "1";
    const n = ++comboCount;
    const listId = (input.id || "combo" + n) + "-listbox";
    const list = el("ul", { id: listId, role: "listbox", class: "combo-list", hidden: true,
                            "aria-label": "Suggestions" });
    const live = el("span", { class: "visually-hidden", role: "status", "aria-live": "polite" });
    input.parentNode.appendChild(list);
    input.parentNode.appendChild(live);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    const sources = (input.dataset.autocomplete || "entities").split(/\s+/);
    const types = (input.dataset.types || "").split(/\s+/).filter(Boolean);
    const navigate = input.dataset.navigate === "true";
    let options = [];
    let active = -1;
    let controller = null;
    let lastQuery = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(i) {
      options.forEach((o, j) => o.node.setAttribute("aria-selected", j === i ? "true" : "false"));
      active = i;
      if (i >= 0) {
        input.setAttribute("aria-activedescendant", options[i].node.id);
        options[i].node.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function pick(opt) {
      close();
      if (navigate) {
        window.location.href = opt.href;
        return;
      }
      input.value = opt.label;
      input.dataset.pickedId = opt.id;
      input.dataset.pickedLabel = opt.label;
      input.dispatchEvent(new CustomEvent("kg:pick", { detail: opt, bubbles: true }));
    }

    function render(groups, q) {
      clear(list);
      options = [];
      let k = 0;
      for (const g of groups) {
        if (!g.items.length) continue;
        if (groups.length > 1) list.appendChild(el("li", { role: "presentation", class: "combo-group" }, g.label));
        for (const it of g.items) {
          const node = el("li", { role: "option", id: listId + "-" + k++, "aria-selected": "false", class: "combo-option" },
            el("span", { class: "combo-label" }, it.label), " ", typeBadge(it.type),
            it.extra ? el("span", { class: "combo-extra" }, it.extra) : null);
          node.addEventListener("mousedown", (e) => { e.preventDefault(); pick(it); });
          options.push({ node, item: it });
          list.appendChild(node);
        }
      }
      options = options.map((o) => Object.assign(o.item, { node: o.node }));
      if (!options.length) {
        list.appendChild(el("li", { class: "combo-empty", role: "presentation" }, "No match for “" + q + "”"));
      }
      list.hidden = false;
      list.dataset.query = q;  // which text these suggestions are for (tests wait on it)
      input.setAttribute("aria-expanded", "true");
      live.textContent = options.length ? options.length + " suggestions; use the arrow keys to choose." : "No suggestions.";
      active = -1;
    }

    const lookup = debounce(async () => {
      const q = input.value.trim();
      if (q === lastQuery && !list.hidden) return;
      lastQuery = q;
      if (!q) { close(); return; }
      if (controller) controller.abort();
      controller = new AbortController();
      const signal = controller.signal;
      const groups = [];
      try {
        const jobs = [];
        if (sources.includes("entities")) {
          const p = new URLSearchParams({ q, limit: "8" });
          types.forEach((t) => p.append("type", t));
          jobs.push(api("/api/entities?" + p, { signal }).then(({ data }) => {
            groups.push({ label: "Entities", order: 0, items: data.entities.map((e) => ({
              label: e.label, type: e.type, id: refId(e), href: entityHref(refId(e)),
              extra: e.aliases && e.aliases.length ? e.aliases.slice(0, 2).join(", ") : "" })) });
          }));
        }
        if (sources.includes("papers") && q.length >= 3) {
          jobs.push(api("/api/papers?" + new URLSearchParams({ q, limit: "5" }), { signal }).then(({ data }) => {
            groups.push({ label: "Papers", order: 1, items: data.papers.map((p) => ({
              label: p.title, type: "Paper", id: "paper/" + p.id, href: paperHref(p.id), extra: p.date || "" })) });
          }).catch((e) => { if (e.name !== "AbortError") groups.push({ label: "Papers", order: 1, items: [] }); }));
        }
        await Promise.all(jobs);
      } catch (e) {
        if (e.name === "AbortError") return;
        clear(list);
        list.appendChild(el("li", { class: "combo-empty error", role: "presentation" }, "Suggestions failed: " + e.message));
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        return;
      }
      if (signal.aborted) return;
      groups.sort((a, b) => a.order - b.order);
      render(groups, q);
    }, 150);

    input.addEventListener("input", () => {
      delete input.dataset.pickedId;
      lookup();
    });
    input.addEventListener("keydown", (e) => {
      const open = !list.hidden && options.length > 0;
      if (e.key === "ArrowDown") {
        e.preventDefault();
        if (list.hidden) { lastQuery = null; lookup(); return; }
        if (open) setActive(active + 1 >= options.length ? 0 : active + 1);
      } else if (e.key === "ArrowUp") {
        e.preventDefault();
        if (open) setActive(active <= 0 ? options.length - 1 : active - 1);
      } else if (e.key === "Enter") {
        if (open && active >= 0) {
          e.preventDefault();
          pick(options[active]);
        } else {
          close();
        }
      } else if (e.key === "Escape") {
        if (!list.hidden) { e.preventDefault(); close(); }
      } else if (e.key === "Tab") {
        close();
      }
    });
    input.addEventListener("blur", () => setTimeout(close, 100));
  }

  function initComboboxes(root) {
    (root || document).querySelectorAll("input[data-autocomplete]").forEach(combobox);
  }

  window.KG = {
    TYPES, FORMATS, ApiError, api, sparql, el, clear, entityHref, paperHref, nodeHref, refId, typeBadge, entityLink,
    paperLink, formatValue, setStatus, errorBlock, exportUrl, setDownloads, debounce, combobox, initComboboxes,
  };
  document.addEventListener("DOMContentLoaded", () => initComboboxes());
})();
