"""Per-practice artefacts: what costs most to make and depends on one practice (and on
inputs every practice shares), made once per content and then kept, keyed by a hash.

Each artefact's key is the sha256 of what it is made from, and of nothing else:

``section-html``   the sanitised HTML of each body section (markdown_safe.render): the
                   sections' Markdown; the code of markdown_safe (its tags, extensions,
                   rules) and the versions of Python-Markdown and nh3.
``section-text``   the plain text of each section, for the search (documents.plain): the
                   sections' Markdown; the code of search/documents.
``pdf-practice``   the practice's part of handbook.pdf's Typst source (handbook_typst):
                   every field of the practice, its section-html, the vocabularies'
                   content, its source's record; the code of the modules it runs.
``print-fragment`` the practice's script for the print view of a selection
                   (print_selection): every field of the practice, its section-html key,
                   the vocabularies' content, its source's record; the code of the
                   modules it runs and the templates.
``search-entry``   the practice's search document: the fields it reads (id, title,
                   organisation, region, country, ecosystems, themes, helix, cluster
                   role, the section headings), the section-text key, the vocabularies'
                   content (the labels), the site's URL style; the code of the modules
                   it runs (documents, facets, countries, urls, vocab, model).

Every key also carries this module's source and the Python version ("the code"). None
reads the practice's file name; the two section artefacts do not read its id either, so
two practices with the same text share them, and no more: their entries are their own.

The store keeps what it made in a dict for its life (under `mkdocs serve` the adapter's
Pipeline keeps one store across rebuilds) and, given a folder, one small JSON file per
key, ``<folder>/<kind>/<key[:2]>/<key>.json``, written through a temporary file and
os.replace. A file is read only under its own key, and checked: a file that is missing,
unreadable, corrupt, of another key or of the wrong shape is made again and rewritten,
never an error. The folder is safe to delete at any time.
"""

from __future__ import annotations

import hashlib
import json
import sys
import weakref
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import asdict
from functools import cache
from importlib import metadata, util
from pathlib import Path
from typing import Any, TypeVar

from site_builder.artefacts.worker import Worker
from site_builder.content.markdown_safe import render
from site_builder.core import atomic
from site_builder.core.facets import facets_for
from site_builder.core.model import Practice
from site_builder.core.project import ARTEFACTS_CACHE
from site_builder.core.related import Known
from site_builder.core.urls import Urls
from site_builder.core.vocab import Vocabularies
from site_builder.search import shards
from site_builder.search.documents import SearchDocument, plain, practice_document

FORMAT = "handbook-artefacts/1"
FOLDER = ARTEFACTS_CACHE  # under the project root

# kind -> (the modules whose source it runs, the distributions whose version it depends on)
CODE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "section-html": (("site_builder.content.markdown_safe",), ("markdown", "nh3")),
    "section-text": (("site_builder.search.documents",), ()),
    "search-entry": (
        (
            "site_builder.search.documents",
            "site_builder.search.text",
            "site_builder.search.shards",
            "site_builder.core.facets",
            "site_builder.core.countries",
            "site_builder.core.urls",
            "site_builder.core.vocab",
            "site_builder.core.model",
        ),
        (),
    ),
    # a practice's part of handbook.pdf's Typst source
    "pdf-practice": (
        (
            "site_builder.outputs.pdf.typst_sources",
            "site_builder.outputs.pdf.typst_markup",
            "site_builder.outputs.facts",
            "site_builder.core.facets",
            "site_builder.core.countries",
            "site_builder.core.vocab",
            "site_builder.core.model",
        ),
        (),
    ),
    # a practice's print fragment (print_selection), and every template (as for "page")
    "print-fragment": (
        (
            "site_builder.render.print_selection",
            "site_builder.outputs.practice_list",
            "site_builder.outputs.facts",
            "site_builder.render.templates",
            "site_builder.core.facets",
            "site_builder.core.countries",
            "site_builder.core.vocab",
            "site_builder.core.model",
        ),
        ("jinja2",),
    ),
    # a generated page's key (pages.Planned): the code that turns records into pages,
    # and (see _code_versions) every template in site_builder/render/templates/
    "page": (
        (
            "site_builder.render.pages",
            "site_builder.outputs.practice_list",
            "site_builder.render.print_selection",
            "site_builder.render.templates",
            "site_builder.content.markdown_safe",
            "site_builder.core.related",
            "site_builder.render.charts",
            "site_builder.outputs.citation",
            "site_builder.outputs.feeds",
            "site_builder.content.history",
            "site_builder.content.edition",
            "site_builder.render.europe_map",
            "site_builder.render.coverage",
            "site_builder.core.facets",
            "site_builder.core.countries",
            "site_builder.core.urls",
            "site_builder.core.vocab",
            "site_builder.core.model",
        ),
        ("jinja2", "markdown", "nh3"),
    ),
}
TEMPLATES = Path(__file__).parents[1] / "render" / "templates"
PARALLEL_FROM = 200  # practices whose sections to render before the worker takes half

T = TypeVar("T")


def digest(*parts: Any) -> str:
    """sha256 of JSON-able parts, unambiguous (JSON quotes and separates every string)."""
    text = json.dumps(parts, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def _code_versions() -> tuple[tuple[str, str], ...]:
    """Once per process: per kind, the hash of its modules' source and libraries."""
    own = _source_digest(__name__)
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    return tuple(
        (
            kind,
            digest(
                own,
                python,
                [_source_digest(name) for name in modules],
                [metadata.version(name) for name in libraries],
                folder_digest(TEMPLATES) if kind in ("page", "print-fragment") else None,
            ),
        )
        for kind, (modules, libraries) in CODE.items()
    )


def folder_digest(folder: Path) -> str:
    """Every file under `folder`: its relative path and the sha256 of its bytes."""
    return digest(
        [
            [path.relative_to(folder).as_posix(), hashlib.sha256(path.read_bytes()).hexdigest()]
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        ]
    )


def code_versions() -> dict[str, str]:
    return dict(_code_versions())


def _source_digest(module: str) -> str:
    spec = util.find_spec(module)
    assert spec is not None and spec.origin, module
    return hashlib.sha256(Path(spec.origin).read_bytes()).hexdigest()


def vocabularies_digest(vocabularies: Vocabularies) -> str:
    """The vocabularies' content: every vocabulary, term, label and description."""
    return digest(repr(vocabularies))


class ArtefactStore:
    """Per-practice artefacts, in memory and (given a folder) on disk.

    ``computed`` counts the artefacts made, by kind; ``rendered`` the sections rendered
    to HTML; ``loaded`` the artefacts read from disk, by kind.
    """

    def __init__(self, folder: Path | None = None, *, code: Mapping[str, str] | None = None):
        self.folder = folder
        self.code = dict(code_versions() if code is None else code)
        self.computed: Counter[str] = Counter()
        self.loaded: Counter[str] = Counter()
        self.rendered = 0
        self._memory: dict[str, Any] = {}
        self._vocabularies: tuple[Vocabularies, str] | None = None
        self._once_made: dict[tuple, tuple[weakref.ref, Any]] = {}
        self.related = Known()  # the related practices' scores, found again after an edit

    # -- the artefacts --------------------------------------------------------------
    def key(self, kind: str, *inputs: Any) -> str:
        return digest(FORMAT, kind, self.code[kind], *inputs)

    def section_html(self, practice: Practice) -> tuple[str, ...]:
        """The sanitised HTML of each section, in the practice's order."""
        return self.per_record("section-html", practice, self._section_html)

    def _section_html(self, practice: Practice) -> tuple[str, ...]:
        texts = [s.markdown for s in practice.sections]

        def make() -> tuple[str, ...]:
            self.rendered += len(texts)
            return tuple(render(text) for text in texts)

        return self._get("section-html", self.key("section-html", texts), make, len(texts))

    def render_sections(self, practices: Sequence[Practice], worker: Worker | None) -> None:
        """Ahead of section_html: the sections of these practices that are neither in
        memory nor on disk, every other practice's rendered in the worker meanwhile
        (from PARALLEL_FROM practices on: fewer are not worth the copying)."""
        missing = []
        for p in practices:
            texts = [s.markdown for s in p.sections]
            key = self.key("section-html", texts)
            path = self.path("section-html", key)
            if key not in self._memory and not (path is not None and path.is_file()):
                missing.append((p, texts, key))
        if worker is None or len(missing) < PARALLEL_FROM:
            return
        theirs = worker.submit(render_all, [texts for _, texts, _ in missing[1::2]])
        mine = render_all([texts for _, texts, _ in missing[0::2]])
        done = [*zip(missing[0::2], mine, strict=True)]
        done += zip(missing[1::2], theirs.result(), strict=True)
        for (_, texts, key), html in done:
            self.rendered += len(texts)
            self._get("section-html", key, _given(html), len(texts))

    def section_text(self, practice: Practice) -> tuple[str, ...]:
        """The plain text of each section, for the search."""
        return self.per_record("section-text", practice, self._section_text)

    def _section_text(self, practice: Practice) -> tuple[str, ...]:
        texts = [s.markdown for s in practice.sections]
        key = self.key("section-text", texts)
        return self._get("section-text", key, lambda: tuple(map(plain, texts)), len(texts))

    def search_document(
        self, practice: Practice, vocabularies: Vocabularies, urls: Urls
    ) -> SearchDocument:
        shared = (self.vocabularies_digest(vocabularies), urls.directory_urls)
        return self.per_record(
            "search-entry",
            practice,
            lambda p: self._search_document(p, vocabularies, urls),
            *shared,
        )

    def _search_document(
        self, practice: Practice, vocabularies: Vocabularies, urls: Urls
    ) -> SearchDocument:
        p = practice
        text_key = self.key("section-text", [s.markdown for s in p.sections])
        key = self.key(
            "search-entry",
            [p.id, p.title, p.organisation, p.region, p.country, p.cluster_role],
            [list(p.ecosystems), list(p.themes), list(p.helix)],
            [s.heading for s in p.sections],
            text_key,
            self.vocabularies_digest(vocabularies),
            urls.directory_urls,
        )

        def make() -> SearchDocument:
            facets = facets_for(vocabularies)
            return practice_document(p, facets, urls, texts=self.section_text(p))

        return self._get_document(key, make)

    def practice_digest(self, practice: Practice) -> str:
        """Every field of the practice (its repr), hashed once per Practice object."""
        return self.per_record("practice", practice, lambda p: digest(repr(p)))

    def row_digest(self, practice: Practice) -> str:
        """The fields a list of practices shows of one (the views, All practices, the
        related practices): its id, title, organisation, region, country and facet values."""
        return self.per_record("row", practice, _row)

    def text_artefact(self, kind: str, key: str, make: Callable[[], str]) -> str:
        """make(), a text, kept in memory and on disk under `key` (see key())."""

        def decode(value: Any) -> str:
            if not isinstance(value, str):
                raise ValueError("not text")
            return value

        return self._lookup(kind, key, make, str, decode)

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

    def vocabularies_digest(self, vocabularies: Vocabularies) -> str:
        """Hashed once per Vocabularies object (the build has one)."""
        if self._vocabularies is None or self._vocabularies[0] is not vocabularies:
            self._vocabularies = (vocabularies, vocabularies_digest(vocabularies))
        return self._vocabularies[1]

    # -- memory, then disk, then made -------------------------------------------------
    def _get(self, kind: str, key: str, make: Callable[[], tuple[str, ...]], count: int):
        def decode(value: Any) -> tuple[str, ...]:
            if not (isinstance(value, list) and len(value) == count):
                raise ValueError("not the number of sections")
            if not all(isinstance(item, str) for item in value):
                raise ValueError("not text")
            return tuple(value)

        return self._lookup(kind, key, make, list, decode)

    def _get_document(self, key: str, make: Callable[[], SearchDocument]) -> SearchDocument:
        return self._lookup("search-entry", key, make, _entry, _document)

    def _lookup(
        self,
        kind: str,
        key: str,
        make: Callable[[], T],
        encode: Callable[[T], Any],
        decode: Callable[[Any], T],
    ) -> T:
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


def _given(value: tuple[str, ...]) -> Callable[[], tuple[str, ...]]:
    return lambda: value


def render_all(texts: list[list[str]]) -> list[tuple[str, ...]]:
    """Each practice's sections' sanitised HTML (in the worker, or here)."""
    return [tuple(render(text) for text in practice) for practice in texts]


def _row(p: Practice) -> str:
    return digest(
        [p.id, p.title, p.organisation, p.region, p.country, p.cluster_role],
        [list(p.ecosystems), list(p.helix), list(p.themes)],
    )


def _entry(doc: SearchDocument) -> dict:
    """A search document as stored, with its fields' index terms (made once: tokenising
    every practice again for each index took longer than the rest of the index)."""
    return {**asdict(doc), "terms": [dict(counts) for counts in shards.field_terms(doc)]}


def _document(value: Any) -> SearchDocument:
    """A search document from its stored JSON, every field checked for its type; its
    terms, if stored, remembered for the index (shards.field_terms)."""
    doc = _read_document(value)
    terms = value.get("terms")
    if terms is not None:
        if not isinstance(terms, list) or len(terms) != len(shards.FIELDS):
            raise ValueError("not the fields' terms")
        counts = []
        for field_terms in terms:
            if not isinstance(field_terms, dict) or not all(
                isinstance(t, str) and isinstance(n, int) for t, n in field_terms.items()
            ):
                raise ValueError("not a field's terms")
            counts.append(Counter(field_terms))
        shards.remember_terms(doc, tuple(counts))
    return doc


def _read_document(value: Any) -> SearchDocument:

    def strings(items: Any) -> tuple[str, ...]:
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise ValueError("not a list of text")
        return tuple(items)

    def pairs(items: Any, second: Callable[[Any], Any]) -> tuple:
        if not isinstance(items, list) or not all(len(strings(i[:1])) == 1 for i in items):
            raise ValueError("not a list of pairs")
        return tuple((first, second(rest)) for first, rest in items)

    def text(item: Any) -> str:
        if not isinstance(item, str):
            raise ValueError("not text")
        return item

    return SearchDocument(
        location=text(value["location"]),
        type=text(value["type"]),
        id=text(value["id"]),
        title=text(value["title"]),
        sections=pairs(value["sections"], text),
        organisation=text(value["organisation"]),
        region=text(value["region"]),
        values=pairs(value["values"], strings),
        labels=strings(value["labels"]),
    )
