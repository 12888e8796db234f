"""The handbook project folder: found once, by the command line, and passed down."""

from __future__ import annotations

from pathlib import Path


def find_root(start: Path | None = None) -> Path:
    """The handbook project folder: the nearest folder up with a practices/ folder."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "practices").is_dir() and (folder / "mkdocs.yml").exists():
            return folder
    return here
