"""Fixtures of the engine tests (test_checks, test_validate_cli, test_property, ...).

The catalogue they break on purpose and the helpers live in catalogue_kit.py.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any, Callable

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
# hooks/ for the engine, scripts/ for synth.py, tests/ for catalogue_kit
for folder in (ROOT / "hooks", ROOT / "scripts", TESTS / "site"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from catalogue_kit import BASE, REAL_REFERENCE, TODAY, Content, run_validate  # noqa: E402,F401
import sitebuild  # noqa: E402


@pytest.fixture
def make_content(tmp_path: Path) -> Callable[..., Content]:
    """make_content(extra={rel: text}, base=True) -> Content in tmp_path/content."""
    def make(extra: dict[str, Any] | None = None, *, base: bool = True) -> Content:
        root = tmp_path / "content"
        if root.exists():
            shutil.rmtree(root)
        (root / "reference").mkdir(parents=True)
        for ref in sorted(REAL_REFERENCE.glob("*.yml")):
            shutil.copyfile(ref, root / "reference" / ref.name)
        content = Content(root)
        for rel, text in ({**BASE} if base else {}).items():
            content.write(rel, text)
        for rel, text in (extra or {}).items():
            content.write(rel, text)
        return content
    return make


# --- the one headless Chromium of a test session -----------------------------------------
# Shared by tests/browser and the offline-edition test: Playwright's sync API allows
# only one running instance per process.

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser() -> Any:
    """Debian's Chromium through Playwright (never `playwright install`). Missing: the
    test fails in CI (the CI variable is set) and is skipped elsewhere."""
    import os
    if not Path(CHROMIUM).is_file():
        message = f"{CHROMIUM} is missing: apt-get install chromium (make deps-test)"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


# --- the real site, built once per session (tests/site and tests/browser) ---------------

@pytest.fixture(scope="session")
def content() -> Path:
    """The catalogue under test: content/ (see sitebuild.content_dir)."""
    return sitebuild.content_dir()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, content: Path) -> Path:
    """The site, built once per session with SOURCE_DATE_EPOCH fixed; its folder."""
    out = tmp_path_factory.mktemp("built") / "site"
    try:
        return sitebuild.build_or_explain(content, out)
    except sitebuild.BuildFailed as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def engine_result(content: Path) -> Any:
    """validate() of the catalogue on the build day: what the site must show."""
    result, _ = sitebuild.load(content)
    return result


@pytest.fixture(scope="session")
def cat_site(content: Path) -> Any:
    """pages.Site for the catalogue on the build day (listings, backlinks, statuses)."""
    _, site = sitebuild.load(content)
    return site

