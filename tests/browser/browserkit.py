"""What the browser tests share beyond fixtures: the static server of the built
site, and pages that record what they do. Test modules import these from here,
never from conftest: with tests/site and tests/browser collected in one run,
``conftest`` names whichever of the two conftest files was loaded last.

``serve(site)`` -> (server, base URL); ``recording_page(context, request)`` -> a
page with ``page.log`` (a BrowserLog); ``settle_page(page)`` waits until its
network has been quiet.
"""
from __future__ import annotations

import functools
import http.server
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "site"))

import sitebuild  # noqa: E402


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


def recording_page(context: Any, request: pytest.FixtureRequest) -> Any:
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


def settle_page(page: Any, quiet: float = 0.25, limit: float = 15.0) -> None:
    """Wait until the page has had no request in flight for ``quiet`` seconds (like
    Playwright's networkidle, which waits a fixed 0.5 s, but on our own record)."""
    log: BrowserLog = page.log
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if log.pending <= 0 and time.monotonic() - log.last_activity >= quiet:
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"requests still in flight after {limit} s: {log.pending}")
