"""Killed builds: SIGKILL at --moments moments of one build, and nothing lost each time.

A copy of the handbook (the real one, or --size synthetic practices) is built once, then
once more after one change, and the time of that second build (what each killed build
does) taken. Then, for each moment k of --moments, spread evenly
over that time (from 5 % to 100 %): one practice is changed, `mkdocs build` is started,
and its whole process group is killed with SIGKILL k/moments of the way through. What
is counted, each time:

- **site/ whole**: site/ is, byte for byte, the site before the kill, or (the kill came
  after the new site was put in place) the site the next build makes; never a mix, and
  never missing;
- **next build works**: the next `mkdocs build` succeeds, shows the change, and leaves no
  staging folder and no site.old behind.

    .venv/bin/python -m benchmarks.kill_build --moments 10

Prints one JSON object: per moment, when the kill came (seconds, and the build's last log
line by then), and whether the two held; and the totals.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.search_speed import content

REPO = Path(__file__).resolve().parent.parent
STAGING = ".site-staging"


def digest(folder: Path) -> dict[str, str] | None:
    if not folder.is_dir():
        return None
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def build(project: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def change(project: Path, number: int) -> None:
    """One practice's title changed: a new page, a new index, a new PDF and zip."""
    practice = sorted((project / "practices").glob("*.md"))[0]
    text = practice.read_text(encoding="utf-8")
    start = text.index("\ntitle: ") + len("\ntitle: ")
    end = text.index("\n", start)
    practice.write_text(f"{text[:start]}Killed build {number}{text[end:]}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--moments", type=int, default=10)
    parser.add_argument("--size", type=int, default=0, help="synthetic practices (0: the real)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="handbook-kill-"))
    try:
        project = content(args.size, work)  # 0: the real handbook's
        for name in ("mkdocs.yml", "hooks"):
            if not (project / name).exists():
                (shutil.copytree if (REPO / name).is_dir() else shutil.copy2)(
                    REPO / name, project / name
                )
        site = project / "site"
        first = build(project)
        _, err = first.communicate()
        assert first.returncode == 0, err
        change(project, -1)  # a build after one change, as each killed one is: its time
        started = time.monotonic()
        timed = build(project)
        _, err = timed.communicate()
        assert timed.returncode == 0, err
        whole = time.monotonic() - started
        results = []
        for k in range(args.moments):
            fraction = 0.05 + 0.95 * k / max(1, args.moments - 1)
            before = digest(site)
            change(project, k)
            killed = build(project)
            time.sleep(whole * fraction)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(killed.pid, signal.SIGKILL)
            _, log = killed.communicate()
            after = digest(site)
            again = build(project)
            _, err = again.communicate()
            made = digest(site)
            results.append(
                {
                    "moment": round(fraction, 2),
                    "killed at s": round(whole * fraction, 2),
                    "build had finished": killed.returncode == 0,
                    "last log line": (log.strip().splitlines() or [""])[-1][:120],
                    "site/ whole": after is not None and after in (before, made),
                    "next build works": again.returncode == 0
                    and made is not None
                    and not (project / STAGING).exists()
                    and not site.with_name("site.old").exists(),
                }
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        json.dumps(
            {
                "practices": args.size or "the real handbook",
                "whole build s": round(whole, 2),
                "moments": args.moments,
                "site/ whole every time": all(r["site/ whole"] for r in results),
                "next build worked every time": all(r["next build works"] for r in results),
                "python": platform.python_version(),
                "runs": results,
            },
            indent=2,
        )
    )
    ok = all(r["site/ whole"] and r["next build works"] for r in results)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
