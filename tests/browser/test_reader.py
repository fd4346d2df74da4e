"""What a reader sees in a browser: the home page's services, Russian search,
following references both ways, every page type loading cleanly, a 360-pixel
screen without horizontal scrolling, and no serious accessibility violations.

The pages are chosen from the catalogue by the engine (the richest entry of each
type, the region with most practices, ...), so the tests follow the content.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

import sitebuild

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import search_bench  # noqa: E402  (the served site's worker answers in two parts)

TYPE_FOLDERS = {"measure": "measures", "solution": "solutions", "legal": "legal",
                "question": "questions", "practice": "practices", "course": "courses",
                "problem": "problems"}

# Every kind of page the site has; each is resolved to an address by `pages`.
PAGE_KINDS = (["home"] + list(TYPE_FOLDERS)
              + [f"{folder}-index" for folder in TYPE_FOLDERS.values()]
              + ["topic", "region", "municipality-type", "topics-index", "regions-index",
                 "municipality-types-index", "analytics", "about", "guide", "404", "my"])


def _richness(entry: Any) -> tuple[int, int, str]:
    return (len(entry.data), len(entry.body), entry.id)


@pytest.fixture(scope="session")
def pages(cat_site: Any, built_site: Path) -> dict[str, str | None]:
    """Page kind -> address relative to the site root (None: the catalogue has none)."""
    catalogue = cat_site.catalogue
    out: dict[str, str | None] = {"home": "", "about": "about/", "guide": "guide/",
                                  "404": "404.html", "analytics": "analytics/",
                                  "my": "my/"}
    for name, folder in TYPE_FOLDERS.items():
        entries = catalogue.of_type(name)
        if name == "measure":
            with_basis = [e for e in entries if e.data.get("legal_basis")]
            entries = with_basis or entries
        if name == "practice":
            entries = [e for e in entries if e.data.get("results")] or entries
        if name == "legal":
            def backlinks(e: Any) -> int:
                return sum(len(es) for _, es in cat_site.backlinks(e))
            out[name] = max(entries, key=lambda e: (backlinks(e), _richness(e))).url \
                if entries else None
            out[f"{folder}-index"] = f"{folder}/"
            continue
        out[name] = max(entries, key=_richness).url if entries else None
        out[f"{folder}-index"] = f"{folder}/"
    for reference, folder in (("topic", "topics"), ("region", "regions"),
                              ("municipality_type", "municipality-types")):
        items = list(catalogue.references[reference])

        def weight(ident: str, reference: str = reference) -> tuple[int, int, str]:
            groups = dict((spec.name, es) for spec, es in
                          cat_site.reference_groups(reference, ident))
            return (len(groups.get("practice", [])) if reference == "region" else 0,
                    sum(len(es) for es in groups.values()), ident)
        best = max(items, key=weight) if items else None
        out[reference.replace("_", "-")] = f"{folder}/{best}/" if best else None
        out[f"{folder}-index"] = f"{folder}/"
    missing = [k for k in PAGE_KINDS if k not in out]
    assert not missing, missing
    for kind, url in out.items():
        if url is not None:
            assert sitebuild.target_file(built_site, url).is_file(), f"{kind}: {url} not built"
    return out


def _open(page: Any, base_url: str, pages: dict[str, str | None], kind: str,
          wait: str = "load") -> str:
    url = pages[kind]
    if url is None:
        pytest.skip(f"the catalogue has no {kind} page yet")
    page.goto(base_url + url, wait_until=wait)
    return url


def _number(text: str) -> int:
    match = re.match(r"\s*([\d\s\u00a0\u202f]+)", text)
    assert match, f"no number in {text!r}"
    return int(re.sub(r"\D", "", match.group(1)))


# --- the home page ------------------------------------------------------------------------

def test_home_shows_five_services_with_counts(page: Any, base_url: str, cat_site: Any) -> None:
    page.goto(base_url)
    services = page.locator(".cat-service")
    assert services.count() == 5
    titles = [t.strip() for t in services.locator("h3").all_inner_texts()]
    assert titles == [s.title for s in cat_site.services]
    for name in TYPE_FOLDERS:
        link = page.locator(f"[data-count={name}]")
        assert link.count() == 1, name
        shown = _number(link.inner_text())
        assert shown == cat_site.count(name), f"{name}: page says {shown}"
        assert link.inner_text().strip() == cat_site.counted(name, cat_site.count(name))
        href = link.get_attribute("href")
        assert href and href.rstrip("/").endswith(TYPE_FOLDERS[name])


# --- search ------------------------------------------------------------------------------------

def _search(page: Any, query: str) -> list[dict[str, str]]:
    """Type a query the way a reader does and collect every result (scrolling the
    list until Material has rendered all of them)."""
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    box.fill(query)
    box.press("End")                   # fill() sends no key events; Material listens to keyup
    page.wait_for_selector(".md-search-result__item")
    search_bench._settled(page)        # the whole list (the served site answers in two parts)
    meta = page.locator(".md-search-result__meta").inner_text()
    total = _number(re.sub(r"^\D*", "", meta)) if re.search(r"\d", meta) else 0
    stable = 0
    count = page.locator(".md-search-result__item").count()
    # Material renders 10 results, then 4 more each time the list is scrolled to its
    # end (a change from "not at the end" to "at the end"): scroll up, then down.
    while count < total and stable < 5:
        page.evaluate("() => { const w = document.querySelector('.md-search__scrollwrap');"
                      " if (w) w.scrollTop = 0 }")
        page.wait_for_timeout(40)
        page.evaluate("() => { const w = document.querySelector('.md-search__scrollwrap');"
                      " if (w) w.scrollTop = w.scrollHeight }")
        page.wait_for_timeout(80)
        now = page.locator(".md-search-result__item").count()
        stable = stable + 1 if now == count else 0
        count = now
    return page.eval_on_selector_all(
        ".md-search-result__link",
        """links => links.map(a => ({href: a.href,
              title: (a.querySelector('h1, h2') || a).textContent.trim(),
              text: a.textContent}))""")


def _forms(text: str, stem: str) -> set[str]:
    return set(re.findall(stem + r"[а-яё]*", text.lower()))


@pytest.mark.parametrize("query,stem,form", [
    ("поддержки", "поддержк", None),       # any other form: поддержка, поддержку, ...
    ("обучения", "обучени", "обучение"),
], ids=["podderzhki", "obucheniya"])
def test_search_finds_other_word_forms(page: Any, base_url: str, built_site: Path,
                                       query: str, stem: str, form: str | None) -> None:
    def other(text: str) -> bool:
        forms = _forms(text, stem) - {query}
        return form in forms if form else bool(forms)

    index = json.loads((built_site / "search/search_index.json").read_text("utf-8"))
    docs = [d for d in index["docs"] if "#" not in d["location"]]
    # Documents only stemming can find: the other form is there, the query's is not.
    only_stemmed = [d for d in docs if other(d["title"] + " " + d["text"])
                    and query not in _forms(d["title"] + " " + d["text"], stem)]
    with_form = [d for d in docs if other(d["title"] + " " + d["text"])]
    if not with_form:
        pytest.skip(f"no page of the catalogue says another form of «{query}»")

    page.goto(base_url)
    results = _search(page, query)
    assert results, f"«{query}» found nothing"
    hits = [r for r in results if other(r["text"])]
    assert hits, (f"no result for «{query}» shows another form; results: "
                  f"{[r['title'] for r in results][:10]}")
    if only_stemmed:
        want = {sitebuild.site_prefix() + d["location"] for d in only_stemmed}
        got = {urlsplit(r["href"]).path for r in results}
        assert want & got, (f"pages with only another form of «{query}» are missing: "
                            f"{sorted(want)[:5]}")
    # Open the result whose title has the other form (else any such result).
    chosen = next((r for r in hits if other(r["title"])), hits[0])
    page.locator(".md-search-result__link", has_text=chosen["title"]).first.click()
    page.wait_for_url(lambda url: urlsplit(url).path == urlsplit(chosen["href"]).path)
    assert page.locator("h1").first.inner_text().strip() == chosen["title"]


# --- following references -------------------------------------------------------------------

def test_measure_to_legal_basis_and_back(page: Any, base_url: str, cat_site: Any) -> None:
    measures = [e for e in cat_site.catalogue.of_type("measure")
                if cat_site.refs("legal", e.data.get("legal_basis"))]
    if not measures:
        pytest.skip("no measure has a legal basis yet")
    measure = min(measures, key=lambda e: e.id)
    legal = cat_site.refs("legal", measure.data["legal_basis"])[0]
    page.goto(base_url + measure.url)
    fact = page.locator(".cat-fact", has=page.locator("dt", has_text="Правовое основание"))
    fact.get_by_role("link", name=legal.title, exact=True).click()
    page.wait_for_url(base_url + legal.url)
    assert page.locator("h1").first.inner_text().strip() == legal.title
    back = page.locator(".cat-backlinks").get_by_role("link", name=measure.title, exact=True)
    assert back.count() == 1
    back.click()
    page.wait_for_url(base_url + measure.url)
    assert page.locator("h1").first.inner_text().strip() == measure.title


def test_region_page_to_practice(page: Any, base_url: str, pages: dict[str, str | None],
                                 cat_site: Any) -> None:
    url = pages["region"]
    ident = url.rstrip("/").split("/")[-1] if url else None
    groups = dict((spec.name, es) for spec, es in cat_site.reference_groups("region", ident)) \
        if ident else {}
    if not groups.get("practice"):
        pytest.skip("no region has a practice yet")
    practice = groups["practice"][0]
    page.goto(base_url + url)
    section = page.locator("h2#practices + *")
    section.get_by_role("link", name=practice.title, exact=True).first.click()
    page.wait_for_url(base_url + practice.url)
    assert page.locator("h1").first.inner_text().strip() == practice.title


# --- statuses recomputed at view time ----------------------------------------------------------

def test_status_is_recomputed_on_the_day_of_reading(page: Any, base_url: str,
                                                    cat_site: Any) -> None:
    """status.js: a page built on one day shows, when read on another, that day's
    status — the same one the engine (schedule.py) gives for that day."""
    import datetime as dt
    from catalogue.schedule import measure_status, windows
    chosen = None
    for measure in sorted(cat_site.catalogue.of_type("measure"), key=lambda e: e.id):
        for window in windows(measure):
            day = window.opens
            later = measure_status(measure, day)
            if later.code == "open" and later.label != cat_site.status(measure).label:
                chosen = (measure, day, later)
                break
        if chosen:
            break
    if chosen is None:
        pytest.skip("no measure whose status changes between the build day and a window")
    measure, day, expected = chosen
    page.clock.set_fixed_time(dt.datetime(day.year, day.month, day.day, 12, 0,
                                          tzinfo=dt.timezone.utc))
    page.goto(base_url + measure.url)
    badge = page.locator(".cat-card .cat-status").first
    assert badge.get_attribute("data-status") == "open", (
        f"{measure.url} read on {day}: still {badge.get_attribute('data-status')!r} "
        f"«{badge.inner_text()}» (built as «{cat_site.status(measure).label}»)")
    # Babel puts a narrow no-break space before «г.», Intl an ordinary one.
    assert badge.inner_text().split() == expected.label.split()


# --- every page type ------------------------------------------------------------------------

@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_loads_cleanly(kind: str, reading_page: Any, base_url: str,
                            pages: dict[str, str | None], settle: Any) -> None:
    page, log = reading_page, reading_page.log
    _open(page, base_url, pages, kind)
    settle(page)                 # the search worker, finders and feeds have loaded too
    assert page.locator("h1").count() >= 1, "no heading"
    assert not log.errors(), "\n".join(log.errors())
    assert not log.failed, "\n".join(log.failed)
    assert not log.foreign, f"requests to other hosts: {log.foreign}"
    hosts = {urlsplit(u).hostname for u in log.requests if u.startswith("http")}
    assert hosts <= {"127.0.0.1"}, hosts


def test_unknown_address_shows_the_404_page(page: Any, log: Any, base_url: str,
                                            settle: Any) -> None:
    url = base_url + "measures/no-such-measure/"
    log.allow_404.add(url)
    response = page.goto(url)
    assert response is not None and response.status == 404
    assert page.locator("h1").first.inner_text().strip() == "Страница не найдена"
    settle(page)
    assert not log.errors() and not log.failed, log.dump()


_OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth
  const out = []
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect()
    if (r.width === 0 || r.right <= width + 1) continue
    let clipped = false
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const s = getComputedStyle(p)
      if (['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX)) { clipped = true; break }
    }
    if (!clipped) out.push(el.tagName.toLowerCase() + (el.className && typeof el.className ===
        'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
        ' right=' + Math.round(r.right))
  }
  return {scroll: document.documentElement.scrollWidth, client: width, offenders: out.slice(0, 8)}
}"""


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_horizontal_scroll_at_360px(kind: str, reading_page: Any, base_url: str,
                                       pages: dict[str, str | None]) -> None:
    page = reading_page
    page.set_viewport_size({"width": 360, "height": 740})
    _open(page, base_url, pages, kind)
    found = page.evaluate(_OVERFLOW_JS)
    assert found["scroll"] <= found["client"] + 1, (
        f"scrollWidth {found['scroll']} > clientWidth {found['client']}; "
        f"wide elements: {found['offenders']}")


# --- accessibility -----------------------------------------------------------------------------

def _serious(violations: list[dict[str, Any]]) -> list[str]:
    return [f"{v['impact']} {v['id']} ({v['help']}), {v['count']} nodes, e.g. "
            f"{v['nodes'][0]['target']} {v['nodes'][0]['html'][:160]}"
            for v in violations if v["impact"] in ("critical", "serious")]


# axe-core on every page type at 360 and 1280 px in both colour schemes:
# tests/browser/test_phone_keyboard.py (test_accessibility).
