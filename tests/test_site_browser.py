"""The built handbook in Debian's Chromium, used the way a reader uses it.

Every page type loads without console errors and with the right heading; the filters
of practices/index.html widen within a facet (OR) and narrow across facets (AND), each
option counts what ticking it would leave, and the state lives in the URL; the page
lists everything without JavaScript; the site works from file://; a full browse asks
nothing of any host but the one serving the site; and screenshots of the main pages
land in tests/screenshots/ for a person to look at.

The expected lists and counts are computed here from data/practices.json, apart from
the site's JavaScript.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from site_builder.render.pages.all_practices import PAGE_SIZE
from tests.helpers.browser import (
    FACETS,
    by_count,
    expect_status,
    expected,
    expected_counts,
    fold,
    listed,
    listed_in_order,
    overlapping,
    serving_under_sub_path,
    shown_counts,
    tick,
    values,
)

pytestmark = pytest.mark.browser

PROJECT = Path(__file__).resolve().parent.parent
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
BROWSE_FOLDERS = {
    "ecosystem": "ecosystems",
    "country": "countries",
    "helix": "helix",
    "role": "roles",
}


# -- the filter rules of issue 4, computed from the open data -------------------------


@pytest.fixture(scope="session")
def practices(built_site: Path) -> list[dict]:
    return json.loads((built_site / "data/practices.json").read_text("utf-8"))["practices"]


@pytest.fixture(scope="session")
def recommendations(built_site: Path) -> list[dict]:
    data = json.loads((built_site / "data/recommendations.json").read_text("utf-8"))
    return data["recommendations"]


# -- what a reader does and sees on the filter page -----------------------------------


def greyed(page: Page) -> set[tuple[str, str]]:
    return {
        tuple(row)
        for row in page.locator(".hb-option--empty input").evaluate_all(
            "boxes => boxes.map(b => [b.name, b.value])"
        )
    }


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


@pytest.fixture(scope="session")
def two_ecosystems(practices) -> tuple[str, str]:
    """The two largest ecosystems: their union is larger than either."""
    first, second = by_count(practices, "ecosystem")[:2]
    return first, second


@pytest.fixture(scope="session")
def ecosystem_and_country(practices) -> tuple[str, str]:
    return overlapping(practices)


# -- every page type ------------------------------------------------------------------


def first_heading(markdown: Path) -> str:
    return next(
        line[2:].strip()
        for line in markdown.read_text("utf-8").splitlines()
        if line.startswith("# ")
    )


@pytest.fixture(scope="session")
def page_types(practices, recommendations) -> dict[str, tuple[str, str]]:
    """Page type -> (path in the site, its main heading)."""
    first, rec = practices[0], recommendations[0]
    policy = sorted((PROJECT / "docs/policy").glob("*.md"))[0]
    types = {
        "home": ("index.html", "Cluster Good-Practice Handbook"),
        "all practices": ("practices/index.html", "All practices"),
        "practice": (first["url"], first["title"]),
        "recommendations": ("recommendations/index.html", "Policy recommendations"),
        "recommendation": (rec["url"], f"{rec['number']} {rec['title']}"),
        "statistics": ("stats.html", "Statistics"),
        "about": ("about.html", first_heading(PROJECT / "docs/about.md")),
        "policy": (f"policy/{policy.stem}.html", first_heading(policy)),
        "404": ("404.html", "404 - Not found"),
    }
    for key, folder in BROWSE_FOLDERS.items():
        facet, value = FACETS[key], values(first, key)[0]
        intro = PROJECT / "docs" / folder / f"{value.lower()}.md"
        types[folder] = (f"{folder}/index.html", facet.title)
        types[f"{folder}/<value>"] = (
            f"{folder}/{value.lower()}.html",
            first_heading(intro) if intro.exists() else facet.label(value),
        )
    return types


PAGE_TYPES = [
    "home",
    "all practices",
    "practice",
    "ecosystems",
    "ecosystems/<value>",
    "countries",
    "countries/<value>",
    "helix",
    "helix/<value>",
    "roles",
    "roles/<value>",
    "recommendations",
    "recommendation",
    "statistics",
    "about",
    "policy",
    "404",
]


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_loads_without_console_errors(page, site_server, page_types, kind):
    path, heading = page_types[kind]
    page.goto(site_server + path, wait_until="networkidle")
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_have_text(heading)
    assert page.console_errors == []


# -- the filters ------------------------------------------------------------------------


def open_filters(page: Page, base: str, query: str = "") -> None:
    page.goto(base + "practices/index.html" + query)
    expect(page.get_by_role("search", name="Filter practices")).to_be_visible()


def test_two_ecosystems_widen_the_list_to_their_union(page, site_server, practices, two_ecosystems):
    first, second = two_ecosystems
    union = expected(practices, {"ecosystem": [first, second]})
    assert len(union) > max(len(expected(practices, {"ecosystem": [v]})) for v in (first, second))
    open_filters(page, site_server)
    tick(page, "ecosystem", first)
    expect_status(page, len(expected(practices, {"ecosystem": [first]})), len(practices))
    tick(page, "ecosystem", second)
    expect_status(page, len(union), len(practices))
    assert listed(page) == union
    assert page.console_errors == []


def test_an_ecosystem_and_a_country_narrow_the_list_to_both(
    page, site_server, practices, ecosystem_and_country
):
    ecosystem, country = ecosystem_and_country
    both = expected(practices, {"ecosystem": [ecosystem], "country": [country]})
    open_filters(page, site_server)
    tick(page, "ecosystem", ecosystem)
    tick(page, "country", country)
    expect_status(page, len(both), len(practices))
    assert listed(page) == both
    assert query_of(page.url) == {"ecosystem": [ecosystem], "country": [country]}


def test_each_option_counts_the_practices_ticking_it_would_leave(
    page, site_server, practices, two_ecosystems, ecosystem_and_country
):
    ecosystem, country = ecosystem_and_country
    open_filters(page, site_server)
    assert shown_counts(page) == expected_counts(practices, {})
    tick(page, "ecosystem", ecosystem)
    assert shown_counts(page) == expected_counts(practices, {"ecosystem": [ecosystem]})
    tick(page, "country", country)
    sel = {"ecosystem": [ecosystem], "country": [country]}
    counts = expected_counts(practices, sel)
    assert shown_counts(page) == counts
    # greyed out: the options whose ticking would empty the list or leave it as it is
    now = len(expected(practices, sel))
    assert greyed(page) == {
        (k, v)
        for (k, v), n in counts.items()
        if v not in sel.get(k, []) and (n == 0 or (k in sel and n == now))
    }
    # and the count is what the reader gets: tick an option, the status line agrees
    for key in ("ecosystem", "helix", "theme"):
        now = len(expected(practices, sel))
        options = [
            (n, v)
            for (k, v), n in shown_counts(page).items()
            if k == key and n and n != now and v not in sel.get(k, [])
        ]
        if not options:
            continue
        promised, value = max(options)
        tick(page, key, value)
        sel.setdefault(key, []).append(value)
        expect_status(page, promised, len(practices))
        assert shown_counts(page) == expected_counts(practices, sel)
    assert page.console_errors == []


def test_the_text_box_narrows_the_list_and_ignores_accents(page, site_server, practices):
    box_label = "Words in the title, organisation or region"
    accented = next(p for p in practices if re.search(r"[^\x00-\x7f]", p["region"] or ""))
    word = fold(accented["region"].split()[0])  # "zlin" finds "Zlín"
    found = expected(practices, {}, word)
    assert 0 < len(found) < len(practices)
    open_filters(page, site_server)
    page.get_by_label(box_label).press_sequentially(word)
    expect_status(page, len(found), len(practices))
    assert listed(page) == found
    assert query_of(page.url) == {"text": [word]}


def test_the_filter_state_survives_a_reload_and_a_shared_link(
    page, browser, site_server, practices, ecosystem_and_country
):
    ecosystem, country = ecosystem_and_country
    both = expected(practices, {"ecosystem": [ecosystem], "country": [country]})
    open_filters(page, site_server)
    tick(page, "ecosystem", ecosystem)
    tick(page, "country", country)
    shared = page.url
    page.reload()
    expect_status(page, len(both), len(practices))
    assert listed(page) == both
    assert (
        page.get_by_role("group", name=FACETS["country"].title)
        .get_by_role("checkbox", name=re.compile(re.escape(FACETS["country"].label(country))))
        .is_checked()
    )
    page.locator("#hb-results a:visible").first.click()  # read one, come back
    expect(page.locator("h1")).not_to_have_text("All practices")
    page.go_back()
    expect_status(page, len(both), len(practices))
    assert listed(page) == both
    fresh = browser.new_context().new_page()
    fresh.goto(shared)
    expect_status(fresh, len(both), len(practices))
    assert listed(fresh) == both
    fresh.context.close()


def test_clear_all_filters_resets_the_list_and_the_url(
    page, site_server, practices, two_ecosystems
):
    open_filters(page, site_server, f"?ecosystem={two_ecosystems[0]}&text=a")
    page.get_by_role("button", name="Clear all filters").click()
    expect_status(page, len(practices), len(practices))
    assert listed(page) == {p["id"] for p in practices}
    assert urlsplit(page.url).query == ""
    assert page.locator("#hb-filters input:checked").count() == 0
    expect(page.get_by_label("Words in the title, organisation or region")).to_have_value("")
    assert shown_counts(page) == expected_counts(practices, {})


def test_without_javascript_the_pages_list_every_practice_and_browse_pages_work(
    browser, site_server, practices
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_server + "practices/index.html?ecosystem=health")
    in_title_order = [p["id"] for p in sorted(practices, key=lambda p: p["title"].casefold())]
    assert listed_in_order(page) == in_title_order[:PAGE_SIZE]
    expect(page.get_by_role("search", name="Filter practices")).to_be_hidden()
    expect(page.get_by_role("status")).to_have_count(0)  # the script's, hidden
    page.get_by_role("navigation", name="Pages of the list").get_by_role(
        "link", name="Next page"
    ).click()
    assert listed_in_order(page) == in_title_order[PAGE_SIZE:]
    page.goto(site_server + "countries/index.html")
    country = by_count(practices, "country")[0]
    page.get_by_role("link", name=FACETS["country"].label(country), exact=True).click()
    assert page.url.endswith(f"countries/{country.lower()}.html")
    titles = page.locator("article .hb-list .hb-item__title").all_text_contents()
    ours = [p for p in practices if p["country"] == country]
    assert titles == sorted((p["title"] for p in ours), key=str.casefold)
    context.close()


# -- file:// ----------------------------------------------------------------------------


def test_the_site_works_from_file_urls(page, built_site, practices, ecosystem_and_country):
    ecosystem, country = ecosystem_and_country
    page.goto((built_site / "index.html").as_uri())
    page.get_by_role("link", name="All practices, with filters").click()
    expect(page.locator("h1")).to_have_text("All practices")
    assert page.url == (built_site / "practices/index.html").as_uri()
    first = practices[0]
    page.locator("#hb-results").get_by_role("link", name=first["title"], exact=True).click()
    expect(page.locator("h1")).to_have_text(first["title"])
    page.go_back()
    tick(page, "ecosystem", ecosystem)
    tick(page, "country", country)
    both = expected(practices, {"ecosystem": [ecosystem], "country": [country]})
    assert page.url.startswith("file://") and query_of(page.url) == {
        "ecosystem": [ecosystem],
        "country": [country],
    }
    page.reload()
    expect_status(page, len(both), len(practices))
    assert listed(page) == both
    assert page.console_errors == []


# -- requests ---------------------------------------------------------------------------


def browse_everything(page: Page, base: str, page_types, ecosystem_and_country) -> None:
    for path, _ in page_types.values():
        page.goto(base + path, wait_until="networkidle")
    open_filters(page, base)
    tick(page, "ecosystem", ecosystem_and_country[0])
    tick(page, "country", ecosystem_and_country[1])
    page.get_by_label("Words in the title, organisation or region").press_sequentially("a")
    page.reload(wait_until="networkidle")
    page.locator("#hb-results a:visible").first.click()
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("over", ["http", "file"])
def test_a_full_browse_requests_nothing_from_another_host(
    page, built_site, site_server, page_types, ecosystem_and_country, over
):
    base = site_server if over == "http" else built_site.as_uri() + "/"
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    browse_everything(page, base, page_types, ecosystem_and_country)
    assert len(requests) > len(page_types)
    elsewhere = [
        url
        for url in requests
        if not (
            url.startswith("file://") if over == "file" else urlsplit(url).hostname == "127.0.0.1"
        )
        and not url.startswith("data:")
    ]  # inline icons: no host at all
    assert elsewhere == []


# -- screenshots ----------------------------------------------------------------------

SCREENSHOT_PAGES = [
    "home",
    "all practices",
    "practice",
    "ecosystems/<value>",
    "recommendation",
    "statistics",
]


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_of_the_main_pages_fit_the_screen(
    browser, site_server, page_types, ecosystem_and_country, width
):
    """Written to tests/screenshots/ for a person to look at; asserted: no page is wider
    than the screen."""
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    shots = [(kind, page_types[kind][0]) for kind in SCREENSHOT_PAGES]
    shots.append(
        (
            "filtered",
            f"practices/index.html?ecosystem={ecosystem_and_country[0]}"
            f"&country={ecosystem_and_country[1]}",
        )
    )
    too_wide = []
    for kind, path in shots:
        page.goto(site_server + path, wait_until="networkidle")
        name = re.sub(r"[^a-z0-9]+", "-", kind).strip("-")
        page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
        if page.evaluate("document.documentElement.scrollWidth") > width:
            too_wide.append(kind)
    context.close()
    assert too_wide == []


def test_on_a_phone_the_facets_fold_until_tapped(browser, site_server, practices):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    page.goto(site_server + "practices/index.html")
    countries = page.get_by_role("group", name=FACETS["country"].title)
    expect(countries).to_be_hidden()
    page.locator("summary", has_text=FACETS["country"].title).tap()
    country = by_count(practices, "country")[0]
    countries.get_by_text(FACETS["country"].label(country), exact=True).tap()
    expect(page.locator("summary", has_text=FACETS["country"].title)).to_contain_text("1 ticked")
    expect_status(page, len(expected(practices, {"country": [country]})), len(practices))
    page.reload()
    expect(countries).to_be_visible()  # a facet in use stays open
    expect(page.get_by_role("group", name=FACETS["ecosystem"].title)).to_be_hidden()
    context.close()


def test_chart_labels_fit_inside_their_charts(page, site_server):
    page.goto(site_server + "stats.html")
    clipped = page.locator("svg.hb-chart text").evaluate_all(
        "texts => texts.filter(t => { const b = t.getBBox(),"
        " v = t.ownerSVGElement.viewBox.baseVal;"
        " return b.x < 0 || b.x + b.width > v.width; }).map(t => t.textContent)"
    )
    assert clipped == []


# -- a long list: the first page of matches, then more on request ----------------------


def with_page_size(page: Page, size: int) -> None:
    """Serve practices/index.html as built, but with a page of `size` practices, so the
    58 real ones show what a handbook of thousands does with its page of 200."""

    def handle(route):
        html = route.fetch().text()
        assert 'data-page-size="200"' in html
        route.fulfill(
            body=html.replace('data-page-size="200"', f'data-page-size="{size}"'),
            content_type="text/html; charset=utf-8",
        )

    page.route("**/practices/index.html*", handle)


def test_a_long_list_shows_a_page_at_a_time_and_more_on_request(page, site_server, practices):
    """The page's HTML holds the first PAGE_SIZE practices; "more" loads the whole list
    and adds a page (here 5) at a time."""
    with_page_size(page, 5)
    in_title_order = [p["id"] for p in sorted(practices, key=lambda p: p["title"].casefold())]
    open_filters(page, site_server)
    status, more = page.get_by_role("status"), page.get_by_role("button", name=re.compile("more"))
    total, first = len(practices), PAGE_SIZE
    assert total > first + 5
    expect(status).to_have_text(
        f"Showing all {total} practices. The first {first} are listed; "
        "the button below the list adds more."
    )
    assert listed_in_order(page) == in_title_order[:first]
    expect(more).to_have_text(f"Show 5 more ({total - first} not listed yet)")

    more.click()
    expect(page.locator(f'#hb-results > li[data-id="{in_title_order[first]}"] a')).to_be_focused()
    assert listed_in_order(page) == in_title_order[: first + 5]
    expect(more).to_have_text(
        f"Show {min(5, total - first - 5)} more ({total - first - 5} not listed yet)"
    )
    while more.is_visible():
        more.click()
    assert listed_in_order(page) == in_title_order
    expect_status(page, total, total)
    assert page.console_errors == []


def test_a_filter_starts_again_from_the_first_page(page, site_server, practices):
    with_page_size(page, 5)
    open_filters(page, site_server)
    page.get_by_role("button", name=re.compile("more")).click()
    ecosystem = by_count(practices, "ecosystem")[0]
    tick(page, "ecosystem", ecosystem)
    left = expected(practices, {"ecosystem": [ecosystem]})
    assert len(left) > 5
    assert len(listed(page)) == 5 and listed(page) <= left
    expect(page.get_by_role("status")).to_have_text(
        f"Showing {len(left)} of {len(practices)} practices. The first 5 are listed; "
        "the button below the list adds more."
    )
    expect(page.get_by_role("button", name=re.compile("more"))).to_have_text(
        f"Show 5 more ({len(left) - 5} not listed yet)"
    )


def test_the_404_page_works_at_any_depth_under_a_sub_path(page, built_site):
    """A server sends 404.html for any address it lacks: asked for a page two folders
    down under /handbook/, its stylesheets, scripts, icon and links are the site's."""
    asked = "no/such/page.html"
    with serving_under_sub_path(built_site) as base:
        loaded: dict[str, int] = {}
        page.on("response", lambda response: loaded.__setitem__(response.url, response.status))
        told: list[str] = []  # the address of each console error
        page.on("console", lambda m: told.append(m.location["url"]) if m.type == "error" else None)
        answer = page.goto(base + asked, wait_until="networkidle")
        assert answer is not None and answer.status == 404
        expect(page.locator("article h1")).to_have_text("404 - Not found")
        assets = page.locator("link[href], script[src]").evaluate_all(
            "elements => elements.map(e => e.href || e.src)"
        )
        links = page.locator("a[href]").evaluate_all("anchors => anchors.map(a => a.href)")
        styled = page.locator('link[rel="stylesheet"]').evaluate_all(
            "links => links.map(link => link.sheet !== null && link.sheet.cssRules.length > 0)"
        )
        ours = [url for url in [*assets, *links] if url.startswith("http://127.0.0.1")]
        outside = [url for url in ours if not url.startswith(base)]
        missing = [url for url in ours if page.request.head(url).status != 200]
        # failed: what the page asked for outside the folder of the address asked (where
        # it looks for 404.html, and Chromium's preload scanner guesses its assets before
        # the page has found the site's folder)
        guessed = base + asked.rpartition("/")[0]
        failed = {
            url: status
            for url, status in loaded.items()
            if status != 200 and not url.startswith(guessed) and not url.endswith("/404.html")
        }
        failed.update(
            (url, "console")
            for url in told
            if not url.startswith(guessed) and not url.endswith("/404.html")
        )
        ran = page.evaluate("() => document.getElementById('__config').textContent")
    checked = f"{len(assets)} stylesheets, scripts and icons, {len(links)} links"
    assert not outside and not missing and not failed, (
        f"of {checked}: outside {base}: {outside}; missing: {missing}; failed: {failed}"
    )
    assert len(styled) >= 3 and all(styled), f"stylesheets applied: {styled}"
    assert f'"base": "{base}"' in ran or f'"base":"{base}"' in ran, ran[:200]
    assert sum(url.startswith(base) for url in ours) >= 20, checked
    # the console tells only of those 404s
    assert len(told) == len(page.console_errors), page.console_errors
    assert all("404" in error for error in page.console_errors), page.console_errors
