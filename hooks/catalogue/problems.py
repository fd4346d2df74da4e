"""Located problems: what the loader and the checks report to editors.

Codes are stable (the editor guide documents each one); messages are Russian.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

from .model import Pos

Severity = Literal["error", "warning"]

# Every code the engine can report, with what an editor should do about it.
# The editor guide is generated from this table.
CODES: dict[str, str] = {
    "encoding": "Файл не в кодировке UTF-8 или с неподдерживаемыми переводами строк. "
                "Сохраните его как UTF-8 (LF или CRLF).",
    "no-front-matter": "В начале файла нет блока свойств между строками «---». "
                       "Скопируйте заготовку из scripts/new.py.",
    "yaml-syntax": "Ошибка разметки YAML: проверьте отступы, двоеточия и кавычки в указанной строке.",
    "duplicate-key": "Поле указано дважды. Оставьте одно.",
    # --- what YAML does to values, and how people write values (issue 17) ---
    "yaml-comment": "Знак « #» без кавычек начинает комментарий: всё после него пропадает "
                    "из значения. Возьмите значение в кавычки: "
                    "title: \"Акция #МыВместе\".",
    "quote-value": "YAML прочитал значение не как текст (число, true/false или пусто): "
                   "возьмите его в кавычки, например publication_number: "
                   "\"0001202407310017\", title: \"true\".",
    "invisible-char": "В имени поля, id или ссылке невидимый знак (неразрывный пробел, "
                      "пробел нулевой ширины) или буква другой раскладки (русская «с» в "
                      "слове source). Удалите знак и наберите слово заново: kind: grant.",
    "ref-name": "Вместо id написано название из справочника или каталога: пишите id, "
                "например regions: [vologda] вместо [Вологодская область].",
    "number-format": "Число записано словами, с пробелами, запятой или единицей: пишите "
                     "цифрами без пробелов и единиц, дробную часть через точку: max: 300000 "
                     "вместо «300 000» или «0,3 млн», cofinancing: 10 вместо «10 %», "
                     "«10 процентов» или «0,1».",
    "list-format": "Здесь нужен список: пишите в квадратных скобках через запятую, "
                   "topics: [tos, local-budget], или по строке на элемент с «- » в начале "
                   "(после дефиса пробел: «- tos», а не «-tos»).",
    "not-a-mapping": "Блок свойств должен состоять из строк «поле: значение».",
    "unknown-file": "Файл лежит не там, где его ждут: переместите его в папку своего типа "
                    "или удалите.",
    "unknown-field": "Такого поля нет у этого типа материала. Проверьте написание.",
    "placeholder": "В файле осталась заготовка «ЗАПОЛНИТЕ» из scripts/new.py: замените её "
                   "настоящим значением, а необязательное поле удалите.",
    "required": "Обязательное поле не заполнено.",
    "type": "Значение не того вида: например, текст вместо числа или одно значение вместо списка.",
    "enum": "Значение не из списка допустимых.",
    "too-short": "Текст или список короче допустимого.",
    "too-long": "Текст или список длиннее допустимого.",
    "range": "Число вне допустимых пределов.",
    "pattern": "Значение не соответствует формату.",
    "date": "Дата записана неверно или не существует. Формат: ГГГГ-ММ-ДД.",
    "date-order": "Даты идут в неправильном порядке.",
    "population-year-alone": "Указан год численности населения, а самой численности нет.",
    "one-of": "Нужно выбрать ровно один из вариантов.",
    "duplicate-item": "Значение в списке повторяется.",
    "id-pattern": "Имя файла (id) — только строчные латинские буквы, цифры и дефисы.",
    "id-duplicate": "Такой id уже есть у другого материала: id уникален во всём каталоге.",
    "ref-missing": "Ссылка на материал или элемент справочника, которого нет.",
    "ref-type": "Ссылка ведёт на материал другого типа.",
    "ref-self": "Материал ссылается сам на себя.",
    "legal-cycle": "Связи документов образуют круг (документ изменяет сам себя через другие).",
    "url-scheme": "Ссылка должна начинаться с https://.",
    "url-insecure": "Ссылка начинается с http://: если у сайта есть https, укажите его.",
    # scripts/check_links.py (hooks/catalogue/linkcheck.py): what the sites answered
    "link-dead": "Страница по ссылке не найдена (404 или 410): найдите, где теперь эти "
                 "сведения, и замените ссылку.",
    "link-moved": "Страница переехала (постоянное перенаправление): замените ссылку новым "
                  "адресом, который назван в сообщении.",
    "link-suspicious": "Ссылка перенаправляет на главную страницу сайта: страницы со "
                       "сведениями, вероятно, больше нет — найдите новую.",
    "link-unreachable": "Сайт не ответил, оборвал соединение или ответил ошибкой: откройте "
                        "ссылку в браузере; если сайт работает, ничего делать не нужно.",
    "body-html": "В тексте нельзя использовать HTML: пишите обычной разметкой Markdown.",
    "body-link": "Ссылка в тексте ведёт в никуда или использует запрещённую схему.",
    "body-ref": "Короткая ссылка [[id]] ведёт на материал, которого нет.",
    "image-missing": "Файл изображения не найден в репозитории.",
    "image-alt": "У изображения нет описания (alt) для незрячих читателей.",
    "old-id": "Прежний id совпадает с действующим id другого материала.",
    "stale": "Материал не проверялся больше 12 месяцев: сверьте его с источником и обновите "
             "last_reviewed.",
    "measure-closed": "Все окна приёма закрылись больше года назад: добавьте новое окно "
                      "или опишите сроки как annual.",
    "repealed-basis": "Правовое основание ссылается на документ, утративший силу.",
    "unused-reference": "Элемент справочника нигде не используется.",
    # --- issue 17b: what passed silently (hooks/catalogue/lint.py) ---
    "empty-section": "Под заголовком нет текста: напишите раздел или удалите заголовок.",
    "misplaced-entry": "Материал лежит не в папке своего типа и стал бы страницей без "
                       "карточки: переместите его в папку, которую называет сообщение "
                       "(например, content/measures/).",
    "duplicate-entry": "Материал повторяет другой: целиком (ошибка), названием или текстом "
                       "(предупреждение). Удалите копию или уточните название и текст; "
                       "чтобы сменить id, используйте scripts/rename.py.",
    "body-path-link": "Ссылка на материал записана адресом сайта или путём к файлу: пишите "
                      "[[id]] или [[id|текст]].",
    "body-single-bracket": "id материала в одинарных скобках [id] остаётся текстом: пишите "
                           "[[id]].",
    "body-anchor": "Ссылка [текст](#раздел) ведёт на раздел, которого на странице нет: "
                   "адрес раздела — его заголовок строчными буквами, пробелы заменены "
                   "дефисами.",
    "url-invalid": "В адресе пробел или знак, которого в адресе быть не может: скопируйте "
                   "адрес из строки браузера заново.",
    "reviewed-future": "Дата проверки last_reviewed ещё не наступила (предупреждение): "
                       "укажите день, когда вы сверили материал с источником.",
    "source-home": "Источник — главная страница сайта: укажите страницу, где сказано "
                   "об этом.",
    "renamed-ref": "Ссылка на прежний id переименованного материала работает, но замените "
                   "её новым id.",
    # --- issue 17c ---
    "comment-after-value": "Примечание после « #» в строке с id, ссылкой, датой, числом, "
                           "значением в кавычках или списком в скобках YAML считает "
                           "комментарием: на сайт оно не попадёт (предупреждение). Уберите "
                           "его или напишите отдельной строкой над полем: «# закон о МСУ», "
                           "а под ней legal_basis: [fz-131-2003]; пояснение к ссылке — "
                           "в тексте материала.",
}

# A mistake and its correction, as an editor writes them, for the guide's table.
FIX_EXAMPLES: dict[str, tuple[str, str]] = {
    "population-year-alone": ("population_year: 2024", "population: 523203\npopulation_year: 2024"),
    # --- issue 17b ---
    "empty-section": ("## Сроки\n\n## Документы", "## Сроки\n\nПриём заявок до 1 марта.\n\n## Документы"),
    "misplaced-entry": ("content/konkurs.md", "content/measures/konkurs.md"),
    "duplicate-entry": ("content/measures/grant-2.md — копия grant.md",
                        "удалите grant-2.md или опишите в нём другую меру"),
    "body-path-link": ("[закон 131-ФЗ](/legal/fz-131-2003/)", "[[fz-131-2003|закон 131-ФЗ]]"),
    "body-single-bracket": ("см. [fz-131-2003]", "см. [[fz-131-2003]]"),
    "body-anchor": ("[ниже](#документы-для-заявки)", "[ниже](#документы)"),
    "url-invalid": ("source: https://minfin.gov.ru/ru/grants/ малые города",
                    "source: https://minfin.gov.ru/ru/grants/malye-goroda"),
    "reviewed-future": ("last_reviewed: 2062-11-23", "last_reviewed: 2026-11-23"),
    "source-home": ("source: https://minfin.gov.ru/",
                    "source: https://minfin.gov.ru/ru/perfomance/regions/grants/"),
    "renamed-ref": ("measure: konkurs-staroe-imya", "measure: konkurs-malye-goroda"),
    # --- issue 17c ---
    "number-format": ("funding:\n  cofinancing: 10 %", "funding:\n  cofinancing: 10"),
    "list-format": ("topics:\n  -tos\n  -local-budget", "topics:\n  - tos\n  - local-budget"),
    "comment-after-value": ("legal_basis:\n  - fz-131-2003 # закон о МСУ",
                            "legal_basis:\n  # закон о МСУ\n  - fz-131-2003"),
}


def count_words(count: int, one: str, few: str, many: str) -> str:
    """count_words(3, "знак", "знака", "знаков") -> «3 знака»: the CLDR plural rule for
    Russian integers (one: n % 10 = 1 and n % 100 != 11; few: n % 10 = 2..4 and
    n % 100 != 12..14; many: the rest), written out so that validation needs no Babel
    (the pre-commit hook installs only PyYAML and jsonschema); test_checks compares it
    with Babel's rule."""
    n = abs(int(count))
    if n % 10 == 1 and n % 100 != 11:
        word = one
    elif 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        word = few
    else:
        word = many
    return f"{count} {word}"


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    col: int
    severity: Severity
    code: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        return (f"{self.path}:{self.line}:{self.col}: {self.severity} {self.code} "
                f"{where}{self.message}")

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def problem(pos: Pos, code: str, message: str, field: str = "",
            severity: Severity = "error") -> Problem:
    assert code in CODES, code
    return Problem(pos.path, pos.line, pos.col, severity, code, field, message)


def field_name(path: tuple[str | int, ...]) -> str:
    """("steps", 1, "measures") -> "steps[2].measures": 1-based like an editor counts."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else part
    return out
