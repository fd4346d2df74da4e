#!/usr/bin/env python3
"""Validate the catalogue without building the site.

    python scripts/validate.py                 # the whole of content/
    python scripts/validate.py content/measures/x.md   # report on these files only,
                                               # references still resolved against all
    python scripts/validate.py --format github # GitHub Actions annotations
    python scripts/validate.py --format json   # a machine-readable list

Exit status: 1 if there is any error, 0 otherwise (warnings do not fail).
"""
from __future__ import annotations

import _path  # puts hooks/ on sys.path

import argparse
import json
import sys
from pathlib import Path

_path.require_packages()   # or a Russian answer instead of ModuleNotFoundError

from catalogue.cli import russian_argparse
from catalogue import validate
from catalogue.problems import Problem

ROOT = Path(__file__).resolve().parent.parent


def github(problem: Problem) -> str:
    def esc(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return esc(text).replace(":", "%3A").replace(",", "%2C")
    title = prop(f"{problem.code} {problem.field}".strip())
    return (f"::{problem.severity} file={prop(problem.path)},line={problem.line},"
            f"col={problem.col},title={title}::{esc(problem.message)}")


def summary(errors: int, warnings: int, files: int) -> str:
    return f"Проверено файлов: {files}; ошибок: {errors}, предупреждений: {warnings}"


def main(argv: list[str] | None = None) -> int:
    russian_argparse()
    parser = argparse.ArgumentParser(description="Проверка каталога без сборки сайта")
    parser.add_argument("paths", nargs="*", help="файлы или папки для отчёта (по умолчанию все)")
    parser.add_argument("--content", default=str(ROOT / "content"), metavar="ПАПКА",
                        help="папка content")
    parser.add_argument("--format", choices=["text", "github", "json"], default="text")
    args = parser.parse_args(argv)

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:  # a typo in a pre-commit hook must not pass as "no problems"
        print(f"Нет такого файла или папки: {', '.join(missing)}", file=sys.stderr)
        return 2
    result = validate(args.content)
    problems = result.only(args.paths) if args.paths else result.problems
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    cat = result.catalogue
    files = (len(cat.entries) + sum(1 for items in cat.references.values() if items)
             + len(cat.pages) + len(cat.assets))
    if args.format == "json":
        json.dump({"problems": [p.as_dict() for p in problems],
                   "errors": errors, "warnings": warnings}, sys.stdout, ensure_ascii=False,
                  indent=1)
        print()
    else:
        render = github if args.format == "github" else str
        for p in problems:
            print(render(p))
        print(summary(errors, warnings, files))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
