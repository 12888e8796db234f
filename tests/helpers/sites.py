"""The variants of a handbook that tests/conftest.py builds once per session: what each
changes, so that the tests reading a variant can say what they expect of it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

from .projects import (
    CASES,
    PROJECT,
    add_practice,
    copy_of_project,
    make_project,
    without_downloads,
)

# -- the real handbook, edited (the map's, the matrix's, the export's and the print tests) --

# A copy of the real handbook, without its PDF and ZIP, in which one practice is in Malta
# (a country too small to find on the map without its marker), one practice's title and
# another's organisation start with what a spreadsheet runs as a formula (issue 16), and a
# third practice's title carries markup (the print view's tests, issue 15).
TINY = ("green-hydrogen-valley", "MT")  # this practice moves to Malta
FORMULA_TITLE = '=HYPERLINK("http://evil.example/","click")'
FORMULA_ORGANISATION = "@SUM(1+1)"
FORMULA_IDS = ("ribes-nest-veneto", "access-north-american-market")  # title, organisation
MARKUP_TITLE = "0 <img src=x onerror=\"window.pwned=1\"> & 'quoted' São"
MARKUP_ID = "piedmont-regional-innovation-cluster-system"  # in Italy, as the print tests want


def _set(path: Path, key: str, value: str) -> None:
    text = path.read_text("utf-8")
    line = f"{key}: {value}"
    changed = re.sub(rf"^{key}: .*$", lambda _: line, text, count=1, flags=re.M)
    assert changed != text, f"{path.name} has no {key} to change"
    path.write_text(changed, "utf-8")


def edited_handbook(target: Path) -> Path:
    """The real handbook's project, edited as above, in target/handbook."""
    project = copy_of_project(target / "handbook")
    practices = project / "practices"
    _set(practices / f"{TINY[0]}.md", "country", TINY[1])
    _set(practices / f"{FORMULA_IDS[0]}.md", "title", json.dumps(FORMULA_TITLE))
    _set(practices / f"{FORMULA_IDS[1]}.md", "organisation", json.dumps(FORMULA_ORGANISATION))
    _set(practices / f"{MARKUP_ID}.md", "title", json.dumps(MARKUP_TITLE))
    return without_downloads(project)


def practices_of(site: Path) -> list[dict]:
    return json.loads((site / "data/practices.json").read_text("utf-8"))["practices"]


# -- the mini handbook: three practices, one of them renamed ---------------------------------

OLD_IDS = ("ribes-nest", "ribes-veneto")  # the ids the base corpus's practice had before


def renamed(project: Path) -> Path:
    """The base practice, renamed: its `former_ids` are OLD_IDS."""
    path = project / "practices/ribes-nest-veneto.md"
    text = path.read_text(encoding="utf-8")
    assert 'source_section: "3.1.1"\n' in text
    path.write_text(
        text.replace(
            'source_section: "3.1.1"\n',
            f'source_section: "3.1.1"\nformer_ids: [{", ".join(OLD_IDS)}]\n',
        ),
        encoding="utf-8",
    )
    return project


def mini_handbook(target: Path) -> Path:
    """The mini project with three practices (in Italy, Austria and Poland), the first
    renamed: the mini-site's, the redirects' and the public URLs' tests read its site."""
    project = make_project(target)
    add_practice(
        project,
        "water-cluster-graz",
        {
            "Regional Innovative Network of Veneto": "Alpine Water Cluster",
            "country: IT": "country: AT",
            "ecosystems: [health]": "ecosystems: [health, digital]",
        },
    )
    add_practice(
        project,
        "agri-hub-lodz",
        {
            "Regional Innovative Network of Veneto": "Agri Hub",
            "country: IT": "country: PL",
            "ecosystems: [health]": "ecosystems: [agri-food]",
            "helix: [industry, academia, government]": "helix: [civil-society]",
        },
    )
    return renamed(project)


def published(project: Path) -> Path:
    """The project as the publish workflow builds it: mkdocs.yml takes its address and its
    repository from HANDBOOK_SITE_URL and HANDBOOK_REPOSITORY."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "extra:\n  handbook:\n" in text
    text = text.replace(
        "extra:\n  handbook:\n", "extra:\n  handbook:\n    repository: !ENV HANDBOOK_REPOSITORY\n"
    )
    config.write_text(text + "site_url: !ENV HANDBOOK_SITE_URL\n", encoding="utf-8")
    return project


PUBLISHED = {
    "HANDBOOK_SITE_URL": "https://example.org/handbook/",
    "HANDBOOK_REPOSITORY": "https://github.com/example/handbook",
    "SOURCE_DATE_EPOCH": "1700000000",  # 2023-11-14 22:13:20 UTC
}


# -- the mini handbook's history: four commits at fixed dates --------------------------------

FIRST = "2024-01-15T09:00:00Z"  # the handbook, with ribes-nest-veneto
ADDED = "2024-03-01T12:00:00Z"  # water-cluster-graz added
CHANGED = "2024-06-10T23:30:00Z"  # ribes-nest-veneto changed: late in the UTC day
RENAMED = "2024-07-01T10:00:00Z"  # water-cluster-graz renamed alpine-water-graz
LATE_ZONE = "Pacific/Kiritimati"  # UTC+14: CHANGED is 11 June there, 10 June in UTC
SITE = "https://handbook.example.org/"  # where the history corpus is published


def git(repo: Path, *args: str, when: str | None = None) -> str:
    """git in `repo` as a fixed user, without the machine's configuration."""
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
    }
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    done = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def commit(repo: Path, message: str, when: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when)


def committed_project(target: Path) -> Path:
    """The mini handbook in a git repository of four commits at fixed dates."""
    project = make_project(target)
    git(project, "init", "-q", "-b", "main")
    (project / ".gitignore").write_text("site/\n.handbook-cache/\n.handbook-*\n")
    commit(project, "The handbook", FIRST)
    add_practice(
        project,
        "water-cluster-graz",
        {
            "Regional Innovative Network of Veneto": "Alpine Water Cluster",
            "country: IT": "country: AT",
        },
    )
    commit(project, "Add the Alpine Water Cluster", ADDED)
    ribes = project / "practices/ribes-nest-veneto.md"
    ribes.write_text(ribes.read_text().replace("region: Veneto", "region: Veneto and Friuli"))
    commit(project, "</li><script>alert(1)</script> a hostile commit message", CHANGED)
    git(project, "mv", "practices/water-cluster-graz.md", "practices/alpine-water-graz.md")
    moved = project / "practices/alpine-water-graz.md"
    moved.write_text(moved.read_text().replace("water-cluster-graz", "alpine-water-graz"))
    commit(project, "Rename the Alpine Water Cluster", RENAMED)
    return project


def at(stamp: str) -> int:
    return int(datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp())


# -- another handbook, with vocabularies of its own ------------------------------------------


def other_handbook(target: Path) -> Path:
    """tests/cases/_other_handbook: three sectors, two partner kinds, two cluster roles."""
    shutil.copytree(CASES / "_other_handbook", target)
    shutil.copytree(PROJECT / "hooks", target / "hooks")
    (target / "docs").mkdir(exist_ok=True)
    return target


# -- a synthetic handbook of four pages of All practices ------------------------------------

LIGHT_SIZE = 170  # four pages of the list, the last one short
MARKUP_ORGANISATION = "<b>Bold</b> & Co @@title@@"  # a mark in a value is only text


def light_handbook(target: Path) -> Path:
    """LIGHT_SIZE synthetic practices, the first with markup in its title and organisation;
    with the offline zip, without the PDF."""
    from benchmarks import corpus

    project = corpus.generate(LIGHT_SIZE, target).handbook
    source = sorted((project / "practices").glob("*.md"))[0]
    for key, value in (("title", MARKUP_TITLE), ("organisation", MARKUP_ORGANISATION)):
        _set(source, key, json.dumps(value))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("pdf: true", "pdf: false"), "utf-8")
    return project
