"""What a build of the handbook is told, once: the site's name, language and address, where
its content and output are, who publishes it, which downloads it makes and its date.

The adapter makes one :class:`Settings` per build from MkDocs' configuration
(site_builder/adapter/settings_from_config.py); nothing past it reads MkDocs' objects.

The build's date is the *content date* (:func:`content_date`: the last commit's time, or
outside git the newest content file's), or a caller's own SOURCE_DATE_EPOCH, read once
(:func:`build_date`). The sitemap, the feeds, the catalogue and the PDF are dated by it,
so two builds of the same tree give the same bytes on any day.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from site_builder.content.edition import Edition
from site_builder.content.history import History
from site_builder.core.urls import Urls

CONTENT = ("practices", "recommendations", "docs")  # what outside git dates the content


@dataclass(frozen=True)
class Settings:
    root: Path  # the project: mkdocs.yml's folder
    docs_dir: Path  # the hand-written pages
    site_dir: Path  # where the finished site goes
    site_name: str = "Cluster Good-Practice Handbook"
    description: str = ""
    language: str = "en"  # BCP 47, as the theme's language
    site_url: str | None = None  # where the site is published ("https://…/"), if known
    directory_urls: bool = False  # practices/x/ rather than practices/x.html
    publisher: str = ""  # who publishes the handbook: the data catalogue's publisher
    repository: str | None = None  # https://github.com/owner/name, if known
    pdf: bool = True  # handbook.pdf, the whole handbook to print
    offline_zip: bool = True  # the whole site in a ZIP, to use offline
    built: int = 0  # the build's content date, in seconds since 1970

    @property
    def urls(self) -> Urls:
        return Urls(self.directory_urls, self.site_url)

    @property
    def day(self) -> str:
        """The content date as YYYY-MM-DD, in UTC (MkDocs' form of a page's date)."""
        return datetime.fromtimestamp(self.built, UTC).date().isoformat()

    def edition(self, history: History) -> Edition:
        """What the pages, citations and feeds know of the site beyond its records."""
        return Edition(self.site_name, self.language, history, self.built)


def content_date(root: Path) -> int:
    """When the content last changed, in seconds since 1970: the last commit's time, or
    (outside git) the newest content file's. MkDocs stamps the sitemap with it, where it
    would otherwise put today's date: two builds of the same tree give the same bytes."""
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=30,
        )
        if done.returncode == 0 and done.stdout.strip().isdigit():
            return int(done.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    files = [p for name in CONTENT for p in (root / name).rglob("*") if p.is_file()]
    return int(max((p.stat().st_mtime for p in files), default=0))


def build_date(root: Path, environ: Mapping[str, str]) -> int:
    """The build's date: the caller's SOURCE_DATE_EPOCH (reproducible-builds.org) if it
    gives one, else the content date."""
    given = environ.get("SOURCE_DATE_EPOCH", "")
    return int(given) if given.isdigit() else content_date(root)
