"""The handbook's templates in MkDocs' theme (site_builder/adapter/theme/: the search
dialog, the <head> of generated pages, the kept page's empty template), and the theme's
templates compiled once for the life of the process."""

from __future__ import annotations

from pathlib import Path

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig

THEME = Path(__file__).parent / "theme"  # templates that override material's


def add_templates(config: MkDocsConfig) -> None:
    """Every handbook gets the handbook's search dialog, with or without a custom_dir
    of its own (whose templates still win: it stays first)."""
    dirs = config.theme.dirs
    if str(THEME) not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))


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
