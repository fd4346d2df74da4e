"""hooks/catalogue/incremental.py: what the preview remembers between builds gives the
same problems and the same catalogue as validating from scratch, after every kind of
edit, and names the entry pages an edit changes (its own, those it names, those that
name it)."""
from __future__ import annotations

import re
from pathlib import Path

from typing import Any

import pytest

import synth
from catalogue import validate
from catalogue.incremental import Incremental
from catalogue.pages import Site


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return synth.generate(tmp_path, 120, seed=3)


def _same(memory: Incremental, content: Path) -> set[str] | None:
    """Validate both ways and compare everything; the ids of the entries whose pages
    are to be built again (None: every page)."""
    fresh = validate(content, today=synth.TODAY)
    again = memory.validate(content, today=synth.TODAY)
    assert [str(p) for p in again.problems] == [str(p) for p in fresh.problems]
    assert list(again.catalogue.entries) == list(fresh.catalogue.entries)
    for ident, entry in fresh.catalogue.entries.items():
        other = again.catalogue.entries[ident]
        assert (other.data, other.body, other.positions) == \
            (entry.data, entry.body, entry.positions), ident
    return _rebuilt(memory, again.catalogue)


def _rebuilt(memory: Incremental, catalogue: Any, environment: Any = None
             ) -> set[str] | None:
    site = Site(catalogue, synth.TODAY)
    keep = memory.pages_to_keep(site, environment)
    memory.commit()
    if not keep:
        return None
    return {e.id for e in catalogue if site.src_uri(e) not in keep}


def _linked(content: Path) -> tuple[Path, str, Path]:
    """An entry file, its id, and another file that names it in [[id]]."""
    for path in sorted(content.glob("*/*.md")):
        for ident in re.findall(r"\[\[([a-z0-9-]+)", path.read_text("utf-8")):
            target = next(content.glob(f"*/{ident}.md"), None)
            if target is not None and target != path:
                return target, ident, path
    raise AssertionError("the synthetic catalogue links nothing")


def test_remembered_validation_equals_a_fresh_one(content: Path) -> None:
    memory = Incremental()
    assert _same(memory, content) is None            # first build: every page
    assert memory.parsed == 120 and memory.checked == 120
    assert _same(memory, content) == set()           # nothing changed: no page
    assert memory.parsed == 0 and memory.checked == 0

    target, ident, linker = _linked(content)
    original = target.read_text("utf-8")
    # a title: its page, the pages it names and those that name it; only it re-read
    target.write_text(original.replace("\ntitle: ", "\ntitle: Новое ", 1), "utf-8")
    pages = _same(memory, content)
    assert pages is not None and ident in pages and linker.stem in pages
    assert len(pages) < 120 // 2
    assert memory.parsed == 1
    # the linker's title: the page it links to lists it under «Ссылаются на этот материал»
    linking = linker.read_text("utf-8")
    linker.write_text(linking.replace("\ntitle: ", "\ntitle: Другое ", 1), "utf-8")
    pages = _same(memory, content)
    assert pages is not None and {ident, linker.stem} <= pages
    linker.write_text(linking, "utf-8")
    _same(memory, content)

    # the linked entry goes: the linker's check must say so (re-checked, not remembered)
    target.unlink()
    pages = _same(memory, content)   # the pages that named it, not every page
    assert pages is not None and linker.stem in pages and len(pages) < 120 // 2
    assert any(ident in str(p) for p in validate(content, today=synth.TODAY).errors)
    # back, renamed, with its former id: the linker now gets the «renamed» warning
    renamed = target.with_name("pereimenovano.md")
    renamed.write_text(original.replace("\ntitle: ", f"\nold_ids: [{ident}]\ntitle: ", 1),
                       "utf-8")
    _same(memory, content)
    renamed.unlink()
    target.write_text(original, "utf-8")
    _same(memory, content)

    # a broken entry and its fix
    target.write_text(original.replace("\nsummary: ", "\nsumary: ", 1), "utf-8")
    _same(memory, content)
    target.write_text(original, "utf-8")
    assert _same(memory, content) is not None

    # a reference list: every entry checked again (topics they name may be gone)
    topics = content / "reference" / "topics.yml"
    text = topics.read_text("utf-8")
    first = re.search(r"^- id: (\S+)", text, re.M).group(1)
    topics.write_text(text.replace(f"- id: {first}\n", f"- id: {first}-x\n", 1), "utf-8")
    assert _same(memory, content) is None
    assert memory.checked == 120
    topics.write_text(text, "utf-8")
    _same(memory, content)


def test_an_uncommitted_build_is_built_again(content: Path) -> None:
    memory = Incremental()
    _same(memory, content)
    target, ident, _ = _linked(content)
    target.write_text(target.read_text("utf-8").replace("\ntitle: ", "\ntitle: Я ", 1), "utf-8")
    result = memory.validate(content, today=synth.TODAY)
    site = Site(result.catalogue, synth.TODAY)
    assert site.src_uri(result.catalogue.entries[ident]) not in memory.pages_to_keep(site)
    # that build failed (no commit): the next one still builds the page
    result = memory.validate(content, today=synth.TODAY)
    site = Site(result.catalogue, synth.TODAY)
    assert site.src_uri(result.catalogue.entries[ident]) not in memory.pages_to_keep(site)
    memory.forget_pages()
    assert memory.pages_to_keep(site) == set()
    memory.commit()
    assert memory.pages_to_keep(site)
    # the templates changed (the caller's environment): no page is kept
    memory.commit()
    assert memory.pages_to_keep(site, environment="other") == set()


def test_topic_and_region_pages_are_kept_unless_they_show_the_edit(content: Path) -> None:
    memory = Incremental()
    result = memory.validate(content, today=synth.TODAY)
    memory.pages_to_keep(Site(result.catalogue, synth.TODAY))
    memory.commit()
    measure = next(e for e in result.catalogue.of_type("measure")
                   if isinstance(e.data.get("regions"), list) and e.topics)
    path = content / measure.spec.folder / f"{measure.id}.md"
    path.write_text(path.read_text("utf-8").replace("\ntitle: ", "\ntitle: Новое ", 1), "utf-8")
    result = memory.validate(content, today=synth.TODAY)
    site = Site(result.catalogue, synth.TODAY)
    keep = memory.pages_to_keep(site)
    recipients = measure.data.get("recipients") or {}
    showing = {f"topics/{t}.md" for t in measure.topics} | \
        {f"regions/{r}.md" for r in measure.data["regions"]} | \
        {f"municipality-types/{m}.md" for m in recipients.get("municipality_types") or []}
    assert not showing & keep
    others = {p.src_uri for p in site.generated if p.kind == "reference"} - showing
    assert others and others <= keep
    # not kept: the section that lists it, analytics, which counts measures
    assert not {"measures/index.md", "analytics/index.md"} & keep


def _related_types(content: Path, ident: str) -> set[str]:
    """Folders of the entries whose file names ``ident`` or whose id ``ident``'s names."""
    own = next(content.glob(f"*/{ident}.md"))
    words = set(re.findall(r"[\w-]+", own.read_text("utf-8")))
    return {path.parent.name for path in content.glob("*/*.md")
            if path.stem in words or ident in re.findall(r"[\w-]+", path.read_text("utf-8"))}


def test_navigation_pages_are_kept_unless_they_show_the_edit(content: Path) -> None:
    """Section pages, the lists of topics, regions and types, analytics, the guide and
    «Мой муниципалитет» are in every page's navigation: under --dirty each is rendered
    again only when what it shows changed (incremental._navigation_page)."""
    memory = Incremental()
    result = memory.validate(content, today=synth.TODAY)
    site = Site(result.catalogue, synth.TODAY)
    memory.pages_to_keep(site)
    memory.commit()
    sections = {p.spec.folder: p.src_uri for p in site.generated if p.kind == "type-index"}
    lists = {p.src_uri for p in site.generated if p.kind == "reference-index"}
    measure = next(e for e in result.catalogue.of_type("measure") if e.topics)
    path = content / "measures" / f"{measure.id}.md"
    text = path.read_text("utf-8")
    # a title: its section and analytics (which counts measures) show it; the lists of
    # topics, regions and types (counts), the guide, /my/ and unrelated sections do not
    path.write_text(text.replace("\ntitle: ", "\ntitle: Новое ", 1), "utf-8")
    keep = _rebuilt_pages(memory, content)
    assert not {"measures/index.md", "analytics/index.md"} & keep
    unrelated = {uri for folder, uri in sections.items()
                 if folder not in _related_types(content, measure.id)}
    assert unrelated and unrelated <= keep
    assert lists | {"guide/fields.md", "my/index.md"} <= keep
    # a topic more: the list of topics counts it
    topic = next(t for t in site.catalogue.references["topic"] if t not in measure.topics)
    path.write_text(path.read_text("utf-8").replace(
        "topics: [", f"topics: [{topic}, ", 1), "utf-8")
    assert "topics/index.md" not in _rebuilt_pages(memory, content)
    # a new course that names nothing and nobody names: analytics (which does not count
    # courses) stays; the courses' section and the guide, whose fresh files name the
    # first ids of each type, do not
    course = sorted((content / "courses").glob("*.md"))[0]
    new = course.with_name(f"a{course.name}")
    new.write_text(re.sub(r"\[\[[^]]*\]\]", "текст", course.read_text("utf-8")), "utf-8")
    keep = _rebuilt_pages(memory, content)
    assert "analytics/index.md" in keep
    assert not {sections["courses"], "guide/fields.md"} & keep
    # its title: the guide stays too
    new.write_text(new.read_text("utf-8").replace("\ntitle: ", "\ntitle: Новый ", 1), "utf-8")
    keep = _rebuilt_pages(memory, content)
    assert {"analytics/index.md", "guide/fields.md"} <= keep
    assert sections["courses"] not in keep


def _rebuilt_pages(memory: Incremental, content: Path) -> set[str]:
    result = memory.validate(content, today=synth.TODAY)
    assert not result.errors, result.errors[:3]
    keep = memory.pages_to_keep(Site(result.catalogue, synth.TODAY))
    memory.commit()
    return keep
