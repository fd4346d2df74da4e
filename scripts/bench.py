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

With --serve it measures the preview instead: starts `mkdocs serve` on the synthetic
catalogue, then saves an edit to one entry --edits times and reports the seconds from
each save to the moment its page, fetched over HTTP, shows the edit
(serve_first_build_s, save_to_page_s: median, save_to_page_all_s).

With --browser it also opens the built site in headless Chromium and adds
search_first_result_s (open the search, type a word, first result shown) and
finder_filter_ms (one filter change on the measures finder), medians too;
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


def measure_serve(content: Path, edits: int, timeout: float = 3600) -> dict[str, object]:
    """Seconds from saving an entry to its refreshed page under `mkdocs serve`."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    measure = sorted((content / "measures").glob("*.md"))[len(list(
        (content / "measures").glob("*.md"))) // 2]
    url = f"http://127.0.0.1:{port}{_mount_path()}measures/{measure.stem}/"
    log = tempfile.TemporaryFile()
    start = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a",
                               f"127.0.0.1:{port}"], cwd=ROOT, env=_env(content),
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
        times = []
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
            time.sleep(1.0)   # let the watcher settle before the next save
        measure.write_text(original, encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=60)
    return {"serve_first_build_s": round(first, 2),
            "save_to_page_s": round(statistics.median(times), 2),
            "save_to_page_all_s": [round(t, 2) for t in times]}


def _synthetic(tmp: Path, entries: int) -> Path:
    content = generate(tmp / "synth", entries)
    for page in ("index.md", "about.md", "data.md"):
        shutil.copy(ROOT / "content" / page, content / page)
    shutil.copytree(ROOT / "content" / "guide", content / "guide", dirs_exist_ok=True)
    return content


def run_serve(entries: int, edits: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp_name:
        content = _synthetic(Path(tmp_name), entries)
        return {"entries": entries, "edits": edits, **measure_serve(content, edits)}


def run(entries: int, runs: int, browser: bool, finder_measures: int = 0) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp_name:
        tmp = Path(tmp_name)
        content = _synthetic(tmp, entries)
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
    parser.add_argument("--serve", action="store_true",
                        help="time save -> refreshed page under mkdocs serve instead")
    parser.add_argument("--edits", type=int, default=5, help="with --serve: edits to time")
    args = parser.parse_args(argv)
    if args.serve:
        print(json.dumps(run_serve(args.entries, args.edits), ensure_ascii=False))
        return 0
    print(json.dumps(run(args.entries, args.runs, args.browser, args.finder_measures),
                     ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
