"""The command line's copy of the index: built from the content tree on first use.

``handbook search`` needs no site build and no network: it reads the content
tree (practices/, recommendations/, sources.yml, schema/vocabularies.yml, and
mkdocs.yml's docs_dir, whose pages MkDocs renders through the adapter as in the
build), builds the same payload the site ships, and keeps it in
``.handbook-cache/search/`` with the plain text of every document (for snippets,
which the site's index leaves out) and a fingerprint of the files it came from.
When a content file changes, is added or removed, the next search builds it again.

The fingerprint file names the docs folder it covered, so a search with an
index in place reads neither mkdocs.yml nor MkDocs (whose import alone costs
half a second); mkdocs.yml is one of the files fingerprinted.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .. import installed
from ..artefacts import ArtefactStore
from ..facets import facets_for
from ..model import relative
from ..records import model_from
from ..validate import check
from . import build
from .documents import SearchDocument, documents

FOLDER = Path(".handbook-cache") / "search"


@dataclass
class Stored:
    payload: dict
    folder: Path

    def sections(self, ref: int) -> list[tuple[str, str]]:
        """The plain-text sections of one document (read from texts.jsonl)."""
        with open(self.folder / "texts.jsonl", encoding="utf-8") as lines:
            for number, line in enumerate(lines):
                if number == ref:
                    return [tuple(pair) for pair in json.loads(line)]
        return []


def sources(root: Path, docs_dir: Path) -> list[Path]:
    files = [
        *root.glob("practices/*.md"),
        *root.glob("recommendations/*.md"),
        *docs_dir.rglob("*.md"),
        root / "sources.yml",
        root / "mkdocs.yml",
        root / "schema" / "vocabularies.yml",
    ]
    return sorted(path for path in files if path.is_file())


def fingerprint(root: Path, docs_dir: Path) -> str:
    """The docs folder on the first line, a digest of every source file's name, size and
    time on the second."""
    digest = hashlib.sha256(build.FORMAT.encode())
    for path in sources(root, docs_dir):
        stat = path.stat()
        digest.update(f"{relative(path, root)} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    return f"{docs_dir}\n{digest.hexdigest()}"


def load(root: Path, say: Callable[[str], None]) -> Stored:
    """The stored index of the handbook at `root`, built first if missing or stale."""
    folder = root / FOLDER if os.access(root, os.W_OK) else installed.user_cache(root) / "search"
    try:
        stamp = (folder / "fingerprint").read_text(encoding="utf-8")
        docs_dir = stamp.partition("\n")[0]
        if docs_dir and stamp == fingerprint(root, Path(docs_dir)):
            payload = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
            return Stored(payload, folder)
        say(f"the content changed since the search index was built: rebuilding it in {folder}")
    except (OSError, ValueError):
        say(f"no search index yet: building it from the content in {root} into {folder}")
    from ..mkdocs_pipeline import SiteSource  # MkDocs reads mkdocs.yml, renders docs/

    site = SiteSource(root)
    stamp = fingerprint(root, site.docs_dir)  # before reading: a change meanwhile shows
    if site.problem:
        say(f"{site.problem}: the context pages are left out of the index")
    result = check(root)
    broken = sorted({p.location.path for p in result.problems})
    if broken:
        say(
            f"{len(broken)} content file(s) with errors left out of the index "
            f"(see `handbook validate`): {', '.join(broken[:3])}{' …' if len(broken) > 3 else ''}"
        )
    handbook = model_from(result, skip_invalid=True)
    store = ArtefactStore(folder.parent / "artefacts")  # the build's, where it can write
    docs = documents(handbook, site.context_documents(handbook), site.urls, store)
    payload = build.payload(docs, facets_for(handbook.vocabularies))
    write(folder, payload, docs, stamp)
    return Stored(payload, folder)


def write(folder: Path, payload: dict, docs: list[SearchDocument], stamp: str) -> None:
    """Write the three files, each through a temporary name so a reader never sees half."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = "".join(json.dumps(doc.sections, ensure_ascii=False) + "\n" for doc in docs)
    for name, content in (
        ("search_index.json", build.dumps(payload)),
        ("texts.jsonl", texts),
        ("fingerprint", stamp),
    ):
        temporary = folder / f".{name}.{os.getpid()}"
        temporary.write_text(content, encoding="utf-8")
        temporary.replace(folder / name)
