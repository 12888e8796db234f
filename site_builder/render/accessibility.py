"""The accessibility statement, after the EU's model (Implementing Decision (EU) 2018/1523).

One generated page, accessibility.md (made by pages.statement_page from the template
accessibility.html and the facts here), with the parts of the model statement: the site
it covers, compliance status, non-accessible content and its alternatives, preparation,
feedback and contact, enforcement procedure. It is generated, not hand-written, because
two of its facts come from the build: whether there is a PDF, and the address of the
feedback form, which is in the repository (``extra: handbook: repository``, set by the
publish workflow) and not in the tree. Without a repository the page tells readers
where to find the form instead of linking it.

The facts that the statement claims about its own preparation are here, as data, so
that tests/test_accessibility_statement.py can hold them to the code: the automated
checks it names are tests of the suite, at the widths it names. A maintainer who
reviews the statement updates REVIEWED (and the text, where the site changed).
"""

from __future__ import annotations

from typing import Any

TITLE = "Accessibility statement"
PREPARED = "2026-12-02"  # when the statement was first written
REVIEWED = "2026-12-02"  # when a maintainer last checked it against the site
FORM = "accessibility.yml"  # .github/ISSUE_TEMPLATE/: the feedback form
STANDARD = "WCAG 2.1 level AA"
WIDTHS = (1280, 390)  # the window widths the automated checks use, in CSS pixels
# The automated checks, as the suite names them: (what they check, test module::function)
CHECKS = (
    (
        "each kind of page (home, a practice, All practices, the views, recommendations, "
        f"statistics, About, the page for a missing address) at {WIDTHS[0]} px",
        "tests/test_accessibility.py::test_no_serious_or_critical_violation",
    ),
    (
        "All practices with filters in use",
        "tests/test_accessibility.py::test_no_serious_or_critical_violation_on_the_filter_page_in_use",
    ),
    (
        f"All practices and statistics at {WIDTHS[1]} px (a phone)",
        "tests/test_accessibility.py::test_no_serious_or_critical_violation_on_a_phone",
    ),
    (
        "the home page and All practices opened from disk (file://)",
        "tests/test_accessibility.py::test_no_serious_or_critical_violation_from_file_urls",
    ),
    (
        f"this statement at {WIDTHS[0]} and {WIDTHS[1]} px",
        "tests/test_accessibility_statement.py::test_the_statement_is_reached_from_the_home_page_and_axe_clean",
    ),
)
COMMISSION = "https://digital-strategy.ec.europa.eu/en/policies/web-accessibility"
MODEL = "https://eur-lex.europa.eu/eli/dec_impl/2018/1523/oj"


def feedback_form(repository: str | None) -> str | None:
    """The address of the feedback issue form, where the repository is known."""
    if not repository:
        return None
    return f"{repository.rstrip('/')}/issues/new?template={FORM}"


HEADINGS = (  # the parts of the model statement, as the page's table of contents
    ("status", "Compliance status"),
    ("non-accessible", "Non-accessible content"),
    ("preparation", "Preparation of this accessibility statement"),
    ("feedback", "Feedback and contact information"),
    ("enforcement", "Enforcement procedure"),
)


def context(repository: str | None, pdf: str | None) -> dict[str, Any]:
    """What the statement's template shows (pages.statement_page renders it, keyed by
    all of this). `pdf` is the whole handbook's PDF, if the build makes one (the
    statement then speaks of it)."""
    return {
        "site_name": "the Cluster Good-Practice Handbook",
        "standard": STANDARD,
        "prepared": PREPARED,
        "reviewed": REVIEWED,
        "checks": CHECKS,
        "widths": WIDTHS,
        "form": feedback_form(repository),
        "form_name": "Report an accessibility problem",
        "repository": repository,
        "commission": COMMISSION,
        "model": MODEL,
        "pdf": pdf,
    }
