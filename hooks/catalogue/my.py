"""«Мой муниципалитет» (/my/): what the browser needs beyond the finders' indexes,
and the region calendars.

The page computes in the reader's browser (overrides/assets/javascripts/my.js)
from the four finder indexes (finder.py) and one more file written here,
``my/data.json``: application links, the documents each measure and solution
cites, what answers each problem and the dates of every course session. Keys are
short: at 10,000 entries every byte is downloaded on a slow connection.

The selection rules (which measures, practices, courses and problems apply to a
profile on a given day) live in my.js; tests/browser/test_my.py computes them
again in Python from this engine's data.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from . import body as md
from .model import Catalogue, Entry, references
from .schedule import windows
from .schemas import OTHER_RECIPIENTS

if TYPE_CHECKING:
    from .pages import Site

CITED = ("legal", "question")          # what «most cited» counts


def cited(site: "Site", entry: Entry) -> list[str]:
    """Ids of the legal documents and Q&A an entry refers to (fields and [[id]] in its
    text), each once, in the order first met."""
    found: dict[str, None] = {}
    for _path, target, ident in references(entry.spec.properties, entry.data):
        if target in CITED and ident in site.catalogue.entries:
            found[ident] = None
    for ref in md.short_refs(entry.body):
        other = site.catalogue.entries.get(ref.target)
        if other is not None and other is not entry and other.spec.name in CITED:
            found[other.id] = None
    return list(found)


def data(site: "Site", bands: Iterable[tuple[int | None, str]]) -> dict[str, Any]:
    """my/data.json: {"bands": [[upper or null, label]], "other": {code: label},
    "ap": {measure id: application URL}, "c": {measure or solution id: [cited ids]},
    "pr": {problem id: [ids of what answers it]}, "cs": {course id: [[starts,
    enrol_by or ""]]}, "t": {id: [title, url, type]} for the solutions, legal
    documents and Q&A named by the above, "rc": [regions that have a calendar]}.
    Dates are YYYY-MM-DD."""
    catalogue = site.catalogue
    titles: dict[str, list[str]] = {}

    def name(ident: str) -> None:
        entry = catalogue.entries.get(ident)
        if entry is not None and entry.spec.name != "measure":
            titles[ident] = [entry.title, entry.url, entry.spec.name]

    apply: dict[str, str] = {}
    cites: dict[str, list[str]] = {}
    for entry in catalogue.of_type("measure"):
        if entry.data.get("apply_url"):
            apply[entry.id] = str(entry.data["apply_url"])
        found = cited(site, entry)
        if found:
            cites[entry.id] = found
    answers: dict[str, list[str]] = {}
    for entry in catalogue.of_type("problem"):
        related = entry.data.get("related") or {}
        ids = [str(i) for key in ("solutions", "measures", "legal")
               for i in related.get(key) or [] if str(i) in catalogue.entries]
        if ids:
            answers[entry.id] = ids
        for ident in ids:
            other = catalogue.entries[ident]
            if other.spec.name == "solution" and ident not in cites:
                cites[ident] = cited(site, other)
    sessions: dict[str, list[list[str]]] = {}
    for entry in catalogue.of_type("course"):
        found_sessions = [[str(s.get("starts")), str(s.get("enrol_by") or "")]
                          for s in entry.data.get("sessions") or []
                          if isinstance(s, dict) and s.get("starts")]
        if found_sessions:
            sessions[entry.id] = found_sessions
    for ids in [*answers.values(), *cites.values()]:
        for ident in ids:
            name(ident)
    return {"bands": [[upper, label] for upper, label in bands], "other": OTHER_RECIPIENTS,
            "ap": apply, "c": cites, "pr": answers, "cs": sessions, "t": titles,
            "rc": sorted(site.region_calendars)}


# --- region calendars -------------------------------------------------------------------

def region_calendars(catalogue: Catalogue) -> dict[str, list[Entry]]:
    """{region id: the measures of its calendar}: measures open to the region (its own,
    whose ``regions`` list it, and the federal ones, ``regions: all``) that have at
    least one announced window, by id. A region without any has no entry: its
    calendar is neither written nor offered."""
    federal, own = [], {}
    for entry in catalogue.of_type("measure"):
        if not windows(entry):
            continue
        regions = entry.data.get("regions")
        if regions == "all":
            federal.append(entry)
        elif isinstance(regions, list):
            for region in regions:
                own.setdefault(str(region), []).append(entry)
    out = {}
    for region in catalogue.references["region"]:
        chosen = federal + own.get(region, [])
        if chosen:
            out[region] = sorted(chosen, key=lambda e: e.id)
    return out


def region_calendar_path(region: str) -> str:
    """Site-relative address of a region's calendar (.ics)."""
    return f"calendar/regions/{region}.ics"
