"""The content's history from git (site_builder/content/history.py): each practice's last change
on its page, and "What's new", from commits at fixed dates; no date outside git."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from site_builder.content import history

from .helpers.browser import blocking_violations, serving
from .helpers.projects import build_site, digest, read
from .helpers.sites import ADDED, CHANGED, FIRST, LATE_ZONE, RENAMED, at, commit, git


@pytest.fixture(scope="module")
def repo(history_repo: Path) -> Path:
    """The mini handbook in git, four commits at fixed dates (sites.committed_project)."""
    return history_repo


@pytest.fixture(scope="module")
def built(history_site: Path) -> Path:
    """Its site, built in a time zone 14 hours ahead of UTC."""
    return history_site


# -- history.py ------------------------------------------------------------------------------
def test_the_history_follows_a_rename_and_dates_each_file_by_its_last_commit(repo: Path) -> None:
    found = history.read(repo)
    assert found.available
    assert found.changed("practices/ribes-nest-veneto.md") == at(CHANGED)
    assert found.changed("practices/alpine-water-graz.md") == at(RENAMED)
    assert found.changed("practices/water-cluster-graz.md") is None  # no file of that name now
    assert found.changed("recommendations/monitoring-evaluation.md") == at(FIRST)
    practices = [
        (c.path, c.kind, c.previous, c.when)
        for c in found.changes
        if c.path.startswith("practices/")
    ]
    assert practices == [
        (
            "practices/alpine-water-graz.md",
            "renamed",
            "practices/water-cluster-graz.md",
            at(RENAMED),
        ),
        ("practices/ribes-nest-veneto.md", "changed", None, at(CHANGED)),
        ("practices/alpine-water-graz.md", "added", None, at(ADDED)),  # under its old name
        ("practices/ribes-nest-veneto.md", "added", None, at(FIRST)),
    ]


def test_a_deleted_practice_leaves_no_change_to_a_new_file_of_its_name(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "practices").mkdir(parents=True)
    (repo / "practices/a.md").write_text("first\n")
    git(repo, "init", "-q")
    commit(repo, "a", "2024-01-01T00:00:00Z")
    (repo / "practices/a.md").unlink()
    commit(repo, "a deleted", "2024-02-01T00:00:00Z")
    (repo / "practices/a.md").write_text("another practice\n")
    commit(repo, "a again", "2024-03-01T00:00:00Z")
    found = history.read(repo)
    assert [(c.path, c.kind, c.when) for c in found.changes] == [
        ("practices/a.md", "added", at("2024-03-01T00:00:00Z"))
    ]


def test_a_file_never_committed_has_no_date(repo: Path) -> None:
    assert history.read(repo).changed("practices/not-committed.md") is None


@pytest.mark.parametrize("where", ["no repository", "no git"])
def test_outside_git_there_is_no_history_and_nothing_fails(
    tmp_path: Path, monkeypatch, where: str
) -> None:
    folder = tmp_path / "plain"
    (folder / "practices").mkdir(parents=True)
    if where == "no git":
        shutil.copytree(Path(__file__).parent / "cases/_base", folder, dirs_exist_ok=True)
        monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    found = history.Reader().read(folder)
    assert not found.available
    assert found.changed("practices/ribes-nest-veneto.md") is None
    assert found.changes == ()


def test_the_edge_of_a_shallow_clone_dates_nothing(repo: Path, tmp_path: Path) -> None:
    """A clone of depth 1 lists every file as added by its one commit: not their dates."""
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    found = history.read(clone)
    assert found.available and found.changes == () and found.last == {}


def test_git_is_asked_for_the_log_once_per_head(repo: Path, tmp_path: Path, monkeypatch) -> None:
    """Under `mkdocs serve`, a save rebuilds: the log is read again only after a commit."""
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", f"file://{repo}", str(clone))
    logs = []
    real = history.read
    monkeypatch.setattr(history, "read", lambda root: logs.append(root) or real(root))
    reader = history.Reader()
    first = reader.read(clone)
    (clone / "practices/ribes-nest-veneto.md").write_text("edited, not committed\n")
    assert reader.read(clone) is first
    assert len(logs) == 1
    commit(clone, "edited", "2024-08-01T00:00:00Z")
    assert reader.read(clone).changed("practices/ribes-nest-veneto.md") == at(
        "2024-08-01T00:00:00Z"
    )
    assert len(logs) == 2


def test_dates_are_shown_in_utc_whatever_the_time_zone(monkeypatch) -> None:
    monkeypatch.setenv("TZ", LATE_ZONE)
    assert history.iso(at(CHANGED)) == CHANGED
    assert history.day(at(CHANGED)) == "2024-06-10"
    assert history.spoken(at(CHANGED)) == "10 June 2024"


# -- the built site --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("practice", "stamp", "shown"),
    [
        ("ribes-nest-veneto", CHANGED, "10 June 2024"),
        ("alpine-water-graz", RENAMED, "1 July 2024"),
    ],
)
def test_each_practice_page_shows_its_last_change(
    built: Path, practice: str, stamp: str, shown: str
) -> None:
    html = read(built, f"practices/{practice}.html")
    assert f'<dt>Last changed</dt><dd><time datetime="{stamp}">{shown}</time></dd>' in html


def test_whats_new_lists_the_changes_newest_first_and_no_commit_message(built: Path) -> None:
    html = read(built, "whats-new.html")
    days = re.findall(r'<h2 id="d-([0-9-]+)"><time datetime="\1">([^<]+)</time>', html)
    assert days == [
        ("2024-07-01", "1 July 2024"),
        ("2024-06-10", "10 June 2024"),
        ("2024-03-01", "1 March 2024"),
        ("2024-01-15", "15 January 2024"),
    ]
    items = re.findall(
        r'<li><span class="hb-changes__kind">(\w+)</span> <a href="([^"]+)">([^<]+)</a>', html
    )
    assert items == [
        ("renamed", "practices/alpine-water-graz.html", "Alpine Water Cluster"),
        ("changed", "practices/ribes-nest-veneto.html", "Regional Innovative Network of Veneto"),
        ("added", "practices/alpine-water-graz.html", "Alpine Water Cluster"),
        ("added", "practices/ribes-nest-veneto.html", "Regional Innovative Network of Veneto"),
    ]
    assert "renamed from <code>water-cluster-graz</code>" in html
    assert "hostile commit message" not in html and "alert(1)" not in html
    assert '<a href="whats-new.html">What\'s new</a>' in read(built, "index.html")


def test_a_build_outside_git_shows_no_date_and_says_there_is_no_history(
    unversioned_history_site: Path,
) -> None:
    """The same corpus outside git (dated by SOURCE_DATE_EPOCH, which is no content date)."""
    page = read(unversioned_history_site, "practices/ribes-nest-veneto.html")
    assert "Last changed" not in page and "<time" not in page
    assert "Version of" not in page and "dateModified" not in page
    assert "No history is available" in read(unversioned_history_site, "whats-new.html")


def test_two_builds_of_one_commit_are_byte_identical(
    built: Path, repo: Path, tmp_path: Path
) -> None:
    again = build_site(repo, tmp_path / "again")
    assert again.returncode == 0, again.stderr
    assert digest(tmp_path / "again") == digest(built)


# -- in Chromium -----------------------------------------------------------------------------
@pytest.mark.browser
@pytest.mark.parametrize(("width", "over"), [(1280, "http"), (390, "http"), (1280, "file")])
def test_a_reader_finds_the_latest_change_from_the_home_page(
    built: Path, browser, width: int, over: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    asked: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("request", lambda r: asked.append(r.url))
    with serving(built) as base:
        tab.goto(base if over == "http" else (built / "index.html").as_uri())
        tab.get_by_role("link", name="What's new").first.click()
        expect(tab.get_by_role("heading", level=1)).to_have_text("What's new")
        newest = tab.locator(".hb-day").first
        expect(newest.get_by_role("heading", level=2)).to_have_text("1 July 2024")
        newest.get_by_role("link", name="Alpine Water Cluster").click()
        expect(tab.get_by_role("heading", level=1)).to_have_text("Alpine Water Cluster")
        facts = tab.locator(".hb-facts dt", has_text="Last changed")
        changed = facts.locator("xpath=following-sibling::dd[1]")
        expect(changed).to_have_text("1 July 2024")
        assert changed.locator("time").get_attribute("datetime") == RENAMED
        assert errors == []
        assert not [url for url in asked if url.endswith("sitemap.xml")]  # material's #8576
        if over == "http":  # axe reads the stylesheets, which it cannot from file://
            assert blocking_violations(Axe(), tab) == ""
            tab.goto(base + "whats-new.html")
            assert blocking_violations(Axe(), tab) == ""
    context.close()
