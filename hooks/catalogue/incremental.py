"""Validation for a process that validates the same content/ again and again (the
preview, `mkdocs serve`, after every save), and which entry pages an edit changes.

``Incremental().validate(content_dir)`` gives exactly what ``catalogue.validate`` gives,
but remembers between calls:

- every entry file as read (the Entry and the problems of reading it), keyed by its
  path, size and a digest of its bytes: an unchanged file is not parsed again. It is
  not even read again when its (mtime_ns, size, inode) are those seen last time and
  its mtime was more than a second older than that reading (as git does with «racily
  clean» files: a save after the reading gets a later mtime, while a save within the
  same tick of the file system's clock as the previous one might not);
- which entries passed ``check.check_entry`` without a problem. Such an entry is not
  checked again while its file, the entries it names and the catalogue's context are
  unchanged. «Names»: every entry whose id or former id (old_ids) occurs in its file as
  a word (``[\\w-]+``; ids are such words), which covers every lookup its checks make
  (references, [[id]], links to entry pages). The context: the build date, every
  entry's id, type and old_ids, the hand-written pages, the assets and the files of
  content/reference/. Entries with problems are checked every time (their messages
  may quote other entries, e.g. «did you mean …»). Whole-catalogue checks (duplicates,
  cycles, old_ids, unused references) run every time.

``pages_to_keep`` says which pages are the same as in the previous (committed)
build. An entry's page shows its own file, the entries it names (titles, citations,
statuses) and those that name it (backlinks, legal relations); a page of a topic,
region or municipality type shows the rows of its entries, the number of federal
measures and whether the region has a calendar. The generated pages of the navigation
(``_navigation_page``): a section page shows its entries (what their own pages depend
on), the lists of topics, regions and types their counts, analytics the entries of the
types it counts, the guide the first ids of each type, «Мой муниципалитет» the
reference lists only. Anything else (the context above but the list of ids, which
pages see through what they name; the numbers legal acts share, and what the caller
passes as ``environment``: templates, configuration, hand-written pages) changes every
page. (The caller gives a kept page of the navigation its title: MkDocs does not read
it.)

Derived fields (derive.py) are filled in copies: what is remembered stays as read.
Imports nothing from MkDocs.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import time
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Hashable

from . import Result
from .check import check, check_entry
from .clock import build_date
from .derive import derive
from .load import Loaded, add_entry, load_catalogue, read_entry
from .model import Catalogue, Entry, TypeSpec
from .pages import GeneratedPage, Site
from .scaffold import reference_examples
from .problems import Problem

FileKey = tuple[int, bytes]            # (size, BLAKE2b digest of the bytes)
_WORD = re.compile(r"[\w-]+")
_RACY_NS = 1_000_000_000   # a file modified this close to its reading is read again


@dataclass
class _Read:
    key: FileKey
    stat: tuple[int, int, int]         # (mtime_ns, size, inode) when read
    read_at: int                       # time.time_ns() when read
    entry: Entry | None
    problems: list[Problem]
    words: frozenset[str]
    text: str                          # for ids that are not one word (see _names_in)


class Incremental:
    """``validate`` and ``pages_to_build`` with memory (see the module's docstring)."""

    def __init__(self) -> None:
        self._root: str | None = None
        self._read: dict[str, _Read] = {}               # shown path -> the file as read
        self._clean: dict[str, tuple[Hashable, ...]] = {}
        self._names: dict[str, tuple[tuple[str, str, FileKey | None], ...]] = {}  # id -> named
        self._context = 0
        self._shared = 0
        self._built: tuple[int, dict[str, Hashable]] | None = None   # committed pages
        self._pending: tuple[int, dict[str, Hashable]] | None = None
        self.parsed = 0          # files parsed by the last validate (the rest were remembered)
        self.checked = 0         # entries checked by the last validate

    # --- validation -------------------------------------------------------------------

    def validate(self, content_dir: str | os.PathLike[str], today: dt.date | None = None
                 ) -> Result:
        """As ``catalogue.validate``: the catalogue and its problems, sorted."""
        today = today or build_date()
        root = str(Path(content_dir).resolve())
        if root != self._root:
            self.__init__()     # another catalogue: nothing remembered applies
            self._root = root
        self.parsed = self.checked = 0
        seen: set[str] = set()

        def reader(out: Loaded, path: Path, spec: TypeSpec, ident: str, shown: str) -> None:
            seen.add(shown)
            self._read_entry(out, path, spec, ident, shown)

        loaded = load_catalogue(root, reader)
        for gone in set(self._read) - seen:
            del self._read[gone]
            self._clean.pop(gone, None)
        catalogue = loaded.catalogue
        # derive() fills fields in place: it gets copies, what is remembered stays as read
        for entry in catalogue.of_type("problem"):
            catalogue.entries[entry.id] = dataclasses.replace(entry, data=dict(entry.data))
        # what every page shows besides entries (reference lists) and what links check
        self._shared = hash((today, root, tuple(catalogue.pages), tuple(catalogue.assets),
                             _files_key(Path(root) / "reference")))
        # checks also quote the ids there are («возможно: …») and their types
        self._context = hash((self._shared, _namespace(catalogue)))
        self._names = self._named(catalogue)
        problems = loaded.problems + check(catalogue, today, self._check_entry)
        derive(catalogue)
        problems.sort(key=lambda p: (p.path, p.line, p.col, p.code))
        return Result(catalogue, problems)

    def _read_entry(self, out: Loaded, path: Path, spec: TypeSpec, ident: str,
                    shown: str) -> None:
        known = self._read.get(shown)
        try:
            found = path.stat()
            stat = (found.st_mtime_ns, found.st_size, found.st_ino)
            if known is None or known.stat != stat or stat[0] > known.read_at - _RACY_NS:
                read_at = time.time_ns()
                data = path.read_bytes()
                key = (len(data), hashlib.blake2b(data, digest_size=16).digest())
                if known is not None and known.key == key:
                    known.stat, known.read_at = stat, read_at
                else:
                    known = self._parse(path, spec, ident, shown, data, key, stat, read_at)
        except OSError:
            read_entry(out, path, spec, ident, shown)   # let the reader say what is wrong
            return
        out.problems += known.problems
        if known.entry is not None:
            add_entry(out, known.entry)

    def _parse(self, path: Path, spec: TypeSpec, ident: str, shown: str, data: bytes,
               key: FileKey, stat: tuple[int, int, int], read_at: int) -> _Read:
        alone = Loaded(Catalogue(root=str(Path(self._root or "."))))
        read_entry(alone, path, spec, ident, shown)
        text = data.decode("utf-8", errors="replace")
        self.parsed += 1
        read = self._read[shown] = _Read(key, stat, read_at, alone.catalogue.entries.get(ident),
                                         alone.problems, frozenset(_WORD.findall(text)), text)
        return read

    def _named(self, catalogue: Catalogue
               ) -> dict[str, tuple[tuple[str, str, FileKey | None], ...]]:
        """id -> ((name, path and key of the file of the entry it names), ...)."""
        names: dict[str, Entry] = {**catalogue.old_ids(), **catalogue.entries}
        odd = [n for n in names if not _WORD.fullmatch(n)]
        out = {}
        for entry in catalogue:
            read = self._read.get(entry.pos.path)
            if read is None:
                out[entry.id] = ()
                continue
            found = read.words & names.keys()
            found.update(n for n in odd if n in read.text)
            out[entry.id] = tuple(sorted((n, names[n].pos.path, self._key(names[n]))
                                         for n in found))
        return out

    def _key(self, entry: Entry) -> FileKey | None:
        read = self._read.get(entry.pos.path)
        return read.key if read is not None else None

    def _check_entry(self, entry: Entry, catalogue: Catalogue, today: dt.date
                     ) -> list[Problem]:
        path = entry.pos.path
        state = (self._key(entry), self._context, self._names.get(entry.id, ()))
        if state[0] is not None and self._clean.get(path) == state:
            return []
        self.checked += 1
        found = check_entry(entry, catalogue, today)
        if found:
            self._clean.pop(path, None)
        else:
            self._clean[path] = state
        return found

    # --- pages ------------------------------------------------------------------------

    def pages_to_keep(self, site: Site, environment: Hashable = None) -> set[str]:
        """The pages (src_uri) whose output of the last committed build (``commit``) is
        still what this catalogue shows: entry pages, the pages of topics, regions and
        municipality types, and the generated pages of the navigation. Empty when
        nothing was committed or something every page shows changed. Any other page is
        to be built every time. Call after ``validate`` of this catalogue."""
        catalogue = site.catalogue
        named_by: dict[str, list[str]] = {}
        for source, named in self._names.items():
            for name, _path, _key in named:
                target = catalogue.resolve(name)
                if target is not None and target.id != source:
                    named_by.setdefault(target.id, []).append(source)
        pages: dict[str, Hashable] = {}
        for entry in catalogue:
            sources = tuple(sorted((s, self._key(catalogue.entries[s]))
                                   for s in named_by.get(entry.id, ())))
            pages[site.src_uri(entry)] = (self._key(entry), self._names.get(entry.id, ()),
                                          sources)
        nationwide = len(site.nationwide_measures)
        for page in site.generated:
            state = _navigation_page(site, page, pages, nationwide)
            if state is not None:
                pages[page.src_uri] = state
            if page.kind != "reference" or page.item is None:
                continue
            # what listing.html shows there: the entries of each group (their rows),
            # the federal measures' count, the region's calendar
            pages[page.src_uri] = (
                page.title, page.description, page.reference, page.item.id,
                tuple((spec.name, tuple((e.id, self._key(e)) for e in entries))
                      for spec, entries in page.groups),
                nationwide, site.region_calendar(page.item.id)
                if page.reference == "region" else None)
        # Not the ids there are: an entry's own names say which of them its page shows
        # (a new entry changes the pages that name it, not every page).
        context = hash((self._shared, environment, _shared_numbers(catalogue)))
        self._pending = (context, pages)
        if self._built is None or self._built[0] != context:
            return set()
        before = self._built[1]
        return {uri for uri, state in pages.items() if before.get(uri, self) == state}

    def commit(self) -> None:
        """The pages of the last ``pages_to_keep`` were written (or kept)."""
        if self._pending is not None:
            self._built, self._pending = self._pending, None

    def forget_pages(self) -> None:
        """The pages written are not the catalogue's (a failed build, the error page):
        the next ``pages_to_keep`` keeps none."""
        self._built = self._pending = None


# the types analytics counts (catalogue.analytics.build)
_ANALYTICS = ("problem", "measure", "practice", "solution")


def _navigation_page(site: Site, page: GeneratedPage, entries: dict[str, Hashable],
                     nationwide: int) -> Hashable | None:
    """What a generated page of the navigation shows besides the context: a section
    page its entries (their rows, its finder and «скоро»: everything their own pages
    depend on), a list of topics, regions or municipality types their counts,
    analytics the entries it counts, the guide the few ids its fresh files give as
    examples (scaffold.reference_examples); «Мой муниципалитет» nothing of the entries
    (the reference lists only). None for another kind of page."""
    head = (page.kind, page.title, page.description)

    def shown(found: list[Entry]) -> tuple[tuple[str, Hashable], ...]:
        return tuple((e.id, entries.get(site.src_uri(e))) for e in found)

    if page.kind == "type-index" and page.spec is not None:
        return (*head, page.spec.name, nationwide, shown(page.entries))
    if page.kind == "reference-index":
        return (*head, tuple((item.id, count) for item, count in page.items))
    if page.kind == "analytics":
        return (*head, nationwide, shown([e for e in site.catalogue
                                          if e.spec.name in _ANALYTICS]))
    if page.kind == "guide":   # its fresh files name a few ids of each type as examples
        return (*head, tuple((name, tuple(ids)) for name, ids
                             in sorted(reference_examples(site.catalogue).items())))
    if page.kind == "my":
        return head
    return None


def _namespace(catalogue: Catalogue) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    out = []
    for entry in catalogue:
        olds = entry.data.get("old_ids")
        out.append((entry.id, entry.spec.name,
                    tuple(str(o) for o in olds) if isinstance(olds, list) else ()))
    return tuple(sorted(out))


def _files_key(folder: Path) -> tuple[tuple[str, bytes], ...]:
    """The files of a folder by name and a digest of their bytes."""
    try:
        return tuple(sorted((p.name, hashlib.blake2b(p.read_bytes(), digest_size=16).digest())
                            for p in folder.iterdir() if p.is_file()))
    except OSError:
        return ()


def _shared_numbers(catalogue: Catalogue) -> frozenset[tuple[str, str]]:
    """(kind, number) of legal acts that share them: their citations carry the date
    (links.citation), so a change here changes pages that name none of them."""
    seen: set[tuple[str, str]] = set()
    shared: set[tuple[str, str]] = set()
    for act in catalogue.of_type("legal"):
        if act.data.get("number"):
            pair = (str(act.data.get("kind")), str(act.data["number"]))
            (shared if pair in seen else seen).add(pair)
    return frozenset(shared)


__all__ = ["Incremental"]
