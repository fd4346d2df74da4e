"""Property tests: whatever an editor (or a broken tool) writes into content/,
validate() does not raise, and every problem it reports is located (a path, a
line ≥ 1 that exists in the file, a column ≥ 1) and has a known code.

Also: the fast paths of the engine (quickcheck, walk_marked, the body
pre-filters) agree with the plain implementations they stand in for.
"""
from __future__ import annotations

import re
import shutil
from typing import Any, Iterator

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from catalogue import body as md
from catalogue import quickcheck
from catalogue.model import REFERENCES, TYPES, walk, walk_marked
from catalogue.problems import CODES
from catalogue_kit import BASE, REAL_REFERENCE, Content, run_validate

SETTINGS = settings(max_examples=150, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])
# the secondary file tests: the same code paths, fewer examples
SETTINGS_FEWER = settings(SETTINGS, max_examples=80)
M = "measures/grant-a.md"


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Content:
    """The small valid catalogue, shared by the examples of a test module."""
    root = tmp_path_factory.mktemp("property") / "content"
    (root / "reference").mkdir(parents=True)
    for ref in REAL_REFERENCE.glob("*.yml"):
        shutil.copyfile(ref, root / "reference" / ref.name)
    cat = Content(root)
    for rel, text in BASE.items():
        cat.write(rel, text)
    return cat


def check_located(cat: Content, rel: str, data: bytes) -> None:
    """Write data to content/<rel>, validate, check every problem; restore the file."""
    path = cat.root / rel
    old = path.read_bytes() if path.exists() else None
    cat.write(rel, data)
    try:
        result = run_validate(cat.root)
    finally:
        if old is None:
            path.unlink()
        else:
            path.write_bytes(old)
    lines = data.replace(b"\r\n", b"\n").count(b"\n") + 1
    for problem in result.problems:
        assert problem.code in CODES, problem
        assert problem.severity in ("error", "warning"), problem
        assert problem.path.startswith("content/"), problem
        assert problem.line >= 1 and problem.col >= 1, problem
        assert problem.message, problem
        if problem.path == f"content/{rel}":
            assert problem.line <= lines + 1, (problem, lines)


# --- arbitrary text ----------------------------------------------------------------

@SETTINGS
@given(text=st.text())
def test_any_text_as_entry(catalogue: Content, text: str) -> None:
    check_located(catalogue, M, text.encode("utf-8", "surrogatepass"))


@SETTINGS_FEWER
@given(text=st.text())
def test_any_text_after_front_matter_start(catalogue: Content, text: str) -> None:
    check_located(catalogue, M, ("---\n" + text).encode("utf-8", "surrogatepass"))


@SETTINGS_FEWER
@given(data=st.binary(max_size=400))
def test_any_bytes_as_entry(catalogue: Content, data: bytes) -> None:
    check_located(catalogue, "legal/new-one.md", data)


# --- YAML-ish front matter ------------------------------------------------------------

FIELD_NAMES = sorted({name for spec in TYPES.values() for name in spec.properties}
                     | {"windows", "opens", "closes", "annual", "months", "rolling",
                        "municipality_types", "other", "min", "max", "start", "end",
                        "sources", "measure", "amount", "amends", "replaces", "repealed_by",
                        "solutions", "measures", "legal", "details", "src", "alt", "id",
                        "name", "description", "parent", "code"})
IDS = ["law-new", "law-old", "grant-a", "question-a", "practice-a", "solution-a", "course-a",
       "problem-a", "tatarstan", "tos", "minfin", "rural-settlement", "Grant-A", "all", "free"]
ODD = ["2025-02-30", "2026-11-01", "01.02.2025", "2025-1-1", "http://a.ru", "https://a.ru",
       "javascript:alert(1)", "data:text/html,x", "ЗАПОЛНИТЕ", "<script>", "[[nope]]", "",
       " ", "true", "null", "~", "1e9", "-1"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**20, max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(IDS + ODD),
    st.text(max_size=30))
keys = st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=12))
values = st.recursive(scalars, lambda children: st.one_of(
    st.lists(children, max_size=4),
    st.dictionaries(keys, children, max_size=4)), max_leaves=10)
front_matter = st.dictionaries(keys, values, max_size=10)

YAML_NOISE = [":", ": ", "-", "- ", " ", "  ", "\n", "\t", "[", "]", "{", "}", "'", '"', "&a",
              "*a", "!!", "!!binary ", "#", "|", ">", "%", "@", "`", ",", "?", "---", "...",
              "\x00", "\r", "\ufeff", "ё", "«»"]


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        at = draw(st.integers(min_value=0, max_value=len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(st.sampled_from(YAML_NOISE)) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(min_value=1, max_value=8)):]
    return text


@st.composite
def entry_files(draw: st.DrawFn) -> str:
    data = draw(front_matter)
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False,
                            default_flow_style=draw(st.sampled_from([None, False, True])))
    front = draw(mutated(dumped))
    body = draw(st.sampled_from(["", "\n## Раздел\n\nТекст [[law-new]] и [[nope]].\n",
                                 "\n<img src=x onerror=y> `<b>` ![](x.png) [a](javascript:x)\n",
                                 "\n```\n<script>\n```\n[x](../legal/law-new.md)\n"]))
    return f"---\n{front}---\n{body}"


@SETTINGS
@given(text=entry_files())
def test_yamlish_front_matter(catalogue: Content, text: str) -> None:
    check_located(catalogue, M, text.encode("utf-8", "surrogatepass"))


@SETTINGS_FEWER
@given(text=entry_files())
def test_yamlish_legal_document(catalogue: Content, text: str) -> None:
    # legal documents take part in the whole-catalogue checks (cycles, repealed basis)
    check_located(catalogue, "legal/law-old.md", text.encode("utf-8", "surrogatepass"))


@st.composite
def reference_files(draw: st.DrawFn) -> str:
    items = draw(st.lists(st.dictionaries(keys, values, max_size=5), max_size=4))
    return draw(mutated(yaml.safe_dump(items, allow_unicode=True, sort_keys=False)))


@SETTINGS_FEWER
@given(text=reference_files())
def test_yamlish_reference_list(catalogue: Content, text: str) -> None:
    check_located(catalogue, "reference/topics.yml", text.encode("utf-8", "surrogatepass"))


# --- the fast paths agree with the plain ones -------------------------------------------

ALL_SCHEMAS = {**{name: spec.schema() for name, spec in TYPES.items()},
               **{name: spec.schema()["items"] for name, spec in REFERENCES.items()}}
VALIDATORS = {name: Draft202012Validator(schema,
                                         format_checker=Draft202012Validator.FORMAT_CHECKER)
              for name, schema in ALL_SCHEMAS.items()}
QUICK = {name: quickcheck.compile_schema(schema) for name, schema in ALL_SCHEMAS.items()}


def base_data() -> dict[str, dict[str, Any]]:
    out = {}
    for rel, text in BASE.items():
        front = text.split("---\n")[1]
        name = next(n for n, s in TYPES.items() if rel.startswith(s.folder + "/"))
        out[rel] = (name, yaml.load(front, Loader=yaml.BaseLoader))  # all scalars as text
    return out


def _typed(value: Any) -> Any:
    """BaseLoader text -> the types the engine's loader gives (dates stay text)."""
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    if re.fullmatch(r"-?\d+", value):
        return int(value)
    return {"true": True, "false": False}.get(value, value)


BASE_DATA = {rel: (name, _typed(data)) for rel, (name, data) in base_data().items()}


@st.composite
def near_valid(draw: st.DrawFn) -> tuple[str, Any]:
    """A valid record with a few values replaced, removed or added anywhere in it."""
    name, data = BASE_DATA[draw(st.sampled_from(sorted(BASE_DATA)))]
    data = _copy(data)
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        paths = list(_paths(data))
        path = draw(st.sampled_from(paths))
        parent, key = _parent(data, path)
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "replace" or parent is None:
            new = draw(values)
            if parent is None:
                data = new
            else:
                parent[key] = new
        elif action == "remove":
            del parent[key]
        elif isinstance(parent, dict):
            parent[draw(keys)] = draw(values)
        else:
            parent.append(draw(values))
    return name, data


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, path + (i,))


def _parent(data: Any, path: tuple[Any, ...]) -> tuple[Any, Any]:
    if not path:
        return None, None
    for part in path[:-1]:
        data = data[part]
    return data, path[-1]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(case=near_valid())
def test_quickcheck_agrees_with_jsonschema(case: tuple[str, Any]) -> None:
    name, data = case
    valid = not any(True for _ in VALIDATORS[name].iter_errors(data))
    quick = QUICK[name]
    assert quick is not None, f"the {name} schema uses a keyword quickcheck does not know"
    try:
        verdict = quick(data)
    except quickcheck.Unsure:
        assert not quickcheck.is_valid(quick, data)
        return
    assert verdict == valid, data
    assert quickcheck.is_valid(quick, data) == valid


def test_quickcheck_base_records_are_valid() -> None:
    for rel, (name, data) in BASE_DATA.items():
        assert quickcheck.is_valid(QUICK[name], data), rel


@settings(max_examples=150, deadline=None, derandomize=True)
@given(case=near_valid())
def test_walk_marked_is_walk_filtered(case: tuple[str, Any]) -> None:
    name, data = case
    root = {"type": "object", "properties": TYPES[name].properties}
    plain = [(p, id(s)) for p, s, v in walk(root, data) if "x-ref" in s or "x-url" in s]
    fast = [(p, id(s)) for p, s, v in walk_marked(root, data)]
    assert fast == plain


def _plain_mask(body: str) -> str:
    def blank(m: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", m.group(0))
    return md.INLINE_CODE.sub(blank, md.FENCE.sub(blank, body))


MARKDOWN_BITS = list("ab \n[]()!<>/`~:#|-\"") + [
    "](", "[[", "]]", "```\n", "~~~\n", "<b>", "<!--", "<https://a.ru>", "javascript:",
    "](x.md)", "![", "[id]: http://x\n"]
markdownish = st.lists(st.sampled_from(MARKDOWN_BITS), max_size=40).map("".join)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(body=markdownish)
def test_body_prefilters_change_nothing(body: str) -> None:
    masked = _plain_mask(body)
    assert md._mask_code(body) == masked
    plain_links = [(md._at(body, m.start()), m.group(0)) for m in md.LINK.finditer(masked)] + \
                  [(md._at(body, m.start()), m.group(0))
                   for m in md.LINK_DEFINITION.finditer(masked)]
    assert [((f.line, f.col), f.text) for f in md.links(body)] == plain_links
    html_masked = md.AUTOLINK.sub(lambda m: " " * len(m.group(0)), masked)
    assert [f.text for f in md.raw_html(body)] == \
           [m.group(0) for m in md.HTML.finditer(html_masked)]
