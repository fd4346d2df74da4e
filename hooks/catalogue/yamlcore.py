"""YAML as this catalogue reads and writes it: the YAML 1.2 core schema.

PyYAML resolves plain scalars by YAML 1.1, which changes what editors typed:
«1:30» becomes the base-60 number 90, «yes», «on» and «no» become booleans,
«017» the octal number 15, «1_000» the number 1000, «2025-01-01 10:00» a
timestamp. The YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution)
has none of these: a plain scalar is null, a boolean, a decimal integer or a
decimal float only when written exactly so, and text otherwise. Hexadecimal,
octal and .inf/.nan of the core schema stay text here too (no field wants them;
the checks then name what was typed).

``Loader`` composes with these rules (the C loader when PyYAML has libyaml);
``Dumper`` quotes every string that YAML 1.1 *or* 1.2 would read as something
else, so what scripts/new.py writes reads back as the same text under either.
"""
from __future__ import annotations

import re
from typing import Any

import yaml

NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
INT = re.compile(r"^[-+]?[0-9]+$")
FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
NULL_TAG = "tag:yaml.org,2002:null"
BOOL_TAG = "tag:yaml.org,2002:bool"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"

CORE: tuple[tuple[str, re.Pattern[str], list[str]], ...] = (
    (NULL_TAG, NULL, ["~", "n", "N", ""]),
    (BOOL_TAG, BOOL, list("tTfF")),
    (INT_TAG, INT, list("-+0123456789")),
    (FLOAT_TAG, FLOAT, list("-+.0123456789")),
)

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Loader(_Base):  # type: ignore[misc, valid-type]
    """PyYAML's safe loader (C when available) with only the core schema's implicit types."""
    yaml_implicit_resolvers: dict[Any, Any] = {}


class Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper that also quotes what the core schema would not read as text."""


for _tag, _regexp, _first in CORE:
    Loader.add_implicit_resolver(_tag, _regexp, _first)
    Dumper.add_implicit_resolver(_tag, _regexp, _first)
