"""Kept pages as MkDocs sees them: a generated page whose previous output is kept
(build/kept.py) is read and rendered by nobody, its template writes nothing, and MkDocs
does not say it was skipped (its output is in place)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

KEPT_TEMPLATE = "handbook-kept.html"  # renders nothing: MkDocs writes no file (theme/)
BUILD_LOG = "mkdocs.commands.build"  # where MkDocs says "Page skipped"


def write_nothing(page: Page) -> None:
    """MkDocs reads and renders nothing of `page`, and its template writes nothing
    (Page's own steps, replaced on this one object; MkDocs has no event to skip them)."""
    meta = {"template": KEPT_TEMPLATE, "search": {"exclude": True}}

    def read_source(config: MkDocsConfig) -> None:
        page.markdown, page.meta = "", dict(meta)

    def render(config: MkDocsConfig, files: Files) -> None:
        page.content = ""

    setattr(page, "read_source", read_source)  # noqa: B010 (mypy: method assignment)
    setattr(page, "render", render)  # noqa: B010


class QuietAboutKept(logging.Filter):
    """MkDocs says of each page it writes nothing for that it was skipped: not of the
    kept ones (`kept(src_uri)`), whose output is in place. Added to BUILD_LOG once per
    adapter, for the life of its MkDocs command (on_startup to on_shutdown)."""

    def __init__(self, kept: Callable[[str], bool]) -> None:
        super().__init__()
        self.kept = kept

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith("Page skipped: '"):
            return not self.kept(message.split("'")[1])
        return True
