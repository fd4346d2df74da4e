"""Invisible and look-alike characters, named for an editor.

A non-breaking space after «kind:», a zero-width space at the end of an id, a
Cyrillic «с» in «source» typed on the Russian layout: each looks right and is
wrong. ``describe_odd`` says which character it is and where.
"""
from __future__ import annotations

import re
import unicodedata

# Characters that look like a space or like nothing, by name; any other format (Cf) or
# space (Zs) character is named by its code.
_INVISIBLE = {
    "\u00a0": "неразрывный пробел", "\u202f": "узкий неразрывный пробел",
    "\u2007": "цифровой пробел", "\u200b": "пробел нулевой ширины",
    "\u200c": "невидимый разделитель", "\u200d": "невидимый соединитель",
    "\u2060": "невидимый соединитель слов", "\ufeff": "невидимый знак BOM",
    "\u00ad": "мягкий перенос", "\u3000": "широкий пробел",
}
# A list item started with a dash that is not the hyphen-minus YAML wants («– » from a
# word processor or a phone keyboard).
LIST_DASH = re.compile(r"^\s*([\u2010-\u2015\u2212\u2022\u00b7])\s")
_WORD = re.compile(r"[^\W\d_]+")


def describe_odd(text: str, in_line: bool = False) -> str:
    """Name the first invisible or look-alike character in ``text``, or "", with the fix.

    The fix is «удалите его» for a character of no width (zero-width space, soft hyphen,
    BOM: category Cf) and for any space inside an id, a field name or a URL, which hold
    no spaces; only in a whole line of YAML (``in_line``), where a non-breaking space
    stands for the space after «поле:», is replacing it with a space the fix.

    Invisible: non-breaking, zero-width and other format or unusual space characters
    (Unicode categories Cf and Zs other than the ordinary space). Look-alike: a Cyrillic
    letter in a word that is otherwise Latin, or a Latin letter in a Cyrillic word
    (typed on the other keyboard layout).
    """
    for index, char in enumerate(text):
        if char in _INVISIBLE or (char != " " and unicodedata.category(char) in ("Cf", "Zs")):
            name = _INVISIBLE.get(char, "невидимый знак")
            where = _where(text, index)
            fix = "удалите его или замените обычным пробелом" \
                if in_line and unicodedata.category(char) == "Zs" else "удалите его"
            return f"{name} (U+{ord(char):04X}) {where}: {fix}"
    for word in _WORD.finditer(text):
        letters = word.group()
        cyrillic = [c for c in letters if "CYRILLIC" in unicodedata.name(c, "")]
        latin = [c for c in letters if "LATIN" in unicodedata.name(c, "")]
        if cyrillic and latin:
            few, other = (cyrillic, "латинском") if len(cyrillic) <= len(latin) \
                else (latin, "русском")
            odd = few[0]
            script = "кириллическая" if other == "латинском" else "латинская"
            return (f"{script} буква «{odd}» (U+{ord(odd):04X}) в {other} слове «{letters}»: "
                    f"наберите слово в одной раскладке")
    return ""


def _where(text: str, index: int) -> str:
    before = text[:index].rstrip()[-12:]
    if not text[:index].strip():
        return "в начале"
    if not text[index + 1:].strip():
        return f"в конце, после «{before}»"
    return f"после «{before}»"


_LOOK_ALIKE = str.maketrans("аеорсухіјАВЕКМНОРСТУХЅІЈ", "aeopcyxijABEKMHOPCTYXSIJ")


def unmasked(text: str) -> str:
    """``text`` without invisible characters and with Cyrillic look-alikes as Latin
    letters: what the editor meant to type in a key or an id."""
    kept = "".join(c for c in text if c not in _INVISIBLE
                   and unicodedata.category(c) not in ("Cf", "Zs") or c == " ")
    return kept.translate(_LOOK_ALIKE)
