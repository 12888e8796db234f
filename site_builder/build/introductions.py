"""Hand-written introductions of generated pages: a docs/ file at the address of a browse
page (docs/roles/<slug>.md, docs/roles/index.md…) is shown on the page the build makes there.

The build and `handbook search` take them from the same function, each from its own list
of docs/ files (MkDocs' Files, or the files MkDocs collects for the command line)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from site_builder.content.markdown_safe import render_document
from site_builder.core.facets import facets_for
from site_builder.core.vocab import Vocabularies

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def introductions(
    sources: Iterable[str], read: Callable[[str], str], vocabularies: Vocabularies
) -> dict[str, str]:
    """Of the docs/ files at `sources` (their paths in docs/), those that introduce a
    browse page, each as safe HTML without its front matter (`read(path)` gives a
    file's text: only these are read)."""
    folders = "|".join(re.escape(f.folder) for f in facets_for(vocabularies).browse)
    page = re.compile(rf"({folders})/[a-z0-9-]+\.md")
    return {
        src: render_document(FRONT_MATTER.sub("", read(src), count=1))
        for src in sources
        if page.fullmatch(src)
    }
