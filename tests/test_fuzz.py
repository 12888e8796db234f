"""Fuzzing: no file, however damaged, makes `handbook validate` fail other than by telling.

Hypothesis writes bytes of any value as a new practice, and the handbook's own practice
files damaged in the ways of tests/damage.py in their place, in a copy of the handbook, and
runs the validator as an editor does. For every input it must raise nothing, exit 0 (valid) or 1 (problems),
name a file of the tree and a line inside it in every problem, and finish (a watchdog
fails an input that hangs; how fast it finishes is measured by benchmarks/fuzz.py, not
asserted here). The examples are derandomised: every run tries the same inputs, so a red
run can be run again. Hypothesis prints the input that failed, shrunk.
"""

from __future__ import annotations

import contextlib
import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from benchmarks import fuzz

from . import damage
from .helpers.projects import PROJECT, copy_of_project

EXAMPLES = 200  # per property, in the test command; benchmarks/fuzz.py runs 10,000
HANG = 30  # seconds: no input takes near this; the benchmark's target is 2 s
FUZZED = "fuzzed.md"

fuzzing = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,  # no timing in tests: the watchdog catches a hang
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    return copy_of_project(tmp_path_factory.mktemp("fuzz") / "handbook")


@contextlib.contextmanager
def watchdog(seconds: int):
    def hung(signum, frame):
        raise AssertionError(f"the validator did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def assert_told_well(tree: Path, name: str, data: bytes) -> damage.Outcome:
    with watchdog(HANG):
        found = damage.outcome(tree, name, data)
    assert found.status in (0, 1), found.report
    assert found.status == (1 if found.problems else 0), found.report
    assert damage.misplaced(tree, name, found) == [], found.report
    return found


@fuzzing
@given(data=damage.any_bytes)
def test_any_bytes_as_a_practice_are_told_not_raised(tree: Path, data: bytes) -> None:
    assert_told_well(tree, FUZZED, data)


@fuzzing
@given(damaged=damage.damaged_practices())
def test_damaged_practice_files_are_told_not_raised(tree: Path, damaged) -> None:
    assert_told_well(tree, *damaged)


HARMLESS = {"Windows or old Mac line ends"}  # the reader takes every kind of line end


@pytest.mark.parametrize("kind", sorted(damage.DAMAGE))
def test_every_kind_of_damage_is_tried_and_judged(tree: Path, kind: str) -> None:
    """Each kind on its own: a harmless kind leaves every file valid, and some files
    each other kind damages are found invalid (else the fuzzing above would pass on
    inputs the damage left valid)."""
    verdicts: list[bool] = []

    @settings(max_examples=10, derandomize=True, database=None, deadline=None)
    @given(damaged=damage.damaged_practices(kinds=(kind,)))
    def one(damaged) -> None:
        verdicts.append(not assert_told_well(tree, *damaged).problems)

    one()
    if kind in HARMLESS:
        assert all(verdicts), f"a file with '{kind}' was found invalid"
    else:
        assert not all(verdicts), f"no file damaged by '{kind}' was found invalid"


def test_an_undamaged_copy_is_valid_so_every_problem_is_the_damages(tree: Path) -> None:
    for real in damage.REAL[:5]:
        assert damage.outcome(tree, real.name, real.read_bytes()).problems == []
    broken = damage.outcome(tree, damage.REAL[0].name, b"id: x\n")
    assert [p["path"] for p in broken.problems] == [f"practices/{damage.REAL[0].name}"]


# -- the longer session (benchmarks/fuzz.py) ------------------------------------------


def test_the_fuzzing_session_runs_and_reports_every_figure() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.fuzz", "--inputs", "30", "--baseline", "1"],
        capture_output=True,
        text=True,
        cwd=PROJECT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    figures = json.loads(done.stdout)
    assert figures["inputs"] == 30 and figures["of which bytes"] == 9
    assert figures["crashes"] == 0 and figures["first crashes"] == []
    for key in ("ms per input, median", "ms per input, slowest", "over 2.0 s"):
        assert key in figures


def test_the_session_counts_what_raises_and_what_exits_otherwise(tree: Path, monkeypatch) -> None:
    session = fuzz.Session(tree, limit=2.0)
    session.run("bytes", FUZZED, b"---\nid: x\n---\n")
    assert session.crashes == []

    def raising(root, name, data):
        raise RecursionError("deep")

    monkeypatch.setattr(damage, "outcome", raising)
    session.run("bytes", FUZZED, b"anything")
    monkeypatch.setattr(damage, "outcome", lambda root, name, data: damage.Outcome(2, [], "", data))
    session.run("damaged", FUZZED, b"anything")
    assert [c["why"].splitlines()[-1] for c in session.crashes] == [
        "RecursionError: deep",
        "exit status 2",
    ]
