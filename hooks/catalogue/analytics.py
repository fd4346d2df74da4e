"""The Municipal Dialogue in figures: which problems municipalities report,
where, in what state, since when, and where the catalogue has no help yet.

Pure data: the analytics page draws these series as SVG bar charts with a
table beside each (overrides/catalogue/analytics.html); the open data export
writes them as JSON.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from .model import Entry, as_date
from .pages import Site
from .present import month_name
from .schemas import FEDERAL_DISTRICTS, PROBLEM_STATUSES


@dataclass
class Series:
    id: str
    title: str
    description: str
    unit: str                                   # what the numbers count
    rows: list[tuple[str, int]] = field(default_factory=list)   # (label, value)
    url: dict[str, str] = field(default_factory=dict)           # label -> page, if any

    @property
    def maximum(self) -> int:
        return max((v for _, v in self.rows), default=0)

    @property
    def total(self) -> int:
        return sum(v for _, v in self.rows)


@dataclass
class Gap:
    topic_id: str
    topic: str
    problems: int
    open_measures: int
    solutions: int


@dataclass
class Analytics:
    charts: list[Series]
    gaps: list[Gap]

    def as_dict(self) -> dict[str, Any]:
        return {"charts": [{**asdict(s), "rows": [{"label": k, "value": v} for k, v in s.rows]}
                           for s in self.charts],
                "gaps": [asdict(g) for g in self.gaps]}


def _district_of(site: Site, region_id: str) -> str | None:
    region = site.catalogue.references["region"].get(region_id)
    return region.data.get("federal_district") if region else None


def _districts(site: Site, entry: Entry) -> set[str]:
    regions = entry.data.get("regions")
    if entry.spec.name == "practice":
        regions = [entry.data.get("region")]
    if regions == "all":
        return set(FEDERAL_DISTRICTS)
    return {d for r in regions or [] if (d := _district_of(site, str(r)))}


def _is_open(site: Site, entry: Entry) -> bool:
    return site.status(entry).code in ("open", "rolling", "upcoming")


def build(site: Site) -> Analytics:
    problems = site.catalogue.of_type("problem")
    measures = site.catalogue.of_type("measure")
    practices = site.catalogue.of_type("practice")
    solutions = site.catalogue.of_type("solution")
    topics = site.catalogue.references["topic"]
    topic_name = {i: str(t.data.get("name", i)) for i, t in topics.items()}

    by_topic = Counter(t for p in problems for t in p.topics)
    by_district = Counter(d for p in problems for d in _districts(site, p))
    by_status = Counter(str(p.data.get("status")) for p in problems)
    by_month = Counter(d.strftime("%Y-%m") for p in problems
                       if (d := as_date(p.data.get("since"))))
    measures_by_topic = Counter(t for m in measures for t in m.topics)
    practices_by_topic = Counter(t for p in practices for t in p.topics)
    regional = [m for m in measures if m.data.get("regions") != "all"]
    measures_by_district = Counter(d for m in regional for d in _districts(site, m))
    practices_by_district = Counter(d for p in practices for d in _districts(site, p))

    def topic_rows(counter: Counter[str]) -> list[tuple[str, int]]:
        return sorted(((topic_name.get(k, k), v) for k, v in counter.items()),
                      key=lambda kv: (-kv[1], kv[0]))

    def district_rows(counter: Counter[str]) -> list[tuple[str, int]]:
        return [(name, counter.get(code, 0)) for code, name in FEDERAL_DISTRICTS.items()]

    topic_urls = {topic_name[i]: f"{t.spec.folder}/{i}/" for i, t in topics.items()}
    month_rows = [(_month_label(m), v) for m, v in sorted(by_month.items())]
    charts = [
        Series("problems-by-topic", "Проблемы по темам",
               "Сколько проблем муниципального диалога относится к каждой теме "
               "(проблема может относиться к нескольким темам).", "проблем",
               topic_rows(by_topic), topic_urls),
        Series("problems-by-district", "Проблемы по федеральным округам",
               "Сколько проблем отмечено в регионах каждого федерального округа.", "проблем",
               district_rows(by_district)),
        Series("problems-by-status", "Проблемы по статусу",
               "Где сейчас проблемы: собраны, рассматриваются, предложено решение, решены.",
               "проблем", [(label, by_status.get(code, 0))
                           for code, label in PROBLEM_STATUSES.items()]),
        Series("problems-by-month", "Новые проблемы по месяцам",
               "Сколько проблем впервые отмечено в каждом месяце.", "проблем", month_rows),
        Series("measures-by-topic", "Меры поддержки по темам",
               "Сколько мер поддержки в каталоге по каждой теме.", "мер",
               topic_rows(measures_by_topic), topic_urls),
        Series("practices-by-topic", "Практики по темам",
               "Сколько муниципальных практик в каталоге по каждой теме.", "практик",
               topic_rows(practices_by_topic), topic_urls),
        Series("measures-by-district", "Региональные меры по федеральным округам",
               f"Сколько региональных мер действует в регионах каждого округа; ещё "
               f"{len(measures) - len(regional)} федеральных мер доступны во всех округах.",
               "мер", district_rows(measures_by_district)),
        Series("practices-by-district", "Практики по федеральным округам",
               "Сколько муниципальных практик из регионов каждого округа.", "практик",
               district_rows(practices_by_district)),
    ]
    open_by_topic = Counter(t for m in measures if _is_open(site, m) for t in m.topics)
    solutions_by_topic = Counter(t for s in solutions for t in s.topics)
    gaps = [Gap(t, topic_name.get(t, t), n, open_by_topic.get(t, 0), solutions_by_topic.get(t, 0))
            for t, n in sorted(by_topic.items(), key=lambda kv: (-kv[1], kv[0]))
            if not open_by_topic.get(t) or not solutions_by_topic.get(t)]
    return Analytics(charts, gaps)


def _month_label(month: str) -> str:
    """"2026-11" -> «ноябрь 2026» (month names from Babel)."""
    year, number = month.split("-")
    return f"{month_name(int(number))} {year}"
