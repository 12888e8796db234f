"""Stable URLs: the built handbook keeps every public URL of tests/golden/public-urls.txt.

What counts as public is site_builder/outputs/public_urls.py's rule; the list is written by
`handbook urls --output tests/golden/public-urls.txt` from a build of the real handbook.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_builder.cli.main import main
from site_builder.outputs.public_urls import (
    address,
    compare,
    is_public,
    listing,
    public_urls,
    read_listing,
)

from .helpers.projects import PROJECT, TESTS, make_project, read

GOLDEN = TESTS / "golden" / "public-urls.txt"
REGENERATE = "python3 dev.py build && .venv/bin/handbook urls --output tests/golden/public-urls.txt"


@pytest.mark.parametrize(
    "path, public",
    [
        ("index.html", True),
        ("practices/ribes-nest-veneto.html", True),
        ("countries/it.html", True),
        ("print/index.html", True),
        ("data/practices.csv", True),
        ("data/practices.json", True),
        ("schema/practice.schema.json", True),
        ("handbook.pdf", True),
        ("handbook-offline.zip", True),
        ("sitemap.xml", True),
        ("feeds/all.xml", True),  # a later feature's files are public unless internal
        ("assets/javascripts/bundle.js", False),
        ("assets/handbook/handbook.css", False),
        ("search/index/meta.js", False),
        ("data/practice-list.js", False),
        ("print/ribes-nest-veneto.js", False),
        ("404.html", False),
        ("sitemap.xml.gz", False),
        (".nojekyll", False),
    ],
)
def test_what_is_a_public_url(path: str, public: bool) -> None:
    assert is_public(path) is public


@pytest.mark.parametrize(
    "path, directory_urls, url",
    [
        ("index.html", False, "index.html"),
        ("index.html", True, "./"),
        ("practices/index.html", True, "practices/"),
        ("practices/x/index.html", True, "practices/x/"),
        ("practices/x.html", False, "practices/x.html"),
        ("data/practices.json", True, "data/practices.json"),
    ],
)
def test_a_file_is_reached_at_its_url(path: str, directory_urls: bool, url: str) -> None:
    assert address(path, directory_urls) == url


def test_the_comparison_names_lost_and_new_urls() -> None:
    listed = read_listing(listing(["a.html", "b.html", "data/x.json"]))
    assert listed == ["a.html", "b.html", "data/x.json"]
    assert compare(listed, ["a.html", "data/x.json", "c.html"]) == (["b.html"], ["c.html"])


# -- the real handbook --------------------------------------------------------------------


@pytest.mark.slow
def test_the_build_has_every_listed_public_url(built_site: Path) -> None:
    missing, _ = compare(
        read_listing(GOLDEN.read_text(encoding="utf-8")), public_urls(built_site, False)
    )
    assert missing == [], (
        "the build no longer has these public URLs (links to them would break: keep the "
        f"page, or give a renamed practice `former_ids`): {missing}"
    )


@pytest.mark.slow
def test_the_list_names_every_public_url_of_the_build(built_site: Path) -> None:
    """New URLs are welcome, and go into the list, so that they are kept from then on."""
    _, new = compare(
        read_listing(GOLDEN.read_text(encoding="utf-8")), public_urls(built_site, False)
    )
    assert new == [], f"public URLs missing from {GOLDEN.name}: {new}; write it anew: {REGENERATE}"


def test_the_list_is_the_real_handbooks_with_its_url_style() -> None:
    assert "use_directory_urls: false" in (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = read_listing(GOLDEN.read_text(encoding="utf-8"))
    assert listed == sorted(listed)
    assert GOLDEN.read_text(encoding="utf-8") == listing(listed)
    for url in (
        "index.html",
        "practices/ribes-nest-veneto.html",
        "data/practices.csv",
        "handbook.pdf",
    ):
        assert url in listed


# -- a renamed practice, on a small handbook ----------------------------------------------------


@pytest.fixture(scope="module")
def before(merged_site: Path) -> list[str]:
    """The public URLs of the mini handbook while ribes-nest was a practice of its own."""
    return public_urls(merged_site, False)


@pytest.mark.slow
@pytest.mark.parametrize(
    "after, lost",
    [("base_site", ["practices/ribes-nest.html"]), ("mini_site", [])],
    ids=["plain", "former-ids"],
)
def test_a_practice_renamed_keeps_its_url_only_with_former_ids(
    before: list[str], request, tmp_path: Path, capsys, after: str, lost: list[str]
) -> None:
    """ribes-nest was merged into ribes-nest-veneto: its file is gone (the mini handbook as
    it is); with former_ids (the mini handbook with its practice renamed), ribes-nest-veneto
    names it (and another old id, a new URL)."""
    site: Path = request.getfixturevalue(after)
    project = site.parent
    assert ("former_ids: [ribes-nest," in read(project, "practices/ribes-nest-veneto.md")) == (
        not lost
    )
    assert compare(before, public_urls(site, False))[0] == lost
    # the command says the same, and fails while a URL is lost
    listed = tmp_path / "public-urls.txt"
    listed.write_text(listing(before), encoding="utf-8")
    status = main(["--root", str(project), "urls", "--check", str(listed)])
    out = capsys.readouterr().out
    assert status == (1 if lost else 0)
    assert [line for line in out.splitlines() if ": error: " in line] == [
        f"{listed}: error: the build no longer has the public URL {url}" for url in lost
    ]


def test_the_command_writes_the_list_of_a_built_site(tmp_path: Path, capsys) -> None:
    project = make_project(tmp_path / "handbook")
    site = project / "site"
    for path in ("index.html", "practices/x.html", "assets/a.js", "data/practices.json"):
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text("x", encoding="utf-8")
    out = tmp_path / "list.txt"
    assert main(["--root", str(project), "urls", "--output", str(out)]) == 0
    assert read_listing(out.read_text(encoding="utf-8")) == [
        "data/practices.json",
        "index.html",
        "practices/x.html",
    ]
    shutil.rmtree(site)
    assert main(["--root", str(project), "urls"]) == 1
    assert "no built site" in capsys.readouterr().err
