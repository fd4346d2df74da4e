"""The scripts answer command-line mistakes in Russian (issue 17): argparse's own
English («usage:», «error: unrecognized arguments») never reaches an editor, and a
title typed without quotes is taken as the title."""
from __future__ import annotations

import re
from typing import Callable

import pytest

from catalogue_kit import Content

import import_issue  # noqa: E402  (scripts/ is on sys.path: catalogue_kit)
import new  # noqa: E402
import rename as rename_cli  # noqa: E402
import validate as validate_cli  # noqa: E402

ENGLISH = re.compile(r"\b(usage|error|unrecognized|arguments?|required|invalid|choice|"
                     r"expected|options|show|help message)\b", re.I)


def refused(capsys: pytest.CaptureFixture[str], main: Callable[[list[str]], int],
            argv: list[str]) -> str:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "ошибка" in err, err
    assert ENGLISH.findall(err.replace("--help", "")) == [], err
    return err


def test_title_without_quotes_is_the_title(make_content: Callable[..., Content],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    cat = make_content()
    assert new.main(["measure", "Конкурс", "«Малые", "города»", "--print",
                     "--content", str(cat.root)]) == 0
    assert "\ntitle: Конкурс «Малые города»\n" in capsys.readouterr().out


def test_new_unknown_option_is_russian(capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(capsys, new.main, ["measure", "Грант", "--bogus"])
    assert "лишние или неизвестные аргументы: --bogus" in err
    assert err.startswith("запуск: ")


def test_new_help_is_russian(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        new.main(["--help"])
    out = capsys.readouterr().out
    assert "показать эту справку и выйти" in out and "параметры:" in out
    assert ENGLISH.findall(out.replace("--help", "")) == [], out


def test_validate_bad_choice_is_russian(capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(capsys, validate_cli.main, ["--format", "xml"])
    assert "аргумент --format: недопустимое значение 'xml'" in err


def test_import_issue_missing_argument_is_russian(capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(capsys, import_issue.main, [])
    assert "не указаны обязательные аргументы: issue" in err


def test_rename_missing_argument_is_russian(capsys: pytest.CaptureFixture[str]) -> None:
    """README's «python scripts/rename.py OLD NEW» with one id forgotten."""
    err = refused(capsys, rename_cli.main, ["tolko-odin"])
    assert "не указаны обязательные аргументы: новый-id" in err
    assert err.startswith("запуск: ")


def test_rename_help_is_russian(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        rename_cli.main(["--help"])
    out = capsys.readouterr().out
    assert "показать эту справку и выйти" in out and "параметры:" in out
    assert ENGLISH.findall(out.replace("--help", "").replace("--dry-run", "")) == [], out
