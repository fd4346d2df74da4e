"""content/ -> a Catalogue of entries and reference items that remember where
every field was written, plus the problems found while reading.

YAML is composed into nodes (not loaded) so that every value keeps its line and
so that a key given twice is reported instead of silently overwritten.
Nothing here raises on bad input: every mistake becomes a located Problem.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import lint
from .model import (REFERENCE_BY_FILE, TYPE_BY_FOLDER, Catalogue, Entry, FieldPath, Pos,
                    ReferenceItem, TypeSpec)
from .chars import LIST_DASH, describe_odd
from .problems import Problem, field_name, problem
from .yamlcore import (BOOL, BOOL_TAG, FLOAT, FLOAT_TAG, INT, INT_TAG, NULL, NULL_TAG,
                       Loader as _Loader)

REFERENCE_DIR = "reference"
PAGE_DIRS = ("", "guide")                      # hand-written pages live here
ASSET_DIRS = ("images", "files")
ASSET_EXTENSIONS = {".png", ".jpg", ".jpeg", ".webp", ".gif", ".pdf"}
IGNORED_NAMES = {".gitkeep"}

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
    typed: dict[FieldPath, str] = {}
    # Nothing (or only comments) between the lines «---»: an entry without fields,
    # so that the checks name every required one instead of dropping the file.
    reader = _Reader(out, shown, 1, front, {"type": "object", "properties": spec.properties},
                     positions, typed)
    data = {} if node is None else _to_python(reader, node, ())
    if not isinstance(data, dict):
        out.problems.append(problem(Pos(shown, 2), "not-a-mapping",
                                    "свойства материала должны быть строками «поле: значение»"))
        return None
    entry = Entry(data=data, positions=positions, pos=Pos(shown, 1), spec=spec, id=ident,
                  body=body, body_line=body_line, typed=typed)
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
    typed: dict[FieldPath, str] = {}
    root = {"type": "array", "items": {"type": "object", "properties": spec.properties}}
    reader = _Reader(out, shown, 0, text, root, positions, typed)
    data = _to_python(reader, node, ())
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
        own_typed = {path[1:]: t for path, t in typed.items()
                     if len(path) > 1 and path[0] == index}
        item = ReferenceItem(data=value, positions=own, pos=item_pos, spec=spec,
                             typed=own_typed)
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
        line, col, code, message = yaml_error(exc, text)
        out.problems.append(problem(Pos(shown, line + line_offset, col), code, message))
    except yaml.reader.ReaderError as exc:
        # libyaml counts bytes of the UTF-8 text, PyYAML's reader characters
        at = exc.position if _Loader.__mro__[1] is yaml.SafeLoader else \
            len(text.encode("utf-8")[:exc.position].decode("utf-8", "ignore"))
        line = text[:at].count("\n") + 1
        col = at - (text.rfind("\n", 0, at) + 1) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        out.problems.append(problem(Pos(shown, line + line_offset, col), "yaml-syntax",
                                    f"ошибка YAML: недопустимый управляющий знак "
                                    f"U+{ord(char):04X}: удалите его"))
    except yaml.YAMLError:
        out.problems.append(problem(Pos(shown, 1 + line_offset), "yaml-syntax",
                                    f"ошибка YAML: {_GENERIC}"))
    except (ValueError, RecursionError):  # e.g. pathological nesting
        out.problems.append(problem(Pos(shown, 1 + line_offset), "yaml-syntax",
                                    "ошибка YAML: слишком сложная или глубокая разметка"))
    return None


_GENERIC = "разметка не разобрана: проверьте отступы, двоеточия, скобки и кавычки в этой строке"

# PyYAML (Python) and libyaml (C) words for each kind of mistake -> Russian. Matched by
# the start of the message; a message not listed gets the generic Russian one above,
# never English.
_YAML_MESSAGES = {
    "mapping values are not allowed": "двоеточие с пробелом внутри значения: возьмите всё "
                                      "значение в кавычки",
    "could not find expected ':'": "не найдено двоеточие после имени поля",
    "found character '\\t' that cannot start any token": "табуляция вместо пробелов в отступе",
    "found a tab character": "табуляция вместо пробелов в отступе",
    "found character": "значение не может начинаться с этого знака (табуляция, @, `, %): "
                       "замените табуляцию пробелами или возьмите значение в кавычки",
    "expected <block end>, but found '-'": "элемент списка с неверным отступом",
    "expected <block end>": "неверный отступ: строка сдвинута не так, как соседние поля",
    "did not find expected key": "неверный отступ: строка сдвинута не так, как соседние "
                                 "поля, или элемент списка «-» не на своём месте",
    "did not find expected '-' indicator": "элемент списка с неверным отступом",
    "block sequence entries are not allowed": "элемент списка «- » там, где его не ждут: "
                                              "поставьте его на отдельную строку под именем "
                                              "поля или возьмите значение в кавычки",
    "mapping keys are not allowed": "знак «?» в начале значения: возьмите значение в кавычки",
    "found undefined alias": "значение начинается со звёздочки «*»: возьмите его в кавычки",
    "did not find expected alphabetic or numeric character": "после «&» или «*» в начале "
                                                             "значения нужно имя: возьмите "
                                                             "значение в кавычки",
    "expected alphabetic or numeric character": "после «&» или «*» в начале значения нужно "
                                                "имя: возьмите значение в кавычки",
    "found duplicate anchor": "якорь «&» с этим именем уже есть: возьмите значение в кавычки",
    "found unexpected end of stream": "незакрытая кавычка или скобка",
    "found unknown escape character": "обратная косая черта «\\» в двойных кавычках: "
                                      "пишите «\\\\» или возьмите значение в одинарные кавычки",
    "expected escape sequence": "обратная косая черта «\\» в двойных кавычках: пишите «\\\\» "
                                "или возьмите значение в одинарные кавычки",
    "did not find expected hexdecimal number": "обратная косая черта «\\» в двойных "
                                               "кавычках: пишите «\\\\» или возьмите значение "
                                               "в одинарные кавычки",
    "found invalid Unicode character escape code": "обратная косая черта «\\» в двойных "
                                                   "кавычках: пишите «\\\\»",
    "found unexpected document": "строка «---» или «...» внутри свойств: уберите её",
    "expected a single document": "строка «---» внутри свойств: уберите её",
    "expected '<document start>'": "строка «---» внутри свойств: уберите её",
    "did not find expected <document start>": "строка «---» внутри свойств: уберите её",
    "expected a comment or a line break": "после закрывающей кавычки или скобки в строке "
                                          "ещё что-то: возьмите в кавычки всё значение",
    "did not find expected comment or line break": "после закрывающей кавычки или скобки в "
                                                   "строке ещё что-то: возьмите в кавычки всё "
                                                   "значение",
    "found an indentation indicator equal to 0": "после «|» или «>» не может стоять 0",
    "expected chomping or indentation indicators": "после «|» или «>» в начале значения "
                                                   "ничего не пишут: перенесите текст на "
                                                   "следующие строки или возьмите значение в "
                                                   "кавычки",
    "did not find expected whitespace or line break": "после знака в начале значения нужен "
                                                      "пробел: возьмите значение в кавычки",
    "expected ' '": "после знака в начале значения нужен пробел: возьмите значение в кавычки",
    "expected ',' or ']'": "незакрытая скобка «[» или пропущена запятая",
    "did not find expected ',' or ']'": "незакрытая скобка «[» или пропущена запятая",
    "expected ',' or '}'": "незакрытая скобка «{» или пропущена запятая",
    "did not find expected ',' or '}'": "незакрытая скобка «{» или пропущена запятая",
    "expected node content": "пропущено значение: возьмите значение в кавычки",
    "did not find expected node content": "пропущено значение: возьмите значение в кавычки",
    "expected a directive name": "значение начинается со знака «%»: возьмите его в кавычки",
    "expected URI": "значение начинается со знака «!»: возьмите его в кавычки",
    "expected '!'": "значение начинается со знака «!»: возьмите его в кавычки",
    "did not find expected tag": "значение начинается со знака «!»: возьмите его в кавычки",
    "did not find URI escaped octet": "значение начинается со знака «!»: возьмите его в кавычки",
    "found undefined tag handle": "значение начинается со знака «!»: возьмите его в кавычки",
    "found unknown tag": "значение начинается со знака «!»: возьмите его в кавычки",
    "control characters are not allowed": "в строке управляющий знак: удалите его",
}

_SIMPLE_KEY = "while scanning a simple key"
_SECOND_DOCUMENT = ("expected '<document start>'", "did not find expected <document start>")
_NO_SPACE = re.compile(r"^\s*(?:- )?([A-Za-z_][\w-]*):(?=[^\s:/])")
_FLOW = ("while parsing a flow", "while scanning a quoted scalar")
# «поле: "текст" ещё текст»: a quoted value that does not end at its closing quote
_AFTER_QUOTE = re.compile(r"""^\s*(?:- )?(?:[^\s:#][^:#]*:\s+)?("[^"\n]*"|'[^'\n]*')[ \t]*[^\s#]""")


def yaml_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str, str]:
    """(line, column, code, Russian message) of a YAML mistake in ``text``, 1-based.

    The line is the mistake's, not where the parser gave up: a key it could not
    finish (``while scanning a simple key``) or an unclosed bracket or quote points
    at its start; a line that is only a comment or blank is never named (the
    scaffold's comments follow every field, the parser often stops at one).
    """
    problem_text = exc.problem or exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    context = exc.context or ""
    if exc.context_mark is not None and exc.problem_mark is not None and (
            context.startswith(_SIMPLE_KEY) or context.startswith(_FLOW)):
        if exc.problem_mark.line != exc.context_mark.line \
                or exc.problem_mark.index >= len(text.rstrip()):
            mark = exc.context_mark
    lines = text.split("\n")
    index = mark.line if mark is not None else 0
    col = mark.column + 1 if mark is not None else 1
    second_document = problem_text.startswith(_SECOND_DOCUMENT)
    if second_document:
        # the properties ended early: at a line «...» or «---», or the first line was
        # not «field: value» (so that the whole block was read as one value)
        marker = next((i for i in range(min(index, len(lines) - 1), -1, -1)
                       if lines[i].rstrip() in ("...", "---")), None)
        first = next((i for i, ln in enumerate(lines) if not _blank_or_comment(ln)), 0)
        index, col = (marker, 1) if marker is not None else (first, 1)
    while 0 < index < len(lines) and _blank_or_comment(lines[index]):
        index -= 1
        col = 1
    line = lines[index] if index < len(lines) else ""
    described = describe_odd(line, in_line=True)
    no_space = _NO_SPACE.match(line)
    code = "yaml-syntax"
    if no_space:
        key = no_space.group(1)
        message = (f"после двоеточия нужен пробел: пишите «{key}: "
                   f"{line[no_space.end(1) + 1:].strip()[:40]}»")
    elif second_document and line.rstrip() in ("...", "---"):
        message = f"строка «{line.rstrip()}» внутри свойств: уберите её"
    elif context.startswith(_FLOW[0]) and " #" in line:
        code = "yaml-comment"
        message = ("текст после # отброшен: « #» начинает комментарий, и конец списка "
                   "пропал; возьмите значение с «#» в кавычки")
    elif LIST_DASH.match(line):
        dash = LIST_DASH.match(line).group(1)  # type: ignore[union-attr]
        message = (f"элемент списка начинается с «{dash}» (U+{ord(dash):04X}) вместо дефиса: "
                   f"пишите «- » (дефис и пробел)")
    elif _AFTER_QUOTE.match(line):
        message = ("после закрывающей кавычки в строке ещё текст: кавычки в начале "
                   "значения YAML считает кавычками всего значения; возьмите в кавычки всё "
                   "значение, а кавычки внутри замените на «ёлочки»")
    elif described:
        code = "invisible-char"
        message = f"{described}; из-за него строка не разобрана"
    elif context.startswith(_SIMPLE_KEY) and ":" not in line.split("#")[0]:
        message = ("строка без «поле: значение»: если это продолжение текста предыдущего "
                   "поля, сдвиньте её на два пробела вправо или возьмите всё значение "
                   "в кавычки")
    else:
        message = _GENERIC
        for english, russian in _YAML_MESSAGES.items():
            if problem_text.startswith(english):
                message = russian
                break
    return index + 1, col, code, f"ошибка YAML: {message}"


def _blank_or_comment(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


class _Reader:
    """What turning one file's nodes into values needs: where it is, the text, the
    schema of its fields (to know which hold text)."""

    def __init__(self, out: Loaded, shown: str, offset: int, text: str,
                 schema: dict[str, Any], positions: dict[FieldPath, Pos],
                 typed: dict[FieldPath, str]) -> None:
        self.out, self.shown, self.offset, self.text = out, shown, offset, text
        self.schema, self.positions, self.typed = schema, positions, typed


def _to_python(reader: _Reader, node: Node, path: FieldPath, depth: int = 0) -> Any:
    """Nodes -> plain values; records positions and typed text; reports duplicate keys
    and text a ` #` comment cut off."""
    out, shown, offset, positions = reader.out, reader.shown, reader.offset, reader.positions
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
            result[key] = _to_python(reader, value_node, child, depth + 1)
        _remember_flow(reader, node, path)
        return result
    if isinstance(node, SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            child = path + (index,)
            positions[child] = _pos(item, shown, offset)
            items.append(_to_python(reader, item, child, depth + 1))
        _remember_flow(reader, node, path)
        return items
    value = _scalar(node)
    if reader.text[node.start_mark.index:node.start_mark.index + 1] in ("&", "!"):
        _marked(reader, node, path)
    if isinstance(node, ScalarNode) and not node.style:  # plain: None or "" (libyaml)
        if not isinstance(value, str):
            reader.typed[path] = node.value
        _comment_after(reader, node, path, value)
    return value


def _marked(reader: _Reader, node: Node, path: FieldPath) -> None:
    """A value that starts with «&» (an anchor) or «!» (a tag): YAML drops that word."""
    typed = reader.text[node.start_mark.index:node.end_mark.index].split("\n")[0]
    word = typed.split(" ")[0]
    quoted = '"' + typed.replace("\\", "\\\\").replace('"', '\\"') + '"'
    reader.out.problems.append(problem(
        _pos(node, reader.shown, reader.offset), "quote-value",
        f"значение начинается с «{word[0]}»: YAML считает «{word}» служебной меткой и "
        f"отбрасывает её; возьмите значение в кавычки: {quoted[:80]}", _dotted(path)))


def _remember_flow(reader: _Reader, node: Node, path: FieldPath) -> None:
    """Keep a [flow, list] or {flow: map} as the editor typed it, for messages."""
    if getattr(node, "flow_style", False):
        typed = reader.text[node.start_mark.index:node.end_mark.index]
        reader.typed[path] = typed if len(typed) <= 200 else typed[:199] + "…"


def _comment_after(reader: _Reader, node: ScalarNode, path: FieldPath, value: Any) -> None:
    """A ` #` after a plain scalar in a text field: YAML dropped the rest of the line."""
    text = reader.text
    end = node.end_mark.index
    line_end = text.find("\n", end)
    rest = text[end:] if line_end == -1 else text[end:line_end]
    stripped = rest.lstrip(" \t")
    if not stripped.startswith("#") or (stripped == rest and node.value):
        return
    if not is_text(reader.schema, path):
        return
    hash_col = node.end_mark.column + len(rest) - len(stripped) + 1
    hash_line = node.end_mark.line + 1 + reader.offset   # a plain value may span lines
    dropped = stripped.rstrip()
    shown = dropped if len(dropped) <= 40 else dropped[:39] + "…"
    kept = node.value
    whole = f"{kept} {dropped}" if kept else dropped
    quote = '"' + whole.replace("\\", "\\\\").replace('"', '\\"') + '"'
    # a long value: its start, so that the editor sees where the opening quote goes
    quoted = quote if len(quote) <= 80 else (
        quote[:60].rstrip() + "…\" (кавычка в начале и в конце всего значения)")
    reader.out.problems.append(problem(
        Pos(reader.shown, hash_line, hash_col), "yaml-comment",
        f"текст после # отброшен: YAML считает «{shown}» комментарием, "
        + (f"и в значении осталось только «{kept}»" if kept else "и значение пусто")
        + f"; возьмите значение в кавычки: {quoted}", _dotted(path)))


def is_text(root: dict[str, Any], path: FieldPath) -> bool:
    """Whether the field at ``path`` under the schema ``root`` holds free text (not an
    id, a value from a list, a date, a URL or a number)."""
    schema: Any = root
    for part in path:
        if not isinstance(schema, dict):
            return False
        if isinstance(part, int):
            if isinstance(schema.get("items"), dict):
                schema = schema["items"]
            else:
                schema = next((b["items"] for b in schema.get("oneOf", ())
                               if isinstance(b.get("items"), dict)), None)
        else:
            schema = (schema.get("properties") or {}).get(part)
    return (isinstance(schema, dict) and schema.get("type") == "string"
            and not any(k in schema for k in ("enum", "const", "x-ref", "pattern", "format")))


def _scalar(node: ScalarNode) -> Any:
    """A scalar's value by the YAML 1.2 core schema (see _Loader); text as typed.

    Dates and times stay as the text the editor wrote: the schema checks the format.
    """
    tag = node.tag
    if tag == _STR_TAG or tag == _TIMESTAMP_TAG:
        return node.value
    value = node.value
    if tag == NULL_TAG and NULL.match(value):
        return None
    if tag == BOOL_TAG and BOOL.match(value):
        return value.lower() == "true"
    if tag == INT_TAG and INT.match(value):
        return int(value)
    if tag == FLOAT_TAG and FLOAT.match(value):
        return float(value)
    try:  # an explicit tag (!!int, !!binary, ...)
        return _constructor.construct_object(node, deep=True)
    except Exception:  # an odd tag or a value the constructor refuses: keep the text
        return node.value
    finally:
        # The shared constructor would otherwise keep every node it has seen.
        _constructor.constructed_objects.clear()
        _constructor.recursive_objects.clear()


_STR_TAG = "tag:yaml.org,2002:str"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


def _pos(node: Node, shown: str, offset: int) -> Pos:
    return Pos(shown, node.start_mark.line + 1 + offset, node.start_mark.column + 1)


def _dotted(path: FieldPath) -> str:
    return field_name(path)
