"""The page of each practice: its facts, sections, citing recommendations, related
practices and how to cite it."""

from __future__ import annotations

from site_builder.artefacts.sections import section_html
from site_builder.content import history
from site_builder.core import urls
from site_builder.core.model import Practice
from site_builder.core.related import related_practices
from site_builder.outputs import citation
from site_builder.render.pages.framework import GeneratedPage, PageContext, Planned


def practice_pages(context: PageContext) -> list[Planned]:
    handbook = context.handbook
    related = related_practices(
        handbook.practices, handbook.vocabularies, context.artefacts.related
    )
    return [_practice_page(context, p, related[p.id]) for p in handbook.practices]


def _practice_page(context: PageContext, p: Practice, related: list[Practice]) -> Planned:
    handbook = context.handbook
    src = urls.practice_src(p.id)
    citing = handbook.citing(p.id)
    source = handbook.sources.get(p.source)
    changed = context.edition.changed(p.path)
    key = context.key(
        "practice",
        src,
        context.artefacts.practice_digest(p),
        context.rows(related),
        [repr(r) for r in citing],
        repr(source),
        changed,
    )

    def make() -> GeneratedPage:
        sections = [
            {"slug": s.slug, "heading": s.heading, "html": html}
            for s, html in zip(p.sections, section_html(context.artefacts, p), strict=True)
        ]
        cited = citation.cited(p, context.edition, context.urls, source, context.facets)
        html = context.render(
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
        head = context.render(
            "practice_head.html",
            src,
            highwire=citation.highwire(cited),
            json_ld=citation.script_json(
                citation.json_ld(p, cited, context.facets, source, context.urls)
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
