#!/usr/bin/env python3
"""Write the editors' JSON Schema files: schemas/<type>.schema.json.

    python scripts/schemas.py           # rewrite what changed
    python scripts/schemas.py --check   # exit 1 if a file is not what the engine makes now

Run it after changing a field in hooks/catalogue/schemas.py and commit the
result: VS Code (with the YAML extension, see .vscode/settings.json) reads these
files for hints and completion. They are made by hooks/catalogue/schema_files.py.
"""
from __future__ import annotations

import _path  # noqa: F401  (puts hooks/ on sys.path)

import argparse
import sys
from pathlib import Path

from catalogue import schema_files

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Файлы JSON Schema для редакторов")
    parser.add_argument("--check", action="store_true",
                        help="только проверить, что файлы в schemas/ не устарели")
    parser.add_argument("--root", default=str(ROOT), help="корень репозитория")
    args = parser.parse_args(argv)
    if args.check:
        stale = schema_files.outdated(args.root)
        for name in stale:
            print(f"{schema_files.FOLDER}/{name}: устарел, запустите python scripts/schemas.py")
        return 1 if stale else 0
    for path in schema_files.write(args.root):
        print(f"обновлён {path.relative_to(Path(args.root).resolve()) if path.is_absolute() else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
