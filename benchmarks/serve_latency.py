#!/usr/bin/env python3
"""How long after saving a practice does `mkdocs serve` show the change?

Copies the handbook to a temporary folder, starts `mkdocs serve` on a free
loopback port, then saves a changed title N times and measures, for each save,
the seconds until the served practice page shows the new title. For a baseline
in the same run, it then times what an editor would do without `mkdocs serve`:
a whole `mkdocs build` of the same copy, as configured (offline zip and PDF
included), the same number of times. Prints the medians and all runs.

    .venv/bin/python benchmarks/serve_latency.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRACTICE = "practices/ribes-nest-veneto.md"
TITLE = "title: Regional Innovative Network of Veneto"


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, limit: float = 60.0) -> float:
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if text in fetch(url):
            return time.monotonic() - start
        time.sleep(0.02)
    raise RuntimeError(f"{url} did not show {text!r} within {limit} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "handbook"
        shutil.copytree(
            ROOT,
            project,
            ignore=shutil.ignore_patterns(
                ".git", ".venv", "site", ".site-staging", "tests", "benchmarks", "*.pyc"
            ),
        )
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        try:
            url = f"http://127.0.0.1:{port}/practices/ribes-nest-veneto.html"
            wait_for(url, "Regional Innovative Network", limit=120)
            path = project / PRACTICE
            original = path.read_text(encoding="utf-8")
            timings = []
            for run in range(args.runs):
                marker = f"Regional Innovative Network of Veneto, edit {run}"
                path.write_text(original.replace(TITLE, f"title: {marker}"), encoding="utf-8")
                timings.append(wait_for(url, marker))
                time.sleep(1.0)
        finally:
            server.terminate()
            server.wait(timeout=20)
        builds = []
        for _ in range(args.runs):
            started = time.monotonic()
            subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "-q"],
                cwd=project,
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            )
            builds.append(time.monotonic() - started)
    count = len(list((ROOT / "practices").glob("*.md")))
    print(f"practices: {count}; medians of {args.runs}")
    for label, values in (
        ("save to page shown by mkdocs serve", timings),
        ("baseline: a whole mkdocs build", builds),
    ):
        print(
            f"{label}: {statistics.median(values):.2f} s "
            f"(runs: {', '.join(f'{t:.2f}' for t in values)})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
