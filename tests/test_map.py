"""The map of Europe (issue 16, item 1): on the home page and the country view.

Without a browser: the committed geometry (its countries, its size, its note of source),
the shading's classes, the SVG made for given counts (links, titles, markers, countries
off the map, the same bytes for the same counts, a size that does not follow the
counts) and the keys of the pages that show it. In Chromium: a reader follows a country,
by mouse, by keyboard and with JavaScript off, finds Malta by its marker, and axe finds
nothing serious at 1,280 and 390 px; screenshots land in tests/screenshots/.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from site_builder.content.validate import load_handbook
from site_builder.core import urls
from site_builder.core.countries import COUNTRIES
from site_builder.render import europe_map
from site_builder.render.pages.planned import planned_pages
from tests.helpers.browser import blocking_violations
from tests.helpers.projects import PROJECT
from tests.helpers.sites import practices_of

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
# Europe as the brief names it: the EU, the EEA, the UK, Switzerland, the candidate
# countries (the Balkans, Ukraine, Moldova, Georgia, Turkey) and the microstates
EUROPE = [
    "AT",
    "BE",
    "BG",
    "HR",
    "CY",
    "CZ",
    "DK",
    "EE",
    "FI",
    "FR",
    "DE",
    "GR",
    "HU",
    "IE",
    "IT",
    "LV",
    "LT",
    "LU",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SK",
    "SI",
    "ES",
    "SE",
    "IS",
    "LI",
    "NO",
    "GB",
    "CH",
    "AL",
    "BA",
    "ME",
    "MK",
    "RS",
    "UA",
    "MD",
    "GE",
    "TR",
    "AD",
    "MC",
    "SM",
    "VA",
    "BY",
]
TINY = ("MT", "LU", "LI", "AD", "MC", "SM", "VA", "CY")


# -- the geometry -----------------------------------------------------------------------


def test_the_geometry_has_every_european_country_and_says_where_it_comes_from() -> None:
    data = json.loads(europe_map.GEOMETRY.read_text("utf-8"))
    codes = [c["code"] for c in data["countries"]]
    assert [c for c in EUROPE if c not in codes] == []
    assert codes == sorted(set(codes)) and set(codes) <= set(COUNTRIES)
    assert "Natural Earth" in data["source"]["data"] and "4.1.0" in data["source"]["data"]
    assert "public domain" in data["source"]["licence"]
    assert "world-atlas 2.0.2" in data["source"]["via"]
    assert "Lambert azimuthal equal-area" in data["projection"]
    assert europe_map.GEOMETRY.stat().st_size < 40_000  # simplified: a few tens of kB


def test_tiny_countries_are_marked_and_large_ones_drawn() -> None:
    shapes = {s.code: s for s in europe_map.geometry().shapes}
    assert [c for c in TINY if not shapes[c].small] == []
    for code in ("FR", "DE", "IT", "ES", "PL", "GB", "NO", "UA", "TR"):
        assert not shapes[code].small and len(shapes[code].d) > 100, code
    for s in shapes.values():  # inside the frame
        assert 0 <= s.at[0] <= europe_map.geometry().width, s.code
        assert 0 <= s.at[1] <= europe_map.geometry().height, s.code


@pytest.mark.parametrize("top", [0, 1, 2, 5, 6, 9, 17, 80, 5000])
def test_the_classes_cover_every_count_once_in_at_most_five_shades(top: int) -> None:
    bounds = europe_map.classes(top)
    assert len(bounds) <= europe_map.CLASSES
    covered = [n for low, high in bounds for n in range(low, high + 1)]
    assert covered == list(range(1, top + 1))
    assert [europe_map.shade(n, bounds) for n in (0, top)] == [0, len(bounds)]


# -- the SVG ----------------------------------------------------------------------------


def link(code: str) -> str:
    return f"countries/{code.lower()}.html"


def test_a_country_with_practices_is_a_titled_link_and_one_without_is_grey() -> None:
    svg = europe_map.svg("m", {"IT": 9, "MT": 1, "US": 2}, link)
    assert (
        '<a href="countries/it.html" class="hb-map__link" data-country="IT">'
        '<title>Italy: 9 practices</title><path class="hb-map__c hb-map__c--'
    ) in svg
    malta = re.search(r'<a href="countries/mt.html"[^>]*>(.*?)</a>', svg)
    assert malta and "<title>Malta: 1 practice</title>" in malta[1]
    assert '<circle class="hb-map__c hb-map__c--1 hb-map__marker"' in malta[1]
    assert '<g data-country="FR"><title>France: no practices</title>' in svg
    assert svg.count("<a ") == 2  # the US is not on the map, but said to be missing
    assert "Not on the map: United States (2)." in svg
    # the small countries' links come last: their markers lie above the neighbours
    assert svg.index('data-country="MT"') > svg.index('data-country="IT"')


def test_the_map_is_the_same_for_the_same_counts_and_its_size_does_not_follow_them() -> None:
    few = {"IT": 9, "FR": 9, "RO": 9, "CZ": 7}
    many = {code: n * 1000 for code, n in few.items()}
    assert europe_map.svg("m", few, link) == europe_map.svg("m", dict(reversed(few.items())), link)
    assert abs(len(europe_map.svg("m", many, link)) - len(europe_map.svg("m", few, link))) < 200


def test_the_legend_says_no_practices_and_each_class() -> None:
    svg = europe_map.svg("m", {"IT": 9, "FR": 1}, link)
    legend = re.findall(r'hb-map__c--(\d)" aria-hidden="true"></span>([^<]+)</li>', svg)
    assert legend == [("0", "No practices"), ("1", "1"), ("2", "2"), ("3", "3"),
                      ("4", "4–5"), ("5", "6–9")]  # fmt: skip


# -- the pages and their keys -----------------------------------------------------------


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(PROJECT)


def keys(handbook) -> dict[str, str]:
    return {p.src_uri: p.key for p in planned_pages(handbook, {}, [], urls.Urls())}


def test_the_pages_with_the_map_change_key_with_the_counts_per_country(handbook) -> None:
    before = keys(handbook)
    first = handbook.practices[0]
    moved = replace(first, country="MT" if first.country != "MT" else "LU")
    after = keys(replace(handbook, practices=(moved, *handbook.practices[1:])))
    for src in (urls.HOME, "countries/index.md"):
        assert before[src] != after[src], src


def test_the_home_page_and_the_country_view_show_the_map_with_its_table(handbook) -> None:
    by_src = {p.src_uri: p for p in planned_pages(handbook, {}, [], urls.Urls())}
    home = by_src[urls.HOME].page().html
    view = by_src["countries/index.md"].page().html
    for html in (home, view):
        assert html.count('<svg class="hb-map__svg"') == 1
        assert '<a href="countries/it.html" class="hb-map__link"' in html or (
            '<a href="it.html" class="hb-map__link"' in html
        )
    assert "The map as a table" in home and '<th scope="col">Practices</th>' in home
    assert 'href="#hb-counts-table"' in view and 'id="hb-counts-table"' in view
    assert by_src["ecosystems/index.md"].page().html.count("hb-map__svg") == 0


# -- in Chromium --------------------------------------------------------------------------


def country_counts(edited_site: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for p in practices_of(edited_site):
        counts[p["country"]] = counts.get(p["country"], 0) + 1
    return counts


def name_of(code: str, count: int) -> str:
    return f"{COUNTRIES[code]}: {count} practice{'' if count == 1 else 's'}"


def map_link(page: Page, code: str, count: int):
    return page.locator("svg.hb-map__svg").get_by_role("link", name=name_of(code, count))


@pytest.mark.browser
@pytest.mark.parametrize("start", ["index.html", "countries/index.html"])
def test_a_reader_follows_a_country_on_the_map_to_its_page(
    page: Page, edited_server, edited_site, start
):
    counts = country_counts(edited_site)
    page.goto(edited_server + start)
    top = max(counts, key=lambda c: (counts[c], c))
    map_link(page, top, counts[top]).click()
    expect(page).to_have_url(edited_server + f"countries/{top.lower()}.html")
    expect(page.locator("#hb-view-list > li")).to_have_count(counts[top])
    assert page.console_errors == []


@pytest.mark.browser
def test_malta_is_found_by_its_marker_and_leads_to_its_practice(
    page: Page, edited_server, edited_site
):
    page.goto(edited_server + "index.html")
    marker = page.locator('a[data-country="MT"] circle')
    marker.scroll_into_view_if_needed()
    box = marker.bounding_box()
    assert box is not None and box["width"] >= 8 and box["height"] >= 8
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page).to_have_url(edited_server + "countries/mt.html")
    expect(page.locator("#hb-view-list > li")).to_have_count(1)


@pytest.mark.browser
def test_the_keyboard_reaches_every_country_with_practices_and_shows_its_focus(
    page: Page, edited_server, edited_site
):
    counts = country_counts(edited_site)
    page.goto(edited_server + "countries/index.html")
    reached: list[str] = []
    for _ in range(200):
        page.keyboard.press("Tab")
        code = page.evaluate("document.activeElement.getAttribute('data-country')")
        if code:
            reached.append(code)
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            stroke = page.evaluate(
                "getComputedStyle(document.activeElement.querySelector('.hb-map__c')).strokeWidth"
            )
            assert outline == "solid" and stroke == "3px", code
        elif reached:
            break
    assert sorted(reached) == sorted(counts)
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/countries/[a-z]{2}\.html$"))


@pytest.mark.browser
def test_with_javascript_off_the_map_still_links_and_from_file_urls_too(browser, edited_site):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto((edited_site / "index.html").as_uri())
    counts = country_counts(edited_site)
    map_link(tab, "IT", counts["IT"]).click()
    expect(tab).to_have_url((edited_site / "countries/it.html").as_uri())
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_nothing_serious_on_the_maps_and_the_screenshots_are_taken(
    browser, edited_server, width
):
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    axe = Axe()
    for path, name in (("index.html", "map-home"), ("countries/index.html", "map-countries")):
        tab.goto(edited_server + path, wait_until="networkidle")
        assert blocking_violations(axe, tab) == "", path
        assert tab.evaluate("document.documentElement.scrollWidth") <= width, path
        tab.locator(".hb-map-block").screenshot(path=SCREENSHOTS / f"{name}-{width}.png")
    context.close()
