"""Asking the index: query text and filters -> ranked hits with snippets.

The browser's worker (site_builder/assets/search/worker.js) follows the
same steps, so the command line and the site rank alike:

1. ``parse``: words, and filters written ``key:value`` (``country:it``,
   ``type:recommendation``, ``ecosystem:health``: the keys are the payload's
   facets, ``build.search_facets``). Stop words are dropped.
2. Per word, one lunr clause for its term (its stem) and one, weaker, for any
   term starting with it: "financing" (financ) also finds "financial" (financi),
   and a word typed halfway finds the whole one (``hydro`` finds hydrogen).
3. lunr's score times the share of the query's words the document contains,
   so a practice with every word, in whichever sections, comes first.
4. Filters keep the documents that have, for every filtered facet, one of the
   values asked for (values of one facet widen, facets narrow, as on the All
   practices page). A query of filters only lists the matching documents by title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lunr.index import Index
from lunr.query import Query

from . import text

PREFIX_BOOST = 0.5
MIN_PREFIX = 3


@dataclass
class Parsed:
    words: list[str]  # normalised, stop words out, each once
    filters: dict[str, set[str]] = field(default_factory=dict)


class FilterSyntax:
    """The facets a query may filter by, as ``key:value`` words."""

    def __init__(self, facets: list[dict]):
        self.upper = {f["key"] for f in facets if f["upper"]}
        keys = "|".join(re.escape(f["key"]) for f in facets)
        self.pattern = re.compile(rf"^({keys}):(\S+)$", re.I)

    def value(self, key: str, value: str) -> str:
        return value.upper() if key in self.upper else value.lower()


def parse(query: str, facets: list[dict], filters: dict[str, list[str]] | None = None) -> Parsed:
    syntax = FilterSyntax(facets)
    words: list[str] = []
    wanted: dict[str, set[str]] = {}
    for part in query.split():
        found = syntax.pattern.match(part)
        if found:
            key = found.group(1).lower()
            wanted.setdefault(key, set()).update(
                syntax.value(key, v) for v in found.group(2).split(",") if v
            )
            continue
        for word in text.words(part):
            if word not in text.STOP_WORDS and word not in words:
                words.append(word)
    for key, values in (filters or {}).items():
        if values:
            wanted.setdefault(key, set()).update(syntax.value(key, v) for v in values)
    return Parsed(words, wanted)


@dataclass(frozen=True)
class Hit:
    ref: int
    doc: dict
    score: float
    matched: tuple[str, ...]  # the query's words this document contains


class Searcher:
    """One loaded index and its documents (the payload build.payload() makes)."""

    def __init__(self, payload: dict):
        self.index = Index.load(payload["config"]["index"])
        self.docs: list[dict] = payload["docs"]
        self.labels: dict[str, dict[str, str]] = payload["config"]["labels"]
        self.facets: list[dict] = payload["config"]["facets"]

    def search(
        self, query: str, filters: dict[str, list[str]] | None = None, limit: int | None = None
    ) -> list[Hit]:
        parsed = parse(query, self.facets, filters)
        if parsed.words:
            hits = self._ranked(parsed.words)
        elif not parsed.filters:
            return []
        else:
            hits = [
                Hit(ref, doc, 0.0, ())
                for ref, doc in sorted(
                    enumerate(self.docs),
                    key=lambda item: (item[1]["title"].casefold(), item[1]["location"]),
                )
            ]
        hits = [hit for hit in hits if _passes(hit.doc, parsed.filters)]
        return hits[:limit] if limit else hits

    def _ranked(self, words: list[str]) -> list[Hit]:
        stems = [text.stem(w) for w in words]
        query = self.index.create_query()
        for word, stem in zip(words, stems, strict=False):
            query.term(word, use_pipeline=True, boost=1)
            if len(stem) >= MIN_PREFIX:
                query.term(
                    stem, use_pipeline=False, boost=PREFIX_BOOST, wildcard=Query.WILDCARD_TRAILING
                )
        hits = []
        for result in self.index.query(query):
            found = set(result["match_data"].metadata)
            matched = tuple(
                w
                for w, s in zip(words, stems, strict=False)
                if s in found or (len(s) >= MIN_PREFIX and any(t.startswith(s) for t in found))
            )
            score = result["score"] * len(matched) / len(words)
            ref = int(result["ref"])
            hits.append(Hit(ref, self.docs[ref], round(score, 6), matched))
        hits.sort(key=lambda h: (-h.score, h.ref))
        return hits

    def label(self, key: str, value: str) -> str:
        return self.labels.get(key, {}).get(value, value)


def _passes(doc: dict, filters: dict[str, set[str]]) -> bool:
    for key, values in filters.items():
        have = {doc["type"]} if key == "type" else set(doc.get(key, ()))
        if not have & values:
            return False
    return True


def snippet(sections: list[tuple[str, str]], words: list[str], width: int = 28) -> str:
    """The stretch of `width` words of the text holding most of the query's words
    (by their terms, so "financing" shows "finance"); the opening if none is there."""
    stems = {text.stem(w) for w in words}
    prefix = words[-1] if words and len(words[-1]) >= MIN_PREFIX else None
    body = " ".join(t for _, t in sections).split()
    hits = [
        i
        for i, raw in enumerate(body)
        if (t := text.term(raw)) and (t in stems or (prefix and t.startswith(prefix)))
    ]
    if not hits:
        return _cut(body, 0, width)
    best, best_count = hits[0], 0
    for start in hits:
        seen = {text.term(body[i]) for i in hits if start <= i < start + width}
        if len(seen) > best_count:
            best, best_count = start, len(seen)
    return _cut(body, max(0, best - 4), width)


def _cut(body: list[str], start: int, width: int) -> str:
    part = " ".join(body[start : start + width])
    return ("… " if start else "") + part + (" …" if start + width < len(body) else "")
