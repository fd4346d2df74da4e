#!/usr/bin/env python3
"""A filled issue form («Предложить меру поддержки», «Сообщить о проблеме») -> a new entry.

    gh issue view 123 --json body --jq .body | python scripts/import_issue.py -
    python scripts/import_issue.py issue.md [--form measure.yml] [--id ...] [--print]

The issue body is what GitHub writes from the form: ``### <label>`` and the
answer. Answers become field values where they can (dropdowns, dates, sums,
links, names found in the reference lists); the rest stay «ЗАПОЛНИТЕ» with the
answer as a comment, and free-text answers become the text. The file is made
by the same scaffold as scripts/new.py; an editor completes it and opens a
pull request that closes the issue.
"""
from __future__ import annotations

import _path  # noqa: F401  (puts hooks/ on sys.path)

import argparse
import sys
from pathlib import Path

from catalogue.cli import russian_argparse
from catalogue import build_date
from catalogue.issue_form import FORM_TYPES, choose_form, load_form, read_issue
from catalogue.load import load_catalogue
from catalogue.scaffold import (PLACEHOLDER, Refused, create, make_id,
                                reference_examples, scaffold)

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"


def main(argv: list[str] | None = None) -> int:
    russian_argparse()
    parser = argparse.ArgumentParser(description="Материал из заполненной формы обращения")
    parser.add_argument("issue", help="файл с текстом обращения или - для стандартного ввода")
    parser.add_argument("--form", choices=sorted(FORM_TYPES),
                        help="форма обращения (по умолчанию определяется по заголовкам)")
    parser.add_argument("--id", metavar="id", help="id нового материала вместо созданного из названия")
    parser.add_argument("--content", default=str(ROOT / "content"), metavar="ПАПКА",
                        help="папка content")
    parser.add_argument("--print", action="store_true", dest="stdout",
                        help="напечатать файл, не создавая его")
    args = parser.parse_args(argv)

    body = sys.stdin.read() if args.issue == "-" else Path(args.issue).read_text(encoding="utf-8")
    forms = [load_form(FORMS / name) for name in sorted(FORM_TYPES)]
    form = next(f for f in forms if f.file == args.form) if args.form else choose_form(body, forms)
    if form is None:
        print("Не похоже на заполненную форму «Предложить меру поддержки» или «Сообщить о "
              "проблеме»: нет разделов «### …» с её вопросами. Укажите --form.", file=sys.stderr)
        return 2
    catalogue = load_catalogue(args.content).catalogue
    today = build_date()
    found = read_issue(body, form, catalogue, today)
    if not found.title:
        print("В обращении нет названия: укажите --id и впишите название в файл.",
              file=sys.stderr)
    title = found.title or PLACEHOLDER
    text = scaffold(found.spec, title, today, values=found.values, notes=found.notes,
                    examples=reference_examples(catalogue), body=found.body or None)
    if args.stdout:
        sys.stdout.write(text)
        return 0
    ident = args.id or make_id(found.title)
    try:
        path = create(args.content, found.spec, ident, text, catalogue)
    except Refused as exc:
        print(f"Файл не создан: {exc}", file=sys.stderr)
        return 1
    left = sum(PLACEHOLDER in line and not line.lstrip().startswith("#")
               for line in text.splitlines())
    print(f"Создан {path} ({found.spec.label.lower()}). "
          + (f"Осталось заполнить: {left} × «{PLACEHOLDER}»." if left else
             "Все обязательные поля заполнены из обращения: сверьте их с источником."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
