"""The served site's search index: Pagefind (a fragment index fetched per query).

Run after the build (``on_post_build`` in hooks/site.py), from the very documents
of the lunr index (``search/search_index.json``: entries' title, summary and facts,
generated reference pages, hand-written pages and their sections), so the two
engines search the same text. The offline edition (``file://``, where Pagefind
cannot run) and the fallback keep the lunr index.

The query handling stays in one place, overrides/assets/javascripts/workers/
search-ru.js («Query handling»), which runs before ``pagefind.search``. So that its
words meet the index's, the text indexed here is handled as its lunr index
pipeline handles text: ё folded to е, the function words of search-ru.js dropped
(read from that file, not copied). What results show (title, summary) is stored
as Pagefind metadata, as the editor wrote it.

Weights (Pagefind's ``data-pagefind-weight``, 0-10) follow the lunr index's boosts:
title 10, summary 1, facts 0.5, times the document's boost (generated pages 0.2,
hand-written pages 0.5).
"""
from __future__ import annotations

import asyncio
import html
import json
import re
from pathlib import Path
from typing import Any

WORKER = Path(__file__).resolve().parent.parent / "overrides" / "assets" / "javascripts" \
    / "workers" / "search-ru.js"
OUTPUT = "pagefind"                  # site/pagefind/: pagefind.js, wasm, index fragments
CONFIG = "search/search_config.json"  # what the served page hands the worker instead of
#                                     the full lunr index (config, synonyms, no documents)
TITLE, SUMMARY, FACTS = 10.0, 1.0, 0.5

_TAG = re.compile(r"<[^>]*>")


def function_words(source: str | None = None) -> frozenset[str]:
    """The function words search-ru.js drops from queries and from its index
    (FUNCTION_WORDS there: the string literals between ``new Set((`` and ``).split``).

    Raises ValueError when the list is not found (search-ru.js was rewritten)."""
    text = WORKER.read_text(encoding="utf-8") if source is None else source
    match = re.search(r"FUNCTION_WORDS = new Set\(\((.*?)\)\.split", text, re.S)
    if not match:
        raise ValueError("search-ru.js: FUNCTION_WORDS not found")
    words = "".join(re.findall(r'"([^"]*)"', match.group(1))).split()
    if not words:
        raise ValueError("search-ru.js: FUNCTION_WORDS is empty")
    return frozenset(words)


def plain(text: str) -> str:
    """Text of an index document (Material's docs hold HTML; ours escaped text)."""
    return " ".join(html.unescape(_TAG.sub(" ", text or "")).split())


_WORD = re.compile(r"[0-9A-Za-zА-Яа-яЁё]+")


def indexed(text: str, stop: frozenset[str]) -> str:
    """What Pagefind indexes of ``text``: ё folded, function words dropped
    (as search-ru.js's index pipeline does for lunr)."""
    folded = text.lower().replace("ё", "е")
    return " ".join(w for w in _WORD.findall(folded) if w not in stop)


def record(doc: dict[str, Any], stop: frozenset[str]) -> str:
    """One lunr index document -> the HTML Pagefind indexes."""
    boost = float(doc.get("boost", 1.0))
    title, text, facts = plain(doc.get("title", "")), plain(doc.get("text", "")), \
        plain(doc.get("facts", ""))

    def weight(w: float) -> str:
        return f"{max(0.1, min(10.0, w * boost)):.2f}"

    esc = html.escape
    return (
        '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"></head><body>'
        f'<h1 data-pagefind-weight="{weight(TITLE)}">{esc(indexed(title, stop))}</h1>'
        f'<p data-pagefind-weight="{weight(SUMMARY)}">{esc(indexed(text, stop))}</p>'
        f'<p data-pagefind-weight="{weight(FACTS)}">{esc(indexed(facts, stop))}</p>'
        f'<div data-pagefind-ignore><span data-pagefind-meta="title">{esc(title)}</span>'
        f'<span data-pagefind-meta="summary">{esc(text)}</span></div>'
        '</body></html>')


class _Written(Exception):
    """Leaves the index's context without its second write (see _write)."""


def _sizes(out: Path) -> dict[str, int]:
    return {str(p): p.stat().st_size for p in out.rglob("*") if p.is_file()}


async def _write(docs: list[dict[str, Any]], out: Path, stop: frozenset[str]) -> int:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(force_language="ru", output_path=str(out))
    count = 0
    # The service answers WriteFiles before every file is on disk, and leaving the
    # context writes again and then stops the binary after at most 5 s: on a loaded
    # machine that left an empty pagefind-entry.json. So: write once, wait until the
    # files stop changing, and leave by an exception (no second write).
    try:
        async with PagefindIndex(config=config) as index:
            for doc in docs:
                if not doc.get("title") and not doc.get("text"):
                    continue
                await index.add_html_file(content=record(doc, stop), url=doc["location"])
                count += 1
            await index.write_files(output_path=str(out))
            entry, before, still = out / "pagefind-entry.json", None, 0
            for _ in range(600):                       # at most 5 minutes
                now = _sizes(out) if out.is_dir() else {}
                done = entry.is_file() and entry.stat().st_size > 0
                still = still + 1 if done and now == before else 0
                if still >= 3:                          # 0.75 s without a change
                    break
                before = now
                await asyncio.sleep(0.25)
            raise _Written
    except _Written:
        pass
    entry = out / "pagefind-entry.json"
    if not entry.is_file() or not entry.stat().st_size:
        raise RuntimeError(f"Pagefind wrote no {entry}")
    # Pagefind's own search interfaces: Material's is used (the worker answers it)
    for unused in ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*",
                   "pagefind-highlight.js"):
        for path in out.glob(unused):
            path.unlink()
    return count


def write(site_dir: Path) -> int:
    """Index the documents of ``site_dir/search/search_index.json`` with Pagefind into
    ``site_dir/pagefind/`` and write ``site_dir/search/search_config.json`` (the lunr
    index's config with one empty document: the worker's query handling needs the
    pipeline, not the documents). Returns the number of records indexed."""
    path = site_dir / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    out = site_dir / OUTPUT
    count = asyncio.run(_write(index["docs"], out, function_words()))
    small = {"config": index["config"],
             "docs": [{"location": "", "title": "", "text": ""}]}
    (site_dir / CONFIG).write_text(json.dumps(small, ensure_ascii=False,
                                              separators=(",", ":")), encoding="utf-8")
    return count
