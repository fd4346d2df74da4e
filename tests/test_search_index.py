"""The search index holds what the Russian word-form queries need.

For every query of tests/search_queries.py: the query form does not occur in the
entry's search text (so it is a real word-form test), and its Russian stem
(snowball, the algorithm of lunr.ru that Material ships) starts a stem of the
entry's search text: the stemmed query with Material's trailing wildcard meets it.
The browser test runs the same table through the real search in Chromium.
"""
from __future__ import annotations

import re

import pytest
import snowballstemmer

from catalogue.pages import Site
from catalogue_kit import REAL_CONTENT, TODAY, run_validate
from search_queries import QUERIES

SEPARATOR = re.compile(r"[\s\-«»\"“”()\[\],.;:!?/]+")  # Material's separator, plus punctuation
STEMMER = snowballstemmer.stemmer("russian")


def _words(text: str) -> list[str]:
    return [w.lower().replace("ё", "е") for w in SEPARATOR.split(text) if w]


@pytest.fixture(scope="module")
def docs() -> dict[str, dict[str, str]]:
    result = run_validate(REAL_CONTENT)
    assert not result.errors
    site = Site(result.catalogue, TODAY)
    return {doc["location"]: doc for doc in site.search_docs()}


@pytest.fixture(scope="module")
def catalogue():
    return run_validate(REAL_CONTENT).catalogue


def test_table_is_large_enough() -> None:
    assert len(QUERIES) >= 20
    assert len({q for q, _ in QUERIES}) == len(QUERIES)


@pytest.mark.parametrize("query,entry_id", QUERIES)
def test_query_form_differs_and_stem_is_indexed(query: str, entry_id: str, docs, catalogue) -> None:
    entry = catalogue.entries[entry_id]
    doc = docs[entry.url]
    words = _words(doc["title"] + " " + doc["text"])
    normalized = query.lower().replace("ё", "е")
    assert normalized not in words, f"«{query}» occurs verbatim: pick another word form"
    stem = STEMMER.stemWord(normalized)
    stems = [STEMMER.stemWord(w) for w in words]
    assert any(s.startswith(stem) for s in stems), (query, stem, entry_id)


def test_listing_pages_stay_small_in_the_index(docs) -> None:
    """Generated taxonomy pages carry their name and description only, boosted down."""
    for location, doc in docs.items():
        if location.startswith(("topics/", "regions/", "municipality-types/")):
            assert doc.get("boost", 1) < 1
            assert len(doc["text"]) < 400
