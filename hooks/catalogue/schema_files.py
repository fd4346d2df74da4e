"""JSON Schema files for editors' tools: schemas/<type>.schema.json in the repository.

The engine validates with the schemas of schemas.py (Draft 2020-12, with our
``x-`` keywords). Editors' tools want something else: VS Code's YAML extension
(redhat.vscode-yaml) reads Draft-07 best and shows ``markdownDescription`` on
hover and ``enumDescriptions`` next to each allowed value while completing.
This module turns each type and reference list into such a file:

- ``x-labels`` -> ``enumDescriptions`` / ``markdownEnumDescriptions``;
- ``title`` + ``description`` + what the value is -> ``markdownDescription``;
- ``x-ref`` -> a sentence on which reference list or type the id must name
  (that it exists is checked only by scripts/validate.py);
- ``x-error`` -> ``errorMessage``, id and date patterns -> ``patternErrorMessage``;
- other ``x-`` keywords are dropped.

The files are committed; scripts/schemas.py rewrites them and a test fails if
they differ from what this module makes now.
"""
from __future__ import annotations

import json
from pathlib import Path
from .fields import DATE_PATTERN, ID_PATTERN, Schema
from .guide import allowed_values, ref_target, value_kind
from .model import REFERENCES, TYPES, ReferenceSpec, TypeSpec

DRAFT = "http://json-schema.org/draft-07/schema#"
FOLDER = "schemas"
NOTE = ("Создано scripts/schemas.py из hooks/catalogue/schemas.py: не правьте вручную. "
        "Полная проверка (ссылки, даты, текст) — python scripts/validate.py.")


def file_name(name: str) -> str:
    return f"{name}.schema.json"


def editor_schema(spec: TypeSpec | ReferenceSpec) -> Schema:
    """The editor's schema of a type's front matter or of a reference list file."""
    item: Schema = {"type": "object", "properties": _properties(spec.properties),
                    "required": list(spec.required), "additionalProperties": False}
    head: Schema = {"$schema": DRAFT, "$id": file_name(spec.name), "$comment": NOTE}
    if isinstance(spec, TypeSpec):
        where = f"content/{spec.folder}/<id>.md"
        description = (f"{spec.label}: свойства между строками «---» в начале файла {where}.")
        return {**head, "title": spec.label, "description": description,
                "markdownDescription": f"**{spec.label}**\n\n{description}", **item}
    where = f"content/reference/{spec.file}"
    description = f"{spec.plural}: справочник {where}, список элементов «- id: …»."
    return {**head, "title": spec.plural, "description": description,
            "markdownDescription": f"**{spec.plural}**\n\n{description}",
            "type": "array", "items": item}


def _properties(properties: dict[str, Schema]) -> dict[str, Schema]:
    return {name: _convert(schema) for name, schema in properties.items()}


def _describe(schema: Schema) -> tuple[str, str]:
    """(plain description, Markdown description) of one field."""
    title = str(schema.get("title", ""))
    text = str(schema.get("description", "")).strip()
    kind = value_kind(schema)
    extra = []
    if kind:
        extra.append(f"Значение: {kind}.")
    target = _ref(schema)
    if target:
        extra.append("Что такой id есть, проверяет только python scripts/validate.py.")
    plain = " ".join(p for p in [text, *extra] if p)
    lines = [f"**{title}**" if title else "", text, *extra]
    allowed = allowed_values(schema)
    if allowed and schema.get("type") == "array":
        lines.append("Допустимые значения:\n\n" + "\n".join(
            f"- `{value}` — {label}" for value, label in allowed))
    return plain, "\n\n".join(line for line in lines if line)


def _ref(schema: Schema) -> str:
    if "x-ref" in schema:
        return ref_target(schema["x-ref"])
    items = schema.get("items")
    if isinstance(items, dict) and "x-ref" in items:
        return ref_target(items["x-ref"])
    return ""


def _convert(schema: Schema) -> Schema:
    out: Schema = {}
    for key, value in schema.items():
        if key.startswith("x-"):
            continue
        if key == "properties":
            out[key] = {name: _convert(sub) for name, sub in value.items()}
        elif key == "items" and isinstance(value, dict):
            out[key] = _convert(value)
        elif key in ("oneOf", "anyOf", "allOf") and isinstance(value, list):
            out[key] = [_convert(sub) for sub in value]
        elif key == "not" and isinstance(value, dict):
            out[key] = _convert(value)
        else:
            out[key] = value
    if "title" in schema or "description" in schema:
        plain, markdown = _describe(schema)
        out["description"] = plain
        out["markdownDescription"] = markdown
    labels = schema.get("x-labels")
    if labels and "enum" in schema:
        out["enumDescriptions"] = [labels.get(v, "") for v in schema["enum"]]
        out["markdownEnumDescriptions"] = [f"**{labels.get(v, '')}** (`{v}`)"
                                           for v in schema["enum"]]
    if "x-error" in schema:
        out["errorMessage"] = schema["x-error"]
    pattern = schema.get("pattern")
    if pattern == ID_PATTERN:
        out["patternErrorMessage"] = "id: только строчные латинские буквы, цифры и дефисы"
    elif pattern == DATE_PATTERN:
        out["patternErrorMessage"] = "дата в виде ГГГГ-ММ-ДД, например 2025-03-20"
    elif schema.get("x-url"):
        out["patternErrorMessage"] = "ссылка должна начинаться с https://"
    return out


def all_schemas() -> dict[str, Schema]:
    """File name -> schema, for every entry type and reference list."""
    specs: list[TypeSpec | ReferenceSpec] = [*TYPES.values(), *REFERENCES.values()]
    return {file_name(spec.name): editor_schema(spec) for spec in specs}


def render(schema: Schema) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write(root: str | Path) -> list[Path]:
    """Write <root>/schemas/*.schema.json; return the files that changed."""
    folder = Path(root) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    changed: list[Path] = []
    wanted = all_schemas()
    for name, schema in wanted.items():
        path = folder / name
        text = render(schema)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
            changed.append(path)
    for stale in folder.glob("*.schema.json"):
        if stale.name not in wanted:
            stale.unlink()
            changed.append(stale)
    return changed


def outdated(root: str | Path) -> list[str]:
    """Names of schema files that are missing, stale or extra under <root>/schemas."""
    folder = Path(root) / FOLDER
    wanted = all_schemas()
    out = [name for name, schema in wanted.items()
           if not (folder / name).exists()
           or (folder / name).read_text(encoding="utf-8") != render(schema)]
    out += [p.name for p in folder.glob("*.schema.json") if p.name not in wanted]
    return sorted(out)


def vscode_associations() -> dict[str, list[str]]:
    """yaml.schemas for .vscode/settings.json: schema file -> the files it describes."""
    out: dict[str, list[str]] = {}
    for spec in TYPES.values():
        out[f"./{FOLDER}/{file_name(spec.name)}"] = [f"content/{spec.folder}/*.md"]
    for ref in REFERENCES.values():
        out[f"./{FOLDER}/{file_name(ref.name)}"] = [f"content/reference/{ref.file}"]
    return out
