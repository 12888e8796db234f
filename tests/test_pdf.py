"""handbook.pdf, read back with pypdf: what a reader sees when they print the handbook.

The cover comes first, then contents whose page numbers are right, the recommendations,
every practice starting on its own page with its facts, and an index by country and by
ecosystem. Looked at as images while it was made (pdftoppm); checked here as text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_builder import pdf
from site_builder.countries import COUNTRIES
from site_builder.validate import load_handbook
from tests.conftest import PROJECT, VOCABULARIES, build_site

ECOSYSTEMS = VOCABULARIES.ecosystems.labels

pypdf = pytest.importorskip("pypdf", reason="pypdf is in the test extra")

pytestmark = pytest.mark.slow


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def loose(text: str) -> str:
    """A pattern for `text` wherever lines break in it, even inside "sector/ international"."""
    return r"\s*".join(re.escape(c) for c in re.sub(r"\s+", "", text))


def has(text: str, part: str) -> bool:
    return re.search(loose(part), text) is not None


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(PROJECT)


@pytest.fixture(scope="module")
def pages(built_site: Path) -> list[str]:
    reader = pypdf.PdfReader(built_site / pdf.NAME)
    return [flat(page.extract_text()) for page in reader.pages]


@pytest.fixture(scope="module")
def contents(pages) -> str:
    """The contents pages, between the cover and the first part."""
    end = next(i for i, text in enumerate(pages) if text.startswith("Policy recommendations"))
    return " ".join(pages[1:end])


def listed_page(text: str, title: str) -> int:
    found = re.search(loose(title) + r" ?\.* (\d+)\b", text)
    assert found, f"{title!r} is not listed with a page number"
    return int(found.group(1))


def test_the_cover_comes_first(pages, handbook):
    assert pages[0].startswith(
        "GOOD PRACTICES OF EUROPEAN CLUSTER ORGANISATIONS Cluster Good-Practice Handbook"
    )
    assert f"{len(handbook.practices)} good practices from " in pages[0]
    assert pages[1].startswith("Contents")


def test_the_cover_and_the_home_page_give_the_same_figures(pages, handbook, built_site):
    """Cross-sectoral is no industrial ecosystem: neither the cover nor the home page counts it."""
    countries = len({p.country for p in handbook.practices})
    ecosystems = {e for p in handbook.practices for e in p.ecosystems} - {"cross-sectoral"}
    lead = (
        f"{len(handbook.practices)} good practices from {countries} countries "
        f"in {len(ecosystems)} industrial ecosystems"
    )
    home = flat(re.sub(r"<[^>]+>", "", (built_site / "index.html").read_text(encoding="utf-8")))
    assert lead in pages[0]
    assert lead in home


def test_the_contents_give_the_page_each_practice_starts_on(pages, contents, handbook):
    for p in handbook.practices:
        start = pages[listed_page(contents, p.title) - 1]
        title = re.search(loose(p.title), start)
        facts = re.search(loose(f"Facts Organisation {p.organisation}"), start)
        assert title and facts and title.start() < facts.start(), p.id


def test_each_practice_starts_a_page_with_its_facts(pages, handbook):
    starts = [text for text in pages if "Facts Organisation " in text]
    assert len(starts) == len(handbook.practices)
    for text in starts:
        assert text.count("Facts Organisation ") == 1
        assert re.search(r" Country [^()]+ \([A-Z]{2}\)", text)
        assert " Cluster role " in text and " Source " in text


def test_the_recommendations_come_before_the_practices(pages, contents, handbook):
    first_practice = min(listed_page(contents, p.title) for p in handbook.practices)
    for r in handbook.recommendations:
        page = listed_page(contents, f"{r.number} {r.title}")
        assert page < first_practice
        assert has(" ".join(pages[page - 1 : page + 1]), f"{r.number} {r.title}")


def test_the_index_lists_every_country_and_ecosystem_with_pages(pages, contents, handbook):
    by_country = listed_page(contents, "Index by country")
    by_ecosystem = listed_page(contents, "Index by industrial ecosystem")
    country_index = " ".join(pages[by_country - 1 : by_ecosystem - 1])
    ecosystem_index = " ".join(pages[by_ecosystem - 1 :])
    for p in handbook.practices:
        assert has(country_index, COUNTRIES[p.country])
        assert all(has(ecosystem_index, ECOSYSTEMS[e]) for e in p.ecosystems)
        assert listed_page(country_index, p.title) == listed_page(contents, p.title)
        assert listed_page(ecosystem_index, p.title) == listed_page(contents, p.title)


def test_bookmarks_follow_the_parts(built_site):
    outline = pypdf.PdfReader(built_site / pdf.NAME).outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert titles == [
        "Policy recommendations",
        "Good practices",
        "Index by country",
        "Index by industrial ecosystem",
    ]


# -- what goes into the print document --------------------------------------------------


def test_editors_markdown_is_sanitised_and_nothing_is_fetched(tmp_path, handbook):
    site = tmp_path / "site"
    site.mkdir()
    fetch = pdf._local_only(site)
    for url in (
        "https://example.org/tracker.png",
        (tmp_path / "secret.txt").as_uri(),
        "data:text/plain,hello",
    ):
        with pytest.raises(ValueError):
            fetch(url)
    (site / "ok.txt").write_text("fine")
    response = fetch((site / "ok.txt").as_uri())
    assert response.read() == b"fine"
    response.close()

    import dataclasses

    practice = handbook.practices[0]
    evil = dataclasses.replace(
        practice,
        sections=(
            dataclasses.replace(
                practice.sections[0],
                markdown='<script>alert(1)</script> <img src="https://x.org/a.png">'
                ' <a href="javascript:alert(2)">x</a>',
            ),
        )
        + practice.sections[1:],
    )
    html = pdf.print_html(dataclasses.replace(handbook, practices=(evil,)), "Test")
    assert "<script" not in html and "x.org" not in html and "javascript:" not in html


def test_mkdocs_yml_switches_the_pdf_and_the_zip_off(tmp_path):
    project = tmp_path / "handbook"
    for name in ("practices", "recommendations", "docs", "hooks", "schema"):
        (project / name).mkdir(parents=True)
    import shutil

    for name in ("practices", "recommendations", "docs", "hooks", "schema"):
        shutil.copytree(PROJECT / name, project / name, dirs_exist_ok=True)
    shutil.copy2(PROJECT / "sources.yml", project)
    config = (PROJECT / "mkdocs.yml").read_text()
    assert "offline_zip: true" in config and "pdf: true" in config
    (project / "mkdocs.yml").write_text(
        config.replace("offline_zip: true", "offline_zip: false").replace("pdf: true", "pdf: false")
    )
    done = build_site(project, project / "site")
    assert done.returncode == 0, done.stderr
    assert not (project / "site" / pdf.NAME).exists()
    assert not (project / "site" / "handbook-offline.zip").exists()
    home = (project / "site" / "index.html").read_text()
    assert pdf.NAME not in home and "handbook-offline.zip" not in home
    assert (project / "site" / "search" / "search_index.json").exists()


def test_the_home_page_links_both_downloads(built_site):
    home = (built_site / "index.html").read_text()
    assert f'href="{pdf.NAME}"' in home and 'href="handbook-offline.zip"' in home
    assert (built_site / pdf.NAME).read_bytes().startswith(b"%PDF-")
