"""`handbook search` from an installed package: no checkout, no site build, no network.

The package is built as a wheel and installed into a fresh virtual environment (its
dependencies are borrowed from the test environment's); the search runs in an empty
folder, as on a policy maker's laptop.
"""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from .helpers.projects import PROJECT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("installed")
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "-w",
            str(work / "wheel"),
            str(PROJECT),
        ],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    wheel = next((work / "wheel").glob("cluster_handbook-*.whl"))
    env = work / "env"
    venv.EnvBuilder(with_pip=False).create(env)
    python = env / "bin" / "python"
    own = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    )
    # the dependencies, not the checkout's editable site_builder (its .pth is not read)
    (Path(own.stdout.strip()) / "borrowed.pth").write_text(sysconfig.get_path("purelib") + "\n")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return env


def search(env: Path, folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(env / "bin" / "handbook"), "search", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "HOME": str(folder), "XDG_CACHE_HOME": str(folder / "cache")},
    )


def test_the_package_carries_the_handbook_and_searches_it_anywhere(installed, tmp_path):
    first = search(installed, tmp_path, "hydrogen", "--json")
    assert first.returncode == 0, first.stderr
    assert "searching the one installed with the package" in first.stderr
    assert "no search index yet: building it" in first.stderr
    results = json.loads(first.stdout)
    assert results[0]["id"] == "green-hydrogen-valley"
    shipped = installed / "share/cluster-handbook"
    for folder in ("practices", "recommendations", "docs"):  # data-files lists each folder
        assert sorted(p.relative_to(shipped) for p in (shipped / folder).rglob("*.md")) == sorted(
            p.relative_to(PROJECT) for p in (PROJECT / folder).rglob("*.md")
        ), folder
    for name in ("schema/vocabularies.yml", "schema/practice.schema.json"):
        assert (shipped / name).read_bytes() == (PROJECT / name).read_bytes(), name

    again = search(installed, tmp_path, "innovation", "vouchers", "--country", "CZ")
    assert again.returncode == 0, again.stderr
    assert "building" not in again.stderr
    assert "innovation-vouchers" in again.stdout


def test_the_installed_package_runs_its_own_code(installed, tmp_path):
    done = subprocess.run(
        [
            str(installed / "bin/python"),
            "-c",
            "import site_builder.cli.main as cli; print(cli.__file__)",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.stdout.startswith(str(installed)), done.stdout + done.stderr


def test_the_installed_package_carries_the_search_and_its_templates(installed):
    """A build from the installed package serves these (the adapter reads them from the
    package): the search's scripts and the templates that load them."""
    package = next(installed.glob("lib/python*/site-packages/site_builder"))
    for name in (
        "render/assets/search/worker.js",
        "render/assets/search/setup.js",
        "render/assets/search/facets.js",
        "render/assets/search/lunr.min.js",
        "render/assets/search/search.css",
        "adapter/theme/main.html",
        "adapter/theme/partials/search.html",
        "render/assets/filters.js",
        "render/assets/handbook.css",
        "render/geography/europe.json",  # the map's geometry (europe_map)
        "render/templates/europe_map.html",
        "render/templates/coverage.html",
    ):
        assert (package / name).is_file(), name
