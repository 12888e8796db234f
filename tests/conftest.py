"""Shared fixtures: small corpora built in tmp_path from committed case folders."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from site_builder.content import vocab_file
from site_builder.core import vocab

TESTS = Path(__file__).parent
PROJECT = TESTS.parent
CASES = TESTS / "cases"
VOCABULARIES = vocab_file.load(PROJECT)  # the real handbook's, from schema/vocabularies.yml


def make_corpus(target: Path, *overlays: Path) -> Path:
    """A content tree: the base mini corpus with each overlay folder copied over it."""
    shutil.copytree(CASES / "_base", target, dirs_exist_ok=True)
    (target / "schema").mkdir(exist_ok=True)
    shutil.copy2(PROJECT / vocab.FILE, target / vocab.FILE)
    for overlay in overlays:
        shutil.copytree(overlay, target, dirs_exist_ok=True)
    return target


def copy_of_project(target: Path) -> Path:
    """The repository's handbook (content, docs, configuration, hooks) copied to `target`,
    without its builds, caches, tests and benchmarks."""
    shutil.copytree(
        PROJECT,
        target,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "site", ".site-*", ".handbook-cache", "tests", "benchmarks", "*.pyc"
        ),
    )
    return target


def without_downloads(project: Path) -> Path:
    """The project's mkdocs.yml with the PDF and the offline ZIP switched off."""
    config = project / "mkdocs.yml"
    settings = config.read_text("utf-8")
    settings = settings.replace("pdf: true", "pdf: false").replace(
        "offline_zip: true", "offline_zip: false"
    )
    config.write_text(settings, "utf-8")
    return project


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path / "handbook")


# -- the built handbook and a real browser, shared by the site and search tests --------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def build_site(project: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    """`mkdocs build` of a project folder into `out`, as the README's command runs it."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(out),
            *extra,
        ],
        capture_output=True,
        text=True,
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real handbook, built once per test session."""
    out = tmp_path_factory.mktemp("built") / "site"
    done = build_site(PROJECT, out)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


@pytest.fixture(scope="session")
def issue16_site(tmp_path_factory) -> Path:
    """The handbook of tests/issue16.py (the map's, the matrix's and the export's tests),
    built once per test session: those tests only read it."""
    from . import issue16

    return issue16.build(tmp_path_factory.mktemp("issue16"))


@pytest.fixture(scope="session")
def issue16_server(issue16_site: Path):
    with serving(issue16_site) as base:
        yield base


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serving(folder: Path):
    """`folder` over HTTP on the loopback interface: yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_server(built_site: Path):
    """The built site over HTTP on the loopback interface: yields its base URL."""
    with serving(built_site) as base:
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


@pytest.fixture
def page(browser):
    """A fresh browser page that fails the test on any console error."""
    with watched_page(browser) as tab:
        yield tab
