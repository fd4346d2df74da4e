"""Russian formatting of dates, amounts, months and counts, through Babel."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Iterable

from babel import Locale
from babel.dates import format_date, get_month_names
from babel.numbers import format_compact_decimal, format_decimal

LOCALE = Locale("ru")
_MONTHS = get_month_names("wide", context="stand-alone", locale=LOCALE)


@lru_cache(maxsize=4096)  # the same few hundred dates recur on thousands of pages
def ru_date(value: dt.date | None) -> str:
    """2027-03-15 -> «15 марта 2027 г.»"""
    return format_date(value, format="long", locale=LOCALE) if value else ""


@lru_cache(maxsize=4096)
def ru_number(value: float | int) -> str:
    """1234567.5 -> «1 234 567,5» (with a narrow no-break space, as Russian typesetting wants)."""
    return format_decimal(value, locale=LOCALE)


@lru_cache(maxsize=4096)
def rub(value: float | int) -> str:
    """70000000 -> «70 млн ₽», 1500000 -> «1,5 млн ₽», 250000 -> «250 тыс. ₽»."""
    if abs(value) < 10_000:
        return f"{ru_number(value)} ₽"
    return f"{format_compact_decimal(value, format_type='short', locale=LOCALE, fraction_digits=1)} ₽"


def amount_range(low: float | None, high: float | None) -> str:
    """The size of support as a reader says it: «до 70 млн ₽», «от 1 до 5 млн ₽»."""
    if low is not None and high is not None:
        return f"от {rub(low)} до {rub(high)}" if low != high else rub(high)
    if high is not None:
        return f"до {rub(high)}"
    if low is not None:
        return f"от {rub(low)}"
    return ""


def population_range(low: int | None, high: int | None) -> str:
    """Recipients' population limits as a reader says them: «с населением до 100 000 человек»,
    «с населением от 1 000 до 10 000 человек». Plural of «человек» by CLDR (Babel)."""
    def people(n: int) -> str:
        return plural(n, "человека", "человек", "человек")  # genitive: «до 21 человека»
    if low and high:
        return f"с населением от {ru_number(low)} до {people(high)}"
    if high:
        return f"с населением до {people(high)}"
    if low:
        return f"с населением от {people(low)}"
    return ""


def month_name(month: int) -> str:
    return _MONTHS[month]


def months(values: Iterable[int]) -> str:
    """[2, 3, 4] -> «февраль–апрель»; [3, 9] -> «март, сентябрь»."""
    ordered = sorted(set(values))
    runs: list[list[int]] = []
    for m in ordered:
        if runs and m == runs[-1][-1] + 1:
            runs[-1].append(m)
        else:
            runs.append([m])
    parts = [month_name(r[0]) if len(r) == 1 else f"{month_name(r[0])}–{month_name(r[-1])}"
             for r in runs]
    return ", ".join(parts)


def plural(count: int, one: str, few: str, many: str) -> str:
    """plural(21, "мера", "меры", "мер") -> «21 мера»: Russian plural rules from CLDR."""
    form = LOCALE.plural_form(count)
    word = {"one": one, "few": few}.get(form, many)
    return f"{ru_number(count)} {word}"


def safe_url(value: object) -> str:
    """The URL if it is http(s), else empty: a last guard for links built from data."""
    text = str(value or "").strip()
    return text if text.lower().startswith(("https://", "http://")) else ""
