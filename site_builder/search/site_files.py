"""The search files in the built site, where mkdocs-material's search looks for them.

Material's search plugin still runs (its header renders the search box only
when it is enabled) and writes its own per-section index first; this runs
after it, in the pipeline's on_post_build, and replaces it:

- search/search_index.json (fetched by material's page script over http) and
  search/search_index.js (``var __index = …``, loaded from file://) only name
  the index's folder, ``config.data``: material's page hands them to the worker as is;
- search/index/ holds the index (build.index_files, shards.py): scripts the worker
  loads only when the reader searches, and then only those the query needs.

Material's plugin would also parse every page's HTML into its own index (7.5 s
of a 52 s build at 5,000 practices), only to be replaced: the adapter leaves
pages out of it with its documented ``search: exclude`` page setting.

The worker is site_builder/render/assets/search/worker.js, which the pipeline serves
into every site with the templates that load it (site_builder/adapter/theme/).

The files are made once per content: `data()` keeps them in ``<cache>/<key>.json``, the
key being the digest of the documents, the facets and the code that builds them, and the
next build with the same key reads them back (the latest only is kept). `mkdocs serve`
makes them in another process, off the path from a save to the preview
(search/background.py).
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from contextlib import suppress
from pathlib import Path

from site_builder.artefacts.fingerprint import digest, fingerprint
from site_builder.core import atomic
from site_builder.core.facets import Facets
from site_builder.search import build
from site_builder.search.documents import SearchDocument

log = logging.getLogger("mkdocs.plugins.handbook.search")
DATA = "search/index"  # the index's folder, relative to the site's root


def write_pointer(site_dir: Path) -> None:
    """What material's page script fetches: the name of the data, no data."""
    material = build.dumps(
        {"config": {"lang": ["en"], "format": build.FORMAT, "data": DATA}, "docs": []}
    )
    folder = site_dir / "search"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "search_index.json").write_text(material, encoding="utf-8")
    (folder / "search_index.js").write_text(f"var __index = {material}\n", encoding="utf-8")


def write_data(
    site_dir: Path, docs: list[SearchDocument], facets: Facets, cache: Path | None = None
) -> dict[str, str]:
    """The index's files into search/index/, each replaced whole, the older ones out;
    returns them (name -> text)."""
    started = time.perf_counter()
    made = data(docs, facets, cache)
    atomic.write_folder(site_dir / DATA, made)
    log.info(
        "search index: %d documents, %d files, %.0f kB, in %.1f s",
        len(docs),
        len(made),
        sum(len(text.encode()) for text in made.values()) / 1000,
        time.perf_counter() - started,
    )
    return made


def data(docs: list[SearchDocument], facets: Facets, cache: Path | None = None) -> dict[str, str]:
    """build.index_files, read from the cache when made from the same."""
    key = digest(
        build.FORMAT,
        fingerprint(__name__, libraries=("lunr",)),  # lunr.py: its stemmer
        hashlib.sha256(repr(docs).encode("utf-8")).hexdigest(),
        [[f.key, f.title, f.singular, f.field, sorted(f.labels.items())] for f in facets.filters],
    )
    path = None if cache is None else cache / f"{key}.json"
    if path is not None:
        with suppress(OSError, ValueError):
            return json.loads(path.read_text(encoding="utf-8"))
    made = build.index_files(docs, facets)
    if path is not None:
        _keep_only(path, build.dumps(made))
    return made


def _keep_only(path: Path, text: str) -> None:
    """The new data in the cache, the older ones out (a cache full of 30 MB files is no
    use: only the latest build is ever asked for again)."""
    try:
        atomic.write_text(path, text)
        for other in path.parent.glob("*.json"):
            if other != path:
                other.unlink(missing_ok=True)
    except OSError:  # a read-only or full disk: the next build makes it again
        pass
