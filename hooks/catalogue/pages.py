"""What every page of the site shows, as data: entry pages, section indexes,
topic / region / municipality-type pages, the home page and the search index.

Templates (overrides/) turn this into HTML; hooks/site.py turns the generated
pages into files for MkDocs. Nothing here knows either of them.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .guide import code_examples, code_rows, reference_guides, type_guides
from .links import Links, build_links, resolve_short_refs
from .model import (REFERENCES, SERVICES, TYPES, Catalogue, Entry, ReferenceItem, Service,
                    TypeSpec, as_date)
from .present import amount_range, plural, population_range, ru_date
from .schemas import FEDERAL_DISTRICTS
from .schedule import (Status, annual_label, course_status, measure_status, next_session,
                       windows)

REFERENCE_PAGE_TITLES = {
    "topic": ("Темы", "Все материалы каталога по темам."),
    "region": ("Регионы", "Меры поддержки, практики и проблемы каждого субъекта РФ."),
    "municipality_type": ("Типы муниципальных образований",
                          "Меры поддержки, доступные каждому типу муниципального образования."),
}


MY_PAGE = ("Мой муниципалитет",
           "Всё, что подходит вашему муниципальному образованию, на одной странице: меры "
           "поддержки и их сроки, практики похожих муниципалитетов, курсы, проблемы региона.")


@dataclass(frozen=True)
class Ref:
    """A resolved reference as a page shows it: the target's title and address."""
    id: str
    title: str
    url: str | None          # None for organisations (no page of their own)
    external: str | None = None


@dataclass
class GeneratedPage:
    src_uri: str             # "topics/roads-transport.md"
    title: str
    kind: str                # "type-index" | "reference-index" | "reference"
    description: str = ""
    spec: TypeSpec | None = None
    entries: list[Entry] = field(default_factory=list)
    groups: list[tuple[TypeSpec, list[Entry]]] = field(default_factory=list)
    item: ReferenceItem | None = None
    reference: str = ""      # reference list name for reference pages
    items: list[tuple[ReferenceItem, int]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.src_uri[:-len("index.md")] if self.src_uri.endswith("index.md") \
            else self.src_uri[:-3] + "/"


class Site:
    """The catalogue as the site presents it on a given day."""

    def __init__(self, catalogue: Catalogue, today: dt.date) -> None:
        self.catalogue = catalogue
        self.today = today
        self.types = TYPES
        self.services = SERVICES
        self._statuses: dict[str, Status] = {}

    @cached_property
    def links(self) -> Links:
        return build_links(self.catalogue)

    # --- entries ----------------------------------------------------------------

    @staticmethod
    def src_uri(entry: Entry) -> str:
        return f"{entry.spec.folder}/{entry.id}.md"

    def markdown(self, entry: Entry) -> str:
        """The body MkDocs renders: short references resolved, a title heading first."""
        return resolve_short_refs(entry, self.catalogue)

    def status(self, entry: Entry) -> Status:
        # Asked for by every listing that shows the entry: compute once per build.
        found = self._statuses.get(entry.id)
        if found is None:
            found = self._statuses[entry.id] = measure_status(entry, self.today)
        return found

    @staticmethod
    def annual_label(entry: Entry) -> str:
        return annual_label(entry)

    def windows_json(self, entry: Entry) -> str:
        """The dated windows for the browser to recompute the status at view time."""
        return json.dumps([[w.opens.isoformat(), w.closes.isoformat()] for w in windows(entry)])

    def status_groups(self, entries: list[Entry]) -> list[tuple[str, list[Entry]]]:
        """Measures grouped by status for the page without JavaScript, in status order."""
        titles = {"open": "Приём открыт", "upcoming": "Скоро откроется",
                  "rolling": "Приём постоянно", "annual": "Ежегодные отборы",
                  "closed": "Приём закрыт", "allocated": "Без заявок от муниципалитетов",
                  "unknown": "Сроки не указаны"}
        groups: dict[str, list[Entry]] = {}
        for entry in entries:
            groups.setdefault(self.status(entry).code, []).append(entry)
        return [(titles[code], groups[code]) for code in titles if code in groups]

    def course_status(self, entry: Entry) -> str:
        return course_status(entry, self.today)

    def next_session(self, entry: Entry):  # noqa: ANN201 - a schedule.Session or None
        return next_session(entry, self.today)

    @staticmethod
    def population_range(low: int | None, high: int | None) -> str:
        return population_range(low, high)

    def amount(self, entry: Entry) -> str:
        funding = entry.data.get("funding") or {}
        return amount_range(funding.get("min"), funding.get("max"))

    def ref(self, kind: str, ident: str | None) -> Ref | None:
        if not ident:
            return None
        target = self.catalogue.lookup(kind, ident)
        if isinstance(target, Entry):
            return Ref(target.id, target.title, target.url)
        if isinstance(target, ReferenceItem):
            folder = target.spec.folder
            return Ref(target.id, target.title, f"{folder}/{target.id}/" if folder else None,
                       target.data.get("website"))
        return None

    def refs(self, kind: str, idents: Any) -> list[Ref]:
        if not isinstance(idents, list):
            return []
        return [r for r in (self.ref(kind, i) for i in idents) if r is not None]

    def regions(self, entry: Entry) -> list[Ref] | str:
        value = entry.data.get("regions")
        return "Вся Россия" if value == "all" else self.refs("region", value)

    @staticmethod
    def district(code: str) -> str:
        return FEDERAL_DISTRICTS.get(code, "")

    def label(self, kind: str, name: str) -> str:
        return TYPES[kind].field_label(name)

    def enum_label(self, kind: str, path: str, value: Any) -> str:
        """The Russian label of an enum value, e.g. ("measure", "kind", "grant") -> «Грант»."""
        schema: Any = {"properties": TYPES[kind].properties}
        for part in path.split("."):
            schema = schema.get("properties", {}).get(part) or schema.get("items", {})
            if "items" in schema and "properties" not in schema:
                schema = schema["items"]
        return schema.get("x-labels", {}).get(value, str(value))

    def backlinks(self, entry: Entry) -> list[tuple[TypeSpec, list[Entry]]]:
        groups = self.links.grouped(entry.spec.name, entry.id)
        return [(TYPES[name], groups[name]) for name in TYPES if name in groups]

    def legal_relations(self, entry: Entry) -> list[tuple[str, list[Ref]]]:
        """A legal document's relations in both directions, as labelled lists."""
        rel = entry.data.get("relations") or {}
        out: list[tuple[str, list[Ref]]] = []
        incoming: dict[str, list[Ref]] = {"amends": [], "replaces": [], "repealed_by": []}
        # Only documents whose relations name this one (the links index): scanning
        # every legal document for each would grow with the square of their number.
        sources = {link.source.id: link.source for link in self.links.backlinks("legal", entry.id)
                   if link.field == "relations" and link.source.spec.name == "legal"}
        for other in sorted(sources.values(), key=lambda e: e.id):
            orel = other.data.get("relations") or {}
            for key in ("amends", "replaces"):
                if entry.id in (orel.get(key) or []):
                    incoming[key].append(Ref(other.id, other.title, other.url))
            if orel.get("repealed_by") == entry.id:
                incoming["repealed_by"].append(Ref(other.id, other.title, other.url))
        pairs = [("Изменяет", self.refs("legal", rel.get("amends"))),
                 ("Изменён документами", incoming["amends"]),
                 ("Заменяет", self.refs("legal", rel.get("replaces"))),
                 ("Заменён документом", incoming["replaces"]),
                 ("Утратил силу в связи с", self.refs("legal", [rel["repealed_by"]]
                                                      if rel.get("repealed_by") else [])),
                 ("Отменяет", incoming["repealed_by"])]
        return [(label, refs) for label, refs in pairs if refs]

    # --- listings ----------------------------------------------------------------------

    def sorted_entries(self, spec: TypeSpec, entries: list[Entry] | None = None) -> list[Entry]:
        items = list(self.catalogue.of_type(spec.name) if entries is None else entries)
        key = {
            "measure": lambda e: (self.status(e).sort_key(), e.title.lower()),
            "legal": lambda e: (-(as_date(e.data.get("adopted")) or dt.date.min).toordinal(),
                                e.title.lower()),
            "practice": lambda e: (-_year(e, "end", "start"), -_year(e, "start"),
                                   e.title.lower()),
            "question": lambda e: (-(as_date(e.data.get("date")) or dt.date.min).toordinal(),
                                   e.title.lower()),
            "course": lambda e: (_course_key(self, e), e.title.lower()),
            "problem": lambda e: (-int(e.data.get("reports") or 0), e.title.lower()),
        }.get(spec.name, lambda e: e.title.lower())
        return sorted(items, key=key)  # type: ignore[arg-type]

    def count(self, name: str) -> int:
        return len(self.catalogue.of_type(name))

    def service_count(self, service: Service) -> int:
        return sum(self.count(t) for t in service.types)

    def counted(self, name: str, number: int) -> str:
        forms = {"measure": ("мера", "меры", "мер"), "solution": ("решение", "решения", "решений"),
                 "legal": ("документ", "документа", "документов"),
                 "question": ("ответ", "ответа", "ответов"),
                 "practice": ("практика", "практики", "практик"),
                 "course": ("курс", "курса", "курсов"),
                 "problem": ("проблема", "проблемы", "проблем")}[name]
        return plural(number, *forms)

    def closing_soon(self, limit: int = 6) -> list[Entry]:
        found = [e for e in self.catalogue.of_type("measure")
                 if self.status(e).closing_soon(self.today)]
        return sorted(found, key=lambda e: self.status(e).sort_key())[:limit]

    def opening_soon(self, limit: int = 6) -> list[Entry]:
        found = [e for e in self.catalogue.of_type("measure")
                 if self.status(e).opening_soon(self.today)]
        return sorted(found, key=lambda e: self.status(e).sort_key())[:limit]

    def open_now(self, limit: int = 6) -> list[Entry]:
        found = [e for e in self.catalogue.of_type("measure") if self.status(e).code == "open"]
        return sorted(found, key=lambda e: self.status(e).sort_key())[:limit]

    def newest(self, name: str, limit: int = 6) -> list[Entry]:
        return self.sorted_entries(TYPES[name])[:limit]

    # --- generated pages ------------------------------------------------------------------

    @cached_property
    def generated(self) -> list[GeneratedPage]:
        pages = [GeneratedPage(f"{spec.folder}/index.md", spec.plural, "type-index",
                               spec=spec, entries=self.sorted_entries(spec))
                 for spec in TYPES.values()]
        pages.append(GeneratedPage("analytics/index.md", "Муниципальный диалог в цифрах",
                                   "analytics"))
        pages.append(GeneratedPage("my/index.md", MY_PAGE[0], "my", MY_PAGE[1]))
        pages.append(GeneratedPage("guide/fields.md", "Поля материалов и коды ошибок", "guide",
                                   "Справочник редактора, созданный из схем типов: какие поля "
                                   "есть у каждого материала и что означает каждая ошибка "
                                   "проверки."))
        for name, (title, description) in REFERENCE_PAGE_TITLES.items():
            spec = REFERENCES[name]
            items = list(self.catalogue.references[name].values())
            counted = [(item, sum(len(es) for _, es in self.reference_groups(name, item.id)))
                       for item in items]
            if name != "region":
                counted.sort(key=lambda pair: pair[0].title.lower())
            pages.append(GeneratedPage(f"{spec.folder}/index.md", title, "reference-index",
                                       description, reference=name, items=counted))
            for item in items:
                pages.append(GeneratedPage(
                    f"{spec.folder}/{item.id}.md", str(item.data.get("name", item.id)),
                    "reference", str(item.data.get("description", "")), item=item,
                    reference=name, groups=self.reference_groups(name, item.id)))
        return pages

    def field_guide(self) -> dict[str, Any]:
        """The editor guide's tables (from the schemas) and a fresh file of each type."""
        from .scaffold import reference_examples, scaffold  # only this page needs them
        examples = reference_examples(self.catalogue)
        return {"types": type_guides(), "references": reference_guides(), "codes": code_rows(),
                "examples": code_examples(),
                "scaffolds": {spec.name: scaffold(spec, "Название материала", self.today,
                                                  examples=examples)
                              for spec in TYPES.values()}}

    @cached_property
    def nationwide_measures(self) -> list[Entry]:
        """Measures open to every region (regions: all), for the region pages' count."""
        return [e for e in self.catalogue.of_type("measure") if e.data.get("regions") == "all"]

    @cached_property
    def region_calendars(self) -> dict[str, list[Entry]]:
        """{region id: measures of its calendar}; regions without dates are absent
        (my.region_calendars)."""
        from .my import region_calendars
        return region_calendars(self.catalogue)

    def region_calendar(self, region: str) -> str | None:
        """The address of a region's calendar, None when it would be empty."""
        from .my import region_calendar_path
        return region_calendar_path(region) if region in self.region_calendars else None

    def reference_groups(self, name: str, ident: str) -> list[tuple[TypeSpec, list[Entry]]]:
        return self._reference_index.get((name, ident), [])

    @cached_property
    def _reference_index(self) -> dict[tuple[str, str], list[tuple[TypeSpec, list[Entry]]]]:
        found: dict[tuple[str, str], dict[str, list[Entry]]] = {}

        def add(name: str, ident: str, entry: Entry) -> None:
            found.setdefault((name, ident), {}).setdefault(entry.spec.name, []).append(entry)

        for entry in self.catalogue:
            for topic in entry.topics:
                add("topic", topic, entry)
            if entry.spec.name == "measure":
                regions = entry.data.get("regions")
                # Federal measures are open to every region: region pages count them and
                # link to the finder instead of repeating them 89 times.
                for region in regions if isinstance(regions, list) else []:
                    add("region", region, entry)
                recipients = entry.data.get("recipients") or {}
                for mtype in recipients.get("municipality_types") or []:
                    add("municipality_type", mtype, entry)
            elif entry.spec.name == "practice":
                if entry.data.get("region"):
                    add("region", entry.data["region"], entry)
                if entry.data.get("municipality_type"):
                    add("municipality_type", entry.data["municipality_type"], entry)
            elif entry.spec.name == "problem":
                for region in entry.data.get("regions") or []:
                    add("region", region, entry)
        return {key: [(TYPES[n], self.sorted_entries(TYPES[n], groups[n]))
                      for n in TYPES if n in groups]
                for key, groups in found.items()}

    # --- search ----------------------------------------------------------------------------

    def search_text(self, entry: Entry) -> str:
        """What search knows of an entry: its summary and key facts, not the whole body."""
        return " ".join(p for p in [entry.summary, self.search_facts(entry)] if p)

    def search_facts(self, entry: Entry) -> str:
        """The key facts search knows of an entry (its type, topics, kind, status, amount,
        provider, regions, number and date, steps, headings): indexed in their own field,
        not shown in the results, where the summary is."""
        parts = [entry.spec.label]
        parts += [r.title for r in self.refs("topic", entry.topics)]
        data = entry.data
        if entry.spec.name == "measure":
            parts += [self.enum_label("measure", "kind", data.get("kind")),
                      self.status(entry).label, self.amount(entry)]
            provider = self.ref("organisation", data.get("provider"))
            parts += [provider.title] if provider else []
            regions = self.regions(entry)
            parts += [regions] if isinstance(regions, str) else [r.title for r in regions]
        elif entry.spec.name == "legal":
            parts += [self.enum_label("legal", "kind", data.get("kind")),
                      f"№ {data.get('number', '')}", ru_date(as_date(data.get("adopted")))]
        elif entry.spec.name == "practice":
            parts += [str(data.get("municipality", ""))]
            region = self.ref("region", data.get("region"))
            parts += [region.title] if region else []
            parts += [str(a) for a in data.get("awards") or []]
        elif entry.spec.name == "course":
            provider = self.ref("organisation", data.get("provider"))
            parts += [provider.title] if provider else []
        elif entry.spec.name == "solution":
            parts += [str(data.get("problem", ""))]
            parts += [str(s.get("title", "")) for s in data.get("steps") or []
                      if isinstance(s, dict)]
        parts += [line.lstrip("#").strip() for line in entry.body.splitlines()
                  if line.startswith("## ")]
        return " ".join(p for p in parts if p)

    def search_docs(self) -> list[dict[str, Any]]:
        """Search documents: {location, title, text (the summary, shown in the results),
        facts (indexed, not shown), boost (generated pages only, < 1)}."""
        docs: list[dict[str, Any]] = [
            {"location": entry.url, "title": entry.title, "text": entry.summary,
             "facts": self.search_facts(entry)}
            for entry in self.catalogue]
        for page in self.generated:
            if page.kind == "reference":   # names only: listings must not crowd entries out
                docs.append({"location": page.url, "title": page.title,
                             "text": page.description, "boost": 0.2})
        return docs


    def search_synonyms(self) -> list[list[str]]:
        """Synonym sets of content/reference/synonyms.yml for the search: [[name,
        expansion, ...], ...] (the search worker applies them to queries)."""
        return [[str(item.data.get("name", ""))] + [str(e) for e in item.data.get("expansions")
                                                      or []]
                for item in self.catalogue.references.get("synonym", {}).values()]


def _year(entry: Entry, *keys: str) -> int:
    years = entry.data.get("years") or {}
    for key in keys:
        if isinstance(years.get(key), int):
            return years[key]
    return 0


def _course_key(site: Site, entry: Entry) -> tuple[int, int]:
    session = site.next_session(entry)
    if session is not None:
        return 0, session.starts.toordinal()
    return (1, 0) if entry.data.get("on_demand") else (2, 0)
