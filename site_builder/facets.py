"""The facets readers browse and filter by: one definition each, used everywhere."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .countries import COUNTRIES
from .model import Practice
from .vocab import CLUSTER_ROLES, ECOSYSTEMS, HELIX_ROLES, THEMES


@dataclass(frozen=True)
class Facet:
    key: str            # name in URLs and data attributes: ?ecosystem=health
    folder: str         # browse pages: <folder>/<slug>.html; "" for no browse pages
    title: str          # "Industrial ecosystems"
    singular: str       # "Industrial ecosystem"
    values_of: Callable[[Practice], tuple[str, ...]]
    labels: dict[str, str] | None  # None: labels come from the country list

    def label(self, value: str) -> str:
        if self.labels is None:
            return COUNTRIES.get(value, value)
        return self.labels.get(value, value)

    def slug(self, value: str) -> str:
        return value.lower()

    def page(self, value: str) -> str:
        return f"{self.folder}/{self.slug(value)}.html"

    def order(self, values: set[str]) -> list[str]:
        """Vocabulary order for controlled values, alphabetical by label for countries."""
        if self.labels is None:
            return sorted(values, key=lambda v: self.label(v).casefold())
        return [v for v in self.labels if v in values]


ECOSYSTEM = Facet("ecosystem", "ecosystems", "Industrial ecosystems", "Industrial ecosystem",
                  lambda p: p.ecosystems, ECOSYSTEMS)
COUNTRY = Facet("country", "countries", "Countries", "Country", lambda p: (p.country,), None)
HELIX = Facet("helix", "helix", "Helix roles", "Helix role", lambda p: p.helix, HELIX_ROLES)
ROLE = Facet("role", "roles", "Cluster roles", "Cluster role", lambda p: (p.cluster_role,),
             CLUSTER_ROLES)
THEME = Facet("theme", "", "Themes", "Theme", lambda p: p.themes, THEMES)

BROWSE_FACETS = (ECOSYSTEM, COUNTRY, HELIX, ROLE)
FILTER_FACETS = (ECOSYSTEM, COUNTRY, HELIX, ROLE, THEME)


def group(practices: tuple[Practice, ...], facet: Facet) -> dict[str, list[Practice]]:
    """Value -> practices with it, values in facet order, practices sorted by title."""
    groups: dict[str, list[Practice]] = {}
    for practice in practices:
        for value in facet.values_of(practice):
            groups.setdefault(value, []).append(practice)
    ordered = facet.order(set(groups))
    return {v: sorted(groups[v], key=lambda p: (p.title.casefold(), p.id)) for v in ordered}
