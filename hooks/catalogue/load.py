"""content/ -> a Catalogue of entries and reference items that remember where
every field was written, plus the problems found while reading.

YAML is composed into nodes (not loaded) so that every value keeps its line and
so that a key given twice is reported instead of silently overwritten.
Nothing here raises on bad input: every mistake becomes a located Problem.
"""
from __future__ import annotations

import bisect
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


# YAML 1.1 counts NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR as line breaks, and so do
# PyYAML and libyaml in their marks; an editor's editor and GitHub count only «\n»
_OTHER_BREAKS = re.compile("[\x85\u2028\u2029]")


def _editor_mark(mark: Any, starts: list[int]) -> Any:
    """A mark with the line and column an editor sees (lines end only at «\\n»)."""
    if mark is None:
        return None
    line = bisect.bisect_right(starts, mark.index) - 1
    return yaml.error.Mark(getattr(mark, "name", ""), mark.index, line,
                           mark.index - starts[line], None, None)


def editor_lines(node: Node, text: str) -> None:
    """Give every node of ``node`` the marks an editor sees when ``text`` holds a NEL
    (U+0085), U+2028 or U+2029: the parsers start a new line at each, so that every
    line reported after one would be off. Nothing to do (and nothing done) otherwise."""
    if not _OTHER_BREAKS.search(text):
        return
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    stack, seen = [node], set()
    while stack:
        current = stack.pop()
        if id(current) in seen:       # an alias: the same node twice
            continue
        seen.add(id(current))
        current.start_mark = _editor_mark(current.start_mark, starts)
        current.end_mark = _editor_mark(current.end_mark, starts)
        if isinstance(current, MappingNode):
            stack.extend(part for pair in current.value for part in pair)
        elif isinstance(current, SequenceNode):
            stack.extend(current.value)


def _compose(out: Loaded, text: str, shown: str, line_offset: int) -> Node | None:
    try:
        node = yaml.compose(text, Loader=_Loader)
        if node is not None:
            editor_lines(node, text)
        return node
    except yaml.MarkedYAMLError as exc:
        if _OTHER_BREAKS.search(text):
            starts = [0] + [m.end() for m in re.finditer("\n", text)]
            exc.problem_mark = _editor_mark(exc.problem_mark, starts)
            exc.context_mark = _editor_mark(exc.context_mark, starts)
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
    elif _DASH_NO_SPACE.match(line) and not line.lstrip().startswith("-:"):
        code = "list-format"
        item = line.split("#")[0].strip()[1:].strip()
        message = f"«-{item}» — не элемент списка: после дефиса нужен пробел: - {item}"
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
        key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node) if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str):
                out.problems.append(problem(_pos(key_node, shown, offset), "type",
                                            "имя поля должно быть текстом", _dotted(path)))
                continue
            child = path + (key,)
            if key in result:
                out.problems.append(problem(_pos(key_node, shown, offset), "duplicate-key",
                                            f"поле «{key}» уже указано в строке "
                                            f"{key_lines[key]}; оставьте одно", _dotted(child)))
                continue
            key_lines[key] = key_node.start_mark.line + 1 + offset
            positions[child] = _value_pos(key_node, value_node, shown, offset)
            dashed = _dash_items(reader, value_node, child, whole=True)
            result[key] = dashed if dashed is not None else \
                _to_python(reader, value_node, child, depth + 1)
        _remember_flow(reader, node, path)
        return result
    if isinstance(node, SequenceNode):
        items: list[Any] = []
        for item in node.value:
            child = path + (len(items),)
            positions[child] = _pos(item, shown, offset)
            dashed = None if node.flow_style else _dash_items(reader, item, child, whole=False)
            if dashed is not None:       # «- a» and «-b» glued into one item: both kept
                for extra in range(1, len(dashed)):
                    positions[path + (len(items) + extra,)] = positions.pop(
                        child + (extra,))
                del positions[child + (0,)]
                items.extend(dashed)
                continue
            items.append(_to_python(reader, item, child, depth + 1))
        _remember_flow(reader, node, path)
        return items
    value = _scalar(node)
    if reader.text[node.start_mark.index:node.start_mark.index + 1] in ("&", "!"):
        _marked(reader, node, path)
    if isinstance(node, ScalarNode) and not node.style:  # plain: None or "" (libyaml)
        if not isinstance(value, str):
            reader.typed[path] = node.value
    _comment_after(reader, node, path)
    return value


def _value_pos(key_node: Node, value_node: Node, shown: str, offset: int) -> Pos:
    """Where a field's value is: the key's line, or the line below it for a value written
    on a line of its own («topics:» and then «  -tos»), so that a message about the
    value names the line the value is on."""
    on_its_own = value_node.start_mark.line > key_node.start_mark.line and (
        isinstance(value_node, ScalarNode) and value_node.value != ""
        or getattr(value_node, "flow_style", False))
    return _pos(value_node if on_its_own else key_node, shown, offset)


# A line of a plain value that starts with a dash and no space: «-civic-participation»
# meant as a list item «- civic-participation» (YAML reads it as text)
_DASH_NO_SPACE = re.compile(r"^([ \t]*)-(?=[^\s\-])")
_DASH_SPACE = re.compile(r"^([ \t]*)-(?=[ \t])")


def _dash_items(reader: _Reader, node: Node, path: FieldPath, whole: bool) -> list[Any] | None:
    """List items written «-item» without the space YAML needs after the dash.

    YAML reads «topics:» followed by «  -civic-participation» as the text
    «-civic-participation», and «- tos» followed by a more indented «-civic» as the one
    item «tos -civic». Where a list is expected (``whole``: the field's schema allows a
    list; otherwise: ``node`` is an item of a block list), each line of a plain value
    that starts with «-» and no space is reported at that line (``list-format``), and
    the items the editor meant are returned (the entry does not publish with an error,
    but its other checks see the list meant, not a cascade of errors about the text).
    None when the value has no such line or is not in such a place.
    """
    if not isinstance(node, ScalarNode) or node.style or "-" not in node.value:
        return None
    if whole and "array" not in _types(_schema_at(reader.schema, path)):
        return None
    text = reader.text
    raw = text[node.start_mark.index:node.end_mark.index].split("\n")
    parts: list[tuple[int, int, str, bool]] = []      # (line, column, text, dashed)
    for number, line in enumerate(raw):
        column = node.start_mark.column if number == 0 else 0
        if number == 0 and whole:
            line = " " * column + line
            column = 0
        dash = _DASH_NO_SPACE.match(line) if (number or whole) else None
        proper = _DASH_SPACE.match(line) if (number or whole) else None
        if dash is not None:
            parts.append((number, dash.end(1), line[dash.end(1) + 1:].strip(), True))
        elif proper is not None:       # «- tos» after «-civic»: YAML read it as text too
            parts.append((number, proper.end(1), line[proper.end(1) + 1:].strip(), False))
        elif line.strip() and parts:
            last = parts[-1]
            parts[-1] = (last[0], last[1], f"{last[2]} {line.strip()}".strip(), last[3])
        elif line.strip():
            parts.append((number, column + len(line) - len(line.lstrip()), line.strip(),
                          False))
    if not any(dashed for *_, dashed in parts):
        return None
    first_line = node.start_mark.line + 1 + reader.offset
    # «topics: -tos»: the value on the line of its field, where «- tos» cannot stand
    line_start = text.rfind("\n", 0, node.start_mark.index) + 1
    after_key = bool(text[line_start:node.start_mark.index].strip())
    items: list[Any] = []
    for index, (number, column, item, dashed) in enumerate(parts):
        where = Pos(reader.shown, first_line + number, column + 1)
        reader.positions[path + (index,)] = where
        items.append(_core_value(item))
        if not dashed:
            continue
        glued = "" if whole or index == 0 else (
            f"YAML приклеил его к элементу «{parts[index - 1][2]}» строкой выше; ")
        fix = f"- {item}"
        if number == 0 and after_key:
            fix += f" на строке под именем поля, или пишите в скобках: [{item}]"
        reader.out.problems.append(problem(
            where, "list-format",
            f"«-{item}» YAML прочитал как текст, а не как элемент списка: {glued}после "
            f"дефиса нужен пробел: {fix}", _dotted(path)))
    _comment_after(reader, node, path + (len(parts) - 1,) if whole else path)
    return items


def _core_value(text: str) -> Any:
    """An item recovered by _dash_items, read as the YAML 1.2 core schema reads a plain
    scalar (a number stays a number, so that its checks are the usual ones)."""
    if INT.match(text):
        return int(text)
    if FLOAT.match(text):
        return float(text)
    return text


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
    """Keep a [flow, list] or {flow: map} as the editor typed it, for messages; a
    remark after its closing bracket is reported (_comment_after)."""
    if getattr(node, "flow_style", False):
        typed = reader.text[node.start_mark.index:node.end_mark.index]
        reader.typed[path] = typed if len(typed) <= 200 else typed[:199] + "…"
        _comment_after(reader, node, path)


def _comment_after(reader: _Reader, node: Node, path: FieldPath) -> None:
    """Text after « #» on the line a value ends: YAML drops it as a comment.

    By the kind of value (a comment on a line of its own is never reported):

    - a plain value of a free-text field: the text was cut at « #» («Акция #МыВместе»
      publishes «Акция»): an error (``yaml-comment``), with the whole value in quotes;
    - any other value (an id, a value from a list, a URL, a date, a number, true/false,
      a value in quotes, a [list]): the value is whole (ids and URLs hold no spaces, so
      « #» cannot be part of them) and only the editor's remark is lost: a warning
      (``comment-after-value``) that names the remark and says where to write it — on
      a comment line of its own, or, for a URL, in the text of the entry.

    An empty plain value («provider: # минфин») is left to the checks, which say it is
    empty.
    """
    text = reader.text
    end = node.end_mark.index
    line_end = text.find("\n", end)
    rest = text[end:] if line_end == -1 else text[end:line_end]
    stripped = rest.lstrip(" \t")
    plain = isinstance(node, ScalarNode) and not node.style
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        return      # a block of text ends at the start of a line: what follows is not on it
    if not stripped.startswith("#") or (stripped == rest and not (plain and not node.value)):
        return      # a comment needs a space before «#»; in a plain value «a#b» is text
    text_field = is_text(reader.schema, path)
    if plain and not text_field and not node.value:
        return
    hash_col = node.end_mark.column + len(rest) - len(stripped) + 1
    hash_line = node.end_mark.line + 1 + reader.offset   # a plain value may span lines
    dropped = stripped.rstrip()
    shown = dropped if len(dropped) <= 40 else dropped[:39] + "…"
    where = Pos(reader.shown, hash_line, hash_col)
    if plain and text_field:
        kept = node.value
        whole = f"{kept} {dropped}" if kept else dropped
        quote = '"' + whole.replace("\\", "\\\\").replace('"', '\\"') + '"'
        # a long value: its start, so that the editor sees where the opening quote goes
        quoted = quote if len(quote) <= 80 else (
            quote[:60].rstrip() + "…\" (кавычка в начале и в конце всего значения)")
        reader.out.problems.append(problem(
            where, "yaml-comment",
            f"текст после # отброшен: YAML считает «{shown}» комментарием, "
            + (f"и в значении осталось только «{kept}»" if kept else "и значение пусто")
            + f"; возьмите значение в кавычки: {quoted}", _dotted(path)))
        return
    typed = " ".join(text[node.start_mark.index:end].split())
    typed = typed if len(typed) <= 60 else typed[:59] + "…"
    remark = dropped.lstrip("#").strip()
    schema = _schema_at(reader.schema, path) or {}
    url = bool(schema.get("x-url"))
    value_is = "" if not isinstance(node, ScalarNode) else \
        f" ({'ссылка' if url else 'значение'} — {typed})"
    message = (f"текст после « #» отброшен: YAML считает «{shown}» комментарием, и на "
               f"сайт он не попадёт{value_is}; ")
    own_line = f"отдельной строкой-комментарием над этой: # {remark}"
    if url:
        message += f"уберите примечание, перенесите его в текст материала или напишите {own_line}"
        if plain and re.fullmatch(r"[\w\-.~/?=&%:+!$]+", remark, re.ASCII):
            message += (f"; если «#{remark}» — часть адреса, пишите её без пробела: "
                        f"{node.value}#{remark}")
    elif text_field:    # a value in quotes and text after them
        inside = typed[:-1] + " " + dropped + typed[-1]
        message += (f"если это часть значения, внесите его в кавычки: {inside}; если "
                    f"примечание — уберите его или напишите {own_line}")
    else:
        message += f"уберите примечание или напишите его {own_line}"
    reader.out.problems.append(problem(where, "comment-after-value", message, _dotted(path),
                                       "warning"))


def _schema_at(root: dict[str, Any], path: FieldPath) -> dict[str, Any] | None:
    """The schema of the field at ``path`` under the schema ``root``, or None."""
    schema: Any = root
    for part in path:
        if not isinstance(schema, dict):
            return None
        if isinstance(part, int):
            if isinstance(schema.get("items"), dict):
                schema = schema["items"]
            else:
                schema = next((b["items"] for b in schema.get("oneOf", ())
                               if isinstance(b.get("items"), dict)), None)
        else:
            schema = (schema.get("properties") or {}).get(part)
    return schema if isinstance(schema, dict) else None


def _types(schema: dict[str, Any] | None) -> set[str]:
    """The JSON types a field allows, its oneOf/anyOf branches included."""
    if not schema:
        return set()
    kind = schema.get("type")
    out = set(kind if isinstance(kind, list) else [kind] if kind else [])
    for branch in (*schema.get("oneOf", ()), *schema.get("anyOf", ())):
        if isinstance(branch, dict):
            out |= _types(branch)
    return out


def is_text(root: dict[str, Any], path: FieldPath) -> bool:
    """Whether the field at ``path`` under the schema ``root`` holds free text (not an
    id, a value from a list, a date, a URL or a number)."""
    schema = _schema_at(root, path)
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
