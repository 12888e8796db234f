"""The search index under `mkdocs serve`: made in another process, after the pages.

At 5,000 practices the index takes longer to make than all the rest of a rebuild.
A save must show in the preview at once, so the serve's build writes the pages and
only the pointer material's script fetches; the last index stays in place (the
adapter carries it over like a kept page), and a process of its own makes the new one.
When it is done, and no newer build has started meanwhile, its files replace the old.
A rebuild that starts first makes its own; the older result is thrown away.

`mkdocs build` makes the index in its own process, before the site is moved into place.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ..facets import facets_for
from ..vocab import Vocabularies
from . import site
from .documents import SearchDocument

log = logging.getLogger("mkdocs.plugins.handbook.search")


def _make(
    folder: Path, docs: list[SearchDocument], vocabularies: Vocabularies, cache: Path | None
) -> None:
    """In the worker process: the index's data files into `folder` (a new one)."""
    site.write_data(folder, docs, facets_for(vocabularies), cache)


def _exit_with_parent(parent: int) -> None:
    """In the worker: leave when the server is gone, however it ended (killed, it cannot
    say so; an idle worker would wait for work forever)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


class BackgroundIndex:
    """One worker process, one index at a time; `lock` is held while a build runs."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.generation = 0
        self._pool: ProcessPoolExecutor | None = None

    def start(
        self,
        site_dir: Path,
        docs: list[SearchDocument],
        vocabularies: Vocabularies,
        cache: Path | None,
    ) -> Future:
        """Make the index of this build; called while `lock` is held."""
        self.generation += 1
        generation = self.generation
        folder = site_dir / f".handbook-search-{generation}"
        shutil.rmtree(folder, ignore_errors=True)
        try:
            future = self._worker().submit(_make, folder, docs, vocabularies, cache)
        except BrokenProcessPool:  # the worker died (killed, out of memory): a new one
            self._pool = None
            future = self._worker().submit(_make, folder, docs, vocabularies, cache)
        future.add_done_callback(lambda done: self._finish(done, generation, folder, site_dir))
        return future

    def _worker(self) -> ProcessPoolExecutor:
        if self._pool is None:  # spawn: the server's threads are not forked with it
            self._pool = ProcessPoolExecutor(
                1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_exit_with_parent,
                initargs=(os.getpid(),),
            )
        return self._pool

    def _finish(self, done: Future, generation: int, folder: Path, site_dir: Path) -> None:
        with self.lock:
            try:
                if done.cancelled():
                    return
                if done.exception() is not None:
                    log.error("the search index could not be made: %s", done.exception())
                elif generation == self.generation:
                    target = site_dir / "search"
                    target.mkdir(parents=True, exist_ok=True)
                    for made in (folder / "search").iterdir():
                        made.replace(target / made.name)
                    log.info("search index updated")
            finally:
                shutil.rmtree(folder, ignore_errors=True)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
