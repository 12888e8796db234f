"""All practices' list as compact data: what the filters of practices/index.html read
once the reader filters, types or asks for more (site_builder/render/assets/filters.js).

The page's HTML holds only its first screenful of practices (pages.PAGE_SIZE); this
file holds every practice, in the list's order (the handbook's: by title), with what a
row shows and what the filters and the text box read:

    window.handbookPracticeList = {
      "fields": ["id", "title", "organisation", "region"],
      "facets": [{"key": "ecosystem", "values": [["health", "Health"], ...]}, ...],
      "text": ["title", "organisation", "region", "country"],
      "practices": [["ribes-nest-veneto", "Regional ...", "RIBES ...", "Veneto",
                     [3], [17], [0, 1], [2], []], ...]
    };

A practice is its fields, then per facet (in ``facets`` order) the indexes of its
values in that facet's table: each value's code and label are written once, in the
facet's order, for the values the practices use. ``text`` names what the text box
searches, fields or facets (a facet by its labels). It is a script, not JSON: a page
opened from file:// can load a script but not fetch a file. There is no other copy.

Each practice's part is made by :func:`practice_part` from that practice and the
tables alone; a caller that remembers the parts (the adapter, per record) passes `part`.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from site_builder.core.facets import Facets, facets_for
from site_builder.core.model import Handbook, Practice

NAME = "data/practice-list.js"  # in the built site
GLOBAL = "handbookPracticeList"  # the variable the script sets
FIELDS = ("id", "title", "organisation", "region")
TEXT = ("title", "organisation", "region", "country")  # what the text box searches

Tables = dict[str, tuple[str, ...]]  # facet key -> its values, in the facet's order
# part(practice, make, shared): make(practice), or the same string made before from this
# practice and the same `shared` (the tables, as text)
Part = Callable[[Practice, Callable[[Practice], str], str], str]


def _made(p: Practice, make: Callable[[Practice], str], shared: str) -> str:
    return make(p)


def tables(handbook: Handbook, facets: Facets) -> Tables:
    """Per facet of the filters, the values the practices use, in the facet's order
    (the order of the filters' options)."""
    return {
        f.key: tuple(f.order({v for p in handbook.practices for v in f.values_of(p)}))
        for f in facets.filters
    }


def practice_part(p: Practice, facets: Facets, table: Tables) -> str:
    """One practice's entry: its fields, then its values' indexes per facet."""
    index = {key: {v: i for i, v in enumerate(values)} for key, values in table.items()}
    entry: list = [p.id, p.title, p.organisation, p.region or ""]
    entry += [[index[f.key][v] for v in f.values_of(p)] for f in facets.filters]
    return js_literal(entry)


def script(handbook: Handbook, part: Part = _made) -> str:
    """The whole file: the tables once, then one line per practice."""
    facets = facets_for(handbook.vocabularies)
    table = tables(handbook, facets)
    described = [
        {"key": f.key, "values": [[v, f.label(v)] for v in table[f.key]]} for f in facets.filters
    ]
    shared = js_literal(list(table.items()))  # what every part is made from besides its practice
    rows = ",\n".join(
        part(p, lambda p: practice_part(p, facets, table), shared) for p in handbook.practices
    )
    return (
        "/* All practices, for the filters of practices/index.html "
        "(made by site_builder/outputs/practice_list.py) */\n"
        f'window.{GLOBAL} = {{"fields": {js_literal(FIELDS)}, "facets": {js_literal(described)}, '
        f'"text": {js_literal(TEXT)},\n"practices": [\n{rows}\n]}};\n'
    )


def js_literal(value: object) -> str:
    """Compact JSON that is also a JavaScript literal (U+2028 and U+2029 escaped)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
