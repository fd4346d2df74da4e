"""What a Markdown body contains that the engine cares about: short references,
links, images and raw HTML, each with the line it is on.

Short reference syntax (documented in the editor guide):
    [[fz-131-2003]]            -> a link whose text is the target's title
    [[fz-131-2003|закон 131-ФЗ]] -> a link with the given text
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

SHORT_REF = re.compile(r"\[\[([^\]|\n]+?)(?:\|([^\]\n]+))?\]\]")
# [text](target "title") and ![alt](src); targets without spaces, as editors write them.
LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"\n]*\")?\s*\)")
LINK_DEFINITION = re.compile(r"^\s{0,3}\[([^\]\n]+)\]:\s*<?(\S+?)>?(?:\s+.*)?$", re.M)
# A tag, a comment or a processing instruction; <https://…> autolinks are Markdown, not HTML.
HTML = re.compile(r"<!--|<\?|<\s*/?\s*[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?\s*>")
AUTOLINK = re.compile(r"<(?:https?|mailto|ftp):[^<>\s]*>", re.I)
FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.M | re.S)
INLINE_CODE = re.compile(r"`[^`\n]+`")
DANGEROUS_SCHEME = re.compile(r"^\s*(javascript|data|vbscript|file)\s*:", re.I)


@dataclass(frozen=True)
class Found:
    line: int        # 1-based line within the body
    col: int
    text: str        # the whole match
    target: str = ""
    label: str = ""
    image: bool = False


@lru_cache(maxsize=8)
def _mask_code(body: str) -> str:
    """Blank out code so that examples inside it are not taken for links or HTML.

    Cached: the checks ask for the same body several times in a row.
    """
    if "`" not in body and "~~~" not in body:
        return body                     # no code at all: nothing to blank
    def blank(m: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", m.group(0))
    return INLINE_CODE.sub(blank, FENCE.sub(blank, body))


def _at(body: str, index: int) -> tuple[int, int]:
    line = body.count("\n", 0, index) + 1
    col = index - (body.rfind("\n", 0, index) + 1) + 1
    return line, col


def short_refs(body: str) -> Iterator[Found]:
    masked = _mask_code(body)
    for m in SHORT_REF.finditer(masked):
        line, col = _at(body, m.start())
        yield Found(line, col, m.group(0), target=m.group(1).strip(),
                    label=(m.group(2) or "").strip())


def links(body: str) -> Iterator[Found]:
    masked = _mask_code(body)
    if "](" not in masked and "]:" not in masked:
        return                          # neither a link nor a link definition
    for m in LINK.finditer(masked):
        line, col = _at(body, m.start())
        yield Found(line, col, m.group(0), target=m.group(3), label=m.group(2),
                    image=m.group(1) == "!")
    for m in LINK_DEFINITION.finditer(masked):
        line, col = _at(body, m.start())
        yield Found(line, col, m.group(0), target=m.group(2), label=m.group(1))


def raw_html(body: str) -> Iterator[Found]:
    masked = _mask_code(body)
    if "<" not in masked:
        return                          # no tag, comment or autolink
    masked = AUTOLINK.sub(lambda m: " " * len(m.group(0)), masked)
    for m in HTML.finditer(masked):
        line, col = _at(body, m.start())
        yield Found(line, col, m.group(0))


def replace_short_refs(body: str, render: "callable[[str, str], str]") -> str:  # type: ignore[valid-type]
    """Replace each [[id|text]] with render(id, text); code is left untouched."""
    masked = _mask_code(body)
    out, last = [], 0
    for m in SHORT_REF.finditer(masked):
        out.append(body[last:m.start()])
        out.append(render(m.group(1).strip(), (m.group(2) or "").strip()))
        last = m.end()
    out.append(body[last:])
    return "".join(out)
