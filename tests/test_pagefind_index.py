"""hooks/pagefind_index.py: what Pagefind indexes of the lunr index's documents."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

import pagefind_index  # noqa: E402


def test_function_words_come_from_the_worker() -> None:
    words = pagefind_index.function_words()
    assert {"на", "и", "в", "по", "не", "the"} <= words
    # content words lunr's Russian stop list drops are not function words
    assert not {"время", "мой", "сами"} & words
    with pytest.raises(ValueError):
        pagefind_index.function_words("var x = 1")


def test_indexed_text_folds_yo_and_drops_function_words() -> None:
    stop = pagefind_index.function_words()
    assert pagefind_index.indexed("Приём отчётов на благоустройство и ремонт",
                                  stop) == "прием отчетов благоустройство ремонт"
    assert pagefind_index.indexed("Время героев", stop) == "время героев"


def test_record_weights_meta_and_escaping() -> None:
    stop = pagefind_index.function_words()
    # the lunr index holds our titles escaped (hooks/site.py), Material's pages as HTML
    html = pagefind_index.record({"location": "measures/x/", "title": "Молодёжь &lt;script&gt;",
                                  "text": "Гранты на проекты &amp; отчёт", "facts": "Грант"},
                                 stop)
    assert '<html lang="ru">' in html
    assert "<script>" not in html
    assert 'data-pagefind-weight="10.00">молодежь script</h1>' in html
    # shown as written (ё, the editor's words), indexed folded
    assert 'data-pagefind-meta="heading">Молодёжь &lt;script&gt;</span>' in html
    assert 'data-pagefind-meta="summary">Гранты на проекты &amp; отчёт</span>' in html
    # generated pages weigh less
    low = pagefind_index.record({"location": "topics/t/", "title": "Тема", "text": "x",
                                 "boost": 0.2}, stop)
    assert 'data-pagefind-weight="2.00">тема</h1>' in low
