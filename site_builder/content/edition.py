"""What the build knows of the site beyond its records: the handbook's name (mkdocs.yml's
site_name), its language, the content's history (git) and the build's content date
(what needs a date when git knows none). The pages, the citations and the feeds read
them from here; each build makes one (build/settings.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from site_builder.content.history import History


@dataclass(frozen=True)
class Edition:
    name: str = "Cluster Good-Practice Handbook"
    language: str = "en"  # BCP 47, as mkdocs.yml's theme language
    history: History = field(default_factory=History)
    built: int = 0  # the build's content date, seconds since 1970

    def changed(self, path: str) -> int | None:
        """When the content file at `path` last changed, if git knows."""
        return self.history.changed(path)
