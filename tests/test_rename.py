"""Renaming: a reference to an old id (old_ids) leads to the entry with a warning, and
scripts/rename.py renames an entry in one step without touching anything else.
Also: the scripts on a Python without the packages answer in Russian."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

import rename as rename_script
from catalogue.links import build_links, resolve_short_refs
from catalogue_kit import MEASURE, PRACTICE, PROBLEM, ROOT, SOLUTION, Content, line_of

M = "measures/grant-a.md"
RENAMED = MEASURE.replace("apply_url:", "old_ids: [grant-old]\napply_url:")


def test_old_id_in_a_field_resolves_with_a_warning(make_content: Callable[..., Content]
                                                   ) -> None:
    practice = PRACTICE.replace("- measure: grant-a", "- measure: grant-old")
    cat = make_content({M: RENAMED, "practices/practice-a.md": practice})
    result = cat.validate()
    line = line_of(practice, "    - measure:")
    assert [str(p) for p in result.problems if p.path.endswith("practice-a.md")] == [
        f"content/practices/practice-a.md:{line}:7: warning renamed-ref "
        f"budget.sources[1].measure: материал «grant-old» переименован в «grant-a» "
        f"(Грант на развитие сельских поселений): замените ссылку на grant-a"]
    assert result.errors == []
    catalogue = result.catalogue
    assert catalogue.lookup("measure", "grant-old") is catalogue.entries["grant-a"]
    backlinks = build_links(catalogue).backlinks("measure", "grant-a")
    assert "practice-a" in {link.source.id for link in backlinks}


def test_old_id_in_a_body_resolves_with_a_warning(make_content: Callable[..., Content]
                                                  ) -> None:
    practice = PRACTICE.replace("получили [[grant-a]]", "получили [[grant-old]]")
    cat = make_content({M: RENAMED, "practices/practice-a.md": practice})
    result = cat.validate()
    line = line_of(practice, "Жители провели")
    assert [str(p) for p in result.problems if p.path.endswith("practice-a.md")] == [
        f"content/practices/practice-a.md:{line}:{len('Жители провели собрание и получили ') + 1}: warning renamed-ref body: материал "
        f"«grant-old» переименован в «grant-a» (Грант на развитие сельских поселений): "
        f"замените ссылку на [[grant-a]]"]
    entry = result.catalogue.entries["practice-a"]
    assert "[Грант на развитие сельских поселений](../measures/grant-a.md)" in \
        resolve_short_refs(entry, result.catalogue)


def test_unknown_id_still_an_error(make_content: Callable[..., Content]) -> None:
    practice = PRACTICE.replace("- measure: grant-a", "- measure: grant-nope")
    cat = make_content({M: RENAMED, "practices/practice-a.md": practice})
    assert [p.code for p in cat.validate().errors] == ["ref-missing"]


# --- scripts/rename.py ---------------------------------------------------------------------

def _changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    a, b = before.split("\n"), after.split("\n")
    assert len(a) == len(b)
    return [(x, y) for x, y in zip(a, b) if x != y]


def test_rename_script(make_content: Callable[..., Content], capsys: pytest.CaptureFixture
                       ) -> None:
    # formatting an editor may use: a comment, quotes, a block list, CRLF
    solution = SOLUTION.replace("    measures: [grant-a]",
                                "    measures: ['grant-a']  # главная мера")
    problem = PROBLEM.replace("  measures: [grant-a]", "  measures:\n    - grant-a")
    practice = PRACTICE.replace("\n", "\r\n")
    cat = make_content({"solutions/solution-a.md": solution, "problems/problem-a.md": problem,
                        "practices/practice-a.md": practice,
                        "guide/howto.md": "# Как\n\nСм. [[grant-a|грант]] и `[[grant-a]]`.\n"})
    assert rename_script.main(["grant-a", "grant-selo", "--content", str(cat.root)]) == 0
    assert not (cat.root / M).exists()
    renamed = cat.read("measures/grant-selo.md")
    assert _changed_lines(MEASURE, renamed.replace("old_ids: [grant-a]\n", "")) == []
    assert renamed.count("old_ids: [grant-a]\n") == 1
    assert _changed_lines(solution, cat.read("solutions/solution-a.md")) == [
        ("    measures: ['grant-a']  # главная мера", "    measures: ['grant-selo']  # главная мера")]
    assert _changed_lines(problem, cat.read("problems/problem-a.md")) == [
        ("    - grant-a", "    - grant-selo")]
    after = (cat.root / "practices/practice-a.md").read_bytes().decode()
    assert _changed_lines(practice, after) == [
        ("    - measure: grant-a\r", "    - measure: grant-selo\r"),
        ("Жители провели собрание и получили [[grant-a]].\r",
         "Жители провели собрание и получили [[grant-selo]].\r")]
    assert cat.read("guide/howto.md") == "# Как\n\nСм. [[grant-selo|грант]] и `[[grant-a]]`.\n"
    result = cat.validate()
    # the remark after the list is not published: a warning (issue 17), not a rename's fault
    assert [(p.code, p.line) for p in result.problems if p.code != "unused-reference"] == [
        ("comment-after-value", line_of(solution, "    measures: ['grant-a']"))]
    assert "grant-selo" in result.catalogue.entries
    assert result.catalogue.lookup("measure", "grant-a").id == "grant-selo"
    out = capsys.readouterr().out
    assert "Готово: ссылок заменено 5" in out


def test_rename_adds_to_written_old_ids(make_content: Callable[..., Content]) -> None:
    block = MEASURE.replace("apply_url:", "old_ids:\n  - grant-first\napply_url:")
    cat = make_content({M: block, "practices/practice-a.md":
                        PRACTICE.replace("- measure: grant-a", "- measure: grant-first")})
    assert rename_script.main(["grant-a", "grant-b", "--content", str(cat.root)]) == 0
    assert "old_ids:\n  - grant-first\n  - grant-a\napply_url:" in cat.read("measures/grant-b.md")
    # a reference through the earlier old id is brought up to date as well
    assert "- measure: grant-b" in cat.read("practices/practice-a.md")
    assert rename_script.main(["grant-b", "grant-c", "--content", str(cat.root)]) == 0
    assert "  - grant-first\n  - grant-a\n  - grant-b\n" in cat.read("measures/grant-c.md")


@pytest.mark.parametrize("old,new,message", [
    ("grant-x", "grant-b", "нет материала с id «grant-x»; возможно: grant-a"),
    ("grant-a", "law-new", "id «law-new» уже занят: content/legal/law-new.md"),
    ("grant-a", "Grant_B", "«Grant_B» не годится как id"),
])
def test_rename_refuses(make_content: Callable[..., Content], capsys: pytest.CaptureFixture,
                        old: str, new: str, message: str) -> None:
    cat = make_content()
    assert rename_script.main([old, new, "--content", str(cat.root)]) == 1
    assert message in capsys.readouterr().err
    assert cat.read(M) == MEASURE


# --- the scripts on a Python without the packages ---------------------------------------------

@pytest.mark.parametrize("script,args", [("validate.py", []), ("new.py", ["measure", "Тест"]),
                                         ("rename.py", ["a", "b"])])
def test_scripts_without_packages_answer_in_russian(tmp_path: Path, script: str,
                                                    args: list[str]) -> None:
    # A copy of the project without .venv, run by a Python without site-packages (-S)
    for folder in ("scripts", "hooks"):
        subprocess.run(["cp", "-r", str(ROOT / folder), str(tmp_path / folder)], check=True)
    (tmp_path / "content").mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    done = subprocess.run([sys.executable, "-S", str(tmp_path / "scripts" / script), *args],
                          capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "ModuleNotFoundError" not in done.stderr
    assert done.stderr.startswith("Команда не запущена: не установлены пакеты: PyYAML, "
                                  "jsonschema. Установите зависимости")
    assert "make deps" in done.stderr and "python -m pip install -e ." in done.stderr
    assert not list((tmp_path / "content").iterdir())
