"""Records -> the handbook's generated pages (HTML with their headings).

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
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from markupsafe import Markup

from site_builder.artefacts.store import ArtefactStore, digest
from site_builder.content import history
from site_builder.content.edition import Edition
from site_builder.content.markdown_safe import render, render_inline
from site_builder.core import urls
from site_builder.core.facets import Facet, Facets, facets_for, group
from site_builder.core.model import Handbook, Practice
from site_builder.core.related import related_practices
from site_builder.outputs import citation, export_selection, feeds, practice_list
from site_builder.outputs.downloads import Download
from site_builder.render import (
    accessibility,
    charts,
    coverage,
    europe_map,
    print_selection,
    templates,
)

PAGE_SIZE = 50
"""Practices per static page of All practices, and so all that page 1's HTML lists: its
first screenful. A phone shows some 8 rows below the filters' titles, a desktop some 15:
50 is a few screens of reading before the list needs its data (filters.js loads it when
the reader filters, types or asks for more), for some 17 kB of rows and 150 elements at
any size of handbook, where a reader without JavaScript has 100 pages at 5,000."""
MORE = 200  # practices filters.js lists at once after a filter, and adds per "more"


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
class Site:
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
            self.artefacts.code["page"],
            self.artefacts.vocabularies_digest(self.handbook.vocabularies),
            self.urls.directory_urls,
            self.urls.site_url,
            self.edition.name,
            self.edition.language,
        )

    def key(self, *parts) -> str:
        return digest(self.shared, *parts)

    def rows(self, practices) -> list[str]:
        """What a list of practices shows of each (see Site.row)."""
        return [self.artefacts.row_digest(p) for p in practices]

    def render(self, template: str, src: str, **context) -> str:
        return templates.render(
            template,
            href=self.urls.linker(src),
            facets=self.facets,
            vocabularies=self.handbook.vocabularies,
            item=self._once_per_practice("practice_item.html", src),
            row=self._once_per_practice("practice_row.html", src),
            print_view=print_selection.VIEW,
            europe_map=self._europe_map(src),
            **context,
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
            key = self.key(template, folder, self.artefacts.row_digest(p))
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


def _headings(html: str, ids: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple((anchor, text) for anchor, text in ids if f'id="{anchor}"' in html)


def practice_pages(site: Site) -> list[Planned]:
    handbook = site.handbook
    related = related_practices(handbook.practices, site.artefacts.related)
    return [_practice_page(site, p, related[p.id]) for p in handbook.practices]


def _practice_page(site: Site, p: Practice, related: list[Practice]) -> Planned:
    handbook = site.handbook
    src = urls.practice_src(p.id)
    citing = handbook.citing(p.id)
    source = handbook.sources.get(p.source)
    changed = site.edition.changed(p.path)
    key = site.key(
        "practice",
        src,
        site.artefacts.practice_digest(p),
        site.rows(related),
        [repr(r) for r in citing],
        repr(source),
        changed,
    )

    def make() -> GeneratedPage:
        sections = [
            {"slug": s.slug, "heading": s.heading, "html": html}
            for s, html in zip(p.sections, site.artefacts.section_html(p), strict=True)
        ]
        cited = citation.cited(p, site.edition, site.urls, source, site.facets)
        html = site.render(
            "practice.html",
            src,
            p=p,
            sections=sections,
            citing=citing,
            related=related,
            source=source,
            changed=_date(changed),
            citation={"text": citation.plain(cited), "downloads": citation.downloads(cited)},
        )
        head = site.render(
            "practice_head.html",
            src,
            highwire=citation.highwire(cited),
            json_ld=citation.script_json(
                citation.json_ld(p, cited, site.facets, source, site.urls)
            ),
        )
        heads = [("facts", "Facts")] + [(s["slug"], s["heading"]) for s in sections]
        heads += [("recommendations", "Recommendations")] if citing else []
        heads += [("related", "Related practices")] if related else []
        heads += [("cite", "Cite this practice")]
        return GeneratedPage(src, p.title, html, tuple(heads), head=head)

    return Planned(src, p.title, key, make)


def _date(when: int | None) -> dict | None:
    """A date as the templates show it: <time datetime="{iso}">{text}</time>."""
    if when is None:
        return None
    return {"iso": history.iso(when), "text": history.spoken(when)}


def browse_pages(site: Site, intros: dict[str, str]) -> list[Planned]:
    """Per facet: an overview with counts and one page per value (no JavaScript)."""
    practices_of = site.handbook.practices
    pages = []
    for facet in site.facets.browse:
        groups = group(practices_of, facet)
        intro = (
            f"The {len(practices_of)} practices by {facet.singular.lower()}; "
            "a practice can appear under several."
        )
        counts = {v: len(ps) for v, ps in groups.items()}
        with_map = facet is site.facets.country  # the country view shows them on the map
        pages.append(
            _rendered(
                site,
                facet.index_uri,
                facet.title,
                "browse_index.html",
                site.key(
                    "browse",
                    facet.key,
                    intro,
                    list(counts.items()),
                    europe_map.key(counts) if with_map else None,
                ),
                facet=facet,
                groups=groups,
                intro=intro,
                map_counts=counts if with_map else None,
            )
        )
        for value, practices in groups.items():
            src = facet.src_uri(value)
            pages.append(
                _rendered(
                    site,
                    src,
                    facet.label(value),
                    "browse_value.html",
                    site.key("value", facet.key, value, intros.get(src), site.rows(practices)),
                    headings=(("practices", "Practices"),),
                    head="view_head.html",
                    facet=facet,
                    value=value,
                    practices=practices,
                    intro_html=intros.get(src),
                    feed=feeds.of_value(facet, value, site.edition),
                )
            )
    return pages


def _rendered(
    site: Site,
    src: str,
    title: str,
    template: str,
    key: str,
    *,
    headings: tuple[tuple[str, str], ...] = (),
    meta: dict | None = None,
    head: str | None = None,
    **context,
) -> Planned:
    """A page that is one template with the given context (a key made of its inputs), and
    the template `head` of its <head> additions, if any, with the same context."""

    def make() -> GeneratedPage:
        return GeneratedPage(
            src,
            title,
            site.render(template, src, **context),
            headings,
            meta or {},
            site.render(head, src, **context) if head else "",
        )

    return Planned(src, title, key, make, meta or {})  # the same settings as the page's


def filter_options(
    practices: tuple[Practice, ...], facets: Facets
) -> dict[str, list[tuple[str, int]]]:
    return {f.key: [(v, len(ps)) for v, ps in group(practices, f).items()] for f in facets.filters}


def all_practices_pages(site: Site, whole_pdf: str | None = None) -> list[Planned]:
    """All practices: page 1, with the filters and the first PAGE_SIZE practices, then a
    static page per further PAGE_SIZE practices in title order (the list without
    JavaScript), each kept as long as its own slice of the list is the same. Page 1
    prints what it lists, and offers `whole_pdf` (the whole handbook's PDF, if built)."""
    practices = site.handbook.practices
    slices = [practices[i : i + PAGE_SIZE] for i in range(0, len(practices), PAGE_SIZE)]
    slices = slices or [()]
    return [
        _all_practices_first(site, slices[0], len(slices), whole_pdf),
        *(
            _all_practices_further(site, number, len(slices), part)
            for number, part in enumerate(slices[1:], start=2)
        ),
    ]


def pagination(number: int, count: int) -> dict:
    """What page `number` of `count` links to: the previous and next pages, the first
    and last, and two either side of its own; None where numbers are left out."""
    shown = sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
    numbers: list[tuple[int, str] | None] = []
    for before, n in zip([0, *shown], shown, strict=False):
        if n > before + 1:
            numbers.append(None)
        numbers.append((n, urls.all_practices_src(n)))
    return {
        "number": number,
        "count": count,
        "previous": urls.all_practices_src(number - 1) if number > 1 else None,
        "next": urls.all_practices_src(number + 1) if number < count else None,
        "numbers": numbers,
    }


def _all_practices_first(
    site: Site, first: tuple[Practice, ...], count: int, whole_pdf: str | None
) -> Planned:
    handbook = site.handbook
    options = filter_options(handbook.practices, site.facets)
    total, country_count = len(handbook.practices), handbook.country_count()
    return _rendered(
        site,
        urls.ALL_PRACTICES,
        "All practices",
        "all_practices.html",
        site.key("all", site.rows(first), options, country_count, total, count, whole_pdf),
        meta={"hide": ["toc"]},
        head="view_head.html",
        feed=feeds.whole(site.edition),
        practices=first,
        total=total,
        options=options,
        country_count=country_count,
        pages=pagination(1, count),
        more=MORE,
        row_template=site.row_template(urls.ALL_PRACTICES),
        list_src=practice_list.NAME,
        whole_pdf=whole_pdf,
        export_csv=export_selection.CSV,
        export_json=export_selection.JSON,
    )


def _all_practices_further(
    site: Site, number: int, count: int, practices: tuple[Practice, ...]
) -> Planned:
    src = urls.all_practices_src(number)
    total = len(site.handbook.practices)
    return _rendered(
        site,
        src,
        f"All practices, page {number} of {count}",
        "all_practices_page.html",
        site.key("all-page", number, count, total, site.rows(practices)),
        meta={"hide": ["toc"]},
        practices=practices,
        start=(number - 1) * PAGE_SIZE + 1,
        total=total,
        pages=pagination(number, count),
    )


def print_view_page(site: Site, whole_pdf: str | None = None) -> Planned:
    """The print view of a selection (print_selection): the same page for any selection,
    which it reads from its address; it offers `whole_pdf` when the selection is all."""
    total = len(site.handbook.practices)
    return _rendered(
        site,
        print_selection.VIEW,
        "Print a selection",
        "print_view.html",
        site.key("print-view", total, whole_pdf),
        meta={"hide": ["navigation", "toc"]},
        total=total,
        whole_pdf=whole_pdf,
        fragment=print_selection.fragment_name("@@id@@"),
        id_pattern=print_selection.ID_PATTERN,
        script_global=print_selection.GLOBAL,
    )


def recommendation_pages(site: Site) -> list[Planned]:
    handbook = site.handbook
    pages = []
    groups: dict[str, list] = {}
    for r in handbook.recommendations:
        title = "Reviewed earlier recommendations" if r.status else "Recommendations"
        groups.setdefault(title, []).append(r)
        pages.append(_recommendation_page(site, r))
    used = sorted(
        {
            handbook.sources[r.source].title
            for r in handbook.recommendations
            if r.source in handbook.sources
        }
    )
    pages.append(
        _rendered(
            site,
            urls.RECOMMENDATIONS,
            "Policy recommendations",
            "recommendations_index.html",
            site.key("recommendations", [repr(r) for r in handbook.recommendations], used),
            recommendations=handbook.recommendations,
            groups=list(groups.items()),
            sources=used,
        )
    )
    return pages


def _recommendation_page(site: Site, r) -> Planned:
    handbook = site.handbook
    source = handbook.sources.get(r.source)
    practices = [p for p in (handbook.practice(i) for i in r.practices) if p]
    src = urls.recommendation_src(r.id)
    title = f"{r.number} {r.title}"
    key = site.key("recommendation", src, repr(r), repr(source), site.rows(practices))

    def make() -> GeneratedPage:
        html = site.render(
            "recommendation.html",
            src,
            r=r,
            source=source,
            points=[render_inline(point) for point in r.points],
            body=render(r.body),
            practices=practices,
        )
        heads = _headings(
            html,
            [
                ("points", "Recommendations"),
                ("explanation", "Explanation"),
                ("practices", "Practices"),
            ],
        )
        return GeneratedPage(src, title, html, heads)

    return Planned(src, title, key, make)


def stats_page(site: Site) -> Planned:
    handbook = site.handbook
    tables = []
    for facet in site.facets.filters:
        rows = [(facet.label(v), len(ps)) for v, ps in group(handbook.practices, facet).items()]
        if facet is site.facets.country:
            rows.sort(key=lambda row: (-row[1], row[0]))
        tables.append((f"by-{facet.key}", f"Practices by {facet.singular.lower()}", facet, rows))
    total, countries = len(handbook.practices), handbook.country_count()
    headings = tuple((chart_id, title) for chart_id, title, _, _ in tables)

    def make() -> GeneratedPage:
        chart_list = [
            {
                "id": chart_id,
                "title": title,
                "rows": rows,
                "column": facet.singular,
                "svg": charts.bar_chart(chart_id + "-chart", title, rows),
            }
            for chart_id, title, facet, rows in tables
        ]
        html = site.render(
            "stats.html",
            urls.STATISTICS,
            charts=chart_list,
            total=total,
            countries=countries,
            coverage=urls.COVERAGE,
        )
        return GeneratedPage(urls.STATISTICS, "Statistics", html, headings)

    key = site.key("stats", [(i, t, f.key, rows) for i, t, f, rows in tables], total, countries)
    return Planned(urls.STATISTICS, "Statistics", key, make)


def coverage_page(site: Site) -> Planned:
    """The coverage matrix (site_builder/render/coverage.py)."""
    handbook = site.handbook
    matrices = coverage.matrices(handbook.practices, site.facets)
    total = len(handbook.practices)
    return _rendered(
        site,
        coverage.SRC,
        coverage.TITLE,
        "coverage.html",
        site.key("coverage", [m.key() for m in matrices], total),
        headings=tuple((m.id, m.title) for m in matrices),
        matrices=matrices,
        total=total,
        all_practices=urls.ALL_PRACTICES,
        statistics=urls.STATISTICS,
    )


def home_page(site: Site, downloads: Sequence[Download], written: frozenset[str]) -> Planned:
    handbook = site.handbook
    role = site.facets.role
    context: dict = {
        "practice_count": len(handbook.practices),
        "country_count": handbook.country_count(),
        "ecosystem_count": handbook.industrial_ecosystem_count(),
        "recommendation_count": len(handbook.recommendations),
        "downloads": downloads,
        "roles": [
            (role.src_uri(slug), role.label(slug), len(ps))
            for slug, ps in group(handbook.practices, role).items()
        ],
        "about": urls.ABOUT if urls.ABOUT in written else None,
        "whats_new": urls.WHATS_NEW,
        "map_counts": site.country_counts(),
        "coverage": coverage.SRC,
    }
    return _rendered(
        site,
        urls.HOME,
        "Cluster Good-Practice Handbook",
        "home.html",
        site.key("home", context, europe_map.key(context["map_counts"])),
        meta={"hide": ["toc"]},
        head="view_head.html",
        feed=feeds.whole(site.edition),
        **context,
    )


def statement_page(site: Site, repository: str | None, pdf: str | None) -> Planned:
    """The accessibility statement (see site_builder/render/accessibility.py)."""
    context = accessibility.context(repository, pdf)
    return _rendered(
        site,
        accessibility.SRC,
        accessibility.TITLE,
        "accessibility.html",
        site.key("accessibility", context),
        headings=accessibility.HEADINGS,
        **context,
    )


WHATS_NEW_COUNT = 50  # the latest changes "What's new" lists


def whats_new_page(site: Site) -> Planned:
    """The latest WHATS_NEW_COUNT changes of practices (history.py), newest first, by
    day: one per practice and day (added, renamed or changed, in that order of weight)."""
    found = site.edition.history
    by_path = {p.path: p for p in site.handbook.practices}
    latest: dict[tuple[str, str], history.Change] = {}
    for change in found.changes:
        if change.path not in by_path:
            continue
        slot = (history.day(change.when), change.path)
        known = latest.get(slot)
        if known is None and len(latest) == WHATS_NEW_COUNT:
            break
        if known is None or _WEIGHT[change.kind] < _WEIGHT[known.kind]:
            latest[slot] = change
    days: dict[str, dict] = {}
    for (date, path), change in latest.items():
        shown = days.setdefault(
            date, {"id": f"d-{date}", "date": date, "text": history.spoken(change.when)}
        )
        before = change.previous
        shown.setdefault("changes", []).append(
            {
                "p": by_path[path],
                "kind": change.kind,
                "previous": posixpath.splitext(posixpath.basename(before))[0] if before else None,
            }
        )
    listed = list(days.values())
    practices = [c["p"] for d in listed for c in d["changes"]]
    inputs = [[d["date"], [[c["kind"], c["previous"]] for c in d["changes"]]] for d in listed]
    return _rendered(
        site,
        urls.WHATS_NEW,
        "What's new",
        "whats_new.html",
        site.key("whats-new", found.available, inputs, site.rows(practices)),
        headings=tuple((d["id"], d["text"]) for d in listed),
        head="view_head.html",
        available=found.available,
        days=listed,
        count=len(latest),
        feed=feeds.whole(site.edition),
    )


_WEIGHT = {"added": 0, "renamed": 1, "changed": 2}


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
    site = Site(
        handbook,
        site_urls,
        ArtefactStore() if artefacts is None else artefacts,
        Edition() if edition is None else edition,
    )
    return [
        home_page(site, downloads, written),
        *all_practices_pages(site, whole_pdf),
        print_view_page(site, whole_pdf),
        *practice_pages(site),
        *browse_pages(site, intros),
        *recommendation_pages(site),
        stats_page(site),
        coverage_page(site),
        statement_page(site, repository, whole_pdf),
        whats_new_page(site),
    ]


def all_pages(
    handbook: Handbook,
    intros: dict[str, str],
    downloads: Sequence[Download],
    site_urls: urls.Urls,
    written: frozenset[str] = frozenset(),
    artefacts: ArtefactStore | None = None,
    edition: Edition | None = None,
) -> list[GeneratedPage]:
    """Every generated page, rendered."""
    plans = planned_pages(
        handbook, intros, downloads, site_urls, written, artefacts, edition=edition
    )
    return [plan.page() for plan in plans]


__all__ = ["Facet", "GeneratedPage", "Planned", "Site", "all_pages", "planned_pages"]
