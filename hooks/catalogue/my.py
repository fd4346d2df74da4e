"""«Мой муниципалитет» (/my/): what the browser needs beyond the finders' indexes,
and the region calendars.

The page computes in the reader's browser (overrides/assets/javascripts/my.js)
from two files written here (page_files): ``my/shared.json`` and the profile's
``my/regions/<id>.json``, the finders' records (finder.py) cut to what /my/ shows
plus what the finders do not need (``data``): application links, the documents
each measure and solution cites, what answers each problem and the dates of every
course session. Keys are short: at 10,000 entries every byte is downloaded on a
slow connection.

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
    """What /my/ needs beyond the finders' records (page_files splits it): {"bands": [[upper or null, label]], "other": {code: label},
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


# --- the files /my/ downloads -------------------------------------------------------------

# The fields of the finders' records that /my/ uses (finder.py; my.js reads them)
MEASURE_KEYS = ("id", "t", "u", "r", "m", "o", "a", "w", "mo", "rl", "na", "pn", "px")
PRACTICE_KEYS = ("id", "t", "u", "mu", "r", "d", "m", "pb", "y0", "y1")
COURSE_KEYS = ("id", "t", "u", "p", "free", "od")
PROBLEM_KEYS = ("id", "t", "u", "r", "sl", "n")


def _pick(record: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: record[k] for k in keys
            if k in record and (k == "m" or record[k] not in (None, [], ""))}


def page_files(site: "Site", bands: Iterable[tuple[int | None, str]]) -> dict[str, Any]:
    """What /my/ downloads, by site-relative path: ``my/shared.json`` (for every
    profile) and ``my/regions/<region id>.json`` (one per region, written even when
    empty), so that a profile fetches two files, not the five of the finders.

    shared.json: {"f": {"regions", "districts", "mtypes"} (finder.facets),
    "m": [federal measures], "p": [practices], "c": [courses], and my.data()'s
    "bands", "other", "cs", "t", "rc", with "ap" and "c" only for the federal
    measures and the solutions}. <region>.json: {"m": [the measures whose
    ``regions`` list the region], "pb": [its problems], "ap", "c" for those measures,
    "pr" for those problems, "t": {measure id: [title, url, "measure"]} for the
    measures answering those problems that the region's page may not hold}.
    Records are the finders' (finder.py) cut to the keys /my/ shows
    (MEASURE_KEYS …), each measure with "i", its place in the measures finder's
    order (my.js merges the two lists back into that order)."""
    from . import finder   # finder imports nothing from here; kept local like Site

    extra = data(site, bands)
    measures = finder.measure_index(site)["items"]
    regions = site.catalogue.references["region"]
    own: dict[str, dict[str, Any]] = {r: {"m": [], "pb": [], "ap": {}, "c": {}, "pr": {}, "t": {}}
                                      for r in regions}
    shared: dict[str, Any] = {
        "f": {k: v for k, v in finder.facets(site).items() if k != "topics"},
        "m": [], "bands": extra["bands"], "other": extra["other"], "ap": {}, "c": {},
        "cs": extra["cs"], "t": extra["t"], "rc": extra["rc"]}
    by_id = {}
    for place, record in enumerate(measures):
        item = {**_pick(record, MEASURE_KEYS), "i": place}
        by_id[record["id"]] = record
        targets = [shared] if record["r"] == "all" else [own[r] for r in record["r"] if r in own]
        for target in targets:
            target["m"].append(item)
            if record["id"] in extra["ap"]:
                target["ap"][record["id"]] = extra["ap"][record["id"]]
            if record["id"] in extra["c"]:
                target["c"][record["id"]] = extra["c"][record["id"]]
    for ident, ids in extra["c"].items():          # the solutions' citations
        if ident not in by_id:
            shared["c"][ident] = ids
    shared["p"] = [_pick(r, PRACTICE_KEYS) for r in finder.practice_index(site)["items"]]
    shared["k"] = [_pick(r, COURSE_KEYS) for r in finder.course_index(site)["items"]]
    for record in finder.problem_index(site)["items"]:
        item = _pick(record, PROBLEM_KEYS)
        for region in record["r"]:
            if region not in own:
                continue
            target = own[region]
            target["pb"].append(item)
            answers = extra["pr"].get(record["id"])
            if answers:
                target["pr"][record["id"]] = answers
                for ident in answers:
                    if ident in by_id:
                        target["t"][ident] = [by_id[ident]["t"], by_id[ident]["u"], "measure"]
    files = {"my/shared.json": shared}
    for region, content in own.items():
        files[f"my/regions/{region}.json"] = {k: v for k, v in content.items() if v}
    return files
