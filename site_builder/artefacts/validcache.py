"""What `handbook validate` remembers of the files it found valid, so that a second run
checks only what changed: ``.handbook-cache/validate/files.json`` under the project root.

A file is known valid by the sha256 of its bytes (and its kind: a practice or a
recommendation), under a key made of the vocabularies' content and the code that checks a
file (the fingerprint of this module, which imports the checker, and PyYAML's version).
For each such file the cache holds only what the rules between files read, with where
it stands: the ``id``, the ``source``, a recommendation's ``number`` and cited
``practices``. A file known valid is not parsed or checked again; the rules between
files, the sources register, the stray files and the vocabularies are checked every
run, as they are without the cache. So the problems told are those of a run without it.

Only files without any problem are remembered. The cache is JSON, read as data: a file
that is missing, unreadable, corrupt, of another format or another key is ignored and
written anew; a malformed entry is a file not known. The folder is safe to delete.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from site_builder.artefacts.fingerprint import digest, fingerprint
from site_builder.content.frontmatter import FrontMatter, KeyPath
from site_builder.content.load import Document, FileBytes, shown, stem
from site_builder.content.tree import Seen
from site_builder.content.validate import Checker
from site_builder.core import atomic
from site_builder.core.model import Problem
from site_builder.core.project import VALIDATE_CACHE
from site_builder.core.vocab import Vocabularies

FORMAT = "handbook-validate/1"
FOLDER = VALIDATE_CACHE  # under the project root
FILE = "files.json"
ACROSS = ("id", "number", "source", "practices", "former_ids")  # what check_across reads
LISTS = ("practices", "former_ids")  # of those, the lists of ids


@dataclass
class Report:
    """A run's problems, the number of files checked, and how many were known valid."""

    problems: list[Problem]
    files: int
    known: int


def validate(root: Path, paths: list[Path] | None = None) -> Report:
    """check(root, paths)'s problems, taking the files known valid from the cache."""
    checker = _CachedChecker(root, paths)
    result = checker.check()
    bad = {problem.location.path for problem in result.problems}
    checker.save(bad, whole_tree=not paths)
    return Report(result.problems, len(result.documents), checker.known)


class _CachedChecker(Checker):
    """A Checker whose documents of files known valid hold only what the rules between
    files read (no body, no other field): for a report of problems, not for a model."""

    def __init__(self, root: Path, paths: list[Path] | None) -> None:
        super().__init__(root, paths)
        self.folder = root / FOLDER
        self.key: str | None = None
        self.entries: dict[str, dict[str, Any]] = {}
        self.loaded: dict[str, Any] = {}
        self.known = 0

    def document(
        self,
        path: str,
        kind: str,
        bytes_read: FileBytes,
        digest: str | None,
        vocabularies: Vocabularies,
    ) -> Seen:
        if self.key is None:
            self.key = key(vocabularies)
            self.loaded = _load(self.folder / FILE, self.key)
        entry = self.loaded.get(f"{kind} {digest}") if digest else None
        skeleton = _skeleton(entry, shown(path, self.root), kind, stem(path)) if entry else None
        if skeleton is None:
            return super().document(path, kind, bytes_read, digest, vocabularies)
        self.known += 1
        return Seen(kind, bytes_read.signature, digest, read=skeleton, doc=skeleton)

    def save(self, bad: set[str], *, whole_tree: bool) -> None:
        """Remember every file checked without a problem (named files: with the others)."""
        if self.key is None:  # no file was read
            return
        files = {} if whole_tree else dict(self.loaded)
        for seen in self._tree.seen():
            if seen.digest and seen.doc.path not in bad and seen.doc.data is not None:
                files[f"{seen.kind} {seen.digest}"] = _entry(seen.doc)
        if files != self.loaded:
            _write(self.folder / FILE, {"format": FORMAT, "key": self.key, "files": files})


def key(vocabularies: Vocabularies) -> str:
    """The vocabularies' content and the version of the code that checks one file (and
    whether libyaml parses: its messages are not the pure parser's)."""
    code = fingerprint(__name__, libraries=("PyYAML",))
    return digest(FORMAT, repr(vocabularies), code, yaml.__with_libyaml__)


def _entry(doc: Document) -> dict[str, Any]:
    """What check_across reads of a valid document, and where each value stands."""
    data = {k: v for k, v in (doc.data or {}).items() if k in ACROSS}
    paths: list[KeyPath] = [(k,) for k in data]
    paths += [(name, i) for name in LISTS for i in range(len(data.get(name) or ()))]
    assert doc.meta is not None
    return {"data": data, "at": [[list(p), *doc.meta.position(p)] for p in paths]}


def _skeleton(entry: Any, path: str, kind: str, stem: str) -> Document | None:
    """The document of a file known valid, from its entry; None if the entry is malformed."""
    try:
        data = entry["data"]
        places = {tuple(at[0]): (at[1], at[2]) for at in entry["at"] if type(at[0]) is list}
    except (KeyError, TypeError, IndexError):
        return None
    if not _well_formed(data, places):
        return None
    return Document(path, kind, stem, meta=FrontMatter(data, value_lines=places))


def _well_formed(data: Any, places: dict[tuple, tuple]) -> bool:
    """The values of the kinds check_across reads (the schema let no other through)."""
    if not isinstance(data, dict) or not isinstance(data.get("id"), str) or data.keys() - ACROSS:
        return False
    for name in LISTS:
        ids = data.get(name, [])
        if not isinstance(ids, list) or not all(isinstance(p, str) for p in ids):
            return False
    if not all(isinstance(data[k], str) for k in ("id", "number", "source") if k in data):
        return False
    return all(type(line) is int and type(col) is int for line, col in places.values())


def _load(path: Path, key: str) -> dict[str, Any]:
    try:
        stored = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(stored, dict) or stored.get("format") != FORMAT:
        return {}
    files = stored.get("files")
    return files if stored.get("key") == key and isinstance(files, dict) else {}


def _write(path: Path, stored: dict[str, Any]) -> None:
    """Replaced whole (a reader sees the old file or the new); a disk that refuses it
    leaves the next run uncached."""
    with contextlib.suppress(OSError):
        atomic.write_text(path, json.dumps(stored, ensure_ascii=False, separators=(",", ":")))
