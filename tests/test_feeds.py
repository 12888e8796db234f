"""Atom feeds (site_builder/outputs/feeds.py): valid to a feed parser and to RFC 4287's required
elements, newest change first by git's dates, one per view; each view links its own."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import feedparser
import pytest

from site_builder.artefacts.store import ArtefactStore
from site_builder.content.edition import Edition
from site_builder.content.history import History
from site_builder.core.facets import facets_for
from site_builder.core.urls import Urls
from site_builder.outputs import feeds

from .helpers.browser import serving
from .helpers.projects import VOCABULARIES
from .helpers.records import HOSTILE, practice
from .helpers.sites import CHANGED, RENAMED, SITE

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
FACETS = facets_for(VOCABULARIES)


def required_elements(xml: str) -> list[str]:
    """What RFC 4287 requires that the feed lacks (section 4.1): the feed's one id, title
    and updated, an author for the feed or every entry; each entry's one id, title and
    updated, and an alternate link where it has no content; dates as RFC 3339."""
    root = ET.fromstring(xml)
    missing = []
    if root.tag != f"{ATOM}feed":
        return ["no atom:feed"]

    def once(element, name: str, where: str) -> None:
        found = element.findall(f"{ATOM}{name}")
        if len(found) != 1 or not (found[0].text or "").strip():
            missing.append(f"{where}: {len(found)} atom:{name}")
        elif name == "updated" and not RFC3339.fullmatch(found[0].text or ""):
            missing.append(f"{where}: updated {found[0].text}")

    for name in ("id", "title", "updated"):
        once(root, name, "feed")
    feed_author = root.find(f"{ATOM}author/{ATOM}name") is not None
    if not [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]:
        missing.append("feed: no self link")
    ids = []
    for n, entry in enumerate(root.findall(f"{ATOM}entry")):
        for name in ("id", "title", "updated"):
            once(entry, name, f"entry {n}")
        ids.append(entry.findtext(f"{ATOM}id"))
        if not feed_author and entry.find(f"{ATOM}author/{ATOM}name") is None:
            missing.append(f"entry {n}: no author")
        alternate = [
            link
            for link in entry.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        if entry.find(f"{ATOM}content") is None and not alternate:
            missing.append(f"entry {n}: neither content nor an alternate link")
    if len(set(ids)) != len(ids):
        missing.append("entries share an id")
    return missing


def parsed(xml: str, base: str | None = None):
    headers = {"content-type": "application/atom+xml"}
    result = feedparser.parse(xml, response_headers={**headers, "content-location": base or ""})
    assert result.bozo == 0, result.get("bozo_exception")
    assert result.version == "atom10"
    return result


@pytest.fixture(scope="module")
def published(published_history_site: Path) -> Path:
    """The history corpus built as published under SITE (mkdocs.yml's site_url)."""
    return published_history_site


@pytest.fixture(scope="module")
def local(unversioned_history_site: Path) -> Path:
    """The same corpus outside git, without site_url, dated by SOURCE_DATE_EPOCH."""
    return unversioned_history_site


def feed_files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in (site / "feeds").rglob("*.xml"))


def test_there_is_a_feed_of_the_whole_handbook_and_one_per_browse_value(published: Path) -> None:
    assert feed_files(published) == [
        "feeds/country/at.xml",
        "feeds/country/it.xml",
        "feeds/ecosystem/health.xml",
        "feeds/helix/academia.xml",
        "feeds/helix/government.xml",
        "feeds/helix/industry.xml",
        "feeds/practices.xml",
        "feeds/role/innovation-engagement.xml",
    ]


@pytest.mark.slow
@pytest.mark.parametrize("site", ["published", "local"])
def test_every_feed_is_valid_atom(site: str, request) -> None:
    folder = request.getfixturevalue(site)
    for name in feed_files(folder):
        xml = (folder / name).read_text("utf-8")
        assert required_elements(xml) == [], name
        parsed(xml)


def test_the_whole_feed_lists_the_newest_change_first(published: Path) -> None:
    result = parsed((published / "feeds/practices.xml").read_text("utf-8"))
    assert result.feed.title == "Mini handbook: all practices"
    assert result.feed.id == SITE + "feeds/practices.xml"
    assert result.feed.updated == RENAMED
    links = {link.rel: link.href for link in result.feed.links}
    assert links == {"self": SITE + "feeds/practices.xml", "alternate": SITE + "index.html"}
    assert [(e.title, e.updated, e.link, e.id) for e in result.entries] == [
        (
            "Alpine Water Cluster",
            RENAMED,
            SITE + "practices/alpine-water-graz.html",
            SITE + "practices/alpine-water-graz.html",
        ),
        (
            "Regional Innovative Network of Veneto",
            CHANGED,
            SITE + "practices/ribes-nest-veneto.html",
            SITE + "practices/ribes-nest-veneto.html",
        ),
    ]
    ribes = result.entries[1]
    assert ribes.author == "RIBES per l'Ecosistema Salute e l'Alimentazione Smart"
    assert ribes.summary.startswith("RIBES-Nest is an Innovative Regional Network")
    assert {(t.term, t.label) for t in ribes.tags} >= {("health", "Health"), ("IT", "Italy")}


def test_a_values_feed_holds_its_views_practices(published: Path) -> None:
    result = parsed((published / "feeds/country/at.xml").read_text("utf-8"))
    assert [e.title for e in result.entries] == ["Alpine Water Cluster"]
    assert result.feed.title == "Mini handbook: Austria (country)"
    assert {link.rel: link.href for link in result.feed.links}["alternate"] == (
        SITE + "countries/at.html"
    )


def test_outside_git_every_entry_is_dated_by_the_builds_content_date(local: Path) -> None:
    xml = (local / "feeds/ecosystem/health.xml").read_text("utf-8")
    copy = "http://127.0.0.1:8000/offline/"  # wherever the copy is, the links follow it
    result = parsed(xml, base=copy + "feeds/ecosystem/health.xml")
    assert {e.updated for e in result.entries} == {"2025-05-05T05:05:05Z"}
    assert all(e.id.startswith("urn:uuid:") for e in result.entries)
    assert result.feed.links[0].href == copy + "feeds/ecosystem/health.xml"  # self
    for entry in result.entries:  # relative links, resolved through xml:base, reach the pages
        assert entry.link.startswith(copy)
        assert (local / entry.link.removeprefix(copy)).is_file(), entry.link


def test_a_feed_holds_at_most_its_newest_entries() -> None:
    many = [practice(f"p-{n:03}", title=f"Practice {n:03}") for n in range(feeds.MAX_ENTRIES + 10)]
    dates = {p.path: 1_700_000_000 + 3600 * n for n, p in enumerate(many)}
    edition = Edition(name="H", history=History(True, dates))
    urls = Urls(site_url=SITE)

    def entry(p):
        return feeds.entry_xml(p, edition, urls, FACETS, "")

    xml = feeds.feed(feeds.whole(edition), many, edition, urls, entry)
    assert required_elements(xml) == []
    titles = [e.title for e in parsed(xml).entries]
    assert titles == [f"Practice {n:03}" for n in range(feeds.MAX_ENTRIES + 9, 9, -1)]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_stays_text_in_a_feed(hostile: str) -> None:
    p = practice(title=hostile, organisation=hostile, region=hostile)
    edition = Edition(name=hostile)
    urls = Urls()

    def entry(p):
        return feeds.entry_xml(p, edition, urls, FACETS, hostile)

    xml = feeds.feed(feeds.whole(edition), [p], edition, urls, entry)
    assert required_elements(xml) == []
    (found,) = parsed(xml).entries
    kept = " ".join("".join(c for c in hostile if c.isspace() or ord(c) >= 32).split())
    assert found.title == kept and found.author == kept


def test_each_entry_is_made_once_per_record(monkeypatch) -> None:
    """Under `mkdocs serve`, a rebuild with the same records makes no entry again."""
    from site_builder.build.data_files import feed_files
    from site_builder.core.model import Handbook

    made = []
    real = feeds.entry_xml
    monkeypatch.setattr(feeds, "entry_xml", lambda p, *rest: made.append(p.id) or real(p, *rest))
    store, edition, urls = ArtefactStore(), Edition(built=1_700_000_000), Urls()
    first, second = practice(), practice("another", title="Another", path="practices/a.md")
    handbook = Handbook((first, second), (), {}, VOCABULARIES)
    files = feed_files(handbook, edition, urls, store)
    assert sorted(made) == ["another", "ribes-nest-veneto"]
    assert feed_files(handbook, edition, urls, store) == files and len(made) == 2
    handbook = Handbook((first, replace(second, title="Edited")), (), {}, VOCABULARIES)
    feed_files(handbook, edition, urls, store)
    assert sorted(made) == ["another", "another", "ribes-nest-veneto"]


# -- each view links its feed ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("view", "feed"),
    [
        ("index.html", "feeds/practices.xml"),
        ("practices/index.html", "../feeds/practices.xml"),
        ("whats-new.html", "feeds/practices.xml"),
        ("ecosystems/health.html", "../feeds/ecosystem/health.xml"),
        ("countries/at.html", "../feeds/country/at.xml"),
        ("helix/academia.html", "../feeds/helix/academia.xml"),
        ("roles/innovation-engagement.html", "../feeds/role/innovation-engagement.xml"),
    ],
)
def test_each_view_links_its_feed_in_its_head_and_visibly(
    published: Path, view: str, feed: str
) -> None:
    html = (published / view).read_text("utf-8")
    head = html[: html.index("</head>")]
    links = re.findall(
        r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', head
    )
    assert links == [feed]
    assert re.search(rf'<a href="{re.escape(feed)}" type="application/atom\+xml">Feed of ', html)
    assert '<link rel="alternate"' not in html[html.index("</head>") :]


@pytest.mark.browser
@pytest.mark.parametrize("view", ["ecosystems/health.html", "index.html"])
def test_a_reader_finds_a_views_feed_and_loads_it(published: Path, page, view: str) -> None:

    with serving(published) as base:
        page.goto(base + view)
        feed = page.locator('head link[rel~="alternate"][type="application/atom+xml"]')
        assert feed.count() == 1
        href = feed.evaluate("link => link.href")
        visible = page.get_by_role("link", name=re.compile("^Feed of "))
        assert visible.evaluate("a => a.href") == href
        response = page.request.get(href)
        assert response.ok
        result = parsed(response.text())
        listed = page.locator(".hb-list .hb-item__title").all_inner_texts()
        if view == "index.html":
            listed = ["Alpine Water Cluster", "Regional Innovative Network of Veneto"]
        assert sorted(e.title for e in result.entries) == sorted(listed)
        assert page.console_errors == []
        visible.click()  # the visible link opens the feed itself (Chromium then asks
        assert page.url == href  # the server for a favicon.ico of its own: no concern here)
