"""How to cite a practice: a plain-text citation, BibTeX, RIS and CSL-JSON to download,
Highwire Press ``citation_*`` meta tags (what Zotero's "Embedded Metadata" reads) and
schema.org JSON-LD, all made from one :class:`Cited` record of the practice.

The record names the organisation (the author), the title, the handbook (mkdocs.yml's
site_name), the year, the page's address and the version date (the practice's last change
in git; left out outside git, where the year is its source's). The address is absolute,
under site_url (:meth:`Urls.published`); a site that does not know where it is published
leaves it out of the plain citation, BibTeX, RIS, CSL-JSON and the Highwire tags, which
are read away from the page, where a relative address leads nowhere. Editors' text is
hostile: every value is first put on one line without control characters, and each
format then escapes it its own way (BibTeX: braces, backslashes and TeX's special
characters as commands, so that every value's braces balance; RIS: one line per tag;
JSON: json.dumps, and for a <script> no ``<``, ``>`` or ``&`` either). The downloads are
``data:`` addresses, in base64: they work with JavaScript off and from file://, and need
no file per practice and format.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from site_builder.content.edition import Edition
from site_builder.content.history import day, iso, spoken
from site_builder.core.countries import COUNTRIES
from site_builder.core.facets import Facets
from site_builder.core.model import Practice, Source
from site_builder.core.urls import HOME, Urls, practice_src


@dataclass(frozen=True)
class Cited:
    """What every citation format says of one practice, each text on one line."""

    key: str  # the practice's id: the citation key
    title: str
    organisation: str
    handbook: str
    url: str | None  # the page's absolute address, if the site knows where it is published
    language: str
    modified: int | None  # the version date: the last change (git), if known
    year: int | None  # its year, or else the source's
    publisher: str | None  # the source's publisher
    keywords: tuple[str, ...]  # the labels of its ecosystems, helix roles, role, themes


def one_line(text: str) -> str:
    """The text on one line: every run of white space (line breaks, Unicode's line and
    paragraph separators) one space, other control characters removed."""
    return " ".join(_CONTROL.sub("", text).split())


_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")  # Cc but white space


def cited(
    p: Practice, edition: Edition, urls: Urls, source: Source | None, facets: Facets
) -> Cited:
    modified = edition.changed(p.path)
    year = int(day(modified)[:4]) if modified is not None else (source.year if source else None)
    publisher = source.publisher if source and source.publisher else None
    return Cited(
        key=p.id,
        title=one_line(p.title),
        organisation=one_line(p.organisation),
        handbook=one_line(edition.name),
        url=urls.published(practice_src(p.id)),
        language=edition.language,
        modified=modified,
        year=year,
        publisher=one_line(publisher) if publisher else None,
        keywords=tuple(one_line(label) for _, label in subjects(p, facets)),
    )


def subjects(p: Practice, facets: Facets) -> list[tuple[Any, str]]:
    """(facet, label) of what the practice is about, in the facts' order."""
    found = [(facets.ecosystem, facets.ecosystem.label(v)) for v in p.ecosystems]
    found += [(facets.helix, facets.helix.label(v)) for v in p.helix]
    found.append((facets.role, facets.role.label(p.cluster_role)))
    if facets.theme is not None:
        found += [(facets.theme, facets.theme.label(v)) for v in p.themes]
    return found


# -- plain text ------------------------------------------------------------------------------
def plain(c: Cited) -> str:
    """Organisation (year). Title. Handbook. Version of 4 March 2026. URL"""
    when = str(c.year) if c.year else "n.d."
    parts = [f"{c.organisation} ({when}).", _sentence(c.title), _sentence(c.handbook)]
    if c.modified is not None:
        parts.append(f"Version of {spoken(c.modified)}.")
    if c.url:
        parts.append(c.url)
    return " ".join(parts)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


# -- BibTeX ----------------------------------------------------------------------------------
_TEX = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}

_TEX_TABLE = str.maketrans(_TEX)


def tex(text: str) -> str:
    """Text as a BibTeX value's content: TeX's special characters as commands, so the
    value's only braces are the commands' own, balanced."""
    return text.translate(_TEX_TABLE)


def url_text(url: str) -> str:
    """An address with nothing in it that ends a BibTeX value, a RIS line or a TeX
    argument: braces, backslashes, quotes, spaces and control characters encoded."""
    return _URL_UNSAFE.sub(lambda m: quote(m.group(), safe=""), url)


_URL_UNSAFE = re.compile('[{}\\\\"<>`^|\\s\x00-\x1f]')


def bibtex(c: Cited) -> str:
    fields = [
        ("author", "{" + tex(c.organisation) + "}"),  # in braces: one name, not split
        ("title", "{" + tex(c.title) + "}"),  # in braces: its capitals kept
        ("howpublished", tex(c.handbook)),
        ("year", str(c.year) if c.year else None),
        ("date", day(c.modified) if c.modified is not None else None),
        ("publisher", tex(c.publisher) if c.publisher else None),
        ("url", url_text(c.url) if c.url else None),
        ("note", f"Version of {day(c.modified)}" if c.modified is not None else None),
        ("language", tex(c.language)),
    ]
    lines = [f"  {name} = {{{value}}}" for name, value in fields if value]
    return f"@misc{{{c.key},\n" + ",\n".join(lines) + "\n}\n"


# -- RIS -------------------------------------------------------------------------------------
def ris(c: Cited) -> str:
    """RIS: one `TAG  - value` line per field (CR LF), from TY to ER."""
    tags: list[tuple[str, str | None]] = [
        ("TY", "ELEC"),
        ("ID", c.key),
        ("AU", c.organisation),
        ("TI", c.title),
        ("T2", c.handbook),
        ("PY", str(c.year) if c.year else None),
        ("DA", day(c.modified).replace("-", "/") if c.modified is not None else None),
        ("PB", c.publisher),
        ("UR", url_text(c.url) if c.url else None),
        ("LA", c.language),
        *(("KW", k) for k in c.keywords),
        ("N1", f"Version of {day(c.modified)}" if c.modified is not None else None),
    ]
    lines = [f"{tag}  - {one_line(value)}" for tag, value in tags if value]
    return "\r\n".join([*lines, "ER  - "]) + "\r\n"


# -- CSL-JSON --------------------------------------------------------------------------------
def csl(c: Cited) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": c.key,
        "citation-key": c.key,
        "type": "webpage",
        "title": c.title,
        "author": [{"literal": c.organisation}],
        "container-title": c.handbook,
        "language": c.language,
    }
    if c.url:
        item["URL"] = c.url
    if c.modified is not None:
        y, m, d = (int(part) for part in day(c.modified).split("-"))
        item["issued"] = {"date-parts": [[y, m, d]]}
        item["note"] = f"Version of {day(c.modified)}"
    elif c.year:
        item["issued"] = {"date-parts": [[c.year]]}
    if c.publisher:
        item["publisher"] = c.publisher
    return item


def csl_json(c: Cited) -> str:
    """CSL-JSON: a list of one item, as reference managers import it (on one line:
    json.dumps indents in Python, and five times slower)."""
    return json.dumps([csl(c)], ensure_ascii=False) + "\n"


# -- the downloads ---------------------------------------------------------------------------
FORMATS = (
    # label, file name ending, media type, what reads it
    ("BibTeX", "bib", "application/x-bibtex", bibtex, "LaTeX, JabRef, Zotero"),
    ("RIS", "ris", "application/x-research-info-systems", ris, "Zotero, Mendeley, EndNote"),
    ("CSL-JSON", "csl.json", "application/vnd.citationstyles.csl+json", csl_json, "Zotero, Pandoc"),
)


def data_url(text: str, media_type: str) -> str:
    """The text as a data: address, in base64 (percent-encoding it in Python took a
    second per thousand practices; base64 is made in C and no longer)."""
    encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f"data:{media_type};charset=utf-8;base64,{encoded}"


def downloads(c: Cited) -> list[dict[str, str]]:
    return [
        {
            "label": label,
            "file": f"{c.key}.{ending}",
            "type": media_type,
            "href": data_url(make(c), media_type),
            "readers": readers,
        }
        for label, ending, media_type, make, readers in FORMATS
    ]


# -- in the page's head ----------------------------------------------------------------------
def highwire(c: Cited) -> list[tuple[str, str]]:
    """The Highwire Press tags, as Zotero's Embedded Metadata translator reads them."""
    date = day(c.modified).replace("-", "/") if c.modified is not None else None
    tags: list[tuple[str, str | None]] = [
        ("citation_title", c.title),
        ("citation_author", c.organisation),
        ("citation_publication_date", date or (str(c.year) if c.year else None)),
        ("citation_online_date", date),
        ("citation_publisher", c.publisher),
        ("citation_public_url", c.url),
        ("citation_abstract_html_url", c.url),
        ("citation_language", c.language),
        *(("citation_keywords", k) for k in c.keywords),
    ]
    return [(name, value) for name, value in tags if value]


def json_ld(
    p: Practice, c: Cited, facets: Facets, source: Source | None, urls: Urls
) -> dict[str, Any]:
    """schema.org's description of the practice: what it is about, where, who made and
    who published it, what it is part of and based on. Its addresses are absolute under
    site_url, else relative to the page (a JSON-LD processor resolves them against the
    document's own address)."""
    page = practice_src(p.id)
    organisation = {"@type": "Organization", "name": c.organisation}
    place: dict[str, Any] = {"@type": "Country", "name": COUNTRIES.get(p.country, p.country)}
    if p.region:
        place = {
            "@type": "Place",
            "name": f"{one_line(p.region)}, {place['name']}",
            "containedInPlace": place,
        }
    place["address"] = {"@type": "PostalAddress", "addressCountry": p.country}
    if p.region:
        place["address"]["addressRegion"] = one_line(p.region)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "@id": c.url,
        "url": urls.address(page, page),
        "name": c.title,
        "genre": "good practice",
        "about": [
            {
                "@type": "DefinedTerm",
                "name": one_line(label),
                "inDefinedTermSet": {"@type": "DefinedTermSet", "name": facet.title},
            }
            for facet, label in subjects(p, facets)
        ],
        "keywords": list(c.keywords),
        "spatialCoverage": place,
        "temporalCoverage": _interval(p),
        "author": organisation,
        "creator": organisation,
        "publisher": {"@type": "Organization", "name": c.publisher} if c.publisher else None,
        "isPartOf": {"@type": "WebSite", "name": c.handbook, "url": urls.address(HOME, page)},
        "isBasedOn": _based_on(source, p),
        "dateModified": iso(c.modified) if c.modified is not None else None,
        "inLanguage": c.language,
    }
    return {key: value for key, value in data.items() if value is not None}


def _interval(p: Practice) -> str | None:
    """ISO 8601's interval of the practice's period: 2016/2021-06, 2019/.. while it runs."""
    if p.period is None or not p.period.start:
        return None
    return f"{p.period.start}/{p.period.end or '..'}"


def _based_on(source: Source | None, p: Practice) -> dict[str, Any] | None:
    if source is None:
        return None
    work: dict[str, Any] = {"@type": "CreativeWork", "name": one_line(source.title)}
    if source.publisher:
        work["publisher"] = {"@type": "Organization", "name": one_line(source.publisher)}
    if source.year:
        work["datePublished"] = str(source.year)
    if source.url:
        work["url"] = source.url
    if p.source_section:
        work["name"] += f", section {one_line(p.source_section)}"
    return work


def script_json(data: Any) -> Markup:
    """JSON to put inside a <script> element: nothing in it can end the element or open
    a comment (``<``, ``>``, ``&`` as \\u escapes), nor end a JavaScript line."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return Markup(text)
