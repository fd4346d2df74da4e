"""Application windows as iCalendar (RFC 5545) files, through the icalendar package.

One event per dated window; annual programmes known only by their usual months
have no dates and get no event (the site lists them as «обычно: …»).
Each measure's events are serialized once and reused by every calendar that
holds them (the whole catalogue, its topics, its own page).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable

from icalendar import Calendar, Event

from .model import Entry
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
    _events: dict[str, bytes] = field(default_factory=dict)

    def _of(self, entry: Entry) -> bytes:
        if entry.id not in self._events:
            self._events[entry.id] = b"".join(
                e.to_ical() for e in events(entry, self.site_url, self.stamp))
        return self._events[entry.id]

    def calendar(self, entries: Iterable[Entry], name: str) -> bytes:
        """An .ics file with the windows of the given measures; deterministic."""
        cal = Calendar()
        cal.add("prodid", PRODID)
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", "Europe/Moscow")
        head, _, tail = cal.to_ical().rpartition(b"END:VCALENDAR")
        body = b"".join(self._of(e) for e in sorted(entries, key=lambda e: e.id))
        return head + body + b"END:VCALENDAR" + tail


def calendar(entries: Iterable[Entry], name: str, site_url: str, stamp: dt.date) -> bytes:
    return Calendars(site_url, stamp).calendar(entries, name)


def has_dates(entry: Entry) -> bool:
    return bool(windows(entry))
