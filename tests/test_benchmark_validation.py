"""benchmarks/validation.py runs and reports every figure (its timings are not asserted:
they are measured on demand and reported in BENCHMARKS.md)."""

from __future__ import annotations

import json

import pytest

from benchmarks import validation


@pytest.mark.slow
def test_the_validation_benchmark_reports_every_figure(tmp_path, capsys) -> None:
    figures = tmp_path / "figures.json"
    argv = ["--size", "20", "--runs", "1", "--work", str(tmp_path), "--json", str(figures)]
    assert validation.main(argv) == 0
    out = capsys.readouterr().out
    for _, label in validation.ROWS:
        if "--before" not in label:
            assert f"| {label} | " in out
    result = json.loads(figures.read_text())
    assert result["practices"] == 20 and result["same_report_cold_and_warm"]
    assert result["files_read_per_recheck"] == [1]
    assert all(figure["seconds"] > 0 for figure in result["figures"].values())
    assert not (tmp_path / "handbook-20" / ".handbook-cache" / "validate").exists()
