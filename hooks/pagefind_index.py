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

import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

WORKER = Path(__file__).resolve().parent.parent / "overrides" / "assets" / "javascripts" \
    / "workers" / "search-ru.js"
OUTPUT = "pagefind"                  # site/pagefind/: pagefind.js, wasm, index fragments
CONFIG = "search/search_config.json"  # what the served page hands the worker instead of
#                                     the full lunr index (config, synonyms, no documents)
TITLE, SUMMARY, FACTS = 10.0, 1.0, 0.5
TITLE_BASE = 7.0   # a title of average length; shorter ones up to TITLE (Pagefind's 10)

_TAG = re.compile(r"<[^>]*>")

# From this many entries the served page searches with Pagefind first; below it, with
# the lunr worker (README, «Engine choice (issue 16)»). Measured: the lunr index is
# 69 KB gzip at 428 documents and 571 KB at 10,000 entries (~57 B an entry), the page
# without it ~105 KB; at ~2,500 entries page and index pass the 250 KB before
# the first result. Below that the lunr worker is faster on every figure (real
# catalogue), above it Pagefind fetches less and answers the first query sooner.
PAGEFIND_FROM = 2500


def asked_first(entries: int) -> bool:
    """Whether the served page asks Pagefind first for a catalogue of ``entries``:
    CATALOGUE_SEARCH=pagefind|lunr, else by size (PAGEFIND_FROM entries)."""
    choice = os.environ.get("CATALOGUE_SEARCH", "")
    if choice in ("pagefind", "lunr"):
        return choice == "pagefind"
    return entries >= PAGEFIND_FROM


def wanted(offline: bool) -> bool:
    """Whether the site carries a Pagefind index at all: not in the offline edition
    (file://, where Pagefind cannot run), nor with CATALOGUE_PAGEFIND=0."""
    return not offline and os.environ.get("CATALOGUE_PAGEFIND", "1") != "0"



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


def title_norm(words: int, average: float, b: float = 0.75) -> float:
    """How much a title word weighs in a title of ``words`` words, as lunr's BM25
    normalises a field by its length (b = 0.75, lunr's default): 1 for a title of
    the average length, more for a shorter one, less for a longer one."""
    if words <= 0 or average <= 0:
        return 1.0
    return 1.0 / (1.0 - b + b * words / average)


def record(doc: dict[str, Any], stop: frozenset[str], average_title: float = 0.0) -> str:
    """One lunr index document -> the HTML Pagefind indexes. ``average_title``: the
    average number of indexed title words (0: titles are not normalised by length).
    Pagefind scores a record as one text, so a title's length is put into its
    weight (title_norm): among records whose titles hold the query words, the one
    whose title says little else comes first, as in the lunr path."""
    boost = float(doc.get("boost", 1.0))
    title, text, facts = plain(doc.get("title", "")), plain(doc.get("text", "")), \
        plain(doc.get("facts", ""))
    norm = title_norm(len(indexed(title, stop).split()), average_title)

    def weight(w: float) -> str:
        return f"{max(0.1, min(10.0, w * boost)):.2f}"

    esc = html.escape
    return (
        '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"></head><body>'
        f'<h1 data-pagefind-weight="{weight(TITLE_BASE * norm)}">{esc(indexed(title, stop))}</h1>'
        f'<p data-pagefind-weight="{weight(SUMMARY)}">{esc(indexed(text, stop))}</p>'
        f'<p data-pagefind-weight="{weight(FACTS)}">{esc(indexed(facts, stop))}</p>'
        f'<div data-pagefind-ignore><span data-pagefind-meta="heading">{esc(title)}</span>'
        f'<span data-pagefind-meta="summary">{esc(text)}</span>'
        f'<span data-pagefind-meta="location">{esc(doc.get("location") or "./")}</span></div>'
        '</body></html>')


def _write(docs: list[dict[str, Any]], out: Path, stop: frozenset[str]) -> int:
    """Write one record file per document into a temporary folder and run the
    Pagefind binary (its command line, ``python -m pagefind``) over it. Its Python
    service API was used first: at 10,000 documents it hung (the service idle,
    the client waiting for an answer), so the command line it is. The document's
    address is a metadata field (``location``): record files cannot be named
    ``guide/#section``."""
    count = 0
    with tempfile.TemporaryDirectory(prefix="pagefind-") as tmp:
        records = Path(tmp)
        kept = [d for d in docs if d.get("title") or d.get("text")]
        lengths = [len(indexed(plain(d.get("title", "")), stop).split()) for d in kept]
        average = sum(lengths) / len(lengths) if lengths else 0.0
        for doc in kept:
            (records / f"{count}.html").write_text(record(doc, stop, average),
                                                   encoding="utf-8")
            count += 1
        if out.exists():
            shutil.rmtree(out)
        done = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", str(records), "--output-path",
             str(out), "--force-language", "ru", "--quiet"],
            capture_output=True, text=True, check=False)
        if done.returncode:
            raise RuntimeError(f"Pagefind failed ({done.returncode}): "
                               f"{(done.stderr or done.stdout)[-2000:]}")
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
    count = _write(index["docs"], out, function_words())
    small = {"config": index["config"],
             "docs": [{"location": "", "title": "", "text": ""}]}
    (site_dir / CONFIG).write_text(json.dumps(small, ensure_ascii=False,
                                              separators=(",", ":")), encoding="utf-8")
    return count
