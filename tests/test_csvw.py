"""CSV on the Web (site_builder/outputs/csvw.py): data/practices.csv's `url` column leads to
each practice's page when resolved as CSVW resolves it, against the metadata file
(data/practices.csv-metadata.json, beside the CSV), by RFC 3986 (Python 3.11's urljoin):
absolute under site_url, relative to data/ without one. Made in-process from the mini
corpus; the built site's CSV is checked the same way in tests/test_catalogue.py."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import urljoin

import pytest

from site_builder.content.validate import load_handbook
from site_builder.core.urls import Urls
from site_builder.outputs import csvw, exports

from .helpers.in_memory import all_pages, in_site, page_files
from .helpers.sites import SITE

HOST = "https://reader.invalid/copy/"  # where a local build is opened from

URLS = {
    "local": (Urls(), HOST),
    "local, directory URLs": (Urls(directory_urls=True), HOST),
    "published": (Urls(site_url=SITE), SITE),
}


@pytest.mark.parametrize("variant", list(URLS))
def test_every_url_of_the_csv_resolved_against_its_metadata_is_a_page_of_the_site(
    corpus: Path, variant: str
) -> None:
    urls, root = URLS[variant]
    handbook = load_handbook(corpus)
    files = page_files(all_pages(handbook, {}, [], urls), urls)
    meta_at = root + csvw.NAME
    meta = json.loads(csvw.metadata(handbook.vocabularies, urls, "All practices as CSV"))
    assert urljoin(meta_at, meta["url"]) == root + csvw.TABLE
    rows = list(csv.DictReader(io.StringIO(exports.practices_csv(handbook, urls), newline="")))
    assert rows
    for row in rows:
        address = urljoin(meta_at, row["url"])
        assert in_site(address, root, files), (row["id"], row["url"])
        about = meta["tableSchema"]["aboutUrl"].replace("{id}", row["id"])
        assert urljoin(meta_at, about) == address
        assert row["url"].startswith(SITE) == (urls.site_url is not None)
