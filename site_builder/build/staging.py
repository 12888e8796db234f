"""Where a build writes its site, and what a build that cannot write says.

`mkdocs build` writes into a staging folder beside site/, one build of a handbook at a
time (:func:`stage`); site_swap.put_in_place then puts it in place of site/, so a failed
build never touches the published one. `mkdocs serve` writes into its own folder, after
setting the last build's output aside (:func:`put_aside`), whence the kept pages return.
"""

from __future__ import annotations

import errno
import os
import shutil
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from site_builder.build import site_swap

STAGING = ".site-staging"  # beside site/
PREVIOUS = ".handbook-previous"  # under `mkdocs serve`: the last build's output, in site_dir
UNWRITABLE = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EFBIG}


class Unwritable(Exception):
    """The site cannot be written; the message says where, why and what to do."""


def unwritable(error: OSError, final: Path) -> str:
    """What a build that could not write its output tells."""
    written = [str(name) for name in (error.filename, error.filename2) if name]
    inside = [name for name in written if Path(name).is_relative_to(final.parent)]
    where = inside[0] if inside else final.parent / STAGING
    return (
        f"the site cannot be written to {where}: {error.strerror or error}. "
        f"Nothing was published: {final} is as it was. "
        "Free some space or make the folder writable, or build elsewhere with -d."
    )


@dataclass(frozen=True)
class Staged:
    """A `mkdocs build`'s staging folder, and the site/ it is to replace."""

    final: Path
    lock: site_swap.BuildLock  # held until the build ends, however it ends

    @property
    def folder(self) -> Path:
        return self.final.parent / STAGING

    def discard(self) -> None:
        """The half-built staging folder, thrown away: the published site stays."""
        shutil.rmtree(self.folder, ignore_errors=True)


def stage(root: Path, final: Path) -> Staged:
    """An empty staging folder beside `final`, once no other build of the handbook at
    `root` writes; what a killed build left there is removed. A folder that cannot be
    written is told (:class:`Unwritable`) before anything is built."""
    lock = site_swap.BuildLock(root)
    with suppress(OSError):  # a read-only project: nothing of it can be shared
        lock.acquire()
    staged = Staged(final, lock)
    try:
        site_swap.recover(final)
        shutil.rmtree(staged.folder, ignore_errors=True)
        staged.folder.mkdir(parents=True)
    except OSError as error:
        staged.discard()
        lock.release()
        raise Unwritable(unwritable(error, final)) from None
    return staged


def put_aside(site: Path) -> Path:
    """The last build's output, moved aside within `site` (MkDocs empties site_dir but
    for its hidden entries): where the pages kept are taken from."""
    aside = site / PREVIOUS
    shutil.rmtree(aside, ignore_errors=True)
    aside.mkdir(parents=True)
    for entry in os.listdir(site):
        if not entry.startswith("."):
            os.replace(site / entry, aside / entry)
    return aside
