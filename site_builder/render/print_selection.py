"""Print a selection: the practices a reader has listed, with their full text, printed
by the browser (issue 15).

The print view is one generated page, ``print/index.html`` (pages.print_view_page). It
reads the selection from its address, ``#practices=<id>,<id>,...`` in the list's order,
loads one small script per selected practice and nothing else, and opens the print
dialog once they are in (assets/print-view.js). Each script is a fragment the build
writes here, ``print/<id>.js``::

    handbookPrint({"id": "ribes-nest-veneto", "title": "...", "html": "<article ...>"});

Its HTML is print_practice.html: the practice's title, its facts (the table of the
whole-handbook PDF, outputs/facts.py) and its sections' HTML as the artefact store keeps
it, sanitised at build time; the view inserts that HTML and nothing of its address but
ids that match :data:`ID_PATTERN`. Scripts, not JSON: a page opened from file:// can
load a script but not fetch a file. A fragment is made from its practice, its source
and the vocabularies alone, with the sections' HTML the practice page is made from. As
with the pages, each has a key (:func:`keys`): the adapter keeps a previous build's
fragment whose key is the same and makes only the others, once per record under
`mkdocs serve` (:func:`remembered`); rendering all 5,000 takes some 1.7 s.
"""

from __future__ import annotations

from collections.abc import Callable

from site_builder.artefacts.sections import html_key
from site_builder.artefacts.store import ArtefactStore
from site_builder.core.facets import facets_for
from site_builder.core.model import Handbook, Practice, Source
from site_builder.core.schema import SLUG
from site_builder.core.urls import print_fragment
from site_builder.core.vocab import Vocabularies
from site_builder.outputs.facts import practice_facts
from site_builder.outputs.practice_list import js_literal
from site_builder.render import templates

GLOBAL = "handbookPrint"  # the function each fragment calls
KIND = "print-fragment"  # the fragments' kind of artefact
ID_PATTERN = SLUG  # what the view accepts as an id from its address (the schema's)

# the sanitised HTML of each of a practice's sections, in its order (artefacts/sections.py)
SectionHtml = Callable[[Practice], tuple[str, ...]]
# part(practice, make, shared): make(practice), or the same text made before from this
# practice and the same `shared` (its source, the vocabularies' digest)
Part = Callable[[Practice, Callable[[Practice], str], str], str]


def _made(p: Practice, make: Callable[[Practice], str], shared: str) -> str:
    return make(p)


def fragment(p: Practice, html: str) -> str:
    """The script of one practice: a call of :data:`GLOBAL` with its id, title and HTML."""
    data = {"id": p.id, "title": p.title, "html": html}
    return f"{GLOBAL}({js_literal(data)});\n"


def practice_html(
    p: Practice, vocabularies: Vocabularies, source: Source | None, sections: tuple[str, ...]
) -> str:
    """What the print view shows of one practice (print_practice.html)."""
    return templates.render(
        "print_practice.html",
        p=p,
        rows=practice_facts(p, source, facets_for(vocabularies)),
        sections=list(zip((s.heading for s in p.sections), sections, strict=True)),
    )


def fragments(
    handbook: Handbook,
    section_html: SectionHtml,
    part: Part = _made,
    kept: frozenset[str] | set[str] = frozenset(),
) -> dict[str, str]:
    """Every practice's fragment, by its path in the built site, but those `kept`."""
    vocabularies = handbook.vocabularies

    def make(p: Practice) -> str:
        source = handbook.sources.get(p.source)
        return fragment(p, practice_html(p, vocabularies, source, section_html(p)))

    return {
        print_fragment(p.id): part(p, make, repr(handbook.sources.get(p.source)))
        for p in handbook.practices
        if print_fragment(p.id) not in kept
    }


def keys(handbook: Handbook, store: ArtefactStore) -> dict[str, str]:
    """Each fragment's key, by its path: the digest of the practice's fields, its
    sections' HTML key, its source's record and the vocabularies (ArtefactStore.key adds
    the code and the templates). The same key, the same file: the adapter keeps a
    previous build's fragment as it keeps its pages (site_builder/build/kept.py)."""
    shared = store.vocabularies_digest(handbook.vocabularies)

    def key_with(source: str) -> Callable[[Practice], str]:
        def key(p: Practice) -> str:
            sections = html_key(store, [s.markdown for s in p.sections])
            return store.key(KIND, store.practice_digest(p), sections, source, shared)

        return key

    found = {}
    for p in handbook.practices:
        source = repr(handbook.sources.get(p.source))  # remembered per record and source
        found[print_fragment(p.id)] = store.per_record(KIND, p, key_with(source), source, shared)
    return found


def remembered(store: ArtefactStore, vocabularies: Vocabularies) -> Part:
    """A `part` that makes each fragment once per record (and source, and vocabularies)
    for the store's life: under `mkdocs serve`, across rebuilds."""
    shared = store.vocabularies_digest(vocabularies)
    return lambda p, make, source: store.per_record("print-html", p, make, source, shared)
