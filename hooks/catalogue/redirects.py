"""Stable links: a page at every former address of a renamed entry.

An entry lists its former ids in ``old_ids`` (check.py makes sure none of them
is taken by another entry or claimed twice). For each, the build writes a tiny
HTML page at the old address that sends the reader on: a meta refresh, a
canonical link for search engines and a visible link for everyone else (and for
readers whose browser ignores the refresh).
"""
from __future__ import annotations

import html

from .model import Catalogue
from .urls import absolute

PAGE = """<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>Материал переехал: {title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{canonical}">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<p>Материал «{title}» теперь находится по новому адресу:
<a href="{target}">{canonical}</a>.</p>
</body>
</html>
"""


def redirects(catalogue: Catalogue, site_url: str = "", *, use_directory_urls: bool = True
              ) -> list[tuple[str, str]]:
    """(path under the site root, HTML) for every former id of every entry, sorted.

    With directory URLs the old page is ``<folder>/<old_id>/index.html`` and the
    target ``../<id>/``; without them (the offline edition) ``<folder>/<old_id>.html``
    and ``<id>.html``. The target is relative so that the page also works from
    a copy of the site; the canonical link is absolute when site_url is known.
    """
    out: list[tuple[str, str]] = []
    for entry in sorted(catalogue, key=lambda e: e.id):
        for old in entry.data.get("old_ids") or []:
            if not isinstance(old, str) or old == entry.id:
                continue
            folder = entry.spec.folder
            if use_directory_urls:
                path, target = f"{folder}/{old}/index.html", f"../{entry.id}/"
            else:
                path, target = f"{folder}/{old}.html", f"{entry.id}.html"
            canonical = absolute(site_url, entry.url) if site_url else target
            out.append((path, PAGE.format(title=html.escape(entry.title, quote=True),
                                          canonical=html.escape(canonical, quote=True),
                                          target=html.escape(target, quote=True))))
    return sorted(out)
