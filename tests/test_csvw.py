"""CSV on the Web (site_builder/outputs/csvw.py): data/practices.csv's `url` column leads to
each practice's page when resolved as CSVW resolves it, against the metadata file
(data/practices.csv-metadata.json, beside the CSV), by RFC 3986 (Python 3.11's urljoin):
absolute under site_url, relative to data/ without one. Made in-process from the mini
corpus; the built site's CSV is checked the same way in tests/test_catalogue.py, and below
by the csvw package, a CSVW validator (PyPI's csvw, at the version of requirements.lock: 4.1.1
when this was written)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urljoin

import pytest
from csvw import CSVW

from site_builder.content.validate import load_handbook
from site_builder.core.urls import Urls
from site_builder.outputs import csvw, exports

from .helpers.in_memory import all_pages, in_site, page_files
from .helpers.sites import SITE, practices_of

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


# -- the built handbook's CSV under the csvw package, a CSVW validator ----------------------

TOOL = f"csvw {version('csvw')}"  # PyPI's csvw, at the version of requirements.lock


def read_csvw(metadata: Path) -> CSVW:
    """The table as csvw reads it: its metadata file, then the CSV it names."""
    return CSVW(str(metadata), validate=True)


def test_the_built_csv_is_valid_for_the_csvw_validator(built_site: Path) -> None:
    """What `csvwvalidate data/practices.csv-metadata.json` checks: the metadata, each cell
    against its column's datatype and `required`, the primary key unique."""
    table = read_csvw(built_site / csvw.NAME)
    assert table.is_valid, f"{TOOL}: {[str(w.message) for w in table.warnings]}"


def test_csvw_reads_each_row_as_the_json_has_it_and_about_its_page(built_site: Path) -> None:
    """csvw's own reading of the cells (the lists split at their separator, empty cells
    null) gives each practice's values as data/practices.json has them; and its CSV-to-JSON
    conversion (W3C's csv2json) makes each row about a page of the site (aboutUrl,
    resolved against the metadata file)."""
    records = {p["id"]: p for p in practices_of(built_site)}
    table = read_csvw(built_site / csvw.NAME)
    rows = list(table.tables[0].iterdicts())
    assert [row["id"] for row in rows] == sorted(records), TOOL
    for row in rows:
        record = records[row["id"]]
        shared = set(row) & set(record) - {"url"}
        assert {k: row[k] for k in shared} == {k: record[k] for k in shared}, (TOOL, row["id"])
    described = [
        each
        for converted in table.to_json()["tables"]
        for line in converted["row"]
        for each in line["describes"]
    ]
    assert len(described) == len(records)
    for each in described:
        page = Path(each["@id"]).resolve()
        assert page == (built_site / "practices" / f"{each['id']}.html").resolve(), TOOL
        assert page.is_file(), (TOOL, each["@id"])


def test_the_csvw_validator_refuses_a_cell_against_its_datatype(
    built_site: Path, tmp_path: Path
) -> None:
    """The validator has teeth here: a start date that is not a year(-month) fails."""
    (tmp_path / "data").mkdir()
    shutil.copy(built_site / csvw.NAME, tmp_path / csvw.NAME)
    text = (built_site / csvw.TABLE).read_text("utf-8")
    assert ",2016-06," in text
    (tmp_path / csvw.TABLE).write_text(text.replace(",2016-06,", ",June 2016,", 1), "utf-8")
    broken = read_csvw(tmp_path / csvw.NAME)
    assert not broken.is_valid, TOOL
    assert any("June 2016" in str(w.message) for w in broken.warnings), TOOL
