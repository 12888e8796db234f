"""The controlled vocabularies of a handbook, read from its ``schema/vocabularies.yml``.

Each vocabulary maps a slug (what editors write) to a :class:`Term` (the label readers
see, a description). The JSON Schemas, the validator, the facets of the pages and the
search, the issue form and the command line's choices are all made from the one
:class:`Vocabularies` read here, so another handbook with other vocabularies needs no
code change. What is not a vocabulary stays below as code: the body sections of a
practice are the file format itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from site_builder.content import frontmatter
from site_builder.core.model import ContentError, Location, Problem
from site_builder.core.project import VOCABULARIES
from site_builder.core.schema import SLUG_PATTERN

FILE = VOCABULARIES

# The front-matter field each vocabulary is chosen in, by the vocabulary's name.
FIELDS: dict[str, str] = {
    "ecosystems": "ecosystems",
    "helix": "helix",
    "cluster_roles": "cluster_role",
    "themes": "themes",
    "statuses": "status",
}
_REQUIRED = ("ecosystems", "helix", "cluster_roles")  # a handbook may have no themes
_TERM_KEYS = {"label", "description", "chapter", "cross_cutting"}
_VOCABULARY_KEYS = {"title", "singular", "description", "max", "terms"}


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


def load(root: Path) -> Vocabularies:
    """The vocabularies of the handbook at `root`; ContentError naming the file and line."""
    path = root / FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(
            [
                Problem(
                    Location(FILE),
                    f"the vocabularies file {FILE} is missing",
                    hint="copy it from the handbook's own repository and adapt it",
                )
            ]
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(
            [
                Problem(
                    Location(FILE),
                    f"{FILE} cannot be read: {exc}",
                    hint="save it with the UTF-8 encoding",
                )
            ]
        ) from None
    return _parsed(text)


@lru_cache(maxsize=8)
def _parsed(text: str) -> Vocabularies:
    """The same text gives the same Vocabularies object, so that what is cached on it
    (schemas, validators, facets, the issue form) is made once per process."""
    return parse(text)


def parse(text: str, shown: str = FILE) -> Vocabularies:
    parsed = frontmatter.parse(text, first_line=1)
    problems = [
        Problem(Location(shown, line, col), message, hint=hint)
        for line, col, message, hint in parsed.errors
    ]
    data = parsed.data if isinstance(parsed.data, dict) else {}
    if not problems and not data:
        problems.append(
            Problem(
                Location(shown),
                f"{shown} must map each vocabulary "
                "(ecosystems, helix, cluster_roles, themes, statuses) to "
                "its title, description and terms",
            )
        )

    def where(path: tuple) -> Location:
        line, col = parsed.position(path, key=True)
        return Location(shown, max(line, 1), col)

    def wrong(path: tuple, message: str, hint: str | None = None) -> None:
        problems.append(Problem(where(path), message, hint=hint))

    vocabularies: dict[str, Vocabulary] = {}
    for name in [*(n for n in data if n not in FIELDS)]:
        wrong((name,), f"unknown vocabulary `{name}`", "known: " + ", ".join(FIELDS))
    for name in FIELDS:
        entry = data.get(name)
        if entry is None and name in _REQUIRED:
            if data:
                wrong((), f"the vocabulary `{name}` is missing")
            continue
        if entry is None:  # no themes, no statuses: an empty vocabulary
            vocabularies[name] = Vocabulary(name, name.replace("_", " ").capitalize(), name, "")
            continue
        vocabularies[name] = _vocabulary(name, entry, wrong)
    if problems:
        raise ContentError(problems)
    return Vocabularies(**vocabularies)


def _vocabulary(name: str, entry: Any, wrong) -> Vocabulary:
    if not isinstance(entry, dict):
        wrong((name,), f"`{name}` must have a title, a singular, a description and terms")
        return Vocabulary(name, name, name, "")
    for key in sorted(set(entry) - _VOCABULARY_KEYS):
        wrong(
            (name, key),
            f"unknown setting `{key}` of `{name}`",
            "allowed: " + ", ".join(sorted(_VOCABULARY_KEYS)),
        )
    texts = {}
    for key in ("title", "singular", "description"):
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            wrong((name, key), f"`{name}` needs a `{key}` (text)")
        texts[key] = str(value or "")
    terms = []
    raw_terms = entry.get("terms") or {}
    if not isinstance(raw_terms, dict):
        wrong((name, "terms"), f"the terms of `{name}` must be `slug:` entries")
        raw_terms = {}
    for slug, term in raw_terms.items():
        terms.append(_term(name, str(slug), term, wrong))
    limit = entry.get("max")
    if limit is not None and (not isinstance(limit, int) or limit < 1):
        wrong((name, "max"), f"`max` of `{name}` must be a whole number above 0")
        limit = None
    return Vocabulary(
        name, texts["title"], texts["singular"], texts["description"], tuple(terms), limit
    )


def _term(name: str, slug: str, term: Any, wrong) -> Term:
    if not SLUG_PATTERN.match(slug):
        wrong(
            (name, "terms", slug),
            f"`{slug}` is not a slug",
            "use lowercase letters, digits and single hyphens",
        )
    if not isinstance(term, dict) or not isinstance(term.get("label"), str):
        wrong((name, "terms", slug), f"the term `{slug}` of `{name}` needs a `label`")
        return Term(slug, slug)
    for key in sorted(set(term) - _TERM_KEYS):
        wrong(
            (name, "terms", slug, key),
            f"unknown setting `{key}` of the term `{slug}`",
            "allowed: " + ", ".join(sorted(_TERM_KEYS)),
        )
    chapter = term.get("chapter")
    return Term(
        slug,
        term["label"],
        str(term.get("description") or ""),
        None if chapter is None else str(chapter),
        term.get("cross_cutting") is True,
    )


# The body sections of a practice: (slug, heading).  The first four are
# required, in this order; the Interreg Europe ones may follow, in this order.
REQUIRED_SECTIONS: tuple[tuple[str, str], ...] = (
    ("challenges", "Challenges"),
    ("stakeholders", "Stakeholders"),
    ("actions", "Actions"),
    ("results", "Results"),
)
OPTIONAL_SECTIONS: tuple[tuple[str, str], ...] = (
    ("resources", "Resources needed"),
    ("evidence", "Evidence of success"),
    ("difficulties", "Difficulties encountered"),
    ("transfer", "Potential for learning or transfer"),
)
SECTIONS: tuple[tuple[str, str], ...] = REQUIRED_SECTIONS + OPTIONAL_SECTIONS
SECTION_BY_HEADING: dict[str, str] = {heading: slug for slug, heading in SECTIONS}
