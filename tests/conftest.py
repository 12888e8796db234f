"""Shared fixtures: the sites the tests read, each variant built once per session, and Chromium.

What each variant changes is told in tests/helpers/sites.py. Each is built once even where
`python3 dev.py test` runs the suite in several workers (pytest-xdist): they share it (`once`).
A test that uses one of these
sites is marked `slow`, and one that uses the browser `browser`: the marks are derived from
the fixtures a test uses (pytest_collection_modifyitems), so none can be forgotten; a test
that builds a site itself carries the mark in its module.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable
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


@pytest.fixture(scope="session")
def once(tmp_path_factory) -> Callable[[str, Callable[[Path], Path]], Path]:
    """once(name, make): what make(folder) makes (a site, a repository), made once per test
    session. Where pytest-xdist runs the tests in several workers, the first to ask makes it
    in a folder they share, and the others wait for it (a lock on a file beside it)."""
    root = tmp_path_factory.getbasetemp()
    if "PYTEST_XDIST_WORKER" in os.environ:
        root = root.parent  # the workers' folders are side by side in the session's
    shared = root / "shared"
    shared.mkdir(exist_ok=True)

    def made(name: str, make: Callable[[Path], Path]) -> Path:
        with open(shared / f"{name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            done = shared / f"{name}.made"
            if done.exists():
                return Path(done.read_text(encoding="utf-8"))
            folder = shared / name
            shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
            folder.mkdir()
            result = make(folder)
            done.write_text(str(result), encoding="utf-8")
            return result

    return made


# -- the real handbook, and an edited copy of it ---------------------------------------------


@site_fixture
def built_site(once) -> Path:
    """The real handbook, with its PDF and offline ZIP."""
    return once("built", lambda folder: built(PROJECT, folder / "site"))


@site_fixture
def edited_site(once) -> Path:
    """A copy of the real handbook without its PDF and ZIP, with a practice in Malta, two
    that start with a formula and one whose title has markup (sites.edited_handbook)."""
    return once("edited", lambda folder: built(sites.edited_handbook(folder)))


# -- small handbooks ---------------------------------------------------------------------------


@site_fixture
def base_site(once) -> Path:
    """The mini project as it is: one practice, one recommendation (its site/)."""
    return once("base", lambda folder: built(make_project(folder / "handbook")))


@site_fixture
def mini_site(once) -> Path:
    """Three practices, the first renamed (sites.mini_handbook): its project's site/."""
    return once("mini", lambda folder: built(sites.mini_handbook(folder / "handbook")))


@site_fixture
def mini_site_directory_urls(once) -> Path:
    """The same, built with directory URLs (in a project of its own)."""

    def make(folder: Path) -> Path:
        return built(sites.mini_handbook(folder / "handbook"), None, "--use-directory-urls")

    return once("mini-directory-urls", make)


@site_fixture
def merged_site(once) -> Path:
    """The mini project with a second practice, ribes-nest, that later merged into the first."""

    def make(folder: Path) -> Path:
        project = make_project(folder / "handbook")
        add_practice(project, "ribes-nest", {"Regional Innovative Network of Veneto": "Ribes Nest"})
        return built(project)

    return once("merged", make)


@site_fixture
def published_site(once) -> Path:
    """The mini project as the publish workflow builds it: with its address, its
    repository and a content date (sites.PUBLISHED)."""

    def make(folder: Path) -> Path:
        project = sites.published(make_project(folder / "handbook"))
        with pytest.MonkeyPatch.context() as patch:
            for name, value in sites.PUBLISHED.items():
                patch.setenv(name, value)
            return built(project)

    return once("published", make)


@site_fixture
def other_site(once) -> Path:
    """Another handbook, with vocabularies of its own (sites.other_handbook)."""
    return once("other", lambda folder: built(sites.other_handbook(folder / "handbook")))


@site_fixture
def light_site(once) -> Path:
    """sites.LIGHT_SIZE synthetic practices, with the offline zip, without the PDF."""
    return once("light", lambda folder: built(sites.light_handbook(folder)))


# -- the history corpus: the mini handbook in git ------------------------------------------


@pytest.fixture(scope="session")
def history_repo(once) -> Path:
    """The mini handbook in a git repository of four commits at fixed dates."""
    return once("history", lambda folder: sites.committed_project(folder / "handbook"))


@site_fixture
def history_site(history_repo: Path, once) -> Path:
    """The history corpus built in a time zone 14 hours ahead of UTC, without a site_url."""

    def make(folder: Path) -> Path:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("TZ", sites.LATE_ZONE)
            return built(history_repo, folder / "site")

    return once("history-site", make)


@site_fixture
def published_history_site(once) -> Path:
    """The history corpus built as published under sites.SITE (mkdocs.yml's site_url)."""

    def make(folder: Path) -> Path:
        project = sites.committed_project(folder / "handbook")
        config = project / "mkdocs.yml"
        config.write_text(config.read_text() + f"site_url: {sites.SITE}\n")
        return built(project)

    return once("published-history", make)


@site_fixture
def unversioned_history_site(history_repo: Path, once) -> Path:
    """The same corpus outside git, without site_url, dated by SOURCE_DATE_EPOCH."""

    def make(folder: Path) -> Path:
        project = folder / "handbook"
        ignored = shutil.ignore_patterns(".git", "site", ".handbook-cache")
        shutil.copytree(history_repo, project, ignore=ignored)
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SOURCE_DATE_EPOCH", str(sites.at("2025-05-05T05:05:05Z")))
            return built(project)

    return once("unversioned", make)


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
