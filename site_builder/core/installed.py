"""The content installed with the package, and a cache folder the user may write to.

`pip install` puts a copy of practices/, recommendations/, docs/, sources.yml and
mkdocs.yml under <prefix>/share/cluster-handbook (pyproject.toml, data-files), so the
command line can answer outside a checkout, with no network and no site build.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from site_builder.core.project import CONFIG, PRACTICES

SHARE = Path("share") / "cluster-handbook"


def content_root() -> Path | None:
    """The installed copy of the handbook, if this package was installed with one; for
    a package installed from a checkout in place (`pip install -e`, as dev.py does, which
    copies no data files), that checkout."""
    for prefix in dict.fromkeys((sys.prefix, sys.base_prefix)):
        root = Path(prefix) / SHARE
        if (root / PRACTICES).is_dir():
            return root
    checkout = Path(__file__).resolve().parents[2]  # site_builder/core/installed.py
    if (checkout / PRACTICES).is_dir() and (checkout / CONFIG).is_file():
        return checkout
    return None


def user_cache(root: Path) -> Path:
    """Where to keep files about `root` when its own folder is not writable: the user's
    cache folder (XDG_CACHE_HOME, else ~/.cache), one folder per content root."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    digest = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:12]
    return base / "cluster-handbook" / digest
