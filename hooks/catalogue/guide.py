"""The editor guide's field reference and error codes, as data, from the schemas.

Nothing here is written by hand about a particular field: every row comes from
the type's JSON Schema (schemas.py) through its ``title``, ``description``,
``required``, ``x-labels`` and ``x-ref``, and the codes from problems.CODES.
The scaffold (scaffold.py) uses the same wording for its comments, so the
guide page, the fresh file and the editor schemas never disagree.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Mapping

from .fields import DATE_PATTERN, ID_PATTERN, Schema
from .model import REFERENCES, TYPES, ReferenceSpec, TypeSpec
from .problems import CODES, FIX_EXAMPLES

REQUIRED = "да"
ONE_OF = "один из вариантов"
OPTIONAL = ""


@dataclass(frozen=True)
class FieldRow:
    """One field of a type as the guide shows it."""
    path: str                  # "recipients.other", "steps[].title"
    depth: int                 # 0 for top-level fields
    label: str                 # the schema's title: «Кто может получить»
    required: str              # REQUIRED, ONE_OF or OPTIONAL
    description: str
    kind: str                  # «текст, от 20 до 400 знаков», «дата ГГГГ-ММ-ДД», ...
    allowed: list[tuple[str, str]] = field(default_factory=list)  # enum value, label


@dataclass(frozen=True)
class TypeGuide:
    name: str
    label: str
    plural: str
    where: str                 # "content/measures/<id>.md"
    rows: list[FieldRow]


def ref_target(target: str) -> str:
    """What an x-ref names, in words: the reference list file or the entry folder."""
    if target in REFERENCES:
        spec = REFERENCES[target]
        return f"справочник «{spec.plural}» ({spec.file})"
    if target in TYPES:
        spec = TYPES[target]
        return f"материал «{spec.label}» ({spec.folder}/)"
    return target


def _bounds(low: Any, high: Any, unit: str = "") -> str:
    unit = f" {unit}" if unit else ""
    if low is not None and high is not None:
        return f"от {low} до {high}{unit}"
    if low is not None:
        return f"не меньше {low}{unit}"
    if high is not None:
        return f"не больше {high}{unit}"
    return ""


def _join(*parts: str) -> str:
    return ", ".join(p for p in parts if p)


def value_kind(schema: Schema) -> str:
    """What value a field takes, in Russian: the «Значение» column and scaffold comments."""
    if "x-ref" in schema:
        return f"id: {ref_target(schema['x-ref'])}"
    if "const" in schema:
        return f"«{str(schema['const']).lower() if isinstance(schema['const'], bool) else schema['const']}»"
    if "oneOf" in schema and "type" not in schema:
        return " или ".join(value_kind(branch) for branch in schema["oneOf"])
    kind = schema.get("type")
    if kind == "array":
        items = schema.get("items", {})
        least = schema.get("minItems") or 0
        count = "хотя бы одно значение" if least == 1 else _bounds(
            least or None, schema.get("maxItems"), "значений")
        if items.get("type") == "object":
            what = "список элементов, у каждого поля ниже"
        elif "x-ref" in items:
            what = f"список id: {ref_target(items['x-ref'])}"
        elif "enum" in items:
            what = "список значений из перечня"
        elif items.get("type") in ("integer", "number"):
            what = _join("список чисел", _bounds(items.get("minimum"), items.get("maximum")))
        elif items.get("pattern") == ID_PATTERN:
            what = "список id латиницей"
        else:
            what = _join("список строк", _bounds(None, items.get("maxLength"), "знаков каждая"))
        return _join(what, count)
    if kind == "object":
        if "oneOf" in schema:
            return "ровно один из вариантов ниже"
        if schema.get("minProperties"):
            return "поля ниже, хотя бы одно"
        return "поля ниже"
    if kind == "string":
        if schema.get("format") == "date" or schema.get("pattern") == DATE_PATTERN:
            return "дата ГГГГ-ММ-ДД"
        if schema.get("x-url"):
            return "ссылка https://…"
        if "enum" in schema:
            return "одно значение из перечня"
        if schema.get("pattern") == ID_PATTERN:
            return "id латиницей: строчные буквы, цифры, дефисы"
        low = schema.get("minLength")
        return _join("текст", _bounds(low if low and low > 1 else None,
                                      schema.get("maxLength"), "знаков"))
    if kind == "integer":
        return _join("целое число", _bounds(schema.get("minimum"), schema.get("maximum")))
    if kind == "number":
        return _join("число", _bounds(schema.get("minimum"), schema.get("maximum")))
    if kind == "boolean":
        return "true или false"
    return ""


def allowed_values(schema: Schema) -> list[tuple[str, str]]:
    """Enum values with their Russian labels (of the field or of its list items)."""
    target = schema.get("items", {}) if schema.get("type") == "array" else schema
    if not isinstance(target, dict) or "enum" not in target:
        return []
    labels = target.get("x-labels", {})
    return [(str(value), labels.get(value, "")) for value in target["enum"]]


def one_of_required(schema: Schema) -> list[str]:
    """Properties of which an object needs exactly one (a oneOf of required branches)."""
    names: list[str] = []
    for branch in schema.get("oneOf", ()):
        alternatives = [branch, *branch.get("anyOf", ())]   # windows and/or annual
        for name in (n for b in alternatives for n in b.get("required", ())):
            if name not in names:
                names.append(name)
    return names


def children(schema: Schema) -> tuple[dict[str, Schema], list[str], list[str], str]:
    """(properties, required, exactly-one-of, path suffix) of an object or a list of objects."""
    suffix = ""
    if schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        schema, suffix = schema["items"], "[]"
    if schema.get("type") != "object":
        return {}, [], [], suffix
    return (schema.get("properties", {}), list(schema.get("required", ())),
            one_of_required(schema), suffix)


def field_rows(properties: Mapping[str, Schema], required: Iterable[str]) -> list[FieldRow]:
    """Every field, nested ones after their parent with a dotted path."""
    return list(_rows(properties, list(required), [], "", 0))


def _rows(properties: Mapping[str, Schema], required: list[str], one_of: list[str],
          prefix: str, depth: int) -> Iterator[FieldRow]:
    for name, schema in properties.items():
        path = f"{prefix}{name}"
        need = REQUIRED if name in required else ONE_OF if name in one_of else OPTIONAL
        yield FieldRow(path, depth, str(schema.get("title", name)), need,
                       str(schema.get("description", "")), value_kind(schema),
                       allowed_values(schema))
        props, req, one, suffix = children(schema)
        if props:
            yield from _rows(props, req, one, f"{path}{suffix}.", depth + 1)


def type_guides(types: Mapping[str, TypeSpec] | None = None) -> list[TypeGuide]:
    """One field table per entry type, in the order of TYPES."""
    return [TypeGuide(spec.name, spec.label, spec.plural, f"content/{spec.folder}/<id>.md",
                      field_rows(spec.properties, spec.required))
            for spec in (TYPES if types is None else types).values()]


def reference_guides(references: Mapping[str, ReferenceSpec] | None = None
                     ) -> list[TypeGuide]:
    """One field table per reference list (each item of the YAML list has these fields)."""
    return [TypeGuide(spec.name, spec.label, spec.plural, f"content/reference/{spec.file}",
                      field_rows(spec.properties, spec.required))
            for spec in (REFERENCES if references is None else references).values()]


def code_examples() -> dict[str, tuple[str, str]]:
    """(as written, as corrected) for the codes that have an example in problems.py."""
    return {code: FIX_EXAMPLES[code] for code in CODES if code in FIX_EXAMPLES}


def code_rows(codes: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """(code, what to do) for every problem code the engine can report."""
    return list((CODES if codes is None else codes).items())
