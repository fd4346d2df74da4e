"""MkDocs hooks: the only module that imports mkdocs.

Each event hands over to the engine (hooks/catalogue/) and wires its answers
into MkDocs: validation before anything is built, entry pages and generated
pages as MkDocs ``File`` objects, template context, the search index. To move
to another generator, rewrite this file and the templates; the engine stays.
"""
from __future__ import annotations

import gc
import html
import json
import logging
import os
import posixpath
import shutil
import sys
from pathlib import Path
from typing import Any

import nh3
from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, pass_context
from markupsafe import Markup
# The child converts and renders its pages as MkDocs does (mkdocs is pinned: 1.6.1).
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parent))

from catalogue import build_date, validate  # noqa: E402
from catalogue import analytics, finder, ical, present  # noqa: E402
from catalogue import export, feeds, jsonld, redirects  # noqa: E402
from catalogue.links import resolve_refs  # noqa: E402
from catalogue.model import Entry, as_date  # noqa: E402
from catalogue.pages import GeneratedPage, Site  # noqa: E402
from fragments import Fragments  # noqa: E402
import pagefind_index as _pagefind_index  # noqa: E402
from scroll_tables import ScrollTablesExtension  # noqa: E402
import my_site  # noqa: E402
import serve  # noqa: E402
from parallel import ForkedJob, Report  # noqa: E402
from template_helpers import GLOBALS as TEMPLATE_HELPERS  # noqa: E402

log = logging.getLogger("mkdocs.hooks.catalogue")

# Per-build state. MkDocs loads this module once per process: every rebuild of
# `mkdocs serve` goes through it again, so on_config (and on_files) empty what they fill.
_site: Site | None = None
_pages: dict[str, Entry | GeneratedPage] = {}
_problems: list[Any] = []  # `mkdocs serve` only: the errors every page shows instead
_kept: set[str] = set()   # `mkdocs serve --dirty`: entry pages left as the last build wrote them
# Computed once per build (on_config empties them: `mkdocs serve` may build again
# through the same module)
_finder_cache: dict[str, dict[str, Any] | None] = {}
_analytics_cache: list[analytics.Analytics] = []
_calendar_cache: list[set[str]] = []
_fragments = Fragments()   # parts of pages rendered once (hooks/fragments.py)

# Editors' bodies are rendered by Python-Markdown; this list is what may reach
# a reader. Validation already rejects raw HTML: this is the second lock.
_ALLOWED_ATTRIBUTES = {"*": {"id", "class", "title"}, "a": {"href"},
                       "img": {"src", "alt", "width", "height"}, "th": {"align"},
                       "td": {"align"},
                       # the focusable wrapper of tables (hooks/scroll_tables.py)
                       "div": {"role", "tabindex", "aria-label"}}


def on_startup(*, command: str, dirty: bool) -> None:
    serve.started(command, dirty)   # MkDocs calls this once, on the first build's hooks


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _site
    serve.wait()   # the previous build's open data (`serve --dirty`) is written
    # What the previous build of `mkdocs serve` computed is stale after any edit.
    _finder_cache.clear()
    _analytics_cache.clear()
    _calendar_cache.clear()
    _problems.clear()
    _share.clear()
    today = build_date()
    # `mkdocs serve` validates again after every save: only what changed (hooks/serve.py)
    result = serve.validate(config.docs_dir, today) if serve.serving() \
        else validate(config.docs_dir, today)
    for warning in result.warnings:
        log.info("%s", warning)  # warnings inform; strict mode must not fail on staleness
    if result.errors:
        lines = "\n".join(str(p) for p in result.errors)
        count = present.plural(len(result.errors), "ошибка", "ошибки", "ошибок")
        message = (f"Каталог не прошёл проверку ({count}):\n"
                   f"{lines}\nИсправьте ошибки и запустите сборку снова.")
        if not serve.serving():
            raise PluginError(message)
        # Not log.error: strict mode would abort, and the browser would stay on the stale
        # page. The terminal gets the list, and every page of the preview shows it.
        print(f"ОШИБКА: {message}", file=sys.stderr, flush=True)
        _problems.extend(result.errors)
        _site = None
        serve.failed()   # every page is the list of errors now
        return config
    _site = Site(result.catalogue, today)
    _configure_offline(config)
    # Wide tables scroll in a wrapper the keyboard reaches (hooks/scroll_tables.py).
    config.markdown_extensions.append(ScrollTablesExtension())
    # The catalogue lives until the build ends: keep the garbage collector from
    # walking it again and again (its cost grew with the catalogue). on_post_build thaws it.
    gc.freeze()
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    _pages.clear()
    _kept.clear()
    for file in list(files):
        if file.src_uri.startswith("reference/"):
            files.remove(file)  # reference lists are data, not pages
    if _problems:   # `mkdocs serve` with errors: hooks/serve.py
        return serve.problem_files(files, config, _problems)
    assert _site is not None
    # `mkdocs serve --dirty`: the pages an edit leaves as they are (hooks/serve.py)
    keep = serve.pages_to_keep(_site, config)
    for entry in _site.catalogue:
        src = _site.src_uri(entry)
        old = files.get_file_from_path(src)
        if old is None:  # the engine loaded it, so MkDocs must have it too
            raise PluginError(f"{entry.pos.path}: файл не найден среди страниц MkDocs")
        _pages[src] = entry
        files.remove(old)   # appended below: pages in the same order either way (sitemap)
        if src in keep:
            _kept.add(src)   # its page stays as the previous build wrote it
            files.append(old)
            continue
        # A leading newline keeps a body that starts with "---" from being read as meta.
        files.append(File.generated(config, src, content="\n" + _site.markdown(entry)))
    for page in _site.generated:
        if files.get_file_from_path(page.src_uri) is not None:
            raise PluginError(f"content/{page.src_uri}: этот адрес создаётся автоматически, "
                              f"удалите файл")
        _pages[page.src_uri] = page
        if page.src_uri in keep:
            _kept.add(page.src_uri)
            files.append(serve.kept_file(config, page.src_uri))
            continue
        files.append(File.generated(config, page.src_uri, content="\n"))
    if serve.dirty():
        serve.force_pages(files, _kept)
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    item = _pages.get(page.file.src_uri)
    if item is None:
        if _site is not None and page.file.src_uri in _site.catalogue.pages:
            # a hand-written page (content/*.md, content/guide/): [[id]] as in entries
            return resolve_refs(markdown, posixpath.dirname(page.file.src_uri),
                                _site.catalogue)
        return markdown
    page.meta.update(_meta(item))
    return markdown


def _meta(item: Entry | GeneratedPage) -> dict[str, Any]:
    # Material prints page.title unescaped in <title>, headings and navigation.
    meta: dict[str, Any] = {"title": html.escape(item.title, quote=False),
                            # The engine writes the search index for these pages itself
                            # (on_post_build).
                            "search": {"exclude": True}}
    if isinstance(item, Entry):
        # Material prints the description unescaped into <meta content="...">.
        meta["description"] = html.escape(item.summary, quote=True)
    return meta


def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if isinstance(_pages.get(page.file.src_uri), Entry):
        return nh3.clean(html_text, attributes=_ALLOWED_ATTRIBUTES,
                         url_schemes={"https", "http", "mailto", "tel"}, link_rel=None)
    return html_text


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                    nav: Any) -> dict[str, Any]:
    item = _pages.get(page.file.src_uri)
    context["cat"] = _site
    context["cat_entry"] = item if isinstance(item, Entry) else None
    context["cat_page"] = item if isinstance(item, GeneratedPage) else None
    if isinstance(item, GeneratedPage) and item.kind == "type-index" and item.spec:
        index = _finder_index(item.spec.name)
        context["cat_finder_facets"] = index["facets"] if index else None
        context["cat_finder_years"] = _years(index) if index else []
    if isinstance(item, GeneratedPage) and item.kind == "analytics":
        context["cat_analytics"] = _analytics()
    if isinstance(item, GeneratedPage) and item.kind == "my":
        context["cat_my"] = my_site.context(_site)
    return context


def _our_template(name: str | None) -> bool:
    """Our templates print editors' data: Jinja escapes everything in them. (Material's
    own templates are not autoescaped; what they print from us is escaped in advance.)"""
    return bool(name) and (name.startswith("catalogue/") or name in ("home.html", "404.html"))


def on_env(env: Any, *, config: MkDocsConfig, files: Files) -> Any:
    env.autoescape = _our_template
    serve.remember_templates(env)
    _shell_env(env, config)
    env.filters["ru_date"] = present.ru_date
    env.filters["ru_number"] = present.ru_number
    env.filters["rub"] = present.rub
    env.filters["months"] = present.months
    env.filters["as_date"] = as_date
    env.globals.update(TEMPLATE_HELPERS)
    _open_data_env(env, config, files)
    env.globals["cat_calendar"] = _calendar_exists
    env.globals["cat_pagefind"] = _pagefind(config)
    env.globals["cat_pagefind_first"] = _pagefind(config) and _pagefind_first()
    _second_core_pages(files)
    return env


def on_nav(nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
    _fragments.reset((page.file.src_uri for page in nav.pages),
                     (file.url for file in files.documentation_pages()))
    # `serve --dirty`: the kept pages of the navigation are not read, yet every page
    # shows their titles (hooks/serve.py)
    serve.kept_in_navigation(nav, {uri: _meta(_pages[uri]) for uri in _kept
                                     if isinstance(_pages[uri], GeneratedPage)})
    if _site is not None:
        _start_second_core(config, files, nav)   # every page and address is known now
    return nav


def _shell_env(env: Any, config: MkDocsConfig) -> None:
    """shell_cache (hooks/fragments.py) for the templates. overrides/partials/nav.html
    and others wrap Material's own partials, which they include as theme/partials/...:
    the theme's folders without ours."""
    theme_dirs = [d for d in config.theme.dirs if d != config.theme.custom_dir]
    env.loader = ChoiceLoader([env.loader,
                               PrefixLoader({"theme": FileSystemLoader(theme_dirs)})])
    env.globals["shell_cache"] = _fragments.jinja_global()


def on_post_build(*, config: MkDocsConfig) -> None:
    if _site is None:   # the page of errors under `mkdocs serve`
        return
    gc.unfreeze()  # `mkdocs serve` builds again: let this build's objects go
    _write_search_index(Path(config.site_dir), _site)   # needs Material's index
    site, dest_uris = _site, frozenset(_dest_uris)
    # The served site's search. The preview indexes only what its page asks first
    # (below PAGEFIND_FROM that is the lunr worker): Pagefind takes seconds a save.
    if _pagefind(config) and (not serve.serving() or _pagefind_first()):
        _pagefind_index.write(Path(config.site_dir))
    _finish_second_core(config)
    # `serve --dirty`: the open data in a thread, after the pages (hooks/serve.py)
    serve.finish(lambda: _write_open_data(config, site, dest_uris))


def on_build_error(*, error: Exception) -> None:
    gc.unfreeze()
    serve.wait()
    serve.failed()   # pages may be half written: the next build renders every one


def _pagefind_first() -> bool:
    return _site is not None and _pagefind_index.asked_first(len(_site.catalogue.entries))


def _pagefind(config: MkDocsConfig) -> bool:
    return _pagefind_index.wanted(offline=_offline_build(config))


HANDWRITTEN_BOOST = 0.5   # search: hand-written pages under entries (see below)


def _write_search_index(site_dir: Path, site: Site) -> None:
    """Add the engine's compact documents to the index Material's search plugin wrote.

    Entry and generated pages were excluded from the plugin (page meta) so that
    their full text does not bloat the index; they go in as title, summary and facts.
    """
    path = site_dir / "search" / "search_index.json"
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    # Hand-written pages (home, about, guide) and their sections: below entries
    # whose title or summary holds the query words.
    for doc in index["docs"]:
        doc.setdefault("boost", HANDWRITTEN_BOOST)
    for doc in site.search_docs():
        for key in ("title", "text", "facts"):
            if key in doc:
                doc[key] = html.escape(doc[key], quote=False)
        index["docs"].append(doc)
    # Entries' key facts: indexed like the text, not shown in the results.
    index["config"]["fields"].setdefault("facts", {"boost": 1.0})
    # Abbreviations and expansions (content/reference/synonyms.yml) for the worker
    # (in config: Material hands the worker config, docs and its own options only).
    index["config"]["synonyms"] = site.search_synonyms()
    if _file_urls:  # the offline edition: measures/x/ is measures/x.html there
        for doc in index["docs"]:
            location, hash_, fragment = doc["location"].partition("#")
            doc["location"] = _file_urls.get(location, location) + hash_ + fragment
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")


# --- the second core: half of the pages and the files beside them ----------------------

# MkDocs converts and renders pages one by one. Once the navigation is known
# (on_nav), a forked child (hooks/parallel.py) takes every second catalogue page:
# it converts its Markdown, renders it with the same templates and writes it, then
# writes the open data, finder indexes, calendars, feeds and analytics, which depend
# on the catalogue only. Here MkDocs reads those pages as empty and renders them with
# an empty template, and MkDocs does not write empty output. on_post_build waits for
# the child and fails the build with its error, or with its warnings in strict mode.
# Without fork (`mkdocs serve`, CATALOGUE_PARALLEL=0) this process does it all;
# tests/site/test_build.py checks that both ways give the same bytes.
_job = ForkedJob()
_share: set[str] = set()                    # src_uri of the pages the child writes
_ELSEWHERE = "catalogue/elsewhere.html"     # empty: the child writes this page


class _QuietSkips(logging.Filter):
    """MkDocs logs «Page skipped» for each empty page: not news for the child's pages."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith("Page skipped: '") and message.split("'")[1] in _share)


class _Warnings(logging.Handler):
    """The child's warnings: in strict mode the parent's build must fail on them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _quiet_skips() -> None:
    # MkDocs loads this module afresh for every build (`mkdocs serve`): one filter only.
    logger = logging.getLogger("mkdocs.commands.build")
    for old in [f for f in logger.filters
                if type(f).__name__ in ("_QuietSkips", "DirtyNotice")]:
        logger.removeFilter(old)
    logger.addFilter(_QuietSkips())
    logger.addFilter(serve.DirtyNotice())


_quiet_skips()


def _write_outputs(config: MkDocsConfig) -> None:
    assert _site is not None
    site_dir = Path(config.site_dir)
    # one serializer of events for every calendar (kept between builds of `serve`)
    calendars = serve.calendars(config.site_url or "", _site.today)
    _write_finder_and_calendars(site_dir, _site, calendars)
    my_site.write(site_dir, _site, config.site_url or "", _write, calendars)
    if not serve.dirty():   # else after the build: on_post_build
        _write_open_data(config, _site, frozenset(_dest_uris))
    _write(site_dir / "data" / "analytics.json",
           json.dumps(_analytics().as_dict(), ensure_ascii=False, indent=1).encode("utf-8"))


def _start_second_core(config: MkDocsConfig, files: Files, nav: Any) -> None:
    _share.clear()
    pages = [f.page for f in files.documentation_pages() if f.src_uri in _pages and f.page]
    share = pages[1::2]
    uris = {page.file.src_uri for page in share}

    def work(report: Report) -> str | None:   # in the child: what MkDocs does for its pages
        warnings = _Warnings()
        logging.getLogger("mkdocs").addHandler(warnings)
        try:
            # Its pages, and the navigation's: their titles are shown on every page.
            for page in share + [p for p in nav.pages if p.file.src_uri not in uris]:
                _populate_page(page, config, files)
            # MkDocs checks links to anchors after rendering, in the parent: it needs
            # the anchors of these pages and their links to anchors.
            report({page.file.src_uri: (page.present_anchor_ids, {
                file.src_uri: links for file, links in (page.links_to_anchors or {}).items()})
                for page in share})
            env = config.plugins.on_env(config.theme.get_env(), config=config, files=files)
            documents = files.documentation_pages()
            for page in share:
                _build_page(page, config, documents, nav, env)
            _write_outputs(config)
        except PluginError as exc:
            return str(exc)
        if config.strict and warnings.messages:
            return "\n".join(["Предупреждения при сборке (strict):", *warnings.messages])
        return None

    if _job.start(work):
        _share.update(uris)


def _second_core_pages(files: Files) -> None:
    """The child's pages here: an empty template, and their anchors from the child."""
    if not _share:
        return
    anchors, error = _job.receive()
    if error:
        raise PluginError(error)
    for uri, (present, links) in anchors.items():
        page = files.get_file_from_path(uri).page
        page.meta["template"] = _ELSEWHERE
        page.present_anchor_ids = present
        page.links_to_anchors = {files.get_file_from_path(target): found
                                 for target, found in links.items()}


def on_page_read_source(*, page: Page, config: MkDocsConfig) -> str | None:
    # The child converts this page; here it needs no body.
    if page.file.src_uri in _share:
        return "\n"
    item = _pages.get(page.file.src_uri) if page.file.src_uri in _kept else None
    if item is not None:   # --dirty kept the file: MkDocs reads it only if its page
        assert _site is not None   # is missing, and must read the engine's text
        return "\n" + _site.markdown(item) if isinstance(item, Entry) else "\n"
    return None


def _finish_second_core(config: MkDocsConfig) -> None:
    if not _job.started:
        _write_outputs(config)
        return
    error = _job.finish()
    if error:
        raise PluginError(error)



def _analytics() -> analytics.Analytics:
    assert _site is not None
    if not _analytics_cache:
        _analytics_cache.append(analytics.build(_site))
    return _analytics_cache[0]


def _finder_index(type_name: str) -> dict[str, Any] | None:
    assert _site is not None
    if type_name not in _finder_cache:
        _finder_cache[type_name] = finder.index_for(_site, type_name)
    return _finder_cache[type_name]


def _calendar_exists(path: str) -> bool:
    """Templates offer a calendar only if the build writes it (none without events)."""
    assert _site is not None
    if not _calendar_cache:
        _calendar_cache.append(set(ical.calendar_files(_site.catalogue)))
    return path in _calendar_cache[0]


def _years(index: dict[str, Any]) -> list[int]:
    years = {y for item in index["items"] for y in (item.get("y0"), item.get("y1")) if y}
    return list(range(max(years), min(years) - 1, -1)) if years else []


def _write(path: Path, data: bytes) -> None:
    if serve.unchanged(path, data):   # `serve --dirty`: the same bytes are there already
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _write_finder_and_calendars(site_dir: Path, site: Site, calendars: ical.Calendars
                                ) -> None:
    """The finders' JSON indexes and the iCalendar files of application windows."""
    for name in finder.INDEXES:
        index = _finder_index(name)
        folder = site.types[name].folder
        _write(site_dir / folder / "finder.json",
               json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    for rel, (measures, name) in ical.calendar_files(site.catalogue).items():
        _write(site_dir / rel, calendars.calendar(measures, name))


# --- open data, feeds, structured data, stable links, the offline edition ------------

# A built offline edition to publish at downloads/catalogue-offline.zip (scripts/offline.py
# sets it); without it the «Открытые данные» page does not offer the download.
OFFLINE_ZIP_ENV = "CATALOGUE_OFFLINE_ZIP"
OFFLINE_ZIP = "downloads/catalogue-offline.zip"
# Material's offline plugin would load this shim from unpkg.com: the offline edition
# must not need the network, so it gets our copy (MIT, see the file's header).
_IFRAME_WORKER = "assets/javascripts/vendor/iframe-worker-1.0.4.min.js"

_dest_uris: set[str] = set()           # what MkDocs writes: redirects must not replace it
_file_urls: dict[str, str] = {}        # offline edition: "measures/x/" -> "measures/x.html"


def _offline_build(config: MkDocsConfig) -> bool:
    """Whether this is the offline edition (OFFLINE=1: Material's offline plugin on)."""
    return any(type(plugin).__name__ == "OfflinePlugin" and plugin.config.enabled
               for plugin in config.plugins.values())


def _configure_offline(config: MkDocsConfig) -> None:
    if not _offline_build(config):
        return
    scripts = [s for s in config.extra.get("polyfills", []) if "iframe-worker" not in str(s)]
    config.extra["polyfills"] = [*scripts, _IFRAME_WORKER]


def _offline_zip(config: MkDocsConfig) -> Path | None:
    path = os.environ.get(OFFLINE_ZIP_ENV, "").strip()
    if not path or _offline_build(config):
        return None
    if not Path(path).is_file():
        raise PluginError(f"{OFFLINE_ZIP_ENV}={path}: файла нет; соберите офлайн-версию "
                          f"командой make offline")
    return Path(path)


def _directory_style(src_uri: str) -> str:
    """The address a page has with directory URLs: measures/x.md -> measures/x/."""
    stem = src_uri[:-len(".md")]
    if stem == "index":
        return ""
    return stem[:-len("index")] if stem.endswith("/index") else stem + "/"


def _open_data_env(env: Any, config: MkDocsConfig, files: Files) -> None:
    site_url = config.site_url or ""

    def to_jsonld(entry: Entry) -> Markup:
        assert _site is not None
        # script_text escapes <, > and &: an editor's title cannot close the element.
        return Markup(jsonld.script_text(jsonld.jsonld(entry, _site.catalogue, site_url)))

    def open_data() -> dict[str, Any]:
        assert _site is not None
        return {"files": export.manifest(_site.catalogue),
                "feeds": feeds.feeds_info(config.site_name),
                "offline": OFFLINE_ZIP if _offline_zip(config) else None}

    env.filters["jsonld"] = to_jsonld
    env.globals["cat_open_data"] = open_data
    _dest_uris.clear()
    _dest_uris.update(f.dest_uri for f in files)
    _file_urls.clear()
    if config.use_directory_urls:
        return
    # The offline edition has no directory URLs (file:// shows a folder, not its
    # index.html); the engine and templates speak of measures/x/: translate.
    _file_urls.update({_directory_style(f.src_uri): f.url for f in files.documentation_pages()})
    original = env.filters["url"]

    @pass_context
    def url(context: Any, value: Any) -> str:
        path, hash_, fragment = str(value).partition("#")
        return original(context, _file_urls.get(path, path) + hash_ + fragment)

    env.filters["url"] = url


def _write_open_data(config: MkDocsConfig, site: Site, dest_uris: frozenset[str]) -> None:
    """data/ exports, Atom feeds, pages at former addresses, the offline download.
    (Arguments, not this module's state: under `serve --dirty` a thread writes them.)"""
    site_dir, site_url = Path(config.site_dir), config.site_url or ""
    for rel, data in export.files(site.catalogue, site_url).items():
        _write(site_dir / rel, data)
    if site_url:
        for rel, data in feeds.feeds(site.catalogue, site_url, config.site_name).items():
            _write(site_dir / rel, data)
    else:
        log.info("site_url не задан: ленты Atom не созданы")
    for rel, page in redirects.redirects(site.catalogue, site_url,
                                         use_directory_urls=config.use_directory_urls):
        if rel in dest_uris:
            raise PluginError(f"{rel}: прежний адрес (old_ids) совпадает с существующей "
                              f"страницей сайта")
        _write(site_dir / rel, page.encode("utf-8"))
    zip_path = _offline_zip(config)
    if zip_path is not None:
        (site_dir / OFFLINE_ZIP).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(zip_path, site_dir / OFFLINE_ZIP)
