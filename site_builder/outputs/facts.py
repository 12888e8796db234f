"""A practice's facts as printed: the rows of the table that opens it in the handbook's
PDF (pdf/typst_sources.py) and in the print view of a selection (print_facts.html).

Each row is a label and its value's lines (one per contact, one for every other fact),
as plain text: each output escapes it in its own way.
"""

from __future__ import annotations

from typing import NamedTuple

from site_builder.core.countries import COUNTRIES
from site_builder.core.facets import Facets
from site_builder.core.model import Practice, Source


class Fact(NamedTuple):
    label: str
    lines: tuple[str, ...]
    always: bool = True  # every practice has this row (not only those with themes, …)


def practice_facts(p: Practice, source: Source | None, facets: Facets) -> list[Fact]:
    """The organisation, country, ecosystems, helix roles and cluster role; the themes,
    period and contacts where the practice has them; and its source."""
    ecosystem = facets.ecosystem
    rows = [
        Fact("Organisation", (p.organisation,)),
        Fact(
            "Country",
            (
                f"{COUNTRIES.get(p.country, p.country)} ({p.country})"
                + (f", {p.region}" if p.region else ""),
            ),
        ),
        Fact(
            ecosystem.title if len(p.ecosystems) > 1 else ecosystem.singular,
            (", ".join(ecosystem.labels_of(p.ecosystems)),),
        ),
        Fact(facets.helix.title, (", ".join(facets.helix.labels_of(p.helix)),)),
        Fact(facets.role.singular, (facets.role.label(p.cluster_role),)),
    ]
    if p.themes and facets.theme:
        rows.append(Fact(facets.theme.title, (", ".join(facets.theme.labels_of(p.themes)),), False))
    if p.period:
        end = f" to {p.period.end}" if p.period.end else ""
        rows.append(Fact("Period", (f"{p.period.start or '?'}{end}",), False))
    if p.contacts:
        contacts = [", ".join(v for v in (c.name, c.email, c.website) if v) for c in p.contacts]
        rows.append(Fact("Contact", tuple(contacts), False))
    rows.append(Fact("Source", (source_line(source, p.source, publisher=True) + _section(p),)))
    return rows


def source_line(source: Source | None, key: str, *, publisher: bool = False) -> str:
    """A source as a line: its title (its publisher too if asked) and year; its key
    when sources.yml does not know it."""
    if source is None:
        return key
    line = source.title + (f", {source.publisher}" if publisher and source.publisher else "")
    return line + (f" ({source.year})" if source.year else "")


def _section(p: Practice) -> str:
    return f", section {p.source_section}" if p.source_section else ""
