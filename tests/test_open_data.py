"""Open data, feeds and stable links, checked on a real build of the site.

The site is built from content/ (CATALOGUE_TEST_CONTENT=/path points these tests
at another catalogue, as in tests/site) exactly as CI builds it:
``python -m mkdocs build --strict`` with a fixed SOURCE_DATE_EPOCH. Then every
export is read back the way its users read it: JSON against its own JSON Schema,
CSV with the csv module as Excel's «;» + UTF-8 BOM dialect, Atom with
xml.etree, JSON-LD as JSON from the page; a copy of the catalogue gets an entry
with a former id (a redirect page) and a hostile title (the JSON-LD must not let
it out of its script element); the offline edition is opened from file:// in
headless Chromium and searched.
"""
from __future__ import annotations

import csv
import datetime as dt
import fcntl
import io
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any, Callable
from urllib.parse import parse_qs, unquote, urlsplit
from xml.etree import ElementTree as ET

import jsonschema
import lxml.html
import pytest

REPO = Path(__file__).resolve().parents[1]
for folder in (REPO / "hooks", REPO / "scripts"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from catalogue import validate  # noqa: E402
from catalogue import export, feeds, jsonld, redirects  # noqa: E402
from catalogue.derive import DERIVED  # noqa: E402
from catalogue.model import TYPES, Catalogue, Entry  # noqa: E402
import sitebuild  # noqa: E402  (tests/site, on sys.path through tests/conftest.py)
from sitebuild import EPOCH, TODAY, content_dir  # noqa: E402

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
HOSTILE_TITLE = 'Грант </script><script>alert("ld")</script> & <!-- «кавычки» \' конец'
NEW_ID = "open-data-renamed-measure"
OLD_ID = "open-data-former-measure"


# --- building --------------------------------------------------------------------------

def site_name() -> str:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^site_name:\s*(.+?)\s*$", text, re.M)
    assert match
    return match.group(1)


def site_url() -> str:
    url = sitebuild.site_url()
    assert url, "mkdocs.yml has no site_url: feeds and open data need it"
    return url


def run_build(content: Path, out: Path, **env: str) -> None:
    done = sitebuild.run_build(content, out, **env)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-60:])
        pytest.fail(f"mkdocs build --strict of {content} failed:\n{tail}")


def shared(tmp_path_factory: pytest.TempPathFactory, name: str,
           make: Callable[[Path], None]) -> Path:
    """Build once per test session, even with pytest-xdist: the workers share the
    parent of their base temp folder, and a lock lets one build while others wait."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    target = root / f"open-data-{name}"
    with open(root / f"open-data-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (target / ".done").exists():
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
            make(target)
            (target / ".done").write_text("ok", encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    result = validate(content_dir(), TODAY)
    assert not result.errors, "\n".join(map(str, result.errors[:20]))
    return result.catalogue


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared(tmp_path_factory, "site",
                  lambda target: run_build(content_dir(), target / "site")) / "site"


@pytest.fixture(scope="module")
def offline_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def make(target: Path) -> None:
        environ = {**os.environ, "CATALOGUE_CONTENT": str(content_dir()),
                   "SOURCE_DATE_EPOCH": str(EPOCH), "NO_MKDOCS_2_WARNING": "1"}
        done = subprocess.run([sys.executable, "scripts/offline.py", "--zip-only",
                               "--zip", str(target / "catalogue-offline.zip")],
                              cwd=REPO, env=environ, capture_output=True, text=True,
                              timeout=900)
        assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    return shared(tmp_path_factory, "offline", make) / "catalogue-offline.zip"


def renamed_measure(content: Path) -> str:
    """A valid grant with a former id and a title that tries to break out of JSON-LD."""
    return sitebuild.measure_text(
        content, HOSTILE_TITLE, "Проверочная мера: прежний адрес и заголовок с разметкой.",
        last_reviewed=(TODAY - dt.timedelta(days=3)).isoformat(), old_ids=[OLD_ID])


@pytest.fixture(scope="module")
def changed_site(tmp_path_factory: pytest.TempPathFactory, offline_zip: Path) -> Path:
    """A copy of the catalogue with the renamed, hostile measure, published with
    the offline archive (CATALOGUE_OFFLINE_ZIP, as `make offline` does)."""
    def make(target: Path) -> None:
        content = target / "content"
        shutil.copytree(content_dir(), content, ignore=shutil.ignore_patterns(".*"))
        (content / "measures" / f"{NEW_ID}.md").write_text(renamed_measure(content),
                                                          encoding="utf-8")
        run_build(content, target / "site", CATALOGUE_OFFLINE_ZIP=str(offline_zip))
    return shared(tmp_path_factory, "changed", make) / "site"


# --- helpers ---------------------------------------------------------------------------

def local(site_dir: Path, url: str) -> Path:
    """The built file behind an absolute URL of the site."""
    base = site_url()
    assert url.startswith(base), url
    path = url[len(base):].split("#")[0]
    return site_dir / (path + "index.html" if path.endswith("/") or not path else path)


def resolve(site_dir: Path, page: Path, href: str) -> Path:
    """The file a relative link on a built page points to."""
    target = posixpath.normpath(posixpath.join(
        page.parent.relative_to(site_dir).as_posix(), urlsplit(href).path))
    path = site_dir / target
    return path / "index.html" if path.is_dir() else path


def entry_page(site_dir: Path, entry: Entry) -> Path:
    return site_dir / entry.url / "index.html"


def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def errors(schema: dict[str, Any], instance: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator(schema).iter_errors(instance)][:10]


def ld_scripts(page: Path) -> list[str]:
    tree = lxml.html.fromstring(page.read_bytes())
    return [s.text or "" for s in tree.xpath('//script[@type="application/ld+json"]')]


# --- JSON ------------------------------------------------------------------------------

def test_build_writes_exactly_the_engines_files(site: Path, catalogue: Catalogue) -> None:
    """The build writes what the engine computes, byte for byte (the engine is a pure
    function of content/: sorted ids and keys, dates from the entries)."""
    expected = {**export.files(catalogue, site_url()),
                **feeds.feeds(catalogue, site_url(), site_name())}
    for rel, data in expected.items():
        assert (site / rel).read_bytes() == data, rel


def test_catalogue_json_and_type_files_match_their_schema(site: Path) -> None:
    schema = load_json(site / "data" / "schemas" / "catalogue.schema.json")
    assert schema == export.catalogue_schema()
    assert errors(schema, load_json(site / "data" / "catalogue.json")) == []
    for name, spec in TYPES.items():
        schema = load_json(site / "data" / "schemas" / f"{name}.schema.json")
        assert schema == export.type_schema(spec)
        assert errors(schema, load_json(site / "data" / f"{name}.json")) == [], name


def _schema_named_after(rel: str) -> str:
    """data/measure.json -> data/schemas/measure.schema.json (reference/ likewise)."""
    folder, _, name = rel.removeprefix("data/").rpartition("/")
    return "data/schemas/" + (folder + "/" if folder else "") + name[:-len(".json")] \
        + ".schema.json"


def test_every_json_export_validates_against_the_schema_named_after_it(site: Path) -> None:
    """As a data user checks a download: the file against the schema of the same name,
    with check-jsonschema (python-jsonschema's CLI with its own format checks and
    metaschema check), not the engine's own validation. Every JSON file in data/."""
    cli = Path(sys.executable).with_name("check-jsonschema")
    assert cli.is_file(), "check-jsonschema is not installed (make deps-test)"
    exports = sorted(p.relative_to(site).as_posix() for p in (site / "data").rglob("*.json")
                     if "schemas" not in p.relative_to(site / "data").parts)
    assert {"data/catalogue.json", "data/analytics.json",
            *(f"data/{name}.json" for name in TYPES)} <= set(exports)
    failures = []
    for rel in exports:
        schema = site / _schema_named_after(rel)
        assert schema.is_file(), f"{rel}: no schema {schema.relative_to(site)}"
        done = subprocess.run([str(cli), "--check-metaschema", str(schema)],
                              capture_output=True, text=True, timeout=120)
        if done.returncode:
            failures.append(f"{schema.relative_to(site)} is not a valid schema:\n"
                            f"{done.stdout[-1500:]}")
        done = subprocess.run([str(cli), "--schemafile", str(schema), str(site / rel)],
                              capture_output=True, text=True, timeout=120)
        if done.returncode:
            failures.append(f"{rel} against {schema.relative_to(site)}:\n{done.stdout[-1500:]}")
    assert not failures, "\n".join(failures)


def test_open_data_page_says_which_schema_describes_which_file(site: Path) -> None:
    page = site / "data" / "index.html"
    tree = lxml.html.fromstring(page.read_bytes())
    rows = tree.xpath('//div[contains(@class, "cat-open-data")]//tbody/tr')
    assert rows
    for row in rows:
        links = [resolve(site, page, a.get("href")).relative_to(site).as_posix()
                 for a in row.xpath(".//a")]
        data = next(h for h in links if h.endswith(".json") and "/schemas/" not in h)
        schema = next(h for h in links if h.endswith(".schema.json"))
        assert schema == _schema_named_after(data), (data, schema)


def test_every_entry_appears_once_in_catalogue_and_once_in_its_type_file(
        site: Path, catalogue: Catalogue) -> None:
    everything = load_json(site / "data" / "catalogue.json")
    ids = [r["id"] for r in everything["entries"]]
    assert ids == sorted(catalogue.entries), "catalogue.json: each id once, sorted"
    assert everything["count"] == len(catalogue.entries)
    assert everything["counts"] == {n: len(catalogue.of_type(n)) for n in TYPES}
    for name in TYPES:
        document = load_json(site / "data" / f"{name}.json")
        type_ids = [r["id"] for r in document["entries"]]
        assert type_ids == sorted(e.id for e in catalogue.of_type(name)), name
        assert document["type"] == name and document["count"] == len(type_ids)
        assert all(r["type"] == name for r in document["entries"])


def test_records_are_the_front_matter_as_written(site: Path, catalogue: Catalogue) -> None:
    records = load_json(site / "data" / "catalogue.json")["entries"]
    # the front matter against the type's own schema; the whole record against the
    # record schema published inside data/schemas/<type>.schema.json
    schemas = {name: json.loads(json.dumps(spec.schema())) for name, spec in TYPES.items()}
    published = {name: load_json(site / "data" / "schemas" / f"{name}.schema.json")
                 ["properties"]["entries"]["items"] for name in TYPES}
    for item in records:
        entry = catalogue.entries[item["id"]]
        front = {k: v for k, v in item.items() if k not in export.OWN_KEYS}
        assert front == entry.data, entry.id
        # what the editor wrote against the type's schema; what the site counted aside
        front = {k: v for k, v in front.items() if k not in DERIVED.get(item["type"], {})}
        assert item["body_markdown"] == entry.body
        assert item["url"] == site_url() + entry.url
        assert local(site, item["url"]).is_file()
        assert errors(schemas[item["type"]], front) == [], entry.id
        assert errors(published[item["type"]], item) == [], entry.id


def test_reference_lists_are_exported(site: Path, catalogue: Catalogue) -> None:
    for name, items in catalogue.references.items():
        data = load_json(site / "data" / "reference" / f"{name}.json")
        schema = load_json(site / "data" / "schemas" / "reference" / f"{name}.schema.json")
        assert errors(schema, data) == [], name
        assert [i["id"] for i in data] == sorted(items)


# --- CSV -------------------------------------------------------------------------------

def test_csv_files_open_in_russian_excel(site: Path, catalogue: Catalogue) -> None:
    for name, spec in TYPES.items():
        raw = (site / "data" / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), f"{name}.csv: UTF-8 with BOM"
        assert raw.endswith(b"\r\n") and raw.split(b"\n", 1)[0].endswith(b"\r")
        assert raw.replace(b"\r\n", b"").count(b"\r") == 0, "CR only as part of CRLF"
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""),
                               delimiter=";"))
        header, body = rows[0], rows[1:]
        as_json = _object_list_columns(spec)
        assert header == [column for column, _ in export.csv_columns(spec)]
        assert header[:2] == ["id", "url"] and header[-1] == "body_markdown"
        assert len(body) == len(catalogue.of_type(name)), name
        for row in body:
            assert len(row) == len(header)
            cells = dict(zip(header, row))
            entry = catalogue.entries[cells["id"]]
            title = entry.title
            assert cells["title"] in (title, "'" + title)
            assert cells["topics"] == "; ".join(entry.topics)
            assert cells["last_reviewed"] == entry.data["last_reviewed"]
            assert cells["body_markdown"].lstrip("'") == entry.body
            for column in as_json:
                if cells[column]:
                    assert isinstance(json.loads(cells[column]), list), column


def _object_list_columns(spec: Any) -> list[str]:
    """Columns whose field is a list of objects: written as JSON text."""
    out = []
    for column, path in export.csv_columns(spec):
        schema: Any = {"properties": spec.properties}
        for part in path:
            schema = schema.get("properties", {}).get(part, {})
        items = schema.get("items") if schema.get("type") == "array" else None
        if isinstance(items, dict) and items.get("type") == "object":
            out.append(column)
    return out


def test_csv_cells_are_flattened_as_documented() -> None:
    assert export.csv_cell(["a", "b"]) == "a; b"
    assert export.csv_cell([{"opens": "2026-01-01"}]) == '[{"opens": "2026-01-01"}]'
    assert export.csv_cell(12.5) == "12,5"
    assert export.csv_cell(7.0) == "7"
    assert export.csv_cell(True) == "да"
    assert export.csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert export.csv_cell(None) == ""
    columns = [c for c, _ in export.csv_columns(TYPES["measure"])]
    assert "funding.max" in columns and "schedule.annual.months" in columns
    assert "schedule.windows" in columns and "funding" not in columns


# --- Atom ------------------------------------------------------------------------------

def _rfc3339(text: str | None) -> dt.datetime:
    assert text, "a date is missing"
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.mark.parametrize("folder", ["", *(spec.folder for spec in TYPES.values())])
def test_atom_feeds_are_valid(site: Path, catalogue: Catalogue, folder: str) -> None:
    rel = f"{folder}/feed.xml" if folder else "feed.xml"
    root = ET.parse(site / rel).getroot()
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{tag}")) == 1, f"{rel}: feed {tag}"
    assert root.findtext(f"{ATOM}id") == site_url() + rel
    selfs = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert [link.get("href") for link in selfs] == [site_url() + rel]
    assert (root.findtext(f"{ATOM}author/{ATOM}name") or "").strip(), "feed author"
    feed_updated = _rfc3339(root.findtext(f"{ATOM}updated"))

    spec = next((s for s in TYPES.values() if s.folder == folder), None)
    pool = list(catalogue) if spec is None else catalogue.of_type(spec.name)
    items = root.findall(f"{ATOM}entry")
    assert len(items) == min(feeds.LIMIT, len(pool))
    seen, previous = set(), None
    for item in items:
        for tag in ("id", "title", "updated"):
            assert (item.findtext(f"{ATOM}{tag}") or "").strip(), f"{rel}: entry {tag}"
        links = [link.get("href") for link in item.findall(f"{ATOM}link")
                 if link.get("rel", "alternate") == "alternate"]
        assert len(links) == 1 and local(site, links[0]).is_file()
        ident = item.findtext(f"{ATOM}id")
        assert ident not in seen
        seen.add(ident)
        entry = catalogue.entries[links[0].rstrip("/").rsplit("/", 1)[-1]]
        if spec is not None:
            assert entry.spec is spec
        assert item.findtext(f"{ATOM}title") == entry.title
        updated = _rfc3339(item.findtext(f"{ATOM}updated"))
        assert updated.date() == entry.last_reviewed
        assert _rfc3339(item.findtext(f"{ATOM}published")) <= updated
        assert updated <= feed_updated
        assert previous is None or updated <= previous, "newest first"
        previous = updated


def test_pages_link_their_feeds(site: Path, catalogue: Catalogue) -> None:
    pages = [site / "index.html", *(entry_page(site, e) for e in catalogue)]
    pages += [site / spec.folder / "index.html" for spec in TYPES.values()]
    for page in pages:
        tree = lxml.html.fromstring(page.read_bytes())
        hrefs = tree.xpath('//head/link[@rel="alternate"][@type="application/atom+xml"]/@href')
        targets = {resolve(site, page, h).relative_to(site).as_posix() for h in hrefs}
        assert "feed.xml" in targets, page
        assert all((site / t).is_file() for t in targets), (page, targets)
        assert targets == {"feed.xml"}, (page, targets)
    # Section feeds are linked in the text of the section pages, not in <head>:
    # Material fetches a sitemap.xml next to every rel=alternate link.
    for spec in TYPES.values():
        page = site / spec.folder / "index.html"
        tree = lxml.html.fromstring(page.read_bytes())
        hrefs = tree.xpath('//article//a[@type="application/atom+xml"]/@href')
        targets = {resolve(site, page, h).relative_to(site).as_posix() for h in hrefs}
        assert targets == {f"{spec.folder}/feed.xml"}, (page, targets)
        assert (site / spec.folder / "feed.xml").is_file()


# --- JSON-LD and sitemap ---------------------------------------------------------------

EXPECTED_TYPE = {"legal": "Legislation", "question": "QAPage", "practice": "Project",
                 "course": "Course", "problem": "CreativeWork", "solution": "HowTo"}


def test_every_entry_page_has_fitting_jsonld(site: Path, catalogue: Catalogue) -> None:
    for entry in catalogue:
        scripts = ld_scripts(entry_page(site, entry))
        assert len(scripts) == 1, entry.id
        assert "<" not in scripts[0] and "&" not in scripts[0]
        data = json.loads(scripts[0])
        assert data == json.loads(jsonld.script_text(jsonld.jsonld(entry, catalogue,
                                                                    site_url())))
        assert data["@context"] == "https://schema.org"
        assert data["name"] == entry.title and data["url"] == site_url() + entry.url
        kind = entry.spec.name
        if kind == "measure":
            expected = ("MonetaryGrant" if entry.data.get("kind") in ("grant", "subsidy")
                        else "GovernmentService")
        else:
            expected = EXPECTED_TYPE[kind]
        assert data["@type"] == expected, entry.id
        if kind == "legal":
            assert data["legislationDate"] == entry.data["adopted"]
            assert data["legislationLegalForce"] == jsonld.LEGAL_FORCE[entry.data["status"]]
        elif kind == "question":
            question = data["mainEntity"]
            assert question["@type"] == "Question" and question["answerCount"] == 1
            assert question["acceptedAnswer"]["@type"] == "Answer"
            assert question["acceptedAnswer"]["text"]
        elif kind == "course":
            assert data["provider"]["@type"] == "Organization"
            instances = data["hasCourseInstance"]
            assert instances and all(i["@type"] == "CourseInstance" for i in instances)
            assert len(instances) == max(1, len(entry.data.get("sessions") or []))
        elif kind == "solution":
            steps = data["step"]
            assert [s["@type"] for s in steps] == ["HowToStep"] * len(entry.data["steps"])
            assert [s["position"] for s in steps] == list(range(1, len(steps) + 1))


def test_sitemap_lists_every_entry_page(site: Path, catalogue: Catalogue) -> None:
    root = ET.parse(site / "sitemap.xml").getroot()
    locations = {loc.text for loc in root.iter(f"{SITEMAP}loc")}
    missing = [e.id for e in catalogue if site_url() + e.url not in locations]
    assert missing == []
    assert site_url() + "data/" in locations


# --- the «Открытые данные» page ---------------------------------------------------------

def test_open_data_page_links_every_file(site: Path, catalogue: Catalogue) -> None:
    page = site / "data" / "index.html"
    tree = lxml.html.fromstring(page.read_bytes())
    hrefs = tree.xpath('//div[contains(@class, "cat-open-data")]//table//a/@href')
    hrefs += tree.xpath('//ul[contains(@class, "cat-open-data-feeds")]//a/@href')
    targets = {resolve(site, page, h).relative_to(site).as_posix() for h in hrefs}
    expected = {p for row in export.manifest(catalogue)
                for p in (row["json"], row["csv"], row["schema"]) if p}
    expected |= {f.path for f in feeds.feeds_info("")}
    assert targets == expected
    assert all((site / t).is_file() for t in targets)
    assert not tree.xpath('//a[contains(@href, "catalogue-offline.zip")]'), \
        "no download link when no offline archive was built"
    home = lxml.html.fromstring((site / "index.html").read_bytes())
    assert any(resolve(site, site / "index.html", h) == page
               for h in home.xpath("//nav//a/@href")), "the page is in the navigation"


# --- stable links and hostile titles ---------------------------------------------------

def test_former_id_leads_to_the_entry(changed_site: Path) -> None:
    page = changed_site / "measures" / OLD_ID / "index.html"
    assert page.is_file()
    text = page.read_text(encoding="utf-8")
    tree = lxml.html.fromstring(text)
    assert tree.get("lang") == "ru"
    refresh = tree.xpath('//meta[@http-equiv="refresh"]/@content')
    assert refresh == [f"0; url=../{NEW_ID}/"]
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    assert canonical == [f"{site_url()}measures/{NEW_ID}/"]
    links = tree.xpath("//body//a/@href")
    assert links == [f"../{NEW_ID}/"]
    target = resolve(changed_site, page, links[0])
    assert target == changed_site / "measures" / NEW_ID / "index.html" and target.is_file()
    # The title is shown, escaped: no element of the editor's survives.
    assert "<script" not in text and tree.xpath("//script") == []
    assert HOSTILE_TITLE in tree.text_content()


def test_redirect_pages_escape_titles_and_follow_url_style() -> None:
    cat = Catalogue(root="content")
    spec = TYPES["legal"]
    entry = Entry(data={"title": '"><b>x', "old_ids": ["old-a"]}, positions={},
                  pos=None, spec=spec, id="new-a")  # type: ignore[arg-type]
    cat.entries[entry.id] = entry
    [(path, page)] = redirects.redirects(cat, "https://h.example/base/")
    assert path == "legal/old-a/index.html" and "<b>" not in page and "&lt;b&gt;" in page
    [(path, page)] = redirects.redirects(cat, "", use_directory_urls=False)
    assert path == "legal/old-a.html" and 'url=new-a.html' in page


def test_hostile_title_stays_inside_the_jsonld(changed_site: Path) -> None:
    page = changed_site / "measures" / NEW_ID / "index.html"
    html_text = page.read_text(encoding="utf-8")
    assert 'alert("ld")</script>' not in html_text
    tree = lxml.html.fromstring(html_text)
    scripts = tree.xpath("//script")
    assert not any('alert("ld")' in (s.text or "") and s.get("type") != "application/ld+json"
                   for s in scripts), "the title opened a script of its own"
    [ld] = ld_scripts(page)
    data = json.loads(ld)
    assert data["name"] == HOSTILE_TITLE and data["@type"] == "MonetaryGrant"
    assert "\\u003c/script\\u003e" in ld


def test_offline_archive_is_published_with_the_site(changed_site: Path,
                                                    offline_zip: Path) -> None:
    published = changed_site / "downloads" / "catalogue-offline.zip"
    assert published.read_bytes() == offline_zip.read_bytes()
    page = changed_site / "data" / "index.html"
    hrefs = lxml.html.fromstring(page.read_bytes()).xpath(
        '//a[contains(@href, "catalogue-offline.zip")]/@href')
    assert [resolve(changed_site, page, h) for h in hrefs] == [published]


# --- the offline edition ---------------------------------------------------------------

def test_offline_archive_is_a_complete_site(offline_zip: Path, catalogue: Catalogue) -> None:
    with zipfile.ZipFile(offline_zip) as zf:
        names = set(zf.namelist())
    top = "catalogue-offline/"
    assert {top + "index.html", top + "search/search_index.js",
            top + "assets/javascripts/vendor/iframe-worker-1.0.4.min.js",
            top + "data/catalogue.json"} <= names
    missing = [e.id for e in catalogue if f"{top}{e.spec.folder}/{e.id}.html" not in names]
    assert missing == [], "offline pages are <folder>/<id>.html"


def _search_word(catalogue: Catalogue) -> str:
    """A Russian word from a title whose Russian stem is shorter than the word, so the
    search only finds it when our worker stems the query."""
    import snowballstemmer
    stemmer = snowballstemmer.stemmer("russian")
    for entry in sorted(catalogue, key=lambda e: e.id):
        for word in re.findall(r"[а-яё]{7,}", entry.title.lower()):
            if stemmer.stemWord(word) != word:
                return word
    pytest.skip("no title word with a Russian ending to search for")


def test_offline_edition_searches_from_file_url(offline_zip: Path, catalogue: Catalogue,
                                               tmp_path: Path, browser: Any) -> None:
    with zipfile.ZipFile(offline_zip) as zf:
        zf.extractall(tmp_path)
    root = tmp_path / "catalogue-offline"
    word = _search_word(catalogue)
    remote: list[str] = []
    context = browser.new_context()
    try:
        page = context.new_page()
        page.on("request", lambda r: remote.append(r.url)
                if not r.url.startswith(("file:", "data:", "about:", "blob:")) else None)
        page.goto((root / "index.html").as_uri())
        page.fill("input[data-md-component=search-query]", word)
        page.keyboard.press("End")
        page.wait_for_selector(".md-search-result__item", timeout=30000)
        href = page.locator(".md-search-result__item a").first.get_attribute("href")
        assert href and href.startswith("file://") and ".html" in href, href
        # Our worker stemmed the query: Material highlights what it searched for.
        highlighted = parse_qs(urlsplit(href).query).get("h", [""])[0]
        assert highlighted and highlighted != word and word.startswith(unquote(highlighted))
        page.goto(href)
        assert page.locator("h1").first.inner_text().strip()
    finally:
        context.close()
    assert remote == [], f"the offline edition asked the network for {remote}"
