"""`handbook new`: a valid practice file to start from."""

from __future__ import annotations

import re
import unicodedata

import yaml

from .vocab import REQUIRED_SECTIONS

GUIDANCE = {
    "challenges": "What was the starting point? What did you intend to achieve and why?",
    "stakeholders": "Who was involved in the development of the good practice?",
    "actions": "What have you done? Please make your description as concrete as possible.",
    "results": "What came of it, and why is it considered a success or a good practice?",
}


def slugify(title: str, limit: int = 60) -> str:
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "practice"


def practice_file(front: dict, sections: dict[str, str] | None = None) -> str:
    """The text of a practice file: these facts, and each section's text or guidance."""
    sections = sections or {}
    meta = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=100,
                          default_flow_style=None)
    body = "\n".join(f"## {heading}\n\n{sections.get(slug) or GUIDANCE[slug]}\n"
                      for slug, heading in REQUIRED_SECTIONS)
    return f"---\n{meta}---\n{body}"
