"""The search index in shards: a query reads the few files it needs, never the whole.

The site's browser and `handbook search` read the same files (search/index/ in the
site, the command line's cache folder), each a script that a page can load from
``file://`` and a worker over http: ``handbookSearch(<JSON>)``. There is one copy.

- ``meta.js``: the configuration (facets, labels, field boosts), the number of
  documents, the first term of every term shard, the document block size, and the
  columns of the facets shown above the results (their counts cover every result);
- ``t<n>.js``: a range of terms in sorted order, with their postings: per field, the
  documents holding the term and its weight there. Ranges are cut at about
  SHARD_BYTES, so a term is found by its range, and the terms a prefix expands to
  (``hydro`` -> hydrogen, hydropow) sit side by side in one or two shards;
- ``d<n>.js``: what results show (title, address, organisation, region, teaser,
  facet values) for BLOCK documents in a row;
- ``f-<facet>.js``: a column of a facet only filtered by (helix:academia), loaded
  when a query filters by it.

Documents are numbered in title order: a query of filters only lists documents by
title, which is then their number, and its first results sit in the first blocks.

The weights are lunr's, as lunr.py's builder computes them (BM25 per field: k1 1.2,
b 0.75, lunr's idf, times the field's boost, rounded to three decimals), stored as
integers in thousandths: a search scores a document exactly as a lunr.js index of the
same documents would (query.py). A posting list is a base64 string of unsigned
varints, two per document: the distance from the previous document, then the
weight. Common terms have small weights and close documents: about two bytes each.
"""

from __future__ import annotations

import base64
import bisect
import json
import math
import weakref
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from site_builder.search import text
from site_builder.search.documents import SearchDocument, fields

FIELDS = ("title", "organisation", "tags", "body")
BOOSTS = {"title": 10, "organisation": 6, "tags": 3, "body": 1}
K1, B = 1.2, 0.75  # lunr's defaults
SHARD_BYTES = 24_000  # a term shard's size, about: a few round trips' worth
BLOCK = 16  # documents per block of what results show
CALL = "handbookSearch("  # each file: CALL + JSON + ")\n"


# -- encoding -------------------------------------------------------------------------
def _varint(n: int) -> bytes:
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


@cache
def _small() -> list[bytes]:
    """The varints of the numbers under 2**14, one or two bytes: nearly every number."""
    return [_varint(n) for n in range(0x4000)]


def varints(numbers: Iterable[int]) -> bytes:
    """Unsigned LEB128: seven bits a byte, low first, the high bit set on all but the last."""
    numbers = list(numbers)
    if not numbers or max(numbers) < 0x80:  # common terms: close documents, small weights
        return bytes(numbers)
    small = _small()
    return b"".join([small[n] if n < 0x4000 else _varint(n) for n in numbers])


def unvarints(data: bytes) -> list[int]:
    numbers, n, shift = [], 0, 0
    for byte in data:
        n |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
        else:
            numbers.append(n)
            n, shift = 0, 0
    return numbers


def encode_postings(docs: list[int], weights: list[int]) -> str:
    """Documents (ascending) and their weights in thousandths -> base64 text."""
    deltas = [b - a for a, b in zip([-1, *docs], docs, strict=False)]
    numbers = [n for pair in zip(deltas, weights, strict=True) for n in pair]
    return base64.b64encode(varints(numbers)).decode("ascii")


def decode_postings(encoded: str) -> list[tuple[int, int]]:
    numbers = unvarints(base64.b64decode(encoded))
    doc, pairs = -1, []
    for i in range(0, len(numbers), 2):
        doc += numbers[i]
        pairs.append((doc, numbers[i + 1]))
    return pairs


def script(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return CALL + text + ")\n"


def unscript(content: str) -> dict:
    if not content.startswith(CALL) or not content.endswith(")\n"):
        raise ValueError("not a handbook search file")
    return json.loads(content[len(CALL) : -2])


# -- building -------------------------------------------------------------------------
def title_order(docs: list[SearchDocument]) -> list[SearchDocument]:
    return sorted(docs, key=lambda d: (d.title.casefold(), d.location))


_counted: weakref.WeakKeyDictionary[SearchDocument, tuple[Counter[str], ...]] = (
    weakref.WeakKeyDictionary()
)


def field_terms(doc: SearchDocument) -> tuple[Counter[str], ...]:
    """Per field, its terms and how often each occurs; remembered while the document
    lives (the artefacts keep an unchanged practice's document from build to build)."""
    found = _counted.get(doc)
    if found is None:
        found = _counted[doc] = tuple(text.term_counts(v) for v in fields(doc).values())
    return found


def remember_terms(doc: SearchDocument, counts: tuple[Counter[str], ...]) -> None:
    """What field_terms(doc) gives, as stored with it (search/entries.py)."""
    _counted[doc] = counts


def weights(docs: list[SearchDocument]) -> list[dict[str, tuple[list[int], list[int]]]]:
    """Per field, term -> (documents, weights in thousandths): lunr.py's builder's field
    vectors (builder.py's _create_field_vectors), inverted, with its arithmetic in its
    order."""
    counts = [field_terms(doc) for doc in docs]
    n = len(docs)
    pairs: Counter[str] = Counter()  # lunr's idf counts (document, field) pairs
    for per_field in counts:
        for found in per_field:
            pairs.update(found.keys())
    idf = {t: math.log(1 + abs((n - c + 0.5) / (c + 0.5))) for t, c in pairs.items()}
    postings: list[dict[str, tuple[list[int], list[int]]]] = []
    for i, name in enumerate(FIELDS):
        boost, k2, idf_of = BOOSTS[name], K1 + 1, idf.__getitem__
        lengths = [per_field[i].total() for per_field in counts]
        mean = sum(lengths) / n if n else 0.0
        by_term: dict[str, tuple[list[int], list[int]]] = {}
        get = by_term.get
        for ref, per_field in enumerate(counts):
            found = per_field[i]
            if not found:
                continue
            norm = K1 * (1 - B + B * (lengths[ref] / mean))
            for term, tf in found.items():
                entry = get(term)
                if entry is None:
                    entry = by_term[term] = ([], [])
                entry[0].append(ref)
                entry[1].append(int(idf_of(term) * (k2 * tf) / (norm + tf) * boost * 1000 + 0.5))
        postings.append(by_term)
    return postings


def columns(displayed: list[dict], facets: list[dict]) -> dict[str, dict]:
    """Per facet, every document's values: ``{"values": [...], "single": bool,
    "data": base64}``; single-valued facets one byte per document (0: none, else the
    value's place + 1), others a bit per value (ceil(values / 8) bytes per document)."""
    result = {}
    for facet in facets:
        key = facet["key"]
        own = [[d["type"]] if key == "type" else list(d.get(key, ())) for d in displayed]
        values = sorted({v for vs in own for v in vs})
        place = {v: i for i, v in enumerate(values)}
        single = all(len(vs) <= 1 for vs in own) and len(values) < 255
        data = bytearray()
        width = (len(values) + 7) // 8
        for vs in own:
            if single:
                data.append(place[vs[0]] + 1 if vs else 0)
            else:
                mask = sum(1 << place[v] for v in vs)
                data += mask.to_bytes(width, "little")
        result[key] = {
            "values": values,
            "single": single,
            "data": base64.b64encode(bytes(data)).decode("ascii"),
        }
    return result


@dataclass(frozen=True)
class Column:
    """A facet's column, decoded (what worker.js's Column does)."""

    values: list[str]
    single: bool
    data: bytes

    @classmethod
    def of(cls, column: dict) -> Column:
        return cls(column["values"], column["single"], base64.b64decode(column["data"]))

    def at(self, ref: int) -> list[str]:
        """The values of the document `ref`."""
        if self.single:
            code = self.data[ref]
            return [self.values[code - 1]] if code else []
        width = (len(self.values) + 7) // 8
        mask = int.from_bytes(self.data[ref * width : (ref + 1) * width], "little")
        return [v for i, v in enumerate(self.values) if mask >> i & 1]


def files(
    docs: list[SearchDocument],
    config: dict,
    display: Callable[[SearchDocument], dict],
) -> dict[str, str]:
    """Every file of the index, by name: documents in title order (`docs` in any)."""
    ordered = title_order(docs)
    postings = weights(ordered)
    every = sorted({term for field_postings in postings for term in field_postings})
    displayed = [display(doc) for doc in ordered]
    out: dict[str, str] = {}
    firsts: list[str] = []
    shard: dict[str, list] = {"terms": [], "postings": []}
    size = 0

    def close() -> None:
        out[f"t{len(firsts) - 1}.js"] = script(shard)

    for term in every:
        encoded = [
            encode_postings(*field_postings[term]) if term in field_postings else ""
            for field_postings in postings
        ]
        cost = len(term) + sum(len(e) for e in encoded) + 12
        if not firsts or size + cost > SHARD_BYTES:
            if firsts:
                close()
            firsts.append(term)
            shard, size = {"terms": [], "postings": []}, 0
        shard["terms"].append(term)
        shard["postings"].append(encoded)
        size += cost
    if firsts:
        close()
    for start in range(0, len(displayed), BLOCK):
        out[f"d{start // BLOCK}.js"] = script({"docs": displayed[start : start + BLOCK]})
    facets = config["facets"]
    made = columns(displayed, facets)
    for facet in facets:
        if not facet["shown"]:
            out[f"f-{facet['key']}.js"] = script({"column": made[facet["key"]]})
    out["meta.js"] = script(
        {
            **config,
            "documents": len(ordered),
            "block": BLOCK,
            "shards": firsts,
            "fields": list(FIELDS),
            "columns": {f["key"]: made[f["key"]] for f in facets if f["shown"]},
        }
    )
    return out


# -- reading --------------------------------------------------------------------------
MAX_PREFIX_SHARDS = 3  # a prefix expands over the terms of at most this many shards


@dataclass
class Shards:
    """The index's files, each read once when first needed (`read(name)` -> its text)."""

    read: Callable[[str], str]

    def __post_init__(self) -> None:
        self._loaded: dict[str, dict] = {}
        self._columns: dict[str, Column] = {}
        self.meta = self.file("meta.js")

    def file(self, name: str) -> dict:
        if name not in self._loaded:
            self._loaded[name] = unscript(self.read(name))
        return self._loaded[name]

    @property
    def names(self) -> list[str]:
        """The files read so far."""
        return list(self._loaded)

    def _shard(self, number: int) -> dict:
        return self.file(f"t{number}.js")

    def exact(self, term: str) -> dict[str, list[str]]:
        """{term: its encoded postings per field}, or {} when no document holds it."""
        firsts = self.meta["shards"]
        number = bisect.bisect_right(firsts, term) - 1
        if number < 0:
            return {}
        shard = self._shard(number)
        at = bisect.bisect_left(shard["terms"], term)
        if at < len(shard["terms"]) and shard["terms"][at] == term:
            return {term: shard["postings"][at]}
        return {}

    def prefixed(self, prefix: str) -> dict[str, list[str]]:
        """The terms starting with `prefix` in the first MAX_PREFIX_SHARDS shards that can
        hold any, in term order."""
        firsts = self.meta["shards"]
        number = max(bisect.bisect_right(firsts, prefix) - 1, 0)
        found: dict[str, list[str]] = {}
        for n in range(number, min(number + MAX_PREFIX_SHARDS, len(firsts))):
            if n > number and not firsts[n].startswith(prefix):
                break
            shard = self._shard(n)
            at = bisect.bisect_left(shard["terms"], prefix)
            for term, posting in zip(shard["terms"][at:], shard["postings"][at:], strict=True):
                if not term.startswith(prefix):
                    break
                found[term] = posting
        return found

    def doc(self, ref: int) -> dict:
        block = self.meta["block"]
        return self.file(f"d{ref // block}.js")["docs"][ref % block]

    def column(self, key: str) -> Column | None:
        """A facet's column: in meta.js if shown, else read from its own file."""
        if key not in self._columns:
            if key in self.meta["columns"]:
                self._columns[key] = Column.of(self.meta["columns"][key])
            elif any(f["key"] == key for f in self.meta["facets"]):
                self._columns[key] = Column.of(self.file(f"f-{key}.js")["column"])
            else:
                return None
        return self._columns[key]
