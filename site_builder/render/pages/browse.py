"""The browse views: per facet an overview with counts, and a page per value."""

from __future__ import annotations

from site_builder.core.facets import group
from site_builder.outputs import feeds
from site_builder.render import europe_map
from site_builder.render.pages.framework import PageContext, Planned, rendered


def browse_pages(context: PageContext, intros: dict[str, str]) -> list[Planned]:
    """Per facet: an overview with counts and one page per value (no JavaScript)."""
    practices_of = context.handbook.practices
    pages = []
    for facet in context.facets.browse:
        groups = group(practices_of, facet)
        intro = (
            f"The {len(practices_of)} practices by {facet.singular.lower()}; "
            "a practice can appear under several."
        )
        counts = {v: len(ps) for v, ps in groups.items()}
        with_map = facet is context.facets.country  # the country view shows them on the map
        pages.append(
            rendered(
                context,
                facet.index_uri,
                facet.title,
                "browse_index.html",
                context.key(
                    "browse",
                    facet.key,
                    intro,
                    list(counts.items()),
                    europe_map.key(counts) if with_map else None,
                ),
                facet=facet,
                groups=groups,
                intro=intro,
                map_counts=counts if with_map else None,
            )
        )
        for value, practices in groups.items():
            src = facet.src_uri(value)
            pages.append(
                rendered(
                    context,
                    src,
                    facet.label(value),
                    "browse_value.html",
                    context.key(
                        "value", facet.key, value, intros.get(src), context.rows(practices)
                    ),
                    headings=(("practices", "Practices"),),
                    head="view_head.html",
                    facet=facet,
                    value=value,
                    practices=practices,
                    intro_html=intros.get(src),
                    feed=feeds.of_value(facet, value, context.edition),
                )
            )
    return pages
