"""Every page on a phone and a desktop, from the keyboard, in both colour schemes:
axe-core (serious and critical) at 360 and 1280 px, light and dark, on every page
type and on the pages with the widest tables; wide tables reached and scrolled
with the keyboard; «Показать ещё» only when there is more; the analytics page
readable at 360 px (chart labels, tables that do not break words); the finder's
calendar download in any calendar (folded on character boundaries, emoji kept).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any, Iterator

import icalendar
import pytest

import sitebuild
from browserkit import recording_page, settle_page
from test_reader import PAGE_KINDS, _serious, pages  # noqa: F401 - pages is a fixture

WIDTHS = (360, 1280)
SCHEMES = ("light", "dark")
# Pages beyond PAGE_KINDS: the editor guide's field tables (the widest tables),
# the entry with the widest table in its text, the open-data page, /my/ if built.
EXTRA_KINDS = ["guide-fields", "wide-table", "open-data", "my"]
FINDERS = {"measure": "measures/", "practice": "practices/", "course": "courses/",
           "problem": "problems/"}
BUILD_DAY = dt.datetime(sitebuild.TODAY.year, sitebuild.TODAY.month, sitebuild.TODAY.day, 12,
                        tzinfo=dt.timezone.utc)


def _table_width(body: str) -> int:
    rows = [line for line in body.splitlines() if line.lstrip().startswith("|")]
    return max((len(r) for r in rows), default=0)


@pytest.fixture(scope="module")
def all_pages(pages: dict[str, str | None], cat_site: Any,
              built_site: Path) -> dict[str, str | None]:
    out = dict(pages)
    out["guide-fields"] = "guide/fields/"
    out["open-data"] = "data/"
    out["my"] = "my/" if (built_site / "my" / "index.html").is_file() else None
    widest = max(cat_site.catalogue, key=lambda e: (_table_width(e.body), e.id), default=None)
    out["wide-table"] = widest.url if widest is not None and _table_width(widest.body) else None
    return out


@pytest.fixture(scope="module")
def contexts(browser: Any) -> Iterator[dict[tuple[int, str], Any]]:
    """One browser context per (width, colour scheme), shared by the page tests."""
    made: dict[tuple[int, str], Any] = {}
    for width in WIDTHS:
        for scheme in SCHEMES:
            context = browser.new_context(viewport={"width": width, "height": 800},
                                          locale="ru-RU", service_workers="block",
                                          color_scheme=scheme)
            context.set_default_timeout(15_000)
            made[(width, scheme)] = context
    yield made
    for context in made.values():
        context.close()


def _go(page: Any, base_url: str, all_pages: dict[str, str | None], kind: str) -> None:
    url = all_pages[kind]
    if url is None:
        pytest.skip(f"the site has no {kind} page")
    page.goto(base_url + url)
    settle_page(page)


def _axe(page: Any) -> list[dict[str, Any]]:
    axe = sitebuild.REPO / "node_modules" / "axe-core" / "axe.min.js"
    assert axe.is_file(), "axe-core is not installed (make deps-test)"
    page.add_script_tag(path=str(axe))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [{"target": n["target"], "html": n["html"][:300]} for n in v["nodes"][:10]],
             "count": len(v["nodes"])} for v in result["violations"]]


# --- axe on every page type, 360 and 1280 px, light and dark -----------------------------

@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", PAGE_KINDS + EXTRA_KINDS)
def test_accessibility(kind: str, width: int, scheme: str, contexts: dict[tuple[int, str], Any],
                       all_pages: dict[str, str | None], base_url: str,
                       a11y_report: dict[str, Any], request: pytest.FixtureRequest) -> None:
    page = recording_page(contexts[(width, scheme)], request)
    try:
        _go(page, base_url, all_pages, kind)
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
        violations = _axe(page)
        a11y_report[f"{kind} {width}px {scheme}"] = violations
        serious = _serious(violations)
        assert not serious, "\n".join(serious)
    finally:
        page.close()


# --- wide tables from the keyboard --------------------------------------------------------

_FOCUSED_SCROLLER = """() => {
  const el = document.activeElement
  if (!el || !el.matches('.cat-scroll')) return null
  return {wide: el.scrollWidth > el.clientWidth + 1, left: el.scrollLeft,
          name: el.getAttribute('aria-label'), role: el.getAttribute('role')}
}"""


@pytest.mark.parametrize("kind", ["wide-table", "guide-fields"])
def test_keyboard_reaches_and_scrolls_a_wide_table(kind: str, contexts: dict[tuple[int, str], Any],
                                                   all_pages: dict[str, str | None],
                                                   base_url: str,
                                                   request: pytest.FixtureRequest) -> None:
    page = recording_page(contexts[(360, "light")], request)
    try:
        _go(page, base_url, all_pages, kind)
        wide = page.evaluate("""() => [...document.querySelectorAll('.cat-scroll')]
            .filter(el => el.scrollWidth > el.clientWidth + 1).length""")
        assert wide, "no table is wider than the screen at 360 px: nothing to test"
        found = None
        for _ in range(300):                       # Tab through the page as a reader does
            page.keyboard.press("Tab")
            state = page.evaluate(_FOCUSED_SCROLLER)
            if state and state["wide"]:
                found = state
                break
        assert found, "Tab never reached a table that needs scrolling"
        assert found["role"] == "region" and found["name"] and found["name"].startswith("Таблица")
        for _ in range(8):
            page.keyboard.press("ArrowRight")
        page.wait_for_timeout(300)                 # smooth scrolling
        after = page.evaluate(_FOCUSED_SCROLLER)
        assert after and after["left"] > found["left"], "the arrow keys did not scroll it"
    finally:
        page.close()


# --- «Показать ещё» ------------------------------------------------------------------------

def _open_finder(page: Any, url: str) -> None:
    page.clock.set_fixed_time(BUILD_DAY)
    page.goto(url)
    page.wait_for_selector("form[data-finder][data-ready]")


@pytest.mark.parametrize("kind", list(FINDERS))
def test_show_more_only_when_there_is_more(kind: str, page: Any, base_url: str,
                                           built_site: Path) -> None:
    index = json.loads((built_site / FINDERS[kind] / "finder.json").read_text("utf-8"))
    items = index["items"]
    page_size = 50                                   # PAGE in finder.js
    more = page.locator(f"[data-finder-more={kind}]")
    results = page.locator(f"[data-finder-results={kind}] > li")

    # The real index: every result that fits is shown, and the button is not.
    _open_finder(page, base_url + FINDERS[kind])
    if len(items) <= page_size:
        assert results.count() == len(items)
        assert not more.is_visible(), "«Показать ещё» shown although every result is on the page"

    # A longer index (the same records under other ids): the button shows, and
    # goes once everything is shown.
    many = [{**item, "id": f"{item['id']}-{n}"} for n in range(page_size // max(len(items), 1) + 2)
            for item in items]
    page.route(f"**/{FINDERS[kind]}finder.json",
               lambda route: route.fulfill(status=200, content_type="application/json",
                                           body=json.dumps({**index, "items": many})))
    _open_finder(page, base_url + FINDERS[kind])
    assert results.count() == page_size
    assert more.is_visible()
    while more.is_visible():
        more.click()
    assert results.count() == len(many)


@pytest.mark.parametrize("kind", list(FINDERS))
def test_show_more_from_the_keyboard_goes_on_at_the_new_results(kind: str, page: Any,
                                                               base_url: str,
                                                               built_site: Path) -> None:
    """Enter on «Показать ещё» puts the focus on the first result it added, also
    when that was the last batch and the button goes: the reader is not sent back
    to the top of the page."""
    index = json.loads((built_site / FINDERS[kind] / "finder.json").read_text("utf-8"))
    items = index["items"]
    page_size = 50                                   # PAGE in finder.js
    many = [{**item, "id": f"{item['id']}-{n}"} for n in range(page_size // max(len(items), 1) + 2)
            for item in items]
    page.route(f"**/{FINDERS[kind]}finder.json",
               lambda route: route.fulfill(status=200, content_type="application/json",
                                           body=json.dumps({**index, "items": many})))
    page.set_viewport_size({"width": 360, "height": 800})
    _open_finder(page, base_url + FINDERS[kind])
    more = page.locator(f"[data-finder-more={kind}]")
    shown = page_size
    while more.is_visible():
        more.focus()
        page.keyboard.press("Enter")
        focused = page.evaluate(f"""() => {{
          const li = document.activeElement.closest('[data-finder-results={kind}] > li')
          return li ? [...li.parentNode.children].indexOf(li) : null }}""")
        assert focused == shown, f"focus after «Показать ещё»: result {focused}, not {shown}"
        shown = min(shown + page_size, len(many))
    page.keyboard.press("Tab")                       # on to the next result, not the top
    after = page.evaluate(f"""() => {{
      const li = document.activeElement.closest('[data-finder-results={kind}] > li')
      return li ? [...li.parentNode.children].indexOf(li) : null }}""")
    assert after is not None and after > page_size - 1, after


# --- the finder's calendar download --------------------------------------------------------

EMOJI_TITLE = ("🏡 Грант «Комфортная среда» для сельских поселений и городских округов "
               "👩‍👩‍👧 с софинансированием 🇷🇺 — приём заявок 2027 года 🎉")


def test_finder_calendar_keeps_emoji_and_cyrillic(page: Any, base_url: str,
                                                  built_site: Path) -> None:
    """Long emoji and Cyrillic titles: every line at most 75 octets, folded between
    characters, the file valid UTF-8, and each title read back unchanged."""
    index = json.loads((built_site / "measures" / "finder.json").read_text("utf-8"))
    titles = [EMOJI_TITLE, "Я" * 7 + "😀" * 30, "ё" * 80 + "𝄞"]
    measures = [{**index["items"][0], "id": f"emoji-{n}", "t": title,
                 "w": [["2027-03-01", "2027-04-15"]]} for n, title in enumerate(titles)]
    page.route("**/measures/finder.json",
               lambda route: route.fulfill(status=200, content_type="application/json",
                                           body=json.dumps({**index, "items": measures})))
    _open_finder(page, base_url + "measures/")
    with page.expect_download() as info:
        page.click("[data-finder-ics]")
    data = Path(info.value.path()).read_bytes()
    text = data.decode("utf-8")                      # strict: a split sequence fails here
    assert "\ufffd" not in text
    for line in data.split(b"\r\n"):
        assert len(line) <= 75, line
    calendar = icalendar.Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    assert len(events) == len(titles)
    assert sorted(str(e.get("summary")) for e in events) == \
        sorted("Приём заявок: " + t for t in titles)


def test_every_calendar_the_site_writes_has_events(built_site: Path, cat_site: Any) -> None:
    """No empty calendar anywhere (RFC 5545 needs a component), and none offered."""
    files = sorted(built_site.rglob("*.ics"))
    assert files
    for path in files:
        events = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        assert events, f"{path.relative_to(built_site)}: a calendar without events"
    written = {p.relative_to(built_site).as_posix() for p in files}
    for html in built_site.rglob("*.html"):
        for href in re.findall(r'href="([^"]+\.ics)"', html.read_text("utf-8")):
            target = sitebuild.resolve_href(built_site, html, href)
            assert target in written, f"{html.relative_to(built_site)} offers {href}"


# --- analytics at 360 px -------------------------------------------------------------------

_LABEL_SIZES = """() => [...document.querySelectorAll('svg.cat-chart__svg')].flatMap(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width
  return [...svg.querySelectorAll('text')].map(t =>
    ({text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale,
      right: t.getBoundingClientRect().right, svgRight: svg.getBoundingClientRect().right}))
})"""

# Words of table cells that the browser broke inside: a word (between spaces and
# hyphens) laid out on more than one line has more than one client rectangle.
_BROKEN_WORDS = """() => {
  const out = []
  for (const cell of document.querySelectorAll('.md-content table :is(th, td)')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /[^\\s\\-\\u2010\\u2011\\u2013\\u2014\\/]+/g
      let m
      while ((m = re.exec(node.data))) {
        const range = document.createRange()
        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length)
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                               .map(r => Math.round(r.top)))
        if (tops.size > 1) out.push(m[0])
      }
    }
  }
  return out
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_analytics_chart_labels_are_readable(width: int, contexts: dict[tuple[int, str], Any],
                                             base_url: str, request: pytest.FixtureRequest
                                             ) -> None:
    page = recording_page(contexts[(width, "light")], request)
    try:
        page.goto(base_url + "analytics/")
        labels = page.evaluate(_LABEL_SIZES)
        assert labels
        small = [(x["text"], round(x["px"], 1)) for x in labels if x["px"] < 11.5]
        assert not small, f"chart text under 11.5 px at {width} px: {small[:5]}"
        outside = [x["text"] for x in labels if x["right"] > x["svgRight"] + 1]
        assert not outside, f"chart text past the drawing's edge: {outside[:5]}"
    finally:
        page.close()


@pytest.mark.parametrize("kind", ["analytics", "region", "measures-index", "guide-fields",
                                  "wide-table", "practice"])
def test_tables_do_not_break_words_at_360px(kind: str, contexts: dict[tuple[int, str], Any],
                                            all_pages: dict[str, str | None], base_url: str,
                                            request: pytest.FixtureRequest) -> None:
    page = recording_page(contexts[(360, "light")], request)
    try:
        _go(page, base_url, all_pages, kind)
        broken = page.evaluate(_BROKEN_WORDS)
        assert not broken, f"words broken inside at 360 px: {broken[:10]}"
    finally:
        page.close()
