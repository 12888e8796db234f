"""handbook-offline.zip: unzipped anywhere, its index.html opens the whole handbook,
with navigation, filters and search, and asks nothing of any host."""

from __future__ import annotations

import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from site_builder.outputs import offline_zip

ARCHIVE = offline_zip.NAME


@pytest.fixture(scope="module")
def unzipped(built_site: Path, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("download")
    with zipfile.ZipFile(built_site / ARCHIVE) as archive:
        archive.extractall(target)
    return target / offline_zip.FOLDER


def test_the_archive_holds_the_whole_site_under_one_folder(built_site):
    with zipfile.ZipFile(built_site / ARCHIVE) as archive:
        names = archive.namelist()
        site = {
            p.relative_to(built_site).as_posix()
            for p in built_site.rglob("*")
            if p.is_file() and p.name != ARCHIVE
        }
        assert {n.removeprefix("cluster-handbook/") for n in names} == site
        assert all(n.startswith("cluster-handbook/") for n in names)
        for name in (
            "index.html",
            "search/search_index.js",
            "search/index/meta.js",
            "assets/handbook/search/worker.js",
            "practices/index.html",
            "handbook.pdf",
        ):
            assert f"cluster-handbook/{name}" in names
        # the same pages, but that the copy's home page does not offer the copy itself
        home = (built_site / "index.html").read_text("utf-8")
        copied = archive.read("cluster-handbook/index.html").decode("utf-8")
        assert f'<li data-online-only><a href="{ARCHIVE}">' in home
        assert ARCHIVE not in copied
        assert copied == offline_zip.ONLINE_ONLY.sub(b"", home.encode()).decode("utf-8")
        assert copied.count("<li") == home.count("<li") - 1


class _Addresses(HTMLParser):
    """Every href and src of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.found += [v for k, v in attrs if k in ("href", "src") and v is not None]


CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
ELSEWHERE = ("http", "https", "mailto", "data", "tel")


def _leads_nowhere(folder: Path, holder: Path, address: str) -> bool:
    """An address of `holder` that is not a file of `folder`: other hosts, mailto:
    and data: aside, the fragment and query stripped."""
    parts = urlsplit(address)
    if parts.scheme in ELSEWHERE or parts.netloc or not parts.path:
        return False
    target = (holder.parent / unquote(parts.path)).resolve()
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return not (target.is_file() and target.is_relative_to(folder.resolve()))


def test_every_link_of_the_unzipped_copy_leads_to_one_of_its_files(unzipped):
    pages = sorted(unzipped.rglob("*.html"))
    sheets = sorted(unzipped.rglob("*.css"))
    checked: list[tuple[Path, str]] = []
    for page in pages:
        parser = _Addresses()
        parser.feed(page.read_text("utf-8"))
        checked += [(page, address) for address in parser.found]
    for sheet in sheets:
        checked += [(sheet, url) for url in CSS_URL.findall(sheet.read_text("utf-8"))]
    broken = sorted(
        f"{holder.relative_to(unzipped)}: {address}"
        for holder, address in checked
        if _leads_nowhere(unzipped, holder, address)
    )
    local = sum(not urlsplit(a).scheme and bool(urlsplit(a).path) for _, a in checked)
    told = (
        f"{len(checked)} addresses ({local} within the copy) in {len(pages)} pages"
        f" and {len(sheets)} stylesheets"
    )
    assert not broken, f"of {told}, {len(broken)} lead nowhere: {broken[:20]}"
    assert len(pages) > 100 and local > 1000, told


def test_the_archive_is_deterministic(built_site, tmp_path):
    with zipfile.ZipFile(built_site / ARCHIVE) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o644}
    again = tmp_path / "again.zip"
    offline_zip.make(built_site, again)
    assert again.read_bytes() == (built_site / ARCHIVE).read_bytes()


@pytest.mark.browser
def test_opened_from_the_unzipped_folder_everything_works(page, unzipped):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((unzipped / "index.html").as_uri())
    expect(page.locator("article h1")).to_have_text("Cluster Good-Practice Handbook")

    page.get_by_role("link", name="All practices, with filters").click()
    expect(page).to_have_url(re.compile(r"/practices/index\.html"))
    expect(page.locator("#hb-filters")).to_be_visible()
    listed = page.locator("#hb-results > li:visible")
    # the page lists its first practices; the filters load the whole list, from the folder
    total = len(json.loads((unzipped / "data/practices.json").read_text("utf-8"))["practices"])
    page.get_by_role("group", name="Industrial ecosystems").get_by_text(
        "Health", exact=True
    ).click()
    expect(page).to_have_url(re.compile(r"ecosystem=health"))
    expect(page.get_by_role("status")).to_contain_text(f"of {total} practices")
    assert 0 < listed.count() < total

    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("maternity leave")
    first = page.locator(".md-search-result__item").first
    expect(first.locator("h1")).to_contain_text("KOMPASS")
    first.locator("a").first.click()
    expect(page).to_have_url(re.compile(r"/practices/kompass-[a-z-]+\.html$"))
    expect(page.locator("article h1")).to_contain_text("Maternity Leave")

    assert all(url.startswith(unzipped.as_uri()) for url in requests), [
        url for url in requests if not url.startswith(unzipped.as_uri())
    ]
    assert page.console_errors == []
