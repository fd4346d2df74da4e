"""The real content/ validates with no errors (warnings are allowed for now)."""
from __future__ import annotations

from catalogue_kit import REAL_CONTENT, run_validate


def test_real_catalogue_has_no_errors() -> None:
    result = run_validate(REAL_CONTENT)
    assert [str(p) for p in result.errors] == []


def test_real_catalogue_is_not_empty() -> None:
    result = run_validate(REAL_CONTENT)
    assert result.catalogue.entries
    assert all(result.catalogue.references.values())
