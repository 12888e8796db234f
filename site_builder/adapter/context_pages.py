"""The context pages: the hand-written pages of docs/ as the search indexes them, with
the titles MkDocs gives them and the HTML they show. The build takes them as MkDocs
renders each page (events.on_page_content); `handbook search` and `handbook urls`, which
run no build, from :class:`SiteSource`, which has MkDocs load mkdocs.yml and render docs/
the way the build does.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from site_builder.adapter.files import introductions_in, put
from site_builder.content.markdown_safe import clean_page
from site_builder.core.model import Handbook
from site_builder.core.urls import Urls
from site_builder.render.pages.browse import browse_pages
from site_builder.render.pages.framework import GeneratedPage, PageContext
from site_builder.search.documents import SearchDocument, page_document


def hand_written(generated: GeneratedPage | None, intro: str | None, html: str) -> str | None:
    """What a page shows of docs/: a page of docs/ its own HTML, a generated page the
    introduction from docs/ it carries; None for a page made of the records alone."""
    if generated is None:
        return html
    return intro if intro is not None and intro in generated.html else None


def context_document(page: Page, html: str) -> SearchDocument:
    """The page's search entry: its address and its title as MkDocs gives them (the nav's
    title, the front matter's, the first heading's), and the hand-written HTML it shows."""
    return page_document(page.file.src_uri, page.url, page.title or "", html)


@contextmanager
def _quiet(name: str = "mkdocs") -> Iterator[None]:
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
        with _quiet():
            files = get_files(config)
            intros = introductions_in(files, handbook.vocabularies)
            generated = (
                {
                    plan.src_uri: plan.page()
                    for plan in browse_pages(PageContext(handbook, self.urls), intros)
                }
                if intros
                else {}
            )
            for src in sorted(intros.keys() & generated.keys()):
                put(files, config, generated[src])
            get_navigation(files, config)  # the nav's titles, as the build's pages have
            found = {}
            for file in files.documentation_pages():
                page = file.page
                assert page is not None  # get_navigation gives every file its page
                page.read_source(config)
                page.render(config, files)
                shown = hand_written(
                    generated.get(file.src_uri),
                    intros.get(file.src_uri),
                    clean_page(page.content or ""),
                )
                if shown is not None:
                    found[file.src_uri] = context_document(page, shown)
        return [found[src] for src in sorted(found)]
