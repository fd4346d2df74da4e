"""Application windows as iCalendar (RFC 5545) files, through the icalendar package.

One event per dated window; annual programmes known only by their usual months
have no dates and get no event (the site lists them as «обычно: …»). A calendar
without events is never written nor offered: RFC 5545 (section 3.6) requires at
least one component, and strict readers reject such a file. ``calendar_files``
says which calendars exist; the build writes exactly those and the pages link
exactly those.
Each measure's events are serialized once and reused by every calendar that
holds them (the whole catalogue, its topics, its regions, its own page), and by the
next build of the same process for the same Entry object (`mkdocs serve`: the
engine's incremental.py keeps the object of an unchanged file); so is each
calendar's frame (its lines around the events) per name.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable

from icalendar import Calendar, Event

from .model import Catalogue, Entry
from .schedule import windows

PRODID = "-//Municipal Catalogue//Municipal Navigator//RU"


def events(entry: Entry, site_url: str, stamp: dt.date) -> list[Event]:
    stamped = dt.datetime.combine(stamp, dt.time(0, 0), tzinfo=dt.timezone.utc)
    out = []
    for window in windows(entry):
        event = Event()
        event.add("uid", f"{entry.id}-{window.opens.isoformat()}@municipal-catalogue")
        event.add("dtstamp", stamped)
        event.add("summary", f"Приём заявок: {entry.title}")
        event.add("dtstart", window.opens)
        # All-day events end on the day after the last one (DTEND is exclusive).
        event.add("dtend", window.closes + dt.timedelta(days=1))
        event.add("description", entry.summary + (f"\n{window.note}" if window.note else ""))
        event.add("url", site_url.rstrip("/") + "/" + entry.url)
        out.append(event)
    return out


@dataclass
class Calendars:
    """Serialized events per measure, assembled into as many calendars as needed."""
    site_url: str
    stamp: dt.date
    _events: dict[str, tuple[Entry, bytes]] = field(default_factory=dict)
    _frames: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)

    def _of(self, entry: Entry) -> bytes:
        known = self._events.get(entry.id)
        if known is None or known[0] is not entry:   # the same object: the same file
            known = self._events[entry.id] = (entry, b"".join(
                e.to_ical() for e in events(entry, self.site_url, self.stamp)))
        return known[1]

    def calendar(self, entries: Iterable[Entry], name: str) -> bytes:
        """An .ics file with the windows of the given measures; deterministic.
        ValueError when none of them has a dated window (an empty calendar)."""
        body = b"".join(self._of(e) for e in sorted(entries, key=lambda e: e.id))
        if not body:
            raise ValueError(f"календарь «{name}» без событий: такой файл не пишется")
        head, tail = self._frame(name)
        return head + body + b"END:VCALENDAR" + tail

    def _frame(self, name: str) -> tuple[bytes, bytes]:
        """The calendar's lines around its events, which depend on its name only
        (kept with the events: `mkdocs serve` writes the same calendars after each save)."""
        known = self._frames.get(name)
        if known is None:
            cal = Calendar()
            cal.add("prodid", PRODID)
            cal.add("version", "2.0")
            cal.add("calscale", "GREGORIAN")
            cal.add("x-wr-calname", name)
            cal.add("x-wr-timezone", "Europe/Moscow")
            head, _, tail = cal.to_ical().rpartition(b"END:VCALENDAR")
            known = self._frames[name] = (head, tail)
        return known


def calendar(entries: Iterable[Entry], name: str, site_url: str, stamp: dt.date) -> bytes:
    return Calendars(site_url, stamp).calendar(entries, name)


def has_dates(entry: Entry) -> bool:
    return bool(windows(entry))


def calendar_files(catalogue: Catalogue) -> dict[str, tuple[list[Entry], str]]:
    """Every calendar the site has: path under the site root -> (its measures, its name).

    ``calendar/measures.ics`` (every measure), ``calendar/<topic>.ics`` per topic and
    ``<measure url>calendar.ics`` per measure, each only when at least one of its
    measures has a dated window. Sorted by path.
    """
    dated = [m for m in catalogue.of_type("measure") if has_dates(m)]
    out: dict[str, tuple[list[Entry], str]] = {}
    if dated:
        out["calendar/measures.ics"] = (dated, "Меры поддержки: сроки приёма")
    for topic, item in catalogue.references["topic"].items():
        chosen = [m for m in dated if topic in m.topics]
        if chosen:
            out[f"calendar/{topic}.ics"] = (
                chosen, f"Меры поддержки: {item.data.get('name', topic)}")
    for measure in dated:
        out[f"{measure.url}calendar.ics"] = ([measure], measure.title)
    return dict(sorted(out.items()))
