"""The coverage matrix: how many practices each ecosystem has per helix role and per
country, and so where there is nothing yet.

Two tables, each an ecosystem per row (every ecosystem of the vocabulary, practices or
not) and a column per helix role of the vocabulary, or per country with practices. A
cell counts the practices that carry both its row's and its column's value, which is
what All practices lists with those two values ticked (filters.js: the facets narrow
the list, AND), so every cell with practices links there with its two values in the
query string (``?ecosystem=health&helix=academia``, the keys of the facets). A cell of
0 is a gap: no link (it would list nothing), a style of its own, and "0" to read.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from site_builder.core import urls
from site_builder.core.facets import Facet, Facets, group
from site_builder.core.model import Practice

SRC = urls.COVERAGE
TITLE = "Coverage"


@dataclass(frozen=True)
class Matrix:
    id: str  # its heading's and table's id
    title: str
    rows: Facet
    columns: Facet
    row_values: tuple[str, ...]
    column_values: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]  # counts[row][column]

    def query(self, row: str, column: str) -> str:
        """All practices' query string for one cell: its two values ticked."""
        return "?" + urlencode([(self.rows.key, row), (self.columns.key, column)])

    def key(self) -> list:
        """What the table shows, for its page's key."""
        return [self.id, self.rows.key, self.columns.key, self.row_values,
                self.column_values, self.counts]  # fmt: skip


def matrix(
    matrix_id: str,
    title: str,
    practices: tuple[Practice, ...],
    rows: Facet,
    columns: Facet,
    column_values: tuple[str, ...],
) -> Matrix:
    row_values = tuple(rows.vocabulary) if rows.vocabulary is not None else ()
    by_row = group(practices, rows)
    counts = tuple(
        tuple(sum(1 for p in by_row.get(r, ()) if c in columns.values_of(p)) for c in column_values)
        for r in row_values
    )
    return Matrix(matrix_id, title, rows, columns, row_values, column_values, counts)


def matrices(practices: tuple[Practice, ...], facets: Facets) -> list[Matrix]:
    """Ecosystem × helix role (every role of the vocabulary), ecosystem × country (every
    country with practices, in the country facet's order)."""
    ecosystem, helix, country = facets.ecosystem, facets.helix, facets.country
    assert helix.vocabulary is not None
    return [
        matrix(
            "by-helix",
            f"{ecosystem.title} by {helix.singular.lower()}",
            practices,
            ecosystem,
            helix,
            tuple(helix.vocabulary),
        ),
        matrix(
            "by-country",
            f"{ecosystem.title} by country",
            practices,
            ecosystem,
            country,
            tuple(group(practices, country)),
        ),
    ]
