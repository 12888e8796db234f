"""Build a practice file: front-matter values from source fields, and the file's text."""

from __future__ import annotations

import json
import re
import unicodedata

from site_builder.core.countries import code_for
from site_builder.core.sections import OPTIONAL_SECTIONS, REQUIRED_SECTIONS
from site_builder.editors.importers import vocabularies

FIELD_ORDER = (
    "id",
    "title",
    "organisation",
    "country",
    "region",
    "ecosystems",
    "helix",
    "cluster_role",
    "themes",
    "contact",
    "period",
    "source",
    "source_section",
)
SLUG_STOPWORDS = frozenset(
    ["a", "an", "the", "of", "and", "for", "in", "on", "to", "via", "at", "by", "with"]
)
SLUG_MAX_WORDS = 6

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]+", re.I)
_NOISE_WORDS = {"ecosystem", "ecosystems", "industries", "industry", "the", "and"}
# Words in an organisation's name that tell its ecosystem, when the source gives none.
_ORGANISATION_HINTS = (
    (r"agri-?food|food|agro", "agri-food"),
    (r"health|medic|pharma|biotech", "health"),
    (r"textile|wool|footwear", "textile"),
    (r"renewable|energy|biomass", "energy-renewables"),
    (r"automotive|mobility", "mobility-transport-automotive"),
    (r"tourism", "tourism"),
    (r"digital|\bICT\b|\bIT\b", "digital"),
)


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def unique_slug(title: str, used: set[str]) -> str:
    """A short id from the title: its first significant words, made unique."""
    words = re.findall(r"[a-z0-9]+", ascii_fold(title).lower())
    kept = [w for w in words if w not in SLUG_STOPWORDS][:SLUG_MAX_WORDS] or ["practice"]
    slug, n = "-".join(kept), 2
    while slug in used:
        slug, n = f"{'-'.join(kept)}-{n}", n + 1
    used.add(slug)
    return slug


def country_code(value: str) -> str:
    """The ISO code of `AT - Austria`, `Austria`, `Österreich` or `AT`; '' when none is
    recognised (countries.parse_country reads it, as for every other caller)."""
    return code_for(value) or ""


def _ecosystem_words(text: str) -> str:
    words = re.findall(r"[a-z]+", ascii_fold(text).lower())
    return " ".join(w for w in words if w not in _NOISE_WORDS)


_ECOSYSTEMS = vocabularies().ecosystems.labels
_ECOSYSTEM_KEYS = {_ecosystem_words(s.replace("-", " ")): s for s in _ECOSYSTEMS} | {
    _ecosystem_words(label): slug for slug, label in _ECOSYSTEMS.items()
}


def ecosystems(value: str, organisation: str = "") -> list[str]:
    """Ecosystem slugs from the source's spelling (`Digital - Cross-sectoral`, ...).

    When the source gives none, the organisation's name may tell it (an
    "Agrifood" foundation is agri-food)."""
    whole = _ECOSYSTEM_KEYS.get(_ecosystem_words(value))
    if whole:
        return [whole]
    found = []
    for part in re.split(r"\s+[-\u2013]\s+|[/;]|,(?![^,]*\band\b)", value):
        slug = _ECOSYSTEM_KEYS.get(_ecosystem_words(part))
        if slug and slug not in found:
            found.append(slug)
    if not found and not value.strip():
        found = [
            slug for pattern, slug in _ORGANISATION_HINTS if re.search(pattern, organisation, re.I)
        ][:1]
    return found[:3]


def website(url: str) -> str:
    url = url.rstrip(".,;")
    return url if re.match(r"https?://", url, re.I) else "https://" + url


def contact_item(line: str) -> tuple[str, str]:
    """('email' | 'website' | 'name', value) for one line of a contact block."""
    line = line.strip()
    if m := _EMAIL.search(line):
        return "email", m.group(0)
    if m := _URL.search(line):
        return "website", website(m.group(0))
    return "name", line.strip("*_ ")


def yaml_scalar(value) -> str:
    """A YAML scalar: plain where that is safe, double-quoted otherwise."""
    if isinstance(value, int):
        return str(value)
    text = str(value)
    plain = re.fullmatch(r"[A-Za-z\u00c0-\u024f][^\n#:\"'\[\]{},&*!|>%@`]*", text)
    if (
        plain
        and not text.endswith(" ")
        and text.lower() not in {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def _yaml_lines(key: str, value, indent: str = "") -> list[str]:
    if isinstance(value, dict):
        return [f"{indent}{key}:"] + [
            line for k, v in value.items() for line in _yaml_lines(k, v, indent + "  ")
        ]
    if isinstance(value, list) and value and isinstance(value[0], dict):
        out = [f"{indent}{key}:"]
        for item in value:
            lines = [line for k, v in item.items() for line in _yaml_lines(k, v, indent + "    ")]
            out += [f"{indent}  - {lines[0].lstrip()}"] + lines[1:]
        return out
    if isinstance(value, list):
        return [f"{indent}{key}: [{', '.join(yaml_scalar(v) for v in value)}]"]
    return [f"{indent}{key}: {yaml_scalar(value)}"]


def front_matter(front: dict) -> str:
    """The front matter block, keys in the handbook's order, empty values left out."""
    lines = ["---"]
    for key in FIELD_ORDER:
        value = front.get(key)
        if key == "contact" and isinstance(value, list) and len(value) == 1:
            value = value[0]
        if value in (None, "", [], {}):
            continue
        lines += _yaml_lines(key, value)
    return "\n".join(lines + ["---"]) + "\n"


def render(front: dict, sections: dict[str, str]) -> str:
    """The whole practice file: front matter, then the sections in their order."""
    parts = [front_matter(front)]
    for _, heading in REQUIRED_SECTIONS + OPTIONAL_SECTIONS:
        text = sections.get(heading, "").strip()
        if text or heading in dict(REQUIRED_SECTIONS).values():
            parts.append(f"## {heading}\n\n{text}\n" if text else f"## {heading}\n")
    return "\n".join(parts)
