"""The test suite runs in any selection of its folders: no module imports from
``conftest``. tests/, tests/site and tests/browser each have a conftest.py, all
imported under the one name ``conftest``; which one that name means depends on
which folders a run collects (``pytest tests/browser/x.py tests/site/y.py`` loads
tests/site's last, and ``from conftest import serve`` then fails). Shared helpers
live in ordinary modules (catalogue_kit.py, tests/site/sitebuild.py,
tests/browser/browserkit.py)."""
from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_no_module_imports_from_conftest() -> None:
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
            names = [node.module] if isinstance(node, ast.ImportFrom) else \
                [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if "conftest" in names:
                found.append(f"{path.relative_to(TESTS)}:{node.lineno}")
    assert not found, "imports from conftest (use a helper module): " + ", ".join(found)
