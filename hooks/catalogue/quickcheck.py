"""A fast yes/no answer to "does this value satisfy this JSON Schema?".

The jsonschema package gives the located, explained errors editors see, but it
builds a validator object for every value it descends into, which made schema
checking the slowest part of a 10,000-entry catalogue. Almost every record is
valid, so check.py first asks this module; only when the answer is not a
certain "valid" does it run jsonschema, which then reports exactly what it
always did.

A schema is compiled once into nested closures. The closures know only the
keywords schemas.py uses and follow jsonschema's Draft 2020-12 semantics for
them; any other keyword makes ``compile_schema`` return None (always ask
jsonschema), and any value they cannot judge exactly (a float where an integer
is wanted, a list of non-strings that must be unique, a type YAML should not
produce) raises ``Unsure`` (ask jsonschema too). So a "valid" from here always
means jsonschema would find no error.
"""
from __future__ import annotations

import re
from typing import Any, Callable

from jsonschema import Draft202012Validator

Check = Callable[[Any], bool]

FORMAT_CHECKER = Draft202012Validator.FORMAT_CHECKER
_ANNOTATIONS = {"title", "description", "$schema", "$id", "$comment", "default",
                "examples", "deprecated", "readOnly", "writeOnly"}


class Unsure(Exception):
    """This value is outside what the quick check can judge exactly."""


class _Unsupported(Exception):
    pass


def compile_schema(schema: Any) -> Check | None:
    """A function value -> valid?, or None when the schema uses other keywords."""
    try:
        return _compile(schema)
    except _Unsupported:
        return None


def is_valid(check: Check | None, value: Any) -> bool:
    """True only when the value is certainly valid."""
    if check is None:
        return False
    try:
        return check(value)
    except Unsure:
        return False


def _kind(value: Any) -> str:
    # exact types only: subclasses (and anything YAML should not give) are unsure
    kind = _KINDS.get(type(value))
    if kind is None:
        raise Unsure
    return kind


_KINDS = {str: "string", bool: "boolean", int: "int", float: "float", type(None): "null",
          list: "array", dict: "object"}


def _type_check(expected: Any) -> Check:
    names = [expected] if isinstance(expected, str) else list(expected)
    known = {"string", "integer", "number", "boolean", "null", "array", "object"}
    if not names or any(n not in known for n in names):
        raise _Unsupported("type")

    accepted: set[str] = set()
    for name in names:
        accepted |= {"integer": {"int"}, "number": {"int", "float"}}.get(name, {name})
    # jsonschema takes 1.0 for an integer: floats where only integers go are unsure
    unsure = {"float"} if "integer" in names and "float" not in accepted else set()

    def check(value: Any) -> bool:
        kind = _kind(value)
        if kind in accepted:
            return True
        if kind in unsure:
            raise Unsure
        return False
    return check


def _compile(schema: Any) -> Check:
    if not isinstance(schema, dict):
        raise _Unsupported(repr(schema))
    checks: list[Check] = []
    for key, arg in schema.items():
        if key in _ANNOTATIONS or key.startswith("x-"):
            continue
        build = _BUILDERS.get(key)
        if build is None:
            raise _Unsupported(key)
        checks.append(build(arg, schema))

    def check(value: Any) -> bool:
        if type(value) not in _KINDS:
            raise Unsure
        for one in checks:
            if not one(value):
                return False
        return True
    return check


def _properties(arg: Any, schema: dict[str, Any]) -> Check:
    subs = {key: _compile(sub) for key, sub in arg.items()}

    def check(value: Any) -> bool:
        if type(value) is not dict:
            return True
        return all(sub(value[key]) for key, sub in subs.items() if key in value)
    return check


def _required(arg: Any, schema: dict[str, Any]) -> Check:
    keys = list(arg)
    return lambda value: type(value) is not dict or all(k in value for k in keys)


def _additional(arg: Any, schema: dict[str, Any]) -> Check:
    if arg is not False or "patternProperties" in schema:
        raise _Unsupported("additionalProperties")
    allowed = set(schema.get("properties", {}))
    return lambda value: type(value) is not dict or all(k in allowed for k in value)


def _min_properties(arg: Any, schema: dict[str, Any]) -> Check:
    return lambda value: type(value) is not dict or len(value) >= arg


def _items(arg: Any, schema: dict[str, Any]) -> Check:
    if "prefixItems" in schema:
        raise _Unsupported("prefixItems")
    sub = _compile(arg)
    return lambda value: type(value) is not list or all(sub(item) for item in value)


def _min_items(arg: Any, schema: dict[str, Any]) -> Check:
    return lambda value: type(value) is not list or len(value) >= arg


def _max_items(arg: Any, schema: dict[str, Any]) -> Check:
    return lambda value: type(value) is not list or len(value) <= arg


def _unique(arg: Any, schema: dict[str, Any]) -> Check:
    if not arg:
        return lambda value: True

    def check(value: Any) -> bool:
        if type(value) is not list:
            return True
        kinds = {type(item) for item in value}
        if not kinds <= {str} and not kinds <= {int}:
            raise Unsure  # jsonschema's equality of mixed values is subtle
        return len(set(value)) == len(value)
    return check


def _min_length(arg: Any, schema: dict[str, Any]) -> Check:
    return lambda value: type(value) is not str or len(value) >= arg


def _max_length(arg: Any, schema: dict[str, Any]) -> Check:
    return lambda value: type(value) is not str or len(value) <= arg


def _pattern(arg: Any, schema: dict[str, Any]) -> Check:
    regex = re.compile(arg)
    return lambda value: type(value) is not str or regex.search(value) is not None


def _format(arg: Any, schema: dict[str, Any]) -> Check:
    return lambda value: FORMAT_CHECKER.conforms(value, arg)


def _enum(arg: Any, schema: dict[str, Any]) -> Check:
    if not all(type(v) is str for v in arg):
        raise _Unsupported("enum")
    allowed = set(arg)
    return lambda value: type(value) is str and value in allowed


def _const(arg: Any, schema: dict[str, Any]) -> Check:
    if arg is True or arg is False:
        return lambda value: value is arg
    if type(arg) is str:
        return lambda value: type(value) is str and value == arg
    raise _Unsupported("const")


def _number(arg: Any, schema: dict[str, Any], *, low: bool) -> Check:
    if type(arg) not in (int, float):
        raise _Unsupported("minimum/maximum")

    def check(value: Any) -> bool:
        if type(value) not in (int, float):
            return True   # jsonschema compares numbers only
        # the same comparison as jsonschema's, so that NaN behaves the same
        return not (value < arg if low else value > arg)
    return check


def _one_of(arg: Any, schema: dict[str, Any]) -> Check:
    subs = [_compile(sub) for sub in arg]
    return lambda value: sum(1 for sub in subs if sub(value)) == 1


def _any_of(arg: Any, schema: dict[str, Any]) -> Check:
    subs = [_compile(sub) for sub in arg]

    def check(value: Any) -> bool:
        results = [sub(value) for sub in subs]   # all of them: an Unsure must surface
        return any(results)
    return check


def _all_of(arg: Any, schema: dict[str, Any]) -> Check:
    subs = [_compile(sub) for sub in arg]
    return lambda value: all(sub(value) for sub in subs)


def _not(arg: Any, schema: dict[str, Any]) -> Check:
    sub = _compile(arg)
    return lambda value: not sub(value)


_BUILDERS: dict[str, Callable[[Any, dict[str, Any]], Check]] = {
    "type": lambda arg, schema: _type_check(arg),
    "properties": _properties,
    "required": _required,
    "additionalProperties": _additional,
    "minProperties": _min_properties,
    "items": _items,
    "minItems": _min_items,
    "maxItems": _max_items,
    "uniqueItems": _unique,
    "minLength": _min_length,
    "maxLength": _max_length,
    "pattern": _pattern,
    "format": _format,
    "enum": _enum,
    "const": _const,
    "minimum": lambda arg, schema: _number(arg, schema, low=True),
    "maximum": lambda arg, schema: _number(arg, schema, low=False),
    "oneOf": _one_of,
    "anyOf": _any_of,
    "allOf": _all_of,
    "not": _not,
}
