"""Search documents -> one lunr index, serialised with what the result list shows.

What is indexed, per document, and why (see BENCHMARKS.md for the numbers):

- ``title`` (boost 10) and ``organisation`` (boost 6): people search by name;
- ``tags`` (boost 3): country name, region, ecosystem, theme, helix and role
  labels, a recommendation's source and status;
- ``body`` (boost 1): the whole text, every word, as often as it occurs (so
  term frequency counts in the ranking). Readers expect a word that stands in
  a practice to find it ("funding" in 20 practices). An index of only each
  body's 60 most distinctive terms (tf-idf) was 2.5 times smaller at 5,000
  practices, but "funding" found 3 of those 20; BENCHMARKS.md has what each
  cost when it was measured.

The payload, ``{"config": {..., "index": <serialised lunr index>}, "docs": [...]}``,
is what the command line caches and what the site's search worker loads
(site.py writes it next to the small file mkdocs-material's page script reads).
"""

from __future__ import annotations

import json
from collections import Counter

from lunr.builder import Builder

from ..facets import Facets
from . import text
from .documents import TYPES, SearchDocument, fields

FORMAT = "handbook-search/1"
BOOSTS = {"title": 10, "organisation": 6, "tags": 3, "body": 1}


class _Builder(Builder):
    """lunr.py's builder fed with terms made by :mod:`.text` (the browser makes the
    same), instead of running its per-character tokenizer and pipeline again."""

    def add(self, doc, attributes=None):
        doc_ref = str(doc[self._ref])
        self._documents[doc_ref] = attributes or {}
        self.document_count += 1
        for field_name in self._fields:
            terms = doc[field_name]
            field_ref = f"{field_name}/{doc_ref}"
            counts = Counter(terms)
            self.field_term_frequencies[field_ref] = counts
            self.field_lengths[field_ref] = len(terms)
            for term in counts:
                posting = self.inverted_index.get(term)
                if posting is None:
                    posting = {name: {} for name in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    self.inverted_index[term] = posting
                posting[field_name][doc_ref] = {}


def build_index(docs: list[SearchDocument]):
    """The lunr index of the documents; refs are positions in `docs`."""
    builder = _Builder()
    builder.search_pipeline.add(text._term_function)
    builder.ref("ref")
    for name, boost in BOOSTS.items():
        builder.field(name, boost=boost)
    for ref, doc in enumerate(docs):
        builder.add(
            {"ref": str(ref), **{name: text.terms(value) for name, value in fields(doc).items()}}
        )
    return builder.build()


def display(doc: SearchDocument) -> dict:
    """What a result shows and filters by; no full text (that stays in the pages)."""
    entry: dict = {
        "location": doc.location,
        "type": doc.type,
        "id": doc.id,
        "title": doc.title,
        "teaser": doc.teaser,
    }
    if doc.organisation:
        entry["organisation"] = doc.organisation
    if doc.region:
        entry["region"] = doc.region
    entry.update({k: v for k, v in doc.facets().items() if v})
    return entry


# The facets the search box offers above its results, of all it filters by.
SHOWN_FACETS = ("type", "country", "ecosystem")


def search_facets(facets: Facets) -> list[dict]:
    """What the worker and the command line filter by: the type of document and the
    handbook's facets, those shown above the results first, in SHOWN_FACETS' order (a
    result's tags follow it too); each with its title and whether its values are written
    in capitals (country codes)."""
    entries: list[dict] = [{"key": "type", "title": "Types", "singular": "Type", "upper": False}]
    entries += [f.describe() for f in facets.filters]
    order = {key: i for i, key in enumerate(SHOWN_FACETS)}
    entries.sort(key=lambda entry: order.get(entry["key"], len(order)))
    return [{**entry, "shown": entry["key"] in SHOWN_FACETS} for entry in entries]


def labels(docs: list[SearchDocument], facets: Facets) -> dict[str, dict[str, str]]:
    """Value -> label of every facet value the documents carry (countries: only those
    used, not all of ISO 3166)."""
    used: dict[str, set[str]] = {}
    for doc in docs:
        for key, values in doc.values:
            used.setdefault(key, set()).update(values)
    by_key = facets.by_key()
    return {
        "type": TYPES,
        **{key: {v: by_key[key].label(v) for v in sorted(used.get(key, ()))} for key in by_key},
    }


def payload(docs: list[SearchDocument], facets: Facets) -> dict:
    index = build_index(docs)
    return {
        "config": {
            "lang": ["en"],
            "format": FORMAT,
            "labels": labels(docs, facets),
            "facets": search_facets(facets),
            "fields": BOOSTS,
            "index": index.serialize(),
        },
        "docs": [display(doc) for doc in docs],
    }


def dumps(data: dict) -> str:
    """Compact, deterministic JSON (sorted keys, no spaces)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
