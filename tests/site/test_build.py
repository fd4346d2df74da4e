"""The built site against the catalogue: every entry has its page, fact card and
backlinks, taxonomy pages list the right entries, links resolve, builds are
reproducible, editors' text cannot inject markup, and broken content stops the build.

The site is built once per session (conftest.built_site); the engine's answers
(validate, build_links) are the expectations, and where cheap they are also
computed independently here.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

import sitebuild
from sitebuild import css, page_file, parse, text_of

# The seven entry folders, written out here so that the page count does not rely
# on the engine that also makes the pages.
FOLDERS = ["measures", "solutions", "legal", "questions", "practices", "courses", "problems"]
TYPE_NAMES = ["measure", "solution", "legal", "question", "practice", "course", "problem"]


def _types() -> dict[str, Any]:
    sitebuild.engine()
    from catalogue.model import TYPES
    return TYPES


def _facts(doc: Any) -> dict[str, Any]:
    """The fact card of an entry page as {label: <dd>}."""
    cards = css(doc, ".cat-card")
    assert len(cards) == 1, "an entry page has exactly one .cat-card"
    return {text_of(div.find("dt")): div.find("dd") for div in css(cards[0], ".cat-fact")}


def _links_in(element: Any, site: Path, html_file: Path) -> list[tuple[str, str | None]]:
    """(text, site-relative target) of every <a> under ``element``."""
    out = []
    for a in element.iter("a"):
        href = a.get("href")
        out.append((text_of(a), sitebuild.resolve_href(site, html_file, href) if href else None))
    return out


def _norm(text: str) -> str:
    return " ".join(text.split())


# --- (a) one page per entry ----------------------------------------------------------

def test_engine_knows_the_seven_folders() -> None:
    assert sorted(s.folder for s in _types().values()) == sorted(FOLDERS)


def test_one_page_per_entry(built_site: Path, engine_result: Any, content: Path) -> None:
    by_engine = {(e.spec.folder, e.id) for e in engine_result.catalogue}
    by_files = {(folder, p.stem) for folder in FOLDERS
                for p in (content / folder).glob("*.md")} if content.is_dir() else set()
    old_ids = {(e.spec.folder, str(old)) for e in engine_result.catalogue
               for old in e.data.get("old_ids") or []}
    by_site = {(folder, d.name) for folder in FOLDERS if (built_site / folder).is_dir()
               for d in (built_site / folder).iterdir() if (d / "index.html").is_file()}
    by_site -= old_ids          # redirect pages of renamed entries (test_old_ids_redirect)
    assert len(by_engine) == len(by_files), "engine and content/<folder>/*.md disagree"
    assert by_engine == by_files
    assert by_site == by_engine, (f"entries without a page: {sorted(by_engine - by_site)[:10]}; "
                                  f"pages without an entry: {sorted(by_site - by_engine)[:10]}")
    assert len(by_site) > 0


def test_old_ids_redirect_to_the_entry(built_site: Path, engine_result: Any) -> None:
    renamed = [(e, str(old)) for e in engine_result.catalogue for old in e.data.get("old_ids") or []]
    if not renamed:
        pytest.skip("no entry has old_ids")
    wrong = []
    for entry, old in renamed:
        html_file = built_site / entry.spec.folder / old / "index.html"
        if not html_file.is_file():
            wrong.append(f"{entry.spec.folder}/{old}/: no redirect page")
            continue
        doc = parse(html_file)
        refresh = doc.xpath("//meta[@http-equiv='refresh']/@content")
        target = refresh[0].split("url=", 1)[-1] if refresh else ""
        if sitebuild.resolve_href(built_site, html_file, target) != entry.url:
            wrong.append(f"{entry.spec.folder}/{old}/ refreshes to {target!r}, not {entry.url}")
    assert not wrong, "\n".join(wrong)


def test_entry_page_shows_title_and_summary(built_site: Path, engine_result: Any) -> None:
    wrong = []
    for entry in engine_result.catalogue:
        doc = parse(page_file(built_site, entry.url))
        h1 = css(doc, "article.cat-entry h1")
        summary = css(doc, "article.cat-entry .cat-summary")
        if not h1 or text_of(h1[0]) != _norm(entry.title):
            wrong.append(f"{entry.url}: h1 {text_of(h1[0]) if h1 else None!r}")
        if not summary or text_of(summary[0]) != _norm(entry.summary):
            wrong.append(f"{entry.url}: summary")
        title = doc.find(".//title")
        if title is None or _norm(entry.title) not in _norm(title.text or ""):
            wrong.append(f"{entry.url}: <title> {title.text if title is not None else None!r}")
    assert not wrong, "\n".join(wrong[:20])


# --- (b) fact cards ------------------------------------------------------------------

def _check_measure(e: Any, doc: Any, facts: dict[str, Any], cat: Any) -> list[str]:
    out = []
    status = css(doc, ".cat-card .cat-status")
    if not status:
        out.append("no .cat-status badge")
    elif text_of(status[0]) != _norm(cat.status(e).label):
        out.append(f"status {text_of(status[0])!r} != engine {cat.status(e).label!r}")
    if "Вид поддержки" not in facts:
        out.append("no «Вид поддержки»")
    elif text_of(facts["Вид поддержки"]) != cat.enum_label("measure", "kind", e.data["kind"]):
        out.append("«Вид поддержки» differs from the kind label")
    if e.data.get("legal_basis"):
        shown = [text_of(a) for a in facts["Правовое основание"].iter("a")] \
            if "Правовое основание" in facts else []
        want = [r.title for r in cat.refs("legal", e.data["legal_basis"])]
        if [_norm(t) for t in want] != shown:
            out.append(f"«Правовое основание» shows {shown}, expected {want}")
    return out


def _check_legal(e: Any, doc: Any, facts: dict[str, Any], cat: Any) -> list[str]:
    out = []
    if "Статус" not in facts:
        out.append("no «Статус»")
    elif text_of(facts["Статус"]) != cat.enum_label("legal", "status", e.data["status"]):
        out.append(f"«Статус» {text_of(facts['Статус'])!r}")
    for label, refs in cat.legal_relations(e):
        if label not in facts:
            out.append(f"relation «{label}» missing")
            continue
        shown = {text_of(a) for a in facts[label].iter("a")}
        missing = {_norm(r.title) for r in refs} - shown
        if missing:
            out.append(f"relation «{label}» lacks {sorted(missing)}")
    return out


def _check_practice(e: Any, doc: Any, facts: dict[str, Any], cat: Any) -> list[str]:
    results = e.data.get("results") or []
    tables = css(doc, ".cat-card table.cat-results")
    if not results:
        return ["a results table without results"] if tables else []
    if len(tables) != 1:
        return ["no results table"]
    rows = css(tables[0], "tbody tr")
    out = [] if len(rows) == len(results) else [f"{len(rows)} result rows, {len(results)} results"]
    for row, result in zip(rows, results):
        if not text_of(row.find("th")).startswith(_norm(str(result["indicator"]))):
            out.append(f"result row {text_of(row.find('th'))!r}")
    return out


def _check_course(e: Any, doc: Any, facts: dict[str, Any], cat: Any) -> list[str]:
    if "Формат" not in facts:
        return ["no «Формат»"]
    # format is optional: a course whose organiser did not state it says so
    fmt = e.data.get("format")
    expected = cat.enum_label("course", "format", fmt) if fmt else NOT_REPORTED
    if text_of(facts["Формат"]) != expected:
        return [f"«Формат» {text_of(facts['Формат'])!r}"]
    return []


def _check_problem(e: Any, doc: Any, facts: dict[str, Any], cat: Any) -> list[str]:
    if "Обращений" not in facts:
        return ["no «Обращений»"]
    digits = re.sub(r"\D", "", text_of(facts["Обращений"]))
    return [] if digits == str(e.data["reports"]) else [f"«Обращений» {digits}"]


def _check_question(e: Any, doc: Any, facts: dict[str, Any], cat: Any) -> list[str]:
    if "Нормы" not in facts:
        return ["no «Нормы»"]
    shown = {text_of(a) for a in facts["Нормы"].iter("a")}
    missing = {_norm(r.title) for r in cat.refs("legal", e.data["legal"])} - shown
    return [f"«Нормы» lacks {sorted(missing)}"] if missing else []


def _check_solution(e: Any, doc: Any, facts: dict[str, Any], cat: Any) -> list[str]:
    steps = css(doc, ".cat-card ol.cat-steps")
    if len(steps) != 1:
        return ["no numbered steps (ol.cat-steps)"]
    items = steps[0].findall("li")
    out = [] if len(items) == len(e.data["steps"]) else [f"{len(items)} steps shown"]
    for li, step in zip(items, e.data["steps"]):
        strong = li.find("strong")
        if strong is None or text_of(strong) != _norm(step["title"]):
            out.append(f"step {step['title']!r}")
    return out


NOT_REPORTED = "не сообщается"

CHECKS = {"measure": _check_measure, "legal": _check_legal, "practice": _check_practice,
          "course": _check_course, "problem": _check_problem, "question": _check_question,
          "solution": _check_solution}


@pytest.mark.parametrize("kind", TYPE_NAMES)
def test_fact_card(kind: str, built_site: Path, engine_result: Any, cat_site: Any) -> None:
    entries = engine_result.catalogue.of_type(kind)
    if not entries:
        pytest.skip(f"the catalogue has no {kind} yet")
    wrong = []
    for e in entries:
        doc = parse(page_file(built_site, e.url))
        facts = _facts(doc)
        problems = CHECKS[kind](e, doc, facts, cat_site)
        for label in ("Темы", "Проверено"):
            if label not in facts:
                problems.append(f"no «{label}»")
        wrong += [f"{e.url}: {p}" for p in problems]
    assert not wrong, "\n".join(wrong[:30])


# --- (c) backlinks -------------------------------------------------------------------

def test_backlinks(built_site: Path, engine_result: Any) -> None:
    from catalogue.links import build_links
    catalogue = engine_result.catalogue
    links = build_links(catalogue)
    checked = 0
    wrong = []
    pages: dict[str, list[tuple[str, str | None]]] = {}
    for (kind, ident), found in links.to.items():
        if kind not in _types():
            continue                    # organisations, topics, regions: not entries
        target = catalogue.entries[ident]
        html_file = page_file(built_site, target.url)
        if target.url not in pages:
            doc = parse(html_file)
            sections = css(doc, ".cat-backlinks")
            pages[target.url] = _links_in(sections[0], built_site, html_file) if sections else []
        shown = pages[target.url]
        for link in found:
            checked += 1
            want = (_norm(link.source.title), link.source.url)
            if want not in shown:
                wrong.append(f"{target.url}: no backlink to {link.source.url} "
                             f"({link.field})")
    assert not wrong, "\n".join(sorted(set(wrong))[:30])
    if not checked:
        pytest.skip("no entry refers to another entry")


def test_no_backlinks_section_without_references(built_site: Path, engine_result: Any) -> None:
    from catalogue.links import build_links
    referred = {ident for (kind, ident) in build_links(engine_result.catalogue).to
                if kind in _types()}
    extra = [e.url for e in engine_result.catalogue if e.id not in referred
             and css(parse(page_file(built_site, e.url)), ".cat-backlinks")]
    assert not extra, extra[:10]


# --- (d) taxonomy pages ----------------------------------------------------------------

def _expected_taxonomy(catalogue: Any) -> dict[tuple[str, str], set[str]]:
    """(reference list, id) -> urls of the entries its page lists, computed here."""
    want: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in catalogue:
        d = e.data
        for topic in e.topics:
            want[("topic", topic)].add(e.url)
        if e.spec.name == "measure":
            # regions: all — counted on every region page and linked to the finder,
            # not listed 89 times; a list of regions — listed on each of them.
            for region in d.get("regions") if isinstance(d.get("regions"), list) else []:
                want[("region", region)].add(e.url)
            for mtype in (d.get("recipients") or {}).get("municipality_types") or []:
                want[("municipality_type", mtype)].add(e.url)
        elif e.spec.name == "practice":
            want[("region", d["region"])].add(e.url)
            want[("municipality_type", d["municipality_type"])].add(e.url)
        elif e.spec.name == "problem":
            for region in d.get("regions") or []:
                want[("region", region)].add(e.url)
    return want


TAXONOMIES = [("topic", "topics"), ("region", "regions"),
              ("municipality_type", "municipality-types")]


@pytest.mark.parametrize("name,folder", TAXONOMIES)
def test_taxonomy_pages(name: str, folder: str, built_site: Path, engine_result: Any) -> None:
    catalogue = engine_result.catalogue
    entry_urls = {e.url for e in catalogue}
    want = _expected_taxonomy(catalogue)
    items = catalogue.references[name]
    assert items, f"the {name} list is empty"
    index_file = built_site / folder / "index.html"
    assert index_file.is_file(), f"{folder}/ has no index page"
    listed = {t for _, t in _links_in(css(parse(index_file), ".md-content")[0],
                                      built_site, index_file)}
    wrong = []
    for ident in items:
        url = f"{folder}/{ident}/"
        if url not in listed:
            wrong.append(f"{folder}/index.html does not link to {url}")
        html_file = page_file(built_site, url)
        if not html_file.is_file():
            wrong.append(f"{url}: no page")
            continue
        content = css(parse(html_file), ".md-content")[0]
        shown = {t for _, t in _links_in(content, built_site, html_file) if t in entry_urls}
        expected = want.get((name, ident), set())
        if shown != expected:
            wrong.append(f"{url}: missing {sorted(expected - shown)[:5]}, "
                         f"extra {sorted(shown - expected)[:5]}")
    assert not wrong, "\n".join(wrong[:30])


# --- (e) internal links --------------------------------------------------------------------

def test_every_internal_link_resolves(built_site: Path) -> None:
    broken: list[str] = []
    files = sorted(built_site.rglob("*.html"))
    assert files
    for html_file in files:
        doc = parse(html_file)
        where = html_file.relative_to(built_site).as_posix()
        for element in doc.iter():
            if not isinstance(element.tag, str):
                continue
            for attr in ("href", "src", "data-index"):     # data-index: a finder's JSON
                value = element.get(attr)
                if value is None:
                    continue
                try:
                    rel = sitebuild.resolve_href(built_site, html_file, value)
                except ValueError as exc:
                    broken.append(f"{where}: <{element.tag} {attr}={value!r}>: {exc}")
                    continue
                if rel is None:
                    continue
                if not sitebuild.target_file(built_site, rel).is_file():
                    broken.append(f"{where}: <{element.tag} {attr}={value!r}> -> {rel}")
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:40])


def test_search_worker_in_config_exists(built_site: Path) -> None:
    """main.html routes search through our worker: the file it names must be there."""
    doc = parse(built_site / "index.html")
    config = json.loads(doc.get_element_by_id("__config").text)
    assert (built_site / "assets/javascripts/workers/search-ru.js").is_file()
    assert sitebuild.target_file(built_site, sitebuild.resolve_href(
        built_site, built_site / "index.html", config["search"])).is_file()
    index = json.loads((built_site / "search/search_index.json").read_text("utf-8"))
    assert index["docs"], "the search index is empty"


def test_status_badges_carry_valid_windows(built_site: Path, engine_result: Any,
                                           cat_site: Any) -> None:
    """status.js recomputes statuses from data-windows: it must be intact JSON."""
    wrong = []
    for measure in engine_result.catalogue.of_type("measure"):
        html_file = page_file(built_site, measure.url)
        for badge in css(parse(html_file), ".cat-card .cat-status"):
            raw = badge.get("data-windows")
            if raw is None:
                continue
            try:
                value = json.loads(raw)
            except ValueError:
                wrong.append(f"{measure.url}: data-windows={raw[:60]!r} is not JSON "
                             f"(the attribute was cut at its first quote)")
                continue
            if value != json.loads(cat_site.windows_json(measure)):
                wrong.append(f"{measure.url}: data-windows {value} != the engine's windows")
    assert not wrong, "\n".join(wrong[:20])


# --- (f) reproducible builds ----------------------------------------------------------------

def test_two_builds_are_byte_identical(built_site: Path, content: Path,
                                       tmp_path: Path) -> None:
    again = sitebuild.build_or_explain(content, tmp_path / "site")
    first, second = sitebuild.tree_digest(built_site), sitebuild.tree_digest(again)
    assert first.keys() == second.keys()
    differ = sorted(k for k in first if first[k] != second[k])
    # sitemap.xml.gz included: MkDocs takes the gzip mtime from SOURCE_DATE_EPOCH
    # and gzip stores only the base name of the file.
    assert not differ, f"files that differ between two builds: {differ[:20]}"


def test_speed_ups_change_no_byte(built_site: Path, content: Path, tmp_path: Path) -> None:
    """Two speed-ups must not show: Material's navigation, tabs, header widgets, styles,
    scripts and our list rows are rendered once per page depth or folder (hooks/fragments.py),
    and open data, calendars and feeds are written by a forked process while the pages
    render (hooks/site.py). Without both, every file must be byte for byte the same."""
    plain = sitebuild.build_or_explain(content, tmp_path / "site", CATALOGUE_SHELL_CACHE="0",
                                       CATALOGUE_PARALLEL="0")
    fast, slow = sitebuild.tree_digest(built_site), sitebuild.tree_digest(plain)
    assert fast.keys() == slow.keys(), sorted(fast.keys() ^ slow.keys())[:20]
    differ = sorted(k for k in fast if fast[k] != slow[k])
    assert not differ, f"files that differ with the speed-ups: {differ[:20]}"


def test_an_error_while_writing_beside_the_pages_fails_the_build(content: Path,
                                                                 tmp_path: Path) -> None:
    """The forked writer's error reaches the build (here: a missing offline edition)."""
    done = sitebuild.run_build(content, tmp_path / "site",
                               CATALOGUE_OFFLINE_ZIP=str(tmp_path / "missing.zip"))
    assert done.returncode != 0
    assert "missing.zip: файла нет" in done.stdout + done.stderr


def test_build_date_is_the_epoch(built_site: Path) -> None:
    sitemap = (built_site / "sitemap.xml").read_text("utf-8")
    assert f"<lastmod>{sitebuild.TODAY.isoformat()}</lastmod>" in sitemap


# --- (g) editors' text cannot inject markup ---------------------------------------------------

EVIL_TITLE = "<img src=x onerror=alert(1)>"
EVIL_SUMMARY = "Проверка экранирования: <script>alert(1)</script> в кратком описании меры."
# The same, trying to leave an attribute value (meta description, aria-label, title=).
QUOTED_TITLE = "Мера \"><img src=x onerror=alert(2)> 'x'"
QUOTED_SUMMARY = "Проверка кавычек: \"><script>alert(2)</script><b x=' в описании меры."
EVIL_LEGAL_TITLE = "Закон <svg onload=alert(3)> о проверке"
COURSE_WITHOUT_FORMAT = "Программа без указанного формата"


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory: pytest.TempPathFactory, content: Path) -> Path:
    root = tmp_path_factory.mktemp("evil")
    copy = sitebuild.copy_content(content, root)
    (copy / "measures").mkdir(exist_ok=True)
    (copy / "measures" / "evil-measure.md").write_text(
        sitebuild.measure_text(copy, EVIL_TITLE, EVIL_SUMMARY), encoding="utf-8")
    (copy / "measures" / "evil-quoted-measure.md").write_text(
        sitebuild.measure_text(copy, QUOTED_TITLE, QUOTED_SUMMARY, legal_basis=["evil-legal"],
                               old_ids=["evil-quoted-measure-old"]), encoding="utf-8")
    # A legal document with markup in its title: the measure's fact card names it
    # (macro ref_links), and its page lists the measure among backlinks (entry_row).
    (copy / "legal").mkdir(exist_ok=True)
    (copy / "legal" / "evil-legal.md").write_text(
        sitebuild.legal_text(copy, EVIL_LEGAL_TITLE, EVIL_SUMMARY), encoding="utf-8")
    # Not hostile, but unusual: a course whose organiser did not state its format.
    (copy / "courses").mkdir(exist_ok=True)
    (copy / "courses" / "course-without-format.md").write_text(
        sitebuild.course_text(copy, COURSE_WITHOUT_FORMAT, "Курс, формат которого "
                              "организатор не сообщил: карточка так и говорит."),
        encoding="utf-8")
    try:
        return sitebuild.build_or_explain(copy, root / "site")
    except sitebuild.BuildFailed as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.mark.parametrize("ident,title,summary", [
    ("evil-measure", EVIL_TITLE, EVIL_SUMMARY),
    ("evil-quoted-measure", QUOTED_TITLE, QUOTED_SUMMARY)], ids=["tags", "quotes"])
def test_title_and_summary_are_escaped_on_the_entry_page(
        evil_site: Path, ident: str, title: str, summary: str) -> None:
    html_file = evil_site / "measures" / ident / "index.html"
    raw = html_file.read_text("utf-8")
    assert "&lt;img src=x onerror=alert(" in raw
    assert "&lt;script&gt;alert(" in raw
    doc = parse(html_file)
    assert text_of(css(doc, "article.cat-entry h1")[0]) == _norm(title)
    assert text_of(css(doc, "article.cat-entry .cat-summary")[0]) == _norm(summary)
    assert not doc.xpath("//img[@src='x']")


def test_course_without_format_builds_and_says_so(evil_site: Path) -> None:
    """format is optional (no page stated it): the card says «не сообщается», the
    courses finder lists the course with no format (finder.js: only «Любой» shows it)."""
    doc = parse(evil_site / "courses" / "course-without-format" / "index.html")
    facts = _facts(doc)
    assert text_of(facts["Формат"]) == NOT_REPORTED
    assert "None" not in text_of(css(doc, "article.cat-entry")[0])
    index = json.loads((evil_site / "courses" / "finder.json").read_text("utf-8"))
    item = next(i for i in index["items"] if i["id"] == "course-without-format")
    assert item["t"] == COURSE_WITHOUT_FORMAT and item["f"] is None


def _injections(doc: Any) -> list[str]:
    """Elements and attributes that only an unescaped editor's text can have made."""
    out = [f"<{el.tag} onerror>" for el in doc.xpath(".//*[@onerror]")]
    out += [f"<{el.tag} onload>" for el in doc.xpath(".//*[@onload]")]
    out += ["<script>alert</script>" for el in doc.xpath(".//script")
            if re.fullmatch(r"\s*alert\(\d\)\s*", el.text or "")]
    for el in doc.xpath(".//script[@type='application/ld+json']"):
        try:
            json.loads(el.text or "")
        except ValueError:
            out.append("JSON-LD broken")
    out += [f"<{el.tag}> injected" for el in doc.xpath(".//img[@src='x'] | .//b[@x] | .//svg")
            if el.tag != "svg" or el.get("onload") is not None]
    if len(doc.xpath(".//meta[@name='description']")) > 1:
        out.append("meta description split")
    return out


def test_meta_description_is_escaped(evil_site: Path) -> None:
    """page.meta.description goes into content="..." unescaped by Material's base.html."""
    doc = parse(evil_site / "measures" / "evil-quoted-measure" / "index.html")
    metas = doc.xpath("//meta[@name='description']")
    assert [m.get("content") for m in metas] == [QUOTED_SUMMARY]
    assert not _injections(doc.find("head"))


def test_listings_escape_titles(evil_site: Path) -> None:
    """Section index and taxonomy tables (catalogue/tables/*.html)."""
    pages = ["measures/index.html", f"topics/{_first_topic(evil_site)}/index.html"]
    found = {p: _injections(css(parse(evil_site / p), ".md-content")[0]) for p in pages}
    assert not any(found.values()), found


def test_fact_card_escapes_referenced_titles(evil_site: Path) -> None:
    """A legal title shown in a measure's fact card (macros.ref_links)."""
    doc = parse(evil_site / "measures" / "evil-quoted-measure" / "index.html")
    card = css(doc, ".cat-card")[0]
    assert not _injections(card)
    assert _norm(EVIL_LEGAL_TITLE) in [text_of(a) for a in card.iter("a")]


def test_backlinks_escape_titles(evil_site: Path) -> None:
    """The measure listed on the legal document's page (macros.entry_row)."""
    doc = parse(evil_site / "legal" / "evil-legal" / "index.html")
    section = css(doc, ".cat-backlinks")[0]
    assert not _injections(section)
    assert _norm(QUOTED_TITLE) in [text_of(a) for a in section.iter("a")]


def _first_topic(site: Path) -> str:
    return sitebuild.first_id(site.parent / "content", "topics.yml")


def test_no_injected_element_anywhere(evil_site: Path) -> None:
    """Every page: listings, taxonomy pages, the home page, head and fact cards."""
    found: dict[str, list[str]] = defaultdict(list)
    for html_file in sorted(evil_site.rglob("*.html")):
        where = html_file.relative_to(evil_site).as_posix()
        for what in set(_injections(parse(html_file))):
            found[what].append(where)
    assert not found, "\n".join(f"{what} on {len(pages)} pages, e.g. {pages[:6]}"
                                for what, pages in sorted(found.items()))


def test_renamed_entry_redirects(evil_site: Path) -> None:
    """old_ids: the former address answers with a page that sends the reader on
    (its title, from the editor, escaped like everywhere else)."""
    html_file = evil_site / "measures" / "evil-quoted-measure-old" / "index.html"
    assert html_file.is_file()
    doc = parse(html_file)
    target = doc.xpath("//meta[@http-equiv='refresh']/@content")[0].split("url=", 1)[-1]
    assert sitebuild.resolve_href(evil_site, html_file, target) == "measures/evil-quoted-measure/"
    assert not _injections(doc)


def test_search_index_escapes_titles(evil_site: Path) -> None:
    index = json.loads((evil_site / "search/search_index.json").read_text("utf-8"))
    docs = [d for d in index["docs"] if d["location"].startswith("measures/evil")]
    assert len(docs) == 2
    for doc in docs:
        assert "<img" not in doc["title"] and "<script" not in doc["text"]


def test_raw_html_in_a_body_fails_the_build(content: Path, tmp_path: Path) -> None:
    copy = sitebuild.copy_content(content, tmp_path)
    (copy / "measures").mkdir(exist_ok=True)
    body = "## Что дают\n\nГрант.\n\n<script>alert(1)</script>\n"
    (copy / "measures" / "html-body.md").write_text(
        sitebuild.measure_text(copy, "Мера с HTML в тексте", "Текст меры содержит HTML, "
                               "и сборка должна остановиться.", body=body), encoding="utf-8")
    done = sitebuild.run_build(copy, tmp_path / "site")
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert re.search(r"content/measures/html-body\.md:\d+:1: error body-html", output), output[-3000:]
    assert not (tmp_path / "site" / "measures" / "html-body" / "index.html").exists()


# --- (h) broken content stops the build ------------------------------------------------------------

def test_unknown_field_fails_the_build_with_its_position(content: Path, tmp_path: Path) -> None:
    copy = sitebuild.copy_content(content, tmp_path)
    (copy / "measures").mkdir(exist_ok=True)
    text = sitebuild.measure_text(copy, "Мера с лишним полем", "У этой меры есть поле, "
                                  "которого нет в схеме.", extra="colour: red\n")
    line = text.splitlines().index("colour: red") + 1
    (copy / "measures" / "broken-entry.md").write_text(text, encoding="utf-8")
    done = sitebuild.run_build(copy, tmp_path / "site")
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert f"content/measures/broken-entry.md:{line}:1: error unknown-field" in output, \
        output[-3000:]


# --- (i) the second core: links to anchors are checked across both processes ---------------

def _two_neighbours(copy: Path) -> tuple[Path, Path]:
    """Two entries next to each other in the build order: a forked build gives one to
    each process (every second catalogue page goes to the child)."""
    first, second = sorted((copy / "measures").glob("*.md"))[:2]
    return first, second


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text + "\n",
                    encoding="utf-8")


def test_links_to_anchors_of_the_other_process_are_found(content: Path,
                                                          tmp_path: Path) -> None:
    copy = sitebuild.copy_content(content, tmp_path)
    first, second = _two_neighbours(copy)
    # Entries cite each other as [[id]] (a path link is an editor's error, lint.py); a
    # hand-written page links to sections of both neighbours, one rendered by each
    # process. MkDocs checks anchors of links to the .md file: write them that way.
    _append(first, "См. [ниже](#что-даёт).")
    _append(copy / "about.md", f"См. [условия](measures/{first.name}#что-даёт) и "
                               f"[другие](measures/{second.name}#что-даёт).")
    done = sitebuild.run_build(copy, tmp_path / "site")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-3000:]
    assert "does not contain an anchor" not in output, output[-3000:]
    assert "no such anchor" not in output, output[-3000:]
    page = (tmp_path / "site" / "about" / "index.html").read_text("utf-8")
    assert f'href="../measures/{second.stem}/#что-даёт"' in page


def test_broken_anchors_fail_the_build_in_either_process(content: Path, tmp_path: Path) -> None:
    copy = sitebuild.copy_content(content, tmp_path)
    first, second = _two_neighbours(copy)
    for path in (first, second):
        _append(path, "См. [раздел](#нет-такого-раздела).")
    done = sitebuild.run_build(copy, tmp_path / "site")
    output = done.stdout + done.stderr
    assert done.returncode != 0
    # The catalogue's check names both before MkDocs renders anything (body-anchor, at the
    # editor's line); MkDocs' own anchor check stays behind it for hand-written pages.
    for path in (first, second):
        assert f"measures/{path.name}:" in output and "body-anchor" in output, output[-3000:]


# --- (j) [[id]] in hand-written pages (issue 17: nothing an editor writes stays raw) ------------

def test_short_refs_in_hand_written_pages_become_links(content: Path, tmp_path: Path) -> None:
    copy = sitebuild.copy_content(content, tmp_path)
    # as a reviewer wrote it in content/about.md, and in a page one folder down
    _append(copy / "about.md", "Основа — [[fz-131-2003]]; см. также "
                               "[[fz-131-2003|закон о местном самоуправлении]].")
    _append(copy / "guide" / "index.md", "Пример: [[fz-131-2003]]. В коде — текст: "
                                         "`[[fz-131-2003]]`.")
    done = sitebuild.run_build(copy, tmp_path / "site")
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    for src, up in (("about", "../"), ("guide", "../")):
        doc = parse(tmp_path / "site" / src / "index.html")
        article = css(doc, "article")[0]
        links = [a for a in article.iter("a")
                 if a.get("href") == f"{up}legal/fz-131-2003/"]
        assert links and all(text_of(a) for a in links), src
        prose = "".join(article.xpath(".//text()[not(ancestor::code)]"))
        assert "[[fz-131-2003" not in prose, src
    about = css(parse(tmp_path / "site" / "about" / "index.html"), "article")[0]
    assert "закон о местном самоуправлении" in [text_of(a) for a in about.iter("a")]
    guide = css(parse(tmp_path / "site" / "guide" / "index.html"), "article")[0]
    assert "[[fz-131-2003]]" in [text_of(c) for c in guide.iter("code")]
