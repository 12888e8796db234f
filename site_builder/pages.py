"""Records -> the handbook's generated pages (HTML fragments with their headings).

Every page is a :class:`GeneratedPage`: where it goes, its title, the headings
for the table of contents, and its HTML. Editors' Markdown reaches these pages
only through :mod:`site_builder.markdown_safe`; templates autoescape the rest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape

import jinja2

from . import charts, facets
from .countries import COUNTRIES
from .facets import BROWSE_FACETS, FILTER_FACETS, Facet, group
from .markdown_safe import render, render_inline
from .model import Handbook, Practice
from .related import related_practices
from .vocab import CLUSTER_ROLES, RECOMMENDATION_STATUSES, THEMES


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str                      # e.g. "practices/ribes-nest-veneto.md"
    title: str
    html: str
    headings: tuple[tuple[str, str], ...] = ()   # (id, text) of the h2s, for the TOC
    meta: dict = field(default_factory=dict)

    @property
    def markdown(self) -> str:
        """The stand-in MkDocs renders for the title and table of contents."""
        front = {"title": escape(self.title, quote=False), **self.meta}
        heads = "\n\n".join(f"## {escape(text, quote=False)} {{ #{anchor} }}"
                            for anchor, text in self.headings)
        return f"---\n{json.dumps(front, ensure_ascii=False)}\n---\n\n{heads}\n"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("site_builder", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    by_key = {f.key: f for f in FILTER_FACETS}
    env.filters["label"] = lambda value, key: by_key[key].label(value)
    env.globals.update(country_name=lambda code: COUNTRIES.get(code, code), facets=facets,
                       status_label=lambda s: RECOMMENDATION_STATUSES.get(s, s))
    return env


def _render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def _headings(html: str, ids: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple((anchor, text) for anchor, text in ids if f'id="{anchor}"' in html)


def practice_pages(handbook: Handbook) -> list[GeneratedPage]:
    related = related_practices(handbook.practices)
    pages = []
    for p in handbook.practices:
        sections = [{"slug": s.slug, "heading": s.heading, "html": render(s.markdown)}
                    for s in p.sections]
        citing = handbook.citing(p.id)
        html = _render("practice.html", p=p, base="../", sections=sections, citing=citing,
                       related=related[p.id], source=handbook.sources.get(p.source))
        heads = [("facts", "Facts")] + [(s["slug"], s["heading"]) for s in sections]
        heads += [("recommendations", "Recommendations")] if citing else []
        heads += [("related", "Related practices")] if related[p.id] else []
        pages.append(GeneratedPage(f"practices/{p.id}.md", p.title, html, tuple(heads)))
    return pages


def browse_pages(handbook: Handbook, intros: dict[str, str]) -> list[GeneratedPage]:
    """Per facet: an overview with counts and one page per value (no JavaScript)."""
    pages = []
    for facet in BROWSE_FACETS:
        groups = group(handbook.practices, facet)
        intro = (f"The {len(handbook.practices)} practices by {facet.singular.lower()}; "
                 "a practice can appear under several.")
        pages.append(GeneratedPage(f"{facet.folder}/index.md", facet.title, _render(
            "browse_index.html", facet=facet, groups=groups, base="../", intro=intro)))
        for value, practices in groups.items():
            src = facet.page(value).removesuffix(".html") + ".md"
            html = _render("browse_value.html", facet=facet, value=value,
                           practices=practices, base="../", intro_html=intros.get(src))
            pages.append(GeneratedPage(src, facet.label(value), html,
                                       (("practices", "Practices"),)))
    return pages


def filter_options(practices: tuple[Practice, ...]) -> dict[str, list[tuple[str, int]]]:
    return {f.key: [(v, len(ps)) for v, ps in group(practices, f).items()]
            for f in FILTER_FACETS}


def all_practices_page(handbook: Handbook) -> GeneratedPage:
    html = _render("all_practices.html", practices=handbook.practices, base="../",
                   filter_facets=FILTER_FACETS, options=filter_options(handbook.practices),
                   country_count=len({p.country for p in handbook.practices}))
    return GeneratedPage("practices/index.md", "All practices", html,
                         meta={"hide": ["toc"]})


def recommendation_pages(handbook: Handbook) -> list[GeneratedPage]:
    pages = []
    groups: dict[str, list] = {}
    for r in handbook.recommendations:
        title = "Reviewed earlier recommendations" if r.status else "Recommendations"
        groups.setdefault(title, []).append(r)
        source = handbook.sources.get(r.source)
        practices = [p for p in (handbook.practice(i) for i in r.practices) if p]
        html = _render("recommendation.html", r=r, base="../", source=source,
                       points=[render_inline(point) for point in r.points],
                       body=render(r.body), practices=practices)
        heads = _headings(html, [("points", "Recommendations"), ("explanation",
                                 "Explanation"), ("practices", "Practices")])
        pages.append(GeneratedPage(f"recommendations/{r.id}.md", f"{r.number} {r.title}",
                                   html, heads))
    used = sorted({handbook.sources[r.source].title for r in handbook.recommendations
                   if r.source in handbook.sources})
    pages.append(GeneratedPage("recommendations/index.md", "Policy recommendations", _render(
        "recommendations_index.html", recommendations=handbook.recommendations,
        groups=list(groups.items()), sources=used, base="../")))
    return pages


def stats_page(handbook: Handbook) -> GeneratedPage:
    chart_list = []
    for facet in (*BROWSE_FACETS, facets.THEME):
        rows = [(facet.label(v), len(ps)) for v, ps in group(handbook.practices, facet).items()]
        if facet is facets.COUNTRY:
            rows.sort(key=lambda row: (-row[1], row[0]))
        chart_id = f"by-{facet.key}"
        title = f"Practices by {facet.singular.lower()}"
        chart_list.append({"id": chart_id, "title": title, "rows": rows,
                           "column": facet.singular,
                           "svg": charts.bar_chart(chart_id + "-chart", title, rows)})
    html = _render("stats.html", charts=chart_list, total=len(handbook.practices),
                   countries=len({p.country for p in handbook.practices}))
    return GeneratedPage("stats.md", "Statistics", html,
                         tuple((c["id"], c["title"]) for c in chart_list))


def home_page(handbook: Handbook, downloads: list[dict]) -> GeneratedPage:
    roles = group(handbook.practices, facets.ROLE)
    html = _render(
        "home.html", practice_count=len(handbook.practices),
        country_count=handbook.country_count(),
        ecosystem_count=handbook.industrial_ecosystem_count(),
        recommendation_count=len(handbook.recommendations), downloads=downloads,
        roles=[(slug, CLUSTER_ROLES[slug], len(ps)) for slug, ps in roles.items()])
    return GeneratedPage("index.md", "Cluster Good-Practice Handbook", html,
                         meta={"hide": ["toc"]})


def all_pages(handbook: Handbook, intros: dict[str, str],
              downloads: list[dict]) -> list[GeneratedPage]:
    return [home_page(handbook, downloads), all_practices_page(handbook),
            *practice_pages(handbook), *browse_pages(handbook, intros),
            *recommendation_pages(handbook), stats_page(handbook)]


__all__ = ["GeneratedPage", "all_pages", "THEMES", "Facet"]
