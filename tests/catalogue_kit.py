"""The engine tests' kit: a small valid catalogue to break on purpose, and helpers.

conftest.py turns it into the ``make_content`` fixture; the test modules import
what they need from here (not from conftest: tests/site and tests/browser have
conftest modules of their own, and only one module can be named ``conftest``).

``make_content()`` writes tmp_path/content/ with the real reference lists and one
valid entry of each type (plus a second legal document); a test then overwrites
or adds one file and validates:

    def test_x(make_content):
        cat = make_content()
        cat.write("measures/grant-a.md", text)
        problems = cat.problems("enum")

Problems carry paths relative to the parent of content/, so the path of
content/measures/grant-a.md in a problem is "content/measures/grant-a.md".
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
for folder in (ROOT / "hooks", ROOT / "scripts"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from catalogue import Result, validate  # noqa: E402
from catalogue.problems import Problem  # noqa: E402

REAL_CONTENT = ROOT / "content"
REAL_REFERENCE = REAL_CONTENT / "reference"
# The date every engine test validates on: statuses and staleness depend on it.
TODAY = dt.date(2026, 11, 23)


def run_validate(content_dir: str | Path, today: dt.date = TODAY) -> Result:
    """catalogue.validate on the fixed test date."""
    return validate(content_dir, today=today)


# --- a small valid catalogue -------------------------------------------------------
# One entry of each type, using ids that exist in the real reference lists.
# Keep line numbers in mind: tests that break a field refer to them.

LEGAL_OLD = """\
---
title: Федеральный закон № 131-ФЗ «Об общих принципах организации местного самоуправления»
summary: Прежний основной закон о местном самоуправлении, заменён законом № 33-ФЗ.
topics: [local-government-law]
source: https://pravo.gov.ru/proxy/ips/?docbody=&nd=102083574
last_reviewed: 2026-10-01
kind: federal-law
number: 131-ФЗ
adopted: 2003-10-06
issuer: gosduma
status: repealed
in_force_from: 2006-01-01
relations:
  repealed_by: law-new
---

## О чём документ

Закон утратил силу, действует [[law-new]].
"""

LEGAL_NEW = """\
---
title: Федеральный закон № 33-ФЗ «Об общих принципах организации местного самоуправления в единой системе публичной власти»
summary: Основной закон о местном самоуправлении, действует с 2025 года.
topics: [local-government-law]
source: https://pravo.gov.ru/proxy/ips/?docbody=&nd=602736937
last_reviewed: 2026-10-01
kind: federal-law
number: 33-ФЗ
adopted: 2025-03-20
issuer: gosduma
status: in-force
in_force_from: 2025-06-19
relations:
  replaces: [law-old]
publication_url: https://publication.pravo.gov.ru/document/0001202503200004
---

## О чём документ

Закон заменил [[law-old|закон № 131-ФЗ]] и определяет виды муниципальных образований.
"""

MEASURE = """\
---
title: Грант на развитие сельских поселений
summary: Гранты сельским поселениям на проекты благоустройства, предложенные жителями.
topics: [civic-participation, tos]
source: https://minfin.gov.ru/ru/grants
last_reviewed: 2026-10-01
kind: grant
level: federal
provider: minfin
regions: [tatarstan]
recipients:
  municipality_types: [rural-settlement]
  other: [tos]
funding:
  min: 100000
  max: 3000000
  currency: RUB
schedule:
  windows:
    - opens: 2026-11-01
      closes: 2026-12-31
legal_basis: [law-new]
apply_url: https://minfin.gov.ru/ru/grants/apply
---

## Что дают

До трёх миллионов рублей на проект жителей, см. [[law-new]].

## Как подать заявку

Заявку подаёт администрация поселения на [сайте Минфина](https://minfin.gov.ru/).
"""

SOLUTION = """\
---
title: Как создать ТОС в сельском поселении
summary: Пошаговый порядок создания территориального общественного самоуправления.
topics: [tos]
source: https://minfin.gov.ru/ru/tos
last_reviewed: 2026-10-01
problem: Жители хотят сами благоустроить улицу, но не знают, с чего начать.
steps:
  - title: Провести собрание жителей
    details: Собрание определяет границы ТОС и принимает устав.
    legal: [law-new]
  - title: Подать заявку на грант
    measures: [grant-a]
practices: [practice-a]
---

## С чего начать

С собрания жителей: [[practice-a]] показывает, как это сделали в Татарстане.
"""

QUESTION = """\
---
title: Можно ли поселению финансировать проект ТОС?
summary: Да, если проект решает вопрос местного значения поселения.
topics: [tos, local-budget]
source: https://minfin.gov.ru/ru/question
last_reviewed: 2026-10-01
legal: [law-new]
answered_by: minfin
date: 2026-05-12
---

## Короткий ответ

Да, на основании [[law-new]].
"""

PRACTICE = """\
---
title: Благоустройство улицы силами ТОС
summary: Жители села отремонтировали тротуар и освещение улицы на средства гранта.
topics: [tos, urban-environment]
source: https://tatarstan.ru/practice
last_reviewed: 2026-10-01
municipality: Сельское поселение Никольское
region: tatarstan
municipality_type: rural-settlement
population: 1200
years:
  start: 2024
  end: 2025
budget:
  total: 2500000
  sources:
    - measure: grant-a
      amount: 2000000
    - note: местный бюджет
      amount: 500000
results:
  - indicator: Освещённые улицы
    before: 0
    after: 3
    unit: шт.
contact: minfin
---

## Что сделали

Жители провели собрание и получили [[grant-a]].
"""

COURSE = """\
---
title: Основы муниципального управления
summary: Курс повышения квалификации для глав сельских поселений и их заместителей.
topics: [municipal-staff]
source: https://ranepa.ru/courses/basics
last_reviewed: 2026-10-01
provider: ranepa
format: online
hours: 72
cost: free
certificate: qualification-upgrade
audience:
  - главы сельских поселений
sessions:
  - starts: 2026-12-01
    ends: 2026-12-20
    enrol_by: 2026-11-30
enrol_url: https://ranepa.ru/courses/basics/enrol
---

## Чему научат

Бюджету, закупкам и работе с жителями.
"""

PROBLEM = """\
---
title: Нехватка средств на содержание сельских дорог
summary: Поселения не могут содержать местные дороги на свои доходы.
topics: [roads-transport, local-budget]
source: https://okmo.news/problems/roads
last_reviewed: 2026-10-01
regions: [tatarstan]
reported:
  - by: Совет муниципальных образований Республики Татарстан
    document: Резолюция о содержании сельских дорог
    date: 2025-04-01
    url: https://okmo.news/problems/roads/resolution
  - by: Ассоциация сельских поселений
    date: 2025-06-10
    url: https://okmo.news/problems/roads/report
status: under-review
history:
  - date: 2025-04-01
    status: collected
  - date: 2025-09-15
    status: under-review
    note: Передано в профильный комитет.
related:
  solutions: [solution-a]
  legal: [law-new]
  measures: [grant-a]
---

## В чём проблема

Доходов поселения не хватает; см. [[solution-a]].
"""

BASE: dict[str, str] = {
    "legal/law-old.md": LEGAL_OLD,
    "legal/law-new.md": LEGAL_NEW,
    "measures/grant-a.md": MEASURE,
    "solutions/solution-a.md": SOLUTION,
    "questions/question-a.md": QUESTION,
    "practices/practice-a.md": PRACTICE,
    "courses/course-a.md": COURSE,
    "problems/problem-a.md": PROBLEM,
}
# The file of each type in BASE (the legal one is the document in force).
BASE_OF_TYPE = {
    "legal": "legal/law-new.md",
    "measure": "measures/grant-a.md",
    "solution": "solutions/solution-a.md",
    "question": "questions/question-a.md",
    "practice": "practices/practice-a.md",
    "course": "courses/course-a.md",
    "problem": "problems/problem-a.md",
}


class Content:
    """A content/ folder under a test's tmp_path."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, rel: str, text: str | bytes) -> Path:
        """Add or overwrite content/<rel> (text is written as UTF-8, bytes as they are)."""
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_bytes(text.encode("utf-8"))
        return path

    def remove(self, rel: str) -> None:
        (self.root / rel).unlink()

    def read(self, rel: str) -> str:
        return (self.root / rel).read_text("utf-8")

    def shown(self, rel: str) -> str:
        """How problems name content/<rel>."""
        return f"{self.root.name}/{rel}"

    def validate(self, today: dt.date = TODAY) -> Result:
        return run_validate(self.root, today)

    def problems(self, code: str | None = None, rel: str | None = None) -> list[Problem]:
        """Problems of the whole catalogue, optionally of one code and/or one file."""
        found = self.validate().problems
        return [p for p in found
                if (code is None or p.code == code)
                and (rel is None or p.path == self.shown(rel))]


def replace_line(text: str, start: str, new: str | None) -> str:
    """The text with the first line starting with ``start`` replaced (None: removed)."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith(start):
            if new is None:
                del lines[i]
            else:
                lines[i] = new
            return "\n".join(lines)
    raise AssertionError(f"no line starting with {start!r}")


def drop_field(text: str, name: str) -> str:
    """The text without the top-level front matter field ``name`` (and its block)."""
    lines = text.split("\n")
    out, skipping = [], False
    for line in lines:
        if line.startswith(f"{name}:"):
            skipping = True
            continue
        if skipping and (line.startswith(" ") or line.startswith("- ")):
            continue
        skipping = False
        out.append(line)
    assert len(out) < len(lines), f"no field {name!r}"
    return "\n".join(out)


def line_of(text: str, start: str) -> int:
    """1-based number of the first line starting with ``start``."""
    for i, line in enumerate(text.split("\n"), 1):
        if line.startswith(start):
            return i
    raise AssertionError(f"no line starting with {start!r}")
