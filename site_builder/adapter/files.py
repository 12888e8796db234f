"""The build's pages and files as MkDocs' Files, and docs/ as the build reads it.

A generated page becomes a File made by File.generated, in place of a docs/ file at its
address: MkDocs reads only its title and settings (:func:`page_source`), the adapter gives
it its HTML (events.on_page_content). The assets (site_builder/render/assets/, served at
assets/handbook/…) and the data files are generated Files too.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from site_builder.build.introductions import introductions
from site_builder.core import urls
from site_builder.core.vocab import Vocabularies
from site_builder.render.pages.framework import GeneratedPage, Planned

ASSETS = Path(__file__).parents[1] / "render" / "assets"  # served at assets/handbook/…


def page_source(page: GeneratedPage | Planned) -> str:
    """A generated page as MkDocs reads it: its settings and title, no Markdown (its
    HTML and table of contents are the page's own, set in on_page_content)."""
    front = {"title": escape(page.title, quote=False), **page.meta}
    return f"---\n{json.dumps(front, ensure_ascii=False)}\n---\n"


def inclusion(src_uri: str) -> InclusionLevel:
    """Practice and value pages are reached from the views, not the global nav; the
    print view from the buttons that print a list."""
    return (
        InclusionLevel.NOT_IN_NAV
        if (src_uri.count("/") and not src_uri.endswith("/index.md")) or src_uri == urls.PRINT_VIEW
        else InclusionLevel.UNDEFINED
    )


def put(files: Files, config: MkDocsConfig, page: GeneratedPage | Planned) -> File:
    """A generated page into the site's files, in place of a docs/ file at its address."""
    existing = files.get_file_from_path(page.src_uri)
    if existing is not None:
        files.remove(existing)
    file = File.generated(
        config, page.src_uri, content=page_source(page), inclusion=inclusion(page.src_uri)
    )
    files.append(file)
    return file


def add_assets(files: Files, config: MkDocsConfig) -> None:
    """The handbook's stylesheet, scripts and images, at assets/handbook/…"""
    for path in sorted(p for p in ASSETS.rglob("*") if p.is_file()):
        files.append(
            File.generated(
                config,
                f"assets/handbook/{path.relative_to(ASSETS).as_posix()}",
                abs_src_path=str(path),
            )
        )


def add_data(files: Files, config: MkDocsConfig, data: Mapping[str, str]) -> None:
    """Data files, by their path in the site."""
    for name, content in data.items():
        files.append(File.generated(config, name, content=content))


def introductions_in(files: Files, vocabularies: Vocabularies) -> dict[str, str]:
    """The hand-written introductions of generated pages among MkDocs' files."""
    by_src = {file.src_uri: file for file in files}
    return introductions(by_src, lambda src: by_src[src].content_string, vocabularies)
