"""handbook-offline.zip: the whole built site, to unzip and open by double click.

The site already works from file:// (relative links, no request to another
host, search answered in the page), so the download is the site folder as it
is, under one top folder, cluster-handbook/, but for what the pages offer that the
copy does not hold: an item marked ``data-online-only`` (the home page's link to this
archive, outputs/downloads.py) is left out of the copy's pages, so that no link of the
unzipped folder leads nowhere. The archive is deterministic:
entries sorted, every timestamp fixed, the same permissions for every file, so
two builds of the same content give the same bytes.

Switched off with ``extra: handbook: offline_zip: false`` in mkdocs.yml (read by
the adapter, which calls :func:`write`).
"""

from __future__ import annotations

import logging
import re
import time
import zipfile
from pathlib import Path

NAME = "handbook-offline.zip"
FOLDER = "cluster-handbook"
TIMESTAMP = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can hold
log = logging.getLogger("mkdocs.plugins.handbook.zip")
# a list item the online site offers and the copy does not hold (templates/home.html)
ONLINE_ONLY = re.compile(rb"<li data-online-only>.*?</li>\s*", re.S)


def files(site_dir: Path) -> list[Path]:
    """Every file of the site but the archive itself, in path order."""
    return sorted(
        (p for p in site_dir.rglob("*") if p.is_file() and p.name != NAME),
        key=lambda p: p.relative_to(site_dir).as_posix(),
    )


def offline(path: Path) -> bytes:
    """The file's bytes as the offline copy holds them: a page without its items marked
    online-only."""
    data = path.read_bytes()
    return ONLINE_ONLY.sub(b"", data) if path.suffix == ".html" else data


def make(site_dir: Path, target: Path) -> int:
    """Zip `site_dir` into `target`; returns the number of files."""
    listed = files(site_dir)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in listed:
            info = zipfile.ZipInfo(
                f"{FOLDER}/{path.relative_to(site_dir).as_posix()}", date_time=TIMESTAMP
            )
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, so the permissions above are read
            archive.writestr(info, offline(path), compresslevel=6)
    return len(listed)


def write(site_dir: Path) -> None:
    """The archive at the root of the site being built (the staging folder)."""
    started = time.perf_counter()
    count = make(site_dir, site_dir / NAME)
    log.info(
        "%s: %d files, %.1f MB, in %.1f s",
        NAME,
        count,
        (site_dir / NAME).stat().st_size / 1e6,
        time.perf_counter() - started,
    )
