"""Values the engine computes from what editors wrote, so that no editor keeps two
fields in step by hand.

- problem: ``reports`` is the number of cited reports in ``reported`` and ``since``
  the date of the earliest of them (issue «The catalogue answers …»: «reports» must
  count real, cited reports).

``derive`` runs after the checks (so derived keys are never «unknown fields») and
before anything reads the catalogue: pages, finders, analytics, open data, feeds.
"""
from __future__ import annotations

from typing import Any

from .fields import Schema, date, integer
from .model import Catalogue, as_date

# What derive() adds to an entry's data, by type: the open data (export.record_schema)
# publishes these keys with the editors' fields.
DERIVED: dict[str, dict[str, Schema]] = {
    "problem": {
        "reports": integer("Обращений", "Сколько обращений перечислено в reported "
                           "(считает сайт).", minimum=0),
        "since": date("Впервые", "Дата самого раннего обращения из reported (считает сайт)."),
    },
}


def derive(catalogue: Catalogue) -> None:
    """Fill derived fields in place. Malformed items (already reported by the checks)
    are skipped rather than guessed at."""
    for entry in catalogue.of_type("problem"):
        reported = [r for r in _list(entry.data.get("reported")) if isinstance(r, dict)]
        entry.data["reports"] = len(reported)
        dated = [r["date"] for r in reported if as_date(r.get("date"))]
        if dated:
            entry.data["since"] = min(dated, key=as_date)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
