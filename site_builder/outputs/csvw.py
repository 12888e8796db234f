"""CSV on the Web (W3C CSVW) metadata of data/practices.csv: data/practices.csv-metadata.json.

Made from csv_columns.COLUMNS, the columns exports.py writes, so the two cannot drift.
Each column has its name, its title (the practice schema's, where the column is a field
of the front matter), a datatype, and for the list columns the separator they are joined
with; the id is the primary key, and each row is about the practice's page (aboutUrl).
"""

from __future__ import annotations

import json
from typing import Any

from site_builder.core.schema import practice_schema
from site_builder.core.urls import Urls, practice_src
from site_builder.core.vocab import Vocabularies
from site_builder.outputs.csv_columns import COLUMNS, SEPARATOR, TABLE

NAME = "data/practices.csv-metadata.json"


def metadata(vocabularies: Vocabularies, urls: Urls, title: str) -> str:
    """The metadata document's text; its URLs are relative to it (both files are in data/)
    or, where the site knows its address, absolute."""
    fields = practice_schema(vocabularies)["properties"]

    columns = []
    for each in COLUMNS:
        name = each.name
        column: dict[str, Any] = {
            "name": name,
            "titles": name,
            "dc:title": {
                "@value": fields.get(name, {}).get("title") or each.title or name,
                "@language": "en",
            },
            "datatype": each.datatype,
            "required": each.required,
        }
        if name in fields and "description" in fields[name]:
            column["dc:description"] = {"@value": fields[name]["description"], "@language": "en"}
        if each.is_list:
            column["separator"] = SEPARATOR
        columns.append(column)
    page = urls.address(practice_src("{id}"), NAME)
    document = {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "en"}],
        "url": urls.address(TABLE, NAME),
        "dc:title": {"@value": title, "@language": "en"},
        "dialect": {"header": True, "encoding": "utf-8", "lineTerminators": ["\r\n"]},
        "tableSchema": {
            "columns": columns,
            "primaryKey": "id",
            "aboutUrl": page.replace("%7B", "{").replace("%7D", "}"),
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
