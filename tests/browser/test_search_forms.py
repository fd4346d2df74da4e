"""The table of Russian queries in other word forms (tests/search_queries.py),
run through the real search in Chromium: each query lists its entry among the
first ten results. test_search_index.py checks the same table against the index.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sitebuild  # noqa: E402
from search_queries import QUERIES  # noqa: E402
from test_reader import _search  # noqa: E402


@pytest.mark.parametrize("query,entry_id", QUERIES)
def test_query_in_another_form_finds_the_entry(query: str, entry_id: str, page: Any,
                                               base_url: str, cat_site: Any) -> None:
    entry = cat_site.catalogue.entries[entry_id]
    page.goto(base_url)
    results = _search(page, query)
    paths = [urlsplit(r["href"]).path for r in results]
    want = sitebuild.site_prefix() + entry.url
    assert want in paths[:10], (f"«{query}» should find «{entry.title}» in the first ten; "
                                f"got {[r['title'] for r in results[:10]]}")
