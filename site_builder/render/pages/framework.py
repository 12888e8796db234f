"""What every generated page is, and what every page is made with.

Every page is a :class:`GeneratedPage`: its source path (the MkDocs page it becomes),
its title, the headings of its table of contents, and its HTML. Editors' Markdown
reaches these pages only through :mod:`site_builder.content.markdown_safe`; templates
autoescape the rest. Every link comes from :mod:`site_builder.core.urls`, every facet and
label from the handbook's vocabularies (:mod:`site_builder.core.facets`).

Each page is first *planned*: its address, its title and a key, the digest of everything
it is made from (its records, or only the fields a list shows of them; the templates and
the code; the vocabularies; the site's URL style), computed without rendering anything.
`Planned.page()` renders it. A page whose key is the one it had in the previous build
need not be rendered again (the adapter keeps its output): see :mod:`site_builder.build.kept`.
The :class:`PageContext` is what every page's template needs besides its own records.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from markupsafe import Markup

from site_builder.artefacts.fingerprint import digest
from site_builder.artefacts.store import ArtefactStore
from site_builder.content.edition import Edition
from site_builder.core import urls
from site_builder.core.facets import Facets, facets_for, group
from site_builder.core.model import Handbook, Practice
from site_builder.outputs import practice_list
from site_builder.render import europe_map, templates


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # e.g. "practices/ribes-nest-veneto.md"
    title: str
    html: str
    headings: tuple[tuple[str, str], ...] = ()  # (id, text) of the h2s, for the TOC
    meta: dict = field(default_factory=dict)  # MkDocs page settings: {"hide": ["toc"]}
    head: str = ""  # HTML for the page's <head>: its feed, its citation's tags


@dataclass(frozen=True)
class Planned:
    """A page before it is rendered: what the build needs to know of it without its HTML."""

    src_uri: str
    title: str
    key: str  # digest of its inputs: the same key, the same page
    make: Callable[[], GeneratedPage] = field(repr=False, compare=False)
    meta: dict = field(default_factory=dict)

    def page(self) -> GeneratedPage:
        page = self.make()
        assert page.src_uri == self.src_uri and page.title == self.title, self.src_uri
        return page


@dataclass(frozen=True)
class PageContext:
    """What every page's template needs besides its own records."""

    handbook: Handbook
    urls: urls.Urls
    artefacts: ArtefactStore = field(default_factory=ArtefactStore)  # sections' HTML
    edition: Edition = field(default_factory=Edition)  # the site's name, language, history

    @property
    def facets(self) -> Facets:
        return facets_for(self.handbook.vocabularies)

    @cached_property
    def shared(self) -> str:
        """What every page is made from besides its own inputs: the templates' and the
        page code's source, the vocabularies, the site's URL style, its name and
        language (not its history: each page's key has the dates it shows)."""
        return digest(
            self.artefacts.version("page"),
            self.artefacts.vocabularies_digest(self.handbook.vocabularies),
            self.urls.directory_urls,
            self.urls.site_url,
            self.edition.name,
            self.edition.language,
        )

    def key(self, *parts) -> str:
        return digest(self.shared, *parts)

    def rows(self, practices) -> list[str]:
        """What a list of practices shows of each (see row)."""
        return [self.row(p) for p in practices]

    def row(self, practice: Practice) -> str:
        """The fields a list of practices shows of one (the views, All practices, the
        related practices): its id, title, organisation, region, country and facet
        values; hashed once per Practice object."""
        return self.artefacts.per_record("row", practice, _row)

    def render(self, template: str, src: str, **values) -> str:
        return templates.render(
            template,
            href=self.urls.linker(src),
            facets=self.facets,
            vocabularies=self.handbook.vocabularies,
            item=self._once_per_practice("practice_item.html", src),
            row=self._once_per_practice("practice_row.html", src),
            print_view=urls.PRINT_VIEW,
            europe_map=self._europe_map(src),
            **values,
        )

    def _europe_map(self, src: str) -> Callable[[str, dict[str, int]], Markup]:
        """europe_map(id, counts) for the templates of the page `src`: the map, each
        country linked to its page (a page using it has europe_map.key in its key)."""
        href, country = self.urls.linker(src), self.facets.country
        return lambda map_id, counts: europe_map.svg(
            map_id, counts, lambda code: href(country.src_uri(code))
        )

    def country_counts(self) -> dict[str, int]:
        """Practices per country code, in the country facet's order."""
        groups = group(self.handbook.practices, self.facets.country)
        return {code: len(ps) for code, ps in groups.items()}

    def _once_per_practice(self, template: str, src: str) -> Callable[[Practice], Markup]:
        """template(p) for the page `src`, rendered once per practice as a list shows it
        and per folder (its links are relative): the lists of 5,000 practices are joined
        from these, and a save renders only the edited practice's again."""
        folder = posixpath.dirname(self.urls.dest(src))

        def one(p: Practice) -> Markup:
            key = self.key(template, folder, self.row(p))
            return Markup(self.artefacts.remember(key, lambda: self._one(template, src, p)))

        return one

    def _one(self, template: str, src: str, p: Practice) -> str:
        return templates.render(
            template,
            p=p,
            href=self.urls.linker(src),
            facets=self.facets,
            vocabularies=self.handbook.vocabularies,
        )

    def row_template(self, src: str) -> str:
        """practice_row.html on the page `src` for a practice whose every value is a mark:
        @@id@@, @@title@@, @@organisation@@, @@region@@ and, per facet, @@<its key>@@ (its
        values' labels). filters.js puts each practice's own in their place, so the rows
        it lists are the template's HTML (practice_list names the same fields)."""
        fields: dict[str, Any] = {name: _mark(name) for name in practice_list.FIELDS}
        marked = Practice(
            **fields,
            country="",
            ecosystems=(),
            helix=(),
            cluster_role="",
            source="",
            sections=(),
            path="",
        )
        for f in self.facets.filters:
            single = isinstance(getattr(marked, f.field), str)
            value: Any = _mark(f.key) if single else (_mark(f.key),)
            marked = replace(marked, **{f.field: value})
            assert f.values_of(marked) == (_mark(f.key),), f.key
        return self._one("practice_row.html", src, marked)


def _mark(name: str) -> str:
    return f"@@{name}@@"


def _row(p: Practice) -> str:
    return digest(
        [p.id, p.title, p.organisation, p.region, p.country, p.cluster_role],
        [list(p.ecosystems), list(p.helix), list(p.themes)],
    )


def headings(html: str, ids: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple((anchor, text) for anchor, text in ids if f'id="{anchor}"' in html)


def rendered(
    context: PageContext,
    src: str,
    title: str,
    template: str,
    key: str,
    *,
    headings: tuple[tuple[str, str], ...] = (),
    meta: dict | None = None,
    head: str | None = None,
    **values,
) -> Planned:
    """A page that is one template with the given context (a key made of its inputs), and
    the template `head` of its <head> additions, if any, with the same context."""

    def make() -> GeneratedPage:
        return GeneratedPage(
            src,
            title,
            context.render(template, src, **values),
            headings,
            meta or {},
            context.render(head, src, **values) if head else "",
        )

    return Planned(src, title, key, make, meta or {})  # the same settings as the page's
