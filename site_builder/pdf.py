"""handbook.pdf: the whole handbook as one printable document, made by the build.

The model -> one print HTML (templates/print.html: cover, contents with page
numbers, the recommendations, each practice on a new page with its facts
panel, an index by country and by ecosystem) -> WeasyPrint -> PDF. Editors'
Markdown goes through markdown_safe.render like on the site; WeasyPrint may
read files inside the built site only, so nothing is fetched from anywhere.

Switched off with ``extra: handbook: pdf: false`` in mkdocs.yml (read by the
adapter, which calls :func:`write`).
"""

from __future__ import annotations

import hashlib
import logging
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import templates
from .artefacts import ArtefactStore
from .facets import facets_for, group
from .markdown_safe import render, render_inline
from .model import Handbook

NAME = "handbook.pdf"
log = logging.getLogger("mkdocs.plugins.handbook.pdf")


class Unavailable(Exception):
    """WeasyPrint or its libraries are missing: the build cannot make the PDF."""


def print_html(handbook: Handbook, site_name: str, artefacts: ArtefactStore | None = None) -> str:
    """The print document: everything the PDF shows, as one HTML page (the sections'
    HTML from the store of artefacts, the site's own)."""
    store = ArtefactStore() if artefacts is None else artefacts
    practices = {p.id: p for p in handbook.practices}
    facets = facets_for(handbook.vocabularies)
    chapter_numbers = handbook.vocabularies.chapters()
    chapters = [
        {
            "slug": role,
            "number": chapter_numbers.get(role, ""),
            "title": facets.role.label(role),
            "practices": ps,
        }
        for role, ps in group(handbook.practices, facets.role).items()
    ]
    recommendations = [
        {
            "r": r,
            "source": handbook.sources.get(r.source),
            "points": [render_inline(point) for point in r.points],
            "body": render(r.body),
            "practices": [practices[i] for i in r.practices if i in practices],
        }
        for r in handbook.recommendations
    ]
    sections = {
        p.id: list(zip((s.heading for s in p.sections), store.section_html(p), strict=True))
        for p in handbook.practices
    }
    indexes = [
        (
            f"index-{facet.key}",
            f"Index by {facet.singular.lower()}",
            [
                (value, facet.label(value), ps)
                for value, ps in group(handbook.practices, facet).items()
            ],
        )
        for facet in (facets.country, facets.ecosystem)
    ]
    return templates.render(
        "print.html",
        site_name=site_name,
        handbook=handbook,
        chapters=chapters,
        facets=facets,
        vocabularies=handbook.vocabularies,
        recommendations=recommendations,
        sections=sections,
        indexes=indexes,
        country_count=handbook.country_count(),
        ecosystem_count=handbook.industrial_ecosystem_count(),
    )


def _local_only(site_dir: Path):
    """A WeasyPrint URL fetcher that reads files of the built site and nothing else."""
    from weasyprint.urls import URLFetcher

    root = site_dir.resolve()

    class SiteFiles(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("file://"):
                path = Path(unquote(urlsplit(url).path)).resolve()
                if path == root or root in path.parents:
                    return super().fetch(url, headers)
            raise ValueError(f"{NAME} reads files of the site only, not {url}")

    return SiteFiles(allowed_protocols={"file"})


def make(
    handbook: Handbook, site_name: str, site_dir: Path, artefacts: ArtefactStore | None = None
) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:
        raise Unavailable(
            f"handbook.pdf needs WeasyPrint and its libraries ({exc}): install the "
            "package with its pdf extra (python3 dev.py build does), or set "
            "extra: handbook: pdf: false in mkdocs.yml"
        ) from None
    html = print_html(handbook, site_name, artefacts)
    document = HTML(
        string=html, base_url=site_dir.resolve().as_uri() + "/", url_fetcher=_local_only(site_dir)
    )
    identifier = hashlib.sha256(html.encode()).hexdigest()[:32].encode()
    return document.write_pdf(pdf_identifier=identifier)


def write(
    handbook: Handbook, site_name: str, site_dir: Path, artefacts: ArtefactStore | None = None
) -> None:
    """handbook.pdf at the root of the site being built (the staging folder)."""
    started = time.perf_counter()
    data = make(handbook, site_name, site_dir, artefacts)
    (site_dir / NAME).write_bytes(data)
    log.info("%s: %.1f MB in %.1f s", NAME, len(data) / 1e6, time.perf_counter() - started)
