"""The accessibility statement: the parts of the EU model statement, claims that hold, and a
page readers reach from the home page and About, clean under axe at both widths."""

from __future__ import annotations

import ast
import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest
import yaml

from site_builder.render import accessibility

from .helpers import browser as browser_helpers
from .helpers.browser import blocking_violations
from .helpers.projects import PROJECT, TESTS

# The parts of the model statement (Implementing Decision (EU) 2018/1523, Annex), in order
MODEL_PARTS = [
    "Compliance status",
    "Non-accessible content",
    "Preparation of this accessibility statement",
    "Feedback and contact information",
    "Enforcement procedure",
]


def statement(site: Path) -> str:
    return (site / "accessibility.html").read_text(encoding="utf-8")


def article(html: str) -> str:
    """The page's own content, without MkDocs' navigation around it."""
    return html.split("<article", 1)[1].split("</article>", 1)[0]


@pytest.mark.slow
def test_the_statement_has_every_part_of_the_model_in_order(built_site: Path) -> None:
    html = article(statement(built_site))
    headings = [unescape(h) for h in re.findall(r"<h2 id=\"[^\"]+\">([^<]+)</h2>", html)]
    assert headings == MODEL_PARTS
    assert "partially compliant" in html
    assert "WCAG 2.1 level AA" in html and "EN 301 549" in html
    for part in ("Non-compliance with the requirements", "Alternatives the site offers"):
        assert part in html


@pytest.mark.slow
def test_the_statement_is_in_the_navigation_and_linked_from_home_and_about(built_site) -> None:
    for page in ("index.html", "about.html", "stats.html"):  # the global navigation too
        assert 'href="accessibility.html"' in (built_site / page).read_text(encoding="utf-8"), page
    about = article((built_site / "about.html").read_text(encoding="utf-8"))
    assert 'href="accessibility.html"' in about and 'href="data/catalog.jsonld"' in about


def defined_tests(module: Path) -> set[str]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    return {
        n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")
    }


def test_the_checks_the_statement_names_are_tests_of_the_suite() -> None:
    named = [test for _, test in accessibility.CHECKS]
    assert len(named) == len(set(named)) >= 4
    for test in named:
        module, _, name = test.partition("::")
        assert name in defined_tests(PROJECT / module), test


def test_the_checks_run_at_the_widths_and_over_the_transports_the_statement_names() -> None:
    source = (TESTS / "test_accessibility.py").read_text(encoding="utf-8")
    helpers = Path(browser_helpers.__file__).read_text(encoding="utf-8")
    wide, narrow = accessibility.WIDTHS
    assert f'"width": {wide}' in helpers  # the `page` fixture the checks use (watched_page)
    assert f'"width": {narrow}' in source
    assert "site_server" in source and ".as_uri()" in source  # http and file://
    assert "blocking_violations" in source
    assert 'BLOCKING = {"serious", "critical"}' in helpers  # what the statement says stops a change


def test_the_dates_are_days_and_the_review_is_not_before_the_statement() -> None:
    prepared, reviewed = map(date.fromisoformat, (accessibility.PREPARED, accessibility.REVIEWED))
    assert prepared <= reviewed


def test_the_feedback_form_exists_as_a_github_issue_form() -> None:
    form = yaml.safe_load(
        (PROJECT / ".github/ISSUE_TEMPLATE" / accessibility.FORM).read_text("utf-8")
    )
    assert form["name"] == "Report an accessibility problem"
    assert form["description"] and form["labels"] == ["accessibility"]
    ids = [e["id"] for e in form["body"] if "id" in e]
    assert len(ids) == len(set(ids))
    required = [
        e["attributes"]["label"] for e in form["body"] if e.get("validations", {}).get("required")
    ]
    assert required == ["Page", "What stands in your way"]


@pytest.mark.slow
def test_without_a_repository_the_statement_says_where_the_form_is(built_site: Path) -> None:
    """A local build does not know the repository: no link that could lead nowhere."""
    html = article(statement(built_site))
    assert "/issues/new" not in html
    assert "<strong>Report an accessibility problem</strong>" in html


@pytest.mark.slow
def test_the_statement_says_what_was_and_was_not_checked_of_the_pdf(built_site: Path) -> None:
    """The PDF's claims are those its tests hold (tests/test_pdf.py): the parts pass
    Typst's PDF/UA-1 checks, the merged tree passes the structure check; no validator."""
    text = " ".join(re.sub(r"<[^>]+>", "", article(statement(built_site))).split())
    assert "declares PDF/UA-1" in text
    assert "each of which passes the PDF/UA-1 checks of the program that makes it (Typst)" in text
    assert "every page's content and every link is in its structure tree" in text
    assert "not been checked with a PDF/UA validator (such as veraPDF or PAC)" in text
    assert "conformance is not known" not in text


@pytest.mark.slow
def test_a_published_statement_links_the_form_of_its_repository(published_site: Path) -> None:
    """The mini handbook built with HANDBOOK_REPOSITORY (sites.PUBLISHED)."""
    html = article(statement(published_site))
    assert (
        '<a href="https://github.com/example/handbook/issues/new?template=accessibility.yml">'
        "Report an accessibility problem</a>"
    ) in html
    assert "<strong>PDF" not in html and "PDF of the whole handbook" not in html  # none built


@pytest.mark.browser
@pytest.mark.parametrize("width", accessibility.WIDTHS)
def test_the_statement_is_reached_from_the_home_page_and_axe_clean(
    browser, site_server, width
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site_server + "index.html")
    page.locator("article").get_by_role("link", name="Accessibility statement").click()
    page.wait_for_url(site_server + "accessibility.html")
    assert page.get_by_role("heading", level=1).inner_text() == "Accessibility statement"
    for part in MODEL_PARTS:
        assert page.get_by_role("heading", name=part, level=2).is_visible()
    report = blocking_violations(Axe(), page)
    assert report == "", f"axe-core on the statement at {width} px:\n{report}"
    context.close()
