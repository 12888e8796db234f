"""WCAG 2.1 AA on the built handbook: axe-core, run inside the page in Chromium, finds
no serious or critical violation on the main page types, nor on the filter page in use.

axe-core comes with axe-playwright-python (its bundled axe.min.js is evaluated in the
page: nothing is fetched from the network).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from .helpers.browser import blocking_violations

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()


@pytest.fixture(scope="session")
def first_practice(built_site: Path) -> dict:
    return json.loads((built_site / "data/practices.json").read_text("utf-8"))["practices"][0]


@pytest.fixture(scope="session")
def first_recommendation(built_site: Path) -> dict:
    data = json.loads((built_site / "data/recommendations.json").read_text("utf-8"))
    return data["recommendations"][0]


def page_path(kind: str, practice: dict, recommendation: dict) -> str:
    return {
        "home": "index.html",
        "practice": practice["url"],
        "all practices": "practices/index.html",
        "ecosystems": "ecosystems/index.html",
        "an ecosystem": f"ecosystems/{practice['ecosystems'][0]}.html",
        "a country": f"countries/{practice['country'].lower()}.html",
        "recommendations": "recommendations/index.html",
        "recommendation": recommendation["url"],
        "statistics": "stats.html",
        "about": "about.html",
        "404": "404.html",
    }[kind]


@pytest.mark.parametrize(
    "kind",
    [
        "home",
        "practice",
        "all practices",
        "ecosystems",
        "an ecosystem",
        "a country",
        "recommendations",
        "recommendation",
        "statistics",
        "about",
        "404",
    ],
)
def test_no_serious_or_critical_violation(
    page, site_server, axe, first_practice, first_recommendation, kind
):
    page.goto(site_server + page_path(kind, first_practice, first_recommendation))
    report = blocking_violations(axe, page)
    assert report == "", f"axe-core on {kind}:\n{report}"


def test_no_serious_or_critical_violation_on_the_filter_page_in_use(
    page, site_server, axe, first_practice
):
    page.goto(site_server + "practices/index.html")
    page.get_by_role("group", name="Industrial ecosystems").get_by_role("checkbox").first.check()
    page.get_by_label("Words in the title, organisation or region").fill("cluster")
    report = blocking_violations(axe, page)
    assert report == "", f"axe-core on the filtered list:\n{report}"


def test_no_serious_or_critical_violation_on_a_phone(browser, site_server, axe):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    for path in ("practices/index.html?country=IT", "stats.html"):
        page.goto(site_server + path)
        report = blocking_violations(axe, page)
        assert report == "", f"axe-core on {path} at 390 px:\n{report}"
    context.close()


def test_no_serious_or_critical_violation_from_file_urls(page, built_site, axe):
    """Opened from disk, focus and storage behave differently: axe sees more there."""
    for path, query in (("index.html", ""), ("practices/index.html", "?ecosystem=health")):
        page.goto((built_site / path).as_uri() + query)
        report = blocking_violations(axe, page)
        assert report == "", f"axe-core on file://…/{path}{query}:\n{report}"
