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

With --browser it also opens the built site in headless Chromium and adds
search_first_result_s (open the search, type a word, first result shown) and
finder_filter_ms (one filter change on the measures finder), medians too;
--finder-measures N then times the finder again on an index widened to N measures;
and «Мой муниципалитет» with a stored profile (the region and type with the most
measures, 3,000 people): my_shown_ms (opening /my/ to the lists shown, median of
--my-runs fresh pages), my_bytes_transferred, my_json_bytes / my_json_gzip_bytes.
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


def measure_browser(site: Path, runs: int) -> dict[str, float]:
    """Search's first result and one finder filter change, in real Chromium."""
    import functools
    import http.server
    import socketserver
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = socketserver.ThreadingTCPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    search_s, filter_ms = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        for _ in range(runs):
            page = browser.new_page()
            page.goto(base)
            page.wait_for_load_state("load")
            start = time.perf_counter()
            query = page.locator("input[data-md-component=search-query]")
            query.click()
            query.fill("субсидии")
            query.press("End")
            page.wait_for_selector(".md-search-result__item", timeout=60_000)
            search_s.append(time.perf_counter() - start)
            page.close()

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
        browser.close()
    server.shutdown()
    return {"search_first_result_s": round(statistics.median(search_s), 3),
            "finder_filter_ms": round(statistics.median(filter_ms), 1)}


def measure_my(site: Path, runs: int) -> dict[str, object]:
    """«Мой муниципалитет» with a stored profile: from opening /my/ to the lists shown
    (the «my:shown» mark of my.js, milliseconds since navigation start, median of
    ``runs`` fresh pages with an empty cache) and the bytes the page downloaded
    (transfer sizes as served, uncompressed; the JSON files also gzip-compressed,
    as a static host sends them)."""
    import functools
    import http.server
    import socketserver
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    facets = json.loads((site / "measures" / "finder.json").read_text("utf-8"))["facets"]
    counts: dict[tuple[str, str], int] = {}
    for item in json.loads((site / "measures" / "finder.json").read_text("utf-8"))["items"]:
        for region in ([r[0] for r in facets["regions"]] if item["r"] == "all" else item["r"]):
            for mtype in item["m"]:
                counts[(region, mtype)] = counts.get((region, mtype), 0) + 1
    region, mtype = max(counts, key=lambda k: (counts[k], k))   # the fullest page
    profile = json.dumps({"region": region, "mtype": mtype, "pop": 3000, "name": ""})
    server = socketserver.ThreadingTCPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    shown_ms, transferred, items = [], [], 0
    steps: list[tuple[float, float, float]] = []
    shell_ms: list[float] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        for _ in range(runs):
            context = browser.new_context()
            context.add_init_script(f"localStorage.setItem('catalogue.my', {json.dumps(profile)})")
            page = context.new_page()
            page.goto(base + "my/")
            page.wait_for_selector("[data-my-results][data-ready]", timeout=120_000)
            figures = page.evaluate("""() => ({
                shown: performance.getEntriesByName('my:shown')[0].startTime,
                data: performance.getEntriesByName('my:data')[0].startTime,
                computed: performance.getEntriesByName('my:computed')[0].startTime,
                dom: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
                bytes: performance.getEntriesByType('navigation')
                    .concat(performance.getEntriesByType('resource'))
                    .reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize || 0), 0),
                items: document.querySelectorAll('[data-my-list] > li').length })""")
            shown_ms.append(figures["shown"])
            steps.append((figures["dom"], figures["data"], figures["computed"]))
            transferred.append(figures["bytes"])
            items = figures["items"]
            context.close()
            # the same site's plain page (about/): what opening any page costs here
            context = browser.new_context()
            page = context.new_page()
            page.goto(base + "about/")
            page.wait_for_load_state("load")
            shell_ms.append(page.evaluate(
                "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"))
            context.close()
        browser.close()
    server.shutdown()
    json_files = [site / f / "finder.json" for f in ("measures", "practices", "courses",
                                                      "problems")] + [site / "my" / "data.json"]
    return {"my_profile": f"{region}/{mtype}/3000", "my_items_shown": items,
            "my_shown_ms": round(statistics.median(shown_ms), 1),
            "my_shown_ms_runs": [round(x, 1) for x in shown_ms],
            # medians of: DOMContentLoaded, the JSON files fetched and parsed, lists computed
            "my_dom_ms": round(statistics.median(s[0] for s in steps), 1),
            "my_data_ms": round(statistics.median(s[1] for s in steps), 1),
            "my_computed_ms": round(statistics.median(s[2] for s in steps), 1),
            # my.js's own work: from the data in hand to the lists shown
            "my_js_ms": round(statistics.median(shown - s[1] for shown, s in zip(shown_ms, steps)), 1),
            "about_dom_ms": round(statistics.median(shell_ms), 1),
            "my_bytes_transferred": int(statistics.median(transferred)),
            "my_json_bytes": sum(_size_of(f) for f in json_files),
            "my_json_gzip_bytes": sum(_gzip_size(f) for f in json_files)}


def _size_of(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def run(entries: int, runs: int, browser: bool, finder_measures: int = 0,
        my_runs: int = 0) -> dict[str, object]:
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
        for _ in range(runs):
            start = time.perf_counter()
            result = validate(content, today=TODAY)
            validate_s.append(time.perf_counter() - start)
            assert not result.errors, result.errors[:5]
            # Alternate the order so that neither build always runs on a warm cache.
            wall, cpu = _timed_build(ROOT, tmp / "site", _env(content))
            build_s.append(wall)
            build_cpu.append(cpu)
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
            "finder_json_gzip_bytes": _gzip_size(site / "measures" / "finder.json"),
            "site_bytes": _size(site),
            "baseline_site_bytes": _size(tmp / "baseline-site"),
        }
        if browser:
            figures.update(measure_browser(site, runs))
            figures.update(measure_my(site, my_runs or max(runs, 5)))
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
    parser.add_argument("--my-runs", type=int, default=0,
                        help="with --browser: pages opened to time /my/ (default: runs, at least 5)")
    args = parser.parse_args(argv)
    print(json.dumps(run(args.entries, args.runs, args.browser, args.finder_measures,
                         args.my_runs),
                     ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
