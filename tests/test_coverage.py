"""The coverage matrix (issue 16, item 2): ecosystem × helix role, ecosystem × country.

Without a browser: the counts against a count of the published records, every ecosystem
and helix role of the vocabulary present, zeros as gaps without links, each cell's link
with its two values (escaped, with and without directory URLs), the page's key, the
links from the home page and the statistics. In Chromium: a reader follows cells of
both tables, over http and from file://, and All practices then lists exactly that
cell's practices; the tables work with JavaScript off; on a phone the wide table
scrolls in a focusable region; axe finds nothing serious; screenshots are taken.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from site_builder.content.validate import load_handbook
from site_builder.core import urls
from site_builder.core.facets import facets_for
from site_builder.render import coverage
from site_builder.render.pages.planned import planned_pages
from tests.helpers.browser import blocking_violations, loaded
from tests.helpers.projects import PROJECT
from tests.helpers.sites import practices_of

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(PROJECT)


def cell_count(practices, row_key: str, row: str, column_key: str, column: str) -> int:
    fields = {"ecosystem": "ecosystems", "helix": "helix", "country": "country"}

    def has(p, key, value):
        own = getattr(p, fields[key])
        return value == own if isinstance(own, str) else value in own

    return sum(1 for p in practices if has(p, row_key, row) and has(p, column_key, column))


def test_the_counts_are_those_of_the_records_and_every_vocabulary_value_is_there(handbook):
    facets = facets_for(handbook.vocabularies)
    by_helix, by_country = coverage.matrices(handbook.practices, facets)
    assert by_helix.row_values == tuple(handbook.vocabularies.ecosystems)
    assert by_helix.column_values == tuple(handbook.vocabularies.helix)
    assert by_country.row_values == tuple(handbook.vocabularies.ecosystems)
    assert set(by_country.column_values) == {p.country for p in handbook.practices}
    for m in (by_helix, by_country):
        for i, row in enumerate(m.row_values):
            for j, column in enumerate(m.column_values):
                expected = cell_count(handbook.practices, "ecosystem", row, m.columns.key, column)
                assert m.counts[i][j] == expected, (m.id, row, column)
    assert any(0 in row for row in by_country.counts)  # the real handbook has gaps


@pytest.mark.parametrize("directory_urls", [False, True])
def test_a_cell_with_practices_links_to_all_practices_with_its_two_values(handbook, directory_urls):
    site_urls = urls.Urls(directory_urls)
    by_src = {p.src_uri: p for p in planned_pages(handbook, {}, [], site_urls)}
    html = by_src[coverage.SRC].page().html
    to_all = site_urls.link(urls.ALL_PRACTICES, coverage.SRC)
    cells = re.findall(r'<td><a href="([^"]+)">(\d+)<span', html)
    gaps = re.findall(r'<td class="hb-cover__gap">0</td>', html)
    facets = facets_for(handbook.vocabularies)
    matrices = coverage.matrices(handbook.practices, facets)
    assert len(cells) == sum(1 for m in matrices for row in m.counts for n in row if n)
    assert len(gaps) == sum(1 for m in matrices for row in m.counts for n in row if not n)
    for href, count in cells:
        target = urlsplit(html_lib.unescape(href))
        assert target.path == to_all
        (row_key, row), (column_key, column) = parse_qsl(target.query)
        assert row_key == "ecosystem" and column_key in ("helix", "country")
        assert int(count) == cell_count(handbook.practices, row_key, row, column_key, column)
    assert "&amp;" in cells[0][0]  # the query's & escaped in the attribute


def test_the_tables_have_captions_and_scoped_headers(handbook) -> None:
    by_src = {p.src_uri: p for p in planned_pages(handbook, {}, [], urls.Urls())}
    html = by_src[coverage.SRC].page().html
    assert html.count("<caption") == 2
    assert html.count('role="region"') == 2 and html.count('tabindex="0"') == 2
    assert '<th scope="row">' in html and '<th scope="col"' in html
    assert '<span class="hb-visually-hidden">Italy</span>' in html  # a code read as a name
    for src in (urls.HOME, urls.STATISTICS):
        assert 'href="coverage.html"' in by_src[src].page().html, src


def test_the_pages_key_changes_with_a_cell(handbook) -> None:
    def key(h) -> str:
        return next(p.key for p in planned_pages(h, {}, [], urls.Urls()) if
                    p.src_uri == coverage.SRC)  # fmt: skip

    first = handbook.practices[0]
    other = next(e for e in handbook.vocabularies.ecosystems if e not in first.ecosystems)
    moved = replace(first, ecosystems=(other,))
    assert key(handbook) != key(replace(handbook, practices=(moved, *handbook.practices[1:])))
    assert key(handbook) == key(handbook)


# -- in Chromium --------------------------------------------------------------------------


def values(p: dict, key: str) -> list[str]:
    return {"ecosystem": p["ecosystems"], "helix": p["helix"], "country": [p["country"]]}[key]


def chosen_cells(page: Page) -> list[str]:
    """The first, the largest and the last cell with practices of each table: hrefs."""
    chosen = []
    for table in ("#by-helix-table", "#by-country-table"):
        links = page.locator(f"{table} td a")
        counts = [int(t.split()[0]) for t in links.all_inner_texts()]
        for index in {0, counts.index(max(counts)), len(counts) - 1}:
            chosen.append(links.nth(index).get_attribute("href"))
    return chosen


def follow_cells(page: Page, start: str, practices: list[dict]) -> int:
    page.goto(start)
    hrefs = chosen_cells(page)
    for href in hrefs:
        page.goto(start)
        cell = page.locator(f'td a[href="{href}"]')
        count = int(cell.inner_text().split()[0])
        cell.click()
        loaded(page)
        (row_key, row), (column_key, column) = parse_qsl(urlsplit(page.url).query)
        wanted = sorted(
            p["id"]
            for p in practices
            if row in values(p, row_key) and column in values(p, column_key)
        )
        assert len(wanted) == count, href
        expect(page.locator("#hb-status")).to_have_text(
            f"Showing {count} of {len(practices)} practices."
        )
        shown = page.locator("#hb-results > li").evaluate_all("li => li.map(x => x.dataset.id)")
        assert sorted(shown) == wanted, href
    return len(hrefs)


@pytest.mark.browser
def test_a_cell_leads_to_exactly_its_practices_over_http(page: Page, edited_server, edited_site):
    assert follow_cells(page, edited_server + "coverage.html", practices_of(edited_site)) >= 4
    assert page.console_errors == []


@pytest.mark.browser
def test_a_cell_leads_to_exactly_its_practices_from_file_urls(page: Page, edited_site):
    start = (edited_site / "coverage.html").as_uri()
    assert follow_cells(page, start, practices_of(edited_site)) >= 4
    assert page.console_errors == []


@pytest.mark.browser
def test_with_javascript_off_the_tables_are_there_and_their_links_too(browser, edited_site):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto((edited_site / "coverage.html").as_uri())
    expect(tab.get_by_role("table")).to_have_count(2)
    gaps = tab.locator("td.hb-cover__gap")
    assert gaps.count() > 0 and set(gaps.all_inner_texts()) == {"0"}
    assert tab.locator("td a").count() > 0
    context.close()


SCROLLED_AND_AT_REST = """region => new Promise(done => {
  const frame = () => new Promise(next => requestAnimationFrame(next));
  frame().then(() => { const before = region.scrollLeft;
    frame().then(() => done(before > 0 && region.scrollLeft === before)); });
})"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_on_any_screen_the_matrix_fits_scrolls_in_its_region_and_axe_is_clean(
    browser, edited_server, width
):
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.goto(edited_server + "coverage.html", wait_until="networkidle")
    assert blocking_violations(Axe(), tab) == ""
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    region = tab.locator(".hb-cover").nth(1)
    wide = region.evaluate("r => r.scrollWidth > r.clientWidth")
    assert wide == (width == 390)  # the country table scrolls on a phone, not on a desktop
    if wide:  # the first column stays readable while the table scrolls
        region.focus()  # a keyboard scrolls it: the region takes the focus
        for _ in range(5):
            tab.keyboard.press("ArrowRight")
        # the browser scrolls smoothly, over several frames: wait until it has scrolled
        # and come to rest (the same offset two frames running), however busy the machine
        tab.wait_for_function(SCROLLED_AND_AT_REST, arg=region.element_handle())
        first = region.locator("tbody th").first.bounding_box()
        box = region.bounding_box()
        assert first is not None and box is not None and abs(first["x"] - box["x"]) < 3
    tab.screenshot(path=SCREENSHOTS / f"coverage-{width}.png", full_page=True)
    context.close()
