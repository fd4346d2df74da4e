"""A fresh entry file for an editor to complete: scripts/new.py and scripts/import_issue.py.

Every field of the type is in the file, generated from its schema (schemas.py)
with a short Russian comment on what goes there and the allowed values:
required fields hold the placeholder ``ЗАПОЛНИТЕ`` (check.py rejects a file
that still has one), optional fields are commented out, so the file validates
as soon as the required placeholders are replaced.

The id comes from the Russian title, transliterated by the ICAO Doc 9303
table, the system of the machine-readable zone of passports, used in Russian
foreign passports. It maps each letter to ASCII without context rules or
apostrophes, so the whole of it is the table below; see README, «Decisions»,
for why it is not a dependency.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import textwrap
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import yaml

from .chars import describe_odd
from .fields import DATE_PATTERN, Schema
from .guide import REQUIRED, ONE_OF, allowed_values, children, value_kind
from .model import TYPE_BY_FOLDER, TYPES, Catalogue, FieldPath, TypeSpec
from .yamlcore import Dumper

PLACEHOLDER = "ЗАПОЛНИТЕ"
MAX_ID_LENGTH = 60
WIDTH = 96

# ICAO Doc 9303 (Machine Readable Travel Documents, part 3, table for Cyrillic).
ICAO_9303: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia",
}
_TABLE = str.maketrans(ICAO_9303)

# Suggested sections of the text, after the habits of the existing entries.
BODY_SECTIONS: dict[str, list[str]] = {
    "measure": ["Что даёт", "Кто может участвовать", "Как подать заявку", "Документы"],
    "solution": ["Коротко", "С чего начать"],
    "legal": ["Коротко", "Что важно для муниципалитета"],
    "question": ["Короткий ответ", "Подробно"],
    "practice": ["Что сделали", "Как это было устроено", "Что получилось", "Что перенять"],
    "course": ["Чему учат", "Для кого", "Как записаться"],
    "problem": ["Суть проблемы", "Что предлагают муниципалитеты"],
}

_MISSING = object()


def transliterate(text: str) -> str:
    """Russian text in Latin letters (ICAO Doc 9303); other letters lose their accents."""
    latin = text.lower().replace("№", " ").translate(_TABLE)
    decomposed = unicodedata.normalize("NFKD", latin)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def make_id(title: str, max_length: int = MAX_ID_LENGTH) -> str:
    """«Конкурс «Малые города»» -> konkurs-malye-goroda: lowercase, hyphens, cut at a word."""
    words = re.findall(r"[a-z0-9]+", transliterate(title))
    ident = ""
    for word in words:
        longer = f"{ident}-{word}" if ident else word
        if len(longer) > max_length:
            break
        ident = longer
    if not ident and words:
        ident = words[0][:max_length]
    return ident


def find_type(name: str) -> TypeSpec | None:
    """A type by its name (measure) or folder (measures)."""
    key = name.strip().lower()
    return TYPES.get(key) or TYPE_BY_FOLDER.get(key)


def id_taken(content_dir: str | os.PathLike[str], ident: str,
             catalogue: Catalogue | None = None) -> str:
    """Why ``ident`` cannot be used for a new entry, or "" if it is free."""
    root = Path(content_dir)
    for folder in TYPE_BY_FOLDER:
        path = root / folder / f"{ident}.md"
        if path.exists():
            return f"файл {folder}/{ident}.md уже есть: id уникален во всём каталоге"
    for entry in (catalogue or ()):
        if ident in (entry.data.get("old_ids") or []):
            return f"id «{ident}» — прежний адрес материала {entry.pos.path}"
    return ""


def reference_examples(catalogue: Catalogue | None, limit: int = 6) -> dict[str, list[str]]:
    """A few existing ids per reference list and entry type, for the comments."""
    if catalogue is None:
        return {}
    out = {name: list(items)[:limit] for name, items in catalogue.references.items()}
    for name in TYPES:
        out[name] = sorted(e.id for e in catalogue.of_type(name))[:limit]
    return {name: ids for name, ids in out.items() if ids}


# --- the file -----------------------------------------------------------------------

@dataclass
class _Context:
    notes: Mapping[FieldPath, str]
    examples: Mapping[str, list[str]]


def scaffold(spec: TypeSpec, title: str, today: dt.date, *,
             values: Mapping[str, Any] | None = None,
             notes: Mapping[FieldPath, str] | None = None,
             examples: Mapping[str, list[str]] | None = None,
             body: str | None = None) -> str:
    """The text of a new content file of type ``spec``.

    ``values`` are known field values (nested dicts and lists for nested fields);
    ``notes`` are extra comments put above a field (e.g. an answer that could not
    be used as a value); ``body`` replaces the suggested sections of the text.
    """
    given: dict[str, Any] = {"title": title, "last_reviewed": today.isoformat(),
                             **(values or {})}
    ctx = _Context(notes or {}, examples or {})
    lines = ["---",
             f"# {spec.label}. Замените каждое «{PLACEHOLDER}», необязательные поля "
             f"раскройте,",
             "# убрав «# » в начале строк, или удалите. Проверка: python scripts/validate.py",
             ""]
    lines += _fields(spec.properties, spec.required, [], given, ctx, (), 0, top=True)
    while lines and not lines[-1]:
        lines.pop()
    lines += ["---", ""]
    lines += (body.strip("\n") + "\n").splitlines() if body else default_body(spec)
    return "\n".join(lines) + "\n"


def default_body(spec: TypeSpec) -> list[str]:
    out: list[str] = []
    for heading in BODY_SECTIONS.get(spec.name, ["Подробно"]):
        out += [f"## {heading}", "",
                f"{PLACEHOLDER}: текст раздела в Markdown. Чтобы сослаться на другой "
                f"материал каталога, напишите его id в двойных квадратных скобках.", ""]
    return out[:-1]


def _fields(properties: Mapping[str, Schema], required: list[str], one_of: list[str],
            given: Mapping[str, Any], ctx: _Context, path: FieldPath, indent: int, *,
            top: bool = False, show_all: bool = False, min_properties: int = 0
            ) -> list[str]:
    """Lines for the fields of one object, each with its comment."""
    lines: list[str] = []
    chosen_one = next((n for n in one_of if n in given), one_of[0] if one_of else None)
    need_any = min_properties and not required and not any(n in given for n in properties)
    for index, (name, schema) in enumerate(properties.items()):
        value = given.get(name, _MISSING)
        need = REQUIRED if name in required else ONE_OF if name in one_of else ""
        active = (value is not _MISSING or name in required or name == chosen_one
                  or (need_any and index == 0)
                  or (show_all and name not in one_of))
        pad = " " * indent
        lines += [pad + c for c in _comment(schema, need, ctx, path + (name,), top)]
        body = _field(name, schema, value, ctx, path + (name,), indent,
                      show_all=show_all or not active)
        lines += body if active else [_comment_out(line, indent) for line in body]
        if top:
            lines.append("")
    return lines


def _comment_out(line: str, indent: int) -> str:
    return line[:indent] + "# " + line[indent:]


def _comment(schema: Schema, need: str, ctx: _Context, path: FieldPath, top: bool
             ) -> list[str]:
    title = str(schema.get("title", path[-1]))
    status = {REQUIRED: "обязательно", ONE_OF: "один из вариантов"}.get(need, "необязательно")
    parts = [f"{title} — {status}.", str(schema.get("description", "")).strip()]
    kind = value_kind(schema)
    if kind and kind != "поля ниже" and "перечня" not in kind:
        parts.append(f"Значение: {kind}.")
    target = schema.get("x-ref") or (schema.get("items") or {}).get("x-ref") or next(
        (b["items"]["x-ref"] for b in schema.get("oneOf", ())
         if isinstance(b.get("items"), dict) and "x-ref" in b["items"]), None)
    if target and ctx.examples.get(target):
        parts.append("Например: " + ", ".join(ctx.examples[target]) + ".")
    text = " ".join(p for p in parts if p)
    out = [f"# {line}" for line in _wrap(text)]
    allowed = allowed_values(schema)
    if allowed:
        inline = "; ".join(f"{v} — {label}" for v, label in allowed)
        if len(inline) <= WIDTH - 20:
            out.append(f"# Допустимые значения: {inline}")
        else:
            out.append("# Допустимые значения:")
            out += [f"#   {v} — {label}" for v, label in allowed]
    if path in ctx.notes:
        out += [f"# {line}" for line in _wrap(ctx.notes[path])]
    return out


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(text, WIDTH - 2, break_on_hyphens=False, break_long_words=False)


def _field(name: str, schema: Schema, value: Any, ctx: _Context, path: FieldPath,
           indent: int, *, show_all: bool) -> list[str]:
    """``name: value`` (or ``name:`` and the nested lines), without the comment."""
    pad = " " * indent
    props, required, one_of, suffix = children(schema)
    if props and (value is _MISSING or isinstance(value, (dict, list))):
        if suffix == "[]":
            items = value if isinstance(value, list) and value else \
                [{}] * max(1, int(schema.get("minItems") or 1))
            lines = [f"{pad}{name}:"]
            for i, item in enumerate(items):
                lines += _item(props, required, one_of, item if isinstance(item, dict) else {},
                               ctx, path + (i,), indent + 2, show_all=show_all)
            return lines
        return [f"{pad}{name}:"] + _fields(
            props, required, one_of, value if isinstance(value, dict) else {}, ctx, path,
            indent + 2, show_all=show_all, min_properties=int(schema.get("minProperties") or 0))
    shown = _dump(value) if value is not _MISSING else _placeholder(schema)
    return [f"{pad}{name}: {shown}"]


def _item(props: Mapping[str, Schema], required: list[str], one_of: list[str],
          given: Mapping[str, Any], ctx: _Context, path: FieldPath, indent: int, *,
          show_all: bool) -> list[str]:
    """One element of a list of objects: its fields, the first key after «- »."""
    lines = _fields(props, required, one_of, given, ctx, path, indent + 2,
                    show_all=show_all or not required)
    for i, line in enumerate(lines):
        if not line.lstrip().startswith("#"):
            lines[i] = " " * indent + "- " + line[indent + 2:]
            break
    return lines


def _placeholder(schema: Schema) -> str:
    if "x-placeholder" in schema:
        return _dump(schema["x-placeholder"])
    if schema.get("const") is True:
        return "true"
    if schema.get("type") == "boolean":
        return "true"
    if schema.get("type") == "array":
        return f"[{PLACEHOLDER}]"
    return PLACEHOLDER


_DATE = re.compile(DATE_PATTERN)


def _dump(value: Any) -> str:
    """A value as it goes after «name: » on one line (flow style for lists)."""
    if isinstance(value, str) and _DATE.match(value):
        return value
    # NEL and the Unicode line and paragraph separators are line breaks to YAML: written
    # as they are, reading them back folds them into spaces, so they go as \-escapes.
    unicode = not any(c in str(value) for c in "\x85\u2028\u2029")
    text = yaml.dump(value, Dumper=Dumper, allow_unicode=unicode, default_flow_style=True,
                     width=10 ** 6, sort_keys=False)
    # Only YAML's own line ends go: str.strip() would also eat a non-breaking space.
    if text.endswith("\n...\n"):
        text = text[:-5]
    return text.rstrip("\n")


# --- writing ------------------------------------------------------------------------

class Refused(Exception):
    """The file cannot be created; the message says why, in Russian."""


def create(content_dir: str | os.PathLike[str], spec: TypeSpec, ident: str, text: str,
           catalogue: Catalogue | None = None) -> Path:
    """Write content/<folder>/<id>.md; never overwrites, never reuses an id."""
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ident or ""):
        odd = describe_odd(ident or "")  # a Cyrillic «о» in a Latin id, a no-break space
        raise Refused(f"id «{ident}» не подходит: " + (odd if odd else
                      "только строчные латинские буквы, цифры и дефисы; укажите его сами: "
                      "--id konkurs-malye-goroda"))
    if len(ident) > MAX_ID_LENGTH:
        raise Refused(f"id длиннее {MAX_ID_LENGTH} знаков: укажите короче через --id")
    reason = id_taken(content_dir, ident, catalogue)
    if reason:
        raise Refused(f"{reason}. Выберите другой id: --id {ident}-2 или более точное название")
    path = Path(content_dir) / spec.folder / f"{ident}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise Refused(f"файл {spec.folder}/{ident}.md уже есть") from None
    return path
