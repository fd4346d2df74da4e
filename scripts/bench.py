#!/usr/bin/env python3
"""Speed and size of the catalogue build against plain MkDocs + Material.

    python scripts/bench.py --entries 1000 [--runs 3] [--browser]

For N synthetic entries (scripts/synth.py, in a temp dir, never content/):
validates them, builds the site with our mkdocs.yml, and builds the same
number of plain Markdown pages (the same bodies) with plain MkDocs + Material
as the baseline, in the same run. Each step is run --runs times; medians are
reported. Prints one JSON line:

  entries, validate_s, build_s, baseline_s, ratio (build/baseline, wall time),
  build_cpu_s, baseline_cpu_s, cpu_ratio (CPU time: our build uses two processes),
  peak_mb, search_index_bytes, search_index_gzip_bytes, finder_json_gzip_bytes, site_bytes

With --browser it also opens the built site in headless Chromium (served with gzip,
as a web host does) and adds, for the served site's Pagefind search and the lunr
worker (the offline edition's engine and the fallback; window.__catalogueLunr) in
the same run, both with the same query handling (search-ru.js):
search_{pagefind,lunr}_{loopback,slow4g}_s (from navigation to the first result of a
query typed as soon as the page has loaded; slow4g: Chromium's network emulation with
DevTools' Slow 4G profile), search_{pagefind,lunr}_{loopback,slow4g}_bytes (bytes
transferred until then, worker requests included; _search_bytes: of them, search's
own files: workers, index or config, Pagefind's files), the same with _typed (the query
typed on a loaded page whose search worker is ready: from typing to the first
result, bytes from typing), search_{loopback,slow4g}_ratio
(pagefind/lunr), and relevance_{pagefind,lunr}_success_at_3 / _mrr
(tests/search_relevance.yml on the real catalogue, built too); and finder_filter_ms (one filter change on the measures
finder); medians of --runs;
--finder-measures N then times the finder again on an index widened to N measures.

With --serve it measures the preview instead: starts `mkdocs serve --dirty` (what
`make serve` runs; --no-dirty: plain `mkdocs serve`, which builds the whole site after
every save) on the synthetic catalogue, then saves an edit to one measure's title
--edits times and reports the seconds from each save to the moment its page, fetched
over HTTP, shows the edit (serve_first_build_s, save_to_page_s: median,
save_to_page_all_s), and the same for the page of its section, which lists it
(save_to_listing_s, save_to_listing_all_s); serve_command says what ran.

With --browser, also «Мой муниципалитет» with a stored profile (the region and type with the most
measures, 3,000 people): my_shown_ms (opening /my/ to every list in the page, my.js's
«my:shown» mark), my_painted_ms (to the frame that shows them), medians of
--my-runs fresh pages, with steps (my_fcp_ms, my_start_ms, my_data_ms, my_computed_ms,
my_dom_ms), my_bytes_transferred, my_json_bytes / my_json_gzip_bytes.

    python scripts/bench.py --entries 10000 --keep /tmp/b      # build once, keep it
    python scripts/bench.py --my-site /tmp/b/site [--my-site OTHER] --my-runs 7

--keep DIR leaves the synthetic catalogue and its site in DIR; --my-site times only
/my/ on sites already built, several of them page for page in turn (a change and
the site before it, under the same load).
"""
from __future__ import annotations

import _path  # noqa: F401  (puts hooks/ on sys.path)

import argparse
import gzip
import json
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from catalogue import validate
from catalogue.model import TYPES
from synth import TODAY, generate

ROOT = Path(__file__).resolve().parent.parent
EPOCH = str(int(time.mktime(TODAY.timetuple())))

BASELINE_CONFIG = """site_name: Baseline
docs_dir: docs
theme:
  name: material
  language: ru
  font: false
plugins:
  - search:
      lang: [ru, en]
nav:
  - index.md
not_in_nav: |
  /pages/*
"""


def _env(content: Path | None = None) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH}
    if content is not None:
        env["CATALOGUE_CONTENT"] = str(content)
    return env


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed_build(cwd: Path, out: Path, env: dict[str, str], config: str | None = None
                 ) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the build and the processes it forked)."""
    if out.exists():
        shutil.rmtree(out)
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)]
    if config:
        cmd += ["-f", config]
    cpu, start = _cpu(), time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True)
    return time.perf_counter() - start, _cpu() - cpu


def _baseline_docs(content: Path, docs: Path) -> None:
    """The same entries as plain Markdown pages: title heading plus body."""
    (docs / "pages").mkdir(parents=True)
    (docs / "index.md").write_text("# Baseline\n", encoding="utf-8")
    paths = [p for spec in TYPES.values() for p in (content / spec.folder).glob("*.md")]
    for path in paths:
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        title = next((line[7:] for line in front.splitlines() if line.startswith("title: ")),
                     path.stem)
        (docs / "pages" / f"{path.parent.name}-{path.name}").write_text(
            f"# {title.strip(chr(39) + chr(34))}\n{body}", encoding="utf-8")


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6)) if path.exists() else 0


def widen_finder(site: Path, measures: int) -> int:
    """Rewrite measures/finder.json with ``measures`` records (the synthetic ones,
    repeated under new ids), to time the finder at a size the catalogue does not
    reach by itself. Returns the gzip size of the widened index."""
    path = site / "measures" / "finder.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    items = index["items"]
    widened = []
    for i in range(measures):
        item = dict(items[i % len(items)])
        copy = i // len(items)
        if copy:
            item["id"] = f"{item['id']}-{copy}"
            item["t"] = f"{item['t']} ({copy})"
        widened.append(item)
    index["items"] = widened
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")
    return _gzip_size(path)


# Chromium DevTools' «Slow 4G» profile (formerly «Fast 3G»): 1.6 Mbit/s down,
# 750 kbit/s up, 562.5 ms round trip, with DevTools' 0.9 factor on throughput.
SLOW_4G = {"offline": False, "latency": 562.5,
           "downloadThroughput": 1.6 * 1000 * 1000 / 8 * 0.9,
           "uploadThroughput": 750 * 1000 / 8 * 0.9}
# The engines of the served site, in the same run: Pagefind (the default) and the
# lunr worker (the offline edition's search and the fallback), both with the same
# query handling; the value is a script run before the page's own.
SEARCH_MODES = {"pagefind": "window.__cataloguePagefind = true",
                "lunr": "window.__catalogueLunr = true"}
COMPRESSED = (".html", ".js", ".css", ".json", ".svg", ".xml", ".txt", ".map")


def _serve(site: Path) -> tuple[object, str]:
    """A loopback HTTP server for ``site`` that gzips text files as a web host does
    (so bytes transferred and throttled times are those of a real deployment)."""
    import functools
    import http.server
    import socketserver
    import threading

    cache: dict[Path, bytes] = {}

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def send_head(self):  # type: ignore[no-untyped-def]
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if (path.suffix in COMPRESSED and path.is_file()
                    and "gzip" in self.headers.get("Accept-Encoding", "")):
                if path not in cache:
                    cache[path] = gzip.compress(path.read_bytes(), 6)
                body = cache[path]
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(str(path)))
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                import io
                return io.BytesIO(body)
            return super().send_head()

    server = socketserver.ThreadingTCPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"  # type: ignore[attr-defined]


def _first_result(browser: object, base: str, mode: str, throttle: bool,
                  query: str = "субсидии", typed: bool = False) -> tuple[float, int, int]:
    """Open the home page in a fresh context (empty cache), type ``query`` as soon as
    the page has loaded; (seconds from navigation to the first result shown, bytes
    transferred over the network until then, compressed, all requests; of them,
    search's own files).
    ``typed``: type it once the page has loaded and its search worker is ready
    (and the network idle); seconds and bytes from typing to the first result."""
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    if mode:
        page.add_init_script(mode)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    if throttle:
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    transferred: list[int] = []
    searching: list[int] = []

    def finished(request: object) -> None:
        try:
            sizes = request.sizes()  # type: ignore[attr-defined]
            size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        except Exception:          # noqa: BLE001  (a request that did not complete)
            return
        transferred.append(size)
        if _SEARCH_FILE.search(request.url):  # type: ignore[attr-defined]
            searching.append(size)

    page.on("requestfinished", finished)
    inflight = {"n": 0, "since": time.perf_counter()}

    def change(delta: int) -> None:
        inflight["n"] += delta
        inflight["since"] = time.perf_counter()

    page.on("request", lambda r: change(1))
    page.on("requestfinished", lambda r: change(-1))
    page.on("requestfailed", lambda r: change(-1))
    start = time.perf_counter()
    page.goto(base, wait_until="load", timeout=120_000)
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    if typed:
        # a loaded page: Material says its search is ready (no «Инициализация»:
        # the lunr index built) and the network is idle (Pagefind's script,
        # entry, metadata and WebAssembly fetched as the worker started)
        page.wait_for_function("() => !document.querySelector('.md-search-result__meta')"
                               ".textContent.includes('Инициализация')", timeout=300_000)
        # no request in flight (the worker's included) for a second
        while inflight["n"] > 0 or time.perf_counter() - inflight["since"] < 1.0:
            page.wait_for_timeout(100)
        transferred.clear()
        searching.clear()
        start = time.perf_counter()
    box.fill(query)
    box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=120_000)
    seconds = time.perf_counter() - start
    total, search = sum(transferred), sum(searching)
    context.close()
    return seconds, total, search


# search's own files: the workers (ours, Material's with lunr and its languages),
# the lunr index or its config, Pagefind's files
_SEARCH_FILE = re.compile(r"/(pagefind/|search/|assets/javascripts/workers/|"
                          r"assets/javascripts/lunr/)")


def measure_browser(site: Path, runs: int, relevance_site: Path | None = None
                    ) -> dict[str, float]:
    """Search's first result (loopback and throttled to Slow 4G, bytes transferred),
    the relevance benchmark (success@3, MRR on ``relevance_site``, the real
    catalogue), each for Pagefind and the lunr worker (same query handling) in the
    same run; and one finder filter change. Medians of ``runs``."""
    from playwright.sync_api import sync_playwright

    import search_bench

    server, base = _serve(site)
    figures: dict[str, float] = {}
    timings: dict[str, list[float]] = {}
    filter_ms = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        for _ in range(runs):
            for name, mode in SEARCH_MODES.items():   # the same run, alternating
                for net, throttle in (("loopback", False), ("slow4g", True)):
                    seconds, total, search = _first_result(browser, base, mode, throttle)
                    timings.setdefault(f"search_{name}_{net}_s", []).append(seconds)
                    timings.setdefault(f"search_{name}_{net}_bytes", []).append(total)
                    timings.setdefault(f"search_{name}_{net}_search_bytes", []).append(search)
                    # the same query typed on a loaded page (search ready)
                    seconds, total, search = _first_result(browser, base, mode, throttle,
                                                           typed=True)
                    timings.setdefault(f"search_{name}_{net}_typed_s", []).append(seconds)
                    timings.setdefault(f"search_{name}_{net}_typed_bytes", []).append(total)

            page = browser.new_page()
            page.goto(base + "measures/")
            page.wait_for_selector("form[data-finder][data-ready]", timeout=60_000)
            ms = page.evaluate("""() => {
                const form = document.querySelector('form[data-finder]')
                const select = form.elements['kind']
                select.value = select.options[1].value
                const t0 = performance.now()
                form.dispatchEvent(new Event('change', {bubbles: true}))
                return performance.now() - t0
            }""")
            filter_ms.append(ms)
            page.close()
        for key, values in timings.items():
            figures[key] = (round(statistics.median(values), 3) if key.endswith("_s")
                            else int(statistics.median(values)))
        for net in ("loopback", "slow4g", "loopback_typed", "slow4g_typed"):
            figures[f"search_{net}_ratio"] = round(
                figures[f"search_pagefind_{net}_s"] / figures[f"search_lunr_{net}_s"], 3)
        # kept for earlier readers of the JSON line
        figures["search_first_result_s"] = figures["search_pagefind_loopback_s"]
        figures["finder_filter_ms"] = round(statistics.median(filter_ms), 1)
        if relevance_site is not None:
            rserver, rbase = _serve(relevance_site)
            queries = search_bench.load()
            for name, mode in SEARCH_MODES.items():
                context = browser.new_context()
                page = context.new_page()
                if mode:
                    page.add_init_script(mode)
                page.goto(rbase)
                result = search_bench.run(page, queries)
                context.close()
                figures[f"relevance_{name}_success_at_3"] = result["success_at_3"]
                figures[f"relevance_{name}_mrr"] = result["mrr"]
            figures["relevance_queries"] = len(queries)
            rserver.shutdown()  # type: ignore[attr-defined]
        browser.close()
    server.shutdown()  # type: ignore[attr-defined]
    return figures


def _my_profile(site: Path) -> tuple[str, str]:
    """The region and municipality type with the most measures in ``site``."""
    index = json.loads((site / "measures" / "finder.json").read_text("utf-8"))
    everywhere = [r[0] for r in index["facets"]["regions"]]
    counts: dict[tuple[str, str], int] = {}
    for item in index["items"]:
        for region in (everywhere if item["r"] == "all" else item["r"]):
            for mtype in item["m"]:
                counts[(region, mtype)] = counts.get((region, mtype), 0) + 1
    return max(counts, key=lambda k: (counts[k], k))   # the fullest page


# What one load of /my/ reports: «my:shown», my.js's mark when every list is in the
# page, and when the frame that shows them was painted: Element Timing's renderTime of
# the profile line my.js draws with the lists (elementtiming="my-results"; reported to
# observers only, and only when it is painted inside the viewport: 1280×720 here).
_ELEMENT_TIMING = """window.__myPainted = []
new PerformanceObserver(list => window.__myPainted.push(...list.getEntries()))
    .observe({ type: 'element', buffered: true })"""
_MY_FIGURES = """() => {
    const mark = name => (performance.getEntriesByName(name)[0] || {}).startTime
    const shown = mark('my:shown')
    const nav = performance.getEntriesByType('navigation')[0]
    const painted = (window.__myPainted || []).filter(e => e.identifier === 'my-results')
        .map(e => e.renderTime || e.loadTime)[0]
    return { shown, painted: painted || null, data: mark('my:data'),
        start: mark('my:start'), computed: mark('my:computed'),
        dom: nav.domContentLoadedEventEnd,
        fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || null,
        // downloaded until the lists were shown
        bytes: [nav].concat(performance.getEntriesByType('resource'))
            .filter(e => e.responseEnd <= shown)
            .reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize || 0), 0),
        searched: performance.getEntriesByType('resource').some(e =>
            e.name.includes('search_index.json') && e.startTime < shown),
        items: document.querySelectorAll('[data-my-list] > li').length } }"""


def _static_server(site: Path) -> tuple[subprocess.Popen[bytes], str]:
    """``site`` served by Python's http.server in a process of its own (files as they
    are, uncompressed): a server thread inside this process would share its
    interpreter lock with Playwright's client and answer late."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "http.server", "--bind", "127.0.0.1",
                               "--directory", str(site), str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    start = time.perf_counter()
    while _fetch(base + "my/") is None:
        if server.poll() is not None or time.perf_counter() - start > 60:
            raise RuntimeError(f"http.server did not start for {site}")
        time.sleep(0.1)
    return server, base


def measure_my(site: Path, runs: int, *others: Path) -> dict[str, object]:
    """«Мой муниципалитет» with a stored profile: from opening /my/ to the lists shown
    (milliseconds since navigation start, medians of ``runs`` fresh pages with an
    empty cache): my_shown_ms, my.js's «my:shown» mark (every list in the page), and
    my_painted_ms, the frame that shows them painted (Element Timing); and the bytes
    the page downloaded until then (transfer sizes as served, uncompressed; the JSON
    files also gzip-compressed, as a static host sends them). ``others``: more built
    sites timed in the same run, page for page in turn with ``site`` (before and after
    a change under the same load); their figures under "others", by path."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    sites = [site, *others]
    region, mtype = _my_profile(site)
    profile = json.dumps({"region": region, "mtype": mtype, "pop": 3000, "name": ""})
    servers = [_static_server(each) for each in sites]
    bases = [base for _, base in servers]
    loads: list[list[dict[str, object]]] = [[] for _ in sites]
    shell_ms: list[list[float]] = [[] for _ in sites]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        for _ in range(runs):
            for i, base in enumerate(bases):
                context = browser.new_context()
                context.add_init_script(
                    f"localStorage.setItem('catalogue.my', {json.dumps(profile)})")
                context.add_init_script(_ELEMENT_TIMING)
                page = context.new_page()
                page.goto(base + "my/")
                page.wait_for_selector("[data-my-results][data-ready]", timeout=120_000)
                page.wait_for_load_state("load")
                try:   # a site from before the attribute has none
                    page.wait_for_function("(window.__myPainted || []).length", timeout=5_000)
                except PlaywrightTimeout:
                    pass
                loads[i].append(page.evaluate(_MY_FIGURES))
                context.close()
                # the same site's plain page (about/): what opening any page costs here
                context = browser.new_context()
                page = context.new_page()
                page.goto(base + "about/")
                page.wait_for_load_state("load")
                shell_ms[i].append(page.evaluate(
                    "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"))
                context.close()
        browser.close()
    for server, _ in servers:
        server.terminate()
        server.wait(timeout=30)

    def median(values: list[object]) -> float | None:
        numbers = [float(v) for v in values if v is not None]   # type: ignore[arg-type]
        return round(statistics.median(numbers), 1) if numbers else None

    results = []
    for each, figures, shell in zip(sites, loads, shell_ms):
        # what /my/ downloads for the profile: my/shared.json and its region's file
        # (hooks/catalogue/my.py, page_files); a site built before them: the four
        # finders' indexes and my/data.json
        json_files = [each / "my" / "shared.json", each / "my" / "regions" / f"{region}.json"]
        if not json_files[0].exists():
            json_files = [each / f / "finder.json" for f in (
                "measures", "practices", "courses", "problems")] + [each / "my" / "data.json"]
        column = {key: [f[key] for f in figures] for key in figures[0]}
        results.append({
            "my_profile": f"{region}/{mtype}/3000", "my_items_shown": column["items"][-1],
            "my_shown_ms": median(column["shown"]),
            "my_shown_ms_runs": [round(float(x), 1) for x in column["shown"]],
            "my_painted_ms": median(column["painted"]),
            "my_painted_ms_runs": [None if x is None else round(float(x), 1)
                                   for x in column["painted"]],
            # medians of: first contentful paint, my.js started, the JSON files fetched
            # and parsed, lists computed, DOMContentLoaded (its end)
            "my_fcp_ms": median(column["fcp"]),
            "my_start_ms": median(column["start"]),
            "my_data_ms": median(column["data"]),
            "my_computed_ms": median(column["computed"]),
            "my_dom_ms": median(column["dom"]),
            # my.js's own work: from the data in hand to the lists shown
            "my_js_ms": median([s - d for s, d in zip(column["shown"], column["data"])]),
            "about_dom_ms": median(shell),   # type: ignore[arg-type]
            "my_bytes_transferred": int(statistics.median(column["bytes"])),
            # Material's search index requested before the lists were shown
            "my_search_index_before_shown": any(column["searched"]),
            "my_json_bytes": sum(_size_of(f) for f in json_files),
            "my_json_gzip_bytes": sum(_gzip_size(f) for f in json_files)})
    if others:
        results[0]["others"] = {str(path): figures for path, figures in zip(others, results[1:])}
    return results[0]


def _mount_path() -> str:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("site_url:"):
            path = urlsplit(line.split(":", 1)[1].strip()).path
            return path if path.endswith("/") else path + "/"
    return "/"


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def measure_serve(content: Path, edits: int, timeout: float = 3600, dirty: bool = True
                  ) -> dict[str, object]:
    """Seconds from saving an entry to its refreshed page (and its section's page)
    under `mkdocs serve` (--dirty unless ``dirty`` is False)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    measure = sorted((content / "measures").glob("*.md"))[len(list(
        (content / "measures").glob("*.md"))) // 2]
    url = f"http://127.0.0.1:{port}{_mount_path()}measures/{measure.stem}/"
    listing = f"http://127.0.0.1:{port}{_mount_path()}measures/"
    log = tempfile.TemporaryFile()
    start = time.perf_counter()
    command = ["mkdocs", "serve", *(["--dirty"] if dirty else []), "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen([sys.executable, "-m", *command], cwd=ROOT, env=_env(content),
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        while _fetch(url) is None:
            if server.poll() is not None or time.perf_counter() - start > timeout:
                log.seek(0)
                raise RuntimeError("mkdocs serve did not start:\n" +
                                   log.read().decode("utf-8", "replace")[-3000:])
            time.sleep(0.2)
        first = time.perf_counter() - start
        if "Каталог не прошёл проверку" in (_fetch(url) or ""):
            raise RuntimeError("the synthetic catalogue has errors: see its page " + url)
        original = measure.read_text(encoding="utf-8")
        times, listed = [], []
        for i in range(edits):
            marker = f"правка{i}x{os.getpid()}"
            measure.write_text(original.replace("\ntitle: ", f"\ntitle: {marker} ", 1),
                               encoding="utf-8")
            saved = time.perf_counter()
            while marker not in (_fetch(url) or ""):
                log.seek(0)
                if time.perf_counter() - saved > timeout or \
                        b"An error happened during the rebuild" in log.read():
                    log.seek(0)
                    raise RuntimeError("the page did not change after the save:\n" +
                                       log.read().decode("utf-8", "replace")[-3000:])
                time.sleep(0.05)
            times.append(time.perf_counter() - saved)
            while marker not in (_fetch(listing) or ""):   # written in the same build
                if time.perf_counter() - saved > timeout:
                    raise RuntimeError("the section's page did not change after the save")
                time.sleep(0.05)
            listed.append(time.perf_counter() - saved)
            time.sleep(1.0)   # let the watcher settle before the next save
        measure.write_text(original, encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=60)
    return {"serve_command": " ".join(command[:-2]),
            "serve_first_build_s": round(first, 2),
            "save_to_page_s": round(statistics.median(times), 2),
            "save_to_page_all_s": [round(t, 2) for t in times],
            "save_to_listing_s": round(statistics.median(listed), 2),
            "save_to_listing_all_s": [round(t, 2) for t in listed]}


def _synthetic(tmp: Path, entries: int) -> Path:
    content = generate(tmp / "synth", entries)
    for page in ("index.md", "about.md", "data.md"):
        shutil.copy(ROOT / "content" / page, content / page)
    shutil.copytree(ROOT / "content" / "guide", content / "guide", dirs_exist_ok=True)
    return content


def run_serve(entries: int, edits: int, dirty: bool = True) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp_name:
        content = _synthetic(Path(tmp_name), entries)
        load = os.getloadavg()[0]
        figures = measure_serve(content, edits, dirty=dirty)
        # the machine's load average (1 min) before and after: the times are wall time
        return {"entries": entries, "edits": edits, **figures,
                "load_average": [round(load, 1), round(os.getloadavg()[0], 1)]}


def _size_of(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def run(entries: int, runs: int, browser: bool, finder_measures: int = 0,
        my_runs: int = 0, build_runs: int | None = None,
        site_dir: Path | None = None, keep: Path | None = None) -> dict[str, object]:
    """All the figures. ``keep``: the folder the synthetic catalogue (synth/) and its
    built site (site/) are written to and left in (for --my-site), built afresh;
    ``site_dir``: the same, but a finished build there (its ``.built`` mark) is
    reused, so several browser runs measure one build; else a temp dir."""
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        for old in ("synth", "baseline", "site", "baseline-site", "real-site"):
            shutil.rmtree(keep / old, ignore_errors=True)
        site_dir = keep
    if site_dir is not None:
        site_dir.mkdir(parents=True, exist_ok=True)
        return _run(site_dir, entries, runs, browser, finder_measures, my_runs, build_runs)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp_name:
        return _run(Path(tmp_name), entries, runs, browser, finder_measures, my_runs,
                    build_runs)


def _run(tmp: Path, entries: int, runs: int, browser: bool, finder_measures: int,
         my_runs: int, build_runs: int | None) -> dict[str, object]:
    real = tmp / "real-site"       # the relevance benchmark is written for content/
    if (browser or not entries) and not (real / ".built").is_file():
        _timed_build(ROOT, real, _env())
        (real / ".built").write_text("real", encoding="utf-8")
    elif (real / ".built").is_file():
        _refresh_assets(real)
    site = tmp / "site" if entries else real   # --entries 0: the real catalogue
    reused = (site / ".built").is_file()
    figures: dict[str, object] = {"entries": entries, "runs": runs}
    if reused:
        figures["reused_site"] = str(site)
        _refresh_assets(site)
    else:
        figures.update(_build_all(tmp, entries, runs, build_runs))
        (site / ".built").write_text(str(entries), encoding="utf-8")
    index = site / "search" / "search_index.json"
    figures.update({
        "search_index_bytes": index.stat().st_size,
        "search_index_gzip_bytes": _gzip_size(index),
        "pagefind_bytes": _size(site / "pagefind") if (site / "pagefind").is_dir() else 0,
        "finder_json_gzip_bytes": _gzip_size(site / "measures" / "finder.json"),
        "site_bytes": _size(site),
    })
    if browser:
        figures.update(measure_browser(site, runs, relevance_site=real))
        if my_runs >= 0:
            figures.update(measure_my(site, my_runs or max(runs, 5)))
        if finder_measures:
            figures["finder_measures"] = finder_measures
            figures["finder_widened_gzip_bytes"] = widen_finder(site, finder_measures)
            figures["finder_widened_filter_ms"] = \
                measure_browser(site, runs)["finder_filter_ms"]
    return figures


def _refresh_assets(site: Path) -> None:
    """A reused build gets the current overrides/assets (MkDocs copies them
    verbatim: the search worker, scripts, styles), so a change there is measured
    without a new build. Templates and hooks still need one."""
    assets = ROOT / "overrides" / "assets"
    for path in assets.rglob("*"):
        if path.is_file():
            target = site / "assets" / path.relative_to(assets)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def _build_all(tmp: Path, entries: int, runs: int, build_runs: int | None
               ) -> dict[str, object]:
    """Generate the synthetic catalogue in ``tmp``, build our site (tmp/site) and
    Material's plain baseline; build timings."""
    content = _synthetic(tmp, entries)
    base = tmp / "baseline"
    _baseline_docs(content, base / "docs")
    (base / "mkdocs.yml").write_text(BASELINE_CONFIG, encoding="utf-8")

    validate_s, build_s, baseline_s, build_cpu, baseline_cpu = [], [], [], [], []
    for _ in range(runs if build_runs is None else max(1, build_runs)):
        start = time.perf_counter()
        result = validate(content, today=TODAY)
        validate_s.append(time.perf_counter() - start)
        assert not result.errors, result.errors[:5]
        # Alternate the order so that neither build always runs on a warm cache.
        wall, cpu = _timed_build(ROOT, tmp / "site", _env(content))
        build_s.append(wall)
        build_cpu.append(cpu)
        if build_runs == 0:     # --build-runs 0: our site once, no baseline
            baseline_s.append(wall)
            baseline_cpu.append(cpu)
            continue
        wall, cpu = _timed_build(base, tmp / "baseline-site", _env(),
                                 str(base / "mkdocs.yml"))
        baseline_s.append(wall)
        baseline_cpu.append(cpu)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "validate_s": round(statistics.median(validate_s), 3),
        "build_s": round(statistics.median(build_s), 3),
        "baseline_s": round(statistics.median(baseline_s), 3),
        "ratio": round(statistics.median(build_s) / statistics.median(baseline_s), 3),
        # Our build forks a second process (hooks/parallel.py): it uses more CPU
        # than its wall time shows; the baseline runs in one.
        "build_cpu_s": round(statistics.median(build_cpu), 3),
        "baseline_cpu_s": round(statistics.median(baseline_cpu), 3),
        "cpu_ratio": round(statistics.median(build_cpu) / statistics.median(baseline_cpu), 3),
        "peak_mb": round(peak_kb / 1024, 1),
        "baseline_site_bytes": _size(tmp / "baseline-site") if build_runs != 0 else 0,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000,
                        help="synthetic entries (0: the real catalogue, content/)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--browser", action="store_true",
                        help="also time search and the finder in headless Chromium")
    parser.add_argument("--finder-measures", type=int, default=0,
                        help="with --browser: also time the finder with this many measures")
    parser.add_argument("--build-runs", type=int, default=None,
                        help="builds to time (default: --runs; 0: our site once, no baseline:"
                             " for the search figures); the browser figures keep --runs")
    parser.add_argument("--site-dir", type=Path, default=None,
                        help="keep the built sites in this folder and reuse them when a "
                             "finished build is there (several browser runs, one build)")
    parser.add_argument("--my-runs", type=int, default=0,
                        help="with --browser: pages opened to time /my/ (default: runs, at least 5;"
                             " -1: not timed)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="write the synthetic catalogue and its site to DIR/synth, DIR/site "
                             "and keep them (for --my-site)")
    parser.add_argument("--my-site", type=Path, action="append", metavar="SITE",
                        help="only time /my/ on a site already built (e.g. DIR/site of --keep); "
                             "given twice or more: the sites page for page in turn, "
                             "the first one's profile")
    parser.add_argument("--serve", action="store_true",
                        help="time save -> refreshed page under mkdocs serve instead")
    parser.add_argument("--edits", type=int, default=5, help="with --serve: edits to time")
    parser.add_argument("--no-dirty", action="store_true",
                        help="with --serve: plain `mkdocs serve` (a full build per save)")
    args = parser.parse_args(argv)
    if args.serve:
        print(json.dumps(run_serve(args.entries, args.edits, not args.no_dirty),
                         ensure_ascii=False))
        return 0
    if args.my_site:
        print(json.dumps(measure_my(args.my_site[0], args.my_runs or max(args.runs, 5),
                                    *args.my_site[1:]), ensure_ascii=False))
        return 0
    print(json.dumps(run(args.entries, args.runs, args.browser, args.finder_measures,
                         args.my_runs, args.build_runs, args.site_dir, args.keep),
                     ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
