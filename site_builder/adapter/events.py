"""MkDocs' events, each turned into calls of the handbook's build (site_builder/build/),
and MkDocs' objects into the build's. hooks/handbook.py hands every event to one
:class:`Adapter`.

on_startup       the command (build, serve), for the life of the process;
on_config        mkdocs.yml into the build's settings; the content read, checked and
                 modelled; the handbook's templates put ahead of the theme's (after a
                 site's custom_dir); under `mkdocs build`, MkDocs writes into a staging
                 folder (site_builder/build/staging.py);
on_pre_build     under `mkdocs serve`, the last build's output set aside;
on_files         no sitemap without site_url; the generated pages, assets
                 (site_builder/render/assets/), open-data files and print fragments
                 added; only the generated pages and fragments whose key changed since
                 the previous build rendered (build/kept.py);
on_pre_page      a kept page: MkDocs reads and renders nothing of it;
on_page_content  each generated page's HTML swapped in; what each page shows of docs/
                 kept (its title and HTML) for the search;
on_env           the kept pages' output put in place (MkDocs writes nothing for them),
                 every page dated by the content, the search index begun;
on_template_context  the 404 page's addresses relative to the site's folder, where it
                 is (MkDocs makes them absolute from the server's root, wrong under a
                 sub-path and from the unzipped offline copy): the page finds that
                 folder itself when a server sends it for an address at another depth
                 (theme/main.html);
on_post_build    the search index, the PDF and the ZIP written, and the finished site
                 moved into place, so a failed build never touches the previous one.
During `mkdocs serve`, invalid files do not stop the server: their problems are shown on
a page and in a banner on every page instead.
"""

from __future__ import annotations

import logging
from html import escape
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import is_error_template
from mkdocs.utils.templates import TemplateContext

from site_builder.adapter import files as site_files
from site_builder.adapter.context_pages import context_document, hand_written
from site_builder.adapter.kept_pages import BUILD_LOG, QuietAboutKept, write_nothing
from site_builder.adapter.settings_from_config import project_root, settings_from
from site_builder.adapter.site_key import site_key
from site_builder.adapter.templates import (
    CompiledTemplates,
    add_templates,
    sitemap_only_with_address,
)
from site_builder.build.pipeline import Build, Pipeline
from site_builder.build.staging import Unwritable
from site_builder.content.markdown_safe import clean_page
from site_builder.core.model import ContentError
from site_builder.outputs.pdf import handbook_pdf

STYLESHEET = "assets/handbook/handbook.css"


class Adapter:
    """One per MkDocs process: the build's pipeline, which lasts as long, and the build
    under way."""

    def __init__(self) -> None:
        self.pipeline = Pipeline()
        self.build: Build | None = None
        self.compiled = CompiledTemplates()  # the theme's, across `mkdocs serve` rebuilds
        self.quiet = QuietAboutKept(self._kept)

    def _kept(self, src_uri: str) -> bool:
        return self.build is not None and src_uri in self.build.pages.kept

    def _current(self) -> Build:
        assert self.build is not None, "MkDocs' events come after on_config"
        return self.build

    # -- the events, in MkDocs' order ---------------------------------------------------
    def on_startup(self, command: str) -> None:
        self.pipeline.command = command
        logging.getLogger(BUILD_LOG).addFilter(self.quiet)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.build = None
        settings = settings_from(config, self.pipeline.date(project_root(config)))
        try:
            self.build = build = self.pipeline.begin(settings)
        except (ContentError, Unwritable) as error:
            raise PluginError(str(error)) from None
        config.extra_css = [STYLESHEET, *config.extra_css]
        # the preview's pages load its problems banner (theme/main.html)
        config.extra["handbook_preview"] = self.pipeline.command != "build"
        add_templates(config)
        if build.staged is not None:
            config.site_dir = str(build.staged.folder)
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self._current().put_aside(Path(config.site_dir))

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        build = self._current()
        sitemap_only_with_address(config, files)
        intros = site_files.introductions_in(files, build.handbook.vocabularies)
        written = frozenset(f.src_uri for f in files.documentation_pages())
        plans = build.plan(intros, written)
        with build.timings.step("plan"):
            key = site_key(config, files, plans)
        with build.timings.step("files"):
            outputs = {p.src_uri: site_files.put(files, config, p).dest_uri for p in plans}
        pages = build.render(plans, outputs, intros, key)
        for page in pages.added:
            site_files.put(files, config, page)
        site_files.add_assets(files, config)
        taken = frozenset(f.dest_uri for f in files)  # what a redirect may not replace
        try:
            data = build.data_files(taken)
        except ContentError as error:
            raise PluginError(str(error)) from None
        site_files.add_data(files, config, data)
        return files

    def on_pre_page(self, page: Page) -> Page:
        if self._kept(page.file.src_uri):
            write_nothing(page)
        return page

    def on_page_content(self, html: str, page: Page) -> str:
        build = self._current()
        src = page.file.src_uri
        if src in build.pages.kept:
            return html
        # material's plugin skips the page (its documented setting); the handbook's has it
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        generated = build.pages.rendered.get(src)
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
        shown = hand_written(generated, build.pages.intros.get(src), html)
        if shown is not None:
            build.context[src] = context_document(page, shown)
        return html

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        """The theme's templates are read once per build: Jinja would look at each file's
        time again for each of 5,000 pages. Every page is dated by the content (MkDocs
        would date it today): the sitemap and its .gz header."""
        build = self._current()
        env.auto_reload = False
        env.bytecode_cache = self.compiled  # each build's new environment compiles no more
        day = build.settings.day
        for file in files.documentation_pages():
            if file.page is not None:
                file.page.update_date = day
        build.carry_kept(Path(config.site_dir))
        return env

    def on_template_context(self, context: TemplateContext, name: str) -> TemplateContext:
        """An error page (404.html, at the site's root) gets its addresses relative to
        itself, as the other pages at the root; `handbook_error_page` has it resolve them
        from the site's folder wherever it is shown (theme/main.html)."""
        if is_error_template(name):
            context["base_url"] = "."
            context["handbook_error_page"] = True  # type: ignore[typeddict-unknown-key]
        return context

    def on_post_build(self, config: MkDocsConfig) -> None:
        try:
            final = self._current().finish(Path(config.site_dir))
        except handbook_pdf.Unavailable as exc:
            raise PluginError(str(exc)) from None
        if final is not None:
            config.site_dir = str(final)

    def on_build_error(self, error: BaseException | None = None) -> None:
        """A folder that could not be written (full, read-only) is told in words, without
        a traceback."""
        told = self.pipeline.failed(self.build, error)
        if told is not None:
            raise PluginError(told) from None

    def on_shutdown(self) -> None:
        logging.getLogger(BUILD_LOG).removeFilter(self.quiet)
        self.pipeline.close()
