"""CSV on the Web (W3C CSVW) metadata of data/practices.csv: data/practices.csv-metadata.json.

Made from exports.CSV_COLUMNS, column by column, so the two cannot drift: a column this
module does not describe stops the build (KeyError names it). Each column has its
name, its title (the practice schema's, where the column is a field of the front
matter), a datatype, and for the list columns the separator exports.py joins them
with; the id is the primary key, and each row is about the practice's page (aboutUrl).
"""

from __future__ import annotations

import json
from typing import Any

from site_builder.core.schema import practice_schema
from site_builder.core.urls import Urls, practice_src
from site_builder.core.vocab import Vocabularies
from site_builder.outputs.exports import CSV_COLUMNS

NAME = "data/practices.csv-metadata.json"
TABLE = "data/practices.csv"
SEPARATOR = ";"  # what exports.practice_csv_row joins a list column's values with
PERIOD = {"base": "string", "format": r"^[12][0-9]{3}(-(0[1-9]|1[0-2]))?$"}

# column -> (title where the schema has none, datatype, a list?, required?)
COLUMNS: dict[str, tuple[str | None, Any, bool, bool]] = {
    "id": (None, "string", False, True),
    "title": (None, "string", False, True),
    "organisation": (None, "string", False, True),
    "country": (None, "string", False, True),
    "country_name": ("Country name", "string", False, True),
    "region": (None, "string", False, False),
    "ecosystems": (None, "string", True, True),
    "helix": (None, "string", True, True),
    "cluster_role": (None, "string", False, True),
    "themes": ("Themes", "string", True, False),  # a handbook may have none
    "period_start": ("Start of the period", PERIOD, False, False),
    "period_end": ("End of the period", PERIOD, False, False),
    "contact_names": ("Contact persons", "string", True, False),
    "contact_emails": ("Contact e-mail addresses", "string", True, False),
    "websites": ("Contact websites", "anyURI", True, False),
    "source": (None, "string", False, True),
    "source_section": (None, "string", False, False),
    "url": ("Address of the practice's page", "anyURI", False, True),
}


def metadata(vocabularies: Vocabularies, urls: Urls, title: str) -> str:
    """The metadata document's text; its URLs are relative to it (both files are in data/)
    or, where the site knows its address, absolute."""
    fields = practice_schema(vocabularies)["properties"]

    def address(target: str) -> str:
        return urls.absolute(target) if urls.site_url else urls.link(target, NAME)

    columns = []
    for name in CSV_COLUMNS:
        own_title, datatype, is_list, required = COLUMNS[name]
        column: dict[str, Any] = {
            "name": name,
            "titles": name,
            "dc:title": {
                "@value": fields.get(name, {}).get("title") or own_title or name,
                "@language": "en",
            },
            "datatype": datatype,
            "required": required,
        }
        if name in fields and "description" in fields[name]:
            column["dc:description"] = {"@value": fields[name]["description"], "@language": "en"}
        if is_list:
            column["separator"] = SEPARATOR
        columns.append(column)
    page = address(practice_src("{id}"))
    document = {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "en"}],
        "url": address(TABLE),
        "dc:title": {"@value": title, "@language": "en"},
        "dialect": {"header": True, "encoding": "utf-8", "lineTerminators": ["\r\n"]},
        "tableSchema": {
            "columns": columns,
            "primaryKey": "id",
            "aboutUrl": page.replace("%7B", "{").replace("%7D", "}"),
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
