"""The JSON Schemas (2020-12) of practice and recommendation front matter.

Built from :mod:`site_builder.vocab` so the allowed values are defined once;
``handbook schema`` writes them to ``schema/`` and a test keeps the published
files equal to what this module builds.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .countries import COUNTRIES
from .vocab import CLUSTER_ROLES, ECOSYSTEMS, HELIX_ROLES, RECOMMENDATION_STATUSES, THEMES

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
EMAIL = r"^[^@\s<>()\[\],;:\"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$"
WEB_URL = r"^https?://[^\s/$.?#][^\s<>\"]*$"
YEAR_MONTH = r"^[12][0-9]{3}(-(0[1-9]|1[0-2]))?$"
BASE_URI = "https://cluster-handbook.eu/schema/"


def _text(title: str, description: str, **extra: Any) -> dict[str, Any]:
    return {"type": "string", "title": title, "description": description, "minLength": 1,
            **extra}


def _choice(vocabulary: dict[str, str]) -> dict[str, Any]:
    return {"enum": list(vocabulary), "x-labels": dict(vocabulary)}


def _choices(title: str, description: str, vocabulary: dict[str, str], lo: int,
             hi: int) -> dict[str, Any]:
    return {"type": "array", "title": title, "description": description,
            "items": {"type": "string", **_choice(vocabulary)},
            "minItems": lo, "maxItems": hi, "uniqueItems": True}


def _date_part(title: str) -> dict[str, Any]:
    return {"title": title, "description": "A year (2016) or a year and month (\"2018-10\").",
            "oneOf": [{"type": "integer", "minimum": 1900, "maximum": 2100},
                      {"type": "string", "pattern": YEAR_MONTH}]}


CONTACT = {
    "type": "object",
    "title": "Contact person",
    "description": "Whom a reader can ask about the practice.",
    "additionalProperties": False,
    "minProperties": 1,
    "properties": {
        "name": _text("Name", "The contact person's name."),
        "email": _text("E-mail", "An e-mail address, such as name@example.org.",
                       pattern=EMAIL),
        "website": _text("Website", "A web address starting with https:// or http://.",
                         pattern=WEB_URL),
    },
}


def practice_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": BASE_URI + "practice.schema.json",
        "title": "Cluster good practice",
        "description": "The front matter of one practice file, practices/<id>.md.",
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "title", "organisation", "country", "ecosystems", "helix",
                     "cluster_role", "source"],
        "properties": {
            "id": _text("Identifier", "Lowercase words joined by hyphens; equal to the "
                        "file name without .md.", pattern=SLUG, maxLength=80),
            "title": _text("Title", "The practice's name as readers will see it.",
                           maxLength=200),
            "organisation": _text("Organisation", "The cluster or organisation that ran "
                                  "the practice.", maxLength=300),
            "country": {"type": "string", "title": "Country",
                        "description": "Two-letter ISO 3166-1 country code, such as IT, "
                        "NO or UA.", "enum": sorted(COUNTRIES),
                        "x-labels": dict(sorted(COUNTRIES.items()))},
            "region": _text("Region", "The region, where the practice is regional.",
                            maxLength=200),
            "ecosystems": _choices("Industrial ecosystems", "One to three of the 14 EU "
                                   "industrial ecosystems, or cross-sectoral.", ECOSYSTEMS,
                                   1, 3),
            "helix": _choices("Helix roles", "Which of the quintuple-helix actors took "
                              "part.", HELIX_ROLES, 1, 5),
            "cluster_role": {"type": "string", "title": "Cluster role",
                             "description": "Which of the five roles of clusters the "
                             "practice shows.", **_choice(CLUSTER_ROLES)},
            "themes": _choices("Themes", "The challenges of clusters the practice "
                               "addresses.", THEMES, 0, len(THEMES)),
            "contact": {"title": "Contact", "description": "One contact person, or a "
                        "list of them.",
                        "oneOf": [CONTACT, {"type": "array", "items": CONTACT,
                                            "minItems": 1, "maxItems": 5}]},
            "period": {"type": "object", "title": "Period",
                       "description": "When the practice ran.",
                       "additionalProperties": False, "minProperties": 1,
                       "properties": {"start": _date_part("Start"),
                                      "end": _date_part("End")}},
            "source": {"type": "string", "title": "Source", "description": "Key of the "
                       "document the practice comes from, in sources.yml.", "pattern": SLUG},
            "source_section": _text("Source section", "The section number in that "
                                    "document, such as \"3.1.1\".", maxLength=40),
        },
    }


def recommendation_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": BASE_URI + "recommendation.schema.json",
        "title": "Policy recommendation",
        "description": "The front matter of one recommendation file, "
                       "recommendations/<id>.md.",
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "title", "number", "source"],
        "properties": {
            "id": _text("Identifier", "Lowercase words joined by hyphens; equal to the "
                        "file name without .md.", pattern=SLUG, maxLength=80),
            "title": _text("Title", "The recommendation in a short sentence.",
                           maxLength=300),
            "number": _text("Number", "Its number in the source, such as \"3.1\" "
                            "(in quotes).", pattern=r"^[0-9]+(\.[0-9]+)*$", maxLength=20),
            "source": {"type": "string", "title": "Source", "description": "Key of the "
                       "document it comes from, in sources.yml.", "pattern": SLUG},
            "status": {"type": "string", "title": "Status", "description": "For a "
                       "reviewed older recommendation: how far it has been implemented.",
                       **_choice(RECOMMENDATION_STATUSES)},
            "points": {"type": "array", "title": "Points", "description": "The lettered "
                       "sub-recommendations in order, each in Markdown; letters are "
                       "added on the site.",
                       "items": {"type": "string", "minLength": 1}},
            "practices": {"type": "array", "title": "Illustrating practices",
                          "description": "Ids of practices that illustrate it.",
                          "items": {"type": "string", "pattern": SLUG},
                          "uniqueItems": True},
        },
    }


SCHEMAS = {"practice": practice_schema, "recommendation": recommendation_schema}


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, build in SCHEMAS.items():
        path = folder / f"{kind}.schema.json"
        path.write_text(json.dumps(build(), indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")
        written.append(path)
    return written
