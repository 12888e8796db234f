"""`mkdocs serve` while an editor works: saved changes appear, invalid saves are explained."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers.projects import copy_of_project
from .helpers.serve import PRACTICE, fetch, free_port, wait_for

pytestmark = pytest.mark.slow


@pytest.fixture
def served(tmp_path: Path):
    """A copy of the handbook served by `mkdocs serve` on a free loopback port."""
    project = copy_of_project(tmp_path / "handbook")
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(project / "mkdocs.yml"),
        ],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_for(
            base + "practices/ribes-nest-veneto.html", "Regional Innovative Network", limit=120
        )
        yield project, base, server
    finally:
        server.terminate()
        server.wait(timeout=20)


def save(project: Path, old: str, new: str) -> None:
    path = project / PRACTICE
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_a_saved_change_appears_and_an_invalid_save_is_explained(served) -> None:
    project, base, server = served
    page = base + "practices/ribes-nest-veneto.html"
    save(
        project,
        "title: Regional Innovative Network of Veneto",
        "title: Regional Innovative Network of the Veneto",
    )
    wait_for(page, "Regional Innovative Network of the Veneto")

    save(project, "country: IT", "country: XZ")
    wait_for(page, "`XZ` is not an ISO 3166-1 country code")
    assert "practices/ribes-nest-veneto.md:5:10" in fetch(page)
    wait_for(base + "assets/handbook/problems.js", "The preview is incomplete")
    assert "assets/handbook/problems.js" in fetch(base + "index.html")
    assert server.poll() is None, "the server must keep running"

    save(project, "country: XZ", "country: IT")
    wait_for(page, "Regional Innovative Network of the Veneto")
    assert "The preview is incomplete" not in fetch(base + "assets/handbook/problems.js")
