"""References between entries, both ways, and short references in bodies.

Forward references come from the schema (x-ref fields) and from [[id]] in
bodies; backlinks are their reverse, grouped so a page can say «what links here».
"""
from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass

from . import body as md
from .model import REFERENCES, Catalogue, Entry, as_date, record_references


@dataclass(frozen=True)
class Link:
    source: Entry
    field: str          # the field name in the source ("legal_basis", "body", ...)
    label: str          # its Russian label («Правовое основание», «В тексте»)


Key = tuple[str, str]   # (type or reference list name, id)


@dataclass
class Links:
    """Who refers to whom. ``to[(type, id)]`` lists the entries that refer to it."""
    to: dict[Key, list[Link]]

    def backlinks(self, kind: str, ident: str) -> list[Link]:
        return self.to.get((kind, ident), [])

    def grouped(self, kind: str, ident: str) -> dict[str, list[Entry]]:
        """Entries that refer to (kind, ident), grouped by their type, each once, by title."""
        groups: dict[str, dict[str, Entry]] = defaultdict(dict)
        for link in self.backlinks(kind, ident):
            groups[link.source.spec.name][link.source.id] = link.source
        return {name: sorted(items.values(), key=lambda e: e.title.lower())
                for name, items in groups.items()}


def build_links(catalogue: Catalogue) -> Links:
    to: dict[Key, list[Link]] = defaultdict(list)
    for entry in catalogue:
        for path, target, ident in record_references(entry):
            top = str(path[0])
            label = entry.spec.field_label(top)
            kind = target
            if target not in REFERENCES:
                other = catalogue.resolve(ident)
                if other is None or other.spec.name != target:
                    continue
                ident = other.id          # a former id counts for the entry that had it
            to[(kind, ident)].append(Link(entry, top, label))
        for found in md.short_refs(entry.body):
            other = catalogue.resolve(found.target)
            if other is not None and other is not entry:
                to[(other.spec.name, other.id)].append(Link(entry, "body", "В тексте"))
    return Links(dict(to))


def escape_link_text(text: str) -> str:
    """Make a title safe as Markdown link text: no markup, no HTML from editors."""
    out = text.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;")
    for ch in "[]*_`":
        out = out.replace(ch, "\\" + ch)
    return out


# How a legal act is named in running text, by kind: «Федеральный закон № 131-ФЗ».
# The Constitution and codes are cited by their title, which is short
# («Бюджетный кодекс Российской Федерации»). Generic kinds (an order of some
# ministry, a letter, a regional law, a court's decision) say little without the
# date, so they always get it: «Приказ от 15.03.2024 № 101».
_CITED_BY_NUMBER = {
    "federal-constitutional-law": "Федеральный конституционный закон",
    "federal-law": "Федеральный закон",
    "presidential-decree": "Указ Президента РФ",
    "government-resolution": "Постановление Правительства РФ",
    "government-order": "Распоряжение Правительства РФ",
    "ministry-order": "Приказ",
    "regional-law": "Закон",
    "letter": "Письмо",
    "court-decision": "Решение",
}
_ALWAYS_DATED = {"ministry-order", "regional-law", "letter", "court-decision"}
_same_number: dict[int, tuple[Catalogue, dict[tuple[str, str], int]]] = {}


def _numbered(catalogue: Catalogue) -> dict[tuple[str, str], int]:
    """(kind, number) -> how many legal acts of the catalogue have it (computed once)."""
    cached = _same_number.get(id(catalogue))
    if cached is None or cached[0] is not catalogue:
        counts: dict[tuple[str, str], int] = defaultdict(int)
        for act in catalogue.of_type("legal"):
            if act.data.get("number"):
                counts[(str(act.data.get("kind")), str(act.data["number"]))] += 1
        _same_number.clear()
        cached = _same_number[id(catalogue)] = (catalogue, dict(counts))
    return cached[1]


def citation(target: Entry, catalogue: Catalogue) -> str:
    """How ``[[id]]`` reads in running text (``[[id|текст]]`` keeps the editor's text).

    Any entry but a legal act: its title. A legal act: its ``short_title`` if the
    editor gave one; else «<вид> № <номер>» («Федеральный закон № 131-ФЗ»), with
    «от ДД.ММ.ГГГГ» before the number when the kind is generic (_ALWAYS_DATED) or
    another act of the catalogue has the same kind and number (two laws № 273-ФЗ);
    the Constitution, codes and acts without a number: the title. The full title
    stays in lists, fact cards and on the act's own page.
    """
    if target.spec.name != "legal":
        return target.title
    data = target.data
    if data.get("short_title"):
        return str(data["short_title"])
    kind, number = str(data.get("kind")), data.get("number")
    noun = _CITED_BY_NUMBER.get(kind)
    if not noun or not number:
        return target.title
    adopted = as_date(data.get("adopted"))
    dated = kind in _ALWAYS_DATED or _numbered(catalogue).get((kind, str(number)), 0) > 1
    when = f" от {adopted:%d.%m.%Y}" if dated and adopted else ""
    return f"{noun}{when} № {number}"


def resolve_short_refs(entry: Entry, catalogue: Catalogue) -> str:
    """The body with each [[id]] turned into a Markdown link to the target's source file,
    its text the target's ``citation`` (a legal act's short form) or the editor's.

    Links point at .md files so that MkDocs checks them and makes them relative.
    """
    return resolve_refs(entry.body, entry.spec.folder, catalogue)


def resolve_refs(markdown: str, folder: str, catalogue: Catalogue) -> str:
    """``markdown`` with each [[id]] and [[id|текст]] outside code turned into a Markdown
    link ``[text](../<type folder>/<id>.md)`` relative to ``folder`` (the page's folder
    under content/, "" for content/ itself: "guide" for content/guide/index.md).

    The text is the target's ``citation`` or the editor's; a former id (old_ids) leads to
    the entry that lists it; an unknown id stays as its text (the validator reports it:
    check.check_pages for hand-written pages, check._body for entries). Used for entry
    bodies and for hand-written pages alike.
    """
    here = folder or "."

    def render(ident: str, text: str) -> str:
        target = catalogue.resolve(ident)   # a former id (old_ids) leads to the entry
        if target is None:
            return escape_link_text(text or ident)
        path = posixpath.relpath(f"{target.spec.folder}/{target.id}.md", here)
        return f"[{escape_link_text(text or citation(target, catalogue))}]({path})"

    return md.replace_short_refs(markdown, render)
