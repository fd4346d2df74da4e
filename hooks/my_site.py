"""«Мой муниципалитет» and the region calendars, wired into the build.

hooks/site.py calls these: ``context`` for the /my/ page's template and
``write`` for the files beside it (my/shared.json, my/regions/<id>.json,
calendar/regions/<id>.ics).
The rules are the engine's (hooks/catalogue/my.py).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

from catalogue import finder, ical, my
from catalogue.pages import Site


def context(site: Site) -> dict[str, Any]:
    """What the /my/ form offers: regions (by name, with their district),
    municipality types, and the region pages for readers without JavaScript."""
    return finder.facets(site)


def write(site_dir: Path, site: Site, site_url: str,
          put: Callable[[Path, bytes], None]) -> None:
    """The files /my/ downloads (my/shared.json, my/regions/<id>.json: my.page_files)
    and one calendar per region that has announced windows (its own measures and
    the federal ones); no empty calendar is written."""
    for path, content in my.page_files(site, finder.POPULATION_BANDS).items():
        put(site_dir / path,
            json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    calendars = ical.Calendars(site_url, site.today)
    regions = site.catalogue.references["region"]
    for region, measures in site.region_calendars.items():
        name = str(regions[region].data.get("name", region))
        put(site_dir / my.region_calendar_path(region),
            calendars.calendar(measures, f"Меры поддержки: {name} и федеральные"))
