"""hooks/catalogue/my.py: the data behind «Мой муниципалитет» and the region calendars."""
from __future__ import annotations

from typing import Any, Callable

from catalogue import finder, my
from catalogue.pages import Site
from catalogue_kit import BASE, COURSE, MEASURE, TODAY, Content, run_validate

FEDERAL_ROLLING = MEASURE.replace("regions: [tatarstan]", "regions: all").replace(
    """schedule:
  windows:
    - opens: 2026-11-01
      closes: 2026-12-31""", "schedule:\n  rolling: true")
FEDERAL_DATED = MEASURE.replace("regions: [tatarstan]", "regions: all")


def _site(make_content: Callable[..., Content], extra: dict[str, str] | None = None) -> Site:
    content = make_content(extra)
    result = run_validate(content.root)
    assert not result.errors, [str(p) for p in result.errors]
    return Site(result.catalogue, TODAY)


def test_region_calendars_only_where_dates_are_announced(make_content: Any) -> None:
    site = _site(make_content, {"measures/federal-rolling.md": FEDERAL_ROLLING})
    # the regional measure with a window; the federal one has no dates: no other region
    assert {r: [e.id for e in es] for r, es in site.region_calendars.items()} == \
        {"tatarstan": ["grant-a"]}
    assert site.region_calendar("tatarstan") == "calendar/regions/tatarstan.ics"
    assert site.region_calendar("bashkortostan") is None


def test_federal_dated_measures_are_in_every_region_calendar(make_content: Any) -> None:
    site = _site(make_content, {"measures/federal-dated.md": FEDERAL_DATED})
    regions = site.catalogue.references["region"]
    assert set(site.region_calendars) == set(regions)
    assert [e.id for e in site.region_calendars["tatarstan"]] == ["federal-dated", "grant-a"]
    assert [e.id for e in site.region_calendars["bashkortostan"]] == ["federal-dated"]


def test_my_data(make_content: Any) -> None:
    site = _site(make_content)
    data = my.data(site, finder.POPULATION_BANDS)
    assert data["ap"] == {"grant-a": "https://minfin.gov.ru/ru/grants/apply"}
    # legal_basis and [[law-new]] in the text count once; the solution's step cites it too
    assert data["c"]["grant-a"] == ["law-new"]
    assert data["c"]["solution-a"] == ["law-new"]
    assert data["pr"] == {"problem-a": ["solution-a", "grant-a", "law-new"]}
    assert data["t"]["solution-a"][1:] == ["solutions/solution-a/", "solution"]
    assert data["t"]["law-new"][2] == "legal"
    assert "grant-a" not in data["t"]          # measures come from the measures' index
    assert data["bands"][0] == [1000, "до 1 тыс."] and data["bands"][-1][0] is None
    assert data["rc"] == ["tatarstan"]
    assert set(data["cs"]) == {e.id for e in site.catalogue.of_type("course")
                               if e.data.get("sessions")}


def test_finder_records_population_limits(make_content: Any) -> None:
    limited = MEASURE.replace("  other: [tos]", "  other: [tos]\n  population_max: 100000")
    site = _site(make_content, {"measures/grant-a.md": limited})
    record = finder.measure_record(site, site.catalogue.entries["grant-a"])
    assert record["px"] == 100000 and "pn" not in record


def test_course_without_format_validates_and_has_no_format_in_the_finder(
        make_content: Any) -> None:
    """format is optional (issue 14: no page stated it): the course validates without
    a warning, its finder record has f: null, so finder.js shows it only under «Любой»."""
    unstated = COURSE.replace("format: online\n", "")
    assert unstated != COURSE
    content = make_content({"courses/course-a.md": unstated})
    result = run_validate(content.root)
    about_course = [p for p in result.problems if "courses/" in p.path]
    assert not about_course, [str(p) for p in about_course]
    site = Site(result.catalogue, TODAY)
    [record] = [i for i in finder.course_index(site)["items"] if i["id"] == "course-a"]
    assert record["f"] is None


def test_page_files_split_by_region(make_content: Any) -> None:
    """/my/ downloads my/shared.json and its region's file: every region has one;
    a regional measure, its application link, citations and the region's problems
    are in that region's file only; federal measures are in the shared one."""
    site = _site(make_content, {"measures/federal-dated.md": FEDERAL_DATED})
    files = my.page_files(site, finder.POPULATION_BANDS)
    regions = site.catalogue.references["region"]
    assert set(files) == {"my/shared.json"} | {f"my/regions/{r}.json" for r in regions}
    shared, own = files["my/shared.json"], files["my/regions/tatarstan.json"]
    assert [m["id"] for m in shared["m"]] == ["federal-dated"]
    assert [m["id"] for m in own["m"]] == ["grant-a"]
    assert own["ap"] == {"grant-a": "https://minfin.gov.ru/ru/grants/apply"}
    assert own["c"] == {"grant-a": ["law-new"]} and "grant-a" not in shared["c"]
    assert shared["c"]["solution-a"] == ["law-new"]
    assert [p["id"] for p in own["pb"]] == ["problem-a"]
    assert own["pr"] == {"problem-a": ["solution-a", "grant-a", "law-new"]}
    assert own["t"] == {"grant-a": [site.catalogue.entries["grant-a"].title,
                                    "measures/grant-a/", "measure"]}
    assert files["my/regions/bashkortostan.json"] == {}
    # the measures finder's order, to merge the two lists back into it
    order = [m["id"] for m in finder.measure_index(site)["items"]]
    assert [m["i"] for m in shared["m"] + own["m"]] == \
        [order.index(m["id"]) for m in shared["m"] + own["m"]]
    # only what /my/ shows
    assert set(own["m"][0]) <= set(my.MEASURE_KEYS) | {"i"}
    assert set(shared["f"]) == {"regions", "districts", "mtypes"}
