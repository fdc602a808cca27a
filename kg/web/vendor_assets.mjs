// Copy the front-end libraries from node_modules into kg/static/vendor, with licences.
// Usage (repository root): npm ci && npm run vendor
// The copies are committed: a fresh clone (and the Python package) needs no npm.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const nm = path.join(root, "node_modules");
const out = path.join(root, "kg", "static", "vendor");

function pkg(name) {
  return JSON.parse(fs.readFileSync(path.join(nm, name, "package.json"), "utf8"));
}

function licenceText(name) {
  const dir = path.join(nm, name);
  const f = fs.readdirSync(dir).find((x) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(x));
  return f ? fs.readFileSync(path.join(dir, f), "utf8").trim() : null;
}

// copy a file, dropping the sourceMappingURL comment (the maps are not shipped)
function copy(src, dst) {
  fs.mkdirSync(path.dirname(dst), { recursive: true });
  let text = fs.readFileSync(src, "utf8");
  text = text.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, "\n").replace(/\/\*# sourceMappingURL=\S+ \*\/\s*$/, "\n");
  fs.writeFileSync(dst, text);
}

// every package a bundle was built from: the package and its dependencies, recursively
function closure(name, seen = new Map()) {
  if (seen.has(name) || !fs.existsSync(path.join(nm, name, "package.json"))) return seen;
  const p = pkg(name);
  seen.set(name, p);
  for (const dep of Object.keys(p.dependencies || {})) closure(dep, seen);
  return seen;
}

function notices(top) {
  const parts = [];
  for (const [name, p] of closure(top)) {
    const lic = typeof p.license === "string" ? p.license : (p.license && p.license.type) || "see package";
    parts.push(`${"=".repeat(78)}\n${name} ${p.version}  (${lic})\n${p.homepage || p.repository?.url || ""}\n${"-".repeat(78)}\n` +
      (licenceText(name) || `No licence file is shipped in the npm package; its package.json declares: ${lic}.`));
  }
  return parts.join("\n\n") + "\n";
}

const cy = pkg("cytoscape");
copy(path.join(nm, "cytoscape/dist/cytoscape.min.js"), path.join(out, "cytoscape/cytoscape.min.js"));
fs.writeFileSync(path.join(out, "cytoscape/LICENSE"), licenceText("cytoscape") + "\n");
fs.writeFileSync(path.join(out, "cytoscape/VERSION"), `cytoscape ${cy.version} (npm), dist/cytoscape.min.js\n`);

const yg = pkg("@zazuko/yasgui");
copy(path.join(nm, "@zazuko/yasgui/build/yasgui.min.js"), path.join(out, "yasgui/yasgui.min.js"));
copy(path.join(nm, "@zazuko/yasgui/build/yasgui.min.css"), path.join(out, "yasgui/yasgui.min.css"));
fs.writeFileSync(path.join(out, "yasgui/VERSION"), `@zazuko/yasgui ${yg.version} (npm), build/yasgui.min.{js,css}\n`);
fs.writeFileSync(path.join(out, "yasgui/LICENSE"), `MIT License

Copyright (c) Triply B.V. (author of Yasgui) and Zazuko GmbH (maintainer of @zazuko/yasgui)

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.

(The npm package @zazuko/yasgui ${yg.version} declares "license": "MIT" and ships no
licence file; upstream: ${yg.homepage}. The bundle also contains the packages listed,
with their own licences, in THIRD-PARTY-LICENSES.txt.)
`);
fs.writeFileSync(path.join(out, "yasgui/THIRD-PARTY-LICENSES.txt"), notices("@zazuko/yasgui"));
console.log(`vendored cytoscape ${cy.version} and @zazuko/yasgui ${yg.version} into ${path.relative(root, out)}`);

// /docs works offline: Swagger UI's bundle and stylesheet
const sw = pkg("swagger-ui-dist");
for (const f of ["swagger-ui-bundle.js", "swagger-ui.css"]) {
  copy(path.join(nm, "swagger-ui-dist", f), path.join(out, "swagger-ui", f));
}
fs.writeFileSync(path.join(out, "swagger-ui/LICENSE"),
  licenceText("swagger-ui-dist") + "\n\n" + fs.readFileSync(path.join(nm, "swagger-ui-dist/swagger-ui-bundle.js.LICENSE.txt"), "utf8"));
fs.writeFileSync(path.join(out, "swagger-ui/VERSION"), `swagger-ui-dist ${sw.version} (npm), swagger-ui-bundle.js, swagger-ui.css\n`);

// charts (entity trend): Observable Plot's UMD build and the d3 it needs
const pl = pkg("@observablehq/plot");
const d3 = pkg("d3");
copy(path.join(nm, "@observablehq/plot/dist/plot.umd.min.js"), path.join(out, "plot/plot.umd.min.js"));
copy(path.join(nm, "d3/dist/d3.min.js"), path.join(out, "plot/d3.min.js"));
fs.writeFileSync(path.join(out, "plot/LICENSE"), notices("@observablehq/plot") + "\n" + notices("d3"));
fs.writeFileSync(path.join(out, "plot/VERSION"),
  `@observablehq/plot ${pl.version} (npm), dist/plot.umd.min.js\nd3 ${d3.version} (npm), dist/d3.min.js\n`);
