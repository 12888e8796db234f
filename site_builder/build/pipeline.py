"""The handbook's build without MkDocs: from the settings and the content to the generated
pages, the data files, the search index, the PDF and the ZIP, in a folder put in place.

A :class:`Pipeline` lives as long as the process: under `mkdocs serve` it keeps, from one
rebuild to the next, what a rebuild reuses (the store of artefacts, the checker that
re-reads only the files that changed, git's log, the last build's pages, the worker).
Each build is a :class:`Build`, begun from the settings:

    build = pipeline.begin(settings)      the content checked and modelled; staged
    build.put_aside(site)                 (serve) the last output set aside
    plans = build.plan(intros, written)   every generated page, planned
    pages = build.render(plans, ...)      those that changed rendered, the others kept
    build.data_files(taken)               exports, schemas, redirects, catalogue, feeds
    build.context[src] = document         (as each page of docs/ is rendered)
    build.carry_kept(site)                the kept pages' output in place; search begun
    build.finish(site)                    search, PDF, ZIP; the site put in place
    pipeline.failed(build, error)         or: the staging thrown away

The adapter (site_builder/adapter/) makes these calls from MkDocs' events.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.artefacts import parallel, store
from site_builder.artefacts.store import ArtefactStore
from site_builder.artefacts.worker import Worker
from site_builder.build import kept, site_swap, staging
from site_builder.build.data_files import data_files
from site_builder.build.kept import Manifest
from site_builder.build.settings import Settings, build_date
from site_builder.content import history
from site_builder.content.edition import Edition
from site_builder.content.records import model_from
from site_builder.content.validate import Checker
from site_builder.core.model import ContentError, Handbook, Problem
from site_builder.core.project import SEARCH_FILES_CACHE
from site_builder.core.urls import practice_src
from site_builder.outputs import downloads, offline_zip
from site_builder.outputs.pdf import handbook_pdf
from site_builder.render import print_selection
from site_builder.render.pages.framework import GeneratedPage, Planned
from site_builder.render.pages.planned import planned_pages
from site_builder.render.problems_page import (
    BANNER_SCRIPT,
    banner_script,
    invalid_file_pages,
    problems_page,
)
from site_builder.search import site_files as search_site
from site_builder.search import stored as search_stored
from site_builder.search.background import BackgroundIndex, Inputs
from site_builder.search.documents import SearchDocument

log = logging.getLogger("mkdocs.plugins.handbook")
SEARCH_META = f"{search_site.DATA}/meta.js"  # the index is in place when this is
SEARCH_CACHE = SEARCH_FILES_CACHE  # under the project root


class Pipeline:
    """What lasts from one build to the next in a process. `command` is MkDocs': under
    "build" the site is staged and put in place; under "serve" problems in the content
    are shown on the pages rather than stopping the build."""

    def __init__(self, command: str = "build") -> None:
        self.command = command
        self.worker = Worker()  # the second process: sections, the search index
        self.search = BackgroundIndex(self.worker)
        self.artefacts: ArtefactStore | None = None  # kept across `mkdocs serve` rebuilds
        self.checker: Checker | None = None  # re-reads only the files that changed
        self.history = history.Reader()  # git's log, asked again only when HEAD moves
        self.manifest: Manifest | None = None  # the previous build's pages
        self.dates: dict[Path, int] = {}  # each project's build date: git runs once
        self.building = False  # not under `mkdocs build`: self.search.lock is held

    def date(self, root: Path) -> int:
        """The build date of the project at `root` (settings.build_date), asked once."""
        if root not in self.dates:
            self.dates[root] = build_date(root, os.environ)
        return self.dates[root]

    def begin(self, settings: Settings) -> Build:
        """A build: the content checked (the problems shown under `mkdocs serve`, raised
        as ContentError otherwise, as is a tree without vocabularies) and modelled, and,
        under `mkdocs build`, its staging folder made (or staging.Unwritable raised)."""
        if self.command != "build" and not self.building:  # no index lands mid-build
            self.search.lock.acquire()
            self.building = True
        root = settings.root
        folder = root / store.FOLDER
        if self.artefacts is None or self.artefacts.folder != folder:
            self.artefacts = ArtefactStore(folder)
        edition = settings.edition(self.history.read(root))
        if self.checker is None or self.checker.root != root:
            self.checker = Checker(root)
        # what `handbook search` checks its copy against, taken before the content is read
        command_line = (
            search_stored.folder_for(root),
            search_stored.fingerprint(root, settings.docs_dir),
        )
        self.worker.start()  # its start-up beside the check
        timings = Timings()
        with timings.step("check"):
            result = self.checker.check()
        if self.command == "build":  # one check: its documents need not outlive the model
            self.checker = None
        if result.problems and self.command != "serve":
            raise ContentError(result.problems)
        for problem in result.problems:  # info, not error: strict mode would stop the preview
            log.info("content problem: %s: %s", problem.location, problem.text)
        with timings.step("model"):
            handbook = model_from(result, skip_invalid=True)
        build = Build(
            self,
            settings,
            handbook,
            problems=result.problems,
            edition=edition,
            command_line=command_line,
            timings=timings,
        )
        if self.command == "build":
            build.stage()
        return build

    def failed(self, build: Build | None, error: BaseException | None) -> str | None:
        """After a failed build: its half-built staging folder thrown away (the published
        site stays as it was), and under `mkdocs serve` the next build renders every page.
        What to tell of a folder that could not be written (full, read-only), if that
        was the failure."""
        staged = build.staged if build is not None else None
        if build is not None and build.search_made is not None:  # it writes into staging
            with suppress(Exception):
                build.search_made.result()
        if staged is not None:
            staged.discard()
        self.manifest = None
        self.built()
        if build is not None:
            build.release()
        if staged is not None and isinstance(error, OSError) and error.errno in staging.UNWRITABLE:
            return staging.unwritable(error, staged.final)
        return None

    def built(self) -> None:
        """A build has ended: a finished background index may land."""
        if self.building:
            self.building = False
            self.search.lock.release()

    def close(self) -> None:
        self.worker.close()


class Build:
    """One build, from its content to its site; the steps (see the module's docstring)
    are called in order, each once."""

    def __init__(
        self,
        pipeline: Pipeline,
        settings: Settings,
        handbook: Handbook,
        *,
        problems: Sequence[Problem] = (),
        edition: Edition | None = None,
        command_line: tuple[Path, str] | None = None,
        timings: Timings | None = None,
    ) -> None:
        self.pipeline = pipeline
        self.settings = settings
        self.handbook = handbook
        self.problems = list(problems)  # under `mkdocs serve`: shown on every page
        self.edition = edition if edition is not None else settings.edition(history.History())
        self.urls = settings.urls
        self.artefacts = ArtefactStore() if pipeline.artefacts is None else pipeline.artefacts
        self.command_line = command_line  # `handbook search`'s folder, its stamp
        self.timings = timings or Timings()
        self.staged: staging.Staged | None = None  # `mkdocs build`: site/ comes at the end
        self.previous: Path | None = None  # the previous build's output, whose pages to keep
        self.pages = Pages()  # what render() made and kept
        self.context: dict[str, SearchDocument] = {}  # a docs/ page's search entry, by src
        self.search_made: Future | None = None  # the worker's index, waited for

    # -- the steps, in order ---------------------------------------------------------
    def stage(self) -> None:
        """`mkdocs build` writes into a staging folder beside site/; it keeps the pages
        of site/ that the manifest of its build says are still as written."""
        self.staged = staging.stage(self.settings.root, self.settings.site_dir)
        self.previous = self.settings.site_dir
        self.pipeline.manifest = Manifest.read(self.settings.root / kept.FILE)

    def put_aside(self, site: Path) -> None:
        """Under `mkdocs serve`, the last build's output in `site` goes aside, whence
        carry_kept brings back what is kept."""
        if self.pipeline.command != "build" and self.pipeline.manifest is not None:
            self.previous = staging.put_aside(site)

    def plan(self, intros: Mapping[str, str], written: frozenset[str]) -> list[Planned]:
        """Every generated page, planned: `intros` the hand-written introductions of
        generated pages (build/introductions.py), `written` the paths of docs/ pages."""
        settings = self.settings
        with self.timings.step("plan"):
            return planned_pages(
                self.handbook,
                dict(intros),
                downloads.offered(pdf=settings.pdf, offline_zip=settings.offline_zip),
                self.urls,
                written,
                self.artefacts,
                repository=settings.repository,
                edition=self.edition,
                whole_pdf=handbook_pdf.NAME if settings.pdf else None,
            )

    def render(
        self,
        plans: Sequence[Planned],
        outputs: Mapping[str, str],
        intros: Mapping[str, str],
        site_key: str,
    ) -> Pages:
        """The generated pages whose output would differ from the previous build's,
        rendered; the others kept. `outputs` gives each plan's output path, `site_key`
        the digest of what is put around every page (build/kept.py)."""
        keys = {outputs[p.src_uri]: p.key for p in plans if p.src_uri not in intros}
        fragments = print_selection.keys(self.handbook, self.artefacts)
        keys.update(fragments)
        keep: set[str] = set()
        manifest = self.pipeline.manifest
        if manifest is not None and self.previous is not None:
            keep = manifest.keepable(site_key, keys, self.previous)
        kept_pages = {src: dest for src, dest in outputs.items() if dest in keep}
        rendered: dict[str, GeneratedPage] = {}
        with self.timings.step("render"):
            self._render_sections_beside(plans, kept_pages)
            for plan in plans:
                if plan.src_uri not in kept_pages:
                    rendered[plan.src_uri] = plan.page()
        added = []
        if self.problems:
            added = [
                problems_page(self.problems),
                *(p for p in invalid_file_pages(self.problems) if p.src_uri not in outputs),
            ]
            rendered.update((page.src_uri, page) for page in added)
        self.pages = Pages(
            site_key,
            keys,
            dict(intros),
            rendered,
            tuple(added),
            kept_pages,
            frozenset(path for path in fragments if path in keep),
        )
        log.info(
            "generated pages: %d rendered, %d kept from the previous build; "
            "print fragments: %d kept",
            len(rendered),
            len(kept_pages),
            len(self.pages.kept_fragments),
        )
        return self.pages

    def data_files(self, taken: frozenset[str]) -> dict[str, str]:
        """The data files, by their path; `taken` are the site's other files' paths."""
        files = data_files(
            self.handbook,
            self.settings,
            self.edition,
            self.artefacts,
            taken=taken,
            kept_fragments=self.pages.kept_fragments,
        )
        if self.pipeline.command != "build":  # the preview's banner, made anew each time
            files[BANNER_SCRIPT] = banner_script(self.problems)
        return files

    def carry_kept(self, site: Path) -> None:
        """The kept pages' output into `site`, before the rest is written; the search
        index begun."""
        if self.previous is not None:
            serving = self.pipeline.command != "build"
            carried = [*self.pages.kept.values(), *sorted(self.pages.kept_fragments)]
            if serving:  # the last search index, until its successor is made
                with suppress(OSError):
                    carried += [
                        f"{search_site.DATA}/{name}"
                        for name in os.listdir(self.previous / search_site.DATA)
                    ]
            kept.carry(carried, self.previous, site, move=serving)
            if serving:
                shutil.rmtree(self.previous, ignore_errors=True)
        self._start_search(site)

    def finish(self, site: Path) -> Path | None:
        """The search index waited for; under `mkdocs build`, the PDF and the ZIP made
        (handbook_pdf.Unavailable raised without Typst) and the site put in place: its
        folder is returned."""
        search_site.write_pointer(site)
        if self.search_made is not None:
            with self.timings.step("waiting for the search index"):
                self.search_made.result()  # its error is the build's
        log.info("handbook steps: %s", self.timings.report())
        if self.staged is None:  # serving: the pages are ready
            try:
                self.pipeline.manifest = kept.record(self.pages.site_key, self.pages.keys, site)
            finally:
                self.pipeline.built()
            return None
        settings = self.settings
        if settings.pdf:
            handbook_pdf.write(
                self.handbook,
                settings.site_name,
                site,
                self.artefacts,
                cache=settings.root / handbook_pdf.FOLDER,
                timestamp=settings.built,
            )
        if settings.offline_zip:
            offline_zip.write(site)
        final = self.staged.final
        site_swap.put_in_place(site, final)
        kept.record(self.pages.site_key, self.pages.keys, final).write(settings.root / kept.FILE)
        self.release()
        return final

    def release(self) -> None:
        """Another build of the handbook may write (`mkdocs build`)."""
        if self.staged is not None:
            self.staged.lock.release()

    # -- the search index, made beside the pages ---------------------------------------
    def search_inputs(self) -> Inputs:
        """What the index is made from: the records, and the docs/ pages seen so far."""
        return Inputs(
            self.handbook,
            [self.context[src] for src in sorted(self.context)],
            self.urls,
            self.artefacts.folder,
            self.settings.root / SEARCH_CACHE,
            self.command_line,
        )

    def _start_search(self, site: Path) -> None:
        """The search index, made by the worker while MkDocs writes the pages: waited for
        in finish(); under `mkdocs serve`, once there is an index to show meanwhile, put
        in place when it is done (search/background.py)."""
        inputs = self.search_inputs()
        search = self.pipeline.search
        if self.pipeline.command != "build" and (site / SEARCH_META).is_file():
            search.start(site, inputs)
        else:
            self.search_made = search.make(site, inputs)

    def _render_sections_beside(self, plans: Sequence[Planned], kept: Mapping[str, str]) -> None:
        """The sections of the practice pages to render, half of them in the worker."""
        rendering = {p.src_uri for p in plans if p.src_uri not in kept}
        practices = [p for p in self.handbook.practices if practice_src(p.id) in rendering]
        parallel.render_sections(self.artefacts, practices, self.pipeline.worker)
        if self.pipeline.command == "build" or len(practices) >= parallel.PARALLEL_FROM:
            self.pipeline.search.prepare(self.search_inputs())


@dataclass(frozen=True)
class Pages:
    """A build's generated pages, as Build.render made and kept them."""

    site_key: str = ""  # what is put around every page (build/kept.py)
    keys: Mapping[str, str] = field(default_factory=dict)  # output path -> its key
    intros: Mapping[str, str] = field(default_factory=dict)  # src -> docs/ introduction
    rendered: Mapping[str, GeneratedPage] = field(default_factory=dict)  # by src
    added: tuple[GeneratedPage, ...] = ()  # the problems' pages, beside the plans
    kept: Mapping[str, str] = field(default_factory=dict)  # src -> output path
    kept_fragments: frozenset[str] = frozenset()  # output paths of print fragments


@dataclass
class Timings:
    """Seconds per step of the build's own, for the build's log."""

    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started

    def report(self) -> str:
        return ", ".join(f"{name} {seconds:.2f} s" for name, seconds in self.seconds.items())
