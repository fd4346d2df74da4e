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
    assert 'data-pagefind-weight="7.00">молодежь script</h1>' in html
    # shown as written (ё, the editor's words), indexed folded
    assert 'data-pagefind-meta="heading">Молодёжь &lt;script&gt;</span>' in html
    assert 'data-pagefind-meta="summary">Гранты на проекты &amp; отчёт</span>' in html
    # generated pages weigh less
    low = pagefind_index.record({"location": "topics/t/", "title": "Тема", "text": "x",
                                 "boost": 0.2}, stop)
    assert 'data-pagefind-weight="1.40">тема</h1>' in low


def test_title_weight_follows_its_length() -> None:
    # lunr's BM25 (b = 0.75): a title of the average length 1, shorter more, longer less
    assert pagefind_index.title_norm(4, 4.0) == 1.0
    assert pagefind_index.title_norm(2, 4.0) > 1.0 > pagefind_index.title_norm(12, 4.0)
    stop = pagefind_index.function_words()
    short = pagefind_index.record({"location": "a/", "title": "Конкурс", "text": ""}, stop, 8.0)
    long = pagefind_index.record({"location": "b/", "title": "Конкурс проектов создания "
                                  "комфортной городской среды малых городах", "text": ""},
                                 stop, 4.0)
    weight = __import__("re").compile(r'<h1 data-pagefind-weight="([\d.]+)"')
    assert float(weight.search(short).group(1)) == 10.0      # capped at Pagefind's 10
    assert float(weight.search(long).group(1)) < 7.0
