"""Open data: the whole catalogue as JSON and CSV files, with their JSON Schemas.

Written into the built site under ``data/`` (hooks/site.py, on_post_build)::

    data/catalogue.json              every entry, sorted by id
    data/<type>.json                 the entries of one type (measure.json, legal.json, ...)
    data/<type>.csv                  the same for Excel (see «CSV» below)
    data/reference/<list>.json       the reference lists entries point into (regions, ...)
    data/analytics.json              the figures of /analytics/ (written by hooks/site.py)

and beside them, for each JSON file, the JSON Schema (Draft 2020-12) of THAT file,
as exported, named after it: a reader validates the file they downloaded against
the schema of the same name::

    data/schemas/catalogue.schema.json        catalogue.json: wrapper, records of every type
    data/schemas/<type>.schema.json           <type>.json: wrapper {type, updated, count,
                                              entries}, records of that type (record_schema)
    data/schemas/reference/<list>.schema.json reference/<list>.json (a list of items)
    data/schemas/analytics.schema.json        analytics.json

(The schema of an editor's front matter alone is schemas/<type>.schema.json in the
repository, for editors' tools; an exported record is that plus id, type, url and
body_markdown.) tests/test_open_data.py validates every file against its schema with
check-jsonschema, another validator than the jsonschema package the engine uses.

An exported entry is its front matter exactly as written in content/ plus four
keys of ours: ``id``, ``type`` (measure, legal, ...), ``url`` (its page) and
``body_markdown`` (the text under the front matter, as the editor wrote it,
[[id]] references included). No front-matter field has any of these names
(``_record`` checks it).

Output is deterministic: entries sorted by id, object keys sorted, the
``updated`` stamp is the newest ``last_reviewed`` of the entries (not the build
time), so the same content gives byte-identical files.

CSV
---
For spreadsheet users with a Russian locale: UTF-8 with a byte order mark (so
Excel detects the encoding), ``;`` as the separator (Excel's list separator in
the Russian locale, where ``,`` is the decimal comma), CRLF line ends, fields
quoted when needed. One row per entry; the columns are ``id``, ``url``, every
field of the type's schema in the schema's order, then ``body_markdown``. The
header row holds the field names (as in the JSON); their Russian labels are
the ``title`` of each field in the JSON Schema. Values:

- nested objects are flattened into dotted columns: ``funding.max``,
  ``schedule.annual.months``, ``relations.amends``;
- lists of plain values are joined with «; » (``topics``: ``roads; housing``);
- lists of objects (``schedule.windows``, ``steps``, ``sessions``, ``budget.sources``,
  ``results``, ``history``, ``images``) are one cell of JSON text: they are tables
  of their own and keep their structure that way;
- numbers with a fraction use the decimal comma (``12,5``), as Russian Excel reads
  them; true/false are «да»/«нет»; dates stay ``YYYY-MM-DD``;
- a text cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage
  return) gets a leading apostrophe, so that Excel never runs it as a formula.

CSV loses some exactness by design (a «; » inside a list item, the apostrophe);
programs should read the JSON.
"""
from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path
from typing import Any, Iterable

from .derive import DERIVED
from .fields import Schema
from .model import REFERENCES, TYPES, Catalogue, Entry, TypeSpec
from .urls import absolute

DATA_DIR = "data"
SCHEMA_ID_BASE = "https://municipal-catalogue.invalid/schemas/"
OWN_KEYS = ("id", "type", "url", "body_markdown")
LIST_SEPARATOR = "; "
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# --- records -------------------------------------------------------------------------

def record(entry: Entry, site_url: str = "") -> dict[str, Any]:
    """One exported entry: its front matter as written plus id, type, url, body_markdown."""
    clash = [key for key in OWN_KEYS if key in entry.data]
    if clash:  # the schemas have no such fields; this guards a future one
        raise ValueError(f"{entry.pos.path}: поле {clash[0]} совпадает со служебным полем выгрузки")
    # A shallow copy: only our four top-level keys are added, nothing nested changes.
    return {**entry.data, "id": entry.id, "type": entry.spec.name,
            "url": absolute(site_url, entry.url), "body_markdown": entry.body}


def records(catalogue: Catalogue, site_url: str = "", type_name: str | None = None
            ) -> list[dict[str, Any]]:
    entries = catalogue if type_name is None else catalogue.of_type(type_name)
    return [record(e, site_url) for e in sorted(entries, key=lambda e: e.id)]


def _updated(items: list[dict[str, Any]]) -> str | None:
    dates = [str(r["last_reviewed"]) for r in items if r.get("last_reviewed")]
    return max(dates) if dates else None


def catalogue_document(catalogue: Catalogue, site_url: str = "",
                       items: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """catalogue.json; ``items`` are the records when the caller made them already."""
    items = records(catalogue, site_url) if items is None else items
    counts = {name: 0 for name in TYPES}
    for item in items:
        counts[item["type"]] += 1
    return {"updated": _updated(items), "count": len(items), "counts": counts,
            "entries": items}


def type_document(catalogue: Catalogue, type_name: str, site_url: str = "",
                  items: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """<type>.json; ``items`` may be all records, of every type (they are filtered)."""
    items = (records(catalogue, site_url, type_name) if items is None
             else [r for r in items if r["type"] == type_name])
    return {"type": type_name, "updated": _updated(items), "count": len(items),
            "entries": items}


# --- schemas ---------------------------------------------------------------------------

def record_schema(spec: TypeSpec) -> Schema:
    """An exported entry of this type: the front matter schema plus our four keys."""
    own: dict[str, Schema] = {
        "id": {"type": "string", "title": "Id",
               "description": "Имя файла без .md: постоянный идентификатор материала."},
        "type": {"const": spec.name, "title": "Тип", "description": spec.label},
        "url": {"type": "string", "title": "Страница на сайте",
                "description": "Адрес страницы материала."},
        "body_markdown": {"type": "string", "title": "Текст",
                          "description": "Текст материала в Markdown, как его написал "
                                         "редактор; [[id]] — ссылка на другой материал."},
    }
    front = spec.schema()
    derived = copy.deepcopy(DERIVED.get(spec.name, {}))
    return {"type": "object", "title": spec.label,
            "properties": {**own, **copy.deepcopy(front["properties"]), **derived},
            "required": [*OWN_KEYS, *front["required"]],
            "additionalProperties": False}


_UPDATED: Schema = {"type": ["string", "null"], "format": "date", "title": "Обновлено",
                    "description": "Самая поздняя дата проверки (last_reviewed) "
                                   "среди материалов файла."}
_COUNT: Schema = {"type": "integer", "minimum": 0, "title": "Число материалов"}


def catalogue_schema() -> Schema:
    """The schema of data/catalogue.json: every entry, of every type."""
    names = list(TYPES)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID_BASE + "catalogue.schema.json",
        "title": "Муниципальный навигатор: выгрузка материалов",
        "description": "Файл data/catalogue.json: все материалы каталога. Файлы одного "
                       "типа (data/<тип>.json) описаны схемами data/schemas/<тип>.schema.json.",
        "type": "object",
        "properties": {
            "updated": _UPDATED,
            "count": _COUNT,
            "counts": {"type": "object", "title": "Материалов каждого типа",
                       "properties": {n: {"type": "integer", "minimum": 0} for n in names},
                       "required": names, "additionalProperties": False},
            "entries": {"type": "array", "title": "Материалы",
                        "items": {"$ref": "#/$defs/entry"}},
        },
        "required": ["updated", "count", "counts", "entries"],
        "additionalProperties": False,
        "$defs": {
            "entry": {
                "type": "object",
                "required": ["type"],
                "properties": {"type": {"enum": names}},
                "allOf": [{"if": {"properties": {"type": {"const": n}}},
                           "then": {"$ref": f"#/$defs/{n}"}} for n in names],
            },
            **{n: record_schema(spec) for n, spec in TYPES.items()},
        },
    }


def type_schema(spec: TypeSpec) -> Schema:
    """The schema of data/<type>.json: {type, updated, count, entries}, each entry a
    record of this type (``record_schema``: front matter plus id, type, url,
    body_markdown). Self-contained: no reference to another file."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID_BASE + f"{spec.name}.schema.json",
        "title": f"Муниципальный навигатор: {spec.plural.lower()}",
        "description": f"Файл data/{spec.name}.json: материалы типа «{spec.label}» "
                       f"({spec.name}), как их выгружает сайт.",
        "type": "object",
        "properties": {
            "type": {"const": spec.name, "title": "Тип материалов в файле"},
            "updated": _UPDATED,
            "count": _COUNT,
            "entries": {"type": "array", "title": "Материалы", "items": record_schema(spec)},
        },
        "required": ["type", "updated", "count", "entries"],
        "additionalProperties": False,
    }


def analytics_schema() -> Schema:
    """The schema of data/analytics.json (analytics.Analytics.as_dict)."""
    text = {"type": "string"}
    count = {"type": "integer", "minimum": 0}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID_BASE + "analytics.schema.json",
        "title": "Муниципальный диалог в цифрах",
        "description": "Файл data/analytics.json: ряды графиков страницы /analytics/ "
                       "и темы, где помощи пока нет.",
        "type": "object",
        "properties": {
            "charts": {"type": "array", "title": "Графики", "items": {
                "type": "object",
                "properties": {
                    "id": text, "title": text, "description": text,
                    "unit": {"type": "string", "title": "Что считают числа"},
                    "rows": {"type": "array", "items": {
                        "type": "object",
                        "properties": {"label": text, "value": count},
                        "required": ["label", "value"], "additionalProperties": False}},
                    "url": {"type": "object", "title": "Страница для подписи строки",
                            "additionalProperties": text},
                },
                "required": ["id", "title", "description", "unit", "rows", "url"],
                "additionalProperties": False}},
            "gaps": {"type": "array", "title": "Где помощи пока нет", "items": {
                "type": "object",
                "properties": {"topic_id": text, "topic": text, "problems": count,
                               "open_measures": count, "solutions": count},
                "required": ["topic_id", "topic", "problems", "open_measures", "solutions"],
                "additionalProperties": False}},
        },
        "required": ["charts", "gaps"],
        "additionalProperties": False,
    }


# --- CSV -------------------------------------------------------------------------------

Column = tuple[str, tuple[str, ...]]     # header, path into the record


def csv_columns(spec: TypeSpec) -> list[Column]:
    """id, url, every schema field (objects flattened into dotted names), body_markdown."""
    columns: list[Column] = [("id", ("id",)), ("url", ("url",))]

    def visit(prefix: tuple[str, ...], properties: dict[str, Schema]) -> None:
        for name, schema in properties.items():
            path = prefix + (name,)
            if schema.get("type") == "object" and schema.get("properties"):
                visit(path, schema["properties"])
            else:
                columns.append((".".join(path), path))

    visit((), spec.properties)
    columns.append(("body_markdown", ("body_markdown",)))
    return columns


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value).replace(".", ",")
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        if all(not isinstance(v, (list, dict)) for v in value):
            return LIST_SEPARATOR.join(_scalar(v) for v in value)
        return json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)
    return _scalar(value)


def _get(item: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = item
    for part in path:
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def csv_table(spec: TypeSpec, items: Iterable[dict[str, Any]]) -> bytes:
    """Exported records of one type as CSV for Excel (UTF-8 BOM, «;», CRLF)."""
    columns = csv_columns(spec)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n",
                        quoting=csv.QUOTE_MINIMAL)
    writer.writerow([header for header, _ in columns])
    for item in items:
        writer.writerow([csv_cell(_get(item, path)) for _, path in columns])
    return buffer.getvalue().encode("utf-8-sig")


# --- files -----------------------------------------------------------------------------

def _json(data: Any) -> bytes:
    # Compact: without indent json.dumps runs its C encoder, several times faster
    # on a catalogue of thousands of entries; readers of open data parse it anyway.
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, allow_nan=False,
                       separators=(",", ":")) + "\n").encode("utf-8")


def reference_items(catalogue: Catalogue, name: str) -> list[dict[str, Any]]:
    return [copy.deepcopy(item.data) for _, item in
            sorted(catalogue.references[name].items())]


def files(catalogue: Catalogue, site_url: str = "") -> dict[str, bytes]:
    """Every open-data file: path under the site root -> content."""
    out: dict[str, bytes] = {}
    everything = records(catalogue, site_url)
    out[f"{DATA_DIR}/catalogue.json"] = _json(catalogue_document(catalogue, site_url, everything))
    out[f"{DATA_DIR}/schemas/catalogue.schema.json"] = _json(catalogue_schema())
    for name, spec in TYPES.items():
        document = type_document(catalogue, name, site_url, everything)
        out[f"{DATA_DIR}/{name}.json"] = _json(document)
        out[f"{DATA_DIR}/{name}.csv"] = csv_table(spec, document["entries"])
        out[f"{DATA_DIR}/schemas/{name}.schema.json"] = _json(type_schema(spec))
    out[f"{DATA_DIR}/schemas/analytics.schema.json"] = _json(analytics_schema())
    for name, ref_spec in REFERENCES.items():
        out[f"{DATA_DIR}/reference/{name}.json"] = _json(reference_items(catalogue, name))
        out[f"{DATA_DIR}/schemas/reference/{name}.schema.json"] = _json(ref_spec.schema())
    return dict(sorted(out.items()))


def write(out_dir: str | Path, catalogue: Catalogue, site_url: str = "") -> list[Path]:
    """Write every open-data file under out_dir (the built site); return their paths."""
    written = []
    for rel, data in files(catalogue, site_url).items():
        path = Path(out_dir) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


def manifest(catalogue: Catalogue) -> list[dict[str, Any]]:
    """What the «Открытые данные» page lists: one row per type and one for everything."""
    rows = [{"name": "catalogue", "title": "Все материалы", "count": len(catalogue.entries),
             "json": f"{DATA_DIR}/catalogue.json", "csv": None,
             "schema": f"{DATA_DIR}/schemas/catalogue.schema.json"}]
    for name, spec in TYPES.items():
        rows.append({"name": name, "title": spec.plural, "count": len(catalogue.of_type(name)),
                     "json": f"{DATA_DIR}/{name}.json", "csv": f"{DATA_DIR}/{name}.csv",
                     "schema": f"{DATA_DIR}/schemas/{name}.schema.json"})
    for name, ref_spec in REFERENCES.items():
        rows.append({"name": name, "title": f"Справочник: {ref_spec.plural.lower()}",
                     "count": len(catalogue.references[name]),
                     "json": f"{DATA_DIR}/reference/{name}.json", "csv": None,
                     "schema": f"{DATA_DIR}/schemas/reference/{name}.schema.json"})
    rows.append({"name": "analytics", "title": "Муниципальный диалог в цифрах", "count": None,
                 "json": f"{DATA_DIR}/analytics.json", "csv": None,
                 "schema": f"{DATA_DIR}/schemas/analytics.schema.json"})
    return rows
