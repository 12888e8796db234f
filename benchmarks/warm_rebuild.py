"""What the artefact cache saves: a build with an empty cache against one with a warm cache.

On a synthetic handbook (benchmarks/corpus.py), N runs of each, alternating cold and warm
so that the machine's drift falls on both alike; medians reported:

- ``build``: ``mkdocs build`` in a new process (PDF and ZIP off), cold with
  .handbook-cache/artefacts/ deleted first, warm with it as the previous build left it
  (nothing changed); the two sites must be byte-identical;
- ``in_process``: the pages and search documents alone, as `mkdocs serve` rebuilds them:
  a new store without a folder (cold), a new store on the warm folder (disk), and the
  same store again (memory).

    python -m benchmarks.warm_rebuild --size 600 --runs 5 --work /tmp/warm
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import corpus as corpus_module
from site_builder import pages
from site_builder.artefacts import FOLDER, ArtefactStore
from site_builder.search.documents import documents
from site_builder.urls import Urls
from site_builder.validate import load_handbook

CONFIG = "mkdocs-warm-bench.yml"  # the corpus's mkdocs.yml without the PDF and the ZIP


def digest(folder: Path) -> str:
    total = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        total.update(path.relative_to(folder).as_posix().encode() + b"\0")
        total.update(hashlib.sha256(path.read_bytes()).digest())
    return total.hexdigest()


def mkdocs_build(project: Path, site: Path) -> float:
    shutil.rmtree(site, ignore_errors=True)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / CONFIG)]
        + ["-d", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"mkdocs build failed:\n{done.stdout}{done.stderr}")
    return seconds


def stage(project: Path, store: ArtefactStore) -> float:
    """The pages and the search documents of the loaded handbook, with this store."""
    handbook = load_handbook(project)
    started = time.perf_counter()
    pages.all_pages(handbook, {}, [], Urls(), artefacts=store)
    documents(handbook, [], Urls(), store)
    return time.perf_counter() - started


def measure(project: Path, runs: int, work: Path) -> dict:
    cache = project / FOLDER
    times: dict[str, list[float]] = {"cold": [], "warm": []}
    sites = {name: work / f"site-{name}" for name in times}
    for _ in range(runs):
        shutil.rmtree(cache, ignore_errors=True)
        times["cold"].append(mkdocs_build(project, sites["cold"]))
        times["warm"].append(mkdocs_build(project, sites["warm"]))
    identical = digest(sites["cold"]) == digest(sites["warm"])
    stages: dict[str, list[float]] = {"cold": [], "disk": [], "memory": []}
    for _ in range(runs):
        stages["cold"].append(stage(project, ArtefactStore()))
        store = ArtefactStore(cache)
        stages["disk"].append(stage(project, store))
        stages["memory"].append(stage(project, store))
    return {
        "practices": len(list((project / "practices").glob("*.md"))),
        "runs": runs,
        "build": {name: statistics.median(values) for name, values in times.items()},
        "sites_identical": identical,
        "in_process": {name: statistics.median(values) for name, values in stages.items()},
        "cache_files": sum(1 for _ in cache.rglob("*.json")),
    }


def report(result: dict) -> str:
    build, staged = result["build"], result["in_process"]
    return "\n".join(
        [
            f"{result['practices']} practices, median of {result['runs']} run(s) each",
            f"mkdocs build  cold {build['cold']:.2f} s   warm {build['warm']:.2f} s   "
            f"(saved {build['cold'] - build['warm']:.2f} s; "
            f"sites identical: {result['sites_identical']})",
            f"pages+search  cold {staged['cold']:.3f} s   disk {staged['disk']:.3f} s   "
            f"memory {staged['memory']:.3f} s",
            f"cache files   {result['cache_files']}",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=600, help="number of practices")
    parser.add_argument("--runs", type=int, default=5, help="runs of each, alternating")
    parser.add_argument("--work", type=Path, help="folder for the corpus and the sites")
    parser.add_argument("--seed", type=int, default=corpus_module.SEED)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="warm-rebuild-"))
    project = corpus_module.generate(args.size, work, args.seed).handbook
    off = {"INHERIT": "mkdocs.yml", "extra": {"handbook": {"pdf": False, "offline_zip": False}}}
    (project / CONFIG).write_text(json.dumps(off), encoding="utf-8")
    result = measure(project, args.runs, work)
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if result["sites_identical"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
