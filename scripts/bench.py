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
transferred until then, worker requests included), search_{loopback,slow4g}_ratio
(pagefind/lunr), and relevance_{pagefind,lunr}_success_at_3 / _mrr
(tests/search_relevance.yml on the real catalogue, built too); and finder_filter_ms (one filter change on the measures
finder); medians of --runs;
--finder-measures N then times the finder again on an index widened to N measures.
"""
from __future__ import annotations

import _path  # noqa: F401  (puts hooks/ on sys.path)

import argparse
import gzip
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
SEARCH_MODES = {"pagefind": "", "lunr": "window.__catalogueLunr = true"}
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
                  query: str = "субсидии") -> tuple[float, int]:
    """Open the home page in a fresh context (empty cache), type ``query`` as soon as
    the page has loaded; (seconds from navigation to the first result shown, bytes
    transferred over the network until then, compressed, all requests)."""
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    if mode:
        page.add_init_script(mode)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    if throttle:
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    transferred: list[int] = []

    def finished(request: object) -> None:
        try:
            sizes = request.sizes()  # type: ignore[attr-defined]
            transferred.append(sizes["responseBodySize"] + sizes["responseHeadersSize"])
        except Exception:          # noqa: BLE001  (a request that did not complete)
            pass

    page.on("requestfinished", finished)
    start = time.perf_counter()
    page.goto(base, wait_until="load", timeout=120_000)
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    box.fill(query)
    box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=120_000)
    seconds = time.perf_counter() - start
    total = sum(transferred)
    context.close()
    return seconds, total


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
                    seconds, total = _first_result(browser, base, mode, throttle)
                    timings.setdefault(f"search_{name}_{net}_s", []).append(seconds)
                    timings.setdefault(f"search_{name}_{net}_bytes", []).append(total)

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
        for net in ("loopback", "slow4g"):
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


def run(entries: int, runs: int, browser: bool, finder_measures: int = 0,
        build_runs: int | None = None) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp_name:
        tmp = Path(tmp_name)
        content = generate(tmp / "synth", entries)
        for page in ("index.md", "about.md", "data.md"):
            shutil.copy(ROOT / "content" / page, content / page)
        shutil.copytree(ROOT / "content" / "guide", content / "guide", dirs_exist_ok=True)
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
            if build_runs == 0:     # --search-only: our site once, no baseline
                baseline_s.append(wall)
                baseline_cpu.append(cpu)
                continue
            wall, cpu = _timed_build(base, tmp / "baseline-site", _env(),
                                     str(base / "mkdocs.yml"))
            baseline_s.append(wall)
            baseline_cpu.append(cpu)
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        site = tmp / "site"
        index = site / "search" / "search_index.json"
        figures: dict[str, object] = {
            "entries": entries,
            "runs": runs,
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
            "search_index_bytes": index.stat().st_size,
            "search_index_gzip_bytes": _gzip_size(index),
            "pagefind_bytes": _size(site / "pagefind") if (site / "pagefind").is_dir() else 0,
            "finder_json_gzip_bytes": _gzip_size(site / "measures" / "finder.json"),
            "site_bytes": _size(site),
            "baseline_site_bytes": _size(tmp / "baseline-site") if build_runs != 0 else 0,
        }
        if browser:
            # The relevance benchmark is written for the real catalogue (content/).
            real = tmp / "real-site"
            _timed_build(ROOT, real, _env())
            figures.update(measure_browser(site, runs, relevance_site=real))
            if finder_measures:
                figures["finder_measures"] = finder_measures
                figures["finder_widened_gzip_bytes"] = widen_finder(site, finder_measures)
                figures["finder_widened_filter_ms"] = \
                    measure_browser(site, runs)["finder_filter_ms"]
        return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--browser", action="store_true",
                        help="also time search and the finder in headless Chromium")
    parser.add_argument("--finder-measures", type=int, default=0,
                        help="with --browser: also time the finder with this many measures")
    parser.add_argument("--build-runs", type=int, default=None,
                        help="builds to time (default: --runs; 0: our site once, no baseline:"
                             " for the search figures); the browser figures keep --runs")
    args = parser.parse_args(argv)
    print(json.dumps(run(args.entries, args.runs, args.browser, args.finder_measures,
                         args.build_runs), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
