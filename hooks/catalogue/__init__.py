"""The catalogue engine: loads content/, checks it, links it and describes pages.

Used by the MkDocs hooks (hooks/site.py), the scripts and the tests alike; it
imports nothing from MkDocs. The entry point for all of them is ``validate``.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from .check import check
from .clock import build_date
from .derive import derive
from .load import load_catalogue
from .model import Catalogue
from .problems import Problem


@dataclass
class Result:
    catalogue: Catalogue
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def only(self, paths: list[str]) -> list[Problem]:
        """Problems in the given files (or folders), as a pre-commit hook wants them."""
        wanted = [Path(p).resolve() for p in paths]
        base = Path(self.catalogue.root).parent

        def inside(problem: Problem) -> bool:
            where = (base / problem.path).resolve()
            return any(where == w or w in where.parents for w in wanted)
        return [p for p in self.problems if inside(p)]


def validate(content_dir: str | os.PathLike[str], today: dt.date | None = None) -> Result:
    """Load and check the whole catalogue; problems sorted by file and line."""
    loaded = load_catalogue(content_dir)
    problems = loaded.problems + check(loaded.catalogue, today or build_date())
    derive(loaded.catalogue)
    problems.sort(key=lambda p: (p.path, p.line, p.col, p.code))
    return Result(loaded.catalogue, problems)


__all__ = ["Result", "validate", "build_date", "Problem", "Catalogue"]
