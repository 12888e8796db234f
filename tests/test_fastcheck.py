"""The fast schema check must agree with jsonschema, or files could slip through."""

from __future__ import annotations

import copy
import random

import pytest
from jsonschema import Draft202012Validator

from site_builder.content.fastcheck import compile_schema
from site_builder.core.schema import SCHEMAS

from .helpers.in_memory import read_document
from .helpers.projects import CASES, VOCABULARIES

REPLACEMENTS = [
    None,
    True,
    0,
    1899,
    2016,
    "",
    "x",
    "NO",
    "2018-13",
    "2018-10",
    "a@b.eu",
    "www.x.eu",
    "https://x.eu",
    "health",
    "Health",
    [],
    ["health"],
    ["health", "health"],
    ["a", "b", "c", "d"],
    {},
    {"name": "x"},
    [{"name": "x"}],
    [{"email": "bad"}],
    {"start": 2016},
    {"nope": 1},
]


def documents():
    for path in sorted(CASES.glob("*/input/*/*.md")):
        kind = "recommendation" if path.parent.name == "recommendations" else "practice"
        doc = read_document(path, kind)
        if isinstance(doc.data, dict):
            yield kind, doc.data


def mutations(data: dict, rng: random.Random, count: int):
    for _ in range(count):
        mutated = copy.deepcopy(data)
        key = rng.choice(sorted(mutated) + ["contact", "period", "extra"])
        if rng.random() < 0.15:
            mutated.pop(key, None)
        else:
            mutated[key] = copy.deepcopy(rng.choice(REPLACEMENTS))
        yield mutated


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_fast_check_agrees_with_jsonschema(kind: str) -> None:
    schema = SCHEMAS[kind](VOCABULARIES)
    fast, slow = compile_schema(schema), Draft202012Validator(schema)
    rng = random.Random(20261122)
    samples = [data for k, data in documents() if k == kind]
    assert len(samples) >= 5
    checked = 0
    for data in samples:
        for candidate in [data, *mutations(data, rng, 60)]:
            assert fast(candidate) == slow.is_valid(candidate), candidate
            checked += 1
    assert checked > 300


def test_unknown_keyword_is_refused_not_skipped() -> None:
    with pytest.raises(ValueError, match="does not know the schema keyword 'const'"):
        compile_schema({"type": "string", "const": "x"})
