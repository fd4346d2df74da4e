"""Russian words for the scripts' command lines (argparse speaks English otherwise).

argparse looks every message up with gettext; ``russian_argparse()`` gives it
Russian ones, so that a mistake on the command line (an unknown option, a title
split into several words) is answered in the editors' language. Call it before
building a parser.
"""
from __future__ import annotations

import argparse

RUSSIAN: dict[str, str] = {
    "usage: ": "запуск: ",
    "positional arguments": "аргументы",
    "options": "параметры",
    "show this help message and exit": "показать эту справку и выйти",
    "%(prog)s: error: %(message)s\n": "%(prog)s: ошибка: %(message)s\n",
    "unrecognized arguments: %s": "лишние или неизвестные аргументы: %s (название из "
                                  "нескольких слов возьмите в кавычки)",
    "the following arguments are required: %s": "не указаны обязательные аргументы: %s",
    "argument %(argument_name)s: %(message)s": "аргумент %(argument_name)s: %(message)s",
    "expected one argument": "после него нужно одно значение",
    "expected at least one argument": "после него нужно хотя бы одно значение",
    "expected at most one argument": "после него можно не больше одного значения",
    "expected %s argument": "после него нужно значений: %s",
    "expected %s arguments": "после него нужно значений: %s",
    "ambiguous option: %(option)s could match %(matches)s":
        "неоднозначный параметр %(option)s: подходят %(matches)s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "недопустимое значение %(value)r; допустимые: %(choices)s",
    "invalid %(type)s value: %(value)r": "недопустимое значение %(value)r",
    "not allowed with argument %s": "нельзя вместе с %s",
    "one of the arguments %s is required": "нужен один из аргументов: %s",
    "ignored explicit argument %r": "лишнее значение %r",
    "unexpected option string: %s": "неожиданный параметр: %s",
    "can't open '%(filename)s': %(error)s": "не удалось открыть «%(filename)s»: %(error)s",
}


def _gettext(message: str) -> str:
    return RUSSIAN.get(message, message)


def _ngettext(singular: str, plural: str, count: int) -> str:
    return _gettext(singular if count == 1 else plural)


def russian_argparse() -> None:
    """Make argparse's own messages Russian (idempotent)."""
    argparse._ = _gettext  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext  # type: ignore[attr-defined]
