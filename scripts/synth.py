#!/usr/bin/env python3
"""A synthetic but valid catalogue, for tests and benchmarks only.

    python scripts/synth.py --entries 10000 --out /tmp/synth [--seed 1]

writes /tmp/synth/content/: the reference lists copied from the real
content/reference/ and N entries of all seven types in realistic proportions,
with Russian-looking text, valid cross references and schedule windows around
a fixed date (TODAY). The same seed always gives the same files.

Never point it at the repository: the result is not real data. It refuses to
write into a folder that already has a content/ it did not create.

    from synth import generate, TODAY
    content = generate(tmp_path, 300, seed=1)
    validate(content, today=TODAY)    # no errors
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "content" / "reference"
MARKER = ".synth-catalogue"           # in out_dir, next to the generated content/

# Statuses, staleness and schedule windows are computed against this date:
# pass it as validate(..., today=TODAY).
TODAY = dt.date(2026, 11, 23)

# Share of each type (folder, weight); measures are the bulk of the real catalogue.
PROPORTIONS = [
    ("measure", "measures", 35),
    ("legal", "legal", 15),
    ("question", "questions", 12),
    ("practice", "practices", 12),
    ("solution", "solutions", 10),
    ("course", "courses", 8),
    ("problem", "problems", 8),
]

# --- vocabulary -------------------------------------------------------------------

SUBJECTS = [
    "администрация поселения", "глава муниципального округа", "совет депутатов",
    "муниципальное учреждение", "инициативная группа жителей", "территориальное "
    "общественное самоуправление", "сельский староста", "финансовый орган района",
    "контрольно-счётная палата", "комиссия по бюджету", "управление благоустройства",
    "отдел закупок", "муниципальный служащий", "юрист администрации",
    "региональное министерство", "совет муниципальных образований", "школа",
    "дом культуры", "молодёжный совет", "управляющая организация",
]
VERBS = [
    "готовит", "согласует", "утверждает", "направляет", "обсуждает", "проверяет",
    "получает", "распределяет", "оформляет", "публикует", "рассматривает",
    "финансирует", "поддерживает", "планирует", "организует", "обновляет",
    "собирает", "представляет", "включает", "контролирует",
]
OBJECTS = [
    "заявку на субсидию", "смету проекта", "муниципальную программу", "проект решения",
    "отчёт об использовании средств", "план благоустройства", "техническое задание",
    "документы для конкурсного отбора", "протокол собрания жителей",
    "соглашение о софинансировании", "реестр муниципального имущества",
    "перечень вопросов местного значения", "график ремонта дорог",
    "порядок инициативного бюджетирования", "устав муниципального образования",
    "муниципальный контракт", "паспорт проекта", "план мероприятий",
    "заключение о соответствии", "сведения о численности населения",
]
TAILS = [
    "до начала отбора", "в установленный срок", "вместе с жителями",
    "по итогам публичных слушаний", "на официальном сайте", "в течение месяца",
    "за счёт местного бюджета", "при поддержке региона", "с учётом замечаний",
    "по рекомендации министерства", "в двух экземплярах", "на очередной сессии",
    "в электронной форме", "через портал Госуслуг", "до конца финансового года",
    "без привлечения подрядчика", "по согласованию с прокуратурой",
    "в рамках национального проекта", "с участием депутатов", "в каждом населённом пункте",
]
OPENERS = [
    "Как правило", "На практике", "По опыту муниципалитетов", "Обычно",
    "В большинстве регионов", "По закону", "Если средств не хватает",
    "На первом этапе", "После отбора", "В сельских поселениях",
]
ADJECTIVES = [
    "муниципальный", "сельский", "городской", "региональный", "общественный",
    "комфортный", "инициативный", "цифровой", "молодёжный", "культурный",
]
NOUNS = [
    "благоустройство", "бюджет", "поселение", "округ", "сквер", "дорога",
    "водопровод", "клуб", "стадион", "парк", "двор", "библиотека", "школа",
    "остановка", "освещение", "контейнерная площадка", "набережная", "мост",
]
GENITIVES = [
    "дворовых территорий", "сельских поселений", "малых городов", "местных дорог",
    "общественных пространств", "муниципальных служащих", "инициативных проектов",
    "систем водоснабжения", "домов культуры", "спортивных площадок",
    "территориального общественного самоуправления", "муниципальных закупок",
    "местного бюджета", "объектов культурного наследия", "детских площадок",
]
PROGRAMS = [
    "Грант на развитие", "Субсидия на ремонт", "Конкурс проектов", "Программа поддержки",
    "Заём на модернизацию", "Премия за развитие", "Отбор проектов",
    "Консультации по подготовке", "Обучение для команд",
]
QUESTIONS = [
    "Можно ли использовать субсидию на", "Кто отвечает за содержание",
    "Нужно ли проводить публичные слушания для", "Как оформить передачу полномочий по",
    "Какие документы нужны для", "В какой срок нужно утвердить отчёт о",
    "Вправе ли поселение финансировать", "Как учитывать софинансирование",
]
HEADINGS = {
    "measure": ["Что дают", "Кто может участвовать", "Как подать заявку",
                "На что обратить внимание"],
    "solution": ["Какую задачу решает", "С чего начать", "Что понадобится",
                 "Типичные ошибки"],
    "legal": ["О чём документ", "Что важно муниципалитетам", "Как применять",
              "Связанные документы"],
    "question": ["Короткий ответ", "Обоснование", "Что сделать"],
    "practice": ["Что было", "Что сделали", "Что получилось", "Как повторить"],
    "course": ["Чему научат", "Как проходит обучение", "Как записаться"],
    "problem": ["В чём проблема", "Кого касается", "Что уже сделано"],
}
MUNICIPALITIES = [
    "Городской округ город Выкса", "Сельское поселение Никольское",
    "Муниципальный округ Верхний Уфалей", "Городское поселение Мышкин",
    "Сельское поселение Кукмор", "Муниципальный район Суздальский",
    "Городской округ Тобольск", "Сельское поселение Малое Карлино",
    "Муниципальный округ Кириллов", "Городской округ Торжок",
]
AUDIENCES = [
    "главы сельских поселений", "депутаты представительных органов",
    "муниципальные служащие", "руководители финансовых органов",
    "специалисты по закупкам", "активисты ТОС", "юристы администраций",
]
INDICATORS = [
    ("Благоустроенные дворы", "шт."), ("Отремонтированные дороги", "км"),
    ("Участники проекта", "чел."), ("Посещаемость парка", "чел. в месяц"),
    ("Обращения жителей", "шт. в год"), ("Доля освещённых улиц", "процентов"),
]
TRANSLIT = ["razvitie", "podderzhka", "blagoustroystvo", "dorogi", "kultura",
            "selo", "gorod", "tos", "byudzhet", "zakupki", "sport", "voda",
            "molodezh", "park", "dvor", "shkola", "uslugi", "kadry"]
ID_PREFIX = {"measure": "mera", "solution": "reshenie", "legal": "akt",
             "question": "vopros", "practice": "praktika", "course": "kurs",
             "problem": "problema"}
LEGAL_KINDS = ["federal-law", "federal-law", "government-resolution", "ministry-order",
               "regional-law", "letter", "code", "presidential-decree"]
LEGAL_NAMES = {"federal-law": "Федеральный закон", "government-resolution":
               "Постановление Правительства РФ", "ministry-order": "Приказ министерства",
               "regional-law": "Закон субъекта РФ", "letter": "Письмо ведомства",
               "code": "Кодекс", "presidential-decree": "Указ Президента РФ"}


class Writer:
    """Builds one catalogue: text, ids and front matter from one random stream."""

    def __init__(self, seed: int, refs: dict[str, list[str]]) -> None:
        self.rng = random.Random(seed)
        self.refs = refs
        self.ids: dict[str, list[str]] = {}
        self.repealed: set[str] = set()
        self.in_force: list[str] = []            # legal documents a measure may cite
        self.legal_index: dict[str, int] = {}

    # text ------------------------------------------------------------------

    def sentence(self, simple: bool = False) -> str:
        """One sentence, at most 250 characters (simple: at most 120)."""
        r = self.rng
        opener = r.choice(OPENERS) + ", " if not simple and r.random() < 0.3 else ""
        words = f"{opener}{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)}"
        if not simple and r.random() < 0.7:
            words += " " + r.choice(TAILS)
        if not simple and r.random() < 0.3:
            words += f", а {r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)}"
        return words[0].upper() + words[1:] + "."

    def sentences(self, count: int, limit: int = 10_000) -> str:
        """Up to ``count`` sentences, never longer than ``limit`` characters."""
        text = self.sentence(simple=True)
        for _ in range(count - 1):
            more = self.sentence()
            if len(text) + 1 + len(more) > limit:
                break
            text += " " + more
        return text

    def phrase(self) -> str:
        r = self.rng
        return f"{r.choice(ADJECTIVES)} {r.choice(NOUNS)} {r.choice(GENITIVES)}"

    def summary(self) -> str:
        return self.sentences(self.rng.randint(1, 2), limit=400)

    def body(self, kind: str, own: str) -> str:
        r = self.rng
        words = 0
        target = r.randint(150, 250)
        parts: list[str] = []
        headings = HEADINGS[kind]
        for index, heading in enumerate(headings):
            parts.append(f"## {heading}\n")
            last = index == len(headings) - 1
            # each section gets its share of the remaining words
            share = (target - words) if last else (target - words) // (len(headings) - index)
            lines: list[str] = []
            while share > 0 or not lines:   # never a heading over nothing (empty-section)
                text = self.sentence()
                if r.random() < 0.25:
                    ref = self.any_ref(own)
                    if ref:
                        text += f" Подробнее: [[{ref}]]."
                if r.random() < 0.05:
                    ref = self.any_ref(own)
                    if ref:
                        text += f" См. [[{ref}|материал по теме]]."
                count = len(text.split())
                share -= count
                words += count
                lines.append(text)
            if r.random() < 0.3:
                items = [f"- {self.phrase()};" for _ in range(r.randint(2, 4))]
                items[-1] = items[-1][:-1] + "."
                words += sum(len(i.split()) - 1 for i in items)
                parts.append(" ".join(lines) + "\n\n" + "\n".join(items) + "\n")
            else:
                parts.append(" ".join(lines) + "\n")
        if r.random() < 0.2:
            parts.append("Официальная информация — на [сайте ведомства]"
                         "(https://www.economy.gov.ru/).\n")
        return "\n".join(parts)

    def any_ref(self, own: str) -> str | None:
        kind = self.rng.choice(list(self.ids))
        pool = self.ids[kind]
        if not pool:
            return None
        ident = self.rng.choice(pool)
        return None if ident == own else ident

    # values -----------------------------------------------------------------

    def date(self, low: int, high: int) -> dt.date:
        return TODAY + dt.timedelta(days=self.rng.randint(low, high))

    def some(self, pool: list[str], low: int, high: int, exclude: str = "") -> list[str]:
        choices = [p for p in pool if p != exclude] if exclude else pool
        count = min(len(choices), self.rng.randint(low, high))
        return self.rng.sample(choices, count) if count else []

    def common(self, title: str, kind: str) -> list[str]:
        r = self.rng
        # titles are unique within a type, as the validator wants (duplicate-entry)
        seen = self.__dict__.setdefault("titles", {})
        count = seen.get((kind, title), 0) + 1
        seen[(kind, title)] = count
        if count > 1:
            title = f"{title}, выпуск {count}"
        topics = self.some(self.refs["topic"], 1, 3)
        return [
            f"title: {title}",
            f"summary: {self.summary()}",
            "topics: [" + ", ".join(topics) + "]",
            f"source: https://{r.choice(['minfin.gov.ru', 'www.economy.gov.ru', 'fpg.ru', 'pravo.gov.ru', 'minstroyrf.gov.ru'])}/docs/{r.randint(1000, 99999)}",
            f"last_reviewed: {self.date(-330, 0).isoformat()}",
        ]

    # types ------------------------------------------------------------------

    def measure(self, ident: str) -> list[str]:
        r = self.rng
        out = self.common(f"{r.choice(PROGRAMS)} {r.choice(GENITIVES)}", "measure")
        out += [
            f"kind: {r.choice(['grant', 'subsidy', 'competition', 'loan', 'consulting', 'award', 'program'])}",
            f"level: {r.choice(['federal', 'regional', 'regional', 'association', 'nongovernmental'])}",
            f"provider: {r.choice(self.refs['organisation'])}",
        ]
        if r.random() < 0.4:
            out.append("regions: all")
        else:
            out.append("regions: [" + ", ".join(self.some(self.refs["region"], 1, 4)) + "]")
        out.append("recipients:")
        out.append("  municipality_types: [" + ", ".join(
            self.some(self.refs["municipality_type"], 1, 4)) + "]")
        if r.random() < 0.4:
            out.append("  other: [tos, nko]")
        if r.random() < 0.5:
            low = r.randint(1, 50) * 100_000
            out += ["funding:", f"  min: {low}", f"  max: {low * r.randint(2, 20)}",
                    "  currency: RUB", f"  cofinancing: {r.choice([0, 1, 5, 10, 30])}"]
        choice = r.random()
        out.append("schedule:")
        if choice < 0.6:
            out.append("  windows:")
            for _ in range(r.randint(1, 3)):
                opens = self.date(-300, 200)
                closes = opens + dt.timedelta(days=r.randint(14, 90))
                out += [f"    - opens: {opens.isoformat()}", f"      closes: {closes.isoformat()}"]
                if r.random() < 0.3:
                    out.append(f"      note: {r.choice(['первый отбор', 'второй отбор', 'для ТОС'])}")
        elif choice < 0.85:
            months = sorted(self.rng.sample(range(1, 13), r.randint(1, 3)))
            out += ["  annual:", "    months: [" + ", ".join(map(str, months)) + "]"]
        else:
            out.append("  rolling: true")
        basis = self.some(self.in_force, 0, 3)
        if basis:
            out.append("legal_basis: [" + ", ".join(basis) + "]")
        out.append(f"apply_url: https://grants.example.ru/apply/{ident}")
        return out

    def solution(self, ident: str) -> list[str]:
        r = self.rng
        out = self.common(f"Как организовать {self.phrase()}", "solution")
        out.append(f"problem: {self.sentences(2, limit=600)}")
        out.append("steps:")
        for _ in range(r.randint(2, 5)):
            out.append(f"  - title: {self.sentence(simple=True)}")
            if r.random() < 0.6:
                out.append(f"    details: {self.sentences(r.randint(1, 3), limit=1200)}")
            measures = self.some(self.ids["measure"], 0, 2)
            if measures:
                out.append("    measures: [" + ", ".join(measures) + "]")
            legal = self.some(self.ids["legal"], 0, 2)
            if legal:
                out.append("    legal: [" + ", ".join(legal) + "]")
        practices = self.some(self.ids["practice"], 0, 3)
        if practices:
            out.append("practices: [" + ", ".join(practices) + "]")
        return out

    def legal(self, ident: str) -> list[str]:
        r = self.rng
        kind = r.choice(LEGAL_KINDS)
        number = f"{r.randint(1, 600)}-ФЗ" if kind == "federal-law" else str(r.randint(1, 2000))
        out = self.common(f"{LEGAL_NAMES[kind]} № {number} «О {self.phrase()}»", "legal")
        # older documents first, so that what amends or repeals a document is newer
        index = self.legal_index[ident]
        step = 6900 // max(1, len(self.ids["legal"]))
        adopted = self.date(-7000 + index * step, -7000 + index * step + step)
        out += [f"kind: {kind}", f"number: \"{number}\"",
                f"adopted: {adopted.isoformat()}",
                f"issuer: {r.choice(self.refs['organisation'])}"]
        # Legal documents are generated oldest first by index: relations only point
        # to earlier documents, and repealed_by only to a later one, so no cycles.
        earlier = self.ids["legal"][max(0, index - 50):index]
        later = self.ids["legal"][index + 1:index + 21]
        status = "in-force"
        repealed_by = ""
        if ident in self.repealed and later:
            status, repealed_by = "repealed", r.choice(later)
        elif r.random() < 0.1:
            status = "partly-in-force"
        out.append(f"status: {status}")
        out.append(f"in_force_from: {(adopted + dt.timedelta(days=r.randint(0, 180))).isoformat()}")
        relation = []
        amends = self.some(earlier, 0, 2)
        if amends and r.random() < 0.4:
            relation.append("  amends: [" + ", ".join(amends) + "]")
        if repealed_by:
            relation.append(f"  repealed_by: {repealed_by}")
        if relation:
            out += ["relations:", *relation]
        out.append("publication_url: https://publication.pravo.gov.ru/document/"
                   f"{r.randint(10**12, 10**13)}")
        return out

    def question(self, ident: str) -> list[str]:
        r = self.rng
        out = self.common(f"{r.choice(QUESTIONS)} {r.choice(GENITIVES)}?", "question")
        legal = self.some(self.ids["legal"], 1, 3)
        out += ["legal: [" + ", ".join(legal) + "]",
                f"answered_by: {r.choice(self.refs['organisation'])}",
                f"date: {self.date(-900, -1).isoformat()}"]
        return out

    def practice(self, ident: str) -> list[str]:
        r = self.rng
        out = self.common(f"{r.choice(ADJECTIVES).capitalize()} {r.choice(NOUNS)} — опыт "
                          f"{r.choice(GENITIVES)}", "practice")
        start = r.randint(2012, 2025)
        out += [f"municipality: {r.choice(MUNICIPALITIES)}",
                f"region: {r.choice(self.refs['region'])}",
                f"municipality_type: {r.choice(self.refs['municipality_type'])}",
                f"population: {r.randint(300, 400_000)}",
                "years:", f"  start: {start}"]
        if r.random() < 0.7:
            out.append(f"  end: {r.randint(start, 2026)}")
        total = r.randint(5, 500) * 100_000
        out += ["budget:", f"  total: {total}", "  sources:"]
        for measure in self.some(self.ids["measure"], 0, 2):
            out += [f"    - measure: {measure}", f"      amount: {total // 3}"]
        out += ["    - note: местный бюджет", f"      amount: {total // 4}"]
        out.append("results:")
        for indicator, unit in r.sample(INDICATORS, r.randint(1, 3)):
            before = r.randint(0, 100)
            out += [f"  - indicator: {indicator}", f"    before: {before}",
                    f"    after: {before + r.randint(1, 200)}", f"    unit: {unit}"]
        out.append(f"contact: {r.choice(self.refs['organisation'])}")
        if r.random() < 0.2:
            out += ["awards:", f"  - Лауреат конкурса «Лучшая практика» ({r.randint(2018, 2026)})"]
        return out

    def course(self, ident: str) -> list[str]:
        r = self.rng
        out = self.common(f"Курс «{r.choice(ADJECTIVES).capitalize()} "
                          f"{r.choice(NOUNS)} — управление и финансы»", "course")
        out += [f"provider: {r.choice(self.refs['organisation'])}",
                f"format: {r.choice(['online', 'in-person', 'blended'])}",
                f"hours: {r.choice([16, 24, 36, 72, 144, 250])}",
                f"cost: {r.choice(['free', '15000', '42000'])}",
                f"certificate: {r.choice(['none', 'certificate', 'qualification-upgrade'])}",
                "audience:", *[f"  - {a}" for a in r.sample(AUDIENCES, r.randint(1, 3))]]
        if r.random() < 0.3:
            out.append("on_demand: true")
        else:
            out.append("sessions:")
            for _ in range(r.randint(1, 3)):
                starts = self.date(-200, 200)
                ends = starts + dt.timedelta(days=r.randint(5, 60))
                enrol = starts - dt.timedelta(days=r.randint(1, 20))
                out += [f"  - starts: {starts.isoformat()}", f"    ends: {ends.isoformat()}",
                        f"    enrol_by: {enrol.isoformat()}"]
        out.append(f"enrol_url: https://edu.example.ru/{ident}")
        return out

    def problem(self, ident: str) -> list[str]:
        r = self.rng
        status = r.choice(["collected", "under-review", "solution-proposed", "resolved"])
        out = self.common(f"Нехватка средств на {r.choice(NOUNS)} {r.choice(GENITIVES)}",
                          "problem")
        since = self.date(-900, -100)
        out += ["regions: [" + ", ".join(self.some(self.refs["region"], 1, 5)) + "]",
                "reported:"]
        for n in range(r.randint(1, 4)):
            day = since + dt.timedelta(days=30 * n)
            out += [f"  - by: Совет муниципальных образований {n + 1}",
                    f"    date: {day.isoformat()}",
                    f"    url: https://okmo.example.ru/{ident}/{n + 1}"]
        out += [f"status: {status}", "history:",
                f"  - date: {since.isoformat()}", "    status: collected"]
        if status != "collected":
            out += [f"  - date: {(since + dt.timedelta(days=r.randint(1, 90))).isoformat()}",
                    f"    status: {status}", f"    note: {self.sentence(simple=True)}"]
        related = []
        for key, kind in (("solutions", "solution"), ("legal", "legal"), ("measures", "measure")):
            chosen = self.some(self.ids[kind], 0, 2)
            if chosen:
                related.append(f"  {key}: [" + ", ".join(chosen) + "]")
        if related:
            out += ["related:", *related]
        if status in ("resolved", "solution-proposed"):
            out.append(f"resolution: {self.sentences(2, limit=1000)}")
        return out


def _reference_ids() -> dict[str, list[str]]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    files = {"region": "regions.yml", "topic": "topics.yml",
             "municipality_type": "municipality_types.yml",
             "organisation": "organisations.yml"}
    return {name: [str(item["id"]) for item in yaml.load((REFERENCE / file).read_text("utf-8"),
                                                           Loader=loader)]
            for name, file in files.items()}


def _counts(entries: int) -> dict[str, int]:
    """Entries per type, at least one of each when there is room for it."""
    total = sum(w for _, _, w in PROPORTIONS)
    counts = {kind: entries * w // total for kind, _, w in PROPORTIONS}
    # hand the remainder out largest share first; then make sure every type has one
    for kind, _, _ in PROPORTIONS:
        if sum(counts.values()) >= entries:
            break
        counts[kind] += 1
    for kind, _, _ in PROPORTIONS:
        if counts[kind] == 0 and entries >= len(PROPORTIONS):
            donor = max(counts, key=counts.get)  # type: ignore[arg-type]
            counts[donor] -= 1
            counts[kind] += 1
    return counts


def generate(out_dir: Path, entries: int, seed: int = 1) -> Path:
    """Write out_dir/content/ with ``entries`` entries; return the content folder."""
    out_dir = Path(out_dir).resolve()
    content = out_dir / "content"
    if content.resolve() == (ROOT / "content").resolve():
        raise ValueError("synth.py never writes into the real content/")
    if content.exists():
        if not (out_dir / MARKER).exists():
            raise ValueError(f"{content} exists and was not made by synth.py")
        shutil.rmtree(content)
    content.mkdir(parents=True)
    (out_dir / MARKER).write_text("generated by scripts/synth.py\n", encoding="utf-8")

    shutil.copytree(REFERENCE, content / "reference",
                    ignore=shutil.ignore_patterns("*.md", ".*"))
    writer = Writer(seed, _reference_ids())
    counts = _counts(entries)
    folders = {kind: folder for kind, folder, _ in PROPORTIONS}
    r = writer.rng
    for kind, _, _ in PROPORTIONS:
        words = TRANSLIT
        writer.ids[kind] = [f"{ID_PREFIX[kind]}-{r.choice(words)}-{i + 1}"
                            for i in range(counts[kind])]
    # every fifth document (except the newest ones) has been repealed by a later one
    legal = writer.ids["legal"]
    writer.repealed = {ident for i, ident in enumerate(legal[:-5]) if i % 5 == 4}
    writer.in_force = [ident for ident in legal if ident not in writer.repealed]
    writer.legal_index = {ident: i for i, ident in enumerate(legal)}

    for kind, _, _ in PROPORTIONS:
        folder = content / folders[kind]
        folder.mkdir()
        make = getattr(writer, kind)
        for ident in writer.ids[kind]:
            front = make(ident)
            text = "---\n" + "\n".join(front) + "\n---\n\n" + writer.body(kind, ident)
            (folder / f"{ident}.md").write_text(text, encoding="utf-8")
    return content


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Синтетический каталог для тестов и замеров")
    parser.add_argument("--entries", type=int, required=True, help="сколько материалов")
    parser.add_argument("--out", required=True, help="папка, в которой создать content/")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    try:
        content = generate(Path(args.out), args.entries, args.seed)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(f"{content}: {args.entries} материалов")
    return 0


if __name__ == "__main__":
    sys.exit(main())
