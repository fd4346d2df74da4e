"""The Municipal Dialogue's analytics page: its numbers equal counts computed
from the catalogue here (independently of analytics.py), each chart has its table
and an accessible SVG, and a topic with problems but no open measure is a gap."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from catalogue.schemas import FEDERAL_DISTRICTS, PROBLEM_STATUSES


@pytest.fixture(scope="module")
def page(built_site: Path) -> Any:
    return lxml.html.fromstring((built_site / "analytics" / "index.html").read_bytes())


def _table(page: Any, chart_id: str) -> dict[str, int]:
    section = page.xpath(f'//section[@aria-labelledby="{chart_id}"]')[0]
    rows = section.xpath('.//table//tbody/tr')
    return {row.xpath("string(th)").strip(): int(row.xpath("string(td)")) for row in rows}


def test_each_chart_has_an_accessible_svg_and_a_table(page: Any) -> None:
    sections = page.xpath('//section[@class="cat-chart"]')
    assert len(sections) >= 6
    for section in sections:
        svg = section.xpath(".//svg")[0]
        assert svg.get("role") == "img"
        labelled = svg.get("aria-labelledby").split()
        assert svg.xpath("./title") and svg.xpath("./desc")
        assert {svg.xpath("./title")[0].get("id"), svg.xpath("./desc")[0].get("id")} == set(labelled)
        bars = svg.xpath(".//rect")
        rows = section.xpath(".//table//tbody/tr")
        assert len(bars) == len(rows) > 0


def test_problem_counts_match_the_catalogue(page: Any, cat_site: Any) -> None:
    catalogue = cat_site.catalogue
    problems = catalogue.of_type("problem")
    topics = {i: t.data["name"] for i, t in catalogue.references["topic"].items()}
    by_topic = Counter(topics[t] for p in problems for t in p.topics)
    assert _table(page, "problems-by-topic") == dict(by_topic)
    by_status = Counter(PROBLEM_STATUSES[p.data["status"]] for p in problems)
    assert _table(page, "problems-by-status") == {label: by_status.get(label, 0)
                                                  for label in PROBLEM_STATUSES.values()}
    regions = catalogue.references["region"]
    by_district: Counter[str] = Counter()
    for p in problems:
        districts = {regions[r].data.get("federal_district") for r in p.data["regions"]}
        by_district.update(FEDERAL_DISTRICTS[d] for d in districts if d)
    assert _table(page, "problems-by-district") == {name: by_district.get(name, 0)
                                                    for name in FEDERAL_DISTRICTS.values()}
    assert sum(_table(page, "problems-by-month").values()) == len(problems)


def test_coverage_counts_match_the_catalogue(page: Any, cat_site: Any) -> None:
    catalogue = cat_site.catalogue
    topics = {i: t.data["name"] for i, t in catalogue.references["topic"].items()}
    for chart, kind in (("measures-by-topic", "measure"), ("practices-by-topic", "practice")):
        expected = Counter(topics[t] for e in catalogue.of_type(kind) for t in e.topics)
        assert _table(page, chart) == dict(expected)


def test_topic_with_problems_and_no_open_measure_is_a_gap(page: Any, cat_site: Any) -> None:
    catalogue = cat_site.catalogue
    with_problems = {t for p in catalogue.of_type("problem") for t in p.topics}
    open_measure = {t for m in catalogue.of_type("measure")
                    if cat_site.status(m).code in ("open", "rolling", "upcoming")
                    for t in m.topics}
    solved = {t for s in catalogue.of_type("solution") for t in s.topics}
    expected = {t for t in with_problems if t not in open_measure or t not in solved}
    assert expected, "the catalogue should show at least one gap"
    gaps = set(page.xpath('//table[@class="cat-gaps"]//tr/@data-topic'))
    assert gaps == expected


def test_figures_are_in_the_open_data(built_site: Path, page: Any) -> None:
    data = json.loads((built_site / "data" / "analytics.json").read_text("utf-8"))
    for chart in data["charts"]:
        if chart["rows"]:
            assert _table(page, chart["id"]) == {r["label"]: r["value"] for r in chart["rows"]}
