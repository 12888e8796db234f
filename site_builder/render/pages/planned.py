"""Every generated page of the handbook, planned."""

from __future__ import annotations

from collections.abc import Sequence

from site_builder.artefacts.store import ArtefactStore
from site_builder.content.edition import Edition
from site_builder.core import urls
from site_builder.core.model import Handbook
from site_builder.outputs.downloads import Download
from site_builder.render.pages.accessibility_statement import statement_page
from site_builder.render.pages.all_practices import all_practices_pages
from site_builder.render.pages.browse import browse_pages
from site_builder.render.pages.coverage import coverage_page
from site_builder.render.pages.framework import PageContext, Planned
from site_builder.render.pages.home import home_page
from site_builder.render.pages.practice import practice_pages
from site_builder.render.pages.print_view import print_view_page
from site_builder.render.pages.recommendations import recommendation_pages
from site_builder.render.pages.stats import stats_page
from site_builder.render.pages.whats_new import whats_new_page


def planned_pages(
    handbook: Handbook,
    intros: dict[str, str],
    downloads: Sequence[Download],
    site_urls: urls.Urls,
    written: frozenset[str] = frozenset(),
    artefacts: ArtefactStore | None = None,
    repository: str | None = None,
    edition: Edition | None = None,
    whole_pdf: str | None = None,
) -> list[Planned]:
    """Every generated page, planned; `written` names the hand-written pages (docs/)
    there are, `repository` the address of the handbook's repository, if known, and
    `whole_pdf` the whole handbook's PDF, if the build makes it. Without a store of
    artefacts, the sections are rendered into one of their own; without an edition, the
    site has the default name and no history."""
    context = PageContext(
        handbook,
        site_urls,
        ArtefactStore() if artefacts is None else artefacts,
        Edition() if edition is None else edition,
    )
    return [
        home_page(context, downloads, written),
        *all_practices_pages(context, whole_pdf),
        print_view_page(context, whole_pdf),
        *practice_pages(context),
        *browse_pages(context, intros),
        *recommendation_pages(context),
        stats_page(context),
        coverage_page(context),
        statement_page(context, repository, whole_pdf),
        whats_new_page(context),
    ]
