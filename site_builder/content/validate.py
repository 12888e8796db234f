"""Validation: read the files, run the rules, collect every problem.

``check(root, paths)`` reads and checks everything and returns every problem
found; ``load_handbook(root)`` returns the model or raises one ContentError
listing them all. A :class:`Checker` does the same again and again, for a
server or an editor: each ``check()`` re-reads and re-checks only the files that
changed since its previous one. The rules are in rules.py, how a changed file is
told in tree.py, the model is made in records.py.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.content import vocab_file
from site_builder.content.load import (
    Document,
    FileBytes,
    listed,
    parse_document,
    practice_stems,
    read_sources,
    shown,
    stray_files,
)
from site_builder.content.load import stem as file_stem  # the name `stem` is a Document's
from site_builder.content.records import Made, model_from
from site_builder.content.rules import check_across, check_document
from site_builder.content.tree import Seen, Tree
from site_builder.core.model import ContentError, Handbook, Problem, Source
from site_builder.core.vocab import Vocabularies


@dataclass
class Result:
    documents: list[Document]
    sources: dict[str, Source]
    problems: list[Problem]
    vocabularies: Vocabularies
    made: Made = field(default_factory=Made, compare=False, repr=False)

    @property
    def ok(self) -> bool:
        return not self.problems


def check(root: Path, paths: list[Path] | None = None) -> Result:
    """Read the named files (default: the whole content tree) and find every problem."""
    return Checker(root, paths).check()


class Checker:
    """Checks one content tree (or the named files) each time ``check()`` is called.

    A file whose stat signature, else whose bytes, are those of the previous call keeps
    its Document, the very same object, with the problems found in it alone; only new
    and changed files are read and checked. The sources register, the vocabularies and
    the rules between files (ids, file names, references) are taken anew every call, and
    a change of the vocabularies checks every kept document again, from the document as
    read. So the Result is always equal to a fresh ``check(root, paths)``; and it carries
    the records made from the last one's documents (records.Made), which a model of the
    next one takes again where a document is the same.
    """

    def __init__(self, root: Path, paths: list[Path] | None = None):
        self.root = root
        self.paths = paths or None
        self._tree = Tree(str(root))
        self._vocabularies: Vocabularies | None = None
        self._made = Made()
        self.read = 0  # files read and checked by the last call, for tests and benchmarks

    def check(self) -> Result:
        with cyclic_gc_paused():
            return self._check()

    def _check(self) -> Result:
        root = self.root
        vocabularies = vocab_file.load(root)  # ContentError: nothing can be checked without it
        sources, problems = read_sources(root)
        if not self.paths:
            problems += stray_files(root)
        again = vocabularies is not self._vocabularies
        self.read = 0
        documents = []
        for seen in self._tree.look(listed(root, self.paths), self._reader(vocabularies)):
            if again and not seen.fresh:
                seen.check_again(lambda doc: check_document(doc, vocabularies))
            documents.append(seen.doc)
        self._vocabularies = vocabularies
        if self.paths:
            stems = practice_stems(root)
        else:  # the practices listed are those on disk
            stems = {doc.stem for doc in documents if doc.kind == "practice"}
        for doc in documents:
            problems += doc.problems
        problems += check_across(documents, sources, stems)
        problems.sort(key=lambda p: p.location)
        return Result(documents, sources, problems, vocabularies, self._made)

    def _reader(self, vocabularies: Vocabularies):
        def read(path: str, kind: str, bytes_read: FileBytes, digest: str | None) -> Seen:
            self.read += 1
            return self.document(path, kind, bytes_read, digest, vocabularies)

        return read

    def document(
        self,
        path: str,
        kind: str,
        bytes_read: FileBytes,
        digest: str | None,
        vocabularies: Vocabularies,
    ) -> Seen:
        """A new or changed file (its path as str(Path) writes it), read and checked on
        its own."""
        read = parse_document(bytes_read, shown(path, self.root), kind, file_stem(path))
        checked = check_document(read, vocabularies)
        return Seen(kind, bytes_read.signature, digest, read=read, doc=checked)


@contextmanager
def cyclic_gc_paused():
    """Reading builds millions of small, acyclic objects (YAML nodes, values, positions);
    the cyclic collector's passes over them cost about 15 % of a large check()."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_handbook(root: Path, paths: list[Path] | None = None) -> Handbook:
    """The validated model of the whole content tree, or ContentError with every problem."""
    result = check(root, paths)
    if result.problems:
        raise ContentError(result.problems)
    return model_from(result)
