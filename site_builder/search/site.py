"""The search payload in the built site, where mkdocs-material's search looks for it.

Material's search plugin still runs (its header renders the search box only
when it is enabled) and writes its own per-section index first; this runs
after it, in the pipeline's on_post_build, and replaces both files:

- search/search_index.json, which material's page script fetches over http;
- search/search_index.js (``var __index = …``), which it loads from file://.

The worker that reads them is overrides/assets/handbook-search/worker.js; a
site whose theme lacks it keeps material's own index and worker.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from ..model import Handbook
from . import build
from .documents import context_pages, documents

log = logging.getLogger("mkdocs.plugins.handbook.search")
WORKER = "assets/handbook-search/worker.js"


def write(handbook: Handbook | None, config: MkDocsConfig) -> None:
    if handbook is None:
        return
    if not any((Path(folder) / WORKER).is_file() for folder in config.theme.dirs):
        log.info("search: the theme has no %s (overrides/ in mkdocs.yml's theme.custom_dir);"
                 " material's own index is kept", WORKER)
        return
    started = time.perf_counter()
    docs = documents(handbook, context_pages(Path(config.docs_dir)))
    data = build.dumps(build.payload(docs))
    folder = Path(config.site_dir) / "search"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "search_index.json").write_text(data, encoding="utf-8")
    (folder / "search_index.js").write_text(f"var __index = {data}\n", encoding="utf-8")
    log.info("search index: %d documents, %.0f kB, in %.1f s", len(docs),
             len(data.encode()) / 1000, time.perf_counter() - started)
