"""What passes the schema but is not what the editor meant: each becomes a located
error or warning instead of a page that differs from the file.

- a body whose sections are headings with nothing under them (``empty-section``);
- a line that starts with «#» and a word («#МыВместе — акция…», «#1 в рейтинге»):
  Python-Markdown makes it a heading without its «#» (``body-hashtag``);
- a link written as a site path or a relative path to an entry instead of [[id]]
  (``body-path-link``), and [id] in single brackets where [[id]] was meant
  (``body-single-bracket``);
- a URL with spaces or other characters a URL cannot hold, in a field or a body link
  (``url-invalid``);
- a body link to an anchor (``[ниже](#сроки)``) that no heading of the body makes
  (``body-anchor``);
- ``last_reviewed`` after the build date (``reviewed-future``, a warning);
- a ``source`` (or an item of ``sources``) that is only a site's home page
  (``source-home``, a warning);
- an entry that copies another one under a new id (``duplicate-entry``);
- an entry saved outside its type's folder (``misplaced-entry``, see ``guess_type``);
- a reference to an id an entry had before it was renamed (``renamed-ref``, a
  warning: the reference still works, see ``Catalogue.renamed``).
"""
from __future__ import annotations

import datetime as dt
import difflib
import posixpath
import re
import unicodedata
from typing import Any, Callable, Iterator
from urllib.parse import unquote, urlsplit

from . import body as md
from .fields import ID_PATTERN
from .model import TYPES, Catalogue, Entry, FieldPath, Pos, Record, TypeSpec
from .problems import Problem, field_name, problem

_ID = re.compile(ID_PATTERN)

# --- bodies --------------------------------------------------------------------------

HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
# [id] alone: not [[id]], not [text](…), [text][ref] or [ref]: definition, not ![alt]
# (the character before is checked in code: a pattern that starts with a literal is
# searched much faster than one that starts with a look-behind)
SINGLE = re.compile(r"\[([a-z0-9]+(?:-[a-z0-9]+)*)\](?![\[\](:])")
# [[id] or [id]]: a bracket short of [[id]]; the page shows the brackets as text
HALF = re.compile(r"(?<!\[)\[\[([a-z0-9]+(?:-[a-z0-9]+)*)\](?!\])"
                  r"|(?<![\[\\])\[([a-z0-9]+(?:-[a-z0-9]+)*)\]\](?!\])")
# Every [text](…) whatever its target holds: body.LINK only takes targets without spaces
ANY_LINK = re.compile(r"\[([^\]\n]*)\]\(([^()\n]*)\)")
_TITLE = re.compile(r"""\s+(?:"[^"\n]*"|'[^'\n]*')\s*$""")
# Characters a URL cannot hold as written (RFC 3986 and the WHATWG URL standard):
# spaces of any kind, controls, and <>"{}|\^`
_BAD_URL_CHAR = re.compile(r"[\s\x00-\x1f\x7f<>\"{}|\\^`]")
_CHAR_NAMES = {" ": "пробел", "\u00a0": "неразрывный пробел", "\t": "табуляция",
               "\\": "обратная косая черта «\\»", "\"": "кавычка «\"»", "`": "обратный апостроф «`»"}


def _body_pos(entry: Entry, found: md.Found) -> Pos:
    return Pos(entry.pos.path, entry.body_line + found.line - 1, found.col)


def _body_at(entry: Entry, offset: int) -> Pos:
    """The file position of ``offset`` (characters into the body)."""
    line, col = md._at(entry.body, offset)
    return Pos(entry.pos.path, entry.body_line + line - 1, col)


# «#word» at the start of a line: Python-Markdown's HashHeaderProcessor needs no space
# after the hashes (its pattern is «(?:^|\n)#{1,6}…»), so the line becomes a heading
# after «- », «1. » or «> » as well: the item or the quote holds a heading then
HASHTAG = re.compile(r"^((?:[ \t]{0,3}(?:[-*+]|\d{1,9}[.)]|>)[ \t]+)*)(#{1,6})([^\s#][^\n]*)$",
                     re.M)


def hash_headings(entry: Entry) -> list[Problem]:
    """A line that starts with «#» glued to a word: on the page it is a heading and its
    «#» is gone (a hashtag «#МыВместе», a number «#1»). Outside code only."""
    out: list[Problem] = []
    masked = md._mask_code(entry.body)
    if "#" not in masked:
        return out
    for m in HASHTAG.finditer(masked):
        hashes, rest = m.group(2), m.group(3)
        line, col = md._at(entry.body, m.start(2))
        word = (hashes + rest).split()[0]
        shown = word if len(word) <= 40 else word[:39] + "…"
        title = rest.rstrip("# \t")
        title = title if len(title) <= 40 else title[:39] + "…"
        out.append(problem(Pos(entry.pos.path, entry.body_line + line - 1, col), "body-hashtag",
                           f"строка начинается с «{shown}»: на странице она станет "
                           f"заголовком «{title}», а знак # пропадёт; если это хештег или "
                           f"номер, поставьте перед # обратную косую черту: \\{shown}; если "
                           f"это заголовок, поставьте пробел после #: {hashes} {rest.split()[0]}",
                           "body"))
    return out


def empty_sections(entry: Entry) -> list[Problem]:
    """A heading followed only by blank lines up to a heading of its level or higher
    (or the end of the text): the page would show a title over nothing."""
    lines = entry.body.split("\n")
    masked = md._mask_code(entry.body).split("\n")     # a «#» line in code is no heading
    heads = [(n, len(m.group(1)), m.group(2)) for n, line in enumerate(masked)
             if (m := HEADING.match(line))]
    out: list[Problem] = []
    for i, (number, level, title) in enumerate(heads):
        end = len(lines)
        for later, later_level, _ in heads[i + 1:]:
            if later_level <= level:
                end = later
                break
        inside = [line for n, line in enumerate(lines[number + 1:end], number + 1)
                  if line.strip()]
        if inside:
            continue
        pos = Pos(entry.pos.path, entry.body_line + number, 1)
        out.append(problem(pos, "empty-section",
                           f"под заголовком «{title}» ничего нет: напишите текст раздела "
                           f"или удалите заголовок", "body"))
    return out


# The anchors of headings, as mkdocs.yml's toc makes them with pymdownx.slugs.slugify
# (case: lower): NFC, lower case, every character but letters, digits, _, - and space
# dropped, spaces to «-»; a repeated heading gets _1, _2, … from Python-Markdown's toc.
# Written out so that validation needs no pymdown-extensions (the pre-commit hook
# installs only PyYAML and jsonschema); test_lint compares it with pymdownx.
_NOT_SLUG = re.compile(r"[^\w\- ]")


def _slug(text: str) -> str:
    return _NOT_SLUG.sub("", unicodedata.normalize("NFC", text).strip().lower()).replace(" ", "-")


def heading_anchors(body: str) -> dict[str, str] | None:
    """{anchor: heading text} of the body's headings, in order; None when a heading holds
    markup ([[id]], links, code, HTML) whose rendered text this cannot know."""
    anchors: dict[str, str] = {}
    for line in md._mask_code(body).split("\n"):
        m = HEADING.match(line)
        if not m:
            continue
        title = m.group(2)
        if re.search(r"[\[`<*_&]", title):
            return None
        slug = base = _slug(title)
        n = 0
        while slug in anchors:
            n += 1
            slug = f"{base}_{n}"
        anchors[slug] = title
    return anchors


def body_anchors(entry: Entry) -> list[Problem]:
    """A link [текст](#anchor) to a section the body does not have: on the page it
    leads nowhere."""
    out: list[Problem] = []
    anchors: dict[str, str] | None = None
    for found in md.links(entry.body):
        if found.image or not found.target.startswith("#") or len(found.target) < 2:
            continue
        if anchors is None:
            anchors = heading_anchors(entry.body)
            if anchors is None:
                return []
        anchor = unquote(found.target[1:])
        if anchor in anchors:
            continue
        near = difflib.get_close_matches(anchor.lower(), list(anchors), n=1, cutoff=0.5)
        if near:
            hint = f"пишите [{found.label}](#{near[0]}) — раздел «{anchors[near[0]]}»"
        elif anchors:
            hint = "разделы этой страницы: " + ", ".join(
                f"#{a} («{t}»)" for a, t in list(anchors.items())[:6])
        else:
            hint = "в тексте нет заголовков «## …»: уберите ссылку или добавьте раздел"
        out.append(problem(_body_pos(entry, found), "body-anchor",
                           f"ссылка «{found.target}» ведёт на раздел, которого на странице "
                           f"нет; {hint}", "body"))
    return out


def _entry_in_path(catalogue: Catalogue, here: str, target: str) -> Entry | None:
    """The entry a site path (/legal/x/) or a relative path (../legal/x.md, ../legal/x/)
    points to, if any."""
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path or re.match(r"^[a-z][a-z0-9+.-]*:", path, re.I) or path.startswith("//"):
        return None
    if not path.startswith("/"):
        path = "/" + posixpath.normpath(posixpath.join(here, path))
    parts = [p for p in path.split("/") if p]
    if len(parts) != 2:
        return None
    folder, name = parts
    name = name[:-3] if name.endswith(".md") else name[:-5] if name.endswith(".html") else name
    entry = catalogue.resolve(name)
    return entry if entry is not None and entry.spec.folder == folder else None


def body_links(entry: Entry, catalogue: Catalogue) -> list[Problem]:
    out: list[Problem] = []
    masked = md._mask_code(entry.body)
    here = entry.spec.folder
    for found in md.links(entry.body):
        if found.image:
            continue
        target = _entry_in_path(catalogue, here, found.target)
        if target is None:
            continue
        label = found.label.strip()
        ref = f"[[{target.id}|{label}]]" if label and label != target.title else f"[[{target.id}]]"
        out.append(problem(_body_pos(entry, found), "body-path-link",
                           f"ссылка «{found.target}» на материал записана адресом: на сайте "
                           f"с другим корнем она не откроется; пишите {ref}", "body"))
    for m in ANY_LINK.finditer(masked) if "](" in masked else ():
        raw = m.group(2).strip()
        if raw.startswith("<") and raw.endswith(">"):
            continue
        url = _TITLE.sub("", raw)
        bad = _BAD_URL_CHAR.search(url)
        if bad is None:
            continue
        out.append(problem(_body_at(entry, m.start()), "url-invalid",
                           _bad_url_message(url, bad.group(0)), "body"))
    out += bracket_slips(masked, catalogue, lambda offset: _body_at(entry, offset))
    return out


def bracket_slips(masked: str, catalogue: Catalogue,
                  at: "Callable[[int], Pos]") -> list[Problem]:
    """[id] in single brackets and [[id] or [id]] a bracket short, for a known id, in
    ``masked`` (a body or a hand-written page with its code blanked, md._mask_code);
    ``at`` turns an offset into the file position. Code ``body-single-bracket``."""
    out: list[Problem] = []
    for offset, ident, slip, tail in _bracket_candidates(masked):
        target = catalogue.resolve(ident)
        if target is not None:
            out.append(problem(at(offset), "body-single-bracket",
                               f"{slip}; ссылка на материал «{target.title}» пишется{tail}: "
                               f"[[{ident}]]", "body"))
    return out


def _bracket_candidates(masked: str) -> Iterator[tuple[int, str, str, str]]:
    """(offset, id, what the reader would see, how the advice ends) for each [id] and
    each [[id] or [id]] in ``masked``; whether the id is known is the caller's test."""
    for m in SINGLE.finditer(masked):
        if not (m.start() and masked[m.start() - 1] in "[]!\\"):
            yield (m.start(), m.group(1),
                   f"«[{m.group(1)}]» в одинарных скобках останется на странице текстом",
                   " в двойных")
    for m in HALF.finditer(masked) if "[[" in masked or "]]" in masked else ():
        yield (m.start(), m.group(1) or m.group(2),
               f"«{m.group(0)}» — не хватает скобки, и на странице останутся скобки и id", "")


def _bad_url_message(url: str, char: str) -> str:
    name = _CHAR_NAMES.get(char) or (f"знак «{char}»" if char.isprintable()
                                     else f"невидимый знак U+{ord(char):04X}")
    shown = url if len(url) <= 80 else url[:77] + "…"
    fix = ("уберите пробелы (пробел внутри адреса пишется %20)" if char.isspace()
           else "скопируйте адрес из строки браузера заново")
    return f"в адресе «{shown}» {name}: адрес не может его содержать; {fix}"


# --- fields ---------------------------------------------------------------------------

HOME_PATHS = {"", "/", "/index.html", "/index.htm", "/index.php", "/ru", "/ru/", "/en", "/en/"}


def is_home_page(url: str) -> bool:
    """Whether an https address is only a site's home page (no path, query or fragment
    beyond «/», «/index.html», «/ru/»)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return bool(parts.netloc) and parts.path in HOME_PATHS and not parts.query \
        and not parts.fragment


def url_value(record: Record, path: FieldPath, value: str) -> list[Problem]:
    """Characters no URL can hold; a source that is a home page. For every x-url field
    of entries and reference items (check.check_record calls it on its walk)."""
    bad = _BAD_URL_CHAR.search(value.strip())
    if bad is not None:
        return [problem(record.at(*path), "url-invalid",
                        _bad_url_message(value.strip(), bad.group(0)), field_name(path))]
    if path and path[0] in ("source", "sources") and \
            value.strip().lower().startswith("https://") and is_home_page(value):
        return [problem(record.at(*path), "source-home",
                        f"«{value.strip()}» — главная страница сайта; укажите страницу, "
                        f"где сказано об этом (документ, новость, раздел программы)",
                        field_name(path), "warning")]
    return []


def reviewed_future(entry: Entry, today: dt.date) -> list[Problem]:
    """A warning, not an error: the build date lags behind an editor east of UTC, and a
    rebuild of an older state (SOURCE_DATE_EPOCH) must not fail on later dates."""
    reviewed = entry.last_reviewed
    if reviewed is None or reviewed <= today:
        return []
    return [problem(entry.at("last_reviewed"), "reviewed-future",
                    f"дата проверки {reviewed.isoformat()} ещё не наступила (сегодня "
                    f"{today.isoformat()}): укажите день, когда вы сверили материал "
                    f"с источником", "last_reviewed", "warning")]


# --- where an entry is saved -------------------------------------------------------------

_COMMON = set(TYPES["measure"].properties) & set.intersection(
    *(set(t.properties) for t in TYPES.values()))


def guess_type(data: dict[str, Any]) -> TypeSpec | None:
    """The type whose own fields (beyond the common ones) the data has most of; None when
    it has none of any type's own fields. Ties go to the type listed first in TYPES."""
    keys = set(data) - _COMMON
    best, score = None, 0
    for spec in TYPES.values():
        own = set(spec.properties) - _COMMON
        hits = len(keys & own)
        if hits > score:
            best, score = spec, hits
    return best


def looks_like_entry(data: Any) -> bool:
    """Front matter of an entry rather than of a hand-written page: it has fields every
    entry has (source, summary, last_reviewed or topics)."""
    return isinstance(data, dict) and len({"source", "summary", "last_reviewed", "topics"}
                                          & set(data)) >= 2


def misplaced_message(rel: str, data: dict[str, Any]) -> str:
    spec = guess_type(data)
    name = rel.rsplit("/", 1)[-1]
    if spec is None:
        folders = ", ".join(f"content/{t.folder}/" for t in TYPES.values())
        return (f"«{rel}» похож на материал, но лежит не в папке своего типа и станет "
                f"страницей без карточки: переместите его в одну из папок {folders}")
    return (f"«{rel}» похож на материал типа «{spec.label}», но лежит не в его папке и "
            f"станет страницей без карточки: переместите в content/{spec.folder}/{name}")


def misplaced_entry(entry: Entry) -> list[Problem]:
    """An entry whose fields are another type's: saved in the wrong type's folder."""
    own = set(entry.spec.properties)
    foreign = set(entry.data) - own
    spec = guess_type(entry.data)
    if spec is None or spec is entry.spec or len(foreign & set(spec.properties)) < 2:
        return []
    name = entry.pos.path.rsplit("/", 1)[-1]
    return [problem(entry.pos, "misplaced-entry",
                    f"поля ({', '.join(sorted(foreign & set(spec.properties)))}) — поля типа "
                    f"«{spec.label}», а файл лежит в content/{entry.spec.folder}/: "
                    f"переместите в content/{spec.folder}/{name}")]


# --- copies ------------------------------------------------------------------------------

def duplicates(catalogue: Catalogue) -> list[Problem]:
    """An entry that repeats another: the same fields and text (an error), the same title
    within its type or the same text of some length (warnings: two programmes may share
    a name). Reported at both files, each naming the other: which one is the copy is not
    in the files, and a run restricted to the changed files (pre-commit, «Проверить этот
    файл») must see it whichever name sorts first."""
    out: list[Problem] = []
    seen_title: dict[tuple[str, str], Entry] = {}
    seen_body: dict[str, Entry] = {}

    def body_pos(entry: Entry) -> Pos:
        lead = len(entry.body) - len(entry.body.lstrip("\n"))
        return Pos(entry.pos.path, entry.body_line + lead, 1)

    for entry in sorted(catalogue, key=lambda e: e.pos.path):
        title = " ".join(str(entry.data.get("title", "")).lower().replace("ё", "е").split())
        body = " ".join(entry.body.split())
        first = seen_title.get((entry.spec.name, title)) or seen_body.get(body)
        if first is not None and (first.spec is entry.spec and first.body.strip() ==
                                  entry.body.strip() and _without_ids(first.data) ==
                                  _without_ids(entry.data)):
            for here, other in ((entry, first), (first, entry)):
                out.append(problem(here.pos, "duplicate-entry",
                                   f"материал повторяет {other.pos.path} слово в слово: "
                                   f"удалите копию — тот из двух файлов, что создан позже "
                                   f"(чтобы сменить id, используйте scripts/rename.py)"))
        elif title and (entry.spec.name, title) in seen_title:
            first = seen_title[(entry.spec.name, title)]
            for here, other in ((entry, first), (first, entry)):
                out.append(problem(here.at("title"), "duplicate-entry",
                                   f"такое же название у {other.pos.path}: если это тот же "
                                   f"материал, удалите копию; если другой — уточните название",
                                   "title", "warning"))
        elif len(body) >= 80 and body in seen_body:
            first = seen_body[body]
            for here, other in ((entry, first), (first, entry)):
                out.append(problem(body_pos(here), "duplicate-entry",
                                   f"текст совпадает с {other.pos.path}: напишите текст об "
                                   f"этом материале или удалите копию", "body", "warning"))
        if title:
            seen_title.setdefault((entry.spec.name, title), entry)
        if len(body) >= 80:
            seen_body.setdefault(body, entry)
    return out


def _without_ids(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "old_ids"}


# --- renamed entries -------------------------------------------------------------------------

def renamed_message(old: str, entry: Entry) -> str:
    return (f"материал «{old}» переименован в «{entry.id}» ({entry.title}): замените "
            f"ссылку на {entry.id}")


def renamed_body_refs(entry: Entry, catalogue: Catalogue) -> list[Problem]:
    out: list[Problem] = []
    if not catalogue.old_ids() or "[[" not in entry.body:
        return out
    for found in md.short_refs(entry.body):
        if found.target in catalogue.entries:
            continue
        target = catalogue.renamed(found.target)
        if target is not None:
            out.append(problem(_body_pos(entry, found), "renamed-ref",
                               renamed_message(found.target, target)
                               .replace(f"на {target.id}", f"на [[{target.id}]]"), "body",
                               "warning"))
    return out


# --- entry points -------------------------------------------------------------------------

def check_entry(entry: Entry, catalogue: Catalogue, today: dt.date) -> list[Problem]:
    """The checks of this module for one entry (check.check_entry calls it)."""
    return [*empty_sections(entry), *hash_headings(entry), *body_links(entry, catalogue), *body_anchors(entry),
            *reviewed_future(entry, today),
            *misplaced_entry(entry), *renamed_body_refs(entry, catalogue)]


def check_catalogue(catalogue: Catalogue) -> list[Problem]:
    """The whole-catalogue checks of this module (check.check calls it)."""
    return duplicates(catalogue)


__all__ = ["check_entry", "bracket_slips", "check_catalogue", "guess_type", "looks_like_entry",
           "misplaced_message", "is_home_page", "renamed_message"]
