"""The web explorer in headless Chromium against a live `kg serve` on the seed graph.

Drives the pages with the keyboard where a user would (autocomplete with arrow keys
and Enter), checks what is drawn against counts taken independently from the store,
downloads a GEXF file and reads it back, and saves screenshots of the main pages to a
temporary folder, or to $KG_SCREENSHOTS (`make screenshots` refreshes docs/screenshots/).
It waits on conditions in the page, never for a fixed time, so a loaded machine only
makes it slower.

Needs a Chromium binary (Debian: `apt-get install chromium`) and the `playwright`
Python package (its own browser download is not used: the system Chromium is launched
through `executable_path`). Skipped, with the reason, when either is missing.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import networkx as nx
import pytest

from kg.graph_export import ExportScope, build_graph
from kg.namespaces import SPARQL_PREFIXES

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
WAIT_MS = 30_000


def _chromium() -> str | None:
    env = os.environ.get("KG_CHROMIUM")
    if env and Path(env).is_file():
        return env
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chromium_path() -> str:
    path = _chromium()
    if path is None:
        pytest.skip("no Chromium binary found (install Debian's `chromium`, or set KG_CHROMIUM)")
    return path


@pytest.fixture(scope="module")
def playwright_api():
    return pytest.importorskip(
        "playwright.sync_api",
        reason="the playwright Python package is not installed "
        "(pip install playwright; no browser download needed)",
    )


@pytest.fixture(scope="module")
def server(seed_store_path, tmp_path_factory):
    """`kg serve` on the seed store, as a subprocess on 127.0.0.1:<free port>."""
    yield from _serve(seed_store_path, tmp_path_factory)


@pytest.fixture(scope="module")
def scored_server(tmp_path_factory):
    """`kg serve` on the small graph of tests/test_query_layer.py: typed scores with metric
    directions and base models, papers over three months (what extraction will record)."""
    from test_query_layer import build

    store = build(tmp_path_factory.mktemp("scored") / "store")
    yield from _serve(store, tmp_path_factory)


def _serve(store_path, tmp_path_factory):
    port = _free_port()
    kg = Path(sys.executable).with_name("kg")
    cmd = [
        str(kg) if kg.exists() else "kg",
        "serve",
        "--store",
        str(store_path),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(base + "/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"kg serve did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.3)
    yield base
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def seed(seed_store_path):
    from kg.store import KGStore

    return KGStore(seed_store_path, read_only=True)


@pytest.fixture(scope="module")
def shots_dir(tmp_path_factory) -> Path:
    """Never the tracked docs/screenshots/ unless asked for with KG_SCREENSHOTS."""
    env = os.environ.get("KG_SCREENSHOTS")
    return Path(env) if env else tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def browser(playwright_api, chromium_path):
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class Watch:
    """Requests that leave 127.0.0.1, failed responses and script errors seen by a page."""

    def __init__(self, page, base: str) -> None:
        self.base = base
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.allowed: list[str] = []  # URL parts whose 4xx answers a test provokes on purpose
        page.on("request", self._request)
        page.on(
            "response",
            lambda r: self.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("console", self._console)

    def _request(self, req) -> None:
        if not req.url.startswith((self.base, "data:", "blob:")):
            self.outside.append(req.url)

    def _console(self, msg) -> None:
        # a failed load is logged too: it is judged by its response, with the allowed list
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            self.errors.append(f"console: {msg.text}")

    def check(self) -> None:
        assert not self.outside, f"requests left the server: {self.outside}"
        assert not self.errors, self.errors
        failed = [f for f in self.failed if not any(a in f for a in self.allowed)]
        assert not failed, f"failed requests: {failed}"


@pytest.fixture
def page(browser, server, shots_dir):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    pg = ctx.new_page()
    pg.set_default_timeout(WAIT_MS)
    pg.shots = shots_dir
    watch = Watch(pg, server)
    pg.watch = watch
    yield pg
    ctx.close()
    watch.check()


def _shot(page, name: str) -> None:
    page.shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(page.shots / f"{name}.png"), full_page=True)


def _pick(page, input_selector: str, text: str, label: str, type_: str) -> None:
    """Type into an autocomplete, move with ArrowDown to the suggestion `label` (of
    `type_`), and pick it with Enter."""
    box = page.locator(input_selector)
    box.click()
    box.fill("")
    box.type(text, delay=30)
    listbox = page.locator("#" + box.get_attribute("aria-controls"))
    # suggestions for a prefix typed earlier may be showing: wait for those of the whole text
    page.wait_for_function(
        "([id, q]) => document.getElementById(id)?.dataset.query === q",
        arg=[box.get_attribute("aria-controls"), text],
    )
    listbox.locator("[role=option]").first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    n = listbox.locator("[role=option]").count()
    for _ in range(n):
        box.press("ArrowDown")
        active = box.get_attribute("aria-activedescendant")
        opt = page.locator("#" + active)
        if (
            opt.locator(".combo-label").inner_text() == label
            and opt.locator(".badge").inner_text() == type_
        ):
            box.press("Enter")
            return
    raise AssertionError(f"no suggestion {label!r} ({type_}) for {text!r}")


def _rows(store, body: str) -> list:
    return list(store.query(SPARQL_PREFIXES + body))


# --- the tour ---------------------------------------------------------------------------------
def test_home_search_entity_graph_and_gexf_download(page, server, seed, tmp_path):
    page.goto(server + "/")
    page.wait_for_function("() => document.querySelectorAll('#stats dt').length > 0")
    papers = len(_rows(seed, "SELECT ?p WHERE { ?p a kg:Paper }"))
    assert page.locator("#stats").inner_text().count(str(papers)) >= 1
    # entities: the ones papers mention, not the vocabulary's concepts (issue #17)
    q = "SELECT DISTINCT ?e WHERE { ?p kg:mentions ?e . ?e a kg:Benchmark }"
    bench = page.locator("#stats [data-type=Benchmark] dd").inner_text()
    assert bench.startswith(f"{len(_rows(seed, q)):,} of ")
    page.wait_for_function("() => document.querySelectorAll('#canned-list li').length > 0")
    _shot(page, "home")

    # keyboard: the first Tab lands on the skip link
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"

    # search for a model with the autocomplete, open its page with Enter
    _pick(page, "#home-q", "llama", "Llama", "Model")
    page.wait_for_url("**/entity/model/llama")
    page.wait_for_function("() => document.body.dataset.graphNodes !== undefined")
    assert page.locator("#entity-title").inner_text().startswith("Llama")

    # the neighbourhood graph: the node count the export gives for the same scope
    expected = build_graph(seed, ExportScope(entity="model/llama", depth=2, max_nodes=300))
    drawn = page.evaluate("window.kgCy.nodes().length")
    assert drawn == expected.number_of_nodes() > 10
    assert page.evaluate("window.kgCy.edges().length") == expected.number_of_edges()
    assert page.evaluate("window.kgCy.getElementById('model/llama').hasClass('center')")
    painted = page.evaluate("""() => {
        let n = 0;
        for (const c of document.querySelectorAll('#entity-graph canvas')) {
          if (!c.width || !c.height) continue;
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
        }
        return n; }""")
    assert painted > 2000, "the graph canvas is empty"
    status = page.locator("#entity-graph-status").inner_text()
    assert f"Showing {drawn} nodes" in status

    # the evaluations table and the paper list come from the API
    page.locator("#evals-table tbody tr").first.wait_for()
    page.locator("#entity-papers li").first.wait_for()
    _shot(page, "entity")

    # click a node whose papers are not all in view: its neighbours are added
    page.locator("#entity-graph").scroll_into_view_if_needed()
    # cytoscape caches its container's page offset and notices a scroll only later (a
    # fixed wait was not enough on a loaded machine: the click landed beside the node);
    # resize() makes it measure the container again, now
    page.evaluate("window.kgCy.resize()")
    target = page.evaluate("""() => {
        const n = window.kgCy.nodes().filter(x => x.data('type') !== 'Paper'
            && !x.hasClass('center') && x.data('papers') > x.degree()).first();
        const p = n.renderedPosition();
        const r = document.getElementById('entity-graph').getBoundingClientRect();
        return {id: n.id(), x: r.left + p.x, y: r.top + p.y}; }""")
    assert (
        page.evaluate(f"() => document.elementFromPoint({target['x']}, {target['y']}).tagName")
        == "CANVAS"
    )
    page.mouse.click(target["x"], target["y"])
    # the tap selects the node at once (its card), then expands it
    page.wait_for_function(
        f"() => document.querySelector('#entity-graph-info h3')?.textContent === "
        f"window.kgCy.getElementById({target['id']!r}).data('label')"
    )
    page.wait_for_function(
        f"() => window.kgCy.getElementById({target['id']!r}).hasClass('expanded')"
    )
    page.wait_for_function(f"() => window.kgCy.nodes().length > {drawn}")

    # download the neighbourhood as GEXF and read it back
    with page.expect_download() as dl:
        page.locator("#entity-downloads a[data-format=gexf]").click()
    path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(path)
    assert path.suffix == ".gexf"
    G = nx.read_gexf(path, node_type=str)
    assert (G.number_of_nodes(), G.number_of_edges()) == (
        expected.number_of_nodes(),
        expected.number_of_edges(),
    )
    assert G.nodes["model/llama"]["label"] == "Llama" and G.nodes["model/llama"]["type"] == "Model"


def test_paper_page(page, server, seed):
    # the paper with a translated title and the most mentions
    [row] = _rows(
        seed,
        """SELECT ?key (COUNT(DISTINCT ?m) AS ?n) WHERE {
        ?p a kg:Paper ; dcterms:identifier ?key ; dcterms:title ?t ;
           kg:hasSentence/kg:hasMention ?m .
        FILTER(LANG(?t) != "") }
        GROUP BY ?key ORDER BY DESC(?n) ?key LIMIT 1""",
    )
    key = row["key"].value
    page.goto(f"{server}/paper/{key}")
    page.wait_for_selector("#paper-abstract mark.mention")
    marks = page.locator("#paper-abstract mark.mention, #paper-title mark.mention")
    n_abstract = len(
        _rows(
            seed,
            f"""SELECT ?m WHERE {{ ?p dcterms:identifier "{key}" ; kg:hasSentence ?s .
        ?s kg:hasMention ?m ; kg:field ?f . }}""",
        )
    )
    assert 0 < marks.count() <= n_abstract
    classes = set(
        page.eval_on_selector_all(
            "#paper-abstract mark.mention", "els => els.map(e => e.className)"
        )
    )
    assert all(c.startswith("mention t-") for c in classes)
    # every highlighted text is exactly the surface form at those offsets
    texts = page.eval_on_selector_all(
        "#paper-abstract mark.mention a", "els => els.map(e => e.textContent)"
    )
    surfaces = {
        r["s"].value
        for r in _rows(
            seed,
            f"""SELECT ?s WHERE {{ ?p dcterms:identifier "{key}" ;
        kg:hasSentence ?sent . ?sent kg:hasMention ?m ; kg:text ?text ; kg:sentenceStart ?ss .
        ?m kg:span ?span .
        BIND(xsd:integer(STRBEFORE(?span, " ")) AS ?start)
        BIND(xsd:integer(STRBEFORE(STRAFTER(?span, " "), " ")) AS ?end)
        BIND(SUBSTR(?text, ?start - ?ss + 1, ?end - ?start) AS ?s) }}""",
        )
    }
    assert set(texts) <= surfaces
    page.wait_for_selector("#paper-titles [lang]")
    assert page.locator("#paper-titles [lang]").count() >= 1
    page.wait_for_function("() => document.body.dataset.graphNodes !== undefined")
    _shot(page, "paper")


def test_evaluate_form(page, server, seed):
    page.goto(server + "/evaluate")
    _pick(page, "#eval-subject", "Llam", "Llama", "Model")
    assert page.locator("#eval-subject").input_value() == "Llama"
    _pick(page, "#eval-target", "GSM", "GSM8K", "Benchmark")
    page.locator("#eval-target").press("Enter")  # no suggestion open: Enter submits
    page.wait_for_url("**/evaluate?subject=model%2Fllama&target=benchmark%2Fgsm8k")
    page.wait_for_selector("#eval-table:not([hidden]) tbody tr")
    expected = {
        r["title"].value
        for r in _rows(
            seed,
            """SELECT DISTINCT ?title WHERE {
        ?s skos:broader* <https://w3id.org/kg/id/model/llama> .
        ?b skos:broader* <https://w3id.org/kg/id/benchmark/gsm8k> .
        { ?v kg:evaluatedSubject ?s } UNION { ?v kg:baseModel ?s }
        ?v kg:onBenchmark ?b .
        ?p kg:hasEvaluation ?v ; dcterms:title ?title .
        FILTER(LANG(?title) = "") }""",
        )
    }
    assert expected, "the seed graph should have a Llama result on GSM8K"
    shown = set(
        page.eval_on_selector_all(
            "#eval-table tbody td:first-child a:first-child", "els => els.map(e => e.textContent)"
        )
    )
    assert shown == expected
    page.locator("#eval-status", has_text="evaluate Llama on GSM8K").wait_for()
    _shot(page, "evaluate")
    # a name that matches nothing: a clear message with suggestions
    page.watch.allowed.append("/api/evaluations?subject=Lllama")
    page.goto(server + "/evaluate?subject=Lllama&target=GSM8K")
    page.wait_for_selector("#eval-results .error-block")
    assert "Lllama" in page.locator("#eval-results .error-block").inner_text()


def test_sparql_editor_canned_query(page, server, seed):
    page.goto(server + "/query")
    page.wait_for_selector("#canned-queries button[data-name=most-used-models]")
    page.wait_for_selector("#yasgui .CodeMirror")
    page.locator("#canned-queries button[data-name=most-used-models]").click()
    page.wait_for_function(
        "() => document.body.dataset.queryRows !== undefined"
        " && document.body.dataset.queryRows !== ''"
    )
    rows = page.evaluate("document.body.dataset.queryRows")
    n_models = len(_rows(seed, "SELECT DISTINCT ?m WHERE { ?p kg:mentions ?m . ?m a kg:Model }"))
    assert int(rows) == min(50, n_models)
    page.wait_for_selector(".yasr table tbody tr")
    assert "Llama" in page.locator(".yasr table").inner_text()
    assert "most-used-models" in page.evaluate("window.kgYasgui.getTab().getQuery()")
    assert not page.locator("#query-downloads").is_hidden()
    _shot(page, "sparql")


def test_leaderboard_page(browser, scored_server, shots_dir):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.shots = shots_dir  # type: ignore[attr-defined]  # where _shot saves
    page.set_default_timeout(WAIT_MS)
    watch = Watch(page, scored_server)
    try:
        page.goto(scored_server + "/leaderboard")
        _pick(page, "#lb-benchmark", "gsm", "GSM8K", "Benchmark")
        page.locator("#lb-benchmark").press("Enter")
        page.wait_for_url("**/leaderboard?benchmark=*")
        page.wait_for_selector(".lb-table tbody tr")
        boards = page.locator("section.leaderboard")
        titles = [boards.nth(i).locator("h2").inner_text() for i in range(boards.count())]
        assert titles[0].startswith("accuracy") and "higher is better" in titles[0]
        assert any("perplexity" in t and "lower is better" in t for t in titles)
        assert any("pass@1" in t and "direction unknown" in t for t in titles)
        acc = boards.nth(0).locator("tbody tr")
        # scores only, best first: 90.5 (MathTune on Llama 3 8B) then 80; not the +4.2 gain
        assert [acc.nth(i).locator("td").nth(2).inner_text() for i in range(acc.count())] == [
            "90.5%",
            "80%",
        ]
        first = acc.nth(0)
        assert "MathTune" in first.inner_text() and "Llama 3 8B" in first.inner_text()
        assert first.locator("td").nth(3).locator("a").get_attribute("href") == "/paper/2601.00002"
        assert first.locator("td.evidence").inner_text()
        _shot(page, "leaderboard")
    finally:
        ctx.close()
    watch.check()


def test_entity_trend_chart(browser, scored_server, shots_dir):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.shots = shots_dir  # type: ignore[attr-defined]  # where _shot saves
    page.set_default_timeout(WAIT_MS)
    watch = Watch(page, scored_server)
    try:
        page.goto(scored_server + "/entity/benchmark/gsm8k")
        page.wait_for_selector("#trend-chart svg")
        bars = page.locator("#trend-chart svg rect")
        assert bars.count() >= 3  # Jan, Feb (0) and Mar 2026
        status = page.locator("#trend-status").inner_text()
        assert "3 dated paper(s) from 2026-01 to 2026-03" in status and "1 without a date" in status
        page.locator("#trend-h").scroll_into_view_if_needed()
        _shot(page, "entity-trend")
    finally:
        ctx.close()
    watch.check()
