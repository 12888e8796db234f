"""A renamed practice keeps its old addresses: `former_ids` makes a redirect page at each.

The validator's refusals (a former id another page has) are cases in tests/cases/
(former-id-*); here: the redirect page itself, the build's last guard, and a reader
following an old link in Chromium, over http and from file://, with JavaScript on and
off, with and without directory URLs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_builder.core.model import ContentError, Handbook
from site_builder.core.urls import Urls, practice_src, reserved_practice_names
from site_builder.outputs.redirects import files, page
from site_builder.search import site_files

from .helpers.browser import serving
from .helpers.projects import VOCABULARIES, build_site, make_project
from .helpers.records import practice
from .helpers.sites import OLD_IDS, renamed

TITLE = "Regional Innovative Network of Veneto"


def old_file(old: str, directory_urls: bool) -> str:
    return f"practices/{old}/index.html" if directory_urls else f"practices/{old}.html"


# -- the page ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "directory_urls, site_url, link, canonical",
    [
        (False, None, "ribes-nest-veneto.html", "ribes-nest-veneto.html"),
        (True, None, "../ribes-nest-veneto/index.html", "../ribes-nest-veneto/"),
        (
            True,
            "https://example.org/handbook/",
            "../ribes-nest-veneto/index.html",
            "https://example.org/handbook/practices/ribes-nest-veneto/",
        ),
    ],
)
def test_the_redirect_page_refreshes_links_and_names_the_page(
    directory_urls: bool, site_url: str | None, link: str, canonical: str
) -> None:
    html = page(
        TITLE,
        practice_src("ribes-nest-veneto"),
        practice_src("ribes-nest"),
        Urls(directory_urls, site_url),
    )
    assert html.startswith('<!doctype html>\n<html lang="en">')
    assert f'<meta http-equiv="refresh" content="0; url={link}">' in html
    assert f'<a href="{link}">{TITLE}</a>' in html  # followed with the refresh switched off
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert f"<title>Moved: {TITLE}</title>" in html
    assert '<meta name="robots" content="noindex">' in html
    assert "<script" not in html


def test_a_hostile_title_is_escaped_in_the_redirect_page() -> None:
    html = page('</title><script>alert(1)</script>"', practice_src("a"), practice_src("b"), Urls())
    assert "<script>" not in html
    assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;" in html


def handbook_of(*practices) -> Handbook:
    return Handbook(practices=practices, recommendations=(), sources={}, vocabularies=VOCABULARIES)


@pytest.mark.parametrize("directory_urls", [False, True])
def test_every_former_id_gets_its_file_at_the_old_address(directory_urls: bool) -> None:
    written = files(
        handbook_of(practice("new", former_ids=("old", "older")), practice("other")),
        Urls(directory_urls),
    )
    assert list(written) == [old_file("old", directory_urls), old_file("older", directory_urls)]


def test_a_redirect_never_replaces_a_file_of_the_build() -> None:
    with pytest.raises(ContentError) as raised:
        files(
            handbook_of(practice("new", former_ids=("old",))),
            Urls(),
            frozenset({"practices/old.html"}),
        )
    assert str(raised.value).endswith(
        "practices/new.md:1:1: error: the former id `old` would replace practices/old.html, "
        "which the site has (remove it from `former_ids`)"
    )


def test_the_names_the_sites_own_pages_use_under_practices_are_reserved() -> None:
    assert sorted(reserved_practice_names()) == ["index", "page"]


# -- the build ------------------------------------------------------------------------------


@pytest.fixture(params=[False, True], ids=["file-urls", "directory-urls"])
def renamed_site(request) -> tuple[Path, bool]:
    """The mini handbook, whose first practice was renamed from OLD_IDS (sites.mini_handbook),
    built with file URLs and with directory URLs."""
    directory_urls = request.param
    name = "mini_site_directory_urls" if directory_urls else "mini_site"
    return request.getfixturevalue(name), directory_urls


@pytest.mark.slow
def test_the_build_writes_a_redirect_at_each_old_address(renamed_site) -> None:
    site, directory_urls = renamed_site
    for old in OLD_IDS:
        html = (site / old_file(old, directory_urls)).read_text(encoding="utf-8")
        (target,) = re.findall(r'http-equiv="refresh" content="0; url=([^"]+)"', html)
        landing = (site / old_file(old, directory_urls)).parent / target
        assert (
            landing.resolve()
            == (site / Urls(directory_urls).dest(practice_src("ribes-nest-veneto"))).resolve()
        )
        assert f'<h1 id="top">{TITLE}</h1>' in landing.read_text(encoding="utf-8")


@pytest.mark.slow
def test_redirects_are_not_pages_the_search_finds(renamed_site) -> None:
    site, _ = renamed_site
    index = "".join(
        p.read_text(encoding="utf-8") for p in sorted((site / site_files.DATA).rglob("*.js"))
    )
    assert "ribes-nest-veneto" in index
    for old in OLD_IDS:
        assert old + '"' not in index and old + "." not in index and old + "/" not in index


@pytest.mark.slow
def test_a_redirect_over_another_page_stops_the_build_naming_the_practice(tmp_path: Path) -> None:
    """The validator knows the generated pages' names; a hand-written page at the old
    address is the build's to refuse."""
    project = renamed(make_project(tmp_path / "handbook"))
    (project / "docs/practices").mkdir(parents=True)
    (project / "docs/practices/ribes-nest.md").write_text("# An old page\n", encoding="utf-8")
    done = build_site(project, project / "site")
    assert done.returncode != 0
    assert (
        "practices/ribes-nest-veneto.md:1:1: error: the former id `ribes-nest` would replace "
        "practices/ribes-nest.html, which the site has" in done.stdout + done.stderr
    )


# -- a reader with an old link --------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_an_old_link_lands_on_the_renamed_practice(browser, renamed_site, javascript: bool) -> None:
    site, directory_urls = renamed_site
    context = browser.new_context(java_script_enabled=javascript)
    tab = context.new_page()
    new_file = Urls(directory_urls).dest(practice_src("ribes-nest-veneto"))
    with serving(site) as base:
        for old in OLD_IDS:
            for start, landing in (
                (base + old_file(old, directory_urls).removesuffix("index.html"), base + new_file),
                ((site / old_file(old, directory_urls)).as_uri(), (site / new_file).as_uri()),
            ):
                tab.goto(start)
                tab.wait_for_url(landing)
                assert tab.locator("h1").first.inner_text() == TITLE, start
    context.close()
