"""A long fuzzing session of `handbook validate`: how many inputs crash it, how many are slow.

The inputs are those of tests/test_fuzz.py (tests/damage.py), in the proportion --bytes of
bytes of any value and the rest real practice files damaged, drawn by Hypothesis from
--seed; each is written into a copy of the handbook and validated in this process as
`handbook validate --format json` runs. An input *crashes* the validator when it raises,
exits with another status than 0 or 1, or reports a problem that names no file and line
of the tree; it is *slow* when its validation takes more than --limit seconds (the
issue's target: 10,000 inputs, 0 crashes, 0 over 2 s). The baseline, in the same run:
every undamaged practice file validated the same way, --baseline times.

    .venv/bin/python -m benchmarks.fuzz --inputs 10000 --seed 1

Prints one JSON object: the counts, the time per input (median, 99th percentile, the
slowest, and the baseline's median), the first crashes' inputs (as hex) and reports, and
each slow input timed once more (a shared machine's noise is not the input's cost), with
--keep a folder to write the slow inputs to.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

from tests import damage
from tests.helpers.projects import copy_of_project

FUZZED = "fuzzed.md"


class Session:
    def __init__(self, tree: Path, limit: float, keep: Path | None = None) -> None:
        self.tree, self.limit, self.keep = tree, limit, keep  # keep: slow inputs go there
        self.seconds: dict[str, list[float]] = {"bytes": [], "damaged": [], "baseline": []}
        self.crashes: list[dict] = []
        self.slow: list[dict] = []

    def run(self, kind: str, name: str, data: bytes) -> None:
        start = time.perf_counter()
        try:
            found = damage.outcome(self.tree, name, data)
            wrong = (f"exit status {found.status}" if found.status not in (0, 1) else None) or (
                f"problems without a file and line: {damage.misplaced(self.tree, name, found)}"
                if damage.misplaced(self.tree, name, found)
                else None
            )
        except Exception:  # what the session counts: the validator raised
            wrong = traceback.format_exc(limit=-3)
        elapsed = time.perf_counter() - start
        self.seconds[kind].append(elapsed)
        if wrong:
            self.crashes.append(
                {"kind": kind, "file": name, "input": data[:512].hex(), "why": wrong}
            )
        if elapsed > self.limit and kind != "baseline":
            again = time.perf_counter()  # the machine's noise, or the input's own cost?
            damage.outcome(self.tree, name, data)
            self.slow.append(
                {
                    "kind": kind,
                    "file": name,
                    "seconds": round(elapsed, 3),
                    "seconds again": round(time.perf_counter() - again, 3),
                    "bytes": len(data),
                    "sha256": hashlib.sha256(data).hexdigest(),
                }
            )
            if self.keep is not None:
                self.keep.mkdir(parents=True, exist_ok=True)
                (self.keep / f"{hashlib.sha256(data).hexdigest()[:16]}-{name}").write_bytes(data)


def fuzz(session: Session, inputs: int, share_of_bytes: float, seed_value: int) -> None:
    """`inputs` inputs: that share of bytes of any value, the rest damaged files."""
    count = round(inputs * share_of_bytes)
    any_bytes = damage.any_bytes.map(lambda data: ("bytes", FUZZED, data))
    damaged = damage.damaged_practices().map(lambda named: ("damaged", *named))
    for strategy, examples in ((any_bytes, count), (damaged, inputs - count)):
        if not examples:
            continue

        @seed(seed_value)
        @settings(
            max_examples=examples,
            database=None,
            deadline=None,
            phases=[Phase.generate],  # no shrinking: every input counts once
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategy)
        def one(case: tuple[str, str, bytes]) -> None:
            session.run(*case)

        one()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bytes", type=float, default=0.3, help="share of any-bytes inputs")
    parser.add_argument("--limit", type=float, default=2.0, help="seconds: slower is slow")
    parser.add_argument("--baseline", type=int, default=3, help="rounds of undamaged files")
    parser.add_argument("--keep", type=Path, help="a folder to write the slow inputs to")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="handbook-fuzz-"))
    try:
        tree = copy_of_project(work / "handbook")
        session = Session(tree, args.limit, args.keep)
        for _ in range(args.baseline):
            for real in damage.REAL:
                session.run("baseline", real.name, real.read_bytes())
        started = time.perf_counter()
        fuzz(session, args.inputs, args.bytes, args.seed)
        wall = time.perf_counter() - started
    finally:
        shutil.rmtree(work, ignore_errors=True)
    fuzzed = session.seconds["bytes"] + session.seconds["damaged"]
    ms = lambda xs: round(1000 * xs, 1)  # noqa: E731
    print(
        json.dumps(
            {
                "inputs": len(fuzzed),
                "of which bytes": len(session.seconds["bytes"]),
                "of which damaged files": len(session.seconds["damaged"]),
                "seed": args.seed,
                "crashes": len(session.crashes),
                f"over {args.limit} s": len(session.slow),
                f"over {args.limit} s when timed again": sum(
                    s["seconds again"] > args.limit for s in session.slow
                ),
                "load average at the end": os.getloadavg(),
                "ms per input, median": ms(statistics.median(fuzzed)),
                "ms per input, 99th percentile": ms(statistics.quantiles(fuzzed, n=100)[98]),
                "ms per input, slowest": ms(max(fuzzed)),
                "ms per undamaged file (baseline), median": ms(
                    statistics.median(session.seconds["baseline"])
                ),
                "session seconds": round(wall, 1),
                "python": platform.python_version(),
                "first crashes": session.crashes[:5],
                "slow": session.slow[:10],
            },
            indent=2,
        )
    )
    return 1 if session.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
