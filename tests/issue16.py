"""The handbook that the map, coverage and export tests build (issue 16, items 1 to 3).

A copy of the real handbook, without its PDF and ZIP, in which one practice is in
Malta (a country too small to find on the map without its marker) and one practice's
title and another's organisation start with what a spreadsheet runs as a formula.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import build_site, copy_of_project, without_downloads

TINY = ("green-hydrogen-valley", "MT")  # this practice moves to Malta
FORMULA_TITLE = '=HYPERLINK("http://evil.example/","click")'
FORMULA_ORGANISATION = "@SUM(1+1)"
FORMULA_IDS = ("ribes-nest-veneto", "access-north-american-market")  # title, organisation


def _set(path: Path, key: str, value: str) -> None:
    text = path.read_text("utf-8")
    line = f"{key}: {value}"
    path.write_text(re.sub(rf"^{key}: .*$", lambda _: line, text, count=1, flags=re.M), "utf-8")


def build(target: Path) -> Path:
    """The site of the handbook above, built into target/handbook/site."""
    project = copy_of_project(target / "handbook")
    practices = project / "practices"
    _set(practices / f"{TINY[0]}.md", "country", TINY[1])
    _set(practices / f"{FORMULA_IDS[0]}.md", "title", json.dumps(FORMULA_TITLE))
    _set(practices / f"{FORMULA_IDS[1]}.md", "organisation", json.dumps(FORMULA_ORGANISATION))
    without_downloads(project)
    done = build_site(project, project / "site")
    assert done.returncode == 0, done.stdout + done.stderr
    return project / "site"


def practices_of(site: Path) -> list[dict]:
    return json.loads((site / "data/practices.json").read_text("utf-8"))["practices"]
