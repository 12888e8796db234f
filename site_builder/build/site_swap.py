"""Putting a finished build in place of the published site, safely whatever happens.

`mkdocs build` writes into a staging folder beside site/ and, once everything is
written, calls :func:`put_in_place`. The published folder is never half old and half
new, and never missing, even if the build is killed (SIGKILL, power loss) at any moment:

- on Linux the two folders trade places in one system call (renameat2 with
  RENAME_EXCHANGE): site/ is the old site before it and the new one after it;
- elsewhere, site/ is renamed to site.old before the staging folder takes its name;
  a build killed between the two finds site/ missing and site.old there, and
  :func:`recover` puts site.old back before anything else.

:class:`BuildLock` lets one build of a handbook run at a time: a second waits for the
first to finish, saying so. The lock is an flock on a file under .handbook-cache/, so
the system releases it when a build dies, however it dies: no stale lock is left.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import logging
import os
import shutil
from pathlib import Path

from site_builder.core.project import BUILD_LOCK

log = logging.getLogger("mkdocs.plugins.handbook")
AT_FDCWD = -100
RENAME_EXCHANGE = 2
LOCK = BUILD_LOCK  # under the project root


def _old(final: Path) -> Path:
    return final.with_name(final.name + ".old")


def _renameat2():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    function.argtypes += [ctypes.c_uint]
    return function


def exchange(a: Path, b: Path) -> bool:
    """Trade the names of two existing paths atomically; False where the system or the
    file system cannot (the caller then renames in two steps)."""
    function = _renameat2()
    if function is None:
        return False
    done = function(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def recover(final: Path) -> None:
    """After a build killed between the two renames of the fallback: site.old back."""
    old = _old(final)
    if not final.exists() and old.is_dir():
        old.rename(final)
        log.info("put back %s: a build was stopped while it replaced it", final)


def put_in_place(staging: Path, final: Path) -> None:
    """The finished `staging` folder becomes `final`; the previous site is removed."""
    if final.is_dir() and exchange(staging, final):
        shutil.rmtree(staging, ignore_errors=True)  # the previous site, now
        return
    old = _old(final)
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)


class BuildLock:
    """Held while a build of the handbook at `root` writes its site."""

    def __init__(self, root: Path) -> None:
        self.path = root / LOCK
        self.fd: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "another process"
            log.info(  # not a warning: `mkdocs build --strict` would stop on one
                "another build of this handbook is running (process %s); "
                "this one waits for it to finish",
                holder,
            )
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self.fd = fd

    def release(self) -> None:
        if self.fd is not None:
            fd, self.fd = self.fd, None
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
