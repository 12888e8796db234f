"""Shared fixtures: the sites the tests read, each variant built once per session, and Chromium.

What each variant changes is told in tests/helpers/sites.py. A test that uses one of these
sites is marked `slow`, and one that uses the browser `browser`: the marks are derived from
the fixtures a test uses (pytest_collection_modifyitems), so none can be forgotten; a test
that builds a site itself carries the mark in its module.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .helpers import sites
from .helpers.browser import CHROMIUM, CHROMIUM_ARGS, serving, watched_page
from .helpers.projects import PROJECT, add_practice, built, make_corpus, make_project

SITES: set[str] = set()  # the fixtures below that build a site
BROWSERS = {"browser", "page"}


def site_fixture(function):
    """A session fixture that builds a site (so the tests that use it are `slow`)."""
    SITES.add(function.__name__)
    return pytest.fixture(scope="session")(function)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & SITES:
            item.add_marker(pytest.mark.slow)
        if used & BROWSERS:
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path / "handbook")


# -- the real handbook, and an edited copy of it ---------------------------------------------


@site_fixture
def built_site(tmp_path_factory) -> Path:
    """The real handbook, with its PDF and offline ZIP."""
    return built(PROJECT, tmp_path_factory.mktemp("built") / "site")


@site_fixture
def edited_site(tmp_path_factory) -> Path:
    """A copy of the real handbook without its PDF and ZIP, with a practice in Malta, two
    that start with a formula and one whose title has markup (sites.edited_handbook)."""
    return built(sites.edited_handbook(tmp_path_factory.mktemp("edited")))


# -- small handbooks ---------------------------------------------------------------------------


@site_fixture
def base_site(tmp_path_factory) -> Path:
    """The mini project as it is: one practice, one recommendation (its site/)."""
    return built(make_project(tmp_path_factory.mktemp("base") / "handbook"))


@site_fixture
def mini_site(tmp_path_factory) -> Path:
    """Three practices, the first renamed (sites.mini_handbook): its project's site/."""
    return built(sites.mini_handbook(tmp_path_factory.mktemp("mini") / "handbook"))


@site_fixture
def mini_site_directory_urls(tmp_path_factory) -> Path:
    """The same, built with directory URLs (in a project of its own)."""
    project = sites.mini_handbook(tmp_path_factory.mktemp("mini-directory-urls") / "handbook")
    return built(project, None, "--use-directory-urls")


@site_fixture
def merged_site(tmp_path_factory) -> Path:
    """The mini project with a second practice, ribes-nest, that later merged into the first."""
    project = make_project(tmp_path_factory.mktemp("merged") / "handbook")
    add_practice(project, "ribes-nest", {"Regional Innovative Network of Veneto": "Ribes Nest"})
    return built(project)


@site_fixture
def published_site(tmp_path_factory) -> Path:
    """The mini project as the publish workflow builds it: with its address, its
    repository and a content date (sites.PUBLISHED)."""
    project = sites.published(make_project(tmp_path_factory.mktemp("published") / "handbook"))
    with pytest.MonkeyPatch.context() as patch:
        for name, value in sites.PUBLISHED.items():
            patch.setenv(name, value)
        return built(project)


@site_fixture
def other_site(tmp_path_factory) -> Path:
    """Another handbook, with vocabularies of its own (sites.other_handbook)."""
    return built(sites.other_handbook(tmp_path_factory.mktemp("other") / "handbook"))


@site_fixture
def light_site(tmp_path_factory) -> Path:
    """sites.LIGHT_SIZE synthetic practices, with the offline zip, without the PDF."""
    return built(sites.light_handbook(tmp_path_factory.mktemp("light")))


# -- the history corpus: the mini handbook in git ------------------------------------------


@pytest.fixture(scope="session")
def history_repo(tmp_path_factory) -> Path:
    """The mini handbook in a git repository of four commits at fixed dates."""
    return sites.committed_project(tmp_path_factory.mktemp("history") / "handbook")


@site_fixture
def history_site(history_repo: Path, tmp_path_factory) -> Path:
    """The history corpus built in a time zone 14 hours ahead of UTC, without a site_url."""
    out = tmp_path_factory.mktemp("history-site") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", sites.LATE_ZONE)
        return built(history_repo, out)


@site_fixture
def published_history_site(tmp_path_factory) -> Path:
    """The history corpus built as published under sites.SITE (mkdocs.yml's site_url)."""
    project = sites.committed_project(tmp_path_factory.mktemp("published-history") / "handbook")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + f"site_url: {sites.SITE}\n")
    return built(project)


@site_fixture
def unversioned_history_site(history_repo: Path, tmp_path_factory) -> Path:
    """The same corpus outside git, without site_url, dated by SOURCE_DATE_EPOCH."""
    project = tmp_path_factory.mktemp("unversioned") / "handbook"
    shutil.copytree(
        history_repo, project, ignore=shutil.ignore_patterns(".git", "site", ".handbook-cache")
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(sites.at("2025-05-05T05:05:05Z")))
        return built(project)


# -- the sites over HTTP, and Chromium -------------------------------------------------------


@pytest.fixture(scope="session")
def site_server(built_site: Path):
    """The built site over HTTP on the loopback interface: yields its base URL."""
    with serving(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def edited_server(edited_site: Path):
    with serving(edited_site) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright. Never skipped: a missing
    browser is a failure, since the site must be proven in a real one."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "install Chromium: python3 dev.py test does it as root"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh browser page that fails the test on any console error."""
    with watched_page(browser) as tab:
        yield tab
