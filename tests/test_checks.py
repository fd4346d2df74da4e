"""Every problem code of the engine: a file that has the mistake and the same file
corrected. Each failing case asserts the code, the severity, the file, the line
(and the column and field where they say something) and a telling part of the
Russian message; the corrected file must have no problem of that code.

The small valid catalogue and the helpers are in catalogue_kit.py (fixture in conftest.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field
from typing import Callable

import pytest

from catalogue.model import TYPES
from catalogue.problems import CODES
from catalogue.schemas import MEASURE_KINDS, SCHEDULE
from catalogue_kit import (BASE, BASE_OF_TYPE, COURSE, LEGAL_NEW, LEGAL_OLD, MEASURE, PRACTICE,
                      QUESTION, SOLUTION, REAL_REFERENCE, Content, drop_field, line_of, replace_line)

M = "measures/grant-a.md"
P = "practices/practice-a.md"
LAW = "legal/law-new.md"
# Comment lines as scripts/new.py writes them after every field: a YAML mistake must be
# reported at its own line, not at these.
NOTE = ("\n\n# Кратко — обязательно. Одно-два предложения: что это и кому полезно.\n"
        "# Значение: текст, от 20 до 400 знаков.")


def col_of(text: str, start: str, needle: str) -> int:
    """1-based column of ``needle`` on the first line starting with ``start``."""
    line = text.split("\n")[line_of(text, start) - 1]
    assert needle in line, (needle, line)
    return line.index(needle) + 1


def body_line(text: str, needle: str) -> int:
    """1-based line of the first line containing ``needle``."""
    for number, line in enumerate(text.split("\n"), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def body_col(text: str, needle: str) -> int:
    line = text.split("\n")[body_line(text, needle) - 1]
    return line.index(needle) + 1


@dataclass
class Case:
    id: str
    code: str
    bad: dict[str, str | bytes]            # files written over the valid catalogue
    good: dict[str, str | bytes | None]    # the correction (None: the file is removed)
    rel: str                               # the file the problem is reported in
    line: int
    col: int | None = None                 # None: not asserted
    field: str | None = None               # None: not asserted; "" means no field
    severity: str = "error"
    contains: list[str] = dc_field(default_factory=list)
    # what test_fixed looks at: the whole file, or only the line of the mistake
    # (a reference list keeps other, unrelated warnings of the same code)
    fixed_scope: str = "file"


def measure_with(start: str, new: str | None) -> str:
    return replace_line(MEASURE, start, new)


def real(name: str) -> str:
    """A reference list as it is in the real content/reference/."""
    return (REAL_REFERENCE / name).read_text("utf-8")


TOPICS = real("topics.yml")
ORGANISATIONS = real("organisations.yml")
TOPICS_LONELY = (TOPICS + "- id: lonely\n  name: Никому не нужная тема\n"
                 "  description: Нигде не используется.\n")
MINFIN_SITE = "  website: https://minfin.gov.ru"
assert MINFIN_SITE in ORGANISATIONS


BODY_EXTRA = MEASURE + "\n{}\n"
PAGE = "---\ntitle: О каталоге\n---\n\n# О каталоге\n\n{}\n"   # a hand-written page
# Another entry of the type, not a copy (a copy is duplicate-entry)
OTHER_MEASURE = MEASURE.replace("Грант на развитие", "Субсидия на развитие").replace(
    "До трёх", "До четырёх")
OTHER_PRACTICE = PRACTICE.replace("Благоустройство улицы", "Освещение улицы").replace(
    "Жители провели", "Жители села провели")
SUMMARY_LONG = "summary: " + "Гранты сельским поселениям на проекты благоустройства. " * 9

CASES: list[Case] = [
    # --- reading files -------------------------------------------------------------
    Case("encoding-cp1251", "encoding",
         {M: MEASURE.encode("utf-8").replace("Грант на".encode(), "Грант на".encode("cp1251"))},
         {M: MEASURE}, M, line=2, col=1, field="",
         contains=["не в кодировке UTF-8"]),
    Case("encoding-cr-only", "encoding", {M: MEASURE.replace("\n", "\r").encode()},
         {M: MEASURE.replace("\n", "\r\n").encode()}, M, line=1, field="",
         contains=["CR"]),
    Case("encoding-nul", "encoding",
         {M: MEASURE.replace("Как подать", "Как\x00 подать").encode()}, {M: MEASURE}, M,
         line=body_line(MEASURE, "Как подать"), field="", contains=["нулевой байт"]),
    Case("no-front-matter", "no-front-matter", {M: MEASURE[4:]}, {M: MEASURE}, M,
         line=1, col=1, field="", contains=["«---»"]),
    Case("yaml-colon", "yaml-syntax",
         {M: measure_with("title:", "title: Грант: малые города")}, {M: MEASURE}, M,
         line=2, col=len("title: Грант:"), field="",
         contains=["двоеточие", "в кавычки"]),
    # a value that starts with a quote and goes on after the closing one
    Case("yaml-text-after-quote", "yaml-syntax",
         {M: measure_with("title:", 'title: "Малые города" — конкурс')}, {M: MEASURE}, M,
         line=2, col=len('title: "Малые города" ') + 1, field="",
         contains=["после закрывающей кавычки в строке ещё текст",
                   "возьмите в кавычки всё значение"]),
    Case("yaml-unclosed-quote", "yaml-syntax",
         {M: measure_with("title:", 'title: "Грант на развитие')}, {M: MEASURE}, M,
         line=2, col=len('title: "'), field="", contains=["незакрытая кавычка"]),
    Case("yaml-tab", "yaml-syntax",
         {M: measure_with("level:", "level: federal\n\tprovider: minfin")}, {M: MEASURE}, M,
         line=line_of(MEASURE, "level:") + 1, col=1, field="", contains=["табуляция"]),
    Case("yaml-reference", "yaml-syntax",
         {"reference/topics.yml": TOPICS + "- id: lonely\n  name: [Тема\n"}, {},
         "reference/topics.yml", line=len(TOPICS.splitlines()) + 2, col=len("  name: ["),
         field="", contains=["скобка «[»"]),
    # --- what YAML does to values, and values written as people write them (issue 17) ---
    Case("yaml-comment-title", "yaml-comment",
         {M: measure_with("title:", "title: Субсидия по постановлению #123 сельским старостам")},
         {M: measure_with("title:", 'title: "Субсидия по постановлению #123 сельским старостам"')},
         M, line=2, col=len("title: Субсидия по постановлению #"), field="title",
         contains=["текст после # отброшен", "«#123 сельским старостам»",
                   'в кавычки: "Субсидия по постановлению #123 сельским старостам"']),
    # a long value: the fix shows its start, not an empty «"…"»
    Case("yaml-comment-long", "yaml-comment",
         {M: measure_with("summary:", "summary: Гранты #МыВместе сельским поселениям на проекты благоустройства общественных пространств и дворов")},
         {M: measure_with("summary:", 'summary: "Гранты #МыВместе сельским поселениям на проекты благоустройства общественных пространств и дворов"')},
         M, line=3, col=len("summary: Гранты #"), field="summary",
         contains=['в кавычки: "Гранты #МыВместе сельским поселениям на проекты благоустрой…" '
                   '(кавычка в начале и в конце всего значения)']),
    Case("yaml-comment-empty", "yaml-comment",
         {M: measure_with("summary:", "summary: #МыВместе — гранты сельским поселениям")},
         {M: measure_with("summary:", 'summary: "#МыВместе — гранты сельским поселениям"')},
         M, line=3, col=len("summary: #"), field="summary",
         contains=["текст после # отброшен", "значение пусто"]),
    Case("yaml-comment-list-item", "yaml-comment",
         {"courses/course-a.md": COURSE.replace("  - главы сельских поселений",
                                                "  - главы поселений #МыВместе")},
         {"courses/course-a.md": COURSE.replace("  - главы сельских поселений",
                                                '  - "главы поселений #МыВместе"')},
         "courses/course-a.md", line=line_of(COURSE, "  - главы"), field="audience[1]",
         contains=["«главы поселений»", '"главы поселений #МыВместе"']),
    Case("yaml-comment-flow", "yaml-comment",
         {M: measure_with("topics:", "topics: [tos #МыВместе, civic-participation]" + NOTE)},
         {M: MEASURE}, M, line=4, field="", contains=["текст после # отброшен", "в кавычки"]),
    # issue 17c: a remark after an id, a URL or a [list] is lost too; the value is whole
    Case("comment-after-url", "comment-after-value",
         {M: measure_with("apply_url:", "apply_url: https://minfin.gov.ru/ru/grants/apply "
                                        "# страница")},
         {M: measure_with("apply_url:", "# страница\napply_url: "
                                        "https://minfin.gov.ru/ru/grants/apply")},
         M, line=line_of(MEASURE, "apply_url:"), col=len("apply_url: https://minfin.gov.ru/"
                                                        "ru/grants/apply #"),
         field="apply_url", severity="warning",
         contains=["«# страница»", "не попадёт", "перенесите его в текст материала",
                   "отдельной строкой-комментарием над этой: # страница"]),
    Case("comment-after-id", "comment-after-value",
         {M: measure_with("legal_basis:", "legal_basis:\n  - law-new # закон")},
         {M: measure_with("legal_basis:", "legal_basis:\n  # закон\n  - law-new")},
         M, line=line_of(MEASURE, "legal_basis:") + 1, col=len("  - law-new #"),
         field="legal_basis[1]", severity="warning",
         contains=["«# закон»", "(значение — law-new)", "над этой: # закон"]),
    Case("comment-after-list", "comment-after-value",
         {M: measure_with("legal_basis:", "legal_basis: [law-new] # закон")},
         {M: measure_with("legal_basis:", "# закон\nlegal_basis: [law-new]")},
         M, line=line_of(MEASURE, "legal_basis:"), field="legal_basis", severity="warning",
         contains=["«# закон»", "над этой: # закон"]),
    # a [list] over several lines: a remark after an item's comma is dropped the same way
    # (with or without a space after the comma); the item before it is whole
    Case("comment-after-flow-item", "comment-after-value",
         {M: measure_with("topics:", "topics: [civic-participation, # участие жителей\n  tos]")},
         {M: measure_with("topics:", "# участие жителей\ntopics: [civic-participation,\n  tos]")},
         M, line=line_of(MEASURE, "topics:"), col=len("topics: [civic-participation, #"),
         field="topics[1]", severity="warning",
         contains=["«# участие жителей»", "(значение — civic-participation)",
                   "над этой: # участие жителей"]),
    Case("comment-after-flow-item-glued", "comment-after-value",
         {M: measure_with("topics:", "topics: [civic-participation,# участие\n  tos]")},
         {M: measure_with("topics:", "topics: [civic-participation,\n  tos]")},
         M, line=line_of(MEASURE, "topics:"), col=len("topics: [civic-participation,#"),
         field="topics[1]", severity="warning", contains=["«# участие»"]),
    # «#» without a space before it is part of a URL (a fragment), not a comment
    Case("comment-after-url-fragment", "comment-after-value",
         {M: measure_with("apply_url:", "apply_url: https://minfin.gov.ru/ru/grants/apply "
                                        "#priem")},
         {M: measure_with("apply_url:", "apply_url: https://minfin.gov.ru/ru/grants/apply"
                                        "#priem")},
         M, line=line_of(MEASURE, "apply_url:"), field="apply_url", severity="warning",
         contains=["пишите её без пробела: https://minfin.gov.ru/ru/grants/apply#priem"]),
    Case("yaml-comment-reference", "yaml-comment",
         {"reference/topics.yml": TOPICS + "- id: lonely\n  name: Тема #1 для проверки\n"
                                           "  description: Нигде не используется.\n"},
         {"reference/topics.yml": TOPICS + "- id: lonely\n  name: \"Тема #1 для проверки\"\n"
                                           "  description: Нигде не используется.\n"},
         "reference/topics.yml", line=len(TOPICS.splitlines()) + 2, col=len("  name: Тема #"),
         contains=["«#1 для проверки»", "в кавычки"]),
    Case("quote-value-number", "quote-value",
         {LAW: LEGAL_NEW.replace("publication_url:", "publication_number: 0001202407310017"
                                 "\npublication_url:")},
         {LAW: LEGAL_NEW.replace("publication_url:", 'publication_number: "0001202407310017"'
                                 "\npublication_url:")},
         LAW, line=line_of(LEGAL_NEW, "publication_url:"), col=1, field="publication_number",
         contains=["нужно: текст", "0001202407310017 как число 1202407310017",
                   'в кавычки: "0001202407310017"']),
    Case("quote-value-bool", "quote-value",
         {"courses/course-a.md": COURSE.replace("  - главы сельских поселений", "  - yes")
          .replace("audience:", "audience:\n  - true")},
         {}, "courses/course-a.md", line=line_of(COURSE, "audience:") + 1, col=5,
         field="audience[1]", contains=["true как true/false", 'в кавычки: "true"']),
    Case("yaml-base-60", "type",
         {"courses/course-a.md": COURSE.replace("hours: 72", "hours: 1:30")}, {},
         "courses/course-a.md", line=line_of(COURSE, "hours:"), col=1, field="hours",
         contains=["нужно: целое число; указано: «1:30»"]),
    Case("yaml-yes-boolean", "type",
         {"courses/course-a.md": COURSE.replace("enrol_url:", "on_demand: yes\nenrol_url:")},
         {}, "courses/course-a.md", line=line_of(COURSE, "enrol_url:"), col=1,
         field="on_demand", contains=["нужно: true или false; указано: «yes»"]),
    Case("boolean-da", "type",
         {M: MEASURE.replace("  windows:\n    - opens: 2026-11-01\n      closes: 2026-12-31\n",
                             "  rolling: да\n")}, {M: MEASURE}, M,
         line=line_of(MEASURE, "  windows:"), col=3, field="schedule.rolling",
         contains=["нужно: true или false; указано: «да»: пишите true (да) или false (нет)"]),
    Case("const-true", "enum",
         {M: MEASURE.replace("  windows:\n    - opens: 2026-11-01\n      closes: 2026-12-31\n",
                             "  rolling: false\n")}, {M: MEASURE}, M,
         line=line_of(MEASURE, "  windows:"), col=3, field="schedule.rolling",
         contains=["допустимо только true; указано: false"]),
    Case("number-spaces", "number-format", {M: MEASURE.replace("max: 3000000", "max: 300 000")},
         {M: MEASURE}, M, line=line_of(MEASURE, "  max:"), col=3, field="funding.max",
         contains=["указано: «300 000»", "пишите число цифрами без пробелов: 300000"]),
    # a number in quotes is text; «указано: «300000»» alone shows no difference to fix
    Case("number-quoted", "number-format",
         {M: MEASURE.replace("max: 3000000", 'max: "3000000"')},
         {M: MEASURE}, M, line=line_of(MEASURE, "  max:"), col=3, field="funding.max",
         contains=["пишите число без кавычек: 3000000"]),
    # a word that fits only the «free» branch of cost: the message names the sum too
    Case("one-of-const-word", "enum",
         {"courses/course-a.md": COURSE.replace("cost: free", "cost: бесплатно")},
         {"courses/course-a.md": COURSE}, "courses/course-a.md", line=line_of(COURSE, "cost:"),
         field="cost", contains=["укажите free или сумму в рублях числом; указано: «бесплатно»"]),
    # the word of a branch in capitals: not «пишите списком: [All]»
    *[Case(f"one-of-const-case-{field}", "enum",
           {rel: text.replace(f"{field}: {good}", f"{field}: {typed}")}, {rel: text}, rel,
           line=line_of(text, f"{field}:"), field=field, contains=[f"; пишите {good}\x00"])
      for field, good, typed, rel, text in [
          ("cost", "free", "Free", "courses/course-a.md", COURSE),
          ("regions", "all", "All", M, MEASURE.replace("regions: [tatarstan]", "regions: all"))]],
    # «300.000» for 300 000: YAML reads 300.0 and the page said «до 300 ₽» (no error)
    Case("number-dot-thousands", "number-format",
         {M: MEASURE.replace("max: 3000000", "max: 3.000.000").replace(
             "min: 100000", "min: 100.000")},
         {M: MEASURE}, M, line=line_of(MEASURE, "  min:"), col=len("  min: ") + 1,
         field="funding.min", contains=["«100.000»", "получится 100;",
                                        "пишите число цифрами без точек: 100000"]),
    Case("number-dot-thousands-two", "number-format",
         {M: MEASURE.replace("max: 3000000", "max: 3.000.000")},
         {M: MEASURE}, M, line=line_of(MEASURE, "  max:"), col=3, field="funding.max",
         contains=["«3.000.000»", ": 3000000"]),
    Case("number-dot-thousands-integer", "number-format",
         {M: MEASURE.replace("  other: [tos]", "  other: [tos]\n  population_max: 20.000")},
         {M: MEASURE.replace("  other: [tos]", "  other: [tos]\n  population_max: 20000")}, M,
         line=line_of(MEASURE, "  other:") + 1, field="recipients.population_max",
         contains=["пишите число цифрами без точек: 20000"]),
    Case("number-million", "number-format", {M: MEASURE.replace("max: 3000000", "max: 0,3 млн")},
         {M: MEASURE}, M, line=line_of(MEASURE, "  max:"), col=3, field="funding.max",
         contains=["пишите число цифрами без пробелов: 300000"]),
    Case("number-billion", "number-format",
         {M: MEASURE.replace("  currency:", "  total: 1,5 млрд\n  currency:")}, {M: MEASURE},
         M, line=line_of(MEASURE, "  currency:"), col=3, field="funding.total",
         contains=["пишите число цифрами без пробелов: 1500000000"]),
    # issue 17c: the parsers start a line at U+2028 (and NEL, U+2029); an editor does not
    # a line separator pasted into a plain value: YAML ends the line there and stops at
    # the rest; the message names the character, not «не найдено двоеточие»
    *[Case(f"invisible-{name}", "invisible-char",
           {M: MEASURE.replace("summary: Гранты сельским поселениям ",
                               f"summary: Гранты сельским{char}поселениям ")},
           {M: MEASURE}, M, line=line_of(MEASURE, "summary:"),
           col=len("summary: Гранты сельским") + 1,
           contains=[f"(U+{ord(char):04X}) после «нты сельским»: удалите его или замените "
                     f"обычным пробелом"])
      for name, char in [("line-separator", "\u2028"), ("paragraph-separator", "\u2029"),
                         ("nel", "\u0085")]],
    Case("line-after-line-separator", "enum",
         {M: MEASURE.replace("summary: Гранты сельским поселениям ",
                             'summary: "Гранты сельским поселениям\u2028')
                    .replace("предложенные жителями.", 'предложенные жителями."')
                    .replace("kind: grant", "kind: гранд")},
         {M: MEASURE}, M, line=line_of(MEASURE, "kind:"), col=1, field="kind",
         contains=["«гранд»"]),
    # issue 17c: a percentage and a decimal comma, by the field's unit (x-unit)
    *[Case(f"number-percent-{i}", "number-format",
           {M: MEASURE.replace("  currency:", f"  cofinancing: {typed}\n  currency:")},
           {M: MEASURE.replace("  currency:", "  cofinancing: 10\n  currency:")},
           M, line=line_of(MEASURE, "  currency:"), col=3, field="funding.cofinancing",
           contains=[f"указано: «{typed}»", says, "пишите число: 10"])
      for i, (typed, says) in enumerate([
          ("10%", "«%» не пишут, единица поля — проценты"),
          ("10 %", "«%» не пишут, единица поля — проценты"),
          ("10 процентов", "«процентов» не пишут"),
          ("0,1", "доля 0,1 — это 10 %")])],
    Case("number-hours", "number-format",
         {"courses/course-a.md": COURSE.replace("hours: 72", "hours: 72 часа")},
         {}, "courses/course-a.md", line=line_of(COURSE, "hours:"), field="hours",
         contains=["«часа» не пишут, единица поля — академические часы: пишите число: 72"]),
    Case("number-decimal-comma", "number-format",
         {P: PRACTICE.replace("    after: 3", "    after: 3,5")},
         {}, P, line=line_of(PRACTICE, "    after:"), field="results[1].after",
         contains=["дробную часть отделяют точкой: пишите число: 3.5"]),
    # «: » inside a list item of text: YAML makes it a field; the fix is quotes
    Case("list-item-colon", "quote-value",
         {"courses/course-a.md": COURSE.replace("audience:\n  - главы сельских поселений",
                                                "audience:\n  - главы: сельских поселений")},
         {}, "courses/course-a.md", line=line_of(COURSE, "audience:") + 1, col=5,
         field="audience[1]",
         contains=['YAML прочитал «главы: сельских поселений» как поле',
                   'возьмите значение в кавычки: "главы: сельских поселений"']),
    # a continuation line with «: » written from the left edge: text, not a field
    Case("continuation-with-colon", "unknown-field",
         {M: measure_with("summary:", "summary: Гранты сельским поселениям на проекты\n"
                                      "благоустройства: дворы и скверы")}, {M: MEASURE}, M,
         line=4, col=1, field="благоустройства",
         contains=["«благоустройства: …» — не имя поля, а текст",
                   "допишите его в конец той строки и возьмите всё значение в кавычки"]),
    # the label of an allowed value typed instead of the value
    Case("enum-label", "ref-name", {M: measure_with("kind:", "kind: грант")}, {M: MEASURE}, M,
         line=line_of(MEASURE, "kind:"), col=1, field="kind",
         contains=["«грант» — это название, а не значение: пишите grant"]),
    # «-tos» without a space is one text, not a list item
    Case("list-dash-no-space", "list-format", {M: measure_with("topics:", "topics: -tos")},
         {M: MEASURE}, M, line=line_of(MEASURE, "topics:"), col=len("topics: ") + 1,
         field="topics", contains=["после дефиса нужен пробел: - tos на строке под именем "
                                   "поля", "[tos]"]),
    # issue 17c: the item on the line below its field is reported at its own line
    Case("list-dash-next-line", "list-format",
         {M: measure_with("topics:", "topics:\n  -civic-participation")},
         {M: measure_with("topics:", "topics:\n  - civic-participation")}, M,
         line=line_of(MEASURE, "topics:") + 1, col=3, field="topics",
         contains=["после дефиса нужен пробел: - civic-participation\x00"]),
    # «- a» then a more indented «-b»: YAML glues them into the text «a -b», silently
    # in a text list
    Case("list-dash-glued", "list-format",
         {"courses/course-a.md": COURSE.replace("  - главы сельских поселений",
                                                "  - главы сельских поселений\n    -депутаты")},
         {"courses/course-a.md": COURSE.replace("  - главы сельских поселений",
                                                "  - главы сельских поселений\n  - депутаты")},
         "courses/course-a.md", line=line_of(COURSE, "  - главы") + 1, col=5,
         field="audience[1]", contains=["приклеил его к элементу «главы сельских поселений»",
                                        "после дефиса нужен пробел: - депутаты"]),
    Case("list-commas", "list-format",
         {"courses/course-a.md": COURSE.replace("audience:\n  - главы сельских поселений",
                                                "audience: главы поселений, депутаты")},
         {}, "courses/course-a.md", line=line_of(COURSE, "audience:"), col=1, field="audience",
         contains=["пишите списком: [главы поселений, депутаты]"]),
    Case("list-en-dash-indented", "list-format",
         {"courses/course-a.md": COURSE.replace("  - главы сельских поселений",
                                                "  – главы поселений\n  – депутаты")},
         {}, "courses/course-a.md", line=line_of(COURSE, "audience:") + 1, col=3,
         field="audience", contains=["«–» (U+2013) вместо дефиса", "«- »"]),
    Case("ref-name-region", "ref-name",
         {M: measure_with("regions:", "regions: [Вологодская область]")},
         {M: measure_with("regions:", "regions: [vologda]")}, M,
         line=line_of(MEASURE, "regions:"), col=len("regions: [") + 1, field="regions[1]",
         contains=["«Вологодская область» — это название, а не id: используйте id: vologda"]),
    Case("ref-name-region-string", "ref-name",
         {M: measure_with("regions:", "regions: вологодская область")},
         {M: measure_with("regions:", "regions: [vologda]")}, M,
         line=line_of(MEASURE, "regions:"), col=1, field="regions",
         contains=["пишите [vologda]"]),
    Case("ref-name-organisation", "ref-name", {M: measure_with("provider:", "provider: минфин россии")},
         {M: MEASURE}, M, line=line_of(MEASURE, "provider:"), col=1, field="provider",
         contains=["используйте id: minfin"]),
    Case("ref-name-topic-yo", "ref-name",
         {M: measure_with("topics:", "topics: [civic-participation, Территориальное "
                                     "общественное самоуправление (ТОС)]")},
         {M: MEASURE}, M, line=line_of(MEASURE, "topics:"), field="topics[2]",
         contains=["используйте id: tos"]),
    Case("ref-name-yo", "ref-name",
         {M: measure_with("topics:", "topics: [civic-participation, молодежная  политика]")},
         {M: MEASURE}, M, line=line_of(MEASURE, "topics:"), field="topics[2]",
         contains=["«молодежная  политика» — это название, а не id: используйте id: youth"]),
    Case("ref-name-short-yo", "ref-name", {M: measure_with("provider:", "provider: РОСМОЛОДЕЖЬ")},
         {M: MEASURE}, M, line=line_of(MEASURE, "provider:"), col=1, field="provider",
         contains=["используйте id: rosmolodezh"]),
    Case("ref-name-legal-number", "ref-name", {M: measure_with("legal_basis:", "legal_basis: [33-фз]")},
         {M: MEASURE}, M, line=line_of(MEASURE, "legal_basis:"), field="legal_basis[1]",
         contains=["«33-фз» — это название, а не id: используйте id: law-new"]),
    Case("quote-value-pattern", "quote-value",
         {"reference/regions.yml": real("regions.yml").replace('code: "16"', "code: 16")}, {},
         "reference/regions.yml", line=line_of(real("regions.yml"), '  code: "16"'), col=3,
         field="code", contains=['YAML прочитал 16 как число 16: возьмите значение в '
                                      'кавычки: "16"']),
    Case("ref-name-municipality-type", "ref-name",
         {M: measure_with("  municipality_types:", "  municipality_types: [сельское поселение]")},
         {M: MEASURE}, M, line=line_of(MEASURE, "  municipality_types:"),
         field="recipients.municipality_types[1]", contains=["используйте id: rural-settlement"]),
    Case("invisible-nbsp-after-colon", "invisible-char",
         {M: measure_with("kind:", "kind:\u00a0grant" + NOTE)}, {M: MEASURE}, M,
         line=line_of(MEASURE, "kind:"), field="",
         contains=["неразрывный пробел (U+00A0)", "после «kind:»"]),
    Case("invisible-zero-width-id", "invisible-char",
         {M: measure_with("provider:", "provider: minfin\u200b")}, {M: MEASURE}, M,
         line=line_of(MEASURE, "provider:"), col=1, field="provider",
         contains=["пробел нулевой ширины (U+200B)", "в конце"]),
    # a space of any kind has no place in a URL or an id: the fix is to delete it, not
    # «замените обычным пробелом» (that only fits a line such as «kind:\u00a0grant»)
    Case("invisible-nbsp-url", "invisible-char",
         {M: measure_with("source:", "source: https://minfin.gov.ru/ru/grants\u00a0x")},
         {M: MEASURE}, M, line=line_of(MEASURE, "source:"), col=1, field="source",
         contains=["неразрывный пробел (U+00A0) после «ru/ru/grants»: удалите его\x00"]),
    Case("invisible-soft-hyphen-id", "invisible-char",
         {M: measure_with("provider:", "provider: min\u00adfin")}, {M: MEASURE}, M,
         line=line_of(MEASURE, "provider:"), col=1, field="provider",
         contains=["мягкий перенос (U+00AD) после «min»: удалите его\x00"]),
    Case("invisible-cyrillic-key", "invisible-char",
         {M: measure_with("level:", "lеvel: federal")}, {M: MEASURE}, M,
         line=line_of(MEASURE, "level:"), col=1, field="lеvel",
         contains=["кириллическая буква «е» (U+0435) в латинском слове «lеvel»"]),
    Case("invisible-cyrillic-url", "invisible-char",
         {M: measure_with("source:", "source: https://minfin.gov.ru/ru/grаnts")}, {M: MEASURE},
         M, line=line_of(MEASURE, "source:"), col=1, field="source",
         contains=["кириллическая буква «а» (U+0430)", "«grаnts»"]),
    Case("yaml-unclosed-bracket", "yaml-syntax",
         {M: measure_with("topics:", "topics: [tos, civic-participation" + NOTE)}, {M: MEASURE},
         M, line=4, field="", contains=["незакрытая скобка «[»"]),
    Case("yaml-continuation", "yaml-syntax",
         {M: measure_with("summary:", "summary: Гранты сельским поселениям на проекты,\n"
                                      "предложенные жителями." + NOTE)}, {M: MEASURE},
         M, line=4, col=1, field="", contains=["продолжение текста", "сдвиньте"]),
    Case("yaml-en-dash", "yaml-syntax",
         {M: measure_with("topics:", "topics:\n– tos\n– civic-participation" + NOTE)},
         {M: MEASURE}, M, line=5, col=1, field="", contains=["«–» (U+2013) вместо дефиса"]),
    Case("field-id", "unknown-field", {M: measure_with("title:", "id: grant-a\ntitle: Грант на развитие")},
         {M: MEASURE}, M, line=2, col=1, field="id",
         contains=["поле «id» не пишут", "имя его файла (grant-a.md)"]),
    Case("duplicate-key", "duplicate-key",
         {M: measure_with("level:", "level: federal\nkind: subsidy")}, {M: MEASURE}, M,
         line=line_of(MEASURE, "level:") + 1, col=1, field="kind",
         contains=[f"уже указано в строке {line_of(MEASURE, 'kind:')}"]),
    Case("not-a-mapping", "not-a-mapping", {M: "---\n- title\n- summary\n---\n\nТекст\n"},
         {M: MEASURE}, M, line=2, field="", contains=["«поле: значение»"]),
    Case("not-a-mapping-reference", "not-a-mapping",
         {"reference/topics.yml": "id: tos\nname: ТОС\n"}, {}, "reference/topics.yml",
         line=1, field="", contains=["списком"]),
    Case("not-a-mapping-reference-item", "not-a-mapping",
         {"reference/topics.yml": TOPICS + "- просто строка\n"}, {}, "reference/topics.yml",
         line=len(TOPICS.splitlines()) + 1, col=3, field="", contains=["«поле: значение»"]),
    Case("unknown-file-txt", "unknown-file", {"notes.txt": "заметки"}, {"notes.txt": None},
         "notes.txt", line=1, col=1, field="", contains=["«notes.txt»", "measures/"]),
    # (a file with an entry's fields in a wrong folder is misplaced-entry, test_lint.py)
    Case("unknown-file-folder", "unknown-file", {"measure/notes.md": "# Заметки\n"},
         {"measure/notes.md": None}, "measure/notes.md",
         line=1, col=1, field="", contains=["«measure/notes.md»"]),
    # --- fields ------------------------------------------------------------------------
    Case("unknown-field", "unknown-field", {M: measure_with("title:", "titel: Грант")},
         {M: MEASURE}, M, line=2, col=1, field="titel",
         contains=["неизвестное поле «titel»", "возможно, вы имели в виду «title»"]),
    Case("placeholder", "placeholder", {M: measure_with("title:", "title: ЗАПОЛНИТЕ")},
         {M: MEASURE}, M, line=2, col=1, field="title", contains=["ЗАПОЛНИТЕ"]),
    Case("required-nested", "required",
         {M: measure_with("      closes:", None)}, {M: MEASURE}, M,
         line=line_of(MEASURE, "    - opens:"), col=7, field="schedule.windows[1].closes",
         contains=["«closes»"]),
    Case("required-empty-front-matter", "required", {M: "---\n---\n\nТекст\n"}, {M: MEASURE},
         M, line=1, col=1, field="title", contains=["«title»"]),
    Case("type-number", "type", {"courses/course-a.md": COURSE.replace("hours: 72", "hours: много")},
         {}, "courses/course-a.md", line=line_of(COURSE, "hours:"), col=1, field="hours",
         contains=["нужно: целое число", "«много»"]),
    # ids hold no spaces: «a b» is a list of two ids, not one id with a space
    Case("list-spaces-ids", "list-format",
         {M: measure_with("topics:", "topics: civic-participation tos")}, {M: MEASURE},
         M, line=line_of(MEASURE, "topics:"), col=1, field="topics",
         contains=["указано: «civic-participation tos»",
                   "пишите списком: [civic-participation, tos]"]),
    Case("type-list", "list-format", {M: measure_with("topics:", "topics: tos")}, {M: MEASURE},
         M, line=line_of(MEASURE, "topics:"), col=1, field="topics",
         contains=["нужно: список", "пишите списком: [tos]"]),
    Case("enum", "enum", {M: measure_with("kind:", "kind: grnt")}, {M: MEASURE}, M,
         line=line_of(MEASURE, "kind:"), col=1, field="kind",
         contains=["«grnt»", "возможно, «grant»"]
         + [f"{value} ({label})" for value, label in MEASURE_KINDS.items()]),
    Case("too-short-text", "too-short",
         {"questions/question-a.md": replace_line(QUESTION, "summary:", "summary: Да.")}, {},
         "questions/question-a.md", line=3, col=1, field="summary",
         contains=["слишком коротко: 3 знака,", "не меньше 20"]),
    Case("too-short-list", "too-short", {M: measure_with("topics:", "topics: []")},
         {M: MEASURE}, M, line=4, col=1, field="topics", contains=["хотя бы 1 значение"]),
    Case("too-long-summary", "too-long", {M: measure_with("summary:", SUMMARY_LONG.strip())},
         {M: MEASURE}, M, line=3, col=1, field="summary",
         contains=["слишком длинно: 494 знака,", "не больше 400"]),
    Case("range-minimum", "range",
         {"courses/course-a.md": COURSE.replace("hours: 72", "hours: 0")}, {},
         "courses/course-a.md", line=line_of(COURSE, "hours:"), col=1, field="hours",
         contains=["число 0", "от 1 до 5000"]),
    Case("range-maximum", "range",
         {M: measure_with("  currency:", "  currency: RUB\n  cofinancing: 150")}, {M: MEASURE},
         M, line=line_of(MEASURE, "  currency:") + 1, col=3, field="funding.cofinancing",
         contains=["150", "до 100"]),
    Case("range-funding-order", "range", {M: MEASURE.replace("max: 3000000", "max: 1000")},
         {M: MEASURE}, M, line=line_of(MEASURE, "  max:"), col=3, field="funding.max",
         contains=["меньше минимальной"]),
    Case("pattern-id", "pattern", {M: measure_with("provider:", "provider: Minfin")},
         {M: MEASURE}, M, line=line_of(MEASURE, "provider:"), col=1, field="provider",
         contains=["«Minfin» — не id"]),
    Case("date-malformed", "date",
         {M: measure_with("last_reviewed:", "last_reviewed: 01.10.2026")}, {M: MEASURE}, M,
         line=line_of(MEASURE, "last_reviewed:"), col=1, field="last_reviewed",
         contains=["«01.10.2026» — не дата", "пишите ГГГГ-ММ-ДД: 2026-10-01"]),
    # a date as it is written in Russian, in words: the same date, written as it should be
    Case("date-in-words", "date",
         {M: MEASURE.replace("opens: 2026-11-01", "opens: 1 ноября 2026 г.")}, {M: MEASURE}, M,
         line=line_of(MEASURE, "    - opens:"), col=7, field="schedule.windows[1].opens",
         contains=["«1 ноября 2026 г.» — не дата; пишите ГГГГ-ММ-ДД: 2026-11-01\x00"]),
    Case("date-impossible", "date",
         {M: measure_with("last_reviewed:", "last_reviewed: 2025-02-30")}, {M: MEASURE}, M,
         line=line_of(MEASURE, "last_reviewed:"), col=1, field="last_reviewed",
         contains=["«2025-02-30» — не дата"]),
    Case("date-nested", "date",
         {M: MEASURE.replace("opens: 2026-11-01", "opens: 2026-11-31")}, {M: MEASURE}, M,
         line=line_of(MEASURE, "    - opens:"), col=7, field="schedule.windows[1].opens",
         contains=["«2026-11-31»"]),
    Case("date-order-window", "date-order",
         {M: MEASURE.replace("closes: 2026-12-31", "closes: 2026-10-31")}, {M: MEASURE}, M,
         line=line_of(MEASURE, "      closes:"), col=7, field="schedule.windows[1].closes",
         contains=["закончиться раньше, чем начался", "2026-10-31"]),
    Case("date-order-in-force", "date-order",
         {LAW: LEGAL_NEW.replace("in_force_from: 2025-06-19", "in_force_from: 2025-01-19")},
         {LAW: LEGAL_NEW}, LAW, line=line_of(LEGAL_NEW, "in_force_from:"), col=1,
         field="in_force_from", contains=["adopted = 2025-03-20", "in_force_from = 2025-01-19"]),
    Case("population-year-alone", "population-year-alone",
         {"practices/practice-a.md": PRACTICE.replace("population: 1200", "population_year: 2024")},
         {"practices/practice-a.md": PRACTICE.replace("population: 1200",
                                                      "population: 1200\npopulation_year: 2024")},
         "practices/practice-a.md", line=line_of(PRACTICE, "population:"), col=1,
         field="population_year", contains=["population_year", "добавьте population"]),
    Case("one-of-schedule", "one-of",
         {M: measure_with("schedule:", "schedule:\n  rolling: true")}, {M: MEASURE}, M,
         line=line_of(MEASURE, "schedule:"), col=1, field="schedule",
         contains=[SCHEDULE["x-error"]]),
    Case("one-of-regions", "one-of", {M: measure_with("regions:", "regions: 5")}, {M: MEASURE},
         M, line=line_of(MEASURE, "regions:"), col=1, field="regions",
         contains=["укажите all или список"]),
    Case("duplicate-item", "duplicate-item", {M: measure_with("topics:", "topics: [tos, tos]")},
         {M: MEASURE}, M, line=4, col=1, field="topics", contains=["повторяются"]),
    # --- ids and references --------------------------------------------------------------
    Case("id-pattern", "id-pattern", {"measures/Grant-B.md": MEASURE},
         {"measures/Grant-B.md": None, "measures/grant-b.md": OTHER_MEASURE},
         "measures/Grant-B.md",
         line=1, col=1, field="", contains=["«Grant-B»", "строчные"]),
    Case("id-duplicate-types", "id-duplicate", {"practices/grant-a.md": PRACTICE},
         {"practices/grant-a.md": None, "practices/practice-b.md": OTHER_PRACTICE},
         "practices/grant-a.md", line=1, col=1, field="",
         contains=["«grant-a»", "content/measures/grant-a.md"]),
    Case("id-duplicate-reference", "id-duplicate",
         {"reference/municipality_types.yml":
          "- id: rural-settlement\n  name: Сельское поселение\n  description: Село.\n"
          "- id: rural-settlement\n  name: Ещё раз\n  description: Повтор.\n"},
         {"reference/municipality_types.yml":
          "- id: rural-settlement\n  name: Сельское поселение\n  description: Село.\n"},
         "reference/municipality_types.yml", line=4, col=3, field="id",
         contains=["(строка 1)"]),
    Case("ref-missing", "ref-missing", {M: measure_with("legal_basis:", "legal_basis: [law-nw]")},
         {M: MEASURE}, M, line=line_of(MEASURE, "legal_basis:"), col=len("legal_basis: [") + 1,
         field="legal_basis[1]", contains=["«law-nw»", "возможно: law-new"]),
    Case("ref-missing-reference", "ref-missing", {M: measure_with("provider:", "provider: minfn")},
         {M: MEASURE}, M, line=line_of(MEASURE, "provider:"), col=1, field="provider",
         contains=["organisations.yml", "«minfn»", "возможно: minfin"]),
    Case("ref-type", "ref-type",
         {M: measure_with("legal_basis:", "legal_basis: [law-new, question-a]")}, {M: MEASURE},
         M, line=line_of(MEASURE, "legal_basis:"), col=len("legal_basis: [law-new, ") + 1,
         field="legal_basis[2]", contains=["«question-a» — это правовая консультация"]),
    Case("ref-self", "ref-self",
         {LAW: LEGAL_NEW.replace("  replaces: [law-old]", "  replaces: [law-old, law-new]")},
         {LAW: LEGAL_NEW}, LAW, line=line_of(LEGAL_NEW, "  replaces:"),
         col=len("  replaces: [law-old, ") + 1, field="relations.replaces[2]",
         contains=["сам на себя"]),
    Case("ref-self-body", "ref-self", {M: BODY_EXTRA.format("См. [[grant-a]].")}, {M: MEASURE},
         M, line=body_line(BODY_EXTRA, "{}"), col=5, field="body", contains=["сам на себя"]),
    Case("legal-cycle", "legal-cycle",
         {LAW: LEGAL_NEW.replace("  replaces: [law-old]", "  amends: [law-old]"),
          "legal/law-old.md": LEGAL_OLD.replace("  repealed_by: law-new", "  amends: [law-new]")},
         {}, LAW, line=line_of(LEGAL_NEW, "relations:"), col=1, field="relations",
         contains=["law-new → law-old → law-new"]),
    Case("old-id-live", "old-id",
         {M: measure_with("apply_url:", "apply_url: https://minfin.gov.ru/a\nold_ids: [law-old]")},
         {M: measure_with("apply_url:", "apply_url: https://minfin.gov.ru/a\nold_ids: [grant-0]")},
         M, line=line_of(MEASURE, "apply_url:") + 1, col=len("old_ids: [") + 1,
         field="old_ids[1]", contains=["«law-old»", "content/legal/law-old.md"]),
    Case("old-id-twice", "old-id",
         {"courses/course-a.md": replace_line(COURSE, "format:", "format: online\nold_ids: [grant-0]"),
          M: measure_with("apply_url:", "apply_url: https://minfin.gov.ru/a\nold_ids: [grant-0]")},
         {M: MEASURE}, M, line=line_of(MEASURE, "apply_url:") + 1, col=len("old_ids: [") + 1,
         field="old_ids[1]", contains=["уже указан у content/courses/course-a.md"]),
    # --- URLs -------------------------------------------------------------------------------
    Case("url-insecure", "url-insecure",
         {M: measure_with("source:", "source: http://minfin.gov.ru/ru/grants")}, {M: MEASURE}, M,
         line=line_of(MEASURE, "source:"), col=1, field="source", severity="warning",
         contains=["без https"]),
    *[Case(f"url-scheme-{scheme}", "url-scheme",
           {M: measure_with("apply_url:", f"apply_url: {value}")}, {M: MEASURE}, M,
           line=line_of(MEASURE, "apply_url:"), col=1, field="apply_url",
           contains=["должна начинаться с https://"])
      for scheme, value in [("javascript", "javascript:alert(1)"),
                            ("data", "data:text/html;base64,PHNjcmlwdD4="),
                            ("vbscript", "VBScript:MsgBox(1)"),
                            ("ftp", "ftp://minfin.gov.ru/a")]],
    Case("url-scheme-reference", "url-scheme",
         {"reference/organisations.yml":
          ORGANISATIONS.replace(MINFIN_SITE, "  website: javascript:alert(1)")}, {},
         "reference/organisations.yml", line=line_of(ORGANISATIONS, MINFIN_SITE), col=3,
         field="website", contains=["«javascript:alert(1)»", "https://"]),
    # --- bodies ------------------------------------------------------------------------------
    *[Case(f"body-link-{scheme}", "body-link",
           {M: BODY_EXTRA.format(f"Смотрите [здесь]({target}) подробнее.")},
           {M: BODY_EXTRA.format(f"Смотрите `[здесь]({target})` подробнее.")}, M,
           line=body_line(BODY_EXTRA, "{}"), col=len("Смотрите ") + 1, field="body",
           contains=["запрещённую схему"])
      for scheme, target in [("javascript", "javascript:void(0)"),
                             ("data", "data:text/html,x"), ("vbscript", "vbscript:x")]],
    Case("body-link-missing-page", "body-link",
         {M: BODY_EXTRA.format("См. [закон](../legal/nope.md).")},
         {M: BODY_EXTRA.format("См. [[law-new|закон]].")}, M,
         line=body_line(BODY_EXTRA, "{}"), col=5, field="body",
         contains=["несуществующую страницу"]),
    Case("body-html-script", "body-html",
         {M: BODY_EXTRA.format("Текст <script>alert(1)</script> ещё.")},
         {M: BODY_EXTRA.format("Текст `<script>alert(1)</script>` ещё.")}, M,
         line=body_line(BODY_EXTRA, "{}"), col=len("Текст ") + 1, field="body",
         contains=["«<script>»"]),
    Case("body-html-img", "body-html",
         {M: BODY_EXTRA.format("Фото <img src=x onerror=alert(1)> тут.")},
         {M: BODY_EXTRA.format("```\nФото <img src=x onerror=alert(1)> тут.\n```")}, M,
         line=body_line(BODY_EXTRA, "{}"), col=len("Фото ") + 1, field="body",
         contains=["onerror"]),
    Case("body-ref", "body-ref", {M: BODY_EXTRA.format("Ещё [[missing-id]] и всё.")},
         {M: BODY_EXTRA.format("Ещё [[law-new]] и всё.")}, M,
         line=body_line(BODY_EXTRA, "{}"), col=len("Ещё ") + 1, field="body",
         contains=["[[missing-id]]"]),
    Case("image-missing", "image-missing",
         {M: BODY_EXTRA.format("Схема: ![Схема проекта](../images/scheme.png)")},
         {"images/scheme.png": b"\x89PNG\r\n\x1a\n"}, M,
         line=body_line(BODY_EXTRA, "{}"), col=len("Схема: ") + 1, field="body",
         contains=["../images/scheme.png"]),
    Case("image-missing-external", "image-missing",
         {M: BODY_EXTRA.format("![Схема проекта](https://example.ru/scheme.png)")},
         {M: BODY_EXTRA.format("![Схема проекта](../images/scheme.png)"),
          "images/scheme.png": b"\x89PNG\r\n\x1a\n"}, M,
         line=body_line(BODY_EXTRA, "{}"), col=1, field="body", contains=["с другого сайта"]),
    Case("image-alt", "image-alt",
         {M: BODY_EXTRA.format("![](../images/scheme.png)"),
          "images/scheme.png": b"\x89PNG\r\n\x1a\n"},
         {M: BODY_EXTRA.format("![Схема проекта](../images/scheme.png)"),
          "images/scheme.png": b"\x89PNG\r\n\x1a\n"}, M,
         line=body_line(BODY_EXTRA, "{}"), col=1, field="body", contains=["описания"]),
    # --- warnings --------------------------------------------------------------------------
    Case("stale", "stale", {M: measure_with("last_reviewed:", "last_reviewed: 2025-11-22")},
         {M: measure_with("last_reviewed:", "last_reviewed: 2025-11-23")}, M,
         line=line_of(MEASURE, "last_reviewed:"), col=1, field="last_reviewed",
         severity="warning", contains=["2025-11-22", "больше 12 месяцев"]),
    Case("measure-closed", "measure-closed",
         {M: MEASURE.replace("opens: 2026-11-01", "opens: 2025-09-01")
                    .replace("closes: 2026-12-31", "closes: 2025-11-22")},
         {M: MEASURE.replace("opens: 2026-11-01", "opens: 2025-09-01")
                    .replace("closes: 2026-12-31", "closes: 2025-11-23")}, M,
         line=line_of(MEASURE, "  windows:"), col=3, field="schedule.windows",
         severity="warning", contains=["больше года назад"]),
    Case("repealed-basis", "repealed-basis",
         {M: measure_with("legal_basis:", "legal_basis: [law-new, law-old]")}, {M: MEASURE}, M,
         line=line_of(MEASURE, "legal_basis:"), col=len("legal_basis: [law-new, ") + 1,
         field="legal_basis[2]", severity="warning", contains=["№ 131-ФЗ", "утратил силу"]),
    Case("unused-reference", "unused-reference", {"reference/topics.yml": TOPICS_LONELY},
         {"reference/topics.yml": TOPICS_LONELY,
          M: measure_with("topics:", "topics: [civic-participation, tos, lonely]")},
         "reference/topics.yml", line=len(TOPICS.splitlines()) + 1, col=3, field="id",
         severity="warning", contains=["«lonely»", "нигде не используется"],
         fixed_scope="line"),
    # --- issue 17b: what passed silently (exact messages: test_lint.py, test_rename.py) ---
    Case("empty-section", "empty-section", {M: BODY_EXTRA.format("## Документы")},
         {M: BODY_EXTRA.format("## Документы\n\nЗаявка и смета.")}, M,
         line=body_line(BODY_EXTRA, "{}"), col=1, field="body",
         contains=["«Документы»", "ничего нет"]),
    Case("misplaced-entry", "misplaced-entry",
         {"grant-z.md": MEASURE.replace("Грант на развитие", "Субсидия на развитие")
                               .replace("До трёх", "До четырёх")},
         {}, "grant-z.md", line=1, col=1, field="", contains=["content/measures/grant-z.md"]),
    Case("duplicate-entry", "duplicate-entry", {"measures/grant-z.md": MEASURE}, {},
         "measures/grant-z.md", line=1, col=1, field="",
         contains=["content/measures/grant-a.md", "слово в слово"]),
    # a copy whose name sorts before the original's: reported at the copy too, so that a
    # run on the changed files only (pre-commit, «Проверить этот файл») sees it
    Case("duplicate-entry-sorted-first", "duplicate-entry", {"measures/grant-0.md": MEASURE},
         {"measures/grant-0.md": None}, "measures/grant-0.md", line=1, col=1, field="",
         contains=["content/measures/grant-a.md", "слово в слово", "создан позже"]),
    Case("duplicate-title-sorted-first", "duplicate-entry",
         {"measures/grant-0.md": MEASURE.replace("До трёх", "До четырёх")},
         {"measures/grant-0.md": MEASURE.replace("До трёх", "До четырёх").replace(
             "Грант на развитие сельских", "Грант на развитие малых")},
         "measures/grant-0.md", line=line_of(MEASURE, "title:"), field="title",
         severity="warning", contains=["такое же название у content/measures/grant-a.md"]),
    Case("body-path-link", "body-path-link", {M: BODY_EXTRA.format("[закон](/legal/law-new/)")},
         {M: BODY_EXTRA.format("[[law-new|закон]]")}, M, line=body_line(BODY_EXTRA, "{}"),
         col=1, field="body", contains=["[[law-new|закон]]"]),
    Case("body-single-bracket", "body-single-bracket", {M: BODY_EXTRA.format("См. [law-new].")},
         {M: BODY_EXTRA.format("См. [[law-new]].")}, M, line=body_line(BODY_EXTRA, "{}"),
         col=5, field="body", contains=["[[law-new]]"]),
    # «#word» at the start of a line is a heading for Python-Markdown, even inside a
    # paragraph, and its «#» is gone; «\\#» keeps it as text, «## » makes a heading
    Case("body-hashtag", "body-hashtag",
         {M: BODY_EXTRA.format("Участвуйте в акции:\n#МыВместе — помощь соседям.")},
         {M: BODY_EXTRA.format("Участвуйте в акции:\n\\#МыВместе — помощь соседям.")}, M,
         line=body_line(BODY_EXTRA, "{}") + 1, col=1, field="body",
         contains=["«#МыВместе»", "заголовком «МыВместе — помощь соседям.»",
                   "\\#МыВместе", "пробел после #: # МыВместе"]),
    # in a list item or a quote the same line is a heading inside it
    *[Case(f"body-hashtag-in-{name}", "body-hashtag",
           {M: BODY_EXTRA.format(f"{lead}#1 в рейтинге регионов")},
           {M: BODY_EXTRA.format(f"{lead}\\#1 в рейтинге регионов")}, M,
           line=body_line(BODY_EXTRA, "{}"), col=len(lead) + 1, field="body",
           contains=["«#1»", "заголовком «1 в рейтинге регионов»", "\\#1"])
      for name, lead in [("list", "- "), ("numbered", "1. "), ("quote", "> ")]],
    Case("body-hashtag-heading", "body-hashtag",
         {M: BODY_EXTRA.format("##Сроки\n\nДо 1 марта.")},
         {M: BODY_EXTRA.format("## Сроки\n\nДо 1 марта.")}, M,
         line=body_line(BODY_EXTRA, "{}"), col=1, field="body", contains=["## Сроки"]),
    # a bracket short: «[[law-new]» and «[law-new]]» stay on the page as brackets and an id
    *[Case(f"body-half-bracket-{i}", "body-single-bracket",
           {M: BODY_EXTRA.format(f"См. {typed}.")}, {M: BODY_EXTRA.format("См. [[law-new]].")},
           M, line=body_line(BODY_EXTRA, "{}"), col=5, field="body",
           contains=[f"«{typed}» — не хватает скобки", "пишется: [[law-new]]"])
      for i, typed in enumerate(["[[law-new]", "[law-new]]"])],
    # hand-written pages (content/*.md, content/guide/): [[id]] is a link there too, so
    # the same slips are reported at the page's line (front matter counts; code is text)
    Case("page-ref", "body-ref", {"about.md": PAGE.format("Подробнее: [[fz-131-2003]].")},
         {"about.md": PAGE.format("Подробнее: [[law-new]].")}, "about.md",
         line=line_of(PAGE, "{}"), col=len("Подробнее: ") + 1, field="body",
         contains=["[[fz-131-2003]]: нет материала с таким id"]),
    Case("page-ref-guide", "body-ref",
         {"guide/index.md": PAGE.format("Код `[[nowhere]]` — пример.\n\nСм. [[law-nwe]].")},
         {"guide/index.md": PAGE.format("Код `[[nowhere]]` — пример.\n\nСм. [[law-new]].")},
         "guide/index.md", line=line_of(PAGE, "{}") + 2, col=len("См. ") + 1, field="body",
         contains=["возможно: law-new"]),
    *[Case(f"page-bracket-{i}", "body-single-bracket",
           {"about.md": PAGE.format(f"См. {typed}.")}, {"about.md": PAGE.format("См. [[law-new]].")},
           "about.md", line=line_of(PAGE, "{}"), col=5, field="body",
           contains=["[[law-new]]"])
      for i, typed in enumerate(["[law-new]", "[[law-new]", "[law-new]]"])],
    # an invisible or look-alike character in [[id]]: named, since «возможно: law-new»
    # alone reads exactly like what was typed
    *[Case(f"invisible-in-short-ref-{i}", "invisible-char",
           {M: BODY_EXTRA.format(f"См. [[{typed}]].")}, {M: BODY_EXTRA.format("См. [[law-new]].")},
           M, line=body_line(BODY_EXTRA, "{}"), col=5, field="body",
           contains=[says, "возможно: law-new"])
      for i, (typed, says) in enumerate([("law\u200b-new", "пробел нулевой ширины (U+200B)"),
                                         ("law-nеw", "кириллическая буква «е» (U+0435)")])],
    Case("body-anchor", "body-anchor", {M: BODY_EXTRA.format("См. [ниже](#как-подать).")},
         {M: BODY_EXTRA.format("См. [ниже](#как-подать-заявку).")}, M,
         line=body_line(BODY_EXTRA, "{}"), col=5, field="body",
         contains=["«#как-подать»", "пишите [ниже](#как-подать-заявку)"]),
    Case("url-invalid", "url-invalid",
         {M: measure_with("apply_url:", "apply_url: https://minfin.gov.ru/ru/grants apply")},
         {M: MEASURE}, M, line=line_of(MEASURE, "apply_url:"), col=1, field="apply_url",
         contains=["пробел"]),
    Case("reviewed-future", "reviewed-future",
         {M: measure_with("last_reviewed:", "last_reviewed: 2026-11-24")},
         {M: measure_with("last_reviewed:", "last_reviewed: 2026-11-23")}, M,
         line=line_of(MEASURE, "last_reviewed:"), col=1, field="last_reviewed",
         severity="warning", contains=["2026-11-24", "ещё не наступила"]),
    Case("source-home", "source-home", {M: measure_with("source:", "source: https://minfin.gov.ru")},
         {M: MEASURE}, M, line=line_of(MEASURE, "source:"), col=1, field="source",
         severity="warning", contains=["главная страница", "укажите страницу"]),
    Case("renamed-ref", "renamed-ref",
         {M: measure_with("apply_url:", "apply_url: https://minfin.gov.ru/ru/grants/apply\n"
                                        "old_ids: [grant-old]"),
          "solutions/solution-a.md": SOLUTION.replace("measures: [grant-a]",
                                                      "measures: [grant-old]")},
         {M: measure_with("apply_url:", "apply_url: https://minfin.gov.ru/ru/grants/apply\n"
                                        "old_ids: [grant-old]")},
         "solutions/solution-a.md", line=line_of(SOLUTION, "    measures:"),
         col=len("    measures: [") + 1, field="steps[2].measures[1]", severity="warning",
         contains=["переименован в «grant-a»", "замените ссылку"]),
]


def _correct(cat: Content, case: Case) -> None:
    """Undo the case's mistakes: files it broke are restored (or removed when it
    added them), then its corrections are written."""
    for rel in case.bad:
        if rel in BASE:
            cat.write(rel, BASE[rel])
        elif rel.startswith("reference/"):
            cat.write(rel, real(rel.split("/", 1)[1]))
        elif rel not in case.good:
            cat.remove(rel)
    for rel, text in case.good.items():
        if text is None:
            if (cat.root / rel).exists():
                cat.remove(rel)
        else:
            cat.write(rel, text)


def test_every_code_has_a_failing_case() -> None:
    covered = {case.code for case in CASES} | {"required"}   # + test_required_field
    # what sites answer: scripts/check_links.py, tested against a local server there
    covered |= {"link-dead", "link-moved", "link-suspicious", "link-unreachable"}
    assert covered == set(CODES), f"codes without a case: {set(CODES) - covered}"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fails(make_content: Callable[..., Content], case: Case) -> None:
    cat = make_content(case.bad)
    found = cat.problems(case.code, case.rel)
    here = [p for p in found if p.line == case.line
            and (case.col is None or p.col == case.col)
            and (case.field is None or p.field == case.field)]
    assert len(here) == 1, (f"expected one {case.code} at {cat.shown(case.rel)}:{case.line}:"
                            f"{case.col} {case.field!r}; got {[str(p) for p in found]}")
    problem = here[0]
    assert problem.severity == case.severity
    assert problem.path == f"content/{case.rel}"
    assert problem.code in CODES
    for part in case.contains:   # a part ending in \x00 must end the message
        assert part in problem.message + "\x00", (part, problem.message)
    assert str(problem).startswith(f"content/{case.rel}:{problem.line}:{problem.col}: "
                                   f"{case.severity} {case.code} ")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixed(make_content: Callable[..., Content], case: Case) -> None:
    cat = make_content(case.bad)
    _correct(cat, case)
    left = [p for p in cat.problems(case.code, case.rel)
            if case.fixed_scope == "file" or p.line == case.line]
    assert left == [], [str(p) for p in left]
    if case.severity == "error":
        errors = [str(p) for p in cat.validate().errors]
        assert errors == [], errors


REQUIRED = [(name, key) for name, spec in TYPES.items() for key in spec.required]


@pytest.mark.parametrize("type_name,key", REQUIRED, ids=[f"{t}.{k}" for t, k in REQUIRED])
def test_required_field(make_content: Callable[..., Content], type_name: str, key: str) -> None:
    rel = BASE_OF_TYPE[type_name]
    cat = make_content({rel: drop_field(BASE[rel], key)})
    found = [p for p in cat.problems("required", rel) if p.field == key]
    assert len(found) == 1, [str(p) for p in cat.problems(rel=rel)]
    problem = found[0]
    assert (problem.line, problem.col, problem.severity) == (1, 1, "error")
    assert f"«{key}»" in problem.message
    label = TYPES[type_name].field_label(key)
    assert f"({label})" in problem.message
    # corrected: the base file has every required field
    cat.write(rel, BASE[rel])
    assert [p for p in cat.problems("required", rel)] == []


def test_base_catalogue_is_valid(make_content: Callable[..., Content]) -> None:
    problems = make_content().validate().problems
    assert [str(p) for p in problems if p.code != "unused-reference"] == []


def test_bom_and_crlf_are_accepted(make_content: Callable[..., Content]) -> None:
    crlf = b"\xef\xbb\xbf" + MEASURE.replace("\n", "\r\n").encode("utf-8")
    cat = make_content({M: crlf})
    assert cat.problems(rel=M) == []
    entry = cat.validate().catalogue.entries["grant-a"]
    assert entry.title == "Грант на развитие сельских поселений"
    assert "\r" not in entry.body
    # lines are still counted as the editor sees them
    cat.write(M, b"\xef\xbb\xbf" + BODY_EXTRA.format("[[nope]]").replace("\n", "\r\n").encode())
    (problem,) = cat.problems("body-ref", M)
    assert problem.line == body_line(BODY_EXTRA, "{}")


def test_html_inside_code_is_not_html(make_content: Callable[..., Content]) -> None:
    text = BODY_EXTRA.format("Пример: `<script>x</script>` и\n\n~~~\n<img src=x onerror=y>\n"
                             "~~~\n\nи `<b>`.")
    cat = make_content({M: text})
    assert cat.problems("body-html", M) == []


def test_autolink_is_not_html(make_content: Callable[..., Content]) -> None:
    cat = make_content({M: BODY_EXTRA.format("Сайт: <https://minfin.gov.ru/>.")})
    assert cat.problems("body-html", M) == []


def test_each_date_mistake_is_reported_once(make_content: Callable[..., Content]) -> None:
    # «01.10.2026» breaks both the pattern and the date format of the field
    cat = make_content({M: measure_with("last_reviewed:", "last_reviewed: 01.10.2026")})
    assert len(cat.problems("date", M)) == 1


def test_legal_cycle_reported_once_per_document(make_content: Callable[..., Content]) -> None:
    def law(rel: str) -> str:
        return LEGAL_NEW.replace("  replaces: [law-old]", rel)
    cat = make_content({"legal/a.md": law("  amends: [b]"), "legal/b.md": law("  amends: [c]"),
                        "legal/c.md": law("  amends: [a]"), "legal/d.md": law("  amends: [a]")})
    cycles = cat.problems("legal-cycle")
    assert sorted(p.path for p in cycles) == ["content/legal/a.md", "content/legal/b.md",
                                              "content/legal/c.md"]


def test_all_mistakes_are_reported_at_once(make_content: Callable[..., Content]) -> None:
    rel = "courses/course-a.md"
    text = (COURSE.replace("format: online", "format: zoom")            # enum
                  .replace("hours: 72", "hours: много")                 # type
                  .replace("provider: ranepa", "provider: nobody")      # ref-missing
                  .replace("summary: Курс повышения квалификации для глав сельских "
                           "поселений и их заместителей.", "summary: Курс.")  # too-short
            + "\nСм. [[nowhere]].\n")                                   # body-ref
    cat = make_content({rel: text})
    found = cat.problems(rel=rel)
    assert sorted(p.code for p in found) == sorted(
        ["enum", "type", "ref-missing", "too-short", "body-ref"]), [str(p) for p in found]
    assert len({p.line for p in found}) == 5


def test_problems_are_sorted_by_file_and_line(make_content: Callable[..., Content]) -> None:
    cat = make_content({M: measure_with("kind:", "kind: grnt").replace("level: federal",
                                                                       "level: galactic")})
    problems = cat.validate().problems
    keys = [(p.path, p.line, p.col, p.code) for p in problems]
    assert keys == sorted(keys)


def test_count_words_follows_babel() -> None:
    """The validator's own plural rule (no Babel in the pre-commit environment) gives
    the form Babel's CLDR rule gives, for every count an editor meets."""
    from babel import Locale
    from catalogue.problems import count_words
    forms = {"one": "знак", "few": "знака", "many": "знаков"}
    for n in range(0, 1200):
        assert count_words(n, *forms.values()) == f"{n} {forms[Locale('ru').plural_form(n)]}", n
