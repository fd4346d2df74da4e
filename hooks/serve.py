"""`mkdocs serve`: what the preview needs beyond a build.

MkDocs loads hooks/site.py once per process (mkdocs.config.config_options.Hooks caches
the module) and calls on_startup once, with the command; every rebuild of `serve` goes
through the same module, so site.py empties its per-build state in on_config. This
module remembers the command.

When the catalogue has errors, `mkdocs build` fails with the list. Under `serve` a
failed build would leave the browser on the stale page (MkDocs does not reload it), so
instead every page of the site becomes the list of errors (``problem_files``); the
browser reloads it, and reloads the site again once the files are fixed.
"""
from __future__ import annotations

from typing import Any, Iterable

from mkdocs.structure.files import File, Files

_serving = False


def started(command: str) -> None:
    global _serving
    _serving = command == "serve"


def serving() -> bool:
    return _serving


def problem_page(problems: Iterable[Any]) -> str:
    """The Markdown of the page that stands for every page while there are errors."""
    lines = [str(p) for p in problems]
    fence = "~" * max(4, 1 + max((len(s) - len(s.lstrip("~")) for s in lines), default=0))
    count = len(lines)
    return "\n".join([
        "# Каталог не прошёл проверку", "",
        f"Сайт не обновлён: ошибок — {count}. Исправьте их и сохраните файл: страница "
        "обновится сама. Каждая строка — файл:строка:столбец, код и что исправить "
        "(коды ошибок описаны в руководстве редактора, /guide/fields/).", "",
        f"{fence}text", *lines, fence, ""])


def _nav_paths(nav: Any) -> Iterable[str]:
    if isinstance(nav, str):
        if nav.endswith(".md"):
            yield nav
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_paths(value)
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_paths(item)


def problem_files(files: Files, config: Any, problems: list[Any]) -> Files:
    """Every page of the site (and every page the navigation names) as the list of
    problems; everything else (styles, scripts, images) stays."""
    content = "\n" + problem_page(problems)   # a leading newline: no front matter
    pages = {f.src_uri for f in files.documentation_pages()}
    for file in list(files.documentation_pages()):
        files.remove(file)
    for uri in sorted(pages | set(_nav_paths(config.nav))):
        files.append(File.generated(config, uri, content=content))
    return files


__all__ = ["started", "serving", "problem_page", "problem_files"]
