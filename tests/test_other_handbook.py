"""A second, tiny handbook with vocabularies of its own: the same code, no change to it.

tests/cases/_other_handbook has three sectors where the real handbook has fifteen
ecosystems, two partner kinds and two cluster roles, and no themes. Its views,
filters, search facets and schema must follow its own schema/vocabularies.yml.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from site_builder.cli.main import main

from .helpers.in_memory import site_searcher
from .helpers.projects import read
from .helpers.sites import other_handbook

SECTORS = {
    "shipbuilding": "Shipbuilding and repair",
    "offshore-energy": "Offshore energy",
    "coastal-tourism": "Coastal tourism",
}


@pytest.fixture(scope="module")
def site(other_site: Path) -> Path:
    return other_site


@pytest.mark.slow
def test_its_views_are_its_own_sectors_and_roles(site: Path) -> None:
    overview = read(site, "ecosystems/index.html")
    assert re.search(r"<h1[^>]*>Sectors</h1>", overview)
    for slug, label in SECTORS.items():
        assert f'href="{slug}.html">{label}</a>' in overview
        assert label in read(site, f"ecosystems/{slug}.html")
    roles = read(site, "roles/index.html")
    assert "Matchmaking between members" in roles and "Training the workforce" in roles
    assert "The two roles clusters play" in read(site, "index.html")
    assert not (site / "ecosystems/health.html").exists()


@pytest.mark.slow
def test_its_filters_offer_its_facets_and_no_themes(site: Path) -> None:
    page = read(site, "practices/index.html")
    assert re.findall(r'data-facet="([a-z]+)"', page) == ["ecosystem", "country", "helix", "role"]
    offered = re.findall(r'name="ecosystem" value="([a-z-]+)"', page)
    assert sorted(offered) == sorted(SECTORS)
    assert "data-theme" not in page and "Themes" not in page


@pytest.mark.slow
def test_its_search_facets_and_labels_come_from_its_vocabularies(site: Path) -> None:
    config = site_searcher(site).shards.meta
    assert [f["key"] for f in config["facets"]] == ["type", "country", "ecosystem", "helix", "role"]
    assert [f["key"] for f in config["facets"] if f["shown"]] == ["type", "country", "ecosystem"]
    assert config["labels"]["ecosystem"] == SECTORS
    assert set(config["labels"]["role"]) == {"matchmaking", "training"}


@pytest.mark.slow
def test_its_published_schema_allows_its_values_only(site: Path) -> None:
    schema = json.loads(read(site, "schema/practice.schema.json"))
    ecosystems = schema["properties"]["ecosystems"]
    assert ecosystems["title"] == "Sectors"
    assert ecosystems["items"]["enum"] == list(SECTORS)
    assert ecosystems["maxItems"] == 2
    assert schema["properties"]["helix"]["items"]["enum"] == ["business", "research"]
    assert "themes" not in schema["properties"]


def test_the_validator_holds_its_files_to_its_vocabularies(tmp_path: Path, capsys) -> None:
    project = other_handbook(tmp_path / "handbook")
    path = project / "practices/harbour-hosts.md"
    text = path.read_text(encoding="utf-8").replace(
        "ecosystems: [coastal-tourism, shipbuilding]", "ecosystems: [health]\nthemes: [policy]"
    )
    path.write_text(text, encoding="utf-8")
    assert main(["--root", str(project), "validate"]) == 1
    out = capsys.readouterr().out
    assert (
        "practices/harbour-hosts.md:6:14: error: `health` is not a known sector "
        "(allowed: shipbuilding, offshore-energy, coastal-tourism)"
    ) in out
    assert "practices/harbour-hosts.md:7:1: error: unknown field `themes`" in out


def test_its_command_line_offers_its_own_choices(tmp_path: Path, capsys) -> None:
    project = other_handbook(tmp_path / "handbook")
    with pytest.raises(SystemExit) as stopped:
        main(["--root", str(project), "search", "--ecosystem", "health", "courses"])
    assert stopped.value.code == 2
    assert "unknown sector 'health'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--root", str(project), "search", "--theme", "policy", "courses"])
    assert (
        main(
            [
                "--root",
                str(project),
                "search",
                "--ecosystem",
                "offshore-energy",
                "--json",
                "courses",
            ]
        )
        == 0
    )
    found = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in found] == ["wind-skills-academy"]


@pytest.mark.browser
@pytest.mark.slow
def test_its_search_box_narrows_by_its_own_sectors_from_a_file(page, site: Path) -> None:
    from playwright.sync_api import expect

    from .helpers.browser import results, type_query

    page.goto((site / "index.html").as_uri())
    type_query(page, "courses")
    panel = page.locator(".hb-search-facets")
    expect(panel.locator(".hb-search-facets__name")).to_have_text(["Type", "Country", "Sector"])
    assert "ecosystem" not in (site / "assets/handbook/search/worker.js").read_text(), (
        "the worker names no facet: they come with the index"
    )
    panel.locator("a.hb-facet", has_text="Offshore energy").click()
    expect(page.locator("input.md-search__input")).to_have_value(
        "courses ecosystem:offshore-energy"
    )
    expect(results(page).locator("h1")).to_have_text(["Wind Skills Academy"])
    expect(results(page).first.locator(".md-tag")).to_have_text(
        ["Practice", "Denmark", "Offshore energy"]
    )
    assert page.console_errors == []
