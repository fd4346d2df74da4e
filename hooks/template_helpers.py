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

from jinja2 import pass_context
from markupsafe import Markup

from catalogue.present import safe_url

_FACT = Markup('<div class="cat-fact"><dt>{}</dt><dd>{}</dd></div>')
_LINK = Markup('<a href="{}">{}</a>')
_EXTERNAL = Markup('<a href="{}" rel="noopener">{}</a>')
_SEPARATOR = Markup(", ")


def fact(label: str, value: Any) -> Markup:
    """One row of a fact card; nothing when there is no value."""
    return _FACT.format(label, value) if value else Markup()


@pass_context
def ref_links(context: Any, refs: Iterable[Any]) -> Markup:
    """Referenced entries and reference items by title: a link to their page, else to
    their own website, else the title alone; separated by commas."""
    url = context.environment.filters["url"]   # MkDocs' (or the offline edition's)
    parts = []
    for ref in refs:
        if ref.url:
            parts.append(_LINK.format(url(context, ref.url), ref.title))
        elif safe_url(ref.external):
            parts.append(_EXTERNAL.format(safe_url(ref.external), ref.title))
        else:
            parts.append(Markup.escape(ref.title))
    return _SEPARATOR.join(parts)


def external(address: Any, text: str = "") -> Markup:
    """A link to an official site, only for http(s) addresses."""
    safe = safe_url(address)
    return _EXTERNAL.format(safe, text or address) if safe else Markup()


GLOBALS = {"fact": fact, "ref_links": ref_links, "external": external}
