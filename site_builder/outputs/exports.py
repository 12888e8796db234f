"""Open data: the practices and recommendations as JSON and CSV, deterministic.

Each practice's part of a file (its JSON object, its CSV row) is made by one function of
that practice alone, and the files are joined from the parts: a caller that remembers
the parts (the adapter, per record, across `mkdocs serve` rebuilds) passes `part`."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from site_builder.core.countries import COUNTRIES
from site_builder.core.model import Handbook, Practice, Recommendation
from site_builder.core.urls import Urls, practice_src, recommendation_src
from site_builder.core.vocab import Vocabularies
from site_builder.outputs.csv_columns import COLUMNS, HEADER, TABLE


def practice_record(p: Practice, vocabularies: Vocabularies, urls: Urls) -> dict[str, Any]:
    return {
        "id": p.id,
        "title": p.title,
        "organisation": p.organisation,
        "country": p.country,
        "country_name": COUNTRIES.get(p.country, p.country),
        "region": p.region,
        "ecosystems": list(p.ecosystems),
        "helix": list(p.helix),
        "cluster_role": p.cluster_role,
        "cluster_role_label": vocabularies.cluster_roles.label(p.cluster_role),
        "themes": list(p.themes),
        "period": {"start": p.period.start, "end": p.period.end} if p.period else None,
        "contacts": [{k: v for k, v in vars(c).items() if v} for c in p.contacts],
        "source": p.source,
        "source_section": p.source_section,
        "url": urls.url(practice_src(p.id)),
        "sections": {s.slug: s.markdown for s in p.sections},
    }


def recommendation_record(
    r: Recommendation, vocabularies: Vocabularies, urls: Urls
) -> dict[str, Any]:
    return {
        "id": r.id,
        "number": r.number,
        "title": r.title,
        "source": r.source,
        "status": r.status,
        "status_label": vocabularies.statuses.label(r.status) if r.status else None,
        "points": list(r.points),
        "practices": list(r.practices),
        "text": r.body,
        "url": urls.url(recommendation_src(r.id)),
    }


Part = Callable[[str, Practice, Callable[[Practice], str]], str]


def _made(kind: str, p: Practice, make: Callable[[Practice], str]) -> str:
    return make(p)


def practices_json(handbook: Handbook, urls: Urls = Urls(), part: Part = _made) -> str:
    """{"count": N, "practices": [...]} as json.dumps(indent=1) writes it, by id."""
    objects = [
        part("json", p, lambda p: practice_json(p, handbook.vocabularies, urls))
        for p in sorted(handbook.practices, key=lambda p: p.id)
    ]
    listed = "[\n" + ",\n".join(objects) + "\n ]" if objects else "[]"
    return f'{{\n "count": {len(objects)},\n "practices": {listed}\n}}\n'


def practice_json(p: Practice, vocabularies: Vocabularies, urls: Urls) -> str:
    """One practice's object in practices.json, indented as the list's item."""
    text = json.dumps(practice_record(p, vocabularies, urls), ensure_ascii=False, indent=1)
    return "\n".join("  " + line for line in text.split("\n"))


def recommendations_json(handbook: Handbook, urls: Urls = Urls()) -> str:
    records = [
        recommendation_record(r, handbook.vocabularies, urls) for r in handbook.recommendations
    ]
    return (
        json.dumps(
            {"count": len(records), "recommendations": records}, ensure_ascii=False, indent=1
        )
        + "\n"
    )


def spreadsheet_safe(value: object) -> object:
    """A cell a spreadsheet will not run: text starting with = + - @ (or a tab or carriage
    return before one) is a formula to Excel and LibreOffice, so it gets a leading `'`."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_head() -> str:
    """The header line of practices.csv: the columns' names."""
    out = io.StringIO()
    csv.DictWriter(out, fieldnames=HEADER, lineterminator="\r\n").writeheader()
    return out.getvalue()


def practices_csv(handbook: Handbook, urls: Urls = Urls(), part: Part = _made) -> str:
    rows = [
        part("csv", p, lambda p: practice_csv_row(p, handbook.vocabularies, urls))
        for p in sorted(handbook.practices, key=lambda p: p.id)
    ]
    return csv_head() + "".join(rows)


def practice_csv_row(p: Practice, vocabularies: Vocabularies, urls: Urls) -> str:
    """One practice's row of practices.csv, with its line end. Its page's address is
    absolute where the site knows where it is published, else relative to the CSV's
    folder, data/: CSV on the Web resolves it against the metadata file beside it."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER, lineterminator="\r\n")
    record = practice_record(p, vocabularies, urls)
    record["url"] = urls.address(practice_src(p.id), TABLE)
    writer.writerow({column.name: spreadsheet_safe(column.cell(record)) for column in COLUMNS})
    return out.getvalue()
