#!/usr/bin/env python3
"""Rename an entry in one step: its file, its old_ids and every reference to it.

    python scripts/rename.py OLD NEW            # content/<folder>/OLD.md -> NEW.md
    python scripts/rename.py OLD NEW --dry-run  # only say what would change

OLD goes into the entry's old_ids (its old address keeps working: a page there leads to
the new one); every [[OLD]] and every reference field (measure: OLD, legal: [OLD]) in
every file becomes NEW, and so do references to the entry's earlier old ids. Only those
words change: comments, quotes, order and layout of every file stay as they were.
No git command is run: commit the result as usual (git add -A).
"""
from __future__ import annotations

import _path

import argparse
import sys
from pathlib import Path

_path.require_packages()

from catalogue import validate  # noqa: E402
from catalogue.cli import russian_argparse  # noqa: E402
from catalogue.rename import Refused, apply, plan  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    russian_argparse()
    parser = argparse.ArgumentParser(
        description="Переименовать материал: файл, old_ids и все ссылки на него")
    parser.add_argument("old", metavar="прежний-id", help="нынешний id (имя файла без .md)")
    parser.add_argument("new", metavar="новый-id",
                        help="новый id: строчные латинские буквы, цифры и дефисы")
    parser.add_argument("--content", default=str(ROOT / "content"), metavar="ПАПКА",
                        help="папка content")
    parser.add_argument("--dry-run", action="store_true",
                        help="только показать, что изменится, ничего не записывая")
    args = parser.parse_args(argv)
    try:
        p = plan(args.content, args.old, args.new)
    except Refused as exc:
        print(f"Не переименовано: {exc}", file=sys.stderr)
        return 1
    base = Path(args.content).resolve().parent

    def shown(path: Path) -> str:
        return path.resolve().relative_to(base).as_posix()
    print(f"{shown(p.old_path)} -> {shown(p.new_path)}; «{args.old}» добавлен в old_ids")
    for path, edits in sorted(p.edits.items()):
        for line, _col, written, replacement in sorted(edits):
            print(f"  {shown(path)}:{line}: {written} -> {replacement}")
    if args.dry_run:
        print("Ничего не записано (--dry-run).")
        return 0
    apply(p)
    left = [x for x in validate(args.content).problems if x.code == "renamed-ref"]
    for x in left:
        print(x)
    files = len(p.edits) + 1
    print(f"Готово: ссылок заменено {p.count}, файлов изменено {files}. "
          f"Проверьте: python scripts/validate.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
