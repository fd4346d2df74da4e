"""Schedules tell the truth: a measure for which municipalities file no application is
never «open», and a measure's population limits are read as a reader says them."""
from __future__ import annotations

from catalogue_kit import MEASURE, TODAY, Content, replace_line
from catalogue.present import population_range
from catalogue.schedule import ORDER, measure_status

NO_APPLICATIONS = MEASURE.replace(
    "schedule:\n  windows:\n    - opens: 2026-11-01\n      closes: 2026-12-31\n",
    "schedule:\n  no_applications: Средства распределяются между субъектами РФ по методике, "
    "утверждённой постановлением Правительства.\n")


def _measure(cat: Content, text: str):
    cat.write("measures/grant-a.md", text)
    result = cat.validate()
    return result, next(e for e in result.catalogue.of_type("measure") if e.id == "grant-a")


def test_no_applications_is_valid_and_never_open(make_content) -> None:
    assert NO_APPLICATIONS != MEASURE
    result, measure = _measure(make_content(), NO_APPLICATIONS)
    assert [p for p in result.problems if p.severity == "error"] == []
    status = measure_status(measure, TODAY)
    assert status.code == "allocated"
    assert status.label == "Заявок от муниципалитетов нет"
    assert ORDER["allocated"] > ORDER["closed"]


def test_no_applications_excludes_other_schedules(make_content) -> None:
    both = NO_APPLICATIONS.replace("schedule:\n", "schedule:\n  rolling: true\n")
    result, _ = _measure(make_content(), both)
    errors = [p for p in result.problems if p.severity == "error"]
    assert errors and errors[0].field.startswith("schedule")
    assert "no_applications" in errors[0].message


def test_population_limits_are_checked(make_content) -> None:
    text = replace_line(MEASURE, "  other: [tos]", "  other: [tos]\n  population_max: 0")
    result, _ = _measure(make_content(), text)
    assert any(p.field == "recipients.population_max" for p in result.problems)


def test_population_range_in_words() -> None:
    assert population_range(None, 100000) == "с населением до 100\u00a0000 человек"
    assert population_range(1000, 10000) == "с населением от 1\u00a0000 до 10\u00a0000 человек"
    assert population_range(None, 21) == "с населением до 21 человека"
    assert population_range(None, None) == ""
