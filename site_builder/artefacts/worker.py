"""The pipeline's second process, for what can be made beside the main one.

A build has two cores and MkDocs uses one. The worker takes what needs no MkDocs: half
of the sections to render in a cold build, and the search index, which it makes while
MkDocs writes the pages (under `mkdocs serve`, after them: search/background.py).

One process, started with "spawn" (the server's threads are not forked into it), made
again if it died, and gone when the process that started it is gone, however it ended.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool


def _exit_with_parent(parent: int) -> None:
    """In the worker: leave when the parent is gone (killed, it cannot say so; an idle
    worker would wait for work forever, holding the parent's output open)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def _ready() -> int:
    return os.getpid()


class Worker:
    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        """Start the process now, so that its imports overlap the main one's work."""
        self.submit(_ready)

    def submit(self, function: Callable, *args) -> Future:
        try:
            return self._process().submit(function, *args)
        except BrokenProcessPool:  # the worker died (killed, out of memory): a new one
            self._pool = None
            return self._process().submit(function, *args)

    def _process(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_exit_with_parent,
                initargs=(os.getpid(),),
            )
        return self._pool

    def close(self) -> None:
        """Cancel what has not started and wait for the pool's own thread to end: left
        running, it closes its wake-up pipe while the interpreter's exit hook writes to
        it (CPython 3.11's concurrent.futures), a traceback in the build's log, now and
        then, after a failed build."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
