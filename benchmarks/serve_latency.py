#!/usr/bin/env python3
"""How long after saving a practice does `mkdocs serve` show it, and every view with it?

For a synthetic handbook of N practices (benchmarks/corpus.py; --size 0: a copy of this
repository), starts `mkdocs serve` on a free loopback port, waits for its first build,
then saves a changed title of one practice `--runs` times. For each save it measures:

- ``page``: seconds until the served practice page shows the new title;
- ``every view``: seconds until the preview's rebuild is done (its live-reload signal;
  the server answers no request while it rebuilds), and then checks that the list data of
  All practices (paged, 50 a page) and the practice's country page show the new title;
- ``search``: seconds until the served search index holds the new title (it is made in
  another process after the pages).

Baselines from the same run, on the same practices as plain mkdocs-material pages with
the two-entry nav (benchmarks/corpus.py's baseline-N/mkdocs-short-nav.yml): its
`mkdocs serve` (every save rebuilds everything) and `mkdocs serve --dirty` (only the saved
page; its tags page, which lists every title, stays stale). With --size 0 the baseline
is a whole `mkdocs build` of the copy, as before; --no-plain leaves plain
mkdocs-material out. Medians, and every run.

With --slip, also a slip and its fix (slip_runs): a practice's country made unknown, then
right again, each timed until the preview shows it, with the number of generated pages
each of those builds rendered; the title save above is their same-run baseline.

    python -m benchmarks.serve_latency --size 5000 --runs 5 --work /tmp/serve5000
    python -m benchmarks.serve_latency --size 5000 --runs 3 --slip --no-plain
"""

from __future__ import annotations

import argparse
import contextlib
import html
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

from site_builder.search.query import Searcher
from site_builder.search.shards import Shards

ROOT = Path(__file__).resolve().parents[1]
BANNER = "assets/handbook/problems.js"  # the preview's problems banner
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def get(url: str, timeout: float = 120) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


class Server:
    """`mkdocs serve` of a project, on a free port."""

    def __init__(self, project: Path, config: str, *extra: str, log: Path | None = None) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.base = f"http://127.0.0.1:{port}/"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", config]
            + list(extra),
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=log.open("w") if log else subprocess.DEVNULL,
            env=ENV,
        )
        deadline = time.monotonic() + 1800
        while self.epoch() is None:
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"mkdocs serve {' '.join(extra)} in {project} did not start")
            time.sleep(0.5)

    def epoch(self) -> int | None:
        status, body = get(self.base + "index.html", timeout=10)
        found = re.search(r"livereload\((\d+),", body)
        return int(found[1]) if status == 200 and found else None

    def rebuilt_after(self, epoch: int, limit: float = 1800) -> None:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            status, body = get(f"{self.base}livereload/{epoch}/1")
            if status == 200 and body.strip().isdigit() and int(body) > epoch:
                return
        raise RuntimeError("the preview did not rebuild")

    def wait_for(self, path: str, text: str, limit: float = 1800) -> None:
        deadline = time.monotonic() + limit
        while text not in get(self.base + path)[1]:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{path} did not show {text!r}")
            time.sleep(0.02)

    def wait_until_gone(self, path: str, text: str, limit: float = 1800) -> None:
        deadline = time.monotonic() + limit
        while text in get(self.base + path)[1]:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{path} still shows {text!r}")
            time.sleep(0.02)

    def wait_for_search(self, title: str, limit: float = 1800) -> None:
        """Until the preview's search index, read as the browser reads it, finds `title`
        first."""
        deadline = time.monotonic() + limit
        while True:
            with contextlib.suppress(ValueError, KeyError, IndexError):
                index = Searcher(Shards(lambda name: get(f"{self.base}search/index/{name}")[1]))
                hits = index.search(title, limit=1)
                if hits and hits[0].doc["title"] == title:
                    return
            if time.monotonic() > deadline:
                raise RuntimeError(f"the search did not find {title!r}")
            time.sleep(0.05)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def save(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} has no {old!r}"
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.replace(temporary, path)


def handbook_runs(project: Path, runs: int) -> dict[str, list[float]]:
    """Our preview: page, every view, search, after each save of a changed title."""
    files = sorted((project / "practices").glob("*.md"))
    practice = files[len(files) // 2]
    front = practice.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    title_line = next(line for line in front.splitlines() if line.startswith("title:"))
    country = re.search(r"^country: \"?([A-Z]{2})\"?$", front, re.M)[1]  # type: ignore[index]
    server = Server(project, "mkdocs.yml")
    times: dict[str, list[float]] = {"page": [], "every view": [], "search": []}
    wrong = []
    try:
        previous = title_line
        for run in range(runs):
            marker = f"Edited title {run}"
            line = f"title: {json.dumps(marker)}"
            epoch = server.epoch()
            assert epoch is not None
            started = time.monotonic()
            save(practice, previous, line)
            previous = line
            server.wait_for(f"practices/{practice.stem}.html", marker)
            times["page"].append(time.monotonic() - started)
            server.rebuilt_after(epoch)
            times["every view"].append(time.monotonic() - started)
            # All practices is paged (50 a page): its list data holds every practice
            views = ["data/practice-list.js", f"countries/{country.lower()}.html"]
            wrong += [v for v in views if marker not in get(server.base + v)[1]]
            server.wait_for_search(marker)
            times["search"].append(time.monotonic() - started)
            time.sleep(1.0)
    finally:
        server.stop()
        save(practice, previous, title_line)
    if wrong:
        raise RuntimeError(f"views not right after the rebuild: {wrong}")
    return times


def slip_runs(project: Path, runs: int) -> dict[str, list[float]]:
    """A slip, then its fix: the practice's country made unknown, then right again. For
    each: seconds until the practice's address shows the problem and the preview's banner
    has it (``slip``), then until the page shows the practice again and the banner is
    gone (``fix``); and how many generated pages each of those builds rendered."""
    files = sorted((project / "practices").glob("*.md"))
    practice = files[len(files) // 3]
    front = practice.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    country_line = next(line for line in front.splitlines() if line.startswith("country:"))
    title = html.escape(str(yaml.safe_load(front.removeprefix("---\n"))["title"]), quote=False)
    log = project / ".serve-latency.log"
    server = Server(project, "mkdocs.yml", log=log)
    times: dict[str, list[float]] = {"slip": [], "fix": [], "rendered": []}
    try:
        for _ in range(runs):
            for name, old, new, path, text in (
                ("slip", country_line, "country: XZ", BANNER, "problem(s) in the content"),
                ("fix", "country: XZ", country_line, f"practices/{practice.stem}.html", title),
            ):
                epoch = server.epoch()
                assert epoch is not None
                started = time.monotonic()
                save(practice, old, new)
                server.wait_for(path, text)
                if name == "fix":
                    server.wait_until_gone(BANNER, "problem(s) in the content")
                times[name].append(time.monotonic() - started)
                server.rebuilt_after(epoch)
                time.sleep(1.0)
    finally:
        server.stop()
        if "country: XZ" in practice.read_text(encoding="utf-8"):
            save(practice, "country: XZ", country_line)
    counts = re.findall(r"generated pages: (\d+) rendered", log.read_text(encoding="utf-8"))
    times["rendered"] = [float(n) for n in counts[1:]]  # after the first build
    return times


def baseline_runs(project: Path, runs: int, *extra: str) -> dict[str, list[float]]:
    """Plain mkdocs-material: the saved page, and its rebuild done."""
    page = sorted((project / "docs" / "practices").glob("*.md"))[runs]
    heading = next(line for line in page.read_text("utf-8").splitlines() if line.startswith("# "))
    server = Server(project, "mkdocs-short-nav.yml", *extra)
    times: dict[str, list[float]] = {"page": [], "every view": []}
    stale = 0
    try:
        previous = heading
        for run in range(runs):
            marker = f"Edited title {run}"
            epoch = server.epoch()
            assert epoch is not None
            started = time.monotonic()
            save(page, previous, f"# {marker}")
            previous = f"# {marker}"
            server.wait_for(f"practices/{page.stem}.html", marker)
            times["page"].append(time.monotonic() - started)
            server.rebuilt_after(epoch)
            times["every view"].append(time.monotonic() - started)
            stale += marker not in get(server.base + "tags.html")[1]
            time.sleep(1.0)
    finally:
        server.stop()
        save(page, previous, heading)
    times["tags page stale"] = [float(stale)]
    return times


def build_runs(project: Path, runs: int) -> list[float]:
    builds = []
    for _ in range(runs):
        started = time.monotonic()
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q"],
            cwd=project,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=ENV,
        )
        builds.append(time.monotonic() - started)
    return builds


def line(label: str, values: list[float]) -> str:
    runs = ", ".join(f"{t:.2f}" for t in values)
    return f"{label}: {statistics.median(values):.2f} s (runs: {runs})"


def slip_lines(slips: dict[str, list[float]], prefix: str = "") -> list[str]:
    return [
        line(f"{prefix}slip to its problem shown", slips["slip"]),
        line(f"{prefix}fix to the page shown, banner gone", slips["fix"]),
        f"{prefix}generated pages rendered by the slips' and fixes' builds: "
        + ", ".join(str(int(n)) for n in slips["rendered"]),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", type=int, default=0, help="practices; 0: this repository")
    parser.add_argument("--work", type=Path, help="folder for the corpus")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--slip", action="store_true", help="also time a slip and its fix (the handbook only)"
    )
    parser.add_argument(
        "--no-plain",
        action="store_true",
        help="leave out plain mkdocs-material's serve (the title save is the baseline)",
    )
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="serve-latency-"))
    if args.size:
        from benchmarks import corpus

        made = corpus.generate(args.size, work)
        ours = handbook_runs(made.handbook, args.runs)
        lines = [
            f"practices: {args.size}; medians of {args.runs}",
            line("handbook: save to page shown", ours["page"]),
            line("handbook: save to every view right", ours["every view"]),
            line("handbook: save to search index updated", ours["search"]),
        ]
        figures: dict = {"size": args.size, "handbook": ours}
        if not args.no_plain:
            full = baseline_runs(made.baseline, args.runs)
            dirty = baseline_runs(made.baseline, args.runs, "--dirty")
            lines += [
                line("plain mkdocs-material serve: save to page shown", full["page"]),
                line("plain mkdocs-material serve: save to rebuild done", full["every view"]),
                line("plain mkdocs-material serve --dirty: save to page shown", dirty["page"]),
                line(
                    "plain mkdocs-material serve --dirty: save to rebuild done",
                    dirty["every view"],
                ),
                f"plain --dirty: tags page stale after {int(dirty['tags page stale'][0])} "
                f"of {args.runs} saves",
            ]
            figures |= {"plain": full, "plain-dirty": dirty}
        if args.slip:
            figures["slip"] = slips = slip_runs(made.handbook, args.runs)
            lines += slip_lines(slips, "handbook: ")
    else:
        project = work / "handbook"
        shutil.copytree(
            ROOT,
            project,
            ignore=shutil.ignore_patterns(
                ".git", ".venv", "site", ".site-*", ".handbook-cache", "tests", "benchmarks"
            ),
        )
        ours = handbook_runs(project, args.runs)
        builds = build_runs(project, args.runs)
        lines = [
            f"practices: {len(list((project / 'practices').glob('*.md')))}; medians of {args.runs}",
            line("save to page shown by mkdocs serve", ours["page"]),
            line("save to every view right", ours["every view"]),
            line("baseline: a whole mkdocs build", builds),
        ]
        figures = {"size": 0, "handbook": ours, "build": builds}
        if args.slip:
            figures["slip"] = slips = slip_runs(project, args.runs)
            lines += slip_lines(slips)
    print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
