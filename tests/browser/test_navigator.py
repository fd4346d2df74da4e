"""The Navigator's finders in real Chromium: filters and counts against the
catalogue, the URL round trip and Back, editors' text shown as text, statuses of
the reading day, the page without JavaScript, and the .ics made in the browser.

The browser's clock is fixed to the build day, so what the finder computes in
JavaScript can be compared with what the engine computes in Python.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest

import sitebuild
from browserkit import serve

BUILD_DAY = dt.datetime(sitebuild.TODAY.year, sitebuild.TODAY.month, sitebuild.TODAY.day, 12,
                        tzinfo=dt.timezone.utc)
HOSTILE = "<img src=x onerror=alert(1)>"


def _index(site: Path, folder: str) -> dict[str, Any]:
    return json.loads((site / folder / "finder.json").read_text("utf-8"))


def _open_finder(page: Any, url: str, day: dt.datetime = BUILD_DAY) -> None:
    page.clock.set_fixed_time(day)
    page.goto(url)
    page.wait_for_selector("form[data-finder][data-ready]")


def _titles(page: Any, kind: str = "measure") -> list[str]:
    return page.locator(f"[data-finder-results={kind}] li > a").all_inner_texts()


def _count(page: Any) -> int:
    text = page.locator("[data-finder-count]").inner_text()
    match = re.search(r"Найдено: (\d+)", text)
    return int(match.group(1)) if match else 0


def _expected_measures(index: dict[str, Any], region: str = "", topic: str = "",
                       kind: str = "") -> list[dict[str, Any]]:
    return [i for i in index["items"]
            if (not region or i["r"] == "all" or region in i["r"])
            and (not topic or topic in i["tp"]) and (not kind or i["k"] == kind)]


def test_filters_and_counts_match_the_catalogue(page: Any, base_url: str,
                                                built_site: Path, cat_site: Any) -> None:
    index = _index(built_site, "measures")
    measures = cat_site.catalogue.of_type("measure")
    assert len(index["items"]) == len(measures)
    # a region with a measure of its own, and the commonest topic of measures
    region = sorted({r for i in index["items"] if i["r"] != "all" for r in i["r"]})[0]
    topic = max({t for i in index["items"] for t in i["tp"]},
                key=lambda t: (sum(t in i["tp"] for i in index["items"]), t))
    _open_finder(page, base_url + "measures/")
    assert _count(page) == len(measures)

    page.select_option("select[name=region]", region)
    expected = _expected_measures(index, region=region)
    assert _count(page) == len(expected)
    # federal measures open to everyone appear for every region, the region's own too
    assert any(i["r"] == "all" for i in expected) and any(i["r"] != "all" for i in expected)
    shown = _titles(page)
    assert set(shown) == {i["t"] for i in expected[:50]} or len(shown) == min(50, len(expected))

    page.select_option("select[name=topic]", topic)
    expected = _expected_measures(index, region=region, topic=topic)
    assert _count(page) == len(expected)
    assert set(_titles(page)) == {i["t"] for i in expected}

    # sorted by nearest deadline: the engine's order of statuses for the build day
    order = [e.title for e in cat_site.sorted_entries(cat_site.types["measure"])
             if e.title in {i["t"] for i in expected}]
    codes = [cat_site.status(e).code for e in cat_site.sorted_entries(cat_site.types["measure"])
             if e.title in {i["t"] for i in expected}]
    shown_codes = page.locator("[data-finder-results=measure] .cat-status").evaluate_all(
        "els => els.map(e => e.className.match(/cat-status--(\\w+)/)[1])")
    assert shown_codes == codes, (order, _titles(page))


def test_choices_live_in_the_url_and_back_works(page: Any, base_url: str,
                                                built_site: Path, browser_context: Any) -> None:
    index = _index(built_site, "measures")
    kinds = sorted({i["k"] for i in index["items"]})
    _open_finder(page, base_url + "measures/")
    page.select_option("select[name=kind]", kinds[0])
    first = _titles(page)
    page.select_option("select[name=kind]", kinds[-1])
    second = _titles(page)
    assert first != second
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"kind": [kinds[-1]]}

    # a shared link opens with the same choice and the same results
    other = browser_context.new_page()
    try:
        _open_finder(other, page.url)
        assert other.locator("select[name=kind]").input_value() == kinds[-1]
        assert _titles(other) == second
    finally:
        other.close()

    page.go_back()
    page.wait_for_function(f"document.querySelector('select[name=kind]').value === '{kinds[0]}'")
    assert _titles(page) == first
    assert parse_qs(urlsplit(page.url).query) == {"kind": [kinds[0]]}


def test_when_filter_uses_the_reading_day(page: Any, base_url: str, built_site: Path,
                                          cat_site: Any) -> None:
    """«открыт сейчас» on the first day of a window lists that measure, whatever the build day."""
    from catalogue.schedule import measure_status, windows
    dated = [(m, w) for m in cat_site.catalogue.of_type("measure") for w in windows(m)]
    if not dated:
        pytest.skip("no measure has a dated window")
    measure, window = min(dated, key=lambda mw: (mw[1].opens, mw[0].id))
    day = dt.datetime(window.opens.year, window.opens.month, window.opens.day, 12,
                      tzinfo=dt.timezone.utc)
    _open_finder(page, base_url + "measures/?when=now", day)
    assert measure_status(measure, window.opens).code == "open"
    assert measure.title in _titles(page)
    badge = page.locator("[data-finder-results=measure] li", has_text=measure.title) \
        .locator(".cat-status").first
    assert "cat-status--open" in (badge.get_attribute("class") or "")


def test_practice_and_course_finders(page: Any, base_url: str, built_site: Path) -> None:
    practices = _index(built_site, "practices")
    district = max({i["d"] for i in practices["items"] if i["d"]},
                   key=lambda d: (sum(i["d"] == d for i in practices["items"]), d))
    _open_finder(page, base_url + "practices/")
    page.select_option("select[name=district]", district)
    expected = {i["t"] for i in practices["items"] if i["d"] == district}
    assert set(_titles(page, "practice")) == expected
    assert _count(page) == len(expected)

    courses = _index(built_site, "courses")
    _open_finder(page, base_url + "courses/")
    page.check("input[name=free]")
    expected = {i["t"] for i in courses["items"] if i["free"]}
    assert set(_titles(page, "course")) == expected
    assert "free=1" in page.url


def test_course_format_filter_and_courses_without_format(page: Any, base_url: str,
                                                         built_site: Path) -> None:
    """format is optional: a course without it is listed under «Любой» and under no
    format (finder.js compares item.f with the chosen value)."""
    courses = _index(built_site, "courses")
    unstated = {i["t"] for i in courses["items"] if not i["f"]}
    if not unstated:
        pytest.skip("every course states its format")
    _open_finder(page, base_url + "courses/")
    assert _count(page) == len(courses["items"])
    assert unstated <= set(_titles(page, "course"))
    for fmt in courses["facets"]["formats"]:
        page.select_option("select[name=format]", fmt)
        expected = {i["t"] for i in courses["items"] if i["f"] == fmt}
        assert set(_titles(page, "course")) == expected, fmt
        assert _count(page) == len(expected)


def test_without_javascript_the_full_list_is_there(browser: Any, base_url: str,
                                                    cat_site: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + "measures/")
        assert page.locator("form[data-finder]").is_hidden()
        static = page.locator("[data-finder-static=measure]")
        assert static.is_visible()
        links = set(static.locator("td > a").all_inner_texts())
        assert links == {e.title for e in cat_site.catalogue.of_type("measure")}
        # grouped by status, with headings
        assert static.locator("h2").count() >= 1
    finally:
        context.close()


def test_ics_download_of_current_results(page: Any, base_url: str, built_site: Path,
                                         cat_site: Any) -> None:
    from catalogue.schedule import windows
    index = _index(built_site, "measures")
    dated = [i for i in index["items"] if i.get("w")]
    if not dated:
        pytest.skip("no measure has a dated window")
    _open_finder(page, base_url + "measures/")
    with page.expect_download() as info:
        page.click("[data-finder-ics]")
    data = Path(info.value.path()).read_bytes()
    calendar = icalendar.Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    total = sum(len(windows(m)) for m in cat_site.catalogue.of_type("measure"))
    assert len(events) == total
    assert all(e.get("dtstart").dt < e.get("dtend").dt for e in events)


def test_hostile_title_is_text(browser: Any, tmp_path: Path, content: Path) -> None:
    """An editor's title that looks like markup shows as text in the finder and pages."""
    copy = tmp_path / "content"
    shutil.copytree(content, copy)
    source = sorted((copy / "measures").glob("*.md"))[0]
    text = source.read_text("utf-8")
    text = re.sub(r"(?m)^title: .*$", "title: '" + HOSTILE + "'", text, count=1)
    source.write_text(text, "utf-8")
    site = sitebuild.build_or_explain(copy, tmp_path / "site")

    server, base = serve(site)
    context = browser.new_context()
    dialogs: list[str] = []
    try:
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        _open_finder(page, base + "measures/")
        assert HOSTILE in _titles(page)
        assert page.locator("[data-finder-results] img").count() == 0
        page.goto(base + f"measures/{source.stem}/")
        assert page.locator("h1").first.inner_text() == HOSTILE
        assert page.locator("article img[onerror], img[src=x]").count() == 0
        page.wait_for_timeout(200)
        assert dialogs == []
    finally:
        context.close()
        server.shutdown()


def test_calendar_feeds_parse(built_site: Path, cat_site: Any) -> None:
    """Whole-catalogue, per-topic and per-measure .ics: one event per dated window."""
    from catalogue.schedule import windows
    measures = cat_site.catalogue.of_type("measure")

    def events(path: Path) -> list[Any]:
        return icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")

    assert len(events(built_site / "calendar" / "measures.ics")) == \
        sum(len(windows(m)) for m in measures)
    for topic in cat_site.catalogue.references["topic"]:
        chosen = [m for m in measures if topic in m.topics]
        path = built_site / "calendar" / f"{topic}.ics"
        # a topic whose measures have no dated window has no calendar (none empty)
        assert path.is_file() == any(windows(m) for m in chosen)
        if path.is_file():
            assert len(events(path)) == sum(len(windows(m)) for m in chosen)
    for measure in measures:
        path = built_site / measure.url / "calendar.ics"
        assert path.is_file() == bool(windows(measure))
        if windows(measure):
            got = events(path)
            assert [e.get("dtstart").dt for e in got] == [w.opens for w in windows(measure)]
            # DTEND is exclusive: the day after the last day of the window
            assert [e.get("dtend").dt for e in got] == \
                [w.closes + dt.timedelta(days=1) for w in windows(measure)]


def test_problem_finder_filters_by_status_and_district(page: Any, base_url: str,
                                                        built_site: Path) -> None:
    problems = _index(built_site, "problems")
    status = max({i["s"] for i in problems["items"]},
                 key=lambda s: (sum(i["s"] == s for i in problems["items"]), s))
    _open_finder(page, base_url + "problems/")
    page.select_option("select[name=status]", status)
    expected = {i["t"] for i in problems["items"] if i["s"] == status}
    assert set(_titles(page, "problem")) == expected and _count(page) == len(expected)
    district = max({d for i in problems["items"] for d in i["d"]},
                   key=lambda d: (sum(d in i["d"] for i in problems["items"]), d))
    page.select_option("select[name=district]", district)
    expected = {i["t"] for i in problems["items"] if i["s"] == status and district in i["d"]}
    assert set(_titles(page, "problem")) == expected
