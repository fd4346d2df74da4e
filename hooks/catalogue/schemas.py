"""The fields of every entry type and reference list: the single source of truth.

Validation (check.py), the exported JSON Schema files (export.py), the field
reference in the editor guide, the scaffold (scripts/new.py) and the labels on
the site all read these dictionaries. To add or change a field, change it here.
"""
from __future__ import annotations

from .fields import (ID_PATTERN, Schema, boolean, date, enum, enum_list, integer,
                     number, obj, obj_list, ref, refs, text, text_list, url)

# --- shared vocabularies -----------------------------------------------------

FEDERAL_DISTRICTS = {
    "central": "Центральный",
    "northwestern": "Северо-Западный",
    "southern": "Южный",
    "north-caucasian": "Северо-Кавказский",
    "volga": "Приволжский",
    "ural": "Уральский",
    "siberian": "Сибирский",
    "far-eastern": "Дальневосточный",
}

MEASURE_KINDS = {
    "grant": "Грант",
    "subsidy": "Субсидия",
    "competition": "Конкурс",
    "loan": "Заём или кредит",
    "tax-benefit": "Налоговая льгота",
    "in-kind": "Имущественная или натуральная помощь",
    "consulting": "Консультации и сопровождение",
    "training": "Обучение",
    "award": "Премия или награда",
    "program": "Государственная программа",
}

MEASURE_LEVELS = {
    "federal": "Федеральный",
    "regional": "Региональный",
    "municipal": "Муниципальный",
    "association": "Объединение муниципалитетов",
    "nongovernmental": "Негосударственный",
}

OTHER_RECIPIENTS = {
    "municipal-employees": "Муниципальные служащие и главы",
    "deputies": "Депутаты представительных органов",
    "nko": "Некоммерческие организации",
    "tos": "Территориальное общественное самоуправление",
    "residents": "Жители и инициативные группы",
    "youth": "Молодёжь",
    "veterans": "Участники СВО и члены их семей",
    "business": "Малый и средний бизнес",
    "farmers": "Сельхозпроизводители",
    "budget-institutions": "Муниципальные учреждения",
    "regions": "Органы власти субъектов РФ",
}

LEGAL_KINDS = {
    "constitution": "Конституция",
    "federal-constitutional-law": "Федеральный конституционный закон",
    "code": "Кодекс",
    "federal-law": "Федеральный закон",
    "presidential-decree": "Указ Президента РФ",
    "government-resolution": "Постановление Правительства РФ",
    "government-order": "Распоряжение Правительства РФ",
    "ministry-order": "Приказ министерства или ведомства",
    "regional-law": "Закон субъекта РФ",
    "letter": "Письмо ведомства",
    "court-decision": "Решение суда",
}

LEGAL_STATUSES = {
    "in-force": "Действует",
    "not-yet-in-force": "Не вступил в силу",
    "partly-in-force": "Действует частично",
    "repealed": "Утратил силу",
}

COURSE_FORMATS = {
    "online": "Онлайн",
    "in-person": "Очно",
    "blended": "Смешанный",
}

CERTIFICATES = {
    "none": "Без документа",
    "certificate": "Сертификат",
    "qualification-upgrade": "Удостоверение о повышении квалификации",
    "retraining-diploma": "Диплом о профессиональной переподготовке",
    "degree": "Диплом о высшем образовании",
}

PROBLEM_STATUSES = {
    "collected": "Собрана",
    "under-review": "На рассмотрении",
    "solution-proposed": "Предложено решение",
    "resolved": "Решена",
}

ORGANISATION_KINDS = {
    "government": "Правительство и администрация Президента",
    "ministry": "Министерство",
    "agency": "Федеральная служба или агентство",
    "parliament": "Федеральное Собрание",
    "fund": "Фонд",
    "development-institution": "Институт развития",
    "association": "Объединение муниципалитетов",
    "ngo": "Некоммерческая организация",
    "university": "Университет или академия",
    "regional-authority": "Орган власти субъекта РФ",
    "municipality": "Орган местного самоуправления",
    "editorial": "Редакция каталога",
}

CURRENCIES = {"RUB": "₽"}

# --- fields every entry has ----------------------------------------------------

TITLE = text("Название", "Как материал называется на сайте: точно и по-русски.",
             min_length=3, max_length=200)
SUMMARY = text("Кратко", "Одно-два предложения: что это и кому полезно. "
               "Показывается в списках и в поиске.", min_length=20, max_length=400)
TOPICS = refs("topic", "Темы", "Темы из справочника тем (content/reference/topics.yml), "
              "хотя бы одна.", min_items=1)
SOURCE = url("Официальный источник", "Ссылка https на страницу, где сказано то, что написано "
             "в материале: страница программы, официальная публикация акта, новость об отборе. "
             "Не главная страница сайта.")
SOURCES = {"type": "array", "minItems": 1, "uniqueItems": True,
           "items": url("Источник", "Ссылка https на страницу со сведениями."),
           "title": "Другие источники",
           "description": "Ещё страницы, откуда взяты отдельные сведения (суммы, сроки, "
                          "итоги), если их нет на странице из source."}
LAST_REVIEWED = date("Проверено", "Дата, когда редактор последний раз сверил материал "
                     "с источником (ГГГГ-ММ-ДД).")
OLD_IDS = {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN},
           "uniqueItems": True, "title": "Прежние адреса",
           "description": "Прежние id материала после переименования: старые ссылки "
                          "будут вести на новую страницу."}

COMMON: dict[str, Schema] = {
    "title": TITLE,
    "summary": SUMMARY,
    "topics": TOPICS,
    "source": SOURCE,
    "sources": SOURCES,
    "last_reviewed": LAST_REVIEWED,
    "old_ids": OLD_IDS,
}
COMMON_REQUIRED = ["title", "summary", "topics", "source", "last_reviewed"]

REGIONS_OR_ALL: Schema = {
    "title": "Регионы",
    "description": "«all», если мера действует по всей стране, или список регионов "
                   "из справочника (content/reference/regions.yml).",
    "oneOf": [
        {"type": "string", "const": "all"},
        {"type": "array", "minItems": 1, "uniqueItems": True,
         "items": {"type": "string", "pattern": ID_PATTERN, "x-ref": "region"}},
    ],
    "x-error": "укажите all или список id регионов из справочника, например [tatarstan, bashkortostan]",
}

WINDOW = {
    "opens": date("Начало приёма", "Первый день приёма заявок."),
    "closes": date("Окончание приёма", "Последний день приёма заявок."),
    "note": text("Примечание", "Например: «первый отбор», «для ТОС».", max_length=200),
}

SCHEDULE: Schema = {
    "type": "object",
    "title": "Сроки приёма заявок",
    "description": "windows — известные даты приёма (и прошлые тоже: по ним видно, когда был "
                   "последний отбор); annual — ежегодный отбор, известны обычные месяцы; можно "
                   "указать оба. rolling: true — приём постоянно, без windows и annual. "
                   "no_applications — муниципалитеты заявок не подают: напишите, как "
                   "распределяются средства.",
    "properties": {
        "windows": obj_list("Окна приёма", "Даты приёма заявок, по одному элементу на отбор.",
                            WINDOW, required=["opens", "closes"], min_items=1),
        "annual": obj("Ежегодно", "Ежегодный отбор: в какие месяцы обычно идёт приём.", {
            "months": {"type": "array", "minItems": 1, "uniqueItems": True,
                       "items": {"type": "integer", "minimum": 1, "maximum": 12},
                       "title": "Обычные месяцы приёма",
                       "description": "Номера месяцев (1–12), в которые обычно идёт приём."},
            "note": text("Примечание", "Откуда известно, когда обычно идёт приём.",
                         max_length=300),
        }, required=["months"]),
        "rolling": {"type": "boolean", "const": True, "title": "Приём постоянно",
                    "description": "true, если заявки принимаются в любое время."},
        "no_applications": text("Заявок от муниципалитетов нет",
                                "Муниципалитеты не подают заявок: как распределяются средства "
                                "(по закону, методике, решению субъекта РФ).",
                                min_length=20, max_length=400),
        "note": text("Примечание", "Дополнительные сведения о сроках.", max_length=300),
    },
    "additionalProperties": False,
    "oneOf": [
        {"anyOf": [{"required": ["windows"]}, {"required": ["annual"]}],
         "not": {"anyOf": [{"required": ["rolling"]}, {"required": ["no_applications"]}]}},
        {"required": ["rolling"],
         "not": {"anyOf": [{"required": ["windows"]}, {"required": ["annual"]},
                           {"required": ["no_applications"]}]}},
        {"required": ["no_applications"],
         "not": {"anyOf": [{"required": ["windows"]}, {"required": ["annual"]},
                           {"required": ["rolling"]}]}},
    ],
    "x-error": "укажите windows (даты приёма), annual (обычные месяцы) или оба; rolling: true или "
               "no_applications (как распределяются средства без заявок) — только без них",
}

# --- entry types ---------------------------------------------------------------

MEASURE: dict[str, Schema] = {
    **COMMON,
    "kind": enum("Вид поддержки", "Что получает победитель или заявитель.", MEASURE_KINDS),
    "level": enum("Уровень", "Кто предоставляет меру.", MEASURE_LEVELS),
    "provider": ref("organisation", "Кто предоставляет",
                    "Организация из справочника (content/reference/organisations.yml)."),
    "regions": REGIONS_OR_ALL,
    "recipients": obj("Кто может получить", "Типы муниципальных образований и другие "
                      "получатели.", {
        "municipality_types": refs("municipality_type", "Типы муниципальных образований",
                                   "Id из справочника типов муниципальных образований."),
        "other": enum_list("Другие получатели", "Кто ещё может подать заявку.",
                           OTHER_RECIPIENTS),
        "population_min": integer("Население от", "Наименьшая численность населения "
                                  "получателя, человек, если её называет источник.", minimum=1,
                                  unit="чел."),
        "population_max": integer("Население до", "Наибольшая численность населения "
                                  "получателя, человек (например 100000 для малых городов), "
                                  "если её называет источник.", minimum=1,
                                  unit="чел."),
        "note": text("Уточнение", "Ограничения, например по численности населения.",
                     max_length=300),
    }, required=[], minProperties=1),
    "funding": obj("Размер поддержки", "Суммы в рублях; не пишите сумму, если она не "
                   "известна точно.", {
        "min": number("Минимум", "Минимальная сумма на один проект, ₽.", unit="₽"),
        "max": number("Максимум", "Максимальная сумма на один проект, ₽.", unit="₽"),
        "total": number("Общий фонд", "Сколько всего распределяется за отбор, ₽.",
                        unit="₽"),
        "currency": enum("Валюта", "Валюта сумм.", CURRENCIES),
        "cofinancing": number("Софинансирование, %", "Минимальная доля софинансирования "
                              "получателем, в процентах.", maximum=100, unit="%"),
        "note": text("Примечание", "Как считается сумма, от чего зависит.", max_length=400),
    }),
    "schedule": SCHEDULE,
    "legal_basis": refs("legal", "Правовое основание", "Документы из «Правового вектора», "
                        "на которых основана мера."),
    "apply_url": url("Где подать заявку", "Ссылка на страницу приёма заявок."),
}
MEASURE_REQUIRED = COMMON_REQUIRED + ["kind", "level", "provider", "regions",
                                      "recipients", "schedule"]

SOLUTION: dict[str, Schema] = {
    **COMMON,
    "problem": text("Задача", "Какую задачу муниципалитета решает это решение.",
                    min_length=20, max_length=600),
    "steps": obj_list("Шаги", "Шаги по порядку.", {
        "title": text("Шаг", "Что сделать, одним предложением.", min_length=5, max_length=200),
        "details": text("Подробнее", "Как именно, кто отвечает, сколько занимает.",
                        max_length=1200),
        "measures": refs("measure", "Меры поддержки", "Меры, которые помогают на этом шаге."),
        "legal": refs("legal", "Документы", "Правовые документы для этого шага."),
    }, required=["title"], min_items=2),
    "practices": refs("practice", "Практики", "Муниципальные практики, где это уже сделано."),
}
SOLUTION_REQUIRED = COMMON_REQUIRED + ["problem", "steps"]

PRACTICE: dict[str, Schema] = {
    **COMMON,
    "municipality": text("Муниципальное образование", "Официальное название, например "
                         "«Городской округ город Выкса».", min_length=3, max_length=200),
    "region": ref("region", "Регион", "Id региона из справочника."),
    "municipality_type": ref("municipality_type", "Тип муниципального образования",
                             "Id из справочника типов."),
    "population": integer("Население", "Число жителей, как его даёт источник (Росстат, "
                          "администрация); год этих данных укажите в population_year.",
                          minimum=1, unit="чел."),
    "population_year": integer("Население на год", "Год, к которому относится численность "
                               "из population (например, 2024 для данных на 1 января "
                               "2024 года): читатель видит, насколько она свежая.",
                               minimum=1989, maximum=2100, unit="год"),
    "years": obj("Годы реализации", "Когда проект выполнялся.", {
        "start": integer("Начало", "Год начала.", minimum=1991, maximum=2100, unit="год"),
        "end": integer("Окончание", "Год окончания; не указывайте, если проект идёт.",
                       minimum=1991, maximum=2100, unit="год"),
    }, required=["start"]),
    "budget": obj("Бюджет", "Сколько стоил проект и откуда деньги.", {
        "total": number("Всего", "Общая стоимость, ₽.", unit="₽"),
        "sources": obj_list("Источники", "Кто сколько дал.", {
            "measure": ref("measure", "Мера поддержки", "Мера из каталога."),
            "note": text("Источник", "Если меры нет в каталоге: местный бюджет, "
                         "спонсор и т. п.", max_length=200),
            "amount": number("Сумма", "Сумма из этого источника, ₽.", unit="₽"),
        }),
    }),
    "results": obj_list("Результаты", "Измеримые результаты: было → стало.", {
        "indicator": text("Показатель", "Что измеряли.", max_length=200),
        "before": number("Было", "Значение до проекта.", minimum=None),
        "after": number("Стало", "Значение после проекта.", minimum=None),
        "unit": text("Единица", "Единица измерения.", max_length=40),
    }, required=["indicator", "after"]),
    "contact": ref("organisation", "Контакт", "Организация, в которую можно обратиться "
                   "за опытом (из справочника)."),
    "awards": text_list("Награды", "Например: «Лауреат премии «Служение» (2024)»."),
    "images": obj_list("Изображения", "Файлы из папки content/images с описанием для "
                       "незрячих читателей.", {
        "src": text("Файл", "Путь от папки content, например images/vyksa-park.jpg."),
        "alt": text("Описание", "Что на изображении, для тех, кто его не видит.",
                    min_length=5, max_length=300),
    }, required=["src", "alt"]),
}
PRACTICE_REQUIRED = COMMON_REQUIRED + ["municipality", "region", "municipality_type", "years"]

LEGAL: dict[str, Schema] = {
    **COMMON,
    "kind": enum("Вид документа", "Вид правового акта.", LEGAL_KINDS),
    "number": text("Номер", "Номер документа без знака №, например «131-ФЗ».",
                   max_length=60),
    "short_title": text("Краткое название", "Как называть документ в тексте других "
                        "материалов, где он упомянут как [[id]]: например «Закон о местном "
                        "самоуправлении». Если не указано, название составляется из вида и "
                        "номера: «Федеральный закон № 131-ФЗ». Полное название остаётся в "
                        "списках и на странице документа.", min_length=3, max_length=100),
    "adopted": date("Дата принятия", "Дата подписания (для законов — дата подписания "
                    "Президентом)."),
    "issuer": ref("organisation", "Кто принял", "Организация из справочника; не указывается "
                  "для Конституции, принятой всенародным голосованием."),
    "status": enum("Статус", "Действует ли документ.", LEGAL_STATUSES),
    "in_force_from": date("Вступает в силу", "Дата вступления в силу (основных положений)."),
    "relations": obj("Связи", "Связи с другими документами каталога.", {
        "amends": refs("legal", "Изменяет", "Документы, в которые этот вносит изменения."),
        "replaces": refs("legal", "Заменяет", "Документы, вместо которых принят этот."),
        "repealed_by": ref("legal", "Утратил силу в связи с", "Документ, которым этот отменён."),
    }),
    "publication_url": url("Официальная публикация", "Ссылка на официальное "
                           "опубликование (publication.pravo.gov.ru или pravo.gov.ru)."),
    "publication_number": text("Номер опубликования", "Номер электронного опубликования, "
                               "если есть.", max_length=40),
}
LEGAL_REQUIRED = COMMON_REQUIRED + ["kind", "adopted", "status"]  # no issuer: the Constitution

QUESTION: dict[str, Schema] = {
    **COMMON,
    "title": text("Вопрос", "Вопрос так, как его задал бы муниципальный служащий.",
                  min_length=10, max_length=300),
    "legal": refs("legal", "Нормы", "Документы, на которых основан ответ.", min_items=1),
    "answered_by": ref("organisation", "Кто ответил", "Организация из справочника."),
    "date": date("Дата ответа", "Когда дан ответ."),
}
QUESTION_REQUIRED = COMMON_REQUIRED + ["legal", "answered_by", "date"]

COURSE: dict[str, Schema] = {
    **COMMON,
    "provider": ref("organisation", "Кто проводит", "Организация из справочника."),
    "format": enum("Формат", "Как проходит обучение. Не указывайте, если ни одна страница "
                   "организатора его не сообщает: карточка покажет «не сообщается».",
                   COURSE_FORMATS),
    "hours": integer("Часов", "Объём программы в академических часах.", minimum=1,
                     maximum=5000, unit="ак. ч."),
    "cost": {"title": "Стоимость", "description": "free — бесплатно, или сумма в рублях.",
             "oneOf": [{"type": "string", "const": "free"},
                       {"type": "number", "minimum": 0, "x-unit": "₽"}],
             "x-error": "укажите free или сумму в рублях числом"},
    "certificate": enum("Документ об обучении", "Что выдают по окончании.", CERTIFICATES),
    "audience": text_list("Для кого", "Кому адресован курс, например «главы сельских "
                          "поселений».", min_items=1),
    "sessions": obj_list("Потоки", "Даты потоков; не указывайте, если курс доступен "
                         "в любое время.", {
        "starts": date("Начало", "Первый день обучения."),
        "ends": date("Окончание", "Последний день обучения."),
        "enrol_by": date("Запись до", "Последний день записи."),
    }, required=["starts"]),
    "on_demand": boolean("В любое время", "true, если курс можно начать в любой момент."),
    "enrol_url": url("Запись", "Ссылка на страницу записи."),
}
# format is optional: some organisers publish a programme without saying how it runs,
# and the catalogue writes only what a page states (CONTENT rules, issue 14).
COURSE_REQUIRED = COMMON_REQUIRED + ["provider", "audience"]

PROBLEM: dict[str, Schema] = {
    **COMMON,
    "regions": refs("region", "Регионы", "Регионы, из которых сообщили о проблеме.",
                    min_items=1),
    "reported": obj_list("Где сообщили", "Каждое обращение или документ, в котором "
                         "муниципалитеты назвали проблему: резолюция форума или съезда, доклад "
                         "ассоциации, региональные слушания. Сколько их и когда было первое, "
                         "сайт считает сам.", {
        "by": text("Кто сообщил", "Например: «Всероссийский совет местного самоуправления», "
                   "«Совет муниципальных образований Вологодской области».", max_length=200),
        "document": text("Документ", "Как называется резолюция, доклад, протокол.",
                         max_length=300),
        "date": date("Дата", "Дата документа или события (ГГГГ-ММ-ДД)."),
        "url": url("Ссылка", "Страница, где опубликован документ или сообщение о нём."),
    }, required=["by", "date", "url"], min_items=1),
    "status": enum("Статус", "Где проблема сейчас.", PROBLEM_STATUSES),
    "history": obj_list("История", "Смены статуса по датам.", {
        "date": date("Дата", "Когда изменился статус."),
        "status": enum("Статус", "Новый статус.", PROBLEM_STATUSES),
        "note": text("Что произошло", "Коротко.", max_length=300),
    }, required=["date", "status"]),
    "related": obj("Что помогает", "Материалы каталога по этой проблеме.", {
        "solutions": refs("solution", "Готовые решения", ""),
        "legal": refs("legal", "Документы", ""),
        "measures": refs("measure", "Меры поддержки", ""),
    }),
    "resolution": text("Итог", "Что сделано, если проблема решена или предложено решение.",
                       max_length=1000),
}
PROBLEM_REQUIRED = COMMON_REQUIRED + ["regions", "reported", "status"]

# --- reference lists -----------------------------------------------------------

REGION: dict[str, Schema] = {
    "id": text("Id", "Латиницей, например tatarstan.", pattern=ID_PATTERN),
    "code": text("Код", "Двузначный код субъекта РФ в кавычках, например \"16\".",
                 pattern=r"^\d{2,3}$"),
    "name": text("Название", "Официальное название субъекта.", max_length=120),
    "federal_district": enum("Федеральный округ", "Федеральный округ, в который входит субъект.",
                             FEDERAL_DISTRICTS),
}
MUNICIPALITY_TYPE: dict[str, Schema] = {
    "id": text("Id", "Латиницей.", pattern=ID_PATTERN),
    "name": text("Название", "Вид муниципального образования по закону.", max_length=120),
    "description": text("Описание", "Одно-два предложения.", max_length=400),
}
TOPIC: dict[str, Schema] = {
    "id": text("Id", "Латиницей.", pattern=ID_PATTERN),
    "name": text("Название", "Как тема называется на сайте.", max_length=120),
    "description": text("Описание", "Одна строка: что относится к теме.", max_length=200),
    "parent": ref("topic", "Родительская тема", "Id более общей темы, если есть."),
}
ORGANISATION: dict[str, Schema] = {
    "id": text("Id", "Латиницей.", pattern=ID_PATTERN),
    "name": text("Полное название", "Официальное полное название.", max_length=300),
    "short": text("Краткое название", "Как называют обычно, например «Минфин России».",
                  max_length=120),
    "kind": enum("Вид", "Что это за организация.", ORGANISATION_KINDS),
    "website": url("Сайт", "Официальный сайт, https."),
}

# --- search synonyms (issue 16) --------------------------------------------------
# content/reference/synonyms.yml: abbreviations and their expansions, applied to
# search queries (overrides/assets/javascripts/workers/search-ru.js, «Query handling»):
# a query word or phrase of a set matches any other phrase of the set.

SYNONYM: dict[str, Schema] = {
    "id": text("Id", "Латиницей, например tos.", pattern=ID_PATTERN),
    "name": text("Сокращение", "Как пишут коротко, например ТОС.", max_length=40),
    "expansions": text_list("Полностью",
                            "Полные названия, каждое отдельной строкой «- …», например "
                            "территориальное общественное самоуправление.",
                            min_items=1),
}
