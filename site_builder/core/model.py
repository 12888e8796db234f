"""The handbook's domain objects: immutable records and the problems found in files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from site_builder.core.vocab import Vocabularies


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file; line and column count from 1."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file, in words an editor can act on."""

    location: Location
    message: str
    field: str | None = None
    hint: str | None = None
    # only says the file is not finished yet (the template's questions are still in it):
    # `handbook new` writes such a file on purpose, for the editor to fill in
    unfinished: bool = False

    @property
    def text(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.location.path,
            "line": self.location.line,
            "col": self.location.col,
            "severity": "error",  # the published format keeps the key
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
        }


class ContentError(Exception):
    """Raised where a build must stop: carries every problem, never only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: p.location)
        lines = [f"{p.location}: error: {p.text}" for p in self.problems]
        super().__init__(
            f"{len(self.problems)} problem(s) in the handbook's content:\n" + "\n".join(lines)
        )


@dataclass(frozen=True)
class Section:
    slug: str
    heading: str
    markdown: str
    line: int


@dataclass(frozen=True)
class Contact:
    name: str | None = None
    email: str | None = None
    website: str | None = None


@dataclass(frozen=True)
class Period:
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    publisher: str | None = None
    year: int | None = None
    url: str | None = None
    description: str | None = None
    licence: str | None = None  # as the source states it: a licence's URL or its words


@dataclass(frozen=True)
class Practice:
    id: str
    title: str
    organisation: str
    country: str
    ecosystems: tuple[str, ...]
    helix: tuple[str, ...]
    cluster_role: str
    source: str
    sections: tuple[Section, ...]
    path: str
    region: str | None = None
    themes: tuple[str, ...] = ()
    contacts: tuple[Contact, ...] = ()
    period: Period | None = None
    source_section: str | None = None
    former_ids: tuple[str, ...] = ()  # ids it had before a rename: each old address redirects

    def section(self, slug: str) -> Section | None:
        return next((s for s in self.sections if s.slug == slug), None)

    @property
    def text(self) -> str:
        """All prose of the practice, for search and snippets."""
        return "\n\n".join(s.markdown for s in self.sections)


@dataclass(frozen=True)
class Recommendation:
    id: str
    title: str
    number: str
    source: str
    body: str
    path: str
    status: str | None = None
    points: tuple[str, ...] = ()
    practices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Handbook:
    """The validated model: everything the site, the index and the exports read."""

    practices: tuple[Practice, ...]
    recommendations: tuple[Recommendation, ...]
    sources: dict[str, Source]
    vocabularies: Vocabularies

    def practice(self, practice_id: str) -> Practice | None:
        return next((p for p in self.practices if p.id == practice_id), None)

    def citing(self, practice_id: str) -> tuple[Recommendation, ...]:
        return tuple(r for r in self.recommendations if practice_id in r.practices)

    def country_count(self) -> int:
        return len({p.country for p in self.practices})

    def industrial_ecosystem_count(self) -> int:
        """Industrial ecosystems the practices cover; "cross-sectoral" is not one of them."""
        used = {e for p in self.practices for e in p.ecosystems}
        return self.vocabularies.counted_ecosystems(used)


def relative(path: Path, root: Path | None) -> str:
    """A path as editors see it: relative to the project root where possible."""
    if root is not None:
        for candidate, base in ((path, root), (path.resolve(), root.resolve())):
            try:
                return candidate.relative_to(base).as_posix()
            except ValueError:
                continue
    return path.as_posix()
