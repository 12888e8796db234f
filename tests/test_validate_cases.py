"""Every bad input an editor may write, with the exact messages `handbook validate` prints.

Each folder in tests/cases/ holds `input/` (files laid over the base mini corpus)
and `expected.txt` (the report lines, without the closing summary line).
An empty expected.txt means the input is valid.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.cli.main import main

from .helpers.projects import CASE_NAMES, CASES, make_corpus


def run_validate(root: Path, capsys, *args: str) -> tuple[int, list[str]]:
    status = main(["--root", str(root), "validate", *args])
    lines = capsys.readouterr().out.splitlines()
    return status, lines


@pytest.mark.parametrize("name", CASE_NAMES)
def test_case(name: str, tmp_path: Path, capsys) -> None:
    root = make_corpus(tmp_path / name, CASES / name / "input")
    status, lines = run_validate(root, capsys)
    expected = (CASES / name / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert lines[:-1] == expected
    assert status == (1 if expected else 0)


def test_there_are_at_least_thirty_bad_input_cases() -> None:
    bad = [n for n in CASE_NAMES if (CASES / n / "expected.txt").read_text().strip()]
    assert len(bad) >= 30
