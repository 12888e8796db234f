"""Export this selection (issue 16, item 3): All practices downloads what it lists now.

Without a browser: the data scripts hold each practice's own part of the full files, in
their order, and are made from the parts the adapter remembers per record (a second
build makes none). In Chromium, the way a reader does it: filter, type, press a button,
catch the download, and compare it with data/practices.csv and .json for exactly the
practices the filters leave (all of them, not only the rows shown); a title and an
organisation that a spreadsheet would run stay text; from file:// too; the data loads
only at the press; without JavaScript there are no buttons.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from site_builder.artefacts.store import ArtefactStore
from site_builder.content.validate import load_handbook
from site_builder.core.urls import Urls
from site_builder.outputs import csv_columns, export_selection, exports
from site_builder.render.pages.all_practices import PAGE_SIZE
from site_builder.render.pages.planned import planned_pages
from tests.helpers.browser import expected, tick, watched_page
from tests.helpers.projects import PROJECT
from tests.helpers.sites import FORMULA_IDS, FORMULA_ORGANISATION, FORMULA_TITLE, practices_of

TEXT_BOX = "Words in the title, organisation or region"


def script_data(script: str, kind: str) -> dict:
    head = f"window.{export_selection.GLOBAL}.{kind} = "
    start = script.index(head) + len(head)
    assert script.endswith(";\n")
    return json.loads(script[start:-2])


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(PROJECT)


def test_the_scripts_hold_each_practices_part_of_the_full_files_in_their_order(handbook):
    made = export_selection.scripts(handbook)
    assert sorted(made) == [export_selection.CSV, export_selection.JSON]
    data = {kind: script_data(made[name], kind) for kind, name in
            (("csv", export_selection.CSV), ("json", export_selection.JSON))}  # fmt: skip
    ids = sorted(p.id for p in handbook.practices)
    full_csv, full_json = exports.practices_csv(handbook), exports.practices_json(handbook)
    assert [i for i, _ in data["csv"]["parts"]] == ids == [i for i, _ in data["json"]["parts"]]
    assert data["csv"]["head"] + "".join(row for _, row in data["csv"]["parts"]) == full_csv
    objects = ",\n".join(part for _, part in data["json"]["parts"])
    assert objects in full_json and json.loads(f"[{objects}]") == json.loads(full_json)["practices"]


def test_the_scripts_are_made_from_the_parts_remembered_per_record(handbook):
    store = ArtefactStore()
    made: list[str] = []

    def part(kind, p, make):
        def counted(p):
            made.append(kind)
            return make(p)

        return store.per_record(f"export-{kind}", p, counted)

    first = export_selection.scripts(handbook, Urls(), part)
    assert len(made) == 4 * len(handbook.practices)  # csv, json, and each script's line
    made.clear()
    assert export_selection.scripts(handbook, Urls(), part) == first
    assert made == []


def test_all_practices_offers_the_buttons_only_with_javascript(handbook):
    plans = planned_pages(handbook, {}, [], Urls())
    html = next(p for p in plans if p.src_uri == "practices/index.md").page().html
    assert '<div class="hb-export" id="hb-export" data-csv="../data/export-csv.js"' in html
    assert 'data-json="../data/export-json.js">' in html
    assert "<noscript><style>.hb-export { display: none; }</style></noscript>" in html
    assert html.index("filters.js") < html.index("export.js")


# -- in Chromium --------------------------------------------------------------------------


@pytest.fixture
def downloading(browser):
    with watched_page(browser, accept_downloads=True) as tab:
        yield tab


def download(page: Page, kind: str) -> str:
    with page.expect_download() as caught:
        page.get_by_role("button", name=f"Download these as {kind.upper()}").click()
    done = caught.value
    assert done.suggested_filename == f"practices-selection.{kind}"
    return Path(done.path()).read_text("utf-8")


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def assert_exactly(edited_site: Path, got_csv: str, got_json: str, ids: set[str]) -> None:
    """The downloads hold exactly these practices, as the full files have them."""
    full = csv_rows((edited_site / "data/practices.csv").read_text("utf-8"))
    rows = csv_rows(got_csv)
    assert rows[0] == full[0] == csv_columns.HEADER
    assert rows[1:] == [row for row in full[1:] if row[0] in ids]
    records = json.loads((edited_site / "data/practices.json").read_text("utf-8"))["practices"]
    data = json.loads(got_json)
    assert data == {"count": len(ids), "practices": [r for r in records if r["id"] in ids]}


@pytest.mark.browser
def test_a_filtered_and_typed_selection_downloads_exactly_its_practices(
    downloading, edited_server, edited_site
):
    made: list[str] = []
    downloading.on("request", lambda r: made.append(r.url))
    practices = practices_of(edited_site)
    downloading.goto(edited_server + "practices/index.html")
    tick(downloading, "country", "IT")
    downloading.get_by_label(TEXT_BOX).press_sequentially("re")
    ids = expected(practices, {"country": ["IT"]}, "re")
    assert 1 < len(ids) < len(practices)
    expect(downloading.locator("#hb-status")).to_contain_text(f"Showing {len(ids)} of")
    assert [u for u in made if "/data/export-" in u] == []  # nothing loaded before a press
    got_csv = download(downloading, "csv")
    assert [u for u in made if "/data/export-" in u] == [edited_server + export_selection.CSV]
    got_json = download(downloading, "json")
    assert_exactly(edited_site, got_csv, got_json, ids)
    expect(downloading.locator("#hb-export-status")).to_have_text(
        f"Downloaded {len(ids)} practices as JSON."
    )
    assert [u for u in made if not u.startswith(edited_server)] == []
    assert downloading.console_errors == []


@pytest.mark.browser
def test_unfiltered_it_downloads_every_practice_not_only_the_rows_shown(
    downloading, edited_server, edited_site
):
    downloading.goto(edited_server + "practices/index.html")
    assert downloading.locator("#hb-results > li").count() == PAGE_SIZE
    for kind in ("csv", "json"):
        assert download(downloading, kind) == (edited_site / f"data/practices.{kind}").read_text(
            "utf-8"
        )


@pytest.mark.browser
def test_a_title_or_organisation_that_is_a_formula_stays_text(
    downloading, edited_server, edited_site
):
    downloading.goto(edited_server + "practices/index.html")
    downloading.get_by_label(TEXT_BOX).press_sequentially("hyperlink")
    expect(downloading.locator("#hb-status")).to_contain_text("Showing 1 of")
    rows = csv_rows(download(downloading, "csv"))
    assert len(rows) == 2 and rows[1][0] == FORMULA_IDS[0]
    assert rows[1][1] == "'" + FORMULA_TITLE
    downloading.get_by_label(TEXT_BOX).fill("")
    downloading.get_by_label(TEXT_BOX).press_sequentially("sum(1+1)")
    expect(downloading.locator("#hb-status")).to_contain_text("Showing 1 of")
    rows = csv_rows(download(downloading, "csv"))
    assert rows[1][0] == FORMULA_IDS[1]
    assert rows[1][2] == "'" + FORMULA_ORGANISATION
    assert json.loads(download(downloading, "json"))["practices"][0]["organisation"] == (
        FORMULA_ORGANISATION  # JSON is no spreadsheet: the value as written
    )


@pytest.mark.browser
def test_from_file_urls_the_download_is_made_the_same_way(downloading, edited_site):
    practices = practices_of(edited_site)
    downloading.goto((edited_site / "practices/index.html").as_uri() + "?ecosystem=health")
    ids = expected(practices, {"ecosystem": ["health"]})
    expect(downloading.locator("#hb-status")).to_contain_text(f"Showing {len(ids)} of")
    assert_exactly(edited_site, download(downloading, "csv"), download(downloading, "json"), ids)
    assert downloading.console_errors == []


@pytest.mark.browser
def test_without_javascript_there_are_no_buttons(browser, edited_site):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto((edited_site / "practices/index.html").as_uri())
    expect(tab.get_by_role("button", name="Download these as CSV")).to_have_count(0)
    expect(tab.locator("#hb-export")).to_be_hidden()
    context.close()
