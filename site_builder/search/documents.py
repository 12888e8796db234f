"""Which text of which record goes into the search index.

One search document per practice, per recommendation and per context page
(docs/*.md: about, policy, role introductions), never one per section: a query
in several words must find a practice whose words sit in different sections,
and at 5,000 practices per-section entries would multiply the index.

A document keeps its text as plain-text sections (for snippets) and its facet
values (for filters and for the labels shown in results: the facets are those of
:mod:`site_builder.facets`, with "type" before them); the index itself reads the
fields of :func:`fields`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..facets import Facets, facets_for
from ..model import Handbook, Practice, Recommendation
from ..urls import Urls, practice_src, recommendation_src

TYPES = {"practice": "Practice", "recommendation": "Recommendation", "page": "Context page"}
TEASER_WORDS = 24


@dataclass(frozen=True)
class SearchDocument:
    location: str                  # the page, relative to the site root
    type: str                      # a key of TYPES
    id: str
    title: str
    sections: tuple[tuple[str, str], ...]   # (heading, plain text)
    organisation: str = ""
    region: str = ""
    values: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (facet key, its values)
    labels: tuple[str, ...] = ()   # the values' labels and further words a reader may
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
    return {"title": doc.title, "organisation": doc.organisation,
            "tags": " ".join(t for t in doc.labels if t), "body": doc.body}


# -- Markdown to plain text: cheap and good enough for words and snippets --------------
# Each rule: (a character without which it cannot match, pattern, replacement).
_RULES = [
    ("<", re.compile(r"<!--.*?-->", re.S), " "),
    ("`", re.compile(r"```.*?```", re.S), " "),
    ("]", re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),     # images: their alt text
    ("]", re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),       # links: their text
    ("]", re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    ("]", re.compile(r"^[ \t]*\[[^\]]+\]:[ \t]*\S+.*$", re.M), " "),  # link definitions
    ("^", re.compile(r"\[\^[^\]]+\]"), ""),                   # footnote marks
    ("<", re.compile(r"<[^>\n]+>"), " "),                     # inline HTML tags
    ("#", re.compile(r"^[ \t]{0,3}#{1,6}[ \t]*", re.M), ""),   # heading marks
    ("", re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+", re.M), ""),  # list marks
    (">", re.compile(r"^[ \t]*>[ \t]?", re.M), ""),            # quotes
    ("|", re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}.*$", re.M), " "),  # table rules
    ("|", re.compile(r"[ \t]*\|[ \t]*"), " "),                 # table cells
    ("", re.compile(r"\*\*|__|\*|`|~~"), ""),                  # emphasis and code marks
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
def practice_document(p: Practice, facets: Facets, urls: Urls) -> SearchDocument:
    values = tuple((f.key, f.values_of(p)) for f in facets.filters)
    # the tags, in the order readers think of them: where, then what, then who
    tagged = (facets.country, facets.ecosystem, facets.theme, facets.helix, facets.role)
    labels = [facets.country.label(p.country), p.region or ""] + [
        label for f in tagged[1:] if f for label in f.labels_of(f.values_of(p))]
    return SearchDocument(
        location=urls.url(practice_src(p.id)), type="practice", id=p.id, title=p.title,
        sections=tuple((s.heading, plain(s.markdown)) for s in p.sections),
        organisation=p.organisation, region=p.region or "", values=values,
        labels=tuple(label for label in labels if label))


def recommendation_document(r: Recommendation, status_label: str, urls: Urls,
                            source_title: str = "") -> SearchDocument:
    sections = []
    if r.points:
        sections.append(("Recommendations", "\n".join(plain(point) for point in r.points)))
    sections.append(("Explanation", plain(r.body)))
    labels = (source_title, status_label)
    return SearchDocument(
        location=urls.url(recommendation_src(r.id)), type="recommendation", id=r.id,
        title=f"{r.number} {r.title}", sections=tuple(sections),
        labels=tuple(label for label in labels if label))


_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_TITLE = re.compile(r"^title:\s*[\"']?(.*?)[\"']?\s*$", re.M)
_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)
_H2 = re.compile(r"^##\s+(.+?)\s*#*\s*$", re.M)


def page_document(src_uri: str, markdown: str) -> SearchDocument:
    """A context page (docs/<src_uri>): its sections are split at its level-2 headings."""
    front = _FRONT.match(markdown)
    text = markdown[front.end():] if front else markdown
    title_match = (_TITLE.search(front.group(1)) if front else None) or _H1.search(text)
    title = title_match.group(1) if title_match else Path(src_uri).stem.replace("-", " ")
    text = _H1.sub("", text, count=1)
    parts = _H2.split(text)
    sections = [("", plain(parts[0]))] if plain(parts[0]) else []
    sections += [(parts[i], plain(parts[i + 1])) for i in range(1, len(parts) - 1, 2)]
    return SearchDocument(location=src_uri[:-3] + ".html", type="page",
                          id=src_uri[:-3], title=plain(title), sections=tuple(sections))


def context_pages(docs_dir: Path) -> list[SearchDocument]:
    """Every hand-written page of docs/, in path order."""
    if not docs_dir.is_dir():
        return []
    return [page_document(path.relative_to(docs_dir).as_posix(),
                          path.read_text(encoding="utf-8"))
            for path in sorted(docs_dir.rglob("*.md"))]


def documents(handbook: Handbook, pages: list[SearchDocument],
              urls: Urls = Urls()) -> list[SearchDocument]:
    """Practices, then recommendations, then context pages: the index's document order."""
    sources, facets = handbook.sources, facets_for(handbook.vocabularies)
    statuses = handbook.vocabularies.statuses
    return [*(practice_document(p, facets, urls) for p in handbook.practices),
            *(recommendation_document(r, statuses.label(r.status) if r.status else "", urls,
                                      sources[r.source].title if r.source in sources
                                      else "") for r in handbook.recommendations),
            *pages]
