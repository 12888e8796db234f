"""What the home page offers to download: the whole handbook (offline ZIP, PDF) when the
build makes it, then the open data (exports, the CSV's description, schemas, catalogue).

Which of the downloads is the whole handbook's PDF (what the print views offer for all
practices) is no property of a link: the build passes the PDF's address to the pages
apart, when it makes one (pages.planned_pages's `whole_pdf`)."""

from __future__ import annotations

from typing import NamedTuple

from site_builder.outputs import catalogue, csvw, offline_zip
from site_builder.outputs.pdf import handbook_pdf


class Download(NamedTuple):
    href: str  # the file's path in the site
    label: str
    note: str = ""  # what it is for, after the label
    # left out of the offline copy's pages, which do not hold the file (the ZIP itself):
    # the home page marks its item with offline_zip.LEFT_OUT
    online_only: bool = False


OPEN_DATA = (
    Download("data/practices.json", "All practices as JSON", "every field and section"),
    Download(
        "data/practices.csv", "All practices as CSV", "one row per practice, for spreadsheets"
    ),
    Download(csvw.NAME, "Description of the CSV's columns", "CSV on the Web (W3C) metadata"),
    Download("data/recommendations.json", "Recommendations as JSON"),
    Download("schema/practice.schema.json", "JSON Schema of a practice"),
    Download("schema/recommendation.schema.json", "JSON Schema of a recommendation"),
    Download(
        catalogue.NAME,
        "Catalogue of these data sets",
        "DCAT-AP in JSON-LD, for open-data portals such as data.europa.eu",
    ),
)
ZIP = Download(
    offline_zip.NAME,
    "The whole handbook to use offline (ZIP)",
    "unzip it and open index.html: browsing, filters and search work without a network",
    online_only=True,
)
PDF = Download(
    handbook_pdf.NAME,
    "The whole handbook as PDF",
    "to print: contents, recommendations, every practice, index by country and ecosystem",
)


def offered(*, pdf: bool, offline_zip: bool) -> tuple[Download, ...]:
    """The downloads, in the home page's order, of a build that makes the PDF and the
    ZIP or not."""
    return (*([ZIP] if offline_zip else []), *([PDF] if pdf else []), *OPEN_DATA)
