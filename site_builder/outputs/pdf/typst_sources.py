"""The whole handbook as Typst sources, one per part that handbook_pdf.py compiles.

The PDF reads, in order: the cover and the contents (front matter, numbered i, ii, …);
the policy recommendations, each with the practices that illustrate it; the good
practices, one chapter per cluster role, each practice on a new page with its facts
and its sections; an index by country and one by industrial ecosystem. The pages from
the recommendations on are numbered 1, 2, … whatever the length of the contents.

A large handbook does not fit one Typst compilation (Typst keeps every page in memory:
11 GB at 5,000 practices), so it is cut into :class:`Unit` s that compile apart, at
most CHUNK practices each, and that pdf_merge puts together. A unit cannot link to a
label of another, so links between parts are written ``link("hb:p-<id>")`` and turned
into links inside the PDF by the merge. The body's units carry no page numbers of
their own (the merge stamps them, :func:`page_numbers`), so that each compiles
without knowing how many pages come before it; the contents and the indexes, which
print page numbers, are made once the body's pages are known (:class:`PageMap`).

Every text comes from the validated model, and an editor's Markdown only as the
sanitised HTML the site shows (artefacts' ``section-html``), turned into Typst by
typst_markup: nothing an editor writes is read as Typst. A practice's part depends on
that practice, its sections, the vocabularies and its source alone: it is made once
per content and kept by the store of artefacts (kind ``pdf-practice``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from site_builder.artefacts.sections import section_html
from site_builder.artefacts.store import ArtefactStore
from site_builder.content.markdown_safe import render, render_inline
from site_builder.core.facets import Facets, facets_for, group
from site_builder.core.model import Handbook, Practice, Source
from site_builder.outputs.facts import practice_facts, source_line
from site_builder.outputs.pdf.typst_markup import inline_typst, string, text, to_typst

FONT = "Libertinus Serif"  # bundled with the typst package: the same PDF on every machine
CHUNK = 150  # practices per unit: about 0.3 GB and 1.5 s of Typst each
SCHEME = "hb:"  # links between units: hb:p-<id>, hb:r-<id>
KICKER = "Good practices of European cluster organisations"
# the grey of a facts table's label column, which is also how the merge knows those
# cells: Typst (without its a11y-extras feature) tags them as data cells, and the merge
# makes them row headers (merge._row_headers)
LABEL_GREY = 240
_LABEL = re.compile(r"[^A-Za-z0-9_.:-]")


def anchor(kind: str, identifier: str) -> str:
    """The name of a practice's ("p") or recommendation's ("r") place in the PDF."""
    return f"{kind}-{_LABEL.sub('_', identifier)}"


@dataclass(frozen=True)
class Heading:
    """A bookmark of the PDF: its level (1 parts, 2 chapters and recommendations, 3
    practices), its title, and the anchor the merge names its place by."""

    level: int
    title: str
    anchor: str


def titled(level: int, title: str) -> Heading:
    """A part's or chapter's heading: they have no id, their anchor comes from the title."""
    return Heading(level, title, "h-" + re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-"))


@dataclass(frozen=True)
class Unit:
    """One Typst compilation: its source, and its bookmarked headings in order."""

    name: str
    source: str
    headings: tuple[Heading, ...]


@dataclass(frozen=True)
class PageMap:
    """Where the body's bookmarked headings start: anchor -> page number."""

    pages: dict[str, int]

    def of(self, key: str) -> int:
        return self.pages[key]


def preamble(site_name: str, date: tuple[int, int, int], numbering: str | None = None) -> str:
    """What every unit starts with: the document's metadata, fonts, page and styles;
    pages numbered in `numbering` ("i", "1"), or not."""
    year, month, day = date
    numbering = "none" if numbering is None else string(numbering)
    return f"""#set document(
  title: {string(site_name)},
  author: "European cluster organisations",
  description: "Good practices of European cluster organisations and policy recommendations",
  keywords: ("clusters", "good practices", "industrial strategy", "policy"),
  date: datetime(year: {year}, month: {month}, day: {day}),
)
#set text(lang: "en", region: "GB", font: {string(FONT)}, size: 10.5pt)
#set par(justify: false, leading: 0.6em, spacing: 0.9em)
#set page(paper: "a4", margin: (x: 2.2cm, top: 2.2cm, bottom: 2.5cm), numbering: {numbering})
#set heading(numbering: none, bookmarked: false)
#show heading: set block(above: 1.2em, below: 0.7em)
#show heading.where(level: 1): set text(size: 22pt)
#show heading.where(level: 2): set text(size: 16pt)
#show heading.where(level: 3): set text(size: 14pt)
#show heading.where(level: 4): set text(size: 11.5pt)
#show link: set text(fill: rgb("#1a4f8b"))
#show figure.where(kind: table): set figure.caption(position: top)
#show figure: set align(left)
#set table(stroke: 0.5pt + luma(180), inset: 5pt)
#let facts(..rows) = figure(
  kind: table,
  numbering: none,
  caption: [Facts],
  table(
    columns: (9em, 1fr),
    ..rows.pos().map(((k, v)) => (table.cell(fill: luma({LABEL_GREY}))[#k], v)).flatten(),
  ),
)
#let entry(indent, target, title, page) = block(above: 0.5em, below: 0.5em, pad(left: indent,
  link(target, text(fill: black)[#title #box(width: 1fr, repeat[.]) #page])))

"""


def _heading(level: int, title: str, *, marked: bool = True) -> str:
    """A heading, bookmarked (so that the merge finds its page) when `marked`."""
    return (
        f"#heading(level: {level}, bookmarked: {'true' if marked else 'false'})[{text(title)}]\n\n"
    )


def _link(kind: str, identifier: str, body: str) -> str:
    return f"#link({string(SCHEME + anchor(kind, identifier))})[{body}]"


# -- the body: the recommendations, the chapters ---------------------------------------


def recommendations(handbook: Handbook, site_name: str, date: tuple[int, int, int]) -> Unit:
    practices = {p.id: p for p in handbook.practices}
    statuses = handbook.vocabularies.statuses
    title = "Policy recommendations"
    headings = [titled(1, title)]
    out = [
        preamble(site_name, date),
        _heading(1, title),
        text(
            f"{len(handbook.recommendations)} recommendations, with the practices that "
            "illustrate them."
        )
        + "\n\n",
    ]
    for r in handbook.recommendations:
        heading = f"{r.number} {r.title}"
        headings.append(Heading(2, heading, anchor("r", r.id)))
        line = source_line(handbook.sources.get(r.source), r.source)
        if r.status:
            line += f" · Status: {statuses.label(r.status)}"
        out.append(_heading(2, heading))
        out.append(f"#emph[{text(line)}]\n\n")
        if r.points:
            items = ", ".join(f"[{inline_typst(render_inline(p))}]" for p in r.points)
            out.append(f'#enum(numbering: "a)", {items})\n\n')
        out.append(to_typst(render(r.body)))
        cited = [practices[i] for i in r.practices if i in practices]
        if cited:
            links = '#"; "'.join(_link("p", p.id, text(p.title)) for p in cited)
            out.append(f'#strong[{text("Illustrated by:")}] {links}#"."\n\n')
    return Unit("recommendations", "".join(out), tuple(headings))


def chapters(
    handbook: Handbook,
    site_name: str,
    date: tuple[int, int, int],
    store: ArtefactStore,
    size: int = CHUNK,
) -> list[Unit]:
    """The good practices, cut into units of at most `size` practices."""
    facets = facets_for(handbook.vocabularies)
    numbers = handbook.vocabularies.chapters()
    groups = group(handbook.practices, facets.role)
    intro = text(
        f"In {len(groups)} chapters, one for each role clusters play in industrial "
        "strategies; within a chapter, by title. Each practice starts on a new page "
        "with its facts."
    )
    # (the chapter's heading or None, the practice), in reading order
    sequence: list[tuple[str | None, Practice]] = []
    for role, members in groups.items():
        chapter = f"{numbers.get(role, '')} {facets.role.label(role)}".strip()
        sequence.extend((chapter if i == 0 else None, p) for i, p in enumerate(members))
    units = []
    for start in range(0, max(len(sequence), 1), size):
        out = [preamble(site_name, date)]
        headings: list[Heading] = []
        if start == 0:
            out += [_heading(1, "Good practices"), intro + "\n\n"]
            headings.append(titled(1, "Good practices"))
        for chapter_title, p in sequence[start : start + size]:
            if chapter_title is not None:
                out.append("#pagebreak(weak: true)\n" + _heading(2, chapter_title))
                headings.append(titled(2, chapter_title))
            out.append(practice_part(p, handbook, facets, store))
            out.append(_citing(handbook, p))
            headings.append(Heading(3, p.title, anchor("p", p.id)))
        units.append(Unit(f"practices-{start // size + 1:04d}", "".join(out), tuple(headings)))
    return units


def _citing(handbook: Handbook, p: Practice) -> str:
    citing = handbook.citing(p.id)
    if not citing:
        return ""
    s = "s" if len(citing) > 1 else ""
    numbers = '#", "'.join(_link("r", r.id, text(r.number)) for r in citing)
    return f'#emph[{text(f"Cited by the recommendation{s} ")}{numbers}#"."]\n\n'


def practice_part(p: Practice, handbook: Handbook, facets: Facets, store: ArtefactStore) -> str:
    """One practice's page(s): its title, its facts and its sections, kept by content."""
    source = handbook.sources.get(p.source)
    key = store.key(
        "pdf-practice",
        store.practice_digest(p),
        store.vocabularies_digest(handbook.vocabularies),
        repr(source),
    )
    return store.text_artefact(
        "pdf-practice", key, lambda: _practice(p, source, facets, section_html(store, p))
    )


def _practice(p: Practice, source: Source | None, facets: Facets, sections: tuple[str, ...]) -> str:
    cells = [
        f"([{text(label)}], [{'#linebreak()'.join(text(line) for line in lines)}])"
        for label, lines, _ in practice_facts(p, source, facets)
    ]
    out = [
        "#pagebreak(weak: true)\n",
        _heading(3, p.title),
        f"#facts({', '.join(cells)})\n\n",
    ]
    for section, html in zip(p.sections, sections, strict=True):
        out.append(_heading(4, section.heading, marked=False))
        out.append(to_typst(html, heading_level=4))
    return "".join(out)


# -- made once the body's pages are known ------------------------------------------------


def front(
    handbook: Handbook,
    site_name: str,
    date: tuple[int, int, int],
    contents: Sequence[Heading],
    pages: PageMap,
) -> Unit:
    """The cover and the contents, whose entries give the page each heading starts on."""
    lead = (
        f"{len(handbook.practices)} good practices from {handbook.country_count()} countries in "
        f"{handbook.industrial_ecosystem_count()} industrial ecosystems, and "
        f"{len(handbook.recommendations)} policy recommendations."
    )
    note = (
        "Printed from the handbook's open files. Each practice names the document it "
        "comes from; the sources are listed on the handbook's About page."
    )
    out = [
        preamble(site_name, date, "i"),
        f"""#page(numbering: none)[
#v(6cm)
#text(size: 11pt, tracking: 0.08em)[#upper({string(KICKER)})]
#v(0.6em)
#heading(level: 1, outlined: false)[#text(size: 30pt)[{text(site_name)}]]
#v(1em)
#text(size: 13pt)[{text(lead)}]
#v(1fr)
#text(size: 9.5pt)[{text(note)}]
]

""",
        _heading(1, "Contents", marked=False),
    ]
    for h in contents:
        target = string(SCHEME + h.anchor)
        title = f"#strong[{text(h.title)}]" if h.level == 1 else text(h.title)
        indent = f"{(h.level - 1) * 1.2:.1f}em"
        out.append(f"#entry({indent}, {target}, [{title}], [{pages.of(h.anchor)}])\n")
    return Unit("front", "".join(out), ())


def indexes(
    handbook: Handbook, site_name: str, date: tuple[int, int, int], pages: PageMap, first: int
) -> Unit:
    """The indexes by country and by ecosystem, numbered on from page `first`."""
    facets = facets_for(handbook.vocabularies)
    out = [preamble(site_name, date, "1"), f"#counter(page).update({first})\n"]
    headings = []
    for facet in (facets.country, facets.ecosystem):
        title = f"Index by {facet.singular.lower()}"
        headings.append(titled(1, title))
        out.append("#pagebreak(weak: true)\n" + _heading(1, title))
        for value, members in group(handbook.practices, facet).items():
            out.append(_heading(2, facet.label(value), marked=False))
            for p in members:
                target = string(SCHEME + anchor("p", p.id))
                out.append(
                    f"#entry(0em, {target}, [{text(p.title)}], [{pages.of(anchor('p', p.id))}])\n"
                )
            out.append("\n")
    return Unit("indexes", "".join(out), tuple(headings))


def page_numbers(first: int, count: int) -> str:
    """`count` empty pages numbered from `first`, in the body's footer: stamped on the
    body's pages by the merge."""
    return (
        '#set page(paper: "a4", margin: (x: 2.2cm, top: 2.2cm, bottom: 2.5cm), '
        f'numbering: "1")\n#set text(font: {string(FONT)}, size: 10.5pt, lang: "en")\n'
        f"#counter(page).update({first})\n" + "#pagebreak()\n" * (count - 1) + "#box()\n"
    )
