"""`mkdocs build` of a small handbook: the pages, the views and the build's guarantees."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from site_builder.search.query import Searcher

from .helpers.in_memory import site_searcher
from .helpers.projects import add_practice, build_site, built, digest, make_project, read
from .helpers.safety import page_dangers
from .helpers.search_queries import ROLE_TITLE, pages_of

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def mini(mini_site: Path) -> tuple[Path, Path]:
    """The mini handbook's project (three practices, the first renamed) and its site."""
    return mini_site.parent, mini_site


def test_every_practice_has_its_page_with_sections_in_order(mini) -> None:
    _, site = mini
    html = read(site, "practices/ribes-nest-veneto.html")
    headings = re.findall(r'<h2 id="([a-z-]+)"', html)
    assert headings[:5] == ["facts", "challenges", "stakeholders", "actions", "results"]
    assert "Italy</a> (IT)" in html and "Veneto" in html
    assert "maria.rossi@example.org" in html and "section 3.1.1" in html


def test_practice_page_lists_citing_recommendations_and_related_practices(mini) -> None:
    _, site = mini
    html = read(site, "practices/ribes-nest-veneto.html")
    assert 'href="../recommendations/monitoring-evaluation.html"' in html
    related = html.split('id="related"')[1]
    assert related.index("Alpine Water Cluster") < related.index("Agri Hub")


@pytest.mark.parametrize(
    "path, expected_titles",
    [
        (
            "ecosystems/health.html",
            ["Alpine Water Cluster", "Regional Innovative Network of Veneto"],
        ),
        ("ecosystems/agri-food.html", ["Agri Hub"]),
        ("countries/at.html", ["Alpine Water Cluster"]),
        ("helix/civil-society.html", ["Agri Hub"]),
        (
            "roles/innovation-engagement.html",
            ["Agri Hub", "Alpine Water Cluster", "Regional Innovative Network of Veneto"],
        ),
    ],
)
def test_browse_pages_list_their_practices_by_title(mini, path, expected_titles) -> None:
    _, site = mini
    html = read(site, path)
    listed = re.findall(r'class="hb-item__title" href="[^"]+">([^<]+)<', html)
    assert listed == expected_titles


def test_browse_overviews_show_counts(mini) -> None:
    _, site = mini
    html = read(site, "ecosystems/index.html")
    assert re.search(r'health\.html">Health</a></td><td>2</td>', html)
    assert re.search(r"countries/index\.html", read(site, "index.html"))


def test_role_page_keeps_the_chapter_introduction(mini) -> None:
    _, site = mini
    html = read(site, "roles/innovation-engagement.html")
    assert "Clusters play a central role in fostering innovation" in html
    assert "Innovation ecosystems</h2>" in html


def test_open_data_files(mini) -> None:
    _, site = mini
    data = json.loads(read(site, "data/practices.json"))
    assert data["count"] == 3
    assert [p["id"] for p in data["practices"]] == [
        "agri-hub-lodz",
        "ribes-nest-veneto",
        "water-cluster-graz",
    ]
    assert read(site, "data/practices.csv").splitlines()[0].startswith("id,title,")
    assert json.loads(read(site, "data/recommendations.json"))["count"] == 1
    assert json.loads(read(site, "schema/practice.schema.json"))["title"]
    home = read(site, "index.html")
    for link in (
        "data/practices.json",
        "data/practices.csv",
        "data/recommendations.json",
        "schema/practice.schema.json",
    ):
        assert f'href="{link}"' in home


def test_practice_pages_stay_out_of_the_global_navigation(mini) -> None:
    _, site = mini
    nav = read(site, "stats.html").split('class="md-nav md-nav--primary"')[1].split("</nav>")[0]
    assert "ribes-nest-veneto.html" not in nav and "countries/it.html" not in nav
    assert "countries/index.html" in nav


def test_statistics_are_inline_svg_with_text_alternatives(mini) -> None:
    _, site = mini
    html = read(site, "stats.html")
    assert html.count('<svg class="hb-chart" role="img"') == 5
    assert '<title id="by-country-chart-title">Practices by country</title>' in html
    assert "<td>Austria</td><td>1</td>" in html


def test_no_page_refers_to_another_host_for_assets(mini) -> None:
    _, site = mini
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    themed = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assets = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', html)
        for url in assets:
            assert not re.match(r"(https?:)?//", url), f"{page.name} loads {url}"
        if "md-header" in html:  # a page of the theme loads its stylesheets and scripts
            themed += 1
            assert any(url.endswith(".css") for url in assets), page.name
            assert any(url.endswith(".js") for url in assets), page.name
    assert themed > 20


SEARCH_ASSETS = ("facets.js", "lunr.min.js", "search.css", "setup.js", "worker.js")


def test_the_mini_site_has_the_handbooks_search_without_overrides_of_its_own(mini) -> None:
    """No custom_dir in its mkdocs.yml: the pipeline serves the search's scripts and puts its
    templates ahead of material's, so the mini-site runs the search the handbook runs."""
    project, site = mini
    assert "custom_dir" not in read(project, "mkdocs.yml")
    for name in SEARCH_ASSETS:
        assert (site / "assets/handbook/search" / name).is_file(), name
    home = read(site, "index.html")
    assert '<script src="assets/handbook/search/setup.js"></script>' in home
    assert '<script src="assets/handbook/search/facets.js"></script>' in home
    assert 'href="assets/handbook/search/search.css"' in home
    assert 'class="md-search" data-md-component="search" role="dialog" aria-label=' in home
    pointer = json.loads(read(site, "search/search_index.json"))
    assert pointer["config"]["data"] == "search/index" and pointer["docs"] == []
    searcher = site_searcher(site)
    assert [hit.doc["id"] for hit in searcher.search("agri hub", limit=1)] == ["agri-hub-lodz"]


def test_the_mini_sites_context_pages_are_indexed_as_the_command_line_indexes_them(
    mini, tmp_path
) -> None:
    """The role page's search entry has the page's title, not its introduction's heading,
    in the built index and in `handbook search`'s, and the two indexes are the same."""
    from site_builder.cli.search import context_pages
    from site_builder.search import cache

    from .helpers.projects import content_copy

    project, site = mini
    built = site_searcher(site)
    stored = cache.load(content_copy(project, tmp_path / "handbook"), lambda _: None, context_pages)
    for index in (built, Searcher(stored.index)):
        assert [(d["id"], d["title"]) for d in pages_of(index)] == [
            ("roles/innovation-engagement", ROLE_TITLE)
        ]
    assert "Clusters foster innovation across the helix" in read(
        site, "roles/innovation-engagement.html"
    )
    made = sorted((site / "search" / "index").iterdir())
    assert [(p.name, p.read_bytes()) for p in made] == [
        (p.name, p.read_bytes()) for p in sorted((stored.folder / "index").iterdir())
    ]


@pytest.mark.browser
def test_the_mini_sites_search_answers_in_chromium_from_file(mini, page) -> None:
    _, site = mini
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((site / "index.html").as_uri())
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("agri hub")
    first = page.locator(".md-search-result__item").first
    expect(first.locator("h1")).to_have_text("Agri Hub")
    expect(first.locator(".md-tag")).to_have_text(["Practice", "Poland", "Agri-food"])
    assert (site / "assets/handbook/search/worker.js").as_uri() in requests
    assert not [url for url in requests if "/workers/search." in url], (
        "material's own worker, which builds the index in the browser, is never loaded"
    )
    assert page.console_errors == []


def test_two_builds_are_byte_identical(mini, tmp_path: Path) -> None:
    project, site = mini
    again = build_site(project, tmp_path / "again")
    assert again.returncode == 0, again.stderr
    assert digest(tmp_path / "again") == digest(site)


CONTENT_DAY = 1_700_000_000  # 2023-11-14: the day of every file of the hostile handbook


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """The mini project with a practice whose front matter is hostile, every file of it
    dated CONTENT_DAY, built outside git without SOURCE_DATE_EPOCH: its site. It has a
    site_url, so that MkDocs writes its sitemap (none without an address)."""
    project = make_project(tmp_path_factory.mktemp("hostile") / "handbook")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("site_url: https://example.org/handbook/\n")
    add_practice(
        project,
        "hostile",
        {
            "title: Regional Innovative Network of Veneto": 'title: "</title><script>alert(1)</script> &lt;script&gt;alert(2)&lt;/script&gt;"',
            "region: Veneto": 'region: "<img src=x onerror=alert(3)>"',
            "organisation: RIBES per l'Ecosistema Salute e l'Alimentazione Smart": 'organisation: "<svg onload=alert(4)> RIBES"',
        },
    )
    for path in project.rglob("*"):
        if path.is_file():
            os.utime(path, (CONTENT_DAY, CONTENT_DAY))
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        return built(project)


def test_the_build_is_dated_by_its_content_not_by_the_day_it_runs(hostile: Path) -> None:
    """The sitemap's dates (with a site_url) and its .gz header come from the content:
    outside git, the newest content file; so a build on another day gives the same bytes."""
    sitemap = (hostile / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {"2023-11-14"}
    header = (hostile / "sitemap.xml.gz").read_bytes()[:8]
    assert int.from_bytes(header[4:8], "little") == CONTENT_DAY - CONTENT_DAY % 86_400  # its day


def test_a_failed_build_names_the_problem_and_keeps_the_previous_site(
    base_site: Path, tmp_path: Path
) -> None:
    """The mini project with its site as a build left it, then a build of a broken practice."""
    project = tmp_path / "handbook"
    shutil.copytree(base_site.parent, project, symlinks=True)
    site = project / "site"
    before = digest(site)
    add_practice(project, "broken", {"country: IT": "country: XZ", "## Results": "## Outcome"})
    failed = build_site(project, site)
    assert failed.returncode != 0
    assert (
        "practices/broken.md:5:10: error: `XZ` is not an ISO 3166-1 country code" in failed.stderr
    )
    assert "practices/broken.md:33:1: error: unknown section `## Outcome`" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert digest(site) == before
    assert not (project / ".site-staging").exists()


def test_hostile_front_matter_text_is_escaped_everywhere_in_the_site(hostile: Path) -> None:
    pages = list(hostile.rglob("*.html"))
    for html_file in pages:
        html = html_file.read_text(encoding="utf-8")
        data = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        for text in data:  # a practice's JSON-LD: data, not script, and nothing can end it
            assert "<" not in text and json.loads(text)["@type"], html_file
        html = re.sub(r'<script type="application/ld\+json">.*?</script>', "", html, flags=re.S)
        theme_scripts = re.findall(r"<script[^>]*>(.*?)</script>", html, re.S)
        assert not any("alert(" in s for s in theme_scripts), html_file
        body = re.sub(r"<script[^>]*>.*?</script>", "", html, flags=re.S)
        assert [d for d in page_dangers(body) if "alert" in d] == [], html_file
    page = (hostile / "practices/hostile.html").read_text(encoding="utf-8")
    assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page


def broken_links(site: Path) -> list[str]:
    """Every relative href and src of every page that names no file of the site."""
    broken = []
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        for link in re.findall(r'(?:href|src)="([^"#?]*)[^"]*"', html):
            if not link or re.match(r"[a-z]+:", link) or link.startswith("/"):
                continue
            target = (page.parent / link).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {link}")
    return broken


@pytest.mark.parametrize("directory_urls", [False, True])
def test_no_link_is_broken_with_or_without_directory_urls(
    mini_site: Path, mini_site_directory_urls: Path, directory_urls: bool
) -> None:
    site = mini_site_directory_urls if directory_urls else mini_site
    assert (site / "practices/water-cluster-graz/index.html").is_file() == directory_urls
    assert broken_links(site) == []
    data = json.loads(read(site, "data/practices.json"))["practices"]
    expected = (
        "practices/ribes-nest-veneto/" if directory_urls else "practices/ribes-nest-veneto.html"
    )
    assert {r["id"]: r["url"] for r in data}["ribes-nest-veneto"] == expected


def test_a_generated_page_has_mkdocs_own_table_of_contents(mini) -> None:
    _, site = mini
    html = read(site, "practices/ribes-nest-veneto.html")
    toc = html.split('aria-label="Table of contents"', 1)[1].split("</nav>", 1)[0]
    links = re.findall(
        r'<a href="#([a-z-]+)" class="md-nav__link">\s*<span class="md-ellipsis">'
        r"\s*([^<]+?)\s*</span>",
        toc,
    )
    assert links[:5] == [
        ("facts", "Facts"),
        ("challenges", "Challenges"),
        ("stakeholders", "Stakeholders"),
        ("actions", "Actions"),
        ("results", "Results"),
    ]
    for anchor, _ in links:
        assert f'id="{anchor}"' in html


def test_a_build_leaves_handbook_search_its_index_ready(mini) -> None:
    """The command line reads the files the build made, without making them again."""
    from site_builder.cli.search import context_pages
    from site_builder.search import cache

    project, site = mini
    said: list[str] = []
    stored = cache.load(project, said.append, context_pages)
    assert said == []  # nothing to build: the build's stamp is the content's
    assert [h.doc["id"] for h in Searcher(stored.index).search("agri hub", limit=1)] == [
        "agri-hub-lodz"
    ]
    assert sorted(p.name for p in (stored.folder / "index").iterdir()) == sorted(
        p.name for p in (site / "search" / "index").iterdir()
    )
    assert stored.sections(Searcher(stored.index).search("agri hub", limit=1)[0].ref)
