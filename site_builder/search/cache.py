"""The command line's copy of the index: built from the content tree on first use.

``handbook search`` needs no site build and no network: it reads the content
tree (practices/, recommendations/, sources.yml, schema/vocabularies.yml, and
mkdocs.yml's docs_dir, whose pages the caller gives: the command line has MkDocs render
them through the adapter, as in the build), builds the same index files the site ships
(search/index/), and keeps them in ``.handbook-cache/search/index/``, with the plain
text of every document in blocks (``texts/<n>.json``, for snippets, which the site's
index leaves out) and a fingerprint of the files it came from. When a content file
changes, is added or removed, the next search builds it again. A search reads only
the files its query needs, as the browser does (shards.py).

The fingerprint file names the docs folder it covered, so a search with an
index in place reads neither mkdocs.yml nor MkDocs (whose import alone costs
half a second); mkdocs.yml is one of the files fingerprinted.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from site_builder.search import build, shards
from site_builder.search.stored import FOLDER, fingerprint, folder_for, write

if TYPE_CHECKING:
    from site_builder.core.model import Handbook
    from site_builder.core.urls import Urls
    from site_builder.search.documents import SearchDocument

__all__ = ["FOLDER", "ContextPages", "Stored", "fingerprint", "folder_for", "load", "write"]


class ContextPages(Protocol):
    """The hand-written pages the site indexes beside the records (the adapter's
    SiteSource: docs/ as MkDocs renders it)."""

    @property
    def docs_dir(self) -> Path: ...

    @property
    def problem(self) -> str | None: ...  # why the pages are left out, if they are

    @property
    def urls(self) -> Urls: ...

    def context_documents(self, handbook: Handbook) -> list[SearchDocument]: ...


@dataclass
class Stored:
    index: shards.Shards
    folder: Path

    def sections(self, ref: int) -> list[tuple[str, str]]:
        """The plain-text sections of one document (its block of texts/)."""
        block = self.index.meta["block"]
        with open(self.folder / "texts" / f"{ref // block}.json", encoding="utf-8") as file:
            return [tuple(pair) for pair in json.load(file)[ref % block]]


def _reader(folder: Path) -> Callable[[str], str]:
    return lambda name: (folder / name).read_text(encoding="utf-8")


def load(root: Path, say: Callable[[str], None], pages: Callable[[Path], ContextPages]) -> Stored:
    """The stored index of the handbook at `root`, built first if missing or stale (a
    build of the site leaves it made: search/background.py); `pages(root)` gives the
    hand-written pages to index, asked only then."""
    folder = folder_for(root)
    try:
        stamp = (folder / "fingerprint").read_text(encoding="utf-8")
        docs_dir = stamp.partition("\n")[0]
        if docs_dir and stamp == fingerprint(root, Path(docs_dir)):
            return Stored(shards.Shards(_reader(folder / "index")), folder)
        say(f"the content changed since the search index was built: rebuilding it in {folder}")
    except (OSError, ValueError):
        say(f"no search index yet: building it from the content in {root} into {folder}")
    from site_builder.artefacts.store import ArtefactStore
    from site_builder.content.records import model_from
    from site_builder.content.validate import check
    from site_builder.core.facets import facets_for
    from site_builder.core.project import ARTEFACTS_CACHE
    from site_builder.search.entries import documents

    site = pages(root)
    stamp = fingerprint(root, site.docs_dir)  # before reading: a change meanwhile shows
    if site.problem:
        say(f"{site.problem}: the context pages are left out of the index")
    result = check(root)
    broken = sorted({p.location.path for p in result.problems})
    if broken:
        say(
            f"{len(broken)} content file(s) with errors left out of the index "
            f"(see `handbook validate`): {', '.join(broken[:3])}{' …' if len(broken) > 3 else ''}"
        )
    handbook = model_from(result, skip_invalid=True)
    # the build's artefacts, beside this index (in the project's cache where it can write)
    store = ArtefactStore(folder.parent / ARTEFACTS_CACHE.name)
    docs = documents(handbook, site.context_documents(handbook), site.urls, store)
    write(folder, build.index_files(docs, facets_for(handbook.vocabularies)), docs, stamp)
    return Stored(shards.Shards(_reader(folder / "index")), folder)
