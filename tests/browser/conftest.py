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

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterator

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browserkit import BrowserLog, recording_page, serve, settle_page  # noqa: E402


ARTIFACTS = pytest.StashKey[Path]()
A11Y = pytest.StashKey[dict[str, Any]]()


# --- the site ---------------------------------------------------------------------------

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


@pytest.fixture
def page(browser_context: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh page (1280×900) of the test's own context, recording into ``page.log``."""
    pg = recording_page(browser_context, request)
    yield pg
    pg.close()


@pytest.fixture
def reading_page(reading_context: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh recording page of the shared reading context (see reading_context)."""
    pg = recording_page(reading_context, request)
    yield pg
    pg.close()


@pytest.fixture
def dark_page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A page of its own context that prefers the dark scheme."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU",
                                  service_workers="block", color_scheme="dark")
    context.set_default_timeout(15_000)
    yield recording_page(context, request)
    context.close()


@pytest.fixture(scope="session")
def settle() -> Any:
    """settle(page): wait until a recording page's network has been quiet for 0.25 s."""
    return settle_page


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
