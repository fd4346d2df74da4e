"""content/ -> a Catalogue of entries and reference items that remember where
every field was written, plus the problems found while reading.

YAML is composed into nodes (not loaded) so that every value keeps its line and
so that a key given twice is reported instead of silently overwritten.
Nothing here raises on bad input: every mistake becomes a located Problem.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import lint
from .model import (REFERENCE_BY_FILE, TYPE_BY_FOLDER, Catalogue, Entry, FieldPath, Pos,
                    ReferenceItem, TypeSpec)
from .problems import Problem, field_name, problem

REFERENCE_DIR = "reference"
PAGE_DIRS = ("", "guide")                      # hand-written pages live here
ASSET_DIRS = ("images", "files")
ASSET_EXTENSIONS = {".png", ".jpg", ".jpeg", ".webp", ".gif", ".pdf"}
IGNORED_NAMES = {".gitkeep"}

# Faster C parser when PyYAML was built with libyaml; same nodes either way.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_constructor = yaml.constructor.SafeConstructor()


@dataclass
class Loaded:
    catalogue: Catalogue
    problems: list[Problem] = field(default_factory=list)


def load_catalogue(content_dir: str | os.PathLike[str]) -> Loaded:
    """Read every file under content_dir. Paths in positions are relative to its parent."""
    root = Path(content_dir).resolve()
    base = root.parent
    out = Loaded(Catalogue(root=str(root)))
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        shown = path.relative_to(base).as_posix()
        _load_file(out, path, rel, shown)
    return out


def _load_file(out: Loaded, path: Path, rel: str, shown: str) -> None:
    parts = rel.split("/")
    folder = parts[0] if len(parts) > 1 else ""
    name = parts[-1]
    if name in IGNORED_NAMES:
        return
    suffix = Path(name).suffix.lower()
    if len(parts) == 2 and folder in TYPE_BY_FOLDER and suffix == ".md":
        text = _read_text(out, path, shown)
        if text is not None:
            load_entry(out, TYPE_BY_FOLDER[folder], Path(name).stem, text, shown)
        return
    if len(parts) == 2 and folder == REFERENCE_DIR and name in REFERENCE_BY_FILE:
        text = _read_text(out, path, shown)
        if text is not None:
            load_reference(out, name, text, shown)
        return
    if suffix == ".md" and _misplaced_entry(out, path, rel, shown):
        return  # an entry outside its type's folder is neither a page nor unknown
    if suffix == ".md" and "/".join(parts[:-1]) in PAGE_DIRS:
        out.catalogue.pages.append(rel)
        return
    if folder in ASSET_DIRS and suffix in ASSET_EXTENSIONS:
        out.catalogue.assets.append(rel)
        return
    out.problems.append(problem(Pos(shown), "unknown-file", _unknown_file_message(rel)))


def _misplaced_entry(out: Loaded, path: Path, rel: str, shown: str) -> bool:
    """A Markdown file whose front matter is an entry's (lint.looks_like_entry), saved
    in content/ itself or another folder that is no type's: reported, not published."""
    try:
        split = split_front_matter(path.read_text("utf-8").replace("\r\n", "\n"))
        data = yaml.load(split[0], Loader=_Loader) if split else None
    except (UnicodeDecodeError, yaml.YAMLError, ValueError, RecursionError):
        return False
    if not lint.looks_like_entry(data):
        return False
    out.problems.append(problem(Pos(shown), "misplaced-entry",
                                lint.misplaced_message(rel, data)))
    return True


def _unknown_file_message(rel: str) -> str:
    folders = ", ".join(f"{f}/" for f in TYPE_BY_FOLDER)
    refs = ", ".join(f"{REFERENCE_DIR}/{f}" for f in REFERENCE_BY_FILE)
    return (f"файл «{rel}» не относится ни к одному типу. Материалы: {folders} (файлы .md); "
            f"справочники: {refs}; изображения и файлы: "
            f"{', '.join(ASSET_DIRS)}/ ({', '.join(sorted(ASSET_EXTENSIONS))}); "
            f"страницы: .md в корне content/ или в guide/")


def _read_text(out: Loaded, path: Path, shown: str) -> str | None:
    """UTF-8 with or without BOM, LF or CRLF; anything else is a located error."""
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        out.problems.append(problem(Pos(shown, line), "encoding",
                                    "файл не в кодировке UTF-8: сохраните его как UTF-8"))
        return None
    text = text.replace("\r\n", "\n")
    if "\r" in text:
        line = text[:text.index("\r")].count("\n") + 1
        out.problems.append(problem(Pos(shown, line), "encoding",
                                    "переводы строк только CR (старый Mac): сохраните с LF"))
        return None
    if "\x00" in text:
        out.problems.append(problem(Pos(shown, text[:text.index("\x00")].count("\n") + 1),
                                    "encoding", "в файле нулевой байт: это не текстовый файл"))
        return None
    return text


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, line of body start) or None when there is no front matter."""
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---", 3)
    while end != -1:
        after = text[end + 4:end + 5]
        if after in ("\n", ""):
            break
        end = text.find("\n---", end + 4)
    if end == -1:
        return None
    front = text[4:end + 1]
    body = text[end + 5:]
    body_line = text[:end + 5].count("\n") + 1
    return front, body, body_line


def load_entry(out: Loaded, spec: TypeSpec, ident: str, text: str, shown: str) -> Entry | None:
    split = split_front_matter(text)
    if split is None:
        out.problems.append(problem(Pos(shown), "no-front-matter",
                                    "файл должен начинаться со строки «---», затем свойства "
                                    "материала и ещё одна строка «---»"))
        return None
    front, body, body_line = split
    before = len(out.problems)
    node = _compose(out, front, shown, line_offset=1)
    if node is None and len(out.problems) > before:
        return None
    positions: dict[FieldPath, Pos] = {}
    # Nothing (or only comments) between the lines «---»: an entry without fields,
    # so that the checks name every required one instead of dropping the file.
    data = {} if node is None else _to_python(out, node, shown, 1, (), positions)
    if not isinstance(data, dict):
        out.problems.append(problem(Pos(shown, 2), "not-a-mapping",
                                    "свойства материала должны быть строками «поле: значение»"))
        return None
    entry = Entry(data=data, positions=positions, pos=Pos(shown, 1), spec=spec, id=ident,
                  body=body, body_line=body_line)
    existing = out.catalogue.entries.get(ident)
    if existing is not None:
        out.problems.append(problem(entry.pos, "id-duplicate",
                                    f"id «{ident}» уже занят: {existing.pos.path}. "
                                    f"Переименуйте один из файлов"))
        return None
    out.catalogue.entries[ident] = entry
    return entry


def load_reference(out: Loaded, name: str, text: str, shown: str) -> None:
    spec = REFERENCE_BY_FILE[name]
    node = _compose(out, text, shown, line_offset=0)
    if node is None:
        return
    positions: dict[FieldPath, Pos] = {}
    data = _to_python(out, node, shown, 0, (), positions)
    if not isinstance(data, list):
        out.problems.append(problem(Pos(shown), "not-a-mapping",
                                    f"справочник {name} должен быть списком элементов «- id: …»"))
        return
    items = out.catalogue.references[spec.name]
    by_item: dict[int, dict[FieldPath, Pos]] = {}   # positions of each item, in one pass
    for path, pos in positions.items():
        if len(path) > 1:
            by_item.setdefault(path[0], {})[path[1:]] = pos  # type: ignore[index]
    for index, value in enumerate(data):
        item_pos = positions.get((index,), Pos(shown))
        if not isinstance(value, dict):
            out.problems.append(problem(item_pos, "not-a-mapping",
                                        "элемент справочника должен состоять из строк "
                                        "«поле: значение»"))
            continue
        own = by_item.get(index, {})
        item = ReferenceItem(data=value, positions=own, pos=item_pos, spec=spec)
        if item.id in items:
            out.problems.append(problem(item_pos, "id-duplicate",
                                        f"id «{item.id}» уже есть в этом справочнике "
                                        f"(строка {items[item.id].pos.line})", "id"))
            continue
        items[item.id] = item


def _compose(out: Loaded, text: str, shown: str, line_offset: int) -> Node | None:
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.problem_mark is not None and exc.context_mark is not None \
                and exc.problem_mark.index >= len(text.rstrip()):
            # Noticed only at the end (an unclosed quote or bracket): point at its start.
            mark = exc.context_mark
        line = (mark.line + 1 + line_offset) if mark else 1 + line_offset
        col = (mark.column + 1) if mark else 1
        what = exc.problem or exc.context or "ошибка разметки"
        out.problems.append(problem(Pos(shown, line, col), "yaml-syntax",
                                    f"ошибка YAML: {_yaml_message(what)}"))
    except yaml.YAMLError as exc:
        out.problems.append(problem(Pos(shown, 1 + line_offset), "yaml-syntax",
                                    f"ошибка YAML: {exc}"))
    except (ValueError, RecursionError) as exc:  # e.g. pathological nesting
        out.problems.append(problem(Pos(shown, 1 + line_offset), "yaml-syntax",
                                    f"ошибка YAML: {exc.__class__.__name__}"))
    return None


_YAML_MESSAGES = {
    "mapping values are not allowed": "двоеточие с пробелом внутри значения: возьмите всё "
                                      "значение в кавычки",
    "could not find expected ':'": "не найдено двоеточие после имени поля",
    "found character '\\t' that cannot start any token": "табуляция вместо пробелов в отступе",
    "expected <block end>, but found '-'": "элемент списка с неверным отступом",
    "found undefined alias": "ссылка на неопределённый якорь (*)",
    "found unexpected end of stream": "незакрытая кавычка или скобка",
    # the same mistakes as libyaml (CSafeLoader) words them
    "found a tab character that violates indentation": "табуляция вместо пробелов в отступе",
    "found character that cannot start any token": "значение не может начинаться с этого "
                                                   "знака (табуляция, @, `, %): замените "
                                                   "табуляцию пробелами или возьмите значение "
                                                   "в кавычки",
    "did not find expected key": "неверный отступ: строка сдвинута не так, как соседние "
                                 "поля, или элемент списка «-» не на своём месте",
    "did not find expected '-' indicator": "элемент списка с неверным отступом",
    "did not find expected ',' or ']'": "незакрытая скобка «[» или пропущена запятая",
    "did not find expected ',' or '}'": "незакрытая скобка «{» или пропущена запятая",
}


def _yaml_message(what: str) -> str:
    for english, russian in _YAML_MESSAGES.items():
        if what.startswith(english):
            return f"{russian} ({what})"
    return what


def _to_python(out: Loaded, node: Node, shown: str, offset: int, path: FieldPath,
               positions: dict[FieldPath, Pos], depth: int = 0) -> Any:
    """Nodes -> plain values; records positions; reports duplicate keys."""
    if depth > 50:
        out.problems.append(problem(_pos(node, shown, offset), "yaml-syntax",
                                    "слишком глубокая вложенность", _dotted(path)))
        return None
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node) if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str):
                out.problems.append(problem(_pos(key_node, shown, offset), "type",
                                            "имя поля должно быть текстом", _dotted(path)))
                continue
            child = path + (key,)
            if key in result:
                first = positions[child]
                out.problems.append(problem(_pos(key_node, shown, offset), "duplicate-key",
                                            f"поле «{key}» уже указано в строке {first.line}; "
                                            f"оставьте одно", _dotted(child)))
                continue
            positions[child] = _pos(key_node, shown, offset)
            result[key] = _to_python(out, value_node, shown, offset, child, positions, depth + 1)
        return result
    if isinstance(node, SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            child = path + (index,)
            positions[child] = _pos(item, shown, offset)
            items.append(_to_python(out, item, shown, offset, child, positions, depth + 1))
        return items
    return _scalar(node)


_STR_TAG = "tag:yaml.org,2002:str"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


def _scalar(node: ScalarNode) -> Any:
    # Dates and times stay as the text the editor wrote: the schema checks the format.
    # Text (most scalars) is the node's value as is: what construct_yaml_str returns,
    # without the constructor's bookkeeping.
    if node.tag == _STR_TAG or node.tag == _TIMESTAMP_TAG:
        return node.value
    try:
        return _constructor.construct_object(node, deep=True)
    except Exception:  # an odd tag or a value the constructor refuses: keep the text
        return node.value
    finally:
        # The shared constructor would otherwise keep every node it has seen.
        _constructor.constructed_objects.clear()
        _constructor.recursive_objects.clear()


def _pos(node: Node, shown: str, offset: int) -> Pos:
    return Pos(shown, node.start_mark.line + 1 + offset, node.start_mark.column + 1)


def _dotted(path: FieldPath) -> str:
    return field_name(path)
