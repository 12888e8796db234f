"""The handbook's pipeline as MkDocs sees it: one object, driven by the hooks.

on_config  loads and validates the content tree (files -> validated model), and puts
           the handbook's templates (site_builder/adapter/theme/: the search dialog) ahead of
           the theme's own, after a site's custom_dir;
on_files   adds the generated pages, assets (site_builder/render/assets/, the search's
           scripts included), open-data files and print fragments; renders only the
           generated pages and fragments whose key changed since the previous build
           (site_builder/build/kept.py), and keeps the others' output;
on_pre_page      has MkDocs read and render nothing of a kept page;
on_page_content  swaps in each generated page's HTML, and keeps what each page shows
                 of docs/ (its title and HTML) for the search;
on_env           puts the kept pages' output in place (MkDocs writes nothing for them);
on_post_build    writes the search index, the PDF and the ZIP, and moves the finished
                 site into place, so a failed build never touches the previous one.
During `mkdocs serve`, invalid files do not stop the server: their problems
are shown on a page and in a banner on every page instead.

`handbook search` indexes the same pages without a build: :class:`SiteSource` loads
mkdocs.yml and renders docs/ the way the build does.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import time
from concurrent.futures import Future
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from functools import cache
from html import escape
from importlib import metadata, util
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError, PluginError
from mkdocs.structure.files import File, Files, InclusionLevel, get_files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.theme import Theme

from site_builder.artefacts import store
from site_builder.artefacts.store import ArtefactStore, digest, folder_digest
from site_builder.artefacts.worker import Worker
from site_builder.build import kept, site_swap
from site_builder.build.kept import Manifest
from site_builder.content import history
from site_builder.content.edition import Edition
from site_builder.content.markdown_safe import clean_page, render_document
from site_builder.content.records import model_from
from site_builder.content.validate import Checker
from site_builder.core.facets import facets_for
from site_builder.core.model import ContentError, Handbook, Problem
from site_builder.core.schema import schema_files
from site_builder.core.urls import Urls, practice_src
from site_builder.outputs import (
    catalogue,
    csvw,
    downloads,
    export_selection,
    exports,
    feeds,
    offline_zip,
    practice_list,
)
from site_builder.outputs.pdf import handbook_pdf
from site_builder.outputs.redirects import files as redirect_files
from site_builder.render import print_selection
from site_builder.render.pages import GeneratedPage, Planned, browse_pages, planned_pages
from site_builder.render.pages import Site as PageSite
from site_builder.render.problems_page import banner, invalid_file_pages, problems_page
from site_builder.search import site as search_site
from site_builder.search import stored as search_stored
from site_builder.search.background import BackgroundIndex, Inputs
from site_builder.search.documents import SearchDocument, page_document

log = logging.getLogger("mkdocs.plugins.handbook")
ASSETS = Path(__file__).parents[1] / "render" / "assets"  # served at assets/handbook/…
THEME = Path(__file__).parent / "theme"  # templates that override material's
STAGING = ".site-staging"
PREVIOUS = ".handbook-previous"  # under `mkdocs serve`: the last build's output, in site_dir
KEPT_TEMPLATE = "handbook-kept.html"  # renders nothing: MkDocs writes no file
SEARCH_META = f"{search_site.DATA}/meta.js"  # the index is in place when this is
SEARCH_CACHE = Path(".handbook-cache") / "search-index"  # under the project root
MATERIAL = Path(util.find_spec("material").origin or "").parent  # type: ignore[union-attr]


def content_date(root: Path) -> str:
    """When the content last changed, in seconds since 1970: the last commit's time, or
    (outside git) the newest content file's. MkDocs stamps the sitemap with it, where it
    would otherwise put today's date: two builds of the same tree give the same bytes."""
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=30,
        )
        if done.returncode == 0 and done.stdout.strip().isdigit():
            return done.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    files = [
        p
        for name in ("practices", "recommendations", "docs")
        for p in (root / name).rglob("*")
        if p.is_file()
    ]
    return str(int(max((p.stat().st_mtime for p in files), default=0)))


def _publisher(config: MkDocsConfig) -> catalogue.Publisher:
    """Who publishes the handbook (``extra: handbook: publisher``, else the site's name),
    and its repository (``extra: handbook: repository``, set by the publish workflow)."""
    settings: dict = dict(config.extra or {}).get("handbook") or {}
    return catalogue.Publisher(
        str(settings.get("publisher") or config.site_name), settings.get("repository") or None
    )


def _content_day() -> str:
    """The content date (SOURCE_DATE_EPOCH, set in on_config) as YYYY-MM-DD, in UTC."""
    seconds = int(os.environ.get("SOURCE_DATE_EPOCH") or 0)
    return datetime.fromtimestamp(seconds, UTC).date().isoformat()


def _alpha_3(code: str) -> str | None:
    """A country's ISO 3166-1 alpha-3 code, which the EU's country table uses."""
    import pycountry  # 50 ms, once per build

    country = pycountry.countries.get(alpha_2=code)
    return country.alpha_3 if country else None


UNWRITABLE = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EFBIG}


def unwritable(error: OSError, final: Path) -> str:
    """What a build that could not write its output tells."""
    written = [str(name) for name in (error.filename, error.filename2) if name]
    inside = [name for name in written if Path(name).is_relative_to(final.parent)]
    where = inside[0] if inside else final.parent / STAGING
    return (
        f"the site cannot be written to {where}: {error.strerror or error}. "
        f"Nothing was published: {final} is as it was. "
        "Free some space or make the folder writable, or build elsewhere with -d."
    )


def _edition(config: MkDocsConfig, found: history.History) -> Edition:
    """The site's name and language as mkdocs.yml gives them, the content's history, and
    the build's content date (SOURCE_DATE_EPOCH, set before)."""
    built = os.environ.get("SOURCE_DATE_EPOCH", "")
    language = config.theme.get("language") if config.theme else None
    return Edition(
        name=config.site_name,
        language=str(language or "en"),
        history=found,
        built=int(built) if built.isdigit() else 0,
    )


def _switched_on(config: MkDocsConfig, download: str) -> bool:
    """mkdocs.yml's ``extra: handbook: <download>: false`` leaves a download out."""
    settings: dict = dict(config.extra or {}).get("handbook") or {}
    return bool(settings.get(download, True))


class Pipeline:
    def __init__(self) -> None:
        self.command = "build"
        self.artefacts: ArtefactStore | None = None  # kept across `mkdocs serve` rebuilds
        self.manifest: Manifest | None = None  # the previous serve build's pages
        self.worker = Worker()  # the second process: sections, the search index
        self.search = BackgroundIndex(self.worker)
        self.checker: Checker | None = None  # re-reads only the files that changed
        self.command_line: tuple[Path, str] | None = None  # handbook search's folder, stamp
        self.compiled = _CompiledTemplates()  # the theme's, across `mkdocs serve` rebuilds
        self.building = False  # under `mkdocs serve`: self.search.lock is held
        self.lock: site_swap.BuildLock | None = None  # `mkdocs build`: one at a time
        self.history = history.Reader()  # git's log, asked again only when HEAD moves
        self.reset()
        logging.getLogger("mkdocs.commands.build").addFilter(self._quiet_about_kept)

    def reset(self) -> None:
        self.handbook: Handbook | None = None
        self.edition = Edition()
        self.problems: list[Problem] = []
        self.pages: dict[str, GeneratedPage] = {}
        self.urls = Urls()
        self.intros: dict[str, str] = {}
        self.context: dict[str, SearchDocument] = {}  # src_uri -> the page's search entry
        self.final_site_dir: Path | None = None
        self.root = Path()
        self.site_key = ""
        self.keys: dict[str, str] = {}  # a generated page's output path -> its page key
        self.kept: dict[str, str] = {}  # src_uri -> output path, of the pages kept
        self.kept_fragments: set[str] = set()  # output paths of the print fragments kept
        self.previous: Path | None = None  # where the previous build's output is
        self.timings: dict[str, float] = {}  # seconds per step of the pipeline's own
        self.search_made: Future | None = None  # the worker's index, waited for
        self.taken: frozenset[str] = frozenset()  # output paths of the pages and assets

    # -- events ---------------------------------------------------------------
    def on_startup(self, command: str) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.reset()
        if self.command != "build" and not self.building:  # no index lands mid-build
            self.search.lock.acquire()
            self.building = True
        root = Path(config.config_file_path).parent
        folder = root / store.FOLDER
        if self.artefacts is None or self.artefacts.folder != folder:
            self.artefacts = ArtefactStore(folder)
        if "SOURCE_DATE_EPOCH" not in os.environ:  # a caller's own date wins; git runs once
            os.environ["SOURCE_DATE_EPOCH"] = content_date(root)
        self.edition = _edition(config, self.history.read(root))
        if self.checker is None or self.checker.root != root:
            self.checker = Checker(root)
        # what `handbook search` checks its copy against, taken before the content is read
        self.command_line = (
            search_stored.folder_for(root),
            search_stored.fingerprint(root, Path(config.docs_dir)),
        )
        self.worker.start()  # its start-up beside the check
        try:
            with self._timed("check"):
                result = self.checker.check()
        except ContentError as error:  # no vocabularies: nothing can be checked or shown
            raise PluginError(str(error)) from None
        if self.command == "build":  # one check: its documents need not outlive the model
            self.checker = None
        self.urls = Urls(config.use_directory_urls, config.site_url or None)
        self.problems = result.problems
        if self.problems and self.command != "serve":
            raise PluginError(str(ContentError(self.problems)))
        for problem in self.problems:  # info, not error: strict mode would stop the preview
            log.info("content problem: %s: %s", problem.location, problem.text)
        with self._timed("model"):
            self.handbook = model_from(result, skip_invalid=True)
        config.extra_css = ["assets/handbook/handbook.css", *config.extra_css]
        self._add_templates(config)
        self.root = root
        if self.command == "build":
            self._stage(config, root)
        return config

    def _stage(self, config: MkDocsConfig, root: Path) -> None:
        """`mkdocs build` writes into a staging folder beside site/, one build at a time;
        what a killed build left there is removed, and a folder that cannot be written
        is told before anything is built."""
        self.lock = site_swap.BuildLock(root)
        with suppress(OSError):  # a read-only project: nothing of it can be shared
            self.lock.acquire()
        self.final_site_dir = final = Path(config.site_dir)
        staging = final.parent / STAGING
        try:
            site_swap.recover(final)
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir(parents=True)
        except OSError as error:
            self._release()
            raise PluginError(unwritable(error, final)) from None
        self.previous = final
        self.manifest = Manifest.read(root / kept.FILE)
        config.site_dir = str(staging)

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Under `mkdocs serve`, the last build's output goes aside (MkDocs empties
        site_dir but for its hidden entries); on_env brings back what is kept."""
        if self.command == "build" or self.manifest is None:
            return
        site = Path(config.site_dir)
        self.previous = aside = site / PREVIOUS
        shutil.rmtree(aside, ignore_errors=True)
        aside.mkdir(parents=True)
        for entry in os.listdir(site):
            if not entry.startswith("."):
                os.replace(site / entry, aside / entry)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.handbook is not None and self.artefacts is not None
        self.intros = intros = self._take_intros(files)
        written = frozenset(f.src_uri for f in files.documentation_pages())
        with self._timed("plan"):
            plans = planned_pages(
                self.handbook,
                intros,
                downloads.offered(
                    pdf=_switched_on(config, "pdf"), offline_zip=_switched_on(config, "offline_zip")
                ),
                self.urls,
                written,
                self.artefacts,
                repository=_publisher(config).repository,
                edition=self.edition,
                whole_pdf=handbook_pdf.NAME if _switched_on(config, "pdf") else None,
            )
            self.site_key = self._site_key(config, files, plans)
        with self._timed("files"):
            outputs = {plan.src_uri: _put(files, config, plan).dest_uri for plan in plans}
        self.keys = {outputs[p.src_uri]: p.key for p in plans if p.src_uri not in intros}
        fragments = print_selection.keys(self.handbook, self.artefacts)
        self.keys.update(fragments)
        keep = set()
        if self.manifest is not None and self.previous is not None:
            keep = self.manifest.keepable(self.site_key, self.keys, self.previous)
        self.kept = {src: dest for src, dest in outputs.items() if dest in keep}
        self.kept_fragments = {path for path in fragments if path in keep}
        with self._timed("render"):
            self._render_sections_beside(plans)
            for plan in plans:
                if plan.src_uri not in self.kept:
                    self.pages[plan.src_uri] = plan.page()
        if self.problems:
            extra = [
                problems_page(self.problems),
                *(p for p in invalid_file_pages(self.problems) if p.src_uri not in outputs),
            ]
            for page in extra:
                _put(files, config, page)
                self.pages[page.src_uri] = page
        log.info(
            "generated pages: %d rendered, %d kept from the previous build; "
            "print fragments: %d kept",
            len(self.pages),
            len(self.kept),
            len(self.kept_fragments),
        )
        for path in sorted(p for p in ASSETS.rglob("*") if p.is_file()):
            files.append(
                File.generated(
                    config,
                    f"assets/handbook/{path.relative_to(ASSETS).as_posix()}",
                    abs_src_path=str(path),
                )
            )
        self.taken = frozenset(f.dest_uri for f in files)  # what a redirect may not replace
        for name, content in self.data_files(config).items():
            files.append(File.generated(config, name, content=content))
        return files

    def on_pre_page(self, page: Page) -> Page:
        """A kept page: MkDocs reads and renders nothing, and its template writes nothing
        (Page's own steps, replaced on this one object; MkDocs has no event to skip them)."""
        if page.file.src_uri in self.kept:
            meta = {"template": KEPT_TEMPLATE, "search": {"exclude": True}}

            def read_source(config: MkDocsConfig) -> None:
                page.markdown, page.meta = "", dict(meta)

            def render(config: MkDocsConfig, files: Files) -> None:
                page.content = ""

            setattr(page, "read_source", read_source)  # noqa: B010 (mypy: method assignment)
            setattr(page, "render", render)  # noqa: B010
        return page

    def on_page_content(self, html: str, page: Page) -> str:
        if page.file.src_uri in self.kept:
            return html
        # material's plugin skips the page (its documented setting); the handbook's has it
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        generated = self.pages.get(page.file.src_uri)
        # theme/main.html's extrahead puts this in the <head>: a generated page's own,
        # never a value from the front matter of a page of docs/
        page.meta["handbook_head"] = generated.head if generated is not None else ""
        # a context page's Markdown is as untrusted as a practice's (attr_list is on)
        if generated is not None:
            html = generated.html
            page.toc = get_toc(
                [
                    {"level": 2, "id": anchor, "name": escape(text, quote=False), "children": []}
                    for anchor, text in generated.headings
                ]
            )
        else:
            html = clean_page(html)
        shown = _hand_written(generated, self.intros.get(page.file.src_uri), html)
        if shown is not None:
            self.context[page.file.src_uri] = _context_document(page, shown)
        if self.problems:
            html = banner(self.problems) + html
        return html

    def on_env(self, env: Environment, config: MkDocsConfig) -> Environment:
        """The kept pages' output into the site being built, before MkDocs writes the rest.
        The theme's templates are read once per build: Jinja would look at each file's
        time again for each of 5,000 pages."""
        env.auto_reload = False
        env.bytecode_cache = self.compiled  # each build's new environment compiles no more
        site = Path(config.site_dir)
        if self.previous is not None:
            serving = self.command != "build"
            carried = [*self.kept.values(), *sorted(self.kept_fragments)]
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
        return env

    def _start_search(self, site: Path) -> None:
        """The search index, made by the worker while MkDocs writes the pages: waited for
        in on_post_build; under `mkdocs serve`, once there is an index to show meanwhile,
        put in place when it is done (search/background.py)."""
        inputs = self._search_inputs()
        if self.command != "build" and (site / SEARCH_META).is_file():
            self.search.start(site, inputs)
        else:
            self.search_made = self.search.make(site, inputs)

    def on_post_build(self, config: MkDocsConfig) -> None:
        assert self.handbook is not None
        staging = Path(config.site_dir)
        search_site.write_pointer(staging)
        if self.search_made is not None:
            with self._timed("waiting for the search index"):
                self.search_made.result()  # its error is the build's
        log.info(
            "handbook steps: %s",
            ", ".join(f"{name} {seconds:.2f} s" for name, seconds in self.timings.items()),
        )
        if self.final_site_dir is None:  # serving: the pages are ready
            try:
                self.manifest = kept.record(self.site_key, self.keys, staging)
            finally:
                self._built()
            return
        if _switched_on(config, "pdf"):
            try:
                handbook_pdf.write(
                    self.handbook,
                    config.site_name,
                    staging,
                    self.artefacts,
                    cache=self.root / handbook_pdf.FOLDER,
                )
            except handbook_pdf.Unavailable as exc:
                raise PluginError(str(exc)) from None
        if _switched_on(config, "offline_zip"):
            offline_zip.write(staging)
        final = self.final_site_dir
        site_swap.put_in_place(staging, final)
        config.site_dir = str(final)
        kept.record(self.site_key, self.keys, final).write(self.root / kept.FILE)
        self._release()

    def on_build_error(self, error: BaseException | None = None) -> None:
        """Throw away the half-built staging folder; the published site stays as it was.
        Under `mkdocs serve`, the next build renders every page. A folder that could not
        be written (full, read-only) is told in words, without a traceback."""
        final = self.final_site_dir
        if self.search_made is not None:  # it writes into the staging folder: let it end
            with suppress(Exception):
                self.search_made.result()
        if final is not None:
            shutil.rmtree(final.parent / STAGING, ignore_errors=True)
        self.manifest = None
        self._built()
        self._release()
        if final is not None and isinstance(error, OSError) and error.errno in UNWRITABLE:
            raise PluginError(unwritable(error, final)) from None

    def _release(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def on_shutdown(self) -> None:
        self.worker.close()

    def _built(self) -> None:
        if self.building:
            self.building = False
            self.search.lock.release()

    def _search_inputs(self) -> Inputs:
        assert self.handbook is not None and self.artefacts is not None
        return Inputs(
            self.handbook,
            [self.context[src] for src in sorted(self.context)],
            self.urls,
            self.artefacts.folder,
            self.root / SEARCH_CACHE,
            self.command_line,
        )

    def _render_sections_beside(self, plans: list[Planned]) -> None:
        """The sections of the practice pages to render, half of them in the worker."""
        assert self.handbook is not None and self.artefacts is not None
        rendering = {p.src_uri for p in plans if p.src_uri not in self.kept}
        practices = [p for p in self.handbook.practices if practice_src(p.id) in rendering]
        self.artefacts.render_sections(practices, self.worker)
        if self.command == "build" or len(practices) >= store.PARALLEL_FROM:
            self.search.prepare(self._search_inputs())

    @contextmanager
    def _timed(self, step: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings[step] = self.timings.get(step, 0.0) + time.perf_counter() - started

    def _quiet_about_kept(self, record: logging.LogRecord) -> bool:
        """MkDocs says of each page it writes nothing for that it was skipped: not of
        the kept ones, whose output is in place."""
        message = record.getMessage()
        if message.startswith("Page skipped: '"):
            return message.split("'")[1] not in self.kept
        return True

    def _site_key(self, config: MkDocsConfig, files: Files, plans: list[Planned]) -> str:
        """What MkDocs puts around every page: the configuration (the theme's, the
        navigation's, the site's address), the templates it renders pages with, docs/,
        the titles of the generated pages in the navigation, the problems banner, and
        the versions of the code."""
        theme_files = [  # material's own are its version's (in _code_digest)
            [str(folder), folder_digest(Path(folder))]
            for folder in config.theme.dirs
            if not Path(folder).is_relative_to(MATERIAL)
        ]
        written = [
            [f.src_uri, _file_digest(f.abs_src_path)]
            for f in files.documentation_pages()
            if f.abs_src_path
        ]
        in_nav = [
            [p.src_uri, p.title]
            for p in plans
            if self._inclusion(p.src_uri) is not InclusionLevel.NOT_IN_NAV
        ]
        return digest(
            settings_text(config),
            list(config.plugins),
            theme_files,
            written,
            in_nav,
            banner(self.problems) if self.problems else "",
            _code_digest(),
        )

    # -- helpers --------------------------------------------------------------
    @staticmethod
    def _source(page) -> str:
        """A generated page as MkDocs reads it: its settings and title, no Markdown (its
        HTML and table of contents are the page's own, set in on_page_content)."""
        front = {"title": escape(page.title, quote=False), **page.meta}
        return f"---\n{json.dumps(front, ensure_ascii=False)}\n---\n"

    def _take_intros(self, files: Files) -> dict[str, str]:
        """Hand-written introductions (docs/roles/<slug>.md…) for generated pages."""
        assert self.handbook is not None
        folders = "|".join(
            re.escape(f.folder) for f in facets_for(self.handbook.vocabularies).browse
        )
        intros = {}
        for file in list(files):
            if re.fullmatch(rf"({folders})/[a-z0-9-]+\.md", file.src_uri):
                text = file.content_string
                text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
                intros[file.src_uri] = render_document(text)
        return intros

    @staticmethod
    def _add_templates(config: MkDocsConfig) -> None:
        """Every handbook gets the handbook's search dialog, with or without a custom_dir
        of its own (whose templates still win: it stays first)."""
        dirs = config.theme.dirs
        if str(THEME) not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))

    @staticmethod
    def _inclusion(src_uri: str) -> InclusionLevel:
        """Practice and value pages are reached from the views, not the global nav; the
        print view from the buttons that print a list."""
        return (
            InclusionLevel.NOT_IN_NAV
            if (src_uri.count("/") and not src_uri.endswith("/index.md"))
            or src_uri == print_selection.VIEW
            else InclusionLevel.UNDEFINED
        )

    def data_files(self, config: MkDocsConfig) -> dict[str, str]:
        assert self.handbook is not None
        store, vocabularies = self.artefacts, self.handbook.vocabularies
        assert store is not None
        shared = (store.vocabularies_digest(vocabularies), self.urls.directory_urls)

        def part(kind: str, practice, make) -> str:  # each practice's, once per record
            return store.per_record(f"export-{kind}", practice, make, *shared)

        files = {
            "data/practices.json": exports.practices_json(self.handbook, self.urls, part),
            "data/practices.csv": exports.practices_csv(self.handbook, self.urls, part),
            "data/recommendations.json": exports.recommendations_json(self.handbook, self.urls),
            practice_list.NAME: practice_list.script(
                self.handbook,
                lambda p, make, tables: store.per_record("practice-list", p, make, tables),
            ),
            **export_selection.scripts(self.handbook, self.urls, part),
        }
        files.update(
            print_selection.fragments(
                self.handbook,
                store.section_html,
                print_selection.remembered(store, vocabularies),
                self.kept_fragments,
            )
        )
        for name, text in schema_files(self.handbook.vocabularies).items():
            files[f"schema/{name}"] = text
        try:
            files.update(redirect_files(self.handbook, self.urls, self.taken | set(files)))
        except ContentError as error:
            raise PluginError(str(error)) from None
        files[csvw.NAME] = csvw.metadata(vocabularies, self.urls, "All practices as CSV")
        files[catalogue.NAME] = catalogue.jsonld(
            self.handbook,
            self.urls,
            _publisher(config),
            _content_day(),
            {name: len(text.encode("utf-8")) for name, text in files.items()},
            _alpha_3,
            config.site_name,
            config.site_description or "",
        )
        files.update(self._feeds())
        return files

    def _feeds(self) -> dict[str, str]:
        """The Atom feeds, each practice's entry made once per record (and date)."""
        assert self.handbook is not None and self.artefacts is not None
        store, edition, urls = self.artefacts, self.edition, self.urls
        facets = facets_for(self.handbook.vocabularies)
        shared = (
            store.vocabularies_digest(self.handbook.vocabularies),
            urls.directory_urls,
            urls.site_url,
            edition.name,
        )

        def entry(p) -> str:
            def make(p) -> str:
                texts = store.section_text(p)
                return feeds.entry_xml(p, edition, urls, facets, texts[0] if texts else "")

            return store.per_record("feed-entry", p, make, feeds.updated(p, edition), *shared)

        return feeds.files(self.handbook, facets, edition, urls, entry)


class _CompiledTemplates(BytecodeCache):
    """The theme's templates as Jinja compiled them, in memory, by name and source
    (Jinja checks the source's checksum): MkDocs makes a new environment per build."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


# -- what both the build and the command line do with docs/ ------------------------------
def _put(files: Files, config: MkDocsConfig, page: GeneratedPage | Planned) -> File:
    """A generated page into the site's files, in place of a docs/ file at its address."""
    existing = files.get_file_from_path(page.src_uri)
    if existing is not None:
        files.remove(existing)
    file = File.generated(
        config,
        page.src_uri,
        content=Pipeline._source(page),
        inclusion=Pipeline._inclusion(page.src_uri),
    )
    files.append(file)
    return file


def settings_text(config: MkDocsConfig) -> str:
    """The configuration as text, the same in every process: a set (the theme's static
    templates) is written sorted, not in the order of this process's string hashes,
    which made every other `mkdocs build` key the site anew and keep no page."""

    def stable(value: Any) -> Any:
        if isinstance(value, set | frozenset):
            return sorted(value, key=repr)
        if isinstance(value, Theme):
            return {
                "name": value.name,
                "dirs": value.dirs,
                "static_templates": sorted(value.static_templates),
                **dict(value.items()),
            }
        return repr(value)

    settings = {
        key: value
        for key, value in config.items()
        if key not in ("plugins", "hooks", "watch", "site_dir", "config_file_path")
    }
    return json.dumps(settings, sort_keys=True, default=stable)


def _file_digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@cache
def _code_digest() -> str:
    """The adapter's own source and the versions of what renders the pages."""
    return digest(
        _file_digest(__file__),
        [metadata.version(name) for name in ("mkdocs", "mkdocs-material", "jinja2", "markdown")],
    )


def _hand_written(generated: GeneratedPage | None, intro: str | None, html: str) -> str | None:
    """What a page shows of docs/: a page of docs/ its own HTML, a generated page the
    introduction from docs/ it carries; None for a page made of the records alone."""
    if generated is None:
        return html
    return intro if intro is not None and intro in generated.html else None


def _context_document(page: Page, html: str) -> SearchDocument:
    """The page's search entry: its address and its title as MkDocs gives them (the nav's
    title, the front matter's, the first heading's), and the hand-written HTML it shows."""
    return page_document(page.file.src_uri, page.url, page.title or "", html)


@contextmanager
def _quiet(name: str = "mkdocs"):
    """MkDocs' warnings about the site (a link to a page only the build generates) are the
    build's to report, not the command line's."""
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


class SiteSource:
    """The handbook's site without a build, for `handbook search`: mkdocs.yml as MkDocs
    loads it, and the context pages the build would index, with the same titles and text.

    No hook, plugin or watched path of mkdocs.yml is loaded: none runs, and an installed
    handbook ships no hooks/. A tree whose docs_dir is missing has no
    context pages; an unreadable mkdocs.yml leaves them out and says why (`problem`).
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problem: str | None = None
        self.config: MkDocsConfig | None = None
        self.docs_dir = root / "docs"
        path = root / "mkdocs.yml"
        if path.is_file():
            self._load(path)

    def _load(self, path: Path) -> None:
        config = MkDocsConfig(config_file_path=str(path))
        try:
            with open(path, "rb") as fd, _quiet():
                config.load_file(fd)
            config.load_dict({"hooks": [], "plugins": [], "watch": []})
            with _quiet():
                errors, _ = config.validate()
        except (OSError, ConfigurationError) as exc:
            self.problem = f"{path.name}: {exc}"
            return
        self.docs_dir = Path(self.root, config.docs_dir or "docs")
        if [key for key, _ in errors] == ["docs_dir"] and not self.docs_dir.is_dir():
            return
        if errors:
            self.problem = "; ".join(f"{path.name}: {key}: {error}" for key, error in errors)
            return
        config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` starts
        self.config = config

    @property
    def urls(self) -> Urls:
        """The site's addresses, as mkdocs.yml's use_directory_urls makes them."""
        config = self.config
        return Urls(config.use_directory_urls, config.site_url or None) if config else Urls()

    def context_documents(self, handbook: Handbook) -> list[SearchDocument]:
        """The build's context pages: docs/ collected and rendered by MkDocs; where a
        generated page (of those that carry an introduction) takes a docs/ file's place,
        its title with the introduction's HTML, as the build indexes it."""
        config = self.config
        if config is None:
            return []
        pipeline = Pipeline()  # its own steps, on a handbook read already
        pipeline.handbook = handbook
        with _quiet():
            files = get_files(config)
            intros = pipeline._take_intros(files)
            generated = (
                {
                    plan.src_uri: plan.page()
                    for plan in browse_pages(PageSite(handbook, self.urls), intros)
                }
                if intros
                else {}
            )
            for src in sorted(intros.keys() & generated.keys()):
                _put(files, config, generated[src])
            get_navigation(files, config)  # the nav's titles, as the build's pages have
            found = {}
            for file in files.documentation_pages():
                page = file.page
                assert page is not None  # get_navigation gives every file its page
                page.read_source(config)
                page.render(config, files)
                shown = _hand_written(
                    generated.get(file.src_uri),
                    intros.get(file.src_uri),
                    clean_page(page.content or ""),
                )
                if shown is not None:
                    found[file.src_uri] = _context_document(page, shown)
        return [found[src] for src in sorted(found)]
