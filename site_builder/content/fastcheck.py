"""A fast yes/no check of a document against one of our schemas.

jsonschema explains errors well but spends most of a large validation run in
its generic machinery. Most files are valid, so we first ask this compiled
checker, which knows exactly the keywords our schemas use, and run jsonschema
only on the files it rejects, to word the messages. A schema keyword it does
not know is an error at compile time, never a silent pass; a test checks both
agree on every case and on random mutations.

A schema of one type (a string, an array, an object) becomes one function that tests
the type once and then its keywords, in plain loops: most of the cost of a check is
calls, and this makes about one per value. Whatever else a schema says is checked
keyword by keyword, as the generic closures of ``_keyword`` do.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "boolean": lambda v: isinstance(v, bool),
}
_ANNOTATIONS = {"$schema", "$id", "title", "description", "x-labels"}


def compile_schema(schema: dict[str, Any]) -> Check:
    rest = {name: value for name, value in schema.items() if name not in _ANNOTATIONS}
    typed = _TYPED.get(rest.get("type"))
    checks = [typed(rest, schema)] if typed else []  # takes the keywords it checks from rest
    found = [_keyword(name, value, schema) for name, value in rest.items()]
    return _every(checks + [c for c in found if c is not None])


def _every(checks: list[Check]) -> Check:
    if not checks:
        return lambda value: True
    if len(checks) == 1:
        return checks[0]

    def check(value: Any) -> bool:
        for one in checks:  # noqa: SIM110 - a loop: all() of a generator costs twice as much
            if not one(value):
                return False
        return True

    return check


def _string(rest: dict[str, Any], schema: dict[str, Any]) -> Check:
    del rest["type"]
    allowed = frozenset(rest.pop("enum")) if "enum" in rest else None
    pattern = rest.pop("pattern", None)
    search = re.compile(pattern).search if pattern is not None else None
    lo, hi = rest.pop("minLength", 0), rest.pop("maxLength", None)

    def check(v: Any) -> bool:
        if not isinstance(v, str) or (allowed is not None and v not in allowed):
            return False
        if len(v) < lo or (hi is not None and len(v) > hi):
            return False
        return search is None or search(v) is not None

    return check


def _array(rest: dict[str, Any], schema: dict[str, Any]) -> Check:
    del rest["type"]
    item = compile_schema(rest.pop("items")) if "items" in rest else None
    lo, hi = rest.pop("minItems", 0), rest.pop("maxItems", None)
    unique = rest.pop("uniqueItems", False)

    def check(v: Any) -> bool:
        if not isinstance(v, list) or len(v) < lo or (hi is not None and len(v) > hi):
            return False
        if unique and len(v) != len(set(map(repr, v))):
            return False
        if item is not None:
            for each in v:
                if not item(each):
                    return False
        return True

    return check


def _object(rest: dict[str, Any], schema: dict[str, Any]) -> Check:
    del rest["type"]
    props = {key: compile_schema(sub) for key, sub in rest.pop("properties", {}).items()}
    closed = rest.get("additionalProperties") is False
    if closed:
        del rest["additionalProperties"]  # anything else is for _keyword to refuse
    required = frozenset(rest.pop("required", ()))
    least = rest.pop("minProperties", 0)

    def check(v: Any) -> bool:
        if not isinstance(v, dict) or len(v) < least:
            return False
        for key, item in v.items():
            one = props.get(key)
            if one is None:
                if closed:
                    return False
            elif not one(item):
                return False
        return v.keys() >= required

    return check


_TYPED: dict[Any, Callable[[dict[str, Any], dict[str, Any]], Check]] = {
    "string": _string,
    "array": _array,
    "object": _object,
}


def _keyword(name: str, value: Any, schema: dict[str, Any]) -> Check | None:
    if name == "type":
        return _TYPES[value]
    if name == "enum":
        allowed = frozenset(value)
        return lambda v: isinstance(v, str) and v in allowed
    if name == "pattern":
        search = re.compile(value).search
        return lambda v: not isinstance(v, str) or search(v) is not None
    if name in ("minLength", "maxLength"):
        return _bound(name, value, str, len)
    if name in ("minItems", "maxItems"):
        return _bound(name, value, list, len)
    if name == "minProperties":
        return lambda v: not isinstance(v, dict) or len(v) >= value
    if name in ("minimum", "maximum"):
        return _bound(name, value, int, lambda v: v)
    if name == "uniqueItems":
        return (
            (lambda v: not isinstance(v, list) or len(v) == len(set(map(repr, v))))
            if value
            else None
        )
    if name == "required":
        return lambda v: not isinstance(v, dict) or all(k in v for k in value)
    if name == "properties":
        props = {key: compile_schema(sub) for key, sub in value.items()}
        return lambda v: (
            not isinstance(v, dict) or all(props[k](item) for k, item in v.items() if k in props)
        )
    if name == "additionalProperties":
        if value is not False:
            raise ValueError("only additionalProperties: false is supported")
        known = frozenset(schema.get("properties", {}))
        return lambda v: not isinstance(v, dict) or known.issuperset(v)
    if name == "items":
        item = compile_schema(value)
        return lambda v: not isinstance(v, list) or all(item(i) for i in v)
    if name == "oneOf":
        branches = [compile_schema(sub) for sub in value]
        return lambda v: sum(1 for branch in branches if branch(v)) == 1
    raise ValueError(f"the fast checker does not know the schema keyword {name!r}")


def _bound(name: str, limit: int, kind: type, measure: Callable[[Any], int]) -> Check:
    at_least = name.startswith("min")

    def check(value: Any) -> bool:
        if not isinstance(value, kind) or isinstance(value, bool):
            return True
        return measure(value) >= limit if at_least else measure(value) <= limit

    return check
