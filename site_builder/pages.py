"""Records -> the handbook's generated pages (HTML with their headings).

Every page is a :class:`GeneratedPage`: its source path (the MkDocs page it becomes),
its title, the headings of its table of contents, and its HTML. Editors' Markdown
reaches these pages only through :mod:`site_builder.markdown_safe`; templates
autoescape the rest. Every link comes from :mod:`site_builder.urls`, every facet and
label from the handbook's vocabularies (:mod:`site_builder.facets`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import charts, templates, urls
from .artefacts import ArtefactStore
from .facets import Facet, Facets, facets_for, group
from .markdown_safe import render, render_inline
from .model import Handbook, Practice
from .related import related_practices


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # e.g. "practices/ribes-nest-veneto.md"
    title: str
    html: str
    headings: tuple[tuple[str, str], ...] = ()  # (id, text) of the h2s, for the TOC
    meta: dict = field(default_factory=dict)  # MkDocs page settings: {"hide": ["toc"]}


@dataclass(frozen=True)
class Site:
    """What every page's template needs besides its own records."""

    handbook: Handbook
    urls: urls.Urls
    artefacts: ArtefactStore = field(default_factory=ArtefactStore)  # sections' HTML

    @property
    def facets(self) -> Facets:
        return facets_for(self.handbook.vocabularies)

    def render(self, template: str, src: str, **context) -> str:
        return templates.render(
            template,
            href=self.urls.linker(src),
            facets=self.facets,
            vocabularies=self.handbook.vocabularies,
            **context,
        )


def _headings(html: str, ids: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple((anchor, text) for anchor, text in ids if f'id="{anchor}"' in html)


def practice_pages(site: Site) -> list[GeneratedPage]:
    handbook = site.handbook
    related = related_practices(handbook.practices)
    pages = []
    for p in handbook.practices:
        src = urls.practice_src(p.id)
        sections = [
            {"slug": s.slug, "heading": s.heading, "html": html}
            for s, html in zip(p.sections, site.artefacts.section_html(p), strict=True)
        ]
        citing = handbook.citing(p.id)
        html = site.render(
            "practice.html",
            src,
            p=p,
            sections=sections,
            citing=citing,
            related=related[p.id],
            source=handbook.sources.get(p.source),
        )
        heads = [("facts", "Facts")] + [(s["slug"], s["heading"]) for s in sections]
        heads += [("recommendations", "Recommendations")] if citing else []
        heads += [("related", "Related practices")] if related[p.id] else []
        pages.append(GeneratedPage(src, p.title, html, tuple(heads)))
    return pages


def browse_pages(site: Site, intros: dict[str, str]) -> list[GeneratedPage]:
    """Per facet: an overview with counts and one page per value (no JavaScript)."""
    practices_of = site.handbook.practices
    pages = []
    for facet in site.facets.browse:
        groups = group(practices_of, facet)
        intro = (
            f"The {len(practices_of)} practices by {facet.singular.lower()}; "
            "a practice can appear under several."
        )
        pages.append(
            GeneratedPage(
                facet.index_uri,
                facet.title,
                site.render(
                    "browse_index.html", facet.index_uri, facet=facet, groups=groups, intro=intro
                ),
            )
        )
        for value, practices in groups.items():
            src = facet.src_uri(value)
            html = site.render(
                "browse_value.html",
                src,
                facet=facet,
                value=value,
                practices=practices,
                intro_html=intros.get(src),
            )
            pages.append(
                GeneratedPage(src, facet.label(value), html, (("practices", "Practices"),))
            )
    return pages


def filter_options(
    practices: tuple[Practice, ...], facets: Facets
) -> dict[str, list[tuple[str, int]]]:
    return {f.key: [(v, len(ps)) for v, ps in group(practices, f).items()] for f in facets.filters}


def all_practices_page(site: Site) -> GeneratedPage:
    handbook = site.handbook
    html = site.render(
        "all_practices.html",
        urls.ALL_PRACTICES,
        practices=handbook.practices,
        options=filter_options(handbook.practices, site.facets),
        country_count=handbook.country_count(),
    )
    return GeneratedPage(urls.ALL_PRACTICES, "All practices", html, meta={"hide": ["toc"]})


def recommendation_pages(site: Site) -> list[GeneratedPage]:
    handbook = site.handbook
    pages = []
    groups: dict[str, list] = {}
    for r in handbook.recommendations:
        title = "Reviewed earlier recommendations" if r.status else "Recommendations"
        groups.setdefault(title, []).append(r)
        source = handbook.sources.get(r.source)
        practices = [p for p in (handbook.practice(i) for i in r.practices) if p]
        src = urls.recommendation_src(r.id)
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
        pages.append(GeneratedPage(src, f"{r.number} {r.title}", html, heads))
    used = sorted(
        {
            handbook.sources[r.source].title
            for r in handbook.recommendations
            if r.source in handbook.sources
        }
    )
    pages.append(
        GeneratedPage(
            urls.RECOMMENDATIONS,
            "Policy recommendations",
            site.render(
                "recommendations_index.html",
                urls.RECOMMENDATIONS,
                recommendations=handbook.recommendations,
                groups=list(groups.items()),
                sources=used,
            ),
        )
    )
    return pages


def stats_page(site: Site) -> GeneratedPage:
    handbook = site.handbook
    chart_list: list[dict] = []
    for facet in site.facets.filters:
        rows = [(facet.label(v), len(ps)) for v, ps in group(handbook.practices, facet).items()]
        if facet is site.facets.country:
            rows.sort(key=lambda row: (-row[1], row[0]))
        chart_id = f"by-{facet.key}"
        title = f"Practices by {facet.singular.lower()}"
        chart_list.append(
            {
                "id": chart_id,
                "title": title,
                "rows": rows,
                "column": facet.singular,
                "svg": charts.bar_chart(chart_id + "-chart", title, rows),
            }
        )
    html = site.render(
        "stats.html",
        urls.STATISTICS,
        charts=chart_list,
        total=len(handbook.practices),
        countries=handbook.country_count(),
    )
    return GeneratedPage(
        urls.STATISTICS, "Statistics", html, tuple((c["id"], c["title"]) for c in chart_list)
    )


def home_page(site: Site, downloads: list[dict], written: frozenset[str]) -> GeneratedPage:
    handbook = site.handbook
    role = site.facets.role
    html = site.render(
        "home.html",
        urls.HOME,
        practice_count=len(handbook.practices),
        country_count=handbook.country_count(),
        ecosystem_count=handbook.industrial_ecosystem_count(),
        recommendation_count=len(handbook.recommendations),
        downloads=downloads,
        roles=[
            (role.src_uri(slug), role.label(slug), len(ps))
            for slug, ps in group(handbook.practices, role).items()
        ],
        about=urls.ABOUT if urls.ABOUT in written else None,
    )
    return GeneratedPage(urls.HOME, "Cluster Good-Practice Handbook", html, meta={"hide": ["toc"]})


def all_pages(
    handbook: Handbook,
    intros: dict[str, str],
    downloads: list[dict],
    site_urls: urls.Urls,
    written: frozenset[str] = frozenset(),
    artefacts: ArtefactStore | None = None,
) -> list[GeneratedPage]:
    """Every generated page; `written` names the hand-written pages (docs/) there are.
    Without a store of artefacts, the sections are rendered into one of their own."""
    site = Site(handbook, site_urls, ArtefactStore() if artefacts is None else artefacts)
    return [
        home_page(site, downloads, written),
        all_practices_page(site),
        *practice_pages(site),
        *browse_pages(site, intros),
        *recommendation_pages(site),
        stats_page(site),
    ]


__all__ = ["Facet", "GeneratedPage", "Site", "all_pages"]
