"""The site key: the digest of what MkDocs puts around every page (build/kept.py keeps a
generated page only under the same site key as the build that wrote it).

It covers the configuration (the theme's, the navigation's, the site's address), the
templates pages are rendered with, docs/, the titles of the generated pages in the
navigation, and the versions of the code: the adapter's own
source and the libraries that render the pages.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib import util
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.theme import Theme

from site_builder.adapter.files import inclusion
from site_builder.artefacts.fingerprint import digest, file_digest, fingerprint, folder_digest
from site_builder.render.pages.framework import Planned

MATERIAL = Path(util.find_spec("material").origin or "").parent  # type: ignore[union-attr]


def site_key(config: MkDocsConfig, files: Files, plans: Sequence[Planned]) -> str:
    """The key of a build whose docs/ are `files` (before the generated pages join them),
    whose generated pages are `plans`. The problems banner is not in it: the preview's
    pages load it (render/problems_page.py's script), so a slip renders nothing again."""
    theme_files = [  # material's own are its version's (in code_digest)
        [str(folder), folder_digest(Path(folder))]
        for folder in config.theme.dirs
        if not Path(folder).is_relative_to(MATERIAL)
    ]
    written = [
        [f.src_uri, file_digest(f.abs_src_path)]
        for f in files.documentation_pages()
        if f.abs_src_path
    ]
    in_nav = [
        [p.src_uri, p.title] for p in plans if inclusion(p.src_uri) is not InclusionLevel.NOT_IN_NAV
    ]
    return digest(
        settings_text(config),
        list(config.plugins),
        theme_files,
        written,
        in_nav,
        code_digest(),
    )


def settings_text(config: MkDocsConfig) -> str:
    """The configuration as text, the same in every process: a set (the theme's static
    templates) is written sorted, not in the order of this process's string hashes,
    which made every other `mkdocs build` key the site anew and keep no page."""

    def stable(value: Any) -> Any:
        if isinstance(value, set | frozenset):
            return sorted(value, key=repr)
        if isinstance(value, Theme):
            return {
                "name": value.name,
                "dirs": value.dirs,
                "static_templates": sorted(value.static_templates),
                **dict(value.items()),
            }
        return repr(value)

    settings = {
        key: value
        for key, value in config.items()
        if key not in ("plugins", "hooks", "watch", "site_dir", "config_file_path")
    }
    return json.dumps(settings, sort_keys=True, default=stable)


def code_digest() -> str:
    """The adapter's code (and all it imports) and the versions of what renders the pages."""
    return fingerprint(
        "site_builder.adapter.events",
        libraries=("mkdocs", "mkdocs-material", "jinja2", "markdown"),
    )
