"""A fast yes/no check of a document against one of our schemas.

jsonschema explains errors well but spends most of a large validation run in
its generic machinery. Most files are valid, so we first ask this compiled
checker, which knows exactly the keywords our schemas use, and run jsonschema
only on the files it rejects, to word the messages. A schema keyword it does
not know is an error at compile time, never a silent pass; a test checks both
agree on every case and on random mutations.
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
    found = [
        _keyword(name, value, schema) for name, value in schema.items() if name not in _ANNOTATIONS
    ]
    checks = [c for c in found if c is not None]
    return lambda value: all(check(value) for check in checks)


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
        return lambda v: sum(branch(v) for branch in branches) == 1
    raise ValueError(f"the fast checker does not know the schema keyword {name!r}")


def _bound(name: str, limit: int, kind: type, measure: Callable[[Any], int]) -> Check:
    at_least = name.startswith("min")

    def check(value: Any) -> bool:
        if not isinstance(value, kind) or isinstance(value, bool):
            return True
        return measure(value) >= limit if at_least else measure(value) <= limit

    return check
