"""Fixtures of the built-site tests (the site itself: tests/conftest.py)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sitebuild  # noqa: E402


@pytest.fixture(scope="session")
def html() -> Any:
    """parse(path) -> lxml element of a built HTML file."""
    return sitebuild.parse
