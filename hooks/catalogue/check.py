"""Every check of the catalogue -> a list of located problems, all at once.

Field rules come from the JSON Schemas in schemas.py (checked with the
jsonschema package); what JSON Schema cannot say is checked here by hand:
references, date order, cycles, URL schemes, Markdown bodies, staleness.
"""
from __future__ import annotations

import datetime as dt
import difflib
import posixpath
import re
from functools import lru_cache
from typing import Any, Iterable, Iterator

import jsonschema
from jsonschema import Draft202012Validator

from . import body as md
from . import lint, quickcheck
from .fields import ID_PATTERN
from .model import (REFERENCES, TYPES, Catalogue, Entry, FieldPath, Pos, Record,
                    ReferenceItem, ReferenceSpec, TypeSpec, as_date, references,
                    walk_marked)
from .problems import Problem, field_name, problem
from .scaffold import PLACEHOLDER

_ID = re.compile(ID_PATTERN)
TYPE_NAMES_RU = {
    "string": "текст", "integer": "целое число", "number": "число", "array": "список",
    "object": "набор полей «поле: значение»", "boolean": "true или false", "null": "пусто",
}
STALE_AFTER = dt.timedelta(days=365)


def _schema(name: str) -> dict[str, Any]:
    return TYPES[name].schema() if name in TYPES else REFERENCES[name].schema()["items"]


@lru_cache(maxsize=None)
def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(_schema(name),
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


@lru_cache(maxsize=None)
def _quick(name: str) -> quickcheck.Check | None:
    return quickcheck.compile_schema(_schema(name))


def check(catalogue: Catalogue, today: dt.date) -> list[Problem]:
    """All problems of a loaded catalogue (loading problems are the loader's)."""
    out: list[Problem] = []
    for items in catalogue.references.values():
        for item in items.values():
            out += check_record(item, item.spec, catalogue)
    for entry in catalogue:
        out += check_entry(entry, catalogue, today)
    out += check_legal_cycles(catalogue)
    out += check_old_ids(catalogue)
    out += check_unused_references(catalogue)
    out += lint.check_catalogue(catalogue)
    return out


def check_entry(entry: Entry, catalogue: Catalogue, today: dt.date) -> list[Problem]:
    out: list[Problem] = []
    if not _ID.match(entry.id):
        out.append(problem(entry.pos, "id-pattern",
                           f"имя файла «{entry.id}» — только строчные латинские буквы, "
                           f"цифры и одиночные дефисы, например konkurs-malye-goroda"))
    holes = _placeholders(entry)
    # A field that still holds the scaffold's placeholder is reported once, as such.
    out += [p for p in check_record(entry, entry.spec, catalogue)
            if not any(p.field == h or p.field.startswith((h + ".", h + "[")) for h in holes)]
    out += holes.values()
    out += _dates_in_order(entry)
    out += _body(entry, catalogue)
    out += _warnings(entry, catalogue, today)
    out += lint.check_entry(entry, catalogue, today)
    return out


def _placeholders(entry: Entry) -> dict[str, Problem]:
    """Fields and body lines still holding «ЗАПОЛНИТЕ» from scripts/new.py, by field."""
    out: dict[str, Problem] = {}
    for path, value in _leaves(entry.data):
        if isinstance(value, str) and PLACEHOLDER in value:
            name = field_name(path)
            label = entry.spec.field_label(str(path[0]))
            tail = "" if path[0] in entry.spec.required else " или удалите это необязательное поле"
            out[name] = problem(entry.at(*path), "placeholder",
                                f"«{PLACEHOLDER}» не заменён: укажите «{label}»{tail}", name)
    for number, line in enumerate(entry.body.splitlines()):
        if PLACEHOLDER in line:
            out[f"body:{number}"] = problem(
                Pos(entry.pos.path, entry.body_line + number, line.index(PLACEHOLDER) + 1),
                "placeholder", f"в тексте осталась заготовка «{PLACEHOLDER}»: напишите "
                               f"текст раздела или удалите раздел", "body")
    return out


def _leaves(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, path + (index,))
    elif path:
        yield path, value


def check_record(record: Record, spec: TypeSpec | ReferenceSpec, catalogue: Catalogue
                 ) -> list[Problem]:
    """Schema, references and URLs of one entry or reference item."""
    out = list(schema_problems(record, spec))
    own_id = record.id if isinstance(record, (Entry, ReferenceItem)) else ""
    for path, target, ident in references(spec.properties, record.data):
        out += _reference(record, path, target, ident, own_id, catalogue)
    root = {"type": "object", "properties": spec.properties}
    for path, schema, value in walk_marked(root, record.data):
        if schema.get("x-url") and isinstance(value, str):
            out += _url(record, path, value)
            out += lint.url_value(record, path, value)
    return out


# --- schema --------------------------------------------------------------------

def schema_problems(record: Record, spec: TypeSpec | ReferenceSpec) -> Iterator[Problem]:
    if quickcheck.is_valid(_quick(spec.name), record.data):
        return  # certainly no schema error: skip the slower, explaining validator
    seen: set[Problem] = set()
    for error in _validator(spec.name).iter_errors(record.data):
        for found in _translate(error, record, spec):
            # e.g. «01.02.2025» fails both pattern and format: one problem, not two
            if found not in seen:
                seen.add(found)
                yield found


def _translate(error: jsonschema.ValidationError, record: Record,
               spec: TypeSpec | ReferenceSpec) -> Iterator[Problem]:
    path: FieldPath = tuple(error.absolute_path)
    name = field_name(path)
    where = record.at(*path)
    schema, value, kind = error.schema, error.instance, error.validator
    if isinstance(schema, dict) and schema.get("x-url") and kind in ("pattern", "format"):
        return  # URLs get their own check with a clearer message
    if kind == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        for key in value:
            if key in allowed:
                continue
            near = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f"возможно, вы имели в виду «{near[0]}»? " if near else ""
            yield problem(record.at(*path, key), "unknown-field",
                          f"неизвестное поле «{key}»; {hint}допустимые поля: "
                          f"{', '.join(allowed)}", field_name(path + (key,)))
    elif kind == "required":
        for key in schema.get("required", []):
            if isinstance(value, dict) and key not in value:
                label = schema.get("properties", {}).get(key, {}).get("title", key)
                yield problem(where, "required",
                              f"не заполнено обязательное поле «{key}» ({label})",
                              field_name(path + (key,)))
    elif kind == "type":
        expected = schema.get("type")
        names = [TYPE_NAMES_RU.get(t, t) for t in (expected if isinstance(expected, list)
                                                    else [expected])]
        yield problem(where, "type", f"нужно: {' или '.join(names)}; указано: "
                      f"{_show(value)}", name)
    elif kind == "enum":
        labels = schema.get("x-labels", {})
        allowed = ", ".join(f"{v} ({labels[v]})" if v in labels else str(v)
                            for v in schema["enum"])
        near = difflib.get_close_matches(str(value), [str(v) for v in schema["enum"]], n=1)
        hint = f"возможно, «{near[0]}»? " if near else ""
        yield problem(where, "enum", f"недопустимое значение {_show(value)}; {hint}"
                      f"допустимые: {allowed}", name)
    elif kind in ("minLength", "maxLength"):
        size = len(value) if isinstance(value, str) else 0
        if kind == "minLength":
            yield problem(where, "too-short", f"слишком коротко: {size} знаков, нужно не "
                          f"меньше {schema['minLength']}", name)
        else:
            yield problem(where, "too-long", f"слишком длинно: {size} знаков, допустимо не "
                          f"больше {schema['maxLength']}", name)
    elif kind in ("minItems", "maxItems"):
        if kind == "minItems":
            yield problem(where, "too-short", f"нужно хотя бы {schema['minItems']} "
                          f"значени{'е' if schema['minItems'] == 1 else 'я'}", name)
        else:
            yield problem(where, "too-long", f"не больше {schema['maxItems']} значений", name)
    elif kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        low, high = schema.get("minimum"), schema.get("maximum")
        bounds = " ".join(x for x in (f"от {low}" if low is not None else "",
                                      f"до {high}" if high is not None else "") if x)
        yield problem(where, "range", f"число {_show(value)} вне допустимых пределов "
                      f"({bounds})", name)
    elif kind == "pattern" and schema.get("format") == "date" or kind == "format":
        yield problem(where, "date", f"{_show(value)} — не дата; пишите ГГГГ-ММ-ДД, "
                      f"например 2025-03-20", name)
    elif kind == "pattern":
        if schema.get("x-ref") or schema.get("pattern") == ID_PATTERN:
            yield problem(where, "pattern", f"{_show(value)} — не id: только строчные "
                          f"латинские буквы, цифры и дефисы", name)
        else:
            yield problem(where, "pattern", f"{_show(value)} не соответствует формату "
                          f"{schema['pattern']}", name)
    elif kind in ("oneOf", "anyOf"):
        message = schema.get("x-error", "значение не подходит ни под один вариант")
        yield problem(where, "one-of", f"{message}; указано: {_show(value)}", name)
    elif kind == "uniqueItems":
        yield problem(where, "duplicate-item", "значения в списке повторяются", name)
    elif kind == "minProperties":
        yield problem(where, "required", "укажите хотя бы одно из полей: "
                      f"{', '.join(schema.get('properties', {}))}", name)
    elif kind == "const":
        yield problem(where, "enum", f"допустимо только {_show(error.validator_value)}", name)
    else:
        yield problem(where, "type", error.message, name)


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"«{value}»"
    return text if len(text) <= 80 else text[:77] + "…»"


# --- references, URLs, dates ----------------------------------------------------

def _reference(record: Record, path: FieldPath, target: str, ident: str, own_id: str,
               catalogue: Catalogue) -> list[Problem]:
    where, name = record.at(*path), field_name(path)
    if not _ID.match(ident):
        return []  # the schema already reported the malformed id
    if ident == own_id and (isinstance(record, Entry) or target in REFERENCES):
        if catalogue.lookup(target, ident) is record:
            return [problem(where, "ref-self", "материал не может ссылаться сам на себя", name)]
    renamed = None if target in REFERENCES else catalogue.renamed(ident)
    if renamed is not None and renamed.spec.name == target:
        return [problem(where, "renamed-ref", lint.renamed_message(ident, renamed), name,
                        "warning")]
    if catalogue.lookup(target, ident) is not None:
        return []
    label = TYPES[target].label if target in TYPES else REFERENCES[target].label
    other = catalogue.entries.get(ident)
    if other is not None:
        return [problem(where, "ref-type", f"«{ident}» — это {other.spec.label.lower()}, "
                        f"а здесь нужен тип «{label}»", name)]
    if target in REFERENCES:
        spec = REFERENCES[target]
        near = difflib.get_close_matches(ident, list(catalogue.references[target]), n=3)
        hint = f"; возможно: {', '.join(near)}" if near else ""
        return [problem(where, "ref-missing", f"в справочнике content/reference/{spec.file} "
                        f"нет id «{ident}»{hint}", name)]
    near = difflib.get_close_matches(ident, [e.id for e in catalogue.of_type(target)], n=3)
    hint = f"; возможно: {', '.join(near)}" if near else ""
    return [problem(where, "ref-missing", f"нет материала типа «{label}» с id «{ident}» "
                    f"(content/{TYPES[target].folder}/{ident}.md){hint}", name)]


def _url(record: Record, path: FieldPath, value: str) -> list[Problem]:
    where, name = record.at(*path), field_name(path)
    lowered = value.strip().lower()
    if lowered.startswith("https://") and len(lowered) > len("https://"):
        return []
    if lowered.startswith("http://"):
        return [problem(where, "url-insecure", f"ссылка {_show(value)} без https; если у сайта "
                        f"есть https, укажите его", name, "warning")]
    return [problem(where, "url-scheme", f"ссылка {_show(value)} должна начинаться "
                    f"с https://", name)]


def _pairs(entry: Entry) -> Iterator[tuple[FieldPath, FieldPath, str]]:
    """(earlier, later, what) pairs of dates that must be in order."""
    data = entry.data
    for i, w in enumerate(_list(data.get("schedule", {}), "windows")):
        yield ("schedule", "windows", i, "opens"), ("schedule", "windows", i, "closes"), \
            "приём не может закончиться раньше, чем начался"
    if entry.spec.name == "legal":
        yield ("adopted",), ("in_force_from",), "документ не может вступить в силу раньше, " \
                                                "чем принят"
    for i, _ in enumerate(_list(data, "sessions")):
        yield ("sessions", i, "starts"), ("sessions", i, "ends"), \
            "поток не может закончиться раньше, чем начался"
        yield ("sessions", i, "enrol_by"), ("sessions", i, "ends"), \
            "запись не может закончиться после окончания потока"
    for i, _ in enumerate(_list(data, "history")):
        yield ("since",), ("history", i, "date"), \
            "смена статуса не может быть раньше первого обращения"


def _list(data: Any, key: str) -> list[Any]:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


def _value(data: Any, path: FieldPath) -> Any:
    for part in path:
        if isinstance(part, int):
            data = data[part] if isinstance(data, list) and part < len(data) else None
        else:
            data = data.get(part) if isinstance(data, dict) else None
    return data


def _dates_in_order(entry: Entry) -> list[Problem]:
    out: list[Problem] = []
    for first, second, message in _pairs(entry):
        a, b = as_date(_value(entry.data, first)), as_date(_value(entry.data, second))
        if a and b and b < a:
            out.append(problem(entry.at(*second), "date-order",
                               f"{message}: {field_name(first)} = {a.isoformat()}, "
                               f"{field_name(second)} = {b.isoformat()}", field_name(second)))
    years = entry.data.get("years")
    if isinstance(years, dict) and isinstance(years.get("start"), int) \
            and isinstance(years.get("end"), int) and years["end"] < years["start"]:
        out.append(problem(entry.at("years", "end"), "date-order",
                           "год окончания раньше года начала", "years.end"))
    funding = entry.data.get("funding")
    if isinstance(funding, dict) and all(isinstance(funding.get(k), (int, float))
                                         for k in ("min", "max")) \
            and funding["max"] < funding["min"]:
        out.append(problem(entry.at("funding", "max"), "range",
                           "максимальная сумма меньше минимальной", "funding.max"))
    return out


# --- bodies ----------------------------------------------------------------------

def _body(entry: Entry, catalogue: Catalogue) -> list[Problem]:
    out: list[Problem] = []
    text = entry.body

    def at(found: md.Found) -> Pos:
        return Pos(entry.pos.path, entry.body_line + found.line - 1, found.col)

    for found in md.raw_html(text):
        out.append(problem(at(found), "body-html", f"HTML в тексте не допускается: "
                           f"{_show(found.text)}; используйте разметку Markdown", "body"))
    for found in md.short_refs(text):
        if found.target not in catalogue.entries and catalogue.renamed(found.target) is None:
            near = difflib.get_close_matches(found.target, list(catalogue.entries), n=3)
            hint = f"; возможно: {', '.join(near)}" if near else ""
            out.append(problem(at(found), "body-ref", f"[[{found.target}]]: нет материала с "
                               f"таким id{hint}", "body"))
        elif found.target == entry.id:
            out.append(problem(at(found), "ref-self", "материал ссылается сам на себя", "body"))
    here = posixpath.dirname(entry.spec.folder + "/" + entry.id + ".md")
    for found in md.links(text):
        target = found.target
        if _dangerous(target):
            out.append(problem(at(found), "body-link", f"ссылка {_show(target)} использует "
                               f"запрещённую схему; допустимы https:// и ссылки на материалы",
                               "body"))
            continue
        if found.image:
            out += _image(entry, catalogue, at(found), here, target, found.label)
            continue
        if _is_external(target) or target.startswith("#") or not target:
            continue
        if not _internal_exists(catalogue, here, target):
            out.append(problem(at(found), "body-link", f"ссылка {_show(target)} ведёт на "
                               f"несуществующую страницу; для материалов удобнее [[id]]",
                               "body"))
    return out


def _dangerous(target: str) -> bool:
    return bool(md.DANGEROUS_SCHEME.match(target))


def _is_external(target: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I))


def _internal_exists(catalogue: Catalogue, here: str, target: str) -> bool:
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path:
        return True
    if path.startswith("/"):
        # /measures/<id>/ style: a site address
        parts = [p for p in path.split("/") if p]
        if len(parts) == 2 and parts[1] in catalogue.entries:
            return catalogue.entries[parts[1]].spec.folder == parts[0]
        return False
    resolved = posixpath.normpath(posixpath.join(here, path))
    if resolved.endswith(".md"):
        folder, _, name = resolved.rpartition("/")
        entry = catalogue.entries.get(name[:-3])
        if entry is not None and entry.spec.folder == folder:
            return True
        return resolved in catalogue.pages
    return resolved in catalogue.assets


def _image(entry: Entry, catalogue: Catalogue, where: Any, here: str, src: str,
           alt: str) -> list[Problem]:
    out: list[Problem] = []
    if not alt.strip():
        out.append(problem(where, "image-alt", "у изображения нет описания: напишите, что на "
                           "нём, в квадратных скобках ![описание](файл)", "body"))
    if _is_external(src):
        out.append(problem(where, "image-missing", f"изображение {_show(src)} с другого сайта: "
                           f"положите файл в content/images/", "body"))
    elif posixpath.normpath(posixpath.join(here, src)) not in catalogue.assets:
        out.append(problem(where, "image-missing", f"файл {_show(src)} не найден в "
                           f"content/images/", "body"))
    return out


# --- whole-catalogue checks -----------------------------------------------------------

def check_legal_cycles(catalogue: Catalogue) -> list[Problem]:
    graph: dict[str, list[str]] = {}
    for entry in catalogue.of_type("legal"):
        rel = entry.data.get("relations")
        if not isinstance(rel, dict):
            continue
        targets = [t for key in ("amends", "replaces") for t in _strs(rel.get(key))]
        if isinstance(rel.get("repealed_by"), str):
            # "A repealed by B" means B acts on A: the edge goes B -> A.
            graph.setdefault(rel["repealed_by"], []).append(entry.id)
        graph.setdefault(entry.id, []).extend(targets)
    out: list[Problem] = []
    seen: set[str] = set()
    for start in sorted(graph):
        cycle = _find_cycle(graph, start, seen)
        if cycle:
            entry = catalogue.entries.get(cycle[0])
            found = None if entry is None else problem(
                entry.at("relations"), "legal-cycle",
                "связи документов образуют круг: " + " → ".join(cycle), "relations")
            # a document leading into a cycle finds it again from the same start
            if found is not None and found not in out:
                out.append(found)
    return out


def _find_cycle(graph: dict[str, list[str]], start: str, seen: set[str]) -> list[str]:
    stack: list[tuple[str, Iterator[str]]] = [(start, iter(graph.get(start, [])))]
    on_path = [start]
    if start in seen:
        return []
    while stack:
        node, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            on_path.pop()
            seen.add(node)
            continue
        if child in on_path:
            return on_path[on_path.index(child):] + [child]
        if child not in seen:
            stack.append((child, iter(graph.get(child, []))))
            on_path.append(child)
    return []


def _strs(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def check_old_ids(catalogue: Catalogue) -> list[Problem]:
    out: list[Problem] = []
    claimed: dict[str, Entry] = {}
    for entry in catalogue:
        for i, old in enumerate(_strs(entry.data.get("old_ids"))):
            if old in catalogue.entries:
                out.append(problem(entry.at("old_ids", i), "old-id",
                                   f"прежний id «{old}» занят действующим материалом "
                                   f"{catalogue.entries[old].pos.path}", f"old_ids[{i + 1}]"))
            elif old in claimed:
                out.append(problem(entry.at("old_ids", i), "old-id",
                                   f"прежний id «{old}» уже указан у {claimed[old].pos.path}",
                                   f"old_ids[{i + 1}]"))
            claimed[old] = entry
    return out


def used_references(catalogue: Catalogue) -> dict[str, set[str]]:
    used: dict[str, set[str]] = {name: set() for name in REFERENCES}
    records: Iterable[Record] = [*catalogue, *(i for items in catalogue.references.values()
                                               for i in items.values())]
    for record in records:
        spec = record.spec  # type: ignore[attr-defined]
        for _path, target, ident in references(spec.properties, record.data):
            if target in used:
                used[target].add(ident)
    return used


def check_unused_references(catalogue: Catalogue) -> list[Problem]:
    used = used_references(catalogue)
    out: list[Problem] = []
    for name, items in catalogue.references.items():
        if name == "region":
            continue  # every region has a page, used or not: the list is the official one
        for ident, item in items.items():
            if ident not in used[name]:
                out.append(problem(item.pos, "unused-reference",
                                   f"{REFERENCES[name].label.lower()} «{ident}» нигде не "
                                   f"используется: удалите или сошлитесь на него", "id",
                                   "warning"))
    return out


# --- warnings --------------------------------------------------------------------------

def _warnings(entry: Entry, catalogue: Catalogue, today: dt.date) -> list[Problem]:
    out: list[Problem] = []
    reviewed = entry.last_reviewed
    if reviewed and today - reviewed > STALE_AFTER:
        out.append(problem(entry.at("last_reviewed"), "stale",
                           f"проверено {reviewed.isoformat()}, больше 12 месяцев назад: сверьте "
                           f"с источником и обновите дату", "last_reviewed", "warning"))
    if entry.spec.name == "measure":
        windows = _list(entry.data.get("schedule"), "windows")
        closes = [as_date(w.get("closes")) for w in windows if isinstance(w, dict)]
        annual = isinstance(entry.data.get("schedule"), dict) and "annual" in entry.data["schedule"]
        if closes and not annual and all(c and today - c > STALE_AFTER for c in closes):
            out.append(problem(entry.at("schedule", "windows"), "measure-closed",
                               "все окна приёма закрылись больше года назад: добавьте новое "
                               "окно или опишите сроки как annual", "schedule.windows",
                               "warning"))
        for i, ident in enumerate(_strs(entry.data.get("legal_basis"))):
            target = catalogue.lookup("legal", ident)
            if isinstance(target, Entry) and target.data.get("status") == "repealed":
                out.append(problem(entry.at("legal_basis", i), "repealed-basis",
                                   f"«{target.title}» утратил силу: проверьте, на каком "
                                   f"документе мера основана теперь", f"legal_basis[{i + 1}]",
                                   "warning"))
    return out
