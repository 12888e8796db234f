"""Export this selection: the data All practices' download buttons make their files from.

Two scripts, each loaded only when the reader asks for its kind (site_builder/render/assets/
export.js), since a page opened from file:// can load a script but not fetch a file:

    window.handbookExport.csv = {"head": "id,title,…\\r\\n", "parts": [["<id>", "<row>"], …]};
    window.handbookExport.json = {"parts": [["<id>", "<object>"], …]};

Each part is the practice's own part of data/practices.csv or data/practices.json, the
very string that file is joined from (site_builder/outputs/exports: a formula-safe CSV row, the
indented JSON object with every field and section), in the files' order (by id). The
browser keeps the parts of the practices the page lists and joins them as the files are
joined, so the download of every practice is byte for byte the file itself. A caller
that remembers the parts (the adapter, per record) passes `part`, as for the exports.
"""

from __future__ import annotations

from collections.abc import Callable

from site_builder.core.model import Handbook, Practice
from site_builder.core.urls import Urls
from site_builder.outputs import exports
from site_builder.outputs.practice_list import js_literal

CSV = "data/export-csv.js"
JSON = "data/export-json.js"
GLOBAL = "handbookExport"  # the object whose .csv and .json the scripts set
# part(kind, practice, make): make(practice) or the same string made before from it;
# kind "csv" and "json" are the exports' own parts, "csv-js" and "json-js" these scripts'
Part = Callable[[str, Practice, Callable[[Practice], str]], str]


def _made(kind: str, p: Practice, make: Callable[[Practice], str]) -> str:
    return make(p)


def scripts(handbook: Handbook, urls: Urls = Urls(), part: Part = _made) -> dict[str, str]:
    """{CSV: its script, JSON: its script}."""
    vocabularies = handbook.vocabularies
    makers = {
        "csv": lambda p: exports.practice_csv_row(p, vocabularies, urls),
        "json": lambda p: exports.practice_json(p, vocabularies, urls),
    }
    ordered = sorted(handbook.practices, key=lambda p: p.id)  # as the exports order them
    out = {}
    for kind, name in (("csv", CSV), ("json", JSON)):
        make = makers[kind]

        def entry(p: Practice, make: Callable[[Practice], str] = make, kind: str = kind) -> str:
            return js_literal([p.id, part(kind, p, make)])

        rows = ",\n".join(part(f"{kind}-js", p, entry) for p in ordered)
        head = f'"head": {js_literal(exports.csv_head())},\n' if kind == "csv" else ""
        out[name] = (
            f"/* The practices' parts of data/practices.{kind}, for All practices' download "
            "of a selection (made by site_builder/outputs/export_selection.py) */\n"
            f"window.{GLOBAL} = window.{GLOBAL} || {{}};\n"
            f'window.{GLOBAL}.{kind} = {{{head}"parts": [\n{rows}\n]}};\n'
        )
    return out
