"""`mkdocs serve` builds again after every save, through hooks it has loaded: each
rebuild must show the edit everywhere (finders' JSON, analytics), and a validation
error must reach the browser, not only the terminal.

The builds run in this process as serve runs them (mkdocs.commands.build.build on a
loaded configuration, no fork), on the small catalogue of the engine tests; with
dirty=True as `make serve` (`mkdocs serve --dirty`) runs them, where the hooks choose
the pages MkDocs renders again (hooks/serve.py).
"""
from __future__ import annotations

import json
import re
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


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def _full_build_files(site: Path) -> dict[str, bytes]:
    """A full build's files as the preview must write them. The one difference allowed:
    below PAGEFIND_FROM the page asks the lunr worker first, so the preview writes no
    Pagefind index (hooks/pagefind_index.py, hooks/site.py on_post_build)."""
    return {k: v for k, v in _files(site).items()
            if not k.startswith("pagefind/") and k != "search/search_config.json"}


def test_dirty_preview_equals_a_full_build_after_each_edit(
        configured: tuple[Any, Any, Path], tmp_path: Path) -> None:
    """`make serve` runs `mkdocs serve --dirty`: MkDocs renders again only the pages the
    hooks give it as changed. After every kind of edit the preview's files must be the
    files a full build of the same content writes, byte for byte: no page keeps the old
    title of an entry (its own, those it links to and that link to it, its topics and
    regions, the section), no removed page or calendar stays."""
    cat, config, site = configured
    serve = _serve_module()
    title = "Грант на развитие сельских поселений"
    practice = cat.read("practices/practice-a.md")
    edits = [
        # the measure's title: shown on its page, the practice that links to it, its
        # topics', regions' and municipality types' pages, the section, the finder
        (M, lambda text: text.replace(title, "Грант сельским поселениям на проекты")),
        # the practice (links to grant-a): its row on grant-a's page
        ("practices/practice-a.md", lambda text: text.replace("\ntitle: ", "\ntitle: Опыт — ", 1)),
        # a link removed: grant-a's «Ссылаются на этот материал» loses the practice
        ("practices/practice-a.md", lambda text: text.replace("[[grant-a]]", "грант")),
        ("practices/practice-a.md", lambda _text: practice),
        # a topic of the measure changed: two topic pages change, the others stay
        (M, lambda text: text.replace("topics: [civic-participation, tos]", "topics: [digital, tos]", 1)),
    ]
    added = cat.read(M).replace(title, "Грант для проверки удаления")

    def write(path: str, text: str | None) -> None:
        if text is None:
            (cat.root / path).unlink()
        else:
            cat.write(path, text)

    steps = [(path, lambda p=path, c=change: c(cat.read(p))) for path, change in edits] + [
        # a new entry, then removed: its page and its calendar go
        ("measures/grant-b.md", lambda: added),
        ("measures/grant-b.md", lambda: None),
        # an error (every page lists it), then its fix: the whole site is back
        (M, lambda: cat.read(M).replace("kind: grant", "kind: grnat")),
        (M, lambda: cat.read(M).replace("kind: grnat", "kind: grant")),
    ]
    serve.started("serve", dirty=True)
    after_error = False
    try:
        build(config, dirty=True)
        for number, (path, change) in enumerate(steps):
            before = {p: p.stat().st_mtime_ns for p in site.rglob("*.html")}
            write(path, change())
            build(config, dirty=True)
            serve.wait()   # the open data is written in a thread after the pages
            if "grnat" in cat.read(M):
                for page in ("measures/grant-a/index.html", "index.html", "topics/tos/index.html"):
                    assert "Каталог не прошёл проверку" in (site / page).read_text("utf-8")
                after_error = True
                continue
            kept = [p for p, mtime in before.items()
                    if p.exists() and p.stat().st_mtime_ns == mtime]
            # after the page of errors every page is rendered again; else some are kept
            assert after_error or kept, "--dirty rendered every page again"
            if number == 0:   # the measure's title: pages of the navigation that do not
                # show it are kept (their titles still in every page's navigation)
                names = {p.relative_to(site).as_posix() for p in kept}
                assert {"guide/fields/index.html", "my/index.html",
                        "topics/index.html"} <= names, sorted(names)[:20]
                assert "measures/index.html" not in names
            after_error = False
            full = load_config(str(sitebuild.REPO / "mkdocs.yml"),
                               site_dir=str(tmp_path / f"full{number}"))
            serve.started("build")
            try:
                build(full)
            finally:
                serve.started("serve", dirty=True)
            expected, got = _full_build_files(tmp_path / f"full{number}"), _files(site)
            assert sorted(got) == sorted(expected), number
            differ = [name for name in expected if got[name] != expected[name]]
            assert differ == [], (number, path)
        assert not (site / "measures" / "grant-b" / "calendar.ics").exists()
    finally:
        serve.started("build")


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _restore(root: Path, files: dict[str, bytes]) -> None:
    """The content as it was (what `git checkout content/ && git clean` does)."""
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.relative_to(root).as_posix() not in files:
            path.unlink()
    for rel, data in files.items():
        target = root / rel
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)


def test_dirty_preview_after_a_rename_is_undone(configured: tuple[Any, Any, Path],
                                                 tmp_path: Path) -> None:
    """A rename writes a page at the former address that sends readers to the new one
    (open data, written beside the pages). Undone, the former address is the entry's
    page again: the preview must not remove it as a file the build no longer writes."""
    from catalogue import rename
    cat, config, site = configured
    serve = _serve_module()
    before = _snapshot(cat.root)
    serve.started("serve", dirty=True)
    try:
        build(config, dirty=True)
        rename.apply(rename.plan(cat.root, "grant-a", "grant-z"))
        build(config, dirty=True)
        serve.wait()
        assert "grant-z" in (site / "measures" / "grant-a" / "index.html").read_text("utf-8")
        _restore(cat.root, before)      # the editor undoes the rename
        build(config, dirty=True)
        serve.wait()
        full = load_config(str(sitebuild.REPO / "mkdocs.yml"), site_dir=str(tmp_path / "full"))
        serve.started("build")
        build(full)
    finally:
        serve.started("build")
    expected, got = _full_build_files(tmp_path / "full"), _files(site)
    assert sorted(set(expected) - set(got)) == []
    assert sorted(set(got) - set(expected)) == []
    assert [name for name in expected if got[name] != expected[name]] == []
