"""The search files in the built site, where mkdocs-material's search looks for them.

Material's search plugin still runs (its header renders the search box only
when it is enabled) and writes its own per-section index first; this runs
after it, in the pipeline's on_post_build, and replaces it:

- search/search_index.json (fetched by material's page script over http) and
  search/search_index.js (``var __index = …``, loaded from file://) only name
  the data, ``config.data``: material's page hands them to the worker as is;
- search/handbook_index.json and .js hold the data (build.payload: the lunr
  index and what results show), which the worker loads itself: over http it
  fetches and parses the JSON off the page's main thread; from file:// the
  page loads the script. Passing 12 MB through material's page at 5,000
  practices cost a JSON parse on the main thread and a half-second copy.

Material's plugin would also parse every page's HTML into its own index (7.5 s
of a 52 s build at 5,000 practices), only to be replaced: the adapter leaves
pages out of it with its documented ``search: exclude`` page setting.

The worker is site_builder/assets/search/worker.js, which the pipeline serves
into every site with the templates that load it (site_builder/theme/).
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from ..facets import Facets
from . import build
from .documents import SearchDocument

log = logging.getLogger("mkdocs.plugins.handbook.search")
DATA = "search/handbook_index"  # .json and .js, relative to the site's root


def write(site_dir: Path, docs: list[SearchDocument], facets: Facets) -> None:
    """The index of `docs` (search.documents.documents) into the site's search/ folder."""
    started = time.perf_counter()
    folder = site_dir / "search"
    folder.mkdir(parents=True, exist_ok=True)
    files = _files(
        build.dumps({"config": {"lang": ["en"], "format": build.FORMAT, "data": DATA}, "docs": []}),
        build.dumps(build.payload(docs, facets)),
    )
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    size = len(files["handbook_index.json"].encode())
    log.info(
        "search index: %d documents, %.0f kB, in %.1f s",
        len(docs),
        size / 1000,
        time.perf_counter() - started,
    )


def _files(material: str, data: str) -> dict[str, str]:
    # JSON.parse of a string literal: Chromium reads 12 MB three times faster than code
    return {
        "search_index.json": material,
        "search_index.js": f"var __index = {material}\n",
        "handbook_index.json": data,
        "handbook_index.js": (
            f"var __handbookIndex = JSON.parse({json.dumps(data, ensure_ascii=False)})\n"
        ),
    }
