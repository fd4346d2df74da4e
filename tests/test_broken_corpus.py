"""The validator over a corpus of broken files (tests/broken/<folder>/<name>.md).

Each file is an entry with one mistake an editor makes, and it declares on its second
line what must be reported: ``# ожидается: <code>, строка <line>``, and may declare on the
next one words its message must hold: ``# сообщение: <words>``. The file is put into the
small valid catalogue under its own name; then

- a problem of that code is reported at that line (with those words), and every error
  of the file is at that line (not 2–4 lines below, at a comment of the scaffold);
- no message of the file holds a Python value (``{'``, ``['``, True, False, None) or
  English words (PyYAML's and jsonschema's own messages).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalogue_kit import Content

BROKEN = Path(__file__).resolve().parent / "broken"
FILES = sorted(BROKEN.glob("*/*.md"))
EXPECT = re.compile(r"^# ожидается: ([a-z-]+), строка (\d+)$", re.M)
SAYS = re.compile(r"^# ожидается: .*\n# сообщение: (.+)$", re.M)

PYTHON = ("{'", "['", "True", "False", "None", "\\x", "\\u")
# Words of PyYAML's, libyaml's and jsonschema's messages; ids, field names and values
# in messages are Latin too, so words are looked up, not every Latin letter refused.
ENGLISH = set("""the a an of is are was were not but while found find expected did could
allowed here this context character characters token scanning parsing mapping sequence
entries block flow scalar document stream alias anchor undefined valid under given schemas
should does match non additional properties property unexpected too got cannot any error
column indentation indicator that with for and or be which was does has have expected
alphabetic numeric escape unknown simple quoted plain""".split())


def expected(path: Path) -> tuple[str, int]:
    found = EXPECT.search(path.read_text("utf-8"))
    assert found, f"{path}: no «# ожидается: код, строка N» line"
    return found.group(1), int(found.group(2))


def english_words(message: str) -> list[str]:
    words = [w.strip(".,:;()«»\"'[]{}!?") for w in message.split()]
    return [w for w in words if w.lower() in ENGLISH]


def test_corpus_is_there() -> None:
    assert len(FILES) >= 30
    assert {expected(f)[0] for f in FILES} >= {
        "yaml-comment", "yaml-syntax", "invisible-char", "quote-value", "ref-name",
        "number-format", "list-format", "type", "one-of", "unknown-field"}


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.stem}" for p in FILES])
def test_broken_file(make_content: Callable[..., Content], path: Path) -> None:
    code, line = expected(path)
    rel = f"{path.parent.name}/{path.name}"
    cat = make_content({rel: path.read_bytes()})
    mine = cat.problems(rel=rel)
    shown = [str(p) for p in mine]
    assert any(p.code == code and p.line == line for p in mine), (code, line, shown)
    says = SAYS.search(path.read_text("utf-8"))
    if says:
        assert any(p.code == code and p.line == line and says.group(1) in p.message
                   for p in mine), (says.group(1), shown)
    assert [p for p in mine if p.severity == "error" and p.line != line] == [], shown
    for problem in mine:
        assert not any(bit in problem.message for bit in PYTHON), str(problem)
        assert english_words(problem.message) == [], str(problem)


def test_the_checks_of_this_test_can_fail() -> None:
    assert english_words("ошибка YAML: did not find expected alphabetic or numeric "
                         "character") != []
    assert english_words("недопустимое значение «in-force»; допустимые: in-force") == []


NEW_CODES = ["yaml-comment", "quote-value", "invisible-char", "ref-name", "number-format",
             "list-format"]


@pytest.mark.parametrize("code", NEW_CODES)
def test_guide_shows_each_new_code_with_an_example_of_the_fix(code: str) -> None:
    """/guide/fields/ lists problems.CODES (guide.code_rows): each new code with a
    line as the editor should write it."""
    from catalogue import guide
    rows = dict(guide.code_rows())
    assert code in rows
    assert re.search(r"[a-z_]+: \S", rows[code]), rows[code]      # e.g. «title: "…"»
    assert english_words(rows[code]) == []


# --- every PyYAML / libyaml error, in Russian, at a line of the text ----------------------

NOISE = [":", ": ", "-", "- ", " ", "  ", "\n", "\t", "[", "]", "{", "}", "'", '"', "&a",
         "*a", "&", "*", "!", "!!", "!!binary ", "!x ", "#", " #", "|", ">", "|0", "%", "@",
         "`", ",", "?", "? ", "---", "...", "\\", '"\\q"', "\x07", "\u00a0", "–", "ё"]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.data())
def test_every_yaml_error_is_russian_at_a_line(data: st.DataObject) -> None:
    import yaml
    from catalogue.load import yaml_error
    from catalogue.yamlcore import Loader
    from catalogue_kit import MEASURE
    text = MEASURE.split("---\n")[1]
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + data.draw(st.sampled_from(NOISE)) + text[at:]
    for loader in (Loader, yaml.SafeLoader):
        try:
            yaml.compose(text, Loader=loader)
        except yaml.MarkedYAMLError as exc:
            line, col, code, message = yaml_error(exc, text)
            assert 1 <= line <= text.count("\n") + 1 and col >= 1, (line, text)
            assert english_words(message) == [], (message, exc)
            assert not re.search(r"[A-Za-z]{4,}", message.replace("YAML", "")) \
                or "«" in message, (message, exc)
        except yaml.YAMLError:
            pass  # ReaderError: worded by the loader from its position (tested in test_checks)


# --- the four mistakes of the issue in a file made by scripts/new.py ---------------------

SCAFFOLD_MISTAKES = [
    ("kind: grant", "kind:\u00a0grant", "invisible-char", 0, "неразрывный пробел (U+00A0)"),
    ("topics: [civic-participation, tos]", "topics: [civic-participation, tos", "yaml-syntax",
     0, "незакрытая скобка «[»"),
    ("summary: ", None, "yaml-syntax", 1, "продолжение текста"),
    ("topics: [civic-participation, tos]", "topics:\n– civic-participation\n– tos",
     "yaml-syntax", 1, "«–» (U+2013) вместо дефиса"),
]


@pytest.mark.parametrize("old,new,code,shift,says", SCAFFOLD_MISTAKES,
                         ids=["nbsp", "bracket", "continuation", "en-dash"])
def test_mistakes_in_a_scaffold_file_are_at_their_line(
        make_content: Callable[..., Content], old: str, new: str | None, code: str,
        shift: int, says: str) -> None:
    from catalogue.model import TYPES
    from catalogue.scaffold import scaffold
    from catalogue_kit import TODAY
    cat = make_content()
    data = cat.validate().catalogue.entries["grant-a"].data
    text = scaffold(TYPES["measure"], data["title"], TODAY, values=data, body="Текст.\n")
    assert old in text and "\n# " in text.split(old)[1][:400]   # a comment follows
    start = text.index("\n" + old) + 1
    line_text = text[start:text.index("\n", start)]
    if new is None:     # the summary's second half on an unindented line
        words = line_text.split(" ")
        new = " ".join(words[:4]) + "\n" + " ".join(words[4:])
    broken = text.replace(line_text, new, 1)
    line = text[:start].count("\n") + 1 + shift
    cat.write("measures/grant-b.md", broken)
    mine = cat.problems(rel="measures/grant-b.md")
    assert [(p.code, p.line) for p in mine] == [(code, line)], [str(p) for p in mine]
    assert says in mine[0].message
