"""Application windows as iCalendar (RFC 5545) files, through the icalendar package.

One event per dated window; annual programmes known only by their usual months
have no dates and get no event (the site lists them as «обычно: …»).
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable

from icalendar import Calendar, Event

from .model import Entry
from .schedule import windows

PRODID = "-//Municipal Catalogue//Municipal Navigator//RU"


def calendar(entries: Iterable[Entry], name: str, site_url: str, stamp: dt.date) -> bytes:
    """An .ics file with the windows of the given measures; deterministic for a build date."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Moscow")
    stamped = dt.datetime.combine(stamp, dt.time(0, 0), tzinfo=dt.timezone.utc)
    for entry in sorted(entries, key=lambda e: e.id):
        for window in windows(entry):
            event = Event()
            event.add("uid", f"{entry.id}-{window.opens.isoformat()}@municipal-catalogue")
            event.add("dtstamp", stamped)
            event.add("summary", f"Приём заявок: {entry.title}")
            event.add("dtstart", window.opens)
            # All-day events end on the day after the last one (DTEND is exclusive).
            event.add("dtend", window.closes + dt.timedelta(days=1))
            description = entry.summary + (f"\n{window.note}" if window.note else "")
            event.add("description", description)
            event.add("url", site_url.rstrip("/") + "/" + entry.url)
            cal.add_component(event)
    return cal.to_ical()


def has_dates(entry: Entry) -> bool:
    return bool(windows(entry))
