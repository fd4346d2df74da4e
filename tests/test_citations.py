"""[[id]] of a legal act in running text reads as its short citation form; the full
title stays in lists and on the act's page; [[id|текст]] keeps the editor's text.

Engine side (links.resolve_short_refs, links.citation, jsonld's plain text) on a small
catalogue; the built site's pages are checked in tests/site/test_citations_site.py.
"""
from __future__ import annotations

from typing import Any, Callable

from catalogue_kit import LEGAL_NEW, LEGAL_OLD, MEASURE, QUESTION, replace_line

from catalogue.links import citation, resolve_short_refs
from catalogue.jsonld import jsonld

CITING = MEASURE.rstrip("\n") + "\n\nОснование — [[law-new]]; прежде — [[law-old|старый закон]].\n"


def _site(make_content: Callable[..., Any], extra: dict[str, str]) -> Any:
    content = make_content(extra)
    result = content.validate()
    assert not result.errors, [str(p) for p in result.errors]
    return result.catalogue


def _with(text: str, start: str, new: str | None) -> str:
    return replace_line(text, start, new)


def test_federal_law_is_cited_by_kind_and_number(make_content: Callable[..., Any]) -> None:
    catalogue = _site(make_content, {"measures/citing.md": CITING})
    body = resolve_short_refs(catalogue.entries["citing"], catalogue)
    assert "[Федеральный закон № 33-ФЗ](../legal/law-new.md)" in body
    # the editor's own text is kept
    assert "[старый закон](../legal/law-old.md)" in body
    assert catalogue.entries["law-new"].title.startswith("Федеральный закон № 33-ФЗ «Об")
    assert "«Об общих принципах" not in body


def test_editor_short_title_wins(make_content: Callable[..., Any]) -> None:
    law = _with(LEGAL_NEW, "number:", "number: 33-ФЗ\nshort_title: Закон о местном самоуправлении")
    catalogue = _site(make_content, {"legal/law-new.md": law, "measures/citing.md": CITING})
    body = resolve_short_refs(catalogue.entries["citing"], catalogue)
    assert "[Закон о местном самоуправлении](../legal/law-new.md)" in body


def test_same_kind_and_number_get_the_date(make_content: Callable[..., Any]) -> None:
    """Two federal laws № 273-ФЗ (2008 and 2012) must not read the same."""
    old = _with(LEGAL_OLD, "number:", "number: 33-ФЗ")
    catalogue = _site(make_content, {"legal/law-old.md": old, "measures/citing.md": CITING})
    assert citation(catalogue.entries["law-new"], catalogue) == \
        "Федеральный закон от 20.03.2025 № 33-ФЗ"
    assert citation(catalogue.entries["law-old"], catalogue) == \
        "Федеральный закон от 06.10.2003 № 33-ФЗ"


def test_generic_kinds_carry_the_date_and_codes_their_title(
        make_content: Callable[..., Any]) -> None:
    order = _with(LEGAL_NEW, "kind:", "kind: ministry-order")
    order = _with(order, "number:", "number: '101'")
    catalogue = _site(make_content, {"legal/law-new.md": order})
    assert citation(catalogue.entries["law-new"], catalogue) == "Приказ от 20.03.2025 № 101"
    code = _with(LEGAL_NEW, "title:", "title: Бюджетный кодекс Российской Федерации")
    code = _with(code, "kind:", "kind: code")
    catalogue = _site(make_content, {"legal/law-new.md": code})
    assert citation(catalogue.entries["law-new"], catalogue) == \
        "Бюджетный кодекс Российской Федерации"
    without = _with(LEGAL_NEW, "number:", None)
    catalogue = _site(make_content, {"legal/law-new.md": without})
    assert citation(catalogue.entries["law-new"], catalogue) == \
        catalogue.entries["law-new"].title


def test_other_types_keep_their_title(make_content: Callable[..., Any]) -> None:
    catalogue = _site(make_content, {})
    measure = next(iter(catalogue.of_type("measure")))
    assert citation(measure, catalogue) == measure.title


def test_structured_data_text_reads_like_the_page(make_content: Callable[..., Any]) -> None:
    """A question's answer text in JSON-LD cites as the page does."""
    question = QUESTION.rstrip("\n") + "\n\nОснование — [[law-new]].\n"
    catalogue = _site(make_content, {"questions/question-a.md": question})
    data = jsonld(catalogue.entries["question-a"], catalogue, "https://example.invalid/")
    answer = data["mainEntity"]["acceptedAnswer"]["text"]
    assert "Основание — Федеральный закон № 33-ФЗ." in answer
