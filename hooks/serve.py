"""`mkdocs serve`: what the preview needs beyond a build.

MkDocs loads hooks/site.py once per process (mkdocs.config.config_options.Hooks caches
the module) and calls on_startup once, with the command; every rebuild of `serve` goes
through the same module, so site.py empties its per-build state in on_config. This
module remembers the command.

When the catalogue has errors, `mkdocs build` fails with the list. Under `serve` a
failed build would leave the browser on the stale page (MkDocs does not reload it), so
instead every page of the site becomes the list of errors (``problem_files``); the
browser reloads it, and reloads the site again once the files are fixed.

Speed (README, «Preview»). Under `serve` the catalogue is validated by
catalogue.incremental, which parses and checks only what changed since the previous
build. With `mkdocs serve --dirty` (what `make serve` runs) MkDocs renders again only
the pages whose File it sees modified. hooks/site.py asks ``pages_to_keep`` which
pages an edit leaves as they are (entries, topics, regions, municipality types, the
generated pages of the navigation: the engine compares what each shows with the
previous build) and keeps their Files: an entry's own file, a generated page's
``kept_file``, both older than their output; a kept page of the navigation gets its
title (``kept_in_navigation``), which every page shows. Every other page gets content,
which MkDocs always renders; hand-written pages lose their output (``force_pages``),
so MkDocs renders them too (their text is in the search index). Outputs beside the pages are not rewritten when their bytes are the same
(``unchanged``), the open data is written in a thread after the pages (``finish``), and
templates are compiled once per process (``remember_templates``).
"""
from __future__ import annotations

import atexit
import datetime as dt
import hashlib
import logging
import os
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any, Callable, Iterable

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.structure.files import File, Files

from catalogue import Result, ical
from catalogue.incremental import Incremental

_serving = False
_dirty = False
_memory = Incremental()
_written: dict[str, str] = {}  # abs_dest_path -> src_uri: the pages of the previous build


def started(command: str, dirty: bool = False) -> None:
    global _serving, _dirty
    _serving = command == "serve"
    _dirty = _serving and dirty


def serving() -> bool:
    return _serving


def dirty() -> bool:
    """`mkdocs serve --dirty`: pages not modified since the previous build are kept."""
    return _dirty


def validate(content_dir: str, today: dt.date) -> Result:
    """catalogue.validate, remembering what did not change since the previous build."""
    return _memory.validate(content_dir, today)


def pages_to_keep(site: Any, config: Any) -> set[str]:
    """Under --dirty: the pages (src_uri) the previous build wrote that this one may
    keep as they are (catalogue.incremental.Incremental.pages_to_keep)."""
    return _memory.pages_to_keep(site, _environment(config, site.catalogue)) if _dirty \
        else set()


def kept_file(config: Any, src_uri: str) -> File:
    """A generated page MkDocs will not render again under --dirty (its output is
    there): backed by a file older than any output. Should MkDocs read it all the
    same (the output is missing), on_page_read_source gives the page's text."""
    if not _stub:
        handle, path = tempfile.mkstemp(prefix="catalogue-kept-", suffix=".md")
        os.close(handle)
        os.utime(path, (0, 0))
        atexit.register(_remove, path)
        _stub.append(path)
    return File.generated(config, src_uri, abs_src_path=_stub[0])


_stub: list[str] = []


def _environment(config: Any, catalogue: Any) -> tuple[tuple[str, int, int], ...]:
    """What every page shows besides the catalogue: the configuration, the templates
    and assets of overrides/, the hand-written pages and the other files of content/."""
    entries = {os.path.join(e.spec.folder, e.id + ".md") for e in catalogue}
    found = []
    roots = [r for r in (config.docs_dir, config.theme.custom_dir) if r]
    for root in roots:
        for folder, _dirs, names in os.walk(root):
            for name in names:
                path = os.path.join(folder, name)
                if root == config.docs_dir and os.path.relpath(path, root) in entries:
                    continue
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                found.append((path, stat.st_mtime_ns, stat.st_size))
    if config.config_file_path and os.path.isfile(config.config_file_path):
        stat = os.stat(config.config_file_path)
        found.append((config.config_file_path, stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(found))


def kept_in_navigation(nav: Any, meta: dict[str, dict[str, Any]]) -> None:
    """Under --dirty MkDocs neither reads nor renders a kept page, and a page it did not
    read has no title, which the navigation of every page shows. Each kept page of the
    navigation (``meta``: src_uri -> the meta on_page_markdown gives it) gets its meta
    and an empty text (Page's public ``meta`` and ``markdown``), which give its title.
    Should MkDocs read it after all (its output is missing), both are replaced."""
    for page in nav.pages:
        found = meta.get(page.file.src_uri)
        if found is not None and page.markdown is None:
            page.markdown = ""
            page.meta = dict(found)


def force_pages(files: Files, keep: set[str]) -> None:
    """Under --dirty: remove the previous build's output of every page but those in
    ``keep`` (src_uri) and of pages that are gone, so that MkDocs renders them again
    (MkDocs renders a page whose output is missing) and no removed page stays."""
    pages = {f.abs_dest_path: f.src_uri for f in files.documentation_pages()}
    for dest in sorted(set(_written) - set(pages)):
        _remove(dest)
    for dest, uri in pages.items():
        if uri not in keep and not files.get_file_from_path(uri).generated_by:
            _remove(dest)
    _written.clear()
    _written.update(pages)


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


_outputs: dict[str, bytes] = {}   # files the hooks wrote beside the pages: digests


def unchanged(path: Path, data: bytes) -> bool:
    """Under --dirty: whether ``path`` already holds ``data``, as the previous build
    wrote it (the finders' JSON, calendars, open data: most stay the same after an
    edit, and writing hundreds of files is a good part of a rebuild)."""
    if not _dirty:
        return False
    digest = hashlib.blake2b(data, digest_size=16).digest()
    key = str(path)
    _outputs_now.add(key)
    if _outputs.get(key) == digest and os.path.isfile(key):
        return True
    _outputs[key] = digest
    return False


_outputs_now: set[str] = set()   # the files of this build (``unchanged``)


_later: list[threading.Thread] = []


def finish(later: Callable[[], None]) -> None:
    """The end of a build. Under --dirty ``later`` (the open data: files no page shows,
    a third of what is left of a rebuild) runs in a thread, so that the browser reloads
    the page without waiting for it; the next build waits for it first (``wait``).
    Otherwise the caller wrote everything already and ``later`` is not called."""
    if not _dirty:
        built()
        return

    def run() -> None:
        try:
            later()
        except Exception as exc:   # noqa: BLE001 - no build to fail any more: say it
            print(f"ОШИБКА: {exc}", file=sys.stderr, flush=True)
            failed()
            return
        built()

    thread = threading.Thread(target=run, name="catalogue-open-data", daemon=True)
    _later[:] = [thread]
    thread.start()


def wait() -> None:
    """Until what ``finish`` left to a thread is written."""
    for thread in _later:
        thread.join()
    _later.clear()


def built() -> None:
    """The build wrote its pages: the next one compares with this one. Under --dirty,
    files the previous build wrote beside the pages and this one did not (a removed
    measure's calendar, a redirect no longer needed) are removed, unless a page of
    this build is there now (a former address that is an entry's page again: a rename
    undone, an entry that takes the id back)."""
    _memory.commit()
    if _dirty:
        pages = {os.path.normpath(path) for path in _written}
        for gone in sorted(set(_outputs) - _outputs_now):
            if os.path.normpath(gone) not in pages:
                _remove(gone)
            del _outputs[gone]
    _outputs_now.clear()


def failed() -> None:
    """The build failed or wrote the page of errors: the next one renders every page
    and writes every file."""
    _memory.forget_pages()
    for path in _outputs:        # written again, and still removed once not written
        _outputs[path] = b""
    _outputs_now.clear()


class _CompiledTemplates(BytecodeCache):
    """Every build of `serve` gets a new Jinja environment (MkDocs' theme.get_env), which
    compiles every template again; this keeps the compiled code for the process. Jinja
    checks each template's source against a checksum: an edited template is compiled
    again."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


_compiled = _CompiledTemplates()


_calendars: list[ical.Calendars] = []


def calendars(site_url: str, today: dt.date) -> ical.Calendars:
    """The iCalendar serializer of this build; under `serve` the previous build's,
    which remembers the events of every measure whose Entry did not change."""
    if not (_serving and _calendars and _calendars[0].site_url == site_url
            and _calendars[0].stamp == today):
        _calendars[:] = [ical.Calendars(site_url, today)]
    return _calendars[0]


def remember_templates(env: Any) -> None:
    """Under `serve`: compile each template once per process, not once per build."""
    if _serving:
        env.bytecode_cache = _compiled


class DirtyNotice(logging.Filter):
    """MkDocs warns of «inaccurate navigation and other links» on every --dirty build;
    in strict mode (mkdocs.yml) the warning would fail the build. entries_to_build
    renders again every page an edit changes: the warning does not apply here."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (_dirty and record.getMessage().startswith("A 'dirty' build is being"))


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
    # under --dirty also every page the previous build wrote (topics, regions…): they
    # would stay as they were, without the errors
    for uri in sorted(pages | set(_nav_paths(config.nav)) | set(_written.values())):
        files.append(File.generated(config, uri, content=content))
    if _dirty:
        force_pages(files, set())
    return files


__all__ = ["started", "serving", "dirty", "validate", "pages_to_keep", "kept_file",
           "kept_in_navigation", "force_pages",
           "built", "failed", "DirtyNotice", "remember_templates", "calendars",
           "unchanged", "finish", "wait", "problem_page", "problem_files"]
