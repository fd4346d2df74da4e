"""Builders for the JSON Schema fragments that define entry fields.

Every field of every entry type is a small JSON Schema (Draft 2020-12) with a
Russian ``title`` (the label readers and editors see) and ``description`` (the
help text in the editor guide, the scaffold comments and VS Code). Keywords
that start with ``x-`` are ours and are ignored by other JSON Schema tools:

- ``x-ref``: the value is the id of another entry or reference item of that
  type; the engine checks that it resolves (JSON Schema cannot).
- ``x-labels``: Russian labels for the allowed values of an enum.
- ``x-error``: the message to give when a ``oneOf`` does not match, instead of
  the generic one.
- ``x-placeholder``: what ``scripts/new.py`` writes into a fresh file.
- ``x-unit``: the unit of a number field («%», «₽», «ак. ч.», «чел.», «год»): the
  checks accept it written after the number in a message's suggestion
  (``cofinancing: 10 %`` -> «пишите число: 10»).
"""
from __future__ import annotations

from typing import Any

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"

Schema = dict[str, Any]


def _field(base: Schema, title: str, description: str, **extra: Any) -> Schema:
    return {**base, "title": title, "description": description, **extra}


def text(title: str, description: str, *, min_length: int = 1,
         max_length: int | None = None, **extra: Any) -> Schema:
    base: Schema = {"type": "string", "minLength": min_length}
    if max_length is not None:
        base["maxLength"] = max_length
    return _field(base, title, description, **extra)


def integer(title: str, description: str, *, minimum: int | None = 0,
            maximum: int | None = None, unit: str | None = None,
            **extra: Any) -> Schema:
    base: Schema = {"type": "integer"}
    if minimum is not None:
        base["minimum"] = minimum
    if maximum is not None:
        base["maximum"] = maximum
    if unit is not None:
        base["x-unit"] = unit
    return _field(base, title, description, **extra)


def number(title: str, description: str, *, minimum: float | None = 0,
           maximum: float | None = None, unit: str | None = None,
           **extra: Any) -> Schema:
    base: Schema = {"type": "number"}
    if minimum is not None:
        base["minimum"] = minimum
    if maximum is not None:
        base["maximum"] = maximum
    if unit is not None:
        base["x-unit"] = unit
    return _field(base, title, description, **extra)


def boolean(title: str, description: str, **extra: Any) -> Schema:
    return _field({"type": "boolean"}, title, description, **extra)


def date(title: str, description: str, **extra: Any) -> Schema:
    # Dates stay strings in the loaded data (YYYY-MM-DD) so that JSON Schema
    # tools see what the editor wrote; the engine checks they are real dates.
    return _field({"type": "string", "pattern": DATE_PATTERN, "format": "date"},
                  title, description, **extra)


def url(title: str, description: str, **extra: Any) -> Schema:
    return _field({"type": "string", "format": "uri", "x-url": True,
                   "pattern": r"^https?://"}, title, description, **extra)


def enum(title: str, description: str, labels: dict[str, str], **extra: Any) -> Schema:
    return _field({"type": "string", "enum": list(labels), "x-labels": labels},
                  title, description, **extra)


def enum_list(title: str, description: str, labels: dict[str, str], *,
              min_items: int = 0, **extra: Any) -> Schema:
    items = {"type": "string", "enum": list(labels), "x-labels": labels}
    return _field({"type": "array", "items": items, "minItems": min_items,
                   "uniqueItems": True}, title, description, **extra)


def ref(target: str, title: str, description: str, **extra: Any) -> Schema:
    return _field({"type": "string", "pattern": ID_PATTERN, "x-ref": target},
                  title, description, **extra)


def refs(target: str, title: str, description: str, *, min_items: int = 0,
         **extra: Any) -> Schema:
    items = {"type": "string", "pattern": ID_PATTERN, "x-ref": target}
    return _field({"type": "array", "items": items, "minItems": min_items,
                   "uniqueItems": True}, title, description, **extra)


def text_list(title: str, description: str, *, min_items: int = 0,
              max_length: int = 200, **extra: Any) -> Schema:
    items = {"type": "string", "minLength": 1, "maxLength": max_length}
    return _field({"type": "array", "items": items, "minItems": min_items},
                  title, description, **extra)


def obj(title: str, description: str, properties: dict[str, Schema], *,
        required: list[str] | tuple[str, ...] = (), **extra: Any) -> Schema:
    base: Schema = {"type": "object", "properties": properties,
                    "additionalProperties": False}
    if required:
        base["required"] = list(required)
    return _field(base, title, description, **extra)


def obj_list(title: str, description: str, properties: dict[str, Schema], *,
             required: list[str] | tuple[str, ...] = (), min_items: int = 0,
             **extra: Any) -> Schema:
    item: Schema = {"type": "object", "properties": properties,
                    "additionalProperties": False}
    if required:
        item["required"] = list(required)
    return _field({"type": "array", "items": item, "minItems": min_items},
                  title, description, **extra)
