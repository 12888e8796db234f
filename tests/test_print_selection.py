"""Print this selection (issue 15, part 3): "Print or save as PDF" of what a list shows.

All practices prints every practice its filters and text box leave (not only the rows
its HTML holds), a view the practices it lists, both in the list's order. The print view
loads one fragment per selected practice, print/<id>.js, over http and from file://,
shows a contents list and each practice's facts and full text, and opens the print
dialog. Each fragment's HTML is the build's, sanitised; the view takes nothing but ids
from its address. Printed, a practice page or the print view shows only the content,
with the address of each link to another site.

The expected lists are computed from data/practices.json, apart from the site's scripts.
The browser tests build a copy of the real handbook (without its PDF) in which one
practice's title carries markup.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from mkdocs.structure.files import InclusionLevel
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from site_builder.adapter.files import inclusion
from site_builder.artefacts.sections import section_html
from site_builder.artefacts.store import ArtefactStore
from site_builder.content.validate import load_handbook
from site_builder.core import urls
from site_builder.core.facets import facets_for
from site_builder.core.model import Section
from site_builder.core.schema import SLUG_PATTERN
from site_builder.render import print_selection
from site_builder.render.pages.all_practices import PAGE_SIZE
from site_builder.render.pages.planned import planned_pages
from tests.helpers.browser import blocking_violations, expected, tick
from tests.helpers.projects import PROJECT
from tests.helpers.sites import MARKUP_TITLE

STUB_PRINT = "window.__printed = 0; window.print = function () { window.__printed += 1; };"
BUTTON = "Print or save as PDF"
TEXT_BOX = "Words in the title, organisation or region"


def fragment_data(script: str) -> dict:
    head = f"{print_selection.GLOBAL}("
    assert script.startswith(head) and script.endswith(");\n"), script[:80]
    return json.loads(script[len(head) : -3])


# -- without a browser: the fragments and the pages ------------------------------------


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(PROJECT)


def test_each_practice_has_one_fragment_named_by_its_id(handbook) -> None:
    made = print_selection.fragments(handbook, partial(section_html, ArtefactStore()))
    assert list(made) == [f"print/{p.id}.js" for p in handbook.practices]
    for p in handbook.practices:
        data = fragment_data(made[f"print/{p.id}.js"])
        assert (data["id"], data["title"]) == (p.id, p.title)
        assert SLUG_PATTERN.fullmatch(p.id)  # what the view accepts is every id


def test_a_fragment_holds_the_pdfs_facts_and_the_stores_section_html(handbook) -> None:
    store = ArtefactStore()
    p = handbook.practice("ribes-nest-veneto")
    assert p is not None
    html = fragment_data(
        print_selection.fragments(handbook, partial(section_html, store))[f"print/{p.id}.js"]
    )["html"]
    assert html.startswith(f'<article class="hb-print-practice" id="p-{p.id}"')
    assert f'<h2 class="hb-print-practice__title" id="p-{p.id}-title">' in html
    facets = facets_for(handbook.vocabularies)
    rows = re.findall(r'<th scope="row">([^<]+)</th>', html)
    assert rows[:5] == [
        "Organisation",
        "Country",
        facets.ecosystem.singular,
        facets.helix.title,
        facets.role.singular,
    ]
    assert rows[-1] == "Source"
    assert "Italy (IT), Veneto" in html
    for section, html_of_section in zip(p.sections, section_html(store, p), strict=True):
        assert f"<h3>{section.heading}</h3>\n{html_of_section}" in html


def test_a_fragment_is_made_from_the_sections_already_rendered(handbook) -> None:
    store = ArtefactStore()
    for p in handbook.practices:
        section_html(store, p)
    rendered = store.rendered
    print_selection.fragments(handbook, partial(section_html, store))
    assert store.rendered == rendered


def test_a_fragment_holds_no_script_of_an_editors_markdown(handbook) -> None:
    hostile = (
        'Text <script>window.pwned = 1</script> and <img src=x onerror="window.pwned=1">'
        " and [a link](javascript:window.pwned=1) and <iframe src=//evil.example></iframe>"
    )
    p = handbook.practices[0]
    p = replace(p, sections=(Section("challenges", "Challenges", hostile, 1), *p.sections[1:]))
    bad = replace(handbook, practices=(p,))
    html = fragment_data(
        print_selection.fragments(bad, partial(section_html, ArtefactStore()))[f"print/{p.id}.js"]
    )["html"]
    for found in ("<script", "onerror", "javascript:", "<iframe"):
        assert found not in html.lower()
    # ... and the section is there, its text and its link's words kept as text
    section = html.split("<h3>Challenges</h3>", 1)[1]
    assert re.match(r"\s*<p>Text ", section), section[:200]
    for kept in (" and ", "a link"):
        assert kept in section.split("</p>", 1)[0], section[:200]


def test_the_print_view_is_one_page_reached_from_the_buttons_not_the_nav(handbook) -> None:
    plans = planned_pages(handbook, {}, [], urls.Urls())
    views = [p for p in plans if p.src_uri == urls.PRINT_VIEW]
    assert [v.title for v in views] == ["Print a selection"]
    assert inclusion(urls.PRINT_VIEW) is InclusionLevel.NOT_IN_NAV
    html = views[0].page().html
    assert f'data-id-pattern="{print_selection.ID_PATTERN}"' in html
    assert 'data-fragment="@@id@@.js"' in html  # beside the view, in print/


@pytest.mark.parametrize("pdf_built", [True, False])
def test_the_whole_handbooks_pdf_is_offered_only_where_it_is_built(handbook, pdf_built) -> None:
    whole_pdf = "handbook.pdf" if pdf_built else None  # the build's, when it makes one
    plans = planned_pages(handbook, {}, [], urls.Urls(), whole_pdf=whole_pdf)
    by_src = {p.src_uri: p for p in plans}
    for src in (urls.ALL_PRACTICES, urls.PRINT_VIEW):
        assert ('href="../handbook.pdf"' in by_src[src].page().html) is pdf_built, src


def test_every_list_that_prints_points_at_the_print_view(handbook) -> None:
    by_src = {p.src_uri: p for p in planned_pages(handbook, {}, [], urls.Urls())}
    facet = facets_for(handbook.vocabularies).country
    for src, listed in ((urls.ALL_PRACTICES, "hb-results"), (facet.src_uri("IT"), "hb-view-list")):
        html = by_src[src].page().html
        assert (
            f'data-print="../print/index.html" data-print-list="{listed}">{BUTTON}</button>'
        ) in html
        assert f'id="{listed}"' in html


# -- a copy of the handbook, built ------------------------------------------------------


@pytest.fixture(scope="module")
def printable(edited_site: Path) -> Path:
    """The real handbook's site without its PDF and ZIP; one practice's title has markup
    (sites.edited_handbook)."""
    return edited_site


def test_a_fragments_key_changes_with_its_practice_alone_and_a_kept_one_is_not_made(
    handbook,
) -> None:
    store = ArtefactStore()
    before = print_selection.keys(handbook, store)
    first = handbook.practices[0]
    edited = replace(first, title=first.title + " (edited)")
    after = print_selection.keys(
        replace(handbook, practices=(edited, *handbook.practices[1:])), store
    )
    assert [path for path in before if before[path] != after[path]] == [f"print/{first.id}.js"]
    source = handbook.sources[first.source]  # remembered per record, and per source
    retitled = {**handbook.sources, first.source: replace(source, title="Another title")}
    moved = print_selection.keys(replace(handbook, sources=retitled), store)
    assert [path for path in before if before[path] != moved[path]] == [
        f"print/{p.id}.js" for p in handbook.practices if p.source == first.source
    ]
    kept = set(before) - {f"print/{first.id}.js"}
    made = print_selection.fragments(handbook, partial(section_html, store), kept=kept)
    assert list(made) == [f"print/{first.id}.js"]


@pytest.fixture(scope="module")
def printable_practices(printable: Path) -> list[dict]:
    return json.loads((printable / "data/practices.json").read_text("utf-8"))["practices"]


@pytest.fixture(scope="module")
def printable_server(edited_server: str) -> str:
    return edited_server


@pytest.fixture
def printing(page: Page) -> Page:
    """The page, with window.print counting its calls instead of opening a dialog."""
    page.add_init_script(STUB_PRINT)
    return page


def in_list_order(practices: list[dict], ids: set[str]) -> list[dict]:
    chosen = [p for p in practices if p["id"] in ids]
    return sorted(chosen, key=lambda p: (p["title"].casefold(), p["id"]))


def print_view_ready(page: Page) -> None:
    page.wait_for_selector("#hb-print[data-ready]", state="attached")


def shown_titles(page: Page) -> tuple[list[str], list[str]]:
    """The titles of the contents list and of the practices shown, in order."""
    contents = page.locator("#hb-print-list li").all_inner_texts()
    practices = page.locator(".hb-print-practice__title").all_inner_texts()
    return contents, practices


def words(text: str) -> str:
    return " ".join(text.split())


def pdf_text(page: Page) -> str:
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    return words(" ".join(p.extract_text() for p in reader.pages))


def assert_printed_exactly(page: Page, chosen: list[dict], everyone: list[dict]) -> None:
    """The print view lists and shows `chosen` in order, asked for the print dialog once,
    and its PDF holds their titles and no other practice's."""
    print_view_ready(page)
    titles = [p["title"] for p in chosen]
    assert shown_titles(page) == (titles, titles)
    assert page.evaluate("window.__printed") == 1
    text = pdf_text(page)
    for title in titles:
        assert words(title) in text, title
    others = [p["title"] for p in everyone if p["title"] not in titles]
    assert [t for t in others if words(t) in text and not any(t in s for s in titles)] == []


def requests_of(page: Page) -> list[str]:
    made: list[str] = []
    page.on("request", lambda request: made.append(request.url))
    return made


@pytest.mark.browser
def test_all_practices_prints_what_its_filters_and_text_box_leave(
    printing, printable_server, printable_practices
):
    made = requests_of(printing)
    printing.goto(printable_server + "practices/index.html")
    tick(printing, "country", "IT")
    printing.get_by_label(TEXT_BOX).press_sequentially("re")
    chosen = in_list_order(
        printable_practices, expected(printable_practices, {"country": ["IT"]}, "re")
    )
    assert 1 < len(chosen) < len(printable_practices)
    expect(printing.locator("#hb-status")).to_contain_text(f"Showing {len(chosen)} of")
    printing.get_by_role("button", name=BUTTON).click()
    assert_printed_exactly(printing, chosen, printable_practices)
    fragments = [url for url in made if "/print/" in url and url.endswith(".js")]
    assert sorted(fragments) == sorted(f"{printable_server}print/{p['id']}.js" for p in chosen)
    assert [url for url in made if not url.startswith(printable_server)] == []
    assert printing.console_errors == []


@pytest.mark.browser
def test_all_practices_unfiltered_prints_every_practice_not_only_its_first_rows(
    printing, printable_server, printable_practices
):
    assert len(printable_practices) > PAGE_SIZE
    printing.goto(printable_server + "practices/index.html")
    printing.get_by_role("button", name=BUTTON).click()
    everyone = in_list_order(printable_practices, {p["id"] for p in printable_practices})
    print_view_ready(printing)
    assert shown_titles(printing) == ([p["title"] for p in everyone],) * 2
    assert printing.console_errors == []


@pytest.mark.browser
def test_a_view_prints_the_practices_it_lists(printing, printable_server, printable_practices):
    printing.goto(printable_server + "countries/it.html")
    listed = printing.locator("#hb-view-list > li").evaluate_all(
        "items => items.map(li => li.dataset.id)"
    )
    chosen = in_list_order(printable_practices, expected(printable_practices, {"country": ["IT"]}))
    assert listed == [p["id"] for p in chosen]
    printing.get_by_role("button", name=BUTTON).click()
    assert_printed_exactly(printing, chosen, printable_practices)
    assert printing.console_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("start", ["practices/index.html", "ecosystems/health.html"])
def test_from_file_urls_the_print_view_loads_its_fragments_as_scripts(
    printing, printable, printable_practices, start
):
    made = requests_of(printing)
    printing.goto((printable / start).as_uri())
    if start.startswith("practices/"):
        tick(printing, "ecosystem", "health")
    chosen = in_list_order(
        printable_practices, expected(printable_practices, {"ecosystem": ["health"]})
    )
    printing.get_by_role("button", name=BUTTON).click()
    assert_printed_exactly(printing, chosen, printable_practices)
    assert printing.url.startswith((printable / "print/index.html").as_uri() + "#practices=")
    assert [url for url in made if not url.startswith(printable.as_uri())] == []
    assert printing.console_errors == []


@pytest.mark.browser
def test_the_address_gives_the_view_only_ids_and_markup_stays_text(
    printing, printable_server, printable_practices
):
    marked = next(p for p in printable_practices if p["title"] == MARKUP_TITLE)
    other = sorted(printable_practices, key=lambda p: p["id"])[0]
    asked = [
        '<img src=x onerror="window.pwned=1">',
        marked["id"],
        "no-such-practice",
        "../../data/practices",
        other["id"],
        marked["id"],
    ]
    printing.goto(printable_server + "print/index.html#practices=" + ",".join(asked))
    print_view_ready(printing)
    titles = [MARKUP_TITLE, other["title"]]
    assert shown_titles(printing) == (titles, titles)
    status = printing.locator("#hb-print-status")
    expect(status).to_contain_text("2 practices to print.")
    expect(status).to_contain_text("Not found: no-such-practice.")
    expect(status).to_contain_text("2 names in the address are not a practice's.")
    assert printing.locator("#hb-print img").count() == 0
    assert printing.evaluate("window.pwned") is None
    assert printing.evaluate("window.__printed") == 1


@pytest.mark.browser
def test_without_a_selection_the_view_says_how_to_choose_and_does_not_print(
    printing, printable_server
):
    printing.goto(printable_server + "print/index.html")
    print_view_ready(printing)
    expect(printing.locator("#hb-print-status")).to_contain_text("No practices to print")
    expect(printing.locator("#hb-print-contents")).to_be_hidden()
    assert printing.evaluate("window.__printed") == 0
    printing.get_by_role("button", name=BUTTON).click()  # the reader may print it anyway
    printing.wait_for_function("window.__printed === 1")
    assert printing.evaluate("window.__printed") == 1


@pytest.mark.browser
def test_the_view_links_back_to_where_the_reader_came_from(printing, printable_server):
    printing.goto(printable_server + "practices/index.html?country=IT")
    expect(printing.locator("#hb-status")).to_contain_text("Showing")
    printing.get_by_role("button", name=BUTTON).click()
    print_view_ready(printing)
    printing.get_by_role("link", name="Back to the list").click()
    expect(printing).to_have_url(re.compile(r"practices/index\.html\?country=IT$"))


@pytest.mark.browser
def test_a_printed_practice_page_is_its_content_with_link_targets(printing, printable_server):
    printing.goto(
        printable_server + "practices/attracting-fdi-building-up-innovative-manufacturing.html"
    )
    link = printing.locator(".hb-section a[href^='http']").first
    target = link.get_attribute("href")
    text = pdf_text(printing)
    assert words(f"({target})") in text.replace("( ", "(")
    for chrome in ("Search", "Skip to content", "Cluster Good-Practice Handbook", "Made with"):
        assert chrome not in text, chrome
    for nav_title in ("By ecosystem", "By country", "Policy context", "Statistics"):
        assert nav_title not in text, nav_title
    assert "Open data" not in text  # the editing line


@pytest.mark.browser
def test_each_practice_of_the_print_view_starts_a_new_page(
    printing, printable_server, printable_practices
):
    chosen = in_list_order(printable_practices, expected(printable_practices, {"country": ["IT"]}))
    printing.goto(
        printable_server + "print/index.html#practices=" + ",".join(p["id"] for p in chosen)
    )
    print_view_ready(printing)
    printing.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(printing.pdf(prefer_css_page_size=True)))
    firsts = [words(page.extract_text()) for page in reader.pages]
    assert firsts[0].startswith("Print a selection Contents")
    starting = [p["title"] for p in chosen if any(t.startswith(words(p["title"])) for t in firsts)]
    assert starting == [p["title"] for p in chosen]
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)  # A4


@pytest.mark.browser
def test_the_print_view_has_no_serious_or_critical_violation(
    printing, printable_server, printable_practices
):
    ids = [p["id"] for p in printable_practices[:5]]
    printing.goto(printable_server + "print/index.html#practices=" + ",".join(ids))
    print_view_ready(printing)
    report = blocking_violations(Axe(), printing)
    assert report == "", f"axe-core on the print view:\n{report}"


@pytest.mark.browser
def test_the_whole_handbooks_pdf_is_offered_while_nothing_is_filtered(page, site_server):
    page.add_init_script(STUB_PRINT)
    page.goto(site_server + "practices/index.html")
    whole = page.get_by_role("link", name="The whole handbook as PDF")
    expect(whole).to_be_visible()
    tick(page, "country", "IT")
    expect(whole).to_be_hidden()
    page.get_by_role("button", name="Clear all filters").click()
    expect(whole).to_be_visible()
    page.get_by_role("button", name=BUTTON).click()
    print_view_ready(page)
    expect(page.locator("#hb-print-whole")).to_be_visible()
    expect(page.locator("#hb-print-whole a")).to_have_attribute("href", "../handbook.pdf")
