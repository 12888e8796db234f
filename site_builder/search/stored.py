"""The command line's copy of the index on disk: where it is, the stamp of the content
it was made from, and writing it (search/cache.py reads it; a build's worker writes
it too, search/background.py). No MkDocs here: the build imports this module."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from site_builder.core import atomic, installed, project
from site_builder.core.model import relative
from site_builder.search import build, shards
from site_builder.search.documents import SearchDocument

FOLDER = project.COMMAND_LINE_SEARCH  # under the project root


def sources(root: Path, docs_dir: Path) -> list[Path]:
    files = [
        *(path for folder in project.CONTENT for path in root.glob(f"{folder}/*.md")),
        *docs_dir.rglob("*.md"),
        root / project.SOURCES,
        root / project.CONFIG,
        root / project.VOCABULARIES,
    ]
    return sorted(path for path in files if path.is_file())


def fingerprint(root: Path, docs_dir: Path) -> str:
    """The docs folder on the first line, a digest of every source file's name, size and
    time on the second."""
    digest = hashlib.sha256(build.FORMAT.encode())
    for path in sources(root, docs_dir):
        stat = path.stat()
        try:  # found under root: its place there, with no link to resolve
            name = path.relative_to(root).as_posix()
        except ValueError:  # a relative root, an absolute docs folder (mkdocs serve -f)
            name = relative(path, root)
        digest.update(f"{name} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    return f"{docs_dir}\n{digest.hexdigest()}"


def folder_for(root: Path) -> Path:
    """Where the index of the handbook at `root` is kept for the command line."""
    return root / FOLDER if os.access(root, os.W_OK) else installed.user_cache(root) / FOLDER.name


def write(folder: Path, made: dict[str, str], docs: list[SearchDocument], stamp: str) -> None:
    """The index's files, the texts' blocks, then the fingerprint (last: until it is
    written, the next search builds again)."""
    (folder / "fingerprint").unlink(missing_ok=True)
    atomic.write_folder(folder / "index", made)
    ordered = shards.title_order(docs)
    block = shards.BLOCK
    texts = [doc.sections for doc in ordered]
    atomic.write_folder(
        folder / "texts",
        {
            f"{start // block}.json": build.dumps(texts[start : start + block])
            for start in range(0, len(texts), block)
        },
    )
    atomic.write_text(folder / "fingerprint", stamp)
