"""The calendars the engine writes (ical.py): never one without events, every one
parses with icalendar, and emoji and Cyrillic titles come back unchanged."""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable

import icalendar
import pytest

from catalogue_kit import MEASURE, TODAY, replace_line

from catalogue import ical

EMOJI_TITLE = ("🏡 Грант «Комфортная среда» для сельских поселений 👩‍👩‍👧 "
               "и городских округов 🇷🇺 — приём заявок 🎉")
NO_DATES = replace_line(replace_line(replace_line(MEASURE, "    - opens:", None),
                                     "      closes:", None),
                        "  windows:", "  rolling: true")


def _catalogue(make_content: Callable[..., Any], extra: dict[str, str]) -> Any:
    result = make_content(extra).validate()
    assert not result.errors, [str(p) for p in result.errors]
    return result.catalogue


def _calendars(catalogue: Any) -> dict[str, bytes]:
    calendars = ical.Calendars("https://example.invalid/", TODAY)
    return {rel: calendars.calendar(measures, name)
            for rel, (measures, name) in ical.calendar_files(catalogue).items()}


def test_emoji_and_cyrillic_titles_round_trip(make_content: Callable[..., Any]) -> None:
    measure = replace_line(MEASURE, "title:", f"title: '{EMOJI_TITLE}'")
    catalogue = _catalogue(make_content, {"measures/grant-a.md": measure})
    files = _calendars(catalogue)
    assert files
    for rel, data in files.items():
        data.decode("utf-8")                                   # strict
        assert all(len(line) <= 75 for line in data.split(b"\r\n")), rel
        events = icalendar.Calendar.from_ical(data).walk("VEVENT")
        assert events, rel
        titles = {str(e.get("summary")) for e in events}
        assert "Приём заявок: " + EMOJI_TITLE in titles, rel


def test_no_calendar_without_events(make_content: Callable[..., Any]) -> None:
    """Measures without dated windows: no file for them, their topics or the catalogue."""
    catalogue = _catalogue(make_content, {"measures/grant-a.md": NO_DATES})
    assert not [m for m in catalogue.of_type("measure") if ical.has_dates(m)]
    assert ical.calendar_files(catalogue) == {}
    with pytest.raises(ValueError):
        ical.Calendars("https://example.invalid/", TODAY).calendar(
            catalogue.of_type("measure"), "пусто")


def test_only_topics_with_dated_measures_get_a_calendar(
        make_content: Callable[..., Any]) -> None:
    dated = MEASURE                                     # topics: civic-participation, tos
    undated = replace_line(NO_DATES, "topics:", "topics: [tos, roads-transport]")
    catalogue = _catalogue(make_content, {"measures/grant-a.md": dated,
                                          "measures/measure-b.md": undated})
    files = ical.calendar_files(catalogue)
    assert "calendar/civic-participation.ics" in files
    assert "calendar/tos.ics" in files
    assert "calendar/roads-transport.ics" not in files
    assert [m.id for m in files["calendar/tos.ics"][0]] == ["grant-a"]
    assert "measures/measure-b/calendar.ics" not in files
    assert dt.date(2026, 11, 1) == icalendar.Calendar.from_ical(
        _calendars(catalogue)["calendar/measures.ics"]).walk("VEVENT")[0].get("dtstart").dt


def test_a_reused_serializer_gives_each_calendar_its_own_name(
        make_content: Callable[..., Any]) -> None:
    """Calendars keeps each calendar's frame by name (`mkdocs serve` reuses it after each
    save): every file equals a fresh serializer's, with its own X-WR-CALNAME."""
    catalogue = _catalogue(make_content, {})
    files = ical.calendar_files(catalogue)
    reused = ical.Calendars("https://example.invalid/", TODAY)
    for _ in range(2):
        for rel, (measures, name) in files.items():
            data = reused.calendar(measures, name)
            assert data == ical.calendar(measures, name, "https://example.invalid/", TODAY)
            assert str(icalendar.Calendar.from_ical(data).get("x-wr-calname")) == name, rel
    measures, _name = next(iter(files.values()))
    renamed = reused.calendar(measures, "Другое имя")
    assert str(icalendar.Calendar.from_ical(renamed).get("x-wr-calname")) == "Другое имя"
