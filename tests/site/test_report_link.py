"""«Сообщить об ошибке» without an account: every entry page has an e-mail link to
the address set in mkdocs.yml (extra.report_email), the entry's title and address
filled in and properly encoded, beside the GitHub form."""
from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import yaml

import sitebuild
from sitebuild import css, page_file, parse

sys.path.insert(0, str(sitebuild.HOOKS))
from template_helpers import mailto  # noqa: E402


def _extra() -> dict[str, Any]:
    text = (sitebuild.REPO / "mkdocs.yml").read_text("utf-8")
    # mkdocs.yml has !ENV and python tags: read the extra block alone
    block = re.search(r"^extra:\n((?:[ #].*\n|\n)+)", text, re.M)
    assert block, "mkdocs.yml has no extra:"
    return yaml.safe_load("extra:\n" + block.group(1))["extra"]


def _query(href: str) -> dict[str, str]:
    parts = urlsplit(href)
    assert parts.scheme == "mailto"
    fields = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    return {"to": unquote(parts.path), **{k: v[0] for k, v in fields.items()}}


def test_every_entry_page_offers_an_email_with_title_and_address(
        built_site: Path, cat_site: Any) -> None:
    address = _extra().get("report_email")
    assert address, "mkdocs.yml: extra.report_email is not set"
    site_url = sitebuild.site_url()
    for entry in cat_site.catalogue:
        footer = css(parse(page_file(built_site, entry.url)), "footer.cat-edit")
        assert len(footer) == 1, entry.id
        links = [a for a in footer[0].iter("a") if (a.get("href") or "").startswith("mailto:")]
        assert len(links) == 1, entry.id
        href = links[0].get("href")
        assert href.isascii() and " " not in href and "+" not in href, href[:120]
        got = _query(href)
        assert got["to"] == address
        assert entry.title in got["subject"]
        assert entry.title in got["body"]
        assert site_url.rstrip("/") + "/" + entry.url in got["body"]
        # the GitHub form is still there
        assert any("/issues/new?" in (a.get("href") or "") for a in footer[0].iter("a"))


def test_mailto_keeps_every_character_of_a_title() -> None:
    title = "Грант «A & B» — 50%+ #1? a=b; c/d\nвторая строка 🙂"
    href = mailto("oshibki@example.invalid", "Ошибка: " + title, "Материал: " + title + "\n")
    assert href.isascii() and " " not in href and "+" not in href and "\n" not in href
    got = _query(href)
    assert got["to"] == "oshibki@example.invalid"
    assert got["subject"] == "Ошибка: " + title
    assert got["body"] == ("Материал: " + title + "\n").replace("\n", "\r\n")
