"""The search box of the built site, in Debian's Chromium, over http and from file://.

A reader types in the header's search box, sees results with their type, country and
ecosystem, narrows them by a facet and follows one to its page; nothing is asked of
another host. The browser answers from the index built at build time, with the same
terms and the same ranking as `handbook search`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from site_builder.search import shards, text
from tests.helpers.browser import results, type_query
from tests.helpers.in_memory import site_searcher
from tests.helpers.search_queries import QUERIES

pytestmark = pytest.mark.browser

PROJECT = Path(__file__).resolve().parent.parent


def start(page: Page, built_site: Path, site_server: str, over: str, path: str) -> list[str]:
    """Open a page over http or from file://; returns the list of requests made."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    base = site_server if over == "http" else built_site.as_uri() + "/"
    page.goto(base + path)
    return requests


FIRST = 5  # worker.js lists the best five first, then ten more at a time


def matching(page: Page, count: int) -> None:
    """Material's count of the results listed, and below the list how many there are."""
    listed = min(count, FIRST)
    expect(page.locator(".md-search-result__meta")).to_have_text(
        "1 result listed" if listed == 1 else f"{listed} results listed"
    )
    more = page.locator(".hb-search-more")
    if count > FIRST:
        expect(more).to_contain_text(f"The best {FIRST} of {count:,} results are listed.")
    else:
        expect(more.locator("button")).to_be_hidden()


def total(page: Page) -> int:
    """How many results the query has (listed or not)."""
    expect(page.locator(".md-search-result__meta")).to_contain_text("listed")
    told = re.search(r"of ([\d,]+) results", page.locator(".hb-search-more").inner_text())
    if told:
        return int(told.group(1).replace(",", ""))
    return int(page.locator(".md-search-result__meta").inner_text().split()[0])


def only_from(requests: list[str], built_site: Path, site_server: str, over: str) -> list[str]:
    origin = site_server if over == "http" else built_site.as_uri()
    return [url for url in requests if not url.startswith(origin)]


@pytest.mark.parametrize("over", ["http", "file"])
def test_a_reader_searches_narrows_and_follows_a_result(page, built_site, site_server, over):
    requests = start(page, built_site, site_server, over, "recommendations/index.html")
    type_query(page, "hydrogen")
    first = results(page).first
    expect(first.locator("h1")).to_have_text("Green Hydrogen Valley")
    expect(first.locator("h1 mark")).to_have_text("Hydrogen")
    expect(first.locator(".md-tag")).to_have_text(["Practice", "Austria", "Renewable energy"])
    expect(first.locator(".hb-search-where")).to_have_text("Green Tech Valley")

    type_query(page, "training")
    italy = page.locator(".hb-search-facets a.hb-facet", has_text="Italy")
    # the panel of the whole word, not of one typed halfway ("trainin") still on screen
    expect(italy).to_have_attribute("data-query", "training country:IT")
    expected = int(italy.locator(".hb-facet__count").inner_text())
    before = total(page)
    assert 0 < expected < before
    italy.click()
    expect(page.locator("input.md-search__input")).to_have_value("training country:IT")
    matching(page, expected)
    for item in results(page).all():
        expect(item.locator(".md-tag").nth(1)).to_have_text("Italy")

    practice = page.locator(".hb-search-facets a.hb-facet", has_text=re.compile("^Practice"))
    practice.click()
    expect(page.locator("input.md-search__input")).to_have_value(
        "training country:IT type:practice"
    )
    page.locator(".hb-search-facets a.hb-facet--active", has_text="Italy").click()
    expect(page.locator("input.md-search__input")).to_have_value("training type:practice")
    expect(page.locator(".hb-search-facets a.hb-facet--active")).to_have_text(["Practice"])

    title = results(page).first.locator("h1").inner_text()
    results(page).first.locator("a").first.click()
    expect(page).to_have_url(re.compile(r"/practices/[a-z0-9-]+\.html"))
    expect(page.locator("article h1")).to_have_text(title)

    assert only_from(requests, built_site, site_server, over) == []
    assert not [url for url in requests if "/workers/search." in url], (
        "material's own worker, which builds the index in the browser, is never loaded"
    )
    assert page.console_errors == []


@pytest.mark.parametrize("over", ["http", "file"])
def test_recommendations_and_context_pages_are_found_too(page, built_site, site_server, over):
    start(page, built_site, site_server, over, "index.html")
    type_query(page, "public procurement")
    expect(results(page).first.locator("h1")).to_contain_text("Public procurement")
    expect(results(page).first.locator(".md-tag").first).to_have_text("Recommendation")
    type_query(page, "Smart Industry 4.0 type:page")
    expect(results(page).first.locator(".md-tag")).to_have_text(["Context page"])
    results(page).first.locator("a").first.click()
    expect(page).to_have_url(re.compile(r"/policy/smart-industry\.html"))
    assert page.console_errors == []


def test_a_shared_link_opens_the_search_with_its_filters(page, site_server):
    page.goto(site_server + "practices/index.html?q=innovation+ecosystem%3Ahealth")
    expect(results(page).first).to_be_visible()
    for item in results(page).all():
        expect(item.locator(".md-tag", has_text="Health")).to_have_count(1)
    expect(page.locator(".hb-search-facets a.hb-facet--active")).to_have_text("Health")
    assert page.console_errors == []


def test_the_site_ships_one_sharded_index_built_at_build_time(built_site):
    search = built_site / "search"
    files = sorted(path.name for path in (search / "index").iterdir())
    assert "meta.js" in files and any(n.startswith("t") for n in files)
    assert all(name.endswith(".js") for name in files)  # one copy: scripts, no JSON twin
    assert sorted(p.name for p in search.iterdir()) == [
        "index",
        "search_index.js",
        "search_index.json",
    ]
    meta = shards.unscript((search / "index" / "meta.js").read_text("utf-8"))
    # material's page script reads search_index.json/.js, which only name the folder
    pointer = json.loads((search / "search_index.json").read_text("utf-8"))
    assert pointer == {
        "config": {"data": "search/index", "format": meta["format"], "lang": ["en"]},
        "docs": [],
    }
    assert (
        json.loads((search / "search_index.js").read_text("utf-8").removeprefix("var __index = "))
        == pointer
    )
    assert "assets/handbook/search/setup.js" in (built_site / "index.html").read_text("utf-8")


@pytest.mark.parametrize("over", ["http", "file"])
def test_no_search_data_is_read_before_the_first_query(page, built_site, site_server, over):
    requests = start(page, built_site, site_server, over, "index.html")
    # the page has started its search (material made the worker) and asks for nothing more
    page.wait_for_function("() => window.handbookSearch !== undefined")
    page.wait_for_load_state("networkidle")
    assert not [u for u in requests if "/search/index/" in u]  # code only: no data
    type_query(page, "hydrogen valley")
    expect(results(page).first.locator("h1")).to_have_text("Green Hydrogen Valley")
    expect(page.locator(".hb-search-more")).to_contain_text("The best 5 of")
    read = sorted({u.rsplit("/", 1)[1] for u in requests if "/search/index/" in u})
    assert "meta.js" in read and len(read) < len(list((built_site / "search/index").iterdir()))
    assert only_from(requests, built_site, site_server, over) == []
    assert page.console_errors == []


@pytest.mark.parametrize("over", ["http", "file"])
def test_more_results_come_ten_at_a_time(page, built_site, site_server, over):
    start(page, built_site, site_server, over, "index.html")
    type_query(page, "cluster")
    expect(page.locator(".hb-search-more")).to_contain_text("The best 5 of")  # all typed
    count = total(page)
    assert count > FIRST + 10
    matching(page, count)
    first = results(page).locator("h1").all_inner_texts()
    page.locator(".hb-search-more button").click()
    expect(page.locator(".md-search-result__meta")).to_have_text(f"{FIRST + 10} results listed")
    expect(page.locator(".hb-search-more")).to_contain_text(
        f"The best {FIRST + 10} of {count:,} results are listed."
    )
    assert results(page).locator("h1").all_inner_texts()[:FIRST] == first
    # the reader goes on where the new results start
    expect(results(page).nth(FIRST).locator("a").first).to_be_focused()
    assert page.console_errors == []


# -- the browser and the command line agree ------------------------------------------


@pytest.fixture(scope="module")
def in_page(browser, built_site):
    """worker.js loaded into a page (as from file://), its index opened."""
    context = browser.new_context()
    tab = context.new_page()
    tab.goto((built_site / "index.html").as_uri())
    folder = (built_site / "assets" / "handbook" / "search").as_uri()
    tab.add_script_tag(url=folder + "/lunr.min.js")
    tab.add_script_tag(url=folder + "/worker.js")
    tab.evaluate(
        """async () => {
          await handbookSearchWorker.handle({type: 0, data: {config: {data: "search/index"}}})
          window.engine = await handbookSearchWorker.open()
        }"""
    )
    yield tab
    context.close()


def test_the_browser_makes_the_same_terms_from_every_word_of_the_handbook(in_page):
    corpus = " ".join(
        path.read_text("utf-8")
        for folder in ("practices", "recommendations", "docs")
        for path in sorted((PROJECT / folder).rglob("*.md"))
    )
    words = sorted(set(corpus.split()))
    in_browser = in_page.evaluate("ws => ws.map(w => handbookSearchWorker.term(w))", words)
    assert dict(zip(words, in_browser, strict=False)) == {w: text.term(w) for w in words}


def test_the_browser_ranks_like_the_command_line(in_page, built_site):
    """Every hit of each query, in the same order with the same score, and the same
    facet counts, from the same files."""
    searcher = site_searcher(built_site)
    queries = [q for q, _ in QUERIES] + [
        "innovation country:it",
        "ecosystem:health",
        "type:recommendation funding",
        "hydro",
        "helix:academia digital",
    ]
    for query in queries:
        python = [(h.ref, h.score) for h in searcher.search(query)]
        browser = in_page.evaluate(
            "q => engine.search(q).then(found => found.hits.map(h => [h.ref, h.score]))", query
        )
        assert [tuple(pair) for pair in browser] == python, query


@pytest.mark.parametrize("over", ["http", "file"])
def test_the_open_search_with_its_facets_and_more_passes_axe(page, built_site, site_server, over):
    from axe_playwright_python.sync_playwright import Axe

    start(page, built_site, site_server, over, "index.html")
    blocking = []
    for query, shown in (
        ("training country:IT", ".hb-search-facets a.hb-facet--active"),  # a facet ticked
        ("cluster", ".hb-search-more button"),  # more results than listed
    ):
        type_query(page, query)
        expect(page.locator(shown)).to_be_visible()
        blocking += [
            f"{query}: {v['id']}: {[n['target'] for n in v['nodes']]}"
            for v in Axe().run(page).response["violations"]
            if v["impact"] in {"serious", "critical"}
        ]
    assert blocking == []
