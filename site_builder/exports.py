"""Open data: the practices and recommendations as JSON and CSV, deterministic."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .countries import COUNTRIES
from .model import Handbook, Practice, Recommendation
from .urls import Urls, practice_src, recommendation_src
from .vocab import Vocabularies

CSV_COLUMNS = [
    "id",
    "title",
    "organisation",
    "country",
    "country_name",
    "region",
    "ecosystems",
    "helix",
    "cluster_role",
    "themes",
    "period_start",
    "period_end",
    "contact_names",
    "contact_emails",
    "websites",
    "source",
    "source_section",
    "url",
]


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


def practices_json(handbook: Handbook, urls: Urls = Urls()) -> str:
    records = [
        practice_record(p, handbook.vocabularies, urls)
        for p in sorted(handbook.practices, key=lambda p: p.id)
    ]
    return (
        json.dumps(
            {"count": len(records), "practices": records},
            ensure_ascii=False,
            indent=1,
            sort_keys=False,
        )
        + "\n"
    )


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


def practices_csv(handbook: Handbook, urls: Urls = Urls()) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for p in sorted(handbook.practices, key=lambda p: p.id):
        record = practice_record(p, handbook.vocabularies, urls)
        writer.writerow(
            {
                key: spreadsheet_safe(value)
                for key, value in {
                    **{
                        k: record[k]
                        for k in (
                            "id",
                            "title",
                            "organisation",
                            "country",
                            "country_name",
                            "region",
                            "cluster_role",
                            "source",
                            "source_section",
                            "url",
                        )
                    },
                    "ecosystems": ";".join(p.ecosystems),
                    "helix": ";".join(p.helix),
                    "themes": ";".join(p.themes),
                    "period_start": p.period.start if p.period else "",
                    "period_end": p.period.end if p.period else "",
                    "contact_names": ";".join(c.name for c in p.contacts if c.name),
                    "contact_emails": ";".join(c.email for c in p.contacts if c.email),
                    "websites": ";".join(c.website for c in p.contacts if c.website),
                }.items()
            }
        )
    return out.getvalue()
