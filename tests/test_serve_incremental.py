"""Under `mkdocs serve`, a rebuild renders only what an edit changed (site_builder/build/kept.py),
and the preview is still, after every edit, what a fresh build of the same tree shows:
every page, data file and search file, byte for byte, and no page that should be gone.

One preview runs through a sequence of edits: text, title, country, ecosystem, helix
role, cluster role; a new, a renamed and a deleted practice; a file made invalid (the
problems page and the banner), then fixed; a recommendation, the vocabularies,
sources.yml and a page of docs/. After each, every file of a fresh serve build
(tests/serve_reference.py, in a new process) is fetched from the preview and compared.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers.projects import PROJECT, copy_of_project
from .helpers.serve import free_port

pytestmark = pytest.mark.slow

LIVERELOAD = re.compile(r"<script>\s*var livereload = function.*?</script>", re.S)
SEARCH_DATA = "search/index/"  # the index's files: another process makes them
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764547200"}


def replace(project: Path, name: str, old: str, new: str) -> None:
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{name} has no {old!r}"
    write(path, text.replace(old, new, 1))


def write(path: Path, text: str) -> None:
    """Saved whole, as an editor saves (the preview never sees half a file)."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def new_practice(project: Path) -> None:
    text = (project / "practices/ribes-nest-veneto.md").read_text(encoding="utf-8")
    text = text.replace("id: ribes-nest-veneto", "id: veneto-health-network")
    text = text.replace("title: Regional Innovative Network of Veneto", "title: A New Network")
    write(project / "practices/veneto-health-network.md", text)


def rename_practice(project: Path) -> None:
    old = project / "practices/veneto-health-network.md"
    text = old.read_text(encoding="utf-8").replace("id: veneto-health-network", "id: a-new-one")
    write(project / "practices/a-new-one.md", text)
    old.unlink()


EDITS: list[tuple[str, Callable[[Path], None]]] = [
    (
        "a section's text",
        lambda p: replace(
            p, "practices/ribes-nest-veneto.md", "RIBES-Nest consists", "RIBES-Nest now has"
        ),
    ),
    (
        "a title",
        lambda p: replace(
            p,
            "practices/ribes-nest-veneto.md",
            "title: Regional Innovative Network of Veneto",
            "title: Veneto's Innovative Network",
        ),
    ),
    (
        "a country and an ecosystem",
        lambda p: (
            replace(p, "practices/ribes-nest-veneto.md", "country: IT", "country: AT"),
            replace(p, "practices/ribes-nest-veneto.md", "[health]", "[health, digital]"),
        ),
    ),
    (
        "a helix role and the cluster role",
        lambda p: (
            replace(p, "practices/ribes-nest-veneto.md", "[industry, academia]", "[industry]"),
            replace(
                p,
                "practices/ribes-nest-veneto.md",
                "cluster_role: innovation-engagement",
                "cluster_role: sme-capacity",
            ),
        ),
    ),
    ("a new practice", new_practice),
    ("a renamed practice", rename_practice),
    ("a deleted practice", lambda p: (p / "practices/a-new-one.md").unlink()),
    (
        "a file made invalid",
        lambda p: replace(p, "practices/ribes-nest-veneto.md", "country: AT", "country: Atlantis"),
    ),
    (
        "the file fixed",
        lambda p: replace(p, "practices/ribes-nest-veneto.md", "country: Atlantis", "country: AT"),
    ),
    (
        "a recommendation",
        lambda p: replace(
            p,
            "recommendations/clusterix-2014-administrative-coordination.md",
            'title: "Improve collaboration',
            'title: "Improve the collaboration',
        ),
    ),
    (
        "a vocabulary",
        lambda p: replace(p, "schema/vocabularies.yml", "label: Health\n", "label: Health care\n"),
    ),
    (
        "sources.yml",
        lambda p: replace(
            p, "sources.yml", 'title: "Clusters shaping', 'title: "Clusters that shape'
        ),
    ),
    (
        "a page of docs/",
        lambda p: replace(p, "docs/about.md", "## Sources", "Edited in the preview.\n\n## Sources"),
    ),
]


def get(url: str, timeout: float = 90) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def shown(path: str, body: bytes) -> bytes:
    """The served file without the script `mkdocs serve` adds to every page."""
    if path.endswith(".html"):
        return LIVERELOAD.sub("", body.decode("utf-8")).encode("utf-8")
    return body


class Preview:
    def __init__(self, project: Path) -> None:
        self.base = f"http://127.0.0.1:{free_port()}/"
        host = self.base.split("/")[2]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", host, "-f", "mkdocs.yml"],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=ENV,
        )
        deadline = time.monotonic() + 180
        while self.epoch() is None:
            assert self.process.poll() is None, self.process.stdout.read().decode()
            assert time.monotonic() < deadline, "the preview did not start"
            time.sleep(0.5)

    def epoch(self) -> int | None:
        try:
            status, body = get(self.base + "index.html", timeout=5)
        except OSError:
            return None
        found = re.search(rb"livereload\((\d+),", body)
        return int(found[1]) if status == 200 and found else None

    def rebuilt_after(self, epoch: int) -> None:
        """Waits until the preview has rebuilt after `epoch` (its reload signal)."""
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            status, body = get(f"{self.base}livereload/{epoch}/1")
            if status == 200 and int(body) > epoch:
                return
        raise AssertionError("the preview did not rebuild")

    def close(self) -> str:
        self.process.send_signal(signal.SIGINT)  # as an editor stops it: Ctrl-C
        try:
            out, _ = self.process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, _ = self.process.communicate()
        return out.decode("utf-8", "replace")


def start_reference(project: Path, out: Path, base: str) -> subprocess.Popen:
    """A fresh serve build of the tree as it is now, in a new process, into `out`: it runs
    while the preview rebuilds (both read the same saved files)."""
    shutil.rmtree(out, ignore_errors=True)
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.serve_reference",
            str(project / "mkdocs.yml"),
            str(out),
            base,
        ],
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=ENV,
    )


def reference(started: subprocess.Popen, out: Path) -> dict[str, bytes]:
    """Every file the fresh build made, once it has finished."""
    log, _ = started.communicate()
    assert started.returncode == 0, log
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in out.rglob("*")
        if p.is_file() and not p.name.startswith(".")
    }


def differences(preview: Preview, expected: dict[str, bytes], gone: set[str]) -> list[str]:
    wrong = []
    for path, content in sorted(expected.items()):
        if path.startswith(SEARCH_DATA):
            continue
        status, body = get(preview.base + path)
        if status != 200 or shown(path, body) != content:
            wrong.append(f"{path}: {status}, {len(body)} bytes, {len(content)} expected")
    for path in sorted(gone):
        status, _ = get(preview.base + path)
        if status != 404:
            wrong.append(f"{path}: still served ({status}), gone from a fresh build")
    return wrong


def search_settles(preview: Preview, expected: dict[str, bytes], limit: float = 120) -> list[str]:
    """The search data follows the pages (another process makes it): it must come."""
    deadline = time.monotonic() + limit
    while True:
        wrong = [
            path
            for path in expected
            if path.startswith(SEARCH_DATA)
            and shown(path, get(preview.base + path)[1]) != expected[path]
        ]
        if not wrong or time.monotonic() > deadline:
            return wrong
        time.sleep(0.5)


def test_after_every_edit_the_preview_is_what_a_fresh_build_shows(tmp_path: Path) -> None:
    project = copy_of_project(tmp_path / "handbook")
    preview = Preview(project)
    seen: set[str] = set()
    log = ""
    try:
        for name, edit in EDITS:
            epoch = preview.epoch()
            assert epoch is not None
            edit(project)
            started = start_reference(project, tmp_path / "reference", preview.base)
            preview.rebuilt_after(epoch)
            expected = reference(started, tmp_path / "reference")
            seen |= set(expected)
            problems = differences(preview, expected, seen - set(expected))
            problems += search_settles(preview, expected)
            assert not problems, f"after {name}:\n" + "\n".join(problems[:20])
            if name == "a file made invalid":
                assert "problems.html" in expected
                assert b"hb-problem-banner" in expected["assets/handbook/problems.js"]
                assert b"assets/handbook/problems.js" in expected["practices/index.html"]
    finally:
        log = preview.close()
    # the edits rebuilt what they changed and kept the rest: the title, for one
    counts = re.findall(r"generated pages: (\d+) rendered, (\d+) kept", log)
    assert len(counts) >= len(EDITS) + 1, log[-3000:]
    rendered, kept_count = map(int, counts[2])
    assert 0 < rendered < kept_count, counts


def children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_killed_preview_leaves_no_search_worker_behind(tmp_path: Path) -> None:
    project = copy_of_project(tmp_path / "handbook")
    preview = Preview(project)
    try:
        epoch = preview.epoch()
        assert epoch is not None
        EDITS[0][1](project)  # the index is made in the worker from the first save on
        preview.rebuilt_after(epoch)
        deadline = time.monotonic() + 60
        while not (workers := children(preview.process.pid)):
            assert time.monotonic() < deadline, "no search worker started"
            time.sleep(0.2)
    finally:
        preview.process.kill()  # no Ctrl-C: the server cannot tell its worker
        preview.process.wait()
        preview.process.stdout.close()  # a worker left behind holds it open
    deadline = time.monotonic() + 20
    while any(alive(pid) for pid in workers):
        assert time.monotonic() < deadline, f"workers {workers} outlived the preview"
        time.sleep(0.2)
