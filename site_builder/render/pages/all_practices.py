"""All practices: page 1 with the filters, then a static page per further slice."""

from __future__ import annotations

from site_builder.core import urls
from site_builder.core.facets import Facets, group
from site_builder.core.model import Practice
from site_builder.outputs import export_selection, feeds, practice_list
from site_builder.render.pages.framework import PageContext, Planned, rendered

PAGE_SIZE = 50
"""Practices per static page of All practices, and so all that page 1's HTML lists: its
first screenful. A phone shows some 8 rows below the filters' titles, a desktop some 15:
50 is a few screens of reading before the list needs its data (filters.js loads it when
the reader filters, types or asks for more), for some 17 kB of rows and 150 elements at
any size of handbook, where a reader without JavaScript has 100 pages at 5,000."""
MORE = 200  # practices filters.js lists at once after a filter, and adds per "more"


def filter_options(
    practices: tuple[Practice, ...], facets: Facets
) -> dict[str, list[tuple[str, int]]]:
    return {f.key: [(v, len(ps)) for v, ps in group(practices, f).items()] for f in facets.filters}


def all_practices_pages(context: PageContext, whole_pdf: str | None = None) -> list[Planned]:
    """All practices: page 1, with the filters and the first PAGE_SIZE practices, then a
    static page per further PAGE_SIZE practices in title order (the list without
    JavaScript), each kept as long as its own slice of the list is the same. Page 1
    prints what it lists, and offers `whole_pdf` (the whole handbook's PDF, if built)."""
    practices = context.handbook.practices
    slices = [practices[i : i + PAGE_SIZE] for i in range(0, len(practices), PAGE_SIZE)]
    slices = slices or [()]
    return [
        _all_practices_first(context, slices[0], len(slices), whole_pdf),
        *(
            _all_practices_further(context, number, len(slices), part)
            for number, part in enumerate(slices[1:], start=2)
        ),
    ]


def pagination(number: int, count: int) -> dict:
    """What page `number` of `count` links to: the previous and next pages, the first
    and last, and two either side of its own; None where numbers are left out."""
    shown = sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
    numbers: list[tuple[int, str] | None] = []
    for before, n in zip([0, *shown], shown, strict=False):
        if n > before + 1:
            numbers.append(None)
        numbers.append((n, urls.all_practices_src(n)))
    return {
        "number": number,
        "count": count,
        "previous": urls.all_practices_src(number - 1) if number > 1 else None,
        "next": urls.all_practices_src(number + 1) if number < count else None,
        "numbers": numbers,
    }


def _all_practices_first(
    context: PageContext, first: tuple[Practice, ...], count: int, whole_pdf: str | None
) -> Planned:
    handbook = context.handbook
    options = filter_options(handbook.practices, context.facets)
    total, country_count = len(handbook.practices), handbook.country_count()
    return rendered(
        context,
        urls.ALL_PRACTICES,
        "All practices",
        "all_practices.html",
        context.key("all", context.rows(first), options, country_count, total, count, whole_pdf),
        meta={"hide": ["toc"]},
        head="view_head.html",
        feed=feeds.whole(context.edition),
        practices=first,
        total=total,
        options=options,
        country_count=country_count,
        pages=pagination(1, count),
        more=MORE,
        row_template=context.row_template(urls.ALL_PRACTICES),
        list_src=practice_list.NAME,
        whole_pdf=whole_pdf,
        export_csv=export_selection.CSV,
        export_json=export_selection.JSON,
    )


def _all_practices_further(
    context: PageContext, number: int, count: int, practices: tuple[Practice, ...]
) -> Planned:
    src = urls.all_practices_src(number)
    total = len(context.handbook.practices)
    return rendered(
        context,
        src,
        f"All practices, page {number} of {count}",
        "all_practices_page.html",
        context.key("all-page", number, count, total, context.rows(practices)),
        meta={"hide": ["toc"]},
        practices=practices,
        start=(number - 1) * PAGE_SIZE + 1,
        total=total,
        pages=pagination(number, count),
    )
