#!/usr/bin/env python3
"""Check every outside link of the catalogue: sources, further sources, application
and enrolment pages, official publications (hooks/catalogue/linkcheck.py).

    python scripts/check_links.py                    # every entry in content/
    python scripts/check_links.py content/measures/  # report on these files only
    python scripts/check_links.py --format github    # GitHub Actions annotations

One line per problem, like scripts/validate.py: ``path:line:col: severity CODE field:
message``. Exit status 1 if a link is dead (404, 410); moved, suspicious and
unreachable links are warnings. Runs weekly in .github/workflows/links.yml.
"""
from __future__ import annotations

import _path  # noqa: F401  (puts hooks/ on sys.path)

import argparse
import json
import sys
from pathlib import Path

from catalogue import validate
from catalogue.linkcheck import check_urls_sync, links, problems_for
from validate import github

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Проверка внешних ссылок каталога")
    parser.add_argument("paths", nargs="*", help="файлы или папки для отчёта (по умолчанию все)")
    parser.add_argument("--content", default=str(ROOT / "content"), help="папка content")
    parser.add_argument("--format", choices=["text", "github", "json"], default="text")
    parser.add_argument("--concurrency", type=int, default=8,
                        help="сколько запросов одновременно (к одному сайту — по одному)")
    parser.add_argument("--host-delay", type=float, default=1.0,
                        help="пауза между запросами к одному сайту, секунд")
    parser.add_argument("--timeout", type=float, default=15.0, help="ожидание ответа, секунд")
    parser.add_argument("--retries", type=int, default=2, help="повторов после сбоя")
    args = parser.parse_args(argv)

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"Нет такого файла или папки: {', '.join(missing)}", file=sys.stderr)
        return 2
    result = validate(args.content)
    found = links(result.catalogue)
    if args.paths:  # the files named, as validate.py reports them
        wanted = [Path(p).resolve() for p in args.paths]
        base = Path(result.catalogue.root).parent
        found = [link for link in found
                 if any(w == (f := (base / link.pos.path).resolve()) or w in f.parents
                        for w in wanted)]
    outcomes = check_urls_sync([link.url for link in found], concurrency=args.concurrency,
                               host_delay=args.host_delay, timeout=args.timeout,
                               retries=args.retries)
    problems = sorted(problems_for(found, outcomes), key=lambda p: (p.path, p.line, p.col))
    errors = sum(p.severity == "error" for p in problems)
    if args.format == "json":
        json.dump({"problems": [p.as_dict() for p in problems], "errors": errors,
                   "warnings": len(problems) - errors, "links": len(found),
                   "urls": len(outcomes)}, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        render = github if args.format == "github" else str
        for p in problems:
            print(render(p))
        print(f"Проверено ссылок: {len(found)} (адресов: {len(outcomes)}); "
              f"не найдено: {errors}, предупреждений: {len(problems) - errors}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
