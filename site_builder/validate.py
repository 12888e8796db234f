"""Validation: read the files, run the rules, collect every problem.

``check(root, paths)`` reads and checks everything and returns every problem
found; ``load_handbook(root)`` returns the model or raises one ContentError
listing them all. The rules are in rules.py, the model is made in records.py.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import vocab
from .load import Document, content_files, read_document, read_sources, stray_files
from .model import ContentError, Handbook, Problem, Source
from .records import model_from
from .rules import check_across, check_document
from .vocab import Vocabularies


@dataclass
class Result:
    documents: list[Document]
    sources: dict[str, Source]
    problems: list[Problem]
    vocabularies: Vocabularies

    @property
    def ok(self) -> bool:
        return not self.problems


def check(root: Path, paths: list[Path] | None = None) -> Result:
    """Read the named files (default: the whole content tree) and find every problem."""
    with _cyclic_gc_paused():
        return _check(root, paths)


@contextmanager
def _cyclic_gc_paused():
    """Reading builds millions of small, acyclic objects (YAML nodes, values, positions);
    the cyclic collector's passes over them cost about 15 % of a large check()."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check(root: Path, paths: list[Path] | None) -> Result:
    vocabularies = vocab.load(root)  # ContentError: nothing can be checked without it
    sources, problems = read_sources(root)
    if not paths:
        problems += stray_files(root)
    documents = [read_document(path, kind, root) for path, kind in content_files(root, paths)]
    for doc in documents:
        check_document(doc, vocabularies)
    check_across(documents, sources, _practice_ids_on_disk(root))
    for doc in documents:
        problems.extend(doc.problems)
    return Result(documents, sources, sorted(problems, key=lambda p: p.location), vocabularies)


def _practice_ids_on_disk(root: Path) -> set[str]:
    folder = root / "practices"
    return {p.stem for p in folder.glob("*.md")} if folder.is_dir() else set()


def load_handbook(root: Path, paths: list[Path] | None = None) -> Handbook:
    """The validated model of the whole content tree, or ContentError with every problem."""
    result = check(root, paths)
    if result.problems:
        raise ContentError(result.problems)
    return model_from(result)
