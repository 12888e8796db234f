"""A fresh process's first `mkdocs serve` build of a tree, into a folder: what the
preview of that tree shows when nothing came before it (tests/test_serve_incremental.py
compares a long-running preview with it after every edit).

    python -m tests.serve_reference <mkdocs.yml> <site folder> <serve url>
"""

from __future__ import annotations

import sys

from mkdocs.commands.build import build
from mkdocs.config import load_config


def main(config_file: str, site_dir: str, serve_url: str) -> None:
    config = load_config(config_file, site_dir=site_dir)
    config.site_url = serve_url  # as `mkdocs serve` sets it
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config, serve_url=serve_url)
    finally:
        config.plugins.on_shutdown()


if __name__ == "__main__":
    main(*sys.argv[1:4])
