"""Search documents -> the sharded index (shards.py), with what the result list shows.

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

`index_files` makes every file of the index, by name: what the site's search/index/
folder and the command line's cache hold alike.
"""

from __future__ import annotations

import json

from site_builder.core.facets import Facets
from site_builder.search import shards
from site_builder.search.documents import TYPES, SearchDocument

FORMAT = "handbook-search/2"
BOOSTS = shards.BOOSTS


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


def config(docs: list[SearchDocument], facets: Facets) -> dict:
    """What every query needs besides postings: the facets and their labels."""
    return {
        "lang": ["en"],
        "format": FORMAT,
        "labels": labels(docs, facets),
        "facets": search_facets(facets),
        "boosts": BOOSTS,
    }


def index_files(docs: list[SearchDocument], facets: Facets) -> dict[str, str]:
    """The index's files (name -> text): see shards.py."""
    return shards.files(docs, config(docs, facets), display)


def dumps(data: object) -> str:
    """Compact, deterministic JSON (sorted keys, no spaces)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
