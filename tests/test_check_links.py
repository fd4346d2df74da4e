"""scripts/check_links.py against a local HTTP server that answers 200, 301, 404, a
timeout, a reset connection, a redirect to the home page, a HEAD refusal and a 503
that heals: each link is reported (or not) at its own line, with the right code."""
from __future__ import annotations

import http.server
import json
import socket
import struct
import threading
import time
from collections import Counter
from typing import Any, Iterator

import pytest

import check_links
from catalogue_kit import MEASURE, Content, line_of

SLOW = 2.0        # seconds the slow page waits; the checker's timeout is shorter
hits: Counter[str] = Counter()


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:  # keep the test output clean
        pass

    def _answer(self, body: bool) -> None:
        hits[f"{self.command} {self.path}"] += 1
        path = self.path
        if path == "/reset":  # close with RST, no answer at all
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
            return
        if path == "/slow":
            time.sleep(SLOW)
        if path == "/head-refused" and self.command == "HEAD":
            return self._send(405)
        if path == "/flaky" and hits[f"{self.command} /flaky"] == 1:
            return self._send(503)
        routes = {"/ok": (200, None), "/moved": (301, "/new-place"), "/new-place": (200, None),
                  "/gone": (404, None), "/to-home": (302, "/"), "/": (200, None),
                  "/temporary": (302, "/ok"), "/slow": (200, None),
                  "/head-refused": (200, None), "/flaky": (200, None)}
        status, location = routes.get(path, (404, None))
        self._send(status, location, body)

    def _send(self, status: int, location: str | None = None, body: bool = True) -> None:
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if body and self.command == "GET":
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:  # noqa: N802 - http.server's names
        self._answer(False)

    def do_GET(self) -> None:  # noqa: N802
        self._answer(True)


@pytest.fixture
def server() -> Iterator[str]:
    hits.clear()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _measure(base: str) -> str:
    text = MEASURE.replace("source: https://minfin.gov.ru/ru/grants",
                           f"source: {base}/moved\nsources:\n  - {base}/gone\n"
                           f"  - {base}/slow\n  - {base}/reset\n  - {base}/to-home\n"
                           f"  - {base}/temporary\n  - {base}/head-refused\n"
                           f"  - {base}/flaky")
    return text.replace("apply_url: https://minfin.gov.ru/ru/grants/apply",
                        f"apply_url: {base}/ok")


def _run(cat: Content, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, Any]:
    code = check_links.main(["--content", str(cat.root), "--format", "json",
                             "--timeout", "0.5", "--host-delay", "0", "--retries", "1",
                             *extra])
    return code, json.loads(capsys.readouterr().out)


def test_each_answer_is_reported_at_its_line(make_content: Any, server: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    cat = make_content()
    text = _measure(server)
    cat.write("measures/grant-a.md", text)
    code, report = _run(cat, capsys, str(cat.root / "measures" / "grant-a.md"))
    found = {(p["line"], p["code"], p["severity"], p["field"]) for p in report["problems"]}
    assert found == {
        (line_of(text, "source:"), "link-moved", "warning", "source"),
        (line_of(text, f"  - {server}/gone"), "link-dead", "error", "sources[1]"),
        (line_of(text, f"  - {server}/slow"), "link-unreachable", "warning", "sources[2]"),
        (line_of(text, f"  - {server}/reset"), "link-unreachable", "warning", "sources[3]"),
        (line_of(text, f"  - {server}/to-home"), "link-suspicious", "warning", "sources[4]"),
    }
    assert code == 1  # a dead link fails the run
    moved = next(p for p in report["problems"] if p["code"] == "link-moved")
    assert f"{server}/new-place" in moved["message"]
    slow = next(p for p in report["problems"] if p["field"] == "sources[2]")
    assert "не ответил вовремя" in slow["message"]
    reset = next(p for p in report["problems"] if p["field"] == "sources[3]")
    assert "оборвал соединение" in reset["message"]
    # HEAD refused: asked again with GET; 503 then 200: retried once; each URL once
    assert hits["GET /head-refused"] == 1
    assert hits["HEAD /flaky"] == 2
    assert hits["HEAD /moved"] == 1  # the same URL is asked once, however often cited


def test_living_links_give_no_problem_and_exit_0(make_content: Any, server: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    cat = make_content()
    text = MEASURE.replace("source: https://minfin.gov.ru/ru/grants", f"source: {server}/ok")
    text = text.replace("apply_url: https://minfin.gov.ru/ru/grants/apply",
                        f"apply_url: {server}/temporary")
    cat.write("measures/grant-a.md", text)
    code, report = _run(cat, capsys, str(cat.root / "measures"))
    assert code == 0 and report["problems"] == [] and report["links"] == 2


def test_politeness_one_host_requests_are_spaced(make_content: Any, server: str) -> None:
    from catalogue.linkcheck import check_urls_sync
    started = time.monotonic()
    check_urls_sync([f"{server}/ok", f"{server}/new-place", f"{server}/"],
                    host_delay=0.3, timeout=2)
    assert time.monotonic() - started >= 0.6  # three requests, two pauses between them


def test_runs_where_an_event_loop_already_runs(make_content: Any, server: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """A process that used Playwright's sync API (a test worker) has a running loop."""
    import asyncio
    cat = make_content()
    cat.write("measures/grant-a.md", MEASURE.replace(
        "source: https://minfin.gov.ru/ru/grants", f"source: {server}/gone"))

    async def inside() -> tuple[int, Any]:
        return _run(cat, capsys, str(cat.root / "measures"))
    # in a thread of the test's own: the worker's thread may run Playwright's loop already
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=1) as pool:
        code, report = pool.submit(asyncio.run, inside()).result()
    assert code == 1 and "link-dead" in [p["code"] for p in report["problems"]]
