"""Parts of pages rendered once and reused: the template side of the build's speed.

Every page renders Material's whole navigation, tabs, header widgets, styles and
scripts, and our listings repeat the same entry rows on many pages. Most of that
is identical from page to page: links are relative to the page, so they differ
only with its depth and folder, and for the thousands of pages outside the
navigation (entries, topics, regions) nothing in the navigation is active.

Templates wrap such a part in ``{% call shell_cache("name", ...) %}…{% endcall %}``;
it is rendered once per key and the text reused. The key says what the part may
depend on (see ``Fragments.key``). tests/site/test_build.py builds the site with
CATALOGUE_SHELL_CACHE=0 and checks that every file is byte for byte the same.

Used by hooks/site.py; knows Jinja and MkDocs' page objects (url, file.src_uri)
but imports neither MkDocs nor the catalogue engine.
"""
from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from jinja2 import pass_context

ENV_SWITCH = "CATALOGUE_SHELL_CACHE"   # "0": render everything on every page


@dataclass
class Fragments:
    enabled: bool = field(default_factory=lambda: os.environ.get(ENV_SWITCH, "1") != "0")
    nav_pages: set[str] = field(default_factory=set)   # src_uri of pages in the navigation
    parents: set[str] = field(default_factory=set)     # URLs that have pages under them
    cache: dict[tuple[Any, ...], str] = field(default_factory=dict)

    def reset(self, nav_pages: Iterable[str], page_urls: Iterable[str]) -> None:
        """A new build (``mkdocs serve`` builds again): forget everything."""
        self.cache.clear()
        self.nav_pages = set(nav_pages)
        self.parents = set()
        for url in page_urls:
            parts = url.split("/")[:-1]       # "measures/x/" -> ["measures", "x"]
            for depth in range(len(parts)):
                self.parents.add("/".join(parts[:depth]) + "/" if depth else "")

    def folder(self, page: Any) -> str:
        """Pages with the same folder get the same relative links to any other page:
        siblings without pages under them (measures/x/ and measures/y/ share
        "measures"); a page with pages under it (measures/) is a folder of its own."""
        url = page.url
        return url if url in self.parents else posixpath.dirname(url.rstrip("/"))

    def key(self, context: Any, name: str, item: str, folder: bool,
            outside_nav: bool) -> tuple[Any, ...] | None:
        """None: render this one in full. Every key holds the page depth (base_url):
        links to the site root and its assets differ with it and nothing else.
        folder: the part links to other pages. outside_nav: it shows which
        navigation item is active, which no item is for pages outside it."""
        page = context.get("page")
        if not self.enabled or page is None:
            return None
        if outside_nav and page.file.src_uri in self.nav_pages:
            return None
        where = self.folder(page) if (folder or outside_nav) else ""
        return name, item, context["base_url"], where

    def jinja_global(self) -> Callable[..., str]:
        @pass_context
        def shell_cache(context: Any, name: str, item: str = "", *, caller: Callable[[], str],
                        folder: bool = False, outside_nav: bool = False) -> str:
            key = self.key(context, name, item, folder, outside_nav)
            if key is None:
                return caller()
            if key not in self.cache:
                self.cache[key] = caller()
            return self.cache[key]
        return shell_cache
