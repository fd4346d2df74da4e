"""On the built site: [[id]] of a legal act reads as its short citation in running
text, while lists and the act's own page show the full official title."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import sitebuild
from sitebuild import css, page_file, parse, text_of

SHORT_REF = re.compile(r"\[\[([a-z0-9-]+)\]\]")     # [[id]] without the editor's text


def _body_links(site: Path, entry: Any) -> dict[str, list[str]]:
    """Target page (site-relative) -> texts of the links to it in the entry's body."""
    path = page_file(site, entry.url)
    out: dict[str, list[str]] = {}
    for body in css(parse(path), ".cat-body"):
        for a in body.iter("a"):
            href = a.get("href") or ""
            if href.startswith(("http:", "https:", "mailto:", "#")):
                continue
            target = sitebuild.resolve_href(site, path, href)
            if target is not None:
                out.setdefault(target.rstrip("/") + "/", []).append(text_of(a))
    return out


def test_federal_law_in_running_text_is_short(built_site: Path, cat_site: Any) -> None:
    catalogue = cat_site.catalogue
    law = catalogue.entries.get("fz-131-2003")
    citing = [e for e in catalogue if "[[fz-131-2003]]" in e.body]
    if law is None or not citing:
        import pytest
        pytest.skip("the catalogue does not cite fz-131-2003 as [[fz-131-2003]]")
    for entry in citing:
        texts = _body_links(built_site, entry).get(law.url, [])
        assert "Федеральный закон № 131-ФЗ" in texts, (entry.id, texts)
        assert law.title not in texts, entry.id
    # the act's own page and its section's list keep the full official title
    assert text_of(css(parse(page_file(built_site, law.url)), "h1")[0]) == " ".join(law.title.split())
    listing = text_of(parse(page_file(built_site, "legal/")))
    assert " ".join(law.title.split()) in listing


def test_every_bare_reference_to_an_act_is_its_citation(built_site: Path, cat_site: Any) -> None:
    """Every [[id]] of a legal act in any body: the link text is the act's short form
    (kind and number, or the editor's short_title), never its full title when that
    is longer."""
    from catalogue.links import citation
    catalogue = cat_site.catalogue
    checked = 0
    for entry in catalogue:
        targets = [catalogue.entries.get(i) for i in SHORT_REF.findall(entry.body)]
        acts = [t for t in targets if t is not None and t.spec.name == "legal"]
        if not acts:
            continue
        links = _body_links(built_site, entry)
        for act in acts:
            short = citation(act, catalogue)
            assert short in links.get(act.url, []), (entry.id, act.id, links.get(act.url))
            if act.data.get("number") and act.data.get("kind") in ("federal-law",):
                assert short.startswith("Федеральный закон") and act.data["number"] in short
                assert len(short) < len(act.title)
            checked += 1
    assert checked, "no body cites a legal act as [[id]]"
