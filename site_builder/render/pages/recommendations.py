"""The policy recommendations: their index and a page per recommendation."""

from __future__ import annotations

from site_builder.content.markdown_safe import render, render_inline
from site_builder.core import urls
from site_builder.render.pages.framework import (
    GeneratedPage,
    PageContext,
    Planned,
    headings,
    rendered,
)


def recommendation_pages(context: PageContext) -> list[Planned]:
    handbook = context.handbook
    pages = []
    groups: dict[str, list] = {}
    for r in handbook.recommendations:
        title = "Reviewed earlier recommendations" if r.status else "Recommendations"
        groups.setdefault(title, []).append(r)
        pages.append(_recommendation_page(context, r))
    used = sorted(
        {
            handbook.sources[r.source].title
            for r in handbook.recommendations
            if r.source in handbook.sources
        }
    )
    pages.append(
        rendered(
            context,
            urls.RECOMMENDATIONS,
            "Policy recommendations",
            "recommendations_index.html",
            context.key("recommendations", [repr(r) for r in handbook.recommendations], used),
            recommendations=handbook.recommendations,
            groups=list(groups.items()),
            sources=used,
        )
    )
    return pages


def _recommendation_page(context: PageContext, r) -> Planned:
    handbook = context.handbook
    source = handbook.sources.get(r.source)
    practices = [p for p in (handbook.practice(i) for i in r.practices) if p]
    src = urls.recommendation_src(r.id)
    title = f"{r.number} {r.title}"
    key = context.key("recommendation", src, repr(r), repr(source), context.rows(practices))

    def make() -> GeneratedPage:
        html = context.render(
            "recommendation.html",
            src,
            r=r,
            source=source,
            points=[render_inline(point) for point in r.points],
            body=render(r.body),
            practices=practices,
        )
        heads = headings(
            html,
            [
                ("points", "Recommendations"),
                ("explanation", "Explanation"),
                ("practices", "Practices"),
            ],
        )
        return GeneratedPage(src, title, html, heads)

    return Planned(src, title, key, make)
