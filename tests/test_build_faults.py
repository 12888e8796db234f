"""Faults in building: whatever stops a build, the published site/ is as it was.

- a build killed with SIGKILL at any moment (here at six moments spread over one
  build; benchmarks/kill_build.py tries ten) leaves site/ byte for byte as it was (or,
  killed once the new site was in place, the new one whole), and the next build works
  and leaves no staging folder behind;
- an output folder on a full disk, or read-only, gives a clear error without a
  traceback, and site/ stays (a small tmpfs is mounted for each: it needs root, which
  the README's test command runs as; elsewhere those two tests say why they skip);
- a practice file that is a symbolic link out of the handbook's folder is refused by
  name, file and line (a link inside it is read);
- two builds started at once do not corrupt site/: the second waits for the first;
- the site is put in place by one exchange of names, so no moment has it missing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_builder.build import site_swap
from site_builder.cli.main import main as handbook

from .helpers.projects import add_practice, build_site, digest, make_project

pytestmark = pytest.mark.slow
STAGING = ".site-staging"


@pytest.fixture
def project(base_site: Path, tmp_path: Path) -> Path:
    """The mini project with its site/ as a build left it (a copy of the session's)."""
    return shutil.copytree(base_site.parent, tmp_path / "handbook", symlinks=True)


def start_build(project: Path, site: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own group: the kill takes its workers too
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def timed_build(project: Path, site: Path) -> float:
    started = time.monotonic()
    done = build_site(project, site)
    assert done.returncode == 0, done.stderr
    return time.monotonic() - started


# -- killed -------------------------------------------------------------------------


MOMENTS = [0.05, 0.25, 0.45, 0.65, 0.85, 1.0]  # of one whole build's time


def test_a_build_killed_at_any_moment_leaves_the_site_whole_and_the_next_build_works(
    project: Path,
) -> None:
    """At each moment, one build of a changed handbook is killed: site/ must then be
    the last site, or the new one whole (the kill came after it was in place), never a
    mix; the next build works, and no staging folder or site.old is left."""
    site = project / "site"
    whole = timed_build(project, site)
    for number, moment in enumerate(MOMENTS):
        before = digest(site)
        add_practice(project, f"added-{number}", {"country: IT": "country: PL"})
        build = start_build(project, site)
        time.sleep(whole * moment)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(build.pid, signal.SIGKILL)
        build.communicate()
        killed = digest(site)
        again = build_site(project, site)
        assert again.returncode == 0, again.stderr
        assert f"practices/added-{number}.html" in digest(site)
        assert killed in (before, digest(site)), f"a mixed site after a kill at {moment}"
        assert not (project / STAGING).exists()
        assert not (project / "site.old").exists()


def test_a_build_stopped_between_the_two_renames_of_the_fallback_gets_its_site_back(
    project: Path, monkeypatch
) -> None:
    """Where the names cannot be exchanged in one call, site/ is renamed to site.old
    first; a build killed right then finds site.old, and the next one puts it back."""
    site = project / "site"
    before = digest(site)
    site.rename(project / "site.old")  # where the kill left it
    monkeypatch.setattr(site_swap, "exchange", lambda a, b: False)
    site_swap.recover(site)
    assert digest(site) == before and not (project / "site.old").exists()
    staging = project / STAGING
    staging.mkdir()
    (staging / "index.html").write_text("new")
    site_swap.put_in_place(staging, site)
    assert sorted(digest(site)) == ["index.html"] and (site / "index.html").read_text() == "new"
    assert not staging.exists() and not (project / "site.old").exists()


def test_the_site_is_put_in_place_by_exchanging_the_two_names(tmp_path: Path) -> None:
    final, staging = tmp_path / "site", tmp_path / STAGING
    final.mkdir()
    (final / "index.html").write_text("old")
    staging.mkdir()
    (staging / "index.html").write_text("new")
    assert site_swap.exchange(staging, final)  # Linux: renameat2(RENAME_EXCHANGE)
    assert (final / "index.html").read_text() == "new"
    assert (staging / "index.html").read_text() == "old"


# -- full or read-only ----------------------------------------------------------------


@contextlib.contextmanager
def small_disk(folder: Path, megabytes: int):
    folder.mkdir(parents=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"a small disk needs a tmpfs mount (root): {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path, leave: int) -> Path:
    """All of the disk under `folder` but `leave` bytes, taken by one file."""
    stats = os.statvfs(folder)
    free = stats.f_bavail * stats.f_frsize
    filler = folder / "filler"
    with open(filler, "wb") as out:
        out.truncate(0)
        chunk = b"\0" * (1 << 20)
        remaining = max(0, free - leave)
        while remaining > 0:
            remaining -= out.write(chunk[: min(len(chunk), remaining)])
    return filler


def test_a_full_disk_is_told_clearly_and_the_site_stays(project: Path, tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", 64) as disk:
        site = shutil.copytree(project / "site", disk / "site")  # as the last build left it
        before = digest(site)
        add_practice(project, "agri-hub-lodz", {"country: IT": "country: PL"})
        filler = fill(disk, leave=256 * 1024)
        failed = build_site(project, site)
        assert failed.returncode == 1
        assert "the site cannot be written to" in failed.stderr
        assert "No space left on device" in failed.stderr
        assert f"Nothing was published: {site} is as it was" in failed.stderr
        assert "Traceback" not in failed.stderr
        assert digest(site) == before
        assert not (disk / STAGING).exists()
        filler.unlink()
        assert build_site(project, site).returncode == 0
        assert "practices/agri-hub-lodz.html" in digest(site)


def test_a_read_only_output_folder_is_told_clearly_and_the_site_stays(
    project: Path, tmp_path: Path
) -> None:
    with small_disk(tmp_path / "disk", 64) as disk:
        site = shutil.copytree(project / "site", disk / "site")  # as the last build left it
        before = digest(site)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        failed = build_site(project, site)
        assert failed.returncode == 1
        assert "the site cannot be written to" in failed.stderr
        assert "Read-only file system" in failed.stderr
        assert "Traceback" not in failed.stderr
        assert digest(site) == before


# -- a link out of the handbook -------------------------------------------------------


def test_a_practice_that_links_out_of_the_handbook_is_refused(
    project: Path, tmp_path: Path, capsys
) -> None:
    outside = tmp_path / "elsewhere.md"
    outside.write_text((project / "practices/ribes-nest-veneto.md").read_text())
    (project / "practices/elsewhere.md").symlink_to(outside)
    inside = project / "drafts" / "inner.md"
    inside.parent.mkdir()
    add_practice(project, "inner")
    (project / "practices/inner.md").rename(inside)
    (project / "practices/inner.md").symlink_to(Path("..") / "drafts" / "inner.md")
    status = handbook(["--root", str(project), "validate"])
    lines = capsys.readouterr().out.splitlines()
    assert status == 1
    assert lines[:-1] == [
        f"practices/elsewhere.md:1:1: error: the file is a symbolic link to {outside}, "
        "outside the handbook's folder (put the text itself in this file: links out of "
        "the handbook are not read)"
    ]
    failed = build_site(project, project / "site")
    assert failed.returncode == 1 and "practices/elsewhere.md:1:1" in failed.stderr


# -- two at once ----------------------------------------------------------------------


def test_two_builds_started_at_once_take_turns_and_the_site_is_whole(
    project: Path, monkeypatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the two projects, one date
    site = project / "site"
    add_practice(project, "agri-hub-lodz", {"country: IT": "country: PL"})
    first, second = start_build(project, site), start_build(project, site)
    outputs = [build.communicate() for build in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    logs = "".join(err for _, err in outputs)
    assert "another build of this handbook is running" in logs
    alone = make_project(project.parent / "alone")
    add_practice(alone, "agri-hub-lodz", {"country: IT": "country: PL"})
    assert build_site(alone, alone / "site").returncode == 0
    assert digest(site) == digest(alone / "site")
    assert not (project / STAGING).exists()
