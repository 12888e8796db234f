"""The pre-commit hook other repositories of practices use, and this repository's hooks.

pre-commit itself is not needed: the tests run each hook's entry the way pre-commit
does, with the matching file names appended.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .helpers.projects import PROJECT

BIN = Path(sys.executable).parent  # where this test run's `handbook` is
HOOKS = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
CONFIG = yaml.safe_load((PROJECT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))


def published() -> dict:
    (hook,) = [h for h in HOOKS if h["id"] == "handbook-validate"]
    return hook


def local(hook_id: str) -> dict:
    (repo,) = CONFIG["repos"]
    assert repo["repo"] == "local"
    (hook,) = [h for h in repo["hooks"] if h["id"] == hook_id]
    return hook


def run_entry(entry: str, files: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """As pre-commit runs a hook: the entry split like a shell would, then the files."""
    env = {"PATH": f"{BIN}:/usr/bin:/bin", "LANG": "C.UTF-8"}
    return subprocess.run(
        [*shlex.split(entry), *files], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def test_published_hook_is_what_other_repositories_install() -> None:
    hook = published()
    assert hook["entry"] == "handbook validate"
    assert hook["language"] == "python"  # pre-commit installs this package for it
    assert hook["pass_filenames"] is True
    assert hook["require_serial"] is True  # one run sees every file: duplicate ids


@pytest.mark.parametrize(
    "path, checked",
    [
        ("practices/ribes-nest-veneto.md", True),
        ("recommendations/monitoring-evaluation.md", True),
        ("docs/index.md", False),
        ("practices/notes.txt", False),
        ("tests/cases/_base/practices/ribes-nest-veneto.md", False),
    ],
)
def test_hook_checks_only_content_files(path: str, checked: bool) -> None:
    assert bool(re.search(published()["files"], path)) is checked


def test_published_hook_rejects_a_bad_file_and_names_the_line(corpus: Path) -> None:
    practice = corpus / "practices" / "ribes-nest-veneto.md"
    practice.write_text(practice.read_text().replace("country: IT", "country: XZ"))
    done = run_entry(published()["entry"], ["practices/ribes-nest-veneto.md"], corpus)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "practices/ribes-nest-veneto.md:5:10: error: `XZ` is not an ISO 3166-1 country code "
        "(use the two-letter code, such as IT for Italy or NO for Norway)",
        "1 error(s) in 1 of 1 file(s)",
    ]


def test_published_hook_accepts_good_files(corpus: Path) -> None:
    done = run_entry(
        published()["entry"],
        ["practices/ribes-nest-veneto.md", "recommendations/monitoring-evaluation.md"],
        corpus,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == "2 file(s) checked: all valid\n"


def test_this_repository_runs_the_same_hook_from_its_venv() -> None:
    hook, mine = published(), local("handbook-validate")
    program, *arguments = shlex.split(mine["entry"])
    assert program == ".venv/bin/handbook"  # where `python3 dev.py build` installs it
    assert arguments == shlex.split(hook["entry"])[1:]
    for key in ("files", "pass_filenames", "require_serial"):
        assert mine[key] == hook[key], key


def test_this_repository_needs_no_network_for_its_hooks() -> None:
    assert [r["repo"] for r in CONFIG["repos"]] == ["local"]
    assert {h["language"] for h in CONFIG["repos"][0]["hooks"]} <= {"system", "pygrep"}


def test_check_yaml_hook_rejects_broken_yaml(tmp_path: Path) -> None:
    hook = local("check-yaml")
    good, bad = tmp_path / "good.yml", tmp_path / "bad.yaml"
    good.write_text("name: Pull request\non:\n  pull_request:\n")
    bad.write_text("name: Pull request\non:\n  pull_request:\n bad indent: [\n")
    assert re.search(hook["files"], good.name) and re.search(hook["files"], bad.name)
    entry = hook["entry"].replace(".venv/bin/python", sys.executable)
    assert run_entry(entry, [str(good)], PROJECT).returncode == 0
    done = run_entry(entry, [str(good), str(bad)], PROJECT)
    assert done.returncode == 1 and str(bad) in done.stderr


@pytest.mark.parametrize(
    "hook_id, check", [("ruff", ("check",)), ("ruff-format", ("format", "--check"))]
)
def test_ruff_runs_before_each_commit_as_the_test_command_runs_it(hook_id, check) -> None:
    import dev

    program, *arguments = shlex.split(local(hook_id)["entry"])
    assert program == ".venv/bin/ruff"
    assert tuple(arguments[: len(check)]) == check
    assert any(tuple(c[1 : 1 + len(check)]) == check for c in dev.STATIC_CHECKS if c[0] == "ruff")


def test_a_lint_finding_fails_the_ruff_hook(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import os\n", encoding="utf-8")
    program, *arguments = shlex.split(local("ruff")["entry"])
    done = subprocess.run(
        [str(PROJECT / program), *arguments, "--isolated", str(bad)],
        capture_output=True,
        text=True,
        cwd=PROJECT,
    )
    assert done.returncode == 1
    assert "F401" in done.stdout
