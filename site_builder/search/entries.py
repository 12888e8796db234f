"""Each record's entry in the search index, in the index's order; a practice's entry kept
in the artefact store (artefacts/store.py), with its JSON codec.

Two kinds of artefact are made here (recipes.py says what their keys are made of):
``section-text``, the plain text of each of a practice's sections (documents.plain), and
``search-entry``, its search document, stored with its fields' index terms (made once:
tokenising every practice again for each index took longer than the rest of the index).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from site_builder.artefacts.store import ArtefactStore
from site_builder.core.facets import facets_for
from site_builder.core.model import Handbook, Practice
from site_builder.core.urls import Urls
from site_builder.core.vocab import Vocabularies
from site_builder.search import shards
from site_builder.search.documents import (
    SearchDocument,
    plain,
    practice_document,
    recommendation_document,
)

TEXT = "section-text"
ENTRY = "search-entry"


def documents(
    handbook: Handbook,
    pages: list[SearchDocument],
    urls: Urls = Urls(),
    artefacts: ArtefactStore | None = None,
) -> list[SearchDocument]:
    """Practices, then recommendations, then context pages: the index's document order.
    With a store, each practice's entry is taken from it (made there if it is new)."""
    sources, vocabularies = handbook.sources, handbook.vocabularies
    facets, statuses = facets_for(vocabularies), vocabularies.statuses
    return [
        *(
            search_document(artefacts, p, vocabularies, urls)
            if artefacts is not None
            else practice_document(p, facets, urls)
            for p in handbook.practices
        ),
        *(
            recommendation_document(
                r,
                statuses.label(r.status) if r.status else "",
                urls,
                sources[r.source].title if r.source in sources else "",
            )
            for r in handbook.recommendations
        ),
        *pages,
    ]


def section_text(store: ArtefactStore, practice: Practice) -> tuple[str, ...]:
    """The plain text of each section, for the search."""
    return store.per_record(TEXT, practice, lambda p: _section_text(store, p))


def _section_text(store: ArtefactStore, practice: Practice) -> tuple[str, ...]:
    texts = [s.markdown for s in practice.sections]
    key = store.key(TEXT, texts)
    return store.texts_artefact(TEXT, key, lambda: tuple(map(plain, texts)), len(texts))


def search_document(
    store: ArtefactStore, practice: Practice, vocabularies: Vocabularies, urls: Urls
) -> SearchDocument:
    shared = (store.vocabularies_digest(vocabularies), urls.directory_urls)
    return store.per_record(
        ENTRY,
        practice,
        lambda p: _search_document(store, p, vocabularies, urls),
        *shared,
    )


def _search_document(
    store: ArtefactStore, practice: Practice, vocabularies: Vocabularies, urls: Urls
) -> SearchDocument:
    p = practice
    text_key = store.key(TEXT, [s.markdown for s in p.sections])
    key = store.key(
        ENTRY,
        [p.id, p.title, p.organisation, p.region, p.country, p.cluster_role],
        [list(p.ecosystems), list(p.themes), list(p.helix)],
        [s.heading for s in p.sections],
        text_key,
        store.vocabularies_digest(vocabularies),
        urls.directory_urls,
    )

    def make() -> SearchDocument:
        facets = facets_for(vocabularies)
        return practice_document(p, facets, urls, texts=section_text(store, p))

    return store.lookup(ENTRY, key, make, _entry, _document)


# -- the codec ------------------------------------------------------------------------------


def _entry(doc: SearchDocument) -> dict:
    """A search document as stored, with its fields' index terms."""
    return {**asdict(doc), "terms": [dict(counts) for counts in shards.field_terms(doc)]}


def _document(value: Any) -> SearchDocument:
    """A search document from its stored JSON, every field checked for its type; its
    terms, if stored, remembered for the index (shards.field_terms)."""
    doc = _read_document(value)
    terms = value.get("terms")
    if terms is not None:
        if not isinstance(terms, list) or len(terms) != len(shards.FIELDS):
            raise ValueError("not the fields' terms")
        counts = []
        for field_terms in terms:
            if not isinstance(field_terms, dict) or not all(
                isinstance(t, str) and isinstance(n, int) for t, n in field_terms.items()
            ):
                raise ValueError("not a field's terms")
            counts.append(Counter(field_terms))
        shards.remember_terms(doc, tuple(counts))
    return doc


def _read_document(value: Any) -> SearchDocument:

    def strings(items: Any) -> tuple[str, ...]:
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise ValueError("not a list of text")
        return tuple(items)

    def pairs(items: Any, second: Callable[[Any], Any]) -> tuple:
        if not isinstance(items, list) or not all(len(strings(i[:1])) == 1 for i in items):
            raise ValueError("not a list of pairs")
        return tuple((first, second(rest)) for first, rest in items)

    def text(item: Any) -> str:
        if not isinstance(item, str):
            raise ValueError("not text")
        return item

    return SearchDocument(
        location=text(value["location"]),
        type=text(value["type"]),
        id=text(value["id"]),
        title=text(value["title"]),
        sections=pairs(value["sections"], text),
        organisation=text(value["organisation"]),
        region=text(value["region"]),
        values=pairs(value["values"], strings),
        labels=strings(value["labels"]),
    )
