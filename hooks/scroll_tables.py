"""Tables in Markdown scroll inside a wrapper that the keyboard can reach.

A table wider than the screen (a phone, or 400 % zoom: WCAG 1.4.10) scrolls
sideways inside a wrapper. Without anything focusable in it a keyboard user can
neither reach nor scroll it (axe: ``scrollable-region-focusable``). Every table
of every Markdown page (entries' bodies, the guide, hand-written pages) is put,
at build time, into::

    <div class="md-typeset__scrollwrap cat-scroll" role="region" tabindex="0"
         aria-label="Таблица: <the heading above it>">
      <div class="md-typeset__table"><table>…</table></div>
    </div>

the structure Material's JavaScript gives tables, plus focus and a name. Material
still wraps the table once more in the browser; catalogue.css keeps that inner
wrapper from scrolling, so the focusable one is the one that scrolls. Our templates
write the same wrapper (``scroll_table`` in overrides/catalogue/macros.html).

Knows Python-Markdown only; hooks/site.py adds it to MkDocs' extensions.
"""
from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Iterator

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

WRAPPER_CLASS = "md-typeset__scrollwrap cat-scroll"
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def label(heading: str | None) -> str:
    """The wrapper's accessible name: «Таблица: <heading>» or «Таблица»."""
    heading = " ".join((heading or "").split())
    return f"Таблица: {heading}" if heading else "Таблица"


def _walk(parent: etree.Element) -> Iterator[tuple[etree.Element, etree.Element]]:
    """(parent, child) in document order."""
    for child in list(parent):
        yield parent, child
        yield from _walk(child)


class ScrollTables(Treeprocessor):
    """Wraps every <table> in the focusable, named scrolling wrapper."""

    def run(self, root: etree.Element) -> None:
        heading: str | None = None
        for parent, child in list(_walk(root)):
            if child.tag in _HEADINGS:
                heading = "".join(child.itertext())
            elif child.tag == "table":
                index = list(parent).index(child)
                wrap = etree.Element("div", {"class": WRAPPER_CLASS, "role": "region",
                                             "tabindex": "0", "aria-label": label(heading)})
                inner = etree.SubElement(wrap, "div", {"class": "md-typeset__table"})
                parent.remove(child)
                inner.append(child)
                wrap.tail, child.tail = child.tail, None
                parent.insert(index, wrap)


class ScrollTablesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API
        # After the inline patterns (20: headings hold their text), before toc (5),
        # which adds the «#» permalinks to headings.
        md.treeprocessors.register(ScrollTables(md), "cat_scroll_tables", 15)
