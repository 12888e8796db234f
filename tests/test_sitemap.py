"""The sitemap, robots.txt and canonical links, as crawlers read them: with a site address
(HANDBOOK_SITE_URL), MkDocs' sitemap valid against the sitemaps.org 0.9 schema (vendored
in tests/sitemaps/, checked with lxml 6.1's XMLSchema, libxml2's validator), every
address in it a page of the site, robots.txt naming it, and every page's canonical link
its own address; without one, none of them (an empty urlset is invalid)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from site_builder.core.urls import Urls
from site_builder.outputs import robots

from .helpers.in_memory import in_site
from .helpers.sites import PUBLISHED, SITE

XSD = Path(__file__).parent / "sitemaps" / "sitemap.xsd"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ADDRESS = PUBLISHED["HANDBOOK_SITE_URL"]  # where published_site is published


def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


def canonical(html: str) -> list[str]:
    return re.findall(r'<link rel="canonical" href="([^"]*)"', html)


def site_files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def test_the_schema_refuses_the_empty_urlset_a_site_without_address_had() -> None:
    empty = etree.fromstring(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>')
    assert not schema().validate(empty)


def test_robots_txt_names_the_sitemaps_absolute_address_or_is_not_written() -> None:
    assert robots.text(Urls()) is None
    assert robots.text(Urls(site_url=SITE)) == (
        f"User-agent: *\nDisallow:\n\nSitemap: {SITE}sitemap.xml\n"
    )


@pytest.mark.slow
def test_without_a_site_address_there_is_no_sitemap_robots_txt_or_canonical_link(
    base_site: Path,
) -> None:
    for name in ("sitemap.xml", "sitemap.xml.gz", robots.NAME):
        assert not (base_site / name).exists(), name
    pages = sorted(base_site.rglob("*.html"))
    assert pages and [p for p in pages if canonical(p.read_text("utf-8"))] == []


@pytest.mark.slow
def test_with_a_site_address_the_sitemap_is_valid_and_lists_pages_of_the_site(
    published_site: Path,
) -> None:
    tree = etree.parse(str(published_site / "sitemap.xml"))
    validator = schema()
    assert validator.validate(tree), validator.error_log
    assert (published_site / "sitemap.xml.gz").is_file()
    locs = [loc.text or "" for loc in tree.getroot().iterfind("s:url/s:loc", NS)]
    files = site_files(published_site)
    assert ADDRESS + "practices/ribes-nest-veneto.html" in locs
    assert [loc for loc in locs if not in_site(loc, ADDRESS, files)] == []
    robots_txt = (published_site / robots.NAME).read_text(encoding="utf-8")
    assert robots_txt == robots.text(Urls(site_url=ADDRESS))
    assert f"Sitemap: {ADDRESS}sitemap.xml\n" in robots_txt


@pytest.mark.slow
def test_with_a_site_address_each_page_names_its_own_address_as_canonical(
    published_site: Path,
) -> None:
    for path in ("index.html", "practices/index.html", "practices/ribes-nest-veneto.html"):
        assert canonical((published_site / path).read_text("utf-8")) == [ADDRESS + path], path
