"""status.js writes Russian dates and month names as the server's Babel does
(hooks/catalogue/present.py): its month tables are CLDR's, checked here."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from babel.dates import format_date, get_month_names

STATUS_JS = Path(__file__).resolve().parent.parent / "overrides" / "assets" / "javascripts" / "status.js"


def _table(name: str) -> list[str]:
    text = STATUS_JS.read_text(encoding="utf-8")
    found = re.search(rf"var {name} = \[(.*?)\]", text, re.S)
    assert found, f"status.js has no table {name}"
    return re.findall(r'"([^"]*)"', found.group(1))


def test_month_tables_are_babels() -> None:
    assert _table("OF_MONTH") == list(get_month_names("wide", "format", "ru").values())
    assert _table("MONTH") == list(get_month_names("wide", "stand-alone", "ru").values())


def test_date_shape_is_babels() -> None:
    """ruDate writes «<day> <month, genitive> <year>\\u202fг.»: Babel's long date."""
    for day in (dt.date(2026, 3, 5), dt.date(2025, 12, 31), dt.date(2027, 1, 1)):
        months = _table("OF_MONTH")
        assert format_date(day, "long", locale="ru") == \
            f"{day.day} {months[day.month - 1]} {day.year}\u202fг."
