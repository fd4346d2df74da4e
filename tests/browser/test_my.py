"""«Мой муниципалитет» (/my/) in real Chromium, against the catalogue computed in Python.

A synthetic catalogue (scripts/synth.py, plus a few measures written here with
population limits, dated windows and a title that CSV must quote) is built once
and served; the browser's clock is fixed to the build day. What /my/ shows for a
profile is computed again here, from the engine's data (schedule windows,
usual months, recipients, sessions, references), independently of my.js.
The region calendars are checked on that site and on the real one.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any, Iterator

import icalendar
import pytest

import sitebuild
from browserkit import serve

TODAY = sitebuild.TODAY
NOON = dt.datetime(TODAY.year, TODAY.month, TODAY.day, 12, tzinfo=dt.timezone.utc)
HORIZON = TODAY + dt.timedelta(days=90)
KEY = "catalogue.my"
TRICKY = 'Конкурс "Лучший, двор"; проверка кавычек'
GROUPS = ("now", "annual", "rest", "similar", "nearby", "courses", "on-demand", "problems",
          "legal", "questions")


# --- the synthetic site -------------------------------------------------------------------

def _practice(ident: str, content: Path, region: str, mtype: str, population: int) -> str:
    topic = sitebuild.first_id(content, "topics.yml")
    return (f"---\ntitle: Практика для проверки {ident}\nsummary: Проект муниципалитета для "
            f"проверки страницы «Мой муниципалитет».\ntopics: [{topic}]\n"
            f"source: https://example.gov.ru/practice\n"
            f"last_reviewed: {(TODAY - dt.timedelta(days=5)).isoformat()}\n"
            f"municipality: Сельское поселение Проверочное\nregion: {region}\n"
            f"municipality_type: {mtype}\npopulation: {population}\nyears:\n  start: 2024\n"
            f"---\n\n## Что сделали\n\nПроверочный текст.\n")


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """{content, site, base, profile}: a synthetic catalogue built and served."""
    sys_path_scripts()
    from synth import generate  # noqa: PLC0415
    out = tmp_path_factory.mktemp("my-synth")
    content = generate(out, 260, seed=11)
    for page in (sitebuild.REPO / "content").glob("*.md"):
        shutil.copy(page, content / page.name)
    shutil.copytree(sitebuild.REPO / "content" / "guide", content / "guide")
    for folder in ("images", "files"):
        if (sitebuild.REPO / "content" / folder).is_dir():
            shutil.copytree(sitebuild.REPO / "content" / folder, content / folder)
    result, site = sitebuild.load(content)
    problems = Counter(r for e in site.catalogue.of_type("problem") for r in e.data["regions"])
    region = problems.most_common(1)[0][0]
    mtype = sitebuild.first_id(content, "municipality_types.yml")
    population = 3200
    day = dt.timedelta(days=1)
    extra = {
        # applies: open now, population limit met; its title needs quoting in CSV
        "my-tricky": sitebuild.measure_text(
            content, TRICKY, "Мера для проверки кавычек и запятых в выгрузке.",
            regions=[region], apply_url="https://example.gov.ru/apply?a=1&b=2",
            recipients={"municipality_types": [mtype], "population_max": 50_000},
            funding={"min": 100000, "max": 2000000},
            schedule={"windows": [{"opens": (TODAY - 5 * day).isoformat(),
                                   "closes": (TODAY + 20 * day).isoformat()}]}),
        # opens within 90 days, from 1 000 people up
        "my-soon": sitebuild.measure_text(
            content, "Мера, которая скоро откроется", "Мера для проверки скорого приёма.",
            recipients={"municipality_types": [mtype], "population_min": 1000},
            schedule={"windows": [{"opens": (TODAY + 40 * day).isoformat(),
                                   "closes": (TODAY + 70 * day).isoformat()}]}),
        # too small a municipality for it: never shown
        "my-big-towns": sitebuild.measure_text(
            content, "Мера для больших городов", "Мера только для городов от 100 тысяч.",
            regions=[region],
            recipients={"municipality_types": [mtype], "population_min": 100_000},
            schedule={"windows": [{"opens": (TODAY - 5 * day).isoformat(),
                                   "closes": (TODAY + 5 * day).isoformat()}]}),
        "my-tiny": sitebuild.measure_text(
            content, "Мера для малых сёл", "Мера только для сёл до тысячи жителей.",
            recipients={"municipality_types": [mtype], "population_max": 1000},
            schedule={"rolling": True}),
    }
    for ident, text in extra.items():
        (content / "measures" / f"{ident}.md").write_text(text, encoding="utf-8")
    (content / "practices" / "my-similar.md").write_text(
        _practice("my-similar", content, "moscow" if region != "moscow" else "tatarstan",
                  mtype, 3900), encoding="utf-8")
    out_site = sitebuild.build_or_explain(content, out / "site")
    server, base = serve(out_site)
    try:
        yield {"content": content, "site": out_site, "base": base,
               "profile": {"region": region, "mtype": mtype, "pop": population}}
    finally:
        server.shutdown()
        server.server_close()


def sys_path_scripts() -> None:
    import sys  # noqa: PLC0415
    folder = str(sitebuild.REPO / "scripts")
    if folder not in sys.path:
        sys.path.insert(0, folder)


@pytest.fixture(scope="module")
def engine_site(synth: dict[str, Any]) -> Any:
    result, site = sitebuild.load(synth["content"])
    assert not result.errors, result.errors[:3]
    return site


# --- what /my/ must show, computed from the engine's data -----------------------------------

BANDS = (1_000, 5_000, 20_000, 100_000, 500_000)   # upper bounds of the population bands


def _band(population: Any) -> int | None:
    if not isinstance(population, int):
        return None
    return next((i for i, upper in enumerate(BANDS) if population < upper), len(BANDS))


def _measure_group(entry: Any, today: dt.date) -> tuple[str, dt.date | None]:
    """("now" | "annual" | "rest", the deadline for «now»)."""
    from catalogue.schedule import usual_months, windows  # noqa: PLC0415
    schedule = entry.data.get("schedule") or {}
    if schedule.get("no_applications"):
        return "rest", None
    if schedule.get("rolling"):
        return "now", None
    ws = windows(entry)
    for w in ws:
        if w.opens <= today <= w.closes:
            return "now", w.closes
    coming = [w for w in ws if w.opens > today]
    if coming:
        return ("now", coming[0].closes) if coming[0].opens <= today + dt.timedelta(days=90) \
            else ("rest", None)
    months = usual_months(entry)
    if months:
        horizon = today + dt.timedelta(days=90)
        span = (horizon.month - today.month) % 12
        ahead = {(today.month - 1 + k) % 12 + 1 for k in range(span + 1)}
        return ("annual" if ahead & set(months) else "rest"), None
    return "rest", None


def _applies(entry: Any, profile: dict[str, Any]) -> bool:
    regions = entry.data.get("regions")
    recipients = entry.data.get("recipients") or {}
    if regions != "all" and profile["region"] not in (regions or []):
        return False
    if profile["mtype"] not in (recipients.get("municipality_types") or []):
        return False
    low, high = recipients.get("population_min"), recipients.get("population_max")
    return not ((low and profile["pop"] < low) or (high and profile["pop"] > high))


def _cites(site: Any, entry: Any) -> set[str]:
    from catalogue import body  # noqa: PLC0415
    from catalogue.model import references  # noqa: PLC0415
    found = {ident for _, target, ident in references(entry.spec.properties, entry.data)
             if target in ("legal", "question")}
    for ref in body.short_refs(entry.body):
        other = site.catalogue.entries.get(ref.target)
        if other is not None and other is not entry and other.spec.name in ("legal", "question"):
            found.add(other.id)
    return {i for i in found if i in site.catalogue.entries}


def expected(site: Any, profile: dict[str, Any], today: dt.date = TODAY) -> dict[str, Any]:
    """{group: [ids]} (sets for unordered groups), deadlines of «now», citation counts."""
    catalogue = site.catalogue
    out: dict[str, Any] = {g: set() for g in GROUPS}
    deadlines: dict[str, dt.date | None] = {}
    for entry in catalogue.of_type("measure"):
        if _applies(entry, profile):
            group, deadline = _measure_group(entry, today)
            out[group].add(entry.id)
            deadlines[entry.id] = deadline
    region = catalogue.references["region"][profile["region"]]
    district = region.data.get("federal_district")
    band = _band(profile["pop"])
    for entry in catalogue.of_type("practice"):
        similar = (entry.data.get("municipality_type") == profile["mtype"]
                   and _band(entry.data.get("population")) == band)
        other = catalogue.references["region"].get(str(entry.data.get("region")))
        if similar:
            out["similar"].add(entry.id)
        elif district and other is not None and other.data.get("federal_district") == district:
            out["nearby"].add(entry.id)
    horizon = today + dt.timedelta(days=90)
    for entry in catalogue.of_type("course"):
        dates = []
        for s in entry.data.get("sessions") or []:
            starts = dt.date.fromisoformat(str(s["starts"]))
            enrol = dt.date.fromisoformat(str(s["enrol_by"])) if s.get("enrol_by") else None
            if today <= starts <= horizon or (enrol and today <= enrol <= horizon):
                dates.append(starts)
        if dates:
            out["courses"].add(entry.id)
        elif entry.data.get("on_demand"):
            out["on-demand"].add(entry.id)
    solutions = set()
    for entry in catalogue.of_type("problem"):
        if profile["region"] in entry.data["regions"]:
            out["problems"].add(entry.id)
            solutions |= set((entry.data.get("related") or {}).get("solutions") or [])
    counts: Counter[str] = Counter()
    shown = out["now"] | out["annual"] | out["rest"] | solutions
    for ident in shown:
        counts.update(_cites(site, catalogue.entries[ident]))
    out["counts"] = counts
    out["deadlines"] = deadlines
    return out


# --- the page --------------------------------------------------------------------------------

def _open(page: Any, url: str) -> None:
    page.clock.set_fixed_time(NOON)
    page.goto(url)
    page.wait_for_selector("[data-my][data-ready]")


def _shown(page: Any) -> dict[str, list[str]]:
    """{list: [ids]} of every list on the page, all of it («Показать все» pressed)."""
    for button in page.locator(".cat-my__more").all():
        button.click()
    return page.evaluate("""() => {
        const out = {}
        for (const list of document.querySelectorAll('[data-my-list]'))
            out[list.getAttribute('data-my-list')] =
                [...list.children].map(li => li.getAttribute('data-id'))
        return out }""")


def _set_profile(page: Any, profile: dict[str, Any], name: str = "") -> None:
    page.select_option("select[name=region]", profile["region"])
    page.select_option("select[name=mtype]", profile["mtype"])
    page.fill("input[name=pop]", str(profile["pop"]))
    page.fill("input[name=name]", name)
    page.click("[data-my-form] button[type=submit]")
    page.wait_for_selector("[data-my-results][data-ready]")


def _check_lists(shown: dict[str, list[str]], want: dict[str, Any], site: Any) -> None:
    for group in GROUPS[:-2]:
        got = shown.get(group, [])
        assert len(got) == len(set(got)), f"{group}: repeated entries"
        assert set(got) == want[group], (
            f"{group}: extra {sorted(set(got) - want[group])[:5]}, "
            f"missing {sorted(want[group] - set(got))[:5]}")
    # «now»: soonest deadline first, rolling (no deadline) last
    keys = [want["deadlines"][i] or dt.date.max for i in shown.get("now", [])]
    assert keys == sorted(keys), "«now» is not soonest deadline first"
    counts = want["counts"]
    for group, kind in (("legal", "legal"), ("questions", "question")):
        ranked = sorted((n for i, n in counts.items()
                         if site.catalogue.entries[i].spec.name == kind), reverse=True)
        got = shown.get(group, [])
        assert len(got) == min(10, len(ranked)), group
        assert [counts[i] for i in got] == ranked[:len(got)], f"{group}: not the most cited"


def test_profile_set_reload_and_lists_match_the_catalogue(page: Any, synth: dict[str, Any],
                                                           engine_site: Any) -> None:
    profile = synth["profile"]
    want = expected(engine_site, profile)
    assert "my-tricky" in want["now"] and "my-soon" in want["now"]
    assert "my-big-towns" not in want["now"] | want["rest"]
    assert "my-similar" in want["similar"]
    assert want["problems"] and want["courses"], "the synthetic catalogue must fill the page"
    _open(page, synth["base"] + "my/")
    assert page.locator("[data-my-results]").is_hidden()
    _set_profile(page, profile, name="Проверочное <b>поселение</b>")
    _check_lists(_shown(page), want, engine_site)
    assert "Проверочное <b>поселение</b>" in page.locator(".cat-my__who").inner_text()
    stored = json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))
    assert stored == {**profile, "name": "Проверочное <b>поселение</b>"}
    # the application link, amount and who applies of a measure
    row = page.locator("[data-my-list=now] li[data-id=my-tricky]")
    assert row.locator("a", has_text="Подать заявку").get_attribute("href") == \
        "https://example.gov.ru/apply?a=1&b=2"
    before = _shown(page)
    page.reload()
    page.wait_for_selector("[data-my-results][data-ready]")
    assert _shown(page) == before
    assert page.input_value("input[name=pop]") == str(profile["pop"])
    assert page.log.errors() == []


def test_address_gives_the_same_page(browser_context: Any, page: Any, synth: dict[str, Any],
                                     engine_site: Any) -> None:
    p = synth["profile"]
    _open(page, synth["base"] + f"my/?region={p['region']}&mtype={p['mtype']}&pop={p['pop']}")
    page.wait_for_selector("[data-my-results][data-ready]")
    from_address = _shown(page)
    _check_lists(from_address, expected(engine_site, p), engine_site)
    other = browser_context.browser.new_context(locale="ru-RU", service_workers="block")
    try:
        second = other.new_page()
        second.clock.set_fixed_time(NOON)
        second.goto(synth["base"] + "my/")
        second.wait_for_selector("[data-my][data-ready]")
        _set_profile(second, p)
        assert _shown(second) == from_address
    finally:
        other.close()


def test_population_limits_change_the_page(page: Any, synth: dict[str, Any],
                                           engine_site: Any) -> None:
    big = {**synth["profile"], "pop": 250_000}
    _open(page, synth["base"] + f"my/?region={big['region']}&mtype={big['mtype']}&pop=250 000")
    page.wait_for_selector("[data-my-results][data-ready]")
    shown = _shown(page)
    want = expected(engine_site, big)
    _check_lists(shown, want, engine_site)
    assert "my-big-towns" in shown["now"] and "my-tricky" not in shown.get("now", [])


def test_district_heading_names_the_district(page: Any, synth: dict[str, Any],
                                            engine_site: Any) -> None:
    """The district names are nominative («Сибирский»): the heading says «Сибирский
    федеральный округ», not «в Сибирский федеральном округе»."""
    from catalogue.schemas import FEDERAL_DISTRICTS  # noqa: PLC0415
    p = synth["profile"]
    region = engine_site.catalogue.references["region"][p["region"]]
    district = FEDERAL_DISTRICTS[region.data["federal_district"]]
    _open(page, synth["base"] + "my/")
    _set_profile(page, p)
    heading = page.locator("#my-nearby").inner_text()
    assert f"{district} федеральный округ" in heading, heading
    assert "федеральном" not in heading, heading


def test_population_as_typed(page: Any, synth: dict[str, Any]) -> None:
    """«3 000» with any space a phone or a pasted text gives is a number; «3 тыс.», 0 and
    an empty field are refused, and the status says so (not an earlier «сохранён»)."""
    p = synth["profile"]
    _open(page, synth["base"] + "my/")
    _set_profile(page, p)
    stored = f"() => JSON.parse(localStorage.getItem('{KEY}')).pop"
    for typed in ("3\u00a0000", "3\u202f000", "3 000"):
        _set_profile(page, p)
        page.wait_for_function(f"() => ({stored})() === {p['pop']}")
        _set_profile(page, {**p, "pop": typed})
        page.wait_for_function(f"() => ({stored})() === 3000", timeout=3000)
    for typed in ("3 тыс.", "", "0", "12345678901"):
        page.fill("input[name=pop]", typed)
        page.locator("input[name=pop]").press("Enter")
        page.wait_for_timeout(200)
        status = page.locator("[data-my-status]").inner_text()
        assert "не сохранён" in status, (typed, status)
        assert json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))["pop"] == 3000, typed


def test_a_wrong_address_keeps_what_was_given(page: Any, synth: dict[str, Any]) -> None:
    p = synth["profile"]
    _open(page, synth["base"] + f"my/?region=nowhere&mtype={p['mtype']}&pop=3000&name=Ромашка")
    assert "неверны" in page.locator("[data-my-status]").inner_text()
    assert page.locator("[data-my-results]").is_hidden()
    assert page.input_value("select[name=region]") == ""
    assert page.input_value("select[name=mtype]") == p["mtype"]
    assert page.input_value("input[name=pop]") == "3000"
    assert page.input_value("input[name=name]") == "Ромашка"


def test_form_fields_are_named_once(page: Any, synth: dict[str, Any]) -> None:
    """A screen reader hears each field's label as its name and the population hint once,
    as its description (not also inside the name)."""
    _open(page, synth["base"] + "my/")
    pop = page.get_by_role("textbox", name="Число жителей", exact=True)
    assert pop.count() == 1
    assert pop.evaluate("e => e.getAttribute('aria-describedby')") == "my-pop-hint"
    assert "4500" in page.locator("#my-pop-hint").inner_text()
    assert page.get_by_role("textbox", name="Название (необязательно)", exact=True).count() == 1


def test_two_regions_each_get_their_own_items(page: Any, synth: dict[str, Any],
                                              engine_site: Any) -> None:
    """/my/ downloads my/shared.json and the profile's region file only
    (hooks/catalogue/my.py, page_files): every region has its file, and changing the
    region on the page, or reloading with it stored, shows that region's items."""
    catalogue = engine_site.catalogue
    regions = catalogue.references["region"]
    for region in regions:
        assert (synth["site"] / "my" / "regions" / f"{region}.json").is_file(), region
    first = synth["profile"]
    # (a region with a federal district: see the report on regions without one)
    own = Counter(r for e in catalogue.of_type("measure") if isinstance(e.data.get("regions"), list)
                  for r in e.data["regions"]
                  if r != first["region"] and regions[r].data.get("federal_district"))
    second = {**first, "region": own.most_common(1)[0][0]}
    want_first, want_second = expected(engine_site, first), expected(engine_site, second)
    assert want_first["now"] | want_first["rest"] != want_second["now"] | want_second["rest"]
    _open(page, synth["base"] + "my/")
    _set_profile(page, first)
    _check_lists(_shown(page), want_first, engine_site)
    _set_profile(page, second)
    shown = _shown(page)
    _check_lists(shown, want_second, engine_site)
    page.log.clear()
    page.reload()
    page.wait_for_selector("[data-my-results][data-ready]")
    assert _shown(page) == shown
    fetched = [u for u in page.log.requests if "/my/" in u and u.endswith(".json")]
    assert sorted(fetched) == sorted([synth["base"] + "my/shared.json",
                                      synth["base"] + f"my/regions/{second['region']}.json"])
    assert page.log.errors() == []


def test_dates_and_months_are_written_as_the_server_writes_them(page: Any,
                                                                synth: dict[str, Any]) -> None:
    """status.js writes dates and month names from its own tables (no Intl date
    formatter to build on every page): the same text as Babel on the server
    (present.py), for every month."""
    from babel.dates import format_date, get_month_names  # noqa: PLC0415
    _open(page, synth["base"] + "my/")
    days = [dt.date(2026, m, d) for m, d in zip(range(1, 13), (1, 28, 31, 9, 15, 30, 4, 19, 22, 10, 11, 25))]
    got = page.evaluate("""(days) => ({
        dates: days.map(d => window.catalogueStatus.ruDate(d)),
        months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(m => window.catalogueStatus.monthName(m)) })""",
        [d.isoformat() for d in days])
    assert got["dates"] == [format_date(d, "long", locale="ru") for d in days]
    assert got["months"] == list(get_month_names("wide", "stand-alone", "ru").values())


def test_a_new_profile_is_not_ready_until_its_lists_are_drawn(page: Any, synth: dict[str, Any],
                                                              engine_site: Any) -> None:
    """While a new profile's region file is on its way, the page does not say
    data-ready over the previous profile's lists (a reader's script, or a test,
    waiting for it would read the old ones)."""
    regions = engine_site.catalogue.references["region"]
    first = synth["profile"]
    second = {**first, "region": next(r for r in sorted(regions) if r != first["region"])}
    _open(page, synth["base"] + "my/")
    _set_profile(page, first)
    held: list[Any] = []
    page.route(f"**/my/regions/{second['region']}.json", lambda route: held.append(route))
    page.select_option("select[name=region]", second["region"])
    page.click("[data-my-form] button[type=submit]")
    page.wait_for_timeout(200)
    assert held, "the second region's file was not requested"
    assert page.locator("[data-my-results][data-ready]").count() == 0
    held[0].continue_()
    page.wait_for_selector("[data-my-results][data-ready]")
    assert page.evaluate("JSON.parse(localStorage.getItem('catalogue.my')).region") == second["region"]


def test_search_index_waits_until_the_lists_are_shown(page: Any, synth: dict[str, Any]) -> None:
    """On /my/ Material's search index is requested only after the lists are shown
    (catalogue/my-head.html, my.js), and the search then works."""
    p = synth["profile"]
    # no fake clock here: the resource timings are compared with my.js's mark
    page.goto(synth["base"] + f"my/?region={p['region']}&mtype={p['mtype']}&pop={p['pop']}")
    page.wait_for_selector("[data-my-results][data-ready]")
    page.wait_for_function("""() => performance.getEntriesByType('resource')
        .some(e => e.name.includes('search_index.json') && e.responseEnd > 0)""")
    starts = page.evaluate("""() => [performance.getEntriesByName('my:shown')[0].startTime,
        performance.getEntriesByType('resource').find(e => e.name.includes('search_index.json'))
            .startTime]""")
    assert starts[1] > starts[0], starts
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    box.fill("поддержка")
    box.press("End")                   # fill() sends no key events; Material listens to keyup
    page.wait_for_selector(".md-search-result__item", timeout=60_000)
    assert page.log.errors() == []


def test_clearing_the_profile(page: Any, synth: dict[str, Any]) -> None:
    p = synth["profile"]
    _open(page, synth["base"] + "my/")
    _set_profile(page, p)
    page.click("[data-my-clear]")
    assert page.locator("[data-my-results]").is_hidden()
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None
    assert "удалён" in page.locator("[data-my-status]").inner_text()
    page.reload()
    page.wait_for_selector("[data-my][data-ready]")
    assert page.locator("[data-my-results]").is_hidden()
    assert page.input_value("select[name=region]") == ""


def _printed_day() -> str:
    """«20 ноября 2026 г.» as words joined by single spaces, as the engine writes the day."""
    from catalogue.present import ru_date  # noqa: PLC0415
    return " ".join(ru_date(TODAY).split()[:3])


def test_print_view_matches_the_page(page: Any, synth: dict[str, Any]) -> None:
    p = synth["profile"]
    _open(page, synth["base"] + "my/")
    _set_profile(page, p)
    shown = _shown(page)
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", "[data-my-form]", "[data-my-csv]"):
        assert page.locator(hidden).first.is_hidden(), hidden
    assert _shown(page) == shown
    for group, ids in shown.items():
        for ident in ids[:3]:
            assert page.locator(f"[data-my-list={group}] li[data-id='{ident}']").is_visible()
    date = page.locator(".cat-print-date")
    assert date.is_visible()
    assert _printed_day() in " ".join(date.inner_text().split())
    after = page.evaluate("""() => {
        const a = document.querySelector('[data-my-list=now] li[data-id=my-tricky] a')
        return getComputedStyle(a, '::after').content }""")
    assert "/measures/my-tricky/" in after and after.startswith('" (http'), after


def test_addresses_are_written_readably(page: Any, synth: dict[str, Any]) -> None:
    """The share link and the printed addresses show Cyrillic and emoji, not %D0%…
    escapes, and a Cyrillic domain as written, not xn--…; the link still works."""
    p = synth["profile"]
    query = f"region={p['region']}&mtype={p['mtype']}&pop={p['pop']}&name=Проверочное🌼"
    _open(page, synth["base"] + "my/?" + query)
    page.wait_for_selector("[data-my-results][data-ready]")
    share = page.locator(".cat-my__share a")
    assert share.inner_text().endswith("my/?" + query), share.inner_text()
    assert share.get_attribute("href").endswith("&name=%D0%9F%D1%80%D0%BE%D0%B2%D0%B5%D1%80%D0%BE"
                                                 "%D1%87%D0%BD%D0%BE%D0%B5%F0%9F%8C%BC")
    written = page.evaluate("""() => {
        const a = document.createElement('a')
        a.href = 'https://пример.рф/путь?q=да'
        document.querySelector('.md-content__inner').appendChild(a)
        window.dispatchEvent(new Event('beforeprint'))
        return a.getAttribute('data-href') }""")
    assert written == "https://пример.рф/путь?q=да"
    page.emulate_media(media="print")
    assert "name=Проверочное🌼" in page.locator(".cat-print-date").inner_text()


def test_print_view_of_a_measure_page(page: Any, synth: dict[str, Any]) -> None:
    page.clock.set_fixed_time(NOON)
    page.goto(synth["base"] + "measures/my-tricky/")
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden()
    assert _printed_day() in " ".join(page.locator(".cat-print-date").inner_text().split())
    links = page.evaluate("""() => [...document.querySelectorAll('.md-content a[data-href]')]
        .map(a => getComputedStyle(a, '::after').content)""")
    assert any("https://example.gov.ru/apply?a=1&b=2" in c for c in links), links
    # an address is printed as it is, even inside a heading in capitals (.cat-kicker)
    cases = page.evaluate("""() => [...document.querySelectorAll('.md-content a[data-href]')]
        .map(a => getComputedStyle(a, '::after').textTransform)""")
    assert page.locator(".cat-kicker a[data-href]").count() and set(cases) == {"none"}, cases


def test_csv_matches_the_page(page: Any, synth: dict[str, Any]) -> None:
    _open(page, synth["base"] + "my/")
    _set_profile(page, synth["profile"])
    with page.expect_download() as info:
        page.click("[data-my-csv]")
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8")
    assert "\r\n" in text and text.endswith("\r\n")
    # as Excel in the Russian locale reads it (and as the open data's CSV is written)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[0][:3] == ["Раздел", "Название", "Сроки или статус"]
    assert {len(r) for r in rows} == {len(rows[0])}
    titles = page.evaluate("""() => [...document.querySelectorAll('[data-my-list] > li')]
        .map(li => li.querySelector('a').textContent)""")
    assert [r[1] for r in rows[1:]] == titles
    assert f'"{TRICKY.replace(chr(34), chr(34) * 2)}"' in text    # RFC 4180 quoting
    tricky = next(r for r in rows if r[1] == TRICKY)
    assert tricky[5] == "https://example.gov.ru/apply?a=1&b=2"
    assert tricky[6].endswith("/measures/my-tricky/")


def test_csv_cells_are_never_formulas(page: Any, synth: dict[str, Any]) -> None:
    """A title, amount or address as an editor wrote it stays text in Excel."""
    _open(page, synth["base"] + "my/")
    text = page.evaluate("""() => catalogueExport.csv([["=1+2", "+7 (900)", "-5", "@a", "a;b", "x"]])""")
    rows = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))
    assert rows == [["'=1+2", "'+7 (900)", "'-5", "'@a", "a;b", "x"]]


def test_downloaded_calendar_is_what_the_page_shows(page: Any, synth: dict[str, Any],
                                                    engine_site: Any) -> None:
    from catalogue.schedule import windows  # noqa: PLC0415
    _open(page, synth["base"] + "my/")
    _set_profile(page, synth["profile"])
    shown = _shown(page)
    with page.expect_download() as info:
        page.click("[data-my-ics]")
    data = Path(info.value.path()).read_bytes()
    for line in data.split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode("utf-8")                      # folded on character boundaries
    cal = icalendar.Calendar.from_ical(data)
    got = sorted((str(e["UID"]), e["DTSTART"].dt, e["DTEND"].dt) for e in cal.walk("VEVENT"))
    want = sorted((f"{i}-{w.opens.isoformat()}@municipal-catalogue", w.opens,
                   w.closes + dt.timedelta(days=1))
                  for g in ("now", "annual", "rest") for i in shown.get(g, [])
                  for w in windows(engine_site.catalogue.entries[i]))
    assert got == want and got


def test_without_javascript_the_page_explains_itself(browser: Any, synth: dict[str, Any],
                                                     engine_site: Any) -> None:
    context = browser.new_context(java_script_enabled=False, locale="ru-RU")
    try:
        page = context.new_page()
        page.goto(synth["base"] + "my/")
        assert page.locator("[data-my-form]").is_hidden()
        assert "JavaScript" in page.locator("[data-my-static]").inner_text()
        hrefs = page.locator("[data-my-static] a").evaluate_all(
            "links => links.map(a => a.href)")
        regions = engine_site.catalogue.references["region"]
        assert sorted(h.rstrip("/").rsplit("/", 1)[1] for h in hrefs) == sorted(regions)
    finally:
        context.close()


def _choose(page: Any, name: str, label: str) -> None:
    """Pick an option of the focused list with the arrow keys, as a keyboard user does."""
    labels = page.locator(f"select[name={name}] option").all_inner_texts()
    page.keyboard.press("Home")
    for _ in range(labels.index(label)):
        page.keyboard.press("ArrowDown")


def test_keyboard_only(page: Any, synth: dict[str, Any], engine_site: Any) -> None:
    p = synth["profile"]
    region_name = str(engine_site.catalogue.references["region"][p["region"]].data["name"])
    mtype_name = str(engine_site.catalogue.references["municipality_type"][p["mtype"]]
                     .data["name"])
    _open(page, synth["base"] + "my/")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "region":
            break
    else:
        pytest.fail("the region list cannot be reached with Tab")
    _choose(page, "region", region_name)
    assert page.input_value("select[name=region]") == p["region"]
    page.keyboard.press("Tab")
    _choose(page, "mtype", mtype_name)
    assert page.input_value("select[name=mtype]") == p["mtype"]
    page.keyboard.press("Tab")
    page.keyboard.type(str(p["pop"]))
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-my-results][data-ready]")
    assert set(_shown(page)["now"]) == expected(engine_site, p)["now"]


@pytest.mark.parametrize("width", [360, 1280])
def test_accessibility_and_width(width: int, page: Any, synth: dict[str, Any],
                                 a11y_report: dict[str, Any]) -> None:
    from test_phone_keyboard import _axe  # noqa: PLC0415
    from test_reader import _OVERFLOW_JS, _serious  # noqa: PLC0415
    page.set_viewport_size({"width": width, "height": 800})
    _open(page, synth["base"] + "my/")
    empty = _axe(page)
    _set_profile(page, synth["profile"])
    filled = _axe(page)
    a11y_report[f"my ({width} px)"] = filled
    serious = _serious(empty) + _serious(filled)
    assert not serious, "\n".join(serious)
    found = page.evaluate(_OVERFLOW_JS)
    assert found["scroll"] <= found["client"] + 1, found["offenders"]


def test_measures_finder_applies_population_limits(page: Any, synth: dict[str, Any]) -> None:
    index = json.loads((synth["site"] / "measures" / "finder.json").read_text("utf-8"))
    page.clock.set_fixed_time(NOON)
    page.goto(synth["base"] + "measures/?pop=500")
    page.wait_for_selector("form[data-finder][data-ready]")
    want = [i for i in index["items"]
            if not (i.get("pn") and 500 < i["pn"]) and not (i.get("px") and 500 > i["px"])]
    assert len(want) < len(index["items"])
    text = page.locator("[data-finder-count]").inner_text()
    assert text.split(": ")[1].split()[0] == str(len(want))


# --- region calendars ------------------------------------------------------------------------

def _region_calendars(site_dir: Path, engine: Any, base: str | None, page: Any) -> None:
    from catalogue.schedule import windows  # noqa: PLC0415
    catalogue = engine.catalogue
    offered = 0
    for region in catalogue.references["region"]:
        measures = [e for e in catalogue.of_type("measure")
                    if e.data.get("regions") == "all" or region in (e.data.get("regions") or [])]
        want = sorted((f"{e.id}-{w.opens.isoformat()}@municipal-catalogue", w.opens)
                      for e in measures for w in windows(e))
        path = site_dir / "calendar" / "regions" / f"{region}.ics"
        html = (site_dir / "regions" / region / "index.html").read_text("utf-8")
        if not want:
            assert not path.exists(), f"{path.name}: an empty calendar"
            assert f"calendar/regions/{region}.ics" not in html
            continue
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        got = sorted((str(e["UID"]), e["DTSTART"].dt) for e in cal.walk("VEVENT"))
        assert got == want, region
        assert f"calendar/regions/{region}.ics" in html
        offered += 1
    leftovers = {p.stem for p in (site_dir / "calendar" / "regions").glob("*.ics")} \
        if (site_dir / "calendar" / "regions").is_dir() else set()
    assert leftovers <= set(catalogue.references["region"])
    if base and offered:
        region = next(iter(sorted(engine.region_calendars)))
        page.goto(base + f"regions/{region}/")
        href = page.locator("a[data-region-calendar]").evaluate("a => a.href")
        assert page.request.get(href).ok


def test_region_calendars_of_the_synthetic_catalogue(page: Any, synth: dict[str, Any],
                                                     engine_site: Any) -> None:
    _region_calendars(synth["site"], engine_site, None, page)
    profile = synth["profile"]
    _open(page, synth["base"] + "my/")
    _set_profile(page, profile)
    href = page.locator("a[data-my-subscribe]").get_attribute("href")
    assert href.endswith(f"/calendar/regions/{profile['region']}.ics")
    assert page.request.get(href).ok


def test_region_calendars_of_the_real_catalogue(built_site: Path, cat_site: Any,
                                                page: Any, base_url: str) -> None:
    _region_calendars(built_site, cat_site, base_url, page)


def test_offered_from_home_finders_and_region_pages(synth: dict[str, Any]) -> None:
    site = synth["site"]
    home = sitebuild.parse(site / "index.html")
    assert home.xpath("//a[@href='my/']"), "the home page does not offer /my/"
    for folder in ("measures", "practices", "courses", "problems"):
        page = sitebuild.parse(site / folder / "index.html")
        assert page.xpath("//form[@data-finder]//a[@href='../my/']"), folder
    region = synth["profile"]["region"]
    page = sitebuild.parse(site / "regions" / region / "index.html")
    assert page.xpath(f"//a[@href='../../my/?region={region}']")
