"""All practices stays light at any size (issue 14, item 4).

Its HTML holds the first screenful of practices (all_practices.PAGE_SIZE), whatever the size of
the handbook; the whole list is data/practice-list.js, loaded only once the reader
filters, types or asks for more, or opens a URL with filters, over http and from file://;
the filters and counts still cover every practice; the rows the script lists are the
page's own HTML, every value escaped. Without JavaScript the list is a set of static
pages with a pagination nav. Nothing moves when the filters start.

The browser tests use a synthetic handbook of more than three pages (benchmarks/corpus.py),
one of whose practices has markup in its title and organisation. The expected lists and
counts are computed from data/practices.json, apart from the site's JavaScript.
"""

from __future__ import annotations

import html
import json
import math
import posixpath
import re
import time
import zipfile
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from mkdocs.structure.files import InclusionLevel
from playwright.sync_api import Page, expect

from site_builder.adapter.files import inclusion
from site_builder.content.validate import load_handbook
from site_builder.core import urls
from site_builder.core.facets import facets_for
from site_builder.core.model import Handbook
from site_builder.outputs import offline_zip, practice_list
from site_builder.render.pages import all_practices
from site_builder.render.pages.framework import PageContext
from tests.helpers.browser import (
    FACETS,
    blocking_violations,
    by_count,
    expect_status,
    expected,
    expected_counts,
    listed,
    listed_in_order,
    loaded,
    overlapping,
    serving,
    shown_counts,
    tick,
)
from tests.helpers.projects import PROJECT
from tests.helpers.sites import LIGHT_SIZE, MARKUP_ORGANISATION, MARKUP_TITLE

LIST = practice_list.NAME


# -- without a browser: the page at any size, its pages, its data ---------------------


def handbook_of(n: int) -> Handbook:
    """The real handbook's practices, repeated to `n` with their own ids and titles."""
    real = load_handbook(PROJECT)
    made = [
        replace(p, id=f"{p.id}-{i}", title=f"{p.title} {i:05d}")
        for i, p in ((i, real.practices[i % len(real.practices)]) for i in range(n))
    ]
    made.sort(key=lambda p: (p.title.casefold(), p.id))
    return Handbook(tuple(made), (), real.sources, real.vocabularies)


def rows_of(html: str) -> list[str]:
    listing = html.split('id="hb-results"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<li class="hb-item" data-id="([^"]+)"', listing)


@pytest.mark.parametrize("n", [60, 5_000, 50_000])
def test_page_one_holds_only_its_first_screenful_at_any_size(n: int) -> None:
    handbook = handbook_of(n)
    plans = all_practices.all_practices_pages(PageContext(handbook, urls.Urls()))
    assert [p.src_uri for p in plans] == [
        urls.all_practices_src(k) for k in range(1, math.ceil(n / all_practices.PAGE_SIZE) + 1)
    ]
    html = plans[0].page().html
    assert rows_of(html) == [p.id for p in handbook.practices[: all_practices.PAGE_SIZE]]
    # what MkDocs puts around it is some 30 kB: the page stays far below 300 kB
    assert len(html.encode("utf-8")) < 60_000, len(html)
    assert f"Showing all {n:,} practices." in html


def test_the_list_data_holds_every_practice_with_what_rows_and_filters_read() -> None:
    handbook = load_handbook(PROJECT)
    data = read_list(practice_list.script(handbook))
    facets = facets_for(handbook.vocabularies)
    assert data["fields"] == ["id", "title", "organisation", "region"]
    assert [f["key"] for f in data["facets"]] == [f.key for f in facets.filters]
    assert len(data["practices"]) == len(handbook.practices)
    for p, entry in zip(handbook.practices, data["practices"], strict=True):
        assert entry[:4] == [p.id, p.title, p.organisation, p.region or ""]
        for f, table, own in zip(facets.filters, data["facets"], entry[4:], strict=True):
            assert [table["values"][i] for i in own] == [[v, f.label(v)] for v in f.values_of(p)]


def read_list(script: str) -> dict:
    head = f"window.{practice_list.GLOBAL} = "
    body = script.split(head, 1)[1]
    assert body.endswith(";\n")
    return json.loads(body[:-2])


def test_the_pagination_links_the_neighbours_the_ends_and_the_pages_around() -> None:
    at = all_practices.pagination(5, 100)
    assert at["previous"] == "practices/page/4.md" and at["next"] == "practices/page/6.md"
    numbers = [entry and entry[0] for entry in at["numbers"]]
    assert numbers == [1, None, 3, 4, 5, 6, 7, None, 100]
    first = all_practices.pagination(1, 3)
    assert first["previous"] is None and first["next"] == "practices/page/2.md"
    assert first["numbers"] == [
        (1, "practices/index.md"),
        (2, "practices/page/2.md"),
        (3, "practices/page/3.md"),
    ]
    assert all_practices.pagination(1, 1)["numbers"] == [(1, "practices/index.md")]


def test_a_page_of_the_list_is_rendered_again_only_when_its_slice_changes() -> None:
    handbook = handbook_of(LIGHT_SIZE)
    site = PageContext(handbook, urls.Urls())
    before = {p.src_uri: p.key for p in all_practices.all_practices_pages(site)}
    third = handbook.practices[2 * all_practices.PAGE_SIZE + 3]
    edited = replace(third, title=third.title + " (edited)")
    practices = tuple(edited if p is third else p for p in handbook.practices)
    assert sorted(practices, key=lambda p: (p.title.casefold(), p.id)) == list(practices)
    after_edit = {
        p.src_uri: p.key
        for p in all_practices.all_practices_pages(
            PageContext(replace(handbook, practices=practices), site.urls)
        )
    }
    assert [src for src in before if before[src] != after_edit[src]] == ["practices/page/3.md"]


def test_the_further_pages_are_out_of_the_nav() -> None:
    assert inclusion(urls.all_practices_src(1)) is InclusionLevel.UNDEFINED
    assert inclusion(urls.all_practices_src(2)) is InclusionLevel.NOT_IN_NAV


# -- a handbook of four pages, built ----------------------------------------------------


@pytest.fixture(scope="module")
def big(light_site: Path) -> Path:
    """The built site of LIGHT_SIZE synthetic practices and one with markup, with its offline
    zip and without its PDF (sites.light_handbook)."""
    return light_site


@pytest.fixture(scope="module")
def big_practices(big: Path) -> list[dict]:
    found = json.loads((big / "data/practices.json").read_text("utf-8"))["practices"]
    assert len(found) == LIGHT_SIZE
    return found


@pytest.fixture(scope="module")
def in_title_order(big_practices) -> list[str]:
    return [p["id"] for p in sorted(big_practices, key=lambda p: (p["title"].casefold(), p["id"]))]


@pytest.fixture(scope="module")
def big_server(big: Path):
    """The built site over HTTP on the loopback interface: yields its base URL."""
    with serving(big) as base:
        yield base


def test_the_site_has_one_copy_of_the_list_and_its_zip_holds_it(big: Path) -> None:
    assert (big / LIST).is_file()
    assert not list(big.glob("data/practice-list.*json"))
    with zipfile.ZipFile(big / offline_zip.NAME) as archive:
        assert archive.read(f"{offline_zip.FOLDER}/{LIST}") == (big / LIST).read_bytes()
    first = (big / "practices/index.html").read_text("utf-8")
    assert len(rows_of(first)) == all_practices.PAGE_SIZE
    assert "page/2.html" not in (big / "index.html").read_text("utf-8")  # not in the nav


def requests_of(page: Page) -> list[str]:
    made: list[str] = []
    page.on("request", lambda request: made.append(request.url))
    return made


def elsewhere(requests: list[str], base: str) -> list[str]:
    return [url for url in requests if not url.startswith(base) and not url.startswith("data:")]


# -- with JavaScript ----------------------------------------------------------------------


@pytest.mark.browser
def test_the_list_loads_only_when_the_reader_filters_and_covers_every_practice(
    page, big_server, big_practices, in_title_order
):
    made = requests_of(page)
    page.goto(big_server + "practices/index.html", wait_until="networkidle")
    assert listed_in_order(page) == in_title_order[: all_practices.PAGE_SIZE]
    assert shown_counts(page) == expected_counts(big_practices, {})
    assert not [url for url in made if url.endswith(LIST)]  # nothing loaded before a filter

    ecosystem, country = overlapping(big_practices)
    tick(page, "ecosystem", ecosystem)
    sel = {"ecosystem": [ecosystem]}
    expect_status(page, len(expected(big_practices, sel)), len(big_practices))
    assert listed(page) == expected(big_practices, sel)
    assert shown_counts(page) == expected_counts(big_practices, sel)
    tick(page, "country", country)
    sel["country"] = [country]
    some = sorted(expected(big_practices, sel))[0]
    word = next(p["title"] for p in big_practices if p["id"] == some).split()[0][:3].lower()
    page.get_by_label("Words in the title, organisation or region").press_sequentially(word)
    expect_status(page, len(expected(big_practices, sel, word)), len(big_practices))
    assert listed(page) == expected(big_practices, sel, word)
    assert shown_counts(page) == expected_counts(big_practices, sel, word)
    assert len([url for url in made if url.endswith(LIST)]) == 1
    assert elsewhere(made, big_server) == []
    assert page.console_errors == []


@pytest.mark.browser
def test_taking_the_text_box_starts_loading_the_list_and_changes_nothing_yet(
    page, big_server, in_title_order
):
    made = requests_of(page)
    page.goto(big_server + "practices/index.html", wait_until="networkidle")
    page.get_by_label("Words in the title, organisation or region").focus()
    loaded(page)
    page.wait_for_load_state("networkidle")
    assert len([url for url in made if url.endswith(LIST)]) == 1
    assert listed_in_order(page) == in_title_order[: all_practices.PAGE_SIZE]
    assert urlsplit(page.url).query == ""
    assert page.console_errors == []


@pytest.mark.browser
def test_the_rows_the_script_lists_are_the_pages_own_and_show_markup_as_text(
    page, big_server, big_practices
):
    page.goto(big_server + "practices/index.html")
    rows = "#hb-results > li"
    static = page.locator(rows).evaluate_all("items => items.map(li => li.outerHTML)")
    box = page.get_by_label("Words in the title, organisation or region")
    box.press_sequentially("x")
    loaded(page)
    box.fill("")
    expect_status(page, len(big_practices), len(big_practices))
    scripted = page.locator(rows).evaluate_all("items => items.map(li => li.outerHTML)")
    assert scripted[: len(static)] == static
    marked = page.locator(rows).first
    expect(marked.locator(".hb-item__title")).to_have_text(MARKUP_TITLE)
    expect(marked.locator(".hb-item__meta")).to_contain_text(MARKUP_ORGANISATION)
    assert page.locator("#hb-results img, #hb-results b").count() == 0
    assert page.evaluate("window.pwned") is None
    assert page.console_errors == []


@pytest.mark.browser
def test_more_lists_the_rest_of_the_whole_list_in_order(page, big_server, in_title_order):
    page.goto(big_server + "practices/index.html")
    more = page.get_by_role("button", name=re.compile("more"))
    left = len(in_title_order) - all_practices.PAGE_SIZE
    expect(more).to_have_text(f"Show {min(all_practices.MORE, left)} more ({left} not listed yet)")
    more.click()
    first_new = in_title_order[all_practices.PAGE_SIZE]
    expect(page.locator(f'#hb-results > li[data-id="{first_new}"] a')).to_be_focused()
    while more.is_visible():
        more.click()
    assert listed_in_order(page) == in_title_order
    expect_status(page, len(in_title_order), len(in_title_order))
    assert page.console_errors == []


@pytest.mark.browser
def test_a_url_with_filters_is_applied_on_load(browser, big_server, big_practices):
    ecosystem, country = overlapping(big_practices)
    sel = {"ecosystem": [ecosystem], "country": [country]}
    for viewport in ({"width": 1280, "height": 900}, {"width": 390, "height": 844}):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(f"{big_server}practices/index.html?ecosystem={ecosystem}&country={country}")
        expect_status(page, len(expected(big_practices, sel)), len(big_practices))
        assert listed(page) == expected(big_practices, sel)
        assert shown_counts(page) == expected_counts(big_practices, sel)
        assert page.locator("#hb-filters input:checked").count() == 2
        # on a phone the facets in use are open from the start, the others folded
        countries = page.locator("details.hb-facet", has=page.locator("[data-facet=country]"))
        helix = page.locator("details.hb-facet", has=page.locator("[data-facet=helix]"))
        assert countries.evaluate("d => d.open") is True
        assert helix.evaluate("d => d.open") is (viewport["width"] > 700)
        context.close()


@pytest.mark.browser
def test_from_file_urls_the_unzipped_copy_filters_the_whole_list(
    page, big, big_practices, tmp_path
):
    with zipfile.ZipFile(big / offline_zip.NAME) as archive:
        archive.extractall(tmp_path)
    folder = tmp_path / offline_zip.FOLDER
    made = requests_of(page)
    page.goto((folder / "practices/index.html").as_uri())
    ecosystem, country = overlapping(big_practices)
    tick(page, "ecosystem", ecosystem)
    tick(page, "country", country)
    sel = {"ecosystem": [ecosystem], "country": [country]}
    expect_status(page, len(expected(big_practices, sel)), len(big_practices))
    assert listed(page) == expected(big_practices, sel)
    assert shown_counts(page) == expected_counts(big_practices, sel)
    page.reload()  # the state in the URL, from file:// too
    expect_status(page, len(expected(big_practices, sel)), len(big_practices))
    assert (folder / LIST).as_uri() in made
    assert elsewhere(made, folder.as_uri()) == []
    assert page.console_errors == []


@pytest.mark.browser
def test_the_further_pages_show_their_slice_with_javascript_too(page, big_server, in_title_order):
    page.goto(big_server + "practices/page/2.html")
    expect(page.locator("h1")).to_have_text("All practices, page 2 of 4")
    assert (
        listed_in_order(page)
        == in_title_order[all_practices.PAGE_SIZE : 2 * all_practices.PAGE_SIZE]
    )
    page.get_by_role("link", name="The first page").click()
    expect(page.locator("h1")).to_have_text("All practices")
    assert page.console_errors == []


# -- without JavaScript ---------------------------------------------------------------------


@pytest.mark.browser
def test_without_javascript_the_pages_list_every_practice_once(browser, big_server, in_title_order):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(big_server + "practices/index.html")
    expect(page.get_by_role("search", name="Filter practices")).to_be_hidden()
    expect(page.locator("#hb-more")).to_be_hidden()
    seen: list[str] = []
    numbers = []
    while True:
        nav = page.get_by_role("navigation", name="Pages of the list")
        numbers.append(nav.locator("a[aria-current=page]").inner_text().split()[-1])
        seen += listed_in_order(page)
        following = nav.get_by_role("link", name="Next page")
        if not following.count():
            break
        following.click()
    assert seen == in_title_order
    count = math.ceil(len(in_title_order) / all_practices.PAGE_SIZE)
    assert numbers == [str(n) for n in range(1, count + 1)]
    nav.get_by_role("link", name="Page 1", exact=True).click()
    assert page.url.endswith("practices/index.html")
    page.get_by_role("navigation", name="Pages of the list").get_by_role(
        "link", name="Page 3", exact=True
    ).click()
    expect(page.locator("h1")).to_have_text(f"All practices, page 3 of {count}")
    assert (
        listed_in_order(page)
        == in_title_order[2 * all_practices.PAGE_SIZE : 3 * all_practices.PAGE_SIZE]
    )
    page.get_by_role("link", name="Previous page").click()
    expect(page.locator("h1")).to_have_text(f"All practices, page 2 of {count}")
    context.close()


# -- accessibility and layout shift -----------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("path", ["practices/index.html", "practices/page/2.html"])
def test_no_serious_or_critical_violation(page, big_server, path):
    page.goto(big_server + path)
    report = blocking_violations(Axe(), page)
    assert report == "", f"axe-core on {path}:\n{report}"


# Every layout shift since the page began, as CLS counts them: not those within half a
# second of the reader's input.
WATCH_SHIFTS = """window.__shifts = [];
window.__keep = list => { for (const e of list) {
  if (!e.hadRecentInput) { window.__shifts.push(e.value); } } };
window.__observer = new PerformanceObserver(list => window.__keep(list.getEntries()));
window.__observer.observe({type: "layout-shift", buffered: true});"""

# Once two frames have been drawn since the page's last change, every shift it made is an
# entry; those the observer has not been handed yet are taken from it.
SHIFTS_SO_FAR = """() => new Promise(done => {
  const frame = () => new Promise(next => requestAnimationFrame(next));
  frame().then(frame).then(() => {
    window.__keep(window.__observer.takeRecords());
    done(window.__shifts.reduce((a, b) => a + b, 0));
  });
})"""


def shifted(page: Page) -> float:
    return page.evaluate(SHIFTS_SO_FAR)


@pytest.mark.browser
@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
@pytest.mark.parametrize("query", ["", "?ecosystem={ecosystem}&country={country}"])
def test_nothing_moves_when_the_filters_start(browser, big_server, big_practices, phone, query):
    """The scripts arrive late, as on a slow phone: the page is drawn before they run."""
    ecosystem, country = overlapping(big_practices)
    viewport = {"width": 412, "height": 823} if phone else {"width": 1280, "height": 900}
    context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone)
    page = context.new_page()
    page.add_init_script(WATCH_SHIFTS)

    def late(route) -> None:
        time.sleep(0.3)
        route.continue_()

    page.route("**/*.js", late)
    page.goto(
        big_server + "practices/index.html" + query.format(ecosystem=ecosystem, country=country)
    )
    page.wait_for_load_state("networkidle")
    after_load = shifted(page)
    assert after_load <= 0.1, after_load
    helix = FACETS["helix"]
    if phone:  # folded there: the reader opens it first
        page.locator("summary", has_text=helix.title).tap()
    tick(page, "helix", by_count(big_practices, "helix")[0])
    page.wait_for_load_state("networkidle")
    assert shifted(page) <= 0.1
    assert urlsplit(page.url).query  # the filter ran
    context.close()


def test_the_size_benchmark_measures_the_page_and_the_list(capsys) -> None:
    from benchmarks import all_practices_size

    assert all_practices_size.main([str(PROJECT)]) == 0
    figures = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert figures["page1_rows"] == all_practices.PAGE_SIZE and figures["static_pages"] == 2
    assert 0 < figures["list_data"]["gzip"] < figures["list_data"]["bytes"]


@pytest.mark.browser
def test_the_size_benchmark_times_the_page_in_the_browser_as_another_handbook(big, browser):
    from benchmarks import all_practices_size

    overlay = all_practices_size.swapped(big, big.parent, PROJECT)
    timed = all_practices_size.in_browser(big, 1, overlay, browser)
    assert timed["load"]["load_ms"] > 0 and timed["filters"]["second_ms"] > 0
    assert timed["filters"]["listed_after"] < 58  # the real handbook's list, filtered


@pytest.mark.parametrize("directory_urls", [False, True])
def test_the_pages_links_and_the_script_rows_links_reach_their_pages(directory_urls) -> None:
    handbook = handbook_of(120)
    site_urls = urls.Urls(directory_urls)
    facets = facets_for(handbook.vocabularies)
    srcs = [urls.practice_src(p.id) for p in handbook.practices]
    srcs += [urls.all_practices_src(n) for n in (1, 2, 3)] + [f.index_uri for f in facets.browse]
    known = {site_urls.url(src) for src in srcs} | {LIST, "assets/handbook/filters.js"}
    known.add(urls.feed_src())  # the feed of the whole handbook (feeds.py)
    for plan in all_practices.all_practices_pages(PageContext(handbook, site_urls)):
        page_html = plan.page().html
        links = re.findall(r'(?:href|data-list)="([^"#?]+)', page_html)
        for template in re.findall(r'data-row="([^"]+)"', page_html):  # the script's rows
            row = html.unescape(template).replace("@@id@@", handbook.practices[0].id)
            links += re.findall(r'href="([^"]+)"', row)
        start = posixpath.dirname(site_urls.dest(plan.src_uri))
        for link in links:
            target = posixpath.normpath(posixpath.join(start, link))
            target = "./" if target == "." else target + ("/" if link.endswith("/") else "")
            assert target in known, (plan.src_uri, link)
