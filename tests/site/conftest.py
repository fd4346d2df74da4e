"""Fixtures of the built-site tests: the real site built once per session, the engine."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sitebuild  # noqa: E402


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


@pytest.fixture(scope="session")
def html() -> Any:
    """parse(path) -> lxml element of a built HTML file."""
    return sitebuild.parse
