"""Which generated pages of the previous build can be kept as they were written.

MkDocs renders every page of every build; at 5,000 practices that is most of a
rebuild, though a save changes a handful of pages. A page's output is kept when it
would come out the same:

- its *page key* is the same (pages.Planned.key: the digest of what the page is made
  from, computed without rendering it);
- the *site key* is the same: the digest of what MkDocs puts around every page (the
  configuration, the theme's templates, the navigation's titles, the problems banner,
  the code and library versions; the adapter computes it);
- the previous output is still there as it was written: the same size and
  modification time as recorded when it was built.

A :class:`Manifest` records, after a build, each generated page's output path with its
key, size and time. `mkdocs serve` keeps it in memory; `mkdocs build` writes it to
``.handbook-cache/pages.json`` and keeps pages from the previous site/ folder. A missing,
unreadable or foreign manifest keeps nothing: the build renders every page, as without it.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.core import atomic
from site_builder.core.project import KEPT_PAGES

FORMAT = "handbook-kept/1"
FILE = KEPT_PAGES  # under the project root


@dataclass(frozen=True)
class Manifest:
    site: str  # the site key the pages were built under
    pages: Mapping[str, tuple[str, int, int]] = field(default_factory=dict)
    # output path (relative, "/"-separated) -> (page key, size, mtime_ns)

    def keepable(self, site: str, keys: Mapping[str, str], folder: Path) -> set[str]:
        """The output paths among `keys` (output path -> page key) whose output in
        `folder` is as this manifest recorded it, built from the same keys."""
        if site != self.site:
            return set()
        kept = set()
        for path, key in keys.items():
            entry = self.pages.get(path)
            if entry is None or entry[0] != key:
                continue
            try:
                stat = os.stat(folder / path)
            except OSError:
                continue
            if (stat.st_size, stat.st_mtime_ns) == (entry[1], entry[2]):
                kept.add(path)
        return kept

    # -- on disk -------------------------------------------------------------------
    def write(self, path: Path) -> None:
        data = {"format": FORMAT, "site": self.site, "pages": self.pages}
        with suppress(OSError):  # a read-only disk: the next build renders every page
            atomic.write_text(path, json.dumps(data, sort_keys=True))

    @classmethod
    def read(cls, path: Path) -> Manifest | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data["format"] != FORMAT or not isinstance(data["site"], str):
                return None
            pages = {
                str(dest): (str(key), int(size), int(mtime))
                for dest, (key, size, mtime) in data["pages"].items()
            }
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return cls(data["site"], pages)


def record(site: str, keys: Mapping[str, str], folder: Path) -> Manifest:
    """The manifest of a finished build: each output in `folder` with its key."""
    pages = {}
    for path, key in keys.items():
        with suppress(OSError):
            stat = os.stat(folder / path)
            pages[path] = (key, stat.st_size, stat.st_mtime_ns)
    return Manifest(site, pages)


def carry(paths: Iterable[str], source: Path, target: Path, *, move: bool) -> None:
    """Put the kept outputs from `source` into `target`: moved (the serve's own folder)
    or hard-linked, or copied where a link cannot be made (from the previous site/)."""
    made: set[Path] = set()
    for path in paths:
        old, new = source / path, target / path
        if new.parent not in made:
            new.parent.mkdir(parents=True, exist_ok=True)
            made.add(new.parent)
        if move:
            os.replace(old, new)
            continue
        try:
            os.link(old, new)
        except OSError:
            shutil.copy2(old, new)
