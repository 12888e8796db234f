"""handbook.pdf: the whole handbook as one printable, tagged document, made by the build.

The model -> Typst sources (handbook_typst: the cover and contents, the
recommendations, the practices in units of at most CHUNK, the indexes) -> Typst, the
units compiled apart, two at a time -> one PDF (pdf_merge, with qpdf). Typst was
chosen by measurement over WeasyPrint and Chromium (benchmarks/pdf_engines.py,
BENCHMARKS.md): the fastest and the leanest of the three; its PDF is tagged
(headings, lists, tables, links, reading order) and checked against PDF/UA-1 as it is
made. WeasyPrint's merged chapters lose their tags, Chromium numbers no contents.

In three rounds: the body's units (their page numbers come later, so each compiles
without the others), each copied into the merge as soon as it and those before it are
made; then, with the body's pages known, the indexes and the page numbers, then the
front matter, whose contents list the indexes too; then the end of the merge. Each
unit's PDF is kept in ``.handbook-cache/pdf/`` under the hash of its source, the
compiler's version and the date: a rebuild with one practice changed compiles that
practice's unit again (and the contents and indexes if their page numbers moved), and
reads the rest. The cache keeps the last build's units.

Editors' Markdown reaches Typst only as the sanitised HTML of the site, turned into
Typst strings (typst_markup): it cannot run Typst code or read a file. Typst reads
only its bundled fonts, so the same content gives the same bytes on every machine
(the date is the build's content date: build/settings.py).

Switched off with ``extra: handbook: pdf: false`` in mkdocs.yml (read by the
build, which calls :func:`write`).
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, suppress
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from site_builder.artefacts.store import ArtefactStore
from site_builder.core import atomic
from site_builder.core.model import Handbook
from site_builder.core.project import PDF_CACHE
from site_builder.outputs.pdf import typst_sources
from site_builder.outputs.pdf.typst_compile import compile_pdf
from site_builder.outputs.pdf.typst_sources import PageMap, Unit

if TYPE_CHECKING:  # imported by make(): it needs pikepdf
    from site_builder.outputs.pdf import merge

NAME = "handbook.pdf"
FORMAT = "handbook-pdf/1"
FOLDER = PDF_CACHE  # under the project root
# Typst source to compile before two processes pay for their start (a Python start and
# typst's import, each part): a handbook of a hundred practices compiles in this one
PARALLEL_FROM = 600_000
log = logging.getLogger("mkdocs.plugins.handbook.pdf")


class Unavailable(Exception):
    """Typst or qpdf (pikepdf) is missing, or failed: the build cannot make the PDF."""


class Compiler:
    """Compiles units, two processes at a time, each PDF kept under its source's hash."""

    def __init__(self, timestamp: int, cache: Path | None, workers: int = 2) -> None:
        self.timestamp = timestamp
        self.cache = cache
        self.workers = workers
        self.compiled = 0  # units compiled by this object, not read from the cache
        self.used: set[str] = set()
        self._version = metadata.version("typst")

    def __call__(self, sources: Sequence[str], tagged: Sequence[bool] | None = None) -> list[bytes]:
        """Each source's PDF, tagged unless `tagged` says otherwise for it."""
        return list(self.each(sources, tagged))

    def each(self, sources: Sequence[str], tagged: Sequence[bool] | None = None) -> Iterator[bytes]:
        """Each source's PDF in order, as soon as it and those before it are made: the
        caller works on the first while the workers compile the next."""
        flags = [True] * len(sources) if tagged is None else list(tagged)
        keys = [self._key(source, flag) for source, flag in zip(sources, flags, strict=True)]
        self.used.update(keys)
        found = {i: data for i, key in enumerate(keys) if (data := self._read(key)) is not None}
        missing = [i for i in range(len(sources)) if i not in found]
        self.compiled += len(missing)
        with ExitStack() as stack:
            if sum(len(sources[i]) for i in missing) >= PARALLEL_FROM and self.workers > 1:
                # one compilation per process: Typst's memory goes with it
                pool = stack.enter_context(
                    ProcessPoolExecutor(
                        self.workers,
                        mp_context=multiprocessing.get_context("spawn"),
                        max_tasks_per_child=1,
                    )
                )
                made: Iterator[bytes] = pool.map(
                    compile_pdf,
                    [sources[i] for i in missing],
                    [self.timestamp] * len(missing),
                    [flags[i] for i in missing],
                )
            else:
                made = (compile_pdf(sources[i], self.timestamp, flags[i]) for i in missing)
            for i in range(len(sources)):
                if i not in found:
                    data = next(made)
                    self._write(keys[i], data)
                    yield data
                else:
                    yield found.pop(i)

    def _key(self, source: str, tagged: bool) -> str:
        text = "\0".join([FORMAT, self._version, str(self.timestamp), str(tagged), source])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def _read(self, key: str) -> bytes | None:
        if self.cache is None:
            return None
        try:
            data = (self.cache / f"{key}.pdf").read_bytes()
        except OSError:
            return None
        return data if data.startswith(b"%PDF-") and b"%%EOF" in data[-64:] else None

    def _write(self, key: str, data: bytes) -> None:
        if self.cache is not None:
            with suppress(OSError):  # a read-only or full disk: no copy kept
                atomic.write_bytes(self.cache / f"{key}.pdf", data)

    def prune(self) -> None:
        """Forget the units this build did not use."""
        if self.cache is None or not self.cache.is_dir():
            return
        for path in self.cache.glob("*.pdf"):
            if path.stem not in self.used:
                with suppress(OSError):
                    path.unlink()


def make(
    handbook: Handbook,
    site_name: str,
    artefacts: ArtefactStore | None = None,
    *,
    timestamp: int | None = None,
    compiler: Compiler | None = None,
) -> bytes:
    """The whole handbook as PDF bytes."""
    try:
        import typst  # noqa: F401  (the worker processes import it)

        from site_builder.outputs.pdf import merge
    except ImportError as exc:
        raise Unavailable(
            f"handbook.pdf needs typst and pikepdf ({exc}): install the package with its "
            "pdf extra (python3 dev.py build does), or set extra: handbook: pdf: false "
            "in mkdocs.yml"
        ) from None
    store = ArtefactStore() if artefacts is None else artefacts
    stamp = _timestamp() if timestamp is None else timestamp
    compile_ = compiler or Compiler(stamp, None)
    date = datetime.fromtimestamp(stamp, UTC)
    day = (date.year, date.month, date.day)

    step = _Steps()
    body: list[Unit] = [typst_sources.recommendations(handbook, site_name, day)]
    body += typst_sources.chapters(handbook, site_name, day, store)
    step("sources")
    merger = merge.Merger()
    try:
        # the parts go into the merge one by one while the next are compiled
        for unit, data in zip(body, compile_.each([u.source for u in body]), strict=True):
            merger.add(merge.Part(unit.name, data, unit.headings))
        step(f"{len(body)} parts")
        numbered = merger.pages
        indexes = typst_sources.indexes(
            handbook, site_name, day, _page_numbers(merger), numbered + 1
        )
        index_pdf, numbers = compile_(
            [indexes.source, typst_sources.page_numbers(1, numbered)], tagged=[True, False]
        )
        merger.add(merge.Part(indexes.name, index_pdf, indexes.headings))
        # the contents list the indexes too: they start on the page after the body
        front = typst_sources.front(
            handbook, site_name, day, merger.headings, _page_numbers(merger)
        )
        (front_pdf,) = compile_([front.source])
        step("indexes, page numbers and contents")
        merged = merger.finish(front_pdf, numbers)
    finally:
        merger.close()
    step("merge")
    log.info("%s steps: %s", NAME, step.report())
    return merged


def _page_numbers(merger: merge.Merger) -> PageMap:
    """The number printed on the page where each heading merged so far starts."""
    return PageMap({anchor: place.page + 1 for anchor, place in merger.where.items()})


class _Steps:
    """The time of each step since the one before, for the build's log."""

    def __init__(self) -> None:
        self.last = time.perf_counter()
        self.seconds: dict[str, float] = {}

    def __call__(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] = now - self.last
        self.last = now

    def report(self) -> str:
        return ", ".join(f"{name} {s:.1f} s" for name, s in self.seconds.items())


def pdf_merge_errors() -> tuple[type[Exception], ...]:
    """What Typst and the merge raise when they fail (imported only once they run)."""
    import pikepdf
    import typst

    from site_builder.outputs.pdf.merge import MergeError

    return (typst.TypstError, pikepdf.PdfError, MergeError)


def _timestamp() -> int:
    """A caller's SOURCE_DATE_EPOCH, or now: the date of a PDF made without the build's."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(value) if value.isdigit() else int(time.time())


def write(
    handbook: Handbook,
    site_name: str,
    site_dir: Path,
    artefacts: ArtefactStore | None = None,
    cache: Path | None = None,
    timestamp: int | None = None,
) -> None:
    """handbook.pdf at the root of the site being built (the staging folder), dated
    `timestamp` (seconds since 1970: the build's content date); its units kept in
    `cache` for the next build."""
    started = time.perf_counter()
    compiler = Compiler(_timestamp() if timestamp is None else timestamp, cache)
    try:
        data = make(handbook, site_name, artefacts, timestamp=compiler.timestamp, compiler=compiler)
    except Unavailable:
        raise
    except Exception as exc:
        if not isinstance(exc, (RuntimeError, ValueError, OSError, *pdf_merge_errors())):
            raise
        raise Unavailable(
            f"handbook.pdf could not be made ({type(exc).__name__}: {exc}); the site "
            "already published is unchanged. To build without the PDF, set "
            "extra: handbook: pdf: false in mkdocs.yml"
        ) from exc
    compiler.prune()
    (site_dir / NAME).write_bytes(data)
    log.info(
        "%s: %.1f MB in %.1f s (%d of its parts compiled)",
        NAME,
        len(data) / 1e6,
        time.perf_counter() - started,
        compiler.compiled,
    )
