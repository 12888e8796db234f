"""The handbooks the tests build: the mini corpus of tests/cases/_base, small projects made
from it, copies of the real handbook; their `mkdocs build`, and reading what it made."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

from site_builder.content import vocab_file
from site_builder.core import vocab

TESTS = Path(__file__).resolve().parent.parent
PROJECT = TESTS.parent
CASES = TESTS / "cases"
VOCABULARIES = vocab_file.load(PROJECT)  # the real handbook's, from schema/vocabularies.yml
BASE_PRACTICE = "ribes-nest-veneto"  # the mini corpus's one practice
# the cases of bad input, each a folder of tests/cases with what `handbook validate` says
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if not p.name.startswith("_"))


def load_dev():
    """dev.py as a module: its functions say how it locks and installs, without running it."""
    spec = importlib.util.spec_from_file_location("dev", PROJECT / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_corpus(target: Path, *overlays: Path) -> Path:
    """A content tree: the base mini corpus with each overlay folder copied over it."""
    shutil.copytree(CASES / "_base", target, dirs_exist_ok=True)
    (target / "schema").mkdir(exist_ok=True)
    shutil.copy2(PROJECT / vocab.FILE, target / vocab.FILE)
    for overlay in overlays:
        shutil.copytree(overlay, target, dirs_exist_ok=True)
    return target


def make_project(target: Path, *overlays: Path) -> Path:
    """A handbook project: the base corpus, the mini-site config, our hooks and schema."""
    make_corpus(target, CASES / "_site", *overlays)
    shutil.copytree(PROJECT / "hooks", target / "hooks", dirs_exist_ok=True)
    shutil.copytree(PROJECT / "schema", target / "schema", dirs_exist_ok=True)
    (target / "docs").mkdir(exist_ok=True)
    return target


def copy_of_project(target: Path) -> Path:
    """The repository's handbook (content, docs, configuration, hooks) copied to `target`,
    without its builds, caches, tests, test tools (.tools) and benchmarks."""
    shutil.copytree(
        PROJECT,
        target,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            ".tools",
            "site",
            ".site-*",
            ".handbook-cache",
            "tests",
            "benchmarks",
            "*.pyc",
        ),
    )
    return target


def content_copy(project: Path, target: Path) -> Path:
    """What `handbook search` reads of a handbook, and nothing else (no hooks/)."""
    for name in ("practices", "recommendations", "docs", "schema"):
        shutil.copytree(project / name, target / name)
    for name in ("sources.yml", "mkdocs.yml"):
        shutil.copy2(project / name, target / name)
    return target


def without_downloads(project: Path) -> Path:
    """The project's mkdocs.yml with the PDF and the offline ZIP switched off."""
    config = project / "mkdocs.yml"
    settings = config.read_text("utf-8")
    settings = settings.replace("pdf: true", "pdf: false").replace(
        "offline_zip: true", "offline_zip: false"
    )
    config.write_text(settings, "utf-8")
    return project


def add_practice(root: Path, practice_id: str, changes: dict[str, str] | None = None) -> Path:
    """A copy of the base practice under another id, each `old: new` of `changes` replaced
    (each must be in the text: a change that changes nothing is a mistake of the test)."""
    text = (root / f"practices/{BASE_PRACTICE}.md").read_text(encoding="utf-8")
    text = text.replace(f"id: {BASE_PRACTICE}", f"id: {practice_id}")
    for old, new in (changes or {}).items():
        assert old in text, old
        text = text.replace(old, new)
    path = root / f"practices/{practice_id}.md"
    path.write_text(text, encoding="utf-8")
    return path


def build_site(project: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    """`mkdocs build` of a project folder into `out`, as the README's command runs it."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(out),
            *extra,
        ],
        capture_output=True,
        text=True,
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def built(project: Path, out: Path | None = None, *extra: str) -> Path:
    """The site of `project`, built into `out` (its site/ by default); fails on any error."""
    out = out or project / "site"
    done = build_site(project, out, *extra)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def digest(folder: Path) -> dict[str, str]:
    """Each file of `folder` by its path: its SHA-256."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")
