"""Atom feeds (RFC 4287) of new and updated entries: the whole site and each section.

``feed.xml`` at the site root lists the most recently reviewed entries of every
type, ``<folder>/feed.xml`` those of one type. Every date comes from the
entries themselves, never from the clock, so a build of the same content gives
the same bytes:

- ``updated`` is ``last_reviewed`` (when an editor last checked the entry);
- ``published`` is the date that means most for the type: a document's
  adoption, an answer's date, when a problem was first reported; otherwise
  ``last_reviewed``. A feed reader shows it as the item's date of origin.

Written with xml.etree (no feed library: the format is small and fixed).
"""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Iterable

from .model import TYPES, Catalogue, Entry, TypeSpec, as_date
from .urls import absolute

ATOM = "http://www.w3.org/2005/Atom"
FEED_FILE = "feed.xml"
LIMIT = 50                           # entries per feed: readers only want what is new

# The date a reader would call the entry's own, per type (a field name).
PUBLISHED_FIELD = {"legal": "adopted", "question": "date", "problem": "since"}


@dataclass(frozen=True)
class FeedInfo:
    path: str              # "feed.xml", "measures/feed.xml"
    title: str
    page: str              # the page the feed belongs to, relative to the site root


def _stamp(day: dt.date) -> str:
    """An RFC 3339 date-time for a day: midnight UTC."""
    return f"{day.isoformat()}T00:00:00Z"


def updated(entry: Entry) -> dt.date:
    return entry.last_reviewed or dt.date(1970, 1, 1)


def published(entry: Entry) -> dt.date:
    """The type's own date if it has one, never later than ``updated``."""
    field = PUBLISHED_FIELD.get(entry.spec.name)
    own = as_date(entry.data.get(field)) if field else None
    return min(own, updated(entry)) if own else updated(entry)


def recent(entries: Iterable[Entry], limit: int = LIMIT) -> list[Entry]:
    """Newest first (by updated, then published), ties by id: a stable order."""
    ordered = sorted(entries, key=lambda e: e.id)
    ordered.sort(key=lambda e: (updated(e), published(e)), reverse=True)
    return ordered[:limit]


def feeds_info(site_name: str) -> list[FeedInfo]:
    """Every feed the site has: for the page <head> and the «Открытые данные» page."""
    return [FeedInfo(FEED_FILE, f"{site_name}: новые и обновлённые материалы", ""),
            *(FeedInfo(f"{spec.folder}/{FEED_FILE}", f"{site_name}: {spec.plural}",
                       f"{spec.folder}/") for spec in TYPES.values())]


def feed(entries: Iterable[Entry], *, info: FeedInfo, site_url: str, site_name: str,
         subtitle: str = "") -> bytes:
    """One Atom document. site_url must be absolute: Atom ids and links are IRIs."""
    if not site_url:
        raise ValueError("для ленты Atom нужен site_url в mkdocs.yml")
    chosen = recent(entries)
    self_url = absolute(site_url, info.path)
    # Elements are unqualified under a literal xmlns: Atom as the default namespace,
    # without a process-wide ET.register_namespace.
    root = ET.Element("feed", {"xmlns": ATOM,
                                   "{http://www.w3.org/XML/1998/namespace}lang": "ru"})
    ET.SubElement(root, "id").text = self_url
    ET.SubElement(root, "title").text = info.title
    if subtitle:
        ET.SubElement(root, "subtitle").text = subtitle
    newest = max((updated(e) for e in chosen), default=dt.date(1970, 1, 1))
    ET.SubElement(root, "updated").text = _stamp(newest)
    ET.SubElement(root, "link", rel="self", type="application/atom+xml", href=self_url)
    ET.SubElement(root, "link", rel="alternate", type="text/html",
                  href=absolute(site_url, info.page))
    author = ET.SubElement(root, "author")     # the feed's author covers every entry
    ET.SubElement(author, "name").text = site_name
    ET.SubElement(author, "uri").text = absolute(site_url, "")
    for entry in chosen:
        root.append(_entry(entry, site_url))
    ET.indent(root, space=" ")
    return (b'<?xml version="1.0" encoding="utf-8"?>\n'
            + ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n")


def _entry(entry: Entry, site_url: str) -> ET.Element:
    url = absolute(site_url, entry.url)
    item = ET.Element("entry")
    ET.SubElement(item, "id").text = url
    ET.SubElement(item, "title").text = entry.title
    ET.SubElement(item, "updated").text = _stamp(updated(entry))
    ET.SubElement(item, "published").text = _stamp(published(entry))
    ET.SubElement(item, "link", rel="alternate", type="text/html", href=url)
    spec: TypeSpec = entry.spec
    ET.SubElement(item, "category", term=spec.name, label=spec.label,
                  scheme=absolute(site_url, spec.folder + "/"))
    if entry.summary:
        ET.SubElement(item, "summary").text = entry.summary
    return item


def feeds(catalogue: Catalogue, site_url: str, site_name: str) -> dict[str, bytes]:
    """Every feed: path under the site root -> Atom document."""
    infos = feeds_info(site_name)
    out = {infos[0].path: feed(catalogue, info=infos[0], site_url=site_url,
                               site_name=site_name,
                               subtitle="Новые и обновлённые материалы каталога")}
    for info, spec in zip(infos[1:], TYPES.values()):
        out[info.path] = feed(catalogue.of_type(spec.name), info=info, site_url=site_url,
                              site_name=site_name, subtitle=spec.plural)
    return out
