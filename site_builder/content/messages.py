"""Turn JSON Schema errors into sentences an editor can act on."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

from site_builder.core import countries
from site_builder.core.countries import parse_country

Message = tuple[tuple, bool, str, str | None]  # (key path, at the key?, message, hint)

_TYPE_WORDS = {
    "string": "text",
    "array": "a list",
    "object": "a group of `key: value` lines",
    "integer": "a whole number",
    "boolean": "true or false",
}
_PATTERN_TEXT: dict[str, tuple[str, str | None]] = {
    "id": (
        "must be lowercase letters, digits and single hyphens",
        "for example `regional-innovation-network`",
    ),
    "source": ("must be a key from sources.yml", None),
    "email": ("is not a valid e-mail address", "for example `name@example.org`"),
    "website": ("is not a web address", "it must start with https:// or http://"),
    "number": ('must be a section number such as "3.1"', "write it in double quotes"),
    "start": ('must be a year such as 2016 or a month such as "2018-10"', None),
    "end": ('must be a year such as 2016 or a month such as "2018-10"', None),
    "practices": ("must be a practice id: lowercase letters, digits and hyphens", None),
    "former_ids": (
        "must be a former id: lowercase letters, digits and single hyphens",
        "write the old file name without `.md`",
    ),
}


def did_you_mean(word: str, choices: list[str]) -> str | None:
    match = difflib.get_close_matches(word.lower(), [c.lower() for c in choices], n=1, cutoff=0.6)
    if not match:
        return None
    original = next(c for c in choices if c.lower() == match[0])
    return f"did you mean `{original}`?"


def show(path: tuple) -> str:
    parts = []
    for part in path:
        parts.append(f"[{part + 1}]" if isinstance(part, int) else f".{part}")
    return "".join(parts).lstrip(".").replace(".[", "[") or "front matter"


def explain(error: ValidationError) -> Iterator[Message]:
    """One or more messages for one schema error, placed at a key path."""
    path = tuple(error.absolute_path)
    name = show(path)
    kind, value, schema = error.validator, error.instance, error.schema
    if kind == "required":
        missing = [k for k in error.validator_value if k not in value]
        # jsonschema reports each missing key as an error of its own: word only that one
        own = [k for k in missing if error.message.startswith(repr(k))]
        for key in own or missing:
            yield (
                path,
                True,
                f"the required field `{key}` is missing",
                schema["properties"][key].get("description"),
            )
    elif kind == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        for key in sorted(set(value) - set(allowed)):
            hint = did_you_mean(key, allowed) or "allowed fields: " + ", ".join(allowed)
            yield path + (key,), True, f"unknown field `{key}`", hint
    elif kind == "enum":
        yield path, False, *_enum_message(path, value, schema)
    elif kind == "type":
        yield path, False, *_type_message(name, value, error.validator_value)
    elif kind == "pattern":
        text, advice = _PATTERN_TEXT.get(_last_key(path), ("has the wrong form", None))
        if _last_key(path) == "website" and str(value).startswith("www."):
            advice = f"write `https://{value}`"
        yield path, False, f"`{name}`: `{value}` {text}", advice
    elif kind in ("minItems", "maxItems"):
        lo, hi = schema.get("minItems", 0), schema.get("maxItems")
        bounds = f"at least {lo}" if hi is None else f"between {lo} and {hi}"
        yield path, False, f"`{name}` needs {bounds} values; it has {len(value)}", None
    elif kind == "uniqueItems":
        seen: list = []  # values may be lists or mappings, which a set cannot hold
        twice = next((v for v in value if _seen_before(v, seen)), value[0])
        yield path, False, f"`{name}` lists `{twice}` twice", "keep one"
    elif kind == "minLength":
        yield path, False, f"`{name}` is empty", schema.get("description")
    elif kind == "maxLength":
        yield (
            path,
            False,
            (f"`{name}` is too long: {len(value)} characters, at most {error.validator_value}"),
            None,
        )
    elif kind in ("minimum", "maximum"):
        yield path, False, f"`{name}`: {value} is not a plausible year", None
    elif kind == "minProperties":
        yield path, False, f"`{name}` is empty", "fill it in or remove it"
    elif kind in ("oneOf", "anyOf"):
        yield from _explain_alternatives(error, name)
    else:  # pragma: no cover - every validator the schemas use is handled above
        yield path, False, f"`{name}`: {error.message}", None


def _seen_before(value: Any, seen: list) -> bool:
    """True for a value met before; remembers it otherwise."""
    if value in seen:
        return True
    seen.append(value)
    return False


def _last_key(path: tuple) -> str:
    return next((p for p in reversed(path) if isinstance(p, str)), "")


def _type_message(name: str, value: Any, expected: str | list) -> tuple[str, str | None]:
    wanted = " or ".join(
        _TYPE_WORDS.get(t, t) for t in (expected if isinstance(expected, list) else [expected])
    )
    if expected == "array" and isinstance(value, str):
        return f"`{name}` must be a list", f"write `[{value}]`"
    if expected == "string" and isinstance(value, (bool, int)):
        return f"`{name}` must be text, not `{value}`", "put the value in double quotes"
    if value is None:
        return f"`{name}` is empty", "fill it in or remove the line"
    return f"`{name}` must be {wanted}", None


def _enum_message(path: tuple, value: Any, schema: dict) -> tuple[str, str | None]:
    field = _last_key(path)
    if field == "country":
        return _country_message(value)
    labels = schema.get("x-labels", {})
    what = schema.get("title", field).lower()  # the vocabulary's singular
    hint = did_you_mean(str(value), list(labels) + list(labels.values()))
    if hint:
        by_label = {label.lower(): slug for slug, label in labels.items()}
        suggestion = hint.split("`")[1]
        slug = by_label.get(suggestion.lower(), suggestion)
        hint = f"did you mean `{slug}`?"
    allowed = "allowed: " + ", ".join(labels)
    return f"`{value}` is not a known {what}", f"{hint} {allowed}" if hint else allowed


def _country_message(value: Any) -> tuple[str, str | None]:
    text = str(value).strip()
    country = parse_country(text)
    if country and country.written_as == "code" and isinstance(value, str):
        return f"country `{text}` must be written in capitals", f"write `{country.code}`"
    hint = countries.did_you_mean(text)
    if country and country.written_as == "alias":  # UK, EL: two letters, not ISO's
        return f"`{text}` is not an ISO 3166-1 country code", hint
    if country:  # a name, an alpha-3 code: the code is known
        return f"`{text}` is not a two-letter ISO 3166-1 country code", hint
    if hint is None:
        return (
            f"`{text}` is not an ISO 3166-1 country code",
            "use the two-letter code, such as IT for Italy or NO for Norway",
        )
    return f"`{text}` is not a known country", hint


def _explain_alternatives(error: ValidationError, name: str) -> Iterator[Message]:
    """For `contact` and the period's dates: report the branch the editor meant."""
    branches: dict[int, list[ValidationError]] = {}
    for sub in error.context or []:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    meant = [
        errors
        for errors in branches.values()
        if not any(e.validator == "type" and not e.relative_path for e in errors)
    ]
    if len(meant) == 1:
        for sub in meant[0]:
            yield from explain(sub)
        return
    path = tuple(error.absolute_path)
    text, hint = _PATTERN_TEXT.get(_last_key(path), (None, None))
    if text:
        yield path, False, f"`{name}`: `{error.instance}` {text}", hint
    else:
        yield path, False, f"`{name}` has the wrong form", error.schema.get("description")
