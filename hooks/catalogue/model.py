"""Entry types, reference lists and the loaded catalogue.

A type is a small class: its name, its folder under content/ (which is also
its URL section), its Russian labels and its fields (from schemas.py). The
engine knows nothing of MkDocs: the hooks and templates read these objects.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterator

from . import schemas as s
from .fields import Schema

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Pos:
    """Where something was written: a file relative to the repository and a 1-based line."""
    path: str
    line: int = 1
    col: int = 1


@dataclass(frozen=True)
class TypeSpec:
    name: str            # "measure": what references name in x-ref
    folder: str          # "measures": content/<folder>/<id>.md and /<folder>/<id>/
    label: str           # "Мера поддержки"
    plural: str          # "Меры поддержки"
    properties: dict[str, Schema]
    required: list[str]

    def schema(self) -> Schema:
        """The JSON Schema (Draft 2020-12) of this type's front matter."""
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://municipal-catalogue.invalid/schemas/{self.name}.schema.json",
            "title": self.label,
            "type": "object",
            "properties": self.properties,
            "required": self.required,
            "additionalProperties": False,
        }

    def field_label(self, name: str) -> str:
        return self.properties.get(name, {}).get("title", name)


@dataclass(frozen=True)
class ReferenceSpec:
    name: str            # "region"
    file: str            # "regions.yml" under content/reference/
    label: str
    plural: str
    properties: dict[str, Schema]
    required: list[str]
    folder: str | None   # URL section of the generated taxonomy pages, if any

    def schema(self) -> Schema:
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://municipal-catalogue.invalid/schemas/{self.name}.schema.json",
            "title": self.plural,
            "type": "array",
            "items": {"type": "object", "properties": self.properties,
                      "required": self.required, "additionalProperties": False},
        }


TYPES: dict[str, TypeSpec] = {t.name: t for t in [
    TypeSpec("measure", "measures", "Мера поддержки", "Меры поддержки",
             s.MEASURE, s.MEASURE_REQUIRED),
    TypeSpec("solution", "solutions", "Готовое решение", "Готовые решения",
             s.SOLUTION, s.SOLUTION_REQUIRED),
    TypeSpec("legal", "legal", "Правовой документ", "Правовые документы",
             s.LEGAL, s.LEGAL_REQUIRED),
    TypeSpec("question", "questions", "Правовая консультация", "Вопросы и ответы",
             s.QUESTION, s.QUESTION_REQUIRED),
    TypeSpec("practice", "practices", "Муниципальная практика", "Муниципальные практики",
             s.PRACTICE, s.PRACTICE_REQUIRED),
    TypeSpec("course", "courses", "Курс", "Курсы",
             s.COURSE, s.COURSE_REQUIRED),
    TypeSpec("problem", "problems", "Проблема", "Проблемы муниципалитетов",
             s.PROBLEM, s.PROBLEM_REQUIRED),
]}
TYPE_BY_FOLDER = {t.folder: t for t in TYPES.values()}

REFERENCES: dict[str, ReferenceSpec] = {r.name: r for r in [
    ReferenceSpec("region", "regions.yml", "Регион", "Регионы", s.REGION,
                  ["id", "code", "name"], "regions"),
    ReferenceSpec("municipality_type", "municipality_types.yml",
                  "Тип муниципального образования", "Типы муниципальных образований",
                  s.MUNICIPALITY_TYPE, ["id", "name", "description"], "municipality-types"),
    ReferenceSpec("topic", "topics.yml", "Тема", "Темы", s.TOPIC,
                  ["id", "name", "description"], "topics"),
    ReferenceSpec("organisation", "organisations.yml", "Организация", "Организации",
                  s.ORGANISATION, ["id", "name", "short", "kind"], None),
    # Search synonyms: no entry refers to them; the search applies them to queries.
    ReferenceSpec("synonym", "synonyms.yml", "Синоним для поиска", "Синонимы для поиска",
                  s.SYNONYM, ["id", "name", "expansions"], None),
]}
REFERENCE_BY_FILE = {r.file: r for r in REFERENCES.values()}


@dataclass(frozen=True)
class Service:
    """One of the five services of the portal: a section of the site."""
    id: str
    title: str
    description: str
    types: tuple[str, ...]


SERVICES: tuple[Service, ...] = (
    Service("navigator", "Навигатор мер поддержки",
            "Гранты, субсидии и конкурсы для муниципалитетов и готовые решения по шагам.",
            ("measure", "solution")),
    Service("legal-vector", "Правовой вектор",
            "Законы и постановления с пояснениями и ответы на правовые вопросы.",
            ("legal", "question")),
    Service("practices", "Муниципальные практики",
            "Проекты, которые уже получились в других муниципалитетах, с результатами.",
            ("practice",)),
    Service("academy", "Муниципальная академия",
            "Курсы и программы обучения для глав, депутатов и муниципальных служащих.",
            ("course",)),
    Service("dialogue", "Муниципальный диалог",
            "Проблемы, о которых сообщают муниципалитеты, и что по ним сделано.",
            ("problem",)),
)


# --- loaded data ---------------------------------------------------------------

@dataclass
class Record:
    """Something loaded from content/: its data and where each field was written."""
    data: dict[str, Any]
    positions: dict[FieldPath, Pos]
    pos: Pos                                   # the record itself
    # What the editor typed, for messages, where the value is not that text: plain
    # scalars read as numbers, true/false or empty, and [flow, lists] / {flow: maps}.
    typed: dict[FieldPath, str] = field(default_factory=dict)

    def at(self, *path: str | int) -> Pos:
        """Position of a field, or of its nearest written parent."""
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.pos

    def get(self, name: str, default: Any = None) -> Any:
        return self.data.get(name, default)


@dataclass
class ReferenceItem(Record):
    spec: ReferenceSpec = field(default=None)  # type: ignore[assignment]

    @property
    def id(self) -> str:
        return str(self.data.get("id", ""))

    @property
    def title(self) -> str:
        return str(self.data.get("short") or self.data.get("name") or self.id)


@dataclass
class Entry(Record):
    """One entry: a content file with front matter and a Markdown body."""
    spec: TypeSpec = field(default=None)       # type: ignore[assignment]
    id: str = ""
    body: str = ""
    body_line: int = 1                         # line of the body's first line in the file

    kind_name: ClassVar[str] = ""

    @property
    def title(self) -> str:
        return str(self.data.get("title", self.id))

    @property
    def summary(self) -> str:
        return str(self.data.get("summary", ""))

    @property
    def topics(self) -> list[str]:
        return list(self.data.get("topics") or [])

    @property
    def last_reviewed(self) -> dt.date | None:
        return as_date(self.data.get("last_reviewed"))

    @property
    def url(self) -> str:
        """The entry's address relative to the site root: /<folder>/<id>/."""
        return f"{self.spec.folder}/{self.id}/"


def as_date(value: Any) -> dt.date | None:
    """A YYYY-MM-DD string from the data as a date; None if absent or malformed."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


@dataclass
class Catalogue:
    """Everything loaded from content/, before or after checking."""
    root: str                                            # path of content/
    entries: dict[str, Entry] = field(default_factory=dict)
    references: dict[str, dict[str, ReferenceItem]] = field(
        default_factory=lambda: {name: {} for name in REFERENCES})
    pages: list[str] = field(default_factory=list)      # hand-written pages, relative paths
    assets: list[str] = field(default_factory=list)     # images and other files, relative
    _renamed: tuple[int, dict[str, Entry]] | None = field(default=None, repr=False,
                                                          compare=False)

    def of_type(self, name: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.spec.name == name]

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def lookup(self, target: str, ident: str) -> Entry | ReferenceItem | None:
        """Resolve a reference of type ``target`` (an entry type or a reference list);
        an entry's former id (old_ids) resolves to it."""
        if target in REFERENCES:
            return self.references[target].get(ident)
        entry = self.resolve(ident)
        return entry if entry is not None and entry.spec.name == target else None

    def resolve(self, ident: str) -> Entry | None:
        """The entry with this id, or the one that lists it in old_ids (renamed)."""
        entry = self.entries.get(ident)
        return entry if entry is not None else self.renamed(ident)

    def renamed(self, old: str) -> Entry | None:
        """The entry that lists ``old`` in its old_ids, if no entry has it as its id."""
        if old in self.entries:
            return None
        return self.old_ids().get(old)

    def old_ids(self) -> dict[str, Entry]:
        """Every former id (old_ids) -> the entry that lists it.

        Built on first use and again whenever the entries change in number.
        """
        if self._renamed is None or self._renamed[0] != len(self.entries):
            found: dict[str, Entry] = {}
            for entry in self.entries.values():
                olds = entry.data.get("old_ids")
                for item in olds if isinstance(olds, list) else []:
                    if isinstance(item, str):
                        found.setdefault(item, entry)
            self._renamed = (len(self.entries), found)
        return self._renamed[1]


def walk(schema: Schema, value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, Schema, Any]]:
    """Every value in ``value`` with the schema that describes it (depth first).

    Used to find references (x-ref) and URLs (x-url) wherever a type puts them.
    """
    yield path, schema, value
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key, item in value.items():
            if key in props:
                yield from walk(props[key], item, path + (key,))
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(value):
            yield from walk(schema["items"], item, path + (index,))
    for branch in schema.get("oneOf", ()):
        if _fits(branch, value) and ("items" in branch or "properties" in branch):
            yield from walk(branch, value, path)


_MARKS = ("x-ref", "x-url")
_MARKED: dict[int, tuple[Schema, bool]] = {}


def _has_marks(schema: Schema) -> bool:
    """Whether the schema or anything inside it is a reference or a URL (cached)."""
    cached = _MARKED.get(id(schema))
    if cached is not None and cached[0] is schema:
        return cached[1]
    items = schema.get("items")
    found = (any(mark in schema for mark in _MARKS)
             or any(_has_marks(sub) for sub in schema.get("properties", {}).values())
             or (isinstance(items, dict) and _has_marks(items))
             or any(_has_marks(branch) for branch in schema.get("oneOf", ())))
    _MARKED[id(schema)] = (schema, found)   # the schema is kept, so its id stays its own
    return found


def walk_marked(schema: Schema, value: Any, path: FieldPath = ()
                ) -> Iterator[tuple[FieldPath, Schema, Any]]:
    """What ``walk`` yields for values whose schema has x-ref or x-url, in the same
    order, without descending into parts of the data that cannot hold any."""
    if "x-ref" in schema or "x-url" in schema:
        yield path, schema, value
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key, item in value.items():
            sub = props.get(key)
            if sub is not None and _has_marks(sub):
                yield from walk_marked(sub, item, path + (key,))
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        items = schema["items"]
        if _has_marks(items):
            for index, item in enumerate(value):
                yield from walk_marked(items, item, path + (index,))
    for branch in schema.get("oneOf", ()):
        if _fits(branch, value) and ("items" in branch or "properties" in branch) \
                and _has_marks(branch):
            yield from walk_marked(branch, value, path)


def _fits(schema: Schema, value: Any) -> bool:
    kind = schema.get("type")
    return ((kind == "array" and isinstance(value, list))
            or (kind == "object" and isinstance(value, dict)))


def references(spec_properties: dict[str, Schema], data: dict[str, Any]
               ) -> Iterator[tuple[FieldPath, str, str]]:
    """(field path, target type, id) for every reference field in the data."""
    root: Schema = {"type": "object", "properties": spec_properties}
    for path, schema, value in walk_marked(root, data):
        if "x-ref" in schema and isinstance(value, str):
            yield path, schema["x-ref"], value
