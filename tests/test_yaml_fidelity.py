"""Nothing an editor writes in a text field is lost or changed silently (issue 17).

Property tests over every text field of every type (nested ones too), with strings
full of what YAML treats specially: « #», «: », a leading «-», «*», «&», «!», «%»,
«@», quotes, emoji, non-breaking spaces, «yes», «1:30», «0001», ...

- written the way scripts/new.py writes values (scaffold.py), the loaded value and
  the JSON export record (export.record) equal the string exactly;
- typed by hand after «field: » without quotes, either the value equals the string
  or the loader or the checks report a problem at that field's line.

Plus the examples of the issue as exact values: YAML 1.1's implicit conversions
(base 60, yes/no/on/off, octal, underscores, timestamps) do not happen.
"""
from __future__ import annotations

import copy
from typing import Any, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue import export
from catalogue.check import check_record, human_number, yamlish
from catalogue.chars import describe_odd
from catalogue.load import Loaded, load_entry
from catalogue.model import TYPES, Catalogue, FieldPath
from catalogue.problems import field_name
from catalogue.scaffold import scaffold
from catalogue_kit import BASE, BASE_OF_TYPE, REAL_CONTENT, TODAY, replace_line

SETTINGS = settings(max_examples=120, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])

PIECES = [" #", "#", ": ", ":", "-", "- ", "*", "&", "!", "!!", "%", "@", "`", "'", '"',
          "«", "»", "😀", "\u00a0", "|", ">", "?", ",", "[", "]", "{", "}", "~", "ё",
          "Грант", "МыВместе", "a", "1", "0", "yes", "no", "on", "null", "true", "1:30",
          "0001", "1_000", "2025-01-01 10:00", "\\", " ", "\t", "—"]
texts = st.one_of(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join),
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30))


def _catalogue() -> Catalogue:
    """The real reference lists and the small valid entries, loaded once."""
    from catalogue.load import load_catalogue
    loaded = load_catalogue(REAL_CONTENT)
    cat = Catalogue(root=loaded.catalogue.root)
    cat.references.update(loaded.catalogue.references)
    out = Loaded(cat)
    for rel, text in BASE.items():
        folder, name = rel.split("/")
        spec = next(t for t in TYPES.values() if t.folder == folder)
        load_entry(out, spec, name[:-3], text, f"content/{rel}")
    assert out.problems == [], out.problems
    return cat


CATALOGUE = _catalogue()


def text_paths(schema: dict[str, Any], data: Any, path: FieldPath = ()
               ) -> Iterator[FieldPath]:
    """Paths of free-text fields whose parent exists in ``data`` (items: the first)."""
    kind = schema.get("type")
    if kind == "string" and not any(k in schema for k in ("enum", "const", "x-ref",
                                                           "pattern", "format")):
        yield path
    elif kind == "object":
        for key, sub in schema.get("properties", {}).items():
            if isinstance(data, dict):
                yield from text_paths(sub, data.get(key), path + (key,))
    elif kind == "array" and isinstance(schema.get("items"), dict):
        if isinstance(data, list) and data:
            yield from text_paths(schema["items"], data[0], path + (0,))


def _set(data: dict[str, Any], path: FieldPath, value: str) -> dict[str, Any]:
    data = copy.deepcopy(data)
    target: Any = data
    for part in path[:-1]:
        if isinstance(part, str) and part not in target:
            target[part] = {}
        target = target[part]
    target[path[-1]] = value
    return data


def _get(data: Any, path: FieldPath) -> Any:
    for part in path:
        data = data[part]
    return data


CASES = [(name, path) for name in TYPES
         for path in text_paths({"type": "object", "properties": TYPES[name].properties},
                                CATALOGUE.entries[BASE_OF_TYPE[name].split("/")[1][:-3]].data
                                | {k: {} for k, s in TYPES[name].properties.items()
                                   if s.get("type") == "object"
                                   and k not in CATALOGUE.entries[
                                       BASE_OF_TYPE[name].split("/")[1][:-3]].data})]


def _load(name: str, text: str) -> tuple[Loaded, Any]:
    ident = BASE_OF_TYPE[name].split("/")[1][:-3]
    cat = Catalogue(root=CATALOGUE.root)
    cat.references.update(CATALOGUE.references)
    out = Loaded(cat)
    entry = load_entry(out, TYPES[name], ident, text, "content/x.md")
    return out, entry


def test_every_type_has_text_fields() -> None:
    assert {name for name, _ in CASES} == set(TYPES)
    assert ("practice", ("results", 0, "indicator")) in CASES
    assert ("course", ("audience", 0)) in CASES


@pytest.mark.parametrize("name,path", CASES, ids=[f"{n}.{field_name(p)}" for n, p in CASES])
@SETTINGS
@given(value=texts)
def test_scaffold_writes_any_text_safely(name: str, path: FieldPath, value: str) -> None:
    ident = BASE_OF_TYPE[name].split("/")[1][:-3]
    data = _set(CATALOGUE.entries[ident].data, path, value)
    text = scaffold(TYPES[name], data["title"], TODAY, values=data, body="Текст.\n")
    out, entry = _load(name, text)
    assert entry is not None, [str(p) for p in out.problems]
    assert _get(entry.data, path) == value
    assert _get(export.record(entry), path) == value
    assert [p for p in out.problems if p.field == field_name(path)] == []


# One line as an editor types it: no line breaks (YAML also counts NEL, U+2028 and U+2029
# as line breaks, and editors show them as such), no spaces around (YAML's, not the text's).
LINE_SAFE = texts.map(lambda s: "".join(" " if c in "\n\r\x85\u2028\u2029" else c
                                        for c in s).strip(" \t"))


@pytest.mark.parametrize("name,path", [c for c in CASES if len(c[1]) == 1],
                         ids=[f"{n}.{field_name(p)}" for n, p in CASES if len(p) == 1])
@SETTINGS
@given(value=LINE_SAFE)
def test_typed_by_hand_is_kept_or_reported(name: str, path: FieldPath, value: str) -> None:
    """``field: <value>`` without quotes: the value as typed, or a problem at its line."""
    if value[:1] in ("'", '"'):
        return  # a quoted value: the quotes are YAML's, not the editor's text
    rel = BASE_OF_TYPE[name]
    key = str(path[0])
    source = BASE[rel]
    line = f"{key}: {value}"
    text = (replace_line(source, f"{key}:", line) if f"\n{key}:" in source
            else source.replace("\n---\n", f"\n{line}\n---\n", 1))
    number = text.split("\n").index(line) + 1
    out, entry = _load(name, text)
    problems = list(out.problems)
    if entry is not None:
        if _get(entry.data, path) == value:
            return
        problems += check_record(entry, TYPES[name], CATALOGUE)
    assert any(p.line == number for p in problems), (
        repr(value), entry and _get(entry.data, path), [str(p) for p in problems])


# --- YAML 1.1 conversions do not happen ---------------------------------------------------

@pytest.mark.parametrize("typed,value", [
    ("1:30", "1:30"), ("yes", "yes"), ("No", "No"), ("on", "on"), ("off", "off"),
    ("y", "y"), ("017", 17), ("0o17", "0o17"), ("0x1F", "0x1F"), ("1_000", "1_000"),
    ("2025-01-01 10:00:00", "2025-01-01 10:00:00"), ("2025-01-01", "2025-01-01"),
    (".inf", ".inf"), ("0001202407310017", 1202407310017), ("1e3", 1000.0),
    ("~", None), ("null", None), ("", None), ("true", True), ("False", False),
    ("1.5", 1.5), ("-7", -7),
])
def test_yaml_core_schema(typed: str, value: Any) -> None:
    text = replace_line(BASE["courses/course-a.md"], "hours:", f"hours: {typed}")
    _, entry = _load("course", text)
    assert entry.data["hours"] == value and type(entry.data["hours"]) is type(value)


def test_base_60_is_not_ninety_hours() -> None:
    text = replace_line(BASE["courses/course-a.md"], "hours:", "hours: 1:30")
    _, entry = _load("course", text)
    problems = check_record(entry, TYPES["course"], CATALOGUE)
    assert [p.message for p in problems if p.field == "hours"] == [
        "нужно: целое число; указано: «1:30»: пишите одно число цифрами, без единиц измерения"]


def test_leading_zeros_are_quoted_not_read_as_octal() -> None:
    text = BASE["legal/law-new.md"].replace("publication_url:", "publication_number: "
                                            "0001202407310017\npublication_url:")
    _, entry = _load("legal", text)
    found = [p for p in check_record(entry, TYPES["legal"], CATALOGUE)
             if p.field == "publication_number"]
    assert len(found) == 1 and found[0].code == "quote-value"
    assert "86236827663" not in found[0].message
    assert found[0].message == ("нужно: текст; YAML прочитал 0001202407310017 как число "
                                "1202407310017: возьмите значение в кавычки: "
                                "\"0001202407310017\"")


# --- the helpers behind the messages --------------------------------------------------------

@pytest.mark.parametrize("typed,digits", [
    ("300 000", "300000"), ("300\u00a0000", "300000"), ("0,3 млн", "300000"),
    ("1,5 млрд", "1500000000"), ("250 тыс. руб.", "250000"), ("1_000", "1000"),
    ("3 000 000 ₽", "3000000"), ("2,5", "2.5"), ("12.5 млн", "12500000"),
])
def test_human_number(typed: str, digits: str) -> None:
    assert human_number(typed) == digits


@pytest.mark.parametrize("typed", ["много", "1:30", "2025-01-01", "10%", "", "млн"])
def test_not_a_human_number(typed: str) -> None:
    assert human_number(typed) is None


@pytest.mark.parametrize("text,named", [
    ("kind:\u00a0grant", "неразрывный пробел (U+00A0) после «kind:»"),
    ("minfin\u200b", "пробел нулевой ширины (U+200B) в конце, после «minfin»"),
    ("\ufeffsource", "невидимый знак BOM (U+FEFF) в начале"),
    ("sоurce", "кириллическая буква «о» (U+043E) в латинском слове «sоurce»"),
    ("Грaнт", "латинская буква «a» (U+0061) в русском слове «Грaнт»"),
])
def test_describe_odd(text: str, named: str) -> None:
    assert named in describe_odd(text)


@pytest.mark.parametrize("text", ["source", "Грант на развитие", "https://президент.рф/news",
                                  "in-force", "ЗАПОЛНИТЕ", "a b"])
def test_nothing_odd(text: str) -> None:
    assert describe_odd(text) == ""


@pytest.mark.parametrize("value,shown", [
    (True, "true"), (False, "false"), (None, "пусто"), (["Вологодская область"],
                                                       "[Вологодская область]"),
    ({"rolling": "да", "windows": [1]}, "{rolling: да, windows: [1]}"), (3.0, "3"),
    (float("nan"), "nan"), (2.5, "2.5"),
])
def test_yamlish_never_python(value: Any, shown: str) -> None:
    assert yamlish(value) == shown


def test_empty_text_field_says_so() -> None:
    text = replace_line(BASE["measures/grant-a.md"], "title:", "title:")
    _, entry = _load("measure", text)
    found = [p for p in check_record(entry, TYPES["measure"], CATALOGUE) if p.field == "title"]
    assert [(p.code, p.message) for p in found] == [
        ("type", "нужно: текст; значение пусто: напишите его после двоеточия")]
