#!/usr/bin/env python3
"""Create a new entry to complete: every field of the type, with comments.

    python scripts/new.py measure "Конкурс «Малые города»"
        -> content/measures/konkurs-malye-goroda.md
    python scripts/new.py legal "Федеральный закон № 131-ФЗ" --id fz-131-2003
    python scripts/new.py --list          # the types and their folders

The id (file name and address) is transliterated from the title and cut at a
word boundary; --id sets it. The script never overwrites a file and refuses an
id that another entry of any type already has (or had, in old_ids).
Then replace every «ЗАПОЛНИТЕ» and run python scripts/validate.py <file>.
"""
from __future__ import annotations

import _path  # puts hooks/ on sys.path

import argparse
import sys
from pathlib import Path

_path.require_packages()   # or a Russian answer instead of ModuleNotFoundError

from catalogue.cli import russian_argparse
from catalogue import build_date
from catalogue.load import load_catalogue
from catalogue.model import TYPES
from catalogue.scaffold import (PLACEHOLDER, Refused, create, find_type, make_id,
                                reference_examples, scaffold)

ROOT = Path(__file__).resolve().parent.parent


def types_help() -> str:
    return "\n".join(f"  {t.name:<9} content/{t.folder + '/':<12} {t.label}"
                     for t in TYPES.values())


def main(argv: list[str] | None = None) -> int:
    russian_argparse()
    parser = argparse.ArgumentParser(
        description="Новый материал каталога: файл со всеми полями и подсказками",
        epilog="Типы материалов:\n" + types_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("type", nargs="?", help="тип: measure, legal, ... (или папка: measures)")
    # nargs="*": a title typed without quotes arrives as several words; they are joined.
    parser.add_argument("title", nargs="*", help="название материала по-русски (лучше в "
                                                  "кавычках)")
    parser.add_argument("--id", metavar="id", help="id (имя файла) вместо созданного из названия")
    parser.add_argument("--content", default=str(ROOT / "content"), metavar="ПАПКА",
                        help="папка content")
    parser.add_argument("--print", action="store_true", dest="stdout",
                        help="напечатать заготовку, не создавая файл")
    parser.add_argument("--list", action="store_true", help="показать типы материалов")
    args = parser.parse_args(argv)

    if args.list:
        print(types_help())
        return 0
    if not args.type or not args.title:
        parser.print_usage(sys.stderr)
        print("Укажите тип и название, например: python scripts/new.py measure "
              "\"Конкурс «Малые города»\"", file=sys.stderr)
        return 2
    spec = find_type(args.type)
    if spec is None:
        print(f"Нет такого типа: «{args.type}». Типы:\n{types_help()}", file=sys.stderr)
        return 2
    title = " ".join(" ".join(args.title).split())
    catalogue = load_catalogue(args.content).catalogue
    text = scaffold(spec, title, build_date(), examples=reference_examples(catalogue))
    if args.stdout:
        sys.stdout.write(text)
        return 0
    ident = args.id or make_id(title)
    try:
        path = create(args.content, spec, ident, text, catalogue)
    except Refused as exc:
        print(f"Файл не создан: {exc}", file=sys.stderr)
        return 1
    shown = path.resolve().relative_to(Path(args.content).resolve().parent).as_posix() \
        if Path(args.content).resolve() in path.resolve().parents else str(path)
    print(f"Создан {shown} ({spec.label.lower()}, адрес /{spec.folder}/{ident}/).\n"
          f"Замените каждое «{PLACEHOLDER}», необязательные поля раскройте или удалите,\n"
          f"затем проверьте: python scripts/validate.py {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
