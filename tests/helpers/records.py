"""Model records made in memory, and texts that try to break out of what holds them."""

from __future__ import annotations

from dataclasses import replace

from site_builder.core.model import Practice, Section


def practice(practice_id: str = "ribes-nest-veneto", **changes) -> Practice:
    """The base corpus's practice as a record, with one short section, under
    `practice_id` (its file named after it) and with `changes`."""
    base = Practice(
        id=practice_id,
        title="Regional Innovative Network of Veneto",
        organisation="RIBES per l'Ecosistema Salute e l'Alimentazione Smart",
        country="IT",
        ecosystems=("health",),
        helix=("industry", "academia"),
        cluster_role="innovation-engagement",
        source="eca-2025",
        sections=(Section("challenges", "Challenges", "Text.", 1),),
        path=f"practices/{practice_id}.md",
        region="Veneto",
        themes=("digitalisation",),
    )
    return replace(base, **changes)


# Texts that would end a field of BibTeX, RIS, JSON, XML or HTML if they were not escaped
HOSTILE = [
    "} @misc{x, title={pwned}",
    "</script><script>alert(1)</script>",
    'A "quoted" \\ backslash % percent & amp # hash _ under ^ caret ~ tilde $ dollar',
    "Line one\nER  - \nTY  - JOUR",
    "Unicode\u2028line\u2029paragraph\u0085next\x0bvertical\x00nul",
    "{unbalanced",
    "\\textbf{bold} \\input{/etc/passwd}",
    "Ünïcödé — ‹guillemets› 日本語",
]
