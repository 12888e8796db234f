"""`handbook new`: a valid practice file to start from."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from site_builder.core.model import Problem
from site_builder.core.sections import REQUIRED_SECTIONS

GUIDANCE = {
    "challenges": "What was the starting point? What did you intend to achieve and why?",
    "stakeholders": "Who was involved in the development of the good practice?",
    "actions": "What have you done? Please make your description as concrete as possible.",
    "results": "What came of it, and why is it considered a success or a good practice?",
}


def slugify(title: str, limit: int = 60) -> str:
    """A file name from a title's Latin letters and digits; empty if it has none."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


def write_checked(root: Path, target: Path, text: str) -> list[Problem]:
    """Write a new practice file and check it; if it is invalid it is removed again, so
    that no command leaves a file behind that would fail the handbook's build."""
    from site_builder.content.validate import (
        check,  # validation's schema and parsers: only when writing
    )

    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    problems = check(root, [target]).problems
    if problems:
        target.unlink()
    return problems


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
