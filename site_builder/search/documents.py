"""Which text of which record goes into the search index.

One search document per practice, per recommendation and per context page
(a page of docs/: about, policy, and the role introductions the generated role
pages carry), never one per section: a query in several words must find a
practice whose words sit in different sections, and at 5,000 practices
per-section entries would multiply the index.

A context page comes as MkDocs holds it (the adapter, site_builder/adapter/context_pages.py,
hands over its address, its title and its HTML, in the build and for the command
line alike): its text is read from that HTML, split at its h2 headings.

A document keeps its text as plain-text sections (for snippets) and its facet
values (for filters and for the labels shown in results: the facets are those of
:mod:`site_builder.core.facets`, with "type" before them); the index itself reads the
fields of :func:`fields`.
"""

from __future__ import annotations

import html as markup
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from site_builder.core.facets import Facets
from site_builder.core.model import Practice, Recommendation
from site_builder.core.urls import Urls, practice_src, recommendation_src

TYPES = {"practice": "Practice", "recommendation": "Recommendation", "page": "Context page"}
TEASER_WORDS = 24


@dataclass(frozen=True)
class SearchDocument:
    location: str  # the page, relative to the site root
    type: str  # a key of TYPES
    id: str
    title: str
    sections: tuple[tuple[str, str], ...]  # (heading, plain text)
    organisation: str = ""
    region: str = ""
    values: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (facet key, its values)
    labels: tuple[str, ...] = ()  # the values' labels and further words a reader may
    # search by (region, source, status)

    @property
    def body(self) -> str:
        return "\n".join(text for _, text in self.sections)

    @property
    def teaser(self) -> str:
        words = self.body.split()
        return " ".join(words[:TEASER_WORDS]) + (" …" if len(words) > TEASER_WORDS else "")

    def facets(self) -> dict[str, list[str]]:
        """The values the result list shows and filters by, per facet key."""
        return {key: list(values) for key, values in self.values}


def fields(doc: SearchDocument) -> dict[str, str]:
    """The indexed fields, as text (build.py makes them terms)."""
    return {
        "title": doc.title,
        "organisation": doc.organisation,
        "tags": " ".join(t for t in doc.labels if t),
        "body": doc.body,
    }


# -- Markdown to plain text: cheap and good enough for words and snippets --------------
# Each rule: (a character without which it cannot match, pattern, replacement).
_RULES = [
    ("<", re.compile(r"<!--.*?-->", re.S), " "),
    ("`", re.compile(r"```.*?```", re.S), " "),
    ("]", re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images: their alt text
    ("]", re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links: their text
    ("]", re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    ("]", re.compile(r"^[ \t]*\[[^\]]+\]:[ \t]*\S+.*$", re.M), " "),  # link definitions
    ("^", re.compile(r"\[\^[^\]]+\]"), ""),  # footnote marks
    ("<", re.compile(r"<[^>\n]+>"), " "),  # inline HTML tags
    ("#", re.compile(r"^[ \t]{0,3}#{1,6}[ \t]*", re.M), ""),  # heading marks
    ("", re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+", re.M), ""),  # list marks
    (">", re.compile(r"^[ \t]*>[ \t]?", re.M), ""),  # quotes
    ("|", re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}.*$", re.M), " "),  # table rules
    ("|", re.compile(r"[ \t]*\|[ \t]*"), " "),  # table cells
    ("", re.compile(r"\*\*|__|\*|`|~~"), ""),  # emphasis and code marks
    ("_", re.compile(r"(?<!\w)_(?=\w)|(?<=\w)_(?!\w)"), ""),
    ("", re.compile(r"[ \t]{2,}"), " "),
    ("", re.compile(r"\n{3,}"), "\n\n"),
]


def plain(markdown: str) -> str:
    text = markdown
    for trigger, pattern, replacement in _RULES:
        if trigger in text:
            text = pattern.sub(replacement, text)
    return text.strip()


# -- records -> documents --------------------------------------------------------------
def practice_document(
    p: Practice, facets: Facets, urls: Urls, texts: tuple[str, ...] | None = None
) -> SearchDocument:
    """`texts`: the sections' plain text, if made already (the artefacts keep them)."""
    values = tuple((f.key, f.values_of(p)) for f in facets.filters)
    # the tags, in the order readers think of them: where, then what, then who
    tagged = (facets.country, facets.ecosystem, facets.theme, facets.helix, facets.role)
    labels = [facets.country.label(p.country), p.region or ""] + [
        label for f in tagged[1:] if f for label in f.labels_of(f.values_of(p))
    ]
    return SearchDocument(
        location=urls.url(practice_src(p.id)),
        type="practice",
        id=p.id,
        title=p.title,
        sections=tuple(
            zip(
                (s.heading for s in p.sections),
                texts if texts is not None else (plain(s.markdown) for s in p.sections),
                strict=True,
            )
        ),
        organisation=p.organisation,
        region=p.region or "",
        values=values,
        labels=tuple(label for label in labels if label),
    )


def recommendation_document(
    r: Recommendation, status_label: str, urls: Urls, source_title: str = ""
) -> SearchDocument:
    sections = []
    if r.points:
        sections.append(("Recommendations", "\n".join(plain(point) for point in r.points)))
    sections.append(("Explanation", plain(r.body)))
    labels = (source_title, status_label)
    return SearchDocument(
        location=urls.url(recommendation_src(r.id)),
        type="recommendation",
        id=r.id,
        title=f"{r.number} {r.title}",
        sections=tuple(sections),
        labels=tuple(label for label in labels if label),
    )


# -- a context page's HTML -> plain-text sections -----------------------------------------
_LEFT_OUT = {"h1", "script", "style", "template"}  # the h1 is the title, shown apart
_BLOCKS = {
    "address",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
}


class _Sections(HTMLParser):
    """The text of an HTML page, one section per h2 (the text before the first has no
    heading); permalink marks (a.headerlink) and what _LEFT_OUT names are left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[tuple[list[str], list[str]]] = [([], [])]  # (heading, text)
        self._in_heading = False
        self._skipping: tuple[str, int] | None = None  # (tag, depth)

    def handle_starttag(self, tag: str, attrs) -> None:
        if self._skipping:
            skipped, depth = self._skipping
            self._skipping = (skipped, depth + (tag == skipped))
        elif tag in _LEFT_OUT or (
            tag == "a" and "headerlink" in (dict(attrs).get("class") or "").split()
        ):
            self._skipping = (tag, 1)
        elif tag == "h2":
            self.parts.append(([], []))
            self._in_heading = True
        elif tag in _BLOCKS:
            self.parts[-1][1].append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            skipped, depth = self._skipping
            depth -= tag == skipped
            self._skipping = (skipped, depth) if depth else None
        elif tag == "h2":
            self._in_heading = False
        elif tag in _BLOCKS:
            self.parts[-1][1].append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:  # a line break in the source is a space; blocks break lines
            self.parts[-1][0 if self._in_heading else 1].append(data.replace("\n", " "))


def _lines(text: str) -> str:
    return "\n".join(line for line in (" ".join(raw.split()) for raw in text.split("\n")) if line)


def html_sections(html: str) -> tuple[tuple[str, str], ...]:
    """A page's HTML as (h2 heading, plain text) sections, the untitled opening first if
    it has any text."""
    parser = _Sections()
    parser.feed(html)
    parser.close()
    (_, opening), *rest = [("".join(h), "".join(t)) for h, t in parser.parts]
    sections = [("", _lines(opening))] if _lines(opening) else []
    return tuple(sections + [(_lines(heading), _lines(text)) for heading, text in rest])


def page_document(src_uri: str, location: str, title: str, html: str) -> SearchDocument:
    """A context page as MkDocs holds it: `title` is its page title, which MkDocs keeps as
    HTML text (entities escaped); `html` what the page shows of its hand-written text."""
    return SearchDocument(
        location=location,
        type="page",
        id=src_uri.rsplit(".", 1)[0],
        title=markup.unescape(" ".join(title.split())),
        sections=html_sections(html),
    )
