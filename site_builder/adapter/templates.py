"""The handbook's templates in MkDocs' theme (site_builder/adapter/theme/: the search
dialog, the <head> of generated pages, the kept page's empty template), the theme's
sitemap only where the site knows its address, and the theme's templates compiled once
for the life of the process."""

from __future__ import annotations

from pathlib import Path

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from site_builder.outputs import robots

THEME = Path(__file__).parent / "theme"  # templates that override material's


def add_templates(config: MkDocsConfig) -> None:
    """Every handbook gets the handbook's search dialog, with or without a custom_dir
    of its own (whose templates still win: it stays first)."""
    dirs = config.theme.dirs
    if str(THEME) not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))


def sitemap_only_with_address(config: MkDocsConfig, files: Files) -> None:
    """No sitemap (nor its .gz copy) where the site does not know its address: MkDocs
    would write an empty urlset, invalid against the sitemaps.org schema (its pages'
    addresses must be absolute). With one, MkDocs' sitemap, and robots.txt names it.
    The template leaves the static templates, and its file the theme's files that MkDocs
    would otherwise copy as they are (any file of a theme that is no template is)."""
    if config.site_url:
        return
    config.theme.static_templates.discard(robots.SITEMAP)
    found = files.get_file_from_path(robots.SITEMAP)
    if found is not None and found.src_dir != config.docs_dir:
        files.remove(found)


class CompiledTemplates(BytecodeCache):
    """The theme's templates as Jinja compiled them, in memory, by name and source
    (Jinja checks the source's checksum): MkDocs makes a new environment per build."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()
