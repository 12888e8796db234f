"""The handbook's pipeline as MkDocs sees it: one object, driven by the hooks.

on_config  loads and validates the content tree (files -> validated model), and puts
           the handbook's templates (site_builder/theme/: the search dialog) ahead of
           the theme's own, after a site's custom_dir;
on_files   adds the generated pages, assets (site_builder/assets/, the search's
           scripts included) and open-data files;
on_page_content  swaps in each generated page's HTML;
on_post_build    moves the finished site into place, so a failed build never
                 touches the previous one.
During `mkdocs serve`, invalid files do not stop the server: their problems
are shown on a page and in a banner on every page instead.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
from html import escape
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from . import exports, offline_zip, pdf
from .facets import facets_for
from .schema import schema_files
from .urls import Urls
from .markdown_safe import clean_page, render_document
from .model import ContentError, Handbook, Problem
from .pages import GeneratedPage, all_pages
from .problems_page import banner, invalid_file_pages, problems_page
from .records import model_from
from .search import site as search_site
from .search.documents import context_pages, documents
from .validate import check

log = logging.getLogger("mkdocs.plugins.handbook")
ASSETS = Path(__file__).parent / "assets"     # served at assets/handbook/…
THEME = Path(__file__).parent / "theme"       # templates that override material's
STAGING = ".site-staging"


def content_date(root: Path) -> str:
    """When the content last changed, in seconds since 1970: the last commit's time, or
    (outside git) the newest content file's. MkDocs stamps the sitemap with it, where it
    would otherwise put today's date: two builds of the same tree give the same bytes."""
    try:
        done = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root,
                              capture_output=True, text=True, timeout=30)
        if done.returncode == 0 and done.stdout.strip().isdigit():
            return done.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    files = [p for name in ("practices", "recommendations", "docs")
             for p in (root / name).rglob("*") if p.is_file()]
    return str(int(max((p.stat().st_mtime for p in files), default=0)))


def _switched_on(config: MkDocsConfig, download: str) -> bool:
    """mkdocs.yml's ``extra: handbook: <download>: false`` leaves a download out."""
    return bool(((config.extra or {}).get("handbook") or {}).get(download, True))


class Pipeline:
    def __init__(self) -> None:
        self.command = "build"
        self.reset()

    def reset(self) -> None:
        self.handbook: Handbook | None = None
        self.problems: list[Problem] = []
        self.pages: dict[str, GeneratedPage] = {}
        self.urls = Urls()
        self.final_site_dir: Path | None = None

    # -- events ---------------------------------------------------------------
    def on_startup(self, command: str) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.reset()
        root = Path(config.config_file_path).parent
        if "SOURCE_DATE_EPOCH" not in os.environ:  # a caller's own date wins; git runs once
            os.environ["SOURCE_DATE_EPOCH"] = content_date(root)
        try:
            result = check(root)
        except ContentError as error:  # no vocabularies: nothing can be checked or shown
            raise PluginError(str(error)) from None
        self.urls = Urls(config.use_directory_urls)
        errors = result.problems
        if errors and self.command != "serve":
            raise PluginError(str(ContentError(errors)))
        self.problems = errors
        for problem in errors:  # info, not error: strict mode would stop the preview
            log.info("content problem: %s: %s", problem.location, problem.text)
        self.handbook = model_from(result, skip_invalid=True)
        config.extra_css = ["assets/handbook/handbook.css", *config.extra_css]
        self._add_templates(config)
        if self.command == "build":
            self.final_site_dir = Path(config.site_dir)
            config.site_dir = str(self.final_site_dir.parent / STAGING)
            shutil.rmtree(config.site_dir, ignore_errors=True)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.handbook is not None
        intros = self._take_intros(files)
        written = frozenset(f.src_uri for f in files.documentation_pages())
        generated = all_pages(self.handbook, intros, self.downloads(config), self.urls,
                              written)
        if self.problems:
            taken = {page.src_uri for page in generated}
            generated += [problems_page(self.problems), *(
                page for page in invalid_file_pages(self.problems) if page.src_uri not in taken)]
        for page in generated:
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, page.src_uri, content=self._source(page),
                                        inclusion=self._inclusion(page.src_uri)))
            self.pages[page.src_uri] = page
        for path in sorted(p for p in ASSETS.rglob("*") if p.is_file()):
            files.append(File.generated(config, f"assets/handbook/"
                                        f"{path.relative_to(ASSETS).as_posix()}",
                                        abs_src_path=str(path)))
        for name, content in self.data_files(config).items():
            files.append(File.generated(config, name, content=content))
        return files

    def on_page_content(self, html: str, page: Page) -> str:
        # material's plugin skips the page (its documented setting); the handbook's has it
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        generated = self.pages.get(page.file.src_uri)
        # a context page's Markdown is as untrusted as a practice's (attr_list is on)
        if generated is not None:
            html = generated.html
            page.toc = get_toc([{"level": 2, "id": anchor, "name": escape(text, quote=False),
                                 "children": []} for anchor, text in generated.headings])
        else:
            html = clean_page(html)
        if self.problems:
            html = banner(self.problems) + html
        return html

    def on_post_build(self, config: MkDocsConfig) -> None:
        assert self.handbook is not None
        staging = Path(config.site_dir)
        search_site.write(staging, documents(self.handbook, context_pages(
            Path(config.docs_dir)), self.urls), facets_for(self.handbook.vocabularies))
        if self.final_site_dir is None:
            return
        if _switched_on(config, "pdf"):
            try:
                pdf.write(self.handbook, config.site_name, staging)
            except pdf.Unavailable as exc:
                raise PluginError(str(exc)) from None
        if _switched_on(config, "offline_zip"):
            offline_zip.write(staging)
        final = self.final_site_dir
        old = final.with_name(final.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if final.exists():
            final.rename(old)
        staging.rename(final)
        shutil.rmtree(old, ignore_errors=True)
        config.site_dir = str(final)

    def on_build_error(self) -> None:
        """Throw away the half-built staging folder; the published site stays as it was."""
        if self.final_site_dir is not None:
            shutil.rmtree(self.final_site_dir.parent / STAGING, ignore_errors=True)

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
        folders = "|".join(re.escape(f.folder) for f in
                           facets_for(self.handbook.vocabularies).browse)
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
        """Practice and value pages are reached from the views, not the global nav."""
        return InclusionLevel.NOT_IN_NAV if src_uri.count("/") and not src_uri.endswith(
            "/index.md") else InclusionLevel.UNDEFINED

    def downloads(self, config: MkDocsConfig) -> list[dict]:
        links = [
            {"href": "data/practices.json", "label": "All practices as JSON",
             "note": "every field and section"},
            {"href": "data/practices.csv", "label": "All practices as CSV",
             "note": "one row per practice, for spreadsheets"},
            {"href": "data/recommendations.json", "label": "Recommendations as JSON"},
            {"href": "schema/practice.schema.json", "label": "JSON Schema of a practice"},
            {"href": "schema/recommendation.schema.json",
             "label": "JSON Schema of a recommendation"},
        ]
        if _switched_on(config, "pdf"):
            links.insert(0, {"href": pdf.NAME, "label": "The whole handbook as PDF",
                             "note": "to print: contents, recommendations, every practice, "
                             "index by country and ecosystem"})
        if _switched_on(config, "offline_zip"):
            links.insert(0, {"href": offline_zip.NAME, "label": "The whole handbook to use "
                             "offline (ZIP)", "note": "unzip it and open index.html: "
                             "browsing, filters and search work without a network"})
        return links

    def data_files(self, config: MkDocsConfig) -> dict[str, str]:
        assert self.handbook is not None
        files = {
            "data/practices.json": exports.practices_json(self.handbook, self.urls),
            "data/practices.csv": exports.practices_csv(self.handbook, self.urls),
            "data/recommendations.json": exports.recommendations_json(self.handbook,
                                                                      self.urls),
        }
        for name, text in schema_files(self.handbook.vocabularies).items():
            files[f"schema/{name}"] = text
        return files
