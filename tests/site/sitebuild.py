"""Build the site and load the engine: shared by tests/site and tests/browser.

A plain module (not a conftest), imported by both conftests after they put
this folder on sys.path. Not called ``build.py``: that name belongs to the
PyPA ``build`` package and would shadow it.

The tests build the real content/. CATALOGUE_TEST_CONTENT=/path/to/content
points them at another catalogue (a valid copy while content/ is being written,
a synthetic one from scripts/synth.py); never set it in CI.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import lxml.html
import yaml

REPO = Path(__file__).resolve().parents[2]
HOOKS = REPO / "hooks"

# 2026-11-20 00:00 UTC: statuses («открыт приём», «скоро закроется») are computed
# from this day, so the site is the same whenever the tests run.
EPOCH = 1795132800
TODAY = dt.datetime.fromtimestamp(EPOCH, tz=dt.timezone.utc).date()


def content_dir() -> Path:
    """The catalogue the tests build: content/ unless CATALOGUE_TEST_CONTENT says otherwise."""
    override = os.environ.get("CATALOGUE_TEST_CONTENT", "").strip()
    return Path(override).resolve() if override else REPO / "content"


def site_prefix() -> str:
    """The path of site_url ("/municipal-catalogue/"): where the site is served from."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^site_url:\s*(\S+)", text, re.M)
    path = urlsplit(match.group(1)).path if match else "/"
    return path if path.endswith("/") else path + "/"


def site_url() -> str:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^site_url:\s*(\S+)", text, re.M)
    return match.group(1) if match else ""


def run_build(content: Path, out: Path, epoch: int = EPOCH, strict: bool = True,
              **extra_env: str) -> subprocess.CompletedProcess[str]:
    """`python -m mkdocs build` of ``content`` into ``out``, from the repository root."""
    env = dict(os.environ)
    env.update({"CATALOGUE_CONTENT": str(content), "SOURCE_DATE_EPOCH": str(epoch),
                "NO_MKDOCS_2_WARNING": "1", **extra_env})
    # Each build gets its own random string hashing (PYTHONHASHSEED unset), so that
    # the reproducibility test also catches output that follows set order.
    env.pop("PYTHONHASHSEED", None)
    cmd = [sys.executable, "-m", "mkdocs", "build", "-d", str(out)]
    if strict:
        cmd.insert(4, "--strict")
    return subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=600)


def build_or_explain(content: Path, out: Path, epoch: int = EPOCH, **extra_env: str) -> Path:
    """Build; on failure raise with the build's own output (the validator's report)."""
    done = run_build(content, out, epoch, **extra_env)
    if done.returncode != 0:
        raise BuildFailed(content, done)
    return out


class BuildFailed(Exception):
    def __init__(self, content: Path, done: subprocess.CompletedProcess[str]) -> None:
        output = (done.stdout + done.stderr).strip()
        tail = "\n".join(output.splitlines()[-60:])
        super().__init__(f"mkdocs build --strict of {content} exited with "
                         f"{done.returncode}:\n{tail}")


# --- the engine --------------------------------------------------------------------

def engine() -> Any:
    """The catalogue package from hooks/ (it imports nothing from MkDocs)."""
    if str(HOOKS) not in sys.path:
        sys.path.insert(0, str(HOOKS))
    import catalogue  # noqa: PLC0415
    return catalogue


def load(content: Path) -> tuple[Any, Any]:
    """(validate() result, pages.Site) for ``content`` on the build day."""
    catalogue = engine()
    from catalogue.pages import Site  # noqa: PLC0415
    result = catalogue.validate(content, TODAY)
    return result, Site(result.catalogue, TODAY)


# --- copies of the catalogue for tests that change it --------------------------------

def copy_content(content: Path, dest_parent: Path) -> Path:
    """A copy of ``content`` as ``dest_parent/content`` (problem paths say content/...)."""
    dest = dest_parent / "content"
    shutil.copytree(content, dest, ignore=shutil.ignore_patterns(".*"))
    return dest


def first_id(content: Path, reference_file: str) -> str:
    items = yaml.safe_load((content / "reference" / reference_file).read_text("utf-8"))
    return str(items[0]["id"])


def _common(content: Path, title: str, summary: str, source: str) -> dict[str, Any]:
    """The fields every type has, valid: the first topic, reviewed ten days ago."""
    return {"title": title, "summary": summary, "topics": [first_id(content, "topics.yml")],
            "source": source, "last_reviewed": (TODAY - dt.timedelta(days=10)).isoformat()}


def measure_text(content: Path, title: str, summary: str, body: str = "",
                 extra: str = "", **fields: Any) -> str:
    """A valid measure (its front matter quoted safely), with references taken from
    the catalogue's own reference lists; ``fields`` are added to the front matter and
    ``extra`` lines go verbatim at its end."""
    front = {
        **_common(content, title, summary, "https://example.gov.ru/measure"),
        "kind": "grant",
        "level": "federal",
        "provider": first_id(content, "organisations.yml"),
        "regions": "all",
        "recipients": {"municipality_types": [first_id(content, "municipality_types.yml")]},
        "schedule": {"rolling": True},
        **fields,
    }
    return _entry_text(front, extra, body or "## Что дают\n\nГрант на проект муниципалитета.\n")


def legal_text(content: Path, title: str, summary: str, **fields: Any) -> str:
    """A valid legal document in force, like measure_text."""
    front = {
        **_common(content, title, summary, "https://pravo.gov.ru/document/1"),
        "kind": "federal-law",
        "adopted": "2020-01-15",
        "issuer": first_id(content, "organisations.yml"),
        "status": "in-force",
        **fields,
    }
    return _entry_text(front, "", "## О чём документ\n\nДокумент для проверки.\n")


def course_text(content: Path, title: str, summary: str, **fields: Any) -> str:
    """A valid course without a format (optional), like measure_text."""
    front = {
        **_common(content, title, summary, "https://example.gov.ru/course"),
        "provider": first_id(content, "organisations.yml"),
        "audience": ["главы муниципальных образований"],
        **fields,
    }
    return _entry_text(front, "", "## Чему учат\n\nКурс для проверки.\n")


def _entry_text(front: dict[str, Any], extra: str, body: str) -> str:
    dumped = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
    return "---\n" + dumped + extra + "---\n\n" + body


# --- built HTML --------------------------------------------------------------------

def parse(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_bytes())


def text_of(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def page_file(site: Path, url: str) -> Path:
    """The file behind a site-relative address: "measures/x/" -> measures/x/index.html."""
    url = url.lstrip("/")
    return site / url / "index.html" if url.endswith("/") or not url else site / url


def resolve_href(site: Path, html_file: Path, href: str) -> str | None:
    """The site-relative path a link in ``html_file`` points at; None if external.

    Returns "" for a link to the site root. Raises ValueError for links that
    leave the site (../ above the root, a root path outside site_url).
    """
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    parts = urlsplit(href)
    if parts.scheme in ("mailto", "tel", "data"):
        return None
    base = site_url()
    prefix = site_prefix()
    if parts.scheme in ("http", "https"):
        if base and href.startswith(base):
            return _inside(unquote(urlsplit(href).path)[len(prefix):])
        return None
    if parts.scheme or parts.netloc:
        raise ValueError(f"unexpected scheme in {href!r}")
    path = unquote(parts.path)
    if path.startswith("/"):
        if not path.startswith(prefix):
            raise ValueError(f"root path {href!r} outside {prefix}")
        return _inside(path[len(prefix):])
    here = html_file.parent.relative_to(site).as_posix()
    joined = posixpath.normpath(posixpath.join(here, path)) if path else here
    if joined == ".":
        joined = ""
    if joined.startswith(".."):
        raise ValueError(f"{href!r} leaves the site")
    if path.endswith("/") and joined:
        joined += "/"
    return joined


def _inside(path: str) -> str:
    normal = posixpath.normpath(path) if path else ""
    if normal.startswith(".."):
        raise ValueError(f"{path!r} leaves the site")
    if normal == ".":
        normal = ""
    if path.endswith("/") and normal:
        normal += "/"
    return normal


def target_file(site: Path, rel: str) -> Path:
    """The file a resolved link lands on (directories serve their index.html)."""
    candidate = site / rel if rel else site
    if candidate.is_dir():
        return candidate / "index.html"
    return candidate


def tree_digest(root: Path) -> dict[str, str]:
    """sha256 of every file under ``root``, by relative path."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def css(element: lxml.html.HtmlElement, selector: str) -> list[lxml.html.HtmlElement]:
    """A tiny CSS subset without the cssselect package: descendant chains of
    ``tag``, ``.class`` and ``tag.class`` ("article.cat-entry h1", ".cat-card .cat-status")."""
    xpath = "."
    for part in selector.split():
        tag, _, classes = part.partition(".")
        test = "".join(f"[contains(concat(' ', normalize-space(@class), ' '), ' {c} ')]"
                       for c in classes.split(".") if c)
        xpath += f"//{tag or '*'}{test}"
    return element.xpath(xpath)
