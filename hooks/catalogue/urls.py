"""Addresses of the site's pages as other sites and programs see them.

Entries know their address relative to the site root (``Entry.url``:
``measures/<id>/``); feeds, open data, JSON-LD and redirect pages need it
absolute, under the configured ``site_url``.
"""
from __future__ import annotations


def absolute(site_url: str, path: str) -> str:
    """``https://host/base/`` + ``measures/x/`` -> ``https://host/base/measures/x/``.

    Without a site_url the path stays relative to the site root (``/measures/x/``
    would be wrong on a site served under a sub-path, a relative path is not).
    """
    path = path.lstrip("/")
    if not site_url:
        return path
    return site_url.rstrip("/") + "/" + path
