"""The controlled vocabularies of a handbook, as read from its ``schema/vocabularies.yml``
(by content/vocab_file.py).

Each vocabulary maps a slug (what editors write) to a :class:`Term` (the label readers
see, a description). The JSON Schemas, the validator, the facets of the pages and the
search, the issue form and the command line's choices are all made from the one
:class:`Vocabularies`, so another handbook with other vocabularies needs no code change.
What is not a vocabulary stays code: the body sections of a practice are the file format
itself (core/sections.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from site_builder.core.project import VOCABULARIES

FILE = VOCABULARIES

# The front-matter field each vocabulary is chosen in, by the vocabulary's name.
FIELDS: dict[str, str] = {
    "ecosystems": "ecosystems",
    "helix": "helix",
    "cluster_roles": "cluster_role",
    "themes": "themes",
    "statuses": "status",
}


@dataclass(frozen=True)
class Term:
    slug: str
    label: str
    description: str = ""
    chapter: str | None = None  # cluster roles: the source guidebook's chapter
    cross_cutting: bool = False  # not a kind of its own (cross-sectoral)


@dataclass(frozen=True)
class Vocabulary:
    name: str  # a key of FIELDS
    title: str  # "Industrial ecosystems"
    singular: str  # "Industrial ecosystem"
    description: str
    terms: tuple[Term, ...] = ()
    max_items: int | None = None

    @property
    def field(self) -> str:
        return FIELDS[self.name]

    @cached_property
    def labels(self) -> dict[str, str]:
        """Slug -> label, in the vocabulary's order."""
        return {t.slug: t.label for t in self.terms}

    @cached_property
    def cross_cutting(self) -> frozenset[str]:
        """The terms that are no kind of their own (`cross_cutting: true`: cross-sectoral)."""
        return frozenset(t.slug for t in self.terms if t.cross_cutting)

    def label(self, slug: str) -> str:
        return self.labels.get(slug, slug)

    def __iter__(self) -> Iterator[str]:
        return iter(self.labels)

    def __contains__(self, slug: object) -> bool:
        return slug in self.labels

    def __len__(self) -> int:
        return len(self.terms)

    def __bool__(self) -> bool:
        return True  # an empty vocabulary is still one (a handbook without themes)


@dataclass(frozen=True)
class Vocabularies:
    ecosystems: Vocabulary
    helix: Vocabulary
    cluster_roles: Vocabulary
    themes: Vocabulary
    statuses: Vocabulary

    def by_field(self) -> dict[str, Vocabulary]:
        """Front-matter field -> its vocabulary (themes only where the handbook has any)."""
        return {v.field: v for v in self.all() if v.terms}

    def all(self) -> tuple[Vocabulary, ...]:
        return (self.ecosystems, self.helix, self.cluster_roles, self.themes, self.statuses)

    def chapters(self) -> dict[str, str]:
        """Cluster role -> its chapter in the source guidebook, where it has one."""
        return {t.slug: t.chapter for t in self.cluster_roles.terms if t.chapter}

    def counted_ecosystems(self, used: set[str]) -> int:
        """How many of the used ecosystem values are ecosystems of their own."""
        return len(used - self.ecosystems.cross_cutting)
