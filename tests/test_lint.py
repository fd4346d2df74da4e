"""What validated silently before issue 17 (hooks/catalogue/lint.py): each example is a
file with the mistake, and the test asserts the code, the severity, the exact line and
column and the exact Russian message; then the corrected file has no such problem.
Renaming (old ids in references, scripts/rename.py) is in test_rename.py.
"""
from __future__ import annotations

from typing import Callable

import pytest

from catalogue.problems import CODES, FIX_EXAMPLES
from catalogue_kit import (MEASURE, PRACTICE, REAL_REFERENCE, SOLUTION, Content, line_of,
                           replace_line)

M = "measures/grant-a.md"
ORGANISATIONS = (REAL_REFERENCE / "organisations.yml").read_text("utf-8")
BODY = MEASURE + "\n{}\n"
BODY_LINE = MEASURE.count("\n") + 2          # the line of {} in BODY
KONKURS = MEASURE.replace("Грант на развитие", "Конкурс для").replace(
    "До трёх миллионов рублей", "До трёх миллионов рублей на конкурсной основе")


def only(cat: Content, code: str, rel: str) -> list[str]:
    return [f"{p.line}:{p.col} {p.severity} {p.field}: {p.message}"
            for p in cat.problems(code, rel)]


def body(text: str) -> str:
    return BODY.format(text)


EXAMPLES = [
    # a heading with nothing under it, at the end and before a heading of its level
    ("empty-end", "empty-section", {M: body("## Документы")}, M,
     f"{BODY_LINE}:1 error body: под заголовком «Документы» ничего нет: напишите текст "
     f"раздела или удалите заголовок",
     {M: body("## Документы\n\nЗаявка и смета проекта.")}),
    ("empty-before", "empty-section", {M: body("## Сроки\n\n## Документы\n\nЗаявка.")}, M,
     f"{BODY_LINE}:1 error body: под заголовком «Сроки» ничего нет: напишите текст "
     f"раздела или удалите заголовок",
     {M: body("## Сроки\n\nДо 1 марта.\n\n## Документы\n\nЗаявка.")}),
    # a subsection under a heading is content; a heading in a code block is not a heading
    ("site-path", "body-path-link", {M: body("См. [закон](/legal/law-new/).")}, M,
     f"{BODY_LINE}:5 error body: ссылка «/legal/law-new/» на материал записана адресом: "
     f"на сайте с другим корнем она не откроется; пишите [[law-new|закон]]",
     {M: body("См. [[law-new|закон]].")}),
    ("relative-md", "body-path-link", {M: body("См. [../legal/law-new.md](../legal/law-new.md).")}, M,
     f"{BODY_LINE}:5 error body: ссылка «../legal/law-new.md» на материал записана адресом: "
     f"на сайте с другим корнем она не откроется; пишите [[law-new|../legal/law-new.md]]",
     {M: body("См. [[law-new]].")}),
    ("relative-title", "body-path-link",
     {M: body("[Федеральный закон № 33-ФЗ «Об общих принципах организации местного "
              "самоуправления в единой системе публичной власти»](../legal/law-new/)")}, M,
     f"{BODY_LINE}:1 error body: ссылка «../legal/law-new/» на материал записана адресом: "
     f"на сайте с другим корнем она не откроется; пишите [[law-new]]",
     {M: body("[[law-new]]")}),
    ("single-bracket", "body-single-bracket", {M: body("Основание: [law-new].")}, M,
     f"{BODY_LINE}:12 error body: «[law-new]» в одинарных скобках останется на странице "
     f"текстом; ссылка на материал «Федеральный закон № 33-ФЗ «Об общих принципах "
     f"организации местного самоуправления в единой системе публичной власти»» пишется "
     f"в двойных: [[law-new]]",
     {M: body("Основание: [[law-new]], а [пункт 3] — это не id.")}),
    # a link to a section the page does not have leads nowhere (mkdocs build --strict
    # lets it through: anchors are only validated at «info»)
    ("anchor-near", "body-anchor", {M: body("Срок — [ниже](#как-подать).")}, M,
     f"{BODY_LINE}:8 error body: ссылка «#как-подать» ведёт на раздел, которого на странице "
     f"нет; пишите [ниже](#как-подать-заявку) — раздел «Как подать заявку»",
     {M: body("Срок — [ниже](#как-подать-заявку).")}),
    ("anchor-latin", "body-anchor", {M: body("См. [ниже](#kak-podat-zaiavku).")}, M,
     f"{BODY_LINE}:5 error body: ссылка «#kak-podat-zaiavku» ведёт на раздел, которого на "
     f"странице нет; разделы этой страницы: #что-дают («Что дают»), #как-подать-заявку "
     f"(«Как подать заявку»)",
     {M: body("См. [ниже](#%D0%BA%D0%B0%D0%BA-%D0%BF%D0%BE%D0%B4%D0%B0%D1%82%D1%8C-"
              "%D0%B7%D0%B0%D1%8F%D0%B2%D0%BA%D1%83).")}),
    ("url-space-body", "url-invalid",
     {M: body("[Порядок](https://minfin.gov.ru/ru/grants/порядок отбора.pdf)")}, M,
     f"{BODY_LINE}:1 error body: в адресе «https://minfin.gov.ru/ru/grants/порядок "
     f"отбора.pdf» пробел: адрес не может его содержать; уберите пробелы (пробел внутри "
     f"адреса пишется %20)",
     {M: body("[Порядок](https://minfin.gov.ru/ru/grants/порядок%20отбора.pdf)")}),
    ("url-space-field", "url-invalid",
     {M: replace_line(MEASURE, "apply_url:", "apply_url: https://minfin.gov.ru/ru/grants apply")},
     M, f"{line_of(MEASURE, 'apply_url:')}:1 error apply_url: в адресе «https://minfin.gov.ru/"
        f"ru/grants apply» пробел: адрес не может его содержать; уберите пробелы (пробел "
        f"внутри адреса пишется %20)",
     {M: MEASURE}),
    ("url-quote-field", "url-invalid",
     {M: replace_line(MEASURE, "apply_url:", "apply_url: 'https://minfin.gov.ru/\"grants\"'")},
     M, f"{line_of(MEASURE, 'apply_url:')}:1 error apply_url: в адресе "
        f"«https://minfin.gov.ru/\"grants\"» кавычка «\"»: адрес не может его содержать; "
        f"скопируйте адрес из строки браузера заново",
     {M: MEASURE}),
    ("url-space-reference", "url-invalid",
     {"reference/organisations.yml": ORGANISATIONS.replace(
         "  website: https://minfin.gov.ru", "  website: https://minfin.gov.ru/ru/о министерстве")},
     "reference/organisations.yml",
     f"{line_of(ORGANISATIONS, '  website: https://minfin.gov.ru')}:3 error website: в адресе "
     f"«https://minfin.gov.ru/ru/о министерстве» пробел: адрес не может его содержать; "
     f"уберите пробелы (пробел внутри адреса пишется %20)",
     {"reference/organisations.yml": ORGANISATIONS}),
    ("reviewed-future", "reviewed-future",
     {M: replace_line(MEASURE, "last_reviewed:", "last_reviewed: 2026-11-24")}, M,
     f"{line_of(MEASURE, 'last_reviewed:')}:1 warning last_reviewed: дата проверки 2026-11-24 "
     f"ещё не наступила (сегодня 2026-11-23): укажите день, когда вы сверили материал "
     f"с источником",
     {M: replace_line(MEASURE, "last_reviewed:", "last_reviewed: 2026-11-23")}),
    ("source-home", "source-home",
     {M: replace_line(MEASURE, "source:", "source: https://minfin.gov.ru/")}, M,
     f"{line_of(MEASURE, 'source:')}:1 warning source: «https://minfin.gov.ru/» — главная "
     f"страница сайта; укажите страницу, где сказано об этом (документ, новость, раздел "
     f"программы)",
     {M: replace_line(MEASURE, "source:", "source: https://minfin.gov.ru/ru/grants")}),
    ("source-home-bare", "source-home",
     {M: replace_line(MEASURE, "source:", "source: https://minfin.gov.ru")}, M,
     f"{line_of(MEASURE, 'source:')}:1 warning source: «https://minfin.gov.ru» — главная "
     f"страница сайта; укажите страницу, где сказано об этом (документ, новость, раздел "
     f"программы)",
     {M: replace_line(MEASURE, "source:", "source: https://minfin.gov.ru/?id=4")}),
    ("misplaced-root", "misplaced-entry",
     {"konkurs.md": KONKURS}, "konkurs.md",
     "1:1 error : «konkurs.md» похож на материал типа «Мера поддержки», но лежит не в его "
     "папке и станет страницей без карточки: переместите в content/measures/konkurs.md",
     {"konkurs.md": None, "measures/konkurs.md": KONKURS}),
    ("misplaced-folder", "misplaced-entry",
     {"measure/konkurs.md": PRACTICE.replace("Благоустройство", "Освещение")},
     "measure/konkurs.md",
     "1:1 error : «measure/konkurs.md» похож на материал типа «Муниципальная практика», "
     "но лежит не в его папке и станет страницей без карточки: переместите в "
     "content/practices/konkurs.md",
     {"measure/konkurs.md": None}),
    ("wrong-type-folder", "misplaced-entry",
     {"legal/konkurs.md": MEASURE.replace("Грант на развитие", "Конкурс для")},
     "legal/konkurs.md",
     "1:1 error : поля (apply_url, funding, legal_basis, level, provider, recipients, "
     "regions, schedule) — поля типа «Мера поддержки», а файл лежит в content/legal/: "
     "переместите в content/measures/konkurs.md",
     {"legal/konkurs.md": None}),
    ("copy", "duplicate-entry", {"measures/grant-b.md": MEASURE}, "measures/grant-b.md",
     "1:1 error : материал повторяет content/measures/grant-a.md слово в слово: удалите "
     "копию (чтобы сменить id, используйте scripts/rename.py)",
     {"measures/grant-b.md": None}),
    ("same-title", "duplicate-entry",
     {"measures/grant-b.md": MEASURE.replace("\n## Что дают", "\n## Кому дают")},
     "measures/grant-b.md",
     "2:1 warning title: такое же название у content/measures/grant-a.md: если это тот же "
     "материал, удалите копию; если другой — уточните название",
     {"measures/grant-b.md": MEASURE.replace("Грант на развитие сельских поселений",
                                             "Грант на развитие городских поселений")
                                    .replace("\n## Что дают", "\n## Кому дают")}),
    ("same-body", "duplicate-entry",
     {"solutions/solution-b.md": SOLUTION.replace("Как создать ТОС",
                                                  "Как создать ТОС в посёлке")},
     "solutions/solution-b.md",
     f"{line_of(SOLUTION, '## С чего')}:1 warning body: текст совпадает с content/solutions/"
     f"solution-a.md: напишите текст об этом материале или удалите копию",
     {"solutions/solution-b.md": SOLUTION.replace("Как создать ТОС",
                                                  "Как создать ТОС в посёлке")
                                         .replace("С собрания жителей",
                                                  "С собрания жителей посёлка")}),
]


@pytest.mark.parametrize("name,code,bad,rel,expected,good", EXAMPLES,
                         ids=[e[0] for e in EXAMPLES])
def test_example(make_content: Callable[..., Content], name: str, code: str,
                 bad: dict[str, str], rel: str, expected: str,
                 good: dict[str, str | None]) -> None:
    cat = make_content(bad)
    assert only(cat, code, rel) == [expected]
    for path, text in good.items():
        if text is None:
            cat.remove(path)
        else:
            cat.write(path, text)
    assert only(cat, code, rel) == []
    if "error" in expected.split(":", 2)[1]:
        assert [str(p) for p in cat.validate().errors] == []


def test_misplaced_entry_is_not_a_page(make_content: Callable[..., Content]) -> None:
    cat = make_content({"konkurs.md": MEASURE.replace("Грант на развитие", "Конкурс для")})
    result = cat.validate()
    assert "konkurs.md" not in result.catalogue.pages
    assert [p.code for p in result.problems if p.path == "content/konkurs.md"] == \
        ["misplaced-entry"]


def test_pages_with_front_matter_stay_pages(make_content: Callable[..., Content]) -> None:
    cat = make_content({"about.md": "---\ntitle: О проекте\nhide: [toc]\n---\n\nТекст.\n"})
    result = cat.validate()
    assert "about.md" in result.catalogue.pages
    assert [str(p) for p in result.problems if p.path == "content/about.md"] == []


@pytest.mark.parametrize("text", [
    "## Сроки\n\n### Подача\n\nДо 1 марта.",           # a subsection is content
    "## Пример\n\n```\n## не заголовок\n```",           # code is content
    "## Сроки\n\n- до 1 марта",
    "[[law-new]] и [law-new](https://example.org/x) и [текст][law-new]\n\n"
    "[law-new]: https://example.org/y",                  # reference-style links stay
    "`[law-new]` и [неизвестно] и ![law-new](../images/x.png)",
    "[адрес](<https://example.org/a b>)",                # CommonMark's <…> allows spaces
    '[адрес](https://example.org/a "заголовок ссылки")',
    "## Сроки\n\nА.\n\n## Сроки\n\nБ. [второй](#сроки_1), [первый](#сроки), [верх](#)",
    "## Ёлка и «Дом» 2025!\n\nА. [сюда](#ёлка-и-дом-2025)",
    "## Про [[law-new]]\n\nА. [сюда](#про-что-угодно)",   # rendered title unknown: no check
])
def test_not_a_mistake(make_content: Callable[..., Content], text: str) -> None:
    cat = make_content({M: body(text), "images/x.png": b"\x89PNG\r\n\x1a\n"})
    codes = {"empty-section", "body-path-link", "body-single-bracket", "url-invalid",
             "body-anchor"}
    assert [str(p) for p in cat.problems(rel=M) if p.code in codes] == []


def test_every_new_code_has_a_guide_example() -> None:
    new = list(CODES)[list(CODES).index("empty-section"):]
    assert set(new) <= set(FIX_EXAMPLES), set(new) - set(FIX_EXAMPLES)
    for code in new:
        wrong, right = FIX_EXAMPLES[code]
        assert wrong != right and any("а" <= ch <= "я" for ch in CODES[code].lower())


def test_heading_anchor_is_the_sites_slug() -> None:
    """lint's own slug rule makes the anchor mkdocs.yml's toc makes (pymdownx.slugs)."""
    from pymdownx.slugs import slugify
    from catalogue.lint import _slug
    site = slugify(case="lower")
    for title in ["Что даёт", "Ёлка и «Дом» 2025!", "Закон № 131-ФЗ: статья 17.1",
                  "  Пробелы  по краям ", "ТОС — это что?", "Café e\u0301 и й"]:
        assert _slug(title) == site(title, "-"), title
