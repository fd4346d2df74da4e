"""References between entries, both ways, and short references in bodies.

Forward references come from the schema (x-ref fields) and from [[id]] in
bodies; backlinks are their reverse, grouped so a page can say «what links here».
"""
from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass

from . import body as md
from .model import REFERENCES, Catalogue, Entry, references


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
        for path, target, ident in references(entry.spec.properties, entry.data):
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


def resolve_short_refs(entry: Entry, catalogue: Catalogue) -> str:
    """The body with each [[id]] turned into a Markdown link to the target's source file.

    Links point at .md files so that MkDocs checks them and makes them relative.
    """
    here = entry.spec.folder

    def render(ident: str, text: str) -> str:
        target = catalogue.resolve(ident)   # a former id (old_ids) leads to the entry
        if target is None:
            return escape_link_text(text or ident)
        path = posixpath.relpath(f"{target.spec.folder}/{target.id}.md", here)
        return f"[{escape_link_text(text or target.title)}]({path})"

    return md.replace_short_refs(entry.body, render)
