"""Asking the index: query text and filters -> ranked hits with snippets.

The browser's worker (site_builder/render/assets/search/worker.js) follows the
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

import math
import re
from dataclasses import dataclass, field

from site_builder.search import text
from site_builder.search.shards import Shards, decode_postings

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
    ref: int  # the document's number: its place in title order
    score: float
    matched: tuple[str, ...]  # the query's words this document contains
    doc: dict = field(default_factory=dict)  # what a result shows (filled for those returned)


def js_round(value: float) -> float:
    """Six decimals as worker.js rounds them (Math.round: halves up)."""
    return math.floor(value * 1e6 + 0.5) / 1e6


class Searcher:
    """The sharded index (shards.py), asked as lunr would be asked.

    Per word: one clause for its term, boost 1, and one for every term starting with its
    stem, boost PREFIX_BOOST. A document's score is lunr's: per field, the sum over the
    query's terms of the clause boosts times the term's weight in that field, divided by
    the length of the query's vector; then summed over the fields. Only the shards
    holding the query's terms are read, and the blocks of the documents returned."""

    def __init__(self, shards: Shards):
        self.shards = shards
        meta = shards.meta
        self.labels: dict[str, dict[str, str]] = meta["labels"]
        self.facets: list[dict] = meta["facets"]
        self.count: int = meta["documents"]

    def search(
        self, query: str, filters: dict[str, list[str]] | None = None, limit: int | None = None
    ) -> list[Hit]:
        parsed = parse(query, self.facets, filters)
        if parsed.words:
            hits = self.ranked(parsed.words)
        elif not parsed.filters:
            return []
        else:  # documents are numbered in title order
            hits = [Hit(ref, 0.0, ()) for ref in range(self.count)]
        hits = [hit for hit in hits if self.passes(hit.ref, parsed.filters)]
        return [
            Hit(hit.ref, hit.score, hit.matched, self.shards.doc(hit.ref))
            for hit in (hits[:limit] if limit else hits)
        ]

    def query_vector(self, words: list[str]) -> tuple[dict[str, float], dict[str, list[str]]]:
        """term -> the sum of its clauses' boosts; term -> its postings per field."""
        boosts: dict[str, float] = {}
        postings: dict[str, list[str]] = {}
        for word in words:
            term = text.term(word)
            clauses = [(self.shards.exact(term) if term else {}, 1.0)]
            stem = text.stem(word)
            if len(stem) >= MIN_PREFIX:
                clauses.append((self.shards.prefixed(stem), PREFIX_BOOST))
            for found, boost in clauses:
                for t, posting in found.items():
                    boosts[t] = boosts.get(t, 0.0) + boost
                    postings[t] = posting
        return boosts, postings

    def ranked(self, words: list[str]) -> list[Hit]:
        boosts, postings = self.query_vector(words)
        if not boosts:
            return []
        terms = sorted(boosts)
        length = math.sqrt(sum(boosts[t] * boosts[t] for t in terms))
        stems = [text.stem(w) for w in words]
        per_field: list[dict[int, float]] = [{} for _ in self.shards.meta["fields"]]
        matched: dict[int, int] = {}  # document -> bit per word it contains
        for t in terms:
            boost = boosts[t]
            bits = sum(
                1 << i
                for i, s in enumerate(stems)
                if t == s or (len(s) >= MIN_PREFIX and t.startswith(s))
            )
            for field_scores, encoded in zip(per_field, postings[t], strict=True):
                if not encoded:
                    continue
                for doc, weight in decode_postings(encoded):
                    field_scores[doc] = field_scores.get(doc, 0.0) + boost * (weight / 1000)
                    matched[doc] = matched.get(doc, 0) | bits
        hits = []
        for doc, bits in matched.items():
            score = 0.0
            for field_scores in per_field:
                if doc in field_scores:
                    score += field_scores[doc] / length
            found = tuple(w for i, w in enumerate(words) if bits >> i & 1)
            hits.append(Hit(doc, js_round(score * len(found) / len(words)), found))
        hits.sort(key=lambda h: (-h.score, h.ref))
        return hits

    def documents(self) -> list[dict]:
        """What every result shows, in the index's order (all its blocks: for tests)."""
        return [self.shards.doc(ref) for ref in range(self.count)]

    def values(self, ref: int, key: str) -> list[str]:
        column = self.shards.column(key)
        return column.at(ref) if column else []

    def passes(self, ref: int, filters: dict[str, set[str]]) -> bool:
        return all(set(self.values(ref, key)) & wanted for key, wanted in filters.items())

    def label(self, key: str, value: str) -> str:
        return self.labels.get(key, {}).get(value, value)


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
