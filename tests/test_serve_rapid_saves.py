"""`mkdocs serve` under an editor who saves fast: 40 saves in 20 seconds, valid and invalid
in turn, while the server rebuilds. It must keep running, show the last save, and log no
traceback (its whole log goes to a file, which nothing else reads)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .helpers.projects import copy_of_project
from .helpers.serve import PRACTICE, fetch, free_port, wait_for

pytestmark = pytest.mark.slow
SAVES, SECONDS = 40, 20.0
TITLE = "title: Regional Innovative Network of Veneto"


def test_forty_saves_in_twenty_seconds_leave_the_server_up_showing_the_last(
    tmp_path: Path,
) -> None:
    project = copy_of_project(tmp_path / "handbook")
    port, log = free_port(), tmp_path / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    page = f"http://127.0.0.1:{port}/practices/ribes-nest-veneto.html"
    path = project / PRACTICE
    original = path.read_text(encoding="utf-8")
    try:
        wait_for(page, "Regional Innovative Network", limit=180)
        started = time.monotonic()
        for number in range(1, SAVES + 1):
            text = original.replace(TITLE, f"title: Rapid save {number} of {SAVES}")
            if number % 2:  # every other save is invalid: an unknown country
                text = text.replace("country: IT", "country: XZ")
            path.write_text(text, encoding="utf-8")
            time.sleep(max(0.0, started + number * SECONDS / SAVES - time.monotonic()))
        wait_for(page, f"Rapid save {SAVES} of {SAVES}", limit=180)
        assert server.poll() is None, "the server must keep running"
        shown = fetch(page)
        assert "is not an ISO 3166-1 country code" not in shown  # the last save is valid
        assert "The preview is incomplete" not in fetch(f"http://127.0.0.1:{port}/index.html")
    finally:
        server.terminate()
        server.wait(timeout=30)
    written = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in written, written[-3000:]
    rebuilds = written.count("Building documentation")
    assert rebuilds >= 3, f"the saves must have made it rebuild: {rebuilds} builds"
    assert "is not an ISO 3166-1 country code" in written  # an invalid save was read
    assert "ERROR" not in written, written[-3000:]
