"""Small HTML pieces that the catalogue templates print thousands of times.

``fact``, ``ref_links`` and ``external`` were Jinja macros; a macro call costs
Jinja far more than a Python call, and a fact card makes a dozen of them, so
at 1,000 entries they were a large part of the build. The templates still
decide which facts a page shows and in what order (overrides/catalogue/facts/);
these only wrap a value in its markup. Every value goes through markupsafe:
text is escaped, Markup (a piece made by another helper) is kept.

Registered as Jinja globals by hooks/site.py; imports nothing from MkDocs.
"""
from __future__ import annotations

from typing import Any, Iterable
from urllib.parse import quote

from jinja2 import pass_context
from markupsafe import Markup, escape

from catalogue.present import safe_url

# Concatenation of escape()d parts: markupsafe's C escape; Markup.format is far slower.


def fact(label: str, value: Any) -> Markup:
    """One row of a fact card; nothing when there is no value."""
    if not value:
        return Markup()
    return Markup(f'<div class="cat-fact"><dt>{escape(label)}</dt><dd>{escape(value)}</dd></div>')


@pass_context
def ref_links(context: Any, refs: Iterable[Any]) -> Markup:
    """Referenced entries and reference items by title: a link to their page, else to
    their own website, else the title alone; separated by commas."""
    url = context.environment.filters["url"]   # MkDocs' (or the offline edition's)
    parts = []
    for ref in refs:
        if ref.url:
            parts.append(f'<a href="{escape(url(context, ref.url))}">{escape(ref.title)}</a>')
        elif safe_url(ref.external):
            parts.append(f'<a href="{escape(safe_url(ref.external))}" rel="noopener">'
                         f'{escape(ref.title)}</a>')
        else:
            parts.append(str(escape(ref.title)))
    return Markup(", ".join(parts))


def external(address: Any, text: str = "") -> Markup:
    """A link to an official site, only for http(s) addresses."""
    safe = safe_url(address)
    if not safe:
        return Markup()
    return Markup(f'<a href="{escape(safe)}" rel="noopener">{escape(text or address)}</a>')


def mailto(address: str, subject: str, body: str) -> str:
    """A mailto: URL (RFC 6068) with subject and body: every character but letters,
    digits and ``-._~`` percent-encoded as UTF-8 (spaces as %20, never «+»; line
    breaks as %0D%0A), so that a title with «&», «?», «#» or «+» reaches the mail
    program unchanged. The address is encoded too, except its «@»."""
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return (f"mailto:{quote(address, safe='@')}?subject={quote(subject, safe='')}"
            f"&body={quote(body, safe='')}")


GLOBALS = {"fact": fact, "ref_links": ref_links, "external": external, "mailto": mailto}
