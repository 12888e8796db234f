"""The content's history, from git: when each content file last changed, and the latest
changes of practices (added, changed, renamed), for the practice pages, the citations,
the feeds and the "What's new" page.

One `git log` per HEAD commit: :func:`read` runs ``git log -z -M --name-status --relative
-- practices recommendations`` in the project root, and a :class:`Reader` remembers the
result for that commit, so a `mkdocs serve` rebuild after a save (HEAD unchanged) asks
git only which commit HEAD is.
The dates are the commits' committer dates (seconds since 1970, UTC): the same commit
gives the same history on any machine, whatever its time zone or clock.

A rename is followed: the changes made to a practice under its old file name are its own,
and a file's "last change" is the newest commit that added, changed or renamed it. The
commits at the edge of a shallow clone list every file as added, and are left out: a file
changed only there has no known date. Outside git (no repository, git missing or failing,
a file never committed) a file has no date, and :attr:`History.available` is False;
nothing here raises.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from site_builder.core import project

FOLDERS = tuple(project.CONTENT)  # the content whose history is read
_STATUS = {"A": "added", "M": "changed", "T": "changed", "R": "renamed"}


@dataclass(frozen=True)
class Change:
    """One commit's change to one content file, named by its path today."""

    path: str  # e.g. "practices/ribes-nest-veneto.md"
    when: int  # the commit's time, seconds since 1970 (UTC)
    kind: str  # "added", "changed" or "renamed"
    previous: str | None = None  # a renamed file's path before the commit


@dataclass(frozen=True)
class History:
    """What git knows of the content: nothing, outside git."""

    available: bool = False
    last: dict[str, int] = field(default_factory=dict)  # path -> its last change's time
    changes: tuple[Change, ...] = ()  # newest first

    def changed(self, path: str) -> int | None:
        """When the file at `path` (as the records name it) last changed, or None."""
        return self.last.get(path)


class Reader:
    """read(root) that asks git for the log again only when HEAD has moved: the adapter
    keeps one across `mkdocs serve` rebuilds."""

    def __init__(self) -> None:
        self._last: tuple[tuple[str, str], History] | None = None

    def read(self, root: Path) -> History:
        head = _git(root, "rev-parse", "--verify", "-q", "HEAD")
        if head is None:
            return History()
        key = (str(root.resolve()), head.strip())
        if self._last is not None and self._last[0] == key:
            return self._last[1]
        found = read(root)
        if found.available:
            self._last = (key, found)
        return found


def read(root: Path) -> History:
    """The history of the content under `root`: git's log of it, parsed."""
    log = _git(
        root,
        "log",
        "-z",
        "-M",
        "--relative",
        "--name-status",
        "--format=%x01%H%x02%ct",
        "--",
        *FOLDERS,
    )
    if log is None:
        return History()
    return parse(log, _shallow_edges(root))


def parse(log: str, edges: frozenset[str] = frozenset()) -> History:
    """The history in the output of ``git log -z --name-status --format=%x01%H%x02%ct``
    (newest commit first); the commits named in `edges` (a shallow clone's) are left out."""
    current: dict[str, str | None] = {}  # a path in older commits -> its path today
    changes: list[Change] = []
    for record in log.split("\x01")[1:]:
        header, _, body = record.partition("\x00")
        commit, _, stamp = header.partition("\x02")
        if not stamp.strip().isdigit():
            continue
        when = int(stamp)
        entries = _entries(body)
        if commit in edges:
            continue
        renamed: dict[str, str | None] = {}
        for status, paths in entries:
            now = current.get(paths[-1], paths[-1])
            kind = _STATUS.get(status[:1])
            if now is not None and kind is not None:
                previous = paths[0] if kind == "renamed" else None
                changes.append(Change(now, when, kind, previous))
            if status[:1] in "AR":  # before this commit, no file of that name was it
                renamed[paths[-1]] = None
            if status[:1] == "R":
                renamed[paths[0]] = now
            if status[:1] == "D":  # before this commit, that file was another, deleted
                renamed[paths[0]] = None
        current.update(renamed)
    changes.sort(key=lambda c: -c.when)  # stable: git's order among commits of one time
    last: dict[str, int] = {}
    for change in changes:
        last.setdefault(change.path, change.when)
    return History(True, last, tuple(changes))


def _entries(body: str) -> list[tuple[str, tuple[str, ...]]]:
    """(status, paths) of one commit's --name-status -z list: R and C name two paths."""
    tokens = body.lstrip("\n").split("\x00")
    entries = []
    i = 0
    while i < len(tokens):
        status = tokens[i].strip()
        if not status:
            i += 1
            continue
        count = 2 if status[:1] in "RC" else 1
        paths = tuple(tokens[i + 1 : i + 1 + count])
        if len(paths) == count and all(paths):
            entries.append((status, paths))
        i += 1 + count
    return entries


def _shallow_edges(root: Path) -> frozenset[str]:
    """The commits at the edge of a shallow clone (none in a full one)."""
    path = _git(root, "rev-parse", "--git-path", "shallow")
    if path is None:
        return frozenset()
    shallow = Path(root, path.strip())
    try:
        return frozenset(shallow.read_text(encoding="ascii").split())
    except (OSError, ValueError):
        return frozenset()


def _git(root: Path, *args: str) -> str | None:
    """git's output, or None where there is no git, no repository or an error."""
    try:
        done = subprocess.run(
            ["git", "-c", "log.showSignature=false", *args],
            cwd=root,
            capture_output=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", errors="surrogateescape")


def iso(when: int) -> str:
    """A time as RFC 3339 in UTC: 2026-03-04T10:15:00Z (Atom's and JSON-LD's dates)."""
    t = datetime.fromtimestamp(when, UTC)
    return f"{t.year:04}-{t.month:02}-{t.day:02}T{t.hour:02}:{t.minute:02}:{t.second:02}Z"


def day(when: int) -> str:
    """The UTC day of a time: 2026-03-04."""
    t = datetime.fromtimestamp(when, UTC)
    return f"{t.year:04}-{t.month:02}-{t.day:02}"


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def spoken(when: int) -> str:
    """The UTC day as readers read it: 4 March 2026 (in English whatever the locale)."""
    moment = datetime.fromtimestamp(when, UTC)
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"
