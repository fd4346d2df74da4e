"""The search relevance benchmark (tests/search_relevance.yml) typed into the real
search in Chromium: success@3 and mean reciprocal rank.

Used by tests/browser/test_search_relevance.py and scripts/bench.py --browser.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

BENCHMARK = Path(__file__).resolve().parent.parent / "tests" / "search_relevance.yml"

# Wait for the answer to the query just typed: the old results are marked and the
# result count is blanked first; Material rewrites both when the worker answers.
_MARK = """() => {
  const meta = document.querySelector('.md-search-result__meta')
  meta.textContent = '\u2026pending'
  for (const li of document.querySelectorAll('.md-search-result__item')) li.dataset.old = '1'
}"""
_ANSWERED = """() => {
  const meta = document.querySelector('.md-search-result__meta')
  return meta && meta.textContent !== '\u2026pending'
}"""
_FIRST = """n => [...document.querySelectorAll('.md-search-result__item:not([data-old])')]
  .slice(0, n).map(li => li.querySelector('a').getAttribute('href'))"""


def load(path: Path = BENCHMARK) -> list[dict[str, Any]]:
    """[{q: query, kind: str, top3: [entry id, ...]}, ...] from the YAML file."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def entry_id(href: str) -> str:
    """The entry id of a result link (last path segment; .html of the offline edition)."""
    path = unquote(urlsplit(href).path).rstrip("/")
    last = path.rsplit("/", 1)[-1]
    if last == "index.html":
        last = path.rsplit("/", 2)[-2]
    return last[:-5] if last.endswith(".html") else last


def open_search(page: Any) -> Any:
    """Focus the search box; returns its locator."""
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    return box


def ask(page: Any, query: str, n: int = 3, timeout: float = 30_000) -> list[str]:
    """Type ``query`` the way a reader does; the entry ids of the first ``n`` results."""
    box = page.locator("input[data-md-component=search-query]")
    _settled(page)
    page.evaluate(_MARK)
    box.fill(query)
    box.press("End")             # fill() sends no key events; Material listens to keyup
    page.wait_for_function(_ANSWERED, timeout=timeout)
    _settled(page)               # the whole list (the served site answers in two parts)
    return [entry_id(h) for h in page.evaluate(_FIRST, n)]


def _settled(page: Any, timeout: float = 30.0) -> None:
    """Wait until the search worker has no answer still to come (the served site's
    worker answers a list in two parts: search-ru.js, self.__catalogueAnswering)."""
    import time
    deadline = time.monotonic() + timeout
    for worker in page.workers:
        while True:
            try:
                busy = worker.evaluate("self.__catalogueAnswering || 0")
            except Exception:  # noqa: BLE001  (not our worker, or gone)
                break
            if not busy or time.monotonic() > deadline:
                break
            time.sleep(0.02)


def run(page: Any, queries: list[dict[str, Any]]) -> dict[str, Any]:
    """Type every query; {success_at_3, mrr, failures: [(query, expected, got)]}."""
    open_search(page)
    page.wait_for_function("() => !document.querySelector('.md-search-result__meta')"
                           ".textContent.includes('Инициализация')", timeout=60_000)
    hits, reciprocal, failures = 0, 0.0, []
    for item in queries:
        got = ask(page, item["q"], n=10)
        want = set(item["top3"])
        rank = next((i + 1 for i, ident in enumerate(got) if ident in want), None)
        if rank is not None and rank <= 3:
            hits += 1
        else:
            failures.append((item["q"], item["top3"], got[:3]))
        reciprocal += 1 / rank if rank else 0.0
    return {"queries": len(queries), "success_at_3": round(hits / len(queries), 3),
            "mrr": round(reciprocal / len(queries), 3), "failures": failures}
