"""Renaming an entry in one step (scripts/rename.py): its file, its old_ids and every
reference to it in every file, as text edits at the places the loader recorded, so
that everything else in each file stays byte for byte as the editor wrote it.
"""
from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import body as md
from .fields import ID_PATTERN
from .load import load_catalogue, split_front_matter
from .model import REFERENCES, Entry, Record, references

_ID = re.compile(ID_PATTERN)


class Refused(Exception):
    """The rename cannot be done; the message (Russian) says why and what to do."""


@dataclass
class Plan:
    """What a rename changes: the entry's file and the edits of every file."""
    entry: Entry
    old_path: Path
    new_path: Path
    new_text: str                                          # the entry's file, renamed
    edits: dict[Path, list[tuple[int, int, str, str]]] = field(default_factory=dict)
    # path -> [(line, col, written, replacement)], 1-based as the loader counts

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.edits.values())


def plan(content_dir: str | os.PathLike[str], old: str, new: str) -> Plan:
    """Everything the rename of ``old`` to ``new`` writes, without writing it."""
    root = Path(content_dir).resolve()
    catalogue = load_catalogue(root).catalogue
    entry = catalogue.entries.get(old)
    if entry is None:
        renamed = catalogue.renamed(old)
        if renamed is not None:
            raise Refused(f"«{old}» уже переименован в «{renamed.id}» "
                          f"({renamed.pos.path})")
        near = difflib.get_close_matches(old, list(catalogue.entries), n=3)
        hint = f"; возможно: {', '.join(near)}" if near else ""
        raise Refused(f"нет материала с id «{old}»{hint}")
    if not _ID.match(new):
        raise Refused(f"«{new}» не годится как id: только строчные латинские буквы, цифры и "
                      f"одиночные дефисы, например konkurs-malye-goroda")
    if new in catalogue.entries:
        raise Refused(f"id «{new}» уже занят: {catalogue.entries[new].pos.path}")
    owner = catalogue.renamed(new)
    if owner is not None:
        where = "этого же материала: удалите его из old_ids" if owner is entry else \
            f"материала {owner.pos.path}"
        raise Refused(f"«{new}» — прежний id {where}, выберите другой")
    folder = root / entry.spec.folder
    old_path, new_path = folder / f"{old}.md", folder / f"{new}.md"
    olds = {old, *(i for i in entry.data.get("old_ids") or [] if isinstance(i, str))}
    result = Plan(entry, old_path, new_path, "")
    base = root.parent
    records: list[Record] = [*catalogue,
                             *(i for items in catalogue.references.values()
                               for i in items.values())]
    for record in records:
        path = base / record.pos.path
        lines = _lines(path)
        for ref_path, target, ident in references(record.spec.properties,  # type: ignore[attr-defined]
                                                  record.data):
            if target in REFERENCES or ident not in olds:
                continue
            pos = record.at(*ref_path)
            key = ref_path[-1] if isinstance(ref_path[-1], str) else None
            edit = _field_edit(lines, pos.line, pos.col, key, ident, new)
            if edit is None:
                raise Refused(f"{record.pos.path}:{pos.line}: ссылку на «{ident}» не удалось "
                              f"найти в тексте файла; замените её вручную и повторите")
            result.edits.setdefault(path, []).append(edit)
    for entry_ in catalogue:
        path = base / entry_.pos.path
        result.edits.setdefault(path, []).extend(
            _body_edits(entry_.body, entry_.body_line, olds, new))
    for page in catalogue.pages:
        path = root / page
        text = _read(path).replace("\r\n", "\n")
        result.edits.setdefault(path, []).extend(_body_edits(text, 1, olds, new))
    result.edits = {p: e for p, e in result.edits.items() if e}
    own = _apply(_read(old_path), result.edits.pop(old_path, []))
    result.new_text = add_old_id(own, old)
    return result


def apply(p: Plan) -> None:
    """Write the plan: other files edited in place, the entry's file under its new name."""
    for path, edits in p.edits.items():
        _write(path, _apply(_read(path), edits))
    _write(p.new_path, p.new_text)
    p.old_path.unlink()


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".rename-tmp")
    tmp.write_bytes(text.encode("utf-8"))
    os.replace(tmp, path)


def _read(path: Path) -> str:
    """The file as it is, a BOM included: no newline translation (read_text would turn
    CRLF into LF). A BOM is on line 1, «---», where nothing is edited."""
    return path.read_bytes().decode("utf-8")


def _lines(path: Path) -> list[str]:
    return _read(path).replace("\r\n", "\n").split("\n")


def _token(ident: str) -> re.Pattern[str]:
    return re.compile(r"""(["']?)""" + re.escape(ident) + r"""\1(?![\w-])""")


def _field_edit(lines: list[str], line: int, col: int, key: str | None, ident: str,
                new: str) -> tuple[int, int, str, str] | None:
    """Where ``ident`` is written for a field: at (line, col) for a list item; after
    «key:» on that line (or the next lines, for a value on its own line) for a field."""
    token = _token(ident)
    if key is None:
        m = token.match(lines[line - 1], col - 1)
        return (line, col, m.group(0), m.group(0).replace(ident, new)) if m else None
    text = lines[line - 1]
    start = text.find(":", col - 1 + len(key))
    for number in range(line, min(line + 3, len(lines)) + 1):
        text = lines[number - 1]
        m = re.compile(r"[\s\[,-]*").match(text, start + 1 if number == line else 0)
        m = token.match(text, m.end()) if m else None
        if m:
            return number, m.start() + 1, m.group(0), m.group(0).replace(ident, new)
    return None


def _body_edits(text: str, first_line: int, olds: set[str], new: str
                ) -> list[tuple[int, int, str, str]]:
    out = []
    for found in md.short_refs(text):
        if found.target in olds:
            written = found.text[:2 + found.text[2:].index(found.target) + len(found.target)]
            out.append((first_line + found.line - 1, found.col, written,
                        written[:-len(found.target)] + new))
    return out


def _apply(text: str, edits: list[tuple[int, int, str, str]]) -> str:
    """The text with each edit made; line endings (LF or CRLF) kept."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.replace("\r\n", "\n").split("\n")
    for line, col, written, replacement in sorted(edits, reverse=True):
        current = lines[line - 1]
        assert current[col - 1:col - 1 + len(written)] == written, (line, col, written)
        lines[line - 1] = current[:col - 1] + replacement + current[col - 1 + len(written):]
    return newline.join(lines)


def add_old_id(text: str, old: str) -> str:
    """The entry's file with ``old`` added to old_ids: to a written list in its own style,
    else as a new line «old_ids: [old]» at the end of the front matter."""
    if text.startswith("\ufeff"):
        return "\ufeff" + add_old_id(text[1:], old)
    newline = "\r\n" if "\r\n" in text else "\n"
    plain = text.replace("\r\n", "\n")
    split = split_front_matter(plain)
    assert split is not None, "the loader read this file as an entry"
    front = split[0]
    lines = plain.split("\n")
    end = front.count("\n") + 1                      # index of the closing «---» line
    for i in range(1, end):
        m = re.match(r"old_ids:[ \t]*(\[.*\])?[ \t]*(#.*)?$", lines[i])
        if not m:
            continue
        if m.group(1) is not None:                   # old_ids: [a, b]
            inner = m.group(1)[1:-1].strip()
            items = f"{inner}, {old}" if inner else old
            lines[i] = lines[i][:m.start(1)] + f"[{items}]" + lines[i][m.end(1):]
        else:                                        # old_ids:\n  - a
            j, indent, last = i + 1, "  ", i
            while j < end and (re.match(r"\s*-\s", lines[j]) or not lines[j].strip()):
                if lines[j].strip():
                    indent = lines[j][:len(lines[j]) - len(lines[j].lstrip())]
                    last = j
                j += 1
            lines.insert(last + 1, f"{indent}- {old}")
        return newline.join(lines)
    # absent: replace the scaffold's commented line, else add before the closing «---»
    for i in range(1, end):
        if re.match(r"#\s*old_ids:", lines[i]):
            lines[i] = f"old_ids: [{old}]"
            return newline.join(lines)
    lines.insert(end, f"old_ids: [{old}]")
    return newline.join(lines)


def rename(content_dir: str | os.PathLike[str], old: str, new: str) -> Plan:
    """Rename and write; returns the plan that was written. Raises Refused."""
    p = plan(content_dir, old, new)
    apply(p)
    return p
