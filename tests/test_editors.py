"""The editors' workflow: scaffold, issue import, schema files, guide page, CI files.

Everything runs on a synthetic catalogue (scripts/synth.py) with the real
reference lists, so these tests do not depend on the state of content/.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT / "hooks", ROOT / "scripts"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import import_issue  # noqa: E402
import new  # noqa: E402
import validate as validate_cli  # noqa: E402
from catalogue import guide, schema_files, validate  # noqa: E402
from catalogue.issue_form import FORM_TYPES, load_form, parse_path, schema_at  # noqa: E402
from catalogue.load import Loaded, load_entry  # noqa: E402
from catalogue.model import TYPE_BY_FOLDER, TYPES, Catalogue, TypeSpec  # noqa: E402
from catalogue.problems import CODES  # noqa: E402
from catalogue.scaffold import PLACEHOLDER, make_id, scaffold, transliterate  # noqa: E402
from synth import TODAY, generate  # noqa: E402

FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"
WORKFLOWS = ROOT / ".github" / "workflows"
EPOCH = int(dt.datetime(TODAY.year, TODAY.month, TODAY.day, tzinfo=dt.timezone.utc).timestamp())


# --- fixtures ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def synth_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid synthetic catalogue with the real reference lists and hand-written pages."""
    out = tmp_path_factory.mktemp("synth")
    content = generate(out, 40, seed=3)
    for page in (ROOT / "content").glob("*.md"):
        shutil.copy(page, content / page.name)
    shutil.copytree(ROOT / "content" / "guide", content / "guide")
    for folder in ("images", "files"):
        if (ROOT / "content" / folder).is_dir():
            shutil.copytree(ROOT / "content" / folder, content / folder)
    return content


@pytest.fixture(autouse=True)
def build_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """new.py and import_issue.py date last_reviewed by the build date: the day the
    tests validate on (a later one is reviewed-future)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))


@pytest.fixture
def content(synth_content: Path, tmp_path: Path) -> Path:
    """A fresh copy of the synthetic catalogue for one test to write into."""
    target = tmp_path / "content"
    shutil.copytree(synth_content, target)
    return target


def errors_in(content: Path, path: Path) -> list[Any]:
    rel = path.resolve().relative_to(content.resolve().parent).as_posix()
    return [p for p in validate(content, today=TODAY).errors if p.path == rel]


# --- filling placeholders like an editor would -----------------------------------------

def sample(schema: dict[str, Any], catalogue: Catalogue) -> Any:
    """A valid value for a field, from its schema and the catalogue."""
    if "oneOf" in schema and "type" not in schema:
        const = [b["const"] for b in schema["oneOf"] if "const" in b]
        return const[0] if const else sample(schema["oneOf"][0], catalogue)
    if "x-ref" in schema:
        target = schema["x-ref"]
        ids = list(catalogue.references[target]) if target in catalogue.references \
            else sorted(e.id for e in catalogue.of_type(target))
        return ids[0]
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "array":
        return [sample(schema["items"], catalogue)]
    if kind == "string" and schema.get("format") == "date":
        return "2026-03-01"
    if kind == "string" and schema.get("x-url"):
        return "https://example.org/page"
    if kind == "string":
        text = ("Заполнено редактором для проверки заготовки. " * 20).strip()
        return text[:max(int(schema.get("minLength", 1)), 45)].strip()
    if kind == "integer":
        return max(int(schema.get("minimum") or 1), 1)
    if kind == "number":
        return schema.get("minimum") or 1
    if kind == "boolean":
        return True
    raise AssertionError(f"no sample for {schema}")


def placeholders(path: Path) -> dict[tuple[Any, ...], int]:
    """Field path -> line of every front-matter placeholder of a content file."""
    spec = TYPE_BY_FOLDER[path.parent.name]
    out = Loaded(Catalogue(root=str(path.parent.parent)))
    entry = load_entry(out, spec, path.stem, path.read_text(encoding="utf-8"), path.name)
    assert entry is not None and not out.problems, out.problems
    found: dict[tuple[Any, ...], int] = {}

    def walk(value: Any, where: tuple[Any, ...]) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, where + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, where + (index,))
        elif isinstance(value, str) and PLACEHOLDER in value:
            found[where] = entry.at(*where).line
    walk(entry.data, ())
    return found


def fill(path: Path, catalogue: Catalogue) -> dict[tuple[Any, ...], Any]:
    """Replace every placeholder (front matter and text) with a valid value."""
    spec = TYPE_BY_FOLDER[path.parent.name]
    lines = path.read_text(encoding="utf-8").split("\n")
    chosen: dict[tuple[Any, ...], Any] = {}
    for where, line in placeholders(path).items():
        schema = schema_at(spec, where)
        assert schema is not None, where
        value = sample(schema, catalogue)
        if isinstance(where[-1], int) and isinstance(value, list):
            value = value[0]
        chosen[where] = value
        shown = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else \
            "true" if value is True else str(value)
        assert PLACEHOLDER in lines[line - 1], (where, lines[line - 1])
        lines[line - 1] = lines[line - 1].replace(PLACEHOLDER, shown, 1)
    text = "\n".join(lines)
    body_start = text.index("\n---\n", 4)
    front, body = text[:body_start], text[body_start:]
    body = "\n".join("Текст раздела, написанный редактором." if PLACEHOLDER in line else line
                     for line in body.split("\n"))
    path.write_text(front + body, encoding="utf-8")
    return chosen


# --- ids ---------------------------------------------------------------------------------

@pytest.mark.parametrize("title, ident", [
    # samples of the ICAO Doc 9303 table (as published with the iuliia schemas)
    ("Юлия Щеглова", "iuliia-shcheglova"),
    ("Андрей Видный", "andrei-vidnyi"),
    ("Ян Разъездной", "ian-razieezdnoi"),
    ("Артём Краевой", "artem-kraevoi"),
    ("Конкурс «Малые города»", "konkurs-malye-goroda"),
    ("Федеральный закон № 131-ФЗ", "federalnyi-zakon-131-fz"),
    ("Школа мэров — 2025", "shkola-merov-2025"),
    ("Café  «Ёлка»!!", "cafe-elka"),
])
def test_make_id_transliterates_by_icao(title: str, ident: str) -> None:
    assert make_id(title) == ident


def test_make_id_cuts_at_a_word_boundary() -> None:
    title = ("Всероссийский конкурс лучших проектов создания комфортной городской среды "
             "в малых городах и исторических поселениях")
    ident = make_id(title)
    assert len(ident) <= 60
    assert transliterate(title).replace(" ", "-").startswith(ident)
    assert ident == "vserossiiskii-konkurs-luchshikh-proektov-sozdaniia"  # 61 with the next


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_make_id_is_always_a_valid_id_or_empty(title: str) -> None:
    ident = make_id(title)
    assert ident == "" or re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ident)
    assert len(ident) <= 60


# --- scripts/new.py -----------------------------------------------------------------------

@pytest.mark.parametrize("name", list(TYPES))
def test_scaffold_validates_once_placeholders_are_filled(
        name: str, content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = TYPES[name]
    assert new.main([name, f"Новый материал типа {spec.label}", "--content", str(content)]) == 0
    path = content / spec.folder / f"{make_id('Новый материал типа ' + spec.label)}.md"
    assert path.exists(), capsys.readouterr()
    text = path.read_text(encoding="utf-8")

    # every field of the type is in the file, required or optional, nested too
    for row in guide.field_rows(spec.properties, spec.required):
        last = row.path.rsplit(".", 1)[-1].replace("[]", "")
        assert re.search(rf"^[ #-]*{re.escape(last)}:", text, re.M), row.path
        if row.depth == 0:
            commented = re.search(rf"^# {re.escape(last)}:", text, re.M)
            assert bool(commented) == (row.required == guide.OPTIONAL), row.path

    # unfilled: fails, and only with «placeholder»
    unfilled = errors_in(content, path)
    assert unfilled and {p.code for p in unfilled} == {"placeholder"}, unfilled
    required_top = {p.field.split("[")[0].split(".")[0] for p in unfilled} - {"body"}
    assert required_top <= set(spec.required)

    # filled: no error at all
    catalogue = validate(content, today=TODAY).catalogue
    chosen = fill(path, catalogue)
    assert chosen
    assert errors_in(content, path) == []


def test_placeholder_is_reported_once_per_field(content: Path) -> None:
    assert new.main(["course", "Курс для глав поселений", "--content", str(content)]) == 0
    path = content / "courses" / "kurs-dlia-glav-poselenii.md"
    problems = errors_in(content, path)
    fields = [p.field for p in problems if p.field != "body"]
    assert len(fields) == len(set(fields))
    hours = path.read_text(encoding="utf-8").replace("# hours: ЗАПОЛНИТЕ", "hours: ЗАПОЛНИТЕ")
    path.write_text(hours, encoding="utf-8")
    problems = errors_in(content, path)
    assert [p.code for p in problems if p.field == "hours"] == ["placeholder"]
    assert "удалите" in next(p.message for p in problems if p.field == "hours")


def test_new_refuses_to_overwrite_or_reuse_an_id(content: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert new.main(["measure", "Грант на благоустройство", "--content", str(content)]) == 0
    path = content / "measures" / "grant-na-blagoustroistvo.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nправка редактора\n", encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    capsys.readouterr()
    assert new.main(["measure", "Грант на благоустройство", "--content", str(content)]) == 1
    assert "уже есть" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == before
    # the same id in another folder
    assert new.main(["legal", "Грант на благоустройство", "--content", str(content)]) == 1
    assert not (content / "legal" / "grant-na-blagoustroistvo.md").exists()
    # an old id of another entry
    other = next((content / "legal").glob("*.md"))
    text = other.read_text(encoding="utf-8").replace("\n---\n", "\nold_ids: [staryi-adres]\n---\n", 1)
    other.write_text(text, encoding="utf-8")
    assert new.main(["measure", "Старый адрес", "--content", str(content)]) == 1
    assert "прежний адрес" in capsys.readouterr().err


def test_new_rejects_unknown_type_and_accepts_folder_names(content: Path) -> None:
    assert new.main(["grants", "Что-то", "--content", str(content)]) == 2
    assert new.main(["measures", "Мера по папке", "--content", str(content), "--id", "mera-po-papke"]) == 0
    assert (content / "measures" / "mera-po-papke.md").exists()


# --- scripts/import_issue.py ------------------------------------------------------------------

MEASURE_ISSUE = """\
### Название меры

Всероссийский конкурс лучших проектов создания комфортной городской среды

### Официальный источник

https://minstroyrf.gov.ru/

### Кратко

Конкурс для малых городов и исторических поселений: победители получают деньги на благоустройство.

### Вид поддержки

Конкурс

### Уровень

Федеральный

### Кто предоставляет

Минстрой России

### Регионы

Вся Россия

### Какие муниципальные образования могут участвовать

_No response_

### Кто ещё может получить

Жители и инициативные группы, Некоммерческие организации

### Максимальная сумма на один проект, ₽

70 000 000

### Начало приёма заявок

01.03.2026

### Окончание приёма заявок

15.04.2026

### Где подать заявку

_No response_

### Подробности

Заявку подаёт администрация вместе с протоколом общественного обсуждения.
"""

PROBLEM_ISSUE = """\
### Проблема в одной фразе

Нет средств на содержание бесхозяйных дорог

### Кратко

Дороги без владельца нельзя ремонтировать из местного бюджета, пока их не оформят в собственность.

### Регион

Республика Татарстан, Московская область

### Муниципальное образование

Сельское поселение Пример

### Подробно

Оформление занимает больше года, а дороги разрушаются.

### Что могло бы помочь

_No response_

### Ссылка на документ или публикацию

_No response_
"""


def test_import_measure_issue(content: Path, tmp_path: Path) -> None:
    issue = tmp_path / "issue.md"
    issue.write_text(MEASURE_ISSUE, encoding="utf-8")
    assert import_issue.main([str(issue), "--content", str(content)]) == 0
    path = content / "measures" / f"{make_id('Всероссийский конкурс лучших проектов создания комфортной городской среды')}.md"
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert front["kind"] == "competition" and front["level"] == "federal"
    assert front["provider"] == "minstroy" and front["regions"] == "all"
    assert front["recipients"] == {"other": ["residents", "nko"]}
    assert front["funding"] == {"max": 70000000}
    assert front["schedule"] == {"windows": [{"opens": dt.date(2026, 3, 1),
                                              "closes": dt.date(2026, 4, 15)}]}
    assert "## Подробности" in path.read_text(encoding="utf-8")
    # the form has no topics: the only thing left for the editor
    assert set(placeholders(path)) == {("topics", 0)}
    assert {p.code for p in errors_in(content, path)} == {"placeholder"}
    fill(path, validate(content, today=TODAY).catalogue)
    assert errors_in(content, path) == []


def test_import_problem_issue_from_stdin(content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    monkeypatch.setattr(sys, "stdin", io.StringIO(PROBLEM_ISSUE))
    assert import_issue.main(["-", "--content", str(content), "--id", "bezkhoziainye-dorogi"]) == 0
    path = content / "problems" / "bezkhoziainye-dorogi.md"
    text = path.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["regions"] == ["tatarstan", "moscow-oblast"]
    assert front["status"] == "collected"
    from catalogue.clock import build_date
    assert front["reported"][0]["date"] == build_date()  # the day the report came in
    assert "## Муниципальное образование" in text and "## Подробно" in text
    assert set(placeholders(path)) == {("topics", 0), ("source",), ("reported", 0, "by"),
                                       ("reported", 0, "url")}
    fill(path, validate(content, today=TODAY).catalogue)
    assert errors_in(content, path) == []


def test_import_keeps_unknown_answers_as_placeholders_with_a_note(content: Path,
                                                                  tmp_path: Path) -> None:
    body = MEASURE_ISSUE.replace("Минстрой России", "Какое-то неизвестное ведомство") \
        .replace("01.03.2026", "в начале весны")
    issue = tmp_path / "issue.md"
    issue.write_text(body, encoding="utf-8")
    assert import_issue.main([str(issue), "--content", str(content), "--id", "konkurs-x"]) == 0
    path = content / "measures" / "konkurs-x.md"
    text = path.read_text(encoding="utf-8")
    assert "# Из заявки: «Какое-то неизвестное ведомство»" in text
    assert "«в начале весны»" in text
    assert set(placeholders(path)) == {("topics", 0), ("provider",),
                                       ("schedule", "windows", 0, "opens")}


def test_import_refuses_a_body_that_is_not_a_form(content: Path, tmp_path: Path) -> None:
    issue = tmp_path / "issue.md"
    issue.write_text("Просто текст без формы", encoding="utf-8")
    assert import_issue.main([str(issue), "--content", str(content)]) == 2


# --- issue forms -------------------------------------------------------------------------------

def _form(name: str) -> dict[str, Any]:
    return yaml.safe_load((FORMS / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(FORM_TYPES))
def test_form_fields_are_schema_paths_and_options_are_schema_labels(name: str) -> None:
    form = load_form(FORMS / name)
    text_ids = {"details", "municipality", "description", "proposal"}
    for item in _form(name)["body"]:
        if "id" not in item:
            continue
        assert re.fullmatch(r"[A-Za-z0-9_-]+", item["id"])
        schema = schema_at(form.spec, parse_path(item["id"]))
        assert schema is not None or item["id"] in text_ids, item["id"]
        if item["type"] == "dropdown":
            target = schema.get("items", schema)
            assert item["attributes"]["options"] == list(target["x-labels"].values())
    assert "title" in form.order and "source" in form.order


def test_error_form_has_the_entry_field_the_site_prefills() -> None:
    form = _form("error.yml")
    ids = [item.get("id") for item in form["body"]]
    assert "entry" in ids
    template = (ROOT / "overrides" / "catalogue" / "entry.html").read_text(encoding="utf-8")
    assert "issues/new?template=error.yml&amp;entry={{ e.id }}" in template
    assert "/edit/main/content/{{ e.spec.folder }}/{{ e.id }}.md" in template
    config = yaml.safe_load((FORMS / "config.yml").read_text(encoding="utf-8"))
    site_url = yaml.safe_load(re.search(r"^site_url:.*$", (ROOT / "mkdocs.yml").read_text(
        encoding="utf-8"), re.M).group(0))["site_url"]
    assert all(link["url"].startswith(site_url) for link in config["contact_links"])


# --- GitHub workflows, pre-commit, VS Code ------------------------------------------------------

def _workflow(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))   # YAML 1.1 reads a bare «on» as true
    return data


def _runs(job: dict[str, Any]) -> str:
    return "\n".join(str(step.get("run", "")) for step in job["steps"])


def _uses(job: dict[str, Any]) -> list[str]:
    return [str(step.get("uses", "")).split("@")[0] for step in job["steps"]]


def test_ci_workflow() -> None:
    ci = _workflow("ci.yml")
    assert "pull_request" in ci["on"] and "push" in ci["on"]
    jobs = ci["jobs"]
    runs = "\n".join(_runs(job) for job in jobs.values())
    assert "scripts/validate.py --format github" in runs
    assert "mkdocs build --strict" in runs
    assert "scripts/schemas.py --check" in runs
    assert re.search(r"^make test\b", runs, re.M)
    catalogue = jobs["catalogue"]
    setup = next(s for s in catalogue["steps"] if str(s.get("uses", "")).startswith(
        "actions/setup-python"))
    assert str(setup["with"]["python-version"]) == "3.11"
    assert jobs["tests"]["container"].startswith("python:3.11")
    assert all("actions/checkout" in _uses(job) for job in jobs.values())


def test_pages_workflow() -> None:
    pages = _workflow("pages.yml")
    assert pages["on"]["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in pages["on"]
    cron = pages["on"]["schedule"][0]["cron"].split()
    assert len(cron) == 5 and cron[2:] == ["*", "*", "*"]     # every day
    assert pages["permissions"]["pages"] == "write"
    assert pages["permissions"]["id-token"] == "write"
    assert "actions/upload-pages-artifact" in _uses(pages["jobs"]["build"])
    assert re.search(r"^make (site|offline)\b", _runs(pages["jobs"]["build"]), re.M)
    deploy = pages["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert "actions/deploy-pages" in _uses(deploy)


def test_pre_commit_hook() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    (hook,) = repo["hooks"]
    assert repo["repo"] == "local"
    assert hook["entry"] == "python scripts/validate.py"
    assert hook["pass_filenames"] is True and hook["files"] == "^content/"


def test_pull_request_template_is_a_russian_checklist() -> None:
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 5 and "ЗАПОЛНИТЕ" in text and "официальн" in text


def test_vscode_settings_map_every_schema() -> None:
    settings_ = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings_["yaml.schemas"] == schema_files.vscode_associations()
    for schema_file in settings_["yaml.schemas"]:
        assert (ROOT / schema_file).is_file()
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def test_vscode_problem_matcher_reads_the_validator_lines(content: Path) -> None:
    tasks = json.loads((ROOT / ".vscode" / "tasks.json").read_text(encoding="utf-8"))
    pattern = tasks["tasks"][0]["problemMatcher"]["pattern"]
    (content / "measures" / "broken.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    problems = validate(content, today=TODAY).problems
    line = str(next(p for p in problems if p.path.endswith("broken.md")))
    match = re.match(pattern["regexp"], line)
    assert match and match.group(pattern["file"]) == "content/measures/broken.md"
    assert match.group(pattern["severity"]) == "error"


# --- validate --format github ----------------------------------------------------------------

def test_github_annotations_point_at_the_line(content: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    source = next((content / "measures").glob("*.md"))
    text = source.read_text(encoding="utf-8")
    broken = re.sub(r"^kind: .*$", "kind: grnat", text, count=1, flags=re.M)
    line = broken.split("\n").index("kind: grnat") + 1
    source.write_text(broken, encoding="utf-8")
    capsys.readouterr()
    code = validate_cli.main(["--content", str(content), "--format", "github", str(source)])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    rel = f"content/measures/{source.name}"
    annotation = next(o for o in out if o.startswith("::error "))
    assert re.fullmatch(rf"::error file={re.escape(rel)},line={line},col=\d+,"
                        rf"title=enum kind::.+", annotation), annotation
    assert "grnat" in annotation and "%0A" not in annotation[:10]


# --- schema files for editors ------------------------------------------------------------------

def test_schema_files_are_up_to_date() -> None:
    assert schema_files.outdated(ROOT) == [], "запустите python scripts/schemas.py"


@pytest.mark.parametrize("name", sorted(schema_files.all_schemas()))
def test_schema_files_are_draft7_with_labels(name: str) -> None:
    schema = json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    text = json.dumps(schema, ensure_ascii=False)
    assert '"x-' not in text
    assert "markdownDescription" in text


def test_schema_files_accept_valid_entries_and_reject_bad_values(synth_content: Path) -> None:
    from catalogue.load import load_catalogue
    # what editors wrote, before the engine adds derived values (derive.py)
    catalogue = load_catalogue(synth_content).catalogue
    for name, spec in TYPES.items():
        validator = Draft7Validator(schema_files.editor_schema(spec))
        entries = catalogue.of_type(name)
        assert entries
        for entry in entries:
            assert list(validator.iter_errors(entry.data)) == [], entry.id
    measure = schema_files.editor_schema(TYPES["measure"])
    kind = measure["properties"]["kind"]
    assert kind["enumDescriptions"] == list(TYPES["measure"].properties["kind"]["x-labels"].values())
    bad = dict(catalogue.of_type("measure")[0].data, kind="grnat")
    assert list(Draft7Validator(measure).iter_errors(bad))


def test_scripts_schemas_check_detects_a_stale_file(tmp_path: Path) -> None:
    import schemas as schemas_cli
    assert schemas_cli.main(["--root", str(tmp_path)]) == 0
    assert schemas_cli.main(["--root", str(tmp_path), "--check"]) == 0
    (tmp_path / "schemas" / "measure.schema.json").write_text("{}\n", encoding="utf-8")
    assert schemas_cli.main(["--root", str(tmp_path), "--check"]) == 1


# --- the guide page ----------------------------------------------------------------------------

def test_guide_rows_come_from_the_schema() -> None:
    tables = {t.name: t for t in guide.type_guides()}
    for name, spec in TYPES.items():
        top = [r for r in tables[name].rows if r.depth == 0]
        assert [r.path for r in top] == list(spec.properties)
        assert [r.label for r in top] == [s["title"] for s in spec.properties.values()]
        assert {r.path for r in top if r.required == guide.REQUIRED} == set(spec.required)
    kind = next(r for r in tables["measure"].rows if r.path == "kind")
    assert kind.allowed == list(TYPES["measure"].properties["kind"]["x-labels"].items())
    assert guide.code_rows() == list(CODES.items()) and ("placeholder", CODES["placeholder"]) \
        in guide.code_rows()


def test_guide_rows_follow_a_changed_schema() -> None:
    spec = TYPES["course"]
    properties = dict(spec.properties)
    properties["hours"] = {**properties["hours"], "title": "Длительность, ак. ч",
                           "maximum": 72}
    properties["new_field"] = {"type": "string", "title": "Новое поле", "description": "Для теста."}
    changed = TypeSpec(spec.name, spec.folder, spec.label, spec.plural, properties,
                       spec.required + ["new_field"])
    rows = {r.path: r for r in guide.type_guides({"course": changed})[0].rows}
    assert rows["hours"].label == "Длительность, ак. ч" and "до 72" in rows["hours"].kind
    assert rows["new_field"].required == guide.REQUIRED
    text = scaffold(changed, "Курс", TODAY)
    assert "new_field: ЗАПОЛНИТЕ" in text and "Длительность, ак. ч" in text


def _build(content: Path, out: Path, patch: str = "") -> subprocess.CompletedProcess[str]:
    """mkdocs build of ``content``; ``patch`` is Python run first (to change a schema)."""
    code = (f"import sys; sys.path.insert(0, {str(ROOT / 'hooks')!r})\n{patch}\n"
            "from mkdocs.__main__ import cli\n"
            f"cli(['build', '--strict', '-d', {str(out)!r}])\n")
    env = dict(os.environ, CATALOGUE_CONTENT=str(content), SOURCE_DATE_EPOCH=str(EPOCH),
               NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def built(synth_content: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    done = _build(synth_content, out)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def test_guide_page_is_built_with_every_field_and_code(built: Path) -> None:
    page = (built / "guide" / "fields" / "index.html").read_text(encoding="utf-8")
    for table in guide.type_guides():
        assert f'id="{table.name}"' in page
        for row in table.rows:
            assert f"<code>{row.path}</code>" in page, row.path
    for code in CODES:
        assert f'id="code-{code}"' in page
    assert "new/main/content/measures" in page          # create a file on GitHub
    index = (built / "guide" / "index.html").read_text(encoding="utf-8")
    assert 'href="fields/"' in index


def test_entry_pages_link_to_github_edit_and_error_form(built: Path,
                                                       synth_content: Path) -> None:
    entry = next((synth_content / "measures").glob("*.md"))
    page = (built / "measures" / entry.stem / "index.html").read_text(encoding="utf-8")
    repo = yaml.safe_load(re.search(r"^  repository:.*$", (ROOT / "mkdocs.yml").read_text(
        encoding="utf-8"), re.M).group(0).strip())["repository"]
    assert f'href="{repo}/edit/main/content/measures/{entry.stem}.md"' in page
    assert f'href="{repo}/issues/new?template=error.yml&amp;entry={entry.stem}&amp;title=' in page


def test_guide_page_changes_when_a_schema_changes(synth_content: Path, tmp_path: Path,
                                                  built: Path) -> None:
    patch = ("from catalogue.model import TYPES\n"
             "TYPES['measure'].properties['apply_url']['title'] = 'Подача заявок (ПРОВЕРКА)'\n"
             "TYPES['measure'].properties['apply_url']['description'] = 'Изменено тестом.'\n")
    out = tmp_path / "site"
    done = _build(synth_content, out, patch)
    assert done.returncode == 0, done.stdout + done.stderr
    changed = (out / "guide" / "fields" / "index.html").read_text(encoding="utf-8")
    before = (built / "guide" / "fields" / "index.html").read_text(encoding="utf-8")
    assert "Подача заявок (ПРОВЕРКА)" in changed and "Изменено тестом." in changed
    assert "Подача заявок (ПРОВЕРКА)" not in before


def test_pre_commit_environment_is_enough_for_validate(synth_content: Path) -> None:
    """The pre-commit hook installs only its additional_dependencies: validate.py must
    run with them (PyYAML, jsonschema) and without the site's packages."""
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    allowed = {re.split(r"[<>=!~ ]", d)[0].lower()
               for d in config["repos"][0]["hooks"][0]["additional_dependencies"]}
    assert allowed == {"pyyaml", "jsonschema"}
    code = (
        "import importlib.abc, runpy, sys\n"
        "BLOCK = {'babel', 'nh3', 'mkdocs', 'material', 'icalendar', 'lxml', 'markdown'}\n"
        "class Block(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path, target=None):\n"
        "        if name.split('.')[0] in BLOCK:\n"
        "            raise ImportError('not in the pre-commit environment: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "sys.path.insert(0, 'scripts')\n"
        f"sys.argv = ['validate.py', '--content', {str(synth_content)!r}]\n"
        "runpy.run_path('scripts/validate.py', run_name='__main__')\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, ("add the missing package to additional_dependencies in "
                                  ".pre-commit-config.yaml:\n" + done.stderr[-2000:])


def test_guide_links_to_the_issue_forms_of_the_configured_repository() -> None:
    repo = yaml.safe_load(re.search(r"^  repository:.*$", (ROOT / "mkdocs.yml").read_text(
        encoding="utf-8"), re.M).group(0).strip())["repository"]
    text = (ROOT / "content" / "guide" / "index.md").read_text(encoding="utf-8")
    links = re.findall(r"\((https://github\.com/[^)]+)\)", text)
    assert links and all(link.startswith(repo + "/") for link in links), links
    for name in FORM_TYPES:
        assert f"{repo}/issues/new?template={name}" in text
    assert "(fields.md)" in text
