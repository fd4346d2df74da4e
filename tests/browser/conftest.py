"""The reader's view: the real site, built once, served on 127.0.0.1 under the path
of site_url, and opened in Debian's Chromium through Playwright (never
`playwright install`: the browser is /usr/bin/chromium).

Fixtures: ``page`` — a fresh page in the test's own context (``browser_context``);
``reading_page`` — a fresh page in one shared context, for tests that only open
and read pages; ``dark_page`` — its own context preferring the dark scheme. Every
such page records console messages, page errors, failed requests and every
request URL into ``page.log``; requests to any host but 127.0.0.1 are recorded and
blocked. A failing test leaves a screenshot and the console log in the artifacts
folder named at the end of the run, next to the axe-core report (axe-report.json).
"""
from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "site"))

import sitebuild  # noqa: E402


ARTIFACTS = pytest.StashKey[Path]()
A11Y = pytest.StashKey[dict[str, Any]]()


# --- the site ---------------------------------------------------------------------------

class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files under ``prefix`` (the path of site_url); 404.html for anything
    missing, as GitHub Pages and most static hosts do."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        clean = urlsplit(path).path
        if clean + "/" == self.prefix:
            return super().translate_path("/")
        if not clean.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_site_url__")  # type: ignore[arg-type]
        return super().translate_path("/" + clean[len(self.prefix):])

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"  # type: ignore[arg-type]
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``site`` on 127.0.0.1 under the path of site_url: (server, base URL)."""
    prefix = sitebuild.site_prefix()
    handler = type("Handler", (_Handler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_port}{prefix}"


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    """http://127.0.0.1:PORT/<site_url path>/ serving the built site."""
    server, url = serve(built_site)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


# --- the browser ---------------------------------------------------------------------------



@dataclass
class BrowserLog:
    """What a page did: console messages, errors, requests."""
    console: list[tuple[str, str, str]] = field(default_factory=list)  # type, text, page url
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)        # "URL: reason" or "URL: HTTP 404"
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)       # blocked: not 127.0.0.1
    allow_404: set[str] = field(default_factory=set)       # URLs expected to answer 404
    pending: int = 0                                        # requests not finished yet
    last_activity: float = 0.0                              # time.monotonic() of the last event

    def touch(self, change: int = 0) -> None:
        self.pending += change
        self.last_activity = time.monotonic()

    def errors(self) -> list[str]:
        """Console errors and uncaught exceptions, except Chromium's own report of a
        404 the test asked for (``allow_404``)."""
        return [f"console.{kind}: {text} ({url})" for kind, text, url in self.console
                if kind == "error" and not (url in self.allow_404 and " 404 " in text)] \
            + [f"pageerror: {e}" for e in self.page_errors]

    def clear(self) -> None:
        for part in (self.console, self.page_errors, self.failed, self.requests, self.foreign):
            part.clear()

    def dump(self) -> str:
        lines = [f"[{kind}] {text}  @ {url}" for kind, text, url in self.console]
        lines += [f"[pageerror] {e}" for e in self.page_errors]
        lines += [f"[failed] {f}" for f in self.failed]
        lines += [f"[foreign] {f}" for f in self.foreign]
        lines += [f"[request] {r}" for r in self.requests]
        return "\n".join(lines) + "\n"


@pytest.fixture
def browser_context(browser: Any) -> Iterator[Any]:
    """A fresh context for each test (1280×900, Russian locale). Not shared: the
    clock (page.clock is context-wide) and Material's localStorage (the palette it
    first used) would leak from one test into the next."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU",
                                  service_workers="block")
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture(scope="session")
def reading_context(browser: Any) -> Iterator[Any]:
    """One context shared by tests that only open pages and read them (no clock, no
    clicks that store anything): pages share the HTTP cache, which keeps the many
    page-type tests fast."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU",
                                  service_workers="block")
    context.set_default_timeout(15_000)
    yield context
    context.close()


def _recording_page(context: Any, request: pytest.FixtureRequest) -> Any:
    """A new page of ``context`` that records into ``page.log``; requests to any
    host but 127.0.0.1 are blocked and recorded."""
    log = BrowserLog()
    pg = context.new_page()

    def route(route: Any) -> None:
        host = urlsplit(route.request.url).hostname
        if host == "127.0.0.1" or route.request.url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            log.foreign.append(route.request.url)
            route.abort()

    def response(r: Any) -> None:
        if r.status >= 400 and r.url not in log.allow_404:
            log.failed.append(f"{r.url}: HTTP {r.status}")

    def started(r: Any) -> None:
        log.requests.append(r.url)
        log.touch(+1)

    def failed(r: Any) -> None:
        log.failed.append(f"{r.url}: {r.failure}")
        log.touch(-1)

    pg.route("**/*", route)
    pg.on("request", started)                       # the search worker's requests too
    pg.on("requestfinished", lambda r: log.touch(-1))
    pg.on("requestfailed", failed)
    pg.on("response", response)
    pg.on("console", lambda m: log.console.append(
        (m.type, m.text, (m.location or {}).get("url") or pg.url)))
    pg.on("pageerror", lambda e: log.page_errors.append(str(e)))
    pg.log = log  # type: ignore[attr-defined]
    request.node.browser_log = log
    request.node.browser_page = pg
    return pg


@pytest.fixture
def page(browser_context: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh page (1280×900) of the test's own context, recording into ``page.log``."""
    pg = _recording_page(browser_context, request)
    yield pg
    pg.close()


@pytest.fixture
def reading_page(reading_context: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh recording page of the shared reading context (see reading_context)."""
    pg = _recording_page(reading_context, request)
    yield pg
    pg.close()


@pytest.fixture
def dark_page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A page of its own context that prefers the dark scheme."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU",
                                  service_workers="block", color_scheme="dark")
    context.set_default_timeout(15_000)
    yield _recording_page(context, request)
    context.close()


def _settle(page: Any, quiet: float = 0.25, limit: float = 15.0) -> None:
    """Wait until the page has had no request in flight for ``quiet`` seconds (like
    Playwright's networkidle, which waits a fixed 0.5 s, but on our own record)."""
    log: BrowserLog = page.log
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if log.pending <= 0 and time.monotonic() - log.last_activity >= quiet:
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"requests still in flight after {limit} s: {log.pending}")


@pytest.fixture(scope="session")
def settle() -> Any:
    """settle(page): wait until a recording page's network has been quiet for 0.25 s."""
    return _settle


@pytest.fixture
def log(page: Any) -> BrowserLog:
    return page.log


# --- artifacts and the accessibility report ---------------------------------------------------

def _artifacts(config: pytest.Config) -> Path:
    if ARTIFACTS not in config.stash:
        factory = getattr(config, "_tmp_path_factory", None)  # pytest's tmp_path_factory
        base = factory.getbasetemp() if factory else Path(tempfile.mkdtemp())
        folder = base / "browser-artifacts"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        config.stash[ARTIFACTS] = folder
    return config.stash[ARTIFACTS]


@pytest.fixture(scope="session")
def artifacts(pytestconfig: pytest.Config) -> Path:
    return _artifacts(pytestconfig)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    pg = getattr(item, "browser_page", None)
    if pg is None or pg.is_closed():
        return
    folder = _artifacts(item.config)
    name = "".join(c if c.isalnum() or c in "-_." else "_" for c in item.name)[:120]
    try:
        pg.screenshot(path=str(folder / f"{name}.png"), timeout=5000)
    except Exception as exc:  # noqa: BLE001 - a screenshot must not hide the failure
        (folder / f"{name}.screenshot-error.txt").write_text(str(exc), encoding="utf-8")
    log = getattr(item, "browser_log", None)
    text = f"url: {pg.url}\n" + (log.dump() if log else "")
    (folder / f"{name}.console.txt").write_text(text, encoding="utf-8")
    report.sections.append(("browser artifacts", str(folder / name) + ".{png,console.txt}"))


@pytest.fixture(scope="session")
def a11y_report(pytestconfig: pytest.Config) -> dict[str, Any]:
    """{page kind: [violation, ...]} filled by the axe tests; written out at the end."""
    return pytestconfig.stash.setdefault(A11Y, {})


def _axe_report_path(config: pytest.Config) -> Path:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    return _artifacts(config) / (f"axe-report-{worker}.json" if worker else "axe-report.json")


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Write the axe report (in every xdist worker too: workers print no summary)."""
    report = session.config.stash.get(A11Y, None)
    if report:
        path = _axe_report_path(session.config)
        path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    report = config.stash.get(A11Y, None)
    if report:
        counts: dict[tuple[str, str], set[str]] = {}
        for kind, violations in report.items():
            for v in violations:
                counts.setdefault((v["impact"] or "?", v["id"]), set()).add(kind)
        terminalreporter.section("axe-core findings (critical and serious fail their tests)")
        order = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}
        for (impact, rule), kinds in sorted(counts.items(), key=lambda x: (order.get(x[0][0], 9),
                                                                            x[0][1])):
            terminalreporter.write_line(f"{impact:9} {rule}: {', '.join(sorted(kinds))}")
        if not counts:
            terminalreporter.write_line("none")
        terminalreporter.write_line(f"full axe report: {_axe_report_path(config)}")
    if ARTIFACTS in config.stash:
        folder = config.stash[ARTIFACTS]
        if any(p.suffix == ".png" or p.name.endswith(".console.txt") for p in folder.iterdir()):
            terminalreporter.write_line(f"browser artifacts: {folder}")
