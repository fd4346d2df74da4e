"""The data behind the finders on the measures, practices and courses pages.

Written at build time as JSON next to each page; the browser filters it
(overrides/assets/javascripts/finder.js). Keys are short: at 10,000 measures
every byte is downloaded by a reader on a slow connection.
"""
from __future__ import annotations

from typing import Any

from .model import Entry
from .pages import Site
from .schedule import usual_months, windows
from .schemas import COURSE_FORMATS, FEDERAL_DISTRICTS, MEASURE_KINDS, PROBLEM_STATUSES

POPULATION_BANDS = (  # (upper bound, label): «municipalities like mine»
    (1_000, "до 1 тыс."), (5_000, "1–5 тыс."), (20_000, "5–20 тыс."),
    (100_000, "20–100 тыс."), (500_000, "100–500 тыс."), (None, "больше 500 тыс."),
)


def population_band(population: Any) -> int | None:
    if not isinstance(population, int):
        return None
    for index, (upper, _label) in enumerate(POPULATION_BANDS):
        if upper is None or population < upper:
            return index
    return None


def _labels(site: Site, name: str) -> dict[str, str]:
    return {i: str(item.data.get("name", i)) for i, item in site.catalogue.references[name].items()}


def facets(site: Site) -> dict[str, Any]:
    """Labels the finder shows in its controls, shared by all three indexes."""
    regions = site.catalogue.references["region"]
    return {
        "regions": [[i, str(r.data.get("name")), str(r.data.get("federal_district") or "")]
                    for i, r in sorted(regions.items(), key=lambda p: str(p[1].data.get("name")))],
        "districts": FEDERAL_DISTRICTS,
        "topics": _labels(site, "topic"),
        "mtypes": _labels(site, "municipality_type"),
    }


def _provider(site: Site, entry: Entry) -> str:
    ref = site.ref("organisation", entry.data.get("provider"))
    return ref.title if ref else ""


def measure_record(site: Site, entry: Entry) -> dict[str, Any]:
    data = entry.data
    regions = data.get("regions")
    recipients = data.get("recipients") or {}
    record: dict[str, Any] = {
        "id": entry.id, "t": entry.title, "u": entry.url, "p": _provider(site, entry),
        "k": data.get("kind"), "l": data.get("level"),
        "r": "all" if regions == "all" else list(regions or []),
        "m": list(recipients.get("municipality_types") or []),
        "o": list(recipients.get("other") or []),
        "tp": entry.topics, "a": site.amount(entry),
    }
    ws = [[w.opens.isoformat(), w.closes.isoformat()] for w in windows(entry)]
    if ws:
        record["w"] = ws
    if usual_months(entry):
        record["mo"] = usual_months(entry)
    if (data.get("schedule") or {}).get("rolling"):
        record["rl"] = 1
    if (data.get("schedule") or {}).get("no_applications"):
        record["na"] = 1
    # eligibility by size (recipients.population_min / _max): «pn» ≤ population ≤ «px»
    if isinstance(recipients.get("population_min"), int):
        record["pn"] = recipients["population_min"]
    if isinstance(recipients.get("population_max"), int):
        record["px"] = recipients["population_max"]
    return record


def measure_index(site: Site) -> dict[str, Any]:
    spec = site.types["measure"]
    return {"facets": {**facets(site), "kinds": MEASURE_KINDS},
            "items": [measure_record(site, e) for e in site.sorted_entries(spec)]}


def practice_index(site: Site) -> dict[str, Any]:
    spec = site.types["practice"]
    regions = site.catalogue.references["region"]
    items = []
    for e in site.sorted_entries(spec):
        region = regions.get(str(e.data.get("region")))
        years = e.data.get("years") or {}
        items.append({
            "id": e.id, "t": e.title, "u": e.url, "mu": e.data.get("municipality"),
            "r": e.data.get("region"),
            "d": region.data.get("federal_district") if region else None,
            "m": e.data.get("municipality_type"), "tp": e.topics,
            "pb": population_band(e.data.get("population")),
            "y0": years.get("start"), "y1": years.get("end"),
        })
    return {"facets": {**facets(site), "bands": [label for _, label in POPULATION_BANDS]},
            "items": items}


def course_index(site: Site) -> dict[str, Any]:
    spec = site.types["course"]
    items = []
    for e in site.sorted_entries(spec):
        session = site.next_session(e)
        items.append({
            "id": e.id, "t": e.title, "u": e.url, "p": _provider(site, e),
            "f": e.data.get("format"), "free": 1 if e.data.get("cost") == "free" else 0,
            "tp": e.topics, "s": session.starts.isoformat() if session else None,
            "e": session.enrol_by.isoformat() if session and session.enrol_by else None,
            "od": 1 if e.data.get("on_demand") else 0,
            "st": site.course_status(e),
        })
    return {"facets": {**facets(site), "formats": COURSE_FORMATS}, "items": items}


def problem_index(site: Site) -> dict[str, Any]:
    spec = site.types["problem"]
    regions = site.catalogue.references["region"]
    items = []
    for e in site.sorted_entries(spec):
        ids = [str(r) for r in e.data.get("regions") or []]
        districts = sorted({str(regions[r].data.get("federal_district")) for r in ids
                            if r in regions and regions[r].data.get("federal_district")})
        items.append({"id": e.id, "t": e.title, "u": e.url, "tp": e.topics, "r": ids,
                      "d": districts, "s": e.data.get("status"),
                      "sl": site.enum_label("problem", "status", e.data.get("status")),
                      "n": e.data.get("reports")})
    return {"facets": {**facets(site), "statuses": PROBLEM_STATUSES}, "items": items}


INDEXES = {"measure": measure_index, "practice": practice_index, "course": course_index,
           "problem": problem_index}


def index_for(site: Site, type_name: str) -> dict[str, Any] | None:
    builder = INDEXES.get(type_name)
    return builder(site) if builder else None

