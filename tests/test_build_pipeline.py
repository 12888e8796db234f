"""The build without MkDocs (site_builder/build/): settings in, pages and data files out."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from site_builder.build import kept
from site_builder.build.data_files import data_files
from site_builder.build.introductions import introductions
from site_builder.build.pipeline import Build, Pipeline
from site_builder.build.settings import Settings, build_date, content_date
from site_builder.content.history import History
from site_builder.content.validate import load_handbook
from site_builder.core import urls
from site_builder.core.model import Handbook
from site_builder.outputs import downloads
from site_builder.outputs.catalogue import NAME as CATALOGUE
from site_builder.outputs.pdf import handbook_pdf
from site_builder.render.problems_page import BANNER_SCRIPT, banner_script

from .helpers.projects import VOCABULARIES, make_corpus

DAY = 1_700_000_000  # 2023-11-14 22:13:20 UTC


@pytest.fixture(scope="module")
def handbook(tmp_path_factory) -> Handbook:
    return load_handbook(make_corpus(tmp_path_factory.mktemp("build") / "handbook"))


def settings_in(root: Path, **given) -> Settings:
    return Settings(root, root / "docs", root / "site", built=DAY, **given)


def test_the_build_date_is_the_callers_source_date_epoch_else_the_contents(tmp_path):
    root = make_corpus(tmp_path / "handbook")  # outside git: the newest content file's time
    for path in root.rglob("*"):
        os.utime(path, (DAY - 100, DAY - 100))
    os.utime(next((root / "practices").glob("*.md")), (DAY, DAY))
    assert content_date(root) == DAY
    assert build_date(root, {}) == DAY
    assert build_date(root, {"SOURCE_DATE_EPOCH": "1765000000"}) == 1_765_000_000
    settings = settings_in(root, site_name="A handbook", language="fr")
    assert settings.day == "2023-11-14"
    edition = settings.edition(History())
    assert (edition.name, edition.language, edition.built) == ("A handbook", "fr", DAY)


def test_introductions_are_the_docs_files_at_the_address_of_a_browse_page():
    texts = {
        "roles/innovation-engagement.md": "---\ntitle: Ignored\n---\n# Helix\n\nText.\n",
        "roles/index.md": "# All roles\n",
        "about.md": "# About\n",
        "roles/deeper/x.md": "# Deeper\n",
    }
    read: list[str] = []
    found = introductions(texts, lambda src: read.append(src) or texts[src], VOCABULARIES)
    assert list(found) == read == ["roles/innovation-engagement.md", "roles/index.md"]
    html = found["roles/innovation-engagement.md"]
    assert "Helix" in html and "Text." in html and "Ignored" not in html


def test_the_downloads_offered_follow_the_settings():
    both = downloads.offered(pdf=True, offline_zip=True)
    assert [d.href for d in both[:2]] == ["handbook-offline.zip", handbook_pdf.NAME]
    assert both[2:] == downloads.OPEN_DATA
    assert downloads.offered(pdf=False, offline_zip=False) == downloads.OPEN_DATA
    assert [d.href for d in downloads.offered(pdf=True, offline_zip=False)][:1] == [
        handbook_pdf.NAME
    ]


@pytest.mark.parametrize("pdf", [True, False])
def test_the_print_view_offers_the_whole_pdf_only_when_the_build_makes_it(handbook, tmp_path, pdf):
    build = Build(Pipeline("serve"), settings_in(tmp_path, pdf=pdf), handbook)
    (view,) = [p for p in build.plan({}, frozenset()) if p.src_uri == urls.PRINT_VIEW]
    assert (handbook_pdf.NAME in view.page().html) is pdf


def test_a_build_renders_its_pages_and_the_next_keeps_those_whose_output_is_in_place(
    handbook, tmp_path
):
    pipeline = Pipeline("serve")
    settings = settings_in(tmp_path)
    first = Build(pipeline, settings, handbook)
    plans = first.plan({}, frozenset())
    outputs = {p.src_uri: settings.urls.dest(p.src_uri) for p in plans}
    made = first.render(plans, outputs, {}, "site-key")
    assert set(made.rendered) == set(outputs) and made.kept == {}
    site = tmp_path / "previous"
    for src, page in made.rendered.items():
        (site / outputs[src]).parent.mkdir(parents=True, exist_ok=True)
        (site / outputs[src]).write_text(page.html, encoding="utf-8")
    pipeline.manifest = kept.record(made.site_key, made.keys, site)

    again = Build(pipeline, settings, handbook)
    again.previous = site
    plans = again.plan({}, frozenset())
    kept_now = again.render(plans, outputs, {}, "site-key")
    assert kept_now.kept == outputs and kept_now.rendered == {}
    other_site = Build(pipeline, settings, handbook)
    other_site.previous = site
    assert other_site.render(plans, outputs, {}, "another key").kept == {}


def test_the_data_files_are_made_from_the_settings_and_the_records(handbook, tmp_path):
    settings = settings_in(
        tmp_path, site_name="A handbook", publisher="Its editors", repository="https://x.org/r"
    )
    build = Build(Pipeline("serve"), settings, handbook)
    files = data_files(handbook, settings, build.edition, build.artefacts)
    assert {"data/practices.json", "data/practices.csv", CATALOGUE} <= set(files)
    # under `mkdocs serve`, the preview's banner too, empty while nothing is wrong
    assert build.data_files(frozenset()) == {**files, BANNER_SCRIPT: banner_script([])}
    catalogue = json.loads(files[CATALOGUE])
    text = json.dumps(catalogue)
    assert "2023-11-14" in text and "Its editors" in text and "A handbook" in text
