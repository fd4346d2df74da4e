"""scripts/synth.py: the synthetic catalogue of tests and benchmarks is valid."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import synth
from catalogue.model import TYPES
from catalogue_kit import run_validate


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synth.generate(tmp_path_factory.mktemp("synth"), 300, seed=1)


def test_synthetic_catalogue_has_no_errors(generated: Path) -> None:
    result = run_validate(generated, synth.TODAY)
    assert [str(p) for p in result.errors] == []
    # only reference items may be left unused; everything else is clean
    assert {p.code for p in result.warnings} <= {"unused-reference"}
    assert len(result.catalogue.entries) == 300


def test_every_type_in_realistic_proportions(generated: Path) -> None:
    result = run_validate(generated, synth.TODAY)
    counts = Counter(entry.spec.name for entry in result.catalogue)
    assert set(counts) == set(TYPES)
    assert counts["measure"] == max(counts.values())
    assert 0.3 <= counts["measure"] / 300 <= 0.4


def test_entries_are_linked_and_have_bodies(generated: Path) -> None:
    result = run_validate(generated, synth.TODAY)
    entries = list(result.catalogue)
    assert sum("[[" in e.body for e in entries) > len(entries) // 2
    assert all("\n## " in "\n" + e.body for e in entries)
    words = [len(e.body.split()) for e in entries]
    assert 120 <= min(words) and max(words) <= 320
    measures = [e for e in entries if e.spec.name == "measure"]
    assert any(e.get("legal_basis") for e in measures)
    assert any("windows" in e.get("schedule", {}) for e in measures)


def test_same_seed_same_files(tmp_path: Path) -> None:
    a = synth.generate(tmp_path / "a", 40, seed=7)
    b = synth.generate(tmp_path / "b", 40, seed=7)
    files_a = sorted(p.relative_to(a).as_posix() for p in a.rglob("*.md"))
    files_b = sorted(p.relative_to(b).as_posix() for p in b.rglob("*.md"))
    assert files_a == files_b
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files_a)


@pytest.mark.parametrize("entries", [1, 7, 13])
def test_small_catalogues_are_valid(tmp_path: Path, entries: int) -> None:
    content = synth.generate(tmp_path, entries, seed=entries)
    result = run_validate(content, synth.TODAY)
    assert [str(p) for p in result.errors] == []
    assert len(result.catalogue.entries) == entries


def test_refuses_foreign_and_real_content(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    with pytest.raises(ValueError):
        synth.generate(tmp_path, 5)          # a content/ it did not make
    with pytest.raises(ValueError):
        synth.generate(synth.ROOT, 5)         # the repository itself
    again = synth.generate(tmp_path / "x", 5)
    assert synth.generate(tmp_path / "x", 6) == again   # its own output is replaced
    assert len(list(again.rglob("*.md"))) == 6
