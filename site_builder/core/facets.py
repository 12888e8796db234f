"""The facets readers browse, filter and search by: defined once, here.

A facet is a key (``?ecosystem=health`` in URLs, ``data-ecosystem`` on list items,
``--ecosystem`` on the command line, ``ecosystem:health`` in a search query), the
practice field it reads, and its values' labels, which come from the handbook's
vocabularies (or, for countries, from ISO 3166). The pages, the filters' script, the
search index and worker, the command line and the validator's messages all take the
facets from :func:`facets_for`; the browser gets them from the data the build writes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from site_builder.core.countries import COUNTRIES
from site_builder.core.model import Practice
from site_builder.core.vocab import Vocabularies, Vocabulary


@dataclass(frozen=True)
class Facet:
    key: str  # name in URLs, data attributes, search filters and CLI flags
    folder: str  # browse pages: <folder>/<slug>.md; "" for no browse pages
    title: str  # "Industrial ecosystems"
    singular: str  # "Industrial ecosystem"
    values_of: Callable[[Practice], tuple[str, ...]]
    vocabulary: Vocabulary | None  # None: values are country codes
    field: str  # the front-matter field it reads

    @property
    def upper(self) -> bool:
        """Values are written in capitals (country codes)."""
        return self.vocabulary is None

    @property
    def labels(self) -> dict[str, str]:
        return COUNTRIES if self.vocabulary is None else self.vocabulary.labels

    def label(self, value: str) -> str:
        return self.labels.get(value, value)

    def labels_of(self, values) -> list[str]:
        return [self.label(v) for v in values]

    def value(self, text: str) -> str:
        """A value as written in a query or on the command line, in its canonical case."""
        return text.upper() if self.upper else text.lower()

    def slug(self, value: str) -> str:
        return value.lower()

    def src_uri(self, value: str) -> str:
        """The source path of the value's browse page (a generated MkDocs page)."""
        return f"{self.folder}/{self.slug(value)}.md"

    @property
    def index_uri(self) -> str:
        return f"{self.folder}/index.md"

    def order(self, values: set[str]) -> list[str]:
        """Vocabulary order for controlled values, alphabetical by label for countries."""
        if self.vocabulary is None:
            return sorted(values, key=lambda v: self.label(v).casefold())
        return [v for v in self.vocabulary if v in values]

    def describe(self) -> dict:
        """What the browser's scripts need to know of the facet (written by the build)."""
        return {
            "key": self.key,
            "title": self.title,
            "singular": self.singular,
            "upper": self.upper,
        }


@dataclass(frozen=True)
class Facets:
    ecosystem: Facet
    country: Facet
    helix: Facet
    role: Facet
    theme: Facet | None  # None: the handbook has no themes

    @property
    def browse(self) -> tuple[Facet, ...]:
        """The facets with a browse page per value (views that work without JavaScript)."""
        return (self.ecosystem, self.country, self.helix, self.role)

    @property
    def filters(self) -> tuple[Facet, ...]:
        """The facets of the All practices filters and of the search."""
        return self.browse + ((self.theme,) if self.theme else ())

    def by_key(self) -> dict[str, Facet]:
        return {f.key: f for f in self.filters}


@lru_cache(maxsize=8)
def facets_for(vocabularies: Vocabularies) -> Facets:
    def of(key, folder, vocabulary, values_of):
        return Facet(
            key,
            folder,
            vocabulary.title,
            vocabulary.singular,
            values_of,
            vocabulary,
            vocabulary.field,
        )

    return Facets(
        ecosystem=of("ecosystem", "ecosystems", vocabularies.ecosystems, lambda p: p.ecosystems),
        country=Facet(
            "country", "countries", "Countries", "Country", lambda p: (p.country,), None, "country"
        ),
        helix=of("helix", "helix", vocabularies.helix, lambda p: p.helix),
        role=of("role", "roles", vocabularies.cluster_roles, lambda p: (p.cluster_role,)),
        theme=of("theme", "", vocabularies.themes, lambda p: p.themes)
        if vocabularies.themes.terms
        else None,
    )


def group(practices: tuple[Practice, ...], facet: Facet) -> dict[str, list[Practice]]:
    """Value -> practices with it, values in facet order, practices sorted by title."""
    groups: dict[str, list[Practice]] = {}
    for practice in practices:
        for value in facet.values_of(practice):
            groups.setdefault(value, []).append(practice)
    ordered = facet.order(set(groups))
    return {v: sorted(groups[v], key=lambda p: (p.title.casefold(), p.id)) for v in ordered}
