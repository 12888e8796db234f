"""The site in Debian's Chromium: serving a folder, a watched page, axe, and what a reader does
on the filter page and in the search box. The expected lists and counts are computed here from
data/practices.json, apart from the site's JavaScript."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
import unicodedata
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from site_builder.core.facets import facets_for

from .projects import VOCABULARIES

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
BLOCKING = {"serious", "critical"}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def running(server: http.server.HTTPServer):
    """`server` answering in a thread of its own: yields its base URL, then stops it. It
    looks at its stop flag every 50 ms (not 0.5 s), so that stopping it costs no time."""
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def serving(folder: Path):
    """`folder` over HTTP on the loopback interface: yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    with running(http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)) as base:
        yield base + "/"


class _SubPathHandler(_QuietHandler):
    """The folder under PREFIX, and 404.html with the status 404 for any address the
    folder lacks, at any depth, as GitHub Pages and most servers send it."""

    PREFIX = "/handbook/"

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path.removeprefix(self.PREFIX))

    def send_head(self):
        if self.path.startswith(self.PREFIX) and os.path.exists(self.translate_path(self.path)):
            return super().send_head()
        missing = Path(self.directory) / "404.html"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(missing.stat().st_size))
        self.end_headers()
        return missing.open("rb")


@contextlib.contextmanager
def serving_under_sub_path(folder: Path):
    """`folder` over HTTP at _SubPathHandler.PREFIX, with its 404 page for what it lacks:
    yields its base URL."""
    handler = functools.partial(_SubPathHandler, directory=str(folder))
    with running(http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)) as base:
        yield base + _SubPathHandler.PREFIX


@contextlib.contextmanager
def watched_page(browser, **options):
    """A fresh browser page (1280 px wide, with `options` for its context) that keeps its
    console errors and uncaught exceptions in `console_errors`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.console_errors = errors
    try:
        yield tab
    finally:
        context.close()


def blocking_violations(axe: Axe, page: Page) -> str:
    """The serious and critical violations, one line per rule and node; "" if none."""
    found = axe.run(page).response["violations"]
    lines = []
    for violation in found:
        if violation["impact"] in BLOCKING:
            lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
            lines += [
                f"    {' '.join(map(str, node['target']))}: {node['html'][:160]}"
                for node in violation["nodes"]
            ]
    return "\n".join(lines)


# -- the filter rules of issue 4, and what a reader does and sees on the filter page --------

FACETS = facets_for(VOCABULARIES).by_key()


FIELDS = {
    "ecosystem": "ecosystems",
    "country": "country",
    "helix": "helix",
    "role": "cluster_role",
    "theme": "themes",
}


def values(practice: dict, key: str) -> list[str]:
    value = practice[FIELDS[key]]
    return value if isinstance(value, list) else [value]


def fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)
    ).lower()


def expected(practices: list[dict], sel: dict[str, list[str]], q: str = "") -> set[str]:
    """Ids left by a filter: any ticked value within a facet, every facet, every word."""

    def keeps(p: dict) -> bool:
        text = fold(" ".join([p["title"], p["organisation"], p["region"] or "", p["country_name"]]))
        return all(word in text for word in fold(q).split()) and all(
            set(chosen) & set(values(p, key)) for key, chosen in sel.items() if chosen
        )

    return {p["id"] for p in practices if keeps(p)}


def expected_counts(
    practices: list[dict], sel: dict[str, list[str]], q: str = ""
) -> dict[tuple[str, str], int]:
    """Per option: the practices listed once it is ticked; if ticked, the listed ones with it."""
    listed = expected(practices, sel, q)
    counts = {}
    for key in FIELDS:
        for value in {v for p in practices for v in values(p, key)}:
            chosen = sel.get(key, [])
            if value in chosen:
                counts[key, value] = sum(
                    1 for p in practices if p["id"] in listed and value in values(p, key)
                )
            else:
                counts[key, value] = len(expected(practices, {**sel, key: [*chosen, value]}, q))
    return counts


def tick(page: Page, key: str, value: str) -> None:
    """Click the option's label text inside its facet's group, as a reader does."""
    facet = FACETS[key]
    group = page.get_by_role("group", name=facet.title)
    group.get_by_text(facet.label(value), exact=True).click()
    loaded(page)


def loaded(page: Page) -> None:
    """The first filter loads the whole list (data/practice-list.js): wait until it is in
    and shown (the list is aria-busy meanwhile)."""
    page.wait_for_selector("#hb-results:not([aria-busy])", state="attached")


def listed(page: Page) -> set[str]:
    return set(
        page.locator("#hb-results > li:visible").evaluate_all(
            "items => items.map(li => li.dataset.id)"
        )
    )


def shown_counts(page: Page) -> dict[tuple[str, str], int]:
    rows = page.locator("#hb-filters input[type=checkbox]").evaluate_all(
        "boxes => boxes.map(b => [b.name, b.value,"
        " b.closest('label').querySelector('[data-count]').textContent])"
    )
    return {(key, value): int(text.strip("()")) for key, value, text in rows}


def expect_status(page: Page, shown: int, total: int) -> None:
    text = (
        f"Showing all {total} practices."
        if shown == total
        else f"Showing {shown} of {total} practices."
    )
    expect(page.get_by_role("status")).to_have_text(text)


def by_count(practices: list[dict], key: str) -> list[str]:
    """The facet's values, most practices first (ties by value)."""
    tally: dict[str, int] = {}
    for p in practices:
        for v in values(p, key):
            tally[v] = tally.get(v, 0) + 1
    return sorted(tally, key=lambda v: (-tally[v], v))


def overlapping(practices: list[dict]) -> tuple[str, str]:
    """An ecosystem and a country that share some practices, but not all of either."""
    for ecosystem in by_count(practices, "ecosystem"):
        for country in by_count(practices, "country"):
            both = expected(practices, {"ecosystem": [ecosystem], "country": [country]})
            alone = (
                expected(practices, {"ecosystem": [ecosystem]}),
                expected(practices, {"country": [country]}),
            )
            if both and all(len(both) < len(one) for one in alone):
                return ecosystem, country
    raise AssertionError("no ecosystem and country overlap partly in the corpus")


def listed_in_order(page: Page) -> list[str]:
    return page.locator("#hb-results > li:visible").evaluate_all(
        "items => items.map(li => li.dataset.id)"
    )


# -- the search box in the header --------------------------------------------------------------


def type_query(page: Page, query: str) -> None:
    """Into the header's search box, key by key as a reader types."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query)


def results(page: Page):
    return page.locator(".md-search-result__item")
