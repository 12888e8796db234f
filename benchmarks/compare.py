"""Before/after of one optimisation: `mkdocs build` with some files as they were, and as they are.

The "before" package is a copy of the working tree's site_builder/ with the
named files taken from a git revision (default HEAD), put first on PYTHONPATH;
the "after" is the working tree. Builds alternate (before, after, before…) so
that a busy machine slows both alike; medians are printed.

    .venv/bin/python -m benchmarks.compare /tmp/bench/handbook-5000 site_builder/core/related.py \\
        -f mkdocs-bench-off.yml --repeats 3
    .venv/bin/python -m benchmarks.compare /tmp/bench/handbook-5000 \\
        site_builder/content/load.py --check

With --check it times check() (validation) in a fresh process instead of a build.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.run import BIN, ENV, REPO, timed


def before_tree(files: list[str], revision: str, target: Path) -> Path:
    shutil.copytree(
        REPO / "site_builder", target / "site_builder", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in files:
        old = subprocess.run(
            ["git", "show", f"{revision}:{name}"], cwd=REPO, check=True, capture_output=True
        ).stdout
        (target / name).write_bytes(old)
    return target


CHECK = """import json, sys, time
from pathlib import Path
from site_builder.content import validate
validate.check(Path(sys.argv[1]).parent)  # imports and caches warm, on a tiny folder
start = time.perf_counter()
result = validate.check(Path(sys.argv[1]))
print(json.dumps({"seconds": time.perf_counter() - start, "ok": result.ok,
                  "code": validate.__file__}))
"""


def _time_check(project: Path, cwd: str, env: dict, timeout: float) -> dict:
    """check() of the project in a fresh interpreter (cwd outside the repository, so
    PYTHONPATH decides which site_builder is imported)."""
    done = subprocess.run(
        [sys.executable, "-c", CHECK, str(project)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    figures = json.loads(done.stdout) if done.returncode == 0 else {}
    return {
        "seconds": figures.get("seconds", 0.0),
        "peak_mb": 0.0,
        "status": 0 if figures.get("ok") else 1,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("files", nargs="+", help="files (repository paths) to take from REV")
    parser.add_argument("--rev", default="HEAD")
    parser.add_argument("-f", "--config", default="mkdocs.yml")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--check", action="store_true", help="time check(), not a build")
    args = parser.parse_args(argv)
    args.project = args.project.resolve()
    times: dict[str, list[float]] = {"before": [], "after": []}
    memory: dict[str, list[float]] = {"before": [], "after": []}
    with tempfile.TemporaryDirectory() as tmp:
        old = before_tree(args.files, args.rev, Path(tmp) / "before")
        site = Path(tmp) / "site"
        for _ in range(args.repeats):
            for name, path in (("before", str(old)), ("after", None)):
                env = {**ENV, "PYTHONPATH": path} if path else ENV
                if args.check:
                    result = _time_check(args.project, tmp, env, args.timeout)
                else:
                    shutil.rmtree(site, ignore_errors=True)
                    command = [
                        str(BIN / "mkdocs"),
                        "build",
                        "-q",
                        "-f",
                        str(args.project / args.config),
                        "-d",
                        str(site),
                    ]
                    result = timed(command, args.project, args.timeout, env=env)
                if result["status"] != 0:
                    print(f"{name}: build failed", file=sys.stderr)
                    return 1
                times[name].append(result["seconds"])
                memory[name].append(result["peak_mb"])
                print(
                    f"{name}: {result['seconds']:.2f} s, {result['peak_mb']:.0f} MB",
                    file=sys.stderr,
                    flush=True,
                )
    b, a = statistics.median(times["before"]), statistics.median(times["after"])
    what = "check()" if args.check else f"build ({args.config})"
    print(
        f"{what} of {args.project.name}, medians of {args.repeats}: "
        f"before {b:.2f} s ({statistics.median(memory['before']):.0f} MB), "
        f"after {a:.2f} s ({statistics.median(memory['after']):.0f} MB), "
        f"{100 * (a - b) / b:+.0f} %"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
