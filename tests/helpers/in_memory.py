"""What tests (and benchmarks) ask the code that the build itself never asks: a page
rendered at once, a search index asked in memory or as a built site ships it, a file read
into a document on its own."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from site_builder.artefacts.store import ArtefactStore
from site_builder.content.edition import Edition
from site_builder.content.load import Document, parse_document, read_file, shown
from site_builder.core.facets import Facets
from site_builder.core.model import Handbook
from site_builder.core.urls import Urls
from site_builder.outputs.downloads import Download
from site_builder.render.pages.framework import GeneratedPage
from site_builder.render.pages.planned import planned_pages
from site_builder.search import build, shards
from site_builder.search.documents import SearchDocument
from site_builder.search.query import Searcher
from site_builder.search.site_files import DATA


def all_pages(
    handbook: Handbook,
    intros: dict[str, str],
    downloads: Sequence[Download],
    site_urls: Urls,
    written: frozenset[str] = frozenset(),
    artefacts: ArtefactStore | None = None,
    edition: Edition | None = None,
) -> list[GeneratedPage]:
    """Every generated page, rendered."""
    plans = planned_pages(
        handbook, intros, downloads, site_urls, written, artefacts, edition=edition
    )
    return [plan.page() for plan in plans]


def page_files(pages: Sequence[GeneratedPage], site_urls: Urls) -> set[str]:
    """The files the generated pages are written to, as paths in the site."""
    return {site_urls.dest(page.src_uri) for page in pages}


def in_site(address: str, root: str, files: set[str]) -> bool:
    """Whether an absolute address is one of `files` of the site published at `root`
    (an address ending in / is its folder's index.html)."""
    path = address.removeprefix(root)
    path = path + "index.html" if path == "" or path.endswith("/") else path
    return address.startswith(root) and path in files


def index_searcher(docs: list[SearchDocument], facets: Facets) -> Searcher:
    """The documents' index, in memory."""
    made = build.index_files(docs, facets)
    return Searcher(shards.Shards(made.__getitem__))


def site_searcher(site_dir: Path) -> Searcher:
    """The index a built site ships, asked as its browser asks it."""
    folder = site_dir / DATA
    return Searcher(shards.Shards(lambda name: (folder / name).read_text(encoding="utf-8")))


def read_document(path: Path, kind: str, root: Path | None = None) -> Document:
    """One content file read and parsed, as the checker reads each."""
    return parse_document(read_file(path, root), shown(path, root), kind, path.stem)
