"""The print view of a selection (render/print_selection.py)."""

from __future__ import annotations

from site_builder.core import urls
from site_builder.render import print_selection
from site_builder.render.pages.framework import PageContext, Planned, rendered


def print_view_page(context: PageContext, whole_pdf: str | None = None) -> Planned:
    """The print view of a selection (print_selection): the same page for any selection,
    which it reads from its address; it offers `whole_pdf` when the selection is all."""
    total = len(context.handbook.practices)
    return rendered(
        context,
        urls.PRINT_VIEW,
        "Print a selection",
        "print_view.html",
        context.key("print-view", total, whole_pdf),
        meta={"hide": ["navigation", "toc"]},
        total=total,
        whole_pdf=whole_pdf,
        fragment=urls.print_fragment("@@id@@"),
        id_pattern=print_selection.ID_PATTERN,
        script_global=print_selection.GLOBAL,
    )
