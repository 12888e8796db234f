"""The statistics: a chart and a table of practices per facet."""

from __future__ import annotations

from site_builder.core import urls
from site_builder.core.facets import group
from site_builder.render import charts
from site_builder.render.pages.framework import GeneratedPage, PageContext, Planned


def stats_page(context: PageContext) -> Planned:
    handbook = context.handbook
    tables = []
    for facet in context.facets.filters:
        rows = [(facet.label(v), len(ps)) for v, ps in group(handbook.practices, facet).items()]
        if facet is context.facets.country:
            rows.sort(key=lambda row: (-row[1], row[0]))
        tables.append((f"by-{facet.key}", f"Practices by {facet.singular.lower()}", facet, rows))
    total, countries = len(handbook.practices), handbook.country_count()
    headings = tuple((chart_id, title) for chart_id, title, _, _ in tables)

    def make() -> GeneratedPage:
        chart_list = [
            {
                "id": chart_id,
                "title": title,
                "rows": rows,
                "column": facet.singular,
                "svg": charts.bar_chart(chart_id + "-chart", title, rows),
            }
            for chart_id, title, facet, rows in tables
        ]
        html = context.render(
            "stats.html",
            urls.STATISTICS,
            charts=chart_list,
            total=total,
            countries=countries,
            coverage=urls.COVERAGE,
        )
        return GeneratedPage(urls.STATISTICS, "Statistics", html, headings)

    key = context.key("stats", [(i, t, f.key, rows) for i, t, f, rows in tables], total, countries)
    return Planned(urls.STATISTICS, "Statistics", key, make)
