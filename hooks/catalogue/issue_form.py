"""A filled GitHub issue form -> the values of a new entry, for scaffold.py.

GitHub writes the answers of an issue form into the issue body as sections
``### <label>`` followed by the answer (``_No response_`` when left empty;
the options of a multiple dropdown joined by ", "). The form files in
.github/ISSUE_TEMPLATE/ give each field an ``id``; our ids are field paths of
the entry type, with ``-`` between the parts and list indexes as numbers
(``schedule-windows-0-opens`` is schedule.windows[0].opens). Answers to ids
that are not fields become sections of the text. An answer that cannot be
turned into a valid value (an organisation that is not in the reference list,
a date in words) stays a placeholder, with the answer as a comment above it.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .fields import Schema
from .model import TYPES, Catalogue, FieldPath, TypeSpec
from .scaffold import PLACEHOLDER

EMPTY = {"", "_no response_", "none", "нет ответа"}

# Which entry type each form creates.
FORM_TYPES = {"measure.yml": "measure", "problem.yml": "problem"}

# What a report from the Municipal Dialogue starts as.
DEFAULTS: dict[str, dict[str, Any]] = {
    "problem": {"status": "collected"},
}


@dataclass
class Form:
    file: str                            # "measure.yml"
    spec: TypeSpec
    labels: dict[str, str]               # label -> id
    order: list[str]                     # ids in form order


@dataclass
class Imported:
    spec: TypeSpec
    title: str
    values: dict[str, Any] = field(default_factory=dict)
    notes: dict[FieldPath, str] = field(default_factory=dict)
    body: str = ""


def load_form(path: str | Path) -> Form:
    path = Path(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    labels: dict[str, str] = {}
    order: list[str] = []
    for item in data.get("body", []):
        if "id" in item and "label" in item.get("attributes", {}):
            labels[item["attributes"]["label"].strip()] = item["id"]
            order.append(item["id"])
    return Form(path.name, TYPES[FORM_TYPES[path.name]], labels, order)


def sections(body: str) -> dict[str, str]:
    """``### Label`` sections of an issue body -> {label: answer} (empty answers dropped)."""
    out: dict[str, str] = {}
    parts = re.split(r"^###[ \t]+(.+?)[ \t]*$", body.replace("\r\n", "\n"), flags=re.M)
    for label, answer in zip(parts[1::2], parts[2::2]):
        text = answer.strip()
        if text.lower() not in EMPTY:
            out[label.strip()] = text
    return out


def choose_form(body: str, forms: list[Form]) -> Form | None:
    """The form whose labels the body's sections match best."""
    found = set(sections_all(body))
    best = max(forms, key=lambda f: len(found & set(f.labels)), default=None)
    return best if best is not None and found & set(best.labels) else None


def sections_all(body: str) -> list[str]:
    return [m.strip() for m in re.findall(r"^###[ \t]+(.+?)[ \t]*$", body, flags=re.M)]


def parse_path(ident: str) -> FieldPath:
    return tuple(int(p) if p.isdigit() else p for p in ident.split("-"))


def schema_at(spec: TypeSpec, path: FieldPath) -> Schema | None:
    schema: Schema = {"type": "object", "properties": spec.properties}
    for part in path:
        if isinstance(part, int):
            schema = schema.get("items") if isinstance(schema.get("items"), dict) else None
        else:
            schema = schema.get("properties", {}).get(part)
        if schema is None:
            return None
    return schema


def convert(schema: Schema, answer: str, catalogue: Catalogue | None) -> Any:
    """An answer as a valid value of the field, or None if it cannot be one."""
    if "oneOf" in schema and "type" not in schema:
        for branch in schema["oneOf"]:
            value = convert(branch, answer, catalogue)
            if value is not None:
                return value
        return None
    if "const" in schema:
        words = {"all": ["all", "вся россия", "все регионы", "россия", "все"],
                 "free": ["free", "бесплатно", "0"]}.get(str(schema["const"]), [])
        return schema["const"] if answer.strip().lower() in words else None
    kind = schema.get("type")
    if kind == "array":
        items = schema.get("items", {})
        values = [convert(items, part, catalogue) for part in _split(answer)]
        if values and all(v is not None for v in values):
            return list(dict.fromkeys(values))
        return None
    if "enum" in schema:
        wanted = answer.strip().casefold()
        for value, label in schema.get("x-labels", {}).items():
            if wanted in (value.casefold(), label.casefold()):
                return value
        return answer.strip() if answer.strip() in schema["enum"] else None
    if "x-ref" in schema:
        return _lookup(schema["x-ref"], answer, catalogue)
    if kind == "string" and schema.get("format") == "date":
        return _date(answer)
    if kind == "string" and schema.get("x-url"):
        text = answer.strip()
        return text if re.fullmatch(r"https?://\S+", text) else None
    if kind in ("integer", "number"):
        return _number(answer, integer=kind == "integer")
    if kind == "string":
        text = " ".join(answer.split())
        return text or None
    return None


def _split(answer: str) -> list[str]:
    return [p.strip() for p in re.split(r"[,;\n]", answer) if p.strip()]


def _date(answer: str) -> str | None:
    text = answer.strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"):
        try:
            return dt.datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    return None


def _number(answer: str, integer: bool) -> int | float | None:
    text = re.sub(r"[\s\u00a0\u202f]|₽|руб(лей|\.)?|rub", "", answer.strip(), flags=re.I)
    text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    if number.is_integer():
        return int(number)
    return None if integer else number


def _lookup(target: str, answer: str, catalogue: Catalogue | None) -> str | None:
    """An id, name or short name -> the id in a reference list or among entries."""
    if catalogue is None:
        return None
    wanted = answer.strip().casefold()
    if target in catalogue.references:
        candidates = {ident: [ident, str(item.data.get("name", "")),
                              str(item.data.get("short", ""))]
                      for ident, item in catalogue.references[target].items()}
    else:
        candidates = {e.id: [e.id, e.title] for e in catalogue.of_type(target)}
    exact = [i for i, names in candidates.items()
             if wanted in (n.casefold() for n in names if n)]
    if len(exact) == 1:
        return exact[0]
    partial = [i for i, names in candidates.items()
               if len(wanted) >= 4 and any(wanted in n.casefold() for n in names[1:] if n)]
    return partial[0] if len(partial) == 1 else None


def _set(values: dict[str, Any], path: FieldPath, value: Any) -> None:
    node: Any = values
    for part, after in zip(path, path[1:]):
        blank: Any = [] if isinstance(after, int) else {}
        if isinstance(part, int):
            while len(node) <= part:
                node.append(blank)
            node = node[part]
        else:
            node = node.setdefault(part, blank)
    last = path[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append(None)
    node[last] = value


def read_issue(body: str, form: Form, catalogue: Catalogue | None,
               today: dt.date) -> Imported:
    """The values, notes and text of a new entry from a filled form."""
    spec = form.spec
    answers = sections(body)
    result = Imported(spec, "", values={k: v for k, v in DEFAULTS.get(spec.name, {}).items()})
    if spec.name == "problem":
        # The report is the issue itself: the editor adds its address and who sent it.
        result.values["reported"] = [{"by": PLACEHOLDER, "date": today.isoformat(),
                                      "url": PLACEHOLDER}]
    texts: list[tuple[str, str]] = []
    for label, ident in form.labels.items():
        answer = answers.get(label)
        if answer is None:
            continue
        path = parse_path(ident)
        schema = schema_at(spec, path)
        if schema is None:
            texts.append((label, answer))
            continue
        value = convert(schema, answer, catalogue)
        if value is None:
            result.notes[path] = f"Из заявки: «{' '.join(answer.split())}» — не удалось " \
                                 f"распознать, укажите значение по подсказке выше."
        else:
            _set(result.values, path, value)
    result.title = str(result.values.pop("title", "")).strip()
    result.body = "\n\n".join(f"## {label}\n\n{answer}" for label, answer in texts)
    return result
