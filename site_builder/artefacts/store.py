"""The content-addressed store of per-practice artefacts: what costs most to make and
depends on one practice (and on inputs every practice shares), made once per content and
then kept, keyed by a hash of what it is made from (recipes.py says what, per kind).

Every key carries the kind, the store's FORMAT and the version of the kind's code
(recipes.code_version). The store keeps what it made in a dict for its life (under
`mkdocs serve` the adapter's Pipeline keeps one store across rebuilds) and, given a
folder, one small JSON file per key, ``<folder>/<kind>/<key[:2]>/<key>.json``, written
through a temporary file and os.replace. A file is read only under its own key, and
checked: a file that is missing, unreadable, corrupt, of another key or of the wrong shape
is made again and rewritten, never an error. The folder is safe to delete at any time.
"""

from __future__ import annotations

import json
import weakref
from collections import Counter
from collections.abc import Callable, Mapping
from contextlib import suppress
from pathlib import Path
from typing import Any, TypeVar

from site_builder.artefacts.fingerprint import digest
from site_builder.artefacts.recipes import code_version
from site_builder.core import atomic
from site_builder.core.model import Practice
from site_builder.core.project import ARTEFACTS_CACHE
from site_builder.core.related import Known
from site_builder.core.vocab import Vocabularies

FORMAT = "handbook-artefacts/1"
FOLDER = ARTEFACTS_CACHE  # under the project root

T = TypeVar("T")


def vocabularies_digest(vocabularies: Vocabularies) -> str:
    """The vocabularies' content: every vocabulary, term, label and description."""
    return digest(repr(vocabularies))


class ArtefactStore:
    """Per-practice artefacts, in memory and (given a folder) on disk.

    ``computed`` counts the artefacts made, by kind; ``rendered`` the sections rendered
    to HTML (artefacts/sections.py); ``loaded`` the artefacts read from disk, by kind.
    `code` puts other versions of the kinds' code in place of their fingerprints.
    """

    def __init__(self, folder: Path | None = None, *, code: Mapping[str, str] | None = None):
        self.folder = folder
        self._code = dict(code or {})
        self.computed: Counter[str] = Counter()
        self.loaded: Counter[str] = Counter()
        self.rendered = 0
        self._memory: dict[str, Any] = {}
        self._vocabularies: tuple[Vocabularies, str] | None = None
        self._once_made: dict[tuple, tuple[weakref.ref, Any]] = {}
        self.related = Known()  # the related practices' scores, found again after an edit

    # -- keys -----------------------------------------------------------------------
    def version(self, kind: str) -> str:
        """The version of the code that makes `kind` (recipes.code_version)."""
        if kind not in self._code:
            self._code[kind] = code_version(kind)
        return self._code[kind]

    def key(self, kind: str, *inputs: Any) -> str:
        return digest(FORMAT, kind, self.version(kind), *inputs)

    def practice_digest(self, practice: Practice) -> str:
        """Every field of the practice (its repr), hashed once per Practice object."""
        return self.per_record("practice", practice, lambda p: digest(repr(p)))

    def vocabularies_digest(self, vocabularies: Vocabularies) -> str:
        """Hashed once per Vocabularies object (the build has one)."""
        if self._vocabularies is None or self._vocabularies[0] is not vocabularies:
            self._vocabularies = (vocabularies, vocabularies_digest(vocabularies))
        return self._vocabularies[1]

    # -- kept in memory ---------------------------------------------------------------
    def remember(self, key: str, make: Callable[[], str]) -> str:
        """make(), kept in memory under `key` (a digest of all it is made from)."""
        if key not in self._memory:
            self._memory[key] = make()
        return self._memory[key]

    def per_record(self, kind: str, value: Any, make: Callable[[Any], T], *shared: Any) -> T:
        """make(value), remembered while this very object lives (the model keeps the
        records of unchanged files from one `mkdocs serve` rebuild to the next), and
        with the same `shared` inputs."""
        slot = (kind, id(value), *shared)
        known = self._once_made.get(slot)
        if known is not None and known[0]() is value:
            return known[1]
        result = make(value)
        self._once_made[slot] = (weakref.ref(value), result)
        return result

    # -- kept in memory and on disk ---------------------------------------------------
    def text_artefact(self, kind: str, key: str, make: Callable[[], str]) -> str:
        """make(), a text, kept in memory and on disk under `key` (see key())."""

        def decode(value: Any) -> str:
            if not isinstance(value, str):
                raise ValueError("not text")
            return value

        return self.lookup(kind, key, make, str, decode)

    def texts_artefact(
        self, kind: str, key: str, make: Callable[[], tuple[str, ...]], count: int
    ) -> tuple[str, ...]:
        """make(), `count` texts (one per section), kept as text_artefact keeps one."""

        def decode(value: Any) -> tuple[str, ...]:
            if not (isinstance(value, list) and len(value) == count):
                raise ValueError("not the number of sections")
            if not all(isinstance(item, str) for item in value):
                raise ValueError("not text")
            return tuple(value)

        return self.lookup(kind, key, make, list, decode)

    def has(self, kind: str, key: str) -> bool:
        """Whether the artefact is in memory or (unchecked) on disk."""
        path = self.path(kind, key)
        return key in self._memory or (path is not None and path.is_file())

    def lookup(
        self,
        kind: str,
        key: str,
        make: Callable[[], T],
        encode: Callable[[T], Any],
        decode: Callable[[Any], T],
    ) -> T:
        """The artefact from memory, else from disk (`decode` raising ValueError,
        KeyError, TypeError or AttributeError for what is not one), else make() kept
        in both (as `encode` gives it for JSON)."""
        if key in self._memory:
            return self._memory[key]
        value = self._read(kind, key, decode)
        if value is None:
            value = make()
            self.computed[kind] += 1
            self._write(kind, key, encode(value))
        else:
            self.loaded[kind] += 1
        self._memory[key] = value
        return value

    def path(self, kind: str, key: str) -> Path | None:
        return None if self.folder is None else self.folder / kind / key[:2] / f"{key}.json"

    def _read(self, kind: str, key: str, decode: Callable[[Any], T]) -> T | None:
        path = self.path(kind, key)
        if path is None:
            return None
        try:
            data = json.loads(path.read_bytes().decode("utf-8"))
            if data["format"] != FORMAT or data["kind"] != kind or data["key"] != key:
                return None
            return decode(data["value"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # missing or damaged: made again

    def _write(self, kind: str, key: str, value: Any) -> None:
        path = self.path(kind, key)
        if path is None:
            return
        data = {"format": FORMAT, "kind": kind, "key": key, "value": value}
        # a read-only or full disk: the build goes on without the copy
        with suppress(OSError):
            atomic.write_text(path, json.dumps(data, ensure_ascii=False))
