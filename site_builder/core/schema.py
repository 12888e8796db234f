"""The JSON Schemas (2020-12) of practice and recommendation front matter.

Built from the handbook's vocabularies (schema/vocabularies.yml, read by
:mod:`site_builder.core.vocab`) so the allowed values are defined once; ``handbook
schema`` writes them to ``schema/`` and a test keeps the published files equal
to what this module builds.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from site_builder.core.countries import COUNTRIES

if TYPE_CHECKING:
    from site_builder.core.vocab import Vocabularies, Vocabulary

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_PATTERN = re.compile(SLUG)
# Each pattern means the same to Python's re and to ECMA-262 with the u flag, the dialect
# editors' tools run (ajv, VS Code's YAML support): no escape there of a character that is
# not a syntax character (a quote stays bare), as tests/test_schema_patterns.py checks.
EMAIL = r'^[^@\s<>()\[\],;:"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$'
WEB_URL = r'^https?://[^\s/$.?#][^\s<>"]*$'
YEAR_MONTH = r"^[12][0-9]{3}(-(0[1-9]|1[0-2]))?$"
BASE_URI = "https://cluster-handbook.eu/schema/"


def _text(title: str, description: str, **extra: Any) -> dict[str, Any]:
    return {"type": "string", "title": title, "description": description, "minLength": 1, **extra}


def _choice(vocabulary: Vocabulary) -> dict[str, Any]:
    return {"enum": list(vocabulary), "x-labels": dict(vocabulary.labels)}


def _one(vocabulary: Vocabulary) -> dict[str, Any]:
    return {
        "type": "string",
        "title": vocabulary.singular,
        "description": vocabulary.description,
        **_choice(vocabulary),
    }


def _choices(vocabulary: Vocabulary, lo: int) -> dict[str, Any]:
    hi = min(vocabulary.max_items or len(vocabulary), len(vocabulary))
    return {
        "type": "array",
        "title": vocabulary.title,
        "description": vocabulary.description,
        "items": {"type": "string", "title": vocabulary.singular, **_choice(vocabulary)},
        "minItems": lo,
        "maxItems": hi,
        "uniqueItems": True,
    }


def _date_part(title: str) -> dict[str, Any]:
    return {
        "title": title,
        "description": 'A year (2016) or a year and month ("2018-10").',
        "oneOf": [
            {"type": "integer", "minimum": 1900, "maximum": 2100},
            {"type": "string", "pattern": YEAR_MONTH},
        ],
    }


CONTACT = {
    "type": "object",
    "title": "Contact person",
    "description": "Whom a reader can ask about the practice.",
    "additionalProperties": False,
    "minProperties": 1,
    "properties": {
        "name": _text("Name", "The contact person's name."),
        "email": _text("E-mail", "An e-mail address, such as name@example.org.", pattern=EMAIL),
        "website": _text(
            "Website", "A web address starting with https:// or http://.", pattern=WEB_URL
        ),
    },
}


@lru_cache(maxsize=8)
def practice_schema(vocabularies: Vocabularies) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": BASE_URI + "practice.schema.json",
        "title": "Cluster good practice",
        "description": "The front matter of one practice file, practices/<id>.md.",
        "type": "object",
        "additionalProperties": False,
        "required": [
            "id",
            "title",
            "organisation",
            "country",
            "ecosystems",
            "helix",
            "cluster_role",
            "source",
        ],
        "properties": {
            "id": _text(
                "Identifier",
                "Lowercase words joined by hyphens; equal to the file name without .md.",
                pattern=SLUG,
                maxLength=80,
            ),
            "title": _text("Title", "The practice's name as readers will see it.", maxLength=200),
            "organisation": _text(
                "Organisation", "The cluster or organisation that ran the practice.", maxLength=300
            ),
            "country": {
                "type": "string",
                "title": "Country",
                "description": "Two-letter ISO 3166-1 country code, such as IT, NO or UA.",
                "enum": sorted(COUNTRIES),
                "x-labels": dict(sorted(COUNTRIES.items())),
            },
            "region": _text("Region", "The region, where the practice is regional.", maxLength=200),
            "ecosystems": _choices(vocabularies.ecosystems, 1),
            "helix": _choices(vocabularies.helix, 1),
            "cluster_role": _one(vocabularies.cluster_roles),
            "themes": _choices(vocabularies.themes, 0),
            "contact": {
                "title": "Contact",
                "description": "One contact person, or a list of them.",
                "oneOf": [
                    CONTACT,
                    {"type": "array", "items": CONTACT, "minItems": 1, "maxItems": 5},
                ],
            },
            "period": {
                "type": "object",
                "title": "Period",
                "description": "When the practice ran.",
                "additionalProperties": False,
                "minProperties": 1,
                "properties": {"start": _date_part("Start"), "end": _date_part("End")},
            },
            "source": {
                "type": "string",
                "title": "Source",
                "description": "Key of the document the practice comes from, in sources.yml.",
                "pattern": SLUG,
            },
            "source_section": _text(
                "Source section",
                'The section number in that document, such as "3.1.1".',
                maxLength=40,
            ),
            "former_ids": {
                "type": "array",
                "title": "Former identifiers",
                "description": "Ids the practice had before it was renamed: each old "
                "address leads to its page.",
                "items": {"type": "string", "pattern": SLUG, "maxLength": 80},
                "uniqueItems": True,
            },
        },
    }
    if not vocabularies.themes.terms:  # a handbook without themes: no such field
        del schema["properties"]["themes"]
    return schema


@lru_cache(maxsize=8)
def recommendation_schema(vocabularies: Vocabularies) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": BASE_URI + "recommendation.schema.json",
        "title": "Policy recommendation",
        "description": "The front matter of one recommendation file, recommendations/<id>.md.",
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "title", "number", "source"],
        "properties": {
            "id": _text(
                "Identifier",
                "Lowercase words joined by hyphens; equal to the file name without .md.",
                pattern=SLUG,
                maxLength=80,
            ),
            "title": _text("Title", "The recommendation in a short sentence.", maxLength=300),
            "number": _text(
                "Number",
                'Its number in the source, such as "3.1" (in quotes).',
                pattern=r"^[0-9]+(\.[0-9]+)*$",
                maxLength=20,
            ),
            "source": {
                "type": "string",
                "title": "Source",
                "description": "Key of the document it comes from, in sources.yml.",
                "pattern": SLUG,
            },
            "status": _one(vocabularies.statuses),
            "points": {
                "type": "array",
                "title": "Points",
                "description": "The lettered "
                "sub-recommendations in order, each in Markdown; letters are "
                "added on the site.",
                "items": {"type": "string", "minLength": 1},
            },
            "practices": {
                "type": "array",
                "title": "Illustrating practices",
                "description": "Ids of practices that illustrate it.",
                "items": {"type": "string", "pattern": SLUG},
                "uniqueItems": True,
            },
        },
    }
    if not vocabularies.statuses.terms:
        del schema["properties"]["status"]
    return schema


SCHEMAS: dict[str, Callable[[Vocabularies], dict[str, Any]]] = {
    "practice": practice_schema,
    "recommendation": recommendation_schema,
}


def schema_files(vocabularies: Vocabularies) -> dict[str, str]:
    """File name -> the published JSON text of each schema."""
    return {
        f"{kind}.schema.json": json.dumps(build(vocabularies), indent=2, ensure_ascii=False) + "\n"
        for kind, build in SCHEMAS.items()
    }


def write_schemas(folder: Path, vocabularies: Vocabularies) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_files(vocabularies).items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
