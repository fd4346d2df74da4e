"""When a measure takes applications and when a course runs, as of a given day.

The same rules run in the browser (overrides/assets/javascripts/status.js) so
that a page built yesterday shows today's status; keep the two in step.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from .model import Entry, as_date
from .present import months, ru_date

StatusCode = Literal["open", "upcoming", "rolling", "annual", "closed", "allocated", "unknown"]
ORDER: dict[str, int] = {"open": 0, "upcoming": 1, "rolling": 2, "annual": 3, "closed": 4,
                         "allocated": 5, "unknown": 6}
# A measure for which municipalities file no application (money is allocated by a
# law, a formula or a region's decision) is never «open»: it says so instead.
ALLOCATED_LABEL = "Заявок от муниципалитетов нет"
SOON = dt.timedelta(days=30)


@dataclass(frozen=True)
class Window:
    opens: dt.date
    closes: dt.date
    note: str = ""


@dataclass(frozen=True)
class Status:
    code: StatusCode
    label: str                      # «Приём до 15 марта 2027 г.»
    date: dt.date | None = None     # the deadline (open), the opening (upcoming), last close
    window: Window | None = None

    def sort_key(self) -> tuple[int, int]:
        if self.date is None:
            return ORDER[self.code], 0
        day = self.date.toordinal()
        # open and upcoming: soonest first; closed: most recently closed first
        return ORDER[self.code], -day if self.code == "closed" else day

    def closing_soon(self, today: dt.date) -> bool:
        return self.code == "open" and self.date is not None and self.date - today <= SOON

    def opening_soon(self, today: dt.date) -> bool:
        return self.code == "upcoming" and self.date is not None and self.date - today <= SOON


def windows(entry: Entry) -> list[Window]:
    schedule = entry.data.get("schedule")
    out: list[Window] = []
    if isinstance(schedule, dict) and isinstance(schedule.get("windows"), list):
        for w in schedule["windows"]:
            if isinstance(w, dict):
                opens, closes = as_date(w.get("opens")), as_date(w.get("closes"))
                if opens and closes:
                    out.append(Window(opens, closes, str(w.get("note") or "")))
    return sorted(out, key=lambda w: w.opens)


def usual_months(entry: Entry) -> list[int]:
    schedule = entry.data.get("schedule")
    annual = schedule.get("annual") if isinstance(schedule, dict) else None
    values: Any = annual.get("months") if isinstance(annual, dict) else None
    return [m for m in values if isinstance(m, int)] if isinstance(values, list) else []


def annual_label(entry: Entry) -> str:
    return f"Ежегодно, обычно: {months(usual_months(entry))}"


def measure_status(entry: Entry, today: dt.date) -> Status:
    schedule = entry.data.get("schedule")
    if not isinstance(schedule, dict):
        return Status("unknown", "Сроки не указаны")
    if schedule.get("rolling"):
        return Status("rolling", "Приём постоянно")
    if schedule.get("no_applications"):
        return Status("allocated", ALLOCATED_LABEL)
    ws = windows(entry)
    for w in ws:
        if w.opens <= today <= w.closes:
            return Status("open", f"Приём до {ru_date(w.closes)}", w.closes, w)
    upcoming = [w for w in ws if w.opens > today]
    if upcoming:
        w = upcoming[0]
        return Status("upcoming", f"Приём с {ru_date(w.opens)}", w.opens, w)
    # No dated window ahead: an annual programme is expected in its usual months;
    # its last known window still shows on the page.
    if "annual" in schedule:
        return Status("annual", annual_label(entry))
    if ws:
        w = max(ws, key=lambda w: w.closes)
        return Status("closed", f"Приём закрыт {ru_date(w.closes)}", w.closes, w)
    return Status("unknown", "Сроки не указаны")


@dataclass(frozen=True)
class Session:
    starts: dt.date
    ends: dt.date | None
    enrol_by: dt.date | None


def next_session(entry: Entry, today: dt.date) -> Session | None:
    """The first session a reader can still join (enrolment open or not yet started)."""
    sessions = entry.data.get("sessions")
    found: list[Session] = []
    for s in sessions if isinstance(sessions, list) else []:
        if not isinstance(s, dict) or not as_date(s.get("starts")):
            continue
        item = Session(as_date(s["starts"]), as_date(s.get("ends")),  # type: ignore[arg-type]
                       as_date(s.get("enrol_by")))
        last_day = item.enrol_by or item.starts
        if last_day >= today:
            found.append(item)
    return min(found, key=lambda s: s.starts) if found else None


def course_status(entry: Entry, today: dt.date) -> str:
    if entry.data.get("on_demand"):
        return "В любое время"
    session = next_session(entry, today)
    if session is None:
        return "Даты объявляет организатор"
    if session.enrol_by:
        return f"Запись до {ru_date(session.enrol_by)}, начало {ru_date(session.starts)}"
    return f"Начало {ru_date(session.starts)}"
