"""The coverage page: the matrices of render/coverage.py."""

from __future__ import annotations

from site_builder.core import urls
from site_builder.render import coverage
from site_builder.render.pages.framework import PageContext, Planned, rendered


def coverage_page(context: PageContext) -> Planned:
    """The coverage matrix (site_builder/render/coverage.py)."""
    handbook = context.handbook
    matrices = coverage.matrices(handbook.practices, context.facets)
    total = len(handbook.practices)
    return rendered(
        context,
        coverage.SRC,
        coverage.TITLE,
        "coverage.html",
        context.key("coverage", [m.key() for m in matrices], total),
        headings=tuple((m.id, m.title) for m in matrices),
        matrices=matrices,
        total=total,
        all_practices=urls.ALL_PRACTICES,
        statistics=urls.STATISTICS,
    )
