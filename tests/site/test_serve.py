"""`mkdocs serve` builds again after every save, through hooks it has loaded: each
rebuild must show the edit everywhere (finders' JSON, analytics), and a validation
error must reach the browser, not only the terminal.

The builds run in this process as serve runs them (mkdocs.commands.build.build on a
loaded configuration, no fork), on the small catalogue of the engine tests.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Callable

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

import sitebuild
from catalogue.problems import CODES, FIX_EXAMPLES

M = "measures/grant-a.md"


@pytest.fixture
def configured(make_content: Callable[..., Any], tmp_path: Path,
               monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any, Path]:
    cat = make_content()
    for page in [*(sitebuild.REPO / "content").glob("*.md"),
                 *(sitebuild.REPO / "content" / "guide").glob("*.md")]:   # the nav's pages
        cat.write(page.relative_to(sitebuild.REPO / "content").as_posix(),
                  page.read_text("utf-8"))
    monkeypatch.setenv("CATALOGUE_CONTENT", str(cat.root))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(sitebuild.EPOCH))
    monkeypatch.setenv("CATALOGUE_PARALLEL", "0")     # serve does not fork either
    monkeypatch.chdir(sitebuild.REPO)
    site = tmp_path / "site"
    config = load_config(str(sitebuild.REPO / "mkdocs.yml"), site_dir=str(site))
    return cat, config, site


def _serve_module() -> Any:
    return sys.modules["serve"]


def test_rebuild_refreshes_finders_and_analytics(configured: tuple[Any, Any, Path]) -> None:
    cat, config, site = configured
    build(config)
    finder = json.loads((site / "measures" / "finder.json").read_text("utf-8"))
    assert "Грант на развитие сельских поселений" in json.dumps(finder, ensure_ascii=False)
    analytics = (site / "data" / "analytics.json").read_text("utf-8")
    page = (site / "analytics" / "index.html").read_text("utf-8")
    # the guide's table of codes lists every code with its example (hooks/catalogue/problems.py)
    guide = sitebuild.parse(site / "guide" / "fields" / "index.html")
    for code, (wrong, right) in FIX_EXAMPLES.items():
        cell = guide.xpath(f'//tr[@id="code-{code}"]/td')[0].text_content()
        assert wrong in cell and right in cell and CODES[code] in cell, code

    # the editor saves two files; serve builds again with the same hooks module
    cat.write(M, cat.read(M).replace("Грант на развитие сельских поселений",
                                     "Грант сельским поселениям на проекты жителей"))
    problem = cat.read("problems/problem-a.md")
    cat.write("problems/problem-a.md", problem.replace("topics: [roads-transport, local-budget]",
                                                       "topics: [tos, local-budget]"))
    build(config)
    finder = (site / "measures" / "finder.json").read_text("utf-8")
    assert "Грант сельским поселениям на проекты жителей" in finder
    assert "Грант на развитие сельских поселений" not in finder
    assert (site / "data" / "analytics.json").read_text("utf-8") != analytics
    assert (site / "analytics" / "index.html").read_text("utf-8") != page


def test_errors_are_shown_in_the_browser_under_serve(configured: tuple[Any, Any, Path]
                                                     ) -> None:
    cat, config, site = configured
    build(config)
    cat.write(M, cat.read(M).replace("kind: grant", "kind: grnat"))
    serve = _serve_module()
    serve.started("serve")
    try:
        build(config)      # no exception: the pages show the errors instead
    finally:
        serve.started("build")
    for page in ("measures/grant-a/index.html", "index.html", "measures/index.html",
                 "analytics/index.html"):
        text = (site / page).read_text("utf-8")
        assert "Каталог не прошёл проверку" in text, page
        assert "content/measures/grant-a.md:7:1: error enum kind: недопустимое значение " \
               "«grnat»" in text, page
        assert "Грант на развитие сельских поселений" not in text     # not the stale page
    # fixed: the site is back
    cat.write(M, cat.read(M).replace("kind: grnat", "kind: grant"))
    serve.started("serve")
    try:
        build(config)
    finally:
        serve.started("build")
    text = (site / "measures" / "grant-a" / "index.html").read_text("utf-8")
    assert "Каталог не прошёл проверку" not in text
    assert "Грант на развитие сельских поселений" in text


def test_build_still_fails_on_errors(configured: tuple[Any, Any, Path]) -> None:
    cat, config, _site = configured
    cat.write(M, cat.read(M).replace("kind: grant", "kind: grnat"))
    with pytest.raises(Abort):    # MkDocs' wrapper of the hook's PluginError
        build(config)
    assert not (_site / "index.html").exists()
