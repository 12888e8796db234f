"""Validation at scale (issue 13): a whole tree cold, the command line cold and warm, and
checking again after one file changed; with a plain YAML parse of the same files for scale.

On a synthetic handbook (benchmarks/corpus.py), each figure is the median of ``--runs``
runs, the kinds alternating within each round so that the machine's drift falls on all
alike; every run is a new process on one core (taskset, else sched_setaffinity):

- ``yaml``: every file read and its front matter parsed by ``yaml.load`` with libyaml's
  CSafeLoader: what any YAML-based check costs at least, on this machine, in this hour;
- ``check``: ``site_builder.content.validate.check(root)``, timed inside the process (imports
  done): the whole tree, nothing cached;
- ``check_before``, ``cli_before``: ``check`` and ``cli_cold`` with the code of another
  revision (``--before REV``), which must report the same;
- ``cli_cold``: ``handbook --root ROOT validate`` as a process, .handbook-cache/validate/
  deleted first; ``cli_warm``: the same again, with the cache the cold run wrote;
- ``recheck``: one process keeps a ``validate.Checker``; each run changes one practice
  (a different one each time; the others were last saved more than RACY_NS ago, as in an
  editor's session) and times ``checker.check()``, then ``model_from`` of its result.

Wall-clock seconds are the figures; the CPU seconds of each are kept too, since other
processes on a shared machine stretch the first more than the second.

    python -m benchmarks.validation --size 5000 --runs 5 --work /tmp/val5000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import corpus as corpus_module
from benchmarks.run import machine

REPO = Path(__file__).resolve().parent.parent
HANDBOOK = Path(sys.executable).parent / "handbook"

_ONE_CORE = """
import os
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
"""

YAML = (
    _ONE_CORE
    + """
import json, sys, time
from pathlib import Path
import yaml
root = Path(sys.argv[1])
wall, cpu = time.perf_counter(), time.process_time()
files = 0
for folder in ("practices", "recommendations"):
    for path in sorted((root / folder).glob("*.md")):
        text = path.read_text(encoding="utf-8")
        yaml.load(text.split("\\n---\\n", 1)[0].removeprefix("---\\n"), Loader=yaml.CSafeLoader)
        files += 1
print(json.dumps({"seconds": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
                  "files": files}))
"""
)

CHECK = (
    _ONE_CORE
    + """
import json, sys, time
from pathlib import Path
import site_builder
from site_builder.content.validate import check
root = Path(sys.argv[1])
wall, cpu = time.perf_counter(), time.process_time()
result = check(root)
print(json.dumps({"seconds": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
                  "files": len(result.documents), "problems": len(result.problems),
                  "code": str(Path(site_builder.__file__).parent.parent)}))
"""
)

RECHECK = (
    _ONE_CORE
    + """
import json, os, sys, time
from pathlib import Path
from site_builder.content.records import model_from
from site_builder.content.tree import RACY_NS
from site_builder.content.validate import Checker
root, runs = Path(sys.argv[1]), int(sys.argv[2])
earlier = time.time_ns() - 2 * RACY_NS - 10**9
for folder in ("practices", "recommendations"):
    for path in (root / folder).glob("*.md"):
        os.utime(path, ns=(earlier, earlier))
checker = Checker(root)
model_from(checker.check())
practices = sorted((root / "practices").glob("*.md"))
figures = []
for run in range(runs):
    path = practices[(run * 997) % len(practices)]
    saved = path.read_bytes()
    path.write_bytes(saved.replace(b"## Results\\n", b"## Results\\n\\nOne more sentence.\\n", 1))
    wall, cpu = time.perf_counter(), time.process_time()
    result = checker.check()
    seconds, cpu_seconds = time.perf_counter() - wall, time.process_time() - cpu
    started = time.perf_counter()
    model_from(result)
    figures.append({"seconds": seconds, "cpu": cpu_seconds, "read": checker.read,
                    "model_from": time.perf_counter() - started,
                    "problems": len(result.problems)})
    path.write_bytes(saved)
    os.utime(path, ns=(earlier, earlier))
    checker.check()  # untimed: the restored file, so that the next run reads one file
print(json.dumps(figures))
"""
)


def child(code: str, root: Path, *args: str, pythonpath: Path = REPO) -> dict | list:
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    done = subprocess.run(  # run in that tree: `python -c` puts the current folder first
        [sys.executable, "-c", code, str(root), *args],
        cwd=pythonpath,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"a timed child failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def one_core(command: list[str]) -> list[str]:
    taskset = shutil.which("taskset")
    if taskset is None or not hasattr(os, "sched_getaffinity"):
        return command
    return [taskset, "-c", str(min(os.sched_getaffinity(0))), *command]


def cli(root: Path, pythonpath: Path = REPO) -> dict:
    """`handbook validate` as a process on one core: wall and CPU seconds, its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        one_core([str(HANDBOOK), "--root", str(root), "validate"]),
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(pythonpath)},
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"seconds": seconds, "cpu": cpu, "status": done.returncode, "out": done.stdout}


def export(revision: str, work: Path) -> Path:
    """The tree of a revision, for the code before a change (`--before`)."""
    target = work / f"code-{revision}"
    if not target.exists():
        archive = subprocess.run(
            ["git", "archive", revision], cwd=REPO, capture_output=True, check=True
        ).stdout
        target.mkdir(parents=True)
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def measure(root: Path, runs: int, before: Path | None) -> dict:
    cache = root / ".handbook-cache" / "validate"
    samples: dict[str, list[dict]] = {"yaml": [], "check": [], "cli_cold": [], "cli_warm": []}
    if before is not None:
        samples["check_before"], samples["cli_before"] = [], []
    for _ in range(runs):
        samples["yaml"].append(child(YAML, root))  # type: ignore[arg-type]
        samples["check"].append(child(CHECK, root))  # type: ignore[arg-type]
        if before is not None:
            samples["check_before"].append(child(CHECK, root, pythonpath=before))  # type: ignore[arg-type]
            samples["cli_before"].append(cli(root, pythonpath=before))
        shutil.rmtree(cache, ignore_errors=True)
        samples["cli_cold"].append(cli(root))
        samples["cli_warm"].append(cli(root))
    samples["recheck"] = child(RECHECK, root, str(runs))  # type: ignore[assignment]
    for name, code in (("check", REPO), ("check_before", before)):
        assert all(Path(run["code"]) == code for run in samples.get(name, [])), name
    shutil.rmtree(cache, ignore_errors=True)
    clis = [name for name in samples if name.startswith("cli_")]
    outputs = {run["out"] for name in clis for run in samples[name]}
    statuses = {run["status"] for name in clis for run in samples[name]}
    for name in clis:
        for run in samples[name]:
            del run["out"]
    figures = {
        name: {
            "seconds": statistics.median(run["seconds"] for run in runs_),
            "cpu": statistics.median(run["cpu"] for run in runs_),
        }
        for name, runs_ in samples.items()
    }
    figures["recheck"]["model_from"] = statistics.median(
        run["model_from"] for run in samples["recheck"]
    )
    return {
        "practices": len(list((root / "practices").glob("*.md"))),
        "files": samples["check"][0]["files"],
        "runs": runs,
        "machine": machine(),
        "figures": figures,
        "same_report_cold_and_warm": len(outputs) == 1,  # and before, if measured
        "all_valid": statuses == {0} and all(run["problems"] == 0 for run in samples["check"]),
        "files_read_per_recheck": sorted({run["read"] for run in samples["recheck"]}),
        "samples": samples,
    }


ROWS = [
    ("yaml", "YAML baseline: read + yaml.load (CSafeLoader) of every front matter"),
    ("check_before", "check(root), whole tree, the code before (--before)"),
    ("check", "check(root), whole tree, cold, in process"),
    ("cli_before", "handbook validate, the code before (--before), process"),
    ("cli_cold", "handbook validate, cold (no cache), process"),
    ("cli_warm", "handbook validate, warm (cache of the cold run), process"),
    ("recheck", "Checker.check() after one practice changed, in process"),
]


def report(result: dict) -> str:
    figures = result["figures"]
    lines = [
        f"{result['practices']} practices ({result['files']} files), one core, "
        f"median of {result['runs']} run(s); load average {result['machine']['load_average']}",
        "| | wall | CPU |",
        "|---|---|---|",
    ]
    for name, label in ROWS:
        if name in figures:
            figure = figures[name]
            lines.append(f"| {label} | {figure['seconds']:.3f} s | {figure['cpu']:.3f} s |")
    lines.append(f"| model_from after that re-check | {figures['recheck']['model_from']:.3f} s | |")
    lines.append(
        f"cold and warm reports identical: {result['same_report_cold_and_warm']}; "
        f"all valid: {result['all_valid']}; files read per re-check: "
        f"{result['files_read_per_recheck']}"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=5000, help="number of practices")
    parser.add_argument("--runs", type=int, default=5, help="runs of each, alternating")
    parser.add_argument("--work", type=Path, help="folder for the corpus (kept, reused)")
    parser.add_argument("--seed", type=int, default=corpus_module.SEED)
    parser.add_argument("--before", metavar="REV", help="also time check() of this revision")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="validation-"))
    root = work / f"handbook-{args.size}"
    if not (root / "practices").is_dir():
        root = corpus_module.generate(args.size, work, args.seed).handbook
    before = export(args.before, work) if args.before else None
    result = measure(root, args.runs, before)
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if result["same_report_cold_and_warm"] and result["all_valid"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
