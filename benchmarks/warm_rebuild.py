"""A cold build, a warm rebuild, and plain mkdocs-material's build of the same practices.

On a synthetic handbook (benchmarks/corpus.py), N runs of each, taken in turn so that
the machine's drift falls on all alike; medians reported:

- ``build``: ``mkdocs build`` in a new process (PDF and ZIP off), its wall time and its
  own peak memory (wait4's ru_maxrss): ``cold`` with no .handbook-cache/ and no site;
  ``warm`` again into the same site with the cache as the cold build left it (nothing
  changed), whose site must be byte-identical to the cold one's; and ``plain``:
  mkdocs-material on baseline-N/ (the same practices as Markdown pages, its search and
  tags plugins) with the two-entry nav (mkdocs-short-nav.yml);
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
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import corpus as corpus_module
from benchmarks.run import timed
from site_builder.artefacts.store import FOLDER, ArtefactStore
from site_builder.content.validate import load_handbook
from site_builder.core.urls import Urls
from site_builder.search.entries import documents
from tests.helpers.in_memory import all_pages

CONFIG = "mkdocs-warm-bench.yml"  # the corpus's mkdocs.yml without the PDF and the ZIP
SHORT_NAV = "mkdocs-short-nav.yml"  # the baseline's, with a two-entry nav


def digest(folder: Path) -> str:
    total = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        total.update(path.relative_to(folder).as_posix().encode() + b"\0")
        total.update(hashlib.sha256(path.read_bytes()).digest())
    return total.hexdigest()


def mkdocs_build(project: Path, site: Path, config: str = CONFIG) -> dict:
    """Seconds and peak MB of one `mkdocs build` of the project into `site`."""
    log = site.with_name(site.name + ".log")
    figures = timed(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / config)]
        + ["-d", str(site)],
        cwd=project,
        timeout=3600,
        log=log,
    )
    if figures["status"] != 0:
        raise RuntimeError(f"mkdocs build failed:\n{log.read_text()[-3000:]}")
    return figures


def stage(project: Path, store: ArtefactStore) -> float:
    """The pages and the search documents of the loaded handbook, with this store."""
    handbook = load_handbook(project)
    started = time.perf_counter()
    all_pages(handbook, {}, [], Urls(), artefacts=store)
    documents(handbook, [], Urls(), store)
    return time.perf_counter() - started


def measure(project: Path, runs: int, work: Path, baseline: Path | None = None) -> dict:
    cache = project / FOLDER
    builds: dict[str, list[dict]] = {"cold": [], "warm": []}
    if baseline is not None:
        builds["plain"] = []
    site = work / "site-handbook"
    identical = True
    for _ in range(runs):
        if baseline is not None:
            shutil.rmtree(work / "site-plain", ignore_errors=True)
            builds["plain"].append(mkdocs_build(baseline, work / "site-plain", SHORT_NAV))
        shutil.rmtree(cache.parent, ignore_errors=True)  # all of .handbook-cache/
        shutil.rmtree(site, ignore_errors=True)
        builds["cold"].append(mkdocs_build(project, site))
        cold = digest(site)
        builds["warm"].append(mkdocs_build(project, site))
        identical = identical and digest(site) == cold
    stages: dict[str, list[float]] = {"cold": [], "disk": [], "memory": []}
    for _ in range(runs):
        stages["cold"].append(stage(project, ArtefactStore()))
        store = ArtefactStore(cache)
        stages["disk"].append(stage(project, store))
        stages["memory"].append(stage(project, store))
    return {
        "practices": len(list((project / "practices").glob("*.md"))),
        "runs": runs,
        "build": {
            name: statistics.median(r["seconds"] for r in values) for name, values in builds.items()
        },
        "peak_mb": {
            name: statistics.median(r["peak_mb"] for r in values) for name, values in builds.items()
        },
        "runs_of_each": builds,
        "sites_identical": identical,
        "in_process": {name: statistics.median(values) for name, values in stages.items()},
        "cache_files": sum(1 for _ in cache.rglob("*.json")),
    }


def report(result: dict) -> str:
    build, staged, peak = result["build"], result["in_process"], result["peak_mb"]
    plain = []
    if "plain" in build:
        plain = [
            f"plain mkdocs-material (two-entry nav)  {build['plain']:.2f} s, "
            f"{peak['plain']:.0f} MB",
            f"ratios  cold / plain {build['cold'] / build['plain']:.2f} (time), "
            f"{peak['cold'] / peak['plain']:.2f} (memory);  "
            f"warm / cold {build['warm'] / build['cold']:.2f}",
        ]
    return "\n".join(
        [
            f"{result['practices']} practices, median of {result['runs']} run(s) each",
            f"mkdocs build  cold {build['cold']:.2f} s, {peak['cold']:.0f} MB   "
            f"warm {build['warm']:.2f} s, {peak['warm']:.0f} MB   "
            f"(sites identical: {result['sites_identical']})",
            *plain,
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
    parser.add_argument("--no-plain", action="store_true", help="no plain mkdocs-material")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="warm-rebuild-"))
    made = corpus_module.generate(args.size, work, args.seed)
    project = made.handbook
    off = {"INHERIT": "mkdocs.yml", "extra": {"handbook": {"pdf": False, "offline_zip": False}}}
    (project / CONFIG).write_text(json.dumps(off), encoding="utf-8")
    result = measure(project, args.runs, work, None if args.no_plain else made.baseline)
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if result["sites_identical"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
