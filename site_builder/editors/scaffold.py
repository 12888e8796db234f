"""A new practice file: its front matter, each section's guiding question, written only if
valid (what `handbook new` and `handbook from-issue` write)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from site_builder.core.model import Problem
from site_builder.core.sections import GUIDANCE, REQUIRED_SECTIONS

DEFAULT_SOURCE = "handbook-editors"  # the source of a practice no published document holds


def slugify(title: str, limit: int = 60) -> str:
    """A file name from a title's Latin letters and digits; empty if it has none."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


def write_checked(
    root: Path, target: Path, text: str, *, to_fill_in: bool = False
) -> list[Problem]:
    """Write a new practice file and check it; if it is invalid it is removed again, so
    that no command leaves a broken file behind. With `to_fill_in`, a file whose only
    problems are the template's questions is kept (they are the editor's to answer; the
    validator and the build refuse it until then). The problems that removed it, or
    with `to_fill_in` those left to answer."""
    from site_builder.content.validate import (
        check,  # validation's schema and parsers: only when writing
    )

    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    problems = check(root, [target]).problems
    if problems and not (to_fill_in and all(p.unfinished for p in problems)):
        target.unlink()
    return problems


def front_matter(
    practice_id: str,
    title: str,
    organisation: str,
    country: str,
    ecosystems: list[str],
    helix: list[str],
    cluster_role: str,
    *,
    region: str | None = None,
    themes: list[str] | None = None,
    source: str = DEFAULT_SOURCE,
) -> dict:
    """A new practice's front matter, in the order of the file format."""
    front: dict = {"id": practice_id, "title": title, "organisation": organisation}
    front["country"] = country
    if region:
        front["region"] = region
    front |= {"ecosystems": ecosystems, "helix": helix, "cluster_role": cluster_role}
    if themes:
        front["themes"] = themes
    front["source"] = source
    return front


def practice_file(front: dict, sections: dict[str, str] | None = None) -> str:
    """The text of a practice file: these facts, and each section's text or guidance."""
    sections = sections or {}
    meta = yaml.safe_dump(
        front, sort_keys=False, allow_unicode=True, width=100, default_flow_style=None
    )
    body = "\n".join(
        f"## {heading}\n\n{sections.get(slug) or GUIDANCE[slug]}\n"
        for slug, heading in REQUIRED_SECTIONS
    )
    return f"---\n{meta}---\n{body}"
