"""The search index under `mkdocs serve`: made in another process, after the pages.

At 5,000 practices the index takes longer to make than all the rest of a rebuild.
A save must show in the preview at once, so the serve's build writes the pages and
only the pointer material's script fetches; the last index stays in place (the
adapter carries it over like a kept page), and a process of its own makes the new one.
When it is done, and no newer build has started meanwhile, its files replace the old.
A rebuild that starts first makes its own; the older result is thrown away.

`mkdocs build` (and the serve's first build) has the worker make it while MkDocs writes
the pages, and waits for it before the site is moved into place (`make`).
"""

from __future__ import annotations

import logging
import shutil
import threading
from concurrent.futures import Future
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from site_builder.artefacts.store import ArtefactStore
from site_builder.artefacts.worker import Worker
from site_builder.core.facets import facets_for
from site_builder.core.model import Handbook
from site_builder.core.urls import Urls
from site_builder.search import site_files, stored
from site_builder.search.documents import SearchDocument
from site_builder.search.entries import documents

log = logging.getLogger("mkdocs.plugins.handbook.search")


@dataclass(frozen=True)
class Inputs:
    """What the index is made from: the model, the hand-written pages' entries, the
    site's URL style; and where the artefacts and the made index are kept."""

    handbook: Handbook
    context: list[SearchDocument]
    urls: Urls
    artefacts: Path | None
    cache: Path | None
    command_line: tuple[Path, str] | None = None  # handbook search's folder, its stamp


_stores: dict[Path | None, ArtefactStore] = {}  # in the worker, kept from one index to the next


def _store(folder: Path | None) -> ArtefactStore:
    if folder not in _stores:
        _stores[folder] = ArtefactStore(folder)
    return _stores[folder]


def _prepare(inputs: Inputs) -> None:
    """In the worker, ahead: the practices' search entries, into its store's memory."""
    documents(inputs.handbook, [], inputs.urls, _store(inputs.artefacts))


def _make(folder: Path, inputs: Inputs) -> None:
    """In the worker process: the search entries (artefacts), then the index's data files
    into `folder`, and the same into `handbook search`'s cache with the texts it shows."""
    docs = documents(inputs.handbook, inputs.context, inputs.urls, _store(inputs.artefacts))
    made = site_files.write_data(
        folder, docs, facets_for(inputs.handbook.vocabularies), inputs.cache
    )
    if inputs.command_line is not None:  # `handbook search` finds the same files ready
        folder, stamp = inputs.command_line
        with suppress(OSError):
            stored.write(folder, made, docs, stamp)


class BackgroundIndex:
    """The worker's index, one at a time; `lock` is held while a build runs."""

    def __init__(self, worker: Worker) -> None:
        self.lock = threading.Lock()
        self.generation = 0
        self.worker = worker

    def prepare(self, inputs: Inputs) -> None:
        """The practices' entries made ahead, while the main process renders pages (the
        hand-written pages' entries are only known once MkDocs has read them)."""
        self.worker.submit(_prepare, inputs)

    def make(self, site_dir: Path, inputs: Inputs) -> Future:
        """The index of this build into site_dir/search/; the caller waits for it."""
        self.generation += 1
        return self.worker.submit(_make, site_dir, inputs)

    def start(self, site_dir: Path, inputs: Inputs) -> Future:
        """Make the index of this build; called while `lock` is held."""
        self.generation += 1
        generation = self.generation
        folder = site_dir / f".handbook-search-{generation}"
        shutil.rmtree(folder, ignore_errors=True)
        future = self.worker.submit(_make, folder, inputs)
        future.add_done_callback(lambda done: self._finish(done, generation, folder, site_dir))
        return future

    def _finish(self, done: Future, generation: int, folder: Path, site_dir: Path) -> None:
        with self.lock:
            try:
                if done.cancelled():
                    return
                if done.exception() is not None:
                    log.error("the search index could not be made: %s", done.exception())
                elif generation == self.generation:
                    target = site_dir / site_files.DATA
                    target.mkdir(parents=True, exist_ok=True)
                    made = {path.name: path for path in (folder / site_files.DATA).iterdir()}
                    for name, path in made.items():
                        path.replace(target / name)
                    for old in target.iterdir():
                        if old.name not in made:
                            old.unlink(missing_ok=True)
                    log.info("search index updated")
            finally:
                shutil.rmtree(folder, ignore_errors=True)
