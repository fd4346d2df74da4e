"""Our worker's faster index build (overrides/assets/javascripts/workers/search-ru.js)
answers exactly as lunr's own build does.

Two workers in one page, both ours: one builds the index with lunr's Builder
(``?build=lunr``), the other with search-ru.js's. Both get the site's search index;
every query (each distinct word of the index, the word-form table, a few query
syntaxes) must give the same results: order, scores, highlighted titles and texts
(the positions and Material's position tables), suggestions.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from search_queries import QUERIES  # noqa: E402

WORKER = Path(__file__).resolve().parents[2] / "overrides/assets/javascripts/workers/search-ru.js"

COMPARE = """async ({queries}) => {
  const config = JSON.parse(document.getElementById("__config").textContent)
  const ours = new URL(config.search, location.href)
  /* the lunr worker (the served site's page hands it Pagefind: not compared here) */
  ours.searchParams.delete("pagefind")
  ours.searchParams.delete("lunr")
  const lunrs = new URL(ours)
  lunrs.searchParams.set("build", "lunr")
  const base = new URL(config.base, location.href)
  const index = await (await fetch(new URL("search/search_index.json", base))).json()
  function start(url) {
    const worker = new Worker(url)
    const replies = []
    let waiting = null
    worker.onmessage = ev => { replies.push(ev.data); if (waiting) waiting() }
    async function next() {
      while (!replies.length) await new Promise(r => waiting = r)
      return replies.shift()
    }
    return {
      async send(message) { worker.postMessage(message); return next() },
      close() { worker.terminate() }
    }
  }
  const a = start(ours.href), b = start(lunrs.href)
  const setup = {type: 0, data: {config: index.config, docs: index.docs,
                                 options: {suggest: true}}}
  const ready = [await a.send(setup), await b.send(setup)]
  const differ = []
  let found = 0
  for (const query of queries) {
    const [x, y] = [await a.send({type: 2, data: query}), await b.send({type: 2, data: query})]
    if (JSON.stringify(x) !== JSON.stringify(y)) differ.push(query)
    if (x.data && x.data.items.length) found++
  }
  a.close(); b.close()
  return {ready: ready.map(r => r.type), differ, found, docs: index.docs.length}
}"""


def _queries(site: Path) -> list[str]:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    words: dict[str, None] = {}
    for doc in docs:
        text = re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc.get("text", ""))
        for word in re.split(r"[\s\-«»\"“”()\[\],.;:!?/]+", text):
            if len(word) > 1:
                words.setdefault(word.lower(), None)
    return list(words) + [q for q, _ in QUERIES] + [
        "су", "мер", "поддержка граждан", "+закон -округ", "title:курс", '"местного значения"']


def test_worker_knows_materials_build(built_site: Path) -> None:
    """Our tokenizer copy is used with the Material worker it was copied from only;
    after a Material upgrade, compare the new worker's tokenizer and update the name."""
    name = re.search(r'TOKENIZER_OF = "([^"]+)"', WORKER.read_text(encoding="utf-8")).group(1)
    shipped = sorted(p.name for p in (built_site / "assets/javascripts/workers").glob("search.*.js"))
    assert name in shipped, (name, shipped)


def test_index_build_gives_the_same_results(page: Any, base_url: str, built_site: Path) -> None:
    queries = _queries(built_site)
    assert len(queries) > 300
    page.goto(base_url)
    result = page.evaluate(COMPARE, {"queries": queries})
    assert result["ready"] == [1, 1]
    assert result["found"] > len(queries) // 2, result   # the queries do find things
    assert not result["differ"], f"{len(result['differ'])} queries differ: {result['differ'][:20]}"
