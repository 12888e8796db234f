"""The accessibility statement (render/accessibility.py says what it states)."""

from __future__ import annotations

from site_builder.core import urls
from site_builder.render import accessibility
from site_builder.render.pages.framework import PageContext, Planned, rendered


def statement_page(context: PageContext, repository: str | None, pdf: str | None) -> Planned:
    """The accessibility statement (see site_builder/render/accessibility.py)."""
    shown = accessibility.context(repository, pdf)
    return rendered(
        context,
        urls.ACCESSIBILITY,
        accessibility.TITLE,
        "accessibility.html",
        context.key("accessibility", shown),
        headings=accessibility.HEADINGS,
        **shown,
    )
