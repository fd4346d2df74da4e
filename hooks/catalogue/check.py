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
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import jsonschema
from jsonschema import Draft202012Validator

from . import body as md
from . import lint, quickcheck
from .fields import ID_PATTERN
from .model import (REFERENCES, TYPES, Catalogue, Entry, FieldPath, Pos, Record,
                    ReferenceItem, ReferenceSpec, TypeSpec, as_date, record_references,
                    references,
                    walk_marked)
from .chars import LIST_DASH, describe_odd, unmasked
from .problems import Problem, count_words as plural, field_name, problem
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


def check(catalogue: Catalogue, today: dt.date,
          entry_check: Callable[[Entry, Catalogue, dt.date], list[Problem]] | None = None
          ) -> list[Problem]:
    """All problems of a loaded catalogue (loading problems are the loader's).
    ``entry_check`` stands in for ``check_entry`` (incremental.py remembers its answers)."""
    out: list[Problem] = []
    for items in catalogue.references.values():
        for item in items.values():
            out += check_record(item, item.spec, catalogue)
    for entry in catalogue:
        out += (entry_check or check_entry)(entry, catalogue, today)
    out += check_legal_cycles(catalogue)
    out += check_old_ids(catalogue)
    out += check_unused_references(catalogue)
    out += lint.check_catalogue(catalogue)
    out += check_pages(catalogue)
    return out


def check_entry(entry: Entry, catalogue: Catalogue, today: dt.date) -> list[Problem]:
    out: list[Problem] = []
    if not _ID.match(entry.id):
        odd = describe_odd(entry.id)
        out.append(problem(entry.pos, "id-pattern",
                           f"имя файла «{entry.id}» — только строчные латинские буквы, "
                           f"цифры и одиночные дефисы, например konkurs-malye-goroda"
                           + (f"; в нём {odd}" if odd else "")))
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
    out = list(schema_problems(record, spec, catalogue))
    own_id = record.id if isinstance(record, (Entry, ReferenceItem)) else ""
    for path, target, ident in references(spec.properties, record.data):
        out += _reference(record, path, target, ident, own_id, catalogue)
    root = {"type": "object", "properties": spec.properties}
    for path, schema, value in walk_marked(root, record.data):
        if schema.get("x-url") and isinstance(value, str):
            out += _odd_chars(record, path, value, "ссылке") or \
                (_url(record, path, value) + lint.url_value(record, path, value))
    return out


# --- schema --------------------------------------------------------------------

def schema_problems(record: Record, spec: TypeSpec | ReferenceSpec,
                    catalogue: Catalogue | None = None) -> Iterator[Problem]:
    if quickcheck.is_valid(_quick(spec.name), record.data):
        return  # certainly no schema error: skip the slower, explaining validator
    seen: set[Problem] = set()
    for error in _validator(spec.name).iter_errors(record.data):
        for found in _translate(error, record, spec, catalogue):
            # e.g. «01.02.2025» fails both pattern and format: one problem, not two
            if found not in seen:
                seen.add(found)
                yield found


def _translate(error: jsonschema.ValidationError, record: Record,
               spec: TypeSpec | ReferenceSpec, catalogue: Catalogue | None = None
               ) -> Iterator[Problem]:
    path: FieldPath = tuple(error.absolute_path)
    name = field_name(path)
    where = record.at(*path)
    schema, value, kind = error.schema, error.instance, error.validator
    typed = typed_value(record, path, value)
    if isinstance(schema, dict) and schema.get("x-url") and kind in ("pattern", "format"):
        return  # URLs get their own check with a clearer message
    if kind == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        for key in value:
            if key in allowed:
                continue
            at, key_name = record.at(*path, key), field_name(path + (key,))
            odd = describe_odd(key)
            if odd:
                yield problem(at, "invisible-char", f"в имени поля «{key}» {odd}", key_name)
                continue
            if key == "id" and not path and isinstance(record, Entry):
                yield problem(at, "unknown-field", f"поле «id» не пишут: id материала — имя "
                              f"его файла ({record.id}.md); чтобы сменить id, переименуйте "
                              f"файл и запишите прежний id в old_ids", key_name)
                continue
            if isinstance(key, str) and not re.fullmatch(r"[A-Za-z_][\w-]*", key):
                # a field name is one Latin word: «в Вологодской области: отбор» is text,
                # the continuation of the line above written from the left edge
                yield problem(at, "unknown-field",
                              f"«{key}: …» — не имя поля, а текст: если это продолжение "
                              f"значения из строки выше, допишите его в конец той строки "
                              f"и возьмите всё значение в кавычки (в нём есть «: »)",
                              key_name)
                continue
            near = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f"возможно, вы имели в виду «{near[0]}»? " if near else ""
            yield problem(at, "unknown-field",
                          f"неизвестное поле «{key}»; {hint}допустимые поля: "
                          f"{', '.join(allowed)}", key_name)
    elif kind == "required":
        for key in schema.get("required", []):
            if isinstance(value, dict) and key not in value \
                    and not any(unmasked(k) == key for k in value):  # invisible-char says it
                label = schema.get("properties", {}).get(key, {}).get("title", key)
                yield problem(where, "required",
                              f"не заполнено обязательное поле «{key}» ({label})",
                              field_name(path + (key,)))
    elif kind == "type":
        if isinstance(schema, dict) and "enum" in schema:
            return  # the enum error names the value and every allowed one
        yield _type_problem(schema, value, typed, record, path, catalogue)
    elif kind == "enum":
        labels = schema.get("x-labels", {})
        allowed = ", ".join(f"{v} ({labels[v]})" if v in labels else yamlish(v)
                            for v in schema["enum"])
        odd = describe_odd(value) if isinstance(value, str) else ""
        if odd:
            yield problem(where, "invisible-char", f"в значении {typed} {odd}; допустимые: "
                          f"{allowed}", name)
            return
        named = [v for v, label in labels.items()
                 if isinstance(value, str) and _norm(label) == _norm(value)]
        if named:   # the label typed instead of the value: «kind: Субсидия»
            yield problem(where, "ref-name", f"«{value}» — это название, а не значение: "
                          f"пишите {named[0]}", name)
            return
        near = difflib.get_close_matches(str(value), [str(v) for v in schema["enum"]], n=1)
        hint = f"возможно, «{near[0]}»? " if near else ""
        yield problem(where, "enum", f"недопустимое значение {typed}; {hint}"
                      f"допустимые: {allowed}", name)
    elif kind in ("minLength", "maxLength"):
        size = len(value) if isinstance(value, str) else 0
        if kind == "minLength":
            yield problem(where, "too-short", "слишком коротко: " + plural(
                size, "знак", "знака", "знаков") + f", нужно не меньше {schema['minLength']}",
                name)
        else:
            yield problem(where, "too-long", "слишком длинно: " + plural(
                size, "знак", "знака", "знаков") + f", допустимо не больше {schema['maxLength']}",
                name)
    elif kind in ("minItems", "maxItems"):
        if kind == "minItems":
            yield problem(where, "too-short", "нужно хотя бы " + plural(
                schema["minItems"], "значение", "значения", "значений"), name)
        else:
            yield problem(where, "too-long", "не больше " + plural(
                schema["maxItems"], "значения", "значений", "значений"), name)
    elif kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        low, high = schema.get("minimum"), schema.get("maximum")
        bounds = " ".join(x for x in (f"от {low}" if low is not None else "",
                                      f"до {high}" if high is not None else "") if x)
        yield problem(where, "range", f"число {typed} вне допустимых пределов "
                      f"({bounds})", name)
    elif kind == "pattern" and schema.get("format") == "date" or kind == "format":
        iso = date_advice(value) if isinstance(value, str) else None
        yield problem(where, "date", f"{typed} — не дата; пишите ГГГГ-ММ-ДД" +
                      (f": {iso}" if iso else ", например 2025-03-20"), name)
    elif kind == "pattern":
        if schema.get("x-ref") or schema.get("pattern") == ID_PATTERN:
            yield _id_problem(schema, value, typed, where, name, catalogue)
        else:
            yield problem(where, "pattern", f"{typed} не соответствует формату: "
                          f"{schema.get('description') or schema['pattern']}", name)
    elif kind in ("oneOf", "anyOf"):
        hint = _one_of_hint(schema, value, catalogue)
        inner = None if hint else _matching_branch(error, value)
        consts = [e.validator_value for e in inner or () if e.validator == "const"]
        if inner and len(consts) == len(inner) and "x-error" in schema:
            # «cost: бесплатно» fits the type of the «free» branch only: «допустимо только
            # free» would hide the other branches (a sum); x-error names every one
            inner, hint = None, ("enum", "")
        if inner is not None:
            for sub in inner:
                yield from _translate(sub, record, spec, catalogue)
            return
        message = schema.get("x-error", "значение не подходит ни под один вариант")
        yield problem(where, hint[0] if hint else "one-of",
                      f"{message}; указано: {typed}{hint[1] if hint else ''}", name)
    elif kind == "uniqueItems":
        yield problem(where, "duplicate-item", "значения в списке повторяются", name)
    elif kind == "minProperties":
        yield problem(where, "required", "укажите хотя бы одно из полей: "
                      f"{', '.join(schema.get('properties', {}))}", name)
    elif kind == "const":
        if isinstance(schema, dict) and "type" in schema \
                and _json_type(value) not in _types_of(schema):
            return  # the type error says it, with what to write
        yield problem(where, "enum", f"допустимо только {yamlish(error.validator_value)}; "
                      f"указано: {typed}", name)
    else:
        yield problem(where, "type", f"значение {typed} не подходит для этого поля: "
                      f"{schema.get('description', '') if isinstance(schema, dict) else ''}"
                      .rstrip(": "), name)


def _matching_branch(error: jsonschema.ValidationError, value: Any
                     ) -> list[jsonschema.ValidationError] | None:
    """The errors of the one branch of a oneOf/anyOf whose type the value has, if any:
    `regions: [Вологодская область]` is a list, so its list branch explains it."""
    branches = error.validator_value if isinstance(error.validator_value, list) else []
    fitting = [i for i, b in enumerate(branches)
               if isinstance(b, dict) and _json_type(value) in _types_of(b)]
    if len(fitting) != 1 or not error.context:
        return None
    inner = [e for e in error.context if e.relative_schema_path
             and e.relative_schema_path[0] == fitting[0]]
    return inner or None


def _types_of(schema: dict[str, Any]) -> set[str]:
    kind = schema.get("type")
    kinds = set(kind if isinstance(kind, list) else [kind]) if kind else set()
    if "number" in kinds:
        kinds.add("integer")
    return kinds


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "null"


def _one_of_hint(schema: dict[str, Any], value: Any, catalogue: Catalogue | None
                 ) -> tuple[str, str] | None:
    """(code, hint) for a value that fits no branch but is a common way of writing one."""
    if not isinstance(value, str):
        return None
    branches = [b for b in schema.get("oneOf", ()) if isinstance(b, dict)]
    same = [b["const"] for b in branches if isinstance(b.get("const"), str)
            and _norm(b["const"]) == _norm(value)]
    if same:    # «regions: All», «cost: Free»: the word of a branch in other letters
        return "enum", f"; пишите {same[0]}"
    numeric = next((b for b in branches if b.get("type") in ("number", "integer")), None)
    if numeric is not None:
        advice = number_advice(value, numeric.get("x-unit"), numeric.get("type") == "integer")
        if advice is not None:
            return "number-format", f"; {advice}"
    items = next((b.get("items") for b in schema.get("oneOf", ())
                  if isinstance(b, dict) and isinstance(b.get("items"), dict)), None)
    if not items:
        return None
    target = items.get("x-ref")
    if target and catalogue is not None:
        ids = [by_name(catalogue, target, part) for part in split_list(value)]
        if all(ids):
            return "ref-name", f"; это название, а не id: пишите [{', '.join(ids)}]"  # type: ignore[arg-type]
    return "list-format", f"; пишите списком: [{', '.join(split_list(value, _id_items(items)))}]"


def _type_problem(schema: dict[str, Any], value: Any, typed: str, record: Record,
                  path: FieldPath, catalogue: Catalogue | None) -> Problem:
    where, name = record.at(*path), field_name(path)
    expected = schema.get("type")
    kinds = expected if isinstance(expected, list) else [expected]
    names = " или ".join(TYPE_NAMES_RU.get(t, t) for t in kinds)
    free_text = True
    if kinds == ["string"]:
        free_text = False
        if schema.get("format") == "date":
            names = "дата ГГГГ-ММ-ДД"
        elif schema.get("x-url"):
            names = "ссылка https://…"
        elif schema.get("x-ref") or schema.get("pattern") == ID_PATTERN:
            names = "id: строчные латинские буквы, цифры и дефисы"
        else:  # text, or text of a pattern the typed value fits (a region's code "16")
            free_text = "pattern" not in schema or bool(
                re.search(schema["pattern"], record.typed.get(path, "") or "\x00"))
    if value is None and not record.typed.get(path):
        return problem(where, "type", f"нужно: {names}; значение пусто: напишите его после "
                       f"двоеточия", name)
    if "string" in kinds and free_text and path in record.typed \
            and not isinstance(value, (list, dict)):
        what = ("как true/false" if isinstance(value, bool) else
                "как пустое значение" if value is None else f"как число {yamlish(value)}")
        quoted = '"' + record.typed[path].replace("\\", "\\\\").replace('"', '\\"') + '"'
        return problem(where, "quote-value", f"нужно: {names}; YAML прочитал {typed} "
                       f"{what}: возьмите значение в кавычки: {quoted}", name)
    if isinstance(value, str) and ("number" in kinds or "integer" in kinds):
        advice = number_advice(value, schema.get("x-unit"), "number" not in kinds)
        if advice is not None:
            return problem(where, "number-format", f"нужно: {names}; указано: {typed}: "
                           f"{advice}", name)
        return problem(where, "type", f"нужно: {names}; указано: {typed}: пишите одно число "
                       f"цифрами, без единиц измерения", name)
    if isinstance(value, str) and "boolean" in kinds:
        return problem(where, "type", f"нужно: {names}; указано: {typed}: пишите true (да) "
                       f"или false (нет)", name)
    if isinstance(value, str) and "array" in kinds:
        dash = LIST_DASH.match(value)
        if dash:
            return problem(where, "list-format", f"нужно: список; указано: {typed}: элементы "
                           f"начинаются с «{dash.group(1)}» (U+{ord(dash.group(1)):04X}) "
                           f"вместо дефиса; пишите «- » (дефис и пробел)", name)
        items = schema.get("items") if isinstance(schema.get("items"), dict) else {}
        if value.startswith("-") and not value.startswith("- "):
            item = value[1:].strip()
            return problem(where, "list-format", f"нужно: список; указано: {typed}: после "
                           f"дефиса нужен пробел: пишите «- {item}» на строке под именем "
                           f"поля или [{item}]", name)
        parts = split_list(value, _id_items(items))
        target = items.get("x-ref")
        if target and catalogue is not None:
            ids = [by_name(catalogue, target, part) for part in split_list(value)]
            if all(ids):
                return problem(where, "ref-name", f"нужно: список id; указано: {typed}: это "
                               f"название, а не id; пишите [{', '.join(ids)}]", name)  # type: ignore[arg-type]
        return problem(where, "list-format", f"нужно: список; указано: {typed}: пишите "
                       f"списком: [{', '.join(parts)}]", name)
    if "string" in kinds and isinstance(value, dict) and len(value) == 1:
        # «[главы: сельских поселений]»: YAML read «: » as a field and its value
        key, inner = next(iter(value.items()))
        text = f"{key}: {inner}" if inner is not None else f"{key}:"
        quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return problem(where, "quote-value", f"нужно: {names}; YAML прочитал «{text}» как "
                       f"поле и его значение из-за «: »: возьмите значение в кавычки: "
                       f"{quoted}", name)
    return problem(where, "type", f"нужно: {names}; указано: {typed}", name)


def _id_problem(schema: dict[str, Any], value: Any, typed: str, where: Pos, name: str,
                catalogue: Catalogue | None) -> Problem:
    odd = describe_odd(value) if isinstance(value, str) else ""
    if odd:
        return problem(where, "invisible-char", f"в id {typed} {odd}", name)
    target = schema.get("x-ref")
    if target and catalogue is not None and isinstance(value, str):
        ident = by_name(catalogue, target, value)
        if ident:
            return problem(where, "ref-name", f"{typed} — это название, а не id: "
                           f"используйте id: {ident}", name)
    return problem(where, "pattern", f"{typed} — не id: только строчные "
                   f"латинские буквы, цифры и дефисы", name)




def split_list(text: str, ids: bool = False) -> list[str]:
    """«a, b» or «a; b» -> [a, b]: a list written as people write one; with ``ids``
    (the items are ids, which hold no spaces) also «a b» -> [a, b]."""
    parts = [p.strip() for p in re.split(r"[,;]" if not ids else r"[,;\s]", text)]
    return [p for p in parts if p] or [text.strip()]


def _id_items(items: Any) -> bool:
    return isinstance(items, dict) and bool(items.get("x-ref")
                                            or items.get("pattern") == ID_PATTERN)


def _norm(text: str) -> str:
    text = text.strip().strip("«»\"'“”„").replace("ё", "е").replace("Ё", "Е")
    return " ".join(text.split()).casefold()


def by_name(catalogue: Catalogue, target: str, text: str) -> str | None:
    """The id of the reference item (full or short name) or entry (title) of type
    ``target`` called ``text``, compared without case, «ё» and extra spaces; or None."""
    wanted = _norm(text)
    if not wanted:
        return None
    if target in REFERENCES:
        for ident, item in catalogue.references.get(target, {}).items():
            if any(isinstance(item.data.get(k), str) and _norm(item.data[k]) == wanted
                   for k in ("name", "short")):
                return ident
        return None
    for entry in catalogue.of_type(target):
        number = entry.data.get("number")   # a legal document by its number: «131-ФЗ»
        if _norm(entry.title) == wanted or isinstance(number, str) and _norm(number) == wanted:
            return entry.id
    return None


# The units of number fields (the schema's x-unit, see fields.py) as people write them
# after a number, and the unit's name for a message.
UNIT_WORDS: dict[str, str] = {
    "₽": r"₽|руб(?:лей|ля|ль)?\.?|р\.",
    "%": r"%|процент(?:ов|а)?|проц\.?",
    "ак. ч.": r"ак\.?\s*ч(?:ас(?:ов|а)?)?\.?|академическ(?:их|ий|ого)\s+час(?:ов|а)?|"
              r"час(?:ов|а)?|ч\.?",
    "чел.": r"чел\.?|человек|жител(?:ей|я|ь)",
    "год": r"г\.?|год(?:а|у)?",
}
UNIT_NAMES = {"₽": "рубли", "%": "проценты", "ак. ч.": "академические часы",
              "чел.": "человек", "год": "год"}
_SCALE = re.compile(r"\s*(тыс(?:яч[аи]?)?|млн|миллион(?:а|ов)?|млрд|миллиард(?:а|ов)?)\.?$")
_GROUPS = re.compile(r"[\s\u00a0\u202f\u2009_']")


def read_number(text: str, unit: str | None = None
                ) -> tuple[Decimal, str, set[str]] | None:
    """A number written as people write it -> (value, unit word typed or "", how it was
    written: a subset of {"groups", "scale", "comma"}); None when it is not one.

    «300 000» (groups of digits: spaces, no-break spaces, «_», «'»), «0,3 млн»,
    «1,5 млрд», «250 тыс.» (scale words), «2,5» (a decimal comma), and the field's
    ``unit`` after the number (UNIT_WORDS: «10 %», «10 процентов», «72 часа»); «₽» and
    «руб.» also when the field has no unit. «1,500» is None: a comma before exactly three
    digits may be a thousands separator as well as a decimal one.
    """
    cleaned = text.strip().lower().replace("ё", "е")
    how: set[str] = set()
    word = ""
    units = UNIT_WORDS.get(unit or "₽", UNIT_WORDS["₽"])
    typed_unit = re.search(rf"\s*(?:{units})\s*$", cleaned)
    if typed_unit and typed_unit.start() > 0:
        word = text.strip()[typed_unit.start():].strip()
        cleaned = cleaned[:typed_unit.start()]
    scale = 1
    scaled = _SCALE.search(cleaned)
    if scaled:
        name = scaled.group(1)
        scale = 10 ** 3 if name.startswith("тыс") else \
            10 ** 6 if name.startswith(("млн", "миллион")) else 10 ** 9
        cleaned = cleaned[:scaled.start()]
        how.add("scale")
    digits = _GROUPS.sub("", cleaned)
    if re.fullmatch(r"\s*[-+]?[1-9]\d{0,2}(?:\.\d{3}){2,}\s*", digits):
        digits = digits.replace(".", "")     # «1.000.000»: points between thousands
    if digits != cleaned.strip():
        how.add("groups")
    if "," in digits:
        if re.fullmatch(r"[-+]?[1-9]\d*,\d{3}", digits) and not scaled:
            return None
        how.add("comma")
        digits = digits.replace(",", ".")
    if not re.fullmatch(r"[-+]?\d+(?:\.\d+)?", digits):
        return None
    return Decimal(digits) * scale, word, how


def _digits(number: Decimal) -> str:
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def human_number(text: str, unit: str | None = None) -> str | None:
    """«300 000», «0,3 млн», «1,5 млрд», «1_000», «250 тыс. руб.», «10 %» (in a field of
    ``unit`` «%») -> "300000", ...: the number as digits, or None when the text is not a
    number written in words, groups or with a unit (see read_number)."""
    found = read_number(text, unit)
    return None if found is None else _digits(found[0])


# Month names in the genitive, as a date is written in Russian: «30 ноября 2026 г.»
_GENITIVE = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
             "сентября", "октября", "ноября", "декабря")
_DOTTED_DATE = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})(?:\s*г(?:ода?)?\.?)?")
_WORDED_DATE = re.compile(r"(\d{1,2})\s+([а-яё]+)\s+(\d{4})(?:\s*г(?:ода?)?\.?)?")


def date_advice(text: str) -> str | None:
    """A date written as people write it in Russian -> ГГГГ-ММ-ДД, or None.

    «30.11.2026», «30/11/2026», «1.3.2026», «30 ноября 2026», «30 ноября 2026 г.» ->
    "2026-11-30" (day first, as Russian dates are written; ГОСТ Р 7.0.97-2016 writes
    ДД.ММ.ГГГГ); None when the text is none of these or the day does not exist."""
    cleaned = " ".join(text.strip().lower().replace("ё", "е").split())
    dotted = _DOTTED_DATE.fullmatch(cleaned)
    worded = _WORDED_DATE.fullmatch(cleaned)
    if dotted:
        day, month, year = int(dotted.group(1)), int(dotted.group(2)), int(dotted.group(3))
    elif worded and worded.group(2) in [m.replace("ё", "е") for m in _GENITIVE]:
        day, year = int(worded.group(1)), int(worded.group(3))
        month = [m.replace("ё", "е") for m in _GENITIVE].index(worded.group(2)) + 1
    else:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def number_advice(text: str, unit: str | None = None, integer: bool = False) -> str | None:
    """What to write instead of a number written as people write it, for a field of
    ``unit`` (the schema's x-unit): «пишите число цифрами без пробелов: 300000»,
    ««%» не пишут, единица поля — проценты: пишите число: 10», «дробную часть отделяют
    точкой: пишите число: 2.5»; a share written with a decimal comma in a field of
    percent («0,1») offers both readings, 10 first. None when ``text`` is not such a
    number, or is a fraction where the field wants an ``integer``."""
    found = read_number(text, unit)
    if found is None:
        return None
    number, word, how = found
    digits = _digits(number)
    if integer and "." in digits:
        return None
    if unit == "%" and not word and how == {"comma"} and 0 < number < 1:
        share = _digits(number * 100)
        return (f"доля {text.strip()} — это {share} %, а единица поля — проценты: пишите "
                f"число: {share} (если имелось в виду {text.strip()} %, пишите {digits})")
    if how & {"groups", "scale"}:
        tail = (f"пишите число цифрами без пробелов" + (" и точек" if "groups" in how and
                re.search(r"\d\.\d{3}\.", text) else "") + f": {digits}")
    elif "comma" in how:
        tail = f"дробную часть отделяют точкой: пишите число: {digits}"
    elif not word:
        # the number as it should be, but text: YAML reads «2021» as a number unless it
        # is in quotes ("2021", '2021') -- the editor sees no other difference
        tail = f"пишите число без кавычек: {digits}"
    else:
        tail = f"пишите число: {digits}"
    if word and unit in UNIT_NAMES:
        return f"«{word}» не пишут, единица поля — {UNIT_NAMES[unit]}: {tail}"
    return tail


def typed_value(record: Record, path: FieldPath, value: Any) -> str:
    """A value for a message as the editor typed it (never a Python repr), shortened."""
    text = record.typed.get(path)
    if text is None:
        text = f"«{value}»" if isinstance(value, str) else yamlish(value)
    elif text == "":
        text = "пусто"
    return text if len(text) <= 80 else text[:77] + "…»"


def yamlish(value: Any) -> str:
    """A value written the way YAML writes it: true, false, пусто, [a, b], {a: b}."""
    if value is None:
        return "пусто"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(yamlish(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {yamlish(v)}" for k, v in value.items()) + "}"
    return str(value)


def _show(value: Any) -> str:
    text = f"«{value}»" if isinstance(value, str) else yamlish(value)
    return text if len(text) <= 80 else text[:77] + "…»"


def _odd_chars(record: Record, path: FieldPath, value: str, where_in: str) -> list[Problem]:
    odd = describe_odd(value)
    if not odd:
        return []
    return [problem(record.at(*path), "invisible-char", f"в {where_in} «{value[:60]}» {odd}",
                    field_name(path))]


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
    reported = _list(data, "reported")
    dates = [(as_date(r.get("date")), i) for i, r in enumerate(reported) if isinstance(r, dict)]
    first = min((d for d in dates if d[0]), default=None)
    for i, _ in enumerate(_list(data, "history")):
        if first:
            yield ("reported", first[1], "date"), ("history", i, "date"), \
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
    # A year with nothing to date would be dropped from the page without a word.
    if "population_year" in entry.data and entry.data.get("population") is None:
        out.append(problem(entry.at("population_year"), "population-year-alone",
                           "год численности указан, а самой численности (population) нет: "
                           "добавьте population: число жителей из источника или уберите "
                           "population_year", "population_year"))
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
            out.append(_unknown_ref(found, catalogue, at(found)))
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


def _unknown_ref(found: md.Found, catalogue: Catalogue, where: Pos) -> Problem:
    """[[id]] whose id no entry has (nor had, old_ids): ``body-ref``, with close ids."""
    near = difflib.get_close_matches(found.target, list(catalogue.entries), n=3)
    hint = f"; возможно: {', '.join(near)}" if near else ""
    odd = describe_odd(found.target)
    if odd:     # «возможно: fkgs-subsidii» alone looks the same as what was typed
        return problem(where, "invisible-char", f"в id [[{found.target}]] {odd}{hint}", "body")
    return problem(where, "body-ref", f"[[{found.target}]]: нет материала с таким id{hint}",
                   "body")


# MkDocs' front matter (mkdocs.utils.meta): «---» … «---» or «...» at the top of a page
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?:.*?\n)?(?:---|\.\.\.)[ \t]*(?=\n|\Z)", re.S)


def check_pages(catalogue: Catalogue) -> list[Problem]:
    """Short references in hand-written pages (``catalogue.pages``: content/*.md,
    content/guide/*.md), which the site resolves like entries' (links.resolve_refs):
    an unknown id (``body-ref``), [id] in single brackets or a bracket short of [[id]]
    (``body-single-bracket``), each at its file line; code (fenced or inline) is text.
    A page that cannot be read is left to MkDocs."""
    out: list[Problem] = []
    root = Path(catalogue.root)
    for rel in catalogue.pages:
        try:
            text = (root / rel).read_text(encoding="utf-8")
        except (OSError, UnicodeError):
            continue
        if "[" not in text:
            continue
        shown = f"{root.name}/{rel}"
        head = _FRONT_MATTER.match(text)
        if head:        # blanked, not cut: lines keep their numbers
            text = re.sub(r"[^\n]", " ", head.group(0)) + text[head.end():]

        def at_offset(offset: int, text: str = text, shown: str = shown) -> Pos:
            line, col = md._at(text, offset)
            return Pos(shown, line, col)

        for found in md.short_refs(text):
            if catalogue.resolve(found.target) is None:
                out.append(_unknown_ref(found, catalogue, Pos(shown, found.line, found.col)))
        out += lint.bracket_slips(md._mask_code(text), catalogue, at_offset)
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
        for _path, target, ident in record_references(record):  # type: ignore[arg-type]
            if target in used:
                used[target].add(ident)
    return used


def check_unused_references(catalogue: Catalogue) -> list[Problem]:
    used = used_references(catalogue)
    out: list[Problem] = []
    for name, items in catalogue.references.items():
        if name in ("region", "synonym"):
            continue  # every region has a page, used or not: the list is the official one;
            # synonyms are used by the search, not by entries
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
