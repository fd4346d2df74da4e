"""scripts/validate.py as editors and CI run it: a subprocess on a temporary content/."""
from __future__ import annotations

import calendar
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from catalogue_kit import MEASURE, ROOT, TODAY, Content, replace_line

SCRIPT = ROOT / "scripts" / "validate.py"
M = "measures/grant-a.md"
TEXT_LINE = re.compile(r"^(?P<path>content/[^:]+):(?P<line>\d+):(?P<col>\d+): "
                       r"(?P<severity>error|warning) (?P<code>[a-z-]+) "
                       r"(?:(?P<field>[A-Za-z0-9_.\[\]:]+): )?(?P<message>.+)$")
SUMMARY = re.compile(r"^Проверено файлов: (\d+); ошибок: (\d+), предупреждений: (\d+)$")
GITHUB_LINE = re.compile(r"^::(?P<severity>error|warning) file=(?P<file>[^,]+),line=(?P<line>\d+),"
                         r"col=(?P<col>\d+),title=(?P<title>[^:]+)::(?P<message>.+)$")


def run(content: Content, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    # the script validates on the build date: fix it to the tests' date
    epoch = calendar.timegm(TODAY.timetuple())
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, str(SCRIPT), "--content", str(content.root), *args],
                          capture_output=True, text=True, encoding="utf-8", env=env,
                          cwd=cwd or content.root.parent, timeout=120)


@pytest.fixture
def broken(make_content: Callable[..., Content]) -> Content:
    """An error (unknown enum value) and a warning (http) in the measure."""
    text = replace_line(MEASURE, "kind:", "kind: grnt")
    text = replace_line(text, "source:", "source: http://minfin.gov.ru/ru/grants")
    return make_content({M: text})


def test_text_format_and_exit_status(broken: Content) -> None:
    done = run(broken)
    assert done.returncode == 1, done.stderr
    lines = done.stdout.rstrip("\n").split("\n")
    *reported, last = lines
    assert SUMMARY.match(last), last
    parsed = [TEXT_LINE.match(line) for line in reported]
    assert all(parsed), [line for line, m in zip(reported, parsed) if not m]
    enum = [m for m in parsed if m and m["code"] == "enum"]
    assert len(enum) == 1
    assert enum[0]["path"] == "content/measures/grant-a.md"
    assert (enum[0]["line"], enum[0]["col"], enum[0]["field"]) == ("7", "1", "kind")
    assert enum[0]["severity"] == "error"
    assert "content/measures/grant-a.md:7:1: error enum kind: недопустимое значение «grnt»" \
        in done.stdout
    insecure = [m for m in parsed if m and m["code"] == "url-insecure"]
    assert insecure and insecure[0]["severity"] == "warning"
    files, errors, warnings = map(int, SUMMARY.match(last).groups())  # type: ignore[union-attr]
    assert errors == 1
    assert warnings == len(reported) - 1
    assert files >= 8


def test_warnings_only_exit_zero(make_content: Callable[..., Content]) -> None:
    cat = make_content({M: replace_line(MEASURE, "source:", "source: http://minfin.gov.ru/a")})
    done = run(cat)
    assert done.returncode == 0, done.stdout
    assert "warning url-insecure source:" in done.stdout
    assert SUMMARY.match(done.stdout.rstrip("\n").split("\n")[-1])
    assert "; ошибок: 0, предупреждений: " in done.stdout


def test_clean_catalogue(make_content: Callable[..., Content]) -> None:
    done = run(make_content())
    assert done.returncode == 0
    assert " error " not in done.stdout


def test_github_format(broken: Content) -> None:
    done = run(broken, "--format", "github")
    assert done.returncode == 1
    lines = done.stdout.rstrip("\n").split("\n")
    annotations = [line for line in lines if line.startswith("::")]
    assert annotations
    for line in annotations:
        assert GITHUB_LINE.match(line), line
    enum = [GITHUB_LINE.match(line) for line in annotations if "title=enum" in line]
    assert len(enum) == 1 and enum[0] is not None
    assert enum[0]["severity"] == "error"
    assert enum[0]["file"] == "content/measures/grant-a.md"
    assert (enum[0]["line"], enum[0]["col"], enum[0]["title"]) == ("7", "1", "enum kind")
    assert enum[0]["message"].startswith("недопустимое значение «grnt»")
    assert any(line.startswith("::warning ") and "title=url-insecure source" in line
               for line in annotations)


def test_github_format_escapes(make_content: Callable[..., Content]) -> None:
    # the message has colons and commas; the title keeps the field path
    cat = make_content({M: replace_line(MEASURE, "legal_basis:", "legal_basis: [law-nw]")})
    done = run(cat, "--format", "github")
    (line,) = [line for line in done.stdout.split("\n") if "title=ref-missing" in line]
    match = GITHUB_LINE.match(line)
    assert match, line
    assert match["title"] == "ref-missing legal_basis[1]"
    assert "%0A" not in match["message"] and "\n" not in match["message"]


def test_json_format(broken: Content) -> None:
    done = run(broken, "--format", "json")
    assert done.returncode == 1
    data = json.loads(done.stdout)
    assert set(data) >= {"problems", "errors", "warnings"}
    assert data["errors"] == 1
    assert data["warnings"] == len(data["problems"]) - 1
    enum = [p for p in data["problems"] if p["code"] == "enum"]
    assert enum == [{"path": "content/measures/grant-a.md", "line": 7, "col": 1,
                     "severity": "error", "code": "enum", "field": "kind",
                     "message": enum[0]["message"]}]
    assert "«grnt»" in enum[0]["message"]


def test_file_arguments_restrict_the_report(make_content: Callable[..., Content]) -> None:
    # an error in the question; the measure is fine and cites law-new, which is
    # not among the files passed: references still resolve against the whole catalogue
    cat = make_content({"questions/question-a.md": "---\ntitle: x\n---\n"})
    measure = cat.root / M
    done = run(cat, str(measure))
    assert done.returncode == 0, done.stdout
    assert "ref-missing" not in done.stdout
    assert "question-a" not in done.stdout
    assert "ошибок: 0" in done.stdout

    whole = run(cat)
    assert whole.returncode == 1
    assert "content/questions/question-a.md" in whole.stdout


def test_file_arguments_report_errors_of_those_files(make_content: Callable[..., Content]) -> None:
    cat = make_content({M: replace_line(MEASURE, "legal_basis:", "legal_basis: [law-nw]"),
                        "questions/question-a.md": "---\ntitle: x\n---\n"})
    done = run(cat, str(cat.root / M))
    assert done.returncode == 1
    reported = [line for line in done.stdout.split("\n") if TEXT_LINE.match(line)]
    assert reported and all(line.startswith("content/measures/grant-a.md:") for line in reported)
    assert any(" error ref-missing legal_basis[1]: " in line for line in reported)


def test_folder_argument_and_relative_path(make_content: Callable[..., Content]) -> None:
    cat = make_content({M: replace_line(MEASURE, "kind:", "kind: grnt"),
                        "questions/question-a.md": "---\ntitle: x\n---\n"})
    # relative to the working directory, as a pre-commit hook passes them
    done = run(cat, "content/measures", cwd=cat.root.parent)
    assert done.returncode == 1
    reported = [line for line in done.stdout.split("\n") if TEXT_LINE.match(line)]
    assert reported and all(line.startswith("content/measures/") for line in reported)
