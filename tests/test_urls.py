"""Every address comes from site_builder/core/urls.py, and it answers as MkDocs itself does."""

from __future__ import annotations

import pytest
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from site_builder.core.urls import Urls

PAGES = [
    "index.md",
    "stats.md",
    "practices/index.md",
    "practices/ribes-nest-veneto.md",
    "countries/it.md",
    "roles/index.md",
    "policy/clusterix.md",
]


@pytest.mark.parametrize("directory_urls", [False, True])
@pytest.mark.parametrize("src", PAGES)
def test_a_page_is_written_and_reached_where_mkdocs_puts_it(src: str, directory_urls: bool) -> None:
    mkdocs = File(src, "docs", "site", directory_urls)
    ours = Urls(directory_urls)
    assert ours.dest(src) == mkdocs.dest_uri
    assert ours.url(src) == mkdocs.url


@pytest.mark.parametrize("directory_urls", [False, True])
@pytest.mark.parametrize("target", [*PAGES, "assets/handbook/filters.js", "data/practices.csv"])
@pytest.mark.parametrize("start", PAGES)
def test_a_link_between_two_pages_is_the_one_mkdocs_would_write(
    start: str, target: str, directory_urls: bool
) -> None:
    def url(src: str) -> str:
        return File(src, "docs", "site", directory_urls).url if src.endswith(".md") else src

    expected = get_relative_url(url(target), url(start))
    assert Urls(directory_urls).link(target, start) == expected


def test_a_fragment_stays_on_the_link() -> None:
    assert Urls().link("practices/x.md#facts", "countries/it.md") == "../practices/x.html#facts"
    assert Urls(True).link("practices/x.md#facts", "index.md") == "practices/x/#facts"


@pytest.mark.parametrize(
    ("site_url", "directory_urls", "target", "expected"),
    [
        (
            "https://example.eu/handbook/",
            False,
            "practices/x.md",
            "https://example.eu/handbook/practices/x.html",
        ),
        (
            "https://example.eu/handbook",
            True,
            "practices/x.md#facts",
            "https://example.eu/handbook/practices/x/#facts",
        ),
        ("https://example.eu/", True, "index.md", "https://example.eu/"),
        (
            "https://example.eu/",
            False,
            "data/practices.csv",
            "https://example.eu/data/practices.csv",
        ),
        (None, False, "practices/x.md", "practices/x.html"),
        (None, True, "index.md", "./"),
    ],
)
def test_absolute_addresses_are_under_the_published_site_when_it_is_known(
    site_url, directory_urls, target, expected
) -> None:
    assert Urls(directory_urls, site_url).absolute(target) == expected
