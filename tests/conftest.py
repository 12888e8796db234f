"""Shared fixtures: small corpora built in tmp_path from committed case folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
PROJECT = TESTS.parent
CASES = TESTS / "cases"


def make_corpus(target: Path, *overlays: Path) -> Path:
    """A content tree: the base mini corpus with each overlay folder copied over it."""
    shutil.copytree(CASES / "_base", target, dirs_exist_ok=True)
    for overlay in overlays:
        shutil.copytree(overlay, target, dirs_exist_ok=True)
    return target


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path / "handbook")
