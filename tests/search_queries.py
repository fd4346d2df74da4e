"""Russian queries in another word form than the text, and the entry each must find.

Used by tests/test_search_index.py (the index holds the stems) and by the browser
test tests/browser/test_search_forms.py (Material's search, through our worker,
lists the entry). Each query form is checked NOT to appear verbatim in the entry's
search text, so the table proves word forms, not exact matches.
"""
QUERIES: list[tuple[str, str]] = [
    ("субсидией", "fkgs-subsidii"),
    ("конкурсом", "konkurs-malye-goroda"),
    ("грантами", "fpg-konkurs"),
    ("премией", "premiya-sluzhenie"),
    ("поддержкой", "vopros-podderzhka-uchastnikov-svo"),
    ("обучения", "obuchenie-pos-i-gospabliki-tsur"),
    ("молодёжными", "rosmolodezh-granty"),
    ("благоустройством", "fkgs-subsidii"),
    ("старостам", "selskiy-starosta"),
    ("закупкой", "zakupka-u-edinstvennogo-postavshchika"),
    ("обращениям", "vopros-srok-otveta-na-obrashchenie"),
    ("слушаниях", "vopros-publichnye-slushaniya"),
    ("округами", "perekhod-na-munitsipalnyy-okrug"),
    ("библиотекам", "modelnye-biblioteki"),
    ("дорогами", "regionalnaya-i-mestnaya-dorozhnaya-set"),
    ("набережной", "dubna-naberezhnaya-mendeleeva"),
    ("мэрами", "shkola-merov"),
    ("контролем", "fz-248-2020"),
    ("службы", "fz-25-2007"),
    ("платформой", "platforma-obratnoy-svyazi"),
    ("самообложением", "samooblozhenie-tatarstan"),
    ("музеем", "myshkin-muzey-myshi"),
    ("кадрами", "nekhvatka-kadrov-v-selskikh-administratsiyakh"),
]
